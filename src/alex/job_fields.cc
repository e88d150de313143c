// The fields of an analysis job (USER#<clerk_user_id>/JOB#<created_at>#<id>).
#include "alex/field_rules.h"

namespace alexdb {

namespace alex {

const Schema<Job>& job_schema() {
  static const Schema<Job> schema(
      "job", {field("id", &Job::id).always_stored().shown_as("ID"),
              field("clerk_user_id", &Job::clerk_user_id)
                  .must_on_create()
                  .checked(rules::id())
                  .set_on(Settable::kOnCreate)
                  .shown_as("USER"),
              field("job_type", &Job::job_type)
                  .must_on_create()
                  .checked(rules::job_type())
                  .set_on(Settable::kOnCreate)
                  .shown_as("TYPE"),
              // A new job is pending (Jobs::create refuses another status).
              field("status", &Job::status)
                  .or_default(Value::S("pending"))
                  .checked(rules::job_status())
                  .set_on(Settable::kAlways)
                  .shown_as("STATUS"),
              field("request_payload", &Job::request_payload)
                  .checked(rules::payload())
                  .set_on(Settable::kAlways)
                  .cleared_by_null(),
              field("report_payload", &Job::report_payload)
                  .checked(rules::payload())
                  .set_on(Settable::kOnUpdate)
                  .cleared_by_null(),
              field("charts_payload", &Job::charts_payload)
                  .checked(rules::payload())
                  .set_on(Settable::kOnUpdate)
                  .cleared_by_null(),
              field("retirement_payload", &Job::retirement_payload)
                  .checked(rules::payload())
                  .set_on(Settable::kOnUpdate)
                  .cleared_by_null(),
              field("summary_payload", &Job::summary_payload)
                  .checked(rules::payload())
                  .set_on(Settable::kOnUpdate)
                  .cleared_by_null(),
              field("error_message", &Job::error_message)
                  .checked(rules::text(65536))
                  .set_on(Settable::kOnUpdate)
                  .cleared_by_null(),
              field("started_at", &Job::started_at),
              field("created_at", &Job::created_at)
                  .set_on(Settable::kIgnoredOnCreate)
                  .shown_as("CREATED_AT"),
              field("completed_at", &Job::completed_at).shown_as("COMPLETED_AT"),
              field("updated_at", &Job::updated_at).set_on(Settable::kIgnoredOnCreate)});
  return schema;
}

}  // namespace alex

Fields Job::to_fields() const { return alex::job_schema().to_fields(*this); }
std::vector<Column> Job::columns() { return alex::job_schema().columns(); }

}  // namespace alexdb
