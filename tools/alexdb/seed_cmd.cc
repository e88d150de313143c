// alexdb seed: the 22 instruments with a synthetic daily price history.
#include <CLI/CLI.hpp>
#include <iostream>

#include "context.h"
#include "output.h"
#include "seed.h"
#include "usage.h"

namespace alexdb::cli {
namespace seed_cmd {

struct SeedOptions {
  int days = 365;
  std::optional<std::string> end;
  bool quiet = false;
};

void run(Context& context, const SeedOptions& options) {
  Timestamp end = options.end ? Timestamp::parse_or_throw(*options.end, "--end")
                                    : last_close_before(Timestamp::now());
  SeedSummary summary = seed_instruments(context.db(), options.days, end, options.quiet);
  if (context.json()) {
    print_json({{"instruments", std::to_string(summary.instruments)},
                {"prices", std::to_string(summary.prices)},
                {"first_day", summary.first_day},
                {"last_day", summary.last_day}});
  } else {
    std::cout << "seeded " << summary.instruments << " instruments and " << summary.prices
              << " daily closes (" << summary.first_day << " to " << summary.last_day
              << ", source synthetic)\n";
  }
}

}  // namespace seed_cmd

void add_seed_command(CLI::App& app, Context& context) {
  using namespace seed_cmd;
  auto options = std::make_shared<SeedOptions>();
  CLI::App* seed = app.add_subcommand(
      "seed", "load the 22 instruments with daily closes (creates missing tables; idempotent)");
  seed->add_option("--days", options->days, "number of daily closes per instrument")
      ->default_val(365)
      ->check(whole_number(1, 20000));
  seed->add_option("--end", options->end,
                   "day YYYY-MM-DD of the last close (21:00 UTC), at the listed price; not "
                   "after the last close before now (default: that close: today's from 21:00 "
                   "UTC, else yesterday's)");
  seed->add_flag("--quiet", options->quiet, "no progress output");
  seed->footer("Example: alexdb seed --days 730 --end 2025-06-30");
  seed->callback([&context, options] { run(context, *options); });
}

}  // namespace alexdb::cli
