#include "alex/position_log.h"

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/record_items.h"
#include "alexdb/errors.h"
#include "util/backoff.h"

namespace alexdb::alex {

namespace {

// Lost races in a row before a change gives up with ConditionFailed.
constexpr int kMaxAttempts = 400;
constexpr std::int64_t kMicrosecond = 1;
// Attributes of the protocol (besides the change's own fields).
constexpr std::string_view kLastChange = "last_change";
constexpr std::string_view kHead = "head";
constexpr std::string_view kSuccessor = "successor";
// On a HISTORY record: the version of the change whose quantity `previous_quantity`
// holds, so that a late roll-forward never undoes a newer back-dated change.
constexpr std::string_view kPreviousVersion = "previous_version";

Timestamp parsed_or(const std::string& text, Timestamp fallback) {
  auto parsed = Timestamp::parse(text);
  return parsed ? *parsed : fallback;
}

Value committed_value(const CommittedChange& c) {
  Value::Map map = change_value(c.change).m();
  if (!c.request_token.empty()) map.emplace(kRequestToken, Value::S(c.request_token));
  if (c.successor) map.emplace(kSuccessor, Value::S(*c.successor));
  return Value::M(std::move(map));
}

CommittedChange committed_from_map(const Item& map) {
  CommittedChange c{change_from_item(map), stored::text(map, kRequestToken).value_or(""),
                    stored::text(map, kSuccessor)};
  return c;
}

Item history_key(const std::string& account_id, const std::string& symbol,
                 const std::string& timestamp) {
  return users_key(keys::account_pk(account_id), keys::history_sk(symbol, timestamp));
}

// Writes the HISTORY record of a committed change unless it exists (a record that
// exists may have had its previous quantity moved by a later back-dated change).
void write_history(const detail::DatabaseContext& ctx, const std::string& account_id,
                   const CommittedChange& c) {
  Item item = history_item(account_id, c.change);
  if (!c.request_token.empty()) item.emplace(kRequestToken, Value::S(c.request_token));
  try {
    ctx.store->put({ctx.users_table, std::move(item), cond::attribute_not_exists(std::string(kPk)),
                    ReturnValues::kNone});
  } catch (const ConditionFailed&) {
    // Written already.
  }
}

// The record after a back-dated change takes its quantity as previous quantity, unless
// a change committed later sits between them.
void fix_successor(const detail::DatabaseContext& ctx, const std::string& account_id,
                   const CommittedChange& c) {
  using namespace cond;
  Update update;
  update.set("previous_quantity", Value::N(c.change.quantity))
      .set(std::string(kPreviousVersion), Value::N(c.change.version));
  Condition older = attribute_exists(std::string(kPk)) &&
                    (attribute_not_exists(std::string(kPreviousVersion)) ||
                     lt(path(std::string(kPreviousVersion)), Value::N(c.change.version)));
  try {
    ctx.store->update({ctx.users_table, history_key(account_id, c.change.symbol, *c.successor),
                       update, std::move(older), ReturnValues::kNone});
  } catch (const ConditionFailed&) {
    // Done already, or a newer change sits between them.
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

// The record of the last change at or before `at`, if any.
std::optional<PositionChange> change_at(const detail::DatabaseContext& ctx,
                                        const std::string& account_id, const std::string& symbol,
                                        Timestamp at) {
  auto result = ctx.store->query(history_at_query(ctx, account_id, symbol, at));
  if (result.items.empty()) return std::nullopt;
  return change_from_item(result.items.front());
}

// The record of the first change after `at` (up to `last`, the newest).
std::optional<PositionChange> change_after(const detail::DatabaseContext& ctx,
                                           const std::string& account_id,
                                           const std::string& symbol, Timestamp at,
                                           Timestamp last) {
  QueryRequest request = history_at_query(ctx, account_id, symbol, last);
  request.sort->value = Value::S(keys::history_sk(symbol, at.plus_micros(kMicrosecond).to_string()));
  request.forward = true;
  auto result = ctx.store->query(std::move(request));
  if (result.items.empty()) return std::nullopt;
  return change_from_item(result.items.front());
}

// Whether this call's commit (identified by its request token) was applied: CURRENT
// still carries it, or a later writer already completed it into history.
bool own_commit_applied(const detail::DatabaseContext& ctx, const std::string& account_id,
                        const CommittedChange& c) {
  auto current = read_current(ctx, account_id, c.change.symbol);
  if (current && current->last_change && current->last_change->request_token == c.request_token) {
    return true;
  }
  GetRequest request{ctx.users_table, history_key(account_id, c.change.symbol, c.change.timestamp),
                     true, {}};
  auto item = ctx.store->get(request).item;
  return item && stored::text(*item, kRequestToken) == c.request_token;
}

}  // namespace

std::optional<PositionChange> CurrentRecord::newest_change() const {
  if (head && head->timestamp == position.timestamp) return head;
  if (last_change && last_change->change.timestamp == position.timestamp) {
    return last_change->change;
  }
  return std::nullopt;
}

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
  CurrentRecord record{position_from_item(item), std::nullopt, std::nullopt};
  if (auto it = item.find(std::string(kLastChange)); it != item.end() && it->second.is_m()) {
    record.last_change = committed_from_map(it->second.m());
  }
  if (auto it = item.find(std::string(kHead)); it != item.end() && it->second.is_m()) {
    record.head = change_from_item(it->second.m());
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

void complete_change(const detail::DatabaseContext& ctx, const std::string& account_id,
                     const CommittedChange& committed) {
  if (!get_user_item(ctx, keys::account_pk(account_id),
                     keys::history_sk(committed.change.symbol, committed.change.timestamp))) {
    write_history(ctx, account_id, committed);
  }
  if (committed.successor) fix_successor(ctx, account_id, committed);
}

namespace {

// What one attempt of a change will commit.
struct Plan {
  CommittedChange committed;
  bool newest = true;                  // the change becomes the position's newest
  std::optional<PositionChange> head;  // a back-dated change: the newest record, kept whole
};

// Dates `plan`'s change at or after `at`, which is not after `last` (CURRENT's newest):
// the first free microsecond. Before the newest it takes the quantity before it as its
// previous quantity, names the record after it (whose previous quantity it becomes) and
// keeps the newest record whole for CURRENT's `head`.
void date_backdated(const detail::DatabaseContext& ctx, const std::string& account_id,
                    const CurrentRecord& current, Timestamp at, Timestamp last, Plan& plan) {
  PositionChange& change = plan.committed.change;
  const std::string& symbol = change.symbol;
  auto slot = free_slot(ctx, account_id, symbol, at, last);
  if (!slot) slot = last.plus_micros(kMicrosecond);  // no room before: becomes newest
  change.timestamp = slot->to_string();
  plan.newest = *slot > last;
  if (plan.newest) {
    change.previous_quantity = current.position.quantity;
    return;
  }
  auto before = slot->micros() > Timestamp::kMinMicros
                    ? change_at(ctx, account_id, symbol, slot->plus_micros(-kMicrosecond))
                    : std::nullopt;
  change.previous_quantity = before ? before->quantity : Decimal();
  auto after = change_after(ctx, account_id, symbol, *slot, last);
  if (after) plan.committed.successor = after->timestamp;
  plan.head = current.newest_change();
  if (!plan.head) plan.head = change_at(ctx, account_id, symbol, last);
  if (plan.head && after && after->timestamp == plan.head->timestamp) {
    plan.head->previous_quantity = change.quantity;
  }
}

// The change one attempt commits, on the CURRENT record read (`current`). Its time: now
// (at least 1 us after the newest), or `at` when it is after the newest, or else the
// back-dated slot of date_backdated.
Plan plan_change(const detail::DatabaseContext& ctx, const std::string& account_id,
                 const std::string& symbol, const Decimal& quantity, std::string_view action,
                 std::optional<Timestamp> at, const std::optional<CurrentRecord>& current,
                 Timestamp now) {
  Plan plan;
  PositionChange& change = plan.committed.change;
  change.symbol = symbol;
  change.quantity = quantity;
  const bool held = current && current->position.quantity.sign() > 0;
  change.action = action != kBuyOrUpdate ? std::string(action) : held ? "UPDATE" : "BUY";
  change.version = (current ? current->position.version : 0) + 1;
  change.previous_quantity = current ? current->position.quantity : Decimal();
  std::optional<Timestamp> last;
  if (current) last = parsed_or(current->position.timestamp, now);
  if (!at) {
    change.timestamp = (last && *last >= now ? last->plus_micros(kMicrosecond) : now).to_string();
  } else if (!last || *at > *last) {
    change.timestamp = at->to_string();
  } else {
    date_backdated(ctx, account_id, *current, *at, *last, plan);
  }
  return plan;
}

// The commit of `plan` on CURRENT: the new version and last change; a newest change
// also moves the quantity and timestamp, a back-dated one keeps `head`.
Update commit_update(const std::string& account_id, const Plan& plan, Timestamp now) {
  const PositionChange& change = plan.committed.change;
  std::string updated_at = now.to_string();
  Update update;
  update.set("account_id", Value::S(account_id))
      .set(std::string(kSymbolKey), Value::S(change.symbol))
      .set("version", Value::N(change.version))
      .set(std::string(kLastChange), committed_value(plan.committed))
      .set("updated_at", Value::S(updated_at))
      .set("created_at", cond::if_not_exists("created_at", Value::S(updated_at)));
  if (plan.newest) {
    update.set("quantity", Value::N(change.quantity))
        .set("timestamp", Value::S(change.timestamp))
        .set("as_of_date", Value::S(change.timestamp.substr(0, 10)))
        .remove(std::string(kHead));
  } else if (plan.head) {
    update.set(std::string(kHead), change_value(*plan.head));
  }
  return update;
}

// The commit's condition: CURRENT is still the version read (or still absent).
Condition unchanged_since(const std::optional<CurrentRecord>& current) {
  if (current && current->position.version > 0) {
    return cond::eq(cond::path("version"), Value::N(current->position.version));
  }
  if (current) {  // a record written without versions: claim it once
    return cond::attribute_exists(std::string(kPk)) && cond::attribute_not_exists("version");
  }
  return cond::attribute_not_exists(std::string(kPk));
}

}  // namespace

PositionChange record_change(const detail::DatabaseContext& ctx, const std::string& account_id,
                             const std::string& symbol, const Decimal& quantity,
                             std::string_view action, std::optional<Timestamp> at) {
  util::Backoff backoff(kMaxAttempts, std::chrono::milliseconds(1), std::chrono::milliseconds(20));
  const std::string token = detail::DatabaseContext::new_uuid();
  for (int attempt = 1;; ++attempt) {
    auto current = read_current(ctx, account_id, symbol);  // step 1
    // Step 2: the last committed change is complete before another commits.
    if (current && current->last_change) complete_change(ctx, account_id, *current->last_change);
    const Timestamp now = ctx.now();
    Plan plan = plan_change(ctx, account_id, symbol, quantity, action, at, current, now);
    plan.committed.request_token = token;
    // Step 3: the commit point.
    auto outcome = write_once(
        [&] {
          ctx.store->update({ctx.users_table,
                             users_key(keys::account_pk(account_id), keys::current_sk(symbol)),
                             commit_update(account_id, plan, now), unchanged_since(current),
                             ReturnValues::kNone});
        },
        [&] { return own_commit_applied(ctx, account_id, plan.committed); });
    if (outcome == WriteOutcome::kConditionFailed) {  // a lost race
      if (attempt >= backoff.max_attempts()) {
        throw ConditionFailed("position " + symbol + " of account " + account_id +
                              ": too many concurrent changes, try again");
      }
      backoff.wait(attempt);
      continue;
    }
    // Step 4. The change is committed: what follows completes it, and a failure here
    // is completed by the next read or write of this position.
    try {
      write_history(ctx, account_id, plan.committed);
      if (plan.committed.successor) fix_successor(ctx, account_id, plan.committed);
    } catch (const Error&) {
    }
    return plan.committed.change;
  }
}

}  // namespace alexdb::alex
