// alexdb users create|show|list|update|delete
#include <CLI/CLI.hpp>
#include <iostream>

#include "alexdb/errors.h"
#include "edit_input.h"
#include "output.h"
#include "records_output.h"
#include "usage.h"

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

struct UpdateOptions {
  std::string clerk_user_id;
  std::optional<std::string> name;
  std::optional<std::string> years;
  std::optional<std::string> income;
  std::vector<std::string> asset_classes;
  std::vector<std::string> regions;
};

void update(Context& context, const UpdateOptions& o) {
  Fields fields;
  if (o.name) fields.emplace("display_name", Value::S(*o.name));
  if (o.years)
    fields.emplace("years_until_retirement", Value::N(Decimal::parse(*o.years, "--years")));
  if (o.income) {
    fields.emplace("target_retirement_income", Value::N(Decimal::parse(*o.income, "--income")));
  }
  if (!o.asset_classes.empty()) {
    fields.emplace("asset_class_targets",
                   allocation_argument(o.asset_classes, "--asset-class-targets"));
  }
  if (!o.regions.empty()) {
    fields.emplace("region_targets", allocation_argument(o.regions, "--region-targets"));
  }
  if (fields.empty()) {
    throw ValidationError("users update", "give at least one field to change",
                          "--name, --years, --income, --asset-class-targets, --region-targets");
  }
  if (context.db().users.update(o.clerk_user_id, fields) == 0) {
    return not_found(context, "user " + o.clerk_user_id);
  }
  print_changed(context, "updated", "user", "clerk_user_id", o.clerk_user_id, 1);
}

// Refuses (nothing deleted) while the user owns accounts or jobs, unless `cascade`.
void remove(Context& context, const std::string& id, bool cascade) {
  Database& db = context.db();
  if (!db.users.find_by_id(id)) return not_found(context, "user " + id);
  if (!cascade) {
    std::size_t accounts = db.accounts.find_by_user(id).size();
    std::size_t jobs = db.jobs.find_by_user(id).size();
    if (accounts + jobs > 0) {
      return refuse(context, "clerk_user_id",
                    "user " + id + " still owns " + std::to_string(accounts) + " account(s) and " +
                        std::to_string(jobs) +
                        " job(s); delete them first, or pass --cascade to delete them "
                        "(with the accounts' positions and history) together with the user");
    }
  }
  int removed = db.users.remove(id);
  if (removed == 0) return not_found(context, "user " + id);
  print_changed(context, "deleted", "user", "clerk_user_id", id, removed);
}

}  // namespace users_cmd

void add_user_commands(CLI::App& app, Context& context) {
  using namespace users_cmd;
  CLI::App* users = app.add_subcommand("users", "create, inspect, change and delete users");
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
  list_cmd->add_option("--limit", *limit, "at most this many")->check(whole_number(0, kMaxCount));
  list_cmd->add_option("--offset", *offset, "skip this many first")
      ->check(whole_number(0, kMaxCount));
  list_cmd->footer("Example: alexdb users list --limit 10");
  list_cmd->callback([&context, limit, offset] { list(context, *limit, *offset); });

  auto u = std::make_shared<UpdateOptions>();
  CLI::App* update_cmd =
      users->add_subcommand("update", "change a user's fields (only those given)");
  update_cmd->add_option("clerk_user_id", u->clerk_user_id, "the user's Clerk id")->required();
  update_cmd->add_option("--name", u->name, "display name");
  update_cmd->add_option("--years", u->years, "years until retirement (0-100)");
  update_cmd->add_option("--income", u->income, "target retirement income");
  update_cmd->add_option("--asset-class-targets", u->asset_classes,
                         std::string("e.g. equity=60,fixed_income=40: ") + kAllocationHelp);
  update_cmd->add_option("--region-targets", u->regions,
                         std::string("e.g. north_america=60,international=40: ") + kAllocationHelp);
  update_cmd->footer(
      "Example: alexdb users update user_123 --years 20 --asset-class-targets "
      "equity=60,fixed_income=40\n"
      "Fields not given keep their values; the new values follow the rules of create.");
  update_cmd->callback([&context, u] { update(context, *u); });

  auto delete_id = std::make_shared<std::string>();
  auto cascade = std::make_shared<bool>(false);
  CLI::App* delete_cmd = users->add_subcommand("delete", "delete a user");
  delete_cmd->add_option("clerk_user_id", *delete_id, "the user's Clerk id")->required();
  delete_cmd->add_flag("--cascade", *cascade,
                       "also delete the user's accounts (with their positions and history) "
                       "and jobs");
  delete_cmd->footer(
      "Example: alexdb users delete user_123 --cascade\n"
      "Without --cascade a user who still owns accounts or jobs is not deleted (exit 1, the\n"
      "error says how many); with it they are deleted first, the user's record last, so an\n"
      "interrupted delete can be run again.");
  delete_cmd->callback([&context, delete_id, cascade] { remove(context, *delete_id, *cascade); });
}

}  // namespace alexdb::cli
