#include "alex/ledger_replay.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "alex/transaction_items.h"
#include "alexdb/errors.h"

namespace alexdb::alex {

namespace {

// The rule of LotBook's ValidationError for a draw of more than is held.
constexpr std::string_view kOversoldRule = "must not exceed the units held";
// Sorts after every fixed-width timestamp: the splits after the last transaction.
constexpr std::string_view kAfterEveryTime = "~";

// What a book refuses only when a ledger draws more than it holds.
[[noreturn]] void throw_oversold(const Transaction& t, const Decimal& held) {
  throw ValidationError("quantity", "a " + t.type + " " + std::string(kOversoldRule),
                        "transaction " + t.id + " at " + t.timestamp + " draws " +
                            t.quantity->to_string() + " " + *t.symbol + ", " + held.to_string() +
                            " held; the ledger is inconsistent");
}

void apply_trade(Replayed& r, const Transaction& t) {
  const std::string& type = t.type;
  if (!moves_units(type)) return;
  // Trades record() wrote always carry these (checked_transaction).
  if (!t.symbol || !t.quantity || !t.price) return;
  const Decimal& quantity = *t.quantity;
  if (type == "BUY") {
    r.book.buy(*t.symbol, quantity, *t.price, t.fees, t.timestamp);
  } else if (type == "TRANSFER_IN") {
    r.book.transfer_in(*t.symbol, quantity, *t.price, t.timestamp);
  } else if (type == "TRANSFER_OUT") {
    r.book.transfer_out(*t.symbol, quantity);
  } else {
    for (RealizedGain& g : r.book.sell(*t.symbol, quantity, *t.price, t.fees, t.timestamp)) {
      r.realized.push_back(std::move(g));
    }
  }
}

}  // namespace

Replayed replay_ledger(const std::vector<Transaction>& ledger, CostMethod method,
                       const std::vector<Split>& splits) {
  Replayed r{LotBook(method), {}};
  // Each sale realizes at least one part: room for that many up front.
  r.realized.reserve(static_cast<std::size_t>(std::count_if(
      ledger.begin(), ledger.end(), [](const Transaction& t) { return t.type == "SELL"; })));
  std::size_t next_split = 0;
  auto split_until = [&](std::string_view until) {
    for (; next_split < splits.size() && splits[next_split].effective <= until; ++next_split) {
      const Split& s = splits[next_split];
      r.book.split(s.symbol, s.ratio_from, s.ratio_to);
    }
  };
  for (const Transaction& t : ledger) {
    split_until(t.timestamp);
    try {
      apply_trade(r, t);
    } catch (const ValidationError& e) {
      // The book checks holdings before it draws (lot_book.h): only an oversale gets here
      // with this rule, and the book is unchanged by it.
      if (e.rule() != kOversoldRule) throw;
      throw_oversold(t, r.book.held(*t.symbol));
    }
  }
  split_until(kAfterEveryTime);
  return r;
}

}  // namespace alexdb::alex
