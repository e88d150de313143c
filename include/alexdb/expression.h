// Typed conditions and update actions for the Store interface.
//
// There are no expression strings in alexdb's public interface: a condition or an
// update is a small tree built from the functions below, and each engine renders or
// evaluates it itself. Attribute names and values are data, never syntax, so no caller
// input can change the meaning of an expression. Building checks little (an empty name
// or map key throws ValidationError); a Store call checks the rest as DynamoDB does
// (operand types, IN with 1 to 100 candidates, BETWEEN bounds of one type with
// low <= high, overlapping update paths) and throws ValidationError naming the
// expression. All of these are plain values: copyable, thread-compatible.
//
//   using namespace alexdb::cond;
//   Condition c = attribute_not_exists("PK") || (eq(path("version"), Value::N(3)) &&
//                                                begins_with("SK", Value::S("HISTORY#")));
//   Update u;
//   u.set("quantity", Value::N("12.5"))
//    .set("version", plus(if_not_exists("version", Value::N(0)), Value::N(1)))
//    .remove("stale");
#ifndef ALEXDB_EXPRESSION_H_
#define ALEXDB_EXPRESSION_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "alexdb/value.h"

namespace alexdb {

// A document path: an attribute name followed by map keys and list indexes,
// e.g. path("payload").key("charts").index(2) for payload.charts[2].
class Path {
 public:
  // One step: a map key (or the top-level attribute name) or a list index.
  using Element = std::variant<std::string, std::size_t>;

  // The top-level attribute `attribute`; ValidationError when it is empty.
  Path(std::string attribute);               // NOLINT: implicit from a name by design
  Path(const char* attribute) : Path(std::string(attribute)) {}  // NOLINT
  // This path followed by map key `name` (ValidationError when empty).
  Path key(std::string name) const;
  // This path followed by list index `i`.
  Path index(std::size_t i) const;

  // The steps, the attribute name first.
  const std::vector<Element>& elements() const noexcept { return elements_; }
  // The top-level attribute name.
  const std::string& attribute() const { return std::get<std::string>(elements_.front()); }
  // True when the path is only a top-level attribute name.
  bool is_top_level() const noexcept { return elements_.size() == 1; }
  // Readable form for messages: payload.charts[2].
  std::string to_string() const;
  friend bool operator==(const Path&, const Path&) = default;

 private:
  std::vector<Element> elements_;
};

// size(path): the size of the value at a path (string/binary length, element count).
struct SizeOf {
  Path path;
};

// An operand of a comparison: a path in the item, a literal value, or size(path).
using Operand = std::variant<Path, Value, SizeOf>;

// A boolean condition on one item (condition expressions, filters).
class Condition {
 public:
  enum class Kind {
    kCompare,        // operands[0] <op> operands[1]
    kBetween,        // operands[1] <= operands[0] <= operands[2]
    kIn,             // operands[0] equals one of operands[1..]
    kExists,         // attribute_exists(path)
    kNotExists,      // attribute_not_exists(path)
    kAttributeType,  // attribute_type(path, type)
    kBeginsWith,     // begins_with(path, operand) for S and B
    kContains,       // contains(path, operand): substring of S, element of a set or list
    kAnd,
    kOr,
    kNot,
  };
  enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };

  // What the condition tests; for kCompare, with which operator.
  Kind kind() const noexcept { return kind_; }
  CompareOp op() const noexcept { return op_; }
  // The operands, as the Kind comments above number them (empty for kAnd, kOr, kNot).
  const std::vector<Operand>& operands() const noexcept { return operands_; }
  // The two conditions of kAnd and kOr, the one of kNot; else empty.
  const std::vector<Condition>& children() const noexcept { return children_; }
  // The path of kExists, kNotExists, kAttributeType, kBeginsWith and kContains.
  const Path& path() const { return std::get<Path>(operands_.front()); }
  // The type kAttributeType tests for.
  Value::Type type_argument() const noexcept { return type_; }

  // Factories, one per Kind; see also the alexdb::cond helpers below.
  static Condition compare(Operand a, CompareOp op, Operand b);
  static Condition between(Operand x, Operand low, Operand high);
  static Condition in(Operand x, std::vector<Operand> candidates);
  static Condition exists(Path p);
  static Condition not_exists(Path p);
  static Condition attribute_type(Path p, Value::Type t);
  static Condition begins_with(Path p, Operand prefix);
  static Condition contains(Path p, Operand element);
  friend Condition operator&&(Condition a, Condition b);
  friend Condition operator||(Condition a, Condition b);
  friend Condition operator!(Condition a);

 private:
  Condition(Kind kind) : kind_(kind) {}
  Kind kind_;
  CompareOp op_ = CompareOp::kEq;
  Value::Type type_ = Value::Type::kNull;
  std::vector<Operand> operands_;
  std::vector<Condition> children_;
};

// The right-hand side of a SET action: an operand, if_not_exists(path, x),
// list_append(a, b), or a + b / a - b of those (one level deep, as DynamoDB allows).
class UpdateExpr {
 public:
  enum class Kind { kOperand, kIfNotExists, kListAppend, kPlus, kMinus };

