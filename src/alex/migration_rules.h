// How each kind of record of the seed's reference package is brought to this package's
// layout (Database::migrate, SPEC section 10): pure functions from the items as stored
// to the items to write and the keys to delete. The driver (migration.cc) reads, writes
// and counts; nothing here touches the store.
#ifndef ALEXDB_ALEX_MIGRATION_RULES_H_
#define ALEXDB_ALEX_MIGRATION_RULES_H_

#include <optional>
#include <string>
#include <vector>

#include "alexdb/migration.h"
#include "alexdb/records.h"
#include "alexdb/value.h"

namespace alexdb::alex::migration {

// What bringing one record (or one position) over takes: the items to put, in order,
// then the keys to delete (old keys that the new layout changed). Every item is fixed
// by what is stored, so applying a rewrite again, or after a partial application, ends
// in the same content.
struct Rewrite {
  std::vector<Item> puts;
  std::vector<Item> deletes;
};

// The kind of a users-table or instruments-table item, or nullopt for items the
// migration neither counts nor changes (ACCOUNT#id and JOB#id METADATA records, which
// only this layout writes, and anything unknown).
std::optional<MigrationKind> users_item_kind(const Item& item);
std::optional<MigrationKind> instruments_item_kind(const Item& item);

// Whether an item of `kind` needs rewriting: legacy.h's rule, or a timestamp (in the
// key or an attribute) that is not in the fixed-width form.
bool needs_rewrite(MigrationKind kind, const Item& item);

// Whether an instrument's META record needs rewriting: a timestamp not in the
// fixed-width form, or (the reference's META, which has no `last_price`) a current price
// that is not `newest`, the newest of the symbol's price records, at its time.
bool instrument_needs_rewrite(const Item& meta, const std::optional<PricePoint>& newest);
// The rewrite of a META record: fixed-width timestamps; without `last_price`, the newest
// price record becomes its current price (`current_price`, `price_timestamp`), as
// update_price would have left it.
Rewrite rewrite_instrument(const Item& meta, const std::optional<PricePoint>& newest);
// The rewrite of one record of a kind other than positions, history and instruments. Throws an
// alexdb::Error (ValidationError, StoreError) naming the attribute that makes the
// record impossible to bring over.
Rewrite rewrite_record(MigrationKind kind, const Item& item);

// Whether two price records hold the same price (price, volume and source).
bool same_price(const Item& a, const Item& b);

// The rewrite of one position: its CURRENT record (if any) and all its HISTORY records
// as stored, in either layout. HISTORY records are merged by instant (the same change
// in both layouts is one change), ordered, numbered 1..n (version) with each previous
// quantity the quantity before it; CURRENT becomes the newest of them. A legacy CURRENT
// record newer than every HISTORY record (or with none) first adds the HISTORY record it
// implies (its action, else UPDATE, with its quantity at its time); an older one that
// disagrees yields to the newest HISTORY record, the log of what happened. Throws
// ValidationError for two different changes at one instant or an unreadable attribute.
Rewrite rewrite_position(const std::string& account_id, const std::string& symbol,
                         const std::optional<Item>& current, const std::vector<Item>& history);

}  // namespace alexdb::alex::migration

#endif  // ALEXDB_ALEX_MIGRATION_RULES_H_
