// The seed README's usage example in C++: create a user, record a position change,
// list current positions and history, and value the account at a past date.
//
//   build/examples/seed_usage                 # a private in-memory store
//   build/examples/seed_usage sqlite:try.db   # or any store spec
#include <iostream>

#include "alexdb/config.h"
#include "alexdb/database.h"
#include "alexdb/errors.h"

int main(int argc, char** argv) {
  using alexdb::Decimal;
  try {
    alexdb::Database db(
        alexdb::Config::resolve({{"ALEXDB_STORE", argc > 1 ? argv[1] : "memory:"}}));
    db.create_tables();

    // Create user (an existing one is fine when the example runs twice).
    try {
      db.users.create_user("user_123", "John Doe");
    } catch (const alexdb::AlreadyExists&) {
    }

    // Add position with history tracking.
    db.positions.add_or_update_position("acc_001", "SPY", Decimal::parse("100"), "BUY");

    // Get current positions (fast).
    for (const alexdb::Position& p : db.positions.find_by_account("acc_001")) {
      std::cout << "position " << p.symbol << " " << p.quantity.to_string() << " as of "
                << p.as_of_date << "\n";
    }

    // Get position history.
    for (const alexdb::PositionChange& c : db.positions.get_position_history("acc_001", "SPY")) {
      std::cout << "history " << c.timestamp << " " << c.action << " " << c.quantity.to_string()
                << "\n";
    }

    // Calculate portfolio value at any date.
    alexdb::Valuation value = db.positions.get_account_value_at_date("acc_001", "2025-01-15");
    std::cout << "value on " << *value.as_of_date << ": " << value.total_value.to_string() << " ("
              << value.num_positions << " positions, " << value.missing_prices.size()
              << " without a price)\n";
  } catch (const alexdb::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
