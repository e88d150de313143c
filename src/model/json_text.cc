#include "model/json_text.h"

#include <vector>

namespace alexdb::codec {

namespace {

using nlohmann::json;

// Builds the document with an explicit stack; floats become their source text.
class ExactSax {
 public:
  explicit ExactSax(std::size_t max_depth) : max_depth_(max_depth) {}

  bool null() { return add(json(nullptr)); }
  bool boolean(bool b) { return add(json(b)); }
  bool number_integer(json::number_integer_t n) { return add(json(n)); }
  bool number_unsigned(json::number_unsigned_t n) { return add(json(n)); }
  bool number_float(json::number_float_t, const json::string_t& text) { return add(json(text)); }
  bool string(json::string_t& s) { return add(json(std::move(s))); }
  bool binary(json::binary_t&) { return false; }
  bool start_object(std::size_t) { return open(json::object()); }
  bool key(json::string_t& k) {
    key_ = std::move(k);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    error_ = "invalid JSON at byte " + std::to_string(position) + ": " + e.what();
    return false;
  }

  json take() { return std::move(root_); }
  const std::string& error() const { return error_; }

 private:
  bool add(json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
    } else if (stack_.back()->is_object()) {
      (*stack_.back())[key_] = std::move(value);
    } else {
      stack_.back()->push_back(std::move(value));
    }
    return true;
  }
  bool open(json container) {
    if (stack_.size() >= max_depth_) {
      error_ = "JSON nests deeper than " + std::to_string(max_depth_) + " levels";
      return false;
    }
    json* slot;
    if (stack_.empty()) {
      root_ = std::move(container);
      slot = &root_;
    } else if (stack_.back()->is_object()) {
      slot = &((*stack_.back())[key_] = std::move(container));
    } else {
      stack_.back()->push_back(std::move(container));
      slot = &stack_.back()->back();
    }
    stack_.push_back(slot);
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  std::size_t max_depth_;
  json root_;
  std::vector<json*> stack_;  // containers being filled; parents outlive children
  std::string key_;
  std::string error_;
};

}  // namespace

JsonParseResult parse_json(std::string_view text, std::size_t max_depth) {
  ExactSax sax(max_depth);
  JsonParseResult result;
  result.ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true);
  if (result.ok) {
    result.value = sax.take();
  } else {
    result.error = sax.error().empty() ? "invalid JSON" : sax.error();
  }
  return result;
}

}  // namespace alexdb::codec
