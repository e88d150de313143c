// alexdb jobs create|list|show
#include <CLI/CLI.hpp>
#include <iostream>

#include "alexdb/errors.h"
#include "json_input.h"
#include "output.h"
#include "records_output.h"

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
    if (!o.status.empty()) throw ValidationError("--status", "needs --user");
    Page page;
    if (o.limit >= 0) page.limit = o.limit;
    found = jobs.find_all(page);
  }
  print_records(context, found);
}

}  // namespace jobs_cmd

void add_job_commands(CLI::App& app, Context& context) {
  using namespace jobs_cmd;
  CLI::App* jobs = app.add_subcommand("jobs", "create and inspect analysis jobs");
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
      ->check(
          CLI::IsMember({"portfolio_analysis", "rebalance_recommendation", "retirement_projection",
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
  list_cmd->add_option("--user", l->user, "only this user's jobs");
  list_cmd->add_option("--status", l->status, "only jobs in this status (with --user)")
      ->check(CLI::IsMember({"pending", "running", "completed", "failed"}));
  list_cmd->add_option("--limit", l->limit, "at most this many")->check(CLI::NonNegativeNumber);
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
}

}  // namespace alexdb::cli
