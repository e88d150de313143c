// Transactions: the ledger of an account, appended version by version under
// ACCOUNT#<account_id> / TXN#<unique>#<revision> (transaction_items.h). A version is
// written once, by a conditional put on its key, so two writers never both append the
// same revision; reads take each transaction's newest version recorded by a moment.
#include <algorithm>
#include <functional>

#include "alex/context.h"
#include "alex/keys.h"
#include "alex/ledger_positions.h"
#include "alex/model_support.h"
#include "alex/tables.h"
#include "alex/transaction_items.h"
#include "alex/validation.h"
#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "alexdb/validation.h"

namespace alexdb {

namespace {

// Corrections and voids retried when another writer appended a version first.
constexpr int kAppendAttempts = 5;

std::optional<Timestamp> known_at(const std::optional<std::string>& as_known_at) {
  if (!as_known_at) return std::nullopt;
  return validate::timestamp(*as_known_at, "as_known_at");
}

// The transactions `items` hold as known at `cutoff` (transaction_items.h); items that
// cannot be read are logged and skipped.
std::vector<Transaction> known_in(const detail::DatabaseContext& ctx,
                                  const std::vector<Item>& items,
                                  const std::optional<Timestamp>& cutoff) {
  return alex::known_transactions(items, cutoff, [&ctx](const Item& item, const StoreError& e) {
    alex::report_skipped(ctx, ctx.users_table, item, e);
  });
}

// After `previous` (a version's recorded_at): now, or a microsecond later than it when
// clocks disagree, so a transaction's versions are recorded in revision order.
std::string recorded_after(const detail::DatabaseContext& ctx, const std::string& previous) {
  Timestamp at = ctx.now();
  Timestamp before = Timestamp::parse_or_throw(previous, "recorded_at");
  if (at <= before) at = before.plus_micros(1);
  return at.to_string();
}

Decimal number_of(const Value& value, const std::string& field) {
  if (value.is_n()) return value.n();
  if (value.is_s()) return Decimal::parse(value.s(), field);
  throw ValidationError(field, "a number", std::string("got ") + std::string(value.type_name()));
}

std::string text_of(const Value& value, const std::string& field) {
  if (!value.is_s()) {
    throw ValidationError(field, "a string", std::string("got ") + std::string(value.type_name()));
  }
  return value.s();
}

// `input` with the fields a correction names changed.
void apply_changes(TransactionInput& input, const Fields& changes) {
  for (const auto& [name, value] : changes) {
    const bool remove = value.is_null();
    if (name == "type") {
      input.type = text_of(value, name);
    } else if (name == "symbol") {
      input.symbol = remove ? std::nullopt : std::optional(text_of(value, name));
    } else if (name == "quantity") {
      input.quantity = remove ? std::nullopt : std::optional(number_of(value, name));
    } else if (name == "price") {
      input.price = remove ? std::nullopt : std::optional(number_of(value, name));
    } else if (name == "fees") {
      input.fees = remove ? Decimal() : number_of(value, name);
    } else if (name == "amount") {
      input.amount = remove ? std::nullopt : std::optional(number_of(value, name));
    } else if (name == "timestamp") {
      input.timestamp = text_of(value, name);
    } else if (name == "note") {
      input.note = remove ? std::nullopt : std::optional(text_of(value, name));
    } else {
      throw ValidationError(name,
                            "not a field a correction changes (type, symbol, quantity, "
                            "price, fees, amount, timestamp, note)");
    }
  }
}

}  // namespace

std::string Transactions::record(std::string_view account_id, const TransactionInput& input) {
  const std::string account = alex::validate::id(account_id, "account_id");
  const Timestamp now = context_->now();
  Transaction t = alex::checked_transaction(input, now);
  if (!detail::make_model<Accounts>(context_).find_by_id(account)) {
    throw NotFound("account " + account + " not found");
  }
  // An external id names the transaction, so recording it again finds the first.
  const std::string unique =
      t.external_id ? "ext:" + *t.external_id : detail::DatabaseContext::new_request_token();
  t.account_id = account;
  t.id = alex::keys::transaction_id(account, unique);
  t.recorded_at = now.to_string();
  // Whether this external id is recorded already with these fields (the time counts only
  // when this recording names one); AlreadyExists when with others.
  auto recorded_before = [&] {
    if (!t.external_id) return false;
    auto first = alex::get_user_item(*context_, alex::keys::account_pk(account),
                                     alex::keys::transaction_sk(unique, 0));
    if (!first) return false;
    if (alex::same_transaction(alex::transaction_from_item(*first), t,
                               input.timestamp.has_value())) {
      return true;
    }
    throw AlreadyExists("transaction with external_id " + *t.external_id + " in account " +
                        account + " (recorded with other fields)");
  };
  try {
    alex::check_trade_move(*context_, t);
  } catch (const ValidationError&) {
    // Recorded before, its position has moved on since: the first id, nothing written.
    if (recorded_before()) return t.id;
    throw;
  }
  // Moves the position of `recorded` (a trade just written): when the position cannot
  // take it any more, the trade does not count (voided without moving a position it never
  // moved).
  auto move_or_void = [this](const Transaction& recorded) {
    try {
      alex::apply_trade_move(*context_, recorded);
    } catch (const ValidationError&) {
      append_version(recorded.id, [](const Transaction& current) {
        Transaction next = current;
        next.voided = true;
        return current.voided ? std::nullopt : std::optional(next);
      });
      throw;
    }
  };
  auto outcome = alex::put_once(*context_, alex::transaction_item(t),
                                cond::attribute_not_exists(std::string(alex::kPk)));
  if (outcome == alex::WriteOutcome::kApplied) {
    move_or_void(t);
    return t.id;
  }
  if (recorded_before()) {
    // A process that recorded this trade died before moving its position: moved now, at
    // the trade's time (once: the move is named by the trade's id).
    if (!alex::units_moved(t).empty()) {
      auto first = get(t.id);
      if (first && first->revision == 0 && !first->voided &&
          alex::trade_move_missing(*context_, *first)) {
        move_or_void(*first);
      }
    }
    return t.id;
  }
  throw ConditionFailed("transaction " + t.id + " was being recorded by another writer; try again");
}

std::optional<Transaction> Transactions::get(std::string_view transaction_id,
                                             std::optional<std::string> as_known_at) const {
  const std::optional<Timestamp> cutoff = known_at(as_known_at);
  auto ref = alex::keys::parse_transaction_id(transaction_id);
  if (!ref) return std::nullopt;
  std::vector<Item> items = alex::query_prefix(*context_, alex::keys::account_pk(ref->account_id),
                                               alex::keys::transaction_prefix(ref->unique));
  std::vector<Transaction> known = known_in(*context_, items, cutoff);
  if (known.empty()) return std::nullopt;
  return known.front();
}

std::vector<Transaction> Transactions::list(std::string_view account_id,
                                            std::optional<std::string> start,
                                            std::optional<std::string> end,
                                            std::optional<std::string> symbol,
                                            std::optional<std::string> as_known_at) const {
  const std::string account = alex::validate::id(account_id, "account_id");
  const alex::validate::TimeRange range = alex::validate::history_range(start, end);
  const std::optional<Timestamp> cutoff = known_at(as_known_at);
  std::optional<std::string> only;
  if (symbol) only = validate::symbol(*symbol, "symbol");
  // Read version by version: no item is kept.
  alex::KnownLedger known(cutoff, [this](const Item& item, const StoreError& e) {
    alex::report_skipped(*context_, context_->users_table, item, e);
  });
  alex::query_prefix_each(*context_, alex::keys::account_pk(account),
                          alex::keys::kTransactionPrefix, [&known](Item& item) { known.add(item); });
  const std::string from = range.start ? range.start->to_string() : std::string();
  const std::string to = range.end ? range.end->to_string() : std::string();
  std::vector<Transaction> out = known.finish();
  std::erase_if(out, [&](const Transaction& t) {
    return t.voided || (range.start && t.timestamp < from) || (range.end && t.timestamp > to) ||
           (only && t.symbol != only);
  });
  return out;
}

Transaction Transactions::correct(std::string_view transaction_id, const Fields& changes) {
  alex::UnitMoves moves;
  Transaction corrected = append_version(transaction_id, [&](const Transaction& current) {
    if (current.voided) {
      throw NotFound("transaction " + std::string(transaction_id) + " not found");
    }
    TransactionInput input = alex::input_of(current);
    apply_changes(input, changes);
    Transaction next = alex::checked_transaction(input, context_->now());
    next.id = current.id;
    next.account_id = current.account_id;
    next.external_id = current.external_id;
    moves = alex::units_changed(current, next);
    alex::check_moves_now(*context_, current.account_id, moves);
    return std::optional(next);
  });
  alex::apply_moves_now(*context_, corrected.account_id, moves);
  return corrected;
}

Transaction Transactions::void_transaction(std::string_view transaction_id) {
  alex::UnitMoves moves;
  Transaction voided = append_version(transaction_id, [&](const Transaction& current) {
    moves.clear();
    if (current.voided) return std::optional<Transaction>();  // voided already
    Transaction next = current;
    next.voided = true;
    moves = alex::units_changed(current, next);
    alex::check_moves_now(*context_, current.account_id, moves);
    return std::optional(next);
  });
  alex::apply_moves_now(*context_, voided.account_id, moves);
  return voided;
}

Transaction Transactions::append_version(
    std::string_view transaction_id,
    const std::function<std::optional<Transaction>(const Transaction&)>& next_of) {
  for (int attempt = 0; attempt < kAppendAttempts; ++attempt) {
    std::optional<Transaction> current = get(transaction_id);
    if (!current) throw NotFound("transaction " + std::string(transaction_id) + " not found");
    std::optional<Transaction> next = next_of(*current);
    if (!next) return *current;
    next->revision = current->revision + 1;
    if (next->revision > alex::keys::kMaxRevision) {
      throw ValidationError("transaction_id", "at most 9,998 corrections", current->id);
    }
    next->recorded_at = recorded_after(*context_, current->recorded_at);
    auto outcome = alex::put_once(*context_, alex::transaction_item(*next),
                                  cond::attribute_not_exists(std::string(alex::kPk)));
    if (outcome == alex::WriteOutcome::kApplied) return *next;
  }
  throw ConditionFailed("transaction " + std::string(transaction_id) +
                        " kept changing under other writers; try again");
}

}  // namespace alexdb
