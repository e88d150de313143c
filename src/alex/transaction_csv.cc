#include "alex/transaction_csv.h"

#include <algorithm>
#include <cctype>

namespace alexdb::alex {

namespace {

std::string lower_name(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The index of `name` in kCsvFields (`date` is timestamp's), or nullopt.
std::optional<std::size_t> field_index(std::string_view name) {
  const std::string lowered = lower_name(name);
  if (lowered == "date") return 0;
  for (std::size_t i = 0; i < kCsvFields.size(); ++i) {
    if (kCsvFields[i] == lowered) return i;
  }
  return std::nullopt;
}

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string field_list() {
  std::string list = "timestamp (or date)";
  for (std::size_t i = 1; i < kCsvFields.size(); ++i) list += ", " + std::string(kCsvFields[i]);
  return list;
}

// Sets the column of field `field` to `column`, or reports the header naming it twice.
void assign(CsvColumns& columns, std::size_t field, std::size_t column,
            const std::vector<std::string>& header, std::vector<RowProblem>& problems) {
  auto& at = columns.index[field];
  if (at) {
    problems.push_back({"header", "columns " + in_quotes(header[*at]) + " and " +
                                      in_quotes(header[column]) + " both hold " +
                                      std::string(kCsvFields[field])});
    return;
  }
  at = column;
}

// Parses `text` as the Decimal of `field`; a problem into `problems` when it is not one.
std::optional<Decimal> number_cell(const std::string& text, std::string_view field,
                                   std::vector<RowProblem>& problems) {
  if (text.empty()) return std::nullopt;
  try {
    return Decimal::parse(text, field);
  } catch (const ValidationError& e) {
    problems.push_back(problem_of(e));
    return std::nullopt;
  }
}

}  // namespace

RowProblem problem_of(const ValidationError& error) {
  std::string problem = error.rule();
  if (!error.detail().empty()) problem += " (" + error.detail() + ")";
  return {error.field(), std::move(problem)};
}

void check_csv_mapping(const CsvMapping& mapping) {
  std::vector<std::string> columns;
  for (const auto& [field, column] : mapping) {
    if (std::find(kCsvFields.begin(), kCsvFields.end(), field) == kCsvFields.end()) {
      throw ValidationError("mapping", "maps the fields " + field_list(),
                            "got " + in_quotes(field));
    }
    if (column.empty()) throw ValidationError("mapping", "a column name for each field", field);
    columns.push_back(lower_name(column));
  }
  std::sort(columns.begin(), columns.end());
  if (auto twice = std::adjacent_find(columns.begin(), columns.end()); twice != columns.end()) {
    throw ValidationError("mapping", "each column for one field",
                          "got " + in_quotes(*twice) + " twice");
  }
}

CsvColumns csv_columns(const std::vector<std::string>& header, const CsvMapping& mapping,
                       std::vector<RowProblem>& problems) {
  CsvColumns columns;
  columns.count = header.size();
  std::vector<std::string> unknown;
  for (std::size_t column = 0; column < header.size(); ++column) {
    const std::string name = lower_name(header[column]);
    auto mapped = std::find_if(mapping.begin(), mapping.end(),
                               [&](const auto& entry) { return lower_name(entry.second) == name; });
    if (mapped != mapping.end()) {
      assign(columns, *field_index(mapped->first), column, header, problems);
    } else if (auto field = field_index(name); field && !mapping.contains(kCsvFields[*field])) {
      assign(columns, *field, column, header, problems);
    } else if (mapping.empty()) {
      unknown.push_back(in_quotes(header[column]));
    }
  }
  if (!unknown.empty()) {
    std::string names;
    for (const std::string& u : unknown) names += (names.empty() ? "" : ", ") + u;
    problems.push_back(
        {"header", "columns are " + field_list() + ", or mapped to them (unknown: " + names + ")"});
  }
  for (const auto& [field, column] : mapping) {
    if (!columns.index[*field_index(field)]) {
      problems.push_back(
          {"header", "no column " + in_quotes(column) + " (mapped to " + field + ")"});
    }
  }
  for (std::size_t required : {0, 1}) {
    if (!columns.index[required] && !mapping.contains(kCsvFields[required])) {
      problems.push_back(
          {"header",
           "a column for " + std::string(required == 0 ? "timestamp (or date)" : "type")});
    }
  }
  return columns;
}

std::optional<TransactionInput> csv_input(const std::vector<std::string>& fields,
                                          const CsvColumns& columns,
                                          std::vector<RowProblem>& problems) {
  if (fields.size() != columns.count) {
    problems.push_back({"row", "expected " + std::to_string(columns.count) + " fields, found " +
                                   std::to_string(fields.size())});
    return std::nullopt;
  }
  const std::size_t before = problems.size();
  auto cell = [&](std::size_t field) -> std::optional<std::string> {
    const auto& at = columns.index[field];
    if (!at || fields[*at].empty()) return std::nullopt;
    return fields[*at];
  };
  auto number = [&](std::size_t field) {
    const auto text = cell(field);
    return text ? number_cell(*text, kCsvFields[field], problems) : std::nullopt;
  };
  TransactionInput input;
  input.timestamp = cell(0);
  if (!input.timestamp) problems.push_back({"timestamp", "required in an imported file"});
  input.type = cell(1).value_or("");
  input.symbol = cell(2);
  input.quantity = number(3);
  input.price = number(4);
  input.fees = number(5).value_or(Decimal());
  input.amount = number(6);
  input.external_id = cell(7);
  input.note = cell(8);
  if (problems.size() != before) return std::nullopt;
  return input;
}

}  // namespace alexdb::alex
