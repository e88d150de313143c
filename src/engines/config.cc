#include "alexdb/config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "alexdb/errors.h"
#include "model/text.h"

namespace alexdb {

namespace {

bool valid_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

[[noreturn]] void unreadable_dotenv(const std::string& path, const std::string& why) {
  throw ValidationError(
      path, "the file exists but cannot be read: make it a readable file or remove it", why);
}

// The text of the `.env` file at `path`, or nullopt when there is none. A file that is
// there but cannot be read (no permission, a directory, a FIFO or device) is an error:
// skipping it would silently select another store.
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

}  // namespace

Environment process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
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
    if (!valid_name(key)) throw ValidationError(where, "the key is letters, digits and _");
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

Config Config::resolve(const std::map<std::string, std::string>& overrides,
                       const Environment& environment, const std::string& dotenv_path) {
  std::map<std::string, std::string> dotenv;
  if (auto text = read_dotenv(dotenv_path)) dotenv = parse_dotenv(*text);
  Environment env = environment ? environment : process_environment();
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    if (auto it = overrides.find(std::string(name)); it != overrides.end()) return it->second;
    if (auto value = env(name); value && !value->empty()) return value;
    if (auto it = dotenv.find(std::string(name)); it != dotenv.end() && !it->second.empty()) {
      return it->second;
    }
    return std::nullopt;
  };

  Config config;
  if (auto store = lookup("ALEXDB_STORE")) {
    config.store = *store;
    check_store_spec(config.store, config.store_setting);
  } else if (auto endpoint = lookup("DYNAMODB_ENDPOINT")) {
    config.store = *endpoint;
    config.store_setting = "DYNAMODB_ENDPOINT";
    check_endpoint_url(config.store, config.store_setting);
  } else if (auto endpoint_url = lookup("AWS_ENDPOINT_URL_DYNAMODB")) {
    config.store = *endpoint_url;
    config.store_setting = "AWS_ENDPOINT_URL_DYNAMODB";
    check_endpoint_url(config.store, config.store_setting);
  } else if (lookup("AWS_LAMBDA_FUNCTION_NAME")) {
    config.store = "dynamodb";
    config.store_setting = "AWS_LAMBDA_FUNCTION_NAME";
  }
  if (auto users = lookup("DYNAMODB_USERS_TABLE")) config.users_table = *users;
  if (auto instruments = lookup("DYNAMODB_INSTRUMENTS_TABLE")) config.instruments_table = *instruments;
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION", "DEFAULT_AWS_REGION"}) {
    if (auto region = lookup(name)) {
      config.region = *region;
      break;
    }
  }
  if (auto profile = lookup("AWS_PROFILE")) config.profile = *profile;
  return config;
}

void Config::check() const {
  check_store_spec(store, store_setting);
  if (users_table == instruments_table) {
    throw ValidationError("DYNAMODB_USERS_TABLE, DYNAMODB_INSTRUMENTS_TABLE",
                          "the users and instruments tables need different names "
                          "(--users-table, --instruments-table)",
                          "both are '" + users_table + "'");
  }
}

}  // namespace alexdb
