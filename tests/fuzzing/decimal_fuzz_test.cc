// Runs the Decimal fuzz target (decimal_fuzzer.cc) on a bounded, seeded set of inputs in
// every `make test`, also under the sanitizers; `make fuzz` runs it under libFuzzer.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

extern "C" int AlexdbFuzzDecimal(const std::uint8_t* data, std::size_t size);

namespace {

constexpr int kInputs = 200'000;
constexpr std::uint64_t kSeed = 20261125;

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
constexpr std::string_view kAlphabet = "0123456789.eE+-/";

// Random bytes, random characters of the number alphabet, and mutations of the seeds
// (truncation, splicing, byte flips, insertions, deletions, digit runs).
class InputGenerator {
 public:
  std::string next() {
    std::string s = kSeeds[pick(kSeeds.size())];
    switch (pick(8)) {
      case 0:
        s.clear();
        for (std::size_t n = pick(40); n > 0; --n) s.push_back(static_cast<char>(pick(256)));
        return s;
      case 1:
        s.clear();
        for (std::size_t n = pick(60); n > 0; --n) s.push_back(kAlphabet[pick(kAlphabet.size())]);
        return s;
      case 2:
        return s.substr(0, pick(s.size() + 1));
      case 3: {
        const std::string& other = kSeeds[pick(kSeeds.size())];
        return s.substr(0, pick(s.size() + 1)) + other.substr(pick(other.size() + 1));
      }
      case 4:  // a long run of one digit: many zeros, or too many digits
        s.insert(pick(s.size() + 1), pick(300), static_cast<char>('0' + pick(10)));
        return s;
      default:
        for (std::size_t edits = 1 + pick(4); edits > 0 && !s.empty(); --edits) {
          const std::size_t at = pick(s.size());
          switch (pick(3)) {
            case 0:
              s[at] = static_cast<char>(s[at] ^ (1 << pick(8)));
              break;
            case 1:
              s.insert(at, 1, kAlphabet[pick(kAlphabet.size())]);
              break;
            default:
              s.erase(at, 1);
              break;
          }
        }
        return s;
    }
  }

 private:
  std::size_t pick(std::size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
  }
  std::mt19937_64 random_{kSeed};
};

TEST(DecimalFuzzTest, InvariantsHoldOnGeneratedInput) {
  InputGenerator generator;
  for (int i = 0; i < kInputs; ++i) {
    const std::string input = generator.next();
    AlexdbFuzzDecimal(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  }
}

}  // namespace
