// The Store interface's shared behaviour: following pages, splitting batches into
// API-sized calls and retrying what the engine left unprocessed.
#include "alexdb/store.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "alexdb/errors.h"
#include "model/item_codec.h"
#include "store/paging.h"
#include "util/backoff.h"

namespace alexdb {

namespace {

// Runs `page` (a query or scan step) until the results end or `limit` items have been
// evaluated, giving each page to `take`; returns the continuation key of the last page
// (set when the limit ended it). `guard` ends a listing that would not end.
template <typename Request, typename PageFn, typename Take>
std::optional<Item> follow_pages(Request request, const char* operation, PageFn page,
                                 Take take) {
  store::ContinuationGuard guard(operation, request.table);
  std::optional<std::int32_t> remaining = request.limit;
  while (true) {
    if (remaining) request.limit = *remaining;
    QueryResult one = page(request);
    std::optional<Item> next = std::move(one.last_evaluated_key);
    const std::int64_t scanned = one.scanned_count;
    take(std::move(one));
    if (remaining) {
      *remaining -= static_cast<std::int32_t>(scanned);
      if (*remaining <= 0) return next;
    }
    if (!next) return next;
    guard.next(*next, scanned);
    request.exclusive_start_key = std::move(next);
  }
}

// Every page of a listing in one result.
template <typename Request, typename PageFn>
QueryResult all_pages(Request request, const char* operation, PageFn page) {
  QueryResult all;
  all.last_evaluated_key =
      follow_pages(std::move(request), operation, page, [&all](QueryResult one) {
        all.scanned_count += one.scanned_count;
        all.consumed += one.consumed;
        for (Item& item : one.items) all.items.push_back(std::move(item));
      });
  return all;
}

// The keys of one batch read, flattened: (table position, key).
struct PendingKey {
  std::size_t table;
  Item key;
};

// One batch read request: its keys grouped by table, and per table of the chunk the
// position of that table in the batch_get request.
struct GetChunk {
  BatchGetRequest request;
  std::vector<std::size_t> tables;
};

// The first kBatchGetKeys keys of `pending` (taken out of it) as one chunk of `request`.
GetChunk take_get_chunk(const BatchGetRequest& request, std::vector<PendingKey>& pending) {
  GetChunk chunk;
  const std::size_t n = std::min(pending.size(), limits::kBatchGetKeys);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t t = pending[i].table;
    auto it = std::find(chunk.tables.begin(), chunk.tables.end(), t);
    if (it == chunk.tables.end()) {
      chunk.tables.push_back(t);
      chunk.request.tables.push_back({request.tables[t].table, {}, request.tables[t].consistent_read,
                                      request.tables[t].projection});
      it = chunk.tables.end() - 1;
    }
    chunk.request.tables[static_cast<std::size_t>(it - chunk.tables.begin())].keys.push_back(
        std::move(pending[i].key));
  }
  pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(n));
  return chunk;
}

// Sends what the first round of a batch call left unprocessed, one chunk at a time with
// backoff: send_one() takes a chunk out of `pending`, sends it, puts back into `pending`
// what the engine left unprocessed and returns how many. Throws Throttled (naming
// `operation` and the `left` things) when chunks leave some unprocessed through
// Backoff's attempts in a row.
template <typename Pending, typename SendOne>
void send_unprocessed(std::vector<Pending>& pending, const char* operation, const char* left,
                      SendOne send_one) {
  util::Backoff backoff;
  int stalled_attempts = pending.empty() ? 0 : 1;
  if (stalled_attempts > 0) backoff.wait(stalled_attempts);
  while (!pending.empty()) {
    if (send_one() == 0) {
      stalled_attempts = 0;
    } else if (++stalled_attempts >= backoff.max_attempts()) {
      throw Throttled(std::string(operation) + ": " + std::to_string(pending.size()) + " " +
                      left + " still unprocessed after " + std::to_string(stalled_attempts) +
                      " attempts");
    } else {
      backoff.wait(stalled_attempts);
    }
  }
}

}  // namespace

QueryResult Store::query_all(QueryRequest request) {
  return all_pages(std::move(request), "Query", [this](const QueryRequest& r) { return query(r); });
}

QueryResult Store::scan_all(ScanRequest request) {
  return all_pages(std::move(request), "Scan", [this](const ScanRequest& r) { return scan(r); });
}

void Store::scan_each(ScanRequest request, const std::function<void(const Item&)>& visit) {
  follow_pages(
      std::move(request), "Scan", [this](const ScanRequest& r) { return scan(r); },
      [&visit](const QueryResult& one) {
        for (const Item& item : one.items) visit(item);
      });
}

QueryResult Store::query_each(QueryRequest request, const std::function<void(Item&)>& visit) {
  QueryResult all;
  all.last_evaluated_key = follow_pages(
      std::move(request), "Query",
      [this, &visit](const QueryRequest& r) { return query_visit(r, visit); },
      [&all](const QueryResult& one) {
        all.scanned_count += one.scanned_count;
        all.consumed += one.consumed;
      });
  return all;
}

QueryResult Store::query_visit(const QueryRequest& request,
                               const std::function<void(Item&)>& visit) {
  QueryResult page = query(request);
  for (Item& item : page.items) visit(item);
  page.items.clear();
  return page;
}

