// The definitions of alexdb's two tables (SPEC section 2): the one source of truth
// that `tables create`, the engines' tests and the Terraform check all use.
#ifndef ALEXDB_ALEX_TABLES_H_
#define ALEXDB_ALEX_TABLES_H_

#include <string>

#include "alexdb/store.h"

namespace alexdb::alex {

inline constexpr const char* kDefaultUsersTable = "alex-users-data";
inline constexpr const char* kDefaultInstrumentsTable = "alex-instruments";
inline constexpr const char* kJobsByStatusIndex = "GSI1";

// alex-users-data: string keys PK, SK; GSI1 on GSI1PK/GSI1SK, projecting all attributes.
TableDefinition users_table(std::string name = kDefaultUsersTable);
// alex-instruments: string keys symbol, SK.
TableDefinition instruments_table(std::string name = kDefaultInstrumentsTable);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_TABLES_H_
