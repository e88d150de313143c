// Runs the Decimal fuzz target (decimal_fuzzer.cc) on a bounded, seeded set of inputs in
// every `make test`, also under the sanitizers; `make fuzz` runs it under libFuzzer.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzzing/input_generator.h"

extern "C" int AlexdbFuzzDecimal(const std::uint8_t* data, std::size_t size);

namespace {

constexpr int kInputs = 200'000;

// Valid numbers near every rule's edge, and pairs of them for the arithmetic checks.
const std::vector<std::string> kSeeds = {"0",
                                         "-0",
                                         "-12.5",
                                         ".5",
                                         "5.",
                                         "+1E+3",
                                         "000123.4500",
                                         "1e-130",
                                         "-1e-130",
                                         "1e-131",
                                         "9.9999999999999999999999999999999999999e125",
                                         "1e126",
                                         "1e999999999999",
                                         "0e999999999999",
                                         "12345678901234567890123456789012345678",
                                         "123456789012345678901234567890123456789",
                                         "99999999999999999999999999999999999999/1",
                                         "1e38/99999999999999999999999999999999999999",
                                         "2.5/-0.5",
                                         "1e125/1e-130",
                                         "55511151231257827021181583404541015625/18014398509481984",
                                         "-7/3",
                                         "9223372036854775807",
                                         "-9223372036854775808"};

TEST(DecimalFuzzTest, InvariantsHoldOnGeneratedInput) {
  alexdb::fuzzing::InputGenerator(kSeeds, "0123456789.eE+-/").run(kInputs, AlexdbFuzzDecimal);
}

}  // namespace
