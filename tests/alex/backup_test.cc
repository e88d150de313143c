// Backup files, restore and copy on the embedded engine (alexdb/backup.h): round trips
// keep every item, damaged or truncated files are refused with nothing written, a
// non-empty target is refused, an interrupted copy resumes from its checkpoint.
#include "alexdb/backup.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "alexdb/config.h"
#include "alexdb/errors.h"
#include "store/forwarding_store.h"

namespace alexdb {
namespace {

namespace fs = std::filesystem;

Item backup_user_row(int i) {
  Item item{{"PK", Value::S("USER#u" + std::to_string(i))},
            {"SK", Value::S("METADATA")},
            {"n", Value::N(std::to_string(i) + ".50")},
            {"tags", Value::SS({"a", "b" + std::to_string(i)})},
            {"nested", Value::M({{"x", Value::Bool(i % 2 == 0)}, {"nil", Value::Null()}})}};
  if (i % 3 == 0) {
    item["GSI1PK"] = Value::S("JOB#pending");
    item["GSI1SK"] = Value::S("USER#u" + std::to_string(i));
  }
  return item;
}

Item backup_price_row(int i) {
  return {{"symbol", Value::S("SYM" + std::to_string(i % 7))},
          {"SK", Value::S("2025-01-" + std::to_string(10 + i % 20) + "T21:00:00.000000Z#" +
                          std::to_string(i))},
          {"price", Value::N("12.3456")},
          {"blob", Value::B(Bytes(std::string("\0\xff", 2)))}};
}

// Every item of a table, in key order.
std::vector<Item> all_items(Store& store, const std::string& table) {
  ScanRequest scan;
  scan.table = table;
  scan.consistent_read = true;
  std::vector<Item> items = store.scan_all(scan).items;
  auto key_text = [](const Item& item) {
    return (item.count("PK") ? item.at("PK").s() : item.at("symbol").s()) + '\0' +
           item.at("SK").s();
  };
  std::sort(items.begin(), items.end(),
            [&](const Item& a, const Item& b) { return key_text(a) < key_text(b); });
  return items;
}

std::string read_gzip(const fs::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  std::string out;
  char buffer[4096];
  int n;
  while ((n = gzread(f, buffer, sizeof buffer)) > 0)
    out.append(buffer, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

void write_gzip(const fs::path& path, const std::string& text) {
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("alexdb-backup-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    source_ = open_store("sqlite:" + (dir_ / "source.db").string());
    TableDefinition users = {tables_.users,
                             {"PK", ScalarType::kS},
                             KeyAttribute{"SK", ScalarType::kS},
                             {{"GSI1",
                               {"GSI1PK", ScalarType::kS},
                               KeyAttribute{"GSI1SK", ScalarType::kS},
                               {Projection::Type::kAll, {}}}}};
    source_->create_table(users);
    source_->create_table(
        {tables_.instruments, {"symbol", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}});
    std::vector<WriteOp> ops;
    for (int i = 0; i < 60; ++i) ops.push_back(WriteOp::put(tables_.users, backup_user_row(i)));
    for (int i = 0; i < 90; ++i) ops.push_back(WriteOp::put(tables_.instruments, backup_price_row(i)));
    source_->batch_write(ops);
    file_ = (dir_ / "backup.jsonl.gz").string();
  }
  void TearDown() override {
    source_.reset();
    fs::remove_all(dir_);
  }

  std::unique_ptr<Store> fresh(const std::string& name) {
    return open_store("sqlite:" + (dir_ / name).string());
  }

  void expect_same_items(Store& a, Store& b) {
    EXPECT_EQ(all_items(a, tables_.users), all_items(b, tables_.users));
    EXPECT_EQ(all_items(a, tables_.instruments), all_items(b, tables_.instruments));
  }

  fs::path dir_;
  StoreTables tables_;
  std::unique_ptr<Store> source_;
  std::string file_;
};

TEST(ContentHashTest, IsIndependentOfOrderAndSensitiveToContent) {
  ContentHash forward, backward, changed;
  for (int i = 0; i < 20; ++i) forward.add(backup_user_row(i));
  for (int i = 19; i >= 0; --i) backward.add(backup_user_row(i));
  for (int i = 0; i < 20; ++i) {
    Item item = backup_user_row(i);
    if (i == 7) item["n"] = Value::N("7.51");
    changed.add(item);
  }
  EXPECT_EQ(forward.count(), 20);
  EXPECT_EQ(forward.hex(), backward.hex());
  EXPECT_NE(forward.hex(), changed.hex());
  EXPECT_EQ(forward.hex().size(), 64u);
  ContentHash first, second;
  for (int i = 0; i < 10; ++i) first.add(backup_user_row(i));
  for (int i = 10; i < 20; ++i) second.add(backup_user_row(i));
  first.merge(second);
  EXPECT_EQ(first.hex(), forward.hex());
  EXPECT_EQ(first.count(), 20);
}

TEST(ContentHashTest, NumbersCompareByValue) {
  ContentHash a, b;
  a.add({{"PK", Value::S("x")}, {"n", Value::N("1.50")}});
  b.add({{"PK", Value::S("x")}, {"n", Value::N("1.5")}});
  EXPECT_EQ(a.hex(), b.hex());
}

TEST_F(BackupTest, RoundTripKeepsEveryItem) {
  BackupResult written = backup_store(*source_, tables_, file_);
  EXPECT_TRUE(written.point_in_time);
  ASSERT_EQ(written.tables.size(), 2u);
  EXPECT_EQ(written.tables[0].items, 60);
  EXPECT_EQ(written.tables[1].items, 90);
  EXPECT_FALSE(fs::exists(file_ + ".partial"));

  std::vector<TableContent> checked = check_backup(file_);
  EXPECT_TRUE(checked[0].same_content(written.tables[0]));

  auto target = fresh("target.db");
  RestoreResult restored = restore_store(*target, tables_, file_);
  EXPECT_TRUE(restored.ok());
  EXPECT_TRUE(restored.found[1].same_content(written.tables[1]));
  expect_same_items(*source_, *target);
  // The GSI was created and kept in step.
  QueryRequest jobs;
  jobs.table = tables_.users;
  jobs.index = "GSI1";
  jobs.partition_value = Value::S("JOB#pending");
  EXPECT_EQ(target->query_all(jobs).items.size(), 20u);
}

TEST_F(BackupTest, TheFileIsGzipJsonLinesWithHeaderAndTrailer) {
  backup_store(*source_, tables_, file_);
  std::istringstream lines(read_gzip(file_));
  std::string line;
  std::vector<nlohmann::json> parsed;
  while (std::getline(lines, line)) parsed.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(parsed.size(), 1u + 60u + 90u + 1u);
  EXPECT_EQ(parsed.front()["format"], "alexdb-backup");
  EXPECT_EQ(parsed.front()["version"], 1);
  EXPECT_EQ(parsed.front()["tables"][0]["role"], "users");
  EXPECT_EQ(parsed[1]["item"]["n"]["N"].get<std::string>().back(), '5');
  EXPECT_TRUE(parsed.back()["trailer"].get<bool>());
  EXPECT_EQ(parsed.back()["tables"][1]["items"], 90);
}

TEST_F(BackupTest, ATruncatedFileIsRefusedAndNothingWritten) {
  backup_store(*source_, tables_, file_);
  std::string bytes;
  {
    std::ifstream in(file_, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (std::size_t keep : {bytes.size() / 2, bytes.size() - 4, std::size_t{30}}) {
    std::ofstream(file_, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(keep));
    auto target = fresh("truncated.db");
    EXPECT_THROW(restore_store(*target, tables_, file_), BackupError) << keep;
    EXPECT_TRUE(target->list_tables().empty()) << "restore created tables for a bad file";
  }
}

TEST_F(BackupTest, ACorruptedFileIsRefusedAndNothingWritten) {
  backup_store(*source_, tables_, file_);
  std::string bytes;
  {
    std::ifstream in(file_, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
  std::ofstream(file_, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  auto target = fresh("corrupt.db");
  EXPECT_THROW(restore_store(*target, tables_, file_), BackupError);
  EXPECT_TRUE(target->list_tables().empty());
}

TEST_F(BackupTest, ChangedContentInAValidGzipIsRefusedByTheTrailer) {
  backup_store(*source_, tables_, file_);
  std::string text = read_gzip(file_);
  std::size_t at = text.find("\"12.3456\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 9, "\"99.3456\"");
  write_gzip(file_, text);
  auto target = fresh("edited.db");
  try {
    restore_store(*target, tables_, file_);
    ADD_FAILURE() << "an edited backup was restored";
  } catch (const BackupError& e) {
    EXPECT_NE(std::string(e.what()).find("content hash"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(target->list_tables().empty());
  // A file without its trailer (cut at a line boundary) is refused too.
  text.erase(text.rfind("{\"tables\"") == std::string::npos ? text.rfind("{\"trailer\"")
                                                            : text.rfind("{\"tables\""));
  write_gzip(file_, text);
  EXPECT_THROW(restore_store(*target, tables_, file_), BackupError);
  EXPECT_TRUE(target->list_tables().empty());
}

TEST_F(BackupTest, ANonEmptyTargetIsRefusedUnlessMerge) {
  backup_store(*source_, tables_, file_);
  auto target = fresh("busy.db");
  target->create_table(
      {tables_.instruments, {"symbol", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}});
  Item other{{"symbol", Value::S("ZZZ")}, {"SK", Value::S("META")}};
  target->put({tables_.instruments, other, std::nullopt, ReturnValues::kNone});
  EXPECT_THROW(restore_store(*target, tables_, file_), BackupError);
  EXPECT_EQ(all_items(*target, tables_.instruments).size(), 1u);

  RestoreOptions merge;
  merge.merge = true;
  RestoreResult result = restore_store(*target, tables_, file_, merge);
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(all_items(*target, tables_.instruments).size(), 91u);
}

TEST_F(BackupTest, ABackupOfAMissingTableLeavesNoFile) {
  StoreTables wrong = tables_;
  wrong.instruments = "no-such-table";
  EXPECT_THROW(backup_store(*source_, wrong, file_), NotFound);
  EXPECT_FALSE(fs::exists(file_));
  EXPECT_FALSE(fs::exists(file_ + ".partial"));
}

// Forwards to another store; counts batch write chunks and fails every one after the
// first `allowed` (a lost connection in the middle of a copy).
class FailingWritesStore : public testing::ForwardingStore {
 public:
  FailingWritesStore(Store& inner, int allowed) : ForwardingStore(inner), allowed_(allowed) {}
  std::atomic<int> chunks{0};

 protected:
  BatchWriteChunkResult batch_write_chunk(const std::vector<WriteOp>& chunk) override {
    if (allowed_-- <= 0) throw ServiceError("InternalServerError", "injected: connection lost");
    ++chunks;
    return ForwardingStore::batch_write_chunk(chunk);
  }

 private:
  std::atomic<int> allowed_;
};

TEST_F(BackupTest, AnInterruptedCopyResumesFromItsCheckpoint) {
  // 2,560 users items: three pages of a copied segment (1,000 items a page, 25 a chunk).
  std::vector<WriteOp> ops;
  for (int i = 100; i < 2600; ++i) ops.push_back(WriteOp::put(tables_.users, backup_user_row(i)));
  source_->batch_write(ops);
  auto target = fresh("copy.db");
  CopyOptions options;
  options.segments = 1;
  options.checkpoint = (dir_ / "copy.ckpt").string();
  {
    FailingWritesStore failing(*target, 45);  // the first page (40 chunks), then lost
    EXPECT_THROW(copy_store(*source_, tables_, failing, tables_, options), ServiceError);
  }
  ASSERT_TRUE(fs::exists(options.checkpoint));
  // Without --resume the copy refuses the half-written target.
  EXPECT_THROW(copy_store(*source_, tables_, *target, tables_, options), BackupError);
  options.resume = true;
  FailingWritesStore counting(*target, 1000000);
  CopyResult result = copy_store(*source_, tables_, counting, tables_, options);
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.target[0].items, 2560);
  // The resumed copy started after the checkpoint's page: 1,560 users items (63 chunks)
  // and 90 instruments items (4 chunks), not all 2,560 users items again.
  EXPECT_EQ(counting.chunks, 63 + 4);
  EXPECT_FALSE(fs::exists(options.checkpoint)) << "a verified copy keeps its checkpoint";
  expect_same_items(*source_, *target);
}

TEST_F(BackupTest, ACheckpointOfAnotherCopyIsRefused) {
  auto target = fresh("other.db");
  CopyOptions options;
  options.checkpoint = (dir_ / "other.ckpt").string();
  options.resume = true;
  EXPECT_THROW(copy_store(*source_, tables_, *target, tables_, options), BackupError);  // none
  std::ofstream(options.checkpoint) << "{\"format\":\"alexdb-copy-checkpoint\",\"copy\":{}}";
  EXPECT_THROW(copy_store(*source_, tables_, *target, tables_, options), BackupError);
  EXPECT_TRUE(target->list_tables().empty());
}

TEST_F(BackupTest, CopyFindsAMismatch) {
  auto target = fresh("mismatch.db");
  CopyResult result = copy_store(*source_, tables_, *target, tables_);
  EXPECT_TRUE(result.ok());
  target->put({tables_.users, backup_user_row(999), std::nullopt, ReturnValues::kNone});
  EXPECT_FALSE(store_content(*target, tables_)[0].same_content(result.source[0]));
}

}  // namespace
}  // namespace alexdb
