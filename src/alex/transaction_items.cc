#include "alex/transaction_items.h"

#include <algorithm>
#include <map>

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/record_items.h"
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
  const std::string pk = stored::required_text(item, kPk);
  const std::string sk = stored::required_text(item, kSk);
  auto account = keys::parse_account_pk(pk);
  auto key = keys::parse_transaction_sk(sk);
  if (!account || !key) throw StoreError("not a ledger transaction: " + pk + " / " + sk);
  Transaction t;
  t.account_id = *account;
  t.id = keys::transaction_id(*account, key->transaction_id);
  t.revision = key->revision;
  t.type = stored::required_text(item, "type");
  t.symbol = stored::text(item, "symbol");
  t.quantity = stored::number(item, "quantity");
  t.price = stored::number(item, "price");
  t.fees = stored::number(item, "fees").value_or(Decimal());
  t.amount = stored::number(item, "amount");
  t.timestamp = stored::required_text(item, "timestamp");
  t.external_id = stored::text(item, "external_id");
  t.note = stored::text(item, "note");
  t.recorded_at = stored::required_text(item, "recorded_at");
  auto voided = item.find("voided");
  t.voided = voided != item.end() && voided->second.type() == Value::Type::kBool &&
             voided->second.boolean();
  return t;
}

std::vector<Transaction> as_known(std::vector<Transaction> versions,
                                  const std::optional<Timestamp>& as_known_at) {
  const std::string cutoff = as_known_at ? as_known_at->to_string() : std::string();
  std::map<std::string, Transaction> newest;
  for (Transaction& v : versions) {
    if (as_known_at && v.recorded_at > cutoff) continue;
    auto it = newest.find(v.id);
    if (it == newest.end()) {
      newest.emplace(v.id, std::move(v));
    } else if (v.revision > it->second.revision) {
      it->second = std::move(v);
    }
  }
  std::vector<Transaction> out;
  out.reserve(newest.size());
  for (auto& [id, t] : newest) out.push_back(std::move(t));
  std::stable_sort(out.begin(), out.end(), [](const Transaction& a, const Transaction& b) {
    return a.timestamp < b.timestamp;
  });
  return out;
}

}  // namespace alexdb::alex
