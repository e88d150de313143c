// Attribute values and items, as DynamoDB defines them.
//
// A Value is one of DynamoDB's ten attribute types: S (UTF-8 string), N (Decimal),
// B (bytes), BOOL, NULL, M (map of name to Value), L (list), and the sets SS, NS, BS.
// An Item is a map from attribute name to Value. Values are plain value types:
// copyable, comparable for equality, thread-compatible. Building a value checks none of
// DynamoDB's rules (an empty set, nesting deeper than 32): a Store request that carries
// such a value throws ValidationError.
#ifndef ALEXDB_VALUE_H_
#define ALEXDB_VALUE_H_

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "alexdb/decimal.h"
#include "alexdb/detail/node_allocator.h"
#include "alexdb/limits.h"

namespace alexdb {

// A byte string (DynamoDB's B). Ordered by unsigned byte comparison.
class Bytes {
 public:
  // No bytes.
  Bytes() = default;
  // The bytes of `data`, any values (not text).
  explicit Bytes(std::string data) : data_(std::move(data)) {}
  // The bytes, in a std::string.
  const std::string& data() const noexcept { return data_; }
  // The number of bytes.
  std::size_t size() const noexcept { return data_.size(); }
  // The bytes in standard base64 (RFC 4648 alphabet, padded), as DynamoDB JSON writes
  // a B value.
  std::string to_base64() const;
  friend bool operator==(const Bytes&, const Bytes&) = default;
  // std::string compares chars as unsigned via char_traits, which is byte order.
  friend auto operator<=>(const Bytes& a, const Bytes& b) { return a.data_ <=> b.data_; }

 private:
  std::string data_;
};

class Value;
namespace detail {
// Builds values in place for the embedded engine's decoder (src/model/item_codec.cc).
struct ValueAccess;
}  // namespace detail
// An item (and a map value): attribute name to value, ordered by name. Its nodes come
// from a recycling allocator (detail/node_allocator.h); otherwise it is a plain std::map.
using Item = std::map<std::string, Value, std::less<>,
                      detail::NodeAllocator<std::pair<const std::string, Value>>>;

// One attribute value: its type and its content.
class Value {
 public:
  // DO NOT CHANGE THESE ENUM VALUES: they are stored in the embedded engine's files.
  enum class Type : std::uint8_t {
    kS = 1, kN = 2, kB = 3, kBool = 4, kNull = 5, kM = 6, kL = 7, kSS = 8, kNS = 9, kBS = 10,
  };
  // The contents of M, L, SS, NS and BS.
  using Map = Item;
  using List = std::vector<Value>;
  using StringSet = std::set<std::string>;
  using NumberSet = std::set<Decimal>;
  using BytesSet = std::set<Bytes>;

  // NULL.
  Value() = default;

  // A value of each type, holding the argument.
  static Value S(std::string s);
  static Value N(Decimal n);
  // Parses the number; throws ValidationError as Decimal::parse does (field "number").
  static Value N(std::string_view text);
  static Value N(std::int64_t n);
  static Value B(Bytes b);
  static Value Bool(bool b);
  static Value Null();
  static Value M(Map m);
  static Value L(List l);
  static Value SS(StringSet s);
  static Value NS(NumberSet s);
  static Value BS(BytesSet s);

  // The type; a default-constructed value is kNull.
  Type type() const noexcept { return type_; }
  // DynamoDB's name of the type: "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
  static std::string_view type_name(Type t) noexcept;
  // DynamoDB's name of this value's type.
  std::string_view type_name() const noexcept { return type_name(type_); }

  // Whether the value is of that type.
  bool is_s() const noexcept { return type_ == Type::kS; }
  bool is_n() const noexcept { return type_ == Type::kN; }
  bool is_b() const noexcept { return type_ == Type::kB; }
  bool is_null() const noexcept { return type_ == Type::kNull; }
  bool is_m() const noexcept { return type_ == Type::kM; }
  bool is_l() const noexcept { return type_ == Type::kL; }
  // True for SS, NS and BS.
  bool is_set() const noexcept {
    return type_ == Type::kSS || type_ == Type::kNS || type_ == Type::kBS;
  }

  // Accessors of the content, valid while the value lives and is not changed; each
  // throws ValidationError (field "value", rule "type") when the value is of another
  // type. mutable_m() and mutable_l() give a map or list to change in place.
  const std::string& s() const;
  const Decimal& n() const;
  const Bytes& b() const;
  bool boolean() const;
  const Map& m() const;
  const List& l() const;
  const StringSet& ss() const;
  const NumberSet& ns() const;
  const BytesSet& bs() const;
  Map& mutable_m();
  List& mutable_l();

  // Number of elements of a set, list or map; length in bytes of S and B; else 0.
  std::size_t size() const noexcept;

  // Structural equality (sets compare as sets, numbers numerically).
  friend bool operator==(const Value& a, const Value& b);

  // A short readable rendering for messages and debugging, e.g. {"S":"abc"}.
  std::string debug_string() const;

 private:
  friend struct detail::ValueAccess;
  using Storage = std::variant<std::monostate, std::string, Decimal, Bytes, bool, Map, List,
                               StringSet, NumberSet, BytesSet>;
  Value(Type type, Storage storage) : type_(type), storage_(std::move(storage)) {}
  template <typename T>
  const T& as(Type expected) const;

  Type type_ = Type::kNull;
  Storage storage_;
};

// The scalar types allowed for key attributes.
enum class ScalarType : std::uint8_t { kS = 1, kN = 2, kB = 3 };
// "S", "N" or "B".
std::string_view scalar_type_name(ScalarType t) noexcept;
// The Value type of a key attribute of scalar type `t`.
Value::Type value_type(ScalarType t) noexcept;

// Renders an item for messages: {"PK":{"S":"x"}, ...}.
std::string debug_string(const Item& item);

}  // namespace alexdb

#endif  // ALEXDB_VALUE_H_
