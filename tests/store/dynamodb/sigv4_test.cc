// The AWS SigV4 test suite (testdata/sigv4, see SOURCE.txt there): one test per case.
#include "store/dynamodb/sigv4.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "hex.h"

namespace alexdb::dynamodb {
namespace {

using testing::to_hex;

namespace fs = std::filesystem;

const fs::path kSuite = fs::path(ALEXDB_SOURCE_DIR) / "testdata" / "sigv4";
const Credentials kCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
// The session token of the post-sts-token cases, kept on one line.
// clang-format off
constexpr const char* kSessionToken =
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
// clang-format on

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Parses a raw HTTP request file: request line, headers (with folded lines), body.
SigningRequest parse_request(const std::string& raw) {
  SigningRequest request;
  std::size_t line_end = raw.find('\n');
  std::string first = raw.substr(0, line_end);
  std::size_t space = first.find(' ');
  std::size_t last_space = first.rfind(' ');
  request.method = first.substr(0, space);
  std::string target = first.substr(space + 1, last_space - space - 1);
  std::size_t question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) request.query = target.substr(question + 1);
  std::size_t pos = line_end == std::string::npos ? raw.size() : line_end + 1;
  while (pos < raw.size()) {
    std::size_t end = raw.find('\n', pos);
    if (end == std::string::npos) end = raw.size();
    std::string line = raw.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) {
      request.body = pos < raw.size() ? raw.substr(pos) : "";
      break;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !request.headers.empty()) {
      request.headers.back().second += " " + line;  // a folded continuation line
      continue;
    }
    std::size_t colon = line.find(':');
    request.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  return request;
}

std::vector<std::string> cases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(kSuite)) {
    if (entry.path().extension() == ".req") {
      names.push_back(fs::relative(entry.path().parent_path(), kSuite).string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

class SigV4SuiteTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SigV4SuiteTest, MatchesTheExpectedSignature) {
  fs::path dir = kSuite / GetParam();
  std::string name = dir.filename().string();
  SigningRequest request = parse_request(read(dir / (name + ".req")));
  Credentials credentials = kCredentials;
  // Session tokens: get-vanilla-with-session-token gives its token only in the signed
  // request (.sreq) and expects the signer to add and sign it, as alexdb's DynamoDB
  // client does; post-sts-header-before carries the token in its request already;
  // post-sts-header-after adds the token only after signing, so it is not signed there.
  std::string expected_creq = read(dir / (name + ".creq"));
  bool token_in_request = false;
  for (const auto& [header, value] : request.headers) {
    if (header == "X-Amz-Security-Token") token_in_request = true;
  }
  if (!token_in_request && expected_creq.find("x-amz-security-token:") != std::string::npos) {
    std::string signed_request = read(dir / (name + ".sreq"));
    std::size_t at = signed_request.find("X-Amz-Security-Token:");
    ASSERT_NE(at, std::string::npos);
    std::size_t begin = at + std::string("X-Amz-Security-Token:").size();
    credentials.session_token =
        signed_request.substr(begin, signed_request.find('\n', begin) - begin);
  }
  Signature signature = sign(request, credentials, "us-east-1", "service", "20150830T123600Z");
  EXPECT_EQ(signature.canonical_request, expected_creq);
  EXPECT_EQ(signature.string_to_sign, read(dir / (name + ".sts")));
  EXPECT_EQ(signature.authorization, read(dir / (name + ".authz")));
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Vectors, SigV4SuiteTest, ::testing::ValuesIn(cases()), case_name);

TEST(SigV4Test, SessionTokenIsSignedAndAdded) {
  SigningRequest request{"POST", "/", "", {{"host", "dynamodb.us-east-1.amazonaws.com"}}, "{}"};
  Credentials credentials = kCredentials;
  credentials.session_token = kSessionToken;
  Signature signature = sign(request, credentials, "us-east-1", "dynamodb", "20150830T123600Z");
  EXPECT_NE(signature.canonical_request.find("x-amz-security-token:"), std::string::npos);
  EXPECT_NE(signature.authorization.find("SignedHeaders=host;x-amz-date;x-amz-security-token"),
            std::string::npos);
  bool has_token = false;
  for (const auto& [header, value] : signature.headers_to_add) {
    if (header == "X-Amz-Security-Token") has_token = value == kSessionToken;
  }
  EXPECT_TRUE(has_token);
}

TEST(SigV4Test, TheSecretKeyAppearsInNoOutput) {
  SigningRequest request{"POST", "/", "", {{"host", "example.amazonaws.com"}}, "{}"};
  Signature signature = sign(request, kCredentials, "us-east-1", "dynamodb", "20150830T123600Z");
  for (const std::string& text :
       {signature.canonical_request, signature.string_to_sign, signature.authorization}) {
    EXPECT_EQ(text.find(kCredentials.secret_access_key), std::string::npos);
  }
}

TEST(SigV4Test, TheSecretKeyAppearsInNoAddedHeader) {
  SigningRequest request{"POST", "/", "", {{"host", "example.amazonaws.com"}}, "{}"};
  Signature signature = sign(request, kCredentials, "us-east-1", "dynamodb", "20150830T123600Z");
  for (const auto& [header, value] : signature.headers_to_add) {
    EXPECT_EQ(value.find(kCredentials.secret_access_key), std::string::npos) << header;
  }
}

TEST(SigV4Test, NoSessionTokenHeaderWithoutAToken) {
  SigningRequest request{"POST", "/", "", {{"host", "example.amazonaws.com"}}, "{}"};
  Signature signature = sign(request, kCredentials, "us-east-1", "dynamodb", "20150830T123600Z");
  EXPECT_EQ(signature.canonical_request.find("x-amz-security-token"), std::string::npos);
  std::vector<std::string> names;
  for (const auto& [header, value] : signature.headers_to_add) names.push_back(header);
  EXPECT_EQ(names, (std::vector<std::string>{"X-Amz-Date", "Authorization"}));
}

// The examples of "Deriving the signing key" in the AWS General Reference (SigV4).
TEST(SigV4Test, DerivesTheSigningKeyOfTheAwsExamples) {
  EXPECT_EQ(
      to_hex(derive_signing_key(kCredentials.secret_access_key, "20150830", "us-east-1", "iam")),
      "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  EXPECT_EQ(
      to_hex(derive_signing_key(kCredentials.secret_access_key, "20120215", "us-east-1", "iam")),
      "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(SigV4Test, Sha256OfTheEmptyString) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace alexdb::dynamodb
