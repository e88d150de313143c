// db.transactions: the ledger's transactions over alexdb::Transactions (SPEC section 12).
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/ledger.h"
#include "bindings.h"

namespace alexdb::python {

using namespace pybind11::literals;

namespace {

py::object optional_text(const std::optional<std::string>& text) {
  if (!text) return py::none();
  return py::str(*text);
}

py::object optional_number(const std::optional<Decimal>& number) {
  if (!number) return py::none();
  return from_value(Value::N(*number));
}

// A transaction as a dict of every field of struct Transaction, in its order: numbers as
// Decimal, revision as int, voided as bool, an absent value as None.
py::dict transaction_dict(const Transaction& t) {
  return py::dict("id"_a = t.id, "account_id"_a = t.account_id, "type"_a = t.type,
                  "symbol"_a = optional_text(t.symbol), "quantity"_a = optional_number(t.quantity),
                  "price"_a = optional_number(t.price), "fees"_a = from_value(Value::N(t.fees)),
                  "amount"_a = optional_number(t.amount), "timestamp"_a = t.timestamp,
                  "external_id"_a = optional_text(t.external_id), "note"_a = optional_text(t.note),
                  "recorded_at"_a = t.recorded_at, "revision"_a = t.revision,
                  "voided"_a = t.voided);
}

// Optional[dict] and List[dict] in the signatures pybind11 writes (and so in the stubs).
std::optional<py::dict> transaction_or_none(const std::optional<Transaction>& t) {
  if (!t) return std::nullopt;
  return transaction_dict(*t);
}

std::vector<py::dict> transaction_list(const std::vector<Transaction>& transactions) {
  std::vector<py::dict> list;
  list.reserve(transactions.size());
  for (const Transaction& t : transactions) list.push_back(transaction_dict(t));
  return list;
}

// A mapping argument of import_csv ({field: column}; None: none) as a CsvMapping.
CsvMapping csv_mapping(py::handle mapping) {
  CsvMapping out;
  if (mapping.is_none()) return out;
  if (!py::isinstance<py::dict>(mapping)) {
    throw ValidationError("mapping", "a dict of field names to column names");
  }
  for (auto [field, column] : py::reinterpret_borrow<py::dict>(mapping)) {
    std::string name = to_text(field, "mapping");
    out.emplace(name, to_text(column, "mapping[" + name + "]"));
  }
  return out;
}

// A path argument (str or os.PathLike of str) as text.
std::string path_text(py::handle path) {
  if (py::isinstance<py::str>(path)) return to_text(path, "path");
  try {
    return to_text(py::module_::import("os").attr("fspath")(path), "path");
  } catch (const py::error_already_set&) {
    throw ValidationError("path", "a str or os.PathLike");
  }
}

// The arguments of record() as a TransactionInput (each checked for its Python type).
TransactionInput transaction_input(py::handle type, py::handle symbol, py::handle quantity,
                                   py::handle price, py::handle fees, py::handle amount,
                                   py::handle timestamp, py::handle external_id, py::handle note) {
  TransactionInput input;
  input.type = to_text(type, "type");
  input.symbol = to_optional_text(symbol, "symbol");
  input.quantity = to_optional_decimal(quantity, "quantity");
  input.price = to_optional_decimal(price, "price");
  input.fees = to_optional_decimal(fees, "fees").value_or(Decimal());
  input.amount = to_optional_decimal(amount, "amount");
  input.timestamp = to_optional_date(timestamp, "timestamp");
  input.external_id = to_optional_text(external_id, "external_id");
  input.note = to_optional_text(note, "note");
  return input;
}

}  // namespace

void bind_transactions(py::module_& module) {
  py::class_<Transactions>(module, "Transactions",
                           "The ledger's transactions: appended, never rewritten, every read "
                           "as known at a moment.")
      .def(
          "record",
          [](Transactions& transactions, py::object account_id, py::object type, py::object symbol,
             py::object quantity, py::object price, py::object fees, py::object amount,
             py::object timestamp, py::object external_id, py::object note) {
            std::string account = to_text(account_id, "account_id");
            TransactionInput input = transaction_input(type, symbol, quantity, price, fees, amount,
                                                       timestamp, external_id, note);
            return without_gil([&] { return transactions.record(account, input); });
          },
          "account_id"_a, "type"_a, "symbol"_a = py::none(), "quantity"_a = py::none(),
          "price"_a = py::none(), "fees"_a = 0, "amount"_a = py::none(), "timestamp"_a = py::none(),
          "external_id"_a = py::none(), "note"_a = py::none(),
          "Records a transaction and returns its id. Types: BUY, SELL (symbol, quantity > 0,\n"
          "price per unit, fees), TRANSFER_IN, TRANSFER_OUT (symbol, quantity, price = cost\n"
          "per unit), DEPOSIT, WITHDRAWAL, INTEREST, DIVIDEND, FEE (amount > 0; a symbol for\n"
          "DIVIDEND and FEE). timestamp: when it happened (a date means its close, 21:00 UTC;\n"
          "None: now). Recording an external_id again returns the first id and writes\n"
          "nothing (AlreadyExists when the fields differ). NotFound for an unknown account.")
      .def(
          "import_csv",
          [](Transactions& transactions, py::object account_id, py::object path,
             py::object mapping) {
            std::string account = to_text(account_id, "account_id");
            std::string file = path_text(path);
            CsvMapping columns = csv_mapping(mapping);
            ImportReport report =
                without_gil([&] { return transactions.import_csv(account, file, columns); });
            return py::dict("rows"_a = report.rows, "recorded"_a = report.recorded,
                            "already_present"_a = report.already_present);
          },
          "account_id"_a, "path"_a, "mapping"_a = py::none(),
          "Records the transactions of a CSV file and returns {rows, recorded,\n"
          "already_present}. A header row names the columns: timestamp (or date), type,\n"
          "symbol, quantity, price, fees, amount, external_id, note; mapping={field: column}\n"
          "reads other headers (other columns are then ignored). Every row is checked first\n"
          "as record() checks it (and trades in time order per symbol, no sale of more than\n"
          "held): any bad row raises ValidationError with .problems [{line, field, problem}]\n"
          "and nothing is written. Rows recorded before (same external_id, or without one the\n"
          "same fields) are skipped, so importing a file again records nothing new.")
      .def(
          "get",
          [](const Transactions& transactions, py::object transaction_id, py::object as_known_at) {
            std::string key = to_text(transaction_id, "transaction_id");
            auto known = to_optional_date(as_known_at, "as_known_at");
            return transaction_or_none(without_gil([&] { return transactions.get(key, known); }));
          },
          "transaction_id"_a, "as_known_at"_a = py::none(),
          "The transaction as known at as_known_at (None: now), voided ones too (voided\n"
          "True), as a dict; None when it was not recorded by then.")
      .def(
          "list",
          [](const Transactions& transactions, py::object account_id, py::object start,
             py::object end, py::object symbol, py::object as_known_at) {
            std::string account = to_text(account_id, "account_id");
            auto from = to_optional_date(start, "start");
            auto to = to_optional_date(end, "end");
            auto only = to_optional_text(symbol, "symbol");
            auto known = to_optional_date(as_known_at, "as_known_at");
            return transaction_list(
                without_gil([&] { return transactions.list(account, from, to, only, known); }));
          },
          "account_id"_a, "start"_a = py::none(), "end"_a = py::none(), "symbol"_a = py::none(),
          "as_known_at"_a = py::none(),
          "The account's transactions as known at as_known_at (None: now), voided ones left\n"
          "out, that happened from start to end (a date: the start of that day for start,\n"
          "its end for end, UTC) and concern symbol, by time.")
      .def(
          "correct",
          [](Transactions& transactions, py::object transaction_id, py::object changes) {
            std::string key = to_text(transaction_id, "transaction_id");
            Fields fields = to_fields(changes, "changes");
            return transaction_dict(without_gil([&] { return transactions.correct(key, fields); }));
          },
          "transaction_id"_a, "changes"_a,
          "Appends a corrected version: the fields named in changes (type, symbol, quantity,\n"
          "price, fees, amount, timestamp, note; None removes an optional one) replace the\n"
          "current ones, checked as record() checks them. Returns the new version. NotFound\n"
          "for an unknown or voided transaction.")
      .def(
          "void",
          [](Transactions& transactions, py::object transaction_id) {
            std::string key = to_text(transaction_id, "transaction_id");
            return transaction_dict(
                without_gil([&] { return transactions.void_transaction(key); }));
          },
          "transaction_id"_a,
          "Appends a void: the transaction no longer counts from now on (as known before, it\n"
          "still does). Returns the voided version; voiding again writes nothing. NotFound\n"
          "for an unknown transaction.");
}

}  // namespace alexdb::python
