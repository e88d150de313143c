// Accounts: ACCOUNT#<id>/METADATA (found by id) and a copy listed under the owner,
// USER#<clerk_user_id>/ACCOUNT#<id>. The METADATA record is written first and is
// authoritative; the listing copy follows it.
#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/validation.h"
#include "alexdb/errors.h"

namespace alexdb {

namespace {

// Applies validated changes of `fields` to `account`.
void apply_changes(Account& account, const Fields& fields) {
  if (auto name = alex::input::text(fields, "account_name")) {
    account.account_name = alex::validate::text(*name, "account_name", 256);
  }
  if (auto it = fields.find("account_purpose"); it != fields.end()) {
    auto purpose = alex::input::text(fields, "account_purpose");
    account.account_purpose =
        purpose ? std::optional(alex::validate::text(*purpose, "account_purpose", 1024)) : std::nullopt;
  }
  if (auto cash = alex::input::number(fields, "cash_balance")) {
    account.cash_balance = alex::validate::cash_balance(*cash);
  }
  if (auto interest = alex::input::number(fields, "cash_interest")) {
    account.cash_interest = alex::validate::cash_interest(*interest);
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
  std::vector<Account> accounts;
  for (const Item& item :
       alex::query_prefix(*context_, alex::keys::user_pk(id), alex::keys::kAccountPrefix)) {
    accounts.push_back(alex::account_from_item(item));
  }
  std::sort(accounts.begin(), accounts.end(), [](const Account& a, const Account& b) {
    return a.created_at != b.created_at ? a.created_at > b.created_at : a.id < b.id;
  });
  return accounts;
}

std::vector<Account> Accounts::find_all(Page page) const {
  using namespace cond;
  auto items = alex::scan_filtered(
      *context_, context_->users_table,
      begins_with(path(std::string(alex::kPk)), Value::S(std::string(alex::keys::kAccountPrefix))) &&
          eq(path(std::string(alex::kSk)), Value::S(std::string(alex::keys::kMetadata))));
  std::vector<Account> accounts;
  for (const Item& item : items) accounts.push_back(alex::account_from_item(item));
  std::sort(accounts.begin(), accounts.end(),
            [](const Account& a, const Account& b) { return a.id < b.id; });
  return alex::page_of(std::move(accounts), page);
}

std::string Accounts::create_account(std::string_view clerk_user_id,
                                     std::string_view account_name,
                                     std::optional<std::string> account_purpose,
                                     const Decimal& cash_balance, const Decimal& cash_interest) {
  Account account;
  account.clerk_user_id = alex::validate::id(clerk_user_id, "clerk_user_id");
  account.account_name = alex::validate::text(account_name, "account_name", 256);
  if (account_purpose) {
    account.account_purpose = alex::validate::text(*account_purpose, "account_purpose", 1024);
  }
  account.cash_balance = alex::validate::cash_balance(cash_balance);
  account.cash_interest = alex::validate::cash_interest(cash_interest);
  account.id = detail::DatabaseContext::new_uuid();
  account.created_at = account.updated_at = context_->now().to_string();
  // The account's own record is the commit point; its listing copy follows.
  const std::string token = detail::DatabaseContext::new_uuid();
  Item item = alex::account_item(account);
  item.emplace(alex::kRequestToken, Value::S(token));
  Item key = alex::user_key_of(item);
  auto outcome = alex::write_once(
      [&] {
        context_->store->put({context_->users_table, std::move(item),
                              cond::attribute_not_exists(std::string(alex::kPk)),
                              ReturnValues::kNone});
      },
      [&] { return alex::carries_token(*context_, context_->users_table, key, token); });
  if (outcome == alex::WriteOutcome::kConditionFailed) {
    throw ConditionFailed("account id " + account.id + " is taken, try again");
  }
  try {
    context_->store->put({context_->users_table, alex::account_listing_item(account),
                          std::nullopt, ReturnValues::kNone});
  } catch (const Error&) {
    // Committed: `alexdb verify --repair` and the next update write the listing copy.
  }
  return account.id;
}

std::string Accounts::create(const Fields& fields) {
  alex::input::only(fields, {"clerk_user_id", "account_name", "account_purpose", "cash_balance",
                             "cash_interest", "created_at", "updated_at"},
                    "account");
  return create_account(alex::input::required_text(fields, "clerk_user_id"),
                        alex::input::required_text(fields, "account_name"),
                        alex::input::text(fields, "account_purpose"),
                        alex::input::number(fields, "cash_balance").value_or(Decimal()),
                        alex::input::number(fields, "cash_interest").value_or(Decimal()));
}

int Accounts::update(std::string_view account_id, const Fields& fields) {
  alex::input::only(fields, {"account_name", "account_purpose", "cash_balance", "cash_interest"},
                    "account");
  auto found = find_by_id(account_id);
  if (!found) return 0;
  Account account = *found;
  apply_changes(account, fields);
  account.updated_at = context_->now().to_string();
  try {
    context_->store->put({context_->users_table, alex::account_item(account),
                          cond::attribute_exists(std::string(alex::kPk)), ReturnValues::kNone});
  } catch (const ConditionFailed&) {
    return 0;  // deleted meanwhile
  }
  context_->store->put({context_->users_table, alex::account_listing_item(account), std::nullopt,
                        ReturnValues::kNone});
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
  if (found) {
    removed += alex::delete_item(*context_, context_->users_table,
                                 alex::users_key(alex::keys::user_pk(found->clerk_user_id),
                                                 alex::keys::account_sk(id)));
  }
  removed += alex::delete_item(*context_, context_->users_table,
                               alex::users_key(pk, alex::keys::kMetadata));
  return removed;
}

}  // namespace alexdb
