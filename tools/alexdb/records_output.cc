#include "records_output.h"

#include <iostream>

#include "output.h"

namespace alexdb::cli {

void print_record(Context& context, const Fields& fields) {
  if (context.json()) {
    print_json(to_json(fields));
    return;
  }
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& [name, value] : fields) rows.emplace_back(name, cell(value));
  print_fields(std::cout, rows);
}

void print_records(Context& context, const std::vector<Fields>& records,
                   const std::vector<Column>& columns) {
  if (context.json()) {
    nlohmann::json array = nlohmann::json::array();
    for (const Fields& fields : records) array.push_back(to_json(fields));
    print_json(array);
    return;
  }
  std::vector<std::string> headers;
  for (const Column& c : columns) headers.push_back(c.header);
  Table table(headers);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].numeric) table.right(i);
  }
  for (const Fields& fields : records) {
    std::vector<std::string> row;
    for (const Column& c : columns) {
      auto it = fields.find(c.field);
      row.push_back(it == fields.end() ? "" : cell(it->second));
    }
    table.add(std::move(row));
  }
  table.print(std::cout);
  std::cout << "(" << records.size() << (records.size() == 1 ? " record" : " records") << ")\n";
}

void not_found(Context& context, const std::string& what) {
  std::cerr << "alexdb: error: " << what << " not found\n";
  context.fail();
}

}  // namespace alexdb::cli
