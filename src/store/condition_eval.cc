#include "store/condition_eval.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "alexdb/errors.h"
#include "alexdb/store.h"
#include "store/path_rules.h"
#include "store/request_checks.h"
#include "store/value_order.h"

namespace alexdb::store {

namespace {

using Kind = Condition::Kind;
using CompareOp = Condition::CompareOp;

// DynamoDB's limits on a condition: operator nesting, and candidates of one IN.
constexpr int kMaxConditionDepth = 300;
constexpr std::size_t kMaxInCandidates = 100;

constexpr std::string_view kProjectionField = "ProjectionExpression";

// DynamoDB's size() of a string counts UTF-16 code units: one per character, two for a
// character outside the Basic Multilingual Plane (a 4-byte UTF-8 sequence).
std::size_t utf16_length(const std::string& s) {
  std::size_t units = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++units;  // a lead byte starts a character
    if (c >= 0xF0) ++units;           // 4-byte sequence: a surrogate pair
  }
  return units;
}

// size() of a value; nullopt for N, BOOL and NULL, which have no size.
std::optional<std::size_t> size_of(const Value& v) {
  switch (v.type()) {
    case Value::Type::kS:
      return utf16_length(v.s());
    case Value::Type::kB:
    case Value::Type::kM:
    case Value::Type::kL:
    case Value::Type::kSS:
    case Value::Type::kNS:
    case Value::Type::kBS:
      return v.size();
    default:
      return std::nullopt;
  }
}

// An operand's value while a condition is evaluated: a pointer into the item or the
// condition, or a computed size(). get() is null when the operand has no value (a missing
// path, or size() of a missing value or of a value without a size).
class Resolved {
 public:
  Resolved(const Operand& operand, const Item& item) {
    if (const Path* path = std::get_if<Path>(&operand)) {
      value_ = resolve(item, *path);
    } else if (const Value* literal = std::get_if<Value>(&operand)) {
      value_ = literal;
    } else if (const Value* target = resolve(item, std::get<SizeOf>(operand).path)) {
      if (auto size = size_of(*target)) {
        computed_ = Value::N(static_cast<std::int64_t>(*size));
        value_ = &computed_;
      }
    }
  }
  Resolved(const Resolved&) = delete;
  Resolved& operator=(const Resolved&) = delete;

  const Value* get() const noexcept { return value_; }

