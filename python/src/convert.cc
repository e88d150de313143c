#include "convert.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/store.h"

namespace alexdb::python {

namespace {

// Python types looked up once at import (kept, see keep()).
struct PythonTypes {
  py::handle decimal;   // decimal.Decimal
  py::handle datetime;  // datetime.datetime
  py::handle date;      // datetime.date
  py::handle utc;       // datetime.timezone.utc
  py::handle mapping;   // collections.abc.Mapping
};
PythonTypes types;

std::string type_name(py::handle object) { return Py_TYPE(object.ptr())->tp_name; }

[[noreturn]] void reject(std::string_view field, std::string rule, py::handle object) {
  throw ValidationError(std::string(field), std::move(rule), "got " + type_name(object));
}

std::string utf8(py::handle object, std::string_view field) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(object.ptr(), &size);
  if (data == nullptr) {
    PyErr_Clear();
    throw ValidationError(std::string(field), "valid Unicode text", "lone surrogate");
  }
  return std::string(data, static_cast<std::size_t>(size));
}

std::string child(std::string_view field, std::string_view name) {
  std::string path(field);
  path += '.';
  path += name;
  return path;
}

std::string element(std::string_view field, std::size_t index) {
  return std::string(field) + "[" + std::to_string(index) + "]";
}

// The containers (dicts, lists, tuples, mappings) between the value being converted
// and the outermost one. Entering one more checks the depth and looks for the same
// object on the path before any recursion, so a self-referencing or very deep value is
// a ValidationError, never a stack overflow.
class Nesting {
 public:
  // Holds the path one level deeper for the life of the guard.
  class Level {
   public:
    explicit Level(Nesting& nesting) : nesting_(nesting) {}
    ~Level() { nesting_.leave(); }
    Level(const Level&) = delete;
    Level& operator=(const Level&) = delete;

   private:
    Nesting& nesting_;
  };

  // Enters `container` at `field`; throws ValidationError when it is already on the
  // path or would nest deeper than limits::kMaxNestingDepth. `counts` is false for the
  // dict of named fields itself (the item level, as DynamoDB counts).
  [[nodiscard]] Level enter(py::handle container, std::string_view field, bool counts = true) {
    if (std::find(path_.begin(), path_.end(), container.ptr()) != path_.end()) {
      throw ValidationError(std::string(field), "must not contain itself",
                            std::string("a self-referencing ") + Py_TYPE(container.ptr())->tp_name);
    }
    if (counts && depth_ >= limits::kMaxNestingDepth) {
      throw ValidationError(std::string(field), "nesting at most 32 levels deep");
    }
    path_.push_back(container.ptr());
    counted_.push_back(counts);
    if (counts) ++depth_;
    return Level(*this);
  }

 private:
  void leave() {
    if (counted_.back()) --depth_;
    counted_.pop_back();
    path_.pop_back();
  }

