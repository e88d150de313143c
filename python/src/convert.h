// Conversions between Python objects and alexdb's C++ values, defined once for the
// whole module.
//
// Python to C++ (arguments and dicts passed in):
//   None -> NULL, bool -> BOOL, str -> S, bytes -> B, dict (or an object with
//   model_dump()) -> M, list/tuple -> L, set -> SS/NS/BS;
//   int, float, decimal.Decimal -> N through their exact text (str(x)), never binary;
//   datetime -> "YYYY-MM-DDTHH:MM:SS.ffffffZ" (naive means UTC, aware is converted to
//   UTC); date -> "YYYY-MM-DD" (the C++ side reads it as the end of that day, UTC).
// C++ to Python (results): N -> decimal.Decimal (from Decimal::to_string()), S -> str,
//   B -> bytes, BOOL -> bool, NULL -> None, M -> dict, L -> list, sets -> set.
// Every failure throws alexdb::ValidationError naming the field, so bad input raises
// alexdb.ValidationError before anything is written. Containers nested more than 32
// deep (DynamoDB's limit) or containing themselves are refused before the conversion
// recurses into them, so no input can overflow the stack, in any thread. All functions
// need the GIL.
#ifndef ALEXDB_PYTHON_CONVERT_H_
#define ALEXDB_PYTHON_CONVERT_H_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/database.h"
#include "alexdb/records.h"
#include "alexdb/value.h"

namespace alexdb::python {

namespace py = pybind11;

// Holds a reference to `object` for the life of the process and returns it. For the
// types and classes looked up at import: they must outlive every call, and releasing
// them from a static destructor after the interpreter finalized would be unsafe.
inline py::handle keep(py::object object) { return object.release(); }

// Looks up the Python types the conversions need (decimal.Decimal, datetime, ...).
// Called once when the module is imported.
void init_conversions();

// Python -> C++.
Value to_value(py::handle object, std::string_view field);
// A dict, or an object with model_dump() (pydantic), as named fields.
Fields to_fields(py::handle object, std::string_view field);
Decimal to_decimal(py::handle object, std::string_view field);
// None -> nullopt; otherwise as to_decimal.
std::optional<Decimal> to_optional_decimal(py::handle object, std::string_view field);
// A mapping of name to number.
Allocation to_allocation(py::handle object, std::string_view field);
std::optional<Allocation> to_optional_allocation(py::handle object, std::string_view field);
// A str (ids, symbols, names); None and other types are rejected.
std::string to_text(py::handle object, std::string_view field);
std::optional<std::string> to_optional_text(py::handle object, std::string_view field);
// A list (or any iterable but str) of str.
std::vector<std::string> to_text_list(py::handle object, std::string_view field);
// A datetime, a date or an ISO 8601 string, as the C++ API's date strings.
std::string to_date(py::handle object, std::string_view field);
std::optional<std::string> to_optional_date(py::handle object, std::string_view field);
// An int (not bool); None -> nullopt.
std::optional<std::int64_t> to_optional_int(py::handle object, std::string_view field);
// The current UTC time as a date string (the default of "at date" calls).
std::string now_date();

// C++ -> Python.
py::object from_value(const Value& value);
// `number` rounded half-even to `places` as a decimal.Decimal with exactly that many
// digits after the point (Decimal('50.00') for 50 at 2 places).
py::object fixed_decimal(const Decimal& number, int places);
py::dict from_fields(const Fields& fields);

// A record as the reference package returned it (SPEC section 10): fields never set
// (NULL) are absent, not None; counts and versions (the int64 members) are int.
py::dict from_record_fields(const Fields& fields);
void put_integers(py::dict& dict, const Position& record);
void put_integers(py::dict& dict, const PositionChange& record);
void put_integers(py::dict& dict, const Valuation& record);
template <typename Record>
void put_integers(py::dict&, const Record&) {}

template <typename Record>
py::object from_record(const Record& record) {
  py::dict dict = from_record_fields(record.to_fields());
  put_integers(dict, record);
  return dict;
}
template <typename Record>
py::object from_record(const std::optional<Record>& record) {
  if (!record) return py::none();
  return from_record(*record);
}
template <typename Record>
py::list from_records(const std::vector<Record>& records) {
  py::list list;
  for (const Record& record : records) list.append(from_record(record));
  return list;
}

}  // namespace alexdb::python

#endif  // ALEXDB_PYTHON_CONVERT_H_
