#include "alex/position_log.h"

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/record_items.h"
#include "alexdb/errors.h"
#include "store/backoff.h"

namespace alexdb::alex {

namespace {

// Lost races in a row before a change gives up with ConditionFailed.
constexpr int kMaxAttempts = 400;
constexpr std::int64_t kMicrosecond = 1;

Timestamp parsed_or(const std::string& text, Timestamp fallback) {
  auto parsed = Timestamp::parse(text);
  return parsed ? *parsed : fallback;
}

// Step 2: the last committed change has its HISTORY record.
void roll_forward(const detail::DatabaseContext& ctx, const std::string& account_id,
                  const CurrentRecord& current) {
  if (!current.last_change) return;
  const PositionChange& change = *current.last_change;
  if (!get_user_item(ctx, keys::account_pk(account_id),
                     keys::history_sk(change.symbol, change.timestamp))) {
    write_history(ctx, account_id, change);
  }
}

// The first microsecond at or after `at` (and before `limit`) with no HISTORY record.
std::optional<Timestamp> free_slot(const detail::DatabaseContext& ctx,
                                   const std::string& account_id, const std::string& symbol,
                                   Timestamp at, Timestamp limit) {
  for (Timestamp t = at; t < limit; t = t.plus_micros(kMicrosecond)) {
    if (!get_user_item(ctx, keys::account_pk(account_id),
                       keys::history_sk(symbol, t.to_string()))) {
      return t;
    }
  }
  return std::nullopt;
}

// The quantity of the last change before `at`, or 0.
Decimal quantity_before(const detail::DatabaseContext& ctx, const std::string& account_id,
                        const std::string& symbol, Timestamp at) {
  auto result = ctx.store->query(history_at_query(ctx, account_id, symbol, at.plus_micros(-1)));
  return result.items.empty() ? Decimal() : change_from_item(result.items.front()).quantity;
}

}  // namespace

QueryRequest history_at_query(const detail::DatabaseContext& ctx, const std::string& account_id,
                              const std::string& symbol, Timestamp at) {
  QueryRequest request;
  request.table = ctx.users_table;
  request.partition_value = Value::S(keys::account_pk(account_id));
  request.sort =
      SortKeyCondition{SortKeyCondition::Op::kBetween, Value::S(keys::history_prefix(symbol)),
                       Value::S(keys::history_sk(symbol, at.to_string()))};
  request.forward = false;
  request.limit = 1;
  request.consistent_read = true;
  return request;
}

CurrentRecord current_from_item(const Item& item) {
  CurrentRecord record{position_from_item(item), std::nullopt};
  if (auto it = item.find("last_change"); it != item.end() && it->second.is_m()) {
    record.last_change = change_from_item(it->second.m());
  }
  return record;
}

std::optional<CurrentRecord> read_current(const detail::DatabaseContext& ctx,
                                          const std::string& account_id,
                                          const std::string& symbol) {
  auto item = get_user_item(ctx, keys::account_pk(account_id), keys::current_sk(symbol));
  if (!item) return std::nullopt;
  return current_from_item(*item);
}

void write_history(const detail::DatabaseContext& ctx, const std::string& account_id,
                   const PositionChange& change) {
  ctx.store->put(
      {ctx.users_table, history_item(account_id, change), std::nullopt, ReturnValues::kNone});
}

PositionChange record_change(const detail::DatabaseContext& ctx, const std::string& account_id,
                             const std::string& symbol, const Decimal& quantity,
                             std::string_view action, std::optional<Timestamp> at) {
  store::Backoff backoff(kMaxAttempts, std::chrono::milliseconds(1), std::chrono::milliseconds(20));
  for (int attempt = 1;; ++attempt) {
    auto current = read_current(ctx, account_id, symbol);
    if (current) roll_forward(ctx, account_id, *current);

    Timestamp now = ctx.now();
    std::optional<Timestamp> last;
    if (current) last = parsed_or(current->position.timestamp, now);
    PositionChange change;
    change.symbol = symbol;
    change.quantity = quantity;
    const bool held = current && current->position.quantity.sign() > 0;
    change.action = action != kBuyOrUpdate ? std::string(action) : held ? "UPDATE" : "BUY";
    change.version = (current ? current->position.version : 0) + 1;
    bool newest = true;
    if (!at) {
      Timestamp t = last && *last >= now ? last->plus_micros(kMicrosecond) : now;
      change.timestamp = t.to_string();
      change.previous_quantity = current ? current->position.quantity : Decimal();
    } else if (!last || *at > *last) {
      change.timestamp = at->to_string();
      change.previous_quantity = current ? current->position.quantity : Decimal();
    } else {
      auto slot = free_slot(ctx, account_id, symbol, *at, *last);
      if (!slot) slot = last->plus_micros(kMicrosecond);  // no room before: becomes newest
      newest = *slot > *last;
      change.timestamp = slot->to_string();
      change.previous_quantity =
          newest ? current->position.quantity : quantity_before(ctx, account_id, symbol, *slot);
    }

    std::string updated_at = now.to_string();
    Update update;
    update.set("account_id", Value::S(account_id))
        .set(std::string(kSymbolKey), Value::S(symbol))
        .set("version", Value::N(change.version))
        .set("last_change", change_value(change))
        .set("updated_at", Value::S(updated_at))
        .set("created_at", cond::if_not_exists("created_at", Value::S(updated_at)));
    if (newest) {
      update.set("quantity", Value::N(change.quantity))
          .set("timestamp", Value::S(change.timestamp))
          .set("as_of_date", Value::S(change.timestamp.substr(0, 10)));
    }
    Condition unchanged = cond::attribute_not_exists(std::string(kPk));
    if (current && current->position.version > 0) {
      unchanged = cond::eq(cond::path("version"), Value::N(current->position.version));
    } else if (current) {  // a record written without versions: claim it once
      unchanged = cond::attribute_exists(std::string(kPk)) && cond::attribute_not_exists("version");
    }
    try {
      ctx.store->update({ctx.users_table,
                         users_key(keys::account_pk(account_id), keys::current_sk(symbol)), update,
                         std::move(unchanged), ReturnValues::kNone});
    } catch (const ConditionFailed&) {
      if (attempt >= backoff.max_attempts()) {
        throw ConditionFailed("position " + symbol + " of account " + account_id +
                              ": too many concurrent changes, try again");
      }
      backoff.wait(attempt);
      continue;
    }
    write_history(ctx, account_id, change);
    return change;
  }
}

}  // namespace alexdb::alex
