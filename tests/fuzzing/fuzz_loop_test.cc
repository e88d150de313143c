// Runs the codec fuzz target on a bounded number of generated inputs in every `make
// test` (also under the sanitizers); decimal_fuzz_test.cc does the same for the decimal
// target. `make fuzz` runs both targets under libFuzzer.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "alexdb/value.h"
#include "fuzzing/input_generator.h"
#include "model/item_codec.h"
#include "model/json_codec.h"

extern "C" int AlexdbFuzzCodec(const std::uint8_t* data, std::size_t size);

namespace {

using alexdb::fuzzing::InputGenerator;

TEST(FuzzLoopTest, CodecsSurviveGeneratedInput) {
  alexdb::Item item{
      {"PK", alexdb::Value::S("USER#u1")},
      {"n", alexdb::Value::N("-12.5")},
      {"m", alexdb::Value::M(
                {{"l", alexdb::Value::L({alexdb::Value::Bool(true), alexdb::Value::Null()})}})},
      {"ss", alexdb::Value::SS({"a", "b"})},
      {"b", alexdb::Value::B(alexdb::Bytes("xyz"))}};
  std::vector<std::string> seeds{alexdb::codec::item_to_json_text(item),
                                 alexdb::codec::encode_item(item), R"({"a":{"NS":["1","2"]}})",
                                 R"({"a":{"BS":["AA=="]}})"};
  InputGenerator(seeds, "{}[]\":,SNBMLOUT0123456789 .e-=").run(100000, AlexdbFuzzCodec);
}

}  // namespace
