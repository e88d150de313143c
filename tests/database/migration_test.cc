// Database::migrate (SPEC section 10): tables written by the seed's reference package are
// brought to this layout in place, read back as the reference showed them, verify
// cleanly, and a second run, a dry run and a run killed at any write change nothing more
// than one uninterrupted run. Reads that meet an unmigrated record name `alexdb migrate`;
// a listing that meets a damaged record skips it and logs it.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>

#include "database/database_fixture.h"
#include "database/reference_fixtures.h"
#include "model/base64.h"

namespace alexdb::database_test {
namespace {

using namespace alexdb::reference_fixtures;

class MigrationTest : public DatabaseTest {
 protected:
  void write_reference() { write_reference_items(real(), users_table_, instruments_table_); }

  // Every item of both tables, as sorted text: equal snapshots mean equal contents.
  std::vector<std::string> snapshot() {
    std::vector<std::string> out;
    for (const Item& item : all_items()) {
      std::string text;
      for (const auto& [name, value] : item) text += name + "=" + value.debug_string() + ";";
      out.push_back(std::move(text));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  void clear_tables() {
    for (const std::string& table : {users_table_, instruments_table_}) {
      ScanRequest scan;
      scan.table = table;
      scan.consistent_read = true;
      for (const Item& item : real().scan_all(scan).items) {
        Item key;
        for (const char* name : {table == users_table_ ? "PK" : "symbol", "SK"}) {
          key.emplace(name, item.at(name));
        }
        real().remove({table, key, std::nullopt, ReturnValues::kNone});
      }
    }
  }

  static void expect_counts(const MigrationReport& report, MigrationKind kind,
                            std::int64_t examined, std::int64_t rewritten) {
    const MigrationCounts& c = report.of(kind);
    EXPECT_EQ(c.examined, examined) << migration_kind_name(kind);
    EXPECT_EQ(c.rewritten, rewritten) << migration_kind_name(kind);
    EXPECT_EQ(c.current, examined - rewritten) << migration_kind_name(kind);
    EXPECT_EQ(c.problems, 0) << migration_kind_name(kind);
  }

  static void expect_first_run_counts(const MigrationReport& r) {
    expect_counts(r, MigrationKind::kUser, 2, 2);
    expect_counts(r, MigrationKind::kAccount, 3, 3);
    expect_counts(r, MigrationKind::kPosition, 4, 4);
    expect_counts(r, MigrationKind::kHistory, 5, 5);
    expect_counts(r, MigrationKind::kJob, 3, 3);
    expect_counts(r, MigrationKind::kInstrument, 2, 2);
    expect_counts(r, MigrationKind::kPrice, 3, 3);
    EXPECT_TRUE(r.problems.empty());
  }
};

TEST_P(MigrationTest, ReferenceRecordsReadAsTheReferenceShowedThem) {
  write_reference();
  MigrationReport report = db().migrate();
  EXPECT_FALSE(report.dry_run);
  expect_first_run_counts(report);
  expect_reference_records(*fresh_database());
  IntegrityReport checked = db().verify();
  EXPECT_TRUE(checked.ok()) << checked.findings.size() << " finding(s), first: "
                            << (checked.findings.empty() ? "" : checked.findings[0].message);
}

TEST_P(MigrationTest, SecondRunRewritesNothing) {
  write_reference();
  db().migrate();
  const auto migrated = snapshot();
  MigrationReport again = db().migrate();
  EXPECT_EQ(again.rewritten(), 0);
  expect_counts(again, MigrationKind::kUser, 2, 0);
  expect_counts(again, MigrationKind::kAccount, 3, 0);
  expect_counts(again, MigrationKind::kPosition, 4, 0);
  expect_counts(again, MigrationKind::kHistory, 6, 0);  // with the change VTI's CURRENT implied
  expect_counts(again, MigrationKind::kJob, 3, 0);
  expect_counts(again, MigrationKind::kPrice, 3, 0);
  EXPECT_EQ(snapshot(), migrated);
}

TEST_P(MigrationTest, DryRunWritesNothingAndCountsWhatWouldChange) {
  write_reference();
  const auto before = snapshot();
  std::vector<MigrationProgress> told;
  MigrationOptions options;
  options.dry_run = true;
  options.progress = [&](const MigrationProgress& p) { told.push_back(p); };
  MigrationReport report = db().migrate(options);
  EXPECT_TRUE(report.dry_run);
  expect_first_run_counts(report);
  EXPECT_EQ(snapshot(), before);
  ASSERT_EQ(told.size(), 2u);  // each table once, when done (fewer than 500 items)
  EXPECT_EQ(told[0].table, users_table_);
  EXPECT_EQ(told[0].examined, std::int64_t(reference_user_items().size()));
  EXPECT_TRUE(told[1].done);
  EXPECT_EQ(told[1].examined, std::int64_t(reference_instrument_items().size()));
}

TEST_P(MigrationTest, MigratedDataTakesNewWrites) {
  write_reference();
  db().migrate();
  db().positions.add_or_update_position(kAccountRoth, "SPY", D("70.5"), "BUY",
                                        std::string("2025-03-10T15:00:00Z"));
  auto history = db().positions.get_position_history(kAccountRoth, "SPY");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[2].previous_quantity, D("60.5"));
  EXPECT_EQ(history[2].version, 3);
  EXPECT_EQ(db().accounts.update(kAccountRoth, {{"account_name", S("Roth")}}), 1);
  EXPECT_EQ(db().accounts.find_by_user("u1")[1].account_name, "Roth");
  EXPECT_EQ(db().jobs.update_status(kJobPending, "running"), 1);
  EXPECT_EQ(db().jobs.find_by_user("u1", std::string("running")).size(), 1u);
  EXPECT_TRUE(db().verify().ok());
}

TEST_P(MigrationTest, ConflictingChangesAtOneInstantAreAProblemLeftAsTheyWere) {
  write_reference();
  // The same instant twice (naive and with an offset), different quantities.
  real().put({users_table_,
              {{"PK", S("ACCOUNT#" + kAccountBob)},
               {"SK", S("HISTORY#BND#2025-01-05T09:00:00+00:00")},
               {"symbol", S("BND")},
               {"quantity", N("6")},
               {"action", S("BUY")}},
              std::nullopt,
              ReturnValues::kNone});
  MigrationReport report = db().migrate();
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].key.find("ACCOUNT#" + kAccountBob), std::string::npos);
  EXPECT_NE(report.problems[0].reason.find("one change of a position per instant"),
            std::string::npos);
  EXPECT_EQ(report.of(MigrationKind::kHistory).problems, 2);
  EXPECT_FALSE(report.ok());
  // Everything else was migrated.
  EXPECT_EQ(db().positions.find_by_account(kAccountRoth).size(), 1u);
  EXPECT_THROW(db().positions.find_by_account(kAccountBob), LegacyRecord);
}

TEST_P(MigrationTest, TwoPricesAtOneInstantAreAProblemNotAnOverwrite) {
  write_reference();
  // 2025-01-13T21:00:00 (naive) is the instant of the fixture's +00:00 price, 455.5; it
  // sorts first, so it is rewritten and the +00:00 one becomes the problem.
  real().put({instruments_table_,
              {{"symbol", S("SPY")}, {"SK", S("2025-01-13T21:00:00")}, {"price", N("1")}},
              std::nullopt,
              ReturnValues::kNone});
  MigrationReport report = db().migrate();
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].key, "symbol=SPY, SK=2025-01-13T21:00:00+00:00");
  EXPECT_THAT(report.problems[0].reason, ::testing::HasSubstr("one price of a symbol per instant"));
  EXPECT_EQ(report.of(MigrationKind::kPrice).problems, 1);
  // The problem is left as it was, and reads as legacy.
  EXPECT_THROW(fresh_database()->instruments.get_price_history("SPY"), LegacyRecord);
  // Removing the wrong one (here: the rewritten 1) and running again completes it.
  real().remove({instruments_table_,
                 {{"symbol", S("SPY")}, {"SK", S("2025-01-13T21:00:00.000000Z")}},
                 std::nullopt,
                 ReturnValues::kNone});
  EXPECT_TRUE(db().migrate().ok());
  EXPECT_EQ(db().instruments.get_price_history("SPY").at(1).price, D("455.5"));
  EXPECT_EQ(db().instruments.find_by_symbol("SPY")->current_price, D("455.5"));
  EXPECT_TRUE(db().verify().ok());
}

