// Application of a typed Update to one item, with DynamoDB's semantics.
#ifndef ALEXDB_STORE_UPDATE_APPLY_H_
#define ALEXDB_STORE_UPDATE_APPLY_H_

#include <set>
#include <string>
#include <vector>

#include "alexdb/expression.h"
#include "alexdb/value.h"

namespace alexdb::store {

struct UpdateOutcome {
  Item item;                                  // the item after the update
  std::set<std::string, std::less<>> touched;  // top-level attributes the update names
  std::vector<Path> paths;  // the paths the actions name (UPDATED_OLD/UPDATED_NEW return these)
};

// Applies `update` to `old_item` (empty when the item does not exist yet; it then
// starts as the key). Actions apply in the order SET, REMOVE, ADD, DELETE, and every
// right-hand side is evaluated against `old_item`. Throws ValidationError naming the
// path and the rule, changing nothing, when: the update is empty; two actions name
// overlapping paths; an action names a key attribute (`key_names`); `+`/`-` or ADD
// meet a non-number; list_append meets a non-list; ADD/DELETE meet a mismatched set;
// a nested path's parent does not exist; a result is not a valid number.
// Removing the last element of a set with DELETE removes the attribute.
UpdateOutcome apply_update(const Item& old_item, const Update& update,
                           const std::vector<std::string>& key_names);

// Checks the update is well-formed (non-empty, no overlapping paths, no key attribute,
// literal values valid) without an item; throws ValidationError.
void validate_update(const Update& update, const std::vector<std::string>& key_names);

}  // namespace alexdb::store

#endif  // ALEXDB_STORE_UPDATE_APPLY_H_
