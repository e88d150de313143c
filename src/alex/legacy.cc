#include "alex/legacy.h"

#include "alex/fields.h"
#include "alex/keys.h"
#include "alex/record_items.h"
#include "alexdb/errors.h"
#include "alexdb/timestamp.h"

namespace alexdb::alex::legacy {

namespace {

bool has(const Item& item, std::string_view name) {
  auto it = item.find(name);
  return it != item.end() && !it->second.is_null();
}

std::optional<std::string> users_item_reason(const std::string& pk, const std::string& sk,
                                             const Item& item) {
  if (keys::parse_user_pk(pk)) {
    if (keys::parse_account_sk(sk) && !has(item, "id")) return "an account listing without id";
    if (auto job = keys::parse_job_sk(sk)) {
      if (!has(item, "id")) return "a job without id";
      if (!fixed_width_shape(job->timestamp)) return "a job keyed by an isoformat() time";
    }
    return std::nullopt;
  }
  if (keys::parse_account_pk(pk)) {
    if (keys::parse_current_sk(sk) && !has(item, "version")) {
      return "a current position without version";
    }
    if (auto history = keys::parse_history_sk(sk)) {
      if (!fixed_width_shape(history->timestamp))
        return "a position change keyed by an isoformat() time";
      if (!has(item, "version")) return "a position change without version";
    }
  }
  return std::nullopt;
}

}  // namespace

constexpr std::string_view kShape = "0000-00-00T00:00:00.000000Z";

bool fixed_width_shape(std::string_view text) {
  if (text.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == '0' ? !digit : text[i] != kShape[i]) return false;
  }
  return true;
}

std::optional<Timestamp> parse_fixed_width(std::string_view text) {
  if (text.size() != kShape.size()) return std::nullopt;
  // A text of the shape's length that parses has digits, '-' and ':' where the shape has
  // them (with 27 characters, seconds and a fraction of six digits); what parsing also
  // accepts elsewhere is told by the 'T', the '.' and the 'Z'.
  auto at = Timestamp::parse(text);
  if (!at || text[10] != kShape[10] || text[19] != kShape[19] || text[26] != kShape[26]) {
    return std::nullopt;
  }
  return at;
}

bool fixed_width_time(std::string_view text) {
  if (!fixed_width_shape(text)) return false;
  auto parsed = Timestamp::parse(text);
  return parsed && parsed->to_string() == text;
}

std::optional<std::string> reason(const Item& item) {
  auto sk = stored::text(item, kSk);
  if (!sk) return std::nullopt;
  if (auto pk = stored::text(item, kPk)) return users_item_reason(*pk, *sk, item);
  if (has(item, kSymbolKey) && *sk != keys::kInstrumentMeta && !keys::is_instrument_annex_sk(*sk) &&
      !fixed_width_shape(*sk)) {
    return "a price keyed by an isoformat() time";
  }
  return std::nullopt;
}

std::string key_text(const Item& item) {
  auto sk = stored::text(item, kSk).value_or("");
  if (auto pk = stored::text(item, kPk)) return "PK=" + *pk + ", SK=" + sk;
  return "symbol=" + stored::text(item, kSymbolKey).value_or("") + ", SK=" + sk;
}

std::string message(const Item& item, std::string_view why) {
  return "record " + key_text(item) + " is in the reference package's layout (" + std::string(why) +
         "): run `alexdb migrate` to bring the tables to this layout";
}

void refuse(const Item& item) {
  if (auto why = reason(item)) throw LegacyRecord(message(item, *why));
}

}  // namespace alexdb::alex::legacy