 private:
  const Value* value_ = nullptr;
  Value computed_;
};

// a <op> b. An absent operand makes every comparison false except <>, which is true.
bool compare(CompareOp op, const Value* a, const Value* b) {
  if (op == CompareOp::kNe) return !(a && b && *a == *b);
  if (!a || !b) return false;
  if (op == CompareOp::kEq) return *a == *b;
  auto order = compare_scalars(*a, *b);
  if (!order) return false;
  switch (op) {
    case CompareOp::kLt:
      return *order < 0;
    case CompareOp::kLe:
      return *order <= 0;
    case CompareOp::kGt:
      return *order > 0;
    case CompareOp::kGe:
      return *order >= 0;
    default:
      return false;
  }
}

bool begins_with_value(const Value& subject, const Value& prefix) {
  if (subject.is_s() && prefix.is_s()) return subject.s().starts_with(prefix.s());
  if (subject.is_b() && prefix.is_b()) return subject.b().data().starts_with(prefix.b().data());
  return false;
}

// contains(): a substring of S or B, a member of a set, or an element of a list.
bool contains_value(const Value& container, const Value& element) {
  switch (container.type()) {
    case Value::Type::kS:
      return element.is_s() && container.s().find(element.s()) != std::string::npos;
    case Value::Type::kB:
      return element.is_b() && container.b().data().find(element.b().data()) != std::string::npos;
    case Value::Type::kSS:
      return element.is_s() && container.ss().contains(element.s());
    case Value::Type::kNS:
      return element.is_n() && container.ns().contains(element.n());
    case Value::Type::kBS:
      return element.is_b() && container.bs().contains(element.b());
    case Value::Type::kL:
      return std::find(container.l().begin(), container.l().end(), element) != container.l().end();
    default:
      return false;
  }
}

bool evaluate_between(const std::vector<Operand>& ops, const Item& item) {
  Resolved x(ops[0], item), low(ops[1], item), high(ops[2], item);
  return compare(CompareOp::kGe, x.get(), low.get()) &&
         compare(CompareOp::kLe, x.get(), high.get());
}

bool evaluate_in(const std::vector<Operand>& ops, const Item& item) {
  Resolved x(ops[0], item);
  if (!x.get()) return false;
  return std::any_of(ops.begin() + 1, ops.end(), [&](const Operand& candidate) {
    Resolved c(candidate, item);
    return c.get() && *c.get() == *x.get();
  });
}

// --- validation ---

[[noreturn]] void reject(std::string_view field, std::string rule, const std::string& detail = {}) {
  throw ValidationError(std::string(field), std::move(rule), detail);
}

bool is_ordered_type(const Value& v) { return v.is_s() || v.is_n() || v.is_b(); }

bool is_ordering(CompareOp op) { return op != CompareOp::kEq && op != CompareOp::kNe; }

// A literal is a valid value; an ordering operand (<, <=, >, >=, BETWEEN) is also S, N or B.
void check_operand(const Operand& operand, bool ordering, std::string_view field) {
  if (const Path* path = std::get_if<Path>(&operand)) return check_path_depth(*path, field);
  if (const SizeOf* size = std::get_if<SizeOf>(&operand)) {
    return check_path_depth(size->path, field);
  }
  const Value& literal = std::get<Value>(operand);
  check_value(literal, field);
  if (ordering && !is_ordered_type(literal)) {
    reject(field, "<, <=, >, >= and BETWEEN compare S, N or B values",
           std::string(literal.type_name()));
  }
}

// DynamoDB rejects a comparison or function whose two operands are one path.
void check_distinct(const Operand& a, const Operand& b, std::string_view field) {
  const Path* pa = std::get_if<Path>(&a);
  const Path* pb = std::get_if<Path>(&b);
  if (pa && pb && *pa == *pb) {
    reject(field, "the first operand must be distinct from the second", pa->to_string());
  }
}

void check_between_bounds(const Operand& low, const Operand& high, std::string_view field) {
  const Value* l = std::get_if<Value>(&low);
  const Value* h = std::get_if<Value>(&high);
  if (!l || !h) return;
  auto order = compare_scalars(*l, *h);
  if (!order) {
    reject(field, "BETWEEN bounds are of one type",
           std::string(l->type_name()) + " and " + std::string(h->type_name()));
  }
  if (*order > 0) {
    reject(field, "BETWEEN needs low <= high", l->debug_string() + " > " + h->debug_string());
  }
}

void check_leaf(const Condition& c, std::string_view field) {
  const auto& ops = c.operands();
  bool ordering = c.kind() == Kind::kBetween || (c.kind() == Kind::kCompare && is_ordering(c.op()));
  for (const Operand& operand : ops) check_operand(operand, ordering, field);
  switch (c.kind()) {
    case Kind::kCompare:
      check_distinct(ops[0], ops[1], field);
      break;
    case Kind::kBetween:
      check_between_bounds(ops[1], ops[2], field);
      break;
    case Kind::kIn:
      if (ops.size() < 2 || ops.size() - 1 > kMaxInCandidates) {
        reject(field, "IN takes 1 to 100 candidates", std::to_string(ops.size() - 1) + " given");
      }
      break;
    case Kind::kAttributeType: {
      auto type = static_cast<int>(c.type_argument());
      if (type < static_cast<int>(Value::Type::kS) || type > static_cast<int>(Value::Type::kBS)) {
        reject(field, "attribute_type takes one of the ten attribute types", std::to_string(type));
      }
      break;
    }
    case Kind::kBeginsWith: {
      const Value* prefix = std::get_if<Value>(&ops[1]);
      if (prefix && !prefix->is_s() && !prefix->is_b()) {
        reject(field, "begins_with takes an S or B prefix", std::string(prefix->type_name()));
      }
      check_distinct(ops[0], ops[1], field);
      break;
    }
    case Kind::kContains:
      check_distinct(ops[0], ops[1], field);
      break;
    default:
      break;
  }
}

void check_condition(const Condition& c, std::string_view field, int depth) {
  if (depth > kMaxConditionDepth) reject(field, "conditions nest at most 300 levels deep");
  for (const Condition& child : c.children()) check_condition(child, field, depth + 1);
  check_leaf(c, field);
}

// --- projection ---

// The part of a value a projection keeps: all of it, or some map keys and list
// indexes, each with the part of that element it keeps.
struct Selection {
  bool whole = false;
  std::map<std::string, Selection, std::less<>> keys;
  std::map<std::size_t, Selection> indexes;
};

// The selected part of `v`, or nullopt when the selection matches nothing in it.
std::optional<Value> select(const Value& v, const Selection& s) {
  if (s.whole) return v;
  if (v.is_m() && !s.keys.empty()) {
    Value::Map kept;
    for (const auto& [key, sub] : s.keys) {
      auto it = v.m().find(key);
      if (it == v.m().end()) continue;
      if (auto part = select(it->second, sub)) kept.emplace(key, std::move(*part));
    }
    if (!kept.empty()) return Value::M(std::move(kept));
  } else if (v.is_l() && !s.indexes.empty()) {
    Value::List kept;
    for (const auto& [index, sub] : s.indexes) {  // ascending: the list keeps its order
      if (index >= v.l().size()) break;
      if (auto part = select(v.l()[index], sub)) kept.push_back(std::move(*part));
    }
    if (!kept.empty()) return Value::L(std::move(kept));
  }
  return std::nullopt;
}

}  // namespace

