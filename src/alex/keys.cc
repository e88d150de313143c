#include "alex/keys.h"

#include <algorithm>

#include "model/base64.h"

namespace alexdb::alex::keys {

namespace {

constexpr char kSeparator = '#';

std::string join(std::string_view a, std::string_view b) {
  std::string s(a);
  s += b;
  return s;
}

// The rest of `key` after `prefix`, when it starts so and the rest is a non-empty part
// without a separator.
std::optional<std::string> part_after(std::string_view key, std::string_view prefix) {
  if (key.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = key.substr(prefix.size());
  if (rest.empty() || rest.find(kSeparator) != std::string_view::npos) return std::nullopt;
  return std::string(rest);
}

}  // namespace

std::string user_pk(std::string_view clerk_user_id) { return join(kUserPrefix, clerk_user_id); }
std::string account_sk(std::string_view account_id) { return join(kAccountPrefix, account_id); }
std::string account_pk(std::string_view account_id) { return join(kAccountPrefix, account_id); }
std::string current_sk(std::string_view symbol) { return join(kCurrentPrefix, symbol); }

std::string history_sk(std::string_view symbol, std::string_view timestamp) {
  return history_prefix(symbol) + std::string(timestamp);
}

std::string history_prefix(std::string_view symbol) {
  return join(kHistoryPrefix, symbol) + kSeparator;
}

std::string job_sk(std::string_view timestamp, std::string_view job_id) {
  return join(kJobPrefix, timestamp) + kSeparator + std::string(job_id);
}

std::string job_pk(std::string_view job_id) { return join(kJobPrefix, job_id); }
std::string job_status_gsi1pk(std::string_view status) { return join(kJobPrefix, status); }

std::string job_status_gsi1sk(std::string_view clerk_user_id, std::string_view timestamp) {
  return user_gsi1sk_prefix(clerk_user_id) + std::string(timestamp);
}

std::string user_gsi1sk_prefix(std::string_view clerk_user_id) {
  return join(kUserPrefix, clerk_user_id) + kSeparator;
}

std::string price_sk(std::string_view timestamp) { return std::string(timestamp); }
std::string split_sk(std::string_view effective) { return std::string(kSplitPrefix) + std::string(effective); }
std::optional<std::string> parse_split_sk(std::string_view sk) {
  return part_after(sk, kSplitPrefix);
}

std::string price_edit_sk(std::string_view at, std::string_view token) {
  return join(kPriceEditPrefix, at) + kSeparator + std::string(token);
}

bool is_instrument_annex_sk(std::string_view sk) {
  return sk.starts_with(kSplitPrefix) || sk.starts_with(kPriceEditPrefix);
}

std::string returns_checkpoint_sk(std::string_view month) {
  return std::string(kReturnsCheckpointPrefix) + std::string(month);
}

std::optional<std::string> parse_returns_checkpoint_sk(std::string_view sk) {
  return part_after(sk, kReturnsCheckpointPrefix);
}

std::optional<std::string> parse_user_pk(std::string_view pk) {
  return part_after(pk, kUserPrefix);
}
std::optional<std::string> parse_account_pk(std::string_view pk) {
  return part_after(pk, kAccountPrefix);
}
std::optional<std::string> parse_job_pk(std::string_view pk) { return part_after(pk, kJobPrefix); }
std::optional<std::string> parse_account_sk(std::string_view sk) {
  return part_after(sk, kAccountPrefix);
}
std::optional<std::string> parse_current_sk(std::string_view sk) {
  return part_after(sk, kCurrentPrefix);
}

std::optional<HistoryKey> parse_history_sk(std::string_view sk) {
  if (sk.substr(0, kHistoryPrefix.size()) != kHistoryPrefix) return std::nullopt;
  std::string_view rest = sk.substr(kHistoryPrefix.size());
  auto split = rest.find(kSeparator);
  if (split == 0 || split == std::string_view::npos || split + 1 == rest.size())
    return std::nullopt;
  std::string_view timestamp = rest.substr(split + 1);
  if (timestamp.find(kSeparator) != std::string_view::npos) return std::nullopt;
  return HistoryKey{std::string(rest.substr(0, split)), std::string(timestamp)};
}

std::optional<JobKey> parse_job_sk(std::string_view sk) {
  if (sk.substr(0, kJobPrefix.size()) != kJobPrefix) return std::nullopt;
  std::string_view rest = sk.substr(kJobPrefix.size());
  auto split = rest.rfind(kSeparator);
  if (split == 0 || split == std::string_view::npos || split + 1 == rest.size())
    return std::nullopt;
  std::string_view timestamp = rest.substr(0, split);
  if (timestamp.find(kSeparator) != std::string_view::npos) return std::nullopt;
  return JobKey{std::string(timestamp), std::string(rest.substr(split + 1))};
}

std::string position_id(std::string_view account_id, std::string_view symbol) {
  std::string joined;
  joined.reserve(account_id.size() + 1 + symbol.size());
  joined.append(account_id).append(1, kSeparator).append(symbol);
  return base64::encode(joined, base64::Form::kUrlSafe);
}

std::string transaction_sk(std::string_view transaction_id, int revision) {
  std::string number = std::to_string(revision);
  return transaction_prefix(transaction_id) +
         std::string(4 - std::min<std::size_t>(4, number.size()), '0') + number;
}

std::string transaction_prefix(std::string_view transaction_id) {
  return join(kTransactionPrefix, transaction_id) + kSeparator;
}

std::optional<TransactionKey> parse_transaction_sk(std::string_view sk) {
  if (sk.substr(0, kTransactionPrefix.size()) != kTransactionPrefix) return std::nullopt;
  std::string_view rest = sk.substr(kTransactionPrefix.size());
  auto split = rest.find(kSeparator);
  if (split == 0 || split == std::string_view::npos || rest.size() - split != 5) {
    return std::nullopt;
  }
  int revision = 0;
  for (char c : rest.substr(split + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    revision = revision * 10 + (c - '0');
  }
  return TransactionKey{std::string(rest.substr(0, split)), revision};
}

std::string transaction_id(std::string_view account_id, std::string_view unique) {
  return position_id(account_id, unique);  // the same encoding of two parts
}

std::optional<TransactionRef> parse_transaction_id(std::string_view id) {
  auto parts = parse_position_id(id);
  if (!parts) return std::nullopt;
  return TransactionRef{std::move(parts->account_id), std::move(parts->symbol)};
}

std::optional<PositionRef> parse_position_id(std::string_view id) {
  if (id.empty() || id.size() > 400) return std::nullopt;
  base64::Decoded decoded = base64::decode(id, base64::Form::kUrlSafe);
  if (!decoded.bytes) return std::nullopt;
  const std::string& raw = *decoded.bytes;
  auto split = raw.rfind(kSeparator);
  if (split == 0 || split == std::string::npos || split + 1 == raw.size()) return std::nullopt;
  if (raw.find(kSeparator) != split) return std::nullopt;
  return PositionRef{raw.substr(0, split), raw.substr(split + 1)};
}

}  // namespace alexdb::alex::keys
