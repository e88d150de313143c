// The smallest end-to-end run of alexdb's storage interface: open a store, create two
// tables of the Alex layout under this example's own names if they are missing, write
// one raw user item and one raw instrument item, read them back and print them.
//
//   build/examples/store_demo                  # a private in-memory store
//   build/examples/store_demo sqlite:demo.db   # or any store spec (never your alex.db:
//                                              # the tables are store-demo-*)
#include <iostream>

#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "alexdb/store.h"

int main(int argc, char** argv) {
  using namespace alexdb;
  try {
    std::shared_ptr<Store> store = open_store(argc > 1 ? argv[1] : "memory:");
    std::cout << "store: " << store->name() << "\n";
    // Tables of the Alex layout under names of their own: the raw items written here are
    // not records the data layer could read, so they stay out of the planner's tables
    // (the Database leaves the tables to this program).
    const std::string users_table = "store-demo-users";
    const std::string instruments_table = "store-demo-instruments";
    DatabaseOptions options;
    options.create_tables = false;
    Database db(store, users_table, instruments_table, options);
    for (const TableDefinition& table :
         {db.users_table_definition(), db.instruments_table_definition()}) {
      if (!store->describe_table(table.name)) {
        store->create_table(table);
        std::cout << "created table " << table.name << "\n";
      } else {
        std::cout << "table " << table.name << " exists\n";
      }
    }

    Item user{{"PK", Value::S("USER#demo_user")},
              {"SK", Value::S("METADATA")},
              {"display_name", Value::S("Demo User")},
              {"years_until_retirement", Value::N(std::int64_t{25})},
              {"target_retirement_income", Value::N("85000.00")}};
    Item instrument{{"symbol", Value::S("SPY")},
                    {"SK", Value::S("META")},
                    {"name", Value::S("SPDR S&P 500 ETF Trust")},
                    {"current_price", Value::N("450.25")}};
    store->put({users_table, user, std::nullopt, ReturnValues::kNone});
    store->put({instruments_table, instrument, std::nullopt, ReturnValues::kNone});

    auto got_user = store->get({users_table, {{"PK", user["PK"]}, {"SK", user["SK"]}}, true, {}});
    auto got_instrument = store->get({instruments_table,
                                      {{"symbol", instrument["symbol"]}, {"SK", instrument["SK"]}},
                                      true,
                                      {}});
    std::cout << "read user:       " << debug_string(*got_user.item) << "\n";
    std::cout << "read instrument: " << debug_string(*got_instrument.item) << "\n";
    std::cout << "consumed read units: "
              << (got_user.consumed.read_units + got_instrument.consumed.read_units).to_string()
              << "\n";
    return 0;
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
