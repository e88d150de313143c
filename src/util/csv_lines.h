// Reading a CSV file one line at a time, so that a file of any size needs the same small
// memory: each line is read up to a maximum length (a longer one is marked, never held
// whole), a UTF-8 byte-order mark at the start (Excel's "CSV UTF-8") is skipped, blank
// lines are skipped, and fields are split by commas, double-quoted where they hold one
// ("" inside quotes is a quote) and trimmed of spaces, tabs and carriage returns.
// Quoted fields do not span lines. Used by the ledger's import_csv and by `alexdb prices
// import`; what the fields mean is the caller's.
#ifndef ALEXDB_UTIL_CSV_LINES_H_
#define ALEXDB_UTIL_CSV_LINES_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace alexdb::util {

// `text` without leading and trailing spaces, tabs and carriage returns.
std::string trim_csv_field(std::string_view text);

// Splits one CSV line into `fields` (cleared first), each trimmed. Returns false for an
// unterminated quote (the fields then hold what was read).
bool split_csv_line(std::string_view line, std::vector<std::string>& fields);

// One non-blank line of a file.
struct CsvLine {
  std::int64_t number = 0;          // 1-based line of the file
  bool too_long = false;            // longer than the reader's maximum: fields empty
  bool closed = true;               // false: an unterminated quote
  std::vector<std::string> fields;  // the split fields (when not too long)
};

// The lines of one CSV file, in file order. Not thread-safe.
class CsvLineReader {
 public:
  static constexpr std::size_t kMaxLineBytes = 4096;

  // Opens `path`; is_open() tells whether it can be read.
  explicit CsvLineReader(const std::string& path, std::size_t max_line_bytes = kMaxLineBytes);
  CsvLineReader(const CsvLineReader&) = delete;
  CsvLineReader& operator=(const CsvLineReader&) = delete;

  bool is_open() const { return file_ != nullptr; }
  std::size_t max_line_bytes() const { return max_line_bytes_; }
  // The next non-blank line, or false at the end of the file or on a read error
  // (failed() then tells which).
  bool next(CsvLine& line);
  // Whether reading stopped on an I/O error rather than at the end of the file.
  bool failed() const { return failed_; }

 private:
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  // The next line without its end into text_; false at end of file.
  bool read_text(bool& too_long);

  std::unique_ptr<std::FILE, Closer> file_;
  std::size_t max_line_bytes_;
  std::int64_t number_ = 0;
  bool failed_ = false;
  std::string text_;
};

}  // namespace alexdb::util

#endif  // ALEXDB_UTIL_CSV_LINES_H_
