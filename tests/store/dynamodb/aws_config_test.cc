#include "store/dynamodb/aws_config.h"

#include <gtest/gtest.h>

#include "alexdb/errors.h"
#include "aws_test_environment.h"

namespace alexdb::dynamodb {
namespace {

using testing::aws_environment;
using testing::TempDir;

ProfileSet config(std::string_view text) {
  return parse_aws_file(text, AwsFileKind::kConfig, "test-config");
}
ProfileSet credentials(std::string_view text) {
  return parse_aws_file(text, AwsFileKind::kCredentials, "test-credentials");
}

TEST(AwsConfigTest, ConfigProfilesAreDefaultAndProfilePrefixed) {
  ProfileSet profiles =
      config("[default]\nregion = eu-west-2\n[profile work]\nregion=ap-south-1\n");
  ASSERT_EQ(profiles.size(), 2u);
  EXPECT_EQ(profiles["default"]["region"], "eu-west-2");
  EXPECT_EQ(profiles["work"]["region"], "ap-south-1");
}

TEST(AwsConfigTest, EmptyTextHasNoProfiles) {
  EXPECT_TRUE(config("").empty());
  EXPECT_TRUE(config("\n\n  \n# only a comment\n; another\n").empty());
}

TEST(AwsConfigTest, HashAndSemicolonCommentsAreIgnored) {
  ProfileSet profiles = config(
      "# leading comment\n"
      "; semicolon comment\n"
      "[profile a] ; after a header\n"
      "one = 1 # after a value\n"
      "two = 2 ; after a value\n"
      "[profile b]# adjacent to a header\n"
      "  # indented comment\n"
      "three = 3\n");
  EXPECT_EQ(profiles["a"]["one"], "1");
  EXPECT_EQ(profiles["a"]["two"], "2");
  EXPECT_EQ(profiles["b"]["three"], "3");
}

TEST(AwsConfigTest, CommentCharactersInsideAValueAreKept) {
  ProfileSet profiles = config("[default]\nurl = http://host/#frag\nmixed = a;b#c\n");
  EXPECT_EQ(profiles["default"]["url"], "http://host/#frag");
  EXPECT_EQ(profiles["default"]["mixed"], "a;b#c");
}

TEST(AwsConfigTest, WhitespaceAndWindowsLineEndingsAreTrimmed) {
  ProfileSet profiles =
      config("[ profile \t work \t]\r\n  region \t=\t us-west-2 \t\r\nempty =\r\nx=y=z\r\n");
  ASSERT_EQ(profiles.count("work"), 1u);
  EXPECT_EQ(profiles["work"]["region"], "us-west-2");
  EXPECT_EQ(profiles["work"]["empty"], "");
  EXPECT_EQ(profiles["work"]["x"], "y=z");
}

TEST(AwsConfigTest, IndentedLinesContinueTheValueAbove) {
  ProfileSet profiles = config("[default]\nnote = first\n  second\n\tthird # kept\n");
  EXPECT_EQ(profiles["default"]["note"], "first\nsecond\nthird # kept");
}

TEST(AwsConfigTest, SubPropertiesAreNotTheProfilesOwnSettings) {
  ProfileSet profiles = config(
      "[default]\n"
      "s3 =\n"
      "  region = eu-central-1\n"
      "  max_concurrent_requests = 20\n"
      "output = json\n");
  EXPECT_EQ(profiles["default"].count("region"), 0u);
  EXPECT_EQ(profiles["default"]["s3"], "");
  EXPECT_EQ(profiles["default"]["output"], "json");
}

TEST(AwsConfigTest, ConfigSectionsWithoutTheProfilePrefixAreIgnored) {
  ProfileSet profiles = config(
      "[work]\nregion = a\n"
      "[sso-session corp]\nsso_region = b\n"
      "[services local]\ndynamodb =\n  endpoint_url = http://localhost:8000\n"
      "[profilework]\nregion = c\n"
      "[profile in valid]\nregion = d\n");
  EXPECT_TRUE(profiles.empty());
}

TEST(AwsConfigTest, CredentialsFileSectionsHaveNoPrefix) {
  ProfileSet profiles = credentials(
      "[default]\naws_access_key_id = A\n[work]\naws_access_key_id = B\n"
      "[profile other]\naws_access_key_id = C\n");
  ASSERT_EQ(profiles.size(), 2u);
  EXPECT_EQ(profiles["default"]["aws_access_key_id"], "A");
  EXPECT_EQ(profiles["work"]["aws_access_key_id"], "B");
}

TEST(AwsConfigTest, ProfileDefaultWinsOverBareDefault) {
  for (const char* text : {"[default]\nregion = bare\n[profile default]\noutput = json\n",
                           "[profile default]\noutput = json\n[default]\nregion = bare\n"}) {
    ProfileSet profiles = config(text);
    EXPECT_EQ(profiles["default"].count("region"), 0u) << text;
    EXPECT_EQ(profiles["default"]["output"], "json") << text;
  }
}

TEST(AwsConfigTest, RepeatedSectionsMergeAndTheLastValueWins) {
  ProfileSet profiles =
      config("[profile a]\nx = 1\ny = 1\n[profile b]\nx = 9\n[profile a]\ny = 2\ny = 3\n");
  EXPECT_EQ(profiles["a"]["x"], "1");
  EXPECT_EQ(profiles["a"]["y"], "3");
}

TEST(AwsConfigTest, MalformedLinesNameTheFileAndLineButNotTheText) {
  const std::string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  struct Case {
    std::string text;
    std::string line;
  };
  for (const Case& c : std::vector<Case>{
           {"[default]\naws_secret_access_key " + secret + "\n", "line 2"},
           {"aws_secret_access_key = " + secret + "\n", "line 1"},
           {"[default]\n= " + secret + "\n", "line 2"},
           {"\n\n[profile " + secret + "\n", "line 3"},
           {"[default] " + secret + "\n", "line 1"},
           {"[default]\ns3 =\n  " + secret + "\n", "line 3"},
       }) {
    try {
      config(c.text);
      ADD_FAILURE() << "expected an error for: " << c.text;
    } catch (const Error& e) {
      std::string message = e.what();
      EXPECT_NE(message.find("test-config"), std::string::npos) << message;
      EXPECT_NE(message.find(c.line), std::string::npos) << message;
      EXPECT_EQ(message.find(secret), std::string::npos) << message;
    }
  }
}

TEST(AwsConfigTest, FilePathsComeFromVariablesElseHome) {
  AwsFilePaths home = aws_file_paths(aws_environment({{"HOME", "/home/alex"}}));
  EXPECT_EQ(home.config, "/home/alex/.aws/config");
  EXPECT_EQ(home.credentials, "/home/alex/.aws/credentials");
  AwsFilePaths chosen =
      aws_file_paths(aws_environment({{"HOME", "/home/alex"},
                                      {"AWS_CONFIG_FILE", "/etc/c"},
                                      {"AWS_SHARED_CREDENTIALS_FILE", "~/creds"}}));
  EXPECT_EQ(chosen.config, "/etc/c");
  EXPECT_EQ(chosen.credentials, "/home/alex/creds");
  AwsFilePaths nowhere = aws_file_paths([](std::string_view) { return std::nullopt; });
  EXPECT_EQ(nowhere.config, "");
  EXPECT_EQ(nowhere.credentials, "");
}

TEST(AwsConfigTest, SelectedProfileIsRequestedThenAwsProfileThenDefault) {
  EXPECT_EQ(selected_profile(aws_environment({}), ""), "default");
  EXPECT_EQ(selected_profile(aws_environment({{"AWS_PROFILE", "work"}}), ""), "work");
  EXPECT_EQ(selected_profile(aws_environment({{"AWS_PROFILE", "work"}}), "cli"), "cli");
  EXPECT_EQ(selected_profile(aws_environment({{"AWS_PROFILE", ""}}), ""), "default");
}

TEST(AwsConfigTest, ProfilesMergeAcrossFilesAndTheCredentialsFileWins) {
  TempDir dir;
  auto env = aws_environment(
      {{"AWS_CONFIG_FILE", dir.write("config", "[profile w]\nregion = eu-west-1\nkey = config\n")},
       {"AWS_SHARED_CREDENTIALS_FILE", dir.write("credentials", "[w]\nkey = credentials\n")}});
  auto profile = load_profile(env, "w");
  ASSERT_TRUE(profile);
  EXPECT_EQ((*profile)["region"], "eu-west-1");
  EXPECT_EQ((*profile)["key"], "credentials");
}

TEST(AwsConfigTest, MissingFilesAndUnknownProfilesAreAbsent) {
  TempDir dir;
  auto missing = aws_environment({{"AWS_CONFIG_FILE", dir.path() + "/none"},
                                  {"AWS_SHARED_CREDENTIALS_FILE", dir.path() + "/none2"}});
  EXPECT_FALSE(load_profile(missing, "default"));
  EXPECT_EQ(profile_region(missing, ""), "");
  auto present = aws_environment({{"AWS_CONFIG_FILE", dir.write("config", "[default]\n")}});
  EXPECT_TRUE(load_profile(present, "default"));
  EXPECT_FALSE(load_profile(present, "nobody"));
  EXPECT_EQ(profile_region(present, "nobody"), "");
}

TEST(AwsConfigTest, ProfileRegionFollowsTheSelectedProfile) {
  TempDir dir;
  std::string file =
      dir.write("config", "[default]\nregion = eu-west-2\n[profile w]\nregion = sa-east-1\n");
  EXPECT_EQ(profile_region(aws_environment({{"AWS_CONFIG_FILE", file}}), ""), "eu-west-2");
  EXPECT_EQ(profile_region(aws_environment({{"AWS_CONFIG_FILE", file}}), "w"), "sa-east-1");
  EXPECT_EQ(profile_region(aws_environment({{"AWS_CONFIG_FILE", file}, {"AWS_PROFILE", "w"}}), ""),
            "sa-east-1");
}

TEST(AwsConfigTest, RegionPrecedence) {
  TempDir dir;
  std::string file = dir.write("config", "[default]\nregion = from-profile\n");
  std::map<std::string, std::string> values{{"AWS_CONFIG_FILE", file},
                                            {"AWS_REGION", "one"},
                                            {"AWS_DEFAULT_REGION", "two"},
                                            {"DEFAULT_AWS_REGION", "three"}};
  EXPECT_EQ(resolve_region(aws_environment(values), ""), "one");
  values["AWS_REGION"] = "";  // empty counts as unset
  EXPECT_EQ(resolve_region(aws_environment(values), ""), "two");
  values.erase("AWS_DEFAULT_REGION");
  EXPECT_EQ(resolve_region(aws_environment(values), ""), "three");
  values.erase("DEFAULT_AWS_REGION");
  EXPECT_EQ(resolve_region(aws_environment(values), ""), "from-profile");
  values.erase("AWS_CONFIG_FILE");
  EXPECT_EQ(resolve_region(aws_environment(values), ""), "us-east-1");
}

TEST(AwsConfigTest, RegionFromTheEnvironmentDoesNotReadTheFiles) {
  TempDir dir;
  std::string broken = dir.write("config", "this is not an AWS file\n");
  EXPECT_EQ(resolve_region(aws_environment({{"AWS_CONFIG_FILE", broken}, {"AWS_REGION", "r"}}), ""),
            "r");
  EXPECT_THROW(resolve_region(aws_environment({{"AWS_CONFIG_FILE", broken}}), ""), Error);
}

}  // namespace
}  // namespace alexdb::dynamodb
