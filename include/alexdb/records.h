// The records alexdb::Database reads and writes (SPEC section 4), as plain structs.
//
// Every record converts to a field map (`to_fields()`): the attribute names and values
// the Python module returns as a dict and `alexdb --json` prints. Each record's fields
// are declared once, in its field table (src/alex/<record>_fields.cc): to_fields(), the
// stored form, the rules of the generic create()/update() and the listing columns all
// derive from it. Numbers are exact Decimals, timestamps strings of the form
// YYYY-MM-DDTHH:MM:SS.ffffffZ, unset optional fields NULL (Python None): every field of
// a record is always present.
#ifndef ALEXDB_RECORDS_H_
#define ALEXDB_RECORDS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alexdb/decimal.h"
#include "alexdb/value.h"

namespace alexdb {

// Named fields of a record, as callers pass them to the generic create()/update().
using Fields = Value::Map;

// An allocation: key (region, sector or asset class) to percentage.
using Allocation = std::map<std::string, Decimal>;

// A column of a listing of records (the command line's tables): its header, the field
// it shows, and whether it is numeric (right-aligned).
struct Column {
  std::string header;
  std::string field;
  bool numeric = false;
};

// A user of the planner, known by the Clerk id.
struct User {
  std::string clerk_user_id;
  std::optional<std::string> display_name;
  std::optional<Decimal> years_until_retirement;
  std::optional<Decimal> target_retirement_income;
  Allocation asset_class_targets;  // asset class -> percentage
  Allocation region_targets;       // region -> percentage
  std::string created_at;
  std::string updated_at;  // of the last change
  // The fields above by name, for Python and `--json`.
  Fields to_fields() const;
  // The columns of a listing of these records, in order.
  static std::vector<Column> columns();
};

// A traded instrument (the META record of its symbol).
struct Instrument {
  std::string symbol;  // upper case
  std::string name;
  std::string instrument_type;  // etf, mutual_fund, stock, bond, bond_fund, commodity, reit
  std::optional<Decimal> current_price;        // the newest price recorded
  std::optional<std::string> price_timestamp;  // when current_price was quoted
  Allocation allocation_regions;
  Allocation allocation_sectors;
  Allocation allocation_asset_class;
  std::string created_at;
  std::string updated_at;
  Fields to_fields() const;
  // The columns of a listing of these records, in order.
  static std::vector<Column> columns();
};

// One price of an instrument's history.
struct PricePoint {
  std::string symbol;
  std::string timestamp;              // when the price was quoted
  Decimal price;                      // 0 to 999999
  std::optional<Decimal> volume;      // a whole number >= 0
  std::optional<std::string> source;  // where it came from ("manual", "instrument", ...)
  Fields to_fields() const;
  // The columns of a listing of these records, in order.
  static std::vector<Column> columns();
};

// An account of a user.
struct Account {
  std::string id;             // a UUID
  std::string clerk_user_id;  // the owner
  std::string account_name;
  std::optional<std::string> account_purpose;
  Decimal cash_balance;   // >= 0
  Decimal cash_interest;  // a yearly rate, 0 to 1
  std::string created_at;
  std::string updated_at;
  Fields to_fields() const;
  // The columns of a listing of these records, in order.
  static std::vector<Column> columns();
};

// A position as it stands now (the CURRENT record). find_by_account adds the
// instrument's name, type and current price.
struct Position {
  std::string id;  // the position id (see Positions in database.h)
  std::string account_id;
  std::string symbol;
  Decimal quantity;          // 0 once sold out
  std::string as_of_date;    // YYYY-MM-DD of the last change
  std::string timestamp;     // of the last change
  std::int64_t version = 0;  // incremented by every change
  std::optional<std::string> instrument_name;
  std::optional<std::string> instrument_type;
  std::optional<Decimal> current_price;
  std::string created_at;
  std::string updated_at;
  Fields to_fields() const;
  // The columns of a listing of these records, in order.
  static std::vector<Column> columns();
};

// One change of a position (a HISTORY record).
struct PositionChange {
  std::string symbol;
  Decimal quantity;  // after the change
  Decimal previous_quantity;
  std::string action;        // BUY, SELL, TRANSFER, UPDATE, REMOVE
  std::string timestamp;     // when the change happened
  std::int64_t version = 0;  // the position's version this change made
  Fields to_fields() const;
  // The columns of a listing of these records, in order.
  static std::vector<Column> columns();
};

// Money results of a valuation (PositionValue::value, Valuation::total_value) are the
// exact product or sum rounded half-even to this many digits after the point, or to
// 38 significant digits when the integer part has more than 30 (Decimal::multiply and
// Decimal::add); so a valuation never fails on a large product. Quantities and prices
// are never rounded.
inline constexpr int kMoneyPlaces = 8;

// A position valued at a date.
struct PositionValue {
  std::string symbol;
  Decimal quantity;
  Decimal price;
  std::string price_timestamp;  // when that price was quoted (never after the date)
  bool stale = false;           // price older than the stale threshold
  Decimal value;                // quantity x price, rounded as kMoneyPlaces says
  Fields to_fields() const;
};

// A position that had no price at or before the valuation date.
struct MissingPrice {
  std::string symbol;
  Decimal quantity;
  Fields to_fields() const;
};

// An account (or its open positions) valued at current prices or at a date.
struct Valuation {
  std::string account_id;
  std::optional<std::string> as_of_date;  // the instant valued; unset for current prices
  std::int64_t num_positions = 0;         // positions held (valued or missing)
  Decimal total_value;                    // sum of the positions' values, rounded alike
  Decimal total_shares;                   // sum of all quantities held
  std::vector<PositionValue> positions;   // by symbol
  std::vector<MissingPrice> missing_prices;
  // The account's ledger cash at the valuation's date (Portfolio::cash_balance), not
  // part of total_value; set only when asked for (with_cash).
  std::optional<Decimal> cash;
  Fields to_fields() const;
};

// An analysis job of a user and its results.
struct Job {
  std::string id;  // a UUID
  std::string clerk_user_id;
  std::string job_type;
  std::string status;                    // pending, running, completed or failed
  std::optional<Value> request_payload;  // the payloads: JSON documents (maps or lists)
  std::optional<Value> report_payload;
  std::optional<Value> charts_payload;
  std::optional<Value> retirement_payload;
  std::optional<Value> summary_payload;
  std::optional<std::string> error_message;  // why it failed
  std::optional<std::string> started_at;     // when it became running
  std::optional<std::string> completed_at;   // when it became completed or failed
  std::string created_at;
  std::string updated_at;
  Fields to_fields() const;
  // The columns of a listing of these records, in order.
  static std::vector<Column> columns();
};

}  // namespace alexdb

#endif  // ALEXDB_RECORDS_H_
