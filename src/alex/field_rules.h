// The rules of SPEC section 5 as field-table rules (record_schema.h): each checks a
// given value of its field's type and returns it in its stored form, or throws
// ValidationError naming the field and the rule (validation.h says which rule is which).
#ifndef ALEXDB_ALEX_FIELD_RULES_H_
#define ALEXDB_ALEX_FIELD_RULES_H_

#include <cstddef>

#include "alex/record_schema.h"
#include "alex/validation.h"

namespace alexdb::alex::rules {

FieldRule id();
FieldRule symbol();
// Free text of 1 to `max_length` characters.
FieldRule text(std::size_t max_length);
FieldRule instrument_type();
FieldRule job_type();
FieldRule job_status();
FieldRule price();
FieldRule quantity();
FieldRule position_action();
FieldRule cash_balance();
FieldRule cash_interest();
FieldRule years_until_retirement();
FieldRule retirement_income();
FieldRule allocation(validate::AllocationKind kind);
// A JSON object or array nested at most limits::kMaxNestingDepth deep.
FieldRule payload();

}  // namespace alexdb::alex::rules

#endif  // ALEXDB_ALEX_FIELD_RULES_H_
