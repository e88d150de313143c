// Jobs: USER#<clerk_user_id>/JOB#<created_at>#<id> (with GSI1 keys JOB#<status> /
// USER#<clerk_user_id>#<created_at>), found by id through the pointer JOB#<id>/METADATA.
// The pointer is written first and deleted last, so a job is always findable.
#include <limits>

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/model_support.h"
#include "alex/record_schema.h"
#include "alex/tables.h"
#include "alex/validation.h"
#include "alexdb/errors.h"
#include "alexdb/store.h"

namespace alexdb {

namespace {

// The key of the job item a pointer names, or nullopt.
std::optional<Item> job_key(const detail::DatabaseContext& ctx, const std::string& job_id) {
  auto pointer = alex::get_user_item(ctx, alex::keys::job_pk(job_id), alex::keys::kMetadata);
  if (!pointer) return std::nullopt;
  return alex::users_key(
      alex::keys::user_pk(alex::stored::required_text(*pointer, "clerk_user_id")),
      alex::stored::required_text(*pointer, "job_sk"));
}

std::vector<Job> jobs_of(const detail::DatabaseContext& ctx, const std::vector<Item>& items) {
  return alex::readable_records<Job>(ctx, ctx.users_table, items, alex::job_from_item);
}

}  // namespace

std::string Jobs::create_job(std::string_view clerk_user_id, std::string_view job_type,
                             std::optional<Value> request_payload) {
  Fields fields;
  fields.emplace("clerk_user_id", Value::S(std::string(clerk_user_id)));
  fields.emplace("job_type", Value::S(std::string(job_type)));
  if (request_payload) fields.emplace("request_payload", *request_payload);
  return create(fields);
}

std::string Jobs::create(const Fields& fields) {
  const auto& schema = alex::job_schema();
  Job job = schema.record_of(schema.for_create(fields));
  if (job.status != "pending") {
    throw ValidationError("status", "pending for a new job", "got '" + job.status + "'");
  }
  job.id = detail::DatabaseContext::new_uuid();
  job.created_at = job.updated_at = context_->now().to_string();
  // The job under its user holds the job and is the commit point (a fresh id: a retried
  // put writes the same item again); the pointer that finds it by id follows.
  alex::put_once(*context_, alex::job_item(job), std::nullopt);
  try {
    auto outcome = alex::put_once(*context_, alex::job_pointer_item(job),
                                  cond::attribute_not_exists(std::string(alex::kPk)));
    if (outcome == alex::WriteOutcome::kConditionFailed) {
      throw ConditionFailed("job id " + job.id + " is taken");
    }
  } catch (const ConditionFailed&) {
    throw;
  } catch (const Error&) {
    // Committed: `alexdb verify --repair` writes the missing pointer.
  }
  return job.id;
}

std::optional<Job> Jobs::find_by_id(std::string_view job_id) const {
  auto id = alex::validate::id(job_id, "job_id");
  auto key = job_key(*context_, id);
  if (!key) return std::nullopt;
  auto item = context_->store->get({context_->users_table, *key, true, {}}).item;
  if (!item) return std::nullopt;
  return alex::job_from_item(*item);
}

std::vector<Job> Jobs::find_by_user(std::string_view clerk_user_id,
                                    std::optional<std::string> status,
                                    std::optional<std::int64_t> limit) const {
  auto user = alex::validate::id(clerk_user_id, "clerk_user_id");
  if (limit && *limit < 0) throw ValidationError("limit", ">= 0");
  if (limit && *limit > std::numeric_limits<std::int32_t>::max()) limit = std::nullopt;
  QueryRequest request;
  request.table = context_->users_table;
  request.forward = false;
  if (limit) request.limit = static_cast<std::int32_t>(*limit);
  if (status) {
    request.index = alex::kJobsByStatusIndex;
    request.partition_value =
        Value::S(alex::keys::job_status_gsi1pk(alex::validate::job_status(*status)));
    request.sort = SortKeyCondition{
        SortKeyCondition::Op::kBeginsWith, Value::S(alex::keys::user_gsi1sk_prefix(user)), {}};
  } else {
    request.partition_value = Value::S(alex::keys::user_pk(user));
    request.sort = SortKeyCondition{
        SortKeyCondition::Op::kBeginsWith, Value::S(std::string(alex::keys::kJobPrefix)), {}};
    request.consistent_read = true;
  }
  if (limit && *limit == 0) return {};
  return jobs_of(*context_, context_->store->query_all(std::move(request)).items);
}

std::vector<Job> Jobs::find_all(Page page) const {
  using namespace cond;
  auto jobs =
      jobs_of(*context_,
              alex::scan_filtered(*context_, context_->users_table,
                                  begins_with(path(std::string(alex::kPk)),
                                              Value::S(std::string(alex::keys::kUserPrefix))) &&
                                      begins_with(path(std::string(alex::kSk)),
                                                  Value::S(std::string(alex::keys::kJobPrefix)))));
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) {
    return a.created_at != b.created_at ? a.created_at > b.created_at : a.id < b.id;
  });
  return alex::page_of(std::move(jobs), page);
}

int Jobs::update(std::string_view job_id, const Fields& fields) {
  alex::Checked changes = alex::job_schema().for_update(fields);
  auto id = alex::validate::id(job_id, "job_id");
  auto now = context_->now().to_string();
  // A status moves the job in GSI1 and stamps when it started or ended.
  if (auto status = changes.find("status"); status != changes.end()) {
    const std::string& checked = status->second.s();
    changes.insert_or_assign(std::string(alex::kGsi1Pk),
                             Value::S(alex::keys::job_status_gsi1pk(checked)));
    if (checked == "running") changes.insert_or_assign("started_at", Value::S(now));
    if (checked == "completed" || checked == "failed") {
      changes.insert_or_assign("completed_at", Value::S(now));
    }
  }
  Update update = alex::update_of(changes);
  update.set("updated_at", Value::S(now));
  auto key = job_key(*context_, id);
  if (!key) return 0;
  try {
    context_->store->update({context_->users_table, *key, update,
                             cond::attribute_exists(std::string(alex::kPk)), ReturnValues::kNone});
    return 1;
  } catch (const ConditionFailed&) {
    return 0;
  }
}

int Jobs::update_status(std::string_view job_id, std::string_view status,
                        std::optional<std::string> error_message) {
  Fields fields;
  fields.emplace("status", Value::S(std::string(status)));
  if (error_message) fields.emplace("error_message", Value::S(*error_message));
  return update(job_id, fields);
}

int Jobs::update_report(std::string_view job_id, const Value& payload) {
  return update(job_id, Fields{{"report_payload", payload}});
}
int Jobs::update_charts(std::string_view job_id, const Value& payload) {
  return update(job_id, Fields{{"charts_payload", payload}});
}
int Jobs::update_retirement(std::string_view job_id, const Value& payload) {
  return update(job_id, Fields{{"retirement_payload", payload}});
}
int Jobs::update_summary(std::string_view job_id, const Value& payload) {
  return update(job_id, Fields{{"summary_payload", payload}});
}

int Jobs::remove(std::string_view job_id) {
  auto id = alex::validate::id(job_id, "job_id");
  auto key = job_key(*context_, id);
  if (!key) return 0;
  int removed = alex::delete_item(*context_, context_->users_table, *key);
  removed += alex::delete_item(*context_, context_->users_table,
                               alex::users_key(alex::keys::job_pk(id), alex::keys::kMetadata));
  return removed;
}

}  // namespace alexdb