const Value* resolve(const Item& item, const Path& path) {
  const auto& elements = path.elements();
  auto top = item.find(path.attribute());
  if (top == item.end()) return nullptr;
  const Value* current = &top->second;
  for (std::size_t i = 1; i < elements.size(); ++i) {
    if (const std::string* key = std::get_if<std::string>(&elements[i])) {
      if (!current->is_m()) return nullptr;
      auto it = current->m().find(*key);
      if (it == current->m().end()) return nullptr;
      current = &it->second;
    } else {
      std::size_t index = std::get<std::size_t>(elements[i]);
      if (!current->is_l() || index >= current->l().size()) return nullptr;
      current = &current->l()[index];
    }
  }
  return current;
}

bool evaluate(const Condition& c, const Item& item) {
  const auto& ops = c.operands();
  auto holds = [&item](const Condition& child) { return evaluate(child, item); };
  switch (c.kind()) {
    case Kind::kAnd:
      return std::all_of(c.children().begin(), c.children().end(), holds);
    case Kind::kOr:
      return std::any_of(c.children().begin(), c.children().end(), holds);
    case Kind::kNot:
      return !evaluate(c.children().front(), item);
    case Kind::kExists:
      return resolve(item, c.path()) != nullptr;
    case Kind::kNotExists:
      return resolve(item, c.path()) == nullptr;
    case Kind::kAttributeType: {
      const Value* v = resolve(item, c.path());
      return v && v->type() == c.type_argument();
    }
    case Kind::kCompare: {
      Resolved a(ops[0], item), b(ops[1], item);
      return compare(c.op(), a.get(), b.get());
    }
    case Kind::kBetween:
      return evaluate_between(ops, item);
    case Kind::kIn:
      return evaluate_in(ops, item);
    case Kind::kBeginsWith: {
      Resolved subject(ops[0], item), prefix(ops[1], item);
      return subject.get() && prefix.get() && begins_with_value(*subject.get(), *prefix.get());
    }
    case Kind::kContains: {
      Resolved subject(ops[0], item), element(ops[1], item);
      return subject.get() && element.get() && contains_value(*subject.get(), *element.get());
    }
  }
  return false;
}

void validate_condition(const Condition& condition, std::string_view field) {
  check_condition(condition, field, 0);
}

Item project(const Item& item, const std::vector<Path>& projection) {
  if (projection.empty()) return item;
  std::vector<const Path*> paths;
  for (const Path& path : projection) {
    check_path_depth(path, kProjectionField);
    paths.push_back(&path);
  }
  check_disjoint_paths(paths, kProjectionField);
  Item out;
  bool nested = false;
  for (const Path& path : projection) {
    if (!path.is_top_level()) {
      nested = true;
      continue;
    }
    if (auto it = item.find(path.attribute()); it != item.end()) {
      out.insert_or_assign(it->first, it->second);
    }
  }
  if (!nested) return out;

  std::map<std::string, Selection, std::less<>> selections;
  for (const Path& path : projection) {
    Selection* s = &selections[path.attribute()];
    for (std::size_t i = 1; i < path.elements().size(); ++i) {
      const auto& element = path.elements()[i];
      s = std::holds_alternative<std::string>(element)
              ? &s->keys[std::get<std::string>(element)]
              : &s->indexes[std::get<std::size_t>(element)];
    }
    s->whole = true;
  }
  for (const auto& [name, selection] : selections) {
    if (selection.whole) continue;  // copied above
    auto it = item.find(name);
    if (it == item.end()) continue;
    if (auto part = select(it->second, selection)) out.insert_or_assign(name, std::move(*part));
  }
  return out;
}

}  // namespace alexdb::store
