// The field table of a record: each field of each record of records.h is declared
// once (src/alex/*_fields.cc) with its name, its type (from the member it is read from),
// whether it is required or has a default, the rule that validates it, who may set it,
// how it is stored and the column that shows it. Everything a record converts to or
// from derives from its table: to_fields() (the Python dict, the command line's JSON),
// the stored item's attributes and the record read back from them, the input of the
// generic create()/update() calls, and the command line's table columns.
#ifndef ALEXDB_ALEX_RECORD_SCHEMA_H_
#define ALEXDB_ALEX_RECORD_SCHEMA_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "alexdb/expression.h"
#include "alexdb/records.h"
#include "alexdb/value.h"

namespace alexdb::alex {

// What a field holds; follows from the C++ type of the record's member.
enum class FieldType { kText, kNumber, kInteger, kFlag, kAllocation, kJson, kRecords };

// Which calls may set a field from the caller's named fields.
enum class Settable {
  kNever,           // set by the library only (ids, timestamps, derived values): refused
  kOnCreate,        // by create() only
  kAlways,          // by create() and update()
  kOnUpdate,        // by update() only
  kIgnoredOnCreate  // accepted by create() and ignored (the seed's dicts carry them)
};

// Checks a given value (already of the field's type: S, N or a map of N, any value for
// JSON) and returns it in its stored form; throws ValidationError naming `field`.
using FieldRule = std::function<Value(const Value& value, std::string_view field)>;

// One field of record type R.
template <typename R>
struct Field {
  std::string_view name;
  FieldType type = FieldType::kText;
  std::function<Value(const R&)> read;          // the member as a Value; NULL when unset
  std::function<void(R&, const Value&)> write;  // sets the member; NULL unsets it
  bool required = false;                        // create() refuses a record without it
  bool required_on_read = false;                // a stored item without it is a StoreError
  std::optional<Value> default_value;           // given on create and read when absent from storage
  FieldRule rule;                                    // none: any value of the type
  Settable settable = Settable::kNever;
  bool null_clears = false;     // update(): NULL removes it (otherwise NULL means "not given")
  bool stored = true;           // an attribute of the stored item
  bool omit_when_null = false;  // to_fields() leaves it out instead of showing NULL
  std::string_view column;      // the header of its column in a listing; empty: none

