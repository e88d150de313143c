// alexdb verify [--repair]: exit status 0 only when every check passes.
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

#include "context.h"
#include "output.h"
#include "verify.h"

namespace alexdb::cli {

void print_report(const VerifyReport& report, std::ostream& out) {
  Table table({"STATUS", "CHECK", "DETAIL"});
  std::map<Finding::Status, int> counts;
  for (const Finding& f : report.findings) {
    table.add({status_name(f.status), f.check, f.detail});
    ++counts[f.status];
  }
  table.print(out);
  out << "verify: " << (report.ok() ? "OK" : "FAILED") << " (" << counts[Finding::Status::kPass]
      << " passed, " << counts[Finding::Status::kWarn] << " warnings, "
      << counts[Finding::Status::kFail] << " failed";
  if (counts[Finding::Status::kRepaired] > 0) out << ", repairs made";
  out << ")\n";
}

nlohmann::json report_json(const VerifyReport& report) {
  nlohmann::json checks = nlohmann::json::array();
  for (const Finding& f : report.findings) {
    checks.push_back({{"check", f.check}, {"status", status_name(f.status)}, {"detail", f.detail}});
  }
  return {{"ok", report.ok()}, {"checks", checks}};
}

namespace verify_cmd {

void run(Context& context, bool repair) {
  VerifyReport report = verify(context.db(), repair);
  if (context.json()) {
    print_json(report_json(report));
  } else {
    print_report(report, std::cout);
  }
  if (!report.ok()) context.fail();
}

}  // namespace verify_cmd

void add_verify_command(CLI::App& app, Context& context) {
  using namespace verify_cmd;
  auto repair = std::make_shared<bool>(false);
  CLI::App* verify = app.add_subcommand(
      "verify", "check tables, reference data, a round trip and integrity (exit 0 when all pass)");
  verify->add_flag("--repair", *repair,
                   "complete interrupted position changes (missing newest HISTORY records)");
  verify->footer("Example: alexdb verify --repair");
  verify->callback([&context, repair] { run(context, *repair); });
}

}  // namespace alexdb::cli
