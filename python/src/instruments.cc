// db.instruments: instruments and their price history over alexdb::Instruments.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bindings.h"

namespace alexdb::python {

using namespace pybind11::literals;

namespace {

std::string symbol_of(py::handle id, py::handle symbol) {
  return to_text(either(id, "id", symbol, "symbol", true), "symbol");
}

// One row of import_prices: a dict with symbol, timestamp, price, optional volume and
// source, each converted as the same argument of update_price is.
PricePoint to_price_point(py::handle row, const std::string& field) {
  if (!PyDict_Check(row.ptr())) throw ValidationError(field, "a dict");
  py::dict fields = py::reinterpret_borrow<py::dict>(row);
  auto get = [&](const char* name) -> py::object {
    return fields.contains(name) ? py::object(fields[name]) : py::object(py::none());
  };
  auto path = [&](const char* name) { return field + "." + name; };
  PricePoint point;
  point.symbol = to_text(get("symbol"), path("symbol"));
  point.timestamp = to_date(get("timestamp"), path("timestamp"));
  point.price = to_decimal(get("price"), path("price"));
  point.volume = to_optional_decimal(get("volume"), path("volume"));
  point.source = to_optional_text(get("source"), path("source"));
  return point;
}

// A split as a dict of every field of struct Split: ratios as Decimal.
py::dict split_dict(const Split& s) {
  return py::dict("symbol"_a = s.symbol, "ratio_from"_a = from_value(Value::N(s.ratio_from)),
                  "ratio_to"_a = from_value(Value::N(s.ratio_to)), "effective"_a = s.effective,
                  "recorded_at"_a = s.recorded_at);
}

}  // namespace

void bind_instruments(py::module_& module) {
  py::class_<Instruments>(module, "Instruments",
                          "Instruments (ETFs, funds, stocks...) and their price history.")
      .def(
          "find_by_symbol",
          [](const Instruments& instruments, py::object symbol) {
            std::string key = to_text(symbol, "symbol");
            return from_record(without_gil([&] { return instruments.find_by_symbol(key); }));
          },
          "symbol"_a, "The instrument as a dict, or None.")
      .def(
          "find_by_id",
          [](const Instruments& instruments, py::object id, py::object symbol) {
            std::string key = symbol_of(id, symbol);
            return from_record(without_gil([&] { return instruments.find_by_id(key); }));
          },
          "id"_a = py::none(), py::kw_only(), "symbol"_a = py::none(),
          "The instrument with this symbol as a dict, or None.")
      .def(
          "find_all",
          [](const Instruments& instruments, py::object limit, py::object offset) {
            Page page = to_page(limit, offset);
            return from_records(without_gil([&] { return instruments.find_all(page); }));
          },
          "limit"_a = py::none(), "offset"_a = 0, "All instruments ordered by symbol.")
      .def(
          "find_by_type",
          [](const Instruments& instruments, py::object instrument_type) {
            std::string type = to_text(instrument_type, "instrument_type");
            return from_records(without_gil([&] { return instruments.find_by_type(type); }));
          },
          "instrument_type"_a, "The instruments of one type, ordered by symbol.")
      .def(
          "search",
          [](const Instruments& instruments, py::object query, py::object limit, py::object text) {
            std::string needle = to_text(either(query, "query", text, "text", true), "query");
            std::int64_t count = to_optional_int(limit, "limit").value_or(20);
            return from_records(without_gil([&] { return instruments.search(needle, count); }));
          },
          "query"_a = py::none(), "limit"_a = 20, py::kw_only(), "text"_a = py::none(),
          "Up to `limit` instruments whose symbol or name contains the text, ignoring case.")
      .def(
          "batch_get_by_symbols",
          [](const Instruments& instruments, py::object symbols) {
            std::vector<std::string> keys = to_text_list(symbols, "symbols");
            auto found = without_gil([&] { return instruments.batch_get_by_symbols(keys); });
            py::dict by_symbol;
            for (const Instrument& instrument : found) {
              by_symbol[py::str(instrument.symbol)] = from_record(instrument);
            }
            return by_symbol;
          },
          "symbols"_a,
          "The instruments found among `symbols` as a dict symbol -> instrument, in the order\n"
          "asked (as the seed's batch_get_by_symbols).")
      .def(
          "create_instrument",
          [](Instruments& instruments, py::object instrument) {
            Fields fields = to_fields(instrument, "instrument");
            return without_gil([&] { return instruments.create_instrument(fields); });
          },
          "instrument"_a,
          "Creates or replaces an instrument from a dict or an object with model_dump();\n"
          "returns the symbol, upper-cased.")
      .def(
          "create",
          [](Instruments& instruments, py::object data, py::object /*returning*/) {
            Fields fields = to_fields(data, "data");
            return without_gil([&] { return instruments.create(fields); });
          },
          "data"_a, "returning"_a = py::none(), "As create_instrument.")
      .def(
          "update",
          [](Instruments& instruments, py::object id, py::object data, py::object symbol) {
            std::string key = symbol_of(id, symbol);
            Fields fields = to_fields(data, "data");
            return without_gil([&] { return instruments.update(key, fields); });
          },
          "id"_a = py::none(), "data"_a = py::dict(), py::kw_only(), "symbol"_a = py::none(),
          "Changes the named fields (not the symbol); returns 1, or 0 when there is none.")
      .def(
          "delete",
          [](Instruments& instruments, py::object id, py::object symbol) {
            std::string key = symbol_of(id, symbol);
            return without_gil([&] { return instruments.remove(key); });
          },
          "id"_a = py::none(), py::kw_only(), "symbol"_a = py::none(),
          "Deletes the instrument and its price history; returns the number of records.")
      .def(
          "update_price",
          [](Instruments& instruments, py::object symbol, py::object new_price, py::object volume,
             py::object timestamp, py::object source, py::object price) {
            std::string key = to_text(symbol, "symbol");
            Decimal value =
                to_decimal(either(new_price, "new_price", price, "price", true), "price");
            auto amount = to_optional_decimal(volume, "volume");
            auto at = to_optional_date(timestamp, "timestamp");
            std::string origin = to_text(source, "source");
            return without_gil(
                [&] { return instruments.update_price(key, value, amount, at, origin); });
          },
          "symbol"_a, "new_price"_a = py::none(), "volume"_a = py::none(),
          "timestamp"_a = py::none(), "source"_a = "manual", py::kw_only(), "price"_a = py::none(),
          "Records a price at `timestamp` (now if None) and, when it is the newest, the\n"
          "instrument's current_price. NotFound for an unknown symbol. Returns the timestamp.\n"
          "A date (or a 'YYYY-MM-DD' str) means that day's close, 21:00 UTC; an empty str is\n"
          "not a date; no later than now + 1 day.")
      .def(
          "delete_price",
          [](Instruments& instruments, py::object symbol, py::object timestamp) {
            std::string key = to_text(symbol, "symbol");
            std::string at = to_date(timestamp, "timestamp");
            return without_gil([&] { return instruments.delete_price(key, at); });
          },
          "symbol"_a, "timestamp"_a,
          "Deletes the price recorded at `timestamp` (a date, or a 'YYYY-MM-DD' str, is that\n"
          "day's close, 21:00 UTC, as in update_price); returns 1, or 0 when there is none.\n"
          "When it was the newest, current_price falls back to the newest remaining price\n"
          "(none left: no current price).")
      .def(
          "import_prices",
          [](Instruments& instruments, py::object prices) {
            if (PyUnicode_Check(prices.ptr()) || !py::isinstance<py::iterable>(prices)) {
              throw ValidationError("prices", "a list of dicts");
            }
            std::vector<PricePoint> points;
            for (py::handle row : prices) {
              points.push_back(
                  to_price_point(row, "prices[" + std::to_string(points.size()) + "]"));
            }
            without_gil([&] { instruments.import_prices(points); });
          },
          "prices"_a,
          "Writes many prices (dicts with symbol, timestamp, price, optional volume and\n"
          "source) with batch writes; all are validated before anything is written. Each\n"
          "timestamp as in update_price: a date is its close, 21:00 UTC; required.")
      .def(
          "get_price_history",
          [](const Instruments& instruments, py::object symbol, py::object start_date,
             py::object end_date, py::object start, py::object end) {
            std::string key = to_text(symbol, "symbol");
            auto from = to_optional_date(either(start_date, "start_date", start, "start", false),
                                         "start_date");
            auto to = to_optional_date(either(end_date, "end_date", end, "end", false), "end_date");
            return from_records(
                without_gil([&] { return instruments.get_price_history(key, from, to); }));
          },
          "symbol"_a, "start_date"_a = py::none(), "end_date"_a = py::none(), py::kw_only(),
          "start"_a = py::none(), "end"_a = py::none(),
          "The prices between start and end (inclusive; None: unbounded), oldest first. A\n"
          "date means the start of that day for start, the end of that day for end (UTC).")
      .def(
          "get_price_at_date",
          [](const Instruments& instruments, py::object symbol, py::object target_date,
             py::object date) {
            std::string key = to_text(symbol, "symbol");
            std::string at =
                to_date(either(target_date, "target_date", date, "date", true), "target_date");
            return from_record(without_gil([&] { return instruments.get_price_at_date(key, at); }));
          },
          "symbol"_a, "target_date"_a = py::none(), py::kw_only(), "date"_a = py::none(),
          "The last price at or before the date (a date means the end of that day, UTC), or\n"
          "None.")
      .def(
          "record_split",
          [](Instruments& instruments, py::object symbol, py::object ratio_from,
             py::object ratio_to, py::object effective) {
            std::string key = to_text(symbol, "symbol");
            Decimal from = to_decimal(ratio_from, "ratio_from");
            Decimal to = to_decimal(ratio_to, "ratio_to");
            std::string at = to_date(effective, "effective");
            return split_dict(
                without_gil([&] { return instruments.record_split(key, from, to, at); }));
          },
          "symbol"_a, "ratio_from"_a, "ratio_to"_a, "effective"_a,
          "Records a split: from `effective` (a date alone: the start of that day) every\n"
          "ratio_from units are ratio_to (2-for-1: 1, 2; a 1-for-10 reverse split: 10, 1).\n"
          "Lots, gains and the positions holding the symbol then take it; recording it again\n"
          "returns it. Returns {symbol, ratio_from, ratio_to, effective, recorded_at}.")
      .def(
          "splits",
          [](const Instruments& instruments, py::object symbol, py::object as_known_at) {
            std::string key = to_text(symbol, "symbol");
            std::optional<std::string> known = to_optional_date(as_known_at, "as_known_at");
            std::vector<py::dict> out;
            for (const Split& s : without_gil([&] { return instruments.splits(key, known); })) {
              out.push_back(split_dict(s));
            }
            return out;
          },
          "symbol"_a, "as_known_at"_a = py::none(),
          "The splits of the symbol recorded by as_known_at (None: now), by effective time.");
}

}  // namespace alexdb::python
