// Printing capacity reports (Database::capacity()): `alexdb --stats` and `alexdb cost`.
#ifndef ALEXDB_TOOLS_ALEXDB_CAPACITY_OUTPUT_H_
#define ALEXDB_TOOLS_ALEXDB_CAPACITY_OUTPUT_H_

#include <iosfwd>
#include <nlohmann/json.hpp>

#include "alexdb/capacity.h"

namespace alexdb::cli {

// `from` added into `into`, row by row (rows of the same table and kind merge).
void merge_capacity(CapacityReport& into, const CapacityReport& from);

// The report as a table: a row per table and kind of call, a subtotal per table when it
// has more than one row, and the total (requests, read units, write units).
void print_capacity(std::ostream& out, const CapacityReport& report);

// The report as JSON: {"rows": [{"table", "call", "requests", "read_units",
// "write_units"}...], "total": {"requests", "read_units", "write_units"}}, numbers as
// strings (output.h).
nlohmann::json capacity_json(const CapacityReport& report);
nlohmann::json counts_json(const CapacityCounts& counts);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_CAPACITY_OUTPUT_H_
