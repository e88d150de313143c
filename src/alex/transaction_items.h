// Ledger transactions as stored items (SPEC section 12): ACCOUNT#<account_id> /
// TXN#<transaction_id>#<revision>, one item per version, never rewritten. Also the rules
// a transaction's fields follow, shared by record() and correct().
#ifndef ALEXDB_ALEX_TRANSACTION_ITEMS_H_
#define ALEXDB_ALEX_TRANSACTION_ITEMS_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/ledger.h"
#include "alexdb/timestamp.h"
#include "alexdb/value.h"

namespace alexdb::alex {

// Whether a transaction of `type` moves units of a symbol (BUY, SELL, TRANSFER_IN,
// TRANSFER_OUT), rather than cash.
bool moves_units(std::string_view type);

// `input` checked by its type's rules (ledger.h), in stored form: type upper-case, the
// symbol checked and upper-case, the time fixed-width (a date alone is its close; unset:
// `now`; not later than now + 1 day). The returned Transaction has no id, account,
// recorded_at or revision yet. ValidationError naming the field and the rule.
Transaction checked_transaction(const TransactionInput& input, Timestamp now);
// The input that would record `transaction` as it is (for a correction's new version).
TransactionInput input_of(const Transaction& transaction);

// Whether `a` and `b` record the same transaction: the same type, symbol, quantity,
// price, fees, amount and note, and the same time unless `compare_time` is false (what
// two recordings of one external id must agree on).
bool same_transaction(const Transaction& a, const Transaction& b, bool compare_time);

// The stored item of one version.
Item transaction_item(const Transaction& transaction);
// The version an item holds (the id and revision from its key). StoreError for a
// damaged item.
Transaction transaction_from_item(const Item& item);

// The ledger stored `items` hold (versions of one or more transactions, any order) as
// known at `as_known_at`: each transaction's newest version recorded at or before it
// (every version when unset), voided ones included, in the order of their times, then
// ids. Only the versions that count are decoded. An item that cannot be read is passed
// to `unreadable` and left out, and then the version before it counts; LegacyRecord
// propagates.
std::vector<Transaction> known_transactions(
    const std::vector<Item>& items, const std::optional<Timestamp>& as_known_at,
    const std::function<void(const Item&, const StoreError&)>& unreadable);

// known_transactions for versions handed over one at a time in key order (as a query of
// an account's ledger returns them: a transaction's versions together, oldest first),
// keeping no item: the same ledger, and the same items passed to `unreadable`.
class KnownLedger {
 public:
  KnownLedger(const std::optional<Timestamp>& as_known_at,
              std::function<void(const Item&, const StoreError&)> unreadable);
  KnownLedger(const KnownLedger&) = delete;
  KnownLedger& operator=(const KnownLedger&) = delete;
  ~KnownLedger();
  // Reads the next stored version (not kept).
  void add(const Item& item);
  // The ledger, as known_transactions orders it; the object is spent.
  std::vector<Transaction> finish();

 private:
  // Ends the transaction read: its newest readable version joins the ledger, the newer
  // versions that could not be read go to `unreadable`.
  void flush();
  // A version that could not be read, and why.
  struct Failure {
    Item item;
    StoreError error;
  };

  std::optional<std::string> cutoff_;
  std::function<void(const Item&, const StoreError&)> unreadable_;
  bool open_ = false;               // whether a transaction is being read
  std::string pk_;                  // its partition key
  std::string transaction_;         // its sort key without the revision
  std::optional<Transaction> newest_;  // its newest version that reads, so far
  std::vector<Failure> failures_;      // its versions newer than that which do not read
  std::vector<Transaction> ledger_;
};

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_TRANSACTION_ITEMS_H_
