// Records in the layout of the seed's reference package (SPEC section 10): the one rule
// that tells them apart, shared by the reads (which refuse them), verify() (which
// reports them) and the migration (which rewrites them).
#ifndef ALEXDB_ALEX_LEGACY_H_
#define ALEXDB_ALEX_LEGACY_H_

#include <optional>
#include <string>
#include <string_view>

#include "alexdb/timestamp.h"
#include "alexdb/value.h"

namespace alexdb::alex::legacy {

// What marks a stored item (with its keys) as written by the reference package, or
// nullopt for an item of this layout. Users table: an account listing or a job without
// `id`, a job whose key's timestamp is not fixed-width, a CURRENT record without
// `account_id`, a HISTORY record without `version` or with a key timestamp that is not
// fixed-width. Instruments table: a price whose sort key is not a fixed-width timestamp.
// Items of any other kind, and maps without keys (a CURRENT record's last change), are
// never legacy here.
std::optional<std::string> reason(const Item& item);

// Throws LegacyRecord naming the item's key when reason() finds one.
void refuse(const Item& item);

// The key of a users-table or instruments-table item, for messages:
// "PK=ACCOUNT#a1, SK=CURRENT#SPY" or "symbol=SPY, SK=2025-01-15T14:30:00".
std::string key_text(const Item& item);

// The message of a legacy record: names the key and says to run `alexdb migrate`.
std::string message(const Item& item, std::string_view why);

// Whether `text` is a timestamp in the fixed-width form (YYYY-MM-DDTHH:MM:SS.ffffffZ).
bool fixed_width_time(std::string_view text);

// Whether `text` has that form's shape, character by character (digits where it has
// digits), without checking the date: what tells a key this package wrote from an
// isoformat() one on every read, at the cost of one pass over 27 characters.
bool fixed_width_shape(std::string_view text);

// The instant of `text` when it has fixed_width_shape() and parses, else std::nullopt:
// one parse, with no separate pass over the shape (a read of many price keys).
std::optional<Timestamp> parse_fixed_width(std::string_view text);

}  // namespace alexdb::alex::legacy

#endif  // ALEXDB_ALEX_LEGACY_H_
