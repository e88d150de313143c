#include "store/update_apply.h"

#include <algorithm>
#include <optional>

#include "alexdb/errors.h"
#include "alexdb/store.h"
#include "store/condition_eval.h"
#include "store/path_rules.h"
#include "store/request_checks.h"

namespace alexdb::store {

namespace {

using ExprKind = UpdateExpr::Kind;

constexpr std::string_view kField = "UpdateExpression";
// DynamoDB's rules, in its words.
constexpr const char* kInvalidPath =
    "the document path provided in the update expression is invalid for update";
constexpr const char* kWrongType = "an operand in the update expression has an incorrect data type";
constexpr const char* kMissingAttribute =
    "the provided expression refers to an attribute that does not exist in the item";

std::string field_of(const Path& path) {
  std::string field(kField);
  field += '.';
  field += path.to_string();
  return field;
}

[[noreturn]] void invalid(const Path& path, std::string rule, const std::string& detail = {}) {
  throw ValidationError(field_of(path), std::move(rule), detail);
}

// --- validation ---

// Where a SET right-hand side sits in DynamoDB's grammar:
//   value   ::= operand | operand + operand | operand - operand
//   operand ::= path | literal | if_not_exists(path, operand) | list_append(operand, operand)
enum class Position { kWhole, kArithmetic, kArgument };

// The type an expression always has, when it does not depend on the item.
std::optional<Value::Type> static_type(const UpdateExpr& e) {
  switch (e.kind()) {
    case ExprKind::kOperand:
      if (const Value* v = std::get_if<Value>(&e.operand())) return v->type();
      return std::nullopt;
    case ExprKind::kListAppend:
      return Value::Type::kL;
    case ExprKind::kPlus:
    case ExprKind::kMinus:
      return Value::Type::kN;
    case ExprKind::kIfNotExists:
      return std::nullopt;
  }
  return std::nullopt;
}

void check_operand_type(const UpdateExpr& e, Value::Type expected, const char* function,
                        const Path& target) {
  auto type = static_type(e);
  if (type && *type != expected) {
    invalid(target,
            std::string(function) + ": operands are " + std::string(Value::type_name(expected)),
            std::string(Value::type_name(*type)) + " given");
  }
}

void check_set_value(const UpdateExpr& e, Position at, const Path& target) {
  switch (e.kind()) {
    case ExprKind::kOperand:
      if (const Value* v = std::get_if<Value>(&e.operand())) {
        check_value(*v, field_of(target));
      } else {
        check_path_depth(std::get<Path>(e.operand()), field_of(target));
      }
      return;
    case ExprKind::kIfNotExists:
      check_path_depth(e.checked_path(), field_of(target));
      return check_set_value(e.arguments()[0], Position::kArgument, target);
    case ExprKind::kListAppend:
      if (at == Position::kArgument) invalid(target, "list_append may not be a function argument");
      for (const UpdateExpr& argument : e.arguments()) {
        check_operand_type(argument, Value::Type::kL, "list_append", target);
        check_set_value(argument, Position::kArgument, target);
      }
      return;
    case ExprKind::kPlus:
    case ExprKind::kMinus:
      if (at != Position::kWhole) invalid(target, "+ and - take two operands, not an expression");
      for (const UpdateExpr& argument : e.arguments()) {
        check_operand_type(argument, Value::Type::kN, "+ and -", target);
        check_set_value(argument, Position::kArithmetic, target);
      }
      return;
  }
}

// --- navigation ---

// The map or list that holds the last element of `path` in `item`, or nullptr for a
// top-level attribute (the item holds it). Throws when a parent is missing or the holder
// is not a map (for a key) or a list (for an index), as DynamoDB does.
Value* holder_of(Item& item, const Path& path) {
  const auto& elements = path.elements();
  if (elements.size() == 1) return nullptr;
  auto top = item.find(path.attribute());
  if (top == item.end()) invalid(path, kInvalidPath);
  Value* current = &top->second;
  for (std::size_t i = 1; i + 1 < elements.size(); ++i) {
    if (const std::string* key = std::get_if<std::string>(&elements[i])) {
      if (!current->is_m()) invalid(path, kInvalidPath);
      auto it = current->mutable_m().find(*key);
      if (it == current->mutable_m().end()) invalid(path, kInvalidPath);
      current = &it->second;
    } else {
      std::size_t index = std::get<std::size_t>(elements[i]);
      if (!current->is_l() || index >= current->l().size()) invalid(path, kInvalidPath);
      current = &current->mutable_l()[index];
    }
  }
  bool wants_map = std::holds_alternative<std::string>(elements.back());
  if (wants_map ? !current->is_m() : !current->is_l()) invalid(path, kInvalidPath);
  return current;
}

// The value at `path` given its holder, or nullptr.
Value* find_at(Item& item, Value* holder, const Path& path) {
  const auto& last = path.elements().back();
  if (!holder) {
    auto it = item.find(path.attribute());
    return it == item.end() ? nullptr : &it->second;
  }
  if (const std::string* key = std::get_if<std::string>(&last)) {
    auto it = holder->mutable_m().find(*key);
    return it == holder->mutable_m().end() ? nullptr : &it->second;
  }
  std::size_t index = std::get<std::size_t>(last);
  return index < holder->l().size() ? &holder->mutable_l()[index] : nullptr;
}

// Stores `v` at `path`; a list index past the end appends.
void put_at(Item& item, Value* holder, const Path& path, Value v) {
  const auto& last = path.elements().back();
  if (!holder) {
    item.insert_or_assign(path.attribute(), std::move(v));
  } else if (const std::string* key = std::get_if<std::string>(&last)) {
    holder->mutable_m().insert_or_assign(*key, std::move(v));
  } else if (Value* slot = find_at(item, holder, path)) {
    *slot = std::move(v);
  } else {
    holder->mutable_l().push_back(std::move(v));
  }
}

// Removes the value at `path` (a list element: later elements shift down).
void erase_at(Item& item, Value* holder, const Path& path) {
  const auto& last = path.elements().back();
  if (!holder) {
    item.erase(path.attribute());
  } else if (const std::string* key = std::get_if<std::string>(&last)) {
    holder->mutable_m().erase(*key);
  } else if (std::size_t index = std::get<std::size_t>(last); index < holder->l().size()) {
    holder->mutable_l().erase(holder->mutable_l().begin() + static_cast<std::ptrdiff_t>(index));
  }
}

// --- evaluation ---

Decimal arithmetic(const Decimal& a, const Decimal& b, bool subtract, const Path& target) {
  try {
    return subtract ? a - b : a + b;
  } catch (const ValidationError& e) {
    invalid(target, e.rule(), a.to_string() + (subtract ? " - " : " + ") + b.to_string());
  }
}

// A SET right-hand side, read from the item as it was before the update.
Value evaluate_rhs(const UpdateExpr& e, const Item& old_item, const Path& target) {
  switch (e.kind()) {
    case ExprKind::kOperand: {
      if (const Value* literal = std::get_if<Value>(&e.operand())) return *literal;
      const Path& source = std::get<Path>(e.operand());
      if (const Value* v = resolve(old_item, source)) return *v;
      invalid(target, kMissingAttribute, source.to_string());
    }
    case ExprKind::kIfNotExists: {
      if (const Value* v = resolve(old_item, e.checked_path())) return *v;
      return evaluate_rhs(e.arguments()[0], old_item, target);
    }
    case ExprKind::kListAppend: {
      Value a = evaluate_rhs(e.arguments()[0], old_item, target);
      Value b = evaluate_rhs(e.arguments()[1], old_item, target);
      if (!a.is_l() || !b.is_l()) {
        invalid(
            target, kWrongType,
            "list_append of " + std::string(a.type_name()) + " and " + std::string(b.type_name()));
      }
      Value::List joined = a.l();
      joined.insert(joined.end(), b.l().begin(), b.l().end());
      return Value::L(std::move(joined));
    }
    case ExprKind::kPlus:
    case ExprKind::kMinus: {
      Value a = evaluate_rhs(e.arguments()[0], old_item, target);
      Value b = evaluate_rhs(e.arguments()[1], old_item, target);
      if (!a.is_n() || !b.is_n()) {
        invalid(target, kWrongType,
                "+ or - of " + std::string(a.type_name()) + " and " + std::string(b.type_name()));
      }
      return Value::N(arithmetic(a.n(), b.n(), e.kind() == ExprKind::kMinus, target));
    }
  }
  invalid(target, "unknown update expression");
}

// --- actions ---

// SET, after every right-hand side was read. Replacements first; then indexes past the
// end of a list append, in index order, as DynamoDB sorts them.
void apply_sets(Item& item, const std::vector<Update::SetAction>& sets, std::vector<Value> values) {
  std::vector<std::size_t> appends;
  for (std::size_t i = 0; i < sets.size(); ++i) {
    const Path& path = sets[i].path;
    Value* holder = holder_of(item, path);
    if (holder && holder->is_l() && !find_at(item, holder, path)) {
      appends.push_back(i);
    } else {
      put_at(item, holder, path, std::move(values[i]));
    }
  }
  std::sort(appends.begin(), appends.end(), [&sets](std::size_t a, std::size_t b) {
    return sets[a].path.elements() < sets[b].path.elements();
  });
  for (std::size_t i : appends) {
    put_at(item, holder_of(item, sets[i].path), sets[i].path, std::move(values[i]));
  }
}

// REMOVE. List indexes name the elements of the list before the update, so removals run
// from the greatest path down, and a path that held nothing before the update is left.
void apply_removes(Item& item, const Item& old_item, const std::vector<Path>& removes) {
  std::vector<const Path*> order;
  for (const Path& path : removes) order.push_back(&path);
  std::sort(order.begin(), order.end(),
            [](const Path* a, const Path* b) { return a->elements() > b->elements(); });
  for (const Path* path : order) {
    Value* holder = holder_of(item, *path);
    if (resolve(old_item, *path)) erase_at(item, holder, *path);
  }
}

Value set_union(const Value& a, const Value& b) {
  auto join = [](auto set, const auto& more) {
    set.insert(more.begin(), more.end());
    return set;
  };
  if (a.type() == Value::Type::kSS) return Value::SS(join(a.ss(), b.ss()));
  if (a.type() == Value::Type::kNS) return Value::NS(join(a.ns(), b.ns()));
  return Value::BS(join(a.bs(), b.bs()));
}

// a without the elements of b; nullopt when nothing is left.
std::optional<Value> set_difference(const Value& a, const Value& b) {
  auto minus = [](auto set, const auto& gone) {
    for (const auto& element : gone) set.erase(element);
    return set;
  };
  std::optional<Value> rest;
  if (a.type() == Value::Type::kSS) rest = Value::SS(minus(a.ss(), b.ss()));
  if (a.type() == Value::Type::kNS) rest = Value::NS(minus(a.ns(), b.ns()));
  if (a.type() == Value::Type::kBS) rest = Value::BS(minus(a.bs(), b.bs()));
  if (rest && rest->size() == 0) rest.reset();
  return rest;
}

// ADD: a number adds to a number (a missing attribute counts as 0); a set joins a set of
// its type (a missing attribute becomes the set).
void apply_add(Item& item, const Update::AddAction& action) {
  Value* holder = holder_of(item, action.path);
  Value* current = find_at(item, holder, action.path);
  if (!current) return put_at(item, holder, action.path, action.value);
  if (current->type() != action.value.type()) {
    invalid(action.path, kWrongType,
            "ADD " + std::string(action.value.type_name()) + " to " +
                std::string(current->type_name()));
  }
  if (current->is_n()) {
    *current = Value::N(arithmetic(current->n(), action.value.n(), false, action.path));
  } else {
    *current = set_union(*current, action.value);
  }
}

// DELETE: removes elements from a set of its type; an emptied set is removed.
void apply_delete(Item& item, const Update::DeleteAction& action) {
  Value* holder = holder_of(item, action.path);
  Value* current = find_at(item, holder, action.path);
  if (!current) return;
  if (current->type() != action.elements.type()) {
    invalid(action.path, kWrongType,
            "DELETE " + std::string(action.elements.type_name()) + " from " +
                std::string(current->type_name()));
  }
  if (auto rest = set_difference(*current, action.elements)) {
    *current = std::move(*rest);
  } else {
    erase_at(item, holder, action.path);
  }
}

}  // namespace

void validate_update(const Update& update, const std::vector<std::string>& key_names) {
  if (update.empty()) {
    throw ValidationError(std::string(kField), "an update names at least one action");
  }
  std::vector<const Path*> targets;
  for (const auto& action : update.sets()) {
    targets.push_back(&action.path);
    check_set_value(action.value, Position::kWhole, action.path);
  }
  for (const Path& path : update.removes()) targets.push_back(&path);
  for (const auto& action : update.adds()) {
    targets.push_back(&action.path);
    if (!action.value.is_n() && !action.value.is_set()) {
      invalid(action.path, "ADD takes a number or a set", std::string(action.value.type_name()));
    }
    check_value(action.value, field_of(action.path));
  }
  for (const auto& action : update.deletes()) {
    targets.push_back(&action.path);
    if (!action.elements.is_set()) {
      invalid(action.path, "DELETE takes a set", std::string(action.elements.type_name()));
    }
    check_value(action.elements, field_of(action.path));
  }
  for (const Path* path : targets) {
    check_path_depth(*path, field_of(*path));
    if (std::find(key_names.begin(), key_names.end(), path->attribute()) != key_names.end()) {
      invalid(*path, "cannot update attribute " + path->attribute() + ": it is part of the key");
    }
  }
  check_disjoint_paths(targets, kField);
}

UpdateOutcome apply_update(const Item& old_item, const Update& update,
                           const std::vector<std::string>& key_names) {
  validate_update(update, key_names);
  std::vector<Value> values;  // every right-hand side reads the item before the update
  values.reserve(update.sets().size());
  for (const auto& action : update.sets()) {
    values.push_back(evaluate_rhs(action.value, old_item, action.path));
  }

  UpdateOutcome outcome;
  outcome.item = old_item;
  apply_sets(outcome.item, update.sets(), std::move(values));
  apply_removes(outcome.item, old_item, update.removes());
  for (const auto& action : update.adds()) apply_add(outcome.item, action);
  for (const auto& action : update.deletes()) apply_delete(outcome.item, action);

  for (const auto& action : update.sets()) outcome.touched.insert(action.path.attribute());
  for (const Path& path : update.removes()) outcome.touched.insert(path.attribute());
  for (const auto& action : update.adds()) outcome.touched.insert(action.path.attribute());
  for (const auto& action : update.deletes()) outcome.touched.insert(action.path.attribute());
  for (const auto& action : update.sets()) outcome.paths.push_back(action.path);
  for (const Path& path : update.removes()) outcome.paths.push_back(path);
  for (const auto& action : update.adds()) outcome.paths.push_back(action.path);
  for (const auto& action : update.deletes()) outcome.paths.push_back(action.path);
  return outcome;
}

}  // namespace alexdb::store
