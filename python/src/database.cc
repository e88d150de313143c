// alexdb.Database: configuration, tables and the five models.
#include <map>
#include <memory>
#include <string>

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

}  // namespace

void bind_database(py::module_& module) {
  py::class_<Database, std::unique_ptr<Database>> cls(
      module, "Database",
      "The Alex planner's data: users, instruments, accounts, positions, jobs.\n\n"
      "Database() resolves the store and table names from the environment and .env as the\n"
      "C++ Database() does (ALEXDB_STORE, DYNAMODB_USERS_TABLE, DYNAMODB_INSTRUMENTS_TABLE,\n"
      "AWS_REGION); keyword arguments override them. Safe to share between threads.");
  cls.def(py::init([](py::object region, py::object store, py::object users_table,
                      py::object instruments_table, py::object stale_after_days) {
            auto settings = overrides(region, store, users_table, instruments_table);
            DatabaseOptions options;
            options.stale_after_days = to_optional_int(stale_after_days, "stale_after_days")
                                           .value_or(options.stale_after_days);
            return without_gil([&] {
              return std::make_unique<Database>(Config::resolve(settings), std::move(options));
            });
          }),
          "region"_a = py::none(), py::kw_only(), "store"_a = py::none(),
          "users_table"_a = py::none(), "instruments_table"_a = py::none(),
          "stale_after_days"_a = 7);
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
  model_property<Users, &Database::users>(cls, "users", "The users model.");
  model_property<Instruments, &Database::instruments>(cls, "instruments", "The instruments model.");
  model_property<Accounts, &Database::accounts>(cls, "accounts", "The accounts model.");
  model_property<Positions, &Database::positions>(cls, "positions", "The positions model.");
  model_property<Jobs, &Database::jobs>(cls, "jobs", "The jobs model.");
}

}  // namespace alexdb::python
