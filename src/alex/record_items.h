// How each record is stored: the item (keys and attributes) of every record of
// records.h, and the record read back from a stored item. Keys come from keys.h.
// Reading back an item in the reference package's layout (legacy.h) throws LegacyRecord.
#ifndef ALEXDB_ALEX_RECORD_ITEMS_H_
#define ALEXDB_ALEX_RECORD_ITEMS_H_

#include <string_view>

#include "alexdb/records.h"
#include "alexdb/value.h"

namespace alexdb::alex {

// Key attribute names of the two tables.
inline constexpr std::string_view kPk = "PK";
inline constexpr std::string_view kSk = "SK";
inline constexpr std::string_view kSymbolKey = "symbol";
inline constexpr std::string_view kGsi1Pk = "GSI1PK";
inline constexpr std::string_view kGsi1Sk = "GSI1SK";

// The primary key of a users-table item and of an instruments-table item.
Item users_key(std::string_view pk, std::string_view sk);
Item instruments_key(std::string_view symbol, std::string_view sk);

Item user_item(const User& user);
User user_from_item(const Item& item);

Item instrument_item(const Instrument& instrument);
Instrument instrument_from_item(const Item& item);

Item price_item(const PricePoint& price);
PricePoint price_from_item(const Item& item);

// The account's own record (ACCOUNT#id/METADATA) and its listing under the owner
// (USER#owner/ACCOUNT#id): the same attributes under two keys.
Item account_item(const Account& account);
// The listing copy of a stored account record: all its attributes, under the owner.
Item account_listing_of(const Item& account_record);
Account account_from_item(const Item& item);

// The CURRENT record's attributes besides its last change; the account id is the
// partition key's when the record does not hold it, and `updated_at` the timestamp's.
Position position_from_item(const Item& item);
// A HISTORY record; its symbol and timestamp are its sort key's only (not stored twice).
Item history_item(std::string_view account_id, const PositionChange& change);
// The change a HISTORY record (or a map in a record) holds; a symbol or timestamp it does
// not hold is its sort key's, and missing with neither is a StoreError.
PositionChange change_from_item(const Item& item);
Value change_value(const PositionChange& change);

// A job under its user (with GSI1 keys), and the job's pointer record (JOB#id/METADATA)
// that finds it by id.
Item job_item(const Job& job);
Item job_pointer_item(const Job& job);
Job job_from_item(const Item& item);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_RECORD_ITEMS_H_
