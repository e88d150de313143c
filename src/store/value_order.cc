#include "store/value_order.h"

namespace alexdb::store {

std::optional<std::strong_ordering> compare_scalars(const Value& a, const Value& b) {
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case Value::Type::kS:
      // std::string compares through char_traits<char>::compare, i.e. memcmp: bytes.
      return a.s().compare(b.s()) <=> 0;
    case Value::Type::kN:
      return a.n() <=> b.n();
    case Value::Type::kB:
      return a.b() <=> b.b();
    default:
      return std::nullopt;
  }
}

}  // namespace alexdb::store
