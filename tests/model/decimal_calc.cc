// Driver for the differential test (decimal_oracle.py). Reads one request per line on
// stdin and prints one line per request: the canonical result, "-1"/"0"/"1" for cmp, or
// "ERROR <rule>" when Decimal throws ValidationError.
//   parse A | add A B | sub A B | mul A B | cmp A B | round A PLACES MODE |
//   div A B PLACES MODE | mulr A B PLACES MODE | addr A B PLACES MODE
//   (MODE: half_even half_up down up floor ceiling; mulr and addr are Decimal::multiply
//   and Decimal::add, which round to fit)
// A malformed request line ends the program with status 2.
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "alexdb/decimal.h"
#include "alexdb/errors.h"

namespace {

using alexdb::Decimal;
using alexdb::RoundingMode;

[[noreturn]] void bad_request(const std::string& line) {
  std::cerr << "decimal_calc: bad request: " << line << '\n';
  std::exit(2);
}

RoundingMode mode_of(const std::string& name, const std::string& line) {
  static const std::map<std::string, RoundingMode> modes = {
      {"half_even", RoundingMode::kHalfEven}, {"half_up", RoundingMode::kHalfUp},
      {"down", RoundingMode::kDown},          {"up", RoundingMode::kUp},
      {"floor", RoundingMode::kFloor},        {"ceiling", RoundingMode::kCeiling}};
  auto it = modes.find(name);
  if (it == modes.end()) bad_request(line);
  return it->second;
}

// The result line of one request; throws ValidationError as Decimal does.
std::string evaluate(const std::string& line) {
  std::istringstream in(line);
  std::string op, a, b, mode;
  int places = 0;
  if (!(in >> op >> a)) bad_request(line);
  if (op == "parse") return Decimal::parse(a).to_string();
  if (op == "round") {
    if (!(in >> places >> mode)) bad_request(line);
    return Decimal::parse(a).round(places, mode_of(mode, line)).to_string();
  }
  if (!(in >> b)) bad_request(line);
  const Decimal x = Decimal::parse(a);
  const Decimal y = Decimal::parse(b);
  if (op == "add") return (x + y).to_string();
  if (op == "sub") return (x - y).to_string();
  if (op == "mul") return (x * y).to_string();
  if (op == "cmp") return x < y ? "-1" : x == y ? "0" : "1";
  if (op == "div" || op == "mulr" || op == "addr") {
    if (!(in >> places >> mode)) bad_request(line);
    const RoundingMode m = mode_of(mode, line);
    if (op == "mulr") return Decimal::multiply(x, y, places, m).to_string();
    if (op == "addr") return Decimal::add(x, y, places, m).to_string();
    return Decimal::divide(x, y, places, m).to_string();
  }
  bad_request(line);
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    try {
      std::cout << evaluate(line) << '\n';
    } catch (const alexdb::ValidationError& e) {
      std::cout << "ERROR " << e.rule() << '\n';
    }
  }
}
