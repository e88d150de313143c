#include "store/condition_eval.h"

#include <algorithm>

#include "alexdb/errors.h"
#include "alexdb/store.h"
#include "store/request_checks.h"
#include "store/value_order.h"

namespace alexdb::store {

namespace {

constexpr int kMaxConditionDepth = 300;
constexpr std::size_t kMaxInCandidates = 100;

// An operand's value: a pointer into the item or the condition, or a computed size.
struct Resolved {
  const Value* value = nullptr;
  Value computed;
};

Resolved resolve_operand(const Operand& operand, const Item& item) {
  Resolved r;
  if (const Path* path = std::get_if<Path>(&operand)) {
    r.value = resolve(item, *path);
  } else if (const Value* literal = std::get_if<Value>(&operand)) {
    r.value = literal;
  } else {
    const Value* target = resolve(item, std::get<SizeOf>(operand).path);
    if (target && target->type() != Value::Type::kN && target->type() != Value::Type::kBool &&
        target->type() != Value::Type::kNull) {
      r.computed = Value::N(static_cast<std::int64_t>(target->size()));
      r.value = &r.computed;
    }
  }
  return r;
}

bool ordered(const Value& a, const Value& b, Condition::CompareOp op) {
  auto order = compare_scalars(a, b);
  if (!order) return false;
  switch (op) {
    case Condition::CompareOp::kLt: return *order < 0;
    case Condition::CompareOp::kLe: return *order <= 0;
    case Condition::CompareOp::kGt: return *order > 0;
    case Condition::CompareOp::kGe: return *order >= 0;
    default: return false;
  }
}

bool contains_value(const Value& container, const Value& element) {
  switch (container.type()) {
    case Value::Type::kS:
      return element.is_s() && container.s().find(element.s()) != std::string::npos;
    case Value::Type::kB:
      return element.is_b() && container.b().data().find(element.b().data()) != std::string::npos;
    case Value::Type::kSS: return element.is_s() && container.ss().contains(element.s());
    case Value::Type::kNS: return element.is_n() && container.ns().contains(element.n());
    case Value::Type::kBS: return element.is_b() && container.bs().contains(element.b());
    case Value::Type::kL:
      return std::find(container.l().begin(), container.l().end(), element) != container.l().end();
    default: return false;
  }
}

bool begins_with_value(const Value& subject, const Value& prefix) {
  if (subject.is_s() && prefix.is_s()) return subject.s().starts_with(prefix.s());
  if (subject.is_b() && prefix.is_b()) return subject.b().data().starts_with(prefix.b().data());
  return false;
}

void validate_operand(const Operand& operand, std::string_view field) {
  if (const Value* literal = std::get_if<Value>(&operand)) check_value(*literal, field);
}

void validate_at(const Condition& c, std::string_view field, int depth) {
  if (depth > kMaxConditionDepth) {
    throw ValidationError(std::string(field), "conditions nest at most 300 levels deep");
  }
  for (const Operand& operand : c.operands()) validate_operand(operand, field);
  for (const Condition& child : c.children()) validate_at(child, field, depth + 1);
  const auto& ops = c.operands();
  switch (c.kind()) {
    case Condition::Kind::kIn:
      if (ops.size() < 2 || ops.size() - 1 > kMaxInCandidates) {
        throw ValidationError(std::string(field), "IN takes 1 to 100 candidates");
      }
      break;
    case Condition::Kind::kBetween: {
      const Value* low = std::get_if<Value>(&ops[1]);
      const Value* high = std::get_if<Value>(&ops[2]);
      if (low && high) {
        auto order = compare_scalars(*low, *high);
        if (!order) {
          throw ValidationError(std::string(field), "BETWEEN bounds are S, N or B of one type");
        }
        if (*order > 0) throw ValidationError(std::string(field), "BETWEEN needs low <= high");
      }
      break;
    }
    case Condition::Kind::kBeginsWith: {
      const Value* prefix = std::get_if<Value>(&ops[1]);
      if (prefix && !prefix->is_s() && !prefix->is_b()) {
        throw ValidationError(std::string(field), "begins_with takes an S or B prefix");
      }
      break;
    }
    default:
      break;
  }
}

// Copies the part of `source` that `path` names (from element `from` on) into `target`.
void copy_path(const Value& source, const Path& path, std::size_t from, Value& target) {
  const auto& elements = path.elements();
  if (from == elements.size()) {
    target = source;
    return;
  }
  if (const std::string* key = std::get_if<std::string>(&elements[from])) {
    if (!source.is_m()) return;
    auto it = source.m().find(*key);
    if (it == source.m().end()) return;
    if (!target.is_m()) target = Value::M({});
    Value& slot = target.mutable_m()[*key];
    copy_path(it->second, path, from + 1, slot);
    if (slot.is_null() && !it->second.is_null() && from + 1 < elements.size()) {
      target.mutable_m().erase(*key);
    }
  } else {
    std::size_t index = std::get<std::size_t>(elements[from]);
    if (!source.is_l() || index >= source.l().size()) return;
    if (!target.is_l()) target = Value::L({});
    Value element;
    copy_path(source.l()[index], path, from + 1, element);
    if (!(element.is_null() && !source.l()[index].is_null())) target.mutable_l().push_back(element);
  }
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
  switch (c.kind()) {
    case Condition::Kind::kAnd:
      return evaluate(c.children()[0], item) && evaluate(c.children()[1], item);
    case Condition::Kind::kOr:
      return evaluate(c.children()[0], item) || evaluate(c.children()[1], item);
    case Condition::Kind::kNot:
      return !evaluate(c.children()[0], item);
    case Condition::Kind::kExists:
      return resolve(item, c.path()) != nullptr;
    case Condition::Kind::kNotExists:
      return resolve(item, c.path()) == nullptr;
    case Condition::Kind::kAttributeType: {
      const Value* v = resolve(item, c.path());
      return v && v->type() == c.type_argument();
    }
    default:
      break;
  }
  Resolved subject = resolve_operand(ops[0], item);
  switch (c.kind()) {
    case Condition::Kind::kCompare: {
      Resolved other = resolve_operand(ops[1], item);
      if (c.op() == Condition::CompareOp::kNe) {
        return !(subject.value && other.value && *subject.value == *other.value);
      }
      if (!subject.value || !other.value) return false;
      if (c.op() == Condition::CompareOp::kEq) return *subject.value == *other.value;
      return ordered(*subject.value, *other.value, c.op());
    }
    case Condition::Kind::kBetween: {
      Resolved low = resolve_operand(ops[1], item);
      Resolved high = resolve_operand(ops[2], item);
      if (!subject.value || !low.value || !high.value) return false;
      return ordered(*subject.value, *low.value, Condition::CompareOp::kGe) &&
             ordered(*subject.value, *high.value, Condition::CompareOp::kLe);
    }
    case Condition::Kind::kIn: {
      if (!subject.value) return false;
      for (std::size_t i = 1; i < ops.size(); ++i) {
        Resolved candidate = resolve_operand(ops[i], item);
        if (candidate.value && *candidate.value == *subject.value) return true;
      }
      return false;
    }
    case Condition::Kind::kBeginsWith: {
      Resolved prefix = resolve_operand(ops[1], item);
      return subject.value && prefix.value && begins_with_value(*subject.value, *prefix.value);
    }
    case Condition::Kind::kContains: {
      Resolved element = resolve_operand(ops[1], item);
      return subject.value && element.value && contains_value(*subject.value, *element.value);
    }
    default:
      return false;
  }
}

void validate_condition(const Condition& condition, std::string_view field) {
  validate_at(condition, field, 0);
}

Item project(const Item& item, const std::vector<Path>& projection) {
  if (projection.empty()) return item;
  Item out;
  for (const Path& path : projection) {
    auto top = item.find(path.attribute());
    if (top == item.end()) continue;
    if (path.is_top_level()) {
      out[top->first] = top->second;
      continue;
    }
    Value& slot = out[top->first];
    bool existed = out.size() > 0 && !slot.is_null();
    copy_path(top->second, path, 1, slot);
    if (!existed && slot.is_null()) out.erase(top->first);
  }
  return out;
}

}  // namespace alexdb::store
