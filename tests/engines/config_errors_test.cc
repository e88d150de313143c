// Configuration that cannot work is a ValidationError naming the setting, raised before
// anything is opened or sent (SPEC section 9, "errors say what to do"; the CLI exits 2).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <thread>

#include "alexdb/config.h"
#include "alexdb/errors.h"
#include "alexdb/store.h"

namespace alexdb {
namespace {

namespace fs = std::filesystem;

Environment variables_of(std::map<std::string, std::string> values) {
  return [values](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

// A fresh directory under the temp directory, removed with the fixture.
class ConfigErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("alexdb-config-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add);
    fs::remove_all(dir_);
  }
  fs::path dir_;
};

// Resolves and opens the configuration; returns the ValidationError it raised.
ValidationError config_error(const std::function<void()>& open) {
  try {
    open();
  } catch (const ValidationError& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not a ValidationError: " << e.what();
    return ValidationError("", "");
  }
  ADD_FAILURE() << "no error";
  return ValidationError("", "");
}

ValidationError resolve_error(std::map<std::string, std::string> env,
                              const std::string& dotenv = "") {
  return config_error([&] { open_store(Config::resolve({}, variables_of(env), dotenv)); });
}

TEST_F(ConfigErrorsTest, ADotenvThatIsADirectoryIsAnErrorNamingIt) {
  fs::create_directory(dir_ / ".env");
  std::string path = (dir_ / ".env").string();
  ValidationError e = config_error([&] { Config::resolve({}, variables_of({}), path); });
  EXPECT_EQ(e.field(), path);
  EXPECT_NE(std::string(e.what()).find("cannot be read"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("directory"), std::string::npos) << e.what();
}

TEST_F(ConfigErrorsTest, ADotenvThatIsAFifoIsAnErrorAndDoesNotBlock) {
  std::string path = (dir_ / ".env").string();
  ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);
  // A writer that connects and closes at once, so that a reader that waits for one is
  // not stuck forever; opening the read end ourselves afterwards releases the writer.
  std::thread writer([&] { close(open(path.c_str(), O_WRONLY | O_CLOEXEC)); });
  auto start = std::chrono::steady_clock::now();
  ValidationError e = config_error([&] { Config::resolve({}, variables_of({}), path); });
  int release = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  writer.join();
  close(release);
  EXPECT_EQ(e.field(), path);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(ConfigErrorsTest, ADotenvSymlinkToNothingIsAnError) {
  std::string path = (dir_ / ".env").string();
  fs::create_symlink(dir_ / "missing", path);
  EXPECT_EQ(config_error([&] { Config::resolve({}, variables_of({}), path); }).field(), path);
}

TEST_F(ConfigErrorsTest, ADotenvWithoutReadPermissionIsAnError) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads any file";
  std::string path = (dir_ / ".env").string();
  std::ofstream(path) << "ALEXDB_STORE=memory:\n";
  fs::permissions(path, fs::perms::none);
  EXPECT_EQ(config_error([&] { Config::resolve({}, variables_of({}), path); }).field(), path);
}

TEST_F(ConfigErrorsTest, NoDotenvIsNoError) {
  EXPECT_EQ(Config::resolve({}, variables_of({}), (dir_ / ".env").string()).store,
            "sqlite:alex.db");
  EXPECT_EQ(Config::resolve({}, variables_of({}), (dir_ / "no-dir" / ".env").string()).store,
            "sqlite:alex.db");
}

TEST_F(ConfigErrorsTest, MalformedEndpointsNameTheirSettingBeforeAnyRequest) {
  for (const char* setting : {"ALEXDB_STORE", "DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB"}) {
    for (const char* url :
         {"http//x", "http://", "http://host:99999", "ftp://x", "http://:80",
          "http://host:", "http://host:8000/path", "http://user@host", "https://ho st"}) {
      auto start = std::chrono::steady_clock::now();
      ValidationError e = resolve_error({{setting, url}});
      EXPECT_EQ(e.field(), setting) << url << ": " << e.what();
      EXPECT_NE(std::string(e.what()).find(url), std::string::npos) << e.what();
      EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1)) << url;
    }
  }
}

TEST_F(ConfigErrorsTest, WellFormedEndpointsAreAccepted) {
  for (const char* url : {"http://127.0.0.1:8000", "https://dynamodb.eu-west-1.amazonaws.com",
                          "http://localhost:4566/", "http://[::1]:8000", "http://dynalite"}) {
    EXPECT_EQ(Config::resolve({}, variables_of({{"DYNAMODB_ENDPOINT", url}}), "").store, url);
    EXPECT_NO_THROW(Config::resolve({}, variables_of({{"ALEXDB_STORE", url}}), "").check()) << url;
  }
}

TEST_F(ConfigErrorsTest, AnEndpointSettingMustBeAUrl) {
  EXPECT_EQ(resolve_error({{"DYNAMODB_ENDPOINT", "memory:"}}).field(), "DYNAMODB_ENDPOINT");
  EXPECT_EQ(resolve_error({{"ALEXDB_STORE", "sqlite:"}}).field(), "ALEXDB_STORE");
}

TEST_F(ConfigErrorsTest, TheSameTableNameForBothTablesNamesBothSettings) {
  ValidationError e = resolve_error({{"ALEXDB_STORE", "memory:"},
                                     {"DYNAMODB_USERS_TABLE", "alex-data"},
                                     {"DYNAMODB_INSTRUMENTS_TABLE", "alex-data"}});
  std::string message = e.what();
  EXPECT_NE(message.find("DYNAMODB_USERS_TABLE"), std::string::npos) << message;
  EXPECT_NE(message.find("DYNAMODB_INSTRUMENTS_TABLE"), std::string::npos) << message;
  EXPECT_NE(message.find("alex-data"), std::string::npos) << message;
}

TEST_F(ConfigErrorsTest, AnEmbeddedFileInAMissingDirectoryNamesThePathAndSetting) {
  std::string path = (dir_ / "missing" / "alex.db").string();
  ValidationError e = resolve_error({{"ALEXDB_STORE", "sqlite:" + path}});
  std::string message = e.what();
  EXPECT_EQ(e.field(), "ALEXDB_STORE");
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("must exist"), std::string::npos) << message;
  EXPECT_EQ(message.find("unable to open database file"), std::string::npos) << message;
  EXPECT_FALSE(fs::exists(dir_ / "missing"));
}

