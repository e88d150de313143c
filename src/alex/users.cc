// Users: USER#<clerk_user_id>/METADATA.
#include <array>
#include <limits>

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/validation.h"
#include "alexdb/errors.h"

namespace alexdb {

namespace {

using alex::validate::AllocationKind;

Allocation default_asset_class_targets() {
  return {{"equity", Decimal::from_int(70)}, {"fixed_income", Decimal::from_int(30)}};
}
Allocation default_region_targets() {
  return {{"north_america", Decimal::from_int(50)}, {"international", Decimal::from_int(50)}};
}

constexpr std::array<std::string_view, 5> kChangeable = {
    "display_name", "years_until_retirement", "target_retirement_income", "asset_class_targets",
    "region_targets"};

}  // namespace

std::optional<User> Users::find_by_id(std::string_view clerk_user_id) const {
  auto id = alex::validate::id(clerk_user_id, "clerk_user_id");
  auto item = alex::get_user_item(*context_, alex::keys::user_pk(id), alex::keys::kMetadata);
  if (!item) return std::nullopt;
  return alex::user_from_item(*item);
}

std::vector<User> Users::find_all(Page page) const {
  using namespace cond;
  auto items = alex::scan_filtered(
      *context_, context_->users_table,
      begins_with(path(std::string(alex::kPk)), Value::S(std::string(alex::keys::kUserPrefix))) &&
          eq(path(std::string(alex::kSk)), Value::S(std::string(alex::keys::kMetadata))));
  std::vector<User> users;
  for (const Item& item : items) users.push_back(alex::user_from_item(item));
  std::sort(users.begin(), users.end(),
            [](const User& a, const User& b) { return a.clerk_user_id < b.clerk_user_id; });
  return alex::page_of(std::move(users), page);
}

std::string Users::create_user(std::string_view clerk_user_id,
                               std::optional<std::string_view> display_name,
                               std::optional<Decimal> years_until_retirement,
                               std::optional<Decimal> target_retirement_income,
                               std::optional<Allocation> asset_class_targets,
                               std::optional<Allocation> region_targets) {
  User user;
  user.clerk_user_id = alex::validate::id(clerk_user_id, "clerk_user_id");
  if (display_name) user.display_name = alex::validate::text(*display_name, "display_name", 256);
  if (years_until_retirement) {
    user.years_until_retirement = alex::validate::years_until_retirement(*years_until_retirement);
  }
  if (target_retirement_income) {
    user.target_retirement_income = alex::validate::retirement_income(*target_retirement_income);
  }
  user.asset_class_targets = alex::validate::allocation(
      asset_class_targets.value_or(default_asset_class_targets()), AllocationKind::kAssetClass,
      "asset_class_targets");
  user.region_targets = alex::validate::allocation(
      region_targets.value_or(default_region_targets()), AllocationKind::kRegion, "region_targets");
  user.created_at = user.updated_at = context_->now().to_string();
  auto outcome = alex::put_once(*context_, alex::user_item(user),
                                cond::attribute_not_exists(std::string(alex::kPk)));
  if (outcome == alex::WriteOutcome::kConditionFailed) {
    throw AlreadyExists("user '" + user.clerk_user_id + "' already exists");
  }
  return user.clerk_user_id;
}

std::string Users::create(const Fields& fields) {
  alex::input::only(fields, {"clerk_user_id", "display_name", "years_until_retirement",
                             "target_retirement_income", "asset_class_targets", "region_targets",
                             "created_at", "updated_at"},
                    "user");
  return create_user(alex::input::required_text(fields, "clerk_user_id"),
                     alex::input::text(fields, "display_name"),
                     alex::input::number(fields, "years_until_retirement"),
                     alex::input::number(fields, "target_retirement_income"),
                     alex::input::allocation(fields, "asset_class_targets"),
                     alex::input::allocation(fields, "region_targets"));
}

int Users::update(std::string_view clerk_user_id, const Fields& fields) {
  auto id = alex::validate::id(clerk_user_id, "clerk_user_id");
  alex::input::only(fields, kChangeable, "user");
  Update update;
  if (auto name = alex::input::text(fields, "display_name")) {
    update.set("display_name", Value::S(alex::validate::text(*name, "display_name", 256)));
  }
  if (auto years = alex::input::number(fields, "years_until_retirement")) {
    update.set("years_until_retirement", Value::N(alex::validate::years_until_retirement(*years)));
  }
  if (auto income = alex::input::number(fields, "target_retirement_income")) {
    update.set("target_retirement_income", Value::N(alex::validate::retirement_income(*income)));
  }
  if (auto targets = alex::input::allocation(fields, "asset_class_targets")) {
    update.set("asset_class_targets",
               alex::allocation_value(alex::validate::allocation(
                   *targets, AllocationKind::kAssetClass, "asset_class_targets")));
  }
  if (auto targets = alex::input::allocation(fields, "region_targets")) {
    update.set("region_targets", alex::allocation_value(alex::validate::allocation(
                                     *targets, AllocationKind::kRegion, "region_targets")));
  }
  update.set("updated_at", Value::S(context_->now().to_string()));
  UpdateRequest request{context_->users_table,
                        alex::users_key(alex::keys::user_pk(id), alex::keys::kMetadata), update,
                        cond::attribute_exists(std::string(alex::kPk)), ReturnValues::kNone};
  try {
    context_->store->update(request);
    return 1;
  } catch (const ConditionFailed&) {
    return 0;
  }
}

int Users::remove(std::string_view clerk_user_id) {
  auto id = alex::validate::id(clerk_user_id, "clerk_user_id");
  auto pk = alex::keys::user_pk(id);
  int removed = 0;
  for (const Item& item : alex::query_prefix(*context_, pk, alex::keys::kAccountPrefix)) {
    if (auto account_id = alex::stored::text(item, "id")) {
      removed += detail::make_model<Accounts>(context_).remove(*account_id);
    }
  }
  for (const Item& item : alex::query_prefix(*context_, pk, alex::keys::kJobPrefix)) {
    if (auto job_id = alex::stored::text(item, "id")) {
      removed += detail::make_model<Jobs>(context_).remove(*job_id);
    }
  }
  removed += alex::delete_item(*context_, context_->users_table,
                               alex::users_key(pk, alex::keys::kMetadata));
  return removed;
}

}  // namespace alexdb
