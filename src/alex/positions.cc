// Positions: CURRENT#<symbol> and HISTORY#<symbol>#<timestamp> under ACCOUNT#<id>.
// Writes follow the protocol of position_log.h; valuations live in valuation.cc.
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/position_log.h"
#include "alex/record_schema.h"
#include "alex/validation.h"
#include "alexdb/errors.h"

namespace alexdb {

namespace {

alex::keys::PositionRef checked_position_id(std::string_view position_id) {
  auto ref = alex::keys::parse_position_id(position_id);
  if (!ref) throw ValidationError("position_id", "an id returned by add_position");
  alex::validate::id(ref->account_id, "position_id");
  if (alex::validate::symbol(ref->symbol, "position_id") != ref->symbol) {
    throw ValidationError("position_id", "an id returned by add_position");
  }
  return *ref;
}

std::vector<Position> open_positions(const detail::DatabaseContext& ctx,
                                     const std::vector<Item>& items) {
  auto all = alex::readable_records<Position>(ctx, ctx.users_table, items, [](const Item& item) {
    return alex::current_from_item(item).position;
  });
  std::vector<Position> out;
  for (Position& p : all) {
    if (p.quantity.sign() > 0) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

std::vector<Position> Positions::find_by_account(std::string_view account_id) const {
  auto id = alex::validate::id(account_id, "account_id");
  auto positions = open_positions(
      *context_, alex::query_prefix(*context_, alex::keys::account_pk(id),
                                    alex::keys::kCurrentPrefix, true, false));
  std::vector<std::string> symbols;
  for (const Position& p : positions) symbols.push_back(p.symbol);
  auto instruments = alex::cached_instruments(*context_, symbols);
  for (Position& p : positions) {
    auto it = instruments.find(p.symbol);
    if (it == instruments.end()) continue;
    p.instrument_name = it->second.name;
    p.instrument_type = it->second.instrument_type;
    p.current_price = it->second.current_price;
  }
  return positions;
}

std::optional<Position> Positions::find_by_id(std::string_view position_id) const {
  auto ref = checked_position_id(position_id);
  auto current = alex::read_current(*context_, ref.account_id, ref.symbol);
  if (!current) return std::nullopt;
  return current->position;
}

std::vector<Position> Positions::find_all(Page page) const {
  using namespace cond;
  auto positions = open_positions(
      *context_,
      alex::scan_filtered(*context_, context_->users_table,
                          begins_with(path(std::string(alex::kPk)),
                                      Value::S(std::string(alex::keys::kAccountPrefix))) &&
                              begins_with(path(std::string(alex::kSk)),
                                          Value::S(std::string(alex::keys::kCurrentPrefix)))));
  std::sort(positions.begin(), positions.end(), [](const Position& a, const Position& b) {
    return a.account_id != b.account_id ? a.account_id < b.account_id : a.symbol < b.symbol;
  });
  return alex::page_of(std::move(positions), page);
}

std::vector<std::string> Positions::held_symbols(std::string_view account_id) const {
  auto id = alex::validate::id(account_id, "account_id");
  std::vector<std::string> symbols;
  for (const Item& item :
       alex::query_prefix(*context_, alex::keys::account_pk(id), alex::keys::kCurrentPrefix)) {
    if (auto symbol = alex::keys::parse_current_sk(item.at(std::string(alex::kSk)).s())) {
      symbols.push_back(std::move(*symbol));
    }
  }
  return symbols;
}

std::string Positions::add_or_update_position(std::string_view account_id, std::string_view symbol,
                                              const Decimal& quantity, std::string_view action,
                                              std::optional<std::string> timestamp) {
  auto id = alex::validate::id(account_id, "account_id");
  auto sym = alex::validate::symbol(symbol);
  auto act = alex::validate::position_action(action);
  auto qty = alex::validate::quantity(quantity);
  if (act == "REMOVE" && qty.sign() != 0) {
    throw ValidationError("quantity", "0 for a REMOVE", "got " + qty.to_string());
  }
  std::optional<Timestamp> at;
  if (timestamp) at = alex::validate::change_time(*timestamp, "timestamp", context_->now());
  alex::record_change(*context_, id, sym, qty, act, at);
  return alex::keys::position_id(id, sym);
}

std::string Positions::add_position(std::string_view account_id, std::string_view symbol,
                                    const Decimal& quantity) {
  auto id = alex::validate::id(account_id, "account_id");
  auto sym = alex::validate::symbol(symbol);
  auto qty = alex::validate::quantity(quantity);
  alex::record_change(*context_, id, sym, qty, alex::kBuyOrUpdate, std::nullopt);
  return alex::keys::position_id(id, sym);
}

std::string Positions::create(const Fields& fields) {
  const auto& schema = alex::change_input_schema();
  alex::ChangeInput in = schema.record_of(schema.for_create(fields));
  if (!in.action && !in.timestamp) return add_position(in.account_id, in.symbol, in.quantity);
  return add_or_update_position(in.account_id, in.symbol, in.quantity, in.action.value_or("UPDATE"),
                                in.timestamp);
}

int Positions::update(std::string_view position_id, const Fields& fields) {
  const auto& schema = alex::change_input_schema();
  alex::Checked checked = schema.for_update(fields);
  auto ref = checked_position_id(position_id);
  if (!checked.contains("quantity")) alex::throw_required_field("quantity");
  alex::ChangeInput in = schema.record_of(checked);
  if (in.timestamp) alex::validate::change_time(*in.timestamp, "timestamp", context_->now());
  if (!alex::read_current(*context_, ref.account_id, ref.symbol)) return 0;
  add_or_update_position(ref.account_id, ref.symbol, in.quantity, in.action.value_or("UPDATE"),
                         in.timestamp);
  return 1;
}

int Positions::remove(std::string_view position_id) {
  auto ref = checked_position_id(position_id);
  auto current = alex::read_current(*context_, ref.account_id, ref.symbol);
  if (!current || current->position.quantity.sign() == 0) return 0;
  alex::record_change(*context_, ref.account_id, ref.symbol, Decimal(), "REMOVE", std::nullopt);
  return 1;
}

std::vector<PositionChange> Positions::get_position_history(std::string_view account_id,
                                                            std::string_view symbol,
                                                            std::optional<std::string> start,
                                                            std::optional<std::string> end) const {
  auto id = alex::validate::id(account_id, "account_id");
  auto sym = alex::validate::symbol(symbol);
  const auto range = alex::validate::history_range(start, end);
  return alex::read_history(*context_, id, sym, range.start, range.end);
}

}  // namespace alexdb