  // Required by create() and in every stored item.
  Field&& must() && {
    required = required_on_read = true;
    return std::move(*this);
  }
  // Required by create(); an item stored without it reads as an empty value.
  Field&& must_on_create() && {
    required = true;
    return std::move(*this);
  }
  // Present in every stored item (set by the library, not by callers).
  Field&& always_stored() && {
    required_on_read = true;
    return std::move(*this);
  }
  Field&& or_default(Value value) && {
    default_value = std::move(value);
    return std::move(*this);
  }
  Field&& checked(FieldRule r) && {
    rule = std::move(r);
    return std::move(*this);
  }
  Field&& set_on(Settable s) && {
    settable = s;
    return std::move(*this);
  }
  Field&& cleared_by_null() && {
    null_clears = true;
    return std::move(*this);
  }
  Field&& not_stored() && {
    stored = false;
    return std::move(*this);
  }
  Field&& omitted_when_null() && {
    omit_when_null = true;
    return std::move(*this);
  }
  Field&& shown_as(std::string_view header) && {
    column = header;
    return std::move(*this);
  }
};

namespace schema_detail {

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

// The Value of a member of type T, and back (the stored form: validated already).
template <typename T>
Value to_value(const T& member) {
  if constexpr (IsOptional<T>::value) {
    return member ? to_value(*member) : Value::Null();
  } else if constexpr (std::is_same_v<T, std::string>) {
    return Value::S(member);
  } else if constexpr (std::is_same_v<T, Decimal>) {
    return Value::N(member);
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return Value::N(Decimal::from_int(member));
  } else if constexpr (std::is_same_v<T, bool>) {
    return Value::Bool(member);
  } else if constexpr (std::is_same_v<T, Allocation>) {
    Value::Map map;
    for (const auto& [key, share] : member) map.emplace(key, Value::N(share));
    return Value::M(std::move(map));
  } else if constexpr (std::is_same_v<T, Value>) {
    return member;
  } else {
    static_assert(IsVector<T>::value, "a field of an unsupported type");
    Value::List list;
    list.reserve(member.size());
    for (const auto& record : member) list.push_back(Value::M(record.to_fields()));
    return Value::L(std::move(list));
  }
}

// Sets `member` from a Value of the field's type (NULL: unset or zero).
template <typename T>
void from_value(T& member, const Value& value) {
  if constexpr (IsOptional<T>::value) {
    if (value.is_null()) {
      member.reset();
    } else {
      typename T::value_type inner{};
      from_value(inner, value);
      member = std::move(inner);
    }
  } else if (value.is_null()) {
    member = T{};
  } else if constexpr (std::is_same_v<T, std::string>) {
    member = value.s();
  } else if constexpr (std::is_same_v<T, Decimal>) {
    member = value.n();
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    member = value.n().to_int64().value_or(0);
  } else if constexpr (std::is_same_v<T, bool>) {
    member = value.boolean();
  } else if constexpr (std::is_same_v<T, Allocation>) {
    member.clear();
    for (const auto& [key, share] : value.m()) member[key] = share.n();
  } else if constexpr (std::is_same_v<T, Value>) {
    member = value;
  } else {
    static_assert(IsVector<T>::value, "a field of an unsupported type");
    // Lists of records are results only: never read back.
  }
}

template <typename T>
constexpr FieldType type_of() {
  if constexpr (IsOptional<T>::value) {
    return type_of<typename T::value_type>();
  } else if constexpr (std::is_same_v<T, std::string>) {
    return FieldType::kText;
  } else if constexpr (std::is_same_v<T, Decimal>) {
    return FieldType::kNumber;
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return FieldType::kInteger;
  } else if constexpr (std::is_same_v<T, bool>) {
    return FieldType::kFlag;
  } else if constexpr (std::is_same_v<T, Allocation>) {
    return FieldType::kAllocation;
  } else if constexpr (std::is_same_v<T, Value>) {
    return FieldType::kJson;
  } else {
    return FieldType::kRecords;
  }
}

}  // namespace schema_detail

// The field `name` of R, read from and written to `member`.
template <typename R, typename T>
Field<R> field(std::string_view name, T R::*member) {
  Field<R> f;
  f.name = name;
  f.type = schema_detail::type_of<T>();
  f.read = [member](const R& record) { return schema_detail::to_value(record.*member); };
  f.write = [member](R& record, const Value& value) {
    schema_detail::from_value(record.*member, value);
  };
  return f;
}

// Throws ValidationError(name, "required").
[[noreturn]] void throw_required_field(std::string_view name);

// The validated input of a create() or update(): field name to stored form, NULL for a
// field that update() removes.
using Checked = Value::Map;

// The input value of a field of `type` given by a caller: S for text, N or a numeric
// string for numbers, a map of those for allocations, true/false for flags, anything
// for JSON. ValidationError naming `name` otherwise.
Value input_value(FieldType type, const Value& given, std::string_view name);
// `value` as stored for a field of `type` (untrusted); StoreError naming the attribute
// when it is missing (NULL) or of another type.
const Value& stored_value(FieldType type, const Value& value, std::string_view name);
// Throws ValidationError: `name` is not a field of `record`, which has `allowed`.
[[noreturn]] void refuse_field(std::string_view name, std::string_view record,
                               const std::vector<std::string_view>& allowed);

// The field table of a record type: the conversions every record derives from it.
template <typename R>
class Schema {
 public:
  Schema(std::string_view record, std::initializer_list<Field<R>> fields)
      : record_(record), fields_(fields) {}

  const std::vector<Field<R>>& fields() const { return fields_; }

  // Every shown field by name, NULL for an unset optional (left out when it says so).
  Fields to_fields(const R& record) const {
    Fields out;
    for (const Field<R>& f : fields_) {
      Value value = f.read(record);
      if (value.is_null() && f.omit_when_null) continue;
      out.insert_or_assign(std::string(f.name), std::move(value));
    }
    return out;
  }

  // The stored attributes of `record` (set fields only) added to `item`.
  Item to_item(const R& record, Item item = {}) const {
    for (const Field<R>& f : fields_) {
      if (!f.stored) continue;
      Value value = f.read(record);
      if (!value.is_null()) item.insert_or_assign(std::string(f.name), std::move(value));
    }
    return item;
  }

  // The record a stored item holds: a missing attribute takes the field's default (an
  // empty value without one); a missing attribute required on read, or one of another
  // type, is a StoreError naming it.
  R from_item(const Item& item) const {
    R record{};
    for (const Field<R>& f : fields_) {
      if (!f.stored) continue;
      auto it = item.find(f.name);
      if (it == item.end() || it->second.is_null()) {
        if (f.default_value) {
          f.write(record, *f.default_value);
        } else if (f.required_on_read) {
          stored_value(f.type, Value::Null(), f.name);  // throws: missing
        }
        continue;
      }
      f.write(record, stored_value(f.type, it->second, f.name));
    }
    return record;
  }

