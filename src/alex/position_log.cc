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
// On CURRENT, written by the fast commit: the previous quantity of `last_change` (whose
// map then holds only the action and request token: the quantity, timestamp and version
// are the record's own), and the change committed before it: `prior_change` is what
// `last_change` held before, with its previous quantity and, where the map holds none,
// the record's quantity and timestamp of then.
constexpr std::string_view kLastPrevious = "last_previous";
constexpr std::string_view kPriorChange = "prior_change";
constexpr std::string_view kPriorPrevious = "prior_previous";
constexpr std::string_view kPriorQuantity = "prior_quantity";
constexpr std::string_view kPriorTimestamp = "prior_timestamp";
// On a HISTORY record written by the fast path: the change committed before it, without
// its symbol and version (the record's, and the record's version less one).
constexpr std::string_view kCarried = "carried";

Value committed_value(const CommittedChange& c) {
  Value::Map map = change_value(c.change).m();
  if (!c.request_token.empty()) map.emplace(kRequestToken, Value::S(c.request_token));
  if (c.successor) map.emplace(kSuccessor, Value::S(*c.successor));
  return Value::M(std::move(map));
}

// `map` with the attributes of `fill` it lacks.
Item filled_map(const Item& map, const Item& fill) {
  Item out = map;
  for (const auto& [name, value] : fill) {
    if (!value.is_null()) out.emplace(name, value);
  }
  return out;
}

// A committed change from its map. A fast commit's map holds neither version nor previous
// quantity: they are the CURRENT record's (`version`, and `previous` from its own
// attribute), and an upsert's action follows from the previous quantity; the symbol,
// quantity and timestamp it lacks are those of `fill`.
CommittedChange committed_from_map(const Item& stored_map, const Item& fill, std::int64_t version,
                                   const std::optional<Decimal>& previous) {
  const Item map = filled_map(stored_map, fill);
  CommittedChange c{change_from_item(map), stored::text(map, kRequestToken).value_or(""),
                    stored::text(map, kSuccessor)};
  if (!map.contains("version")) c.change.version = version;
  if (!map.contains("previous_quantity") && previous) c.change.previous_quantity = *previous;
  if (c.change.action == kBuyOrUpdate) {
    c.change.action = c.change.previous_quantity.sign() > 0 ? "UPDATE" : "BUY";
  }
  return c;
}

Item history_key(const std::string& account_id, const std::string& symbol,
                 const std::string& timestamp) {
  return users_key(keys::account_pk(account_id), keys::history_sk(symbol, timestamp));
}

