// Small pieces the model implementations share: point reads, listings that follow
// every page, paging of find_all, and the field checks of update().
#ifndef ALEXDB_ALEX_MODEL_SUPPORT_H_
#define ALEXDB_ALEX_MODEL_SUPPORT_H_

#include <algorithm>
#include <functional>
#include <optional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "alex/context.h"
#include "alex/record_items.h"
#include "alexdb/database.h"
#include "alexdb/errors.h"

namespace alexdb::alex {

// A consistent point read of a users-table or instruments-table item.
std::optional<Item> get_user_item(const detail::DatabaseContext& ctx, std::string_view pk,
                                  std::string_view sk);
std::optional<Item> get_instrument_item(const detail::DatabaseContext& ctx,
                                        std::string_view symbol, std::string_view sk);
// The attribute in which a conditional write of the data layer records its call's
// request token: a call whose write the engine retried after a lost response (the
// retry then fails its condition) recognises its own applied write by it (SPEC 9).
inline constexpr std::string_view kRequestToken = "request_token";
// Whether the item at `key` of `table` exists and carries `token` (a consistent read).
bool carries_token(const detail::DatabaseContext& ctx, const std::string& table, const Item& key,
                   std::string_view token);

// How a conditional write that carries a request token ended.
enum class WriteOutcome { kApplied, kConditionFailed };

// Runs `write` (a conditional write carrying this call's request token) exactly once
// as far as the caller can tell: when it fails with ConditionFailed (a retry of an
// applied write fails its condition) or with an error after which it may have applied
// (the engine's retries ran out), `applied()` reads the token back. Returns kApplied
// when the write applied, kConditionFailed when its condition really failed, and
// rethrows any other error of a write that did not apply (or when the read fails too).
template <typename Write, typename Applied>
WriteOutcome write_once(Write&& write, Applied&& applied) {
  try {
    write();
    return WriteOutcome::kApplied;
  } catch (const ConditionFailed&) {
    return applied() ? WriteOutcome::kApplied : WriteOutcome::kConditionFailed;
  } catch (const ValidationError&) {
    throw;
  } catch (const Error&) {
    bool done = false;
    try {
      done = applied();
    } catch (const Error&) {
      // Cannot tell: report the write's own error.
    }
    if (done) return WriteOutcome::kApplied;
    throw;
  }
}

// Puts `item` into the users table under `condition` (none: unconditionally) through
// write_once, with a fresh request token added to it. kConditionFailed means the
// condition really failed (e.g. an item with that key exists already).
WriteOutcome put_once(const detail::DatabaseContext& ctx, Item item,
                      std::optional<Condition> condition);

// Every item of one users-table partition whose SK begins with `prefix`
// (all of them for an empty prefix), following every page; a strongly consistent read
// unless `consistent` is false (then a change of the last second may be missing).
std::vector<Item> query_prefix(const detail::DatabaseContext& ctx, std::string_view pk,
                               std::string_view prefix, bool forward = true,
                               bool consistent = true);
// The items query_prefix gives (a consistent read, in SK order), each handed to `visit`
// as it is read (it may take the item) rather than collected (Store::query_each; `visit`
// must not call the store).
void query_prefix_each(const detail::DatabaseContext& ctx, std::string_view pk,
                       std::string_view prefix, const std::function<void(Item&)>& visit);
// One strongly consistent query per symbol of its instruments-table partition, with the
// sort key condition `sort`, in the order of `symbols`.
std::vector<QueryRequest> instrument_queries(const detail::DatabaseContext& ctx,
                                             const std::vector<std::string>& symbols,
                                             const SortKeyCondition& sort);
// Runs independent queries in one round (Store::query_many_each), following every page
// of each that has no limit; `visit(k, result)` sees each complete result, in request
// order (one at a time on the embedded engine) and may take its items.
void query_many_complete(Store& store, const std::vector<QueryRequest>& queries,
                         const std::function<void(std::size_t, QueryResult&)>& visit);
// The items query_many_complete gives, each handed to `visit(k, item)` as it is read (it
// may take the item) rather than collected (Store::query_many_visit: the embedded engine
// holds one item at a time). Each query's items come in its order; a query's later pages
// come after the first pages of all. `visit` must not call the store.
void query_many_visit_complete(Store& store, const std::vector<QueryRequest>& queries,
                               const std::function<void(std::size_t, Item&)>& visit);
// Every item of a table that passes `filter` (all pages of a scan).
std::vector<Item> scan_filtered(const detail::DatabaseContext& ctx, const std::string& table,
                                Condition filter);
// Calls `visit` on every item of a table, one page of a consistent scan at a time (only
// that page is held), with the bounds of Store::scan_all on the continuation keys.
void scan_each(const detail::DatabaseContext& ctx, const std::string& table,
               const std::function<void(const Item&)>& visit);
// Deletes items by key with batch writes; returns how many.
int delete_keys(const detail::DatabaseContext& ctx, const std::string& table,
                const std::vector<Item>& keys);
// Deletes one item by key; returns 1 if it existed, else 0.
int delete_item(const detail::DatabaseContext& ctx, const std::string& table, Item key);
// The key attributes of a users-table item.
Item user_key_of(const Item& item);

// The instruments found among `symbols`, by symbol: from the Database's instrument cache
// where fresh, the others in one eventually consistent batch read (then cached).
std::map<std::string, Instrument> cached_instruments(const detail::DatabaseContext& ctx,
                                                     const std::vector<std::string>& symbols);

// Reports a record that a listing skipped to the log (a warning naming the table, the
// record's key and why it cannot be read).
void report_skipped(const detail::DatabaseContext& ctx, const std::string& table, const Item& item,
                    const Error& why);

// The records `decode` reads from the items of a listing, in order. An item in the
// reference package's layout throws LegacyRecord (the answer would be wrong without
// it); any other item that cannot be read (StoreError: an attribute missing or of
// another type) is skipped and reported through report_skipped.
template <typename R, typename Decode>
std::vector<R> readable_records(const detail::DatabaseContext& ctx, const std::string& table,
                                const std::vector<Item>& items, Decode decode) {
  std::vector<R> out;
  out.reserve(items.size());
  for (const Item& item : items) {
    try {
      out.push_back(decode(item));
    } catch (const LegacyRecord&) {
      throw;
    } catch (const StoreError& e) {
      report_skipped(ctx, table, item, e);
    }
  }
  return out;
}

// Applies offset and limit of a Page to an ordered list.
template <typename T>
std::vector<T> page_of(std::vector<T> all, const Page& page) {
  if (page.offset < 0) throw ValidationError("offset", ">= 0");
  if (page.limit && *page.limit < 0) throw ValidationError("limit", ">= 0");
  auto begin = std::min<std::size_t>(all.size(), static_cast<std::size_t>(page.offset));
  auto end = all.size();
  if (page.limit) end = std::min<std::size_t>(end, begin + static_cast<std::size_t>(*page.limit));
  return std::vector<T>(std::make_move_iterator(all.begin() + begin),
                        std::make_move_iterator(all.begin() + end));
}

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_MODEL_SUPPORT_H_
