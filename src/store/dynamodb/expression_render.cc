#include "store/dynamodb/expression_render.h"

#include "model/json_codec.h"

namespace alexdb::dynamodb {

namespace {

const char* compare_text(Condition::CompareOp op) {
  switch (op) {
    case Condition::CompareOp::kEq: return " = ";
    case Condition::CompareOp::kNe: return " <> ";
    case Condition::CompareOp::kLt: return " < ";
    case Condition::CompareOp::kLe: return " <= ";
    case Condition::CompareOp::kGt: return " > ";
    case Condition::CompareOp::kGe: return " >= ";
  }
  return " = ";
}

}  // namespace

std::string ExpressionRenderer::name(const std::string& attribute) {
  auto it = names_.find(attribute);
  if (it != names_.end()) return it->second;
  std::string placeholder = "#n" + std::to_string(names_.size());
  names_.emplace(attribute, placeholder);
  return placeholder;
}

std::string ExpressionRenderer::value(const Value& v) {
  std::string placeholder = ":v" + std::to_string(values_.size());
  values_[placeholder] = codec::to_json(v);
  return placeholder;
}

std::string ExpressionRenderer::path(const Path& p) {
  std::string out;
  for (const Path::Element& element : p.elements()) {
    if (const std::string* key = std::get_if<std::string>(&element)) {
      if (!out.empty()) out += '.';
      out += name(*key);
    } else {
      out += '[' + std::to_string(std::get<std::size_t>(element)) + ']';
    }
  }
  return out;
}

std::string ExpressionRenderer::operand(const Operand& o) {
  if (const Path* p = std::get_if<Path>(&o)) return path(*p);
  if (const Value* v = std::get_if<Value>(&o)) return value(*v);
  return "size(" + path(std::get<SizeOf>(o).path) + ")";
}

std::string ExpressionRenderer::condition(const Condition& c) {
  const auto& ops = c.operands();
  switch (c.kind()) {
    case Condition::Kind::kCompare:
      return operand(ops[0]) + compare_text(c.op()) + operand(ops[1]);
    case Condition::Kind::kBetween:
      return operand(ops[0]) + " BETWEEN " + operand(ops[1]) + " AND " + operand(ops[2]);
    case Condition::Kind::kIn: {
      std::string out = operand(ops[0]) + " IN (";
      for (std::size_t i = 1; i < ops.size(); ++i) out += (i > 1 ? ", " : "") + operand(ops[i]);
      return out + ")";
    }
    case Condition::Kind::kExists:
      return "attribute_exists(" + path(c.path()) + ")";
    case Condition::Kind::kNotExists:
      return "attribute_not_exists(" + path(c.path()) + ")";
    case Condition::Kind::kAttributeType:
      return "attribute_type(" + path(c.path()) + ", " +
             value(Value::S(std::string(Value::type_name(c.type_argument())))) + ")";
    case Condition::Kind::kBeginsWith:
      return "begins_with(" + path(c.path()) + ", " + operand(ops[1]) + ")";
    case Condition::Kind::kContains:
      return "contains(" + path(c.path()) + ", " + operand(ops[1]) + ")";
    case Condition::Kind::kAnd:
    case Condition::Kind::kOr: {
      // Parentheses only where precedence needs them (NOT over AND over OR): an OR inside
      // an AND, and a BETWEEN, whose own AND reads clearer apart. Every pair costs a
      // parser time (dynalite's about 0.17 ms a request), and bytes on every request.
      const bool is_and = c.kind() == Condition::Kind::kAnd;
      std::string out;
      for (std::size_t i = 0; i < c.children().size(); ++i) {
        const Condition& child = c.children()[i];
        const bool wrap = (is_and && child.kind() == Condition::Kind::kOr) ||
                          child.kind() == Condition::Kind::kBetween;
        if (i) out += is_and ? " AND " : " OR ";
        out += wrap ? "(" + condition(child) + ")" : condition(child);
      }
      return out;
    }
    case Condition::Kind::kNot:
      return "NOT (" + condition(c.children()[0]) + ")";
  }
  return {};
}

std::string ExpressionRenderer::update_expr(const UpdateExpr& e) {
  switch (e.kind()) {
    case UpdateExpr::Kind::kOperand: {
      const auto& o = e.operand();
      if (const Path* p = std::get_if<Path>(&o)) return path(*p);
      return value(std::get<Value>(o));
    }
    case UpdateExpr::Kind::kIfNotExists:
      return "if_not_exists(" + path(e.checked_path()) + ", " + update_expr(e.arguments()[0]) + ")";
    case UpdateExpr::Kind::kListAppend:
      return "list_append(" + update_expr(e.arguments()[0]) + ", " +
             update_expr(e.arguments()[1]) + ")";
    case UpdateExpr::Kind::kPlus:
      return update_expr(e.arguments()[0]) + " + " + update_expr(e.arguments()[1]);
    case UpdateExpr::Kind::kMinus:
      return update_expr(e.arguments()[0]) + " - " + update_expr(e.arguments()[1]);
  }
  return {};
}

std::string ExpressionRenderer::update(const Update& u) {
  std::string out;
  auto clause = [&out](const char* keyword, std::size_t count, auto&& item) {
    if (count == 0) return;
    if (!out.empty()) out += ' ';
    out += keyword;
    for (std::size_t i = 0; i < count; ++i) out += (i ? ", " : " ") + item(i);
  };
  clause("SET", u.sets().size(), [&](std::size_t i) {
    return path(u.sets()[i].path) + " = " + update_expr(u.sets()[i].value);
  });
  clause("REMOVE", u.removes().size(), [&](std::size_t i) { return path(u.removes()[i]); });
  clause("ADD", u.adds().size(), [&](std::size_t i) {
    return path(u.adds()[i].path) + " " + value(u.adds()[i].value);
  });
  clause("DELETE", u.deletes().size(), [&](std::size_t i) {
    return path(u.deletes()[i].path) + " " + value(u.deletes()[i].elements);
  });
  return out;
}

std::string ExpressionRenderer::projection(const std::vector<Path>& paths) {
  std::string out;
  for (std::size_t i = 0; i < paths.size(); ++i) out += (i ? ", " : "") + path(paths[i]);
  return out;
}

std::string ExpressionRenderer::key_condition(const std::string& partition_name,
                                              const Value& partition_value,
                                              const std::string& sort_name,
                                              const std::optional<SortKeyCondition>& sort) {
  std::string out = name(partition_name) + " = " + value(partition_value);
  if (!sort) return out;
  std::string sk = name(sort_name);
  using Op = SortKeyCondition::Op;
  switch (sort->op) {
    case Op::kEq: return out + " AND " + sk + " = " + value(sort->value);
    case Op::kLt: return out + " AND " + sk + " < " + value(sort->value);
    case Op::kLe: return out + " AND " + sk + " <= " + value(sort->value);
    case Op::kGt: return out + " AND " + sk + " > " + value(sort->value);
    case Op::kGe: return out + " AND " + sk + " >= " + value(sort->value);
    case Op::kBetween:
      return out + " AND " + sk + " BETWEEN " + value(sort->value) + " AND " +
             value(sort->high.value_or(sort->value));
    case Op::kBeginsWith:
      return out + " AND begins_with(" + sk + ", " + value(sort->value) + ")";
  }
  return out;
}

void ExpressionRenderer::attach(nlohmann::json& request) const {
  if (!names_.empty()) {
    nlohmann::json names = nlohmann::json::object();
    for (const auto& [attribute, placeholder] : names_) names[placeholder] = attribute;
    request["ExpressionAttributeNames"] = std::move(names);
  }
  if (!values_.empty()) request["ExpressionAttributeValues"] = values_;
}

}  // namespace alexdb::dynamodb
