// A Store that forwards every call to another, for tests that change one behaviour of a
// real engine (a fault, a throttled chunk): derive from it and override what changes.
#ifndef ALEXDB_TESTS_STORE_FORWARDING_STORE_H_
#define ALEXDB_TESTS_STORE_FORWARDING_STORE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/store.h"

namespace alexdb::testing {

class ForwardingStore : public Store {
 public:
  // Forwards to `inner`, which must outlive this store.
  explicit ForwardingStore(Store& inner) : inner_(inner) {}

  std::string name() const override { return inner_.name(); }
  void create_table(const TableDefinition& d) override { inner_.create_table(d); }
  std::optional<TableDescription> describe_table(std::string_view t) override {
    return inner_.describe_table(t);
  }
  void delete_table(std::string_view t) override { inner_.delete_table(t); }
  std::vector<std::string> list_tables() override { return inner_.list_tables(); }
  GetResult get(const GetRequest& r) override { return inner_.get(r); }
  WriteResult put(const PutRequest& r) override { return inner_.put(r); }
  WriteResult update(const UpdateRequest& r) override { return inner_.update(r); }
  WriteResult remove(const DeleteRequest& r) override { return inner_.remove(r); }
  QueryResult query(const QueryRequest& r) override { return inner_.query(r); }
  QueryResult scan(const ScanRequest& r) override { return inner_.scan(r); }

 protected:
  BatchGetChunkResult batch_get_chunk(const BatchGetRequest& chunk) override {
    return batch_get_chunk_of(inner_, chunk);
  }
  BatchWriteChunkResult batch_write_chunk(const std::vector<WriteOp>& chunk) override {
    return batch_write_chunk_of(inner_, chunk);
  }

 private:
  Store& inner_;
};

}  // namespace alexdb::testing

#endif  // ALEXDB_TESTS_STORE_FORWARDING_STORE_H_
