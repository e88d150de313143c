// The CSV line reader (src/util/csv_lines.h): fields split and trimmed, quotes, the
// byte-order mark, blank lines, lines over the maximum and unterminated quotes.
#include "util/csv_lines.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace alexdb::util {
namespace {

using Fields = std::vector<std::string>;

// A file holding `text`, removed with the object.
class TempFile {
 public:
  explicit TempFile(const std::string& text)
      : path_(std::filesystem::temp_directory_path() /
              ("csv-lines-" + std::to_string(getpid()) + "-" + std::to_string(counter_++))) {
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

std::vector<CsvLine> all_lines(const std::string& text, std::size_t max_bytes = 4096) {
  TempFile file(text);
  CsvLineReader reader(file.path(), max_bytes);
  EXPECT_TRUE(reader.is_open());
  std::vector<CsvLine> out;
  for (CsvLine line; reader.next(line);) out.push_back(line);
  EXPECT_FALSE(reader.failed());
  return out;
}

TEST(CsvLinesTest, SplitsAndTrimsFields) {
  Fields fields;
  EXPECT_TRUE(split_csv_line(" a , b\t,c\r", fields));
  EXPECT_EQ(fields, (Fields{"a", "b", "c"}));
  EXPECT_TRUE(split_csv_line("", fields));
  EXPECT_EQ(fields, (Fields{""}));
  EXPECT_TRUE(split_csv_line("x,,", fields));
  EXPECT_EQ(fields, (Fields{"x", "", ""}));
}

TEST(CsvLinesTest, QuotedFieldsHoldCommasAndQuotes) {
  Fields fields;
  EXPECT_TRUE(split_csv_line(R"("Smith, J.","say ""hi""",3)", fields));
  EXPECT_EQ(fields, (Fields{"Smith, J.", R"(say "hi")", "3"}));
}

TEST(CsvLinesTest, AnUnterminatedQuoteIsReported) {
  Fields fields;
  EXPECT_FALSE(split_csv_line(R"(a,"b,c)", fields));
  const auto lines = all_lines("h\n\"open\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FALSE(lines[1].closed);
}

TEST(CsvLinesTest, SkipsTheByteOrderMarkAndBlankLinesKeepingLineNumbers) {
  const auto lines = all_lines("\xEF\xBB\xBFsymbol,price\r\n\n  \r\nSPY,1\nQQQ,2");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].number, 1);
  EXPECT_EQ(lines[0].fields, (Fields{"symbol", "price"}));
  EXPECT_EQ(lines[1].number, 4);
  EXPECT_EQ(lines[1].fields, (Fields{"SPY", "1"}));
  EXPECT_EQ(lines[2].number, 5);  // the last line needs no line end
  EXPECT_EQ(lines[2].fields, (Fields{"QQQ", "2"}));
}

TEST(CsvLinesTest, ALineOverTheMaximumIsMarkedNotHeld) {
  const auto lines = all_lines("a,b\n" + std::string(100, 'x') + "\nc,d\n", 16);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_TRUE(lines[1].fields.empty());
  EXPECT_FALSE(lines[2].too_long);
  EXPECT_EQ(lines[2].fields, (Fields{"c", "d"}));
}

TEST(CsvLinesTest, AMissingFileIsNotOpen) {
  CsvLineReader reader("/nonexistent/dir/file.csv");
  EXPECT_FALSE(reader.is_open());
  CsvLine line;
  EXPECT_FALSE(reader.next(line));
}

}  // namespace
}  // namespace alexdb::util
