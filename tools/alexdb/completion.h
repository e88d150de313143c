// `alexdb completion bash`: a bash completion script made from the command tree, so it
// names exactly the commands and options the program has.
#ifndef ALEXDB_TOOLS_ALEXDB_COMPLETION_H_
#define ALEXDB_TOOLS_ALEXDB_COMPLETION_H_

#include <CLI/CLI.hpp>
#include <string>

namespace alexdb::cli {

// The bash script completing `root`'s commands, subcommands, options (a command's own
// and those of the commands above it) and the values of options declared with one_of().
// A value with no fixed choices, and positional arguments, fall back to file names.
std::string bash_completion(CLI::App& root);

// Adds `completion SHELL` to `root`: prints bash_completion(root); any other shell is a
// usage error naming the supported one.
void add_completion_command(CLI::App& root);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_COMPLETION_H_
