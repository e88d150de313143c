#include "store/dynamodb/response_body.h"

#include <zlib.h>

#include <charconv>

#include "alexdb/errors.h"

namespace alexdb::dynamodb {

namespace {

// Responses larger than this after inflating are refused (a 1 MB page is the largest
// DynamoDB sends; a "gzip bomb" must not exhaust memory).
constexpr std::size_t kMaxInflatedBytes = 64u << 20;

std::string gunzip(std::string_view data) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    throw ServiceError("MalformedResponse", "cannot start gzip decoding");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&stream);
      throw ServiceError("MalformedResponse", "damaged gzip response body");
    }
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > kMaxInflatedBytes) {
      inflateEnd(&stream);
      throw ServiceError("MalformedResponse", "gzip response body inflates beyond 64 MiB");
    }
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      inflateEnd(&stream);
      throw ServiceError("MalformedResponse", "truncated gzip response body");
    }
  }
  inflateEnd(&stream);
  return out;
}

}  // namespace

std::uint32_t crc32_of(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths: feed large inputs in pieces.
  while (!bytes.empty()) {
    auto n = static_cast<uInt>(std::min<std::size_t>(bytes.size(), 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), n);
    bytes.remove_prefix(n);
  }
  return static_cast<std::uint32_t>(crc);
}

std::string decode_body(std::string raw, std::string_view crc_header,
                        std::string_view content_encoding) {
  if (!crc_header.empty()) {
    std::uint32_t expected = 0;
    auto [end, ec] = std::from_chars(crc_header.data(), crc_header.data() + crc_header.size(),
                                     expected);
    if (ec != std::errc() || end != crc_header.data() + crc_header.size()) {
      throw ServiceError("ChecksumMismatch", "malformed x-amz-crc32 header");
    }
    if (crc32_of(raw) != expected) {
      throw ServiceError("ChecksumMismatch",
                         "response body does not match its x-amz-crc32 checksum");
    }
  }
  if (content_encoding == "gzip") return gunzip(raw);
  if (!content_encoding.empty() && content_encoding != "identity") {
    throw ServiceError("MalformedResponse",
                       "unsupported content encoding: " + std::string(content_encoding.substr(0, 32)));
  }
  return raw;
}

}  // namespace alexdb::dynamodb
