// Deterministic inputs for running a fuzz target inside `make test`: random bytes,
// random characters of the format's alphabet, and mutations of valid seeds
// (truncations, splices, byte flips, insertions, deletions, and long runs of one digit).
#ifndef ALEXDB_TESTS_FUZZING_INPUT_GENERATOR_H_
#define ALEXDB_TESTS_FUZZING_INPUT_GENERATOR_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace alexdb::fuzzing {

class InputGenerator {
 public:
  // Draws from `seeds` (at least one) and `alphabet` (not empty); the same arguments
  // give the same sequence on every run.
  InputGenerator(std::vector<std::string> seeds, std::string alphabet)
      : seeds_(std::move(seeds)), alphabet_(std::move(alphabet)) {}

  // The next input.
  std::string next() {
    std::string s = seeds_[pick(seeds_.size())];
    switch (pick(9)) {
      case 0:
        s.clear();
        for (std::size_t n = pick(40); n > 0; --n) s.push_back(static_cast<char>(pick(256)));
        return s;
      case 1:
        s.clear();
        for (std::size_t n = pick(60); n > 0; --n) s.push_back(alphabet_[pick(alphabet_.size())]);
        return s;
      case 2:
        return s.substr(0, pick(s.size() + 1));
      case 3: {
        const std::string& other = seeds_[pick(seeds_.size())];
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
              s.insert(at, 1, alphabet_[pick(alphabet_.size())]);
              break;
            default:
              s.erase(at, 1);
              break;
          }
        }
        return s;
    }
  }

  // Feeds `count` inputs to a libFuzzer-style target.
  template <typename Target>
  void run(int count, Target target) {
    for (int i = 0; i < count; ++i) {
      const std::string input = next();
      target(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    }
  }

 private:
  std::size_t pick(std::size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
  }

  std::vector<std::string> seeds_;
  std::string alphabet_;
  std::mt19937_64 random_{20261125};
};

}  // namespace alexdb::fuzzing

#endif  // ALEXDB_TESTS_FUZZING_INPUT_GENERATOR_H_