TEST_P(MigrationTest, LegacyRecordsNameAlexdbMigrateOnRead) {
  write_reference();
  auto expect_legacy = [](const std::function<void()>& read, const std::string& key) {
    try {
      read();
      ADD_FAILURE() << "no LegacyRecord for " << key;
    } catch (const LegacyRecord& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr("alexdb migrate"));
      EXPECT_THAT(e.what(), ::testing::HasSubstr(key));
    }
  };
  expect_legacy([&] { db().accounts.find_by_user("u1"); }, "SK=ACCOUNT#" + kAccountRoth);
  expect_legacy([&] { db().accounts.find_by_user("u1"); }, "PK=USER#u1");
  expect_legacy([&] { db().positions.find_by_id(position_id_of(kAccountRoth, "SPY")); },
                "PK=ACCOUNT#" + kAccountRoth + ", SK=CURRENT#SPY");
  expect_legacy([&] { db().positions.find_by_account(kAccountRoth); }, "CURRENT#");
  // A history read meets the position's CURRENT record first.
  expect_legacy([&] { db().positions.get_position_history(kAccountBob, "BND"); },
                "PK=ACCOUNT#" + kAccountBob + ", SK=CURRENT#BND");
  expect_legacy([&] { db().jobs.find_by_user("u1"); }, "SK=JOB#2025-01-1");
  expect_legacy([&] { db().jobs.find_all(); }, "JOB#");
  expect_legacy([&] { db().instruments.get_price_history("SPY"); }, "symbol=SPY, SK=2025-01-1");
  // StoreError is its base: callers that catch StoreError still do.
  EXPECT_THROW(db().positions.find_all(), StoreError);

  IntegrityReport report = db().verify();
  EXPECT_FALSE(report.ok());
  for (const IntegrityFinding& f : report.findings) {
    EXPECT_THAT(f.message, ::testing::HasSubstr("alexdb migrate")) << f.record;
    EXPECT_THAT(f.message, ::testing::Not(::testing::HasSubstr("has no account record")));
  }
}

