// Full reads of the two tables for backup, restore and copy.
#include "alex/backup_scan.h"

#include <exception>
#include <mutex>
#include <thread>

#include "alex/tables.h"
#include "store/sqlite/sqlite_store.h"

namespace alexdb::backup {

namespace {

// The most segments (threads) one read uses.
constexpr std::int32_t kMaxReadSegments = 64;
// A progress report every this many items of a table.
constexpr std::int32_t kProgressEvery = 1000;

}  // namespace

std::vector<TableRole> table_roles(const StoreTables& tables) {
  return {{"users", alex::users_table(tables.users)},
          {"instruments", alex::instruments_table(tables.instruments)}};
}

void check_segment_count(std::int32_t segments) {
  if (segments < 1 || segments > kMaxReadSegments) {
    throw ValidationError("--segments", "must be between 1 and 64", std::to_string(segments));
  }
}

void run_parallel(std::int32_t count, const std::function<void(std::int32_t)>& fn) {
  std::mutex mutex;
  std::exception_ptr first;
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(count));
  for (std::int32_t i = 0; i < count; ++i) {
    threads.emplace_back([&, i] {
      try {
        fn(i);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!first) first = std::current_exception();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  if (first) std::rethrow_exception(first);
}

bool has_snapshot(Store& store) { return dynamic_cast<sqlite::SqliteStore*>(&store) != nullptr; }

bool read_tables(Store& store, const std::vector<TableRole>& roles, std::int32_t segments,
                 const std::function<void(std::size_t, const Item&)>& visit,
                 const BackupProgress& progress) {
  check_segment_count(segments);
  std::vector<std::string> names;
  for (const TableRole& r : roles) names.push_back(r.definition.name);
  if (auto* embedded = dynamic_cast<sqlite::SqliteStore*>(&store)) {
    std::vector<std::int64_t> seen(roles.size(), 0);
    embedded->scan_snapshot(names, [&](std::size_t k, const Item& item) {
      visit(k, item);
      if (progress && ++seen[k] % kProgressEvery == 0) progress(roles[k].role, seen[k], false);
    });
    if (progress) {
      for (std::size_t k = 0; k < roles.size(); ++k) progress(roles[k].role, seen[k], true);
    }
    return true;
  }
  std::mutex mutex;
  for (std::size_t k = 0; k < roles.size(); ++k) {
    if (!store.describe_table(names[k])) {
      throw NotFound("Requested resource not found: table " + names[k] + " does not exist");
    }
    std::int64_t seen = 0;
    run_parallel(segments, [&](std::int32_t segment) {
      ScanRequest scan;
      scan.table = names[k];
      scan.consistent_read = true;
      scan.segment = segment;
      scan.total_segments = segments;
      store.scan_each(scan, [&](const Item& item) {
        std::lock_guard lock(mutex);
        visit(k, item);
        if (progress && ++seen % kProgressEvery == 0) progress(roles[k].role, seen, false);
      });
    });
    if (progress) progress(roles[k].role, seen, true);
  }
  return false;
}

std::vector<TableContent> content_of(Store& store, const std::vector<TableRole>& roles,
                                     std::int32_t segments) {
  std::vector<ContentHash> hashes(roles.size());
  read_tables(store, roles, segments, [&](std::size_t k, const Item& item) { hashes[k].add(item); },
              {});
  std::vector<TableContent> out;
  for (std::size_t k = 0; k < roles.size(); ++k) {
    out.push_back({roles[k].role, roles[k].definition.name, hashes[k].count(), hashes[k].hex()});
  }
  return out;
}

}  // namespace alexdb::backup

namespace alexdb {

std::vector<TableContent> store_content(Store& store, const StoreTables& tables,
                                        std::int32_t segments) {
  return backup::content_of(store, backup::table_roles(tables), segments);
}

}  // namespace alexdb
