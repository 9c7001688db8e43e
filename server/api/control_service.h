#pragma once
/// The Control gRPC service (lsctl's API), callback style: each handler checks
/// the token, does only quick catalog reads, and hands heavy work to the pool.
/// Thread-safe; holds no per-call state.

#include "api/deps.h"
#include "lightshow/v1/control.grpc.pb.h"

namespace ls::api {

class ControlService final : public lightshow::v1::Control::CallbackService {
 public:
  explicit ControlService(ServiceDeps deps) : deps_(deps) {}

  grpc::ServerReadReactor<lightshow::v1::UploadChunk>* Upload(
      grpc::CallbackServerContext* ctx, lightshow::v1::UploadReply* reply) override;
  grpc::ServerUnaryReactor* ListSongs(grpc::CallbackServerContext* ctx,
                                      const lightshow::v1::ListSongsRequest* req,
                                      lightshow::v1::ListSongsReply* reply) override;
  grpc::ServerUnaryReactor* GetSong(grpc::CallbackServerContext* ctx,
                                    const lightshow::v1::GetSongRequest* req,
                                    lightshow::v1::GetSongReply* reply) override;
  grpc::ServerUnaryReactor* Play(grpc::CallbackServerContext* ctx,
                                 const lightshow::v1::PlayRequest* req,
                                 lightshow::v1::PlayReply* reply) override;
  grpc::ServerUnaryReactor* Stop(grpc::CallbackServerContext* ctx,
                                 const lightshow::v1::StopRequest* req,
                                 lightshow::v1::StopReply* reply) override;
  grpc::ServerWriteReactor<lightshow::v1::ShowStatus>* WatchShow(
      grpc::CallbackServerContext* ctx, const lightshow::v1::WatchShowRequest* req) override;
  grpc::ServerUnaryReactor* ListAgents(grpc::CallbackServerContext* ctx,
                                       const lightshow::v1::ListAgentsRequest* req,
                                       lightshow::v1::ListAgentsReply* reply) override;
  grpc::ServerUnaryReactor* AssignAgent(grpc::CallbackServerContext* ctx,
                                        const lightshow::v1::AssignAgentRequest* req,
                                        lightshow::v1::AssignAgentReply* reply) override;

  // Token management (tokens_handlers.cc).
  grpc::ServerUnaryReactor* CreateToken(grpc::CallbackServerContext* ctx,
                                        const lightshow::v1::CreateTokenRequest* req,
                                        lightshow::v1::CreateTokenReply* reply) override;
  grpc::ServerUnaryReactor* ListTokens(grpc::CallbackServerContext* ctx,
                                       const lightshow::v1::ListTokensRequest* req,
                                       lightshow::v1::ListTokensReply* reply) override;
  grpc::ServerUnaryReactor* RevokeToken(grpc::CallbackServerContext* ctx,
                                        const lightshow::v1::RevokeTokenRequest* req,
                                        lightshow::v1::RevokeTokenReply* reply) override;

  // Learned shows: training jobs, models, reports (learn_handlers.cc).
  grpc::ServerUnaryReactor* StartTraining(grpc::CallbackServerContext* ctx,
                                          const lightshow::v1::StartTrainingRequest* req,
                                          lightshow::v1::StartTrainingReply* reply) override;
  grpc::ServerUnaryReactor* ListJobs(grpc::CallbackServerContext* ctx,
                                     const lightshow::v1::ListJobsRequest* req,
                                     lightshow::v1::ListJobsReply* reply) override;
  grpc::ServerUnaryReactor* GetJob(grpc::CallbackServerContext* ctx,
                                   const lightshow::v1::GetJobRequest* req,
                                   lightshow::v1::GetJobReply* reply) override;
  grpc::ServerUnaryReactor* CancelJob(grpc::CallbackServerContext* ctx,
                                      const lightshow::v1::CancelJobRequest* req,
                                      lightshow::v1::CancelJobReply* reply) override;
  grpc::ServerUnaryReactor* ListModels(grpc::CallbackServerContext* ctx,
                                       const lightshow::v1::ListModelsRequest* req,
                                       lightshow::v1::ListModelsReply* reply) override;
  grpc::ServerUnaryReactor* ActivateModel(grpc::CallbackServerContext* ctx,
                                          const lightshow::v1::ActivateModelRequest* req,
                                          lightshow::v1::ActivateModelReply* reply) override;
  grpc::ServerUnaryReactor* GetReport(grpc::CallbackServerContext* ctx,
                                      const lightshow::v1::GetReportRequest* req,
                                      lightshow::v1::GetReportReply* reply) override;
  grpc::ServerUnaryReactor* StartClassifyTraining(grpc::CallbackServerContext* ctx,
                                                  const lightshow::v1::StartClassifyTrainingRequest* req,
                                                  lightshow::v1::StartTrainingReply* reply) override;
  grpc::ServerUnaryReactor* Classify(grpc::CallbackServerContext* ctx,
                                     const lightshow::v1::ClassifyRequest* req,
                                     lightshow::v1::ClassifyReply* reply) override;

