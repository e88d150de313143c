// alexdb trades add|list|show|correct|void: the ledger's transactions (SPEC section 12);
// `trades import` is trades_import_cmd.cc's.
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <vector>

#include "alexdb/errors.h"
#include "alexdb/ledger.h"
#include "arguments.h"
#include "output.h"
#include "records_output.h"
#include "usage.h"

namespace alexdb::cli {
namespace trades_cmd {

// The flag that carries each field of a transaction the library names in its errors.
const FlagNames kTradeFlags = {
    {"symbol", "--symbol"}, {"quantity", "--quantity"},       {"price", "--price"},
    {"fees", "--fees"},     {"amount", "--amount"},           {"timestamp", "--at"},
    {"note", "--note"},     {"external_id", "--external-id"}, {"as_known_at", "--as-known-at"}};

template <typename Call>
auto with_trade_flags(Call&& call) -> decltype(call()) {
  return with_flag_names(kTradeFlags, std::forward<Call>(call));
}

Value text_or_null(const std::optional<std::string>& text) {
  return text ? Value::S(*text) : Value::Null();
}

Value number_or_null(const std::optional<Decimal>& number) {
  return number ? Value::N(*number) : Value::Null();
}

// Every field of a transaction (absent ones as NULL, printed as null with --json).
Fields transaction_fields(const Transaction& t) {
  return {{"id", Value::S(t.id)},
          {"account_id", Value::S(t.account_id)},
          {"type", Value::S(t.type)},
          {"symbol", text_or_null(t.symbol)},
          {"quantity", number_or_null(t.quantity)},
          {"price", number_or_null(t.price)},
          {"fees", Value::N(t.fees)},
          {"amount", number_or_null(t.amount)},
          {"timestamp", Value::S(t.timestamp)},
          {"external_id", text_or_null(t.external_id)},
          {"note", text_or_null(t.note)},
          {"recorded_at", Value::S(t.recorded_at)},
          {"revision", Value::N(static_cast<std::int64_t>(t.revision))},
          {"voided", Value::Bool(t.voided)}};
}

// The columns of `trades list`.
const std::vector<Column> kTradeColumns = {
    {"TIMESTAMP", "timestamp"},     {"TYPE", "type"},         {"SYMBOL", "symbol"},
    {"QUANTITY", "quantity", true}, {"PRICE", "price", true}, {"FEES", "fees", true},
    {"AMOUNT", "amount", true},     {"NOTE", "note"},         {"ID", "id"}};

std::optional<Decimal> number_argument(const std::optional<std::string>& text, const char* flag) {
  if (!text) return std::nullopt;
  return Decimal::parse(*text, flag);
}

void print_transaction(Context& context, const Transaction& t) {
  print_record(context, transaction_fields(t));
}

// The fields `add` and `correct` both take, as given (checked when used).
struct FieldOptions {
  std::optional<std::string> symbol;
  std::optional<std::string> quantity;
  std::optional<std::string> price;
  std::optional<std::string> fees;
  std::optional<std::string> amount;
  std::optional<std::string> at;
  std::optional<std::string> note;
};

struct AddOptions {
  std::string account;
  std::string type;
  FieldOptions fields;
  std::optional<std::string> external_id;
};

void add(Context& context, const AddOptions& o) {
  const FieldOptions& f = o.fields;
  TransactionInput input;
  input.type = o.type;
  input.symbol = f.symbol;
  input.quantity = number_argument(f.quantity, "--quantity");
  input.price = number_argument(f.price, "--price");
  input.fees = number_argument(f.fees, "--fees").value_or(Decimal());
  input.amount = number_argument(f.amount, "--amount");
  input.timestamp = change_date_argument(f.at, "--at");
  input.external_id = o.external_id;
  input.note = f.note;
  std::string id =
      with_trade_flags([&] { return context.db().transactions.record(o.account, input); });
  if (context.json()) {
    print_json({{"id", id}});
  } else {
    std::cout << id << '\n';
  }
}

struct ListOptions {
  std::string account;
  DateRange range;
  std::optional<std::string> symbol;
  std::optional<std::string> as_known_at;
};

void list(Context& context, const ListOptions& o) {
  auto from = o.range.checked_from();
  auto to = o.range.checked_to();
  o.range.check_order();
  auto known = date_argument(o.as_known_at, "--as-known-at");
  std::vector<Transaction> found = with_trade_flags([&] {
    return with_range_flags(
        [&] { return context.db().transactions.list(o.account, from, to, o.symbol, known); });
  });
  std::vector<Fields> records;
  for (const Transaction& t : found) records.push_back(transaction_fields(t));
  print_records(context, records, kTradeColumns);
}

void show(Context& context, const std::string& id, const std::optional<std::string>& as_known_at) {
  auto known = date_argument(as_known_at, "--as-known-at");
  auto found = context.db().transactions.get(id, known);
  if (!found) return not_found(context, "transaction " + id);
  print_transaction(context, *found);
}

struct CorrectOptions {
  std::string id;
  std::optional<std::string> type;
  FieldOptions fields;
  bool no_note = false;
};

void correct(Context& context, const CorrectOptions& o) {
  const FieldOptions& f = o.fields;
  Fields changes;
  if (o.type) changes.emplace("type", Value::S(*o.type));
  if (f.symbol) changes.emplace("symbol", Value::S(*f.symbol));
  auto number = [&](const std::optional<std::string>& text, const char* field, const char* flag) {
    if (text) changes.emplace(field, Value::N(Decimal::parse(*text, flag)));
  };
  number(f.quantity, "quantity", "--quantity");
  number(f.price, "price", "--price");
  number(f.fees, "fees", "--fees");
  number(f.amount, "amount", "--amount");
  if (auto at = change_date_argument(f.at, "--at")) changes.emplace("timestamp", Value::S(*at));
  if (f.note) changes.emplace("note", Value::S(*f.note));
  if (o.no_note) changes.emplace("note", Value::Null());
  if (changes.empty()) {
    throw ValidationError("trades correct", "give at least one field to change",
                          "--type, --symbol, --quantity, --price, --fees, --amount, --at, "
                          "--note, --no-note");
  }
  Transaction next = with_trade_flags([&] {
    try {
      return context.db().transactions.correct(o.id, changes);
    } catch (const NotFound&) {
      throw NotFound("transaction " + o.id + " not found (or voided)");
    }
  });
  print_transaction(context, next);
}

// The options of FieldOptions, on `add` and `correct`; returns --note's.
CLI::Option* add_field_options(CLI::App& command, FieldOptions& o) {
  command.add_option("--symbol", o.symbol,
                     "instrument symbol (BUY, SELL, transfers; DIVIDEND, FEE)");
  command.add_option("--quantity", o.quantity,
                     "units (> 0, up to 8 decimals; BUY, SELL, transfers)");
  command.add_option("--price", o.price, "price (cost for transfers) per unit, 0-999999");
  command.add_option("--fees", o.fees, "fees of a BUY or SELL (>= 0, default 0)");
  command.add_option("--amount", o.amount,
                     "cash moved (> 0; DEPOSIT, WITHDRAWAL, INTEREST, DIVIDEND, FEE)");
  command.add_option("--at", o.at,
                     std::string("when it happened (default now): ") + kChangeDateHelp);
  return command.add_option("--note", o.note, "free text (at most 1024 characters)");
}

std::vector<std::string> type_choices() {
  return {std::begin(kTransactionTypes), std::end(kTransactionTypes)};
}

void add_add_command(CLI::App& trades, Context& context) {
  auto o = std::make_shared<AddOptions>();
  CLI::App* cmd = trades.add_subcommand("add", "record a transaction (prints its id)");
  cmd->add_option("account_id", o->account, "the account id")->required();
  cmd->add_option("type", o->type,
                  "BUY, SELL, TRANSFER_IN, TRANSFER_OUT, DEPOSIT, WITHDRAWAL, "
                  "INTEREST, DIVIDEND or FEE")
      ->required()
      ->check(one_of(type_choices(), true));
  add_field_options(*cmd, o->fields);
  cmd->add_option("--external-id", o->external_id,
                  "the id in the system it came from: adding it again records it once");
  cmd->footer(
      "Example: alexdb trades add ACCOUNT_ID BUY --symbol SPY --quantity 10 --price 450.25 "
      "--fees 1 --at 2025-01-15\n"
      "         alexdb trades add ACCOUNT_ID DEPOSIT --amount 5000 --at 2025-01-02\n"
      "A field the type does not use is refused naming its flag; nothing is written.");
  cmd->callback([&context, o] { add(context, *o); });
}

void add_list_command(CLI::App& trades, Context& context) {
  auto o = std::make_shared<ListOptions>();
  CLI::App* cmd = trades.add_subcommand("list", "an account's transactions, by time");
  cmd->add_option("account_id", o->account, "the account id")->required();
  add_date_range_options(*cmd, o->range);
  cmd->add_option("--symbol", o->symbol, "only this symbol's transactions");
  cmd->add_option("--as-known-at", o->as_known_at,
                  std::string("the ledger as it stood then (default now): ") + kQueryDateHelp);
  cmd->footer(
      "Example: alexdb trades list ACCOUNT_ID --from 2025-01-01 --to 2025-03-31 --symbol SPY\n"
      "Voided transactions are left out. --as-known-at reproduces an earlier answer exactly,\n"
      "before later corrections and voids.");
  cmd->callback([&context, o] { list(context, *o); });
}

void add_show_command(CLI::App& trades, Context& context) {
  auto id = std::make_shared<std::string>();
  auto known = std::make_shared<std::optional<std::string>>();
  CLI::App* cmd = trades.add_subcommand("show", "show one transaction (voided ones too)");
  cmd->add_option("transaction_id", *id, "the transaction id")->required();
  cmd->add_option("--as-known-at", *known,
                  std::string("the transaction as known then (default now): ") + kQueryDateHelp);
  cmd->footer("Example: alexdb trades show TRANSACTION_ID --as-known-at 2025-02-01 --json");
  cmd->callback([&context, id, known] { show(context, *id, *known); });
}

void add_correct_command(CLI::App& trades, Context& context) {
  auto o = std::make_shared<CorrectOptions>();
  CLI::App* cmd = trades.add_subcommand(
      "correct", "append a corrected version (prints it; the earlier one stays as known before)");
  cmd->add_option("transaction_id", o->id, "the transaction id")->required();
  cmd->add_option("--type", o->type, "the transaction type")->check(one_of(type_choices(), true));
  CLI::Option* note = add_field_options(*cmd, o->fields);
  cmd->add_flag("--no-note", o->no_note, "remove the note")->excludes(note);
  cmd->footer(
      "Example: alexdb trades correct TRANSACTION_ID --quantity 12 --note 'broker statement'\n"
      "Fields not given keep their values; the result is checked as `trades add` checks it.");
  cmd->callback([&context, o] { correct(context, *o); });
}

void add_void_command(CLI::App& trades, Context& context) {
  auto id = std::make_shared<std::string>();
  CLI::App* cmd =
      trades.add_subcommand("void", "void a transaction from now on (prints the voided version)");
  cmd->add_option("transaction_id", *id, "the transaction id")->required();
  cmd->footer(
      "Example: alexdb trades void TRANSACTION_ID\n"
      "Voiding again changes nothing; `trades list --as-known-at` before the void still\n"
      "shows it.");
  cmd->callback([&context, id] {
    print_transaction(context, context.db().transactions.void_transaction(*id));
  });
}

}  // namespace trades_cmd

void add_trade_commands(CLI::App& app, Context& context) {
  using namespace trades_cmd;
  CLI::App* trades = app.add_subcommand(
      "trades", "record, list, correct, void and import an account's ledger transactions");
  trades->require_subcommand(1);
  trades->footer("Example: alexdb trades list ACCOUNT_ID --as-known-at 2025-02-01T12:00:00Z");
  add_add_command(*trades, context);
  add_list_command(*trades, context);
  add_show_command(*trades, context);
  add_correct_command(*trades, context);
  add_void_command(*trades, context);
  add_trades_import_command(*trades, context);
}

}  // namespace alexdb::cli
