// Test helpers for the AWS configuration and credential tests: an Environment built
// from a map (the process environment is never read or changed) and a private
// temporary directory for shared files.
#ifndef ALEXDB_TESTS_STORE_DYNAMODB_AWS_TEST_ENVIRONMENT_H_
#define ALEXDB_TESTS_STORE_DYNAMODB_AWS_TEST_ENVIRONMENT_H_

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "alexdb/config.h"

namespace alexdb::testing {

// An Environment holding exactly `values`. Unless a test sets them, HOME points nowhere
// (so no real ~/.aws file is read) and instance metadata is disabled (so no test can
// reach a real metadata service).
inline Environment aws_environment(std::map<std::string, std::string> values) {
  values.emplace("HOME", "/nonexistent-alexdb-home");
  values.emplace("AWS_EC2_METADATA_DISABLED", "true");
  return [values](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

// A fresh directory under the system temporary directory, removed with its files.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "alexdb-aws-XXXXXX").string();
    path_ = mkdtemp(pattern.data()) ? pattern : std::string();
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `text` to the file `name` in the directory and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::string file = path_ + "/" + name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::string path_;
};

}  // namespace alexdb::testing

#endif  // ALEXDB_TESTS_STORE_DYNAMODB_AWS_TEST_ENVIRONMENT_H_
