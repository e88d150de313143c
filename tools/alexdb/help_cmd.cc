#include "help_cmd.h"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "alexdb/errors.h"
#include "usage.h"

namespace alexdb::cli {
namespace help_cmd {

// The command `words` name under `root`; ValidationError naming the first word that
// names none.
const CLI::App& named_command(CLI::App& root, const std::vector<std::string>& words) {
  CLI::App* command = &root;
  for (const std::string& word : words) {
    CLI::App* next = nullptr;
    for (CLI::App* sub : command->get_subcommands([](CLI::App*) { return true; })) {
      if (!sub->get_name().empty() && sub->check_name(word)) next = sub;
    }
    if (next == nullptr) {
      throw ValidationError(word, "unknown command", "see " + command_path(*command) + " --help");
    }
    command = next;
  }
  return *command;
}

}  // namespace help_cmd

void add_help_command(CLI::App& root) {
  auto words = std::make_shared<std::vector<std::string>>();
  CLI::App* help = root.add_subcommand(
      "help", "print the help of alexdb or of a COMMAND [SUBCOMMAND] (as --help does)");
  help->add_option("command", *words, "a command and, for a group, its subcommand");
  help->footer("Example: alexdb help users list   (the same as: alexdb users list --help)");
  help->callback([&root, words] {
    const CLI::App& command = help_cmd::named_command(root, *words);
    // The formatter directly: App::help() would describe the selected `help` command.
    std::cout << command.get_formatter()->make_help(&command, command_path(command),
                                                    CLI::AppFormatMode::Normal);
  });
}

}  // namespace alexdb::cli
