#include "store/dynamodb/aws_config.h"

#include <fstream>
#include <sstream>

#include "alexdb/errors.h"

namespace alexdb::dynamodb {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// `s` without leading and trailing spaces and tabs (the only whitespace of the format).
std::string_view strip(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

bool is_comment_start(char c) { return c == '#' || c == ';'; }

// `value` up to a '#' or ';' that follows whitespace ("a # note" -> "a ", "a#b" kept).
std::string_view without_inline_comment(std::string_view value) {
  for (std::size_t i = 1; i < value.size(); ++i) {
    if (is_comment_start(value[i]) && is_blank(value[i - 1])) return value.substr(0, i);
  }
  return value;
}

bool has_blank(std::string_view s) {
  for (char c : s) {
    if (is_blank(c)) return true;
  }
  return false;
}

// Parses one file line by line; keeps the state the format's continuation rules need.
class Parser {
 public:
  Parser(AwsFileKind kind, std::string_view origin) : kind_(kind), origin_(origin) {}

  void line(std::string_view text) {
    ++number_;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    std::string_view content = strip(text);
    if (content.empty() || is_comment_start(content.front())) return;
    if (is_blank(text.front()) && property_open_) return continuation(content);
    if (content.front() == '[') return header(content);
    property(content);
  }

  ProfileSet finish() {
    // "[profile default]" wins over "[default]" in the config file.
    if (!saw_prefixed_default_ && bare_default_) profiles_["default"] = std::move(*bare_default_);
    return std::move(profiles_);
  }

 private:
  [[noreturn]] void fail(const std::string& rule) const {
    throw Error("AWS shared file " + std::string(origin_) + " line " + std::to_string(number_) +
                ": " + rule);
  }

  void header(std::string_view content) {
    auto close = content.find(']');
    if (close == std::string_view::npos) fail("a section header needs a closing ']'");
    std::string_view rest = strip(content.substr(close + 1));
    if (!rest.empty() && !is_comment_start(rest.front())) fail("text after a section header");
    std::string_view name = strip(content.substr(1, close - 1));
    seen_header_ = true;
    property_open_ = false;
    current_ = section(name);
  }

  // The settings a section's properties go to, or nullptr for an ignored section.
  ProfileSettings* section(std::string_view name) {
    constexpr std::string_view kPrefix = "profile";
    bool prefixed = name.size() > kPrefix.size() && name.substr(0, kPrefix.size()) == kPrefix &&
                    is_blank(name[kPrefix.size()]);
    std::string_view profile = prefixed ? strip(name.substr(kPrefix.size())) : name;
    if (profile.empty() || has_blank(profile)) return nullptr;
    if (kind_ == AwsFileKind::kCredentials) {
      return prefixed ? nullptr : &profiles_[std::string(profile)];
    }
    if (prefixed) {
      if (profile == "default") saw_prefixed_default_ = true;
      return &profiles_[std::string(profile)];
    }
    if (profile != "default") return nullptr;  // [sso-session x], [services x], [x]
    if (!bare_default_) bare_default_.emplace();
    return &*bare_default_;
  }

  void property(std::string_view content) {
    auto equals = content.find('=');
    if (equals == std::string_view::npos) fail("expected '[section]' or 'name = value'");
    std::string_view name = strip(content.substr(0, equals));
    if (name.empty()) fail("a property needs a name before '='");
    if (!seen_header_) fail("a property before any [section]");
    std::string value(strip(without_inline_comment(strip(content.substr(equals + 1)))));
    property_open_ = true;
    sub_properties_ = value.empty();
    last_value_ = nullptr;
    if (current_ && !has_blank(name)) {
      std::string& slot = (*current_)[std::string(name)];
      slot = std::move(value);
      last_value_ = &slot;
    }
  }

  void continuation(std::string_view content) {
    if (sub_properties_) {
      // "s3 =" followed by indented "name = value" lines: nested settings, not the profile's.
      if (content.find('=') == std::string_view::npos) fail("a sub-property needs 'name = value'");
      return;
    }
    if (last_value_) *last_value_ += "\n" + std::string(content);
  }

  AwsFileKind kind_;
  std::string_view origin_;
  int number_ = 0;
  ProfileSet profiles_;
  std::optional<ProfileSettings> bare_default_;
  bool saw_prefixed_default_ = false;
  bool seen_header_ = false;
  ProfileSettings* current_ = nullptr;
  bool property_open_ = false;
  bool sub_properties_ = false;
  std::string* last_value_ = nullptr;
};

std::string read_text(const std::string& path) {
  if (path.empty()) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string file_path(const Environment& env, std::string_view variable, std::string_view leaf) {
  auto home = environment_value(env, "HOME");
  if (auto path = environment_value(env, variable)) {
    if (home && path->rfind("~/", 0) == 0) return *home + path->substr(1);
    return *path;
  }
  return home ? *home + "/.aws/" + std::string(leaf) : std::string();
}

}  // namespace

ProfileSet parse_aws_file(std::string_view text, AwsFileKind kind, std::string_view origin) {
  Parser parser(kind, origin);
  while (!text.empty()) {
    auto end = text.find('\n');
    parser.line(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return parser.finish();
}

AwsFilePaths aws_file_paths(const Environment& env) {
  return {file_path(env, "AWS_CONFIG_FILE", "config"),
          file_path(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials")};
}

std::string selected_profile(const Environment& env, std::string_view requested) {
  if (!requested.empty()) return std::string(requested);
  return environment_value(env, "AWS_PROFILE").value_or("default");
}

std::optional<ProfileSettings> load_profile(const Environment& env, const std::string& name) {
  AwsFilePaths paths = aws_file_paths(env);
  ProfileSet config = parse_aws_file(read_text(paths.config), AwsFileKind::kConfig, paths.config);
  ProfileSet credentials =
      parse_aws_file(read_text(paths.credentials), AwsFileKind::kCredentials, paths.credentials);
  auto in_config = config.find(name);
  auto in_credentials = credentials.find(name);
  if (in_config == config.end() && in_credentials == credentials.end()) return std::nullopt;
  ProfileSettings merged;
  if (in_config != config.end()) merged = std::move(in_config->second);
  if (in_credentials != credentials.end()) {
    for (auto& [key, value] : in_credentials->second) merged[key] = std::move(value);
  }
  return merged;
}

std::string profile_region(const Environment& env, const std::string& profile) {
  auto settings = load_profile(env, selected_profile(env, profile));
  if (!settings) return {};
  auto region = settings->find("region");
  return region == settings->end() ? std::string() : region->second;
}

std::string resolve_region(const Environment& env, const std::string& profile) {
  for (std::string_view name : {"AWS_REGION", "AWS_DEFAULT_REGION", "DEFAULT_AWS_REGION"}) {
    if (auto region = environment_value(env, name)) return *region;
  }
  std::string region = profile_region(env, profile);
  return region.empty() ? std::string(kDefaultRegion) : region;
}

std::optional<std::string> environment_value(const Environment& env, std::string_view name) {
  if (!env) return std::nullopt;
  auto value = env(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

}  // namespace alexdb::dynamodb
