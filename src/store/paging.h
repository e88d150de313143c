// Bounds on following continuation keys (SPEC section 9, "bounded work on any input").
//
// A listing (query_all, scan_all, ListTables) asks for the next page with the key the
// last page returned. A server that repeats a key, or keeps returning keys for pages that
// hold nothing, would be followed forever; ContinuationGuard ends such a listing with a
// ServiceError instead. The rules, per listing:
//   - a continuation key equal to any key already returned is an error (this covers a
//     key that does not advance and any cycle);
//   - more than kMaxEmptyPages pages that evaluated no item yet returned a key is an
//     error: DynamoDB fills every page but the last up to Limit or 1 MB, so empty
//     pages are rare, and more pages than items means the pages cannot be real;
//   - more than kMaxPages pages in all is an error (100 GB at DynamoDB's 1 MB a page,
//     far beyond what a listing held in memory can take).
#ifndef ALEXDB_STORE_PAGING_H_
#define ALEXDB_STORE_PAGING_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "alexdb/value.h"

namespace alexdb::store {

inline constexpr std::int64_t kMaxEmptyPages = 1000;
inline constexpr std::int64_t kMaxPages = 100000;

// Checks each continuation key of one listing before it is followed. Not thread-safe
// (one listing is one loop).
class ContinuationGuard {
 public:
  // `operation` and `table` name the listing in errors ("Scan", "alex-users-data"; the
  // table may be empty).
  ContinuationGuard(std::string operation, std::string table);

  // A page that evaluated `evaluated` items returned `key` (a LastEvaluatedKey): throws
  // ServiceError (type "InvalidPagination") when following it would break a rule above.
  void next(const Item& key, std::int64_t evaluated);
  // The same for a key given as text (ListTables' LastEvaluatedTableName).
  void next_text(std::string_view key, std::int64_t evaluated);

  // Pages accepted so far.
  std::int64_t pages() const noexcept { return pages_; }

 private:
  [[noreturn]] void fail(const std::string& what) const;

  std::string operation_;
  std::string table_;
  std::set<std::string> seen_;
  std::int64_t pages_ = 0;
  std::int64_t empty_pages_ = 0;
};

}  // namespace alexdb::store

#endif  // ALEXDB_STORE_PAGING_H_
