#include "alex/transaction_items.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "alex/keys.h"
#include "alex/record_items.h"
#include "alex/record_schema.h"
#include "alex/tables.h"
#include "alex/validation.h"
#include "alexdb/errors.h"
#include "alexdb/validation.h"

namespace alexdb::alex {

namespace {

void not_for(const char* field, const std::string& type) {
  throw ValidationError(field, "not used by a " + type + " transaction");
}

template <typename T>
void set_text(Item& item, const char* name, const std::optional<T>& value) {
  if (value) item.emplace(name, Value::S(*value));
}

void set_number(Item& item, const char* name, const std::optional<Decimal>& value) {
  if (value) item.emplace(name, Value::N(*value));
}

// The attributes a stored version may hold, found in one pass over its item; null where
// absent.
struct VersionFields {
  const Value* pk = nullptr;
  const Value* sk = nullptr;
  const Value* amount = nullptr;
  const Value* external_id = nullptr;
  const Value* fees = nullptr;
  const Value* note = nullptr;
  const Value* price = nullptr;
  const Value* quantity = nullptr;
  const Value* recorded_at = nullptr;
  const Value* symbol = nullptr;
  const Value* timestamp = nullptr;
  const Value* type = nullptr;
  const Value* voided = nullptr;
};

struct VersionSlot {
  std::string_view name;
  const Value* VersionFields::*slot;
};

// In the order an Item keeps its names (bytewise), so one merge pass finds them all.
constexpr std::array<VersionSlot, 13> kVersionSlots = {{
    {kPk, &VersionFields::pk},
    {kSk, &VersionFields::sk},
    {"amount", &VersionFields::amount},
    {"external_id", &VersionFields::external_id},
    {"fees", &VersionFields::fees},
    {"note", &VersionFields::note},
    {"price", &VersionFields::price},
    {"quantity", &VersionFields::quantity},
    {"recorded_at", &VersionFields::recorded_at},
    {"symbol", &VersionFields::symbol},
    {"timestamp", &VersionFields::timestamp},
    {"type", &VersionFields::type},
    {"voided", &VersionFields::voided},
}};
static_assert(std::ranges::is_sorted(kVersionSlots, {}, &VersionSlot::name));

VersionFields version_fields(const Item& item) {
  VersionFields fields;
  std::size_t slot = 0;
  for (const auto& [name, value] : item) {
    while (slot < kVersionSlots.size() && kVersionSlots[slot].name < name) ++slot;
    if (slot == kVersionSlots.size()) break;
    if (kVersionSlots[slot].name == name) fields.*(kVersionSlots[slot].slot) = &value;
  }
  return fields;
}

// As stored::required_text, stored::text and stored::number (fields.h) read an attribute
// (the same errors), from a found one.
const std::string& version_text(const Value* value, std::string_view name) {
  if (!value) return stored_value(FieldType::kText, Value::Null(), name).s();  // throws
  return stored_value(FieldType::kText, *value, name).s();
}

std::optional<std::string> version_optional_text(const Value* value, std::string_view name) {
  if (!value || value->is_null()) return std::nullopt;
  return stored_value(FieldType::kText, *value, name).s();
}

std::optional<Decimal> version_number(const Value* value, std::string_view name) {
  if (!value || value->is_null()) return std::nullopt;
  return stored_value(FieldType::kNumber, *value, name).n();
}

Transaction transaction_from_fields(const VersionFields& f) {
  const std::string& pk = version_text(f.pk, kPk);
  const std::string& sk = version_text(f.sk, kSk);
  auto account = keys::parse_account_pk(pk);
  auto key = keys::parse_transaction_sk(sk);
  if (!account || !key) throw StoreError("not a ledger transaction: " + pk + " / " + sk);
  Transaction t;
  t.id = keys::transaction_id(*account, key->transaction_id);
  t.account_id = std::move(*account);
  t.revision = key->revision;
  t.type = version_text(f.type, "type");
  t.symbol = version_optional_text(f.symbol, "symbol");
  t.quantity = version_number(f.quantity, "quantity");
  t.price = version_number(f.price, "price");
  t.fees = version_number(f.fees, "fees").value_or(Decimal());
  t.amount = version_number(f.amount, "amount");
  t.timestamp = version_text(f.timestamp, "timestamp");
  t.external_id = version_optional_text(f.external_id, "external_id");
  t.note = version_optional_text(f.note, "note");
  t.recorded_at = version_text(f.recorded_at, "recorded_at");
  t.voided = f.voided && f.voided->type() == Value::Type::kBool && f.voided->boolean();
  return t;
}

// What ordering a stored version needs, read from its item's keys without decoding it.
struct VersionRef {
  std::size_t item;              // its index in the items
  std::string_view pk;           // the account's partition key
  std::string_view transaction;  // the sort key without the revision
  int revision;
  std::string_view recorded_at;
};

// The version item `index` holds; nullopt when its keys or recorded_at cannot be read
// (so transaction_from_item fails on it too).
std::optional<VersionRef> version_ref(const VersionFields& f, std::size_t index) {
  if (!f.pk || !f.pk->is_s() || !f.sk || !f.sk->is_s() || !f.recorded_at ||
      !f.recorded_at->is_s()) {
    return std::nullopt;
  }
  const std::string& sk = f.sk->s();
  auto key = keys::parse_transaction_sk(sk);
  if (!key) return std::nullopt;
  // "TXN#<unique>": what the transaction's versions share.
  std::string_view transaction =
      std::string_view(sk).substr(0, keys::kTransactionPrefix.size() + key->transaction_id.size());
  return VersionRef{index, f.pk->s(), transaction, key->revision, f.recorded_at->s()};
}

// The version `item` (whose attributes are `fields`) holds, or nullopt after passing the
// reason to `unreadable`.
std::optional<Transaction> decoded_or_reported(
    const Item& item, const VersionFields& fields,
    const std::function<void(const Item&, const StoreError&)>& unreadable) {
  try {
    return transaction_from_fields(fields);
  } catch (const LegacyRecord&) {
    throw;
  } catch (const StoreError& e) {
    unreadable(item, e);
    return std::nullopt;
  }
}

// Reorders `values` so that the one at order[i] comes to position i, moving each value
// once or twice (following the permutation's cycles) rather than into a new vector.
void permute(std::vector<Transaction>& values, std::vector<std::size_t>& order) {
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    Transaction held = std::move(values[start]);
    std::size_t at = start;
    while (order[at] != start) {
      const std::size_t from = order[at];
      values[at] = std::move(values[from]);
      order[at] = at;
      at = from;
    }
    values[at] = std::move(held);
    order[at] = at;
  }
}

// The first 16 bytes of `text` (zeros past its end) as two big-endian numbers: where
// they differ, they order two texts as a bytewise comparison does.
std::array<std::uint64_t, 2> leading_bytes(std::string_view text) {
  std::array<unsigned char, 16> bytes{};
  std::memcpy(bytes.data(), text.data(), std::min(bytes.size(), text.size()));
  std::array<std::uint64_t, 2> out{};
  for (std::size_t i = 0; i < bytes.size(); ++i) out[i / 8] = (out[i / 8] << 8) | bytes[i];
  return out;
}

// The positions of a ledger's transactions in the order of their times, then ids (empty
// when they are in that order already). The sort reads keys side by side, not the
// transactions: a fixed-width time differs within its first 16 bytes unless two
// transactions share a minute.
template <typename Ledger>
std::vector<std::size_t> time_order(const Ledger& ledger) {
  struct TimeKey {
    std::array<std::uint64_t, 2> leading;
    std::string_view timestamp;
    std::string_view id;
    std::size_t index;
  };
  auto by_time = [](const TimeKey& a, const TimeKey& b) {
    if (a.leading != b.leading) return a.leading < b.leading;
    if (int c = a.timestamp.compare(b.timestamp); c != 0) return c < 0;
    return a.id < b.id;
  };
  std::vector<TimeKey> keys;
  keys.reserve(ledger.size());
  for (std::size_t i = 0; i < ledger.size(); ++i) {
    const Transaction& t = ledger[i];
    keys.push_back({leading_bytes(t.timestamp), t.timestamp, t.id, i});
  }
  std::vector<std::size_t> order;
  if (std::is_sorted(keys.begin(), keys.end(), by_time)) return order;
  std::sort(keys.begin(), keys.end(), by_time);
  order.reserve(keys.size());
  for (const TimeKey& key : keys) order.push_back(key.index);
  return order;
}

// Orders a ledger by time, then id, moving each transaction once or twice.
void order_by_time(std::vector<Transaction>& ledger) {
  std::vector<std::size_t> order = time_order(ledger);
  if (!order.empty()) permute(ledger, order);
}

}  // namespace

