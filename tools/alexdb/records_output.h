// Printing records: one record as aligned "field  value" lines (or a JSON object), a
// list as a table of chosen fields (or a JSON array of objects).
#ifndef ALEXDB_TOOLS_ALEXDB_RECORDS_OUTPUT_H_
#define ALEXDB_TOOLS_ALEXDB_RECORDS_OUTPUT_H_

#include <string>
#include <vector>

#include "alexdb/records.h"
#include "context.h"

namespace alexdb::cli {

// A column of a record table: its header, the field shown, right-aligned if numeric.
struct Column {
  std::string header;
  std::string field;
  bool numeric = false;
};

void print_record(Context& context, const Fields& fields);
void print_records(Context& context, const std::vector<Fields>& records,
                   const std::vector<Column>& columns);

// Prints `what` was not found on stderr and marks the command failed.
void not_found(Context& context, const std::string& what);

template <typename Record>
std::vector<Fields> all_fields(const std::vector<Record>& records) {
  std::vector<Fields> out;
  out.reserve(records.size());
  for (const Record& r : records) out.push_back(r.to_fields());
  return out;
}

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_RECORDS_OUTPUT_H_
