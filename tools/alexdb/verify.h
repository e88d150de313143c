// The checks of `alexdb verify` (also run by `alexdb demo`): the tables, the reference
// data, a round trip through the API whose records are removed afterwards, and the
// integrity of both tables (Database::verify(), include/alexdb/integrity.h).
#ifndef ALEXDB_TOOLS_ALEXDB_VERIFY_H_
#define ALEXDB_TOOLS_ALEXDB_VERIFY_H_

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "alexdb/database.h"

namespace alexdb::cli {

struct Finding {
  enum class Status { kPass, kWarn, kFail, kRepaired };
  std::string check;  // "tables", "instruments", "SPY", "integrity", "round trip"
  Status status = Status::kPass;
  std::string detail;  // what was found, naming the records
};

struct VerifyReport {
  std::vector<Finding> findings;
  // True when no finding failed (warnings and repairs pass).
  bool ok() const;
};

// Runs every check: the tables, the reference data, Database::verify() (with `repair`,
// Database::repair(), whose completed writes are one "repair" finding) and a round trip.
VerifyReport verify(Database& db, bool repair);

std::string status_name(Finding::Status status);

// Prints the findings as a table and a summary line (verify_cmd.cc).
void print_report(const VerifyReport& report, std::ostream& out);
// The report as --json prints it: {"ok": bool, "checks": [{"check", "status", "detail"}]}.
nlohmann::json report_json(const VerifyReport& report);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_VERIFY_H_
