#include "alexdb/expression.h"

#include "alexdb/errors.h"

namespace alexdb {

Path::Path(std::string attribute) {
  if (attribute.empty()) throw ValidationError("path", "attribute names are not empty");
  elements_.emplace_back(std::move(attribute));
}

Path Path::key(std::string name) const {
  if (name.empty()) throw ValidationError("path", "map keys are not empty");
  Path p = *this;
  p.elements_.emplace_back(std::move(name));
  return p;
}

Path Path::index(std::size_t i) const {
  Path p = *this;
  p.elements_.emplace_back(i);
  return p;
}

std::string Path::to_string() const {
  std::string out;
  for (const Element& element : elements_) {
    if (const std::string* name = std::get_if<std::string>(&element)) {
      if (!out.empty()) out += '.';
      out += *name;
    } else {
      out += '[' + std::to_string(std::get<std::size_t>(element)) + ']';
    }
  }
  return out;
}

Condition Condition::compare(Operand a, CompareOp op, Operand b) {
  Condition c(Kind::kCompare);
  c.op_ = op;
  c.operands_ = {std::move(a), std::move(b)};
  return c;
}

Condition Condition::between(Operand x, Operand low, Operand high) {
  Condition c(Kind::kBetween);
  c.operands_ = {std::move(x), std::move(low), std::move(high)};
  return c;
}

Condition Condition::in(Operand x, std::vector<Operand> candidates) {
  Condition c(Kind::kIn);
  c.operands_.push_back(std::move(x));
  for (Operand& candidate : candidates) c.operands_.push_back(std::move(candidate));
  return c;
}

Condition Condition::exists(Path p) {
  Condition c(Kind::kExists);
  c.operands_ = {std::move(p)};
  return c;
}

Condition Condition::not_exists(Path p) {
  Condition c(Kind::kNotExists);
  c.operands_ = {std::move(p)};
  return c;
}

Condition Condition::attribute_type(Path p, Value::Type t) {
  Condition c(Kind::kAttributeType);
  c.type_ = t;
  c.operands_ = {std::move(p)};
  return c;
}

Condition Condition::begins_with(Path p, Operand prefix) {
  Condition c(Kind::kBeginsWith);
  c.operands_ = {std::move(p), std::move(prefix)};
  return c;
}

Condition Condition::contains(Path p, Operand element) {
  Condition c(Kind::kContains);
  c.operands_ = {std::move(p), std::move(element)};
  return c;
}

Condition operator&&(Condition a, Condition b) {
  Condition c(Condition::Kind::kAnd);
  c.children_ = {std::move(a), std::move(b)};
  return c;
}

Condition operator||(Condition a, Condition b) {
  Condition c(Condition::Kind::kOr);
  c.children_ = {std::move(a), std::move(b)};
  return c;
}

Condition operator!(Condition a) {
  Condition c(Condition::Kind::kNot);
  c.children_ = {std::move(a)};
  return c;
}

UpdateExpr::UpdateExpr(Value v)
    : operand_(std::make_shared<const std::variant<Path, Value>>(std::move(v))) {}

UpdateExpr::UpdateExpr(Path p)
    : operand_(std::make_shared<const std::variant<Path, Value>>(std::move(p))) {}

UpdateExpr UpdateExpr::if_not_exists(Path p, UpdateExpr fallback) {
  UpdateExpr e(Kind::kIfNotExists);
  e.path_ = std::make_shared<const Path>(std::move(p));
  e.arguments_ = {std::move(fallback)};
  return e;
}

UpdateExpr UpdateExpr::list_append(UpdateExpr a, UpdateExpr b) {
  UpdateExpr e(Kind::kListAppend);
  e.arguments_ = {std::move(a), std::move(b)};
  return e;
}

UpdateExpr operator+(UpdateExpr a, UpdateExpr b) {
  UpdateExpr e(UpdateExpr::Kind::kPlus);
  e.arguments_ = {std::move(a), std::move(b)};
  return e;
}

UpdateExpr operator-(UpdateExpr a, UpdateExpr b) {
  UpdateExpr e(UpdateExpr::Kind::kMinus);
  e.arguments_ = {std::move(a), std::move(b)};
  return e;
}

Update& Update::set(Path path, UpdateExpr value) {
  sets_.push_back({std::move(path), std::move(value)});
  return *this;
}

Update& Update::remove(Path path) {
  removes_.push_back(std::move(path));
  return *this;
}

Update& Update::add(Path path, Value value) {
  adds_.push_back({std::move(path), std::move(value)});
  return *this;
}

Update& Update::delete_elements(Path path, Value elements) {
  deletes_.push_back({std::move(path), std::move(elements)});
  return *this;
}

}  // namespace alexdb
