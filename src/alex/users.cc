// Users: USER#<clerk_user_id>/METADATA.
#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/record_schema.h"
#include "alex/validation.h"
#include "alexdb/errors.h"

namespace alexdb {

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
  auto users = alex::readable_records<User>(*context_, context_->users_table, items,
                                            alex::user_from_item);
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
  Fields fields;
  fields.emplace("clerk_user_id", Value::S(std::string(clerk_user_id)));
  if (display_name) fields.emplace("display_name", Value::S(std::string(*display_name)));
  if (years_until_retirement)
    fields.emplace("years_until_retirement", Value::N(*years_until_retirement));
  if (target_retirement_income) {
    fields.emplace("target_retirement_income", Value::N(*target_retirement_income));
  }
  if (asset_class_targets) {
    fields.emplace("asset_class_targets", alex::schema_detail::to_value(*asset_class_targets));
  }
  if (region_targets)
    fields.emplace("region_targets", alex::schema_detail::to_value(*region_targets));
  return create(fields);
}

std::string Users::create(const Fields& fields) {
  const auto& schema = alex::user_schema();
  User user = schema.record_of(schema.for_create(fields));
  user.created_at = user.updated_at = context_->now().to_string();
  auto outcome = alex::put_once(*context_, alex::user_item(user),
                                cond::attribute_not_exists(std::string(alex::kPk)));
  if (outcome == alex::WriteOutcome::kConditionFailed) {
    throw AlreadyExists("user '" + user.clerk_user_id + "' already exists");
  }
  return user.clerk_user_id;
}

int Users::update(std::string_view clerk_user_id, const Fields& fields) {
  auto id = alex::validate::id(clerk_user_id, "clerk_user_id");
  Update update = alex::update_of(alex::user_schema().for_update(fields));
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
