// What the ledger's tests share (SPEC section 12): an account of the test's own, and
// transactions of each kind built or recorded in one line.
#ifndef ALEXDB_TESTS_DATABASE_LEDGER_FIXTURE_H_
#define ALEXDB_TESTS_DATABASE_LEDGER_FIXTURE_H_

#include <string>
#include <utility>

#include "database/database_fixture.h"

namespace alexdb::database_test {

class LedgerTest : public DatabaseTest {
 protected:
  // The test's account, with its user, made on first use.
  const std::string& account() {
    if (account_.empty()) {
      db().users.create_user("ledger_user", "Ledger User");
      account_ = db().accounts.create_account("ledger_user", "Brokerage");
    }
    return account_;
  }
  // A BUY, SELL, TRANSFER_IN or TRANSFER_OUT of `symbol` at `at`.
  static TransactionInput trade_input(const char* type, const std::string& symbol,
                                      const std::string& quantity, const char* price,
                                      const char* fees, std::string at) {
    TransactionInput in;
    in.type = type;
    in.symbol = symbol;
    in.quantity = D(quantity);
    in.price = D(price);
    in.fees = D(fees);
    in.timestamp = std::move(at);
    return in;
  }
  // A DEPOSIT, WITHDRAWAL, INTEREST, DIVIDEND or FEE of `amount` at `at`.
  static TransactionInput cash_input(const char* type, const char* amount, std::string at) {
    TransactionInput in;
    in.type = type;
    in.amount = D(amount);
    in.timestamp = std::move(at);
    return in;
  }
  // trade_input recorded in account(); its id.
  std::string trade(const char* type, const std::string& symbol, const std::string& quantity,
                    const char* price, const char* fees, std::string at) {
    return db().transactions.record(account(),
                                    trade_input(type, symbol, quantity, price, fees, std::move(at)));
  }
  // cash_input recorded in account(); its id.
  std::string cash(const char* type, const char* amount, std::string at) {
    return db().transactions.record(account(), cash_input(type, amount, std::move(at)));
  }

 private:
  std::string account_;
};

}  // namespace alexdb::database_test

#endif  // ALEXDB_TESTS_DATABASE_LEDGER_FIXTURE_H_
