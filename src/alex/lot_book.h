// The lot book: an account's open lots, symbol by symbol, as its transactions are applied
// in time order, and what each sale realizes (SPEC section 12, "Lots and gains"). Pure
// arithmetic on exact decimals: no store, no clock.
//
// Rounding: only where a value is shared between parts. A lot partly sold keeps the
// remainder of its cost basis after the part sold takes cost_basis x sold / held, rounded
// half-even to the cost basis's own digits after the point (at least 2); a sale drawing
// on several lots splits its fees the same way by quantity, the last part taking what
// is left. So costs and fees are conserved exactly: the parts always add up to the whole.
// A split's quantities are exact unless the ratio does not divide them; then they are
// rounded half-even to kSplitQuantityPlaces.
#ifndef ALEXDB_SRC_ALEX_LOT_BOOK_H_
#define ALEXDB_SRC_ALEX_LOT_BOOK_H_

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alex/hifo_order.h"
#include "alexdb/decimal.h"
#include "alexdb/ledger.h"

namespace alexdb::alex {

// Digits after the point a split's quantities keep when the ratio does not divide them.
inline constexpr int kSplitQuantityPlaces = 8;

// Not thread-safe; a value type (copy it to keep a state).
class LotBook {
 public:
  explicit LotBook(CostMethod method) : method_(method) {}

  // A purchase at `at`: a new lot of `quantity` (> 0) at `price` per unit, the fees in
  // its cost basis (under kAverage: added to the symbol's pool).
  void buy(std::string_view symbol, const Decimal& quantity, const Decimal& price,
           const Decimal& fees, std::string_view at);
  // Units moved in at `cost_per_unit`, as a purchase without fees.
  void transfer_in(std::string_view symbol, const Decimal& quantity, const Decimal& cost_per_unit,
                   std::string_view at);
  // A sale at `at` of `quantity` (> 0) at `price` per unit less `fees`: draws on the lots
  // by the method and returns what each realized, in the order drawn. ValidationError
  // ("quantity", "must not exceed the units held") when more is sold than is held.
  std::vector<RealizedGain> sell(std::string_view symbol, const Decimal& quantity,
                                 const Decimal& price, const Decimal& fees, std::string_view at);
  // Units moved out at their cost, drawn as a sale draws; nothing is realized. The same
  // ValidationError as sell().
  void transfer_out(std::string_view symbol, const Decimal& quantity);
  // A split of `from` units into `to` (a 2-for-1 split: from 1, to 2; a 1-for-10 reverse
  // split: from 10, to 1), both > 0: every lot of the symbol holds quantity x to / from,
  // at the same cost basis and acquisition time.
  void split(std::string_view symbol, const Decimal& from, const Decimal& to);

  // The units of `symbol` held.
  Decimal held(std::string_view symbol) const;
  // The open lots (of `symbol` only, when given), by symbol, each symbol's in the order
  // they were acquired.
  std::vector<Lot> lots(std::optional<std::string_view> symbol = std::nullopt) const;

 private:
  struct OpenLot {
    Decimal quantity;
    Decimal cost_basis;
    std::string acquired;
    std::uint64_t sequence;  // the symbol's lots are numbered as acquired
  };
  // One symbol's open lots (in the order acquired), the units they hold (their quantities'
  // sum, kept as lots change so that a draw need not add them up) and, under kHifo, the
  // lots by cost per unit (so that a draw need not compare them all).
  struct Holding {
    std::deque<OpenLot> lots;
    Decimal held;
    std::uint64_t next_sequence = 0;
    HifoOrder by_cost;
  };
  // A part drawn from one lot.
  struct Drawn {
    Decimal quantity;
    Decimal cost_basis;
    std::string acquired;
  };

  void acquire(std::string_view symbol, const Decimal& quantity, const Decimal& cost,
               std::string_view at);
  std::vector<Drawn> draw(std::string_view symbol, const Decimal& quantity);
  // The index in the holding's lots of the lot the method draws on next.
  std::size_t next_lot(const Holding& holding) const;

  CostMethod method_;
  std::map<std::string, Holding, std::less<>> holdings_;
};

// amount x part / whole, rounded half-even to amount's digits after the point (at least
// 2): the share of `amount` that `part` of `whole` units carries.
Decimal share_of(const Decimal& amount, const Decimal& part, const Decimal& whole);

}  // namespace alexdb::alex

#endif  // ALEXDB_SRC_ALEX_LOT_BOOK_H_
