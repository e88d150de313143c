#include "usage.h"

#include <cctype>
#include <optional>
#include <utility>

#include "alexdb/decimal.h"
#include "alexdb/errors.h"

namespace alexdb::cli {
namespace usage_detail {

// "rule (value)": a ValidationError's message without its field, for a CLI11 check
// (CLI11 puts the option's name in front).
std::string rule_and_value(const std::string& rule, const std::string& value) {
  ValidationError error("-", rule, value);
  return std::string(error.what()).substr(3);
}

std::string join(const std::vector<std::string>& words, const char* separator) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : separator) + word;
  return text;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// An argument CLI11 reads as an option: "-x", "--name", "--name=value"; not "-", "-5".
bool is_option_word(const std::string& word) {
  if (word.size() < 2 || word[0] != '-') return false;
  return !(std::isdigit(static_cast<unsigned char>(word[1])) || word[1] == '.');
}

// The option `word` names ("--limit" of "--limit=5", "-q" of "-qv"), given to `command`
// or, as global options fall through, to one of its parents.
CLI::Option* find_option(CLI::App* command, const std::string& word) {
  std::string name = word.substr(0, word.find('='));
  if (name.size() > 2 && name[1] != '-') name = name.substr(0, 2);
  for (CLI::App* c = command; c != nullptr; c = c->get_parent()) {
    if (CLI::Option* option = c->get_option_no_throw(name)) return option;
  }
  return nullptr;
}

std::vector<CLI::App*> subcommands_of(CLI::App* command) {
  return command->get_subcommands([](CLI::App*) { return true; });
}

bool has_positionals(CLI::App* command) {
  return !command->get_options([](CLI::Option* o) { return o->get_positional(); }).empty();
}

// What the arguments say, read as CLI11 reads them.
struct Scan {
  CLI::App* command = nullptr;  // the deepest command the arguments name
  CLI::App* unknown_at = nullptr;
  std::string unknown;  // the first unknown option or command, if any
  bool unknown_is_option = false;
  std::string without_value;  // the option that ends the arguments without its value
  std::string repeated;       // the first one-value option given twice
  std::string flag_value;     // the first flag given a value: "--json=abc"
};

Scan scan(CLI::App& root, const std::vector<std::string>& args) {
  Scan s;
  s.command = &root;
  std::vector<const CLI::Option*> seen;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word == "--") break;
    if (is_option_word(word)) {
      CLI::Option* option = find_option(s.command, word);
      if (option == nullptr) {
        if (s.unknown.empty()) {
          s.unknown = word.substr(0, word.find('='));
          s.unknown_at = s.command;
          s.unknown_is_option = true;
        }
        continue;
      }
      if (option->get_expected_max() == 0) {  // a flag
        if (word.find('=') != std::string::npos && s.flag_value.empty()) s.flag_value = word;
        continue;
      }
      if (option->get_expected_max() == 1) {
        for (const CLI::Option* earlier : seen) {
          if (earlier == option && s.repeated.empty()) s.repeated = option->get_name();
        }
        seen.push_back(option);
      }
      if (word.find('=') != std::string::npos) continue;
      if (i + 1 == args.size()) {  // CLI11 takes the next word as the value, whatever it is
        if (s.without_value.empty()) s.without_value = option->get_name();
      }
      ++i;
      continue;
    }
    std::vector<CLI::App*> subcommands = subcommands_of(s.command);
    if (subcommands.empty()) continue;  // a positional argument
    CLI::App* next = nullptr;
    for (CLI::App* sub : subcommands) {
      if (sub->check_name(word)) next = sub;
    }
    if (next != nullptr) {
      s.command = next;
    } else if (!has_positionals(s.command) && s.unknown.empty()) {
      s.unknown = word;
      s.unknown_at = s.command;
    }
  }
  return s;
}

// The command as a field: "users list"; the program's own name for the top level.
std::string command_field(const CLI::App& command) {
  std::string path = command_path(command);
  std::size_t space = path.find(' ');
  return space == std::string::npos ? path : path.substr(space + 1);
}

// A RequiredError's field and rule: a missing command, option or argument.
std::string required_message(CLI::App* command, const std::string& what) {
  if (command->get_require_subcommand_min() > 0 && command->get_subcommands().empty()) {
    std::vector<std::string> names;
    for (CLI::App* sub : subcommands_of(command)) names.push_back(sub->get_name());
    return command_field(*command) + ": a command is required: " + join(names, ", ");
  }
  for (CLI::App* c = command; c != nullptr; c = c->get_parent()) {
    for (CLI::Option* option : c->get_options()) {
      if (option->get_required() && option->count() == 0) return option->get_name() + ": required";
    }
  }
  return command_field(*command) + ": " + what;
}

