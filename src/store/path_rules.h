// DynamoDB's rules for the document paths of one request (conditions, projections,
// updates). The one definition of them for the package.
#ifndef ALEXDB_STORE_PATH_RULES_H_
#define ALEXDB_STORE_PATH_RULES_H_

#include <string_view>
#include <vector>

#include "alexdb/expression.h"

namespace alexdb::store {

// Throws ValidationError naming `field` when `path` nests deeper than 32 levels below its
// attribute (limits::kMaxNestingDepth).
void check_path_depth(const Path& path, std::string_view field);

// Throws ValidationError naming `field` when two of `paths` overlap (equal, or one a prefix
// of the other: "a" and "a.b") or conflict (a map key and a list index at one level: "a.b"
// and "a[0]"). DynamoDB rejects both in a projection and among the actions of an update.
void check_disjoint_paths(const std::vector<const Path*>& paths, std::string_view field);

}  // namespace alexdb::store

#endif  // ALEXDB_STORE_PATH_RULES_H_
