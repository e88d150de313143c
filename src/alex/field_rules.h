// The rules of SPEC section 5 as field-table rules (record_schema.h): each checks a
// given value of its field's type and returns it in its stored form, or throws
// ValidationError naming the field and the rule (validation.h says which rule is which).
#ifndef ALEXDB_ALEX_FIELD_RULES_H_
#define ALEXDB_ALEX_FIELD_RULES_H_

#include <cstddef>

#include "alex/record_schema.h"
#include "alex/validation.h"

namespace alexdb::alex::rules {

Rule id();
Rule symbol();
// Free text of 1 to `max_length` characters.
Rule text(std::size_t max_length);
Rule instrument_type();
Rule job_type();
Rule job_status();
Rule price();
Rule quantity();
Rule position_action();
Rule cash_balance();
Rule cash_interest();
Rule years_until_retirement();
Rule retirement_income();
Rule allocation(validate::AllocationKind kind);
// A JSON object or array nested at most limits::kMaxNestingDepth deep.
Rule payload();

// `payload` if it is NULL or a JSON object or array nested at most
// limits::kMaxNestingDepth deep; else ValidationError naming `field`.
Value checked_payload(const Value& payload, std::string_view field);

}  // namespace alexdb::alex::rules

#endif  // ALEXDB_ALEX_FIELD_RULES_H_
