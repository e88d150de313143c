// Queries and scans of the embedded engine: one page at a time, DynamoDB's way.
// Rows come out of SQLite in key order (see key_encoding.h); this file decides where a
// page starts (key condition, exclusive start key), where it stops (Limit counts items
// evaluated, before the filter; 1 MB of items read), and what continues it.
#include <exception>
#include <forward_list>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/errors.h"
#include "model/item_codec.h"
#include "store/capacity.h"
#include "store/condition_eval.h"
#include "store/request_checks.h"
#include "store/scan_segments.h"
#include "store/sqlite/key_encoding.h"
#include "store/sqlite/sqlite_store.h"

namespace alexdb::sqlite {

namespace {

// A SELECT under construction: its text and its parameters, in order. A parameter is a
// view of bytes the request holds (a key value's), or of bytes `owned` keeps.
struct Select {
  std::string sql;
  std::vector<std::string_view> params;
  std::forward_list<std::string> owned;
  bool has_where = false;
  // Appends " WHERE " (" AND " after the first), then returns the text for the clause.
  std::string& where() {
    sql += has_where ? " AND " : " WHERE ";
    has_where = true;
    return sql;
  }
  // Adds `bytes` as the next parameter.
  void add(std::string bytes) {
    owned.push_front(std::move(bytes));
    params.emplace_back(owned.front());
  }
  // Adds the encoded key of `value` as the next parameter (a view of `value`'s bytes
  // when the encoding is the value itself).
  void add_key(const Value& value) {
    std::string scratch;
    std::string_view bytes = key_bytes(value, scratch);
    if (scratch.empty()) {
      params.push_back(bytes);
    } else {
      add(std::move(scratch));
    }
  }
};

// The key columns a page reads in order: (gpk, gsk, pk, sk) on an index, joined to the
// table's rows; (pk, sk) on the table.
constexpr std::string_view kIndexColumns[] = {"g.gpk", "g.gsk", "g.pk", "g.sk"};
constexpr std::string_view kTableColumns[] = {"pk", "sk"};

// Appends "(a, b) > (?, ?)" (< when not `forward`) for the columns from `from` on.
void append_compare_tuple(std::string& sql, std::span<const std::string_view> columns,
                          std::size_t from, bool forward) {
  sql += '(';
  for (std::size_t i = from; i < columns.size(); ++i) {
    sql.append(i == from ? "" : ", ").append(columns[i]);
  }
  sql += forward ? ") > (" : ") < (";
  for (std::size_t i = from; i < columns.size(); ++i) sql += i == from ? "?" : ", ?";
  sql += ')';
}

// Appends " ORDER BY a ASC, b ASC" (DESC when not `forward`) for the columns from `from` on.
void append_order_by(std::string& sql, std::span<const std::string_view> columns,
                     std::size_t from, bool forward) {
  sql += " ORDER BY ";
  for (std::size_t i = from; i < columns.size(); ++i) {
    sql.append(i == from ? "" : ", ").append(columns[i]).append(forward ? " ASC" : " DESC");
  }
}

// Every top-level attribute a condition reads.
void collect_attributes(const Condition& condition, std::vector<std::string>& out) {
  for (const Operand& operand : condition.operands()) {
    if (const Path* path = std::get_if<Path>(&operand)) out.push_back(path->attribute());
    if (const SizeOf* size = std::get_if<SizeOf>(&operand)) out.push_back(size->path.attribute());
  }
  for (const Condition& child : condition.children()) collect_attributes(child, out);
}

// Throws ValidationError unless the start key holds each of `names`, with the type
// `attributes` gives it, and nothing else.
void check_start_key(const Item& start, const std::vector<std::string>& names,
                     const std::vector<KeyAttribute>& attributes) {
  for (const std::string& name : names) {
    auto it = start.find(name);
    bool type_ok = false;
    for (const KeyAttribute& a : attributes) {
      if (a.name == name && it != start.end()) type_ok = it->second.type() == value_type(a.type);
    }
    if (it == start.end() || !type_ok) {
      throw ValidationError("ExclusiveStartKey", "The provided starting key is invalid",
                            "it needs " + name);
    }
  }
  if (start.size() != names.size()) {
    throw ValidationError("ExclusiveStartKey", "The provided starting key is invalid",
                          "it holds attributes that are not keys");
  }
}

// The key attributes of the table and, when reading an index, of the index.
std::vector<KeyAttribute> key_attributes(const TableDefinition& table,
                                         const IndexDefinition* index) {
  std::vector<KeyAttribute> attributes{table.partition_key};
  if (table.sort_key) attributes.push_back(*table.sort_key);
  if (index) {
    attributes.push_back(index->partition_key);
    if (index->sort_key) attributes.push_back(*index->sort_key);
  }
  return attributes;
}

}  // namespace

SqliteStore::Source SqliteStore::source(Connection& connection, const std::string& table_name,
                                        const std::optional<std::string>& index,
                                        bool consistent_read) {
  Source src;
  src.info = table(connection, table_name);
  if (index) {
    src.index = &store::find_index(src.info->definition, *index);
    src.index_position =
        static_cast<std::size_t>(src.index - src.info->definition.global_indexes.data());
    if (consistent_read) {
      throw ValidationError("ConsistentRead",
                            "consistent reads are not supported on global secondary indexes");
    }
  }
  return src;
}

namespace {

struct PageSpec {
  const TableDefinition* table;
  const IndexDefinition* index;
  std::optional<std::int32_t> limit;
  const std::optional<Condition>* filter;
  const std::vector<Path>* projection;
  bool consistent_read;
  // A parallel scan's segment (the statement's third column is the encoded partition
  // key): rows of other segments are skipped before they count toward the page.
  std::optional<std::int32_t> segment = {};
  std::int32_t total_segments = 1;
  // When set, each item that passes the filter goes to it as read, not into the page.
  const std::function<void(Item&)>* visit = nullptr;
};

// Ends the stepping through rows when a visitor threw (what it threw is kept to be
// rethrown): not an alexdb error, so that a read is not run again after a visit.
struct VisitStopped {};

// Copies into `key` the attributes of `item` that are key attributes of the table or,
// when reading one, of the index (those of both once).
void keep_key(const Item& item, const TableDefinition& table, const IndexDefinition* index,
              Item& key) {
  auto keep = [&](const KeyAttribute& attribute) {
    auto it = item.find(attribute.name);
    if (it != item.end()) key.insert(*it);
  };
  keep(table.partition_key);
  if (table.sort_key) keep(*table.sort_key);
  if (index) {
    keep(index->partition_key);
    if (index->sort_key) keep(*index->sort_key);
  }
}

// Steps through `stmt` (columns: item, size) and builds one page.
QueryResult read_rows(Statement& stmt, const PageSpec& spec) {
  QueryResult result;
  // A small Limit is the common case (one page of a listing): room for all of it.
  constexpr std::int32_t kReservedItems = 128;
  if (spec.limit && *spec.limit <= kReservedItems) {
    result.items.reserve(static_cast<std::size_t>(*spec.limit));
  }
  std::size_t bytes = 0;
  bool stopped = false;
  Item last_key;
  // One item for every row: a row a visitor left in it is decoded over, reusing its nodes
  // (one kept in the page was moved out, leaving it empty).
  Item item;
  while (stmt.step()) {
    if (spec.segment &&
        store::segment_of(stmt.column_blob(2), spec.total_segments) != *spec.segment) {
      continue;
    }
    codec::decode_item_into(stmt.column_blob(0), item);
    bytes += static_cast<std::size_t>(stmt.column_int(1));
    ++result.scanned_count;
    if (spec.index) item = store::project_for_index(*spec.table, *spec.index, item);
    stopped = (spec.limit && result.scanned_count >= *spec.limit) || bytes >= limits::kMaxPageBytes;
    if (stopped) keep_key(item, *spec.table, spec.index, last_key);
    if (!*spec.filter || store::evaluate(**spec.filter, item)) {
      if (spec.visit) {
        if (spec.projection->empty()) {
          (*spec.visit)(item);
        } else {
          Item projected = store::project(item, *spec.projection);
          (*spec.visit)(projected);
        }
      } else {
        result.items.push_back(spec.projection->empty() ? std::move(item)
                                                        : store::project(item, *spec.projection));
      }
    }
    if (stopped) break;
  }
  if (stopped && stmt.step()) result.last_evaluated_key = std::move(last_key);
  result.consumed.read_units = store::read_units(bytes, spec.consistent_read);
  return result;
}

// Runs `select` and reads one page from it.
QueryResult run_select(Connection& connection, const Select& select, const PageSpec& spec) {
  Statement stmt = connection.prepare(select.sql);
  for (std::size_t i = 0; i < select.params.size(); ++i) {
    // The bytes are the request's or `select`'s, which outlive `stmt`.
    stmt.bind_static(static_cast<int>(i), select.params[i]);
  }
  return read_rows(stmt, spec);
}

// What a page reads from: the table's rows in (pk, sk) order, or an index's entries
// joined to their rows in (gpk, gsk, pk, sk) order.
struct ReadPlan {
  Select select;
  std::span<const std::string_view> columns;
};

// Room for the text of any page's statement but one of an index with long table names.
constexpr std::size_t kSqlReserve = 256;
// The most parameters a page's statement takes: a query's partition key, the two bounds
// of BETWEEN, and the three columns after an index's partition key in its start key.
constexpr std::size_t kMostParams = 6;

// The plan of a page of the table, or of the index at `position` of its indexes; `with_pk`
// adds the encoded partition key as a third column (for a parallel scan).
ReadPlan plan_read(const TableInfo& info, const IndexDefinition* index, std::size_t position,
                   bool with_pk = false) {
  ReadPlan plan;
  std::string& sql = plan.select.sql;
  sql.reserve(kSqlReserve);
  plan.select.params.reserve(kMostParams);
  if (index) {
    sql.append("SELECT t.item, t.size").append(with_pk ? ", t.pk" : "").append(" FROM ");
    sql.append(info.index_tables[position]).append(" AS g JOIN ").append(info.data_table);
    sql.append(" AS t ON t.pk = g.pk AND t.sk = g.sk");
    plan.columns = kIndexColumns;
  } else {
    sql.append("SELECT item, size").append(with_pk ? ", pk" : "").append(" FROM ");
    sql.append(info.data_table);
    plan.columns = kTableColumns;
  }
  return plan;
}

// Throws ValidationError for a Limit below 1.
void check_limit(const std::optional<std::int32_t>& limit) {
  if (limit && *limit < 1) throw ValidationError("Limit", "must be at least 1");
}

// Throws ValidationError when a query's filter reads a key attribute of its source.
void check_filter_reads_no_key(const Condition& filter, const KeyAttribute& partition_key,
                               const std::optional<KeyAttribute>& sort_key) {
  std::vector<std::string> read;
  collect_attributes(filter, read);
  for (const std::string& name : read) {
    if (name == partition_key.name || (sort_key && name == sort_key->name)) {
      throw ValidationError("FilterExpression",
                            "Filter Expression can only contain non-primary key attributes",
                            "primary key attribute: " + name);
    }
  }
}

// Adds the query's key condition: equality on the partition column, then the sort key
// condition on the sort column (begins_with as a range of encoded keys).
void where_key_condition(ReadPlan& plan, const QueryRequest& request) {
  Select& select = plan.select;
  select.where().append(plan.columns[0]).append(" = ?");
  select.add_key(request.partition_value);
  if (!request.sort) return;
  const SortKeyCondition& c = *request.sort;
  const std::string_view column = plan.columns[1];
  std::string& sql = select.where().append(column);
  using Op = SortKeyCondition::Op;
  switch (c.op) {
    case Op::kEq:
      sql += " = ?";
      break;
    case Op::kLt:
      sql += " < ?";
      break;
    case Op::kLe:
      sql += " <= ?";
      break;
    case Op::kGt:
      sql += " > ?";
      break;
    case Op::kGe:
      sql += " >= ?";
      break;
    case Op::kBetween:
      sql += " BETWEEN ? AND ?";
      select.add_key(c.value);
      select.add_key(*c.high);
      return;
    case Op::kBeginsWith: {
      std::string end = prefix_successor(encode_key(c.value));
      if (end.empty()) {
        sql += " >= ?";
        break;
      }
      sql.append(" >= ? AND ").append(column).append(" < ?");
      select.add_key(c.value);
      select.add(std::move(end));
      return;
    }
  }
  select.add_key(c.value);
}

// Adds "rows after the start key" (before it when not `forward`), comparing the plan's
// columns from `from` on (1 for a query, whose partition is fixed; 0 for a scan).
// Throws ValidationError when the start key is not a key of the source.
void where_after_start(ReadPlan& plan, const Item& start, const TableDefinition& definition,
                       const IndexDefinition* index, std::size_t from, bool forward) {
  const std::vector<std::string> names =
      index ? store::index_key_names(definition, *index) : store::key_names(definition);
  check_start_key(start, names, key_attributes(definition, index));
  // One value per column: (gpk, gsk, pk, sk) on an index, (pk, sk) on the table; no
  // value (empty bytes) for a sort key the source does not have.
  std::vector<const Value*> position;
  auto value_of = [&](const std::optional<KeyAttribute>& key) {
    return key ? &start.at(key->name) : nullptr;
  };
  if (index) {
    position.push_back(&start.at(index->partition_key.name));
    position.push_back(value_of(index->sort_key));
  }
  position.push_back(&start.at(definition.partition_key.name));
  position.push_back(value_of(definition.sort_key));
  append_compare_tuple(plan.select.where(), plan.columns, from, forward);
  for (std::size_t i = from; i < position.size(); ++i) {
    if (position[i]) {
      plan.select.add_key(*position[i]);
    } else {
      plan.select.params.emplace_back();
    }
  }
}

}  // namespace

template <typename Request, typename Read>
QueryResult SqliteStore::read_source(const Request& request, Read&& read) {
  check_limit(request.limit);
  if (request.filter) store::validate_condition(*request.filter, "FilterExpression");
  return with_current_catalog([&] {
    auto connection = pool_.acquire();
    return read(*connection,
                source(*connection, request.table, request.index, request.consistent_read));
  });
}

QueryResult SqliteStore::query(const QueryRequest& request) { return read_query(request, nullptr); }

QueryResult SqliteStore::query_visit(const QueryRequest& request,
                                     const std::function<void(Item&)>& visit) {
  std::exception_ptr thrown;
  const std::function<void(Item&)> guarded = [&visit, &thrown](Item& item) {
    try {
      visit(item);
    } catch (...) {
      thrown = std::current_exception();
      throw VisitStopped{};
    }
  };
  try {
    return read_query(request, &guarded);
  } catch (const VisitStopped&) {
    std::rethrow_exception(thrown);
  }
}

QueryResult SqliteStore::read_query(const QueryRequest& request,
                                    const std::function<void(Item&)>* visit) {
  return read_source(request, [&](Connection& connection, const Source& src) {
    const TableDefinition& definition = src.info->definition;
    const KeyAttribute& partition_key =
        src.index ? src.index->partition_key : definition.partition_key;
    const std::optional<KeyAttribute>& sort_key =
        src.index ? src.index->sort_key : definition.sort_key;
    store::check_key_condition(partition_key, sort_key, request);
    if (request.filter) check_filter_reads_no_key(*request.filter, partition_key, sort_key);

    ReadPlan plan = plan_read(*src.info, src.index, src.index_position);
    where_key_condition(plan, request);
    if (request.exclusive_start_key) {
      where_after_start(plan, *request.exclusive_start_key, definition, src.index, 1,
                        request.forward);
    }
    append_order_by(plan.select.sql, plan.columns, 1, request.forward);
    PageSpec spec{&definition,     src.index,           request.limit,
                  &request.filter, &request.projection, request.consistent_read};
    spec.visit = visit;
    return run_select(connection, plan.select, spec);
  });
}

QueryResult SqliteStore::scan(const ScanRequest& request) {
  store::check_segments(request);
  return read_source(request, [&](Connection& connection, const Source& src) {
    const TableDefinition& definition = src.info->definition;
    const bool segmented = request.total_segments.has_value();

    ReadPlan plan = plan_read(*src.info, src.index, src.index_position, segmented);
    if (request.exclusive_start_key) {
      where_after_start(plan, *request.exclusive_start_key, definition, src.index, 0, true);
    }
    append_order_by(plan.select.sql, plan.columns, 0, true);
    PageSpec spec{&definition,     src.index,           request.limit,
                  &request.filter, &request.projection, request.consistent_read};
    if (segmented) {
      spec.segment = request.segment;
      spec.total_segments = *request.total_segments;
    }
    return run_select(connection, plan.select, spec);
  });
}

void SqliteStore::query_many_each(const std::vector<QueryRequest>& requests,
                                  const std::function<void(std::size_t, QueryResult&)>& visit) {
  for (std::size_t k = 0; k < requests.size(); ++k) {
    QueryResult result = query(requests[k]);
    visit(k, result);
  }
}

std::vector<QueryResult> SqliteStore::query_many_visit(
    const std::vector<QueryRequest>& requests,
    const std::function<void(std::size_t, Item&)>& visit) {
  std::vector<QueryResult> pages;
  pages.reserve(requests.size());
  for (std::size_t k = 0; k < requests.size(); ++k) {
    pages.push_back(query_visit(requests[k], [&visit, k](Item& item) { visit(k, item); }));
  }
  return pages;
}

void SqliteStore::scan_snapshot(const std::vector<std::string>& tables,
                                const std::function<void(std::size_t, const Item&)>& visit) {
  auto connection = pool_.acquire();
  Transaction snapshot(*connection, /*write=*/false);
  // The snapshot starts at the first read of the transaction: read the catalog in it,
  // so every table below is seen at the same instant.
  forget_tables();
  std::vector<std::shared_ptr<const TableInfo>> infos;
  for (const std::string& name : tables) infos.push_back(table(*connection, name));
  for (std::size_t k = 0; k < infos.size(); ++k) {
    Statement stmt =
        connection->prepare("SELECT item FROM " + infos[k]->data_table + " ORDER BY pk, sk");
    while (stmt.step()) visit(k, codec::decode_item(stmt.column_blob(0)));
  }
}

}  // namespace alexdb::sqlite
