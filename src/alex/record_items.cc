#include "alex/record_items.h"

#include "alex/fields.h"
#include "alex/keys.h"

namespace alexdb::alex {

namespace {

void put_text(Item& item, std::string_view name, const std::optional<std::string>& value) {
  if (value) item.insert_or_assign(std::string(name), Value::S(*value));
}
void put_number(Item& item, std::string_view name, const std::optional<Decimal>& value) {
  if (value) item.insert_or_assign(std::string(name), Value::N(*value));
}
void put_stamps(Item& item, const std::string& created_at, const std::string& updated_at) {
  item.insert_or_assign("created_at", Value::S(created_at));
  item.insert_or_assign("updated_at", Value::S(updated_at));
}
std::string stamp(const Item& item, std::string_view name) {
  return stored::text(item, name).value_or("");
}

Item account_attributes(Item item, const Account& a) {
  item.insert_or_assign("id", Value::S(a.id));
  item.insert_or_assign("clerk_user_id", Value::S(a.clerk_user_id));
  item.insert_or_assign("account_name", Value::S(a.account_name));
  put_text(item, "account_purpose", a.account_purpose);
  item.insert_or_assign("cash_balance", Value::N(a.cash_balance));
  item.insert_or_assign("cash_interest", Value::N(a.cash_interest));
  put_stamps(item, a.created_at, a.updated_at);
  return item;
}

}  // namespace

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
  Item item = users_key(keys::user_pk(u.clerk_user_id), keys::kMetadata);
  item.emplace("clerk_user_id", Value::S(u.clerk_user_id));
  put_text(item, "display_name", u.display_name);
  put_number(item, "years_until_retirement", u.years_until_retirement);
  put_number(item, "target_retirement_income", u.target_retirement_income);
  item.emplace("asset_class_targets", allocation_value(u.asset_class_targets));
  item.emplace("region_targets", allocation_value(u.region_targets));
  put_stamps(item, u.created_at, u.updated_at);
  return item;
}

User user_from_item(const Item& item) {
  User u;
  u.clerk_user_id = stored::required_text(item, "clerk_user_id");
  u.display_name = stored::text(item, "display_name");
  u.years_until_retirement = stored::number(item, "years_until_retirement");
  u.target_retirement_income = stored::number(item, "target_retirement_income");
  u.asset_class_targets = stored::allocation(item, "asset_class_targets");
  u.region_targets = stored::allocation(item, "region_targets");
  u.created_at = stamp(item, "created_at");
  u.updated_at = stamp(item, "updated_at");
  return u;
}

Item instrument_item(const Instrument& i) {
  Item item = instruments_key(i.symbol, keys::kInstrumentMeta);
  item.emplace("name", Value::S(i.name));
  item.emplace("instrument_type", Value::S(i.instrument_type));
  put_number(item, "current_price", i.current_price);
  put_text(item, "price_timestamp", i.price_timestamp);
  item.emplace("allocation_regions", allocation_value(i.allocation_regions));
  item.emplace("allocation_sectors", allocation_value(i.allocation_sectors));
  item.emplace("allocation_asset_class", allocation_value(i.allocation_asset_class));
  put_stamps(item, i.created_at, i.updated_at);
  return item;
}

Instrument instrument_from_item(const Item& item) {
  Instrument i;
  i.symbol = stored::required_text(item, kSymbolKey);
  i.name = stored::text(item, "name").value_or("");
  i.instrument_type = stored::text(item, "instrument_type").value_or("");
  i.current_price = stored::number(item, "current_price");
  i.price_timestamp = stored::text(item, "price_timestamp");
  i.allocation_regions = stored::allocation(item, "allocation_regions");
  i.allocation_sectors = stored::allocation(item, "allocation_sectors");
  i.allocation_asset_class = stored::allocation(item, "allocation_asset_class");
  i.created_at = stamp(item, "created_at");
  i.updated_at = stamp(item, "updated_at");
  return i;
}

Item price_item(const PricePoint& p) {
  Item item = instruments_key(p.symbol, keys::price_sk(p.timestamp));
  item.emplace("timestamp", Value::S(p.timestamp));
  item.emplace("price", Value::N(p.price));
  put_number(item, "volume", p.volume);
  put_text(item, "source", p.source);
  return item;
}

PricePoint price_from_item(const Item& item) {
  PricePoint p;
  p.symbol = stored::required_text(item, kSymbolKey);
  p.timestamp = stored::text(item, "timestamp").value_or(stored::required_text(item, kSk));
  p.price = stored::required_number(item, "price");
  p.volume = stored::number(item, "volume");
  p.source = stored::text(item, "source");
  return p;
}

Item account_item(const Account& a) {
  return account_attributes(users_key(keys::account_pk(a.id), keys::kMetadata), a);
}

