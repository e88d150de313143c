#include "store/dynamodb/credentials.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "alexdb/errors.h"
#include "model/text.h"
#include "store/dynamodb/metadata_http.h"

namespace alexdb::dynamodb {

namespace {

using Clock = std::chrono::system_clock;
using HeaderList = std::vector<std::pair<std::string, std::string>>;

// How long an IMDSv2 session token lives; one is taken per credentials fetch.
constexpr const char* kImdsTokenTtlSeconds = "21600";

// "2024-05-01T12:00:00Z", with optional fractional seconds and "Z" or "+HH:MM"/"-HH:MM".
std::optional<Clock::time_point> parse_timestamp(std::string_view text) {
  std::string copy(text);
  int year, month, day, hour, minute, second, consumed = 0;
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(static_cast<std::size_t>(consumed));
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front())))
      rest.remove_prefix(1);
  }
  int offset_minutes = 0;
  if (rest == "Z" || rest == "z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int hours = 0, minutes = 0;
    if (std::sscanf(std::string(rest.substr(1)).c_str(), "%2d:%2d", &hours, &minutes) != 2) {
      return std::nullopt;
    }
    offset_minutes = (rest[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
  } else {
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                   std::chrono::day(day)};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second) - std::chrono::minutes(offset_minutes);
}

// `text` if it is a short code made of [A-Za-z0-9_.-] (safe to show), else "".
std::string printable_code(const std::string& text) {
  if (text.size() > 64) return {};
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') return {};
  }
  return text;
}

std::string read_token_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error("container credentials: cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " +
                path);
  std::stringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  return token;
}

// The host of an http(s) URL: no user info, no port, IPv6 without brackets.
std::string url_host(std::string_view url) {
  url.remove_prefix(url.find("://") + 3);
  std::string_view authority = url.substr(0, url.find_first_of("/?#"));
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') {
    return std::string(authority.substr(1, authority.find(']') - 1));
  }
  return std::string(authority.substr(0, authority.find(':')));
}

bool allowed_container_ipv4(uint32_t ip) {
  return (ip >> 24) == 127 || ip == 0xA9FEAA02 /* 169.254.170.2 */ ||
         ip == 0xA9FEAA17 /* 169.254.170.23 */;
}

bool allowed_container_address(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    return allowed_container_ipv4(
        ntohl(reinterpret_cast<const sockaddr_in*>(address)->sin_addr.s_addr));
  }
  if (address->sa_family != AF_INET6) return false;
  const in6_addr& ip = reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr;
  if (IN6_IS_ADDR_V4MAPPED(&ip)) {
    uint32_t v4;
    std::memcpy(&v4, ip.s6_addr + 12, sizeof v4);
    return allowed_container_ipv4(ntohl(v4));
  }
  in6_addr eks{};
  inet_pton(AF_INET6, "fd00:ec2::23", &eks);
  return IN6_IS_ADDR_LOOPBACK(&ip) || std::memcmp(&ip, &eks, sizeof ip) == 0;
}

// Throws unless AWS_CONTAINER_CREDENTIALS_FULL_URI may be called: https, or an http host
// that resolves only to loopback or the ECS/EKS credential addresses.
void check_full_uri(const std::string& url) {
  const char* variable = "container credentials: AWS_CONTAINER_CREDENTIALS_FULL_URI";
  if (url.rfind("https://", 0) == 0) return;
  if (url.rfind("http://", 0) != 0) throw Error(std::string(variable) + " must be http(s)");
  std::string host = url_host(url);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (host.empty() || getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) {
    throw Error(std::string(variable) + " host '" + host + "' does not resolve");
  }
  bool allowed = true;
  for (addrinfo* a = found; a; a = a->ai_next)
    allowed = allowed && allowed_container_address(a->ai_addr);
  freeaddrinfo(found);
  if (!allowed) {
    throw Error(std::string(variable) + " over http must name a loopback address, 169.254.170.2, " +
                "169.254.170.23 or fd00:ec2::23 (host '" + host + "')");
  }
}

MetadataResponse call(std::string_view source, std::string_view method, const std::string& url,
                      const HeaderList& headers) {
  try {
    return metadata_request(method, url, headers);
  } catch (const Error& e) {
    throw Error(std::string(source) + ": " + e.what());
  }
}

void expect_ok(std::string_view source, std::string_view what, const MetadataResponse& response) {
  if (response.status != 200) {
    throw Error(std::string(source) + ": " + std::string(what) + " answered HTTP " +
                std::to_string(response.status));
  }
}

}  // namespace

