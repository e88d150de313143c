// db.portfolio: lots and gains of an account's ledger over alexdb::Portfolio (SPEC
// section 12), as dicts of the spec's shapes with every number a Decimal.
#include <pybind11/stl.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alexdb/allocation.h"
#include "alexdb/ledger.h"
#include "alexdb/returns.h"
#include "bindings.h"

namespace alexdb::python {

using namespace pybind11::literals;

namespace {

py::object decimal_of(const Decimal& number) { return from_value(Value::N(number)); }

// A lot as {symbol, quantity, cost_per_unit, cost_basis, acquired}.
py::dict lot_dict(const Lot& lot) {
  return py::dict("symbol"_a = lot.symbol, "quantity"_a = decimal_of(lot.quantity),
                  "cost_per_unit"_a = decimal_of(lot.cost_per_unit),
                  "cost_basis"_a = decimal_of(lot.cost_basis), "acquired"_a = lot.acquired);
}

py::dict realized_dict(const RealizedGain& r) {
  return py::dict("symbol"_a = r.symbol, "quantity"_a = decimal_of(r.quantity),
                  "proceeds"_a = decimal_of(r.proceeds), "fees"_a = decimal_of(r.fees),
                  "cost_basis"_a = decimal_of(r.cost_basis), "gain"_a = decimal_of(r.gain),
                  "acquired"_a = r.acquired, "sold"_a = r.sold);
}

py::dict unrealized_dict(const UnrealizedGain& u) {
  return py::dict("symbol"_a = u.symbol, "quantity"_a = decimal_of(u.quantity),
                  "cost_basis"_a = decimal_of(u.cost_basis), "value"_a = decimal_of(u.value),
                  "gain"_a = decimal_of(u.gain));
}

// List[dict] in the signature pybind11 writes.
std::vector<py::dict> lot_list(const std::vector<Lot>& lots) {
  std::vector<py::dict> list;
  list.reserve(lots.size());
  for (const Lot& lot : lots) list.push_back(lot_dict(lot));
  return list;
}

// Gains as {realized, realized_total, unrealized, unrealized_total, missing_prices}.
py::dict gains_dict(const Gains& g) {
  py::list realized, unrealized, missing;
  for (const RealizedGain& r : g.realized) realized.append(realized_dict(r));
  for (const UnrealizedGain& u : g.unrealized) unrealized.append(unrealized_dict(u));
  for (const std::string& symbol : g.missing_prices) missing.append(py::str(symbol));
  return py::dict("realized"_a = realized, "realized_total"_a = decimal_of(g.realized_total),
                  "unrealized"_a = unrealized,
                  "unrealized_total"_a = decimal_of(g.unrealized_total),
                  "missing_prices"_a = missing);
}

// {key: Decimal} of an allocation's values, or of its weights with kWeightPlaces
// digits after the point (`places`).
py::dict decimal_map(const std::map<std::string, Decimal>& numbers,
                     std::optional<int> places = {}) {
  py::dict out;
  for (const auto& [key, number] : numbers) {
    out[py::str(key)] = places ? fixed_decimal(number, *places) : decimal_of(number);
  }
  return out;
}

// An allocation as {at, by, total_value, weights, values, missing_prices}.
py::dict allocation_dict(const AllocationReport& a) {
  py::list missing;
  for (const std::string& symbol : a.missing_prices) missing.append(py::str(symbol));
  return py::dict("at"_a = a.at ? py::object(py::str(*a.at)) : py::object(py::none()),
                  "by"_a = a.by, "total_value"_a = decimal_of(a.total_value),
                  "weights"_a = decimal_map(a.weights, kWeightPlaces),
                  "values"_a = decimal_map(a.values),
                  "missing_prices"_a = missing);
}

// A return as a Decimal with exactly kReturnPlaces digits after the point, or None.
py::object optional_return(const std::optional<Decimal>& number) {
  return number ? fixed_decimal(*number, kReturnPlaces) : py::object(py::none());
}

// Returns as {kind, start, end, return, benchmark, benchmark_return, start_value,
// end_value, flows: [{date, transaction_id, type, amount}], missing_prices: [{symbol,
// from, to}], note}.
py::dict returns_dict(const Returns& r) {
  py::list flows, missing;
  for (const ReturnFlow& f : r.flows) {
    flows.append(py::dict("date"_a = f.date, "transaction_id"_a = f.transaction_id,
                          "type"_a = f.type, "amount"_a = decimal_of(f.amount)));
  }
  for (const MissingPriceDays& m : r.missing_prices) {
    missing.append(py::dict("symbol"_a = m.symbol, "from"_a = m.from, "to"_a = m.to));
  }
  return py::dict("kind"_a = std::string(return_kind_name(r.kind)), "start"_a = r.start,
                  "end"_a = r.end, "return"_a = optional_return(r.value),
                  "benchmark"_a = r.benchmark ? py::object(py::str(*r.benchmark)) : py::none(),
                  "benchmark_return"_a = optional_return(r.benchmark_return),
                  "start_value"_a = decimal_of(r.start_value),
                  "end_value"_a = decimal_of(r.end_value), "flows"_a = flows,
                  "missing_prices"_a = missing,
                  "note"_a = r.note ? py::object(py::str(*r.note)) : py::none());
}

CostMethod cost_method_of(py::handle method) {
  return parse_cost_method(to_text(method, "method"), "method");
}

}  // namespace

void bind_portfolio(py::module_& module) {
  py::class_<Portfolio>(module, "Portfolio",
                        "Lots, gains and cash of an account's ledger (by a cost method, at a "
                        "date, as known at a moment) and its allocation.")
      .def(
          "lots",
          [](const Portfolio& portfolio, py::object account_id, py::object symbol, py::object at,
             py::object method, py::object as_known_at) {
            std::string account = to_text(account_id, "account_id");
            auto only = to_optional_text(symbol, "symbol");
            auto when = to_optional_date(at, "at");
            CostMethod cost = cost_method_of(method);
            auto known = to_optional_date(as_known_at, "as_known_at");
            return lot_list(
                without_gil([&] { return portfolio.lots(account, only, when, cost, known); }));
          },
          "account_id"_a, "symbol"_a = py::none(), "at"_a = py::none(), "method"_a = "fifo",
          "as_known_at"_a = py::none(),
          "The open lots after the transactions up to at (a date: its end, UTC; None: all),\n"
          "of symbol only when given, by symbol and each symbol's in the order acquired, as\n"
          "dicts {symbol, quantity, cost_per_unit, cost_basis, acquired} (numbers Decimal).\n"
          "method: fifo, lifo, hifo or average (one pool per symbol). as_known_at: the\n"
          "ledger as it stood then (None: now).")
      .def(
          "gains",
          [](const Portfolio& portfolio, py::object account_id, py::object start, py::object end,
             py::object method, py::object as_known_at) {
            std::string account = to_text(account_id, "account_id");
            auto from = to_optional_date(start, "start");
            auto to = to_optional_date(end, "end");
            CostMethod cost = cost_method_of(method);
            auto known = to_optional_date(as_known_at, "as_known_at");
            return gains_dict(
                without_gil([&] { return portfolio.gains(account, from, to, cost, known); }));
          },
          "account_id"_a, "start"_a = py::none(), "end"_a = py::none(), "method"_a = "fifo",
          "as_known_at"_a = py::none(),
          "The gains of the sales from start to end (a date: the start of that day for start,\n"
          "its end for end; None: unbounded) and the unrealized gains of what is held at end\n"
          "at each symbol's last price then (None: the newest), as {realized: [{symbol,\n"
          "quantity, proceeds, fees, cost_basis, gain, acquired, sold}], realized_total,\n"
          "unrealized: [{symbol, quantity, cost_basis, value, gain}], unrealized_total,\n"
          "missing_prices: [symbol]} (numbers Decimal; gain = proceeds - fees - cost_basis).\n"
          "Symbols held without a price are in missing_prices, never valued at 0.")
      .def(
          "cash_balance",
          [](const Portfolio& portfolio, py::object account_id, py::object at,
             py::object as_known_at) {
            std::string account = to_text(account_id, "account_id");
            auto when = to_optional_date(at, "at");
            auto known = to_optional_date(as_known_at, "as_known_at");
            return decimal_of(
                without_gil([&] { return portfolio.cash_balance(account, when, known); }));
          },
          "account_id"_a, "at"_a = py::none(), "as_known_at"_a = py::none(),
          "The account's cash (a Decimal) after its transactions up to at (a date: its end,\n"
          "UTC; None: all): deposits, dividends and interest add their amount, withdrawals\n"
          "and fees take it, a BUY takes price x quantity plus fees, a SELL adds price x\n"
          "quantity less fees; transfers move no cash. as_known_at: the ledger as it stood\n"
          "then (None: now).")
      .def(
          "allocation",
          [](const Portfolio& portfolio, py::object account_id, py::object at, py::object by) {
            std::string account = to_text(account_id, "account_id");
            auto when = to_optional_date(at, "at");
            std::string kind = to_text(by, "by");
            return allocation_dict(
                without_gil([&] { return portfolio.allocation(account, when, kind); }));
          },
          "account_id"_a, "at"_a = py::none(), "by"_a = "asset_class",
          "Where the account's value is at at (a date: its end, UTC; None: now, at current\n"
          "prices) by asset_class, region or sector, as {at, by, total_value, weights: {key:\n"
          "percent}, values: {key: value}, missing_prices: [symbol]} (numbers Decimal,\n"
          "percents to 2 places): each position valued as get_account_value_at_date values\n"
          "it, spread over its instrument's allocation map of that kind (in proportion to\n"
          "its percents; no map: 'unclassified'). Symbols without a price are listed in\n"
          "missing_prices, never valued at 0; ledger cash is not part of it.")
      .def(
          "returns",
          [](const Portfolio& portfolio, py::object account_id, py::object start, py::object end,
             py::object kind, py::object benchmark, py::object as_known_at) {
            std::string account = to_text(account_id, "account_id");
            std::string from = to_date(start, "start");
            std::string to = to_date(end, "end");
            ReturnKind which = parse_return_kind(to_text(kind, "kind"), "kind");
            auto symbol = to_optional_text(benchmark, "benchmark");
            auto known = to_optional_date(as_known_at, "as_known_at");
            return returns_dict(without_gil(
                [&] { return portfolio.returns(account, from, to, which, symbol, known); }));
          },
          "account_id"_a, "start"_a, "end"_a, "kind"_a = "twr", "benchmark"_a = py::none(),
          "as_known_at"_a = py::none(),
          "The account's return from the end of start's date to the end of end's: kind twr\n"
          "(time-weighted, chained daily over the external flows: deposits, withdrawals,\n"
          "transfers; for the period) or mwr (money-weighted: XIRR, actual/365, annualized),\n"
          "and the same for the benchmark symbol over the same flows, as {kind, start, end,\n"
          "return, benchmark, benchmark_return, start_value, end_value, flows: [{date,\n"
          "transaction_id, type, amount}], missing_prices: [{symbol, from, to}], note}.\n"
          "Returns are Decimal fractions to 8 places (0.21 is 21%), None when they cannot\n"
          "be told (note says why: a held symbol without a price, listed in\n"
          "missing_prices). as_known_at: the ledger as it stood then (None: now).")
      .def(
          "returns_series",
          [](const Portfolio& portfolio, py::object account_id, py::object start, py::object end,
             py::object step, py::object as_known_at) {
            std::string account = to_text(account_id, "account_id");
            std::string from = to_date(start, "start");
            std::string to = to_date(end, "end");
            std::string every = to_text(step, "step");
            auto known = to_optional_date(as_known_at, "as_known_at");
            auto points = without_gil(
                [&] { return portfolio.returns_series(account, from, to, every, known); });
            py::list out;
            for (const ReturnPoint& p : points) {
              out.append(py::dict("date"_a = p.date, "value"_a = decimal_of(p.value),
                                  "flows"_a = decimal_of(p.flows),
                                  "twr"_a = optional_return(p.twr)));
            }
            return out;
          },
          "account_id"_a, "start"_a, "end"_a, "step"_a = "daily", "as_known_at"_a = py::none(),
          "The account's value, net external flows since the previous point and cumulative\n"
          "time-weighted return from start at each point (daily, weekly or monthly from\n"
          "start, and end always), as [{date, value, flows, twr}]: the last twr equals\n"
          "returns(account_id, start, end)['return']. twr is None from the first day a held\n"
          "symbol has no price.");
}

}  // namespace alexdb::python
