// alexdb users create|show|list
#include <CLI/CLI.hpp>
#include <iostream>

#include "alexdb/errors.h"
#include "output.h"
#include "records_output.h"

namespace alexdb::cli {
namespace users_cmd {

struct CreateOptions {
  std::string clerk_user_id;
  std::string name;
  std::string years;
  std::string income;
  std::string asset_classes;
  std::string regions;
};

// "equity=60,fixed_income=40" -> {equity: 60, fixed_income: 40}.
Allocation parse_allocation(const std::string& text, const std::string& field) {
  Allocation allocation;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string part =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto equals = part.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw ValidationError(field, "KEY=PERCENT[,KEY=PERCENT...]", part);
    }
    allocation[part.substr(0, equals)] = Decimal::parse(part.substr(equals + 1), field);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return allocation;
}

void create(Context& context, const CreateOptions& o) {
  auto optional_number = [](const std::string& text, const char* field) -> std::optional<Decimal> {
    if (text.empty()) return std::nullopt;
    return Decimal::parse(text, field);
  };
  auto optional_allocation = [](const std::string& text,
                                const char* field) -> std::optional<Allocation> {
    if (text.empty()) return std::nullopt;
    return parse_allocation(text, field);
  };
  std::string id =
      context.db().users.create_user(o.clerk_user_id, o.name, optional_number(o.years, "--years"),
                                     optional_number(o.income, "--income"),
                                     optional_allocation(o.asset_classes, "--asset-class-targets"),
                                     optional_allocation(o.regions, "--region-targets"));
  if (context.json()) {
    print_json({{"clerk_user_id", id}});
  } else {
    std::cout << "created user " << id << '\n';
  }
}

void show(Context& context, const std::string& id) {
  auto user = context.db().users.find_by_id(id);
  if (!user) return not_found(context, "user " + id);
  print_record(context, user->to_fields());
}

void list(Context& context, std::int64_t limit, std::int64_t offset) {
  Page page;
  if (limit >= 0) page.limit = limit;
  page.offset = offset;
  print_records(context, context.db().users.find_all(page));
}

}  // namespace users_cmd

void add_user_commands(CLI::App& app, Context& context) {
  using namespace users_cmd;
  CLI::App* users = app.add_subcommand("users", "create and inspect users");
  users->require_subcommand(1);
  users->footer("Example: alexdb users create user_123 --name 'Jane Doe' --years 25");

  auto o = std::make_shared<CreateOptions>();
  CLI::App* create_cmd = users->add_subcommand("create", "create a user");
  create_cmd->add_option("clerk_user_id", o->clerk_user_id, "the user's Clerk id")->required();
  create_cmd->add_option("--name", o->name, "display name")->required();
  create_cmd->add_option("--years", o->years, "years until retirement (0-100)");
  create_cmd->add_option("--income", o->income, "target retirement income");
  create_cmd->add_option("--asset-class-targets", o->asset_classes,
                         "e.g. equity=70,fixed_income=30 (default)");
  create_cmd->add_option("--region-targets", o->regions,
                         "e.g. north_america=50,international=50 (default)");
  create_cmd->footer(
      "Example: alexdb users create user_123 --name 'Jane Doe' --years 25 --income 80000 "
      "--asset-class-targets equity=60,fixed_income=40");
  create_cmd->callback([&context, o] { create(context, *o); });

  auto id = std::make_shared<std::string>();
  CLI::App* show_cmd = users->add_subcommand("show", "show one user");
  show_cmd->add_option("clerk_user_id", *id, "the user's Clerk id")->required();
  show_cmd->footer("Example: alexdb users show user_123 --json");
  show_cmd->callback([&context, id] { show(context, *id); });

  auto limit = std::make_shared<std::int64_t>(-1);
  auto offset = std::make_shared<std::int64_t>(0);
  CLI::App* list_cmd = users->add_subcommand("list", "list users by Clerk id");
  list_cmd->add_option("--limit", *limit, "at most this many")->check(CLI::NonNegativeNumber);
  list_cmd->add_option("--offset", *offset, "skip this many first")->check(CLI::NonNegativeNumber);
  list_cmd->footer("Example: alexdb users list --limit 10");
  list_cmd->callback([&context, limit, offset] { list(context, *limit, *offset); });
}

}  // namespace alexdb::cli
