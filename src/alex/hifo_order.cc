#include "alex/hifo_order.h"

namespace alexdb::alex {

namespace {

// Products keep this many digits after the point at most, as the lot book's do (more than
// any validated input has; Decimal::multiply rounds only beyond 38 digits).
constexpr int kHifoProductPlaces = 30;

}  // namespace

bool HifoOrder::DrawnBefore::operator()(const Entry& a, const Entry& b) const {
  const Decimal a_scaled = Decimal::multiply(a.cost_basis, b.quantity, kHifoProductPlaces);
  const Decimal b_scaled = Decimal::multiply(b.cost_basis, a.quantity, kHifoProductPlaces);
  if (auto order = a_scaled <=> b_scaled; order != 0) return order > 0;
  return a.sequence < b.sequence;
}

void HifoOrder::add(std::uint64_t sequence, const Decimal& cost_basis, const Decimal& quantity) {
  entries_.insert(Entry{cost_basis, quantity, sequence});
}

bool HifoOrder::remove(std::uint64_t sequence, const Decimal& cost_basis, const Decimal& quantity) {
  return entries_.erase(Entry{cost_basis, quantity, sequence}) > 0;
}

std::optional<std::uint64_t> HifoOrder::first() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.begin()->sequence;
}

}  // namespace alexdb::alex
