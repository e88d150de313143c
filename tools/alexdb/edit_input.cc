#include "edit_input.h"

#include <iostream>

#include "alexdb/errors.h"
#include "json_input.h"
#include "output.h"

namespace alexdb::cli {

Allocation parse_allocation(const std::string& text, const std::string& field) {
  Allocation allocation;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string part =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto equals = part.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw ValidationError(field, "KEY=PERCENT[,KEY=PERCENT...]", part);
    }
    allocation[part.substr(0, equals)] = Decimal::parse(part.substr(equals + 1), field);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return allocation;
}

Value allocation_argument(const std::vector<std::string>& parts, const std::string& field) {
  Value::Map map;
  for (const std::string& part : parts) {
    if (part.find_first_not_of(" \t") != std::string::npos &&
        part[part.find_first_not_of(" \t")] == '{') {
      Value given = parse_json_value(part, field);
      if (!given.is_m()) throw ValidationError(field, "a JSON object or KEY=PERCENT[,...]");
      for (auto& [key, share] : given.m()) {
        if (!share.is_n()) throw ValidationError(field + "." + key, "a number (percent)");
        map.insert_or_assign(key, share);
      }
      continue;
    }
    for (const auto& [key, share] : parse_allocation(part, field)) {
      map.insert_or_assign(key, Value::N(share));
    }
  }
  return Value::M(std::move(map));
}

void print_changed(Context& context, const std::string& verb, const std::string& kind,
                   const std::string& id_field, const std::string& id, std::int64_t count) {
  if (context.json()) {
    print_json({{id_field, id}, {verb, std::to_string(count)}});
    return;
  }
  std::cout << verb << ' ' << kind << ' ' << id;
  if (count > 1) std::cout << " (" << count << " records)";
  std::cout << '\n';
}

void refuse(Context& context, const std::string& field, const std::string& rule) {
  std::cerr << "alexdb: error: " << field << ": " << rule << '\n';
  context.fail(1);
}

}  // namespace alexdb::cli
