#include "valuation_output.h"

#include <ostream>

#include "output.h"

namespace alexdb::cli {

void print_valuation(std::ostream& out, const Valuation& valuation, int indent) {
  std::string pad(static_cast<std::size_t>(indent), ' ');
  out << pad << "account " << valuation.account_id << " valued "
      << (valuation.as_of_date ? "at " + *valuation.as_of_date : std::string("at current prices"))
      << '\n';
  Table table({"SYMBOL", "QUANTITY", "PRICE", "PRICE DATE", "VALUE"});
  table.right(1).right(2).right(4);
  for (const PositionValue& p : valuation.positions) {
    table.add({p.symbol, p.quantity.to_string(), p.price.to_string(),
               p.price_timestamp.substr(0, 10) + (p.stale ? " (stale)" : ""), money(p.value)});
  }
  for (const MissingPrice& m : valuation.missing_prices) {
    table.add({m.symbol, m.quantity.to_string(), "-", "no price", "missing"});
  }
  if (!table.empty()) table.print(out, indent);
  out << pad << "total " << money(valuation.total_value) << " in " << valuation.num_positions
      << (valuation.num_positions == 1 ? " position" : " positions");
  if (!valuation.missing_prices.empty()) {
    out << " (" << valuation.missing_prices.size() << " without a price, not counted)";
  }
  out << '\n';
  if (valuation.cash) out << pad << "cash " << money(*valuation.cash) << " (the ledger's)\n";
}

void print_series(std::ostream& out, const std::vector<Valuation>& series) {
  const bool cash = !series.empty() && series.front().cash;
  std::vector<std::string> columns = {"DATE", "VALUE", "POSITIONS", "MISSING PRICES"};
  if (cash) columns.push_back("CASH");
  Table table(columns);
  table.right(1).right(2).right(3);
  if (cash) table.right(4);
  for (const Valuation& v : series) {
    std::vector<std::string> row = {v.as_of_date.value_or("").substr(0, 10), money(v.total_value),
                                    std::to_string(v.num_positions),
                                    std::to_string(v.missing_prices.size())};
    if (cash) row.push_back(money(v.cash.value_or(Decimal())));
    table.add(row);
  }
  table.print(out);
}

}  // namespace alexdb::cli