  // Export and delete (export_reactor.cc, delete_handlers.cc).
  grpc::ServerWriteReactor<lightshow::v1::ExportShowChunk>* ExportShow(
      grpc::CallbackServerContext* ctx, const lightshow::v1::ExportShowRequest* req) override;
  grpc::ServerUnaryReactor* DeleteSongs(grpc::CallbackServerContext* ctx,
                                        const lightshow::v1::DeleteSongsRequest* req,
                                        lightshow::v1::DeleteSongsReply* reply) override;
  grpc::ServerUnaryReactor* DeleteModel(grpc::CallbackServerContext* ctx,
                                        const lightshow::v1::DeleteModelRequest* req,
                                        lightshow::v1::DeleteModelReply* reply) override;
  grpc::ServerUnaryReactor* PruneJobs(grpc::CallbackServerContext* ctx, const lightshow::v1::PruneJobsRequest* req,
                                      lightshow::v1::PruneJobsReply* reply) override;
  // Playlists, the nightly schedule, what plays now (season_handlers.cc).
  grpc::ServerUnaryReactor* CreatePlaylist(grpc::CallbackServerContext* ctx,
                                           const lightshow::v1::CreatePlaylistRequest* req,
                                           lightshow::v1::Playlist* reply) override;
  grpc::ServerUnaryReactor* EditPlaylist(grpc::CallbackServerContext* ctx,
                                         const lightshow::v1::EditPlaylistRequest* req,
                                         lightshow::v1::Playlist* reply) override;
  grpc::ServerUnaryReactor* GetPlaylist(grpc::CallbackServerContext* ctx,
                                        const lightshow::v1::GetPlaylistRequest* req,
                                        lightshow::v1::Playlist* reply) override;
  grpc::ServerUnaryReactor* ListPlaylists(grpc::CallbackServerContext* ctx,
                                          const lightshow::v1::ListPlaylistsRequest* req,
                                          lightshow::v1::ListPlaylistsReply* reply) override;
  grpc::ServerUnaryReactor* DeletePlaylist(grpc::CallbackServerContext* ctx,
                                           const lightshow::v1::DeletePlaylistRequest* req,
                                           lightshow::v1::DeletePlaylistReply* reply) override;
  grpc::ServerUnaryReactor* AddSchedule(grpc::CallbackServerContext* ctx,
                                        const lightshow::v1::AddScheduleRequest* req,
                                        lightshow::v1::ScheduleRule* reply) override;
  grpc::ServerUnaryReactor* ListSchedules(grpc::CallbackServerContext* ctx,
                                          const lightshow::v1::ListSchedulesRequest* req,
                                          lightshow::v1::ListSchedulesReply* reply) override;
  grpc::ServerUnaryReactor* DeleteSchedule(grpc::CallbackServerContext* ctx,
                                           const lightshow::v1::DeleteScheduleRequest* req,
                                           lightshow::v1::DeleteScheduleReply* reply) override;
  grpc::ServerUnaryReactor* GetNow(grpc::CallbackServerContext* ctx, const lightshow::v1::GetNowRequest* req,
                                   lightshow::v1::GetNowReply* reply) override;

 private:
  /// `lsctl play --playlist NAME`: its first song starts now.
  grpc::Status PlayPlaylist(const lightshow::v1::PlayRequest& req, lightshow::v1::PlayReply* reply);
  /// A playable song's name, "" when it is gone.
  std::string SongName(const std::string& id);
  ServiceDeps deps_;
};

}  // namespace ls::api
