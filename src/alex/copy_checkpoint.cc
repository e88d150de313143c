#include "alex/copy_checkpoint.h"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "alexdb/backup.h"
#include "model/json_codec.h"

namespace alexdb::backup {

namespace {

using nlohmann::json;

constexpr const char* kCheckpointFormat = "alexdb-copy-checkpoint";

json identity_json(const CopyIdentity& id) {
  return {{"from", id.from},
          {"to", id.to},
          {"from_tables", id.from_tables},
          {"to_tables", id.to_tables},
          {"segments", id.segments}};
}

}  // namespace

CopyCheckpoint::CopyCheckpoint(std::string path, CopyIdentity identity)
    : path_(std::move(path)),
      identity_(std::move(identity)),
      tables_(identity_.from_tables.size(),
              std::vector<Segment>(static_cast<std::size_t>(identity_.segments))) {}

std::unique_ptr<CopyCheckpoint> CopyCheckpoint::load(const std::string& path,
                                                     const CopyIdentity& identity) {
  auto fail = [&](const std::string& why) -> BackupError {
    return BackupError("copy checkpoint " + path + ": " + why);
  };
  std::ifstream in(path);
  if (!in) throw fail("cannot read it (no copy to resume)");
  std::stringstream text;
  text << in.rdbuf();
  auto checkpoint = std::make_unique<CopyCheckpoint>(path, identity);
  try {
    json j = json::parse(text.str());
    if (j.value("format", "") != kCheckpointFormat) throw fail("not a copy checkpoint");
    if (j.at("copy") != identity_json(identity)) {
      throw fail("made for another copy (stores, tables or --segments differ): " +
                 j.at("copy").dump());
    }
    const json& tables = j.at("tables");
    if (tables.size() != checkpoint->tables_.size()) throw fail("tables missing");
    for (std::size_t k = 0; k < tables.size(); ++k) {
      const json& segments = tables[k];
      if (segments.size() != checkpoint->tables_[k].size()) throw fail("segments missing");
      for (std::size_t s = 0; s < segments.size(); ++s) {
        Segment& seg = checkpoint->tables_[k][s];
        seg.done = segments[s].at("done").get<bool>();
        if (!segments[s].at("last_key").is_null()) {
          seg.last_key = codec::item_from_json(segments[s]["last_key"], "last_key");
        }
      }
    }
  } catch (const json::exception& e) {
    throw fail(std::string("malformed (") + e.what() + ")");
  } catch (const ValidationError& e) {
    throw fail(std::string("malformed (") + e.what() + ")");
  }
  return checkpoint;
}

bool CopyCheckpoint::done(std::size_t k, std::int32_t segment) const {
  std::lock_guard lock(mutex_);
  return tables_[k][static_cast<std::size_t>(segment)].done;
}

std::optional<Item> CopyCheckpoint::last_key(std::size_t k, std::int32_t segment) const {
  std::lock_guard lock(mutex_);
  return tables_[k][static_cast<std::size_t>(segment)].last_key;
}

void CopyCheckpoint::record(std::size_t k, std::int32_t segment,
                            const std::optional<Item>& last_key) {
  std::lock_guard lock(mutex_);
  Segment& seg = tables_[k][static_cast<std::size_t>(segment)];
  seg.done = !last_key;
  seg.last_key = last_key;
  save();
}

void CopyCheckpoint::save() const {
  if (path_.empty()) return;
  json tables = json::array();
  for (const auto& segments : tables_) {
    json list = json::array();
    for (const Segment& s : segments) {
      list.push_back(
          {{"done", s.done}, {"last_key", s.last_key ? codec::to_json(*s.last_key) : json()}});
    }
    tables.push_back(std::move(list));
  }
  json j = {{"format", kCheckpointFormat}, {"copy", identity_json(identity_)}, {"tables", tables}};
  const std::string partial = path_ + ".partial";
  {
    std::ofstream out(partial, std::ios::trunc);
    out << j.dump() << '\n';
    out.flush();
    if (!out) throw BackupError("copy checkpoint " + partial + ": cannot write it");
  }
  if (std::rename(partial.c_str(), path_.c_str()) != 0) {
    throw BackupError("copy checkpoint " + path_ + ": cannot replace it");
  }
}

void CopyCheckpoint::remove() const {
  if (!path_.empty()) std::remove(path_.c_str());
}

}  // namespace alexdb::backup
