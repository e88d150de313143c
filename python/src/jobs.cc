// db.jobs: analysis jobs over alexdb::Jobs.
#include "bindings.h"

namespace alexdb::python {

using namespace pybind11::literals;

namespace {

std::string job_of(py::handle id, py::handle job_id) {
  return to_text(either(id, "id", job_id, "job_id", true), "job_id");
}

// Binds jobs.<name>(job_id, <field>): update_report, update_charts, update_retirement
// and update_summary each set one payload field and return 1, or 0 without the job.
template <int (Jobs::*Update)(std::string_view, const Value&)>
void def_payload_update(py::class_<Jobs>& jobs, const char* name, const char* field,
                        const char* doc) {
  jobs.def(
      name,
      [field](Jobs& self, py::object job_id, py::object payload) {
        std::string key = to_text(job_id, "job_id");
        Value value = to_value(payload, field);
        return without_gil([&] { return (self.*Update)(key, value); });
      },
      py::arg("job_id"), py::arg(field), doc);
}

}  // namespace

void bind_jobs(py::module_& module) {
  py::class_<Jobs> binding(module, "Jobs", "Analysis jobs of the planner's agents.");
  binding
      .def(
          "create_job",
          [](Jobs& jobs, py::object clerk_user_id, py::object job_type,
             py::object request_payload) {
            std::string user = to_text(clerk_user_id, "clerk_user_id");
            std::string type = to_text(job_type, "job_type");
            std::optional<Value> payload;
            if (!request_payload.is_none()) payload = to_value(request_payload, "request_payload");
            return without_gil([&] { return jobs.create_job(user, type, payload); });
          },
          "clerk_user_id"_a, "job_type"_a, "request_payload"_a = py::none(),
          "Creates a pending job with a new UUID, returned.")
      .def(
          "create",
          [](Jobs& jobs, py::object data, py::object /*returning*/, py::object job_data) {
            Fields fields = to_fields(either(data, "data", job_data, "job_data", true), "data");
            return without_gil([&] { return jobs.create(fields); });
          },
          "data"_a = py::none(), "returning"_a = py::none(), py::kw_only(),
          "job_data"_a = py::none(),
          "Creates a job from a dict (or a model_dump() object); returns its id.")
      .def(
          "find_by_id",
          [](const Jobs& jobs, py::object id, py::object job_id) {
            std::string key = job_of(id, job_id);
            return from_record(without_gil([&] { return jobs.find_by_id(key); }));
          },
          "id"_a = py::none(), py::kw_only(), "job_id"_a = py::none(),
          "The job as a dict (at most two point reads), or None.")
      .def(
          "find_by_user",
          [](const Jobs& jobs, py::object clerk_user_id, py::object status, py::object limit) {
            std::string user = to_text(clerk_user_id, "clerk_user_id");
            auto state = to_optional_text(status, "status");
            auto count = to_optional_int(limit, "limit");
            return from_records(without_gil([&] { return jobs.find_by_user(user, state, count); }));
          },
          "clerk_user_id"_a, "status"_a = py::none(), "limit"_a = 20,
          "The user's jobs, newest first (at most `limit`; None: all); with a status,\n"
          "through GSI1.")
      .def(
          "find_all",
          [](const Jobs& jobs, py::object limit, py::object offset) {
            Page page = to_page(limit, offset);
            return from_records(without_gil([&] { return jobs.find_all(page); }));
          },
          "limit"_a = py::none(), "offset"_a = 0, "All jobs, newest first.")
      .def(
          "update_status",
          [](Jobs& jobs, py::object job_id, py::object status, py::object error_message) {
            std::string key = to_text(job_id, "job_id");
            std::string state = to_text(status, "status");
            auto message = to_optional_text(error_message, "error_message");
            return without_gil([&] { return jobs.update_status(key, state, message); });
          },
          "job_id"_a, "status"_a, "error_message"_a = py::none(),
          "Sets the status (started_at on running, completed_at on completed/failed) and the\n"
          "error message; returns 1, or 0 when there is no such job.")
      .def(
          "update",
          [](Jobs& jobs, py::object id, py::object data, py::object job_id) {
            std::string key = job_of(id, job_id);
            Fields fields = to_fields(data, "data");
            return without_gil([&] { return jobs.update(key, fields); });
          },
          "id"_a = py::none(), "data"_a = py::dict(), py::kw_only(), "job_id"_a = py::none(),
          "Changes status, error_message or any payload field; returns 1 or 0.")
      .def(
          "delete",
          [](Jobs& jobs, py::object id, py::object job_id) {
            std::string key = job_of(id, job_id);
            return without_gil([&] { return jobs.remove(key); });
          },
          "id"_a = py::none(), py::kw_only(), "job_id"_a = py::none(),
          "Deletes the job; returns the number of records deleted.");
  def_payload_update<&Jobs::update_report>(binding, "update_report", "report_payload",
                                           "Sets report_payload; returns 1 or 0.");
  def_payload_update<&Jobs::update_charts>(binding, "update_charts", "charts_payload",
                                           "Sets charts_payload; returns 1 or 0.");
  def_payload_update<&Jobs::update_retirement>(binding, "update_retirement", "retirement_payload",
                                               "Sets retirement_payload; returns 1 or 0.");
  def_payload_update<&Jobs::update_summary>(binding, "update_summary", "summary_payload",
                                            "Sets summary_payload; returns 1 or 0.");
}

}  // namespace alexdb::python
