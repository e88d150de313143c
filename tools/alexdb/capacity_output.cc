#include "capacity_output.h"

#include <algorithm>
#include <ostream>
#include <string>
#include <tuple>

#include "output.h"

namespace alexdb::cli {

void merge_capacity(CapacityReport& into, const CapacityReport& from) {
  for (const CapacityReport::Row& row : from.rows) {
    auto it = std::find_if(into.rows.begin(), into.rows.end(), [&](const CapacityReport::Row& r) {
      return r.table == row.table && r.kind == row.kind;
    });
    if (it == into.rows.end()) {
      into.rows.push_back(row);
    } else {
      it->counts += row.counts;
    }
  }
  std::sort(into.rows.begin(), into.rows.end(), [](const auto& a, const auto& b) {
    return std::tie(a.table, a.kind) < std::tie(b.table, b.kind);
  });
  into.total += from.total;
}

namespace {

std::vector<std::string> counts_cells(std::string table, std::string call,
                                      const CapacityCounts& counts) {
  return {std::move(table), std::move(call), std::to_string(counts.requests),
          counts.read_units.to_string(), counts.write_units.to_string()};
}

}  // namespace

void print_capacity(std::ostream& out, const CapacityReport& report) {
  Table table({"table", "call", "requests", "read units", "write units"});
  table.right(2).right(3).right(4);
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    const CapacityReport::Row& row = report.rows[i];
    table.add(counts_cells(row.table, std::string(call_kind_name(row.kind)), row.counts));
    bool last_of_table = i + 1 == report.rows.size() || report.rows[i + 1].table != row.table;
    bool first_of_table = i == 0 || report.rows[i - 1].table != row.table;
    if (last_of_table && !first_of_table) {
      table.add(counts_cells(row.table, "(all)", report.table_total(row.table)));
    }
  }
  table.add(counts_cells("total", "", report.total));
  table.print(out);
}

nlohmann::json counts_json(const CapacityCounts& counts) {
  return {{"requests", std::to_string(counts.requests)},
          {"read_units", counts.read_units.to_string()},
          {"write_units", counts.write_units.to_string()}};
}

nlohmann::json capacity_json(const CapacityReport& report) {
  nlohmann::json rows = nlohmann::json::array();
  for (const CapacityReport::Row& row : report.rows) {
    nlohmann::json entry = counts_json(row.counts);
    entry["table"] = row.table;
    entry["call"] = std::string(call_kind_name(row.kind));
    rows.push_back(std::move(entry));
  }
  return {{"rows", std::move(rows)}, {"total", counts_json(report.total)}};
}

}  // namespace alexdb::cli
