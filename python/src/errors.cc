#include "errors.h"

#include <exception>

#include "alexdb/errors.h"
#include "convert.h"

namespace alexdb::python {

namespace py = pybind11;

namespace {

// The Python classes of alexdb.errors (kept, see keep()).
struct ErrorClasses {
  py::handle error, validation, not_found, already_exists, condition_failed, throttled, service,
      store, legacy;
};
ErrorClasses classes;

void raise(py::handle cls, py::object instance) { PyErr_SetObject(cls.ptr(), instance.ptr()); }

void raise(py::handle cls, const std::exception& e) {
  raise(cls, py::reinterpret_borrow<py::object>(cls)(e.what()));
}

void translate(std::exception_ptr pointer) {
  try {
    std::rethrow_exception(pointer);
  } catch (const ImportRejected& e) {
    // A ValidationError that also lists the bad rows of the file.
    py::object error =
        py::reinterpret_borrow<py::object>(classes.validation)(e.what(), e.field(), e.rule());
    py::list problems;
    for (const ImportProblem& p : e.problems()) {
      problems.append(py::dict(py::arg("line") = p.line, py::arg("field") = p.field,
                               py::arg("problem") = p.problem));
    }
    error.attr("problems") = problems;
    error.attr("problem_count") = e.problem_count();
    raise(classes.validation, error);
  } catch (const ValidationError& e) {
    raise(classes.validation,
          py::reinterpret_borrow<py::object>(classes.validation)(e.what(), e.field(), e.rule()));
  } catch (const ServiceError& e) {
    raise(classes.service, py::reinterpret_borrow<py::object>(classes.service)(
                               e.what(), e.error_type(), e.http_status()));
  } catch (const NotFound& e) {
    raise(classes.not_found, e);
  } catch (const AlreadyExists& e) {
    raise(classes.already_exists, e);
  } catch (const ConditionFailed& e) {
    raise(classes.condition_failed, e);
  } catch (const Throttled& e) {
    raise(classes.throttled, e);
  } catch (const LegacyRecord& e) {
    raise(classes.legacy, e);
  } catch (const StoreError& e) {
    raise(classes.store, e);
  } catch (const Error& e) {
    raise(classes.error, e);
  }
}

}  // namespace

void register_errors() {
  py::module_ errors = py::module_::import("alexdb.errors");
  classes.error = keep(errors.attr("Error"));
  classes.validation = keep(errors.attr("ValidationError"));
  classes.not_found = keep(errors.attr("NotFound"));
  classes.already_exists = keep(errors.attr("AlreadyExists"));
  classes.condition_failed = keep(errors.attr("ConditionFailed"));
  classes.throttled = keep(errors.attr("Throttled"));
  classes.service = keep(errors.attr("ServiceError"));
  classes.store = keep(errors.attr("StoreError"));
  classes.legacy = keep(errors.attr("LegacyRecord"));
  py::register_exception_translator(&translate);
}

}  // namespace alexdb::python