Credentials RefreshingCredentialsProvider::current() {
  std::lock_guard lock(mutex_);
  auto now = Clock::now();
  if (cached_ && now < cached_->expiration - kRefreshMargin) return cached_->credentials;
  bool still_valid = cached_ && now < cached_->expiration;
  if (still_valid && last_failure_ && now < *last_failure_ + kRetryAfterFailure) {
    return cached_->credentials;
  }
  try {
    cached_ = fetch_();
    last_failure_.reset();
  } catch (const Error&) {
    if (!still_valid) throw;
    last_failure_ = now;
  }
  return cached_->credentials;
}

ExpiringCredentials parse_credentials_document(std::string_view body, std::string_view source) {
  nlohmann::json document = nlohmann::json::parse(body, nullptr, false);
  if (!document.is_object()) throw Error(std::string(source) + ": the answer is not a JSON object");
  auto field = [&](const char* name) -> std::string {
    auto it = document.find(name);
    return it != document.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::string code = field("Code");
  if (!code.empty() && code != "Success") {
    std::string shown = printable_code(code);
    throw Error(std::string(source) + ": the answer's Code is not Success" +
                (shown.empty() ? "" : " (" + shown + ")"));
  }
  ExpiringCredentials out{{field("AccessKeyId"), field("SecretAccessKey"), field("Token")},
                          Clock::time_point::max()};
  if (out.credentials.access_key_id.empty() || out.credentials.secret_access_key.empty()) {
    throw Error(std::string(source) + ": the answer lacks AccessKeyId or SecretAccessKey");
  }
  if (std::string expiration = field("Expiration"); !expiration.empty()) {
    auto when = parse_timestamp(expiration);
    if (!when) {
      throw Error(std::string(source) + ": unreadable Expiration '" + expiration.substr(0, 40) +
                  "'");
    }
    out.expiration = *when;
  }
  return out;
}

ExpiringCredentials fetch_container_credentials(const ContainerEndpoint& endpoint) {
  constexpr std::string_view kSource = "container credentials";
  std::string authorization = endpoint.authorization_file.empty()
                                  ? endpoint.authorization
                                  : read_token_file(endpoint.authorization_file);
  if (authorization.find_first_of("\r\n") != std::string::npos) {
    throw Error("container credentials: the authorization token holds a line break");
  }
  HeaderList headers;
  if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
  MetadataResponse response = call(kSource, "GET", endpoint.url, headers);
  expect_ok(kSource, "the endpoint", response);
  return parse_credentials_document(response.body, kSource);
}

ExpiringCredentials fetch_instance_credentials(const std::string& endpoint) {
  constexpr std::string_view kSource = "instance metadata";
  MetadataResponse token = call(kSource, "PUT", endpoint + "/latest/api/token",
                                {{"X-aws-ec2-metadata-token-ttl-seconds", kImdsTokenTtlSeconds}});
  expect_ok(kSource, "the session token request", token);
  if (trim(token.body).empty()) throw Error("instance metadata: empty session token");
  HeaderList with_token{{"X-aws-ec2-metadata-token", trim(token.body)}};

  std::string roles_url = endpoint + "/latest/meta-data/iam/security-credentials/";
  MetadataResponse roles = call(kSource, "GET", roles_url, with_token);
  expect_ok(kSource, "the IAM role request", roles);
  std::string role = trim(roles.body.substr(0, roles.body.find('\n')));
  if (role.empty()) throw Error("instance metadata: no IAM role is attached to the instance");

  MetadataResponse document = call(kSource, "GET", roles_url + role, with_token);
  expect_ok(kSource, "the role credentials request", document);
  return parse_credentials_document(document.body, kSource);
}

namespace {

// One link of the chain: a provider, or why the source gave none (shown in the error).
struct Attempt {
  std::shared_ptr<CredentialsProvider> provider;
  std::string reason;
};

Attempt from_environment(const Environment& env) {
  auto id = environment_value(env, "AWS_ACCESS_KEY_ID");
  auto secret = environment_value(env, "AWS_SECRET_ACCESS_KEY");
  if (id && secret) {
    Credentials found{*id, *secret, environment_value(env, "AWS_SESSION_TOKEN").value_or("")};
    return {std::make_shared<StaticCredentialsProvider>(std::move(found)), {}};
  }
  if (id) return {nullptr, "environment (AWS_ACCESS_KEY_ID set without AWS_SECRET_ACCESS_KEY)"};
  if (secret) return {nullptr, "environment (AWS_SECRET_ACCESS_KEY set without AWS_ACCESS_KEY_ID)"};
  return {nullptr, "environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY not set)"};
}

Attempt from_shared_files(const Environment& env, const std::string& requested) {
  std::string name = selected_profile(env, requested);
  AwsFilePaths paths = aws_file_paths(env);
  std::string where = "shared files (profile '" + name + "' in " +
                      (paths.credentials.empty() ? "<no HOME>" : paths.credentials) + " and " +
                      (paths.config.empty() ? "<no HOME>" : paths.config) + ": ";
  auto profile = load_profile(env, name);
  if (!profile) return {nullptr, where + "not found)"};
  auto get = [&](const char* key) {
    auto it = profile->find(key);
    return it == profile->end() ? std::string() : trim(it->second);
  };
  std::string id = get("aws_access_key_id");
  std::string secret = get("aws_secret_access_key");
  if (!id.empty() && !secret.empty()) {
    Credentials found{id, secret, get("aws_session_token")};
    return {std::make_shared<StaticCredentialsProvider>(std::move(found)), {}};
  }
  if (!id.empty() || !secret.empty()) {
    return {nullptr, where + "aws_access_key_id and aws_secret_access_key must both be set)"};
  }
  for (const char* unsupported : {"role_arn", "credential_process", "sso_session", "sso_start_url",
                                  "web_identity_token_file"}) {
    if (profile->count(unsupported)) {
      return {nullptr, where + "uses " + unsupported + ", which alexdb does not support)"};
    }
  }
  return {nullptr, where + "no aws_access_key_id)"};
}

// Container credentials when configured; nullptr provider (with the reason) when not.
// Throws when they are configured but cannot be had.
Attempt from_container(const Environment& env, const MetadataEndpoints& endpoints) {
  auto relative = environment_value(env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  auto full = environment_value(env, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (!relative && !full) {
    return {nullptr,
            "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI not set)"};
  }
  ContainerEndpoint endpoint;
  if (relative) {
    endpoint.url = endpoints.container + (relative->front() == '/' ? "" : "/") + *relative;
  } else {
    check_full_uri(*full);
    endpoint.url = *full;
  }
  endpoint.authorization = environment_value(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or("");
  endpoint.authorization_file =
      environment_value(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE").value_or("");
  auto provider = std::make_shared<RefreshingCredentialsProvider>(
      [endpoint] { return fetch_container_credentials(endpoint); });
  provider->current();
  return {provider, {}};
}

Attempt from_instance_metadata(const Environment& env, const MetadataEndpoints& endpoints) {
  std::string disabled = environment_value(env, "AWS_EC2_METADATA_DISABLED").value_or("");
  for (char& c : disabled) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (trim(disabled) == "true")
    return {nullptr, "instance metadata (disabled by AWS_EC2_METADATA_DISABLED)"};
  std::string endpoint =
      environment_value(env, "AWS_EC2_METADATA_SERVICE_ENDPOINT").value_or(endpoints.instance);
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  auto provider = std::make_shared<RefreshingCredentialsProvider>(
      [endpoint] { return fetch_instance_credentials(endpoint); });
  try {
    provider->current();
    return {provider, {}};
  } catch (const Error& e) {
    return {nullptr, std::string(e.what()) + " (endpoint " + endpoint + ")"};
  }
}

std::string joined(const std::vector<std::string>& reasons) {
  std::string out;
  for (const auto& reason : reasons) out += (out.empty() ? "" : "; ") + reason;
  return out;
}

}  // namespace

std::shared_ptr<CredentialsProvider> default_credentials(const Environment& env,
                                                         const std::string& profile,
                                                         const MetadataEndpoints& endpoints) {
  std::vector<std::string> tried;
  Attempt environment = from_environment(env);
  if (environment.provider) return environment.provider;
  tried.push_back(environment.reason);
  Attempt shared = from_shared_files(env, profile);  // read only when the environment has none
  if (shared.provider) return shared.provider;
  tried.push_back(shared.reason);
  Attempt container;
  try {
    container = from_container(env, endpoints);
  } catch (const Error& e) {
    throw Error(std::string("AWS credentials: ") + e.what() + " (tried before: " + joined(tried) +
                ")");
  }
  if (container.provider) return container.provider;
  tried.push_back(container.reason);
  Attempt instance = from_instance_metadata(env, endpoints);
  if (instance.provider) return instance.provider;
  tried.push_back(instance.reason);
  throw Error("no AWS credentials found; tried: " + joined(tried));
}

}  // namespace alexdb::dynamodb
