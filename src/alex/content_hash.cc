// ContentHash (alexdb/backup.h): SHA-256 of each item's canonical binary form, summed.
#include <openssl/evp.h>

#include <cstdio>
#include <string>

#include "alexdb/backup.h"
#include "model/item_codec.h"

namespace alexdb {

namespace {

// Adds the 256-bit big-endian `digest` to `sum` (little-endian limbs), modulo 2^256.
void add_digest(std::array<std::uint64_t, 4>& sum, const unsigned char* digest) {
  unsigned carry = 0;
  for (int limb = 0; limb < 4; ++limb) {
    std::uint64_t v = 0;
    for (int b = 0; b < 8; ++b) v = (v << 8) | digest[(3 - limb) * 8 + b];
    std::uint64_t before = sum[limb];
    std::uint64_t with_v = before + v;
    std::uint64_t total = with_v + carry;
    carry = (with_v < before || total < with_v) ? 1 : 0;
    sum[limb] = total;
  }
}

}  // namespace

void ContentHash::add(const Item& item) {
  std::string bytes = codec::encode_item(item);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1 ||
      length != 32) {
    throw Error("SHA-256 of an item failed (OpenSSL)");
  }
  add_digest(sum_, digest);
  ++count_;
}

void ContentHash::merge(const ContentHash& other) {
  unsigned char digest[32];
  for (int limb = 0; limb < 4; ++limb) {
    for (int b = 0; b < 8; ++b) {
      digest[(3 - limb) * 8 + b] = static_cast<unsigned char>(other.sum_[limb] >> (56 - 8 * b));
    }
  }
  add_digest(sum_, digest);
  count_ += other.count_;
}

std::string ContentHash::hex() const {
  std::string out;
  char buffer[17];
  for (int limb = 3; limb >= 0; --limb) {
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(sum_[limb]));
    out += buffer;
  }
  return out;
}

}  // namespace alexdb
