#include "alexdb/config.h"

#include <cstdlib>
#include <fstream>
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
  if (std::ifstream file(dotenv_path); file) {
    std::stringstream text;
    text << file.rdbuf();
    dotenv = parse_dotenv(text.str());
  }
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
  } else if (auto endpoint = lookup("DYNAMODB_ENDPOINT")) {
    config.store = *endpoint;
  } else if (auto endpoint_url = lookup("AWS_ENDPOINT_URL_DYNAMODB")) {
    config.store = *endpoint_url;
  } else if (lookup("AWS_LAMBDA_FUNCTION_NAME")) {
    config.store = "dynamodb";
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

}  // namespace alexdb
