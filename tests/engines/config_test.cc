#include "alexdb/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "alexdb/errors.h"
#include "engines/dotenv.h"

namespace alexdb {
namespace {

Environment env_of(std::map<std::string, std::string> values) {
  return [values](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

std::string write_dotenv(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / "alexdb-config-test.env";
  std::ofstream(path) << text;
  return path.string();
}

TEST(ConfigTest, DefaultsToTheEmbeddedFile) {
  Config config = Config::resolve({}, env_of({}), "/nonexistent/.env");
  EXPECT_EQ(config.store, "sqlite:alex.db");
  EXPECT_EQ(config.users_table, "alex-users-data");
  EXPECT_EQ(config.instruments_table, "alex-instruments");
  EXPECT_FALSE(config.region.has_value());
}

TEST(ConfigTest, FlagsWinOverEnvironmentOverDotenv) {
  std::string dotenv = write_dotenv("ALEXDB_STORE=sqlite:from-dotenv.db\nAWS_REGION=eu-west-1\n"
                                    "DYNAMODB_USERS_TABLE=dotenv-users\n");
  Config from_dotenv = Config::resolve({}, env_of({}), dotenv);
  EXPECT_EQ(from_dotenv.store, "sqlite:from-dotenv.db");
  EXPECT_EQ(from_dotenv.region, "eu-west-1");
  EXPECT_EQ(from_dotenv.users_table, "dotenv-users");

  Config from_env = Config::resolve({}, env_of({{"ALEXDB_STORE", "memory:"}}), dotenv);
  EXPECT_EQ(from_env.store, "memory:");
  EXPECT_EQ(from_env.users_table, "dotenv-users");

  Config from_flag =
      Config::resolve({{"ALEXDB_STORE", "sqlite:flag.db"}}, env_of({{"ALEXDB_STORE", "memory:"}}),
                      dotenv);
  EXPECT_EQ(from_flag.store, "sqlite:flag.db");
}

TEST(ConfigTest, EndpointVariablesSelectDynamoDb) {
  EXPECT_EQ(Config::resolve({}, env_of({{"DYNAMODB_ENDPOINT", "http://127.0.0.1:8000"}}), "")
                .store,
            "http://127.0.0.1:8000");
  EXPECT_EQ(
      Config::resolve({}, env_of({{"AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:4566"}}), "")
          .store,
      "http://localhost:4566");
  EXPECT_EQ(Config::resolve({}, env_of({{"AWS_LAMBDA_FUNCTION_NAME", "planner"}}), "").store,
            "dynamodb");
}

// The reference package's environment (table names, no endpoint) outside Lambda means
// DynamoDB, never a silent local file; a table name given as an override does not.
TEST(ConfigTest, TableVariablesSelectDynamoDbUnlessAStoreIsNamed) {
  for (const char* name : {"DYNAMODB_USERS_TABLE", "DYNAMODB_INSTRUMENTS_TABLE"}) {
    Config config = Config::resolve({}, env_of({{name, "planner-table"}}), "");
    EXPECT_EQ(config.store, "dynamodb") << name;
    EXPECT_EQ(config.store_setting, name);
  }
  std::string dotenv = write_dotenv("DYNAMODB_USERS_TABLE=alex-users-data\n");
  EXPECT_EQ(Config::resolve({}, env_of({}), dotenv).store, "dynamodb");
  EXPECT_EQ(Config::resolve({}, env_of({{"DYNAMODB_USERS_TABLE", "t"}, {"ALEXDB_STORE", "memory:"}}), "")
                .store,
            "memory:");
  EXPECT_EQ(Config::resolve({}, env_of({{"DYNAMODB_USERS_TABLE", "t"},
                                        {"DYNAMODB_ENDPOINT", "http://127.0.0.1:8000"}}),
                            "")
                .store,
            "http://127.0.0.1:8000");
  Config flagged = Config::resolve({{"DYNAMODB_USERS_TABLE", "t"}}, env_of({}), "");
  EXPECT_EQ(flagged.store, "sqlite:alex.db");
  EXPECT_EQ(flagged.users_table, "t");
}

TEST(ConfigTest, InstrumentCacheSecondsIsAWholeNumberOfSeconds) {
  EXPECT_FALSE(Config::resolve({}, env_of({}), "").instrument_cache_seconds);
  EXPECT_EQ(Config::resolve({}, env_of({{"ALEXDB_INSTRUMENT_CACHE_SECONDS", "0"}}), "")
                .instrument_cache_seconds,
            0);
  EXPECT_EQ(Config::resolve({{"ALEXDB_INSTRUMENT_CACHE_SECONDS", "5"}},
                            env_of({{"ALEXDB_INSTRUMENT_CACHE_SECONDS", "300"}}), "")
                .instrument_cache_seconds,
            5);
  for (const char* bad : {"-1", "1.5", "abc", "60s", "99999999999999999999"}) {
    try {
      Config::resolve({}, env_of({{"ALEXDB_INSTRUMENT_CACHE_SECONDS", bad}}), "");
      ADD_FAILURE() << bad << " accepted";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.field(), "ALEXDB_INSTRUMENT_CACHE_SECONDS") << bad;
    }
  }
}

TEST(ConfigTest, RegionVariablesInOrder) {
  EXPECT_EQ(Config::resolve({}, env_of({{"DEFAULT_AWS_REGION", "ap-south-1"},
                                        {"AWS_DEFAULT_REGION", "eu-central-1"}}),
                            "")
                .region,
            "eu-central-1");
  EXPECT_EQ(Config::resolve({}, env_of({{"AWS_REGION", "us-west-2"},
                                        {"AWS_DEFAULT_REGION", "eu-central-1"}}),
                            "")
                .region,
            "us-west-2");
}

TEST(ConfigTest, DotenvAcceptsQuotesCommentsAndExport) {
  auto values = engines::parse_dotenv(
      "# a comment\n\nexport A=1\nB = \"two words\"  # trailing\nC='x#y'\nD=plain # note\n");
  EXPECT_EQ(values.at("A"), "1");
  EXPECT_EQ(values.at("B"), "two words");
  EXPECT_EQ(values.at("C"), "x#y");
  EXPECT_EQ(values.at("D"), "plain");
}

TEST(ConfigTest, DotenvRejectsMalformedLinesNamingTheLine) {
  try {
    engines::parse_dotenv("A=1\nnot a setting\n");
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), ".env line 2");
  }
  EXPECT_THROW(engines::parse_dotenv("B=\"unterminated\n"), ValidationError);
  EXPECT_THROW(engines::parse_dotenv("1BAD=x\n"), ValidationError);
}

}  // namespace
}  // namespace alexdb