  // The checked fields of a new record from the caller's `fields`: a field nobody may set
  // is refused, a missing required one is "required", a missing one with a default takes
  // it; fields ignored on create are dropped. ValidationError names the field and rule.
  Checked for_create(const Fields& fields) const {
    refuse_unknown(fields, true);
    Checked out;
    for (const Field<R>& f : fields_) {
      if (f.settable != Settable::kOnCreate && f.settable != Settable::kAlways) continue;
      auto it = fields.find(f.name);
      if (it != fields.end() && !it->second.is_null()) {
        out.insert_or_assign(std::string(f.name), check(f, it->second));
      } else if (f.required) {
        throw_required_field(f.name);
      } else if (f.default_value) {
        out.insert_or_assign(std::string(f.name), *f.default_value);
      }
    }
    return out;
  }

  // The checked changes of an update(): only fields update() may set (others are
  // refused); NULL removes a field that is cleared by null and is otherwise "not given".
  Checked for_update(const Fields& fields) const {
    refuse_unknown(fields, false);
    Checked out;
    for (const Field<R>& f : fields_) {
      auto it = fields.find(f.name);
      if (it == fields.end()) continue;
      if (!it->second.is_null()) {
        out.insert_or_assign(std::string(f.name), check(f, it->second));
      } else if (f.null_clears) {
        out.insert_or_assign(std::string(f.name), Value::Null());
      }
    }
    return out;
  }

  // A record holding the checked fields (others empty).
  R record_of(const Checked& checked) const {
    R record{};
    for (const Field<R>& f : fields_) {
      if (auto it = checked.find(f.name); it != checked.end()) f.write(record, it->second);
    }
    return record;
  }

  // The listing columns, in field order.
  std::vector<Column> columns() const {
    std::vector<Column> out;
    for (const Field<R>& f : fields_) {
      if (f.column.empty()) continue;
      bool numeric = f.type == FieldType::kNumber || f.type == FieldType::kInteger;
      out.push_back(Column{std::string(f.column), std::string(f.name), numeric});
    }
    return out;
  }

 private:
  Value check(const Field<R>& f, const Value& given) const {
    Value value = input_value(f.type, given, f.name);
    return f.rule ? f.rule(value, f.name) : value;
  }

  void refuse_unknown(const Fields& fields, bool create) const {
    for (const auto& [name, value] : fields) {
      const Field<R>* found = nullptr;
      for (const Field<R>& f : fields_) {
        if (f.name == name) found = &f;
      }
      if (found && allowed(*found, create)) continue;
      std::vector<std::string_view> names;
      for (const Field<R>& f : fields_) {
        if (allowed(f, create)) names.push_back(f.name);
      }
      refuse_field(name, record_, names);
    }
  }

  static bool allowed(const Field<R>& f, bool create) {
    if (create) {
      return f.settable == Settable::kOnCreate || f.settable == Settable::kAlways ||
             f.settable == Settable::kIgnoredOnCreate;
    }
    return f.settable == Settable::kAlways || f.settable == Settable::kOnUpdate;
  }

  std::string_view record_;
  std::vector<Field<R>> fields_;
};

// The update that applies checked changes: SET each value, REMOVE each NULL.
Update update_of(const Checked& changes);

// The named fields Positions::create() and update() take: a change of a position, told
// by its account, symbol and quantity after it (the action and time are optional).
struct ChangeInput {
  std::string account_id;
  std::string symbol;
  Decimal quantity;
  std::optional<std::string> action;
  std::optional<std::string> timestamp;  // checked by validate::change_time at the call
  std::string ignored;                   // fields of a position dict that are not input
};

// The field tables (src/alex/*_fields.cc).
const Schema<User>& user_schema();
const Schema<Instrument>& instrument_schema();
const Schema<PricePoint>& price_schema();
const Schema<Account>& account_schema();
const Schema<Position>& position_schema();
const Schema<PositionChange>& change_schema();
const Schema<ChangeInput>& change_input_schema();
const Schema<PositionValue>& position_value_schema();
const Schema<MissingPrice>& missing_price_schema();
const Schema<Valuation>& valuation_schema();
const Schema<Job>& job_schema();

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_RECORD_SCHEMA_H_
