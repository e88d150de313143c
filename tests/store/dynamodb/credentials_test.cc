#include "store/dynamodb/credentials.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <ctime>
#include <thread>

#include "alexdb/errors.h"
#include "aws_test_environment.h"
#include "metadata_stub.h"
#include "store/dynamodb/metadata_http.h"

namespace alexdb::dynamodb {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using testing::aws_environment;
using testing::MetadataStub;
using testing::TempDir;

// Secrets that must never show in an error. The stub lower-cases what it records, so the
// tokens checked in request headers are lower case.
constexpr const char* kSecret = "SECRET/never-printed+0123456789abcdef";
constexpr const char* kToken = "TOKEN-never-printed-0123456789";
constexpr const char* kAuthToken = "auth-never-printed-42";
constexpr const char* kImdsToken = "imds-session-never-printed-7";

std::string iso_in(std::chrono::seconds from_now) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + from_now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string credentials_json(const std::string& id, std::chrono::seconds expires_in) {
  return R"({"Code":"Success","AccessKeyId":")" + id + R"(","SecretAccessKey":")" + kSecret +
         R"(","Token":")" + kToken + R"(","Expiration":")" + iso_in(expires_in) + R"("})";
}

bool has_header(const MetadataStub::Request& request, const std::string& line) {
  return request.headers.find("\r\n" + line + "\r\n") != std::string::npos;
}

// A stub instance metadata service whose role credentials expire after `expires_in`.
void serve_imds(MetadataStub& stub, const std::string& id, std::chrono::seconds expires_in) {
  stub.on("PUT", "/latest/api/token", 200, kImdsToken);
  stub.on("GET", "/latest/meta-data/iam/security-credentials/", 200, "planner-role\n");
  stub.on("GET", "/latest/meta-data/iam/security-credentials/planner-role", 200,
          credentials_json(id, expires_in));
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an alexdb::Error";
  return {};
}

TEST(CredentialsTest, EnvironmentComesFirst) {
  TempDir dir;
  MetadataStub stub;
  serve_imds(stub, "AKIDIMDS", hours(6));
  auto provider = default_credentials(
      aws_environment(
          {{"AWS_ACCESS_KEY_ID", "AKIDENV"},
           {"AWS_SECRET_ACCESS_KEY", kSecret},
           {"AWS_SESSION_TOKEN", kToken},
           {"AWS_SHARED_CREDENTIALS_FILE",
            dir.write("credentials", "[default]\naws_access_key_id=F\naws_secret_access_key=S\n")},
           {"AWS_CONTAINER_CREDENTIALS_FULL_URI", stub.url() + "/creds"},
           {"AWS_EC2_METADATA_DISABLED", ""},
           {"AWS_EC2_METADATA_SERVICE_ENDPOINT", stub.url()}}),
      "");
  Credentials c = provider->current();
  EXPECT_EQ(c.access_key_id, "AKIDENV");
  EXPECT_EQ(c.secret_access_key, kSecret);
  EXPECT_EQ(c.session_token, kToken);
  EXPECT_TRUE(stub.requests().empty());
}

