// What the update and delete commands share: allocations given on the command line,
// the lines they print, and the refusal of a delete that would take other records.
#ifndef ALEXDB_TOOLS_ALEXDB_EDIT_INPUT_H_
#define ALEXDB_TOOLS_ALEXDB_EDIT_INPUT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "alexdb/records.h"
#include "context.h"

namespace alexdb::cli {

// "equity=60,fixed_income=40" -> {equity: 60, fixed_income: 40}. Throws ValidationError
// naming `field` for a part that is not KEY=PERCENT or a percent that is not a number.
Allocation parse_allocation(const std::string& text, const std::string& field);

// An allocation from the values of a repeatable option: each is a JSON object
// ('{"equity": 60}', numbers kept exact) or KEY=PERCENT[,KEY=PERCENT...]; a key given
// twice takes its last value. An attribute map (M of N), as the library's fields take
// it; the library checks the keys and the sum. ValidationError naming `field`.
Value allocation_argument(const std::vector<std::string>& parts, const std::string& field);

// The help text of an allocation option.
inline constexpr const char* kAllocationHelp =
    "KEY=PERCENT[,KEY=PERCENT...] or a JSON object; repeat to add keys";

// Prints that a record changed: "<verb> <kind> <id>" (and " (N records)" for a delete
// that removed more than one), or with --json {"<id_field>": id, "<verb>": "N"}.
void print_changed(Context& context, const std::string& verb, const std::string& kind,
                   const std::string& id_field, const std::string& id, std::int64_t count);

// Reports a refused command in the documented form, "alexdb: error: FIELD: RULE", on
// stderr and marks the command failed (exit 1); nothing was written.
void refuse(Context& context, const std::string& field, const std::string& rule);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_EDIT_INPUT_H_
