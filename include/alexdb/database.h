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
// Errors: the alexdb::Error hierarchy of errors.h. "Not found" for a lookup is nullopt;
// an update or remove of a record that does not exist returns 0. Any call may also throw
// what the store throws (store.h): Throttled or ServiceError on DynamoDB, StoreError on
// the embedded engine. Ids are 1-128 characters, without '#' or any whitespace, control,
// format or separator character (ValidationError otherwise); symbols are 1-20 ASCII
// letters, digits or .-^=_ and are upper-cased. A find_all reads the whole table (a
// scan of every page), then pages.
#ifndef ALEXDB_DATABASE_H_
#define ALEXDB_DATABASE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/allocation.h"
#include "alexdb/capacity.h"
#include "alexdb/config.h"
#include "alexdb/integrity.h"
#include "alexdb/ledger.h"
#include "alexdb/returns.h"
#include "alexdb/log.h"
#include "alexdb/migration.h"
#include "alexdb/records.h"
#include "alexdb/store.h"

namespace alexdb {

namespace store {
class CountingStore;
}  // namespace store

namespace detail {
struct DatabaseContext;
// The passkey of the model classes' constructors: only the library makes one, so the
// models of a Database are reached through it (db.users, ...) and never built
// from outside.
class ModelKey {
  ModelKey() = default;
  template <typename Model>
  friend Model make_model(std::shared_ptr<DatabaseContext> context);
};
}  // namespace detail

// Paging of find_all: skip `offset` records, then return at most `limit` (all if unset).
// A negative offset or limit is a ValidationError.
struct Page {
  std::optional<std::int64_t> limit;
  std::int64_t offset = 0;
};

// The users: one record per Clerk user id (SPEC section 4).
class Users {
 public:
  Users(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  // The user with this Clerk id (one point read), or nullopt.
  std::optional<User> find_by_id(std::string_view clerk_user_id) const;
  // The same as find_by_id (the planner's name for it).
  std::optional<User> find_by_clerk_id(std::string_view clerk_user_id) const {
    return find_by_id(clerk_user_id);
  }
  // All users, ordered by Clerk id.
  std::vector<User> find_all(Page page = {}) const;
  // Creates a user (the display name is optional, as in the seed); targets default to
  // equity 70 / fixed_income 30 and north_america 50 / international 50. Returns the
  // Clerk id. AlreadyExists if the user exists (a retried request that created it
  // itself, after a lost response, is recognised and succeeds). ValidationError for a
  // display name of 0 or over 256 characters, years or income out of range, or targets
  // with a key not of their kind, a share outside 0-100 or shares not summing to 97-103.
  std::string create_user(std::string_view clerk_user_id,
                          std::optional<std::string_view> display_name = {},
                          std::optional<Decimal> years_until_retirement = {},
                          std::optional<Decimal> target_retirement_income = {},
                          std::optional<Allocation> asset_class_targets = {},
                          std::optional<Allocation> region_targets = {});
  // As create_user, from named fields (clerk_user_id required; created_at and
  // updated_at are accepted and ignored). An unknown field is a ValidationError.
  std::string create(const Fields& fields);
  // Changes only the named fields (any field of User but clerk_user_id and the
  // timestamps; a concurrent update of other fields survives), validated as create_user
  // does; returns 1, or 0 when there is no such user.
  int update(std::string_view clerk_user_id, const Fields& fields);
  // Deletes the user with its accounts (and their positions and history) and jobs;
  // returns the number of records deleted (0 when there is no such user). Records are
  // deleted children first, so an interrupted remove can be run again.
  int remove(std::string_view clerk_user_id);

 private:
  std::shared_ptr<detail::DatabaseContext> context_;
};

// The instruments (META records) and their price history (SPEC section 4).
class Instruments {
 public:
  Instruments(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  // The instrument with this symbol, in any case (one point read), or nullopt.
  std::optional<Instrument> find_by_symbol(std::string_view symbol) const;
  // The same as find_by_symbol.
  std::optional<Instrument> find_by_id(std::string_view symbol) const {
    return find_by_symbol(symbol);
  }
  // All instruments ordered by symbol.
  std::vector<Instrument> find_all(Page page = {}) const;
  // The instruments of one type (etf, mutual_fund, stock, bond, bond_fund, commodity,
  // reit), by symbol (a scan); ValidationError for another type.
  std::vector<Instrument> find_by_type(std::string_view instrument_type) const;
  // Up to `limit` instruments whose symbol or name contains `text`, ignoring ASCII case,
  // by symbol (reads every instrument). A negative limit is a ValidationError.
  std::vector<Instrument> search(std::string_view text, std::int64_t limit = 20) const;
  // The instruments found among `symbols`, in the order asked; unknown symbols are left
  // out, a symbol asked twice is returned twice. One batch read per 100 distinct symbols.
  std::vector<Instrument> batch_get_by_symbols(const std::vector<std::string>& symbols) const;
  // Creates an instrument from symbol, name, instrument_type and the three allocations
  // (all required) and its optional fields (current_price, ...); returns the symbol,
  // upper-cased. An
  // existing instrument gets the given fields; its created_at, current price and price
  // history stay. A current_price that differs from the stored one is recorded as a
  // price quoted now, source "instrument" (use import_prices to load dated prices).
  std::string create_instrument(const Fields& fields);
  // The same as create_instrument.
  std::string create(const Fields& fields) { return create_instrument(fields); }
  // Changes only the named fields (any field of Instrument but symbol, price_timestamp
  // and the timestamps; current_price is recorded as update_price(symbol, price) does);
  // returns 1, or 0 when there is no such instrument.
  int update(std::string_view symbol, const Fields& fields);
  // Deletes the instrument and its price history; returns the number of records (0
  // when there is none).
  int remove(std::string_view symbol);

  // Records a price: one history record at `timestamp` (now if unset; a date alone is its
  // close, 21:00 UTC; not later than now + 1 day) and, when it is the newest price, the
  // instrument's current_price. NotFound for an unknown symbol. Returns the timestamp
  // written. Exactly once, also when a response was lost and the request retried; a
  // newest price commits on the instrument record first, so once it returns (or its
  // process died after that commit) every reader uses it, and the history record a
  // failure left unwritten is completed by the next price update or history read.
  // ConditionFailed when concurrent price updates of the symbol win every retry.
  // ValidationError for a price outside 0-999999, a volume that is not a whole number
  // >= 0, or a source over 64 characters.
  std::string update_price(std::string_view symbol, const Decimal& price,
                           std::optional<Decimal> volume = {},
                           std::optional<std::string> timestamp = {},
                           std::string_view source = "manual");
  // Deletes the price of `symbol` recorded at `timestamp` (a date alone is its close,
  // 21:00 UTC, as update_price reads it); returns 1, or 0 when there is no such price.
  // When it was the newest, the instrument's current_price falls back to the newest
  // remaining price (none left: the instrument has no current price), committed on the
  // instrument record as update_price commits (SPEC section 9): once it returns, every
  // reader agrees; a process that dies before that commit leaves the price in place,
  // as if never deleted. ConditionFailed when concurrent price updates of the symbol
  // win every retry. ValidationError for a bad symbol or timestamp.
  int delete_price(std::string_view symbol, std::string_view timestamp);
  // Writes many prices of one or more symbols with batch writes (for seeding and
  // imports), each instrument's newest first committed as its current price (as
  // update_price does: one conditional update of META per symbol, no read first; another
  // price at the current price's own instant replaces it, a correction). One
  // write request per 25 records. The symbols' instruments come from the instrument
  // cache where fresh. All rows are
  // validated before anything is written; each timestamp follows update_price's rules
  // and is required (an empty one is a ValidationError naming prices[i].timestamp).
  // NotFound, before anything is written, when a symbol has no instrument. Not atomic
  // across batches: a failure may leave part of the prices written (importing the same
  // prices again is safe).
  void import_prices(const std::vector<PricePoint>& prices);
  // The prices between start and end (inclusive; unset: unbounded; a bare start date is
  // the start of that day, a bare end date its end), oldest first; empty for an unknown
  // symbol. ValidationError when start is after end. One point read, then a query (a
  // request per page).
  std::vector<PricePoint> get_price_history(std::string_view symbol,
                                            std::optional<std::string> start = {},
                                            std::optional<std::string> end = {}) const;
  // The last price at or before `date` (a bare date: the end of that day), or nullopt
  // (also for an unknown symbol). One point read and one reverse, limit-1 query.
  std::optional<PricePoint> get_price_at_date(std::string_view symbol, std::string_view date) const;

  // Records a split (SPEC section 12): from `effective` (a date alone: the start of that
  // day; not later than now + 1 day) every `ratio_from` units of `symbol` are `ratio_to`
  // (both > 0, at most 8 decimal places, not equal). Lots and gains apply it to the lots
  // held then (quantity x to / from, the same cost). Every position that holds the symbol
  // at `effective` is moved by the units the split adds or takes (action UPDATE): at
  // `effective` when the position has not changed since, else now, as a correction
  // (dates in between keep what was recorded then). Its price from `effective`: the
  // last price quoted before it times from / to (rounded half-even to 8 places) is
  // recorded at `effective` with source "split" (none when there is no earlier price, a
  // price at that very time, or the result is over 999999), so a valuation after the
  // split without a later quote values the new units at the new price. Stored history is
  // not rewritten. Requests: one conditional write of the split, one scan of the users
  // table for the positions of the symbol, then per position held a history query and a
  // move (3), then the price at `effective` as get_price_at_date reads it (2) and the
  // implied price's record (as update_price).
  // Recording the same split again returns it and writes nothing; another ratio at the
  // same time is AlreadyExists. NotFound for an unknown instrument; ValidationError
  // naming the field otherwise.
  Split record_split(std::string_view symbol, const Decimal& ratio_from, const Decimal& ratio_to,
                     std::string_view effective);
  // The splits of `symbol` recorded by `as_known_at` (unset: now), by effective time: one
  // query. Empty for an unknown symbol.
  std::vector<Split> splits(std::string_view symbol,
                            std::optional<std::string> as_known_at = {}) const;

 private:
  std::shared_ptr<detail::DatabaseContext> context_;
};

// The accounts of users: each record, and its copy listed under the owner.
class Accounts {
 public:
  Accounts(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  // The account with this id (one point read), or nullopt.
  std::optional<Account> find_by_id(std::string_view account_id) const;
  // The user's accounts, newest first (one query of the copies listed under the user).
  std::vector<Account> find_by_user(std::string_view clerk_user_id) const;
  // All accounts, ordered by id.
  std::vector<Account> find_all(Page page = {}) const;
  // Creates an account with a new UUID, returned; exactly once, also when a response was
  // lost. Its record is the commit point: a failure after it (writing the copy listed
  // under the owner) is not reported, and `alexdb verify --repair` or the next update
  // writes the copy. The owner is looked up first (one consistent point read):
  // ValidationError naming clerk_user_id when there is no such user, as for a name over
  // 256 or a purpose over 1,024 characters, or cash out of range. Nothing is written then.
  std::string create_account(std::string_view clerk_user_id, std::string_view account_name,
                             std::optional<std::string> account_purpose = {},
                             const Decimal& cash_balance = Decimal(),
                             const Decimal& cash_interest = Decimal());
  // As create_account, from named fields (clerk_user_id and account_name required;
  // created_at and updated_at are accepted and ignored).
  std::string create(const Fields& fields);
  // Changes only the named fields (any field of Account but id, clerk_user_id and the
  // timestamps; a concurrent update of other fields survives), in the account and its
  // copy under the owner; a NULL account_purpose removes it. Returns 1, or 0 when there
  // is no such account.
  int update(std::string_view account_id, const Fields& fields);
  // Deletes the account with its positions and history, its ledger transactions and its
  // copy under the owner;
  // returns the records deleted (0 when there is none). Can be run again after an
  // interruption.
  int remove(std::string_view account_id);

 private:
  std::shared_ptr<detail::DatabaseContext> context_;
};

// Positions of accounts: the current state per symbol (CURRENT) and every change
// (HISTORY). A position id is the opaque string add_position returns (it encodes the
// account id and symbol); any other id is a ValidationError. Accounts and instruments
// are not looked up on writes.
class Positions {
 public:
  Positions(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  // Open positions (quantity above zero) of the account by symbol, with
  // instrument_name, instrument_type and current_price: one query (a request per page),
  // plus one batch read of the instruments not in the instrument cache
  // (DatabaseOptions::instrument_cache_seconds). Eventually consistent: on DynamoDB a
  // change another writer committed within about a second may not show yet (the
  // instruments are read strongly consistent when this Database wrote one of them in the
  // last minute, so its own writes show).
  std::vector<Position> find_by_account(std::string_view account_id) const;
  // The position with this id (also when sold out, with quantity 0), or nullopt.
  std::optional<Position> find_by_id(std::string_view position_id) const;
  // All open positions, ordered by account and symbol.
  std::vector<Position> find_all(Page page = {}) const;
  // Every symbol the account has held (open or sold out), by symbol (one query).
  std::vector<std::string> held_symbols(std::string_view account_id) const;

  // Records a change: the quantity after it and the action (BUY, SELL, TRANSFER,
  // UPDATE, REMOVE). With `timestamp` (a past trade; a date alone is its close, 21:00
  // UTC; not later than now + 1 day) the change lands in history order and moves the
  // current position only if it is the newest. Safe under concurrent writers and
  // interruptions (SPEC sections 3 and 9): applied exactly once also when a response was
  // lost; a failure after the commit point (writing the HISTORY record) is not reported,
  // and the next read or write completes it. 2 requests in the common case, no read
  // first. ConditionFailed when concurrent changes of the position win every retry.
  // Returns the position id. ValidationError for an unknown action, a quantity
  // below 0 or with more than 8 decimal places, or a REMOVE with a quantity other than 0.
  std::string add_or_update_position(std::string_view account_id, std::string_view symbol,
                                     const Decimal& quantity, std::string_view action = "UPDATE",
                                     std::optional<std::string> timestamp = {});
  // Upsert with action BUY for a new position, UPDATE otherwise; returns the id.
  std::string add_position(std::string_view account_id, std::string_view symbol,
                           const Decimal& quantity);
  // From fields account_id, symbol, quantity (and optional action, timestamp): as
  // add_position when neither is given, else as add_or_update_position.
  std::string create(const Fields& fields);
  // Records a change from fields `quantity` (required), `action` (default UPDATE) and
  // `timestamp`, as add_or_update_position does; returns 1, or 0 (nothing written) when
  // the position never existed. A sold-out position can be changed.
  int update(std::string_view position_id, const Fields& fields);
  // Records a REMOVE (quantity 0); returns 1, or 0 when there is no open position.
  int remove(std::string_view position_id);

  // The changes of one position between start and end (inclusive; a bare start date is
  // the start of that day, a bare end date its end), oldest first; ValidationError when
  // start is after end. One round trip of eventually consistent queries issued in
  // parallel: the range (a request per page), the CURRENT record and, when `end` is
  // given, the first record after it (a change whose writer died before writing its
  // record is found there or in CURRENT, and its record written). On DynamoDB a change
  // another writer committed within about a second may not show yet.
  std::vector<PositionChange> get_position_history(std::string_view account_id,
                                                   std::string_view symbol,
                                                   std::optional<std::string> start = {},
                                                   std::optional<std::string> end = {}) const;
  // The positions held at `date` (a bare date: the end of that day): per symbol the last
  // change at or before it, those with a quantity above zero, by symbol. One query when
  // the date is after every change, else also two limit-1 queries per symbol issued in
  // parallel (the change at or before the date, and the record after it, which carries
  // a change whose own record was never written). Eventually consistent, as
  // find_by_account.
  std::vector<PositionChange> get_positions_at_date(std::string_view account_id,
                                                    std::string_view date) const;
  // The open positions valued at the instruments' current prices; a price is stale when
  // quoted more than stale_after_days before now; a position whose instrument has no
  // price is listed as missing. as_of_date is unset.
  Valuation get_portfolio_value(std::string_view account_id) const;
  // The positions held at `date` (a bare date: the end of that day) valued at the last
  // price at or before it (never a later one); positions with no such price are listed
  // as missing. At most 2 requests when the date is after every change and every held
  // instrument's current price was quoted at or before it (the CURRENT query and one
  // batch read of the instruments' META). Eventually consistent, as find_by_account.
  // With `with_cash`, `cash` is also set to the ledger's cash then
  // (Portfolio::cash_balance), beside total_value: one more query, of the ledger.
  Valuation get_account_value_at_date(std::string_view account_id, std::string_view date,
                                      bool with_cash = false) const;
  // One valuation per step ("daily", "weekly", "monthly": the same day of each month,
  // or its last day) from start to end inclusive (bare dates: the end of those days),
  // each equal to get_account_value_at_date at that point, reading each symbol's
  // history and prices once (requests grow with symbols and pages, not with days); with
  // `with_cash`, each point's cash from one more query, of the ledger.
  // ValidationError for another step or when start is after end.
  std::vector<Valuation> get_account_value_series(std::string_view account_id,
                                                  std::string_view start, std::string_view end,
                                                  std::string_view step = "daily",
                                                  bool with_cash = false) const;

 private:
  std::shared_ptr<detail::DatabaseContext> context_;
};

// Analysis jobs of users: each job under its user, and a record that finds it by id.
class Jobs {
 public:
  Jobs(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  // Creates a pending job with a new UUID, returned; exactly once, also when a response
  // was lost. A failure after the job is written (its JOB#id record, found by id) is not
  // reported; `alexdb verify --repair` writes the missing record. ValidationError for a
  // job_type other than portfolio_analysis, rebalance_recommendation,
  // retirement_projection, risk_assessment, tax_optimization, instrument_research, or a
  // payload that is not a map or list or nests deeper than 32 levels. The user is not
  // looked up.
  std::string create_job(std::string_view clerk_user_id, std::string_view job_type,
                         std::optional<Value> request_payload = {});
  // As create_job, from named fields (clerk_user_id and job_type required; a status
  // other than "pending" is a ValidationError; created_at, updated_at ignored).
  std::string create(const Fields& fields);
  // The job with this id (at most two point reads), or nullopt.
  std::optional<Job> find_by_id(std::string_view job_id) const;
  // The user's jobs, newest first, at most `limit` (a negative one is a ValidationError);
  // with a status (ValidationError for an unknown one), through GSI1, which DynamoDB
  // updates eventually: a job's newest status may show a moment later.
  std::vector<Job> find_by_user(std::string_view clerk_user_id,
                                std::optional<std::string> status = {},
                                std::optional<std::int64_t> limit = {}) const;
  // All jobs, newest first.
  std::vector<Job> find_all(Page page = {}) const;
  // Sets the status (started_at on running, completed_at on completed/failed) and the
  // error message; returns 1, or 0 when there is no such job. ValidationError for a
  // status other than pending, running, completed or failed.
  int update_status(std::string_view job_id, std::string_view status,
                    std::optional<std::string> error_message = {});
  // Each sets one payload (report_payload, charts_payload, retirement_payload,
  // summary_payload), checked as create_job checks its payload (NULL removes it);
  // returns 1, or 0 when there is no such job.
  int update_report(std::string_view job_id, const Value& payload);
  int update_charts(std::string_view job_id, const Value& payload);
  int update_retirement(std::string_view job_id, const Value& payload);
  int update_summary(std::string_view job_id, const Value& payload);
  // Changes only the named fields (any field of Job but id, clerk_user_id, job_type and
  // the timestamps): status as update_status does; a NULL error_message or payload
  // removes it. Returns 1, or 0 when there is no such job.
  int update(std::string_view job_id, const Fields& fields);
  // Deletes the job and the record that finds it by id; returns the number of records
  // deleted (0 when there is no such job).
  int remove(std::string_view job_id);

 private:
  std::shared_ptr<detail::DatabaseContext> context_;
};

// The ledger's transactions (SPEC section 12): appended, never rewritten. Each version
// (as recorded, each correction, a void) is its own record with the time it was
// recorded, so every read can answer as the ledger stood at an earlier moment
// (`as_known_at`, a date or time; unset: now). Transaction ids name their account.
// Trades move positions: a BUY, SELL, TRANSFER_IN or TRANSFER_OUT moves its position by
// its units at its time through the positions protocol (a change with action BUY, SELL
// or TRANSFER), so get_positions_at_date and valuations agree with the ledger. The
// seed's absolute calls (add_or_update_position) state a position's whole quantity at
// their time; a trade moves the position from what it holds then. Lots and gains count
// the ledger only.
class Transactions {
 public:
  Transactions(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  // Records a transaction in the account's ledger and returns its id: the account is
  // read, then one conditional write, exactly once also when a response was lost (2
  // requests); a trade also reads its position first and then moves it (4 more).
  // With an external id, recording it again returns the first id and writes nothing (the
  // position is not moved again), or throws AlreadyExists when the fields differ. A trade
  // whose recording process died before its position moved (the position shows no change
  // at or after the trade's time) is moved by recording it again, once.
  // NotFound for an unknown account; ValidationError by the rules of TransactionInput,
  // and for a trade: "timestamp" when its position changed after its time (a position's
  // trades are recorded in time order), "quantity" when a SELL or TRANSFER_OUT takes
  // more than the position holds then (accounts hold no short positions). Nothing is
  // written then.
  std::string record(std::string_view account_id, const TransactionInput& input);
  // The transaction as known at `as_known_at`, voided ones too (voided set); nullopt
  // when it was not recorded by then or the id is not one. One query.
  std::optional<Transaction> get(std::string_view transaction_id,
                                 std::optional<std::string> as_known_at = {}) const;
  // The account's transactions as known at `as_known_at`, voided ones left out, that
  // happened within [start, end] (dates as a history's: start of day, end of day) and
  // concern `symbol`, by time (ties: by id). One query of the account's ledger, all its
  // pages.
  std::vector<Transaction> list(std::string_view account_id, std::optional<std::string> start = {},
                                std::optional<std::string> end = {},
                                std::optional<std::string> symbol = {},
                                std::optional<std::string> as_known_at = {}) const;
  // Appends a corrected version: the named fields (type, symbol, quantity, price, fees,
  // amount, timestamp, note; NULL removes an optional one) replace the current ones and
  // the result is checked as record() checks it. Returns the new version. NotFound for
  // an unknown or voided transaction; ValidationError for another field. 2 requests;
  // when the correction changes the units a trade moves (its type, symbol or quantity),
  // the position is moved by the difference now (action UPDATE; 4 more requests per
  // symbol), and a difference that would take it below 0 is a ValidationError
  // "quantity" with nothing written. A corrected time does not move the position.
  Transaction correct(std::string_view transaction_id, const Fields& changes);
  // Appends a void: the transaction no longer counts from now on (as known before, it
  // still does). Returns the voided version; voiding it again returns that and writes
  // nothing. A voided trade's units leave its position now, as a correction's do.
  // NotFound for an unknown transaction. 2 requests (a trade: 6).
  Transaction void_transaction(std::string_view transaction_id);
  // Records the transactions of the CSV file at `path` (README "Importing
  // transactions"): a header row naming columns by the fields of TransactionInput (or
  // `date` for timestamp, which every row needs), then one transaction per row. A
  // `mapping` names the column of each field whose header differs; columns neither
  // mapped nor named as a field are then ignored (without one they are a problem).
  // The file is read twice, one line at a time: memory is bounded apart from one id per
  // row. The first reading checks every row: record()'s rules, an external id at most
  // once in the file, each position's trades in time order and not before its last
  // change, no SELL or TRANSFER_OUT of more than held by then (the position at the start
  // plus the file's earlier trades). A row whose external id is recorded already with
  // the same fields counts as already present and is skipped (other fields: a problem),
  // unless it is a trade whose position shows no change at or after its time (nor do
  // the file's trades before it): an import that died before moving it left it so, and
  // this one moves it (checked as a new trade).
  // A row without an external id gets an id derived from its fields and its ordinal
  // among identical rows, so importing a file again records nothing new. Any problem:
  // ImportRejected listing every one (line, field, problem), nothing written. Then the
  // second reading writes the new transactions, 25 per request, recorded at one time,
  // and after each batch moves the positions of its trades (3 requests each).
  // Existing external ids are read 100 per request, each position once.
  // NotFound for an unknown account; ValidationError "mapping" for a mapping that names
  // no field or no column, "path" for a file that cannot be read or that changed between
  // the two readings (the batches written by then stay).
  ImportReport import_csv(std::string_view account_id, const std::string& path,
                          const CsvMapping& mapping = {});

 private:
  // Appends the version `next_of` makes from the current one (nullopt: none, the current
  // one is returned), as the next revision; when another writer appended first, reads
  // again and retries.
  Transaction append_version(
      std::string_view transaction_id,
      const std::function<std::optional<Transaction>(const Transaction&)>& next_of);

  std::shared_ptr<detail::DatabaseContext> context_;
};

// Lots and gains (SPEC section 12): an account's ledger (Transactions::list) replayed in
// time order (ties: by id) through a lot book by one cost method. BUY buys, SELL sells,
// TRANSFER_IN acquires at its price as cost per unit, TRANSFER_OUT draws lots as a sale
// does without realizing anything; cash transactions are left out. Voided transactions
// do not count; corrections count as known at `as_known_at` (unset: now).
// Splits (Instruments::record_split) apply to the lots held just before they take
// effect, as known at `as_known_at` too. A SELL or TRANSFER_OUT of more than the lots
// hold at its time (record() checks the position, whose units may also come from the
// seed's absolute calls) is a ValidationError naming "quantity" with the transaction's
// id, symbol and the units held in its detail; nothing is returned.
// ValidationError for a bad account id, symbol or date.
class Portfolio {
 public:
  Portfolio(detail::ModelKey, std::shared_ptr<detail::DatabaseContext> context)
      : context_(std::move(context)) {}
  // The open lots after the transactions up to `at` (a date alone: the end of that day;
  // unset: all), of `symbol` only when given, by symbol, each symbol's in the order
  // acquired (kAverage: one pool per symbol). One query of the account's ledger (a
  // request per page), then one query per symbol it trades for its splits, issued
  // together: O(symbols + pages).
  std::vector<Lot> lots(std::string_view account_id, std::optional<std::string> symbol = {},
                        std::optional<std::string> at = {}, CostMethod method = CostMethod::kFifo,
                        std::optional<std::string> as_known_at = {}) const;
  // The gains of sales within [start, end] (a bare start date: the start of that day, a
  // bare end date: its end; unset: unbounded), cost bases from every transaction up to
  // end, and the unrealized gains of what is held at end valued at each symbol's last
  // price at or before end (unset end: its newest price), by the price rule of
  // valuations; symbols held without such a price are listed in missing_prices.
  // ValidationError when start is after end. Requests: one query of the ledger (a
  // request per page), one query per symbol it trades for its splits, one batch read of
  // the held symbols' instruments, and at most one limit-1 price query per held symbol,
  // issued in parallel: O(symbols + pages).
  Gains gains(std::string_view account_id, std::optional<std::string> start = {},
              std::optional<std::string> end = {}, CostMethod method = CostMethod::kFifo,
              std::optional<std::string> as_known_at = {}) const;
  // The account's cash after its transactions up to `at` (a date alone: the end of that
  // day; unset: all), exact: deposits, dividends and interest add their amount,
  // withdrawals and fees take it, a BUY takes price x quantity plus fees, a SELL adds
  // price x quantity less fees; transfers move no cash. The account record's own
  // cash_balance field (the planner's figure) is not part of it. One query of the
  // account's ledger (a request per page). ValidationError for a bad account id or date.
  Decimal cash_balance(std::string_view account_id, std::optional<std::string> at = {},
                       std::optional<std::string> as_known_at = {}) const;
  // Where the account's value is at `at` (a date alone: the end of that day; unset:
  // now, at the instruments' current prices) by the kind of allocation `by`
  // ("asset_class", "region", "sector"): the positions valued as
  // Positions::get_account_value_at_date (unset: get_portfolio_value) values them, each
  // position's value spread over its instrument's map of that kind (AllocationReport
  // says how). Ledger cash is not part of it. Requests: the valuation's (at most 2 when
  // prices are current at `at`), and one batch read of the held instruments unless the
  // instrument cache holds them. ValidationError for a bad account id, `at` or `by`.
  AllocationReport allocation(std::string_view account_id, std::optional<std::string> at = {},
                              std::string_view by = "asset_class") const;
  // The account's time-weighted (kTwr, for the period) or money-weighted (kMwr, XIRR,
  // actual/365, annualized) return from the end of `start`'s date to the end of `end`'s
  // (dates, or timestamps whose UTC date counts), with the same for `benchmark` over the
  // same flows when given, as returns.h defines them: values are ledger cash plus units
  // x the last price at or before each day's end; DEPOSIT, WITHDRAWAL and transfers are
  // the external flows. Returns rounded half-even to kReturnPlaces; a held symbol
  // without a price on a day is listed in missing_prices and the return is unset (note
  // says why), never computed without it. The ledger and splits as known at
  // `as_known_at` (prices as they are). ValidationError naming the field for a bad
  // account id, date, benchmark symbol or as_known_at, start after end or more than
  // 20000 days. The days of whole past months are stored per account and month
  // (RETURNS#<YYYY-MM>, README "Returns checkpoints") and read back while still what a
  // computation gives: a back-dated trade, correction, void or split, or a price written
  // below an instrument's newest, recomputes only the months from its date (those of a
  // price for an hour after it was written, every call). as_known_at neither reads nor
  // stores them. Requests: one query of the ledger (a request per page), one query per
  // traded symbol for its splits, one query of the stored months, one batch read of the
  // priced symbols' instruments, one query per priced symbol of a stored month for its
  // edit marks, two price queries per symbol (held in the months computed, transferred,
  // or the benchmark) issued together (a request per page), and the months computed
  // stored in batch writes of 25: O(symbols + pages), none per day. A failure to store
  // is logged, not thrown.
  Returns returns(std::string_view account_id, std::string_view start, std::string_view end,
                  ReturnKind kind = ReturnKind::kTwr, std::optional<std::string> benchmark = {},
                  std::optional<std::string> as_known_at = {}) const;
  // The account's value, net external flows since the previous point and cumulative
  // time-weighted return from `start` at each point of `step` ("daily", "weekly" or
  // "monthly" from start's date, the day of the month clamped to the month's last) and
  // at `end`'s date always, computed as returns() computes them: the last point's twr
  // equals returns(account_id, start, end).value. A point's twr is unset from the first
  // day a held symbol has no price. Requests and errors as returns() (ValidationError
  // "step" for another step).
  std::vector<ReturnPoint> returns_series(std::string_view account_id, std::string_view start,
                                          std::string_view end, std::string_view step = "daily",
                                          std::optional<std::string> as_known_at = {}) const;

