// db.users: the seed's Users API over alexdb::Users.
#include "bindings.h"

namespace alexdb::python {

using namespace pybind11::literals;

void bind_users(py::module_& module) {
  py::class_<Users>(module, "Users", "The planner's users, keyed by Clerk user id.")
      .def(
          "find_by_id",
          [](const Users& users, py::object id, py::object clerk_user_id) {
            std::string key =
                to_text(either(id, "id", clerk_user_id, "clerk_user_id", true), "clerk_user_id");
            return from_record(without_gil([&] { return users.find_by_id(key); }));
          },
          "id"_a = py::none(), py::kw_only(), "clerk_user_id"_a = py::none(),
          "The user as a dict, or None.")
      .def(
          "find_by_clerk_id",
          [](const Users& users, py::object clerk_user_id) {
            std::string key = to_text(clerk_user_id, "clerk_user_id");
            return from_record(without_gil([&] { return users.find_by_clerk_id(key); }));
          },
          "clerk_user_id"_a, "The user as a dict, or None.")
      .def(
          "find_all",
          [](const Users& users, py::object limit, py::object offset) {
            Page page = to_page(limit, offset);
            return from_records(without_gil([&] { return users.find_all(page); }));
          },
          "limit"_a = py::none(), "offset"_a = 0,
          "All users ordered by Clerk id: skip `offset`, return at most `limit`.")
      .def(
          "create_user",
          [](Users& users, py::object clerk_user_id, py::object display_name,
             py::object years_until_retirement, py::object target_retirement_income,
             py::object asset_class_targets, py::object region_targets) {
            std::string id = to_text(clerk_user_id, "clerk_user_id");
            std::optional<std::string> name = to_optional_text(display_name, "display_name");
            auto years = to_optional_decimal(years_until_retirement, "years_until_retirement");
            auto income = to_optional_decimal(target_retirement_income, "target_retirement_income");
            auto asset_classes = to_optional_allocation(asset_class_targets, "asset_class_targets");
            auto regions = to_optional_allocation(region_targets, "region_targets");
            return without_gil(
                [&] { return users.create_user(id, name, years, income, asset_classes, regions); });
          },
          "clerk_user_id"_a, "display_name"_a = py::none(), "years_until_retirement"_a = py::none(),
          "target_retirement_income"_a = py::none(), "asset_class_targets"_a = py::none(),
          "region_targets"_a = py::none(),
          "Creates a user (targets default to equity 70 / fixed_income 30 and north_america 50 /\n"
          "international 50); returns the Clerk id. AlreadyExists if the user exists.")
      .def(
          "create",
          [](Users& users, py::object data, py::object /*returning*/) {
            Fields fields = to_fields(data, "data");
            return without_gil([&] { return users.create(fields); });
          },
          "data"_a, "returning"_a = py::none(),
          "Creates a user from a dict (or a model_dump() object); returns the Clerk id.")
      .def(
          "update",
          [](Users& users, py::object id, py::object data, py::object clerk_user_id) {
            std::string key =
                to_text(either(id, "id", clerk_user_id, "clerk_user_id", true), "clerk_user_id");
            Fields fields = to_fields(data, "data");
            return without_gil([&] { return users.update(key, fields); });
          },
          "id"_a = py::none(), "data"_a = py::dict(), py::kw_only(), "clerk_user_id"_a = py::none(),
          "Changes the named fields; returns 1, or 0 when there is no such user.")
      .def(
          "delete",
          [](Users& users, py::object id, py::object clerk_user_id) {
            std::string key =
                to_text(either(id, "id", clerk_user_id, "clerk_user_id", true), "clerk_user_id");
            return without_gil([&] { return users.remove(key); });
          },
          "id"_a = py::none(), py::kw_only(), "clerk_user_id"_a = py::none(),
          "Deletes the user with its accounts, positions, history and jobs; returns the number\n"
          "of records deleted.");
}

}  // namespace alexdb::python