// "A excludes B" or "A requires B" split at the verb.
std::pair<std::string, std::string> split_at(const std::string& what, const std::string& verb) {
  std::size_t at = what.find(verb);
  if (at == std::string::npos) return {what, ""};
  return {what.substr(0, at), what.substr(at + verb.size())};
}

}  // namespace usage_detail

std::string whole_number_rule(std::int64_t min, std::int64_t max) {
  return "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
}

std::int64_t whole_number_argument(std::string_view text, std::string_view field, std::int64_t min,
                                   std::int64_t max) {
  std::optional<std::int64_t> number;
  try {
    Decimal value = Decimal::parse(text, field);
    if (value.round(0) == value) number = value.to_int64();
  } catch (const ValidationError&) {
    // reported below with the option's rule
  }
  if (!number || *number < min || *number > max) {
    throw ValidationError(std::string(field), whole_number_rule(min, max), std::string(text));
  }
  return *number;
}

CLI::Validator whole_number(std::int64_t min, std::int64_t max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        try {
          whole_number_argument(text, "value", min, max);
          return {};
        } catch (const ValidationError& e) {
          return usage_detail::rule_and_value(e.rule(), text);
        }
      },
      std::to_string(min) + ".." + std::to_string(max));
}

CLI::Validator one_of(std::vector<std::string> choices, bool ignore_case) {
  std::string description = "{" + usage_detail::join(choices, ",") + "}";
  return CLI::Validator(
      [choices, ignore_case](std::string& text) -> std::string {
        for (const std::string& choice : choices) {
          if (text == choice || (ignore_case && usage_detail::same_ignoring_case(text, choice))) {
            text = choice;
            return {};
          }
        }
        return usage_detail::rule_and_value("one of " + usage_detail::join(choices, ", "), text);
      },
      description, kChoicesValidator);
}

std::vector<std::string> option_choices(CLI::Option& option) {
  CLI::Validator* validator = nullptr;
  try {
    validator = option.get_validator(kChoicesValidator);
  } catch (const CLI::OptionNotFound&) {
    return {};
  }
  if (validator == nullptr || validator->get_name() != kChoicesValidator) return {};
  std::string list = validator->get_description();  // "{a,b,c}"
  std::vector<std::string> choices;
  std::string current;
  for (char c : list.substr(1, list.size() - 2)) {
    if (c == ',') {
      choices.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) choices.push_back(std::move(current));
  return choices;
}

std::string command_path(const CLI::App& command) {
  std::string path = command.get_name();
  for (const CLI::App* c = command.get_parent(); c != nullptr; c = c->get_parent()) {
    path = c->get_name() + " " + path;
  }
  return path;
}

std::string usage_message(CLI::App& root, const CLI::ParseError& error,
                          const std::vector<std::string>& args) {
  usage_detail::Scan s = usage_detail::scan(root, args);
  if (!s.unknown.empty()) {
    return s.unknown + (s.unknown_is_option ? ": unknown option" : ": unknown command") + " (see " +
           command_path(*s.unknown_at) + " --help)";
  }
  const std::string see = " (see " + command_path(*s.command) + " --help)";
  const std::string what = error.what();
  if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) return what;
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    return usage_detail::required_message(s.command, what) + see;
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    std::vector<std::string> extra = root.remaining(true);
    return (extra.empty() ? what : extra.front()) + ": unexpected argument" + see;
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    if (!s.without_value.empty()) return s.without_value + ": needs a value" + see;
    if (!s.repeated.empty()) return s.repeated + ": given more than once" + see;
  }
  if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr && !s.flag_value.empty()) {
    std::size_t equals = s.flag_value.find('=');
    return s.flag_value.substr(0, equals) + ": a flag takes no value (" +
           s.flag_value.substr(equals + 1) + ")" + see;
  }
  if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr) {
    // "A excludes B": B, declared later, is the option at fault (the one to leave out).
    auto [first, second] = usage_detail::split_at(what, " excludes ");
    return second + ": not allowed with " + first + see;
  }
  if (dynamic_cast<const CLI::RequiresError*>(&error) != nullptr) {
    auto [first, second] = usage_detail::split_at(what, " requires ");
    return first + ": needs " + second + see;
  }
  // Any other error: the option CLI11 names first ("--json: ..."), else the command.
  std::size_t colon = what.find(": ");
  if (usage_detail::is_option_word(what) && colon != std::string::npos) return what + see;
  return usage_detail::command_field(*s.command) + ": " + what + see;
}

}  // namespace alexdb::cli