bool moves_units(std::string_view type) {
  return type == "BUY" || type == "SELL" || type == "TRANSFER_IN" || type == "TRANSFER_OUT";
}

Transaction checked_transaction(const TransactionInput& input, Timestamp now) {
  Transaction t;
  t.type = validate::transaction_type(input.type);
  if (moves_units(t.type)) {
    if (!input.symbol) throw ValidationError("symbol", "required for a " + t.type);
    if (!input.quantity) throw ValidationError("quantity", "required for a " + t.type);
    if (!input.price) throw ValidationError("price", "required for a " + t.type);
    if (input.amount) not_for("amount", t.type);
    t.quantity = validate::quantity(*input.quantity, "quantity");
    if (t.quantity->is_zero()) {
      throw ValidationError("quantity", "greater than 0", "got " + t.quantity->to_string());
    }
    t.price = validate::price(*input.price, "price");
    if (!input.fees.is_zero() && (t.type == "TRANSFER_IN" || t.type == "TRANSFER_OUT")) {
      not_for("fees", t.type);
    }
  } else {
    if (!input.amount) throw ValidationError("amount", "required for a " + t.type);
    if (input.quantity) not_for("quantity", t.type);
    if (input.price) not_for("price", t.type);
    if (!input.fees.is_zero()) not_for("fees", t.type);
    if (input.symbol && t.type != "DIVIDEND" && t.type != "FEE") not_for("symbol", t.type);
    if (input.amount->sign() <= 0) {
      throw ValidationError("amount", "greater than 0", "got " + input.amount->to_string());
    }
    t.amount = validate::cash_balance(*input.amount, "amount");
  }
  if (input.symbol) t.symbol = validate::symbol(*input.symbol, "symbol");
  if (input.fees.sign() < 0) {
    throw ValidationError("fees", ">= 0", "got " + input.fees.to_string());
  }
  t.fees = input.fees;
  t.timestamp = input.timestamp
                    ? validate::change_time(*input.timestamp, "timestamp", now).to_string()
                    : now.to_string();
  if (input.external_id) t.external_id = validate::id(*input.external_id, "external_id");
  if (input.note) t.note = validate::text(*input.note, "note");
  return t;
}

