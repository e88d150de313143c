// alexdb::Database: the Alex planner's data on two tables (SPEC sections 2 to 5).
//
//   alexdb::Database db;                       // configuration from flags/env/.env
//   db.create_tables();                        // idempotent
//   db.users.create_user("user_123", "John Doe");
//   db.positions.add_or_update_position("acc_001", "SPY", Decimal::parse("100"), "BUY");
//   auto value = db.positions.get_account_value_at_date("acc_001", "2025-01-15");
//
// Every call validates its input before anything is written (ValidationError names the
// field and the rule) and works the same on the embedded engine and on DynamoDB. Lookups
// by id never scan; listings follow every page. A Database and its models are safe to
// use from many threads at once. Dates are strings, "YYYY-MM-DD" or with a time
// ("2025-01-15T14:30:00Z", Python isoformat() forms), years 1970-9999 UTC; an empty
// string is never a date. A date alone means the end of that day, UTC, in a question
// (at a date, the end of a range; the start of a range is the start of that day) and
// that day's close, 21:00 UTC, for when a change or a price happened. No change or price
// may be dated later than now + 1 day (clock skew allowance). Money results of
// valuations are rounded as records.h kMoneyPlaces says.
// Errors: the alexdb::Error hierarchy of errors.h. "Not found" for a lookup is nullopt.
#ifndef ALEXDB_DATABASE_H_
#define ALEXDB_DATABASE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/config.h"
#include "alexdb/records.h"
#include "alexdb/store.h"

