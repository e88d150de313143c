// Which store a Database opened (SPEC section 10): describe() names it and its tables,
// and opening sends the same text, once, to the log sink at LogLevel::kInfo.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "alexdb/database.h"
#include "alexdb/log.h"

namespace alexdb::database_test {
namespace {

struct LoggedMessage {
  LogLevel level;
  std::string text;
};

TEST(OpenLogTest, OpeningLogsWhichStoreAndTablesOnce) {
  std::vector<LoggedMessage> logged;
  DatabaseOptions options;
  options.log = [&](LogLevel level, std::string_view text) {
    logged.push_back({level, std::string(text)});
  };
  Config config;
  config.store = "memory:";
  config.users_table = "open-users";
  config.instruments_table = "open-instruments";
  Database db(config, std::move(options));
  EXPECT_EQ(db.describe(), "memory: (tables open-users, open-instruments)");
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_EQ(logged[0].level, LogLevel::kInfo);
  EXPECT_EQ(logged[0].text, "opened memory: (tables open-users, open-instruments)");
  EXPECT_EQ(log_level_name(logged[0].level), "info");
}

TEST(OpenLogTest, TheEmbeddedFileIsNamedByItsPath) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("alexdb-open-log-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  Config config;
  config.store = "sqlite:" + (dir / "alex.db").string();
  {
    Database db(config);
    EXPECT_EQ(db.describe(), config.store + " (tables alex-users-data, alex-instruments)");
  }
  std::filesystem::remove_all(dir);
}

TEST(OpenLogTest, ASinkThatThrowsDoesNotFailTheOpen) {
  DatabaseOptions options;
  options.log = [](LogLevel, std::string_view) { throw std::runtime_error("sink broke"); };
  Config config;
  config.store = "memory:";
  EXPECT_NO_THROW(Database(config, std::move(options)));
}

}  // namespace
}  // namespace alexdb::database_test
