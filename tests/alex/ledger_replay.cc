// ledger_replay: runs the lot book over transaction sequences given as JSON lines on
// stdin, one result line per sequence on stdout, for the independent Python oracle
// (tests/alex/lot_oracle_test.py) to compare with. A test tool, not installed.
//
// In:  {"method": "fifo", "events": [{"type": "BUY", "symbol": "A", "quantity": "1",
//       "price": "2", "fees": "0", "at": "..."}, {"type": "SELL", ...},
//       {"type": "TRANSFER_IN", "symbol", "quantity", "cost_per_unit", "at"},
//       {"type": "TRANSFER_OUT", "symbol", "quantity"},
//       {"type": "SPLIT", "symbol", "from", "to"}]}
// Out: {"lots": [{symbol, quantity, cost_per_unit, cost_basis, acquired}],
//       "realized": [{symbol, quantity, proceeds, fees, cost_basis, gain, acquired, sold}]}
//      or {"error": {"event": N, "field": F, "rule": R}} for the first event refused.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "alex/lot_book.h"
#include "alexdb/errors.h"

namespace {

using alexdb::Decimal;
using nlohmann::json;

Decimal number(const json& event, const char* name) {
  return Decimal::parse(event.at(name).get<std::string>(), name);
}

json replay(const json& sequence) {
  alexdb::alex::LotBook book(alexdb::parse_cost_method(sequence.at("method").get<std::string>()));
  json realized = json::array();
  const json& events = sequence.at("events");
  for (std::size_t i = 0; i < events.size(); ++i) {
    const json& e = events[i];
    const std::string type = e.at("type");
    const std::string symbol = e.at("symbol");
    try {
      if (type == "BUY") {
        book.buy(symbol, number(e, "quantity"), number(e, "price"), number(e, "fees"),
                 e.at("at").get<std::string>());
      } else if (type == "SELL") {
        for (const alexdb::RealizedGain& g :
             book.sell(symbol, number(e, "quantity"), number(e, "price"), number(e, "fees"),
                       e.at("at").get<std::string>())) {
          realized.push_back({{"symbol", g.symbol},
                              {"quantity", g.quantity.to_string()},
                              {"proceeds", g.proceeds.to_string()},
                              {"fees", g.fees.to_string()},
                              {"cost_basis", g.cost_basis.to_string()},
                              {"gain", g.gain.to_string()},
                              {"acquired", g.acquired},
                              {"sold", g.sold}});
        }
      } else if (type == "TRANSFER_IN") {
        book.transfer_in(symbol, number(e, "quantity"), number(e, "cost_per_unit"),
                         e.at("at").get<std::string>());
      } else if (type == "TRANSFER_OUT") {
        book.transfer_out(symbol, number(e, "quantity"));
      } else if (type == "SPLIT") {
        book.split(symbol, number(e, "from"), number(e, "to"));
      } else {
        throw alexdb::ValidationError("type", "a known event type", type);
      }
    } catch (const alexdb::ValidationError& error) {
      return {{"error", {{"event", i}, {"field", error.field()}, {"rule", error.rule()}}}};
    }
  }
  json lots = json::array();
  for (const alexdb::Lot& lot : book.lots()) {
    lots.push_back({{"symbol", lot.symbol},
                    {"quantity", lot.quantity.to_string()},
                    {"cost_per_unit", lot.cost_per_unit.to_string()},
                    {"cost_basis", lot.cost_basis.to_string()},
                    {"acquired", lot.acquired}});
  }
  return {{"lots", lots}, {"realized", realized}};
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    std::cout << replay(json::parse(line)).dump() << '\n';
  }
  return 0;
}
