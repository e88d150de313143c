// The DynamoDB engine under injected faults, through FaultProxy in front of dynalite
// (ALEXDB_TEST_DYNAMODB_ENDPOINT; skipped without it). All traffic stays on 127.0.0.1.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>
#include <random>

#include "alexdb/errors.h"
#include "fault_proxy.h"
#include "forked_child.h"
#include "store/dynamodb/dynamodb_store.h"

namespace alexdb::dynamodb {
namespace {

using testing::Fault;
using testing::FaultProxy;

class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* endpoint = std::getenv("ALEXDB_TEST_DYNAMODB_ENDPOINT");
    if (!endpoint || !*endpoint) GTEST_SKIP() << "ALEXDB_TEST_DYNAMODB_ENDPOINT is not set";
    std::string text(endpoint);
    int port = std::stoi(text.substr(text.rfind(':') + 1));
    proxy_ = std::make_unique<FaultProxy>(port, std::chrono::milliseconds(1500));
    direct_ = make_store(text, 3);
    store_ = make_store(proxy_->endpoint(), 4);
    table_ = "fault-" + std::to_string(std::random_device{}());
    direct_->create_table({table_, {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}});
    // Warm the engine's schema cache so that scripted faults meet the calls under test.
    store_->get({table_, key("warm"), true, {}});
  }
  void TearDown() override {
    if (direct_) direct_->delete_table(table_);
  }

  static std::unique_ptr<DynamoDbStore> make_store(const std::string& endpoint, int attempts) {
    DynamoDbOptions options;
    options.endpoint = endpoint;
    options.credentials = std::make_shared<StaticCredentialsProvider>(
        Credentials{"alexdb-test", "alexdb-test-secret", ""});
    options.http.request_timeout = std::chrono::milliseconds(800);
    options.max_attempts = attempts;
    options.backoff_base = std::chrono::milliseconds(1);
    options.backoff_cap = std::chrono::milliseconds(20);
    return std::make_unique<DynamoDbStore>(std::move(options));
  }
  static Item key(const std::string& sk) { return {{"PK", Value::S("p")}, {"SK", Value::S(sk)}}; }
  Item item(const std::string& sk, std::int64_t n) {
    Item i = key(sk);
    i["n"] = Value::N(n);
    return i;
  }

  std::unique_ptr<FaultProxy> proxy_;
  std::unique_ptr<DynamoDbStore> direct_;
  std::unique_ptr<DynamoDbStore> store_;
  std::string table_;
};

TEST_F(FaultTest, RetriesThroughResetsServerErrorsAndThrottling) {
  proxy_->script({Fault::kReset, Fault::kServerError, Fault::kThrottle});
  int before = proxy_->requests();
  store_->put({table_, item("a", 1), std::nullopt, ReturnValues::kNone});
  EXPECT_EQ(proxy_->requests() - before, 4);
  EXPECT_EQ(direct_->get({table_, key("a"), true, {}}).item->at("n"), Value::N(std::int64_t{1}));
}

TEST_F(FaultTest, RetriesAStallPastTheTimeoutAndATruncatedResponse) {
  proxy_->script({Fault::kStall, Fault::kTruncate});
  direct_->put({table_, item("b", 2), std::nullopt, ReturnValues::kNone});
  auto got = store_->get({table_, key("b"), true, {}});
  ASSERT_TRUE(got.item);
  EXPECT_EQ(got.item->at("n"), Value::N(std::int64_t{2}));
}

TEST_F(FaultTest, ACorruptedBodyFailsItsChecksumAndIsRetried) {
  direct_->put({table_, item("c", 3), std::nullopt, ReturnValues::kNone});
  proxy_->script({Fault::kCorruptBody});
  int before = proxy_->requests();
  auto got = store_->get({table_, key("c"), true, {}});
  EXPECT_EQ(got.item->at("n"), Value::N(std::int64_t{3}));
  EXPECT_EQ(proxy_->requests() - before, 2);
}

TEST_F(FaultTest, ExhaustedRetriesGiveAClearError) {
  proxy_->script({Fault::kServerError, Fault::kServerError, Fault::kServerError, Fault::kServerError});
  try {
    store_->get({table_, key("x"), true, {}});
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.error_type(), "InternalServerError");
    EXPECT_NE(std::string(e.what()).find("after 4 attempts"), std::string::npos) << e.what();
  }
  proxy_->script({Fault::kThrottle, Fault::kThrottle, Fault::kThrottle, Fault::kThrottle});
  EXPECT_THROW(store_->get({table_, key("x"), true, {}}), Throttled);
  // curl itself retries once on a reused connection that died, so script more resets
  // than attempts (this is the test's last call).
  proxy_->script(std::vector<Fault>(12, Fault::kReset));
  try {
    store_->get({table_, key("x"), true, {}});
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.error_type(), "ConnectionError");
  }
}

