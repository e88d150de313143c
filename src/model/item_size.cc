#include "model/item_size.h"

namespace alexdb {

namespace {

// Map and list values carry 3 bytes of overhead, and each element 1 more.
constexpr std::size_t kContainerOverhead = 3;
constexpr std::size_t kElementOverhead = 1;

std::size_t number_size(const Decimal& n) {
  return static_cast<std::size_t>((n.digits() + 1) / 2 + 1);
}

}  // namespace

std::size_t value_size(const Value& value) {
  switch (value.type()) {
    case Value::Type::kS: return value.s().size();
    case Value::Type::kN: return number_size(value.n());
    case Value::Type::kB: return value.b().size();
    case Value::Type::kBool:
    case Value::Type::kNull: return 1;
    case Value::Type::kM: {
      std::size_t size = kContainerOverhead;
      for (const auto& [name, element] : value.m()) {
        size += name.size() + value_size(element) + kElementOverhead;
      }
      return size;
    }
    case Value::Type::kL: {
      std::size_t size = kContainerOverhead;
      for (const Value& element : value.l()) size += value_size(element) + kElementOverhead;
      return size;
    }
    case Value::Type::kSS: {
      std::size_t size = 0;
      for (const std::string& s : value.ss()) size += s.size();
      return size;
    }
    case Value::Type::kNS: {
      std::size_t size = 0;
      for (const Decimal& n : value.ns()) size += number_size(n);
      return size;
    }
    case Value::Type::kBS: {
      std::size_t size = 0;
      for (const Bytes& b : value.bs()) size += b.size();
      return size;
    }
  }
  return 0;
}

std::size_t attribute_size(std::string_view name, const Value& value) {
  return name.size() + value_size(value);
}

std::size_t item_size(const Item& item) {
  std::size_t size = 0;
  for (const auto& [name, value] : item) size += attribute_size(name, value);
  return size;
}

}  // namespace alexdb
