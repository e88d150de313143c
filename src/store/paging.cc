#include "store/paging.h"

#include "alexdb/errors.h"
#include "model/item_codec.h"

namespace alexdb::store {

ContinuationGuard::ContinuationGuard(std::string operation, std::string table)
    : operation_(std::move(operation)), table_(std::move(table)) {}

void ContinuationGuard::next(const Item& key, std::int64_t evaluated) {
  // The item codec is one exact, canonical byte form of a key: equal keys, equal bytes.
  next_text(codec::encode_item(key), evaluated);
}

void ContinuationGuard::next_text(std::string_view key, std::int64_t evaluated) {
  ++pages_;
  if (!seen_.emplace(key).second) {
    fail(
        "the server repeated a continuation key (LastEvaluatedKey) it had already returned, "
        "on page " +
        std::to_string(pages_) + ": following it would never end");
  }
  if (evaluated <= 0 && ++empty_pages_ > kMaxEmptyPages) {
    fail("the server returned more than " + std::to_string(kMaxEmptyPages) +
         " pages that held no item but a continuation key: more pages than the data can hold");
  }
  if (pages_ > kMaxPages) {
    fail("the server returned more than " + std::to_string(kMaxPages) +
         " pages: more pages than a listing can hold");
  }
}

void ContinuationGuard::fail(const std::string& what) const {
  std::string listing = table_.empty() ? operation_ : operation_ + " of table " + table_;
  throw ServiceError("InvalidPagination", listing + ": " + what);
}

}  // namespace alexdb::store
