#include "model/item_codec.h"

#include <iterator>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>

#include "alexdb/errors.h"
#include "alexdb/limits.h"

namespace alexdb::detail {

// Sets values in place, without the temporary Value (and its variant, moved twice and
// destroyed twice) that Value's factories return.
struct ValueAccess {
  // Makes `value` an S holding `s`, reusing its string when it is one.
  static void set_s(Value& value, std::string_view s) {
    if (auto* held = std::get_if<std::string>(&value.storage_)) {
      held->assign(s);
    } else {
      value.storage_.emplace<std::string>(s);
    }
    value.type_ = Value::Type::kS;
  }
  // Makes `value` an N holding `n`.
  static void set_n(Value& value, const Decimal& n) {
    value.storage_.emplace<Decimal>(n);
    value.type_ = Value::Type::kN;
  }
};

}  // namespace alexdb::detail

namespace alexdb::codec {

namespace {

constexpr char kFormatVersion = 1;

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_bytes(std::string& out, std::string_view bytes) {
  put_varint(out, bytes.size());
  out.append(bytes);
}

void put_value(std::string& out, const Value& value);

void put_map(std::string& out, const Item& map) {
  put_varint(out, map.size());
  for (const auto& [name, value] : map) {
    put_bytes(out, name);
    put_value(out, value);
  }
}

void put_value(std::string& out, const Value& value) {
  out.push_back(static_cast<char>(value.type()));
  switch (value.type()) {
    case Value::Type::kS: put_bytes(out, value.s()); break;
    case Value::Type::kN: put_bytes(out, value.n().to_string()); break;
    case Value::Type::kB: put_bytes(out, value.b().data()); break;
    case Value::Type::kBool: out.push_back(value.boolean() ? 1 : 0); break;
    case Value::Type::kNull: break;
    case Value::Type::kM: put_map(out, value.m()); break;
    case Value::Type::kL:
      put_varint(out, value.l().size());
      for (const Value& element : value.l()) put_value(out, element);
      break;
    case Value::Type::kSS:
      put_varint(out, value.ss().size());
      for (const std::string& s : value.ss()) put_bytes(out, s);
      break;
    case Value::Type::kNS:
      put_varint(out, value.ns().size());
      for (const Decimal& n : value.ns()) put_bytes(out, n.to_string());
      break;
    case Value::Type::kBS:
      put_varint(out, value.bs().size());
      for (const Bytes& b : value.bs()) put_bytes(out, b.data());
      break;
  }
}

// Reads what put_* wrote, bounds-checked; every failure is a StoreError.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  [[noreturn]] void fail(const char* what) const {
    throw StoreError(std::string("damaged record: ") + what + " at byte " + std::to_string(pos_));
  }
  bool done() const { return pos_ == in_.size(); }
  char byte() {
    if (pos_ >= in_.size()) fail("truncated");
    return in_[pos_++];
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      auto b = static_cast<unsigned char>(byte());
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    fail("bad varint");
  }
  std::string_view bytes() {
    std::uint64_t n = varint();
    if (n > in_.size() - pos_) fail("length past the end");
    std::string_view out = in_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  // A count of elements, each at least one byte long.
  std::size_t count() {
    std::uint64_t n = varint();
    if (n > in_.size() - pos_) fail("count past the end");
    return static_cast<std::size_t>(n);
  }
  Decimal number() {
    auto d = Decimal::try_parse(bytes());
    if (!d) fail("bad number");
    return *d;
  }
  Item map(int depth) {
    Item item;
    for (std::size_t n = count(); n > 0; --n) {
      std::string_view name = bytes();
      item.emplace_hint(item.end(), std::piecewise_construct, std::forward_as_tuple(name),
                        std::forward_as_tuple(value(depth)));
    }
    return item;
  }
  // map(depth) into the empty `item`; false (`item` part done) when the names are not
  // in increasing order. The map compares each name once, when placing it last.
  bool map_fresh(Item& item, int depth) {
    for (std::size_t n = count(); n > 0; --n) {
      std::string_view name = bytes();
      const std::size_t before = item.size();
      auto it = item.emplace_hint(item.end(), std::piecewise_construct,
                                  std::forward_as_tuple(name), std::tuple<>());
      if (item.size() == before || it != std::prev(item.end())) return false;
      value_into(it->second, depth);
    }
    return true;
  }
  // map(depth) into `item`, reusing its nodes; false (`item` part done) when
  // the names are not in increasing order, as encode_item never writes them.
  bool map_into(Item& item, int depth) {
    auto at = item.begin();
    std::string_view previous;
    for (std::size_t n = count(); n > 0; --n) {
      std::string_view name = bytes();
      int order = 1;  // of the name at `at` to `name`
      while (at != item.end() && (order = std::string_view(at->first).compare(name)) < 0) {
        at = item.erase(at);
      }
      // A name found at `at` is after `previous`, whose node is before `at`; a new one is
      // checked.
      if (at == item.end() || order != 0) {
        if (previous.data() && name <= previous) return false;
        at = item.emplace_hint(at, std::piecewise_construct, std::forward_as_tuple(name),
                               std::tuple<>());
      }
      previous = name;
      value_into(at->second, depth);
      ++at;
    }
    item.erase(at, item.end());
    return true;
  }
  // value(depth) into `out`; S and N are built in place (a string `out` holds is reused).
  void value_into(Value& out, int depth) {
    if (depth <= limits::kMaxNestingDepth + 1 && pos_ < in_.size()) {
      switch (static_cast<Value::Type>(in_[pos_])) {
        case Value::Type::kS:
          ++pos_;
          detail::ValueAccess::set_s(out, bytes());
          return;
        case Value::Type::kN:
          ++pos_;
          detail::ValueAccess::set_n(out, number());
          return;
        default:
          break;
      }
    }
    out = value(depth);
  }
  Value value(int depth) {
    if (depth > limits::kMaxNestingDepth + 1) fail("nesting too deep");
    auto type = static_cast<Value::Type>(byte());
    switch (type) {
      case Value::Type::kS: return Value::S(std::string(bytes()));
      case Value::Type::kN: return Value::N(number());
      case Value::Type::kB: return Value::B(Bytes(std::string(bytes())));
      case Value::Type::kBool: return Value::Bool(byte() != 0);
      case Value::Type::kNull: return Value::Null();
      case Value::Type::kM: return Value::M(map(depth + 1));
      case Value::Type::kL: {
        Value::List list;
        std::size_t n = count();
        list.reserve(n);
        for (; n > 0; --n) list.push_back(value(depth + 1));
        return Value::L(std::move(list));
      }
      case Value::Type::kSS: {
        Value::StringSet set;
        for (std::size_t n = count(); n > 0; --n) set.emplace(bytes());
        return Value::SS(std::move(set));
      }
      case Value::Type::kNS: {
        Value::NumberSet set;
        for (std::size_t n = count(); n > 0; --n) set.insert(number());
        return Value::NS(std::move(set));
      }
      case Value::Type::kBS: {
        Value::BytesSet set;
        for (std::size_t n = count(); n > 0; --n) set.emplace(std::string(bytes()));
        return Value::BS(std::move(set));
      }
    }
    fail("unknown value type");
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace

void encode_item(const Item& item, std::string& out) {
  out.push_back(kFormatVersion);
  put_map(out, item);
}

std::string encode_item(const Item& item) {
  std::string out;
  out.reserve(128);
  encode_item(item, out);
  return out;
}

void decode_item_into(std::string_view bytes, Item& item) {
  Reader reader(bytes);
  if (reader.byte() != kFormatVersion) reader.fail("unknown format version");
  // A page's items are moved out as read, leaving `item` empty: no nodes to reuse.
  const bool read = item.empty() ? reader.map_fresh(item, 0) : reader.map_into(item, 0);
  if (!read) {
    item = decode_item(bytes);  // decoded afresh, as any order of names reads
    return;
  }
  if (!reader.done()) reader.fail("bytes after the item");
}

Item decode_item(std::string_view bytes) {
  Reader reader(bytes);
  if (reader.byte() != kFormatVersion) reader.fail("unknown format version");
  Item item = reader.map(0);
  if (!reader.done()) reader.fail("bytes after the item");
  return item;
}

}  // namespace alexdb::codec
