#include "alex/backup_file.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "alexdb/backup.h"

namespace alexdb::backup {

namespace {

// gzip level 6: zlib's default balance of size and speed.
constexpr const char* kWriteMode = "wb6";
// Bytes read per gzgets call; longer lines are read in several.
constexpr int kReadChunk = 64 * 1024;

gzFile gz(void* file) { return static_cast<gzFile>(file); }

}  // namespace

LineWriter::LineWriter(std::string path) : path_(std::move(path)), partial_(path_ + ".partial") {
  file_ = gzopen(partial_.c_str(), kWriteMode);
  if (!file_) {
    throw BackupError("backup: cannot write " + partial_ + ": " + std::strerror(errno));
  }
}

LineWriter::~LineWriter() {
  if (file_) {
    gzclose(gz(file_));
    std::remove(partial_.c_str());
  }
}

void LineWriter::write(const nlohmann::json& line) {
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  text += '\n';
  if (gzwrite(gz(file_), text.data(), static_cast<unsigned>(text.size())) !=
      static_cast<int>(text.size())) {
    int code = 0;
    throw BackupError("backup: cannot write " + partial_ + ": " + gzerror(gz(file_), &code));
  }
}

void LineWriter::finish() {
  int status = gzclose(gz(file_));
  file_ = nullptr;
  if (status != Z_OK) {
    std::remove(partial_.c_str());
    throw BackupError("backup: cannot write " + partial_ + " (zlib status " +
                      std::to_string(status) + ")");
  }
  if (std::rename(partial_.c_str(), path_.c_str()) != 0) {
    std::string why = std::strerror(errno);
    std::remove(partial_.c_str());
    throw BackupError("backup: cannot rename " + partial_ + " to " + path_ + ": " + why);
  }
}

LineReader::LineReader(std::string path) : path_(std::move(path)) {
  file_ = gzopen(path_.c_str(), "rb");
  if (!file_) fail(std::string("cannot open it: ") + std::strerror(errno));
}

LineReader::~LineReader() {
  if (file_) gzclose(gz(file_));
}

void LineReader::fail(const std::string& why) const {
  std::string where = line_number_ > 0 ? " after line " + std::to_string(line_number_) : "";
  throw BackupError("backup file " + path_ + where + ": " + why);
}

bool LineReader::next(std::string& line) {
  line.clear();
  char buffer[kReadChunk];
  for (;;) {
    if (!gzgets(gz(file_), buffer, kReadChunk)) {
      int code = Z_OK;
      const char* message = gzerror(gz(file_), &code);
      if (code != Z_OK) fail(std::string("damaged or truncated (") + message + ")");
      if (!line.empty()) fail("truncated: the last line has no end");
      return false;
    }
    if (line_number_ == 0 && line.empty() && gzdirect(gz(file_))) {
      fail("not gzip-compressed: not an alexdb backup");
    }
    line += buffer;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      ++line_number_;
      return true;
    }
  }
}

}  // namespace alexdb::backup
