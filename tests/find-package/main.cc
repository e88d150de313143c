// Uses alexdb through its installed public headers only: opens a memory: Database,
// creates a user and reads it back. Exit status 0 when the user reads back as written.
#include <iostream>

#include "alexdb/config.h"
#include "alexdb/database.h"

int main() {
  alexdb::Config config;
  config.store = "memory:";
  alexdb::Database db(config);
  db.users.create_user("user_find_package", "Find Package");
  auto user = db.users.find_by_id("user_find_package");
  if (!user || user->display_name != "Find Package") {
    std::cerr << "find_package_test: the user did not read back\n";
    return 1;
  }
  std::cout << "find_package_test: read back " << user->clerk_user_id << "\n";
  return 0;
}
