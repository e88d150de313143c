// Where the DynamoDB engine's AWS credentials come from (SPEC section 6).
#ifndef ALEXDB_STORE_DYNAMODB_CREDENTIALS_H_
#define ALEXDB_STORE_DYNAMODB_CREDENTIALS_H_

#include <chrono>
#include <optional>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "alexdb/config.h"
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

// Fixed credentials.
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials) : credentials_(std::move(credentials)) {}
  Credentials current() override { return credentials_; }

 private:
  Credentials credentials_;
};

// Temporary credentials with their expiry.
struct ExpiringCredentials {
  Credentials credentials;
  std::chrono::system_clock::time_point expiration;
};

// Credentials fetched by `fetch` and fetched again a few minutes before they expire.
class RefreshingCredentialsProvider final : public CredentialsProvider {
 public:
  // How long before expiry credentials are refreshed.
  static constexpr std::chrono::minutes kRefreshMargin{5};
  explicit RefreshingCredentialsProvider(std::function<ExpiringCredentials()> fetch)
      : fetch_(std::move(fetch)) {}
  Credentials current() override;

 private:
  std::function<ExpiringCredentials()> fetch_;
  std::mutex mutex_;
  std::optional<ExpiringCredentials> cached_;
};

// Container credentials (ECS, EKS pod identity): GET `url` with the optional
// Authorization token; the JSON answer holds AccessKeyId, SecretAccessKey, Token and
// Expiration. Throws alexdb::Error on any failure.
ExpiringCredentials fetch_container_credentials(const std::string& url,
                                                const std::string& authorization);
// EC2 instance metadata, IMDSv2: a session token from PUT /latest/api/token, then the
// role name and its credentials from /latest/meta-data/iam/security-credentials/.
ExpiringCredentials fetch_instance_credentials(const std::string& endpoint);

// The standard chain, first match wins: the environment (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN); the shared credentials and config files
// (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, default ~/.aws/...) for `profile`
// (else AWS_PROFILE, else "default"); container credentials
// (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI under http://169.254.170.2, or
// AWS_CONTAINER_CREDENTIALS_FULL_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN or
// _TOKEN_FILE); instance metadata (AWS_EC2_METADATA_SERVICE_ENDPOINT, default
// http://169.254.169.254; skipped when AWS_EC2_METADATA_DISABLED is true). Temporary
// credentials refresh before expiry. Throws alexdb::Error listing the sources tried
// (never a secret) when none gives credentials.
std::shared_ptr<CredentialsProvider> default_credentials(const Environment& environment,
                                                         const std::string& profile);

// The region of `profile` (else AWS_PROFILE, else "default") in the shared config file
// (AWS_CONFIG_FILE, default ~/.aws/config), or "" when it names none.
std::string profile_region(const Environment& environment, const std::string& profile);

// The value of `key` in section `section` of an INI-style AWS file (config or
// credentials), or "" when absent. Lines are "key = value"; '#' and ';' start comments.
std::string ini_value(const std::string& text, const std::string& section, const std::string& key);

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_CREDENTIALS_H_
