// copy_store (alexdb/backup.h): segment by segment, page by page, checkpointed.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "alex/backup_scan.h"
#include "alex/backup_target.h"
#include "alex/copy_checkpoint.h"
#include "alexdb/backup.h"

namespace alexdb {

namespace {

using backup::TableRole;

// Items a page of a copied segment evaluates: the checkpoint advances at least this often.
constexpr std::int32_t kCopyPageItems = 1000;

std::vector<std::string> names_of(const std::vector<TableRole>& roles) {
  std::vector<std::string> names;
  for (const TableRole& r : roles) names.push_back(r.definition.name);
  return names;
}

// Copies one segment of table `k` from where the checkpoint left it to its end.
void copy_segment(Store& from, const TableRole& source, Store& to, const TableRole& target,
                  std::size_t k, std::int32_t segment, std::int32_t segments,
                  backup::CopyCheckpoint& checkpoint,
                  const std::function<void(std::size_t)>& copied) {
  if (checkpoint.done(k, segment)) return;
  ScanRequest scan;
  scan.table = source.definition.name;
  scan.consistent_read = true;
  scan.limit = kCopyPageItems;
  scan.segment = segment;
  scan.total_segments = segments;
  scan.exclusive_start_key = checkpoint.last_key(k, segment);
  for (;;) {
    QueryResult page = from.scan(scan);
    std::vector<WriteOp> ops;
    ops.reserve(page.items.size());
    for (Item& item : page.items)
      ops.push_back(WriteOp::put(target.definition.name, std::move(item)));
    if (!ops.empty()) to.batch_write(ops);  // chunks of 25
    checkpoint.record(k, segment, page.last_evaluated_key);
    copied(ops.size());
    if (!page.last_evaluated_key) return;
    scan.exclusive_start_key = std::move(page.last_evaluated_key);
  }
}

}  // namespace

CopyResult copy_store(Store& from, const StoreTables& from_tables, Store& to,
                      const StoreTables& to_tables, const CopyOptions& options) {
  backup::check_segment_count(options.segments);
  if (options.resume && options.checkpoint.empty()) {
    throw ValidationError("--resume", "needs --checkpoint FILE (the checkpoint to resume)");
  }
  std::vector<TableRole> sources = backup::table_roles(from_tables);
  std::vector<TableRole> targets = backup::table_roles(to_tables);
  for (const TableRole& r : sources) {
    if (!from.describe_table(r.definition.name)) {
      throw NotFound("Requested resource not found: table " + r.definition.name +
                     " does not exist in " + from.name());
    }
  }
  backup::CopyIdentity identity{from.name(), to.name(), names_of(sources), names_of(targets),
                                options.segments};
  if (identity.from == identity.to && identity.from_tables == identity.to_tables) {
    throw ValidationError("--to", "must name other tables than --from", identity.to);
  }
  std::unique_ptr<backup::CopyCheckpoint> checkpoint =
      options.resume ? backup::CopyCheckpoint::load(options.checkpoint, identity)
                     : std::make_unique<backup::CopyCheckpoint>(options.checkpoint, identity);
  backup::prepare_targets(to, targets, options.merge || options.resume, "copy");

  std::mutex progress_mutex;
  for (std::size_t k = 0; k < sources.size(); ++k) {
    std::int64_t copied = 0;
    auto report = [&](std::size_t items) {
      std::lock_guard lock(progress_mutex);
      copied += static_cast<std::int64_t>(items);
      if (options.progress) options.progress(sources[k].role, copied, false);
    };
    backup::run_parallel(options.segments, [&](std::int32_t segment) {
      copy_segment(from, sources[k], to, targets[k], k, segment, options.segments, *checkpoint,
                   report);
    });
    if (options.progress) options.progress(sources[k].role, copied, true);
  }
  CopyResult result;
  result.source = backup::content_of(from, sources, options.segments);
  result.target = backup::content_of(to, targets, options.segments);
  if (result.ok()) checkpoint->remove();
  return result;
}

bool CopyResult::ok() const {
  if (source.size() != target.size()) return false;
  for (std::size_t k = 0; k < source.size(); ++k) {
    if (!source[k].same_content(target[k])) return false;
  }
  return true;
}

}  // namespace alexdb
