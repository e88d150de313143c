// alexdb migrate [--dry-run]: brings tables written by the seed's reference package to
// this layout (Database::migrate). Progress on stderr, a summary on stdout; exit 0 when
// no problem remains, 1 otherwise.
#include <CLI/CLI.hpp>
#include <iostream>

#include "alexdb/database.h"
#include "alexdb/migration.h"
#include "context.h"
#include "output.h"

namespace alexdb::cli {

namespace migrate_cmd {

void print_progress(const MigrationProgress& progress) {
  std::cerr << "migrate: " << progress.table << ": " << progress.examined << " items examined"
            << (progress.done ? " (done)" : "") << "\n";
}

void print_summary(const MigrationReport& report, std::ostream& out) {
  Table table({"RECORDS", "EXAMINED", report.dry_run ? "WOULD_REWRITE" : "REWRITTEN", "CURRENT",
               "PROBLEMS"});
  for (int k = 0; k < kMigrationKinds; ++k) {
    const MigrationCounts& c = report.counts[k];
    table.add({std::string(migration_kind_name(static_cast<MigrationKind>(k))),
               std::to_string(c.examined), std::to_string(c.rewritten), std::to_string(c.current),
               std::to_string(c.problems)});
  }
  table.print(out);
  for (const MigrationProblem& p : report.problems) {
    out << "problem: " << p.table << " " << p.key << ": " << p.reason << "\n";
  }
  out << "migrate: " << (report.dry_run ? "dry run, nothing written; " : "") << report.rewritten()
      << (report.dry_run ? " record(s) would be rewritten" : " record(s) rewritten") << ", "
      << report.problems.size() << " problem(s)"
      << (report.rewritten() == 0 && report.ok() && !report.dry_run ? " (already migrated)" : "")
      << "\n";
}

nlohmann::json summary_json(const MigrationReport& report) {
  nlohmann::json kinds = nlohmann::json::object();
  for (int k = 0; k < kMigrationKinds; ++k) {
    const MigrationCounts& c = report.counts[k];
    kinds[std::string(migration_kind_name(static_cast<MigrationKind>(k)))] = {
        {"examined", std::to_string(c.examined)},
        {"rewritten", std::to_string(c.rewritten)},
        {"current", std::to_string(c.current)},
        {"problems", std::to_string(c.problems)}};
  }
  nlohmann::json problems = nlohmann::json::array();
  for (const MigrationProblem& p : report.problems) {
    problems.push_back({{"table", p.table}, {"key", p.key}, {"reason", p.reason}});
  }
  return {{"dry_run", report.dry_run},
          {"ok", report.ok()},
          {"rewritten", std::to_string(report.rewritten())},
          {"records", kinds},
          {"problems", problems}};
}

void run(Context& context, bool dry_run) {
  MigrationOptions options;
  options.dry_run = dry_run;
  options.progress = print_progress;
  MigrationReport report = context.db().migrate(options);
  if (context.json()) {
    print_json(summary_json(report));
  } else {
    print_summary(report, std::cout);
  }
  if (!report.ok()) context.fail();
}

}  // namespace migrate_cmd

void add_migrate_command(CLI::App& app, Context& context) {
  auto dry_run = std::make_shared<bool>(false);
  CLI::App* migrate = app.add_subcommand(
      "migrate",
      "bring tables written by the seed's reference package to this layout, in place "
      "(idempotent; exit 0 when no problem remains)");
  migrate->add_flag("--dry-run", *dry_run, "report what would change, write nothing");
  migrate->footer(
      "Example: alexdb migrate --dry-run, then alexdb migrate. Safe to run again, also after "
      "an interrupted run (it completes it); run it while nothing else writes.");
  migrate->callback([&context, dry_run] { migrate_cmd::run(context, *dry_run); });
}

}  // namespace alexdb::cli
