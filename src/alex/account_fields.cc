// The fields of an account (ACCOUNT#<id>/METADATA and its copy under the owner).
#include "alex/field_rules.h"

namespace alexdb {

namespace alex {

const Schema<Account>& account_schema() {
  static const Schema<Account> schema(
      "account", {field("id", &Account::id).always_stored().shown_as("ID"),
                  field("clerk_user_id", &Account::clerk_user_id)
                      .must_on_create()
                      .checked(rules::id())
                      .set_on(Settable::kOnCreate)
                      .shown_as("USER"),
                  field("account_name", &Account::account_name)
                      .must_on_create()
                      .checked(rules::text(256))
                      .set_on(Settable::kAlways)
                      .shown_as("NAME"),
                  field("account_purpose", &Account::account_purpose)
                      .checked(rules::text(1024))
                      .set_on(Settable::kAlways)
                      .cleared_by_null()
                      .shown_as("PURPOSE"),
                  field("cash_balance", &Account::cash_balance)
                      .or_default(Value::N(Decimal()))
                      .checked(rules::cash_balance())
                      .set_on(Settable::kAlways)
                      .shown_as("CASH"),
                  field("cash_interest", &Account::cash_interest)
                      .or_default(Value::N(Decimal()))
                      .checked(rules::cash_interest())
                      .set_on(Settable::kAlways)
                      .shown_as("INTEREST"),
                  field("created_at", &Account::created_at).set_on(Settable::kIgnoredOnCreate),
                  field("updated_at", &Account::updated_at).set_on(Settable::kIgnoredOnCreate)});
  return schema;
}

}  // namespace alex

Fields Account::to_fields() const { return alex::account_schema().to_fields(*this); }
std::vector<Column> Account::columns() { return alex::account_schema().columns(); }

}  // namespace alexdb
