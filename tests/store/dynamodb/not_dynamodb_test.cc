// The DynamoDB engine pointed at a server that is not DynamoDB (a web server, a proxy's
// error page): the error says the HTTP status and that the endpoint is not answering as
// DynamoDB, and a 4xx is not retried (SPEC section 9, "errors say what to do").
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "alexdb/errors.h"
#include "scripted_server.h"
#include "store/dynamodb/dynamodb_store.h"

namespace alexdb::dynamodb {
namespace {

using testing::ScriptedServer;

// The ServiceError of one ListTables call to a server that answers `answer`.
ServiceError error_for(ScriptedServer::Answer answer, int* requests = nullptr) {
  ScriptedServer server([&](const std::string&, const std::string&) { return answer; });
  auto store = testing::store_answered_by(server.endpoint(), 3);
  try {
    store->list_tables();
  } catch (const ServiceError& e) {
    if (requests) *requests = server.requests();
    return e;
  }
  ADD_FAILURE() << "list_tables succeeded";
  return ServiceError("none", "");
}

TEST(NotDynamoDbTest, A404WithAnEmptyBodySaysTheStatusAndIsNotRetried) {
  int requests = 0;
  ServiceError e = error_for({404, "", false, "text/plain"}, &requests);
  std::string message = e.what();
  EXPECT_EQ(e.error_type(), "NotDynamoDB") << message;
  EXPECT_EQ(e.http_status(), 404);
  EXPECT_NE(message.find("HTTP 404"), std::string::npos) << message;
  EXPECT_NE(message.find("not answering as DynamoDB"), std::string::npos) << message;
  EXPECT_NE(message.find("ALEXDB_STORE"), std::string::npos) << message;
  EXPECT_EQ(message.find("UnknownError"), std::string::npos) << message;
  EXPECT_EQ(requests, 1);
}

TEST(NotDynamoDbTest, AnHtmlErrorPageIsQuotedPrintably) {
  ServiceError e = error_for({403, "<html><body>Forbidden\x01</body></html>", false, "text/html"});
  std::string message = e.what();
  EXPECT_EQ(e.error_type(), "NotDynamoDB") << message;
  EXPECT_NE(message.find("HTTP 403"), std::string::npos) << message;
  EXPECT_NE(message.find("'<html><body>Forbidden?</body></html>'"), std::string::npos) << message;
}

TEST(NotDynamoDbTest, A502WithoutADynamoDbErrorIsRetriedThenNamed) {
  int requests = 0;
  ServiceError e = error_for({502, "Bad Gateway", false, "text/plain"}, &requests);
  std::string message = e.what();
  EXPECT_EQ(e.error_type(), "NotDynamoDB") << message;
  EXPECT_NE(message.find("HTTP 502"), std::string::npos) << message;
  EXPECT_NE(message.find("after 3 attempts"), std::string::npos) << message;
  EXPECT_EQ(requests, 3);
}

TEST(NotDynamoDbTest, A200ThatIsNotJsonIsNotDynamoDb) {
  ServiceError e = error_for({200, "<!doctype html><title>It works</title>", false, "text/html"});
  std::string message = e.what();
  EXPECT_EQ(e.error_type(), "MalformedResponse") << message;
  EXPECT_NE(message.find("HTTP 200"), std::string::npos) << message;
  EXPECT_NE(message.find("not answering as DynamoDB"), std::string::npos) << message;
}

TEST(NotDynamoDbTest, ADynamoDbErrorKeepsItsType) {
  ServiceError e = error_for(
      {400,
       R"({"__type":"com.amazonaws.dynamodb.v20120810#AccessDeniedException","message":"no"})"});
  EXPECT_EQ(e.error_type(), "AccessDeniedException");
  EXPECT_EQ(std::string(e.what()), "AccessDeniedException: no");
}

}  // namespace
}  // namespace alexdb::dynamodb
