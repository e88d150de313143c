#include "alex/migration_rules.h"

#include <map>

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/legacy.h"
#include "alex/model_support.h"
#include "alex/record_items.h"
#include "alex/record_schema.h"
#include "alexdb/errors.h"
#include "alexdb/timestamp.h"

namespace alexdb::alex::migration {

namespace {

// The timestamp attributes of each kind of record; the reference wrote them with
// isoformat(), this layout in the fixed-width form.
std::vector<std::string_view> migrated_time_fields(MigrationKind kind) {
  switch (kind) {
    case MigrationKind::kUser:
    case MigrationKind::kAccount:
      return {"created_at", "updated_at"};
    case MigrationKind::kJob:
      return {"created_at", "updated_at", "started_at", "completed_at"};
    case MigrationKind::kInstrument:
      return {"created_at", "updated_at", "price_timestamp"};
    case MigrationKind::kPosition:
      return {"timestamp", "created_at", "updated_at"};
    case MigrationKind::kHistory:
    case MigrationKind::kPrice:
      return {"timestamp"};
  }
  return {};
}

// `text` in the fixed-width form; ValidationError naming `field` when it is no time.
std::string fixed_time(std::string_view text, std::string_view field) {
  auto parsed = Timestamp::parse(text);
  if (!parsed) {
    throw ValidationError(std::string(field), "a timestamp", "got '" + std::string(text) + "'");
  }
  return parsed->to_string();
}

bool times_fixed(MigrationKind kind, const Item& item) {
  for (std::string_view name : migrated_time_fields(kind)) {
    auto it = item.find(name);
    if (it == item.end() || it->second.is_null()) continue;
    if (!it->second.is_s() || !legacy::fixed_width_time(it->second.s())) return false;
  }
  return true;
}

void fix_times(MigrationKind kind, Item& item) {
  for (std::string_view name : migrated_time_fields(kind)) {
    if (auto text = stored::text(item, name)) {
      item.insert_or_assign(std::string(name), Value::S(fixed_time(*text, name)));
    }
  }
}

void set_key(Item& item, std::string_view name, std::string value) {
  item.insert_or_assign(std::string(name), Value::S(std::move(value)));
}

Rewrite account_rewrite(const Item& listing) {
  const auto user = keys::parse_user_pk(stored::required_text(listing, kPk));
  const auto id = keys::parse_account_sk(stored::required_text(listing, kSk));
  Item record = listing;
  set_key(record, "id", *id);
  set_key(record, "clerk_user_id", *user);
  fix_times(MigrationKind::kAccount, record);
  set_key(record, kPk, keys::account_pk(*id));
  set_key(record, kSk, std::string(keys::kMetadata));
  account_from_item(record);  // throws for a record that cannot be read
  return {{record, account_listing_of(record)}, {}};
}

Rewrite job_rewrite(const Item& old) {
  const std::string pk = stored::required_text(old, kPk);
  const std::string sk = stored::required_text(old, kSk);
  const auto user = keys::parse_user_pk(pk);
  const auto key = keys::parse_job_sk(sk);
  Item item = old;
  set_key(item, "id", key->job_id);
  set_key(item, "clerk_user_id", *user);
  fix_times(MigrationKind::kJob, item);
  if (!stored::text(item, "created_at")) {
    set_key(item, "created_at", fixed_time(key->timestamp, "SK"));
  }
  const std::string created = stored::required_text(item, "created_at");
  set_key(item, kSk, keys::job_sk(created, key->job_id));
  Job job = job_from_item(item);  // throws for a record that cannot be read
  set_key(item, kGsi1Pk, keys::job_status_gsi1pk(job.status));
  set_key(item, kGsi1Sk, keys::job_status_gsi1sk(*user, created));
  Rewrite rewrite{{item, job_pointer_item(job)}, {}};
  if (keys::job_sk(created, key->job_id) != sk) rewrite.deletes.push_back(users_key(pk, sk));
  return rewrite;
}

Rewrite price_rewrite(const Item& old) {
  const std::string symbol = stored::required_text(old, kSymbolKey);
  const std::string sk = stored::required_text(old, kSk);
  const std::string at = fixed_time(sk, "SK");
  Item item = old;
  set_key(item, kSk, keys::price_sk(at));
  set_key(item, "timestamp", at);
  price_from_item(item);  // throws for a record that cannot be read
  Rewrite rewrite{{item}, {}};
  if (keys::price_sk(at) != sk) rewrite.deletes.push_back(instruments_key(symbol, sk));
  return rewrite;
}

// The change a HISTORY record of either layout holds, its time in the fixed-width form.
PositionChange stored_change(const std::string& symbol, const Item& item) {
  const auto key = keys::parse_history_sk(stored::required_text(item, kSk));
  PositionChange c;
  c.symbol = symbol;
  c.timestamp = fixed_time(key->timestamp, "SK");
  auto quantity = stored::number(item, "quantity");
  if (!quantity) throw ValidationError("quantity", "required", legacy::key_text(item));
  c.quantity = *quantity;
  c.action = stored::text(item, "action").value_or("UPDATE");
  return c;
}

// The change a legacy CURRENT record implies, dated by its timestamp (else updated_at).
PositionChange implied_change(const std::string& symbol, const Item& current) {
  auto at = stored::text(current, "timestamp");
  if (!at) at = stored::text(current, "updated_at");
  if (!at) throw ValidationError("timestamp", "required", legacy::key_text(current));
  auto quantity = stored::number(current, "quantity");
  if (!quantity) throw ValidationError("quantity", "required", legacy::key_text(current));
  PositionChange c;
  c.symbol = symbol;
  c.timestamp = fixed_time(*at, "timestamp");
  c.quantity = *quantity;
  c.action = stored::text(current, "action").value_or("UPDATE");
  return c;
}

std::optional<std::string> fixed_attribute(const std::optional<Item>& item, std::string_view name) {
  if (!item) return std::nullopt;
  auto text = stored::text(*item, name);
  if (!text) return std::nullopt;
  return fixed_time(*text, name);
}

}  // namespace

std::optional<MigrationKind> users_item_kind(const Item& item) {
  auto pk = stored::text(item, kPk);
  auto sk = stored::text(item, kSk);
  if (!pk || !sk) return std::nullopt;
  if (keys::parse_user_pk(*pk)) {
    if (*sk == keys::kMetadata) return MigrationKind::kUser;
    if (keys::parse_account_sk(*sk)) return MigrationKind::kAccount;
    if (keys::parse_job_sk(*sk)) return MigrationKind::kJob;
  } else if (keys::parse_account_pk(*pk)) {
    if (keys::parse_current_sk(*sk)) return MigrationKind::kPosition;
    if (keys::parse_history_sk(*sk)) return MigrationKind::kHistory;
  }
  return std::nullopt;
}

std::optional<MigrationKind> instruments_item_kind(const Item& item) {
  auto sk = stored::text(item, kSk);
  if (!sk || !stored::text(item, kSymbolKey) || keys::is_instrument_annex_sk(*sk)) return std::nullopt;
  return *sk == keys::kInstrumentMeta ? MigrationKind::kInstrument : MigrationKind::kPrice;
}

bool needs_rewrite(MigrationKind kind, const Item& item) {
  return legacy::reason(item) || !times_fixed(kind, item);
}

bool instrument_needs_rewrite(const Item& meta, const std::optional<PricePoint>& newest) {
  if (!times_fixed(MigrationKind::kInstrument, meta)) return true;
  if (!newest || meta.contains("last_price")) return false;
  return stored::text(meta, "price_timestamp") != newest->timestamp ||
         stored::number(meta, "current_price") != newest->price;
}

Rewrite rewrite_instrument(const Item& meta, const std::optional<PricePoint>& newest) {
  Item fixed = meta;
  fix_times(MigrationKind::kInstrument, fixed);
  if (newest && !meta.contains("last_price")) {
    fixed.insert_or_assign("current_price", Value::N(newest->price));
    fixed.insert_or_assign("price_timestamp", Value::S(newest->timestamp));
  }
  instrument_from_item(fixed);  // throws for a record that cannot be read
  return {{fixed}, {}};
}

Rewrite rewrite_record(MigrationKind kind, const Item& item) {
  switch (kind) {
    case MigrationKind::kAccount:
      return account_rewrite(item);
    case MigrationKind::kJob:
      return job_rewrite(item);
    case MigrationKind::kPrice:
      return price_rewrite(item);
    case MigrationKind::kUser: {
      Item fixed = item;
      fix_times(kind, fixed);
      user_from_item(fixed);  // throws for a record that cannot be read
      return {{fixed}, {}};
    }
    case MigrationKind::kInstrument:
      return rewrite_instrument(item, std::nullopt);
    case MigrationKind::kPosition:
    case MigrationKind::kHistory:
      break;
  }
  throw ValidationError("kind", "a record migrated on its own", "positions go by rewrite_position");
}

bool same_price(const Item& a, const Item& b) {
  return stored::number(a, "price") == stored::number(b, "price") &&
         stored::number(a, "volume") == stored::number(b, "volume") &&
         stored::text(a, "source") == stored::text(b, "source");
}

Rewrite rewrite_position(const std::string& account_id, const std::string& symbol,
                         const std::optional<Item>& current, const std::vector<Item>& history) {
  std::map<std::string, PositionChange> by_time;
  Rewrite rewrite;
  for (const Item& item : history) {
    PositionChange c = stored_change(symbol, item);
    const std::string sk = stored::required_text(item, kSk);
    if (sk != keys::history_sk(symbol, c.timestamp)) rewrite.deletes.push_back(user_key_of(item));
    auto [it, inserted] = by_time.emplace(c.timestamp, c);
    if (!inserted && (it->second.quantity != c.quantity || it->second.action != c.action)) {
      throw ValidationError("timestamp", "one change of a position per instant",
                            "two changes at " + c.timestamp + ", " + legacy::key_text(item));
    }
  }
  if (current && legacy::reason(*current)) {
    PositionChange implied = implied_change(symbol, *current);
    if (by_time.empty() || implied.timestamp > by_time.rbegin()->first) {
      by_time.emplace(implied.timestamp, implied);
    }
  }
  if (by_time.empty()) throw ValidationError("history", "at least one change of the position");
  std::int64_t version = 0;
  Decimal previous;
  for (auto& [at, change] : by_time) {
    change.version = ++version;
    change.previous_quantity = previous;
    previous = change.quantity;
    rewrite.puts.push_back(history_item(account_id, change));
  }
  const PositionChange& newest = by_time.rbegin()->second;
  Position p;
  p.account_id = account_id;
  p.symbol = symbol;
  p.quantity = newest.quantity;
  p.timestamp = newest.timestamp;
  p.as_of_date = newest.timestamp.substr(0, 10);
  p.version = newest.version;
  p.created_at = fixed_attribute(current, "created_at").value_or(by_time.begin()->first);
  p.updated_at = fixed_attribute(current, "updated_at").value_or(newest.timestamp);
  Item record = position_schema().to_item(
      p, users_key(keys::account_pk(account_id), keys::current_sk(symbol)));
  record.insert_or_assign("last_change", change_value(newest));
  rewrite.puts.push_back(std::move(record));  // last: CURRENT is the position's commit point
  return rewrite;
}

}  // namespace alexdb::alex::migration
