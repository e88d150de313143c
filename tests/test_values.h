// Shorthand value constructors and gtest printers shared by the test suites, so a test
// reads {"n", N(5)} instead of {"n", Value::N(5)}, and a failed comparison prints the
// value instead of its bytes.
#ifndef ALEXDB_TESTS_TEST_VALUES_H_
#define ALEXDB_TESTS_TEST_VALUES_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "alexdb/decimal.h"
#include "alexdb/value.h"

namespace alexdb {

// Readable values in failure messages (gtest finds these by argument-dependent lookup).
inline void PrintTo(const Value& value, std::ostream* os) { *os << value.debug_string(); }
inline void PrintTo(const Decimal& number, std::ostream* os) { *os << number.to_string(); }

namespace test_values {

inline Value S(std::string s) { return Value::S(std::move(s)); }
inline Value N(std::string_view text) { return Value::N(text); }
inline Value N(std::int64_t n) { return Value::N(n); }
inline Value B(std::string bytes) { return Value::B(Bytes(std::move(bytes))); }
inline Decimal D(std::string_view text) { return Decimal::parse(text); }

}  // namespace test_values
}  // namespace alexdb

#endif  // ALEXDB_TESTS_TEST_VALUES_H_
