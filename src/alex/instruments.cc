// Instruments: <symbol>/META in the instruments table.
#include <cctype>

#include "alex/fields.h"
#include "alex/instrument_cache.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/price_log.h"
#include "alex/record_schema.h"
#include "alex/validation.h"
#include "alexdb/errors.h"

namespace alexdb {

namespace {

Condition is_meta() {
  return cond::eq(cond::path(std::string(alex::kSk)),
                  Value::S(std::string(alex::keys::kInstrumentMeta)));
}

std::vector<Instrument> sorted_instruments(const detail::DatabaseContext& ctx,
                                           const std::vector<Item>& items) {
  auto out = alex::readable_records<Instrument>(ctx, ctx.instruments_table, items,
                                                alex::instrument_from_item);
  std::sort(out.begin(), out.end(),
            [](const Instrument& a, const Instrument& b) { return a.symbol < b.symbol; });
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The price a create or update gives (recorded through update_price, never written to
// the record directly), taken out of `checked`.
std::optional<Decimal> take_price(alex::Checked& checked) {
  auto it = checked.find("current_price");
  if (it == checked.end()) return std::nullopt;
  Decimal price = it->second.n();
  checked.erase(it);
  return price;
}

}  // namespace

std::optional<Instrument> Instruments::find_by_symbol(std::string_view symbol) const {
  auto item = alex::get_instrument_item(*context_, alex::validate::symbol(symbol),
                                        alex::keys::kInstrumentMeta);
  if (!item) return std::nullopt;
  return alex::instrument_from_item(*item);
}

std::vector<Instrument> Instruments::find_all(Page page) const {
  return alex::page_of(
      sorted_instruments(*context_,
                         alex::scan_filtered(*context_, context_->instruments_table, is_meta())),
      page);
}

std::vector<Instrument> Instruments::find_by_type(std::string_view instrument_type) const {
  auto type = alex::validate::instrument_type(instrument_type);
  return sorted_instruments(
      *context_,
      alex::scan_filtered(*context_, context_->instruments_table,
                          is_meta() && cond::eq(cond::path("instrument_type"), Value::S(type))));
}

std::vector<Instrument> Instruments::search(std::string_view text, std::int64_t limit) const {
  if (limit < 0) throw ValidationError("limit", ">= 0");
  std::string needle = lower(text);
  std::vector<Instrument> found;
  for (Instrument& instrument : find_all()) {
    if (static_cast<std::int64_t>(found.size()) >= limit) break;
    if (lower(instrument.symbol).find(needle) != std::string::npos ||
        lower(instrument.name).find(needle) != std::string::npos) {
      found.push_back(std::move(instrument));
    }
  }
  return found;
}

std::vector<Instrument> Instruments::batch_get_by_symbols(
    const std::vector<std::string>& symbols) const {
  BatchGetRequest request;
  request.tables.push_back({context_->instruments_table, {}, true});
  std::vector<std::string> wanted;
  for (const std::string& s : symbols) {
    wanted.push_back(alex::validate::symbol(s, "symbols"));
    request.tables[0].keys.push_back(
        alex::instruments_key(wanted.back(), alex::keys::kInstrumentMeta));
  }
  std::map<std::string, Instrument, std::less<>> by_symbol;
  if (!wanted.empty()) {
    BatchGetResult result = context_->store->batch_get(request);
    for (const Item& item : result.items[0]) {
      Instrument instrument = alex::instrument_from_item(item);
      by_symbol.emplace(instrument.symbol, std::move(instrument));
    }
  }
  std::vector<Instrument> out;
  for (const std::string& s : wanted) {
    if (auto it = by_symbol.find(s); it != by_symbol.end()) out.push_back(it->second);
  }
  return out;
}

namespace alex {

std::map<std::string, Instrument> cached_instruments(const detail::DatabaseContext& ctx,
                                                     const std::vector<std::string>& symbols) {
  InstrumentCache::Lookup lookup = ctx.instruments->find(symbols);
  if (lookup.missing.empty()) return std::move(lookup.found);
  BatchGetRequest request;
  request.tables.push_back({ctx.instruments_table, {}, lookup.read_consistently});
  for (const std::string& s : lookup.missing) {
    request.tables[0].keys.push_back(instruments_key(s, keys::kInstrumentMeta));
  }
  std::vector<Instrument> read;
  const BatchGetResult result = ctx.store->batch_get(request);
  for (const Item& item : result.items[0]) {
    read.push_back(instrument_from_item(item));
  }
  ctx.instruments->remember(read, lookup.epoch);
  for (Instrument& i : read) lookup.found.insert_or_assign(i.symbol, std::move(i));
  return std::move(lookup.found);
}

}  // namespace alex

std::string Instruments::create_instrument(const Fields& fields) {
  alex::Checked checked = alex::instrument_schema().for_create(fields);
  const std::string symbol = checked.at("symbol").s();
  checked.erase("symbol");
  std::optional<Decimal> price = take_price(checked);
  // Sets the described fields only (all of them are given): a concurrent price update
  // is never reverted, and a retried request (lost response) sets the same values again.
  const std::string now = context_->now().to_string();
  alex::InstrumentWrite writing(*context_->instruments, symbol);
  const Item key = alex::instruments_key(symbol, alex::keys::kInstrumentMeta);
  Update update = alex::update_of(checked);
  update.set("updated_at", Value::S(now))
      .set("created_at", cond::if_not_exists("created_at", Value::S(now)));
  const std::string token = detail::DatabaseContext::new_request_token();
  if (price) {
    // Common case in one request: the fields and the price, committed as the newest, unless
    // META holds a newer price or this one already (then as below).
    const PricePoint p{symbol, now, *price, std::nullopt, "instrument"};  // checked above
    Update with_price = update;
    alex::add_newest_price(with_price, p, token);
    Condition changes_price = alex::price_not_older(p) &&
                              (cond::attribute_not_exists("current_price") ||
                               cond::ne(cond::path("current_price"), Value::N(p.price)));
    try {
      auto stored = context_->store->update({context_->instruments_table, key,
                                             std::move(with_price), std::move(changes_price),
                                             ReturnValues::kAllNew});
      writing.done(stored.attributes ? std::optional(alex::instrument_from_item(*stored.attributes))
                                     : std::nullopt);
      try {
        alex::write_committed_price(*context_, p, token);
      } catch (const Error&) {
        // Committed: readers and writers complete the record (price_log.h, step 4).
      }
      return symbol;
    } catch (const ConditionFailed&) {
      // A newer price, the same price, or this commit retried after a lost response.
    }
  }
  auto stored = context_->store->update(
      {context_->instruments_table, key, update, std::nullopt, ReturnValues::kAllNew});
  std::optional<Decimal> current;
  if (stored.attributes) {
    Instrument instrument = alex::instrument_from_item(*stored.attributes);
    current = instrument.current_price;
    writing.done(std::move(instrument));
    if (auto newest = alex::newest_price_token(*stored.attributes); newest == token) {
      alex::write_committed_price(*context_, *alex::newest_price_of_meta(*stored.attributes), token);
    }
  }
  if (price && price != current) update_price(symbol, *price, {}, now, "instrument");
  return symbol;
}

int Instruments::update(std::string_view symbol, const Fields& fields) {
  alex::Checked checked = alex::instrument_schema().for_update(fields);
  auto sym = alex::validate::symbol(symbol);
  std::optional<Decimal> price = take_price(checked);
  Update update = alex::update_of(checked);
  update.set("updated_at", Value::S(context_->now().to_string()));
  alex::InstrumentWrite writing(*context_->instruments, sym);
  try {
    context_->store->update(
        {context_->instruments_table, alex::instruments_key(sym, alex::keys::kInstrumentMeta),
         update, cond::attribute_exists(std::string(alex::kSymbolKey)), ReturnValues::kNone});
  } catch (const ConditionFailed&) {
    return 0;
  }
  if (price) update_price(sym, *price);
  return 1;
}

int Instruments::remove(std::string_view symbol) {
  auto sym = alex::validate::symbol(symbol);
  alex::InstrumentWrite writing(*context_->instruments, sym);
  QueryRequest request;
  request.table = context_->instruments_table;
  request.partition_value = Value::S(sym);
  request.consistent_read = true;
  request.projection = {std::string(alex::kSymbolKey), std::string(alex::kSk)};
  std::vector<Item> keys = context_->store->query_all(std::move(request)).items;
  // Prices first, META last, so an interrupted delete can be run again.
  std::stable_partition(keys.begin(), keys.end(), [](const Item& key) {
    return key.at(std::string(alex::kSk)).s() != alex::keys::kInstrumentMeta;
  });
  return alex::delete_keys(*context_, context_->instruments_table, keys);
}

}  // namespace alexdb
