// Evaluation of typed conditions and projections against one item, with DynamoDB's
// semantics. Used by the embedded engine (conditions, filters) and by tests.
#ifndef ALEXDB_STORE_CONDITION_EVAL_H_
#define ALEXDB_STORE_CONDITION_EVAL_H_

#include <string_view>
#include <vector>

#include "alexdb/expression.h"
#include "alexdb/value.h"

namespace alexdb::store {

// The value at `path` in `item`, or nullptr when absent (missing attribute, map key,
// list index out of range, or a step into a value that is not a map or list).
const Value* resolve(const Item& item, const Path& path);

// Whether `condition` holds for `item` (an empty item stands for "no item"). As in
// DynamoDB, comparing values of different types, or an absent operand, is false
// (and its negation true); `<`-style comparisons apply to S, N and B only.
bool evaluate(const Condition& condition, const Item& item);

// Checks that a condition is well-formed before use, as DynamoDB would reject it:
// literal operands must be valid values, BETWEEN bounds must be of one type with
// low <= high, IN takes 1..100 candidates, begins_with takes an S or B literal, the
// tree is at most 300 operators deep. Throws ValidationError naming `field`.
void validate_condition(const Condition& condition, std::string_view field);

// The paths of `item` that `projection` names (all of `item` when it is empty), as
// DynamoDB's ProjectionExpression returns them.
// Throws ValidationError (field "ProjectionExpression") when two paths overlap or
// conflict, or a path nests deeper than 32 levels (store/path_rules.h).
Item project(const Item& item, const std::vector<Path>& projection);

}  // namespace alexdb::store

#endif  // ALEXDB_STORE_CONDITION_EVAL_H_
