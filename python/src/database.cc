// alexdb.Database: configuration, tables, the integrity check and the five models.
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "bindings.h"

namespace alexdb::python {

using namespace pybind11::literals;

namespace {

// Keyword arguments of Database() as Config::resolve overrides (keyed by the
// environment variable each replaces), so they win over the environment and .env.
std::map<std::string, std::string> overrides(py::handle region, py::handle store,
                                             py::handle users_table, py::handle instruments_table) {
  std::map<std::string, std::string> result;
  auto put = [&](py::handle value, const char* variable, const char* field) {
    if (auto text = to_optional_text(value, field)) result[variable] = *text;
  };
  put(store, "ALEXDB_STORE", "store");
  put(users_table, "DYNAMODB_USERS_TABLE", "users_table");
  put(instruments_table, "DYNAMODB_INSTRUMENTS_TABLE", "instruments_table");
  put(region, "AWS_REGION", "region");
  return result;
}

template <typename Model, Model Database::*member>
void model_property(py::class_<Database, std::unique_ptr<Database>>& cls, const char* name,
                    const char* doc) {
  cls.def_property_readonly(
      name, [](Database& db) -> Model& { return db.*member; },
      py::return_value_policy::reference_internal, doc);
}

// An integrity report as a dict: ok, findings (severity "failure" or "warning", rule,
// table, record, message, repairable), checked (counts per kind) and repairable.
py::dict report_dict(const IntegrityReport& report) {
  py::list findings;
  for (const IntegrityFinding& f : report.findings) {
    findings.append(py::dict(
        "severity"_a = f.severity == Severity::kWarning ? "warning" : "failure",
        "rule"_a = std::string(rule_name(f.rule)), "table"_a = f.table, "record"_a = f.record,
        "message"_a = f.message, "repairable"_a = f.repairable));
  }
  const IntegrityCounts& c = report.checked;
  py::dict checked("users_table_items"_a = c.users_table_items, "users"_a = c.users,
                   "accounts"_a = c.accounts, "positions"_a = c.positions,
                   "history_records"_a = c.history_records, "jobs"_a = c.jobs,
                   "instruments"_a = c.instruments, "price_records"_a = c.price_records);
  return py::dict("ok"_a = report.ok(), "findings"_a = findings, "checked"_a = checked,
                  "repairable"_a = report.repairable);
}

// The Database's messages on the Python logger "alexdb" (the level's namesake). Called
// from any thread, with or without the GIL held.
void log_to_python(LogLevel level, std::string_view message) {
  py::gil_scoped_acquire gil;
  try {
    int number = level == LogLevel::kDebug ? 10 : level == LogLevel::kInfo ? 20 : 30;
    py::object logger = py::module_::import("logging").attr("getLogger")("alexdb");
    if (logger.attr("isEnabledFor")(number).cast<bool>()) {
      logger.attr("log")(number, "%s", py::str(std::string(message)));
    }
  } catch (py::error_already_set& error) {
    error.discard_as_unraisable("alexdb log");
  }
}

void bind_integrity(py::class_<Database, std::unique_ptr<Database>>& cls) {
  cls.def(
      "verify",
      [](const Database& db) { return report_dict(without_gil([&] { return db.verify(); })); },
      "Checks the rules that tie the records of both tables together (read only: one scan of\n"
      "each table). Returns {'ok', 'findings', 'checked', 'repairable'}: each finding has\n"
      "severity ('failure' or 'warning'), rule, table, record, message and repairable.");
  cls.def(
      "repair",
      [](Database& db) {
        RepairReport repaired = without_gil([&] { return db.repair(); });
        return py::dict("attempted"_a = repaired.attempted, "completed"_a = repaired.completed,
                        "after"_a = report_dict(repaired.after));
      },
      "Completes what interrupted writes left (as the next read or write would) and checks\n"
      "again. Returns {'attempted', 'completed', 'after'} ('after' as verify() returns).");
}

// Requests and units as {'requests': int, 'read_units': Decimal, 'write_units': Decimal}.
py::dict counts_dict(const CapacityCounts& counts) {
  return py::dict("requests"_a = counts.requests,
                  "read_units"_a = from_value(Value::N(counts.read_units)),
                  "write_units"_a = from_value(Value::N(counts.write_units)));
}

void bind_capacity(py::class_<Database, std::unique_ptr<Database>>& cls) {
  cls.def(
      "capacity",
      [](const Database& db) {
        CapacityReport report = db.capacity();
        py::dict tables;
        for (const CapacityReport::Row& row : report.rows) {
          py::str table(row.table);
          if (!tables.contains(table)) {
            py::dict entry = counts_dict(report.table_total(row.table));
            entry["calls"] = py::dict();
            tables[table] = entry;
          }
          py::dict calls = tables[table]["calls"];
          calls[py::str(std::string(call_kind_name(row.kind)))] = counts_dict(row.counts);
        }
        py::dict result = counts_dict(report.total);
        result["tables"] = tables;
        return result;
      },
      "The requests and capacity units of every store call since the Database was opened or\n"
      "reset_capacity() was last called: {'requests', 'read_units', 'write_units', 'tables':\n"
      "{table: {'requests', 'read_units', 'write_units', 'calls': {kind: {...}}}}}, kinds\n"
      "'get', 'put', 'update', 'delete', 'query', 'scan', 'batch_get', 'batch_write'; units\n"
      "are decimal.Decimal. A request is one API call (each page of a listing, each chunk of\n"
      "25 writes or 100 keys). On DynamoDB the units are those the service reports; on the\n"
      "embedded engine those DynamoDB would charge.");
  cls.def(
      "reset_capacity", [](Database& db) { db.reset_capacity(); },
      "Sets every count of capacity() to zero.");
}

}  // namespace

void bind_database(py::module_& module) {
  py::class_<Database, std::unique_ptr<Database>> cls(
      module, "Database",
      "The Alex planner's data: users, instruments, accounts, positions, jobs.\n\n"
      "Database() resolves the store and table names from the environment and .env as the\n"
      "C++ Database() does (ALEXDB_STORE, DYNAMODB_USERS_TABLE, DYNAMODB_INSTRUMENTS_TABLE,\n"
      "AWS_REGION, ALEXDB_INSTRUMENT_CACHE_SECONDS); keyword arguments override them.\n"
      "instrument_cache_seconds: how long instruments (name, type, current price) may be\n"
      "reused (default 60; 0: read every time); this Database's own writes are seen at once.\n"
      "Safe to share between threads.");
  cls.def(py::init([](py::object region, py::object store, py::object users_table,
                      py::object instruments_table, py::object stale_after_days,
                      py::object instrument_cache_seconds) {
            auto settings = overrides(region, store, users_table, instruments_table);
            DatabaseOptions options;
            options.log = log_to_python;
            options.stale_after_days = to_optional_int(stale_after_days, "stale_after_days")
                                           .value_or(options.stale_after_days);
            options.instrument_cache_seconds =
                to_optional_int(instrument_cache_seconds, "instrument_cache_seconds");
            return without_gil([&] {
              return std::make_unique<Database>(Config::resolve(settings), std::move(options));
            });
          }),
          "region"_a = py::none(), py::kw_only(), "store"_a = py::none(),
          "users_table"_a = py::none(), "instruments_table"_a = py::none(),
          "stale_after_days"_a = 7, "instrument_cache_seconds"_a = py::none());
  cls.def(
      "create_tables",
      [](Database& db) {
        auto created = without_gil([&] { return db.create_tables(); });
        py::list names;
        for (const std::string& name : created) names.append(py::str(name));
        return names;
      },
      "Creates the two tables where missing (waits until active); returns the names of the\n"
      "tables created.");
  cls.def_property_readonly(
      "store", [](const Database& db) { return db.store().name(); },
      "The open store: 'sqlite:PATH', 'memory:' or 'dynamodb ENDPOINT'.");
  cls.def_property_readonly(
      "users_table", [](const Database& db) { return db.users_table_definition().name; },
      "The users table's name.");
  cls.def_property_readonly(
      "instruments_table",
      [](const Database& db) { return db.instruments_table_definition().name; },
      "The instruments table's name.");
  bind_integrity(cls);
  bind_capacity(cls);
  bind_migration(cls);
  model_property<Users, &Database::users>(cls, "users", "The users model.");
  model_property<Instruments, &Database::instruments>(cls, "instruments", "The instruments model.");
  model_property<Accounts, &Database::accounts>(cls, "accounts", "The accounts model.");
  model_property<Positions, &Database::positions>(cls, "positions", "The positions model.");
  model_property<Jobs, &Database::jobs>(cls, "jobs", "The jobs model.");
  model_property<Transactions, &Database::transactions>(cls, "transactions",
                                                      "The ledger's transactions.");
  model_property<Portfolio, &Database::portfolio>(cls, "portfolio",
                                                  "Lots and gains of the ledger.");
}

}  // namespace alexdb::python
