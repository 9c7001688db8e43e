// One table of bad inputs across the whole API (Control and AgentLink), sent
// straight over gRPC to the real server: each must get its exact status code
// and leave the catalog (songs, unavailable songs, tokens, stored blobs)
// exactly as it was. Bad uploads through lsctl itself are in bad_input_test.cc.
#include <filesystem>
#include <functional>

#include "audio/encode.h"
#include "audio/synth.h"
#include "cluster.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "lightshow/v1/agent_link.grpc.pb.h"
#include "lightshow/v1/control.grpc.pb.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;
namespace v1 = lightshow::v1;

struct Case {
  std::string name;
  grpc::StatusCode code;
  std::function<grpc::Status()> call;
};

class ApiBadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cluster_ = new Cluster({"--max-upload-mb", "1"});
    cluster_->StartAgent("pi-1", cluster_->dir().File("pi-1.csv"));
    std::string path = cluster_->dir().File("good.wav");
    WriteTune(path, 3.0);
    auto j = cluster_->LsctlJson({"submit", path});
    song_id_ = new std::string(j["songs"][0]["id"].get<std::string>());
  }
  static void TearDownTestSuite() {
    delete cluster_;
    delete song_id_;
  }

  void SetUp() override {
    channel_ = grpc::CreateChannel(cluster_->address(), grpc::InsecureChannelCredentials());
    control_ = v1::Control::NewStub(channel_);
    agents_ = v1::AgentLink::NewStub(channel_);
    token_ = ReadAll(cluster_->token_file());
    while (!token_.empty() && token_.back() == '\n') token_.pop_back();
  }

  std::unique_ptr<grpc::ClientContext> Ctx() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", "Bearer " + token_);
    ctx->set_deadline(std::chrono::system_clock::now() + 15s);
    return ctx;
  }

  /// Everything a bad request must not change.
  std::string Snapshot() {
    std::string out;
    v1::ListSongsReply songs;
    auto ctx = Ctx();
    EXPECT_TRUE(control_->ListSongs(ctx.get(), {}, &songs).ok());
    out += songs.SerializeAsString();
    v1::ListTokensReply tokens;
    ctx = Ctx();
    EXPECT_TRUE(control_->ListTokens(ctx.get(), {}, &tokens).ok());
    out += tokens.SerializeAsString();
    v1::ListJobsReply jobs;  // a refused training request queues no job
    ctx = Ctx();
    EXPECT_TRUE(control_->ListJobs(ctx.get(), {}, &jobs).ok());
    out += jobs.SerializeAsString();
    for (const char* kind : {"songs", "shows"}) {
      for (const auto& e : std::filesystem::directory_iterator(cluster_->data_dir() + "/blobs/" + kind)) {
        out += e.path().filename().string() + ";";
      }
    }
    return out;
  }

  grpc::Status Upload(const std::vector<v1::UploadChunk>& chunks) {
    auto ctx = Ctx();
    v1::UploadReply reply;
    auto w = control_->Upload(ctx.get(), &reply);
    for (const auto& c : chunks) {
      if (!w->Write(c)) break;
    }
    w->WritesDone();
    return w->Finish();
  }

  /// Connects an agent stream, sends `msgs`, and returns how the server ended
  /// it; OK when a welcome came and `welcome_is_ok` (else reading goes on).
  grpc::Status Agent(const std::vector<v1::AgentMessage>& msgs, bool welcome_is_ok = true) {
    auto ctx = Ctx();
    auto stream = agents_->Connect(ctx.get());
    for (const auto& m : msgs) {
      if (!stream->Write(m)) break;
    }
    v1::ServerMessage in;
    auto until = std::chrono::steady_clock::now() + 2s;
    while (std::chrono::steady_clock::now() < until && stream->Read(&in)) {
      if (in.has_welcome() && welcome_is_ok) {
        ctx->TryCancel();
        stream->Finish().IgnoreError();
        return grpc::Status::OK;
      }
    }
    return stream->Finish();
  }

  static Cluster* cluster_;
  static std::string* song_id_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Control::Stub> control_;
  std::unique_ptr<v1::AgentLink::Stub> agents_;
  std::string token_;
};
Cluster* ApiBadInput::cluster_ = nullptr;
std::string* ApiBadInput::song_id_ = nullptr;

