#include "alex/position_plan.h"

#include "alex/keys.h"
#include "alex/model_support.h"

namespace alexdb::alex {

namespace {

constexpr std::int64_t kOneMicrosecond = 1;

Timestamp parsed_or(const std::string& text, Timestamp fallback) {
  auto parsed = Timestamp::parse(text);
  return parsed ? *parsed : fallback;
}

// The first microsecond at or after `at` (and before `limit`) with no HISTORY record.
std::optional<Timestamp> free_slot(const detail::DatabaseContext& ctx,
                                   const std::string& account_id, const std::string& symbol,
                                   Timestamp at, Timestamp limit) {
  for (Timestamp t = at; t < limit; t = t.plus_micros(kOneMicrosecond)) {
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
                                           const std::string& account_id, const std::string& symbol,
                                           Timestamp at, Timestamp last) {
  QueryRequest request = history_at_query(ctx, account_id, symbol, last);
  request.sort->value =
      Value::S(keys::history_sk(symbol, at.plus_micros(kOneMicrosecond).to_string()));
  request.forward = true;
  auto result = ctx.store->query(std::move(request));
  if (result.items.empty()) return std::nullopt;
  return change_from_item(result.items.front());
}

// The plan's fields that do not depend on its time: a newest change's previous quantity
// is the current one; an upsert is a BUY unless the position is held.
Plan plan_without_time(const ChangeRequest& request, const std::optional<CurrentRecord>& current) {
  Plan plan;
  PositionChange& change = plan.committed.change;
  change.symbol = request.symbol;
  change.quantity = request.quantity;
  const bool held = current && current->position.quantity.sign() > 0;
  change.action = request.action != kBuyOrUpdate ? request.action : held ? "UPDATE" : "BUY";
  change.version = (current ? current->position.version : 0) + 1;
  change.previous_quantity = current ? current->position.quantity : Decimal();
  plan.committed.request_token = request.request_token;
  return plan;
}

// Case 1, no time asked for: the change is the newest, at the clock's time, or 1 us after
// the newest (`last`) when the clock has not passed it (another writer's clock ahead of
// ours, or two changes within one microsecond), so timestamps stay unique and in order.
Timestamp time_of_change_now(std::optional<Timestamp> last, Timestamp now) {
  return last && *last >= now ? last->plus_micros(kOneMicrosecond) : now;
}

// Links a back-dated change (dated `slot`, before `last`) into the history: its previous
// quantity is the quantity of the record before it, the record after it (named as
// `successor`) takes its quantity as previous quantity, and the newest record is kept
// whole for CURRENT's `head` (with that new previous quantity when it is the successor).
void link_backdated(const detail::DatabaseContext& ctx, const ChangeRequest& request,
                    const CurrentRecord& current, Timestamp slot, Timestamp last, Plan& plan) {
  PositionChange& change = plan.committed.change;
  const std::string& symbol = request.symbol;
  auto before = slot.micros() > Timestamp::kMinMicros
                    ? change_at(ctx, request.account_id, symbol, slot.plus_micros(-kOneMicrosecond))
                    : std::nullopt;
  change.previous_quantity = before ? before->quantity : Decimal();
  auto after = change_after(ctx, request.account_id, symbol, slot, last);
  if (after) plan.committed.successor = after->timestamp;
  plan.head = current.newest_change();
  if (!plan.head) plan.head = change_at(ctx, request.account_id, symbol, last);
  if (plan.head && after && after->timestamp == plan.head->timestamp) {
    plan.head->previous_quantity = change.quantity;
  }
}

// Case 3, a time at or before the newest (`last`): the change takes the first free
// microsecond at or after it (a change at the same instant as another, or a retry of one
// whose record is written, moves on by a microsecond). With no free microsecond before
// the newest it becomes the newest, 1 us after it; otherwise it is back-dated.
void date_at_or_before_newest(const detail::DatabaseContext& ctx, const ChangeRequest& request,
                              const CurrentRecord& current, Timestamp last, Plan& plan) {
  auto slot = free_slot(ctx, request.account_id, request.symbol, *request.at, last);
  if (!slot) slot = last.plus_micros(kOneMicrosecond);
  plan.committed.change.timestamp = slot->to_string();
  plan.newest = *slot > last;
  if (!plan.newest) link_backdated(ctx, request, current, *slot, last, plan);
}

}  // namespace

Plan plan_change(const detail::DatabaseContext& ctx, const ChangeRequest& request,
                 const std::optional<CurrentRecord>& current, Timestamp now) {
  Plan plan = plan_without_time(request, current);
  std::optional<Timestamp> last;  // the newest change's time
  if (current) last = parsed_or(current->position.timestamp, now);
  if (!request.at) {
    plan.committed.change.timestamp = time_of_change_now(last, now).to_string();
  } else if (!last || *request.at > *last) {
    // Case 2, a time after the newest (or a new position's first): the newest, at it.
    plan.committed.change.timestamp = request.at->to_string();
  } else {
    date_at_or_before_newest(ctx, request, *current, last.value(), plan);
  }
  return plan;
}

}  // namespace alexdb::alex
