// The embedded engine's compact binary form of an item (what is stored in SQLite).
// Format (DO NOT CHANGE: it is in users' files): a version byte (1), then the item as
// a map body: varint count, then per attribute varint name length, name bytes, value.
// A value is its Value::Type byte followed by its body (varint length + bytes for S, B
// and N's canonical text; one byte for BOOL; nothing for NULL; varint count + elements
// for M, L, SS, NS, BS).
#ifndef ALEXDB_MODEL_ITEM_CODEC_H_
#define ALEXDB_MODEL_ITEM_CODEC_H_

#include <string>
#include <string_view>

#include "alexdb/value.h"

namespace alexdb::codec {

// Appends the binary form of `item` to `out`.
void encode_item(const Item& item, std::string& out);
std::string encode_item(const Item& item);
// Decodes what encode_item wrote. Damaged or truncated input throws StoreError.
Item decode_item(std::string_view bytes);
// decode_item into `item`, whose nodes are reused where the names match (so reading many
// items into one allocates fewer nodes); the same errors, after which `item` holds some
// of its attributes.
void decode_item_into(std::string_view bytes, Item& item);

}  // namespace alexdb::codec

#endif  // ALEXDB_MODEL_ITEM_CODEC_H_
