#include "output.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>

namespace alexdb::cli {

nlohmann::json to_json(const Value& value) {
  switch (value.type()) {
    case Value::Type::kS:
      return value.s();
    case Value::Type::kN:
      return value.n().to_string();
    case Value::Type::kB:
      return value.b().to_base64();
    case Value::Type::kBool:
      return value.boolean();
    case Value::Type::kNull:
      return nullptr;
    case Value::Type::kM:
      return to_json(value.m());
    case Value::Type::kL: {
      auto array = nlohmann::json::array();
      for (const Value& element : value.l()) array.push_back(to_json(element));
      return array;
    }
    case Value::Type::kSS:
      return nlohmann::json(std::vector<std::string>(value.ss().begin(), value.ss().end()));
    case Value::Type::kNS: {
      auto array = nlohmann::json::array();
      for (const Decimal& n : value.ns()) array.push_back(n.to_string());
      return array;
    }
    case Value::Type::kBS: {
      auto array = nlohmann::json::array();
      for (const Bytes& b : value.bs())
        array.push_back(b.to_base64());
      return array;
    }
  }
  return nullptr;
}

nlohmann::json to_json(const Fields& fields) {
  auto object = nlohmann::json::object();
  for (const auto& [name, value] : fields) object[name] = to_json(value);
  return object;
}

Value from_json(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::object: {
      Value::Map map;
      for (const auto& [key, element] : json.items()) map.emplace(key, from_json(element));
      return Value::M(std::move(map));
    }
    case nlohmann::json::value_t::array: {
      Value::List list;
      for (const auto& element : json) list.push_back(from_json(element));
      return Value::L(std::move(list));
    }
    case nlohmann::json::value_t::string:
      return Value::S(json.get<std::string>());
    case nlohmann::json::value_t::boolean:
      return Value::Bool(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return Value::N(std::string_view(json.dump()));
    default:
      return Value::Null();
  }
}

nlohmann::json numbers_as_text(nlohmann::json json) {
  if (json.is_number()) return json.dump();
  if (json.is_structured()) {
    for (auto& element : json) element = numbers_as_text(std::move(element));
  }
  return json;
}

void print_json(const nlohmann::json& json) { std::cout << numbers_as_text(json).dump(2) << '\n'; }

std::string cell(const Value& value) {
  if (value.is_s()) return value.s();
  if (value.is_n()) return value.n().to_string();
  if (value.is_null()) return "";
  return to_json(value).dump();
}

std::string money(const Decimal& amount) {
  std::string text = amount.round(2).to_string();
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  auto point = text.find('.');
  std::string whole = text.substr(0, point);
  std::string fraction = point == std::string::npos ? "00" : text.substr(point + 1);
  fraction.resize(2, '0');
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  return (negative ? "-" : "") + grouped + "." + fraction;
}

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)), right_(headers_.size(), false) {}

Table& Table::right(std::size_t index) {
  if (index < right_.size()) right_[index] = true;
  return *this;
}

void Table::add(std::vector<std::string> row) {
  row.resize(headers_.size());
  rows_.push_back(std::move(row));
}

void Table::print(std::ostream& out, int indent) const {
  std::vector<std::size_t> widths(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    widths[c] = display_width(headers_[c]);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  auto line = [&](const std::vector<std::string>& row) {
    std::string text(static_cast<std::size_t>(indent), ' ');
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string pad(widths[c] - display_width(row[c]), ' ');
      bool last = c + 1 == row.size();
      text += right_[c] ? pad + row[c] : (last ? row[c] : row[c] + pad);
      if (!last) text += "  ";
    }
    out << text << '\n';
  };
  line(headers_);
  std::vector<std::string> rule;
  for (std::size_t width : widths) rule.emplace_back(width, '-');
  line(rule);
  for (const auto& row : rows_) line(row);
}

void print_fields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& rows) {
  std::size_t width = 0;
  for (const auto& [key, value] : rows) width = std::max(width, display_width(key));
  for (const auto& [key, value] : rows) {
    out << key << std::string(width - display_width(key) + 2, ' ') << value << '\n';
  }
}

Progress::Progress(std::string label, std::size_t total, bool quiet)
    : label_(std::move(label)), total_(total), tty_(isatty(STDERR_FILENO) != 0), quiet_(quiet) {}

void Progress::step(std::string_view what) {
  ++done_;
  if (quiet_) return;
  if (!tty_) {
    std::cerr << label_ << ": " << done_ << "/" << total_ << " " << what << '\n';
    return;
  }
  constexpr std::size_t kBarWidth = 30;
  std::size_t filled = total_ == 0 ? kBarWidth : done_ * kBarWidth / total_;
  std::string bar;
  for (std::size_t i = 0; i < kBarWidth; ++i) bar += i < filled ? "█" : "░";
  std::cerr << "\r" << label_ << " " << bar << " " << done_ << "/" << total_ << " " << what
            << "\033[K" << std::flush;
}

void Progress::finish() {
  if (!quiet_ && tty_) std::cerr << '\n';
}

}  // namespace alexdb::cli
