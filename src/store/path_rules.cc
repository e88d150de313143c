#include "store/path_rules.h"

#include <algorithm>
#include <string>

#include "alexdb/errors.h"
#include "alexdb/store.h"

namespace alexdb::store {

namespace {

enum class Relation { kDisjoint, kOverlap, kConflict };

Relation relation(const Path& a, const Path& b) {
  const auto& x = a.elements();
  const auto& y = b.elements();
  std::size_t common = std::min(x.size(), y.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (x[i].index() != y[i].index()) return Relation::kConflict;
    if (x[i] != y[i]) return Relation::kDisjoint;
  }
  return Relation::kOverlap;
}

}  // namespace

void check_path_depth(const Path& path, std::string_view field) {
  if (path.elements().size() - 1 > static_cast<std::size_t>(limits::kMaxNestingDepth)) {
    throw ValidationError(std::string(field), "document paths nest at most 32 levels deep",
                          path.to_string());
  }
}

void check_disjoint_paths(const std::vector<const Path*>& paths, std::string_view field) {
  for (std::size_t i = 1; i < paths.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      Relation r = relation(*paths[j], *paths[i]);
      if (r == Relation::kDisjoint) continue;
      throw ValidationError(
          std::string(field),
          r == Relation::kOverlap ? "two document paths overlap with each other"
                                  : "two document paths conflict with each other",
          "path one: " + paths[j]->to_string() + ", path two: " + paths[i]->to_string());
    }
  }
}

}  // namespace alexdb::store
