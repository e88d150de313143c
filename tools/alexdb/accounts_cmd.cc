// alexdb accounts create|list|show
#include <CLI/CLI.hpp>
#include <iostream>

#include "output.h"
#include "records_output.h"

namespace alexdb::cli {
namespace accounts_cmd {

struct CreateOptions {
  std::string user;
  std::string name;
  std::string purpose;
  std::string cash = "0";
  std::string interest = "0";
};

void create(Context& context, const CreateOptions& o) {
  std::string id = context.db().accounts.create_account(
      o.user, o.name, o.purpose.empty() ? std::nullopt : std::optional(o.purpose),
      Decimal::parse(o.cash, "--cash"), Decimal::parse(o.interest, "--interest"));
  if (context.json()) {
    print_json({{"id", id}});
  } else {
    std::cout << "created account " << id << '\n';
  }
}

}  // namespace accounts_cmd

void add_account_commands(CLI::App& app, Context& context) {
  using namespace accounts_cmd;
  CLI::App* accounts = app.add_subcommand("accounts", "create and inspect investment accounts");
  accounts->require_subcommand(1);
  accounts->footer("Example: alexdb accounts list --user user_123");

  auto o = std::make_shared<CreateOptions>();
  CLI::App* create_cmd = accounts->add_subcommand("create", "create an account (prints its id)");
  create_cmd->add_option("--user", o->user, "owner's Clerk id")->required();
  create_cmd->add_option("--name", o->name, "account name")->required();
  create_cmd->add_option("--purpose", o->purpose, "account purpose");
  create_cmd->add_option("--cash", o->cash, "cash balance (default 0)");
  create_cmd->add_option("--interest", o->interest, "cash interest rate 0-1 (default 0)");
  create_cmd->footer(
      "Example: alexdb accounts create --user user_123 --name 'Roth IRA' --purpose retirement "
      "--cash 2500 --interest 0.04");
  create_cmd->callback([&context, o] { create(context, *o); });

  auto user = std::make_shared<std::string>();
  CLI::App* list_cmd =
      accounts->add_subcommand("list", "list accounts (of one user: newest first)");
  list_cmd->add_option("--user", *user, "only this user's accounts");
  list_cmd->footer("Example: alexdb accounts list --user user_123 --json");
  list_cmd->callback([&context, user] {
    auto& accounts_model = context.db().accounts;
    auto records = user->empty() ? accounts_model.find_all() : accounts_model.find_by_user(*user);
    print_records(context, records);
  });

  auto id = std::make_shared<std::string>();
  CLI::App* show_cmd = accounts->add_subcommand("show", "show one account");
  show_cmd->add_option("account_id", *id, "the account id")->required();
  show_cmd->footer("Example: alexdb accounts show 3f6c1e2a-...");
  show_cmd->callback([&context, id] {
    auto account = context.db().accounts.find_by_id(*id);
    if (!account) return not_found(context, "account " + *id);
    print_record(context, account->to_fields());
  });
}

}  // namespace alexdb::cli
