#include "store/dynamodb/credentials.h"

#include <fstream>
#include <sstream>

#include "alexdb/errors.h"

namespace alexdb::dynamodb {

namespace {

std::string trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  auto end = s.find_last_not_of(" \t\r");
  return std::string(s.substr(begin, end - begin + 1));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string home_file(const Environment& env, const char* variable, const char* relative) {
  if (auto path = env(variable)) return *path;
  if (auto home = env("HOME")) return *home + "/.aws/" + relative;
  return {};
}

}  // namespace

std::string ini_value(const std::string& text, const std::string& section, const std::string& key) {
  std::istringstream lines(text);
  std::string line;
  bool in_section = false;
  while (std::getline(lines, line)) {
    std::string content = trim(line);
    if (content.empty() || content[0] == '#' || content[0] == ';') continue;
    if (content.front() == '[' && content.back() == ']') {
      in_section = trim(content.substr(1, content.size() - 2)) == section;
      continue;
    }
    auto equals = content.find('=');
    if (in_section && equals != std::string::npos && trim(content.substr(0, equals)) == key) {
      return trim(content.substr(equals + 1));
    }
  }
  return {};
}

std::shared_ptr<CredentialsProvider> default_credentials(const Environment& env,
                                                         const std::string& profile_name) {
  auto id = env("AWS_ACCESS_KEY_ID");
  auto secret = env("AWS_SECRET_ACCESS_KEY");
  if (id && secret && !id->empty() && !secret->empty()) {
    return std::make_shared<StaticCredentialsProvider>(
        Credentials{*id, *secret, env("AWS_SESSION_TOKEN").value_or("")});
  }
  std::string profile = profile_name.empty() ? env("AWS_PROFILE").value_or("default") : profile_name;
  std::string credentials_file = home_file(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
  std::string config_file = home_file(env, "AWS_CONFIG_FILE", "config");
  std::string text = read_file(credentials_file);
  Credentials found{ini_value(text, profile, "aws_access_key_id"),
                    ini_value(text, profile, "aws_secret_access_key"),
                    ini_value(text, profile, "aws_session_token")};
  if (found.access_key_id.empty()) {
    std::string config = read_file(config_file);
    std::string section = profile == "default" ? "default" : "profile " + profile;
    found = {ini_value(config, section, "aws_access_key_id"),
             ini_value(config, section, "aws_secret_access_key"),
             ini_value(config, section, "aws_session_token")};
  }
  if (!found.access_key_id.empty() && !found.secret_access_key.empty()) {
    return std::make_shared<StaticCredentialsProvider>(found);
  }
  throw Error("no AWS credentials found (tried: environment AWS_ACCESS_KEY_ID/"
              "AWS_SECRET_ACCESS_KEY, profile '" + profile + "' in " + credentials_file + " and " +
              config_file + ")");
}

}  // namespace alexdb::dynamodb
