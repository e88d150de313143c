// The backup file (alexdb/backup.h describes the format): gzip-compressed JSON lines,
// written to a temporary name and renamed when complete, read line by line.
#ifndef ALEXDB_ALEX_BACKUP_FILE_H_
#define ALEXDB_ALEX_BACKUP_FILE_H_

#include <nlohmann/json.hpp>
#include <string>

namespace alexdb::backup {

inline constexpr const char* kFormatName = "alexdb-backup";
// DO NOT CHANGE what version 1 means: files in users' hands hold it.
inline constexpr int kFormatVersion = 1;
// The content hash's name in the header (ContentHash).
inline constexpr const char* kHashName = "sha256-sum";

// Writes lines to `path` + ".partial", renamed to `path` by finish(); removed when the
// writer ends without finish(). BackupError when the file cannot be written.
class LineWriter {
 public:
  explicit LineWriter(std::string path);
  LineWriter(const LineWriter&) = delete;
  LineWriter& operator=(const LineWriter&) = delete;
  ~LineWriter();
  // Writes `line` and a newline.
  void write(const nlohmann::json& line);
  // Closes the stream and renames the file to its name.
  void finish();

 private:
  std::string path_;
  std::string partial_;
  void* file_ = nullptr;  // gzFile
};

// Reads the lines of a gzip file. BackupError (naming the file) when it cannot be
// opened, is damaged (bad gzip data or CRC) or ends inside its gzip stream.
class LineReader {
 public:
  explicit LineReader(std::string path);
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;
  ~LineReader();
  // The next line without its newline; false at the end of the file.
  bool next(std::string& line);
  // The number of the line next() returned last (from 1).
  std::int64_t line_number() const { return line_number_; }
  const std::string& path() const { return path_; }

 private:
  [[noreturn]] void fail(const std::string& why) const;
  std::string path_;
  void* file_ = nullptr;  // gzFile
  std::int64_t line_number_ = 0;
};

}  // namespace alexdb::backup

#endif  // ALEXDB_ALEX_BACKUP_FILE_H_
