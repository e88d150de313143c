// Runs the codec fuzz target on a bounded number of generated inputs in every `make
// test` (also under the sanitizers); decimal_fuzz_test.cc does the same for the decimal
// target. `make fuzz` runs both targets under libFuzzer.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "alexdb/value.h"
#include "model/item_codec.h"
#include "model/json_codec.h"

extern "C" int AlexdbFuzzCodec(const std::uint8_t* data, std::size_t size);

namespace {

// Random bytes, and mutations (flips, truncations, insertions, splices) of the seeds.
class InputGenerator {
 public:
  InputGenerator(std::vector<std::string> seeds, std::string alphabet)
      : seeds_(std::move(seeds)), alphabet_(std::move(alphabet)) {}

  std::string next() {
    std::uniform_int_distribution<int> kind(0, 9);
    std::string s = seeds_[pick(seeds_.size())];
    switch (kind(random_)) {
      case 0: {  // random bytes
        s.clear();
        for (std::size_t n = pick(40); n > 0; --n) s.push_back(static_cast<char>(pick(256)));
        return s;
      }
      case 1:  // random characters of the format's alphabet
        s.clear();
        for (std::size_t n = pick(60); n > 0; --n) s.push_back(alphabet_[pick(alphabet_.size())]);
        return s;
      case 2:
        return s.substr(0, pick(s.size() + 1));
      case 3: {
        const std::string& other = seeds_[pick(seeds_.size())];
        return s.substr(0, pick(s.size() + 1)) + other.substr(pick(other.size() + 1));
      }
      default: {
        for (int edits = 1 + static_cast<int>(pick(4)); edits > 0 && !s.empty(); --edits) {
          std::size_t at = pick(s.size());
          switch (pick(3)) {
            case 0: s[at] = static_cast<char>(s[at] ^ (1 << pick(8))); break;
            case 1: s.insert(at, 1, alphabet_[pick(alphabet_.size())]); break;
            default: s.erase(at, 1); break;
          }
        }
        return s;
      }
    }
  }

 private:
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }
  std::vector<std::string> seeds_;
  std::string alphabet_;
  std::mt19937_64 random_{20261125};
};

template <typename Target>
void run(InputGenerator generator, int count, Target target) {
  for (int i = 0; i < count; ++i) {
    std::string input = generator.next();
    target(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  }
}

TEST(FuzzLoopTest, CodecsSurviveGeneratedInput) {
  alexdb::Item item{{"PK", alexdb::Value::S("USER#u1")},
                    {"n", alexdb::Value::N("-12.5")},
                    {"m", alexdb::Value::M({{"l", alexdb::Value::L({alexdb::Value::Bool(true),
                                                                    alexdb::Value::Null()})}})},
                    {"ss", alexdb::Value::SS({"a", "b"})},
                    {"b", alexdb::Value::B(alexdb::Bytes("xyz"))}};
  std::vector<std::string> seeds{alexdb::codec::item_to_json_text(item),
                                 alexdb::codec::encode_item(item), R"({"a":{"NS":["1","2"]}})",
                                 R"({"a":{"BS":["AA=="]}})"};
  run(InputGenerator(seeds, "{}[]\":,SNBMLOUT0123456789 .e-="), 100000, AlexdbFuzzCodec);
}

}  // namespace
