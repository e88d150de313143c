// Printing records: one record as aligned "field  value" lines (or a JSON object), a
// list as a table of chosen fields (or a JSON array of objects).
#ifndef ALEXDB_TOOLS_ALEXDB_RECORDS_OUTPUT_H_
#define ALEXDB_TOOLS_ALEXDB_RECORDS_OUTPUT_H_

#include <string>
#include <vector>

#include "alexdb/records.h"
#include "context.h"

namespace alexdb::cli {

void print_record(Context& context, const Fields& fields);
void print_records(Context& context, const std::vector<Fields>& records,
                   const std::vector<Column>& columns);
// A list of records as a table of the record type's columns (or a JSON array).
template <typename Record>
void print_records(Context& context, const std::vector<Record>& records);

// Prints `what` was not found on stderr and marks the command failed.
void not_found(Context& context, const std::string& what);

template <typename Record>
std::vector<Fields> all_fields(const std::vector<Record>& records) {
  std::vector<Fields> out;
  out.reserve(records.size());
  for (const Record& r : records) out.push_back(r.to_fields());
  return out;
}

template <typename Record>
void print_records(Context& context, const std::vector<Record>& records) {
  print_records(context, all_fields(records), Record::columns());
}

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_RECORDS_OUTPUT_H_