TEST(CredentialsTest, EnvironmentSessionTokenIsOptional) {
  auto provider = default_credentials(
      aws_environment({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", kSecret}}), "");
  EXPECT_EQ(provider->current().session_token, "");
}

TEST(CredentialsTest, SharedFilesByProfile) {
  TempDir dir;
  std::string credentials = dir.write("credentials", R"(# comment
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = s1
[work]
aws_access_key_id=AKIDWORK
aws_secret_access_key=s2
aws_session_token=t2
)");
  std::string config = dir.write("config", R"([profile other]
aws_access_key_id = AKIDCONFIG
aws_secret_access_key = s3
[profile work]
aws_access_key_id = AKIDLOSES
)");
  auto env =
      aws_environment({{"AWS_SHARED_CREDENTIALS_FILE", credentials}, {"AWS_CONFIG_FILE", config}});
  EXPECT_EQ(default_credentials(env, "")->current().access_key_id, "AKIDDEFAULT");
  Credentials work = default_credentials(env, "work")->current();
  EXPECT_EQ(work.access_key_id, "AKIDWORK");  // the credentials file wins over the config file
  EXPECT_EQ(work.session_token, "t2");
  EXPECT_EQ(default_credentials(env, "other")->current().access_key_id, "AKIDCONFIG");
  auto with_profile =
      aws_environment({{"AWS_SHARED_CREDENTIALS_FILE", credentials}, {"AWS_PROFILE", "work"}});
  EXPECT_EQ(default_credentials(with_profile, "")->current().access_key_id, "AKIDWORK");
  EXPECT_EQ(default_credentials(with_profile, "default")->current().access_key_id, "AKIDDEFAULT");
}

TEST(CredentialsTest, SharedFilesComeBeforeContainerAndInstanceMetadata) {
  TempDir dir;
  MetadataStub stub;
  serve_imds(stub, "AKIDIMDS", hours(6));
  auto provider = default_credentials(
      aws_environment(
          {{"AWS_SHARED_CREDENTIALS_FILE",
            dir.write("credentials",
                      "[default]\naws_access_key_id=AKIDFILE\naws_secret_access_key=S\n")},
           {"AWS_CONTAINER_CREDENTIALS_FULL_URI", stub.url() + "/creds"},
           {"AWS_EC2_METADATA_DISABLED", ""},
           {"AWS_EC2_METADATA_SERVICE_ENDPOINT", stub.url()}}),
      "");
  EXPECT_EQ(provider->current().access_key_id, "AKIDFILE");
  EXPECT_TRUE(stub.requests().empty());
}

TEST(CredentialsTest, UnsupportedProfileKindsAreNamedInTheError) {
  TempDir dir;
  auto env = aws_environment(
      {{"AWS_CONFIG_FILE", dir.write("config",
                                     "[profile role]\nrole_arn = arn:aws:iam::1:role/x\n"
                                     "source_profile = default\n")}});
  std::string message = error_of([&] { default_credentials(env, "role"); });
  EXPECT_NE(message.find("profile 'role'"), std::string::npos) << message;
  EXPECT_NE(message.find("role_arn, which alexdb does not support"), std::string::npos) << message;
}

TEST(CredentialsTest, ContainerRelativeUriIsUnderTheContainerHost) {
  MetadataStub stub;
  stub.on("GET", "/v2/credentials/abc", 200, credentials_json("AKIDECS", hours(6)));
  MetadataEndpoints endpoints;
  endpoints.container = stub.url();
  auto provider = default_credentials(
      aws_environment({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"},
                       {"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/ignored"}}),
      "", endpoints);
  EXPECT_EQ(provider->current().access_key_id, "AKIDECS");
  ASSERT_EQ(stub.requests().size(), 1u);
  EXPECT_EQ(stub.requests()[0].method, "GET");
  EXPECT_FALSE(has_header(stub.requests()[0], "authorization: " + std::string(kAuthToken)));
}

TEST(CredentialsTest, ContainerFullUriSendsTheAuthorizationToken) {
  MetadataStub stub;
  stub.on("GET", "/creds", 200, credentials_json("AKIDCONTAINER", hours(6)));
  auto provider = default_credentials(
      aws_environment({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", stub.url() + "/creds"},
                       {"AWS_CONTAINER_AUTHORIZATION_TOKEN", kAuthToken}}),
      "");
  Credentials c = provider->current();
  EXPECT_EQ(c.access_key_id, "AKIDCONTAINER");
  EXPECT_EQ(c.session_token, kToken);
  provider->current();
  auto requests = stub.requests();
  ASSERT_EQ(requests.size(), 1u);  // cached until near expiry
  EXPECT_TRUE(has_header(requests[0], "authorization: " + std::string(kAuthToken)));
}

TEST(CredentialsTest, ContainerTokenFileWinsAndIsReadAgainOnRefresh) {
  TempDir dir;
  MetadataStub stub;
  stub.on("GET", "/creds", 200, credentials_json("AKIDEKS", minutes(2)));
  std::string token_file = dir.write("token", "eks-token-one\n");
  auto provider = default_credentials(
      aws_environment({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", stub.url() + "/creds"},
                       {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "plain-token"},
                       {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file}}),
      "");
  dir.write("token", "eks-token-two");
  provider->current();  // expires within the refresh margin: fetched again
  auto requests = stub.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_TRUE(has_header(requests[0], "authorization: eks-token-one"));
  EXPECT_TRUE(has_header(requests[1], "authorization: eks-token-two"));
}

TEST(CredentialsTest, ContainerFullUriOverHttpMustBeLocal) {
  MetadataStub stub;
  stub.on("GET", "/creds", 200, credentials_json("AKIDLOCAL", hours(6)));
  std::string local = "http://localhost:" + stub.url().substr(stub.url().rfind(':') + 1) + "/creds";
  auto provider =
      default_credentials(aws_environment({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", local}}), "");
  EXPECT_EQ(provider->current().access_key_id, "AKIDLOCAL");
  for (const char* url : {"http://10.1.2.3/creds", "http://169.254.169.254/creds",
                          "ftp://127.0.0.1/creds", "http://[fd00:ec2::24]/creds"}) {
    std::string message = error_of([&] {
      default_credentials(aws_environment({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", url}}), "");
    });
    EXPECT_NE(message.find("AWS_CONTAINER_CREDENTIALS_FULL_URI"), std::string::npos) << message;
  }
}

TEST(CredentialsTest, FailingContainerCredentialsStopTheChain) {
  MetadataStub container;
  container.on("GET", "/creds", 500, "{}");
  MetadataStub imds;
  serve_imds(imds, "AKIDIMDS", hours(6));
  std::string message = error_of([&] {
    default_credentials(
        aws_environment({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", container.url() + "/creds"},
                         {"AWS_EC2_METADATA_DISABLED", ""},
                         {"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url()}}),
        "");
  });
  EXPECT_NE(message.find("container credentials: the endpoint answered HTTP 500"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("environment"), std::string::npos) << message;
  EXPECT_TRUE(imds.requests().empty());
}

TEST(CredentialsTest, ContainerComesBeforeInstanceMetadata) {
  MetadataStub container;
  container.on("GET", "/creds", 200, credentials_json("AKIDCONTAINER", hours(6)));
  MetadataStub imds;
  serve_imds(imds, "AKIDIMDS", hours(6));
  auto provider = default_credentials(
      aws_environment({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", container.url() + "/creds"},
                       {"AWS_EC2_METADATA_DISABLED", ""},
                       {"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url()}}),
      "");
  EXPECT_EQ(provider->current().access_key_id, "AKIDCONTAINER");
  EXPECT_TRUE(imds.requests().empty());
}

TEST(CredentialsTest, InstanceMetadataUsesAnImdsV2Token) {
  MetadataStub stub;
  serve_imds(stub, "AKIDIMDS", hours(6));
  auto provider = default_credentials(
      aws_environment({{"AWS_EC2_METADATA_DISABLED", "false"},
                       {"AWS_EC2_METADATA_SERVICE_ENDPOINT", stub.url() + "/"}}),
      "");
  EXPECT_EQ(provider->current().access_key_id, "AKIDIMDS");
  EXPECT_EQ(provider->current().session_token, kToken);
  auto requests = stub.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "PUT");
  EXPECT_EQ(requests[0].path, "/latest/api/token");
  EXPECT_TRUE(has_header(requests[0], "x-aws-ec2-metadata-token-ttl-seconds: 21600"));
  EXPECT_EQ(requests[1].path, "/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(requests[2].path, "/latest/meta-data/iam/security-credentials/planner-role");
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(requests[i].method, "GET");
    EXPECT_TRUE(has_header(requests[i], "x-aws-ec2-metadata-token: " + std::string(kImdsToken)));
  }
}

TEST(CredentialsTest, InstanceMetadataDefaultsToTheGivenEndpoint) {
  MetadataStub stub;
  serve_imds(stub, "AKIDIMDS", hours(6));
  MetadataEndpoints endpoints;
  endpoints.instance = stub.url();
  auto provider =
      default_credentials(aws_environment({{"AWS_EC2_METADATA_DISABLED", ""}}), "", endpoints);
  EXPECT_EQ(provider->current().access_key_id, "AKIDIMDS");
}

TEST(CredentialsTest, DisabledInstanceMetadataIsNeverCalled) {
  MetadataStub stub;
  serve_imds(stub, "AKIDIMDS", hours(6));
  MetadataEndpoints endpoints;
  endpoints.instance = stub.url();
  for (const char* disabled : {"true", "TRUE", "True"}) {
    std::string message = error_of([&] {
      default_credentials(aws_environment({{"AWS_EC2_METADATA_DISABLED", disabled},
                                           {"AWS_EC2_METADATA_SERVICE_ENDPOINT", stub.url()}}),
                          "", endpoints);
    });
    EXPECT_NE(message.find("disabled by AWS_EC2_METADATA_DISABLED"), std::string::npos) << message;
  }
  EXPECT_TRUE(stub.requests().empty());
}

TEST(CredentialsTest, InstanceMetadataWithoutTokenIsNotAskedWithoutOne) {
  MetadataStub stub;
  serve_imds(stub, "AKIDIMDS", hours(6));
  stub.on("PUT", "/latest/api/token", 403, "Forbidden");
  std::string message = error_of([&] {
    default_credentials(aws_environment({{"AWS_EC2_METADATA_DISABLED", ""},
                                         {"AWS_EC2_METADATA_SERVICE_ENDPOINT", stub.url()}}),
                        "");
  });
  EXPECT_NE(message.find("session token request answered HTTP 403"), std::string::npos) << message;
  EXPECT_EQ(stub.requests().size(), 1u);  // IMDSv2 only: no tokenless GET
}

TEST(CredentialsTest, InstanceWithoutRoleIsReported) {
  MetadataStub stub;
  stub.on("PUT", "/latest/api/token", 200, kImdsToken);
  stub.on("GET", "/latest/meta-data/iam/security-credentials/", 404, "");
  std::string message = error_of([&] {
    default_credentials(aws_environment({{"AWS_EC2_METADATA_DISABLED", ""},
                                         {"AWS_EC2_METADATA_SERVICE_ENDPOINT", stub.url()}}),
                        "");
  });
  EXPECT_NE(message.find("IAM role request answered HTTP 404"), std::string::npos) << message;
}

TEST(CredentialsTest, CredentialsNearExpiryAreFetchedAgain) {
  MetadataStub stub;
  stub.on("GET", "/creds", 200, credentials_json("AKIDSOON", minutes(2)));
  auto provider = default_credentials(
      aws_environment({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", stub.url() + "/creds"}}), "");
  stub.on("GET", "/creds", 200, credentials_json("AKIDFRESH", hours(6)));
  EXPECT_EQ(provider->current().access_key_id, "AKIDFRESH");
  EXPECT_EQ(provider->current().access_key_id, "AKIDFRESH");
  EXPECT_EQ(stub.requests().size(), 2u);  // first fetch, one refresh, then cached
}

TEST(CredentialsTest, InstanceCredentialsNearExpiryTakeANewToken) {
  MetadataStub stub;
  serve_imds(stub, "AKIDSOON", minutes(1));
  auto provider =
      default_credentials(aws_environment({{"AWS_EC2_METADATA_DISABLED", ""},
                                           {"AWS_EC2_METADATA_SERVICE_ENDPOINT", stub.url()}}),
                          "");
  serve_imds(stub, "AKIDFRESH", hours(6));
  EXPECT_EQ(provider->current().access_key_id, "AKIDFRESH");
  auto requests = stub.requests();
  ASSERT_EQ(requests.size(), 6u);
  EXPECT_EQ(requests[3].method, "PUT");
}

TEST(CredentialsTest, FailedRefreshKeepsCredentialsThatAreStillValid) {
  MetadataStub stub;
  stub.on("GET", "/creds", 200, credentials_json("AKIDSOON", minutes(3)));
  auto provider = default_credentials(
      aws_environment({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", stub.url() + "/creds"}}), "");
  stub.on("GET", "/creds", 503, "");
  EXPECT_EQ(provider->current().access_key_id, "AKIDSOON");
  EXPECT_EQ(provider->current().access_key_id, "AKIDSOON");
  EXPECT_EQ(stub.requests().size(), 2u);  // one failed refresh, then a pause before the next
}

TEST(CredentialsTest, ExpiredCredentialsAndAFailedRefreshThrow) {
  int calls = 0;
  RefreshingCredentialsProvider provider([&calls]() -> ExpiringCredentials {
    if (++calls == 1) {
      return {{"AKIDOLD", kSecret, ""}, std::chrono::system_clock::now() - seconds(1)};
    }
    throw Error("source: down");
  });
  EXPECT_EQ(provider.current().access_key_id, "AKIDOLD");
  EXPECT_THROW(provider.current(), Error);
  EXPECT_THROW(provider.current(), Error);
  EXPECT_EQ(calls, 3);
}

TEST(CredentialsTest, ConcurrentCallersShareOneFetch) {
  std::atomic<int> calls{0};
  RefreshingCredentialsProvider provider([&calls]() -> ExpiringCredentials {
    ++calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return {{"AKIDSHARED", kSecret, kToken}, std::chrono::system_clock::now() + hours(1)};
  });
  std::vector<std::thread> threads;
  std::atomic<int> matches{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 100; ++j) matches += provider.current().access_key_id == "AKIDSHARED";
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(matches.load(), 800);
}

TEST(CredentialsTest, CredentialDocumentsAreRead) {
  auto at = [](const char* expiration) {
    return parse_credentials_document(
               std::string(R"({"AccessKeyId":"A","SecretAccessKey":"S","Expiration":")") +
                   expiration + "\"}",
               "test")
        .expiration;
  };
  auto base = at("2030-01-02T03:04:05Z");
  EXPECT_EQ(std::chrono::system_clock::to_time_t(base), 1893553445);
  EXPECT_EQ(at("2030-01-02T03:04:05.123Z"), base);
  EXPECT_EQ(at("2030-01-02T05:04:05+02:00"), base);
  EXPECT_EQ(at("2030-01-01T22:04:05-05:00"), base);
  ExpiringCredentials lasting =
      parse_credentials_document(R"({"AccessKeyId":"A","SecretAccessKey":"S"})", "test");
  EXPECT_EQ(lasting.credentials.session_token, "");
  EXPECT_EQ(lasting.expiration, std::chrono::system_clock::time_point::max());
  for (const char* bad :
       {"not json", "[]", R"({"AccessKeyId":"A"})",
        R"({"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"soon"})",
        R"({"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2030-02-30T00:00:00Z"})",
        R"({"Code":"AssumeRoleUnauthorizedAccess","AccessKeyId":"A","SecretAccessKey":"S"})"}) {
    EXPECT_THROW(parse_credentials_document(bad, "test"), Error) << bad;
  }
}

TEST(CredentialsTest, MetadataCallsGiveUpQuickly) {
  // A listener that never answers: the connection is accepted by the kernel, no reply.
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(listener, 4), 0);
  socklen_t length = sizeof address;
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  std::string url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/slow";
  auto start = std::chrono::steady_clock::now();
  std::string message = error_of([&] { metadata_request("GET", url, {}); });
  auto elapsed = std::chrono::steady_clock::now() - start;
  close(listener);
  EXPECT_NE(message.find("timed out"), std::string::npos) << message;
  EXPECT_LT(elapsed, kMetadataTotalTimeout + seconds(2));
}

TEST(CredentialsTest, OversizedMetadataAnswersAreRefused) {
  MetadataStub stub;
  stub.on("GET", "/big", 200, std::string(kMetadataMaxBody + 1, 'x'));
  std::string message = error_of([&] { metadata_request("GET", stub.url() + "/big", {}); });
  EXPECT_NE(message.find("answer over"), std::string::npos) << message;
}

// Every failure the chain can report, formatted; none may show a secret.
TEST(CredentialsTest, NoErrorMessageShowsASecret) {
  TempDir dir;
  MetadataStub stub;
  std::string leaky = std::string(kSecret) + " " + kToken;
  stub.on("GET", "/500", 500, leaky);
  stub.on("GET", "/partial", 200,
          std::string(R"({"SecretAccessKey":")") + kSecret + R"(","Token":")" + kToken + "\"}");
  stub.on("GET", "/code", 200, std::string(R"({"Code":")") + kSecret + R"(","AccessKeyId":"A"})");
  stub.on("GET", "/notjson", 200, leaky);
  stub.on("PUT", "/latest/api/token", 200, kImdsToken);
  stub.on("GET", "/latest/meta-data/iam/security-credentials/", 200, "role");
  stub.on("GET", "/latest/meta-data/iam/security-credentials/role", 500, leaky);
  auto container = [&](const std::string& path, std::map<std::string, std::string> extra = {}) {
    extra.emplace("AWS_CONTAINER_CREDENTIALS_FULL_URI", stub.url() + path);
    extra.emplace("AWS_CONTAINER_AUTHORIZATION_TOKEN", kAuthToken);
    return aws_environment(extra);
  };
  std::vector<Environment> failing{
      aws_environment({{"AWS_SECRET_ACCESS_KEY", kSecret}, {"AWS_SESSION_TOKEN", kToken}}),
      aws_environment(
          {{"AWS_SHARED_CREDENTIALS_FILE",
            dir.write("partial", std::string("[default]\naws_secret_access_key = ") + kSecret +
                                     "\naws_session_token = " + kToken + "\n")}}),
      aws_environment({{"AWS_SHARED_CREDENTIALS_FILE",
                        dir.write("broken", std::string("[default]\n") + kSecret + "\n")}}),
      container("/500"),
      container("/partial"),
      container("/code"),
      container("/notjson"),
      container("/500",
                {{"AWS_CONTAINER_AUTHORIZATION_TOKEN", std::string(kAuthToken) + "\r\nX: y"}}),
      container("/500",
                {{"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", dir.path() + "/no-such-token"}}),
      aws_environment(
          {{"AWS_EC2_METADATA_DISABLED", ""}, {"AWS_EC2_METADATA_SERVICE_ENDPOINT", stub.url()}}),
  };
  for (const Environment& env : failing) {
    std::string message = error_of([&] { default_credentials(env, ""); });
    EXPECT_FALSE(message.empty());
    for (const char* secret : {kSecret, kToken, kAuthToken, kImdsToken}) {
      EXPECT_EQ(message.find(secret), std::string::npos) << message;
    }
  }
}

TEST(CredentialsTest, NoCredentialsErrorListsEverySourceTried) {
  std::string message = error_of([] {
    default_credentials(
        aws_environment({{"AWS_ACCESS_KEY_ID", "AKIDONLY"}, {"AWS_PROFILE", "ghost"}}), "");
  });
  for (const char* part :
       {"no AWS credentials found", "AWS_ACCESS_KEY_ID set without AWS_SECRET_ACCESS_KEY",
        "profile 'ghost'", "not found", "container credentials",
        "disabled by AWS_EC2_METADATA_DISABLED"}) {
    EXPECT_NE(message.find(part), std::string::npos) << part << " in: " << message;
  }
  EXPECT_EQ(message.find("AKIDONLY"), std::string::npos) << message;
}

}  // namespace
}  // namespace alexdb::dynamodb
