// Instruments::record_split and splits: corporate actions (SPEC section 12), stored as
// <symbol> / SPLIT#<effective> (split_items.h), applied to the positions that hold the
// symbol (ledger_positions.h's moves) and to its price from the effective time.
#include "alex/keys.h"
#include "alex/lot_book.h"
#include "alex/model_support.h"
#include "alex/record_items.h"
#include "alex/position_log.h"
#include "alex/price_log.h"
#include "alex/split_items.h"
#include "alex/validation.h"
#include "alexdb/database.h"
#include "alexdb/errors.h"

namespace alexdb {

namespace {

Decimal split_ratio(const Decimal& value, std::string_view field) {
  Decimal checked = alex::validate::quantity(value, field);
  if (checked.sign() <= 0) {
    throw ValidationError(std::string(field), "greater than 0", "got " + checked.to_string());
  }
  return checked;
}

// Puts the split unless one is stored at its time; the split stored then.
Split store_split(const detail::DatabaseContext& ctx, const Split& split) {
  Item item = alex::split_item(split);
  const Item key = alex::instruments_key(split.symbol, alex::keys::split_sk(split.effective));
  const std::string token = detail::DatabaseContext::new_uuid();
  item.insert_or_assign(std::string(alex::kRequestToken), Value::S(token));
  auto outcome = alex::write_once(
      [&] {
        ctx.store->put({ctx.instruments_table, item,
                        cond::attribute_not_exists(std::string(alex::kSymbolKey)),
                        ReturnValues::kNone});
      },
      [&] { return alex::carries_token(ctx, ctx.instruments_table, key, token); });
  if (outcome == alex::WriteOutcome::kApplied) return split;
  auto stored = alex::get_instrument_item(ctx, split.symbol, alex::keys::split_sk(split.effective));
  if (!stored) throw ConditionFailed("split of " + split.symbol + " kept changing; try again");
  return alex::split_from_item(*stored);
}

// Moves every position of the split's symbol held just before it takes effect by the
// units it adds (or takes).
void apply_to_positions(const detail::DatabaseContext& ctx, const Split& split,
                        Timestamp effective) {
  using namespace cond;
  const std::vector<Item> currents = alex::scan_filtered(
      ctx, ctx.users_table,
      begins_with(path(std::string(alex::kPk)), Value::S(std::string(alex::keys::kAccountPrefix))) &&
          eq(path(std::string(alex::kSk)), Value::S(alex::keys::current_sk(split.symbol))));
  for (const Item& item : currents) {
    auto account = alex::keys::parse_account_pk(item.at(std::string(alex::kPk)).s());
    if (!account) continue;
    const Position current = alex::current_from_item(item).position;
    auto before = ctx.store->query(
        alex::history_at_query(ctx, *account, split.symbol, effective.plus_micros(-1)));
    if (before.items.empty()) continue;
    const Decimal held = alex::change_from_item(before.items.front()).quantity;
    if (held.sign() <= 0) continue;
    const Decimal after =
        Decimal::divide(held * split.ratio_to, split.ratio_from, alex::kSplitQuantityPlaces);
    if (after == held) continue;
    // Not changed since: the split lands at its time; else now, as a correction.
    std::optional<Timestamp> at;
    auto last = Timestamp::parse(current.timestamp);
    if (last && *last < effective) at = effective;
    alex::move_position(ctx, *account, split.symbol, after - held, "UPDATE", at);
  }
}

// Records the price the split implies at its effective time: `before`, the last price
// quoted at or before it (as get_price_at_date reads it), times ratio_from / ratio_to
// (rounded half-even to kMoneyPlaces), with source "split". A valuation at or after the
// split without a later quote then values the new units at the new price; later quotes
// (split-adjusted, as feeds give them) win as they are newer, and history before the
// split stays as recorded. Nothing when the symbol has no price before the split, one at
// its very time, or when the implied price is outside the price rule (0 to 999999).
void price_at_split(const detail::DatabaseContext& ctx, const Split& split,
                    const std::optional<PricePoint>& before) {
  if (!before || before->timestamp == split.effective) return;
  const Decimal implied =
      Decimal::divide(before->price * split.ratio_from, split.ratio_to, kMoneyPlaces);
  if (implied > Decimal::from_int(999999)) return;
  alex::record_price(ctx, {split.symbol, split.effective, implied, std::nullopt, "split"});
  ctx.instruments->forget(split.symbol);
}

}  // namespace

Split Instruments::record_split(std::string_view symbol, const Decimal& ratio_from,
                                const Decimal& ratio_to, std::string_view effective) {
  Split split;
  split.symbol = alex::validate::symbol(symbol, "symbol");
  split.ratio_from = split_ratio(ratio_from, "ratio_from");
  split.ratio_to = split_ratio(ratio_to, "ratio_to");
  if (split.ratio_from == split.ratio_to) {
    throw ValidationError("ratio_to", "different from ratio_from",
                          "got " + split.ratio_to.to_string() + " for " +
                              split.ratio_from.to_string());
  }
  const Timestamp now = context_->now();
  const Timestamp at = alex::validate::not_in_future(
      alex::validate::range_start(effective, "effective"), "effective", now);
  split.effective = at.to_string();
  split.recorded_at = now.to_string();
  if (!alex::get_instrument_item(*context_, split.symbol, alex::keys::kInstrumentMeta)) {
    throw NotFound("instrument " + split.symbol + " not found");
  }
  Split stored = store_split(*context_, split);
  if (stored.ratio_from != split.ratio_from || stored.ratio_to != split.ratio_to) {
    throw AlreadyExists("split of " + split.symbol + " at " + split.effective + " (" +
                        stored.ratio_from.to_string() + " to " + stored.ratio_to.to_string() +
                        ")");
  }
  if (stored.recorded_at == split.recorded_at) {
    apply_to_positions(*context_, stored, at);
    price_at_split(*context_, stored, get_price_at_date(stored.symbol, stored.effective));
  }
  return stored;
}

std::vector<Split> Instruments::splits(std::string_view symbol,
                                       std::optional<std::string> as_known_at) const {
  const std::string sym = alex::validate::symbol(symbol, "symbol");
  std::optional<Timestamp> known;
  if (as_known_at) known = alex::validate::timestamp(*as_known_at, "as_known_at");
  return alex::read_splits(*context_, {sym}, known);
}

}  // namespace alexdb
