// The checkpoint of a resumable copy: per table and segment, whether it is done and the
// last key copied. Saved atomically (a temporary file renamed over the old one).
#ifndef ALEXDB_ALEX_COPY_CHECKPOINT_H_
#define ALEXDB_ALEX_COPY_CHECKPOINT_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "alexdb/value.h"

namespace alexdb::backup {

// What a copy is: the stores, their tables and the segment count. A checkpoint resumes
// only the copy it was made for.
struct CopyIdentity {
  std::string from;
  std::string to;
  std::vector<std::string> from_tables;
  std::vector<std::string> to_tables;
  std::int32_t segments = 1;
};

// Thread-safe: the segments of a copy record their progress from their own threads.
class CopyCheckpoint {
 public:
  // A new checkpoint (nothing done) for `identity`, saved to `path` (empty: kept in
  // memory only).
  CopyCheckpoint(std::string path, CopyIdentity identity);
  // The checkpoint saved at `path`. BackupError when it cannot be read, is malformed, or
  // was made for another copy than `identity`.
  static std::unique_ptr<CopyCheckpoint> load(const std::string& path,
                                              const CopyIdentity& identity);

  // Whether segment `segment` of table `k` is done.
  bool done(std::size_t k, std::int32_t segment) const;
  // The key to continue segment `segment` of table `k` after (none: from its start).
  std::optional<Item> last_key(std::size_t k, std::int32_t segment) const;
  // Records that segment `segment` of table `k` was copied up to `last_key` (nullopt:
  // to its end) and saves the checkpoint.
  void record(std::size_t k, std::int32_t segment, const std::optional<Item>& last_key);
  // Removes the file (after a verified copy).
  void remove() const;

 private:
  struct Segment {
    bool done = false;
    std::optional<Item> last_key;
  };
  void save() const;  // with mutex_ held

  std::string path_;
  CopyIdentity identity_;
  std::vector<std::vector<Segment>> tables_;
  mutable std::mutex mutex_;
};

}  // namespace alexdb::backup

#endif  // ALEXDB_ALEX_COPY_CHECKPOINT_H_