namespace alexdb {

namespace detail {
struct DatabaseContext;
// The passkey of the model classes' constructors: only the library makes one, so the
// five models of a Database are reached through it (db.users, ...) and never built
// from outside.
class ModelKey {
  ModelKey() = default;
  template <typename Model>
  friend Model make_model(std::shared_ptr<DatabaseContext> context);
};
}  // namespace detail

// Paging of find_all: skip `offset` records, then return at most `limit` (all if unset).
struct Page {
  std::optional<std::int64_t> limit;
  std::int64_t offset = 0;
};

class Users {
 public:
  Users(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  // The user with this Clerk id, or nullopt.
  std::optional<User> find_by_id(std::string_view clerk_user_id) const;
  std::optional<User> find_by_clerk_id(std::string_view clerk_user_id) const {
    return find_by_id(clerk_user_id);
  }
  // All users, ordered by Clerk id.
  std::vector<User> find_all(Page page = {}) const;
  // Creates a user (the display name is optional, as in the seed); targets default to
  // equity 70 / fixed_income 30 and north_america 50 / international 50. Returns the
  // Clerk id. AlreadyExists if the user exists (a retried request that created it
  // itself, after a lost response, is recognised and succeeds).
  std::string create_user(std::string_view clerk_user_id,
                          std::optional<std::string_view> display_name = {},
                          std::optional<Decimal> years_until_retirement = {},
                          std::optional<Decimal> target_retirement_income = {},
                          std::optional<Allocation> asset_class_targets = {},
                          std::optional<Allocation> region_targets = {});
  // As create_user, from named fields (clerk_user_id required).
  std::string create(const Fields& fields);
  // Changes the named fields; returns 1, or 0 when there is no such user.
  int update(std::string_view clerk_user_id, const Fields& fields);
  // Deletes the user with its accounts (and their positions and history) and jobs;
  // returns the number of records deleted.
  int remove(std::string_view clerk_user_id);

 private:
  std::shared_ptr<detail::DatabaseContext> context_;
};

class Instruments {
 public:
  Instruments(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  std::optional<Instrument> find_by_symbol(std::string_view symbol) const;
  std::optional<Instrument> find_by_id(std::string_view symbol) const { return find_by_symbol(symbol); }
  // All instruments ordered by symbol.
  std::vector<Instrument> find_all(Page page = {}) const;
  std::vector<Instrument> find_by_type(std::string_view instrument_type) const;
  // Up to `limit` instruments whose symbol or name contains `text`, ignoring case.
  std::vector<Instrument> search(std::string_view text, std::int64_t limit = 20) const;
  // The instruments found among `symbols`, in the order asked (one batch read).
  std::vector<Instrument> batch_get_by_symbols(const std::vector<std::string>& symbols) const;
  // Creates or replaces an instrument (symbol, name, instrument_type, allocations,
  // optional current_price); returns the symbol, upper-cased. A current_price is
  // recorded as a price quoted now (use import_prices to load dated prices).
  std::string create_instrument(const Fields& fields);
  std::string create(const Fields& fields) { return create_instrument(fields); }
  // Changes the named fields (not the symbol); returns 1, or 0 when there is none.
  int update(std::string_view symbol, const Fields& fields);
  // Deletes the instrument and its price history; returns the number of records.
  int remove(std::string_view symbol);

  // Records a price: one history record at `timestamp` (now if unset; a date alone is its
  // close, 21:00 UTC; not later than now + 1 day) and, when it is the newest price, the
  // instrument's current_price. NotFound for an unknown symbol. Returns the timestamp
  // written. Exactly once, also when a response was lost and the request retried; a
  // newest price commits on the instrument record first, so once it returns (or its
  // process died after that commit) every reader uses it, and the history record a
  // failure left unwritten is completed by the next price update or history read.
  std::string update_price(std::string_view symbol, const Decimal& price,
                           std::optional<Decimal> volume = {},
                           std::optional<std::string> timestamp = {},
                           std::string_view source = "manual");
  // Writes many prices of one or more symbols with batch writes (for seeding and
  // imports), each instrument's newest first committed as its current price (as
  // update_price does). All rows are
  // validated before anything is written; each timestamp follows update_price's rules
  // and is required (an empty one is a ValidationError naming prices[i].timestamp).
  void import_prices(const std::vector<PricePoint>& prices);
  // The prices between start and end (inclusive; unset: unbounded), oldest first.
  std::vector<PricePoint> get_price_history(std::string_view symbol,
                                            std::optional<std::string> start = {},
                                            std::optional<std::string> end = {}) const;
  // The last price at or before `date` (one reverse, limit-1 query), or nullopt.
  std::optional<PricePoint> get_price_at_date(std::string_view symbol,
                                              std::string_view date) const;

 private:
  std::shared_ptr<detail::DatabaseContext> context_;
};

class Accounts {
 public:
  Accounts(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  // The account with this id (one point read), or nullopt.
  std::optional<Account> find_by_id(std::string_view account_id) const;
  // The user's accounts, newest first.
  std::vector<Account> find_by_user(std::string_view clerk_user_id) const;
  // All accounts, ordered by id.
  std::vector<Account> find_all(Page page = {}) const;
  // Creates an account with a new UUID, returned; exactly once, also when a response was
  // lost. Its record is the commit point: a failure after it (writing the copy listed
  // under the owner) is not reported, and `alexdb verify --repair` or the next update
  // writes the copy.
  std::string create_account(std::string_view clerk_user_id, std::string_view account_name,
                             std::optional<std::string> account_purpose = {},
                             const Decimal& cash_balance = Decimal(),
                             const Decimal& cash_interest = Decimal());
  std::string create(const Fields& fields);
  // Changes only the named fields among account_name, account_purpose, cash_balance,
  // cash_interest (a concurrent update of other fields survives), in the account and its
  // copy under the owner; returns 1, or 0 when there is no such account.
  int update(std::string_view account_id, const Fields& fields);
  // Deletes the account with its positions and history; returns the records deleted.
  int remove(std::string_view account_id);

 private:
  std::shared_ptr<detail::DatabaseContext> context_;
};

class Positions {
 public:
  Positions(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  // Open positions of the account by symbol, with instrument_name, instrument_type
  // and current_price from one batch read of the instruments.
  std::vector<Position> find_by_account(std::string_view account_id) const;
  // The position with this id (also when sold out, with quantity 0), or nullopt.
  std::optional<Position> find_by_id(std::string_view position_id) const;
  // All open positions, ordered by account and symbol.
  std::vector<Position> find_all(Page page = {}) const;
  // Every symbol the account has held (open or sold out), by symbol.
  std::vector<std::string> held_symbols(std::string_view account_id) const;

  // Records a change: the quantity after it and the action (BUY, SELL, TRANSFER,
  // UPDATE, REMOVE). With `timestamp` (a past trade; a date alone is its close, 21:00
  // UTC; not later than now + 1 day) the change lands in history order and moves the
  // current position only if it is the newest. Safe under concurrent writers and
  // interruptions (SPEC sections 3 and 9): applied exactly once also when a response was
  // lost; a failure after the commit point (writing the HISTORY record) is not reported,
  // and the next read or write completes it. Returns the position id.
  std::string add_or_update_position(std::string_view account_id, std::string_view symbol,
                                     const Decimal& quantity, std::string_view action = "UPDATE",
                                     std::optional<std::string> timestamp = {});
  // Upsert with action BUY for a new position, UPDATE otherwise; returns the id.
  std::string add_position(std::string_view account_id, std::string_view symbol,
                           const Decimal& quantity);
  // From fields account_id, symbol, quantity (and optional action, timestamp).
  std::string create(const Fields& fields);
  // Changes the quantity (field `quantity`, optional `action`); returns 1 or 0.
  int update(std::string_view position_id, const Fields& fields);
  // Records a REMOVE (quantity 0); returns 1, or 0 when there is no open position.
  int remove(std::string_view position_id);

  // The changes of one position between start and end (inclusive), oldest first.
  std::vector<PositionChange> get_position_history(std::string_view account_id,
                                                   std::string_view symbol,
                                                   std::optional<std::string> start = {},
                                                   std::optional<std::string> end = {}) const;
  // The positions held at `date`: per symbol the last change at or before it, those
  // with a quantity above zero, by symbol.
  std::vector<PositionChange> get_positions_at_date(std::string_view account_id,
                                                    std::string_view date) const;
  // The open positions valued at the instruments' current prices.
  Valuation get_portfolio_value(std::string_view account_id) const;
  // The positions held at `date` valued at the last price at or before it.
  Valuation get_account_value_at_date(std::string_view account_id, std::string_view date) const;
  // One valuation per step ("daily", "weekly", "monthly") from start to end inclusive,
  // each equal to get_account_value_at_date at that point, reading each symbol's
  // history and prices once.
  std::vector<Valuation> get_account_value_series(std::string_view account_id,
                                                  std::string_view start, std::string_view end,
                                                  std::string_view step = "daily") const;

 private:
  std::shared_ptr<detail::DatabaseContext> context_;
};

class Jobs {
 public:
  Jobs(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  // Creates a pending job with a new UUID, returned; exactly once, also when a response
  // was lost. A failure after the job is written (its JOB#id record, found by id) is not
  // reported; `alexdb verify --repair` writes the missing record.
  std::string create_job(std::string_view clerk_user_id, std::string_view job_type,
                         std::optional<Value> request_payload = {});
  std::string create(const Fields& fields);
  // The job with this id (at most two point reads), or nullopt.
  std::optional<Job> find_by_id(std::string_view job_id) const;
  // The user's jobs, newest first; with a status, through GSI1.
  std::vector<Job> find_by_user(std::string_view clerk_user_id,
                                std::optional<std::string> status = {},
                                std::optional<std::int64_t> limit = {}) const;
  // All jobs, newest first.
  std::vector<Job> find_all(Page page = {}) const;
  // Sets the status (started_at on running, completed_at on completed/failed) and the
  // error message; returns 1, or 0 when there is no such job.
  int update_status(std::string_view job_id, std::string_view status,
                    std::optional<std::string> error_message = {});
  int update_report(std::string_view job_id, const Value& payload);
  int update_charts(std::string_view job_id, const Value& payload);
  int update_retirement(std::string_view job_id, const Value& payload);
  int update_summary(std::string_view job_id, const Value& payload);
  // Changes status, error_message or any payload field; returns 1 or 0.
  int update(std::string_view job_id, const Fields& fields);
  // Deletes the job; returns the number of records deleted.
  int remove(std::string_view job_id);

 private:
  std::shared_ptr<detail::DatabaseContext> context_;
};

// Settings of a Database beyond where its tables live.
struct DatabaseOptions {
  // A valuation flags a price older than this many days before the date as stale.
  std::int64_t stale_after_days = 7;
  // The clock for new timestamps; unset: the system clock. Returns microseconds since
  // the Unix epoch (tests set it to reproduce dates).
  std::function<std::int64_t()> clock_micros;
  // Whether opening the Database creates missing tables. Unset: yes on the embedded
  // engine (a new file or memory store is ready at once), no on DynamoDB (tables there
  // are made by `alexdb tables create` or Terraform).
  std::optional<bool> create_tables;
};

class Database {
 public:
  // Opens the store and tables the configuration names (default: Config::resolve()).
  explicit Database(const Config& config = Config::resolve(), DatabaseOptions options = {});
  // Uses an open store with the given table names.
  Database(std::shared_ptr<Store> store, std::string users_table, std::string instruments_table,
           DatabaseOptions options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Creates the two tables where missing (waits until active); returns the names of
  // the tables created.
  std::vector<std::string> create_tables();
  // The table definitions this database uses (the single source of truth).
  TableDefinition users_table_definition() const;
  TableDefinition instruments_table_definition() const;
  Store& store() const;

 private:
  std::shared_ptr<detail::DatabaseContext> context_;

 public:
  Users users;
  Instruments instruments;
  Accounts accounts;
  Positions positions;
  Jobs jobs;
};

}  // namespace alexdb

#endif  // ALEXDB_DATABASE_H_
