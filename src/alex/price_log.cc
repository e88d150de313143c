#include "alex/price_log.h"

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/price_edits.h"
#include "alex/price_queries.h"
#include "alex/record_items.h"
#include "alexdb/errors.h"
#include "util/backoff.h"

namespace alexdb::alex {

namespace {

// Lost races in a row before a price update gives up with ConditionFailed.
constexpr int kMaxPriceAttempts = 400;
// On META: the newest price whole. On META and on price records: the number of the
// commit that wrote them, so a late write never replaces a newer commit's record.
constexpr std::string_view kLastPrice = "last_price";
constexpr std::string_view kPriceVersion = "price_version";

std::int64_t price_version_of(const Item& item) {
  return stored::number(item, kPriceVersion).value_or(Decimal()).to_int64().value_or(0);
}

const Item* last_price_map(const Item& meta) {
  auto it = meta.find(std::string(kLastPrice));
  return it != meta.end() && it->second.is_m() ? &it->second.m() : nullptr;
}

// The price's record with the request token of the call that committed it.
Item tokened_price_item(const PricePoint& p, const std::string& token) {
  Item item = price_item(p);
  item.emplace(kRequestToken, Value::S(token));
  return item;
}

// The record a commit writes: the price with its request token and commit number.
Item committed_price_item(const PricePoint& p, const std::string& token, std::int64_t version) {
  Item item = tokened_price_item(p, token);
  item.emplace(kPriceVersion, Value::N(version));
  return item;
}

// Puts a price record unless a newer commit (or, for `only_if_missing`, anyone)
// wrote that timestamp already.
void put_price_record(const detail::DatabaseContext& ctx, Item item, bool only_if_missing) {
  using namespace cond;
  Condition allowed = attribute_not_exists(std::string(kSymbolKey));
  if (!only_if_missing) {
    allowed = std::move(allowed) || attribute_not_exists(std::string(kPriceVersion)) ||
              lt(path(std::string(kPriceVersion)), Value::N(price_version_of(item)));
  }
  try {
    ctx.store->put({ctx.instruments_table, std::move(item), std::move(allowed), ReturnValues::kNone});
  } catch (const ConditionFailed&) {
    // Written already, or replaced by a newer commit.
  }
}

std::optional<Item> read_meta(const detail::DatabaseContext& ctx, const std::string& symbol) {
  return get_instrument_item(ctx, symbol, keys::kInstrumentMeta);
}

// Whether this call's commit was applied: META still carries its token, or a later
// writer completed it into history.
bool own_price_commit_applied(const detail::DatabaseContext& ctx, const PricePoint& p,
                        const std::string& token) {
  if (auto meta = read_meta(ctx, p.symbol)) {
    if (const Item* last = last_price_map(*meta); last && stored::text(*last, kRequestToken) == token) {
      return true;
    }
  }
  auto item = get_instrument_item(ctx, p.symbol, keys::price_sk(p.timestamp));
  return item && stored::text(*item, kRequestToken) == token;
}

// Steps 1 to 3. Returns the commit number when `p` was committed as the newest price,
// nullopt when META holds a newer one.
std::optional<std::int64_t> commit(const detail::DatabaseContext& ctx, const PricePoint& p,
                                   const std::string& token) {
  using namespace cond;
  util::Backoff backoff(kMaxPriceAttempts, std::chrono::milliseconds(1), std::chrono::milliseconds(20));
  for (int attempt = 1;; ++attempt) {
    auto meta = read_meta(ctx, p.symbol);
    if (!meta) throw NotFound("instrument '" + p.symbol + "' does not exist");
    auto newest = newest_price_of_meta(*meta);
    if (newest) complete_newest_price(ctx, *newest);
    if (newest && p.timestamp < newest->timestamp) return std::nullopt;

    const std::int64_t read_version = price_version_of(*meta);
    const std::int64_t version = read_version + 1;
    Update update;
    update.set("current_price", Value::N(p.price))
        .set("price_timestamp", Value::S(p.timestamp))
        .set(std::string(kLastPrice), Value::M(committed_price_item(p, token, version)))
        .set(std::string(kPriceVersion), Value::N(version))
        .set("updated_at", Value::S(ctx.now().to_string()));
    Condition unchanged =
        attribute_exists(std::string(kSymbolKey)) &&
        (read_version > 0 ? eq(path(std::string(kPriceVersion)), Value::N(read_version))
                          : attribute_not_exists(std::string(kPriceVersion)));
    auto outcome = write_once(
        [&] {
          ctx.store->update({ctx.instruments_table,
                             instruments_key(p.symbol, keys::kInstrumentMeta), update,
                             std::move(unchanged), ReturnValues::kNone});
        },
        [&] { return own_price_commit_applied(ctx, p, token); });
    if (outcome == WriteOutcome::kApplied) return version;
    if (attempt >= backoff.max_attempts()) {  // lost races
      throw ConditionFailed("price of " + p.symbol + ": too many concurrent updates, try again");
    }
    backoff.wait(attempt);
  }
}

}  // namespace

std::optional<PricePoint> newest_price_of_meta(const Item& meta) {
  if (const Item* last = last_price_map(meta)) return price_from_item(*last);
  auto price = stored::number(meta, "current_price");
  auto timestamp = stored::text(meta, "price_timestamp");
  if (!price || !timestamp) return std::nullopt;
  return PricePoint{stored::required_text(meta, kSymbolKey), *timestamp, *price, {}, {}};
}

std::map<std::string, PricePoint> newest_prices(const detail::DatabaseContext& ctx,
                                                const std::vector<std::string>& symbols,
                                                bool consistent) {
  std::map<std::string, PricePoint> out;
  if (symbols.empty()) return out;
  BatchGetRequest request;
  // Only what newest_price_of_meta reads: not the instrument's name and allocations.
  request.tables.push_back({ctx.instruments_table,
                            {},
                            consistent,
                            {Path(std::string(kSymbolKey)), Path(std::string(kLastPrice)),
                             Path("current_price"), Path("price_timestamp")}});
  for (const std::string& symbol : symbols) {
    request.tables[0].keys.push_back(instruments_key(symbol, keys::kInstrumentMeta));
  }
  const BatchGetResult result = ctx.store->batch_get(request);
  for (const Item& meta : result.items[0]) {
    if (auto newest = newest_price_of_meta(meta)) out.emplace(newest->symbol, std::move(*newest));
  }
  return out;
}

std::optional<std::string> newest_price_token(const Item& meta) {
  const Item* last = last_price_map(meta);
  return last ? stored::text(*last, kRequestToken) : std::nullopt;
}

void write_committed_price(const detail::DatabaseContext& ctx, const PricePoint& price,
                           const std::string& token) {
  ctx.store->put(
      {ctx.instruments_table, tokened_price_item(price, token), std::nullopt, ReturnValues::kNone});
}

void complete_newest_price(const detail::DatabaseContext& ctx, const PricePoint& newest) {
  if (!get_instrument_item(ctx, newest.symbol, keys::price_sk(newest.timestamp))) {
    put_price_record(ctx, price_item(newest), true);
  }
}

void record_price(const detail::DatabaseContext& ctx, const PricePoint& price) {
  const Timestamp began = ctx.now();
  const std::string token = detail::DatabaseContext::new_uuid();
  auto version = commit(ctx, price, token);
  if (!version) {  // older than the newest: history only, idempotent, after its edit mark
    put_price_edits(ctx, {price_edit_put(ctx, price.symbol, began, price.timestamp)});
    ctx.store->put({ctx.instruments_table, price_item(price), std::nullopt, ReturnValues::kNone});
    return;
  }
  // Step 4. The price is committed; a failure here is completed later.
  try {
    put_price_record(ctx, committed_price_item(price, token, *version), false);
  } catch (const Error&) {
  }
}

void add_newest_price(Update& update, const PricePoint& price, const std::string& token) {
  using namespace cond;
  update.set("current_price", Value::N(price.price))
      .set("price_timestamp", Value::S(price.timestamp))
      .set(std::string(kLastPrice), Value::M(tokened_price_item(price, token)))
      .set(std::string(kPriceVersion),
           if_not_exists(std::string(kPriceVersion), Value::N(std::int64_t{0})) +
               UpdateExpr(Value::N(std::int64_t{1})));
}

Condition price_not_older(const PricePoint& price) {
  using namespace cond;
  return attribute_not_exists("price_timestamp") ||
         le(path("price_timestamp"), Value::S(price.timestamp));
}

std::optional<PricePoint> commit_newest_price(const detail::DatabaseContext& ctx,
                                              const PricePoint& price, bool& committed) {
  using namespace cond;
  committed = false;
  const std::string token = detail::DatabaseContext::new_uuid();
  Update update;
  update.set("updated_at", Value::S(ctx.now().to_string()));
  add_newest_price(update, price, token);
  Condition not_older = attribute_exists(std::string(kSymbolKey)) && price_not_older(price);
  // The condition holds again for this call's own commit retried after a lost response
  // (same timestamp): so a ConditionFailed means META holds a newer price (the instrument
  // was found by the caller just before).
  std::optional<Item> old;
  try {
    old = ctx.store
              ->update({ctx.instruments_table, instruments_key(price.symbol, keys::kInstrumentMeta),
                        update, std::move(not_older), ReturnValues::kAllOld})
              .attributes;
  } catch (const ConditionFailed&) {
    return std::nullopt;
  } catch (const Error&) {
    if (!own_price_commit_applied(ctx, price, token)) throw;
  }
  committed = true;
  ctx.instruments->forget(price.symbol);
  if (!old) return std::nullopt;
  return newest_price_of_meta(*old);
}

namespace {

// The price recorded just before `timestamp`, if any (one reverse, limit-1 query).
std::optional<PricePoint> price_before(const detail::DatabaseContext& ctx,
                                       const std::string& symbol, const std::string& timestamp) {
  const Timestamp at = Timestamp::parse_or_throw(timestamp, "timestamp");
  if (at.micros() == 0) return std::nullopt;
  auto result = ctx.store->query(price_at_query(ctx, symbol, at.plus_micros(-1)));
  if (result.items.empty()) return std::nullopt;
  return price_from_item(result.items.front());
}

// Whether META names the price at `timestamp` as its newest.
bool meta_names_price(const std::optional<Item>& meta, const std::string& timestamp) {
  auto newest = meta ? newest_price_of_meta(*meta) : std::nullopt;
  return newest && newest->timestamp == timestamp;
}

}  // namespace

int delete_price(const detail::DatabaseContext& ctx, const std::string& symbol,
                 const std::string& timestamp) {
  using namespace cond;
  const Timestamp began = ctx.now();
  const Item record_key = instruments_key(symbol, keys::price_sk(timestamp));
  util::Backoff backoff(kMaxPriceAttempts, std::chrono::milliseconds(1),
                        std::chrono::milliseconds(20));
  int removed = 0;
  for (int attempt = 1;; ++attempt) {
    auto meta = read_meta(ctx, symbol);
    if (!meta_names_price(meta, timestamp)) {  // history only, after its edit mark
      if (!get_instrument_item(ctx, symbol, keys::price_sk(timestamp))) return removed;
      put_price_edits(ctx, {price_edit_put(ctx, symbol, began, timestamp)});
      return std::max(removed, delete_item(ctx, ctx.instruments_table, record_key));
    }
    removed = 1;
    delete_item(ctx, ctx.instruments_table, record_key);
    const std::optional<PricePoint> before = price_before(ctx, symbol, timestamp);
    const std::int64_t read_version = price_version_of(*meta);
    const std::int64_t version = read_version + 1;
    Update update;
    if (before) {
      update.set("current_price", Value::N(before->price))
          .set("price_timestamp", Value::S(before->timestamp))
          .set(std::string(kLastPrice),
               Value::M(
                   committed_price_item(*before, detail::DatabaseContext::new_uuid(), version)));
    } else {
      update.remove("current_price").remove("price_timestamp").remove(std::string(kLastPrice));
    }
    update.set(std::string(kPriceVersion), Value::N(version))
        .set("updated_at", Value::S(ctx.now().to_string()));
    Condition unchanged =
        attribute_exists(std::string(kSymbolKey)) &&
        (read_version > 0 ? eq(path(std::string(kPriceVersion)), Value::N(read_version))
                          : attribute_not_exists(std::string(kPriceVersion)));
    try {
      ctx.store->update({ctx.instruments_table, instruments_key(symbol, keys::kInstrumentMeta),
                         std::move(update), std::move(unchanged), ReturnValues::kNone});
    } catch (const ConditionFailed&) {
      // A newer commit, or this update retried after its response was lost: the next
      // round reads which.
      if (attempt >= backoff.max_attempts()) {
        throw ConditionFailed("price of " + symbol + ": too many concurrent updates, try again");
      }
      backoff.wait(attempt);
      continue;
    } catch (const Error&) {
      if (meta_names_price(read_meta(ctx, symbol), timestamp)) throw;  // not applied
    }
    ctx.instruments->forget(symbol);
    delete_item(ctx, ctx.instruments_table, record_key);
    return removed;
  }
}

}  // namespace alexdb::alex