TEST_F(FaultTest, AMalformedBodyIsAnErrorNotACrash) {
  proxy_->script({Fault::kMalformed});
  try {
    store_->get({table_, key("x"), true, {}});
    FAIL() << "expected ServiceError";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.error_type(), "MalformedResponse");
  }
}

TEST_F(FaultTest, ValidationAndConditionFailuresAreNotRetried) {
  direct_->put({table_, item("d", 4), std::nullopt, ReturnValues::kNone});
  int before = proxy_->requests();
  EXPECT_THROW(store_->put({table_, item("d", 5), cond::attribute_not_exists("PK"), ReturnValues::kNone}),
               ConditionFailed);
  EXPECT_EQ(proxy_->requests() - before, 1);
}

TEST_F(FaultTest, NoErrorEverShowsTheSecretOrTheSessionToken) {
  const std::string secret = "SECRETKEY-must-not-leak-0123456789";
  const std::string token = "SESSIONTOKEN-must-not-leak-9876543210";
  DynamoDbOptions options;
  options.endpoint = proxy_->endpoint();
  options.credentials =
      std::make_shared<StaticCredentialsProvider>(Credentials{"AKIDLEAKTEST", secret, token});
  options.max_attempts = 2;
  options.backoff_base = std::chrono::milliseconds(1);
  options.http.request_timeout = std::chrono::milliseconds(800);
  DynamoDbStore leaky(options);
  std::vector<std::string> messages;
  auto attempt = [&](std::vector<Fault> faults, const std::function<void()>& call) {
    proxy_->script(std::move(faults));
    try {
      call();
    } catch (const Error& e) {
      messages.push_back(e.what());
    }
  };
  auto get = [&] { leaky.get({table_, key("x"), true, {}}); };
  attempt({Fault::kServerError, Fault::kServerError}, get);
  attempt({Fault::kThrottle, Fault::kThrottle}, get);
  attempt({Fault::kMalformed}, get);
  attempt({Fault::kReset, Fault::kReset, Fault::kReset, Fault::kReset}, get);
  attempt({}, [&] { leaky.get({"no-such-table-here", key("x"), true, {}}); });
  attempt({}, [&] {
    leaky.put({table_, item("y", 1), cond::attribute_exists("PK"), ReturnValues::kNone});
  });
  ASSERT_GE(messages.size(), 6u);
  for (const std::string& message : messages) {
    EXPECT_EQ(message.find(secret), std::string::npos) << message;
    EXPECT_EQ(message.find(token), std::string::npos) << message;
  }
}

// A conditional write whose response is lost is retried; the condition makes the
// retry safe: the update records its request token, and applies only if that token is
// not the last one recorded. The retry then fails its condition instead of applying
// again, and the caller confirms its own write by reading the token back.
TEST_F(FaultTest, AConditionalWriteRetriedAfterALostResponseAppliesOnce) {
  direct_->put({table_, item("counter", 0), std::nullopt, ReturnValues::kNone});
  const Value token = Value::S("request-7f3a");
  Update add_one;
  add_one.add("n", Value::N(std::int64_t{1})).set("last_request", token);
  Condition not_yet_applied =
      cond::attribute_not_exists("last_request") || cond::ne(cond::path("last_request"), token);

  proxy_->script({Fault::kLoseResponse});
  int forwarded_before = proxy_->forwarded();
  bool confirmed = false;
  try {
    store_->update({table_, key("counter"), add_one, not_yet_applied, ReturnValues::kNone});
    confirmed = true;
  } catch (const ConditionFailed&) {
    // The first attempt was applied and its answer lost: confirm it by its token.
    auto current = direct_->get({table_, key("counter"), true, {}}).item;
    confirmed = current && current->at("last_request") == token;
  }
  EXPECT_TRUE(confirmed);
  EXPECT_EQ(proxy_->forwarded() - forwarded_before, 2);  // the lost attempt and the retry
  EXPECT_EQ(direct_->get({table_, key("counter"), true, {}}).item->at("n"), Value::N(std::int64_t{1}));
}

