#include "store/dynamodb/credentials.h"

#include <ctime>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "alexdb/errors.h"
#include "model/text.h"
#include "store/dynamodb/http_client.h"

namespace alexdb::dynamodb {

namespace {

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

// Metadata services answer within a second or two when they exist at all.
HttpOptions metadata_http_options() {
  HttpOptions options;
  options.connect_timeout = std::chrono::milliseconds(1000);
  options.request_timeout = std::chrono::milliseconds(2000);
  return options;
}

std::chrono::system_clock::time_point parse_expiration(const std::string& text) {
  std::tm tm{};
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    throw Error("credentials: unreadable Expiration");
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

// Reads AccessKeyId/SecretAccessKey/Token/Expiration from a metadata JSON answer.
ExpiringCredentials credentials_from_json(const std::string& body, const char* source) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  auto field = [&](const char* name) -> std::string {
    if (!j.is_object() || !j.contains(name) || !j[name].is_string()) return {};
    return j[name].get<std::string>();
  };
  ExpiringCredentials out{{field("AccessKeyId"), field("SecretAccessKey"), field("Token")}, {}};
  if (out.credentials.access_key_id.empty() || out.credentials.secret_access_key.empty()) {
    throw Error(std::string("credentials: ") + source + " answered without credentials");
  }
  std::string expiration = field("Expiration");
  out.expiration = expiration.empty() ? std::chrono::system_clock::time_point::max()
                                      : parse_expiration(expiration);
  return out;
}

HttpResponse metadata_call(const std::string& method, const std::string& url,
                           const Headers& headers, const char* source) {
  HttpClient http(metadata_http_options());
  HttpResponse response;
  try {
    response = http.send(method, url, headers, "");
  } catch (const TransportError& e) {
    throw Error(std::string("credentials: ") + source + " unreachable (" + e.kind() + ")");
  }
  if (response.status != 200) {
    throw Error(std::string("credentials: ") + source + " answered HTTP " +
                std::to_string(response.status));
  }
  return response;
}

bool is_true(const std::optional<std::string>& value) {
  return value && (*value == "true" || *value == "TRUE" || *value == "True" || *value == "1");
}

}  // namespace

Credentials RefreshingCredentialsProvider::current() {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::system_clock::now();
  if (!cached_ || cached_->expiration - kRefreshMargin <= now) cached_ = fetch_();
  return cached_->credentials;
}

ExpiringCredentials fetch_container_credentials(const std::string& url,
                                                const std::string& authorization) {
  Headers headers;
  if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
  return credentials_from_json(metadata_call("GET", url, headers, "container credentials").body,
                               "container credentials");
}

ExpiringCredentials fetch_instance_credentials(const std::string& endpoint) {
  const char* source = "instance metadata";
  std::string token =
      metadata_call("PUT", endpoint + "/latest/api/token",
                    {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}}, source)
          .body;
  Headers with_token{{"X-aws-ec2-metadata-token", token}};
  std::string base = endpoint + "/latest/meta-data/iam/security-credentials/";
  std::string role = trim(metadata_call("GET", base, with_token, source).body);
  role = role.substr(0, role.find('\n'));
  if (role.empty()) throw Error("credentials: instance metadata has no IAM role");
  return credentials_from_json(metadata_call("GET", base + role, with_token, source).body, source);
}

std::string profile_region(const Environment& env, const std::string& profile_name) {
  std::string profile = profile_name.empty() ? env("AWS_PROFILE").value_or("default") : profile_name;
  std::string section = profile == "default" ? "default" : "profile " + profile;
  return ini_value(read_file(home_file(env, "AWS_CONFIG_FILE", "config")), section, "region");
}

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
  std::string tried = "environment AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile '" + profile +
                      "' in " + credentials_file + " and " + config_file;

  auto relative = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  auto full = env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (relative || full) {
    std::string url = relative ? "http://169.254.170.2" + *relative : *full;
    std::string authorization = env("AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or("");
    if (auto token_file = env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
      authorization = trim(read_file(*token_file));
    }
    auto provider = std::make_shared<RefreshingCredentialsProvider>(
        [url, authorization] { return fetch_container_credentials(url, authorization); });
    provider->current();  // fail now, not at the first request
    return provider;
  }
  tried += ", container credentials (not configured)";

  if (!is_true(env("AWS_EC2_METADATA_DISABLED"))) {
    std::string endpoint = env("AWS_EC2_METADATA_SERVICE_ENDPOINT").value_or("http://169.254.169.254");
    while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
    auto provider = std::make_shared<RefreshingCredentialsProvider>(
        [endpoint] { return fetch_instance_credentials(endpoint); });
    try {
      provider->current();
      return provider;
    } catch (const Error& e) {
      tried += std::string(", ") + e.what();
    }
  } else {
    tried += ", instance metadata (disabled)";
  }
  throw Error("no AWS credentials found (tried: " + tried + ")");
}

}  // namespace alexdb::dynamodb
