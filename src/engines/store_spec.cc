// Checking store specs and endpoint URLs (SPEC section 9, "errors say what to do"): a
// setting that cannot work is a ValidationError naming it, before any request is sent,
// never a connection error after every retry.
#include "engines/store_spec.h"

#include <charconv>
#include <string>

#include "alexdb/config.h"
#include "alexdb/errors.h"

namespace alexdb {

namespace {

constexpr const char* kEndpointRule =
    "an http:// or https:// URL: a host, an optional port 1-65535, no path";

bool host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

// What is wrong with an http(s) URL, or "" when nothing is.
std::string endpoint_problem(std::string_view url) {
  std::string_view rest;
  if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else if (url.rfind("https://", 0) == 0) {
    rest = url.substr(8);
  } else {
    return "it does not start with http:// or https://";
  }
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  std::string_view after = rest.substr(authority.size());
  if (after.find_first_not_of('/') != std::string_view::npos) {
    return "it has a path, query or fragment after the host";
  }
  if (authority.find('@') != std::string_view::npos) {
    return "it has user information before the host (credentials come from AWS settings)";
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority[0] == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return "an IPv6 host has no closing ]";
    host = authority.substr(0, close + 1);
    std::string_view tail = authority.substr(close + 1);
    if (!tail.empty() && tail[0] != ':') return "text after the IPv6 host";
    if (!tail.empty()) port = tail.substr(1);
    if (host.size() == 2) return "it has no host";
  } else {
    auto colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    if (host.empty()) return "it has no host";
    for (char c : host) {
      if (!host_char(c))
        return "the host has a character other than letters, digits, '-', '.', '_'";
    }
  }
  if (authority.size() != host.size()) {
    unsigned number = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || number < 1 ||
        number > 65535) {
      return "the port '" + std::string(port.substr(0, 16)) + "' is not a number 1-65535";
    }
  }
  return "";
}

}  // namespace

void check_endpoint_url(std::string_view url, std::string_view setting) {
  std::string problem = endpoint_problem(url);
  if (!problem.empty()) {
    throw ValidationError(std::string(setting), kEndpointRule,
                          "got '" + std::string(url.substr(0, 200)) + "': " + problem);
  }
}

void check_store_spec(std::string_view spec, std::string_view setting) {
  engines::parse_store_spec(spec, setting);
}

engines::StoreSpec engines::parse_store_spec(std::string_view spec, std::string_view setting) {
  using Kind = StoreSpec::Kind;
  if (spec == "memory:" || spec == "memory") return {Kind::kMemory, ""};
  if (spec == "dynamodb") return {Kind::kAws, ""};
  if (spec.rfind("sqlite:", 0) == 0) {
    if (spec.size() == 7) {
      throw ValidationError(std::string(setting), "sqlite:PATH needs a path", "got 'sqlite:'");
    }
    return {Kind::kFile, std::string(spec.substr(7))};
  }
  if (spec.rfind("http://", 0) == 0 || spec.rfind("https://", 0) == 0) {
    check_endpoint_url(spec, setting);
    return {Kind::kEndpoint, std::string(spec)};
  }
  throw ValidationError(std::string(setting), "one of " + std::string(kStoreSpecForms),
                        "got '" + std::string(spec.substr(0, 200)) + "'");
}

}  // namespace alexdb
