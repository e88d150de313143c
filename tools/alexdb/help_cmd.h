// `alexdb help [COMMAND [SUBCOMMAND]]`: the help of a command, as its --help prints it.
#ifndef ALEXDB_TOOLS_ALEXDB_HELP_CMD_H_
#define ALEXDB_TOOLS_ALEXDB_HELP_CMD_H_

#include <CLI/CLI.hpp>

namespace alexdb::cli {

// Adds `help` to `root`: prints the same text as `alexdb COMMAND [SUBCOMMAND] --help`
// (the program's help without words); a word that names no command is a usage error
// "WORD: unknown command (see alexdb ... --help)".
void add_help_command(CLI::App& root);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_HELP_CMD_H_
