// Fuzz target for both item codecs: any input either decodes or fails with an
// alexdb::Error; whatever decodes must re-encode and decode to an equal item.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "alexdb/errors.h"
#include "model/item_codec.h"
#include "model/json_codec.h"

extern "C" int AlexdbFuzzCodec(const std::uint8_t* data, std::size_t size) {
  using namespace alexdb;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    Item item = codec::item_from_json_text(input);
    if (!(codec::item_from_json_text(codec::item_to_json_text(item)) == item)) std::abort();
    if (!(codec::decode_item(codec::encode_item(item)) == item)) std::abort();
  } catch (const Error&) {
  }
  try {
    Item item = codec::decode_item(input);
    if (!(codec::decode_item(codec::encode_item(item)) == item)) std::abort();
  } catch (const Error&) {
  }
  return 0;
}
