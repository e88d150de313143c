#include "alex/keys.h"

#include <gtest/gtest.h>

namespace alexdb::alex::keys {
namespace {

TEST(KeysTest, BuildsTheSpecLayout) {
  EXPECT_EQ(user_pk("user_123"), "USER#user_123");
  EXPECT_EQ(account_sk("a1"), "ACCOUNT#a1");
  EXPECT_EQ(account_pk("a1"), "ACCOUNT#a1");
  EXPECT_EQ(current_sk("SPY"), "CURRENT#SPY");
  EXPECT_EQ(history_sk("SPY", "2025-01-15T14:30:00.000000Z"),
            "HISTORY#SPY#2025-01-15T14:30:00.000000Z");
  EXPECT_EQ(job_sk("2025-01-15T14:30:00.000000Z", "j1"), "JOB#2025-01-15T14:30:00.000000Z#j1");
  EXPECT_EQ(job_pk("j1"), "JOB#j1");
  EXPECT_EQ(job_status_gsi1pk("pending"), "JOB#pending");
  EXPECT_EQ(job_status_gsi1sk("u1", "2025-01-15T14:30:00.000000Z"),
            "USER#u1#2025-01-15T14:30:00.000000Z");
  EXPECT_EQ(price_sk("2025-01-15T00:00:00.000000Z"), "2025-01-15T00:00:00.000000Z");
}

TEST(KeysTest, HistoryPrefixOfOneSymbolExcludesLongerSymbols) {
  std::string spy = history_prefix("SPY");
  EXPECT_EQ(history_sk("SPY", "t").rfind(spy, 0), 0u);
  EXPECT_NE(history_sk("SPYG", "t").rfind(spy, 0), 0u);
}

TEST(KeysTest, ParsersInvertBuilders) {
  EXPECT_EQ(parse_user_pk(user_pk("u1")), "u1");
  EXPECT_EQ(parse_account_pk(account_pk("a1")), "a1");
  EXPECT_EQ(parse_account_sk(account_sk("a1")), "a1");
  EXPECT_EQ(parse_current_sk(current_sk("BRK.B")), "BRK.B");
  auto history = parse_history_sk(history_sk("SPY", "2025-01-15T14:30:00.000000Z"));
  ASSERT_TRUE(history);
  EXPECT_EQ(history->symbol, "SPY");
  EXPECT_EQ(history->timestamp, "2025-01-15T14:30:00.000000Z");
  auto job = parse_job_sk(job_sk("2025-01-15T14:30:00.000000Z", "j-1"));
  ASSERT_TRUE(job);
  EXPECT_EQ(job->timestamp, "2025-01-15T14:30:00.000000Z");
  EXPECT_EQ(job->job_id, "j-1");
}

TEST(KeysTest, ParsersRejectOtherForms) {
  EXPECT_FALSE(parse_user_pk("ACCOUNT#a1"));
  EXPECT_FALSE(parse_user_pk("USER#"));
  EXPECT_FALSE(parse_user_pk("USER#a#b"));
  EXPECT_FALSE(parse_current_sk("HISTORY#SPY#t"));
  EXPECT_FALSE(parse_history_sk("HISTORY#SPY"));
  EXPECT_FALSE(parse_history_sk("HISTORY##t"));
  EXPECT_FALSE(parse_history_sk("HISTORY#SPY#t#x"));
  EXPECT_FALSE(parse_job_sk("JOB#j1"));
}

TEST(KeysTest, PositionIdsAreUrlSafeAndRoundTrip) {
  for (auto [account, symbol] : std::vector<std::pair<std::string, std::string>>{
           {"acc_001", "SPY"}, {"3f2b8c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f", "BRK.B"}, {"a", "V"}}) {
    std::string id = position_id(account, symbol);
    EXPECT_EQ(
        id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    auto ref = parse_position_id(id);
    ASSERT_TRUE(ref) << id;
    EXPECT_EQ(ref->account_id, account);
    EXPECT_EQ(ref->symbol, symbol);
  }
}

TEST(KeysTest, MalformedPositionIdsAreRejected) {
  EXPECT_FALSE(parse_position_id(""));
  EXPECT_FALSE(parse_position_id("not base64!"));
  EXPECT_FALSE(parse_position_id("QQ"));  // "A": no separator
  EXPECT_FALSE(parse_position_id(position_id("a#b", "SPY")));
}

TEST(KeysTest, TransactionVersionsSortByRevisionUnderTheirTransaction) {
  EXPECT_EQ(transaction_sk("tok123", 0), "TXN#tok123#0000");
  EXPECT_EQ(transaction_sk("ext:broker-1", 12), "TXN#ext:broker-1#0012");
  EXPECT_LT(transaction_sk("a", 9), transaction_sk("a", 10));
  EXPECT_EQ(transaction_sk("a", 3).rfind(transaction_prefix("a"), 0), 0u);
  auto key = parse_transaction_sk("TXN#ext:broker-1#0012");
  ASSERT_TRUE(key);
  EXPECT_EQ(key->transaction_id, "ext:broker-1");
  EXPECT_EQ(key->revision, 12);
  EXPECT_FALSE(parse_transaction_sk("TXN#a#12"));  // not 4 digits
  EXPECT_FALSE(parse_transaction_sk("TXN#a#00x1"));
  EXPECT_FALSE(parse_transaction_sk("TXN##0001"));
  EXPECT_FALSE(parse_transaction_sk("HISTORY#SPY#2025"));
}

TEST(KeysTest, TransactionIdsNameTheirAccount) {
  std::string id = transaction_id("3f6c1e2a-acc", "ext:broker-1");
  auto ref = parse_transaction_id(id);
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->account_id, "3f6c1e2a-acc");
  EXPECT_EQ(ref->unique, "ext:broker-1");
  EXPECT_FALSE(parse_transaction_id("not base64!"));
}

TEST(KeysTest, ReturnsCheckpointsAndPriceEditsHaveTheirOwnKeys) {
  EXPECT_EQ(returns_checkpoint_sk("2025-03"), "RETURNS#2025-03");
  EXPECT_EQ(parse_returns_checkpoint_sk("RETURNS#2025-03"), "2025-03");
  EXPECT_EQ(parse_returns_checkpoint_sk("HISTORY#SPY#t"), std::nullopt);
  const std::string edit = price_edit_sk("2025-01-15T00:00:00.000000Z", "tok");
  EXPECT_EQ(edit, "EDIT#2025-01-15T00:00:00.000000Z#tok");
  // Between every price (a timestamp) and META, so price range queries never meet one.
  EXPECT_LT(price_sk("9999-12-31T23:59:59.999999Z"), edit);
  EXPECT_LT(edit, std::string(kInstrumentMeta));
  EXPECT_TRUE(is_instrument_annex_sk(edit));
  EXPECT_TRUE(is_instrument_annex_sk(split_sk("2025-01-15T00:00:00.000000Z")));
  EXPECT_FALSE(is_instrument_annex_sk(price_sk("2025-01-15T00:00:00.000000Z")));
  EXPECT_FALSE(is_instrument_annex_sk(kInstrumentMeta));
}

}  // namespace
}  // namespace alexdb::alex::keys
