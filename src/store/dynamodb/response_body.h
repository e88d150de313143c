// Checks and decodes a DynamoDB response body: the x-amz-crc32 checksum (computed by
// the service over the bytes as sent) and gzip content encoding.
#ifndef ALEXDB_STORE_DYNAMODB_RESPONSE_BODY_H_
#define ALEXDB_STORE_DYNAMODB_RESPONSE_BODY_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace alexdb::dynamodb {

// CRC-32 (ISO-HDLC, as gzip and zlib compute it) of `bytes`.
std::uint32_t crc32_of(std::string_view bytes);

// The decoded body. `crc_header` is the x-amz-crc32 value ("" when absent: no check);
// `content_encoding` "gzip" or "" (identity). Throws ServiceError of type
// "ChecksumMismatch" on a CRC mismatch or a malformed header, and "MalformedResponse"
// when gzip data is damaged or inflates beyond 64 MiB.
std::string decode_body(std::string raw, std::string_view crc_header,
                        std::string_view content_encoding);

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_RESPONSE_BODY_H_
