// The shared AWS files (~/.aws/config and ~/.aws/credentials) and the region (SPEC
// section 6). Every function reads the environment through an Environment lookup, never
// the process environment directly, so tests can supply their own.
//
// File format, as the AWS SDKs read it: "[section]" headers, "name = value" properties,
// lines starting with '#' or ';' are comments, and a '#' or ';' after whitespace ends a
// section header or a property value. An indented line continues the property above it
// (a property with an empty value holds indented sub-properties instead, such as
// "s3 =\n  region = ..."; those never count as the profile's own settings). In the config
// file a profile is "[default]" or "[profile NAME]" ("[profile default]" wins over
// "[default]"); in the credentials file it is "[NAME]". Other sections are ignored.
// A profile is the merge of both files; on the same name the credentials file wins.
#ifndef ALEXDB_STORE_DYNAMODB_AWS_CONFIG_H_
#define ALEXDB_STORE_DYNAMODB_AWS_CONFIG_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "store/dynamodb/environment.h"

namespace alexdb::dynamodb {

// The region used when nothing names one.
inline constexpr std::string_view kDefaultRegion = "us-east-1";

// One profile's settings: property name (as written) -> value.
using ProfileSettings = std::map<std::string, std::string>;
// Profiles by name ("default", "work", ...).
using ProfileSet = std::map<std::string, ProfileSettings>;

enum class AwsFileKind { kConfig, kCredentials };

// Parses the text of a shared file of `kind`. `origin` (a path) names the file in errors.
// Throws alexdb::Error naming the origin and the line number, never the line's text
// (it may hold a secret), for a line that is neither a header, a property, a comment
// nor a continuation, and for a property outside any section.
ProfileSet parse_aws_file(std::string_view text, AwsFileKind kind, std::string_view origin);

// The paths of the two shared files: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE
// (a leading "~/" expands to HOME), else $HOME/.aws/config and $HOME/.aws/credentials.
// A path is "" when its variable and HOME are both unset.
struct AwsFilePaths {
  std::string config;
  std::string credentials;
};
AwsFilePaths aws_file_paths(const Environment& environment);

// The profile in force: `requested` when not empty, else AWS_PROFILE, else "default".
std::string selected_profile(const Environment& environment, std::string_view requested);

// Profile `name` merged from both shared files (see the file comment), or std::nullopt
// when neither file defines it. A missing or unreadable file counts as empty. Throws
// alexdb::Error (from parse_aws_file) for a malformed file.
std::optional<ProfileSettings> load_profile(const Environment& environment,
                                            const std::string& name);

// The region of profile `profile` (resolved by selected_profile), or "" when the profile
// or its "region" setting is absent. Throws like load_profile.
std::string profile_region(const Environment& environment, const std::string& profile);

// The region to use: AWS_REGION, else AWS_DEFAULT_REGION, else DEFAULT_AWS_REGION, else
// the profile's region (see profile_region), else kDefaultRegion. Empty values count as
// unset. Reads the files only when no variable names a region.
std::string resolve_region(const Environment& environment, const std::string& profile);

// The value of `name` in `environment`, or std::nullopt when unset or empty.
std::optional<std::string> environment_value(const Environment& environment, std::string_view name);

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_AWS_CONFIG_H_
