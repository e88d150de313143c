#include "alexdb/database.h"

#include <algorithm>
#include <chrono>

#include "alex/context.h"
#include "alex/tables.h"
#include "alexdb/errors.h"
#include "store/counting_store.h"
#include "util/random_bits.h"

namespace alexdb {

namespace detail {

Timestamp DatabaseContext::now() const {
  if (options.clock_micros) return Timestamp(options.clock_micros());
  return Timestamp::now();
}

void DatabaseContext::log(LogLevel level, std::string_view message) const {
  if (!options.log) return;
  try {
    options.log(level, message);
  } catch (...) {
    // A sink that fails must not fail the call that reported something.
  }
}

std::string DatabaseContext::new_uuid() {
  std::uint64_t high = util::random_bits(), low = util::random_bits();
  high = (high & ~0xF000ull) | 0x4000ull;                 // version 4
  low = (low & ~(3ull << 62)) | (2ull << 62);              // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    std::uint64_t word = i < 16 ? high : low;
    int shift = 60 - 4 * (i % 16);
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    out += kHex[(word >> shift) & 0xF];
  }
  return out;
}

std::string DatabaseContext::new_request_token() {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::uint64_t high = util::random_bits(), low = util::random_bits();
  std::string out;
  for (int i = 0; i < 16; ++i) {
    std::uint64_t& word = i < 8 ? high : low;
    out += kAlphabet[word & 63];
    word >>= 6;
  }
  return out;
}

}  // namespace detail

std::string_view log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
  }
  return "warning";
}

namespace {

std::shared_ptr<detail::DatabaseContext> make_context(std::shared_ptr<Store> store,
                                                      std::string users_table,
                                                      std::string instruments_table,
                                                      DatabaseOptions options) {
  if (!store) throw ValidationError("store", "an open store");
  if (options.stale_after_days < 0) throw ValidationError("stale_after_days", ">= 0");
  const std::int64_t cache_seconds = options.instrument_cache_seconds.value_or(60);
  if (cache_seconds < 0) throw ValidationError("instrument_cache_seconds", ">= 0");
  auto context = std::make_shared<detail::DatabaseContext>();
  context->store = std::move(store);
  context->users_table = std::move(users_table);
  context->instruments_table = std::move(instruments_table);
  context->instruments = std::make_unique<alex::InstrumentCache>(
      std::chrono::seconds(std::min<std::int64_t>(cache_seconds, 1'000'000'000)));
  context->options = std::move(options);
  return context;
}

// `store` wrapped in the counter behind Database::capacity().
std::shared_ptr<store::CountingStore> make_meter(std::shared_ptr<Store> store) {
  if (!store) throw ValidationError("store", "an open store");
  return std::make_shared<store::CountingStore>(std::move(store));
}

}  // namespace

namespace {

DatabaseOptions with_config(DatabaseOptions options, const Config& config) {
  if (!options.instrument_cache_seconds) {
    options.instrument_cache_seconds = config.instrument_cache_seconds;
  }
  return options;
}

}  // namespace

Database::Database(const Config& config, DatabaseOptions options)
    : Database(std::shared_ptr<Store>(open_store(config)), config.users_table,
               config.instruments_table, with_config(std::move(options), config)) {}

Database::Database(std::shared_ptr<Store> store, std::string users_table,
                   std::string instruments_table, DatabaseOptions options)
    : meter_(make_meter(std::move(store))),
      context_(make_context(meter_, std::move(users_table), std::move(instruments_table),
                            std::move(options))),
      users(detail::make_model<Users>(context_)),
      instruments(detail::make_model<Instruments>(context_)),
      accounts(detail::make_model<Accounts>(context_)),
      positions(detail::make_model<Positions>(context_)),
      jobs(detail::make_model<Jobs>(context_)),
      transactions(detail::make_model<Transactions>(context_)),
      portfolio(detail::make_model<Portfolio>(context_)) {
  const std::string name = context_->store->name();
  bool embedded = name.rfind("sqlite:", 0) == 0 || name.rfind("memory:", 0) == 0;
  if (context_->options.create_tables.value_or(embedded)) create_tables();
  context_->log(LogLevel::kInfo, "opened " + describe());
}

Database::~Database() = default;

TableDefinition Database::users_table_definition() const {
  return alex::users_table(context_->users_table);
}

TableDefinition Database::instruments_table_definition() const {
  return alex::instruments_table(context_->instruments_table);
}

Store& Database::store() const { return *context_->store; }

CapacityReport Database::capacity() const { return meter_->report(); }

void Database::reset_capacity() { meter_->reset(); }

std::string Database::describe() const {
  return context_->store->name() + " (tables " + context_->users_table + ", " +
         context_->instruments_table + ")";
}

std::vector<std::string> Database::create_tables() {
  std::vector<std::string> created;
  for (const TableDefinition& table : {users_table_definition(), instruments_table_definition()}) {
    if (context_->store->describe_table(table.name)) continue;
    try {
      context_->store->create_table(table);
      created.push_back(table.name);
    } catch (const AlreadyExists&) {
      // Another process created it meanwhile: the same definition, so nothing to do.
    }
  }
  return created;
}

}  // namespace alexdb
