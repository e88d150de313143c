// The order a hifo draw takes one symbol's open lots in (lot_book.h): the highest cost
// per unit first, equal costs per unit by the earliest acquired. Costs per unit are
// compared exactly, without dividing: cost_a / quantity_a > cost_b / quantity_b iff
// cost_a x quantity_b > cost_b x quantity_a. Finding the next lot takes constant time and
// a change to one lot logarithmic time, where a scan of every open lot took linear time.
#ifndef ALEXDB_SRC_ALEX_HIFO_ORDER_H_
#define ALEXDB_SRC_ALEX_HIFO_ORDER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>

#include "alexdb/decimal.h"

namespace alexdb::alex {

// A value type; not thread-safe. A lot is named by its sequence number (a lower one was
// acquired earlier) and ordered by the cost basis and quantity it was added with: when
// either changes, remove it with the old values and add it with the new ones.
class HifoOrder {
 public:
  // Orders lot `sequence` (not already ordered) by cost_basis / quantity (quantity > 0).
  void add(std::uint64_t sequence, const Decimal& cost_basis, const Decimal& quantity);
  // Removes lot `sequence`, added with these values; false when it is not ordered.
  bool remove(std::uint64_t sequence, const Decimal& cost_basis, const Decimal& quantity);
  // The lot a hifo draw takes next; nullopt when none is ordered.
  std::optional<std::uint64_t> first() const;
  std::size_t size() const { return entries_.size(); }
  void clear() { entries_.clear(); }

 private:
  struct Entry {
    Decimal cost_basis;
    Decimal quantity;
    std::uint64_t sequence;
  };
  // Whether `a` is drawn before `b`.
  struct DrawnBefore {
    bool operator()(const Entry& a, const Entry& b) const;
  };
  std::set<Entry, DrawnBefore> entries_;
};

}  // namespace alexdb::alex

#endif  // ALEXDB_SRC_ALEX_HIFO_ORDER_H_
