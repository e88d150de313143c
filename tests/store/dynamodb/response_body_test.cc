#include "store/dynamodb/response_body.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "alexdb/errors.h"

namespace alexdb::dynamodb {
namespace {

std::string gzip(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string crc_text(const std::string& bytes) { return std::to_string(crc32_of(bytes)); }

TEST(ResponseBodyTest, Crc32MatchesTheStandardCheckValue) {
  EXPECT_EQ(crc32_of("123456789"), 0xCBF43926u);
}

TEST(ResponseBodyTest, PlainBodiesPassTheirChecksum) {
  std::string body = R"({"Item":{"PK":{"S":"a"}}})";
  EXPECT_EQ(decode_body(body, crc_text(body), ""), body);
  EXPECT_EQ(decode_body(body, "", ""), body);  // no header: nothing to check
}

TEST(ResponseBodyTest, TheChecksumCoversTheCompressedBytes) {
  std::string body(5000, 'x');
  std::string compressed = gzip(body);
  EXPECT_EQ(decode_body(compressed, crc_text(compressed), "gzip"), body);
  EXPECT_THROW(decode_body(compressed, crc_text(body), "gzip"), ServiceError);
}

TEST(ResponseBodyTest, MismatchedOrMalformedChecksumsAreErrors) {
  std::string body = "{}";
  try {
    decode_body(body, std::to_string(crc32_of(body) ^ 1u), "");
    FAIL();
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.error_type(), "ChecksumMismatch");
  }
  EXPECT_THROW(decode_body(body, "12ab", ""), ServiceError);
}

TEST(ResponseBodyTest, DamagedOrTruncatedGzipIsMalformed) {
  std::string compressed = gzip(std::string(5000, 'y'));
  try {
    decode_body(compressed.substr(0, compressed.size() / 2), "", "gzip");
    FAIL();
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.error_type(), "MalformedResponse");
  }
  std::string damaged = compressed;
  damaged[12] = static_cast<char>(damaged[12] ^ 0xFF);
  EXPECT_THROW(decode_body(damaged, "", "gzip"), ServiceError);
  EXPECT_THROW(decode_body("{}", "", "br"), ServiceError);
}

}  // namespace
}  // namespace alexdb::dynamodb
