#include "store/update_apply.h"

#include <algorithm>

#include "alexdb/errors.h"
#include "store/condition_eval.h"
#include "store/request_checks.h"

namespace alexdb::store {

namespace {

constexpr const char* kField = "UpdateExpression";

[[noreturn]] void invalid(const Path& path, const std::string& rule) {
  throw ValidationError(std::string(kField) + "." + path.to_string(), rule);
}

bool is_prefix(const Path& a, const Path& b) {
  const auto& x = a.elements();
  const auto& y = b.elements();
  return x.size() <= y.size() && std::equal(x.begin(), x.end(), y.begin());
}

Value evaluate_expr(const UpdateExpr& e, const Item& old_item, const Path& target) {
  switch (e.kind()) {
    case UpdateExpr::Kind::kOperand: {
      const auto& operand = e.operand();
      if (const Value* literal = std::get_if<Value>(&operand)) return *literal;
      const Path& source = std::get<Path>(operand);
      const Value* v = resolve(old_item, source);
      if (!v) invalid(source, "the expression refers to an attribute that does not exist in the item");
      return *v;
    }
    case UpdateExpr::Kind::kIfNotExists: {
      const Value* v = resolve(old_item, e.checked_path());
      return v ? *v : evaluate_expr(e.arguments()[0], old_item, target);
    }
    case UpdateExpr::Kind::kListAppend: {
      Value a = evaluate_expr(e.arguments()[0], old_item, target);
      Value b = evaluate_expr(e.arguments()[1], old_item, target);
      if (!a.is_l() || !b.is_l()) invalid(target, "list_append takes two lists");
      Value::List joined = a.l();
      joined.insert(joined.end(), b.l().begin(), b.l().end());
      return Value::L(std::move(joined));
    }
    case UpdateExpr::Kind::kPlus:
    case UpdateExpr::Kind::kMinus: {
      Value a = evaluate_expr(e.arguments()[0], old_item, target);
      Value b = evaluate_expr(e.arguments()[1], old_item, target);
      if (!a.is_n() || !b.is_n()) invalid(target, "+ and - take numbers");
      return Value::N(e.kind() == UpdateExpr::Kind::kPlus ? a.n() + b.n() : a.n() - b.n());
    }
  }
  invalid(target, "unknown expression");
}

// The container that holds the last element of `path` (the item's top level for a
// top-level path, as nullptr), or throws when a parent is missing or of the wrong type.
Value* parent_of(Item& item, const Path& path) {
  const auto& elements = path.elements();
  if (elements.size() == 1) return nullptr;
  auto top = item.find(path.attribute());
  if (top == item.end()) invalid(path, "the document path is invalid for update");
  Value* current = &top->second;
  for (std::size_t i = 1; i + 1 < elements.size(); ++i) {
    if (const std::string* key = std::get_if<std::string>(&elements[i])) {
      if (!current->is_m()) invalid(path, "the document path is invalid for update");
      auto it = current->mutable_m().find(*key);
      if (it == current->mutable_m().end()) invalid(path, "the document path is invalid for update");
      current = &it->second;
    } else {
      std::size_t index = std::get<std::size_t>(elements[i]);
      if (!current->is_l() || index >= current->l().size()) {
        invalid(path, "the document path is invalid for update");
      }
      current = &current->mutable_l()[index];
    }
  }
  return current;
}

void set_at(Item& item, const Path& path, Value value) {
  Value* parent = parent_of(item, path);
  if (!parent) {
    item[path.attribute()] = std::move(value);
    return;
  }
  const auto& last = path.elements().back();
  if (const std::string* key = std::get_if<std::string>(&last)) {
    if (!parent->is_m()) invalid(path, "the document path is invalid for update");
    parent->mutable_m()[*key] = std::move(value);
  } else {
    if (!parent->is_l()) invalid(path, "the document path is invalid for update");
    std::size_t index = std::get<std::size_t>(last);
    Value::List& list = parent->mutable_l();
    if (index < list.size()) {
      list[index] = std::move(value);
    } else {
      list.push_back(std::move(value));
    }
  }
}

void remove_at(Item& item, const Path& path) {
  if (path.is_top_level()) {
    item.erase(path.attribute());
    return;
  }
  Value* parent;
  try {
    parent = parent_of(item, path);
  } catch (const ValidationError&) {
    return;  // removing what is not there changes nothing
  }
  const auto& last = path.elements().back();
  if (const std::string* key = std::get_if<std::string>(&last)) {
    if (parent->is_m()) parent->mutable_m().erase(*key);
  } else if (parent->is_l()) {
    std::size_t index = std::get<std::size_t>(last);
    Value::List& list = parent->mutable_l();
    if (index < list.size()) list.erase(list.begin() + static_cast<std::ptrdiff_t>(index));
  }
}

Value set_union(const Value& a, const Value& b, const Path& path) {
  switch (a.type()) {
    case Value::Type::kSS: {
      auto s = a.ss();
      s.insert(b.ss().begin(), b.ss().end());
      return Value::SS(std::move(s));
    }
    case Value::Type::kNS: {
      auto s = a.ns();
      s.insert(b.ns().begin(), b.ns().end());
      return Value::NS(std::move(s));
    }
    case Value::Type::kBS: {
      auto s = a.bs();
      s.insert(b.bs().begin(), b.bs().end());
      return Value::BS(std::move(s));
    }
    default:
      invalid(path, "ADD takes a number or a set");
  }
}

// a without the elements of b; nullopt when nothing is left.
std::optional<Value> set_difference(const Value& a, const Value& b) {
  auto minus = [](auto set, const auto& remove) {
    for (const auto& e : remove) set.erase(e);
    return set;
  };
  switch (a.type()) {
    case Value::Type::kSS: {
      auto s = minus(a.ss(), b.ss());
      return s.empty() ? std::nullopt : std::optional(Value::SS(std::move(s)));
    }
    case Value::Type::kNS: {
      auto s = minus(a.ns(), b.ns());
      return s.empty() ? std::nullopt : std::optional(Value::NS(std::move(s)));
    }
    case Value::Type::kBS: {
      auto s = minus(a.bs(), b.bs());
      return s.empty() ? std::nullopt : std::optional(Value::BS(std::move(s)));
    }
    default:
      return a;
  }
}

void collect(const UpdateExpr& e, std::vector<const Value*>& literals) {
  if (e.kind() == UpdateExpr::Kind::kOperand) {
    if (const Value* v = std::get_if<Value>(&e.operand())) literals.push_back(v);
    return;
  }
  for (const UpdateExpr& argument : e.arguments()) collect(argument, literals);
}

}  // namespace

void validate_update(const Update& update, const std::vector<std::string>& key_names) {
  if (update.empty()) throw ValidationError(kField, "an update names at least one action");
  std::vector<const Path*> paths;
  for (const auto& a : update.sets()) {
    paths.push_back(&a.path);
    std::vector<const Value*> literals;
    collect(a.value, literals);
    for (const Value* v : literals) check_value(*v, std::string(kField) + "." + a.path.to_string());
  }
  for (const Path& p : update.removes()) paths.push_back(&p);
  for (const auto& a : update.adds()) {
    paths.push_back(&a.path);
    if (!a.path.is_top_level()) invalid(a.path, "ADD applies to top-level attributes only");
    if (!a.value.is_n() && !a.value.is_set()) invalid(a.path, "ADD takes a number or a set");
    check_value(a.value, kField);
  }
  for (const auto& a : update.deletes()) {
    paths.push_back(&a.path);
    if (!a.path.is_top_level()) invalid(a.path, "DELETE applies to top-level attributes only");
    if (!a.elements.is_set()) invalid(a.path, "DELETE takes a set");
    check_value(a.elements, kField);
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    for (const std::string& key : key_names) {
      if (paths[i]->attribute() == key) {
        invalid(*paths[i], "cannot update attribute " + key + ": it is part of the key");
      }
    }
    for (std::size_t j = i + 1; j < paths.size(); ++j) {
      if (is_prefix(*paths[i], *paths[j]) || is_prefix(*paths[j], *paths[i])) {
        invalid(*paths[j], "two document paths overlap with each other");
      }
    }
  }
}

UpdateOutcome apply_update(const Item& old_item, const Update& update,
                           const std::vector<std::string>& key_names) {
  validate_update(update, key_names);
  UpdateOutcome outcome;
  outcome.item = old_item;
  Item& item = outcome.item;
  auto touch = [&outcome](const Path& p) { outcome.touched.insert(p.attribute()); };

  for (const auto& action : update.sets()) {
    set_at(item, action.path, evaluate_expr(action.value, old_item, action.path));
    touch(action.path);
  }
  // Remove list elements from the highest index down, so indexes mean the old list.
  std::vector<const Path*> removes;
  for (const Path& p : update.removes()) removes.push_back(&p);
  std::stable_sort(removes.begin(), removes.end(), [](const Path* a, const Path* b) {
    const auto* ia = std::get_if<std::size_t>(&a->elements().back());
    const auto* ib = std::get_if<std::size_t>(&b->elements().back());
    return ia && ib && *ia > *ib;
  });
  for (const Path* p : removes) {
    remove_at(item, *p);
    touch(*p);
  }
  for (const auto& action : update.adds()) {
    auto it = item.find(action.path.attribute());
    if (it == item.end()) {
      item[action.path.attribute()] = action.value;
    } else if (it->second.type() != action.value.type()) {
      invalid(action.path, "ADD needs the attribute and the operand of one type");
    } else if (action.value.is_n()) {
      it->second = Value::N(it->second.n() + action.value.n());
    } else {
      it->second = set_union(it->second, action.value, action.path);
    }
    touch(action.path);
  }
  for (const auto& action : update.deletes()) {
    auto it = item.find(action.path.attribute());
    if (it != item.end()) {
      if (it->second.type() != action.elements.type()) {
        invalid(action.path, "DELETE needs a set of the attribute's type");
      }
      if (auto rest = set_difference(it->second, action.elements)) {
        it->second = std::move(*rest);
      } else {
        item.erase(it);
      }
    }
    touch(action.path);
  }
  return outcome;
}

}  // namespace alexdb::store
