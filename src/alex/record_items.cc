#include "alex/record_items.h"

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/legacy.h"
#include "alex/record_schema.h"

namespace alexdb::alex {

Item users_key(std::string_view pk, std::string_view sk) {
  Item key;
  key.emplace(kPk, Value::S(std::string(pk)));
  key.emplace(kSk, Value::S(std::string(sk)));
  return key;
}

Item instruments_key(std::string_view symbol, std::string_view sk) {
  Item key;
  key.emplace(kSymbolKey, Value::S(std::string(symbol)));
  key.emplace(kSk, Value::S(std::string(sk)));
  return key;
}

Item user_item(const User& u) {
  return user_schema().to_item(u, users_key(keys::user_pk(u.clerk_user_id), keys::kMetadata));
}

User user_from_item(const Item& item) { return user_schema().from_item(item); }

Item instrument_item(const Instrument& i) {
  return instrument_schema().to_item(i, instruments_key(i.symbol, keys::kInstrumentMeta));
}

Instrument instrument_from_item(const Item& item) { return instrument_schema().from_item(item); }

Item price_item(const PricePoint& p) {
  return price_schema().to_item(p, instruments_key(p.symbol, keys::price_sk(p.timestamp)));
}

PricePoint price_from_item(const Item& item) {
  legacy::refuse(item);
  PricePoint p = price_schema().from_item(item);
  if (p.timestamp.empty()) p.timestamp = stored::required_text(item, kSk);
  return p;
}

Item account_item(const Account& a) {
  return account_schema().to_item(a, users_key(keys::account_pk(a.id), keys::kMetadata));
}

Item account_listing_of(const Item& account_record) {
  Item listing = account_record;
  const Item key = users_key(keys::user_pk(stored::required_text(account_record, "clerk_user_id")),
                             keys::account_sk(stored::required_text(account_record, "id")));
  for (const auto& [name, value] : key) listing.insert_or_assign(name, value);
  return listing;
}

Account account_from_item(const Item& item) {
  legacy::refuse(item);
  return account_schema().from_item(item);
}

Position position_from_item(const Item& item) {
  legacy::refuse(item);
  Position p = position_schema().from_item(item);
  if (p.account_id.empty()) {
    p.account_id = keys::parse_account_pk(stored::text(item, kPk).value_or("")).value_or("");
    if (p.account_id.empty()) stored::required_text(item, "account_id");  // throws: missing
  }
  p.id = keys::position_id(p.account_id, p.symbol);
  if (p.as_of_date.empty()) p.as_of_date = p.timestamp.substr(0, 10);
  if (p.updated_at.empty()) p.updated_at = p.timestamp;
  return p;
}

Value change_value(const PositionChange& c) { return Value::M(change_schema().to_item(c)); }

Item history_item(std::string_view account_id, const PositionChange& c) {
  Item item = change_schema().to_item(
      c, users_key(keys::account_pk(account_id), keys::history_sk(c.symbol, c.timestamp)));
  item.erase("symbol");
  item.erase("timestamp");
  return item;
}

PositionChange change_from_item(const Item& item) {
  legacy::refuse(item);
  PositionChange c = change_schema().from_item(item);
  if (c.symbol.empty() || c.timestamp.empty()) {
    if (auto key = keys::parse_history_sk(stored::text(item, kSk).value_or(""))) {
      if (c.symbol.empty()) c.symbol = std::move(key->symbol);
      if (c.timestamp.empty()) c.timestamp = std::move(key->timestamp);
    }
    if (c.symbol.empty()) stored::required_text(item, "symbol");        // throws: missing
    if (c.timestamp.empty()) stored::required_text(item, "timestamp");  // throws: missing
  }
  return c;
}

Item job_item(const Job& j) {
  Item item = users_key(keys::user_pk(j.clerk_user_id), keys::job_sk(j.created_at, j.id));
  item.emplace(kGsi1Pk, Value::S(keys::job_status_gsi1pk(j.status)));
  item.emplace(kGsi1Sk, Value::S(keys::job_status_gsi1sk(j.clerk_user_id, j.created_at)));
  return job_schema().to_item(j, std::move(item));
}

Item job_pointer_item(const Job& j) {
  Item item = users_key(keys::job_pk(j.id), keys::kMetadata);
  item.emplace("id", Value::S(j.id));
  item.emplace("clerk_user_id", Value::S(j.clerk_user_id));
  item.emplace("job_sk", Value::S(keys::job_sk(j.created_at, j.id)));
  item.emplace("created_at", Value::S(j.created_at));
  return item;
}

Job job_from_item(const Item& item) {
  legacy::refuse(item);
  return job_schema().from_item(item);
}

}  // namespace alexdb::alex
