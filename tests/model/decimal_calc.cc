// Driver for the differential test (decimal_oracle.py): reads one operation per line
// on stdin and prints one result line each: the canonical result, or "ERROR".
//   parse A | add A B | sub A B | mul A B | cmp A B | round A PLACES MODE |
//   div A B PLACES MODE        (MODE: half_even half_up down up floor ceiling)
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "alexdb/decimal.h"
#include "alexdb/errors.h"

int main() {
  using alexdb::Decimal;
  using alexdb::RoundingMode;
  const std::map<std::string, RoundingMode> modes = {
      {"half_even", RoundingMode::kHalfEven}, {"half_up", RoundingMode::kHalfUp},
      {"down", RoundingMode::kDown},          {"up", RoundingMode::kUp},
      {"floor", RoundingMode::kFloor},        {"ceiling", RoundingMode::kCeiling}};
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string op, a, b, mode;
    int places = 0;
    in >> op >> a;
    try {
      if (op == "parse") {
        std::cout << Decimal::parse(a).to_string();
      } else if (op == "round") {
        in >> places >> mode;
        std::cout << Decimal::parse(a).round(places, modes.at(mode)).to_string();
      } else {
        in >> b;
        Decimal x = Decimal::parse(a), y = Decimal::parse(b);
        if (op == "add") std::cout << (x + y).to_string();
        if (op == "sub") std::cout << (x - y).to_string();
        if (op == "mul") std::cout << (x * y).to_string();
        if (op == "cmp") std::cout << (x < y ? -1 : x == y ? 0 : 1);
        if (op == "div") {
          in >> places >> mode;
          std::cout << Decimal::divide(x, y, places, modes.at(mode)).to_string();
        }
      }
    } catch (const alexdb::ValidationError&) {
      std::cout << "ERROR";
    }
    std::cout << '\n';
  }
}
