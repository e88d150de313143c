// db.accounts: investment accounts over alexdb::Accounts.
#include "bindings.h"

namespace alexdb::python {

using namespace pybind11::literals;

namespace {

std::string account_of(py::handle id, py::handle account_id) {
  return to_text(either(id, "id", account_id, "account_id", true), "account_id");
}

}  // namespace

void bind_accounts(py::module_& module) {
  py::object zero = py::module_::import("decimal").attr("Decimal")("0");
  py::class_<Accounts>(module, "Accounts", "Investment accounts of the planner's users.")
      .def(
          "find_by_id",
          [](const Accounts& accounts, py::object id, py::object account_id) {
            std::string key = account_of(id, account_id);
            return from_record(without_gil([&] { return accounts.find_by_id(key); }));
          },
          "id"_a = py::none(), py::kw_only(), "account_id"_a = py::none(),
          "The account as a dict (one point read), or None.")
      .def(
          "find_by_user",
          [](const Accounts& accounts, py::object clerk_user_id) {
            std::string key = to_text(clerk_user_id, "clerk_user_id");
            return from_records(without_gil([&] { return accounts.find_by_user(key); }));
          },
          "clerk_user_id"_a, "The user's accounts, newest first.")
      .def(
          "find_all",
          [](const Accounts& accounts, py::object limit, py::object offset) {
            Page page = to_page(limit, offset);
            return from_records(without_gil([&] { return accounts.find_all(page); }));
          },
          "limit"_a = py::none(), "offset"_a = 0, "All accounts, ordered by id.")
      .def(
          "create_account",
          [](Accounts& accounts, py::object clerk_user_id, py::object account_name,
             py::object account_purpose, py::object cash_balance, py::object cash_interest) {
            std::string user = to_text(clerk_user_id, "clerk_user_id");
            std::string name = to_text(account_name, "account_name");
            auto purpose = to_optional_text(account_purpose, "account_purpose");
            Decimal balance = to_optional_decimal(cash_balance, "cash_balance").value_or(Decimal());
            Decimal interest =
                to_optional_decimal(cash_interest, "cash_interest").value_or(Decimal());
            return without_gil(
                [&] { return accounts.create_account(user, name, purpose, balance, interest); });
          },
          "clerk_user_id"_a, "account_name"_a, "account_purpose"_a = py::none(),
          "cash_balance"_a = zero, "cash_interest"_a = zero,
          "Creates an account with a new UUID, returned. The owner must exist: ValidationError\n"
          "naming clerk_user_id otherwise (nothing written).")
      .def(
          "create",
          [](Accounts& accounts, py::object data, py::object /*returning*/) {
            Fields fields = to_fields(data, "data");
            return without_gil([&] { return accounts.create(fields); });
          },
          "data"_a, "returning"_a = py::none(),
          "Creates an account from a dict (or a model_dump() object); returns its id.")
      .def(
          "update",
          [](Accounts& accounts, py::object id, py::object data, py::object account_id) {
            std::string key = account_of(id, account_id);
            Fields fields = to_fields(data, "data");
            return without_gil([&] { return accounts.update(key, fields); });
          },
          "id"_a = py::none(), "data"_a = py::dict(), py::kw_only(), "account_id"_a = py::none(),
          "Changes account_name, account_purpose, cash_balance, cash_interest; returns 1 or 0.")
      .def(
          "delete",
          [](Accounts& accounts, py::object id, py::object account_id) {
            std::string key = account_of(id, account_id);
            return without_gil([&] { return accounts.remove(key); });
          },
          "id"_a = py::none(), py::kw_only(), "account_id"_a = py::none(),
          "Deletes the account with its positions and history; returns the records deleted.");
}

}  // namespace alexdb::python