 private:
  std::shared_ptr<detail::DatabaseContext> context_;
};

// Settings of a Database beyond where its tables live.
struct DatabaseOptions {
  // A valuation flags a price older than this many days before the date as stale;
  // negative: ValidationError when the Database is made.
  std::int64_t stale_after_days = 7;
  // How long instruments (name, type, current price) read by find_by_account and
  // import_prices may be reused, in seconds (SPEC section 11); 0 reads them every time.
  // This Database's own writes of an instrument or a price are seen at once (an
  // instrument it creates is cached as stored; one it wrote in the last minute is read
  // strongly consistent); other writers' within this age. Negative: ValidationError
  // when the Database is made.
  // Unset: the configuration's (ALEXDB_INSTRUMENT_CACHE_SECONDS), else 60.
  std::optional<std::int64_t> instrument_cache_seconds;
  // The clock for new timestamps; unset: the system clock. Returns microseconds since
  // the Unix epoch (tests set it to reproduce dates).
  std::function<std::int64_t()> clock_micros;
  // Whether opening the Database creates missing tables. Unset: yes on the embedded
  // engine (a new file or memory store is ready at once), no on DynamoDB (tables there
  // are made by `alexdb tables create` or Terraform).
  std::optional<bool> create_tables;
  // Where the Database's messages go (log.h); unset: they are dropped.
  LogSink log;
};

// The models on one store (the five of SPEC section 4 and the ledger's). Thread-safe.
class Database {
 public:
  // Opens the store and tables the configuration names (default: Config::resolve());
  // throws as open_store(config) does, and creates missing tables as
  // options.create_tables says.
  explicit Database(const Config& config = Config::resolve(), DatabaseOptions options = {});
  // Uses an open store with the given table names (the tables are created as
  // options.create_tables says). ValidationError for a null store.
  Database(std::shared_ptr<Store> store, std::string users_table, std::string instruments_table,
           DatabaseOptions options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Creates the two tables where missing (waits until active); returns the names of
  // the tables created (a table another process created meanwhile is not an error).
  std::vector<std::string> create_tables();
  // The table definitions this database uses (the single source of truth).
  TableDefinition users_table_definition() const;
  TableDefinition instruments_table_definition() const;
  // The store the models read and write; valid as long as the Database.
  Store& store() const;
  // Which store and tables are open, for people: the store's name and the two table
  // names, e.g. "sqlite:alex.db (tables alex-users-data, alex-instruments)". Opening
  // sends the same text, as "opened ...", to the log at LogLevel::kInfo.
  std::string describe() const;

  // Checks the rules that tie the records of both tables together (integrity.h): every
  // CURRENT record is its position's newest HISTORY record and every previous_quantity
  // the quantity before it, every account is listed under an owner that exists, every
  // job has its JOB#id record, every current price is the newest and has its record.
  // Reads only: one consistent paged scan of each table, holding one page at a time
  // besides what the rules need (no job payloads). Errors of the store propagate
  // (NotFound when a table is missing, ServiceError "InvalidPagination" for a scan whose
  // pages would not end); damaged records are findings, not errors. Safe to call while
  // other threads or processes write, but a write in flight may then show as a finding
  // that the next check no longer reports.
  IntegrityReport verify() const;
  // Completes what interrupted writes left, as the next read or write would: a
  // position's or a price's last committed change through a history read, a newest
  // price record that the instrument's current price missed through update_price, a
  // missing listing or JOB#id record by writing the copy of the committed record (only
  // where none exists). Changes nothing else; damaged data is reported, never edited.
  // Returns what it completed and the check after it; when verify() finds nothing to
  // complete, writes nothing and checks once. Errors as verify() and as the calls named.
  // Idempotent; safe beside other writers (each step is one of their own protocols).
  RepairReport repair();

  // Brings every record written by the seed's reference package (ids only in keys,
  // isoformat() timestamps, no account_id, version or previous_quantity, no
  // ACCOUNT#id/JOB#id METADATA records) to this package's layout, in place: one paged
  // scan of each table, then for each legacy record its new-layout records are written
  // first and its old key deleted last. Ids come from the keys, timestamps take the
  // fixed-width form, a position's HISTORY records get versions and previous quantities
  // in time order and its CURRENT record becomes its newest HISTORY record (a legacy
  // CURRENT record newer than every HISTORY record of its position, or with none, adds
  // the HISTORY record it implies; an older one yields to the newest HISTORY record), and
  // an instrument's current price is its newest price record.
  // Records in this layout are left alone, so a second run rewrites nothing. Every write
  // is deterministic, so a run killed at any write is completed by running again.
  // options.dry_run writes nothing and reports what would change. A record that cannot
  // be brought over (a missing or unreadable attribute, two different changes of a
  // position or prices of a symbol at one instant) is left as it was and reported as a
  // problem. Errors of the store propagate.
  // Run it while nothing else writes.
  MigrationReport migrate(const MigrationOptions& options = {});

  // The requests and capacity units of every store call this Database made (its models'
  // calls and calls through store()) since it was opened or since the last
  // reset_capacity(), per table and per kind of call (capacity.h says how requests
  // count). On DynamoDB the units are those the service reports; on the embedded engine
  // those DynamoDB would charge for the same calls. Table creation and description are
  // not counted. Thread-safe; a call in flight on another thread is counted when it ends.
  CapacityReport capacity() const;
  // Sets every count of capacity() to zero.
  void reset_capacity();

 private:
  std::shared_ptr<store::CountingStore> meter_;
  std::shared_ptr<detail::DatabaseContext> context_;

 public:
  // The models, sharing this Database's store; thread-safe like it.
  Users users;
  Instruments instruments;
  Accounts accounts;
  Positions positions;
  Jobs jobs;
  Transactions transactions;
  Portfolio portfolio;
};

}  // namespace alexdb

#endif  // ALEXDB_DATABASE_H_