Item account_listing_of(const Item& account_record) {
  Item listing = account_record;
  const Item key = users_key(keys::user_pk(stored::required_text(account_record, "clerk_user_id")),
                             keys::account_sk(stored::required_text(account_record, "id")));
  for (const auto& [name, value] : key) listing.insert_or_assign(name, value);
  return listing;
}

Account account_from_item(const Item& item) {
  Account a;
  a.id = stored::required_text(item, "id");
  a.clerk_user_id = stored::text(item, "clerk_user_id").value_or("");
  a.account_name = stored::text(item, "account_name").value_or("");
  a.account_purpose = stored::text(item, "account_purpose");
  a.cash_balance = stored::number(item, "cash_balance").value_or(Decimal());
  a.cash_interest = stored::number(item, "cash_interest").value_or(Decimal());
  a.created_at = stamp(item, "created_at");
  a.updated_at = stamp(item, "updated_at");
  return a;
}

Position position_from_item(const Item& item) {
  Position p;
  p.account_id = stored::required_text(item, "account_id");
  p.symbol = stored::required_text(item, kSymbolKey);
  p.id = keys::position_id(p.account_id, p.symbol);
  p.quantity = stored::required_number(item, "quantity");
  p.timestamp = stored::required_text(item, "timestamp");
  p.as_of_date = stored::text(item, "as_of_date").value_or(p.timestamp.substr(0, 10));
  p.version = stored::number(item, "version").value_or(Decimal()).to_int64().value_or(0);
  p.created_at = stamp(item, "created_at");
  p.updated_at = stamp(item, "updated_at");
  return p;
}

Value change_value(const PositionChange& c) {
  Value::Map map;
  map.emplace(kSymbolKey, Value::S(c.symbol));
  map.emplace("quantity", Value::N(c.quantity));
  map.emplace("previous_quantity", Value::N(c.previous_quantity));
  map.emplace("action", Value::S(c.action));
  map.emplace("timestamp", Value::S(c.timestamp));
  map.emplace("version", Value::N(c.version));
  return Value::M(std::move(map));
}

Item history_item(std::string_view account_id, const PositionChange& c) {
  Item item = users_key(keys::account_pk(account_id), keys::history_sk(c.symbol, c.timestamp));
  item.emplace("account_id", Value::S(std::string(account_id)));
  Value change = change_value(c);
  for (const auto& [name, value] : change.m()) item.insert_or_assign(name, value);
  return item;
}

PositionChange change_from_item(const Item& item) {
  PositionChange c;
  c.symbol = stored::required_text(item, kSymbolKey);
  c.quantity = stored::required_number(item, "quantity");
  c.previous_quantity = stored::number(item, "previous_quantity").value_or(Decimal());
  c.action = stored::text(item, "action").value_or("UPDATE");
  c.timestamp = stored::required_text(item, "timestamp");
  c.version = stored::number(item, "version").value_or(Decimal()).to_int64().value_or(0);
  return c;
}

Item job_item(const Job& j) {
  Item item = users_key(keys::user_pk(j.clerk_user_id), keys::job_sk(j.created_at, j.id));
  item.emplace(kGsi1Pk, Value::S(keys::job_status_gsi1pk(j.status)));
  item.emplace(kGsi1Sk, Value::S(keys::job_status_gsi1sk(j.clerk_user_id, j.created_at)));
  item.emplace("id", Value::S(j.id));
  item.emplace("clerk_user_id", Value::S(j.clerk_user_id));
  item.emplace("job_type", Value::S(j.job_type));
  item.emplace("status", Value::S(j.status));
  for (auto [name, payload] : {std::pair{"request_payload", &j.request_payload},
                               {"report_payload", &j.report_payload},
                               {"charts_payload", &j.charts_payload},
                               {"retirement_payload", &j.retirement_payload},
                               {"summary_payload", &j.summary_payload}}) {
    if (*payload) item.emplace(name, **payload);
  }
  put_text(item, "error_message", j.error_message);
  put_text(item, "started_at", j.started_at);
  put_text(item, "completed_at", j.completed_at);
  put_stamps(item, j.created_at, j.updated_at);
  return item;
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
  Job j;
  j.id = stored::required_text(item, "id");
  j.clerk_user_id = stored::text(item, "clerk_user_id").value_or("");
  j.job_type = stored::text(item, "job_type").value_or("");
  j.status = stored::text(item, "status").value_or("pending");
  j.request_payload = stored::any(item, "request_payload");
  j.report_payload = stored::any(item, "report_payload");
  j.charts_payload = stored::any(item, "charts_payload");
  j.retirement_payload = stored::any(item, "retirement_payload");
  j.summary_payload = stored::any(item, "summary_payload");
  j.error_message = stored::text(item, "error_message");
  j.started_at = stored::text(item, "started_at");
  j.completed_at = stored::text(item, "completed_at");
  j.created_at = stamp(item, "created_at");
  j.updated_at = stamp(item, "updated_at");
  return j;
}

}  // namespace alexdb::alex
