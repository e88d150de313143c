// Valuations for people: the positions table with prices and their dates, the missing
// prices, the totals; a series as one line per date.
#ifndef ALEXDB_TOOLS_ALEXDB_VALUATION_OUTPUT_H_
#define ALEXDB_TOOLS_ALEXDB_VALUATION_OUTPUT_H_

#include <iosfwd>
#include <vector>

#include "alexdb/records.h"

namespace alexdb::cli {

void print_valuation(std::ostream& out, const Valuation& valuation, int indent = 0);
void print_series(std::ostream& out, const std::vector<Valuation>& series);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_VALUATION_OUTPUT_H_
