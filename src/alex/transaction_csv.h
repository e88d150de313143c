// The CSV format of the ledger's transactions (Transactions::import_csv, README
// "Importing transactions"): which column of a file holds which field of
// TransactionInput, and a data row's fields as an input.
#ifndef ALEXDB_ALEX_TRANSACTION_CSV_H_
#define ALEXDB_ALEX_TRANSACTION_CSV_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/ledger.h"

namespace alexdb::alex {

// The fields a column can hold, in the order of TransactionInput (timestamp first).
inline constexpr std::array<std::string_view, 9> kCsvFields = {
    "timestamp", "type", "symbol", "quantity", "price", "fees", "amount", "external_id", "note"};

// What is wrong with a row (or the header): the field and the problem; the line is the
// caller's.
struct RowProblem {
  std::string field;
  std::string problem;
};

// Where each field of kCsvFields is in a row (unset: no column holds it), and how many
// columns the header has.
struct CsvColumns {
  std::array<std::optional<std::size_t>, kCsvFields.size()> index;
  std::size_t count = 0;
};

// Checks that `mapping` maps fields of kCsvFields to non-empty column names, no column
// twice: ValidationError "mapping" naming the entry otherwise.
void check_csv_mapping(const CsvMapping& mapping);

// The columns of a header row (names matched ignoring case): a column named by
// `mapping` holds its field, then a column named as a field (or `date`, for timestamp)
// that the mapping does not map holds it; other columns are ignored when a mapping is
// given and a problem otherwise. The timestamp and type are required. Problems (field
// "header") go to `problems`.
CsvColumns csv_columns(const std::vector<std::string>& header, const CsvMapping& mapping,
                       std::vector<RowProblem>& problems);

// A data row's fields as an input: an empty cell leaves its field unset (fees: 0);
// numbers parsed as Decimals. The row must have the header's number of fields and a
// timestamp. Each problem found goes to `problems`; nullopt when there is one. The
// input is not checked by its type's rules yet (checked_transaction does that).
std::optional<TransactionInput> csv_input(const std::vector<std::string>& fields,
                                          const CsvColumns& columns,
                                          std::vector<RowProblem>& problems);

// A ValidationError as a problem of its field: its rule, then its detail in parentheses.
RowProblem problem_of(const ValidationError& error);

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_TRANSACTION_CSV_H_