  std::vector<PyObject*> path_;
  std::vector<bool> counted_;
  int depth_ = 0;
};

bool is_instance(py::handle object, py::handle type) {
  int result = PyObject_IsInstance(object.ptr(), type.ptr());
  if (result < 0) throw py::error_already_set();
  return result == 1;
}

bool has_model_dump(py::handle object) { return py::hasattr(object, "model_dump"); }

// The exact decimal text of an int, float or decimal.Decimal, or nullopt for other
// types. bool is not a number here. Floats go through repr(), the shortest text that
// reads back as the same float, as str() does.
std::optional<std::string> number_text(py::handle object) {
  PyObject* raw = object.ptr();
  if (PyBool_Check(raw)) return std::nullopt;
  PyObject* text = nullptr;
  if (PyLong_Check(raw)) {
    text = PyLong_Type.tp_repr(raw);  // int subclasses (IntEnum) as plain numbers
  } else if (PyFloat_Check(raw)) {
    text = PyFloat_Type.tp_repr(raw);
  } else if (is_instance(object, types.decimal)) {
    text = PyObject_Str(raw);
  } else {
    return std::nullopt;
  }
  if (text == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(text).cast<std::string>();
}

Value number_set(py::handle set, std::string_view field) {
  Value::NumberSet numbers;
  for (py::handle item : set) numbers.insert(to_decimal(item, field));
  return Value::NS(std::move(numbers));
}

Value set_value(py::handle set, std::string_view field) {
  if (py::len(set) == 0) throw ValidationError(std::string(field), "a non-empty set");
  py::handle first = *py::iter(set);
  if (PyUnicode_Check(first.ptr())) {
    Value::StringSet strings;
    for (py::handle item : set) {
      if (!PyUnicode_Check(item.ptr())) reject(field, "a set of one type", item);
      strings.insert(utf8(item, field));
    }
    return Value::SS(std::move(strings));
  }
  if (PyBytes_Check(first.ptr())) {
    Value::BytesSet bytes;
    for (py::handle item : set) {
      if (!PyBytes_Check(item.ptr())) reject(field, "a set of one type", item);
      bytes.insert(Bytes(py::reinterpret_borrow<py::bytes>(item).cast<std::string>()));
    }
    return Value::BS(std::move(bytes));
  }
  return number_set(set, field);
}

// Calls fn(key, value) for each entry of a dict or another Mapping, or of the dict an
// object's model_dump() returns. Keys must be str.
template <typename Fn>
void for_each_entry(py::handle object, std::string_view field, Fn&& fn) {
  py::object mapping = py::reinterpret_borrow<py::object>(object);
  if (!PyDict_Check(mapping.ptr()) && !is_instance(mapping, types.mapping)) {
    if (!has_model_dump(mapping)) reject(field, "a dict", object);
    mapping = mapping.attr("model_dump")();
    if (!PyDict_Check(mapping.ptr())) reject(field, "a dict from model_dump()", mapping);
  }
  py::object items = mapping.attr("items")();
  for (py::handle entry : items) {
    py::tuple pair = py::reinterpret_borrow<py::tuple>(entry);
    py::handle key = pair[0];
    if (!PyUnicode_Check(key.ptr())) reject(field, "a dict with str keys", key);
    std::string name = utf8(key, field);
    fn(name, pair[1]);
  }
}

Value value_at(py::handle object, std::string_view field, Nesting& nesting);

// The entries of a dict (or Mapping, or model_dump() object) the caller has entered.
Value::Map map_value(py::handle object, std::string_view field, bool nested, Nesting& nesting) {
  Value::Map map;
  for_each_entry(object, field, [&](const std::string& name, py::handle value) {
    map.emplace(name, value_at(value, nested ? child(field, name) : name, nesting));
  });
  return map;
}

std::string format_datetime(py::handle object) {
  py::object instant = py::reinterpret_borrow<py::object>(object);
  py::object offset = instant.attr("utcoffset")();
  if (!offset.is_none()) instant = instant.attr("__sub__")(offset);
  auto part = [&](const char* name) { return instant.attr(name).cast<int>(); };
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", part("year"),
                part("month"), part("day"), part("hour"), part("minute"), part("second"),
                part("microsecond"));
  return text;
}

std::string format_date(py::handle object) {
  auto part = [&](const char* name) { return object.attr(name).cast<int>(); };
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", part("year"), part("month"), part("day"));
  return text;
}

// A datetime or date as a date string, or nullopt for other types.
std::optional<std::string> date_text(py::handle object) {
  if (is_instance(object, types.datetime)) return format_datetime(object);
  if (is_instance(object, types.date)) return format_date(object);
  return std::nullopt;
}

}  // namespace

void init_conversions() {
  types.decimal = keep(py::module_::import("decimal").attr("Decimal"));
  py::module_ datetime = py::module_::import("datetime");
  types.datetime = keep(datetime.attr("datetime"));
  types.date = keep(datetime.attr("date"));
  types.utc = keep(datetime.attr("timezone").attr("utc"));
  types.mapping = keep(py::module_::import("collections.abc").attr("Mapping"));
}

namespace {

// to_value within `nesting` (the containers around `object`).
Value value_at(py::handle object, std::string_view field, Nesting& nesting) {
  PyObject* raw = object.ptr();
  if (raw == Py_None) return Value::Null();
  if (PyBool_Check(raw)) return Value::Bool(raw == Py_True);
  if (PyUnicode_Check(raw)) return Value::S(utf8(object, field));
  if (auto text = number_text(object)) return Value::N(Decimal::parse(*text, field));
  if (PyBytes_Check(raw)) return Value::B(Bytes(py::reinterpret_borrow<py::bytes>(object)));
  if (PyByteArray_Check(raw)) {
    return Value::B(Bytes(
        std::string(PyByteArray_AsString(raw), static_cast<std::size_t>(PyByteArray_Size(raw)))));
  }
  if (auto text = date_text(object)) return Value::S(std::move(*text));
  if (PyList_Check(raw) || PyTuple_Check(raw)) {
    auto level = nesting.enter(object, field);
    Value::List list;
    std::size_t index = 0;
    for (py::handle item : object) list.push_back(value_at(item, element(field, index++), nesting));
    return Value::L(std::move(list));
  }
  if (PyAnySet_Check(raw)) return set_value(object, field);
  if (PyDict_Check(raw) || is_instance(object, types.mapping) || has_model_dump(object)) {
    auto level = nesting.enter(object, field);
    return Value::M(map_value(object, field, true, nesting));
  }
  reject(field, "a JSON-like value (str, number, bool, None, dict, list, set, date)", object);
}

}  // namespace

Value to_value(py::handle object, std::string_view field) {
  Nesting nesting;
  return value_at(object, field, nesting);
}

Fields to_fields(py::handle object, std::string_view field) {
  Nesting nesting;
  auto level = nesting.enter(object, field, false);
  return map_value(object, field, false, nesting);
}

