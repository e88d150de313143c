#include "store/dynamodb/credentials.h"

#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <fstream>

#include "alexdb/errors.h"
#include "metadata_stub.h"

namespace alexdb::dynamodb {
namespace {

constexpr const char* kSecret = "SECRET/never-printed+0123456789abcdef";
constexpr const char* kToken = "TOKEN-never-printed-0123456789";

Environment env_of(std::map<std::string, std::string> values) {
  // Never reach a real metadata service from a test, whatever the test forgets.
  values.emplace("AWS_EC2_METADATA_DISABLED", "true");
  values.emplace("HOME", "/nonexistent-home");
  return [values](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
}

std::string write_file(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("alexdb-creds-" + name);
  std::ofstream(path) << text;
  return path.string();
}

std::string iso_in(std::chrono::seconds from_now) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + from_now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string credentials_json(const std::string& id, std::chrono::seconds expires_in) {
  return R"({"AccessKeyId":")" + id + R"(","SecretAccessKey":")" + kSecret + R"(","Token":")" +
         kToken + R"(","Expiration":")" + iso_in(expires_in) + R"("})";
}

TEST(CredentialsTest, EnvironmentComesFirst) {
  auto provider = default_credentials(
      env_of({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", kSecret},
              {"AWS_SESSION_TOKEN", kToken}}),
      "");
  Credentials c = provider->current();
  EXPECT_EQ(c.access_key_id, "AKIDENV");
  EXPECT_EQ(c.session_token, kToken);
}

TEST(CredentialsTest, SharedFilesByProfile) {
  std::string credentials = write_file("credentials", R"(# comment
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = s1
[work]
aws_access_key_id=AKIDWORK
aws_secret_access_key=s2
)");
  std::string config = write_file("config", R"([profile other]
aws_access_key_id = AKIDCONFIG
aws_secret_access_key = s3
)");
  auto env = env_of({{"AWS_SHARED_CREDENTIALS_FILE", credentials}, {"AWS_CONFIG_FILE", config}});
  EXPECT_EQ(default_credentials(env, "")->current().access_key_id, "AKIDDEFAULT");
  EXPECT_EQ(default_credentials(env, "work")->current().access_key_id, "AKIDWORK");
  EXPECT_EQ(default_credentials(env, "other")->current().access_key_id, "AKIDCONFIG");
  auto with_profile = env_of({{"AWS_SHARED_CREDENTIALS_FILE", credentials}, {"AWS_PROFILE", "work"}});
  EXPECT_EQ(default_credentials(with_profile, "")->current().access_key_id, "AKIDWORK");
}

TEST(CredentialsTest, RegionComesFromTheProfilesConfig) {
  std::string config = write_file("region-config", R"([default]
region = eu-west-2
[profile work]
region=ap-southeast-1
)");
  EXPECT_EQ(profile_region(env_of({{"AWS_CONFIG_FILE", config}}), ""), "eu-west-2");
  EXPECT_EQ(profile_region(env_of({{"AWS_CONFIG_FILE", config}}), "work"), "ap-southeast-1");
  EXPECT_EQ(profile_region(env_of({{"AWS_CONFIG_FILE", config}, {"AWS_PROFILE", "work"}}), ""),
            "ap-southeast-1");
  EXPECT_EQ(profile_region(env_of({{"AWS_CONFIG_FILE", config}}), "none"), "");
}

TEST(CredentialsTest, ContainerCredentialsWithAuthorization) {
  testing::MetadataStub stub;
  stub.on("GET", "/v2/credentials/abc", 200, credentials_json("AKIDCONTAINER", std::chrono::hours(6)));
  auto provider = default_credentials(
      env_of({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", stub.url() + "/v2/credentials/abc"},
              {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth-123"}}),
      "");
  EXPECT_EQ(provider->current().access_key_id, "AKIDCONTAINER");
  EXPECT_EQ(provider->current().session_token, kToken);
  auto requests = stub.requests();
  ASSERT_EQ(requests.size(), 1u);  // cached until near expiry
  EXPECT_NE(requests[0].headers.find("authorization: auth-123"), std::string::npos);
}

TEST(CredentialsTest, InstanceMetadataUsesAnImdsV2Token) {
  testing::MetadataStub stub;
  stub.on("PUT", "/latest/api/token", 200, "session-token-xyz");
  stub.on("GET", "/latest/meta-data/iam/security-credentials/", 200, "planner-role\n");
  stub.on("GET", "/latest/meta-data/iam/security-credentials/planner-role", 200,
          credentials_json("AKIDIMDS", std::chrono::hours(6)));
  auto env = env_of({{"AWS_EC2_METADATA_DISABLED", ""}, {"AWS_EC2_METADATA_SERVICE_ENDPOINT", stub.url()}});
  auto provider = default_credentials(env, "");
  EXPECT_EQ(provider->current().access_key_id, "AKIDIMDS");
  auto requests = stub.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "PUT");
  EXPECT_NE(requests[0].headers.find("x-aws-ec2-metadata-token-ttl-seconds: 21600"), std::string::npos);
  EXPECT_NE(requests[1].headers.find("x-aws-ec2-metadata-token: session-token-xyz"), std::string::npos);
  EXPECT_NE(requests[2].headers.find("x-aws-ec2-metadata-token: session-token-xyz"), std::string::npos);
}

TEST(CredentialsTest, CredentialsNearExpiryAreFetchedAgain) {
  testing::MetadataStub stub;
  stub.on("GET", "/creds", 200, credentials_json("AKIDSOON", std::chrono::minutes(2)));
  auto provider = default_credentials(env_of({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", stub.url() + "/creds"}}), "");
  provider->current();
  stub.on("GET", "/creds", 200, credentials_json("AKIDFRESH", std::chrono::hours(6)));
  EXPECT_EQ(provider->current().access_key_id, "AKIDFRESH");
  EXPECT_EQ(provider->current().access_key_id, "AKIDFRESH");
  EXPECT_EQ(stub.requests().size(), 3u);  // first fetch, refresh, then cached
}

TEST(CredentialsTest, NoCredentialsIsAClearErrorWithoutSecrets) {
  try {
    default_credentials(env_of({{"AWS_ACCESS_KEY_ID", "AKIDONLY"}}), "");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("no AWS credentials found"), std::string::npos);
    EXPECT_NE(message.find("instance metadata (disabled)"), std::string::npos);
  }
  testing::MetadataStub stub;
  stub.on("GET", "/creds", 500, std::string("boom ") + kSecret);
  try {
    default_credentials(env_of({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", stub.url() + "/creds"}}), "");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find(kSecret), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace alexdb::dynamodb
