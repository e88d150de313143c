// Accounts: ACCOUNT#<id>/METADATA (found by id) and a copy listed under the owner,
// USER#<clerk_user_id>/ACCOUNT#<id>. The METADATA record is written first and is
// authoritative; the listing copy follows it.
#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/record_schema.h"
#include "alex/validation.h"
#include "alexdb/errors.h"

namespace alexdb {

namespace {

// The attribute that orders the versions of an account: each update adds 1 to it on
// the METADATA record, and the listing copy carries the version it was copied from.
constexpr std::string_view kVersion = "version";

// Makes the listing copy under the owner equal to `metadata` (the METADATA record as
// stored after an update, with its version), unless a copy of the same or a newer
// version is there: of two racing updates, the copy of the later one stays, whatever
// order their copies arrive in. Writes a missing copy too (one that a create did not
// get to write), then makes sure the account was not deleted meanwhile, so a copy can
// never outlive its account. A retried write finds its own copy and changes nothing.
void refresh_listing(const detail::DatabaseContext& ctx, const Item& metadata) {
  using namespace cond;
  const Item listing = alex::account_listing_of(metadata);
  const Value version = metadata.at(std::string(kVersion));
  Condition older = attribute_not_exists(std::string(alex::kPk)) ||
                    attribute_not_exists(std::string(kVersion)) ||
                    lt(path(std::string(kVersion)), version);
  std::optional<Item> replaced;
  try {
    replaced = ctx.store->put({ctx.users_table, listing, std::move(older), ReturnValues::kAllOld})
                   .attributes;
  } catch (const ConditionFailed&) {
    return;  // the same or a newer version is listed already
  }
  if (replaced) return;
  // A delete of the account may have removed the copy just before this write; it
  // removes METADATA after the copy and the copy again after METADATA.
  if (!alex::get_user_item(ctx, metadata.at(std::string(alex::kPk)).s(), alex::keys::kMetadata)) {
    alex::delete_item(ctx, ctx.users_table, alex::user_key_of(listing));
  }
}

}  // namespace

std::optional<Account> Accounts::find_by_id(std::string_view account_id) const {
  auto id = alex::validate::id(account_id, "account_id");
  auto item = alex::get_user_item(*context_, alex::keys::account_pk(id), alex::keys::kMetadata);
  if (!item) return std::nullopt;
  return alex::account_from_item(*item);
}

std::vector<Account> Accounts::find_by_user(std::string_view clerk_user_id) const {
  auto id = alex::validate::id(clerk_user_id, "clerk_user_id");
  auto accounts = alex::readable_records<Account>(
      *context_, context_->users_table,
      alex::query_prefix(*context_, alex::keys::user_pk(id), alex::keys::kAccountPrefix),
      alex::account_from_item);
  std::sort(accounts.begin(), accounts.end(), [](const Account& a, const Account& b) {
    return a.created_at != b.created_at ? a.created_at > b.created_at : a.id < b.id;
  });
  return accounts;
}

std::vector<Account> Accounts::find_all(Page page) const {
  using namespace cond;
  auto items = alex::scan_filtered(
      *context_, context_->users_table,
      begins_with(path(std::string(alex::kPk)),
                  Value::S(std::string(alex::keys::kAccountPrefix))) &&
          eq(path(std::string(alex::kSk)), Value::S(std::string(alex::keys::kMetadata))));
  auto accounts = alex::readable_records<Account>(*context_, context_->users_table, items,
                                                  alex::account_from_item);
  std::sort(accounts.begin(), accounts.end(),
            [](const Account& a, const Account& b) { return a.id < b.id; });
  return alex::page_of(std::move(accounts), page);
}

std::string Accounts::create_account(std::string_view clerk_user_id, std::string_view account_name,
                                     std::optional<std::string> account_purpose,
                                     const Decimal& cash_balance, const Decimal& cash_interest) {
  Fields fields;
  fields.emplace("clerk_user_id", Value::S(std::string(clerk_user_id)));
  fields.emplace("account_name", Value::S(std::string(account_name)));
  if (account_purpose) fields.emplace("account_purpose", Value::S(*account_purpose));
  fields.emplace("cash_balance", Value::N(cash_balance));
  fields.emplace("cash_interest", Value::N(cash_interest));
  return create(fields);
}

std::string Accounts::create(const Fields& fields) {
  const auto& schema = alex::account_schema();
  Account account = schema.record_of(schema.for_create(fields));
  // One consistent read of the owner. A user deleted between this read and the write
  // below is missed (the account is then listed by `verify` as owned by no user);
  // closing that window would need a transaction, which dynalite does not have.
  if (!alex::get_user_item(*context_, alex::keys::user_pk(account.clerk_user_id),
                           alex::keys::kMetadata)) {
    throw ValidationError("clerk_user_id", "must name an existing user (create the user first)",
                          "no user '" + account.clerk_user_id + "'");
  }
  account.id = detail::DatabaseContext::new_uuid();
  account.created_at = account.updated_at = context_->now().to_string();
  // The account's own record is the commit point; its listing copy follows.
  const Item item = alex::account_item(account);
  auto outcome =
      alex::put_once(*context_, item, cond::attribute_not_exists(std::string(alex::kPk)));
  if (outcome == alex::WriteOutcome::kConditionFailed) {
    throw ConditionFailed("account id " + account.id + " is taken, try again");
  }
  // Only where no copy exists: an update may have written a newer one meanwhile.
  try {
    context_->store->put({context_->users_table, alex::account_listing_of(item),
                          cond::attribute_not_exists(std::string(alex::kPk)), ReturnValues::kNone});
  } catch (const Error&) {
    // Committed (or copied already): `alexdb verify --repair` and the next update write
    // a missing listing copy.
  }
  return account.id;
}

int Accounts::update(std::string_view account_id, const Fields& fields) {
  auto id = alex::validate::id(account_id, "account_id");
  Update update = alex::update_of(alex::account_schema().for_update(fields));
  update.set("updated_at", Value::S(context_->now().to_string()))
      .add(std::string(kVersion), Value::N(1));
  std::optional<Item> updated;
  try {
    updated = context_->store
                  ->update({context_->users_table,
                            alex::users_key(alex::keys::account_pk(id), alex::keys::kMetadata),
                            std::move(update), cond::attribute_exists(std::string(alex::kPk)),
                            ReturnValues::kAllNew})
                  .attributes;
  } catch (const ConditionFailed&) {
    return 0;  // no such account
  }
  // The update is committed; a failure to copy it is completed by the next update.
  try {
    if (updated) refresh_listing(*context_, *updated);
  } catch (const Error&) {
  }
  return 1;
}

int Accounts::remove(std::string_view account_id) {
  auto id = alex::validate::id(account_id, "account_id");
  auto pk = alex::keys::account_pk(id);
  auto found = find_by_id(id);
  // Positions and history first, the account's own record last, so an interrupted
  // delete can be run again.
  std::vector<Item> keys;
  for (const Item& item : alex::query_prefix(*context_, pk, "")) {
    if (item.at(std::string(alex::kSk)).s() != alex::keys::kMetadata) {
      keys.push_back(alex::user_key_of(item));
    }
  }
  int removed = alex::delete_keys(*context_, context_->users_table, keys);
  std::optional<Item> listing;
  if (found) {
    listing =
        alex::users_key(alex::keys::user_pk(found->clerk_user_id), alex::keys::account_sk(id));
    removed += alex::delete_item(*context_, context_->users_table, *listing);
  }
  removed += alex::delete_item(*context_, context_->users_table,
                               alex::users_key(pk, alex::keys::kMetadata));
  // Once more: an update racing this delete may have copied the account after the
  // first delete of the copy (see refresh_listing).
  if (listing) removed += alex::delete_item(*context_, context_->users_table, *listing);
  return removed;
}

}  // namespace alexdb