TEST_P(MigrationTest, ListingSkipsAMalformedRecordAndLogsIt) {
  std::mutex mu;
  std::vector<std::string> warnings;
  DatabaseOptions options;
  options.log = [&](LogLevel level, std::string_view message) {
    std::lock_guard lock(mu);
    if (level == LogLevel::kWarning) warnings.emplace_back(message);
  };
  auto d = make_database(std::shared_ptr<Store>(&real(), [](Store*) {}), options);
  d->users.create_user("u1", "One");
  d->users.create_user("u2", "Two");
  d->users.create_user("u3", "Three");
  std::string a1 = d->accounts.create_account("u1", "First");
  std::string a2 = d->accounts.create_account("u1", "Second");
  Update damage;
  damage.set("years_until_retirement", S("twenty"));
  real().update({users_table_,
                 {{"PK", S("USER#u2")}, {"SK", S("METADATA")}},
                 damage,
                 std::nullopt,
                 ReturnValues::kNone});
  Update unreadable;
  unreadable.remove("account_name").set("cash_balance", S("lots"));
  real().update({users_table_,
                 {{"PK", S("USER#u1")}, {"SK", S("ACCOUNT#" + a2)}},
                 unreadable,
                 std::nullopt,
                 ReturnValues::kNone});

  auto users = d->users.find_all();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].clerk_user_id, "u1");
  EXPECT_EQ(users[1].clerk_user_id, "u3");
  auto accounts = d->accounts.find_by_user("u1");
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].id, a1);
  std::lock_guard lock(mu);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_THAT(warnings[0], ::testing::HasSubstr("PK=USER#u2, SK=METADATA"));
  EXPECT_THAT(warnings[0], ::testing::HasSubstr(users_table_));
  EXPECT_THAT(warnings[0], ::testing::HasSubstr("years_until_retirement"));
  EXPECT_THAT(warnings[1], ::testing::HasSubstr("SK=ACCOUNT#" + a2));
  EXPECT_THAT(warnings[1], ::testing::HasSubstr("cash_balance"));
}

