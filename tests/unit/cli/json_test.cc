// JSON output shape: proto field names, every field, numbers stay numbers.

#include "cli/commands.h"
#include "cli/json.h"
#include "fake_control.h"
#include "gtest/gtest.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

TEST(ProtoJson, SnakeCaseEveryFieldNumbersAsNumbers) {
  pb::Song s;
  s.set_id("abc");
  s.set_size_bytes(5'000'000'000ull);
  s.set_created_unix_ms(1732521600000);
  const Json j = ProtoToJson(s);
  EXPECT_EQ(j.size(), static_cast<size_t>(pb::Song::descriptor()->field_count()));
  EXPECT_EQ(j["id"], "abc");
  EXPECT_EQ(j["name"], "");              // defaults are printed
  EXPECT_EQ(j["frame_count"], 0);
  EXPECT_TRUE(j["size_bytes"].is_number_unsigned());
  EXPECT_EQ(j["size_bytes"].get<uint64_t>(), 5'000'000'000ull);
  EXPECT_TRUE(j["created_unix_ms"].is_number_integer());
  EXPECT_TRUE(j["duration_s"].is_number_float());
  EXPECT_TRUE(j.contains("source_sample_rate"));
  EXPECT_EQ(j.begin().key(), "id") << "fields keep proto order";
  EXPECT_EQ((--j.end()).key(), "show_id");
}

TEST(ProtoJson, EnumsByNameMessagesNestedRepeatedAsArrays) {
  pb::ShowStatus st;
  st.set_state(pb::ShowStatus::FINISHED);
  st.add_agent_ids("porch");
  Json j = ProtoToJson(st);
  EXPECT_EQ(j["state"], "FINISHED");
  EXPECT_EQ(j["agent_ids"], Json::array({"porch"}));
  EXPECT_TRUE(j["start"].is_null());  // unset message
  st.mutable_start()->set_unix_ns(-5);
  j = ProtoToJson(st);
  EXPECT_EQ(j["start"]["unix_ns"], -5);
}

TEST(ProtoJson, OnlyTheSetOneofMemberAndBytesAsBase64) {
  pb::UploadChunk c;
  c.set_data("hi");
  const Json j = ProtoToJson(c);
  EXPECT_FALSE(j.contains("header"));
  EXPECT_EQ(j["data"], "aGk=");
}

TEST(ProtoJson, PrintJsonToleratesInvalidUtf8) {
  std::ostringstream out;
  PrintJson(out, {{"name", std::string("a\xff.wav")}});
  EXPECT_FALSE(nlohmann::json::parse(out.str()).is_discarded());
  EXPECT_EQ(out.str().back(), '\n');
}

TEST(SubmitJson, SongFieldsPlusFileDuplicateTimings) {
  pb::UploadReply reply;
  *reply.mutable_song() = testing::FakeControl::SampleSong();
  reply.set_duplicate(true);
  auto* t = reply.add_timings();
  t->set_stage("decode");
  t->set_seconds(0.25);
  const Json j = SubmittedSongJson("music/jingle.wav", reply);
  EXPECT_EQ(j["id"].get<std::string>().size(), 64u);  // full id in JSON
  EXPECT_EQ(j["name"], "jingle.wav");
  EXPECT_EQ(j["file"], "music/jingle.wav");
  EXPECT_EQ(j["frame_count"], 1291);
  EXPECT_EQ(j["show_id"], "show-1");
  EXPECT_EQ(j["duplicate"], true);
  EXPECT_EQ(j["timings"], Json({{"decode", 0.25}}));
}

}  // namespace
}  // namespace ls::cli
