#include "verify.h"

#include <random>

#include "alexdb/errors.h"

namespace alexdb::cli {
namespace {

using Status = Finding::Status;

constexpr std::size_t kMinimumInstruments = 22;

bool check_tables(Database& db, VerifyReport& report) {
  bool all = true;
  for (const TableDefinition& d :
       {db.users_table_definition(), db.instruments_table_definition()}) {
    auto found = db.store().describe_table(d.name);
    if (!found) {
      report.findings.push_back(
          {"tables", Status::kFail, d.name + " does not exist (run: alexdb tables create)"});
      all = false;
    } else if (found->status != "ACTIVE") {
      report.findings.push_back({"tables", Status::kFail, d.name + " is " + found->status});
      all = false;
    } else if (!(found->definition == d)) {
      report.findings.push_back(
          {"tables", Status::kFail, d.name + " keys or indexes differ from the code's definition"});
      all = false;
    } else {
      report.findings.push_back({"tables", Status::kPass, d.name + " is active"});
    }
  }
  return all;
}

void check_reference_data(Database& db, VerifyReport& report) {
  std::size_t count = db.instruments.find_all().size();
  report.findings.push_back(
      {"instruments", count >= kMinimumInstruments ? Status::kPass : Status::kFail,
       std::to_string(count) + " instruments (at least " + std::to_string(kMinimumInstruments) +
           " expected; run: alexdb seed)"});
  auto spy = db.instruments.find_by_symbol("SPY");
  if (!spy) {
    report.findings.push_back({"SPY", Status::kFail, "SPY is missing (run: alexdb seed)"});
  } else {
    report.findings.push_back(
        {"SPY", Status::kPass,
         spy->name + (spy->current_price ? ", price " + spy->current_price->to_string() : "")});
  }
}

std::string random_suffix() {
  std::random_device device;
  std::uniform_int_distribution<int> hex(0, 15);
  std::string text;
  for (int i = 0; i < 16; ++i) text += "0123456789abcdef"[hex(device)];
  return text;
}

// A user, an account and a position created, read back and removed again.
void round_trip(Database& db, VerifyReport& report) {
  const std::string user = "alexdb-verify-" + random_suffix();
  std::string account;
  std::string problem;
  try {
    db.users.create_user(user, "alexdb verify");
    if (!db.users.find_by_id(user)) problem = "created user not found";
    account = db.accounts.create_account(user, "verify account", "round trip",
                                         Decimal::parse("100"), Decimal::parse("0.01"));
    auto read = db.accounts.find_by_id(account);
    if (problem.empty() && (!read || read->clerk_user_id != user))
      problem = "created account not found";
    db.positions.add_or_update_position(account, "SPY", Decimal::parse("10"), "BUY");
    db.positions.add_or_update_position(account, "SPY", Decimal::parse("12.5"), "BUY");
    auto open = db.positions.find_by_account(account);
    if (problem.empty() && (open.size() != 1 || open[0].quantity != Decimal::parse("12.5"))) {
      problem = "position not read back as 12.5 SPY";
    }
    auto history = db.positions.get_position_history(account, "SPY");
    if (problem.empty() &&
        (history.size() != 2 || history[1].previous_quantity != Decimal::parse("10"))) {
      problem = "history has " + std::to_string(history.size()) + " records, expected 2";
    }
  } catch (const Error& e) {
    problem = e.what();
  }
  try {
    db.users.remove(user);
    if (db.users.find_by_id(user) || (!account.empty() && db.accounts.find_by_id(account)) ||
        (!account.empty() && !db.positions.get_position_history(account, "SPY").empty())) {
      if (problem.empty()) problem = "test records remain after removal (user " + user + ")";
    }
  } catch (const Error& e) {
    if (problem.empty()) problem = std::string("removing test records: ") + e.what();
  }
  report.findings.push_back({"round trip", problem.empty() ? Status::kPass : Status::kFail,
                             problem.empty()
                                 ? "user, account, position and history created, read and removed"
                                 : problem});
}

// The summary of a check that found no failure: what it read and the rules it holds.
std::string integrity_summary(const IntegrityCounts& c) {
  return std::to_string(c.users_table_items) + " records: " + std::to_string(c.users) +
         " users, " + std::to_string(c.accounts) + " accounts, " + std::to_string(c.positions) +
         " positions, " + std::to_string(c.history_records) + " history records, " +
         std::to_string(c.jobs) + " jobs, " + std::to_string(c.instruments) +
         " instruments; every CURRENT is its newest HISTORY, every previous quantity the "
         "quantity before it, every current price the newest";
}

void add_integrity(const IntegrityReport& integrity, VerifyReport& report) {
  if (integrity.ok()) {
    report.findings.push_back({"integrity", Status::kPass, integrity_summary(integrity.checked)});
  }
  for (const IntegrityFinding& f : integrity.findings) {
    report.findings.push_back(
        {"integrity", f.severity == Severity::kWarning ? Status::kWarn : Status::kFail,
         f.record + ": " + f.message + (f.repairable ? ", run verify --repair" : "")});
  }
}

void check_and_repair(Database& db, bool repair, VerifyReport& report) {
  if (!repair) {
    add_integrity(db.verify(), report);
    return;
  }
  RepairReport repaired = db.repair();
  if (repaired.attempted > 0) {
    report.findings.push_back(
        {"repair", repaired.completed == repaired.attempted ? Status::kRepaired : Status::kFail,
         std::to_string(repaired.completed) + " of " + std::to_string(repaired.attempted) +
             " interrupted write(s) completed"});
  }
  add_integrity(repaired.after, report);
}

}  // namespace

bool VerifyReport::ok() const {
  for (const Finding& f : findings) {
    if (f.status == Status::kFail) return false;
  }
  return true;
}

std::string status_name(Finding::Status status) {
  switch (status) {
    case Status::kPass:
      return "PASS";
    case Status::kWarn:
      return "WARN";
    case Status::kFail:
      return "FAIL";
    case Status::kRepaired:
      return "REPAIRED";
  }
  return "?";
}

VerifyReport verify(Database& db, bool repair) {
  VerifyReport report;
  if (!check_tables(db, report)) return report;
  check_reference_data(db, report);
  check_and_repair(db, repair, report);
  round_trip(db, report);
  return report;
}

}  // namespace alexdb::cli
