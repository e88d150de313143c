// Portfolio::cash_balance: the ledger's cash at a moment (alex/cash.h).
#include "alex/cash.h"
#include "alex/context.h"
#include "alex/validation.h"
#include "alexdb/database.h"

namespace alexdb {

Decimal Portfolio::cash_balance(std::string_view account_id, std::optional<std::string> at,
                                std::optional<std::string> as_known_at) const {
  const Timestamp until = at ? alex::validate::timestamp(*at, "at")
                             : Timestamp(Timestamp::kMaxMicros);
  auto ledger = detail::make_model<Transactions>(context_).list(
      account_id, std::nullopt, until.to_string(), std::nullopt, std::move(as_known_at));
  return alex::cash_at_points(ledger, {until}).front();
}

}  // namespace alexdb
