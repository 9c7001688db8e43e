// Control.CreateToken / ListTokens / RevokeToken: named access tokens.
#include "absl/strings/str_cat.h"
#include "api/control_service.h"
#include "api/convert.h"
#include "api/unary.h"

namespace ls::api {
namespace {

namespace v1 = lightshow::v1;

v1::TokenRole ToProto(auth::Role r) {
  return r == auth::Role::kAdmin ? v1::TOKEN_ROLE_ADMIN : v1::TOKEN_ROLE_AGENT;
}

void ToProto(const auth::TokenInfo& in, v1::TokenInfo* out) {
  out->set_name(in.name);
  out->set_role(ToProto(in.role));
  out->set_created_unix_ms(in.created_unix_ms);
}

}  // namespace

grpc::ServerUnaryReactor* ControlService::CreateToken(grpc::CallbackServerContext* ctx,
                                                      const v1::CreateTokenRequest* req,
                                                      v1::CreateTokenReply* reply) {
  return Unary(ctx, deps_, "CreateToken", [=] {
    auth::Role role;
    switch (req->role()) {
      case v1::TOKEN_ROLE_AGENT: role = auth::Role::kAgent; break;
      case v1::TOKEN_ROLE_ADMIN: role = auth::Role::kAdmin; break;
      default:
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            absl::StrCat("token role must be agent or admin, got ",
                                         v1::TokenRole_Name(req->role()).empty()
                                             ? std::to_string(req->role())
                                             : v1::TokenRole_Name(req->role())));
    }
    auto made = deps_.tokens.Create(role, req->name());
    if (!made.ok()) return ToGrpc(made.status());
    ToProto(made->first, reply->mutable_info());
    reply->set_token(made->second);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::ListTokens(grpc::CallbackServerContext* ctx,
                                                     const v1::ListTokensRequest*,
                                                     v1::ListTokensReply* reply) {
  return Unary(ctx, deps_, "ListTokens", [=] {
    for (const auto& t : deps_.tokens.List()) ToProto(t, reply->add_tokens());
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::RevokeToken(grpc::CallbackServerContext* ctx,
                                                      const v1::RevokeTokenRequest* req,
                                                      v1::RevokeTokenReply*) {
  return Unary(ctx, deps_, "RevokeToken", [=] {
    grpc::Status st = ToGrpc(deps_.tokens.Revoke(req->name()));
    // A revoked agent token also ends the streams opened with it, at once.
    if (st.ok()) deps_.play.registry.CloseByToken(req->name());
    return st;
  });
}

}  // namespace ls::api
