// Raises alexdb's C++ exceptions (include/alexdb/errors.h) as the Python classes of
// alexdb.errors, with the same names and hierarchy: ValidationError carries `field` and
// `rule`, ServiceError `error_type` and `http_status`.
#ifndef ALEXDB_PYTHON_ERRORS_H_
#define ALEXDB_PYTHON_ERRORS_H_

#include <pybind11/pybind11.h>

namespace alexdb::python {

// Imports alexdb.errors and registers the translator. Called once at import.
void register_errors();

}  // namespace alexdb::python

#endif  // ALEXDB_PYTHON_ERRORS_H_