bool same_transaction(const Transaction& a, const Transaction& b, bool compare_time) {
  return a.type == b.type && a.symbol == b.symbol && a.quantity == b.quantity &&
         a.price == b.price && a.fees == b.fees && a.amount == b.amount && a.note == b.note &&
         (!compare_time || a.timestamp == b.timestamp);
}

TransactionInput input_of(const Transaction& t) {
  return {t.type,   t.symbol,    t.quantity,    t.price, t.fees,
          t.amount, t.timestamp, t.external_id, t.note};
}

Item transaction_item(const Transaction& t) {
  auto ref = keys::parse_transaction_id(t.id);
  Item item = users_key(keys::account_pk(t.account_id),
                        keys::transaction_sk(ref ? ref->unique : t.id, t.revision));
  item.emplace("type", Value::S(t.type));
  set_text(item, "symbol", t.symbol);
  set_number(item, "quantity", t.quantity);
  set_number(item, "price", t.price);
  if (!t.fees.is_zero()) item.emplace("fees", Value::N(t.fees));
  set_number(item, "amount", t.amount);
  item.emplace("timestamp", Value::S(t.timestamp));
  set_text(item, "external_id", t.external_id);
  set_text(item, "note", t.note);
  item.emplace("recorded_at", Value::S(t.recorded_at));
  if (t.voided) item.emplace("voided", Value::Bool(true));
  return item;
}

