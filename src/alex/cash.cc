#include "alex/cash.h"

namespace alexdb::alex {

Decimal cash_moved(const Transaction& t) {
  if (t.voided) return Decimal();
  const Decimal amount = t.amount.value_or(Decimal());
  if (t.type == "DEPOSIT" || t.type == "DIVIDEND" || t.type == "INTEREST") return amount;
  if (t.type == "WITHDRAWAL" || t.type == "FEE") return Decimal() - amount;
  if (t.type == "BUY" || t.type == "SELL") {
    const Decimal gross = t.price.value_or(Decimal()) * t.quantity.value_or(Decimal());
    return t.type == "BUY" ? Decimal() - gross - t.fees : gross - t.fees;
  }
  return Decimal();
}

std::vector<Decimal> cash_at_points(const std::vector<Transaction>& ledger,
                                    const std::vector<Timestamp>& points) {
  std::vector<Decimal> out;
  out.reserve(points.size());
  Decimal balance;
  std::size_t next = 0;
  for (Timestamp p : points) {
    const std::string until = p.to_string();
    while (next < ledger.size() && ledger[next].timestamp <= until) {
      balance += cash_moved(ledger[next]);
      ++next;
    }
    out.push_back(balance);
  }
  return out;
}

}  // namespace alexdb::alex