v1::UploadChunk Header(const std::string& name, uint64_t size) {
  v1::UploadChunk c;
  c.mutable_header()->set_name(name);
  c.mutable_header()->set_size_bytes(size);
  return c;
}
v1::UploadChunk Data(const std::string& bytes) {
  v1::UploadChunk c;
  c.set_data(bytes);
  return c;
}
v1::AgentMessage Hello(const std::string& id, uint32_t channels) {
  v1::AgentMessage m;
  m.mutable_hello()->set_agent_id(id);
  m.mutable_hello()->set_channels(channels);
  return m;
}

TEST_F(ApiBadInput, EveryBadRequestGetsItsCodeAndChangesNothing) {
  const std::string id = *song_id_;
  auto tone = audio::EncodeAudio(audio::Tone(440, 0.01, 44100), 1, 44100, audio::Format::kWavPcm16);
  ASSERT_TRUE(tone.ok());
  auto play = [&](std::function<void(v1::PlayRequest&)> edit) {
    return [this, id, edit] {
      v1::PlayRequest req;
      req.set_song_id(id);
      edit(req);
      v1::PlayReply reply;
      auto ctx = Ctx();
      return control_->Play(ctx.get(), req, &reply);
    };
  };
  auto get_song = [&](const std::string& key) {
    return [this, key] {
      v1::GetSongRequest req;
      req.set_id(key);
      v1::GetSongReply reply;
      auto ctx = Ctx();
      return control_->GetSong(ctx.get(), req, &reply);
    };
  };
  auto create_token = [&](int role, const std::string& name) {
    return [this, role, name] {
      v1::CreateTokenRequest req;
      req.set_role(static_cast<v1::TokenRole>(role));
      req.set_name(name);
      v1::CreateTokenReply reply;
      auto ctx = Ctx();
      return control_->CreateToken(ctx.get(), req, &reply);
    };
  };
  auto assign = [&](const std::string& agent, uint32_t group) {
    return [this, agent, group] {
      v1::AssignAgentRequest req;
      req.set_agent_id(agent);
      req.set_group(group);
      v1::AssignAgentReply reply;
      auto ctx = Ctx();
      return control_->AssignAgent(ctx.get(), req, &reply);
    };
  };
  auto classify_train = [&](std::function<void(v1::StartClassifyTrainingRequest&)> edit) {
    return [this, edit] {
      v1::StartClassifyTrainingRequest req;
      req.set_task("classifier");
      edit(req);
      v1::StartTrainingReply reply;
      auto ctx = Ctx();
      return control_->StartClassifyTraining(ctx.get(), req, &reply);
    };
  };
  auto train = [&](std::vector<uint32_t> hidden, std::string lr_decay = "") {
    return [this, hidden, lr_decay] {
      v1::StartTrainingRequest req;
      for (uint32_t h : hidden) req.mutable_settings()->add_hidden(h);
      req.mutable_settings()->set_lr_decay(lr_decay);
      req.mutable_settings()->set_epochs(1);
      req.mutable_settings()->set_has_epochs(true);
      v1::StartTrainingReply reply;
      auto ctx = Ctx();
      return control_->StartTraining(ctx.get(), req, &reply);
    };
  };
  auto classify = [&](const std::string& song, const std::string& model) {
    return [this, song, model] {
      v1::ClassifyRequest req;
      req.set_song_id(song);
      req.set_model_id(model);
      v1::ClassifyReply reply;
      auto ctx = Ctx();
      return control_->Classify(ctx.get(), req, &reply);
    };
  };
  using C = grpc::StatusCode;
  std::vector<Case> cases = {
      // Upload protocol.
      {"upload-nothing", C::INVALID_ARGUMENT, [&] { return Upload({}); }},
      {"upload-data-before-header", C::INVALID_ARGUMENT, [&] { return Upload({Data("abc"), Header("x", 3)}); }},
      {"upload-two-headers", C::INVALID_ARGUMENT, [&] { return Upload({Header("x", 3), Header("y", 3)}); }},
      {"upload-empty-chunk", C::INVALID_ARGUMENT, [&] { return Upload({Header("x", 3), v1::UploadChunk()}); }},
      {"upload-header-only", C::INVALID_ARGUMENT, [&] { return Upload({Header("x", 0)}); }},
      {"upload-announces-over-limit", C::RESOURCE_EXHAUSTED, [&] { return Upload({Header("x", 2u << 20)}); }},
      {"upload-sends-over-limit", C::RESOURCE_EXHAUSTED,
       [&] { return Upload({Header("x", 0), Data(std::string(600 << 10, 'a')), Data(std::string(600 << 10, 'b'))}); }},
      {"upload-announces-2^64-1", C::RESOURCE_EXHAUSTED, [&] { return Upload({Header("x", UINT64_MAX)}); }},
      {"upload-not-audio", C::INVALID_ARGUMENT,
       [&] { return Upload({Header("x.txt", 0), Data(std::string(5000, 'z'))}); }},
      {"upload-too-short", C::INVALID_ARGUMENT, [&] { return Upload({Header("short.wav", 0), Data(*tone)}); }},
      // Song lookups.
      {"get-empty-id", C::INVALID_ARGUMENT, get_song("")},
      {"get-not-hex", C::INVALID_ARGUMENT, get_song("zzzzzzzz")},
      {"get-prefix-too-short", C::INVALID_ARGUMENT, get_song(id.substr(0, 5))},
      {"get-unknown", C::NOT_FOUND, get_song("0123456789abcdef")},
      {"get-nul-bytes", C::INVALID_ARGUMENT, get_song(std::string("abc\0def", 7))},
      // Play fields.
      {"play-empty-song", C::INVALID_ARGUMENT, play([](v1::PlayRequest& r) { r.set_song_id(""); })},
      {"play-unknown-song", C::NOT_FOUND, play([](v1::PlayRequest& r) { r.set_song_id("fedcba987654"); })},
      {"play-lead-negative", C::INVALID_ARGUMENT, play([](v1::PlayRequest& r) { r.set_lead_ms(-1); })},
      {"play-lead-huge", C::INVALID_ARGUMENT, play([](v1::PlayRequest& r) { r.set_lead_ms(INT64_MAX); })},
      {"play-lead-wraps", C::INVALID_ARGUMENT,
       play([](v1::PlayRequest& r) { r.set_lead_ms(9'223'372'036'855); })},  // × 10^6 would wrap
      {"play-lead-over-a-minute", C::INVALID_ARGUMENT, play([](v1::PlayRequest& r) { r.set_lead_ms(60'001); })},
      {"play-offset-huge", C::INVALID_ARGUMENT, play([](v1::PlayRequest& r) { r.set_offset_ms(INT64_MAX); })},
      {"play-offset-very-negative", C::INVALID_ARGUMENT,
       play([](v1::PlayRequest& r) { r.set_offset_ms(INT64_MIN); })},
      {"play-offset-over-10s", C::INVALID_ARGUMENT, play([](v1::PlayRequest& r) { r.set_offset_ms(10'001); })},
      {"play-unknown-agent", C::NOT_FOUND, play([](v1::PlayRequest& r) { r.add_agent_ids("no-such-pi"); })},
      // Agent groups.
      {"assign-empty-agent", C::INVALID_ARGUMENT, assign("", 0)},
      {"assign-long-agent", C::INVALID_ARGUMENT, assign(std::string(65, 'a'), 0)},
      {"assign-group-64", C::INVALID_ARGUMENT, assign("pi-9", 64)},
      {"assign-group-max", C::INVALID_ARGUMENT, assign("pi-9", UINT32_MAX)},
      // Tokens.
      {"token-role-unspecified", C::INVALID_ARGUMENT, create_token(0, "a1")},
      {"token-role-unknown", C::INVALID_ARGUMENT, create_token(99, "a2")},
      {"token-name-reserved", C::INVALID_ARGUMENT, create_token(1, "admin")},
      {"token-name-bad-chars", C::INVALID_ARGUMENT, create_token(1, "a/b")},
      {"revoke-empty", C::NOT_FOUND,
       [&] {
         v1::RevokeTokenRequest req;
         v1::RevokeTokenReply reply;
         auto ctx = Ctx();
         return control_->RevokeToken(ctx.get(), req, &reply);
       }},
      // Authentication.
      {"no-token", C::UNAUTHENTICATED,
       [&] {
         grpc::ClientContext ctx;
         ctx.set_deadline(std::chrono::system_clock::now() + 10s);
         v1::ListSongsReply reply;
         return control_->ListSongs(&ctx, {}, &reply);
       }},
      {"not-bearer", C::UNAUTHENTICATED,
       [&] {
         grpc::ClientContext ctx;
         ctx.AddMetadata("authorization", "Basic " + token_);
         ctx.set_deadline(std::chrono::system_clock::now() + 10s);
         v1::ListSongsReply reply;
         return control_->ListSongs(&ctx, {}, &reply);
       }},
      {"token-prefix", C::UNAUTHENTICATED,
       [&] {
         grpc::ClientContext ctx;
         ctx.AddMetadata("authorization", "Bearer " + token_.substr(0, 63));
         ctx.set_deadline(std::chrono::system_clock::now() + 10s);
         v1::ListSongsReply reply;
         return control_->ListSongs(&ctx, {}, &reply);
       }},
      // Agent hello fields.
      {"agent-empty-id", C::INVALID_ARGUMENT, [&] { return Agent({Hello("", 8)}); }},
      {"agent-long-id", C::INVALID_ARGUMENT, [&] { return Agent({Hello(std::string(65, 'x'), 8)}); }},
      {"agent-zero-channels", C::INVALID_ARGUMENT, [&] { return Agent({Hello("pi-z", 0)}); }},
      {"agent-huge-channels", C::INVALID_ARGUMENT, [&] { return Agent({Hello("pi-h", UINT32_MAX)}); }},
      {"agent-hello-twice", C::FAILED_PRECONDITION,
       [&] { return Agent({Hello("pi-t", 8), Hello("pi-t", 8)}, false); }},
      // Autoencoder training: each hidden size is bounded, and so are the
      // layer count and the total parameters (many small layers add up).
      {"train-hidden-size-0", C::INVALID_ARGUMENT, train({256, 0})},
      {"train-hidden-9-layers", C::INVALID_ARGUMENT, train(std::vector<uint32_t>(9, 16))},
      {"train-hidden-100000-layers", C::INVALID_ARGUMENT, train(std::vector<uint32_t>(100000, 1))},
      {"train-hidden-too-many-parameters", C::INVALID_ARGUMENT, train({4096, 4096, 4096})},
      {"train-lr-decay-step", C::INVALID_ARGUMENT, train({256, 64}, "step")},
      // Classification requests.
      {"classify-train-bad-task", C::INVALID_ARGUMENT, classify_train([](v1::StartClassifyTrainingRequest& r) { r.set_task("x"); })},
      {"classify-train-empty-manifest", C::INVALID_ARGUMENT, classify_train([](v1::StartClassifyTrainingRequest&) {})},
      {"classify-train-one-class", C::INVALID_ARGUMENT, classify_train([&](v1::StartClassifyTrainingRequest& r) {
         auto* m = r.add_manifest();
         m->set_song_id(id);
         m->set_label("a");
         m->set_row(1);
       })},
      {"classify-train-unknown-song", C::NOT_FOUND, classify_train([](v1::StartClassifyTrainingRequest& r) {
         for (const char* l : {"a", "b"}) {
           auto* m = r.add_manifest();
           m->set_song_id("fedcba987654");
           m->set_label(l);
         }
       })},
      {"classify-train-clip-longer-than-song", C::INVALID_ARGUMENT, classify_train([&](v1::StartClassifyTrainingRequest& r) {
         r.set_clip_s(30);
         for (const char* l : {"a", "b"}) {
           auto* m = r.add_manifest();
           m->set_song_id(id);
           m->set_label(l);
         }
       })},
      {"classify-train-bad-arch", C::INVALID_ARGUMENT,
       classify_train([](v1::StartClassifyTrainingRequest& r) { r.set_arch("transformer"); })},
      {"end-train-label-outside-song", C::INVALID_ARGUMENT, classify_train([&](v1::StartClassifyTrainingRequest& r) {
         r.set_task("end_detector");
         auto* l = r.add_labels();
         l->set_song_id(id);
         l->set_end_s(3600);
       })},
      {"end-train-label-negative", C::INVALID_ARGUMENT, classify_train([&](v1::StartClassifyTrainingRequest& r) {
         r.set_task("end_detector");
         auto* l = r.add_labels();
         l->set_song_id(id);
         l->set_end_s(-1);
       })},
      {"classify-unknown-model", C::NOT_FOUND, classify(id, "no-such-model")},
      {"classify-no-end-model-yet", C::NOT_FOUND, classify(id, "end")},
      {"classify-empty-model", C::INVALID_ARGUMENT, classify(id, "")},
      // A local file may only be named when the request is a check (validate_only).
      {"classify-train-local-file-not-a-check", C::INVALID_ARGUMENT, classify_train([&](v1::StartClassifyTrainingRequest& r) {
         for (const char* l : {"a", "b"}) {
           auto* m = r.add_manifest();
           m->set_local_file(std::string("/tmp/") + l + ".wav");
           m->set_local_duration_s(60);
           m->set_label(l);
         }
       })},
      {"classify-train-check-local-file-shorter-than-clip", C::INVALID_ARGUMENT,
       classify_train([&](v1::StartClassifyTrainingRequest& r) {
         r.set_validate_only(true);
         r.set_clip_s(10);
         for (const char* l : {"a", "b"}) {
           auto* m = r.add_manifest();
           m->set_local_file(std::string("/tmp/") + l + ".wav");
           m->set_local_duration_s(4);
           m->set_label(l);
         }
       })},
      {"activate-bad-profile", C::INVALID_ARGUMENT, [&] {
         v1::ActivateModelRequest req;
         req.set_id("bands");
         req.set_profile("fast");
         v1::ActivateModelReply reply;
         auto ctx = Ctx();
         return control_->ActivateModel(ctx.get(), req, &reply);
       }},
  };

  std::string before = Snapshot();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    grpc::Status st = c.call();
    EXPECT_EQ(st.error_code(), c.code) << c.name << ": " << st.error_message();
    EXPECT_FALSE(st.error_message().empty()) << c.name << ": a refusal must say why";
    EXPECT_EQ(Snapshot(), before) << c.name << " changed the catalog";
    ASSERT_TRUE(cluster_->server().Running()) << c.name << " took the server down: " << cluster_->server_log();
  }
  // The good path still works afterwards.
  v1::PlayRequest req;
  req.set_song_id(id);
  v1::PlayReply reply;
  auto ctx = Ctx();
  grpc::Status st = control_->Play(ctx.get(), req, &reply);
  EXPECT_TRUE(st.ok()) << st.error_message();
}

}  // namespace
}  // namespace ls::it
