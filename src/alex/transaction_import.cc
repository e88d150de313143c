// Transactions::import_csv: a CSV file of transactions (transaction_csv.h) checked whole,
// then recorded in batches. Two readings of the file, one line at a time: the first
// checks every row against the file's earlier rows, the ledger (external ids recorded
// already, read 100 keys per request) and the positions the trades move (each read once);
// only when no row has a problem does the second write the new transactions, 25 per
// batch request, and move their positions.
#include <openssl/evp.h>

#include <unordered_map>
#include <unordered_set>

#include "alex/context.h"
#include "alex/keys.h"
#include "alex/ledger_positions.h"
#include "alex/model_support.h"
#include "alex/position_log.h"
#include "alex/record_items.h"
#include "alex/transaction_csv.h"
#include "alex/transaction_items.h"
#include "alex/validation.h"
#include "alexdb/database.h"
#include "alexdb/errors.h"
#include "alexdb/limits.h"
#include "util/csv_lines.h"

namespace alexdb {

namespace {

using alex::CsvColumns;
using alex::RowProblem;

// Rows checked per batch read of the ids recorded already (one request), and
// transactions per batch write (one request on DynamoDB): the API's limits.
constexpr std::size_t kImportCheckRows = limits::kBatchGetKeys;
constexpr std::size_t kImportWriteItems = limits::kBatchWriteItems;

// One data row of the file: its transaction (checked, with its id) or its problems.
struct ImportRow {
  std::int64_t line = 0;
  std::optional<Transaction> transaction;
  std::vector<RowProblem> problems;
};

// The first 32 hex digits of the SHA-256 of `text`.
std::string content_digest(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw Error("import_csv: SHA-256 unavailable");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < 16 && i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

// The fields a row without an external id is known by (its stored form, so that the
// same transaction written differently is the same).
std::string row_content(const Transaction& t) {
  auto number = [](const std::optional<Decimal>& d) { return d ? d->to_string() : ""; };
  constexpr char kUnit = '\x1f';
  return t.type + kUnit + t.symbol.value_or("") + kUnit + number(t.quantity) + kUnit +
         number(t.price) + kUnit + t.fees.to_string() + kUnit + number(t.amount) + kUnit +
         t.timestamp + kUnit + (t.note ? "1" + *t.note : "0");
}

// The rows of a file of transactions, each checked on its own (record()'s rules), with
// its id: "ext:" + its external id, or "csv:" + a digest of its fields + "-" + its
// ordinal among the file's rows with the same fields.
class ImportRows {
 public:
  ImportRows(const std::string& path, const std::string& account, const CsvMapping& mapping,
             Timestamp now)
      : path_(path), account_(account), mapping_(mapping), now_(now), lines_(path) {
    if (!lines_.is_open()) throw ValidationError("path", "a readable file", path);
  }

  // The problems of the header (line 1 when the file is empty); empty when it is good.
  std::vector<ImportProblem> read_header() {
    util::CsvLine header;
    if (!lines_.next(header)) {
      fail_on_read_error();
      return {{1, "header", "the file is empty"}};
    }
    std::vector<RowProblem> problems;
    if (header.too_long || !header.closed) {
      problems.push_back({"header", header.too_long ? too_long() : "unterminated quoted field"});
    } else {
      columns_ = alex::csv_columns(header.fields, mapping_, problems);
    }
    std::vector<ImportProblem> out;
    for (RowProblem& p : problems) out.push_back({header.number, p.field, std::move(p.problem)});
    return out;
  }

  // The next data row; false at the end of the file.
  bool next(ImportRow& row) {
    if (!lines_.next(line_)) {
      fail_on_read_error();
      return false;
    }
    row = ImportRow{};
    row.line = line_.number;
    if (line_.too_long) {
      row.problems.push_back({"row", too_long()});
    } else if (!line_.closed) {
      row.problems.push_back({"row", "unterminated quoted field"});
    } else if (auto input = alex::csv_input(line_.fields, columns_, row.problems)) {
      try {
        row.transaction = checked(*input);
      } catch (const ValidationError& e) {
        row.problems.push_back(alex::problem_of(e));
      }
    }
    return true;
  }

 private:
  Transaction checked(const TransactionInput& input) {
    Transaction t = alex::checked_transaction(input, now_);
    std::string unique;
    if (t.external_id) {
      unique = "ext:" + *t.external_id;
    } else {
      const std::string digest = content_digest(row_content(t));
      unique = "csv:" + digest + "-" + std::to_string(++identical_[digest]);
    }
    t.account_id = account_;
    t.id = alex::keys::transaction_id(account_, unique);
    t.recorded_at = now_.to_string();
    return t;
  }
  std::string too_long() const {
    return "longer than " + std::to_string(lines_.max_line_bytes()) + " bytes";
  }
  void fail_on_read_error() const {
    if (lines_.failed()) throw ValidationError("path", "a readable file", path_ + ": read error");
  }

  std::string path_;
  std::string account_;
  const CsvMapping& mapping_;
  Timestamp now_;
  util::CsvLineReader lines_;
  util::CsvLine line_;
  CsvColumns columns_;
  std::unordered_map<std::string, std::int64_t> identical_;  // digest -> rows so far
};

// What the first reading learned of each id of the file: the line of its row, and
// whether it is recorded already (with the same fields).
struct KnownRow {
  std::int64_t line = 0;
  bool present = false;
  // Present, a trade, and its position shows no change at or after its time (nor do the
  // file's trades before it): an import that recorded it died before moving it.
  bool move_missing = false;
};

// A position as the file's trades so far leave it.
struct ImportPosition {
  Decimal quantity;
  std::string last_change;     // of the position, or of the file's last trade of it
  std::int64_t last_line = 0;  // the file's last trade of it; 0: none yet
};

// The first reading: every row checked, every problem collected (the first
// ImportRejected::kMaxProblems kept), in line order.
class ImportCheck {
 public:
  ImportCheck(const detail::DatabaseContext& ctx, const std::string& account)
      : ctx_(ctx), account_(account) {}

  void run(ImportRows& rows) {
    for (ImportProblem& p : rows.read_header()) add(std::move(p));
    if (count_ > 0) return;
    std::vector<ImportRow> chunk;
    std::size_t good = 0;
    for (ImportRow row; rows.next(row);) {
      ++rows_;
      good += row.transaction ? 1 : 0;
      chunk.push_back(std::move(row));
      if (good == kImportCheckRows) {
        check_chunk(chunk);
        chunk.clear();
        good = 0;
      }
    }
    check_chunk(chunk);
  }

  std::int64_t rows() const { return rows_; }
  std::int64_t problem_count() const { return count_; }
  std::vector<ImportProblem>& problems() { return problems_; }
  std::unordered_map<std::string, KnownRow>& known() { return known_; }

 private:
  void add(ImportProblem problem) {
    ++count_;
    if (problems_.size() < ImportRejected::kMaxProblems) problems_.push_back(std::move(problem));
  }

  // The rows of `chunk` in line order: the recorded versions of their ids read first,
  // in one batch request.
  void check_chunk(const std::vector<ImportRow>& chunk) {
    std::unordered_map<std::string, Transaction> recorded = recorded_of(chunk);
    for (const ImportRow& row : chunk) {
      for (const RowProblem& p : row.problems) add({row.line, p.field, p.problem});
      if (row.transaction) check_row(row.line, *row.transaction, recorded);
    }
  }

  // The first versions recorded of the chunk's ids, by id (a consistent batch read).
  std::unordered_map<std::string, Transaction> recorded_of(const std::vector<ImportRow>& chunk) {
    BatchGetRequest request;
    request.tables.push_back({ctx_.users_table, {}, true});
    std::unordered_set<std::string> asked;
    for (const ImportRow& row : chunk) {
      if (!row.transaction || known_.contains(row.transaction->id)) continue;
      if (!asked.insert(row.transaction->id).second) continue;
      auto ref = alex::keys::parse_transaction_id(row.transaction->id);
      request.tables[0].keys.push_back(alex::users_key(alex::keys::account_pk(account_),
                                                       alex::keys::transaction_sk(ref->unique, 0)));
    }
    std::unordered_map<std::string, Transaction> out;
    if (request.tables[0].keys.empty()) return out;
    const BatchGetResult result = ctx_.store->batch_get(request);
    for (const Item& item : result.items[0]) {
      Transaction t = alex::transaction_from_item(item);
      out.emplace(t.id, std::move(t));
    }
    return out;
  }

  void check_row(std::int64_t line, const Transaction& t,
                 const std::unordered_map<std::string, Transaction>& recorded) {
    auto [known, added] = known_.emplace(t.id, KnownRow{line, false});
    if (!added) {
      add({line, "external_id",
           "once in a file (also on line " + std::to_string(known->second.line) + ")"});
      return;
    }
    if (auto first = recorded.find(t.id); first != recorded.end()) {
      if (alex::same_transaction(first->second, t, true)) {
        known->second.present = true;
        // Its move is missing when nothing changed its position at or after its time:
        // then this import moves it, checked as a new trade.
        for (const auto& [symbol, units] : alex::units_moved(t)) {
          if (position_of(symbol).last_change < t.timestamp) {
            known->second.move_missing = true;
            check_trade(line, t, symbol, units);
          }
        }
      } else {
        add({line, "external_id", "recorded already with other fields (transaction " + t.id + ")"});
      }
      return;
    }
    for (const auto& [symbol, units] : alex::units_moved(t)) check_trade(line, t, symbol, units);
  }

  // A trade against its position as the file's earlier trades leave it.
  void check_trade(std::int64_t line, const Transaction& t, const std::string& symbol,
                   const Decimal& units) {
    ImportPosition& position = position_of(symbol);
    if (t.timestamp < position.last_change) {
      add({line, "timestamp",
           position.last_line > 0
               ? "before line " + std::to_string(position.last_line) + "'s trade of " + symbol
               : "not before the last change of the position (" + symbol + " last changed at " +
                     position.last_change + ")"});
      return;
    }
    if ((position.quantity + units).sign() < 0) {
      add({line, "quantity",
           "at most the units held (" + position.quantity.to_string() + " " + symbol +
               " held then)"});
      return;
    }
    position.quantity += units;
    position.last_change = t.timestamp;
    position.last_line = line;
  }

  ImportPosition& position_of(const std::string& symbol) {
    auto it = positions_.find(symbol);
    if (it != positions_.end()) return it->second;
    ImportPosition position;
    if (auto current = alex::read_current(ctx_, account_, symbol)) {
      position.quantity = current->position.quantity;
      position.last_change = current->position.timestamp;
    }
    return positions_.emplace(symbol, std::move(position)).first->second;
  }

  const detail::DatabaseContext& ctx_;
  std::string account_;
  std::unordered_map<std::string, KnownRow> known_;
  std::unordered_map<std::string, ImportPosition> positions_;
  std::vector<ImportProblem> problems_;
  std::int64_t count_ = 0;
  std::int64_t rows_ = 0;
};

// The second reading: the new transactions written in batches, then the positions of
// each batch's trades moved in file order, with the present trades whose move is missing.
class ImportWrite {
 public:
  ImportWrite(const detail::DatabaseContext& ctx, const std::string& path,
              const std::unordered_map<std::string, KnownRow>& known)
      : ctx_(ctx), path_(path), known_(known) {}

  ImportReport run(ImportRows& rows) {
    ImportReport report;
    rows.read_header();
    for (ImportRow row; rows.next(row);) {
      ++report.rows;
      auto known = row.transaction ? known_.find(row.transaction->id) : known_.end();
      if (known == known_.end() || known->second.line != row.line) changed(row.line, report);
      const bool present = known->second.present;
      if (present) ++report.already_present;
      if (present && !known->second.move_missing) continue;
      batch_.push_back({std::move(*row.transaction), !present});
      if (batch_.size() == kImportWriteItems) write(report);
    }
    write(report);
    return report;
  }

 private:
  // A row of the batch: its transaction, and whether it is new (else recorded already,
  // only its move is missing).
  struct Pending {
    Transaction t;
    bool is_new = true;
  };

  void write(ImportReport& report) {
    if (batch_.empty()) return;
    std::vector<WriteOp> ops;
    for (const Pending& p : batch_) {
      if (p.is_new) ops.push_back(WriteOp::put(ctx_.users_table, alex::transaction_item(p.t)));
    }
    if (!ops.empty()) ctx_.store->batch_write(ops);
    report.recorded += static_cast<std::int64_t>(ops.size());
    for (Pending& p : batch_) {
      Transaction& t = p.t;
      auto moves = alex::units_moved(t);
      if (moves.empty()) continue;
      // Trades of one time move the position at the microseconds after it.
      std::string& last = committed_[moves.begin()->first];
      if (t.timestamp < last) t.timestamp = last;
      last = alex::apply_trade_move(ctx_, t);
    }
    batch_.clear();
  }

  [[noreturn]] void changed(std::int64_t line, const ImportReport& report) const {
    throw ValidationError("path", "unchanged during the import",
                          path_ + " changed at line " + std::to_string(line) + "; " +
                              std::to_string(report.recorded) + " transactions were recorded");
  }

  const detail::DatabaseContext& ctx_;
  std::string path_;
  const std::unordered_map<std::string, KnownRow>& known_;
  std::vector<Pending> batch_;
  std::unordered_map<std::string, std::string> committed_;  // symbol -> last move's time
};

}  // namespace

ImportReport Transactions::import_csv(std::string_view account_id, const std::string& path,
                                      const CsvMapping& mapping) {
  const std::string account = alex::validate::id(account_id, "account_id");
  alex::check_csv_mapping(mapping);
  if (!detail::make_model<Accounts>(context_).find_by_id(account)) {
    throw NotFound("account " + account + " not found");
  }
  const Timestamp now = context_->now();
  ImportCheck check(*context_, account);
  {
    ImportRows rows(path, account, mapping, now);
    check.run(rows);
  }
  if (check.problem_count() > 0) {
    throw ImportRejected(path, std::move(check.problems()), check.problem_count());
  }
  ImportRows rows(path, account, mapping, now);
  return ImportWrite(*context_, path, check.known()).run(rows);
}

}  // namespace alexdb
