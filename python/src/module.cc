// The extension module alexdb._core; the package alexdb (python/alexdb) re-exports it.
#include <pybind11/pybind11.h>

#include <string>

#include "alexdb/errors.h"
#include "bindings.h"
#include "convert.h"
#include "errors.h"

namespace alexdb::python {

Page to_page(py::handle limit, py::handle offset) {
  Page page;
  page.limit = to_optional_int(limit, "limit");
  if (page.limit && *page.limit < 0) throw ValidationError("limit", "at least 0");
  page.offset = to_optional_int(offset, "offset").value_or(0);
  if (page.offset < 0) throw ValidationError("offset", "at least 0");
  return page;
}

py::object either(py::handle value, std::string_view name, py::handle alias,
                  std::string_view alias_name, bool required) {
  if (!value.is_none() && !alias.is_none()) {
    throw ValidationError(std::string(name), "given once",
                          "also given as " + std::string(alias_name));
  }
  if (value.is_none() && alias.is_none() && required) {
    throw ValidationError(std::string(name), "required");
  }
  return py::reinterpret_borrow<py::object>(value.is_none() ? alias : value);
}

}  // namespace alexdb::python

PYBIND11_MODULE(_core, module) {
  using namespace alexdb::python;
  module.doc() = "alexdb's C++ core; use the package alexdb (from alexdb import Database).";
  init_conversions();
  register_errors();
  bind_users(module);
  bind_instruments(module);
  bind_accounts(module);
  bind_positions(module);
  bind_jobs(module);
  bind_transactions(module);
  bind_portfolio(module);
  bind_database(module);
}
