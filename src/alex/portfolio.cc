// Portfolio: lots and gains from an account's ledger (SPEC section 12). Reads the ledger
// once (Transactions::list) and replays it through a lot book (ledger_replay.h); gains
// value what is held by the valuations' price rule (prices_at.h).
#include <algorithm>
#include <set>
#include <string_view>
#include <utility>

#include "alex/context.h"
#include "alex/ledger_replay.h"
#include "alex/prices_at.h"
#include "alex/split_items.h"
#include "alex/validation.h"
#include "alexdb/database.h"
#include "alexdb/records.h"
#include "alexdb/validation.h"

namespace alexdb {

namespace {

// The holdings of `lots` (by symbol, as LotBook::lots() gives them), one per symbol,
// without value.
std::vector<UnrealizedGain> holdings_of(const std::vector<Lot>& lots) {
  std::vector<UnrealizedGain> out;
  for (const Lot& lot : lots) {
    if (out.empty() || out.back().symbol != lot.symbol) {
      out.push_back({lot.symbol, Decimal(), Decimal(), Decimal(), Decimal()});
    }
    out.back().quantity += lot.quantity;
    out.back().cost_basis += lot.cost_basis;
  }
  return out;
}

// Values the holdings at `prices`; those without one go to missing_prices.
void value_holdings(Gains& g, std::vector<UnrealizedGain> held,
                    const std::map<std::string, Decimal>& prices) {
  for (UnrealizedGain& u : held) {
    auto price = prices.find(u.symbol);
    if (price == prices.end()) {
      g.missing_prices.push_back(u.symbol);
      continue;
    }
    u.value = Decimal::multiply(u.quantity, price->second, kMoneyPlaces);
    u.gain = u.value - u.cost_basis;
    g.unrealized_total += u.gain;
    g.unrealized.push_back(std::move(u));
  }
}

// The splits of the symbols `ledger` trades that take effect by `until` (unset: any
// time), as known at `as_known_at`: one query per symbol, issued together.
std::vector<Split> splits_of(const detail::DatabaseContext& ctx,
                             const std::vector<Transaction>& ledger,
                             const std::optional<std::string>& until,
                             const std::optional<std::string>& as_known_at) {
  std::optional<Timestamp> last, known;
  if (until) last = validate::timestamp(*until, "at");
  if (as_known_at) known = validate::timestamp(*as_known_at, "as_known_at");
  return alex::splits_until(ctx, alex::traded_symbols(ledger), last, known);
}

}  // namespace

std::vector<Lot> Portfolio::lots(std::string_view account_id, std::optional<std::string> symbol,
                                 std::optional<std::string> at, CostMethod method,
                                 std::optional<std::string> as_known_at) const {
  if (at) validate::timestamp(*at, "at");  // checked here, so an error names `at`
  auto transactions = detail::make_model<Transactions>(context_);
  auto ledger =
      transactions.list(account_id, std::nullopt, at, symbol, as_known_at);
  alex::Replayed replayed =
      alex::replay_ledger(ledger, method, splits_of(*context_, ledger, at, as_known_at));
  if (!symbol) return replayed.book.lots();
  return replayed.book.lots(validate::symbol(*symbol, "symbol"));
}

Gains Portfolio::gains(std::string_view account_id, std::optional<std::string> start,
                       std::optional<std::string> end, CostMethod method,
                       std::optional<std::string> as_known_at) const {
  const alex::validate::TimeRange range = alex::validate::history_range(start, end);
  auto transactions = detail::make_model<Transactions>(context_);
  auto ledger = transactions.list(account_id, std::nullopt, end, std::nullopt, as_known_at);
  alex::Replayed replayed =
      alex::replay_ledger(ledger, method, splits_of(*context_, ledger, end, as_known_at));
  Gains g;
  const std::string from = range.start ? range.start->to_string() : std::string();
  for (RealizedGain& r : replayed.realized) {
    if (r.sold < from) continue;
    g.realized_total += r.gain;
    g.realized.push_back(std::move(r));
  }
  std::vector<UnrealizedGain> held = holdings_of(replayed.book.lots());
  std::vector<std::string> symbols;
  for (const UnrealizedGain& u : held) symbols.push_back(u.symbol);
  const Timestamp priced_at = range.end.value_or(Timestamp(Timestamp::kMaxMicros));
  value_holdings(g, std::move(held), alex::prices_at(*context_, symbols, priced_at));
  return g;
}

}  // namespace alexdb
