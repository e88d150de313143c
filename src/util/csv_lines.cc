#include "util/csv_lines.h"

namespace alexdb::util {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

std::string trim_csv_field(std::string_view text) {
  auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  auto end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

bool split_csv_line(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(trim_csv_field(field));
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(trim_csv_field(field));
  return !quoted;
}

CsvLineReader::CsvLineReader(const std::string& path, std::size_t max_line_bytes)
    : file_(std::fopen(path.c_str(), "rb")), max_line_bytes_(max_line_bytes) {}

bool CsvLineReader::read_text(bool& too_long) {
  text_.clear();
  too_long = false;
  bool any = false;
  for (int c; (c = getc_unlocked(file_.get())) != EOF;) {
    any = true;
    if (c == '\n') return true;
    if (text_.size() < max_line_bytes_) {
      text_ += static_cast<char>(c);
    } else {
      too_long = true;
    }
  }
  if (std::ferror(file_.get())) {
    failed_ = true;
    return false;
  }
  return any;
}

bool CsvLineReader::next(CsvLine& line) {
  if (!file_) return false;
  bool too_long = false;
  while (read_text(too_long)) {
    ++number_;
    if (number_ == 1 && text_.starts_with(kByteOrderMark)) text_.erase(0, kByteOrderMark.size());
    if (!too_long && trim_csv_field(text_).empty()) continue;
    line.number = number_;
    line.too_long = too_long;
    line.fields.clear();
    line.closed = too_long || split_csv_line(text_, line.fields);
    return true;
  }
  return false;
}

}  // namespace alexdb::util