std::vector<QueryResult> Store::query_many(const std::vector<QueryRequest>& requests) {
  std::vector<QueryResult> results;
  results.reserve(requests.size());
  for (const QueryRequest& request : requests) results.push_back(query(request));
  return results;
}

void Store::query_many_each(const std::vector<QueryRequest>& requests,
                            const std::function<void(std::size_t, QueryResult&)>& visit) {
  auto results = query_many(requests);
  for (std::size_t k = 0; k < results.size(); ++k) visit(k, results[k]);
}

std::vector<QueryResult> Store::query_many_visit(
    const std::vector<QueryRequest>& requests,
    const std::function<void(std::size_t, Item&)>& visit) {
  std::vector<QueryResult> pages(requests.size());
  query_many_each(requests, [&](std::size_t k, QueryResult& result) {
    for (Item& item : result.items) visit(k, item);
    result.items.clear();
    pages[k] = std::move(result);
  });
  return pages;
}

std::vector<GetResult> Store::get_many(const std::vector<GetRequest>& requests) {
  std::vector<GetResult> results;
  results.reserve(requests.size());
  for (const GetRequest& request : requests) results.push_back(get(request));
  return results;
}

BatchGetResult Store::batch_get(const BatchGetRequest& request) {
  BatchGetResult result;
  result.items.resize(request.tables.size());
  // DynamoDB rejects a key twice in one call: read each distinct key once.
  std::vector<PendingKey> pending;
  for (std::size_t t = 0; t < request.tables.size(); ++t) {
    std::set<std::string> seen;
    for (const Item& key : request.tables[t].keys) {
      if (seen.insert(codec::encode_item(key)).second) pending.push_back({t, key});
    }
  }
  // Keeps what a chunk read; puts the keys it left unprocessed back into `pending` and
  // returns how many.
  auto absorb = [&](const GetChunk& chunk, BatchGetChunkResult& got) {
    result.consumed += got.consumed;
    for (std::size_t c = 0; c < got.items.size() && c < chunk.tables.size(); ++c) {
      for (Item& item : got.items[c]) result.items[chunk.tables[c]].push_back(std::move(item));
    }
    std::size_t unprocessed = 0;
    for (const auto& keys : got.unprocessed.tables) {
      std::size_t t = 0;
      while (t < request.tables.size() && request.tables[t].table != keys.table) ++t;
      for (const Item& key : keys.keys) pending.push_back({t, key});
      unprocessed += keys.keys.size();
    }
    return unprocessed;
  };
  // First every chunk of the call, as the engine runs them (concurrently on DynamoDB).
  std::vector<GetChunk> chunks;
  while (!pending.empty()) chunks.push_back(take_get_chunk(request, pending));
  std::vector<BatchGetChunkResult> first(chunks.size());
  for_each_chunk(chunks.size(), [&](std::size_t c) { first[c] = batch_get_chunk(chunks[c].request); });
  for (std::size_t c = 0; c < chunks.size(); ++c) absorb(chunks[c], first[c]);
  // Then what the engine left unprocessed, one chunk at a time, with backoff.
  send_unprocessed(pending, "BatchGetItem", "keys", [&] {
    GetChunk chunk = take_get_chunk(request, pending);
    BatchGetChunkResult got = batch_get_chunk(chunk.request);
    return absorb(chunk, got);
  });
  return result;
}

void Store::for_each_chunk(std::size_t n, const std::function<void(std::size_t)>& fn) {
  for (std::size_t i = 0; i < n; ++i) fn(i);
}

BatchWriteResult Store::batch_write(const std::vector<WriteOp>& ops) {
  BatchWriteResult result;
  // First every chunk of the call, as the engine runs them (concurrently on DynamoDB).
  const std::size_t size = limits::kBatchWriteItems;
  std::vector<BatchWriteChunkResult> first((ops.size() + size - 1) / size);
  for_each_chunk(first.size(), [&](std::size_t c) {
    const auto from = ops.begin() + static_cast<std::ptrdiff_t>(c * size);
    const auto to = ops.begin() + static_cast<std::ptrdiff_t>(std::min(ops.size(), (c + 1) * size));
    first[c] = batch_write_chunk(std::vector<WriteOp>(from, to));
  });
  std::vector<WriteOp> pending;
  // Keeps a chunk's units; puts the ops it left unprocessed into `pending`, returns how many.
  auto absorb = [&](BatchWriteChunkResult& wrote) {
    result.consumed += wrote.consumed;
    std::move(wrote.unprocessed.begin(), wrote.unprocessed.end(), std::back_inserter(pending));
    return wrote.unprocessed.size();
  };
  for (BatchWriteChunkResult& wrote : first) absorb(wrote);
  // Then what the engine left unprocessed, one chunk at a time, with backoff.
  send_unprocessed(pending, "BatchWriteItem", "writes", [&] {
    const auto end = pending.begin() + static_cast<std::ptrdiff_t>(std::min(pending.size(), size));
    std::vector<WriteOp> chunk(std::make_move_iterator(pending.begin()), std::make_move_iterator(end));
    pending.erase(pending.begin(), end);
    BatchWriteChunkResult wrote = batch_write_chunk(chunk);
    return absorb(wrote);
  });
  return result;
}

}  // namespace alexdb