Transaction transaction_from_item(const Item& item) {
  return transaction_from_fields(version_fields(item));
}

std::vector<Transaction> known_transactions(
    const std::vector<Item>& items, const std::optional<Timestamp>& as_known_at,
    const std::function<void(const Item&, const StoreError&)>& unreadable) {
  // The versions known at the cutoff, by transaction, oldest first (of two stored under
  // one revision, the first given last), which is the order a query of the account's
  // ledger returns them in. Only keys are read here: each version that counts is decoded
  // once, into the result.
  const std::string cutoff = as_known_at ? as_known_at->to_string() : std::string();
  std::vector<VersionFields> fields;
  fields.reserve(items.size());
  std::vector<VersionRef> known;
  known.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    fields.push_back(version_fields(items[i]));
    std::optional<VersionRef> ref = version_ref(fields.back(), i);
    if (!ref) {
      decoded_or_reported(items[i], fields.back(), unreadable);  // fails, so it is reported
      continue;
    }
    if (!as_known_at || ref->recorded_at <= cutoff) known.push_back(*ref);
  }
  auto by_version = [](const VersionRef& a, const VersionRef& b) {
    if (int c = a.pk.compare(b.pk); c != 0) return c < 0;
    if (int c = a.transaction.compare(b.transaction); c != 0) return c < 0;
    if (a.revision != b.revision) return a.revision < b.revision;
    return a.item > b.item;
  };
  if (!std::is_sorted(known.begin(), known.end(), by_version)) {
    std::sort(known.begin(), known.end(), by_version);
  }
  std::vector<Transaction> out;
  out.reserve(known.size());
  for (std::size_t begin = 0; begin < known.size();) {
    std::size_t end = begin + 1;
    while (end < known.size() && known[end].pk == known[begin].pk &&
           known[end].transaction == known[begin].transaction) {
      ++end;
    }
    // The newest version that can be read.
    for (std::size_t k = end; k > begin; --k) {
      const std::size_t item = known[k - 1].item;
      std::optional<Transaction> t = decoded_or_reported(items[item], fields[item], unreadable);
      if (t) {
        out.push_back(std::move(*t));
        break;
      }
    }
    begin = end;
  }
  order_by_time(out);
  return out;
}

KnownLedger::KnownLedger(const std::optional<Timestamp>& as_known_at,
                         std::function<void(const Item&, const StoreError&)> unreadable)
    : cutoff_(as_known_at ? std::optional(as_known_at->to_string()) : std::nullopt),
      unreadable_(std::move(unreadable)) {}

KnownLedger::~KnownLedger() = default;

void KnownLedger::add(const Item& item) {
  const VersionFields fields = version_fields(item);
  std::optional<VersionRef> ref = version_ref(fields, 0);
  if (!ref) {
    decoded_or_reported(item, fields, unreadable_);  // fails, so it is reported
    return;
  }
  if (cutoff_ && ref->recorded_at > *cutoff_) return;
  if (open_ && (ref->pk != pk_ || ref->transaction != transaction_)) flush();
  if (!open_) {
    pk_.assign(ref->pk);
    transaction_.assign(ref->transaction);
    open_ = true;
  }
  // Decoded at once (the item is not kept): a version that reads replaces the older one,
  // and the failures before it are never reported, as known_transactions tries the
  // newest version first and stops at the first that reads.
  try {
    newest_ = transaction_from_fields(fields);
    failures_.clear();
  } catch (const LegacyRecord&) {
    throw;
  } catch (const StoreError& e) {
    failures_.push_back({item, e});
  }
}

void KnownLedger::flush() {
  // The versions newer than the one that reads, newest first, as known_transactions
  // tries them.
  for (auto failure = failures_.rbegin(); failure != failures_.rend(); ++failure) {
    unreadable_(failure->item, failure->error);
  }
  if (newest_) ledger_.push_back(std::move(*newest_));
  newest_.reset();
  failures_.clear();
  open_ = false;
}

std::vector<Transaction> KnownLedger::finish() {
  flush();
  order_by_time(ledger_);
  return std::move(ledger_);
}

}  // namespace alexdb::alex
