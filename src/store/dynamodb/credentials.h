// Where the DynamoDB engine's AWS credentials come from: the standard AWS chain
// (SPEC section 6). Secrets (secret keys, session tokens, metadata and authorization
// tokens) never appear in an error message.
#ifndef ALEXDB_STORE_DYNAMODB_CREDENTIALS_H_
#define ALEXDB_STORE_DYNAMODB_CREDENTIALS_H_

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "store/dynamodb/environment.h"
#include "store/dynamodb/aws_config.h"  // profile_region() and resolve_region() for callers
#include "store/dynamodb/sigv4.h"

namespace alexdb::dynamodb {

// Supplies credentials for each request. Implementations are thread-safe.
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // The credentials to sign with now. Throws alexdb::Error (never naming a secret)
  // when none can be had.
  virtual Credentials current() = 0;
};

// Fixed credentials (environment variables, shared files, tests).
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials)
      : credentials_(std::move(credentials)) {}
  Credentials current() override { return credentials_; }

 private:
  const Credentials credentials_;
};

// Temporary credentials with their expiry (time_point::max() when they do not expire).
struct ExpiringCredentials {
  Credentials credentials;
  std::chrono::system_clock::time_point expiration;
};

// Credentials fetched by `fetch` on first use and fetched again once less than
// kRefreshMargin of their life is left. If a refresh fails while the credentials held
// are still valid, those are returned and the next attempt waits kRetryAfterFailure;
// once they have expired, the failure (alexdb::Error from `fetch`) is thrown. Calls are
// serialized: one fetch at a time, other callers wait for it.
class RefreshingCredentialsProvider final : public CredentialsProvider {
 public:
  static constexpr std::chrono::minutes kRefreshMargin{5};
  static constexpr std::chrono::seconds kRetryAfterFailure{10};

  explicit RefreshingCredentialsProvider(std::function<ExpiringCredentials()> fetch)
      : fetch_(std::move(fetch)) {}
  RefreshingCredentialsProvider(const RefreshingCredentialsProvider&) = delete;
  RefreshingCredentialsProvider& operator=(const RefreshingCredentialsProvider&) = delete;
  Credentials current() override;

 private:
  std::function<ExpiringCredentials()> fetch_;
  std::mutex mutex_;
  std::optional<ExpiringCredentials> cached_;
  std::optional<std::chrono::system_clock::time_point> last_failure_;
};

// Reads a credentials document as the container endpoint and the instance metadata
// service send it: JSON with AccessKeyId, SecretAccessKey, optional Token, optional
// Expiration (ISO 8601, "Z" or a numeric offset) and, from IMDS, Code ("Success").
// Throws alexdb::Error prefixed with `source` when the document is not JSON, lacks a
// key, has an unreadable Expiration or a Code other than Success.
ExpiringCredentials parse_credentials_document(std::string_view body, std::string_view source);

// The container credentials endpoint (ECS task roles, EKS Pod Identity).
struct ContainerEndpoint {
  std::string url;
  std::string authorization;       // AWS_CONTAINER_AUTHORIZATION_TOKEN, may be empty
  std::string authorization_file;  // AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE; wins when set
};

// GETs credentials from `endpoint.url` with the Authorization header (the token file is
// read again on every call: EKS rotates it). Throws alexdb::Error on any failure: no
// answer, a status other than 200, an unreadable token file, a token with a line break,
// a bad document.
ExpiringCredentials fetch_container_credentials(const ContainerEndpoint& endpoint);

// EC2 instance metadata, IMDSv2 only: PUT /latest/api/token (session token, TTL in the
// X-aws-ec2-metadata-token-ttl-seconds header), then GET
// /latest/meta-data/iam/security-credentials/ (the role name) and .../<role> with the
// X-aws-ec2-metadata-token header. `endpoint` is "http://169.254.169.254" or the like,
// without a trailing slash. Throws alexdb::Error on any failure.
ExpiringCredentials fetch_instance_credentials(const std::string& endpoint);

// The link-local addresses of the credential services; tests point them at a stub.
struct MetadataEndpoints {
  std::string container = "http://169.254.170.2";   // AWS_CONTAINER_CREDENTIALS_RELATIVE_URI base
  std::string instance = "http://169.254.169.254";  // unless AWS_EC2_METADATA_SERVICE_ENDPOINT
};

// The standard chain, first source that has credentials wins:
//  1. the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN;
//  2. the shared files (see aws_config.h) for selected_profile(environment, profile):
//     aws_access_key_id, aws_secret_access_key, aws_session_token;
//  3. container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI under
//     endpoints.container, else AWS_CONTAINER_CREDENTIALS_FULL_URI, which must be https
//     or resolve only to loopback, 169.254.170.2, 169.254.170.23 or fd00:ec2::23;
//  4. instance metadata (IMDSv2) at AWS_EC2_METADATA_SERVICE_ENDPOINT, else
//     endpoints.instance, unless AWS_EC2_METADATA_DISABLED is "true" (any case).
// Sources 3 and 4 are fetched now (so a failure shows at startup) and refreshed before
// expiry. Profiles that need role assumption, SSO or a credential process are not
// supported and say so in the error. Throws alexdb::Error when no source gives
// credentials, listing every source tried and why it gave none; when container
// credentials are configured but fail; or when a shared file is malformed.
std::shared_ptr<CredentialsProvider> default_credentials(const Environment& environment,
                                                         const std::string& profile,
                                                         const MetadataEndpoints& endpoints = {});

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_CREDENTIALS_H_