// Writes the HISTORY record of a committed change unless it exists (a record that
// exists may have had its previous quantity moved by a later back-dated change), with
// the change committed before it when the fast path carries one.
void write_history(const detail::DatabaseContext& ctx, const std::string& account_id,
                   const CommittedChange& c,
                   const std::optional<PositionChange>& carried = std::nullopt) {
  Item item = history_item(account_id, c.change);
  if (!c.request_token.empty()) item.emplace(kRequestToken, Value::S(c.request_token));
  if (carried) {
    Value::Map map = change_value(*carried).m();
    map.erase(std::string(kSymbolKey));
    map.erase("version");
    item.emplace(kCarried, Value::M(std::move(map)));
  }
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

QueryRequest history_after_query(const detail::DatabaseContext& ctx, const std::string& account_id,
                                 const std::string& symbol, Timestamp at) {
  QueryRequest request =
      history_range_query(ctx, account_id, symbol, at.plus_micros(1), std::nullopt);
  request.limit = 1;
  return request;
}

QueryRequest current_query(const detail::DatabaseContext& ctx, const std::string& account_id,
                           const std::string& symbol) {
  QueryRequest request;
  request.table = ctx.users_table;
  request.partition_value = Value::S(keys::account_pk(account_id));
  request.sort = SortKeyCondition{SortKeyCondition::Op::kEq, Value::S(keys::current_sk(symbol)),
                                  std::nullopt};
  return request;
}

CurrentRecord current_from_item(const Item& item) {
  CurrentRecord record{position_from_item(item), std::nullopt, std::nullopt, std::nullopt};
  const Position& p = record.position;
  const Value symbol = Value::S(p.symbol);
  if (auto it = item.find(std::string(kLastChange)); it != item.end() && it->second.is_m()) {
    const Item fill{{std::string(kSymbolKey), symbol},
                    {"quantity", Value::N(p.quantity)},
                    {"timestamp", Value::S(p.timestamp)}};
    record.last_change = committed_from_map(it->second.m(), fill, p.version,
                                            stored::number(item, kLastPrevious));
  }
  if (auto it = item.find(std::string(kPriorChange)); it != item.end() && it->second.is_m()) {
    Item fill{{std::string(kSymbolKey), symbol}};
    for (auto [name, from] : {std::pair{"quantity", kPriorQuantity}, {"timestamp", kPriorTimestamp}}) {
      if (auto v = item.find(from); v != item.end()) fill.emplace(name, v->second);
    }
    record.prior_change = committed_from_map(it->second.m(), fill, p.version - 1,
                                             stored::number(item, kPriorPrevious));
  }
  if (auto it = item.find(std::string(kHead)); it != item.end() && it->second.is_m()) {
    record.head = change_from_item(it->second.m());
  }
  return record;
}

std::vector<CommittedChange> uncertain_changes(const CurrentRecord& current) {
  std::vector<CommittedChange> out;
  if (current.prior_change) out.push_back(*current.prior_change);
  if (current.last_change) out.push_back(*current.last_change);
  return out;
}

std::optional<PositionChange> carried_change(const Item& history_item,
                                             const PositionChange& record) {
  auto it = history_item.find(std::string(kCarried));
  if (it == history_item.end() || !it->second.is_m()) return std::nullopt;
  const Item fill{{std::string(kSymbolKey), Value::S(record.symbol)},
                  {"version", Value::N(record.version - 1)}};
  return change_from_item(filled_map(it->second.m(), fill));
}

std::optional<PositionChange> carried_change(const Item& history_item) {
  if (!history_item.contains(std::string(kCarried))) return std::nullopt;
  return carried_change(history_item, change_from_item(history_item));
}

void write_missing_record(const detail::DatabaseContext& ctx, const std::string& account_id,
                          const PositionChange& change) {
  write_history(ctx, account_id, CommittedChange{change, "", std::nullopt});
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
// (write_history never replaces one; with the change it carries, on the fast path), and
// for a back-dated change the successor's previous quantity.
void write_promised(const detail::DatabaseContext& ctx, const std::string& account_id,
                    const CommittedChange& c, bool record_missing,
                    const std::optional<PositionChange>& carried = std::nullopt) {
  if (record_missing) write_history(ctx, account_id, c, carried);
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

std::vector<PositionChange> read_history(const detail::DatabaseContext& ctx,
                                         const std::string& account_id, const std::string& symbol,
                                         std::optional<Timestamp> from,
                                         std::optional<Timestamp> to) {
  std::vector<QueryRequest> queries{history_range_query(ctx, account_id, symbol, from, to),
                                    current_query(ctx, account_id, symbol)};
  if (to) queries.push_back(history_after_query(ctx, account_id, symbol, *to));
  for (QueryRequest& q : queries) q.consistent_read = false;
  auto results = ctx.store->query_many(queries);
  std::vector<Item> items = std::move(results[0].items);
  if (results[0].last_evaluated_key) {
    QueryRequest rest = queries[0];
    rest.exclusive_start_key = results[0].last_evaluated_key;
    for (Item& item : ctx.store->query_all(std::move(rest)).items) items.push_back(std::move(item));
  }
  // CURRENT first: a record in an older layout names it before any history record.
  std::optional<CurrentRecord> current;
  if (!results[1].items.empty()) current = current_from_item(results[1].items.front());
  auto records = readable_records<PositionChange>(ctx, ctx.users_table, items, change_from_item);
  // Every change known committed: carried by a record read, or held by CURRENT.
  std::vector<PositionChange> known;
  for (const Item& item : items) {
    if (auto c = carried_change(item)) known.push_back(std::move(*c));
  }
  if (to && !results[2].items.empty()) {
    if (auto c = carried_change(results[2].items.front())) known.push_back(std::move(*c));
  }
  if (current && current->prior_change) known.push_back(current->prior_change->change);
  const auto in_range = [&](const std::string& at) {
    return (!from || at >= from->to_string()) && (!to || at <= to->to_string());
  };
  for (const PositionChange& change : known) {
    if (!in_range(change.timestamp)) continue;
    auto it = std::lower_bound(
        records.begin(), records.end(), change.timestamp,
        [](const PositionChange& c, const std::string& t) { return c.timestamp < t; });
    if (it != records.end() && it->timestamp == change.timestamp) continue;
    write_missing_record(ctx, account_id, change);
    records.insert(it, change);
  }
  // The last committed change may not be complete yet: roll it forward, as a write would.
  if (current && current->last_change) {
    records = roll_forward(ctx, account_id, *current->last_change, std::move(records), from, to);
  }
  return records;
}

// ---- The slow path: read, complete, commit on the version ----

namespace {

// The commit of `plan` on CURRENT: the new version and last change (whole: the slow path
// completed every change CURRENT held, so nothing is prior any more); a newest change
// also moves the quantity and timestamp, a back-dated one keeps `head`.
Update commit_update(const Plan& plan, Timestamp now) {
  const PositionChange& change = plan.committed.change;
  std::string updated_at = now.to_string();
  Update update;
  update.set(std::string(kSymbolKey), Value::S(change.symbol))
      .set("version", Value::N(change.version))
      .set(std::string(kLastChange), committed_value(plan.committed))
      .set("updated_at", Value::S(updated_at))
      .set("created_at", cond::if_not_exists("created_at", Value::S(updated_at)))
      .remove("account_id")  // written by older versions: the partition key's
      .remove("as_of_date")  // ditto: the timestamp's date
      .remove(std::string(kLastPrevious))
      .remove(std::string(kPriorChange))
      .remove(std::string(kPriorPrevious))
      .remove(std::string(kPriorQuantity))
      .remove(std::string(kPriorTimestamp));
  if (plan.newest) {
    update.set("quantity", Value::N(change.quantity))
        .set("timestamp", Value::S(change.timestamp))
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

// Completes a change carried by the first record at or after `at` whose own record is
// missing, so that a back-dated change planned at `at` sees every committed change
// around it.
void complete_carried_near(const detail::DatabaseContext& ctx, const std::string& account_id,
                           const std::string& symbol, Timestamp at) {
  QueryRequest request = history_after_query(ctx, account_id, symbol, at.plus_micros(-1));
  request.consistent_read = true;
  auto result = ctx.store->query(std::move(request));
  if (result.items.empty()) return;
  auto carried = carried_change(result.items.front());
  if (carried && !get_user_item(ctx, keys::account_pk(account_id),
                                keys::history_sk(symbol, carried->timestamp))) {
    write_missing_record(ctx, account_id, *carried);
  }
}

// The quantity a move by units (ChangeRequest::units) leaves on the CURRENT record read:
// ValidationError when the move is dated before the newest change or takes the position
// below 0.
Decimal quantity_after_move(const ChangeRequest& request,
                            const std::optional<CurrentRecord>& current) {
  const Decimal held = current ? current->position.quantity : Decimal();
  if (request.at && current) {
    auto newest = Timestamp::parse(current->position.timestamp);
    if (newest && *request.at < *newest) {
      throw ValidationError("timestamp", "not before the last change of the position",
                            request.symbol + " of account " + request.account_id +
                                " last changed at " + current->position.timestamp);
    }
  }
  Decimal after = held + *request.units;
  if (after.sign() < 0) {
    throw ValidationError("quantity", "at most the units held",
                          held.to_string() + " " + request.symbol + " held in account " +
                              request.account_id);
  }
  return after;
}

// Steps 1 to 3, one attempt: reads CURRENT, completes what it holds, plans this change on
// it and commits it conditionally on the version read. Returns the committed change, or
// nullopt when another writer committed first (a lost race: the caller tries again).
// A ConditionFailed of this attempt's own commit, retried by the engine after a lost
// response, is recognised by the request token and counts as committed.
std::optional<CommittedChange> try_slow_commit(const detail::DatabaseContext& ctx,
                                               const ChangeRequest& asked) {
  auto current = read_current(ctx, asked.account_id, asked.symbol);
  if (current) {
    // A change this request named was committed already (by an earlier call that named
    // the same move): it is not applied twice.
    for (const auto& committed : {current->last_change, current->prior_change}) {
      if (committed && committed->request_token == asked.request_token) return committed;
    }
    for (const CommittedChange& c : uncertain_changes(*current)) {
      complete_change(ctx, asked.account_id, c);
    }
    if (asked.at) complete_carried_near(ctx, asked.account_id, asked.symbol, *asked.at);
  }
  ChangeRequest request = asked;
  if (asked.units) request.quantity = quantity_after_move(asked, current);
  const Timestamp now = ctx.now();
  Plan plan = plan_change(ctx, request, current, now);
  auto outcome = write_once(
      [&] {
        ctx.store->update(
            {ctx.users_table,
             users_key(keys::account_pk(request.account_id), keys::current_sk(request.symbol)),
             commit_update(plan, now), unchanged_since(current),
             ReturnValues::kNone});
      },
      [&] { return own_commit_applied(ctx, request.account_id, plan.committed); });
  if (outcome == WriteOutcome::kConditionFailed) return std::nullopt;
  return plan.committed;
}

// ---- The fast path: commit without reading ----

// What a fast commit leaves to write: the committed change and the change before it to
// carry (unset when there is none or it was completed at once).
struct FastCommit {
  CommittedChange committed;
  std::optional<PositionChange> carried;
  bool history_written = false;  // found written already (a retried call)
};

// The fast commit's update: this change becomes the newest; version, previous quantity
// and the change before come from the record as stored, so nothing is read first.
Update fast_commit_update(const ChangeRequest& request, Timestamp at, Timestamp now) {
  const std::string timestamp = at.to_string();
  Value::Map change{{"action", Value::S(request.action)},
                    {std::string(kRequestToken), Value::S(request.request_token)}};
  using cond::if_not_exists;
  Update update;
  update.set(std::string(kPriorChange), if_not_exists(std::string(kLastChange), Value::Null()))
      .set(std::string(kPriorQuantity), if_not_exists("quantity", Value::Null()))
      .set(std::string(kPriorTimestamp), if_not_exists("timestamp", Value::Null()))
      .set(std::string(kPriorPrevious), if_not_exists(std::string(kLastPrevious), Value::Null()))
      .set(std::string(kLastChange), Value::M(std::move(change)))
      .set(std::string(kLastPrevious), if_not_exists("quantity", Value::N(Decimal())))
      .set("version", if_not_exists("version", Value::N(std::int64_t{0})) +
                          UpdateExpr(Value::N(std::int64_t{1})))
      .set(std::string(kSymbolKey), Value::S(request.symbol))
      .set("quantity", Value::N(request.quantity))
      .set("timestamp", Value::S(timestamp))
      .set("created_at", if_not_exists("created_at", Value::S(now.to_string())))
      .remove(std::string(kHead))
      .remove("account_id")   // written by older versions: the partition key's
      .remove("as_of_date");  // ditto: the timestamp's date
  // The record's size is every read's capacity: `updated_at` is stored only when it is not
  // the timestamp (a change dated in the past).
  if (at == now) {
    update.remove("updated_at");
  } else {
    update.set("updated_at", Value::S(now.to_string()));
  }
  return update;
}

// The change before this one, from the CURRENT record as it was before the commit: carried
// in the new HISTORY record, or, for a back-dated one (whose successor may still need its
// previous quantity), completed now.
std::optional<PositionChange> change_to_carry(const detail::DatabaseContext& ctx,
                                              const std::string& account_id,
                                              const std::optional<CommittedChange>& before) {
  if (!before) return std::nullopt;
  if (before->successor) {
    complete_change(ctx, account_id, *before);
    return std::nullopt;
  }
  return before->change;
}

// After a ConditionFailed or a failed response of a fast commit: whether this call's
// commit was applied, and what it committed. Looks in CURRENT (as last or prior change)
// and then in history.
std::optional<FastCommit> find_fast_commit(const detail::DatabaseContext& ctx,
                                           const ChangeRequest& request, Timestamp at) {
  auto current = read_current(ctx, request.account_id, request.symbol);
  if (current && current->last_change &&
      current->last_change->request_token == request.request_token) {
    std::optional<PositionChange> carried;
    if (current->prior_change) carried = change_to_carry(ctx, request.account_id, current->prior_change);
    return FastCommit{*current->last_change, carried, false};
  }
  if (current && current->prior_change &&
      current->prior_change->request_token == request.request_token) {
    return FastCommit{*current->prior_change, std::nullopt, false};
  }
  GetRequest get{ctx.users_table,
                 history_key(request.account_id, request.symbol, at.to_string()), true, {}};
  auto item = ctx.store->get(get).item;
  if (item && stored::text(*item, kRequestToken) == request.request_token) {
    return FastCommit{CommittedChange{change_from_item(*item), request.request_token, std::nullopt},
                      std::nullopt, true};
  }
  return std::nullopt;
}

// The fast commit (step 1 of the fast path). nullopt when the change cannot commit this
// way (CURRENT's timestamp is not before the change's): the caller takes the slow path.
std::optional<FastCommit> try_fast_commit(const detail::DatabaseContext& ctx,
                                          const ChangeRequest& request) {
  const Timestamp now = ctx.now();
  const Timestamp at = request.at.value_or(now);
  using namespace cond;
  Condition newest = attribute_not_exists(std::string(kPk)) ||
                     lt(path("timestamp"), Value::S(at.to_string()));
  std::optional<Item> old;
  std::optional<FastCommit> found;
  auto outcome = write_once(
      [&] {
        old = ctx.store
                  ->update({ctx.users_table,
                            users_key(keys::account_pk(request.account_id),
                                      keys::current_sk(request.symbol)),
                            fast_commit_update(request, at, now), newest, ReturnValues::kAllOld})
                  .attributes;
      },
      [&] {
        found = find_fast_commit(ctx, request, at);
        return found.has_value();
      });
  if (outcome == WriteOutcome::kConditionFailed) return std::nullopt;
  if (found) return found;
  // Applied, with the record as it was: this change follows it.
  FastCommit commit;
  PositionChange& change = commit.committed.change;
  change.symbol = request.symbol;
  change.quantity = request.quantity;
  change.timestamp = at.to_string();
  commit.committed.request_token = request.request_token;
  std::optional<CurrentRecord> before;
  if (old && !old->empty()) before = current_from_item(*old);
  change.previous_quantity = before ? before->position.quantity : Decimal();
  change.version = (before ? before->position.version : 0) + 1;
  change.action = request.action != kBuyOrUpdate ? request.action
                  : change.previous_quantity.sign() > 0 ? "UPDATE"
                                                         : "BUY";
  if (before) commit.carried = change_to_carry(ctx, request.account_id, before->last_change);
  return commit;
}

}  // namespace

namespace {

// Step 2 of either path. The change is committed: a failure here does not fail the
// call, the next read or write of this position completes it.
PositionChange finish_commit(const detail::DatabaseContext& ctx, const std::string& account_id,
                             const CommittedChange& committed,
                             const std::optional<PositionChange>& carried = std::nullopt) {
  try {
    write_promised(ctx, account_id, committed, true, carried);
  } catch (const Error&) {
  }
  return committed.change;
}

// The slow path until it commits (a lost race starts again at step 1).
PositionChange commit_slow(const detail::DatabaseContext& ctx, const ChangeRequest& request) {
  util::Backoff backoff(kMaxAttempts, std::chrono::milliseconds(1), std::chrono::milliseconds(20));
  for (int attempt = 1;; ++attempt) {
    if (auto committed = try_slow_commit(ctx, request)) {
      return finish_commit(ctx, request.account_id, *committed);
    }
    if (attempt >= backoff.max_attempts()) {
      throw ConditionFailed("position " + request.symbol + " of account " + request.account_id +
                            ": too many concurrent changes, try again");
    }
    backoff.wait(attempt);
  }
}

}  // namespace

PositionChange record_change(const detail::DatabaseContext& ctx, const std::string& account_id,
                             const std::string& symbol, const Decimal& quantity,
                             std::string_view action, std::optional<Timestamp> at) {
  const ChangeRequest request{account_id,          symbol,
                              quantity,            std::string(action),
                              at,                  detail::DatabaseContext::new_request_token(),
                              std::nullopt};
  if (auto fast = try_fast_commit(ctx, request)) {
    if (fast->history_written) return fast->committed.change;
    return finish_commit(ctx, account_id, fast->committed, fast->carried);
  }
  return commit_slow(ctx, request);
}

PositionChange move_position(const detail::DatabaseContext& ctx, const std::string& account_id,
                             const std::string& symbol, const Decimal& units,
                             std::string_view action, std::optional<Timestamp> at,
                             std::optional<std::string> request_token) {
  const ChangeRequest request{
      account_id, symbol, Decimal(), std::string(action), at,
      request_token ? std::move(*request_token) : detail::DatabaseContext::new_request_token(),
      units};
  return commit_slow(ctx, request);
}

}  // namespace alexdb::alex
