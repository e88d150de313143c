// alexdb trades import: an account's transactions from a CSV file
// (Transactions::import_csv; README "Importing transactions").
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/ledger.h"
#include "context.h"
#include "output.h"

namespace alexdb::cli {
namespace {

struct TradesImportOptions {
  std::string account;
  std::string path;
  std::vector<std::string> maps;  // FIELD=COLUMN
};

// The --map options as a mapping; ValidationError naming --map for one without '='.
CsvMapping mapping_of(const std::vector<std::string>& maps) {
  CsvMapping mapping;
  for (const std::string& map : maps) {
    const auto equals = map.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw ValidationError("--map", "FIELD=COLUMN", "got '" + map + "'");
    }
    mapping[map.substr(0, equals)] = map.substr(equals + 1);
  }
  return mapping;
}

// The file's bad rows, one per line on stderr (FILE:LINE: field: problem) and, with
// --json, as "errors" on stdout; exit status 2.
void report_rejected(Context& context, const ImportRejected& e) {
  nlohmann::json errors = nlohmann::json::array();
  for (const ImportProblem& p : e.problems()) {
    std::cerr << e.path() << ":" << p.line << ": " << p.field << ": " << p.problem << '\n';
    errors.push_back(
        {{"line", std::to_string(p.line)}, {"field", p.field}, {"message", p.problem}});
  }
  const auto listed = static_cast<std::int64_t>(e.problems().size());
  std::cerr << "alexdb: error: " << e.problem_count() << " problem(s) in " << e.path()
            << (listed < e.problem_count() ? " (the first " + std::to_string(listed) + " listed)"
                                           : std::string())
            << "; nothing imported\n";
  if (context.json()) {
    print_json(
        {{"recorded", "0"}, {"problems", std::to_string(e.problem_count())}, {"errors", errors}});
  }
  context.fail(2);
}

void import_trades(Context& context, const TradesImportOptions& o) {
  const CsvMapping mapping = mapping_of(o.maps);
  ImportReport report;
  try {
    report = context.db().transactions.import_csv(o.account, o.path, mapping);
  } catch (const ImportRejected& e) {
    return report_rejected(context, e);
  } catch (const ValidationError& e) {
    if (e.field() == "mapping") throw ValidationError("--map", e.rule(), e.detail());
    if (e.field() == "path") throw ValidationError("FILE", e.rule(), e.detail());
    throw;
  }
  if (context.json()) {
    print_json({{"rows", std::to_string(report.rows)},
                {"recorded", std::to_string(report.recorded)},
                {"already_present", std::to_string(report.already_present)},
                {"errors", nlohmann::json::array()}});
  } else {
    std::cout << "recorded " << report.recorded << " transaction(s) of " << report.rows
              << " row(s) from " << o.path << "; " << report.already_present
              << " already present\n";
  }
}

}  // namespace

void add_trades_import_command(CLI::App& trades, Context& context) {
  auto o = std::make_shared<TradesImportOptions>();
  CLI::App* cmd = trades.add_subcommand(
      "import",
      "record transactions from CSV: a header row naming the columns, one transaction per row");
  cmd->add_option("account_id", o->account, "the account id")->required();
  cmd->add_option("file", o->path, "the CSV file")->required();
  cmd->add_option("--map", o->maps,
                  "FIELD=COLUMN: read FIELD from the column with that header (repeatable); "
                  "other columns are then ignored");
  cmd->footer(
      "Example: alexdb trades import ACCOUNT_ID trades.csv\n"
      "         alexdb trades import ACCOUNT_ID broker.csv --map timestamp='Trade Date' \\\n"
      "           --map type=Action --map symbol=Ticker --map quantity=Shares\n"
      "The header names the columns: timestamp (or date), type, symbol, quantity, price,\n"
      "fees, amount, external_id, note (any order and case; timestamp and type required;\n"
      "an empty cell leaves its field out). Each row is checked as `trades add` checks it,\n"
      "and trades in time order per symbol, no SELL or TRANSFER_OUT of more than held then.\n"
      "Any bad row (each reported as FILE:LINE: field: problem) means nothing is imported.\n"
      "Rows recorded before (same external_id; without one, the same fields) are skipped,\n"
      "so importing a file again records nothing new.");
  cmd->callback([&context, o] { import_trades(context, *o); });
}

}  // namespace alexdb::cli
