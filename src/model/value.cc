#include "alexdb/value.h"

#include "alexdb/errors.h"
#include "model/base64.h"
#include "model/json_codec.h"

namespace alexdb {

namespace {

[[noreturn]] void wrong_type(Value::Type expected, Value::Type actual) {
  throw ValidationError("value", "type",
                        "expected " + std::string(Value::type_name(expected)) + ", got " +
                            std::string(Value::type_name(actual)));
}

}  // namespace

std::string Bytes::to_base64() const { return base64::encode(data_, base64::Form::kStandard); }

Value Value::S(std::string s) { return Value(Type::kS, std::move(s)); }
Value Value::N(Decimal n) { return Value(Type::kN, n); }
Value Value::N(std::string_view text) { return Value(Type::kN, Decimal::parse(text)); }
Value Value::N(std::int64_t n) { return Value(Type::kN, Decimal::from_int(n)); }
Value Value::B(Bytes b) { return Value(Type::kB, std::move(b)); }
Value Value::Bool(bool b) { return Value(Type::kBool, b); }
Value Value::Null() { return Value(); }
Value Value::M(Map m) { return Value(Type::kM, std::move(m)); }
Value Value::L(List l) { return Value(Type::kL, std::move(l)); }
Value Value::SS(StringSet s) { return Value(Type::kSS, std::move(s)); }
Value Value::NS(NumberSet s) { return Value(Type::kNS, std::move(s)); }
Value Value::BS(BytesSet s) { return Value(Type::kBS, std::move(s)); }

std::string_view Value::type_name(Type t) noexcept {
  switch (t) {
    case Type::kS: return "S";
    case Type::kN: return "N";
    case Type::kB: return "B";
    case Type::kBool: return "BOOL";
    case Type::kNull: return "NULL";
    case Type::kM: return "M";
    case Type::kL: return "L";
    case Type::kSS: return "SS";
    case Type::kNS: return "NS";
    case Type::kBS: return "BS";
  }
  return "?";
}

template <typename T>
const T& Value::as(Type expected) const {
  if (type_ != expected) wrong_type(expected, type_);
  return std::get<T>(storage_);
}

const std::string& Value::s() const { return as<std::string>(Type::kS); }
const Decimal& Value::n() const { return as<Decimal>(Type::kN); }
const Bytes& Value::b() const { return as<Bytes>(Type::kB); }
bool Value::boolean() const { return as<bool>(Type::kBool); }
const Value::Map& Value::m() const { return as<Map>(Type::kM); }
const Value::List& Value::l() const { return as<List>(Type::kL); }
const Value::StringSet& Value::ss() const { return as<StringSet>(Type::kSS); }
const Value::NumberSet& Value::ns() const { return as<NumberSet>(Type::kNS); }
const Value::BytesSet& Value::bs() const { return as<BytesSet>(Type::kBS); }

Value::Map& Value::mutable_m() { return const_cast<Map&>(as<Map>(Type::kM)); }
Value::List& Value::mutable_l() { return const_cast<List&>(as<List>(Type::kL)); }

std::size_t Value::size() const noexcept {
  switch (type_) {
    case Type::kS: return std::get<std::string>(storage_).size();
    case Type::kB: return std::get<Bytes>(storage_).size();
    case Type::kM: return std::get<Map>(storage_).size();
    case Type::kL: return std::get<List>(storage_).size();
    case Type::kSS: return std::get<StringSet>(storage_).size();
    case Type::kNS: return std::get<NumberSet>(storage_).size();
    case Type::kBS: return std::get<BytesSet>(storage_).size();
    default: return 0;
  }
}

bool operator==(const Value& a, const Value& b) {
  return a.type_ == b.type_ && a.storage_ == b.storage_;
}

std::string Value::debug_string() const {
  try {
    return codec::to_json(*this).dump();
  } catch (const std::exception&) {
    return "{\"" + std::string(type_name()) + "\":<not printable>}";
  }
}

std::string_view scalar_type_name(ScalarType t) noexcept {
  switch (t) {
    case ScalarType::kS: return "S";
    case ScalarType::kN: return "N";
    case ScalarType::kB: return "B";
  }
  return "?";
}

Value::Type value_type(ScalarType t) noexcept {
  switch (t) {
    case ScalarType::kS: return Value::Type::kS;
    case ScalarType::kN: return Value::Type::kN;
    case ScalarType::kB: return Value::Type::kB;
  }
  return Value::Type::kS;
}

std::string debug_string(const Item& item) {
  try {
    return codec::to_json(item).dump();
  } catch (const std::exception&) {
    return "{<not printable>}";
  }
}

}  // namespace alexdb
