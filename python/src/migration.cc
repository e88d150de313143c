// Database.migrate(dry_run=False): Database::migrate (include/alexdb/migration.h) and its
// report as a dict.
#include <pybind11/stl.h>

#include "bindings.h"

namespace alexdb::python {

namespace {

using namespace pybind11::literals;

py::dict migration_dict(const MigrationReport& report) {
  py::dict records;
  for (int k = 0; k < kMigrationKinds; ++k) {
    const MigrationCounts& c = report.counts[k];
    records[py::str(std::string(migration_kind_name(static_cast<MigrationKind>(k))))] =
        py::dict("examined"_a = c.examined, "rewritten"_a = c.rewritten, "current"_a = c.current,
                 "problems"_a = c.problems);
  }
  py::list problems;
  for (const MigrationProblem& p : report.problems) {
    problems.append(py::dict("table"_a = p.table, "key"_a = p.key, "reason"_a = p.reason));
  }
  return py::dict("dry_run"_a = report.dry_run, "ok"_a = report.ok(),
                  "rewritten"_a = report.rewritten(), "records"_a = records,
                  "problems"_a = problems);
}

}  // namespace

void bind_migration(py::class_<Database, std::unique_ptr<Database>>& cls) {
  cls.def(
      "migrate",
      [](Database& db, bool dry_run) {
        MigrationOptions options;
        options.dry_run = dry_run;
        return migration_dict(without_gil([&] { return db.migrate(options); }));
      },
      "dry_run"_a = false,
      "Brings records written by the seed's reference package (ids only in keys, isoformat()\n"
      "timestamps, no account_id or history versions, no ACCOUNT#/JOB# METADATA records) to\n"
      "this layout, in place; records already in it are left alone, so a second run rewrites\n"
      "nothing, and a run that was interrupted is completed by running again. With\n"
      "dry_run=True nothing is written. Returns {'dry_run', 'ok', 'rewritten', 'records',\n"
      "'problems'}: 'records' maps users, accounts, positions, history, jobs, instruments and\n"
      "prices to {'examined', 'rewritten', 'current', 'problems'} (ints; in a dry run\n"
      "'rewritten' counts what would be); each problem is {'table', 'key', 'reason'} for a\n"
      "record left as it was. 'ok' is True when no problem remains.");
}

}  // namespace alexdb::python
