// Runs the built `alexdb` binary as a user would, for the C++ CLI tests.
#ifndef ALEXDB_TESTS_CLI_CLI_RUNNER_H_
#define ALEXDB_TESTS_CLI_CLI_RUNNER_H_

#include <sys/wait.h>

#include <cstdio>
#include <string>
#include <vector>

namespace alexdb::testing {

struct CliResult {
  int status = -1;     // exit status
  std::string output;  // stdout and stderr together
};

inline std::string shell_quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

inline CliResult run_alexdb(const std::vector<std::string>& args) {
  std::string command = shell_quote(std::string(ALEXDB_BINARY_DIR) + "/tools/alexdb/alexdb");
  for (const std::string& arg : args) command += " " + shell_quote(arg);
  command += " 2>&1";
  CliResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace alexdb::testing

#endif  // ALEXDB_TESTS_CLI_CLI_RUNNER_H_
