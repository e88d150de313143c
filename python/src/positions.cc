// db.positions: positions, their history and time travel over alexdb::Positions.
#include "bindings.h"

namespace alexdb::python {

using namespace pybind11::literals;

namespace {

std::string position_of(py::handle id, py::handle position_id) {
  return to_text(either(id, "id", position_id, "position_id", true), "position_id");
}

}  // namespace

void bind_positions(py::module_& module) {
  py::class_<Positions>(module, "Positions",
                        "Positions with their complete change history and time travel.")
      .def(
          "find_by_account",
          [](const Positions& positions, py::object account_id) {
            std::string key = to_text(account_id, "account_id");
            return from_records(without_gil([&] { return positions.find_by_account(key); }));
          },
          "account_id"_a,
          "Open positions by symbol, with instrument_name, instrument_type, current_price.")
      .def(
          "find_by_id",
          [](const Positions& positions, py::object id, py::object position_id) {
            std::string key = position_of(id, position_id);
            return from_record(without_gil([&] { return positions.find_by_id(key); }));
          },
          "id"_a = py::none(), py::kw_only(), "position_id"_a = py::none(),
          "The position (also when sold out, with quantity 0), or None.")
      .def(
          "find_all",
          [](const Positions& positions, py::object limit, py::object offset) {
            Page page = to_page(limit, offset);
            return from_records(without_gil([&] { return positions.find_all(page); }));
          },
          "limit"_a = py::none(), "offset"_a = 0,
          "All open positions, ordered by account and symbol.")
      .def(
          "held_symbols",
          [](const Positions& positions, py::object account_id) {
            std::string key = to_text(account_id, "account_id");
            py::list symbols;
            for (const std::string& symbol :
                 without_gil([&] { return positions.held_symbols(key); })) {
              symbols.append(symbol);
            }
            return symbols;
          },
          "account_id"_a, "Every symbol the account has held (open or sold out), by symbol.")
      .def(
          "add_or_update_position",
          [](Positions& positions, py::object account_id, py::object symbol, py::object quantity,
             py::object action, py::object timestamp) {
            std::string account = to_text(account_id, "account_id");
            std::string key = to_text(symbol, "symbol");
            Decimal amount = to_decimal(quantity, "quantity");
            std::string kind = to_text(action, "action");
            auto at = to_optional_date(timestamp, "timestamp");
            return without_gil(
                [&] { return positions.add_or_update_position(account, key, amount, kind, at); });
          },
          "account_id"_a, "symbol"_a, "quantity"_a, "action"_a = "UPDATE",
          "timestamp"_a = py::none(),
          "Records a change (the quantity after it; action BUY, SELL, TRANSFER, UPDATE or\n"
          "REMOVE), at `timestamp` for a past trade (None: now); returns the position id.\n"
          "A date (or a 'YYYY-MM-DD' str) means that day's close, 21:00 UTC; a naive\n"
          "datetime is UTC; an empty str is not a date; no later than now + 1 day.")
      .def(
          "add_position",
          [](Positions& positions, py::object account_id, py::object symbol, py::object quantity) {
            std::string account = to_text(account_id, "account_id");
            std::string key = to_text(symbol, "symbol");
            Decimal amount = to_decimal(quantity, "quantity");
            return without_gil([&] { return positions.add_position(account, key, amount); });
          },
          "account_id"_a, "symbol"_a, "quantity"_a,
          "Upsert (BUY for a new position, UPDATE otherwise); returns the position id.")
      .def(
          "create",
          [](Positions& positions, py::object data, py::object /*returning*/) {
            Fields fields = to_fields(data, "data");
            return without_gil([&] { return positions.create(fields); });
          },
          "data"_a, "returning"_a = py::none(),
          "From account_id, symbol, quantity (optional action, timestamp: as in\n"
          "add_or_update_position, a date is its close, 21:00 UTC); returns the id.")
      .def(
          "update",
          [](Positions& positions, py::object id, py::object data, py::object position_id) {
            std::string key = position_of(id, position_id);
            Fields fields = to_fields(data, "data");
            return without_gil([&] { return positions.update(key, fields); });
          },
          "id"_a = py::none(), "data"_a = py::dict(), py::kw_only(), "position_id"_a = py::none(),
          "Changes the quantity (optional action, timestamp: as in add_or_update_position);\n"
          "returns 1 or 0.")
      .def(
          "delete",
          [](Positions& positions, py::object id, py::object position_id) {
            std::string key = position_of(id, position_id);
            return without_gil([&] { return positions.remove(key); });
          },
          "id"_a = py::none(), py::kw_only(), "position_id"_a = py::none(),
          "Records a REMOVE (quantity 0); returns 1, or 0 when there is no open position.")
      .def(
          "get_position_history",
          [](const Positions& positions, py::object account_id, py::object symbol,
             py::object start_date, py::object end_date, py::object start, py::object end) {
            std::string account = to_text(account_id, "account_id");
            std::string key = to_text(symbol, "symbol");
            auto from = to_optional_date(either(start_date, "start_date", start, "start", false),
                                         "start_date");
            auto to = to_optional_date(either(end_date, "end_date", end, "end", false), "end_date");
            return from_records(without_gil(
                [&] { return positions.get_position_history(account, key, from, to); }));
          },
          "account_id"_a, "symbol"_a, "start_date"_a = py::none(), "end_date"_a = py::none(),
          py::kw_only(), "start"_a = py::none(), "end"_a = py::none(),
          "The changes of one position between start and end (inclusive), oldest first. A\n"
          "date means the start of that day for start, the end of that day for end (UTC).")
      .def(
          "get_positions_at_date",
          [](const Positions& positions, py::object account_id, py::object target_date,
             py::object date) {
            std::string account = to_text(account_id, "account_id");
            std::string at =
                to_date(either(target_date, "target_date", date, "date", true), "target_date");
            return from_records(
                without_gil([&] { return positions.get_positions_at_date(account, at); }));
          },
          "account_id"_a, "target_date"_a = py::none(), py::kw_only(), "date"_a = py::none(),
          "The positions held at the date: per symbol the last change at or before it. A\n"
          "date means the end of that day, UTC.")
      .def(
          "get_portfolio_value",
          [](const Positions& positions, py::object account_id) {
            std::string account = to_text(account_id, "account_id");
            return from_record(without_gil([&] { return positions.get_portfolio_value(account); }));
          },
          "account_id"_a,
          "The open positions valued at current prices: num_positions, total_value,\n"
          "total_shares, per-position detail and missing prices. Money is rounded half-even\n"
          "to 8 decimal places (38 significant digits when larger).")
      .def(
          "get_account_value_at_date",
          [](const Positions& positions, py::object account_id, py::object target_date,
             py::object date, bool with_cash) {
            std::string account = to_text(account_id, "account_id");
            py::object given = either(target_date, "target_date", date, "date", false);
            std::string at = given.is_none() ? now_date() : to_date(given, "target_date");
            return from_record(without_gil(
                [&] { return positions.get_account_value_at_date(account, at, with_cash); }));
          },
          "account_id"_a, "target_date"_a = py::none(), py::kw_only(), "date"_a = py::none(),
          "with_cash"_a = false,
          "The positions held at the date (now if None; a date means the end of that day,\n"
          "UTC) valued at the last price at or before it; positions without such a price are\n"
          "listed under missing_prices. Money is rounded as in get_portfolio_value. With\n"
          "with_cash=True, 'cash' is the ledger's cash then (portfolio.cash_balance).")
      .def(
          "get_account_value_series",
          [](const Positions& positions, py::object account_id, py::object start, py::object end,
             py::object step, py::object start_date, py::object end_date, bool with_cash) {
            std::string account = to_text(account_id, "account_id");
            std::string from =
                to_date(either(start, "start", start_date, "start_date", true), "start");
            std::string to = to_date(either(end, "end", end_date, "end_date", true), "end");
            std::string interval = to_text(step, "step");
            return from_records(without_gil(
                [&] {
                  return positions.get_account_value_series(account, from, to, interval, with_cash);
                }));
          },
          "account_id"_a, "start"_a = py::none(), "end"_a = py::none(), "step"_a = "daily",
          py::kw_only(), "start_date"_a = py::none(), "end_date"_a = py::none(),
          "with_cash"_a = false,
          "One valuation per step (daily, weekly, monthly) from start to end inclusive, each\n"
          "equal to get_account_value_at_date at that point (a date means the end of that\n"
          "day, UTC); with_cash=True adds each point's ledger cash.");
}

}  // namespace alexdb::python
