// The fields of a user (USER#<clerk_user_id>/METADATA).
#include "alex/field_rules.h"

namespace alexdb {

namespace alex {

namespace {

Value targets(std::initializer_list<std::pair<const char*, int>> shares) {
  Value::Map map;
  for (auto [key, share] : shares) map.emplace(key, Value::N(Decimal::from_int(share)));
  return Value::M(std::move(map));
}

}  // namespace

const Schema<User>& user_schema() {
  using validate::AllocationKind;
  static const Schema<User> schema(
      "user", {field("clerk_user_id", &User::clerk_user_id)
                   .must()
                   .checked(rules::id())
                   .set_on(Settable::kOnCreate)
                   .shown_as("CLERK_USER_ID"),
               field("display_name", &User::display_name)
                   .checked(rules::text(256))
                   .set_on(Settable::kAlways)
                   .shown_as("DISPLAY_NAME"),
               field("years_until_retirement", &User::years_until_retirement)
                   .checked(rules::years_until_retirement())
                   .set_on(Settable::kAlways)
                   .shown_as("YEARS"),
               field("target_retirement_income", &User::target_retirement_income)
                   .checked(rules::retirement_income())
                   .set_on(Settable::kAlways)
                   .shown_as("TARGET_INCOME"),
               field("asset_class_targets", &User::asset_class_targets)
                   .or_default(targets({{"equity", 70}, {"fixed_income", 30}}))
                   .checked(rules::allocation(AllocationKind::kAssetClass))
                   .set_on(Settable::kAlways),
               field("region_targets", &User::region_targets)
                   .or_default(targets({{"north_america", 50}, {"international", 50}}))
                   .checked(rules::allocation(AllocationKind::kRegion))
                   .set_on(Settable::kAlways),
               field("created_at", &User::created_at)
                   .set_on(Settable::kIgnoredOnCreate)
                   .shown_as("CREATED_AT"),
               field("updated_at", &User::updated_at).set_on(Settable::kIgnoredOnCreate)});
  return schema;
}

}  // namespace alex

Fields User::to_fields() const { return alex::user_schema().to_fields(*this); }
std::vector<Column> User::columns() { return alex::user_schema().columns(); }

}  // namespace alexdb
