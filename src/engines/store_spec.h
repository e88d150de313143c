// The store-spec grammar (config.h, kStoreSpecForms) parsed in one place: the checks of
// Config and the engine factory both read a spec through parse_store_spec.
#ifndef ALEXDB_ENGINES_STORE_SPEC_H_
#define ALEXDB_ENGINES_STORE_SPEC_H_

#include <string>
#include <string_view>

namespace alexdb::engines {

// A parsed store spec: which engine, and where.
struct StoreSpec {
  enum class Kind {
    kMemory,    // "memory:" (or "memory"): a private in-memory embedded database
    kFile,      // "sqlite:PATH": the embedded engine on `target`, the PATH
    kAws,       // "dynamodb": AWS DynamoDB in the configured region
    kEndpoint,  // "http(s)://HOST[:PORT]": a DynamoDB endpoint, `target` the URL
  };
  Kind kind;
  std::string target;
};

// Parses `spec`; throws ValidationError naming `setting` and the rule for anything that
// is not one of the forms, an empty sqlite: path, or an endpoint URL that does not
// parse (see check_endpoint_url in config.h).
StoreSpec parse_store_spec(std::string_view spec, std::string_view setting);

}  // namespace alexdb::engines

#endif  // ALEXDB_ENGINES_STORE_SPEC_H_