// The chunks of a batch write are sent concurrently: each is held 100 ms by the proxy,
// so chunks sent one after another would never be held together.
TEST_F(FaultTest, ABatchWriteSendsItsChunksConcurrently) {
  proxy_->set_rule([](const std::string& request) {
    return request.find("BatchWriteItem") != std::string::npos ? Fault::kSlow : Fault::kPass;
  });
  std::vector<WriteOp> ops;
  for (int i = 0; i < 100; ++i) ops.push_back(WriteOp::put(table_, item("batch-" + std::to_string(i), i)));
  proxy_->reset_tally();
  BatchWriteResult result = store_->batch_write(ops);
  EXPECT_EQ(proxy_->tally().operations["BatchWriteItem"], 4);
  EXPECT_GE(proxy_->most_in_flight(), 2);
  EXPECT_EQ(result.consumed.write_units, Decimal::from_int(100));
  for (int i = 0; i < 100; ++i) {
    auto got = direct_->get({table_, key("batch-" + std::to_string(i)), true, {}}).item;
    ASSERT_TRUE(got) << i;
    EXPECT_EQ(got->at("n"), Value::N(std::int64_t{i}));
  }
}

// The chunks of a batch read are sent concurrently too.
TEST_F(FaultTest, ABatchReadSendsItsChunksConcurrently) {
  std::vector<WriteOp> ops;
  for (int i = 0; i < 250; ++i) ops.push_back(WriteOp::put(table_, item("read-" + std::to_string(i), i)));
  direct_->batch_write(ops);
  proxy_->set_rule([](const std::string& request) {
    return request.find("BatchGetItem") != std::string::npos ? Fault::kSlow : Fault::kPass;
  });
  BatchGetRequest request;
  request.tables.push_back({table_, {}, true});
  for (int i = 0; i < 250; ++i) request.tables[0].keys.push_back(key("read-" + std::to_string(i)));
  proxy_->reset_tally();
  BatchGetResult got = store_->batch_get(request);
  EXPECT_EQ(proxy_->tally().operations["BatchGetItem"], 3);
  EXPECT_GE(proxy_->most_in_flight(), 2);
  ASSERT_EQ(got.items.size(), 1u);
  EXPECT_EQ(got.items[0].size(), 250u);
}

// A chunk whose request fails is retried while the others complete: every item lands.
TEST_F(FaultTest, AConcurrentBatchWriteRetriesTheChunkThatFailed) {
  std::vector<WriteOp> ops;
  for (int i = 0; i < 60; ++i) ops.push_back(WriteOp::put(table_, item("retry-" + std::to_string(i), i)));
  proxy_->script({Fault::kServerError});
  proxy_->reset_tally();
  const int before = proxy_->requests();
  store_->batch_write(ops);
  EXPECT_EQ(proxy_->requests() - before, 4);                    // 3 chunks and 1 retry
  EXPECT_EQ(proxy_->tally().operations["BatchWriteItem"], 3);  // forwarded and answered
  for (int i = 0; i < 60; ++i) {
    EXPECT_TRUE(direct_->get({table_, key("retry-" + std::to_string(i)), true, {}}).item) << i;
  }
}

// A process forked after the store sent requests must not send on the parent's kept-alive
// connections: both would write requests to one socket and read each other's responses.
TEST_F(FaultTest, AForkedChildSendsOnConnectionsOfItsOwn) {
  store_->put({table_, item("parent", 1), std::nullopt, ReturnValues::kNone});
  store_->put({table_, item("child", 2), std::nullopt, ReturnValues::kNone});
  // Reads `sk` `times` times; how many answers were not the item written above.
  auto wrong_answers = [this](const std::string& sk, std::int64_t n, int times) {
    int wrong = 0;
    for (int i = 0; i < times; ++i) {
      try {
        auto got = store_->get({table_, key(sk), true, {}}).item;
        if (!got || got->at("n") != Value::N(n)) ++wrong;
      } catch (const std::exception&) {
        ++wrong;
      }
    }
    return wrong;
  };
  // First the child alone (the parent waits): it opens a connection.
  const int connections = proxy_->connections();
  EXPECT_TRUE(testing::succeeds_in_child([&] { return wrong_answers("child", 2, 5) == 0; }));
  EXPECT_EQ(proxy_->connections(), connections + 1);
  // Then the child and the parent at once: each gets its own answers.
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(wrong_answers("child", 2, 100) == 0 ? 0 : 1);
  EXPECT_EQ(wrong_answers("parent", 1, 100), 0);
  EXPECT_TRUE(testing::child_succeeds(child));
}

}  // namespace
}  // namespace alexdb::dynamodb