  // A literal value, or the value at a path of the item before the update.
  UpdateExpr(Value v);  // NOLINT: a literal is the common case
  UpdateExpr(Path p);   // NOLINT
  // The value at `p`, or `fallback` when there is none.
  static UpdateExpr if_not_exists(Path p, UpdateExpr fallback);
  // List `a` followed by list `b`.
  static UpdateExpr list_append(UpdateExpr a, UpdateExpr b);
  // The sum or difference of two numbers.
  friend UpdateExpr operator+(UpdateExpr a, UpdateExpr b);
  friend UpdateExpr operator-(UpdateExpr a, UpdateExpr b);

  // Which of the forms above this is.
  Kind kind() const noexcept { return kind_; }
  // For kOperand: a Path or a Value.
  const std::variant<Path, Value>& operand() const { return *operand_; }
  // For kIfNotExists: {fallback} (the path is checked_path()); else the two arguments.
  const std::vector<UpdateExpr>& arguments() const noexcept { return arguments_; }
  // For kIfNotExists: the path whose value is used when present.
  const Path& checked_path() const { return *path_; }

 private:
  UpdateExpr(Kind kind) : kind_(kind) {}
  Kind kind_ = Kind::kOperand;
  std::shared_ptr<const std::variant<Path, Value>> operand_;
  std::shared_ptr<const Path> path_;
  std::vector<UpdateExpr> arguments_;
};

// An update of one item: SET, REMOVE, ADD and DELETE actions, applied in that
// order, all or nothing. A path may appear in at most one action.
class Update {
 public:
  struct SetAction {
    Path path;
    UpdateExpr value;
  };
  struct AddAction {  // ADD: add a number to a number, or elements to a set
    Path path;
    Value value;
  };
  struct DeleteAction {  // DELETE: remove elements from a set
    Path path;
    Value elements;
  };

  // Adds an action and returns *this, to chain: SET path = value; REMOVE path; ADD
  // value to the number or set at path (created when absent); DELETE elements from the
  // set at path.
  Update& set(Path path, UpdateExpr value);
  Update& remove(Path path);
  Update& add(Path path, Value value);
  Update& delete_elements(Path path, Value elements);

  // The actions of each kind, in the order they were added.
  const std::vector<SetAction>& sets() const noexcept { return sets_; }
  const std::vector<Path>& removes() const noexcept { return removes_; }
  const std::vector<AddAction>& adds() const noexcept { return adds_; }
  const std::vector<DeleteAction>& deletes() const noexcept { return deletes_; }
  // Whether there is no action at all.
  bool empty() const noexcept {
    return sets_.empty() && removes_.empty() && adds_.empty() && deletes_.empty();
  }

 private:
  std::vector<SetAction> sets_;
  std::vector<Path> removes_;
  std::vector<AddAction> adds_;
  std::vector<DeleteAction> deletes_;
};

// Short names for building conditions and update expressions: path(name), size(path),
// the comparisons eq, ne, lt, le, gt, ge, and the functions of DynamoDB's expression
// language of the same names; each builds what the factory it calls builds.
namespace cond {
inline Path path(std::string name) { return Path(std::move(name)); }
inline SizeOf size(Path p) { return SizeOf{std::move(p)}; }
inline Condition eq(Operand a, Operand b) {
  return Condition::compare(std::move(a), Condition::CompareOp::kEq, std::move(b));
}
inline Condition ne(Operand a, Operand b) {
  return Condition::compare(std::move(a), Condition::CompareOp::kNe, std::move(b));
}
inline Condition lt(Operand a, Operand b) {
  return Condition::compare(std::move(a), Condition::CompareOp::kLt, std::move(b));
}
inline Condition le(Operand a, Operand b) {
  return Condition::compare(std::move(a), Condition::CompareOp::kLe, std::move(b));
}
inline Condition gt(Operand a, Operand b) {
  return Condition::compare(std::move(a), Condition::CompareOp::kGt, std::move(b));
}
inline Condition ge(Operand a, Operand b) {
  return Condition::compare(std::move(a), Condition::CompareOp::kGe, std::move(b));
}
inline Condition between(Operand x, Operand low, Operand high) {
  return Condition::between(std::move(x), std::move(low), std::move(high));
}
inline Condition attribute_exists(Path p) { return Condition::exists(std::move(p)); }
inline Condition attribute_not_exists(Path p) { return Condition::not_exists(std::move(p)); }
inline Condition begins_with(Path p, Operand prefix) {
  return Condition::begins_with(std::move(p), std::move(prefix));
}
inline Condition contains(Path p, Operand element) {
  return Condition::contains(std::move(p), std::move(element));
}
inline UpdateExpr if_not_exists(Path p, UpdateExpr fallback) {
  return UpdateExpr::if_not_exists(std::move(p), std::move(fallback));
}
inline UpdateExpr list_append(UpdateExpr a, UpdateExpr b) {
  return UpdateExpr::list_append(std::move(a), std::move(b));
}
}  // namespace cond

}  // namespace alexdb

#endif  // ALEXDB_EXPRESSION_H_
