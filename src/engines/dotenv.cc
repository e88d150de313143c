// Reading the `.env` file (SPEC section 6).
#include "engines/dotenv.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "alexdb/errors.h"
#include "model/text.h"

namespace alexdb::engines {

namespace {

bool valid_dotenv_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

[[noreturn]] void unreadable_dotenv(const std::string& path, const std::string& why) {
  throw ValidationError(
      path, "the file exists but cannot be read: make it a readable file or remove it", why);
}

}  // namespace

std::optional<std::string> read_dotenv(const std::string& path) {
  if (path.empty()) return std::nullopt;
  struct stat link {};
  if (lstat(path.c_str(), &link) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
    unreadable_dotenv(path, std::strerror(errno));
  }
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) unreadable_dotenv(path, std::strerror(errno));
  struct stat info {};
  if (fstat(fd, &info) != 0) {
    int error = errno;
    close(fd);
    unreadable_dotenv(path, std::strerror(error));
  }
  if (!S_ISREG(info.st_mode)) {
    close(fd);
    unreadable_dotenv(path,
                      S_ISDIR(info.st_mode) ? "it is a directory" : "it is not a regular file");
  }
  std::string text;
  char buffer[8192];
  while (true) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      close(fd);
      unreadable_dotenv(path, std::strerror(error));
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  return text;
}

std::map<std::string, std::string> parse_dotenv(std::string_view text) {
  std::map<std::string, std::string> values;
  std::istringstream lines{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    std::string content = trim(line);
    if (content.empty() || content[0] == '#') continue;
    if (content.rfind("export ", 0) == 0) content = trim(content.substr(7));
    auto equals = content.find('=');
    std::string where = ".env line " + std::to_string(number);
    if (equals == std::string::npos) throw ValidationError(where, "expected KEY=VALUE");
    std::string key = trim(content.substr(0, equals));
    std::string value = trim(content.substr(equals + 1));
    if (!valid_dotenv_name(key)) throw ValidationError(where, "the key is letters, digits and _");
    if (!value.empty() && (value[0] == '"' || value[0] == '\'')) {
      char quote = value[0];
      auto close = value.find(quote, 1);
      if (close == std::string::npos) throw ValidationError(where, "unterminated quoted value");
      std::string rest = trim(value.substr(close + 1));
      if (!rest.empty() && rest[0] != '#') {
        throw ValidationError(where, "text after the closing quote");
      }
      value = value.substr(1, close - 1);
    } else {
      auto comment = value.find(" #");
      if (comment != std::string::npos) value = trim(value.substr(0, comment));
    }
    values[key] = value;
  }
  return values;
}

}  // namespace alexdb::engines
