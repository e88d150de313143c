#include "alex/lot_book.h"

#include <algorithm>

#include "alexdb/errors.h"

namespace alexdb {

CostMethod parse_cost_method(std::string_view text, std::string_view field) {
  if (text == "fifo") return CostMethod::kFifo;
  if (text == "lifo") return CostMethod::kLifo;
  if (text == "hifo") return CostMethod::kHifo;
  if (text == "average") return CostMethod::kAverage;
  throw ValidationError(std::string(field), "one of fifo, lifo, hifo, average",
                        "got '" + std::string(text.substr(0, 40)) + "'");
}

std::string_view cost_method_name(CostMethod method) {
  switch (method) {
    case CostMethod::kFifo:
      return "fifo";
    case CostMethod::kLifo:
      return "lifo";
    case CostMethod::kHifo:
      return "hifo";
    case CostMethod::kAverage:
      return "average";
  }
  return "fifo";
}

namespace alex {

namespace {

// Products of quantities and prices keep this many digits after the point at most (more
// than any validated input has; Decimal::multiply rounds only beyond 38 digits).
constexpr int kProductPlaces = 30;

Decimal product(const Decimal& a, const Decimal& b) {
  return Decimal::multiply(a, b, kProductPlaces);
}

void require_positive(const Decimal& value, const char* field) {
  if (value.sign() <= 0) {
    throw ValidationError(field, "greater than 0", "got " + value.to_string());
  }
}

}  // namespace

Decimal share_of(const Decimal& amount, const Decimal& part, const Decimal& whole) {
  if (part == whole) return amount;
  int places = std::max(amount.scale(), 2);
  return Decimal::divide(product(amount, part), whole, places);
}

void LotBook::acquire(std::string_view symbol, const Decimal& quantity, const Decimal& cost,
                      std::string_view at) {
  require_positive(quantity, "quantity");
  auto it = holdings_.find(symbol);
  if (it == holdings_.end()) it = holdings_.emplace(std::string(symbol), Holding{}).first;
  it->second.held += quantity;
  std::deque<OpenLot>& lots = it->second.lots;
  if (method_ == CostMethod::kAverage && !lots.empty()) {
    lots.front().quantity += quantity;
    lots.front().cost_basis += cost;
    return;
  }
  const std::uint64_t sequence = it->second.next_sequence++;
  lots.push_back({quantity, cost, std::string(at), sequence});
  if (method_ == CostMethod::kHifo) it->second.by_cost.add(sequence, cost, quantity);
}

void LotBook::buy(std::string_view symbol, const Decimal& quantity, const Decimal& price,
                  const Decimal& fees, std::string_view at) {
  acquire(symbol, quantity, product(quantity, price) + fees, at);
}

void LotBook::transfer_in(std::string_view symbol, const Decimal& quantity,
                          const Decimal& cost_per_unit, std::string_view at) {
  acquire(symbol, quantity, product(quantity, cost_per_unit), at);
}

std::size_t LotBook::next_lot(const Holding& holding) const {
  const std::deque<OpenLot>& lots = holding.lots;
  switch (method_) {
    case CostMethod::kFifo:
    case CostMethod::kAverage:
      return 0;
    case CostMethod::kLifo:
      return lots.size() - 1;
    case CostMethod::kHifo: {
      // The lots are in sequence order: find the first one's by its number.
      const std::uint64_t sequence = holding.by_cost.first().value_or(0);
      auto it =
          std::lower_bound(lots.begin(), lots.end(), sequence,
                           [](const OpenLot& lot, std::uint64_t s) { return lot.sequence < s; });
      return static_cast<std::size_t>(it - lots.begin());
    }
  }
  return 0;
}

std::vector<LotBook::Drawn> LotBook::draw(std::string_view symbol, const Decimal& quantity) {
  require_positive(quantity, "quantity");
  Decimal available = held(symbol);
  if (quantity > available) {
    throw ValidationError(
        "quantity", "must not exceed the units held",
        quantity.to_string() + " > " + available.to_string() + " of " + std::string(symbol));
  }
  Holding& holding = holdings_.find(symbol)->second;
  holding.held -= quantity;  // the parts drawn below add up to it
  std::deque<OpenLot>& lots = holding.lots;
  std::vector<Drawn> drawn;
  Decimal remaining = quantity;
  while (remaining.sign() > 0) {
    std::size_t index = next_lot(holding);
    OpenLot& lot = lots[index];
    Decimal take = std::min(lot.quantity, remaining);
    Decimal cost = share_of(lot.cost_basis, take, lot.quantity);
    drawn.push_back({take, cost, lot.acquired});
    const bool hifo = method_ == CostMethod::kHifo;
    if (hifo) holding.by_cost.remove(lot.sequence, lot.cost_basis, lot.quantity);
    lot.quantity -= take;
    lot.cost_basis -= cost;
    remaining -= take;
    if (lot.quantity.is_zero()) {
      lots.erase(lots.begin() + static_cast<std::ptrdiff_t>(index));
    } else if (hifo) {
      // Its cost per unit may have moved by the rounding of the part drawn.
      holding.by_cost.add(lot.sequence, lot.cost_basis, lot.quantity);
    }
  }
  return drawn;
}

std::vector<RealizedGain> LotBook::sell(std::string_view symbol, const Decimal& quantity,
                                        const Decimal& price, const Decimal& fees,
                                        std::string_view at) {
  std::vector<Drawn> drawn = draw(symbol, quantity);
  std::vector<RealizedGain> realized;
  Decimal fees_left = fees;
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    const Drawn& part = drawn[i];
    Decimal part_fees = i + 1 == drawn.size() ? fees_left : share_of(fees, part.quantity, quantity);
    fees_left -= part_fees;
    Decimal proceeds = product(part.quantity, price);
    realized.push_back({std::string(symbol), part.quantity, proceeds, part_fees, part.cost_basis,
                        proceeds - part_fees - part.cost_basis, part.acquired, std::string(at)});
  }
  return realized;
}

void LotBook::transfer_out(std::string_view symbol, const Decimal& quantity) {
  draw(symbol, quantity);
}

void LotBook::split(std::string_view symbol, const Decimal& from, const Decimal& to) {
  require_positive(from, "ratio_from");
  require_positive(to, "ratio_to");
  auto it = holdings_.find(symbol);
  if (it == holdings_.end()) return;
  Holding& holding = it->second;
  holding.held = Decimal();
  holding.by_cost.clear();
  for (OpenLot& lot : holding.lots) {
    lot.quantity = Decimal::divide(product(lot.quantity, to), from, kSplitQuantityPlaces);
    holding.held += lot.quantity;
    // Rounded quantities may order the lots differently.
    if (method_ == CostMethod::kHifo) {
      holding.by_cost.add(lot.sequence, lot.cost_basis, lot.quantity);
    }
  }
}

Decimal LotBook::held(std::string_view symbol) const {
  auto it = holdings_.find(symbol);
  return it == holdings_.end() ? Decimal() : it->second.held;
}

std::vector<Lot> LotBook::lots(std::optional<std::string_view> symbol) const {
  std::vector<Lot> out;
  for (const auto& [name, holding] : holdings_) {
    if (symbol && name != *symbol) continue;
    for (const OpenLot& lot : holding.lots) {
      out.push_back({name, lot.quantity,
                     Decimal::divide(lot.cost_basis, lot.quantity, kCostPerUnitPlaces),
                     lot.cost_basis, lot.acquired});
    }
  }
  return out;
}

}  // namespace alex
}  // namespace alexdb
