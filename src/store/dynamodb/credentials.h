// Where the DynamoDB engine's AWS credentials come from (SPEC section 6).
#ifndef ALEXDB_STORE_DYNAMODB_CREDENTIALS_H_
#define ALEXDB_STORE_DYNAMODB_CREDENTIALS_H_

#include <memory>
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

// The standard chain, first match wins: the environment (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), then the shared credentials and config
// files (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, default ~/.aws/...) for
// `profile` (AWS_PROFILE, else "default"). Resolved at construction; throws
// alexdb::Error listing the sources tried when none has credentials.
std::shared_ptr<CredentialsProvider> default_credentials(const Environment& environment,
                                                         const std::string& profile);

// The value of `key` in section `section` of an INI-style AWS file (config or
// credentials), or "" when absent. Lines are "key = value"; '#' and ';' start comments.
std::string ini_value(const std::string& text, const std::string& section, const std::string& key);

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_CREDENTIALS_H_
