#include "alex/position_log.h"

#include <algorithm>

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/position_plan.h"
#include "alex/record_items.h"
#include "alexdb/errors.h"
#include "util/backoff.h"

namespace alexdb::alex {

namespace {

// Lost races in a row before a change gives up with ConditionFailed.
constexpr int kMaxAttempts = 400;
// Attributes of the protocol (besides the change's own fields).
constexpr std::string_view kLastChange = "last_change";
constexpr std::string_view kHead = "head";
constexpr std::string_view kSuccessor = "successor";
// On a HISTORY record: the version of the change whose quantity `previous_quantity`
// holds, so that a late roll-forward never undoes a newer back-dated change.
constexpr std::string_view kPreviousVersion = "previous_version";
// After every timestamp: the upper bound of an unbounded history range.
constexpr std::string_view kAfterAllTimes = "9999-12-31T23:59:59.999999Z";

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

// Whether this call's commit (identified by its request token) was applied: CURRENT
// still carries it, or a later writer already completed it into history.
bool own_commit_applied(const detail::DatabaseContext& ctx, const std::string& account_id,
                        const CommittedChange& c) {
  auto current = read_current(ctx, account_id, c.change.symbol);
  if (current && current->last_change && current->last_change->request_token == c.request_token) {
    return true;
  }
  GetRequest request{
      ctx.users_table, history_key(account_id, c.change.symbol, c.change.timestamp), true, {}};
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

QueryRequest history_range_query(const detail::DatabaseContext& ctx, const std::string& account_id,
                                 const std::string& symbol, std::optional<Timestamp> start,
                                 std::optional<Timestamp> end) {
  QueryRequest request;
  request.table = ctx.users_table;
  request.partition_value = Value::S(keys::account_pk(account_id));
  request.sort = SortKeyCondition{
      SortKeyCondition::Op::kBetween,
      Value::S(start ? keys::history_sk(symbol, start->to_string()) : keys::history_prefix(symbol)),
      Value::S(keys::history_sk(symbol, end ? end->to_string() : kAfterAllTimes))};
  request.consistent_read = true;
  return request;
}

QueryRequest history_at_query(const detail::DatabaseContext& ctx, const std::string& account_id,
                              const std::string& symbol, Timestamp at) {
  QueryRequest request = history_range_query(ctx, account_id, symbol, std::nullopt, at);
  request.forward = false;
  request.limit = 1;
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

// ---- Step 2: the roll-forward ----

namespace {

// Writes what the commit of `c` promised: its HISTORY record when `record_missing`
// (write_history never replaces one), and for a back-dated change the successor's
// previous quantity.
void write_promised(const detail::DatabaseContext& ctx, const std::string& account_id,
                    const CommittedChange& c, bool record_missing) {
  if (record_missing) write_history(ctx, account_id, c);
  if (c.successor) fix_successor(ctx, account_id, c);
}

}  // namespace

void complete_change(const detail::DatabaseContext& ctx, const std::string& account_id,
                     const CommittedChange& committed) {
  const bool missing =
      !get_user_item(ctx, keys::account_pk(account_id),
                     keys::history_sk(committed.change.symbol, committed.change.timestamp));
  write_promised(ctx, account_id, committed, missing);
}

PositionChange as_completed(PositionChange record, const CommittedChange& last) {
  if (last.successor == record.timestamp) record.previous_quantity = last.change.quantity;
  return record;
}

std::vector<PositionChange> roll_forward(const detail::DatabaseContext& ctx,
                                         const std::string& account_id, const CommittedChange& last,
                                         std::vector<PositionChange> records,
                                         std::optional<Timestamp> from,
                                         std::optional<Timestamp> to) {
  const std::string& at = last.change.timestamp;
  const bool in_range = (!from || at >= from->to_string()) && (!to || at <= to->to_string());
  auto it = std::lower_bound(
      records.begin(), records.end(), at,
      [](const PositionChange& c, const std::string& t) { return c.timestamp < t; });
  const bool missing = in_range && (it == records.end() || it->timestamp != at);
  const bool successor_stale =
      std::any_of(records.begin(), records.end(), [&](const PositionChange& c) {
        return last.successor == c.timestamp && c.previous_quantity != last.change.quantity;
      });
  if (missing || successor_stale) complete_change(ctx, account_id, last);
  if (missing) records.insert(it, last.change);
  for (PositionChange& record : records) record = as_completed(std::move(record), last);
  return records;
}

// ---- Steps 1, 3 and 4: one change ----

namespace {

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

// Steps 1 to 3, one attempt: reads CURRENT, completes its last change, plans this one on
// it and commits it conditionally on the version read. Returns the committed change, or
// nullopt when another writer committed first (a lost race: the caller tries again).
// A ConditionFailed of this attempt's own commit, retried by the engine after a lost
// response, is recognised by the request token and counts as committed.
std::optional<CommittedChange> try_commit(const detail::DatabaseContext& ctx,
                                          const ChangeRequest& request) {
  auto current = read_current(ctx, request.account_id, request.symbol);
  if (current && current->last_change) {
    complete_change(ctx, request.account_id, *current->last_change);
  }
  const Timestamp now = ctx.now();
  Plan plan = plan_change(ctx, request, current, now);
  auto outcome = write_once(
      [&] {
        ctx.store->update(
            {ctx.users_table,
             users_key(keys::account_pk(request.account_id), keys::current_sk(request.symbol)),
             commit_update(request.account_id, plan, now), unchanged_since(current),
             ReturnValues::kNone});
      },
      [&] { return own_commit_applied(ctx, request.account_id, plan.committed); });
  if (outcome == WriteOutcome::kConditionFailed) return std::nullopt;
  return plan.committed;
}

}  // namespace

PositionChange record_change(const detail::DatabaseContext& ctx, const std::string& account_id,
                             const std::string& symbol, const Decimal& quantity,
                             std::string_view action, std::optional<Timestamp> at) {
  const ChangeRequest request{account_id,          symbol, quantity,
                              std::string(action), at,     detail::DatabaseContext::new_uuid()};
  util::Backoff backoff(kMaxAttempts, std::chrono::milliseconds(1), std::chrono::milliseconds(20));
  for (int attempt = 1;; ++attempt) {
    if (auto committed = try_commit(ctx, request)) {
      // Step 4. The change is committed: a failure here does not fail the call, the
      // next read or write of this position completes it.
      try {
        write_promised(ctx, account_id, *committed, true);
      } catch (const Error&) {
      }
      return committed->change;
    }
    if (attempt >= backoff.max_attempts()) {
      throw ConditionFailed("position " + symbol + " of account " + account_id +
                            ": too many concurrent changes, try again");
    }
    backoff.wait(attempt);  // a lost race: start again at step 1
  }
}

}  // namespace alexdb::alex