Decimal to_decimal(py::handle object, std::string_view field) {
  if (object.is_none()) throw ValidationError(std::string(field), "required");
  if (PyUnicode_Check(object.ptr())) return Decimal::parse(utf8(object, field), field);
  if (auto text = number_text(object)) return Decimal::parse(*text, field);
  reject(field, "a number (Decimal, int, float or numeric str)", object);
}

std::optional<Decimal> to_optional_decimal(py::handle object, std::string_view field) {
  if (object.is_none()) return std::nullopt;
  return to_decimal(object, field);
}

Allocation to_allocation(py::handle object, std::string_view field) {
  Allocation allocation;
  for_each_entry(object, field, [&](const std::string& name, py::handle value) {
    allocation.emplace(name, to_decimal(value, child(field, name)));
  });
  return allocation;
}

std::optional<Allocation> to_optional_allocation(py::handle object, std::string_view field) {
  if (object.is_none()) return std::nullopt;
  return to_allocation(object, field);
}

std::string to_text(py::handle object, std::string_view field) {
  if (object.is_none()) throw ValidationError(std::string(field), "required");
  if (!PyUnicode_Check(object.ptr())) reject(field, "a str", object);
  return utf8(object, field);
}

std::optional<std::string> to_optional_text(py::handle object, std::string_view field) {
  if (object.is_none()) return std::nullopt;
  return to_text(object, field);
}

std::vector<std::string> to_text_list(py::handle object, std::string_view field) {
  if (object.is_none()) throw ValidationError(std::string(field), "required");
  if (PyUnicode_Check(object.ptr()) || !py::isinstance<py::iterable>(object)) {
    reject(field, "a list of str", object);
  }
  std::vector<std::string> texts;
  std::size_t index = 0;
  for (py::handle item : object) texts.push_back(to_text(item, element(field, index++)));
  return texts;
}

std::string to_date(py::handle object, std::string_view field) {
  if (object.is_none()) throw ValidationError(std::string(field), "required");
  if (PyUnicode_Check(object.ptr())) return utf8(object, field);
  if (auto text = date_text(object)) return std::move(*text);
  reject(field, "a datetime, a date or an ISO 8601 str", object);
}

std::optional<std::string> to_optional_date(py::handle object, std::string_view field) {
  if (object.is_none()) return std::nullopt;
  return to_date(object, field);
}

std::optional<std::int64_t> to_optional_int(py::handle object, std::string_view field) {
  if (object.is_none()) return std::nullopt;
  if (PyBool_Check(object.ptr()) || !PyLong_Check(object.ptr())) reject(field, "an int", object);
  int overflow = 0;
  long long value = PyLong_AsLongLongAndOverflow(object.ptr(), &overflow);
  if (overflow != 0) throw ValidationError(std::string(field), "a 64-bit integer");
  return static_cast<std::int64_t>(value);
}

std::string now_date() { return format_datetime(types.datetime.attr("now")(types.utc)); }

py::object fixed_decimal(const Decimal& number, int places) {
  return types.decimal(number.to_fixed(places));
}

py::object from_value(const Value& value) {
  switch (value.type()) {
    case Value::Type::kS:
      return py::str(value.s());
    case Value::Type::kN:
      return types.decimal(value.n().to_string());
    case Value::Type::kB:
      return py::bytes(value.b().data());
    case Value::Type::kBool:
      return py::bool_(value.boolean());
    case Value::Type::kNull:
      return py::none();
    case Value::Type::kM:
      return from_fields(value.m());
    case Value::Type::kL: {
      py::list list;
      for (const Value& item : value.l()) list.append(from_value(item));
      return list;
    }
    case Value::Type::kSS: {
      py::set set;
      for (const std::string& item : value.ss()) set.add(py::str(item));
      return set;
    }
    case Value::Type::kNS: {
      py::set set;
      for (const Decimal& item : value.ns()) set.add(types.decimal(item.to_string()));
      return set;
    }
    case Value::Type::kBS: {
      py::set set;
      for (const Bytes& item : value.bs()) set.add(py::bytes(item.data()));
      return set;
    }
  }
  return py::none();
}

py::dict from_fields(const Fields& fields) {
  py::dict dict;
  for (const auto& [name, value] : fields) dict[py::str(name)] = from_value(value);
  return dict;
}

py::dict from_record_fields(const Fields& fields) {
  py::dict dict;
  for (const auto& [name, value] : fields) {
    if (value.type() != Value::Type::kNull) dict[py::str(name)] = from_value(value);
  }
  return dict;
}

void put_integers(py::dict& dict, const Position& record) {
  dict["version"] = py::int_(record.version);
}

void put_integers(py::dict& dict, const PositionChange& record) {
  dict["version"] = py::int_(record.version);
}

void put_integers(py::dict& dict, const Valuation& record) {
  dict["num_positions"] = py::int_(record.num_positions);
}

}  // namespace alexdb::python
