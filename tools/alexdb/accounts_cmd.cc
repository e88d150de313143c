// alexdb accounts create|list|show|update|delete
#include <CLI/CLI.hpp>
#include <iostream>

#include "alexdb/errors.h"
#include "edit_input.h"
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
  bool create_user = false;
};

void create(Context& context, const CreateOptions& o) {
  if (o.create_user) {
    try {
      context.db().users.create_user(o.user);
    } catch (const AlreadyExists&) {
      // The owner exists: the account goes under it.
    }
  }
  std::string id = context.db().accounts.create_account(
      o.user, o.name, o.purpose.empty() ? std::nullopt : std::optional(o.purpose),
      Decimal::parse(o.cash, "--cash"), Decimal::parse(o.interest, "--interest"));
  if (context.json()) {
    print_json({{"id", id}});
  } else {
    std::cout << "created account " << id << '\n';
  }
}

struct UpdateOptions {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> purpose;
  bool no_purpose = false;
  std::optional<std::string> cash;
  std::optional<std::string> interest;
};

void update(Context& context, const UpdateOptions& o) {
  Fields fields;
  if (o.name) fields.emplace("account_name", Value::S(*o.name));
  if (o.purpose) fields.emplace("account_purpose", Value::S(*o.purpose));
  if (o.no_purpose) fields.emplace("account_purpose", Value::Null());
  if (o.cash) fields.emplace("cash_balance", Value::N(Decimal::parse(*o.cash, "--cash")));
  if (o.interest) {
    fields.emplace("cash_interest", Value::N(Decimal::parse(*o.interest, "--interest")));
  }
  if (fields.empty()) {
    throw ValidationError("accounts update", "give at least one field to change",
                          "--name, --purpose, --no-purpose, --cash, --interest");
  }
  if (context.db().accounts.update(o.id, fields) == 0) return not_found(context, "account " + o.id);
  print_changed(context, "updated", "account", "id", o.id, 1);
}

// Refuses (nothing deleted) while the account holds open positions or has ledger
// transactions (not voided), unless `cascade`; sold-out positions, history and voided
// transactions go with the account.
void remove(Context& context, const std::string& id, bool cascade) {
  Database& db = context.db();
  if (!db.accounts.find_by_id(id)) return not_found(context, "account " + id);
  if (!cascade) {
    std::size_t open = db.positions.find_by_account(id).size();
    if (open > 0) {
      return refuse(context, "account_id",
                    "account " + id + " still holds " + std::to_string(open) +
                        " open position(s); pass --cascade to delete them (and their history) "
                        "together with the account");
    }
    std::size_t recorded = db.transactions.list(id).size();
    if (recorded > 0) {
      return refuse(context, "account_id",
                    "account " + id + " has " + std::to_string(recorded) +
                        " ledger transaction(s); pass --cascade to delete them together with "
                        "the account");
    }
  }
  int removed = db.accounts.remove(id);
  if (removed == 0) return not_found(context, "account " + id);
  print_changed(context, "deleted", "account", "id", id, removed);
}

}  // namespace accounts_cmd

void add_account_commands(CLI::App& app, Context& context) {
  using namespace accounts_cmd;
  CLI::App* accounts =
      app.add_subcommand("accounts", "create, inspect, change and delete investment accounts");
  accounts->require_subcommand(1);
  accounts->footer("Example: alexdb accounts list --user user_123");

  auto o = std::make_shared<CreateOptions>();
  CLI::App* create_cmd = accounts->add_subcommand("create", "create an account (prints its id)");
  create_cmd->add_option("--user", o->user, "owner's Clerk id")->required();
  create_cmd->add_option("--name", o->name, "account name")->required();
  create_cmd->add_option("--purpose", o->purpose, "account purpose");
  create_cmd->add_option("--cash", o->cash, "cash balance (default 0)");
  create_cmd->add_option("--interest", o->interest, "cash interest rate 0-1 (default 0)");
  create_cmd->add_flag("--create-user", o->create_user,
                       "create the owner first when there is no such user (no display name)");
  create_cmd->footer(
      "Example: alexdb accounts create --user user_123 --name 'Roth IRA' --purpose retirement "
      "--cash 2500 --interest 0.04\n"
      "The owner must exist (alexdb users create), or pass --create-user; an unknown\n"
      "owner is refused with clerk_user_id named and nothing written.");
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

  auto u = std::make_shared<UpdateOptions>();
  CLI::App* update_cmd =
      accounts->add_subcommand("update", "change an account's fields (only those given)");
  update_cmd->add_option("account_id", u->id, "the account id")->required();
  update_cmd->add_option("--name", u->name, "account name");
  auto* purpose = update_cmd->add_option("--purpose", u->purpose, "account purpose");
  update_cmd->add_flag("--no-purpose", u->no_purpose, "remove the account purpose")
      ->excludes(purpose);
  update_cmd->add_option("--cash", u->cash, "cash balance");
  update_cmd->add_option("--interest", u->interest, "cash interest rate 0-1");
  update_cmd->footer(
      "Example: alexdb accounts update 3f6c1e2a-... --cash 3000 --name 'Roth IRA (old)'\n"
      "Fields not given keep their values; the owner cannot change.");
  update_cmd->callback([&context, u] { update(context, *u); });

  auto delete_id = std::make_shared<std::string>();
  auto cascade = std::make_shared<bool>(false);
  CLI::App* delete_cmd = accounts->add_subcommand("delete", "delete an account");
  delete_cmd->add_option("account_id", *delete_id, "the account id")->required();
  delete_cmd->add_flag("--cascade", *cascade,
                       "also delete the account's open positions (with their history) and "
                       "its ledger transactions");
  delete_cmd->footer(
      "Example: alexdb accounts delete 3f6c1e2a-... --cascade\n"
      "Without --cascade an account that holds open positions or has ledger transactions\n"
      "is not deleted (exit 1, the error says how many). Sold-out positions, all history and\n"
      "voided transactions go with the account.");
  delete_cmd->callback([&context, delete_id, cascade] { remove(context, *delete_id, *cascade); });
}

}  // namespace alexdb::cli
