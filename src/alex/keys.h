// The key layout of alexdb's two tables (SPEC section 2): every PK, SK and GSI1 key is
// built and parsed here and nowhere else. Builders take parts already validated by
// validation.h (no '#', whitespace or control characters), so a key part can never
// reach another record's key space.
#ifndef ALEXDB_ALEX_KEYS_H_
#define ALEXDB_ALEX_KEYS_H_

#include <optional>
#include <string>
#include <string_view>

namespace alexdb::alex::keys {

// ---- alex-users-data ----------------------------------------------------------------
inline constexpr std::string_view kMetadata = "METADATA";

// USER#<clerk_user_id>: a user's partition (METADATA, its accounts and jobs).
std::string user_pk(std::string_view clerk_user_id);
inline constexpr std::string_view kUserPrefix = "USER#";
// ACCOUNT#<account_id> as a sort key under the user, and as the account's partition.
std::string account_sk(std::string_view account_id);
std::string account_pk(std::string_view account_id);
// CURRENT#<symbol>: the current position record.
std::string current_sk(std::string_view symbol);
// HISTORY#<symbol>#<timestamp>: one position change; history_prefix(symbol) selects all
// of one symbol's changes, kHistoryPrefix all changes of the account.
std::string history_sk(std::string_view symbol, std::string_view timestamp);
std::string history_prefix(std::string_view symbol);
inline constexpr std::string_view kHistoryPrefix = "HISTORY#";
inline constexpr std::string_view kCurrentPrefix = "CURRENT#";
inline constexpr std::string_view kAccountPrefix = "ACCOUNT#";
inline constexpr std::string_view kJobPrefix = "JOB#";
// JOB#<timestamp>#<job_id> under the user; JOB#<job_id> as the job's own partition.
std::string job_sk(std::string_view timestamp, std::string_view job_id);
std::string job_pk(std::string_view job_id);
// GSI1: JOB#<status> / USER#<clerk_user_id>#<timestamp>.
std::string job_status_gsi1pk(std::string_view status);
std::string job_status_gsi1sk(std::string_view clerk_user_id, std::string_view timestamp);
std::string user_gsi1sk_prefix(std::string_view clerk_user_id);

// TXN#<transaction_id>#<revision>: one version of a ledger transaction in its account's
// partition (revision 0000 as recorded, then one per correction or void, 4 digits);
// transaction_prefix(id) selects one transaction's versions, kTransactionPrefix the
// account's whole ledger.
std::string transaction_sk(std::string_view transaction_id, int revision);
std::string transaction_prefix(std::string_view transaction_id);
inline constexpr std::string_view kTransactionPrefix = "TXN#";
// The most versions a transaction has (revision 0 and 9,998 corrections or voids).
inline constexpr int kMaxRevision = 9999;
// RETURNS#<YYYY-MM>: the stored returns checkpoint of one calendar month of the account
// (returns_checkpoints.h); kReturnsCheckpointPrefix selects them all.
std::string returns_checkpoint_sk(std::string_view month);
inline constexpr std::string_view kReturnsCheckpointPrefix = "RETURNS#";

// ---- alex-instruments ---------------------------------------------------------------
inline constexpr std::string_view kInstrumentMeta = "META";
// The sort key of one price: its timestamp.
std::string price_sk(std::string_view timestamp);
// SPLIT#<effective>: a split of the instrument (corporate action) taking effect at that
// fixed-width timestamp; kSplitPrefix selects them all. They sort after META, so price
// queries (timestamps) never meet them.
std::string split_sk(std::string_view effective);
inline constexpr std::string_view kSplitPrefix = "SPLIT#";
// EDIT#<at>#<token>: a mark left by a write of price records below META's newest price
// (price_edits.h), at the fixed-width time the write began; kPriceEditPrefix selects
// them all. They sort between the prices (timestamps) and META.
std::string price_edit_sk(std::string_view at, std::string_view token);
inline constexpr std::string_view kPriceEditPrefix = "EDIT#";
// Whether an instruments-table sort key is one of an instrument's records other than
// META and its prices (a SPLIT# or EDIT# record).
bool is_instrument_annex_sk(std::string_view sk);

// ---- Parsers (nullopt when the key is not of that form) -----------------------------
std::optional<std::string> parse_user_pk(std::string_view pk);
std::optional<std::string> parse_account_pk(std::string_view pk);
std::optional<std::string> parse_account_sk(std::string_view sk);
std::optional<std::string> parse_job_pk(std::string_view pk);
// The effective timestamp of a SPLIT# sort key.
std::optional<std::string> parse_split_sk(std::string_view sk);
// The month (YYYY-MM) of a RETURNS# sort key.
std::optional<std::string> parse_returns_checkpoint_sk(std::string_view sk);
std::optional<std::string> parse_current_sk(std::string_view sk);
struct HistoryKey {
  std::string symbol;
  std::string timestamp;
};
std::optional<HistoryKey> parse_history_sk(std::string_view sk);
struct JobKey {
  std::string timestamp;
  std::string job_id;
};
std::optional<JobKey> parse_job_sk(std::string_view sk);

struct TransactionKey {
  std::string transaction_id;
  int revision = 0;
};
std::optional<TransactionKey> parse_transaction_sk(std::string_view sk);

// ---- Position ids ----------------------------------------------------------------------
// A URL-safe id (base64url, no padding) that encodes an account id and a symbol.
std::string position_id(std::string_view account_id, std::string_view symbol);
struct PositionRef {
  std::string account_id;
  std::string symbol;
};
// The account and symbol of a position id, or nullopt for a malformed id.
std::optional<PositionRef> parse_position_id(std::string_view id);

// ---- Transaction ids -------------------------------------------------------------------
// A URL-safe id (base64url, no padding) that encodes an account id and a part unique in
// that account (a random token, or one derived from an external id), so a transaction
// is found from its id alone with one query of its account's partition.
std::string transaction_id(std::string_view account_id, std::string_view unique);
struct TransactionRef {
  std::string account_id;
  std::string unique;
};
// The account and unique part of a transaction id, or nullopt for a malformed id.
std::optional<TransactionRef> parse_transaction_id(std::string_view id);

}  // namespace alexdb::alex::keys

#endif  // ALEXDB_ALEX_KEYS_H_
