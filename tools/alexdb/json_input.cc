#include "json_input.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/store.h"

namespace alexdb::cli {
namespace {

using nlohmann::json;

// Builds a Value from nlohmann's SAX events with an explicit stack (no recursion), so
// numbers arrive as their source text and depth is checked before it grows.
class ValueBuilder {
 public:
  // `field` names the document in errors; its places are named without leading dashes
  // ("--payload" -> "payload.c").
  explicit ValueBuilder(std::string_view field)
      : root_name_(field.substr(std::min(field.find_first_not_of('-'), field.size()))) {}

  bool null() { return add(Value::Null()); }
  bool boolean(bool b) { return add(Value::Bool(b)); }
  bool number_integer(json::number_integer_t n) { return add(Value::N(std::int64_t{n})); }
  bool number_unsigned(json::number_unsigned_t n) { return number(std::to_string(n)); }
  bool number_float(json::number_float_t, const json::string_t& text) { return number(text); }
  bool string(json::string_t& s) { return add(Value::S(std::move(s))); }
  bool binary(json::binary_t&) { return false; }  // not produced by JSON text
  bool start_object(std::size_t) { return open(true); }
  bool key(json::string_t& k) {
    stack_.back().key = std::move(k);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(false); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
    error_ = "invalid JSON at byte " + std::to_string(position);
    return false;
  }

  Value take() { return std::move(root_); }
  const std::string& error() const { return error_; }

 private:
  struct Frame {
    bool object;
    Value::Map map;
    Value::List list;
    std::string key;  // of the next value, in an object
  };

  // Where the next value goes, e.g. "payload.c" or "payload.list[2]".
  std::string path() const {
    std::string where(root_name_);
    for (const Frame& f : stack_) {
      where += f.object ? "." + f.key : "[" + std::to_string(f.list.size()) + "]";
    }
    return where;
  }

  bool number(const std::string& text) {
    auto n = Decimal::try_parse(text);
    if (!n) Decimal::parse(text, path());  // throws the precise rule, naming the place
    return add(Value::N(*n));
  }

  bool add(Value value) {
    if (stack_.empty()) {
      root_ = std::move(value);
    } else if (Frame& top = stack_.back(); top.object) {
      top.map.insert_or_assign(std::move(top.key), std::move(value));
    } else {
      top.list.push_back(std::move(value));
    }
    return true;
  }

  bool open(bool object) {
    if (stack_.size() >= static_cast<std::size_t>(limits::kMaxNestingDepth)) {
      throw ValidationError(path(), "nesting at most 32 levels deep");
    }
    stack_.push_back(Frame{object, {}, {}, {}});
    return true;
  }

  bool close() {
    Frame top = std::move(stack_.back());
    stack_.pop_back();
    return add(top.object ? Value::M(std::move(top.map)) : Value::L(std::move(top.list)));
  }

  std::string_view root_name_;
  std::vector<Frame> stack_;
  Value root_ = Value::Null();
  std::string error_;
};

}  // namespace

Value parse_json_value(std::string_view text, std::string_view field) {
  ValueBuilder builder(field);
  if (!json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true)) {
    throw ValidationError(std::string(field), "a JSON document",
                          builder.error().empty() ? "invalid JSON" : builder.error());
  }
  return builder.take();
}

}  // namespace alexdb::cli