TEST_F(ConfigErrorsTest, AnEmbeddedFileUnderAFileNamesThePathAndSetting) {
  std::ofstream(dir_ / "plain") << "x";
  std::string path = (dir_ / "plain" / "alex.db").string();
  ValidationError e = resolve_error({{"ALEXDB_STORE", "sqlite:" + path}});
  EXPECT_EQ(e.field(), "ALEXDB_STORE");
  EXPECT_NE(std::string(e.what()).find("not a directory"), std::string::npos) << e.what();
}

TEST_F(ConfigErrorsTest, AnEmbeddedFileThatIsADirectoryNamesThePath) {
  fs::create_directory(dir_ / "alex.db");
  std::string path = (dir_ / "alex.db").string();
  ValidationError e = resolve_error({{"ALEXDB_STORE", "sqlite:" + path}});
  EXPECT_EQ(e.field(), "ALEXDB_STORE");
  EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
}

TEST_F(ConfigErrorsTest, AnEmbeddedFileInAnUnwritableDirectoryNamesThePathAndSetting) {
  if (geteuid() == 0) GTEST_SKIP() << "root writes any directory";
  fs::create_directory(dir_ / "ro");
  fs::permissions(dir_ / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  std::string path = (dir_ / "ro" / "alex.db").string();
  ValidationError e = resolve_error({{"ALEXDB_STORE", "sqlite:" + path}});
  EXPECT_EQ(e.field(), "ALEXDB_STORE");
  EXPECT_NE(std::string(e.what()).find("writable"), std::string::npos) << e.what();
}

TEST_F(ConfigErrorsTest, AnEmbeddedFileInAWritableDirectoryOpens) {
  std::string path = (dir_ / "alex.db").string();
  EXPECT_NO_THROW(
      open_store(Config::resolve({}, variables_of({{"ALEXDB_STORE", "sqlite:" + path}}), "")));
  EXPECT_TRUE(fs::exists(path));
}

}  // namespace
}  // namespace alexdb
