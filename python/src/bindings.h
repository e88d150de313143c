// What the binding files share: the per-model registration functions and the helpers
// every method uses (GIL release, paging, keyword aliases).
#ifndef ALEXDB_PYTHON_BINDINGS_H_
#define ALEXDB_PYTHON_BINDINGS_H_

#include <pybind11/pybind11.h>

#include <memory>
#include <string_view>
#include <utility>

#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "convert.h"

namespace alexdb::python {

void bind_users(py::module_& module);
void bind_instruments(py::module_& module);
void bind_accounts(py::module_& module);
void bind_positions(py::module_& module);
void bind_jobs(py::module_& module);
void bind_transactions(py::module_& module);
void bind_portfolio(py::module_& module);
void bind_database(py::module_& module);
// Database.migrate (migration.cc), added to the Database class by bind_database.
void bind_migration(py::class_<Database, std::unique_ptr<Database>>& cls);

// Runs `call` (a C++ call that reads or writes the store) with the GIL released, so
// other Python threads run while it waits on disk or network. Arguments must already be
// converted to C++ values and results are converted after it returns: nothing in
// `call` may touch a Python object.
template <typename Call>
auto without_gil(Call&& call) {
  py::gil_scoped_release release;
  return std::forward<Call>(call)();
}

// find_all(limit=None, offset=0) as a Page; ValidationError for negative numbers.
Page to_page(py::handle limit, py::handle offset);

// The value of a parameter that also has a keyword-only alias (the seed's name and the
// spec's name for the same thing, e.g. target_date and date): whichever was given.
// ValidationError when both are given, or when neither is and `required`.
py::object either(py::handle value, std::string_view name, py::handle alias,
                  std::string_view alias_name, bool required);

}  // namespace alexdb::python

#endif  // ALEXDB_PYTHON_BINDINGS_H_
