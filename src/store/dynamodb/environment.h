// How the DynamoDB engine reads its settings (AWS_REGION, AWS_PROFILE, the shared-file
// paths, credentials): through a lookup the caller supplies, never the process
// environment directly, so that the engine does not depend on alexdb::Config and tests
// can supply their own variables. The engines factory (src/engines) builds it.
#ifndef ALEXDB_STORE_DYNAMODB_ENVIRONMENT_H_
#define ALEXDB_STORE_DYNAMODB_ENVIRONMENT_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace alexdb::dynamodb {

// A variable lookup: returns the value of the variable `name`, if set. Must be safe to
// call from any thread (credential refreshes call it).
using Environment = std::function<std::optional<std::string>(std::string_view name)>;

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_ENVIRONMENT_H_
