// alexdb jobs create|list|show|update|status|delete
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <utility>

#include "alexdb/errors.h"
#include "edit_input.h"
#include "json_input.h"
#include "output.h"
#include "records_output.h"
#include "usage.h"

namespace alexdb::cli {
namespace jobs_cmd {

struct CreateOptions {
  std::string user;
  std::string type;
  std::string payload;
};

void create(Context& context, const CreateOptions& o) {
  std::optional<Value> payload;
  if (!o.payload.empty()) payload = parse_json_value(o.payload, "--payload");
  std::string id = context.db().jobs.create_job(o.user, o.type, payload);
  if (context.json()) {
    print_json({{"id", id}});
  } else {
    std::cout << "created job " << id << '\n';
  }
}

struct ListOptions {
  std::string user;
  std::string status;
  std::int64_t limit = -1;
};

void list(Context& context, const ListOptions& o) {
  Jobs& jobs = context.db().jobs;
  std::vector<Job> found;
  if (!o.user.empty()) {
    found = jobs.find_by_user(o.user, o.status.empty() ? std::nullopt : std::optional(o.status),
                              o.limit >= 0 ? std::optional(o.limit) : std::nullopt);
  } else {
    if (!o.status.empty()) throw ValidationError("--status", "needs --user");  // --user ''
    Page page;
    if (o.limit >= 0) page.limit = o.limit;
    found = jobs.find_all(page);
  }
  print_records(context, found);
}

struct UpdateOptions {
  std::string id;
  std::optional<std::string> status;
  std::optional<std::string> error;
  bool no_error = false;
  // JSON of request_payload, report_payload, ... by field name; null removes one.
  std::map<std::string, std::optional<std::string>> payloads;
};

// The payload fields of `jobs update`, each with its option.
constexpr std::pair<const char*, const char*> kPayloadOptions[] = {
    {"request_payload", "--request"},
    {"report_payload", "--report"},
    {"charts_payload", "--charts"},
    {"retirement_payload", "--retirement"},
    {"summary_payload", "--summary"}};

void update(Context& context, const UpdateOptions& o) {
  Fields fields;
  if (o.status) fields.emplace("status", Value::S(*o.status));
  if (o.error) fields.emplace("error_message", Value::S(*o.error));
  if (o.no_error) fields.emplace("error_message", Value::Null());
  for (const auto& [field, flag] : kPayloadOptions) {
    const auto& text = o.payloads.at(field);
    if (text) fields.emplace(field, parse_json_value(*text, flag));
  }
  if (fields.empty()) {
    throw ValidationError("jobs update", "give at least one field to change",
                          "--status, --error, --no-error, --request, --report, --charts, "
                          "--retirement, --summary");
  }
  if (context.db().jobs.update(o.id, fields) == 0) return not_found(context, "job " + o.id);
  print_changed(context, "updated", "job", "id", o.id, 1);
}

struct StatusOptions {
  std::string id;
  std::string status;
  std::optional<std::string> error;
};

void set_status(Context& context, const StatusOptions& o) {
  if (context.db().jobs.update_status(o.id, o.status, o.error) == 0) {
    return not_found(context, "job " + o.id);
  }
  if (context.json()) {
    print_json({{"id", o.id}, {"status", o.status}, {"updated", "1"}});
  } else {
    std::cout << "job " << o.id << " is " << o.status << '\n';
  }
}

void remove(Context& context, const std::string& id) {
  int removed = context.db().jobs.remove(id);
  if (removed == 0) return not_found(context, "job " + id);
  print_changed(context, "deleted", "job", "id", id, removed);
}

}  // namespace jobs_cmd

void add_job_commands(CLI::App& app, Context& context) {
  using namespace jobs_cmd;
  CLI::App* jobs = app.add_subcommand("jobs", "create, inspect, change and delete analysis jobs");
  jobs->require_subcommand(1);
  jobs->footer("Example: alexdb jobs list --user user_123 --status pending");

  auto c = std::make_shared<CreateOptions>();
  CLI::App* create_cmd = jobs->add_subcommand("create", "create a pending job (prints its id)");
  create_cmd->add_option("--user", c->user, "the user's Clerk id")->required();
  create_cmd
      ->add_option("--type", c->type,
                   "portfolio_analysis, rebalance_recommendation, retirement_projection, "
                   "risk_assessment, tax_optimization or instrument_research")
      ->required()
      ->check(one_of({"portfolio_analysis", "rebalance_recommendation", "retirement_projection",
                      "risk_assessment", "tax_optimization", "instrument_research"}));
  create_cmd->add_option("--payload", c->payload,
                         "request payload as a JSON object or array (numbers are kept exactly "
                         "as written; 38 significant digits, magnitude 1e-130..<1e126)");
  create_cmd->footer(
      "Example: alexdb jobs create --user user_123 --type portfolio_analysis --payload "
      "'{\"depth\": 2}'");
  create_cmd->callback([&context, c] { create(context, *c); });

  auto l = std::make_shared<ListOptions>();
  CLI::App* list_cmd = jobs->add_subcommand("list", "jobs, newest first");
  auto* user = list_cmd->add_option("--user", l->user, "only this user's jobs");
  list_cmd->add_option("--status", l->status, "only jobs in this status (with --user)")
      ->check(one_of({"pending", "running", "completed", "failed"}))
      ->needs(user);
  list_cmd->add_option("--limit", l->limit, "at most this many")->check(whole_number(0, kMaxCount));
  list_cmd->footer("Example: alexdb jobs list --user user_123 --status completed --limit 5");
  list_cmd->callback([&context, l] { list(context, *l); });

  auto id = std::make_shared<std::string>();
  CLI::App* show_cmd = jobs->add_subcommand("show", "one job with its payloads");
  show_cmd->add_option("job_id", *id, "the job id")->required();
  show_cmd->footer("Example: alexdb jobs show 9b2d7c4e-... --json");
  show_cmd->callback([&context, id] {
    auto job = context.db().jobs.find_by_id(*id);
    if (!job) return not_found(context, "job " + *id);
    print_record(context, job->to_fields());
  });

  auto u = std::make_shared<UpdateOptions>();
  CLI::App* update_cmd = jobs->add_subcommand("update", "change a job's fields (only those given)");
  update_cmd->add_option("job_id", u->id, "the job id")->required();
  update_cmd->add_option("--status", u->status,
                         "pending, running, completed or failed (stamps started_at on running, "
                         "completed_at on completed/failed)");
  auto* error = update_cmd->add_option("--error", u->error, "error message");
  update_cmd->add_flag("--no-error", u->no_error, "remove the error message")->excludes(error);
  for (const auto& [field, flag] : kPayloadOptions) {
    auto& target = u->payloads[field];
    update_cmd->add_option(flag, target,
                           std::string(field) + " as a JSON object or array (null removes it)");
  }
  update_cmd->footer(
      "Example: alexdb jobs update 9b2d7c4e-... --report '{\"score\": 7.5}' --status completed\n"
      "Fields not given keep their values; payload numbers are kept exactly as written.");
  update_cmd->callback([&context, u] { update(context, *u); });

  auto st = std::make_shared<StatusOptions>();
  CLI::App* status_cmd = jobs->add_subcommand("status", "set a job's status");
  status_cmd->add_option("job_id", st->id, "the job id")->required();
  status_cmd->add_option("status", st->status, "running, completed, failed (or pending)")
      ->required();
  status_cmd->add_option("--error", st->error, "error message (e.g. with failed)");
  status_cmd->footer(
      "Example: alexdb jobs status 9b2d7c4e-... failed --error 'timeout after 300s'\n"
      "running stamps started_at, completed and failed stamp completed_at; the job moves to\n"
      "its new status in `jobs list --status` (on DynamoDB within about a second).");
  status_cmd->callback([&context, st] { set_status(context, *st); });

  auto delete_id = std::make_shared<std::string>();
  CLI::App* delete_cmd = jobs->add_subcommand("delete", "delete a job");
  delete_cmd->add_option("job_id", *delete_id, "the job id")->required();
  delete_cmd->footer("Example: alexdb jobs delete 9b2d7c4e-...");
  delete_cmd->callback([&context, delete_id] { remove(context, *delete_id); });
}

}  // namespace alexdb::cli
