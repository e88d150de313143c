#include "model/json_codec.h"

#include <array>

#include "alexdb/errors.h"
#include "alexdb/limits.h"
#include "model/base64.h"
#include "model/json_text.h"

namespace alexdb::codec {

namespace {

using nlohmann::json;

// Value nesting allowed on the wire: DynamoDB's 32 levels, plus the item's own level.
constexpr int kMaxWireDepth = limits::kMaxNestingDepth + 1;
// JSON text nesting: two JSON levels per value level ({"M": {...}}), plus margin.
constexpr std::size_t kMaxTextDepth = 2 * kMaxWireDepth + 4;

[[noreturn]] void bad(std::string_view field, const std::string& rule) {
  throw ValidationError(std::string(field), rule);
}

// Valid UTF-8 (as DynamoDB requires of S values): no overlong forms, no surrogates,
// nothing above U+10FFFF.
bool valid_utf8(std::string_view s) {
  static constexpr std::array<std::uint32_t, 4> kMinimum = {0, 0x80, 0x800, 0x10000};
  for (std::size_t i = 0; i < s.size();) {
    auto lead = static_cast<unsigned char>(s[i]);
    std::size_t extra;
    std::uint32_t cp;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1, cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2, cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3, cp = lead & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      auto next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < kMinimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

const std::string& checked_string(const Value& v, std::string_view field) {
  if (!valid_utf8(v.s())) bad(field, "S values must be valid UTF-8");
  return v.s();
}

json to_json_at(const Value& value, int depth);

json map_to_json(const Item& map, int depth) {
  json out = json::object();
  for (const auto& [name, element] : map) {
    if (!valid_utf8(name)) bad("attribute name", "must be valid UTF-8");
    out[name] = to_json_at(element, depth + 1);
  }
  return out;
}

json to_json_at(const Value& value, int depth) {
  if (depth > kMaxWireDepth) bad("value", "nesting deeper than 32 levels");
  switch (value.type()) {
    case Value::Type::kS:
      return {{"S", checked_string(value, "S")}};
    case Value::Type::kN:
      return {{"N", value.n().to_string()}};
    case Value::Type::kB:
      return {{"B", value.b().to_base64()}};
    case Value::Type::kBool:
      return {{"BOOL", value.boolean()}};
    case Value::Type::kNull:
      return {{"NULL", true}};
    case Value::Type::kM:
      return {{"M", map_to_json(value.m(), depth)}};
    case Value::Type::kL: {
      json list = json::array();
      for (const Value& element : value.l()) list.push_back(to_json_at(element, depth + 1));
      return {{"L", std::move(list)}};
    }
    case Value::Type::kSS: {
      json set = json::array();
      for (const std::string& s : value.ss()) {
        if (!valid_utf8(s)) bad("SS", "elements must be valid UTF-8");
        set.push_back(s);
      }
      return {{"SS", std::move(set)}};
    }
    case Value::Type::kNS: {
      json set = json::array();
      for (const Decimal& n : value.ns()) set.push_back(n.to_string());
      return {{"NS", std::move(set)}};
    }
    case Value::Type::kBS: {
      json set = json::array();
      for (const Bytes& b : value.bs())
        set.push_back(b.to_base64());
      return {{"BS", std::move(set)}};
    }
  }
  return nullptr;
}

// Where a value sits in the item, for error messages; rendered only when one is thrown.
struct FieldPath {
  const FieldPath* parent;
  std::string_view name;
  bool list_element = false;
  std::string str() const {
    if (!parent) return std::string(name);
    return parent->str() + (list_element ? "[]" : "." + std::string(name));
  }
};

[[noreturn]] void bad_at(const FieldPath& where, const std::string& rule) {
  bad(where.str(), rule);
}

const std::string& string_of(const json& j, const FieldPath& where) {
  if (!j.is_string()) bad_at(where, "expected a JSON string");
  return j.get_ref<const std::string&>();
}

const json& array_of(const json& j, const FieldPath& where) {
  if (!j.is_array()) bad_at(where, "expected a JSON array");
  if (j.empty()) bad_at(where, "a set may not be empty");
  return j;
}

Decimal number_of(const json& j, const FieldPath& where) {
  const std::string& text = string_of(j, where);
  if (auto n = Decimal::try_parse(text)) return *n;
  return Decimal::parse(text, where.str());  // throws the precise rule
}

Bytes bytes_of(const json& j, const FieldPath& where) {
  base64::Decoded decoded = base64::decode(string_of(j, where), base64::Form::kStandard);
  if (!decoded.bytes) bad_at(where, std::string(decoded.problem));
  return Bytes(std::move(*decoded.bytes));
}

Value from_json_at(const json& j, const FieldPath& where, int depth);

Item map_from_json(const json& j, const FieldPath& where, int depth) {
  if (!j.is_object()) bad_at(where, "expected a JSON object of attributes");
  Item item;
  for (const auto& [name, element] : j.items()) {
    item.emplace(name, from_json_at(element, FieldPath{&where, name}, depth + 1));
  }
  return item;
}

Value from_json_at(const json& j, const FieldPath& where, int depth) {
  if (depth > kMaxWireDepth) bad_at(where, "nesting deeper than 32 levels");
  if (!j.is_object() || j.size() != 1) {
    bad_at(where, "an attribute value is an object with exactly one type key");
  }
  const std::string& tag = j.begin().key();
  const json& body = j.begin().value();
  if (tag == "S") return Value::S(string_of(body, where));
  if (tag == "N") return Value::N(number_of(body, where));
  if (tag == "B") return Value::B(bytes_of(body, where));
  if (tag == "BOOL") {
    if (!body.is_boolean()) bad_at(where, "BOOL takes true or false");
    return Value::Bool(body.get<bool>());
  }
  if (tag == "NULL") {
    if (!body.is_boolean() || !body.get<bool>()) bad_at(where, "NULL takes true");
    return Value::Null();
  }
  if (tag == "M") return Value::M(map_from_json(body, where, depth));
  if (tag == "L") {
    if (!body.is_array()) bad_at(where, "L takes a JSON array");
    Value::List list;
    list.reserve(body.size());
    FieldPath element_path{&where, "", true};
    for (const json& element : body) list.push_back(from_json_at(element, element_path, depth + 1));
    return Value::L(std::move(list));
  }
  if (tag == "SS") {
    Value::StringSet set;
    for (const json& e : array_of(body, where)) {
      if (!set.insert(string_of(e, where)).second) bad_at(where, "a set may not hold duplicates");
    }
    return Value::SS(std::move(set));
  }
  if (tag == "NS") {
    Value::NumberSet set;
    for (const json& e : array_of(body, where)) {
      if (!set.insert(number_of(e, where)).second) bad_at(where, "a set may not hold duplicates");
    }
    return Value::NS(std::move(set));
  }
  if (tag == "BS") {
    Value::BytesSet set;
    for (const json& e : array_of(body, where)) {
      if (!set.insert(bytes_of(e, where)).second) bad_at(where, "a set may not hold duplicates");
    }
    return Value::BS(std::move(set));
  }
  bad_at(where, "unknown attribute type '" + tag.substr(0, 16) + "'");
}

}  // namespace

json to_json(const Value& value) { return to_json_at(value, 1); }
json to_json(const Item& item) { return map_to_json(item, 0); }

Value value_from_json(const json& j, std::string_view field) {
  return from_json_at(j, FieldPath{nullptr, field}, 1);
}

Item item_from_json(const json& j, std::string_view field) {
  return map_from_json(j, FieldPath{nullptr, field}, 0);
}

std::string item_to_json_text(const Item& item) { return to_json(item).dump(); }

Item item_from_json_text(std::string_view text, std::string_view field) {
  JsonParseResult parsed = parse_json(text, kMaxTextDepth);
  if (!parsed.ok) throw ValidationError(std::string(field), parsed.error);
  return item_from_json(parsed.value, field);
}

}  // namespace alexdb::codec