// A store killed right after the delete of a key beginning with a prefix (WrapperStore
// kills after puts and updates only).
class KillAfterDeleteStore : public WrapperStore {
 public:
  KillAfterDeleteStore(std::shared_ptr<Store> inner, std::string prefix)
      : WrapperStore(std::move(inner)), prefix_(std::move(prefix)) {}
  WriteResult remove(const DeleteRequest& request) override {
    WriteResult result = WrapperStore::remove(request);
    auto sk = request.key.find("SK");
    if (sk != request.key.end() && sk->second.s().rfind(prefix_, 0) == 0) raise(SIGKILL);
    return result;
  }

 private:
  std::string prefix_;
};

// A migration killed right after a chosen write, in a child process, then run again,
// ends in exactly what one uninterrupted run writes.
class MigrationKillTest : public MigrationTest {
 protected:
  void SetUp() override {
    MigrationTest::SetUp();
    if (IsSkipped()) return;
    if (GetParam() == "memory") GTEST_SKIP() << "a memory store does not outlive its process";
  }

  void migrate_killed_after(const std::string& sk_prefix, bool on_delete) {
    std::fflush(nullptr);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        std::shared_ptr<Store> real_store(open_store(spec_));
        if (on_delete) {
          make_database(std::make_shared<KillAfterDeleteStore>(real_store, sk_prefix))->migrate();
        } else {
          auto store = std::make_shared<WrapperStore>(real_store);
          store->arm_fault(sk_prefix, WrapperStore::FaultTiming::kKillAfterWrite);
          make_database(store)->migrate();
        }
      } catch (...) {
        _exit(3);
      }
      _exit(0);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child was not killed after a write to " << sk_prefix;
  }
};

TEST_P(MigrationKillTest, RerunAfterAKillAtAnyWriteConverges) {
  write_reference();
  fresh_database()->migrate();
  const auto uninterrupted = snapshot();
  // One kill point per kind of write: a record rewritten in place, a new METADATA record,
  // a re-keyed job, a position's first and last HISTORY record, its CURRENT record, a
  // re-keyed price, and the delete of an old key.
  const std::vector<std::pair<std::string, bool>> kill_points = {
      {"METADATA", false},
      {"ACCOUNT#" + kAccountTaxable, false},
      {"JOB#2025-01-16T08:00:00.000000Z", false},
      {"JOB#2025-01-15T14:30:00.123456#", true},
      {"HISTORY#SPY#2025-01-10T15:30:00.123456Z", false},
      {"HISTORY#SPY#2025-03-03T15:30:00.000000Z", false},
      {"CURRENT#QQQ", false},
      {"HISTORY#QQQ#2025-01-15T14:30:00+00:00", true},
      {"2025-01-13T21:00:00.000000Z", false},
      {"2025-01-13T21:00:00+00:00", true}};
  for (const auto& [prefix, on_delete] : kill_points) {
    SCOPED_TRACE(prefix);
    clear_tables();
    write_reference();
    migrate_killed_after(prefix, on_delete);
    MigrationReport rerun = fresh_database()->migrate();
    EXPECT_TRUE(rerun.ok());
    EXPECT_EQ(snapshot(), uninterrupted);
    EXPECT_EQ(fresh_database()->migrate().rewritten(), 0);
  }
  expect_reference_records(*fresh_database());
  EXPECT_TRUE(db().verify().ok());
}

ALEXDB_DATABASE_SUITE(MigrationTest);
ALEXDB_DATABASE_SUITE(MigrationKillTest);

}  // namespace
}  // namespace alexdb::database_test
