// The ledger's transactions (SPEC section 12): recorded once (also by external id and
// after a lost response), corrected and voided by appending, and read as known at any
// moment, on every engine.
#include <string>
#include <vector>

#include "database/ledger_fixture.h"

namespace alexdb::database_test {
namespace {

class TransactionsTest : public LedgerTest {
 protected:
  static TransactionInput buy(const char* symbol, const char* quantity, const char* price,
                              const char* fees, std::string at) {
    return trade_input("BUY", symbol, quantity, price, fees, std::move(at));
  }
  std::vector<std::string> listed_ids(std::optional<std::string> as_known_at = {}) {
    std::vector<std::string> ids;
    for (const Transaction& t :
         db().transactions.list(account(), std::nullopt, std::nullopt, std::nullopt, as_known_at))
      ids.push_back(t.id);
    return ids;
  }
};

TEST_P(TransactionsTest, ARecordedTradeReadsBackExactly) {
  set_clock(micros(2025, 3, 1, 12));
  std::string id = db().transactions.record(
      account(), buy("spy", "10.5", "512.25", "1.99", "2025-02-03T15:30:00Z"));
  auto got = db().transactions.get(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(got->account_id, account());
  EXPECT_EQ(got->type, "BUY");
  EXPECT_EQ(got->symbol, "SPY");
  EXPECT_EQ(got->quantity, D("10.5"));
  EXPECT_EQ(got->price, D("512.25"));
  EXPECT_EQ(got->fees, D("1.99"));
  EXPECT_EQ(got->timestamp, canonical(micros(2025, 2, 3, 15, 30)));
  EXPECT_EQ(got->recorded_at, canonical(micros(2025, 3, 1, 12)));
  EXPECT_EQ(got->revision, 0);
  EXPECT_FALSE(got->voided);
  // A date alone is that day's close; a cash transaction keeps its amount.
  std::string deposit = db().transactions.record(account(), cash_input("deposit", "10000", "2025-01-02"));
  EXPECT_EQ(db().transactions.get(deposit)->timestamp, canonical(micros(2025, 1, 2, 21)));
  EXPECT_EQ(db().transactions.get(deposit)->amount, D("10000"));
  EXPECT_EQ(listed_ids(), (std::vector<std::string>{deposit, id}));  // by time
}

TEST_P(TransactionsTest, ListFiltersByTimeAndSymbol) {
  std::string a = db().transactions.record(account(), buy("SPY", "1", "500", "0", "2025-01-10"));
  std::string b = db().transactions.record(account(), buy("QQQ", "2", "400", "0", "2025-01-20"));
  std::string c = db().transactions.record(account(), buy("SPY", "3", "510", "0", "2025-02-10"));
  auto ids = [](const std::vector<Transaction>& ts) {
    std::vector<std::string> out;
    for (const Transaction& t : ts) out.push_back(t.id);
    return out;
  };
  EXPECT_EQ(ids(db().transactions.list(account(), "2025-01-10", "2025-01-31")),
            (std::vector<std::string>{a, b}));
  EXPECT_EQ(ids(db().transactions.list(account(), std::nullopt, std::nullopt, "spy")),
            (std::vector<std::string>{a, c}));
  expect_validation_error([&] { db().transactions.list(account(), "2025-02-01", "2025-01-01"); },
                          "start", "a range that ends before it starts");
}

TEST_P(TransactionsTest, AnExternalIdIsRecordedOnce) {
  TransactionInput in = buy("SPY", "5", "500", "1", "2025-01-15");
  in.external_id = "broker-7781";
  std::string first = db().transactions.record(account(), in);
  EXPECT_EQ(db().transactions.record(account(), in), first);
  EXPECT_EQ(listed_ids().size(), 1u);
  in.quantity = D("6");
  EXPECT_THROW(db().transactions.record(account(), in), AlreadyExists);
  EXPECT_EQ(db().transactions.get(first)->quantity, D("5"));
}

TEST_P(TransactionsTest, ACorrectionAndAVoidAppendAndTheEarlierAnswerStays) {
  set_clock(micros(2025, 1, 31, 12));
  std::string buy_id =
      db().transactions.record(account(), buy("SPY", "10", "500", "0", "2025-01-15"));
  std::string fee_id = db().transactions.record(account(), cash_input("FEE", "25", "2025-01-20"));
  const std::string reported = iso(2025, 1, 31, 18);  // the day's report was made then
  const std::vector<Transaction> first_answer =
      db().transactions.list(account(), std::nullopt, std::nullopt, std::nullopt, reported);

  set_clock(micros(2025, 2, 5, 9));
  Transaction corrected = db().transactions.correct(
      buy_id, Fields{{"quantity", N("12")}, {"timestamp", S("2025-01-14")}});
  EXPECT_EQ(corrected.revision, 1);
  EXPECT_EQ(corrected.quantity, D("12"));
  EXPECT_EQ(corrected.timestamp, canonical(micros(2025, 1, 14, 21)));
  set_clock(micros(2025, 2, 6, 9));
  Transaction voided = db().transactions.void_transaction(fee_id);
  EXPECT_TRUE(voided.voided);
  EXPECT_EQ(db().transactions.void_transaction(fee_id), voided);  // again: nothing new

  // Now: the correction counts and the void removes the fee.
  std::vector<Transaction> now = db().transactions.list(account());
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].quantity, D("12"));
  EXPECT_TRUE(db().transactions.get(fee_id)->voided);
  // As known when the report was made: the very first answer, field for field.
  EXPECT_EQ(db().transactions.list(account(), std::nullopt, std::nullopt, std::nullopt, reported),
            first_answer);
  EXPECT_EQ(db().transactions.get(buy_id, reported)->quantity, D("10"));
  // Before it was recorded, it was not known at all.
  EXPECT_FALSE(db().transactions.get(buy_id, iso(2025, 1, 1)));
  // Nothing was rewritten: four versions are stored.
  int versions = 0;
  for (const Item& item : partition("ACCOUNT#" + account())) {
    if (item.at("SK").s().rfind("TXN#", 0) == 0) ++versions;
  }
  EXPECT_EQ(versions, 4);
  EXPECT_THROW(db().transactions.correct(fee_id, Fields{{"amount", N("30")}}), NotFound);
}

TEST_P(TransactionsTest, BadInputNamesTheFieldAndWritesNothing) {
  const std::size_t before = (account(), item_count());
  auto record = [&](TransactionInput in) { db().transactions.record(account(), in); };
  TransactionInput no_symbol = buy("SPY", "1", "1", "0", "2025-01-02");
  no_symbol.symbol.reset();
  expect_validation_error([&] { record(no_symbol); }, "symbol", "a BUY without a symbol");
  expect_validation_error([&] { record(buy("SPY", "0", "1", "0", "2025-01-02")); }, "quantity",
                          "a quantity of 0");
  expect_validation_error([&] { record(buy("SPY", "1", "-1", "0", "2025-01-02")); }, "price",
                          "a negative price");
  expect_validation_error([&] { record(buy("SPY", "1", "1", "-1", "2025-01-02")); }, "fees",
                          "negative fees");
  expect_validation_error([&] { record(cash_input("DEPOSIT", "0", "2025-01-02")); }, "amount",
                          "a deposit of 0");
  TransactionInput deposit_with_price = cash_input("DEPOSIT", "5", "2025-01-02");
  deposit_with_price.price = D("1");
  expect_validation_error([&] { record(deposit_with_price); }, "price", "a deposit with a price");
  expect_validation_error([&] { record(cash_input("GIFT", "5", "2025-01-02")); }, "type",
                          "an unknown type");
  expect_validation_error([&] { record(cash_input("DEPOSIT", "5", "2999-01-02")); }, "timestamp",
                          "a time in the future");
  std::string id = db().transactions.record(account(), cash_input("DEPOSIT", "5", "2025-01-02"));
  expect_validation_error(
      [&] {
        db().transactions.correct(id, Fields{{"external_id", S("x")}});
      },
      "external_id", "a correction of the external id");
  EXPECT_EQ(item_count(), before + 1);
  EXPECT_THROW(db().transactions.record("no-such-account", cash_input("DEPOSIT", "5", "2025-01-02")),
               NotFound);
  EXPECT_FALSE(db().transactions.get("not-an-id"));
}

TEST_P(TransactionsTest, ALostResponseRecordsOnce) {
  account();
  // The write lands, its answer is lost (the engine gave up).
  wrapper().arm_fault("TXN#", WrapperStore::FaultTiming::kAfterWrite);
  std::string id = db().transactions.record(account(), cash_input("DEPOSIT", "100", "2025-01-02"));
  EXPECT_EQ(listed_ids(), (std::vector<std::string>{id}));
}

ALEXDB_DATABASE_SUITE(TransactionsTest);

}  // namespace
}  // namespace alexdb::database_test
