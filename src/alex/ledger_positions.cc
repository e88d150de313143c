#include "alex/ledger_positions.h"

#include "alex/position_log.h"
#include "alex/transaction_items.h"
#include "alexdb/errors.h"

namespace alexdb::alex {

namespace {

// The action a trade's position change records.
std::string_view position_action_of(std::string_view type) {
  if (type == "BUY" || type == "SELL") return type;
  return "TRANSFER";
}

// The quantity held now and the time of the position's last change (CURRENT), or 0.
struct Held {
  Decimal quantity;
  std::string last_change;
};

Held held_now(const detail::DatabaseContext& ctx, const std::string& account_id,
              const std::string& symbol) {
  auto current = read_current(ctx, account_id, symbol);
  if (!current) return {};
  return {current->position.quantity, current->position.timestamp};
}

void check_not_below_zero(const Held& held, const Decimal& units, const std::string& account_id,
                          const std::string& symbol) {
  if ((held.quantity + units).sign() < 0) {
    throw ValidationError("quantity", "at most the units held",
                          held.quantity.to_string() + " " + symbol + " held in account " +
                              account_id);
  }
}

}  // namespace

UnitMoves units_moved(const Transaction& t) {
  if (t.voided || !moves_units(t.type) || !t.symbol || !t.quantity) return {};
  const bool in = t.type == "BUY" || t.type == "TRANSFER_IN";
  return {{*t.symbol, in ? *t.quantity : Decimal() - *t.quantity}};
}

UnitMoves units_changed(const Transaction& before, const Transaction& after) {
  UnitMoves moves = units_moved(after);
  for (const auto& [symbol, units] : units_moved(before)) moves[symbol] -= units;
  std::erase_if(moves, [](const auto& move) { return move.second.is_zero(); });
  return moves;
}

void check_trade_move(const detail::DatabaseContext& ctx, const Transaction& t) {
  for (const auto& [symbol, units] : units_moved(t)) {
    const Held held = held_now(ctx, t.account_id, symbol);
    if (!held.last_change.empty() && t.timestamp < held.last_change) {
      throw ValidationError("timestamp", "not before the last change of the position",
                            symbol + " of account " + t.account_id + " last changed at " +
                                held.last_change);
    }
    check_not_below_zero(held, units, t.account_id, symbol);
  }
}

std::string apply_trade_move(const detail::DatabaseContext& ctx, const Transaction& t) {
  std::string committed;
  for (const auto& [symbol, units] : units_moved(t)) {
    committed = move_position(ctx, t.account_id, symbol, units, position_action_of(t.type),
                              Timestamp::parse_or_throw(t.timestamp, "timestamp"),
                              "trade:" + t.id)
                    .timestamp;
  }
  return committed;
}

bool trade_move_missing(const detail::DatabaseContext& ctx, const Transaction& t) {
  for (const auto& [symbol, units] : units_moved(t)) {
    const Held held = held_now(ctx, t.account_id, symbol);
    if (held.last_change.empty() || held.last_change < t.timestamp) return true;
  }
  return false;
}

void check_moves_now(const detail::DatabaseContext& ctx, const std::string& account_id,
                     const UnitMoves& moves) {
  for (const auto& [symbol, units] : moves) {
    check_not_below_zero(held_now(ctx, account_id, symbol), units, account_id, symbol);
  }
}

void apply_moves_now(const detail::DatabaseContext& ctx, const std::string& account_id,
                     const UnitMoves& moves) {
  for (const auto& [symbol, units] : moves) {
    move_position(ctx, account_id, symbol, units, "UPDATE", std::nullopt);
  }
}

}  // namespace alexdb::alex
