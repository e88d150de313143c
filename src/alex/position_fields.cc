// The fields of a position (ACCOUNT#<id>/CURRENT#<symbol>) and of one of its changes
// (a HISTORY record, and the `last_change` map of the CURRENT record).
#include "alex/field_rules.h"

namespace alexdb {

namespace alex {

// Positions are written by the change protocol (position_log.h), never from a caller's
// fields, so no field is settable here.
const Schema<Position>& position_schema() {
  static const Schema<Position> schema(
      "position",
      {field("symbol", &Position::symbol).must().shown_as("SYMBOL"),
       field("quantity", &Position::quantity).must().shown_as("QUANTITY"),
       field("instrument_name", &Position::instrument_name).not_stored().shown_as("NAME"),
       field("current_price", &Position::current_price).not_stored().shown_as("PRICE"),
       field("as_of_date", &Position::as_of_date).shown_as("AS_OF"),
       field("id", &Position::id).not_stored().shown_as("ID"),
       // Not stored by the fast commit: it is the partition key's (position_from_item).
       field("account_id", &Position::account_id).must_on_create(),
       field("instrument_type", &Position::instrument_type).not_stored(),
       field("timestamp", &Position::timestamp).must(), field("version", &Position::version),
       field("created_at", &Position::created_at), field("updated_at", &Position::updated_at)});
  return schema;
}

const Schema<PositionChange>& change_schema() {
  static const Schema<PositionChange> schema(
      "position change",
      // A HISTORY record written by this version holds neither: they are its sort key's
      // (change_from_item); a map in a record names them or takes the record's.
      {field("symbol", &PositionChange::symbol).must_on_create().shown_as("SYMBOL"),
       field("timestamp", &PositionChange::timestamp).must_on_create().shown_as("TIMESTAMP"),
       field("action", &PositionChange::action).or_default(Value::S("UPDATE")).shown_as("ACTION"),
       field("quantity", &PositionChange::quantity).must().shown_as("QUANTITY"),
       field("previous_quantity", &PositionChange::previous_quantity)
           .or_default(Value::N(Decimal()))
           .shown_as("PREVIOUS"),
       field("version", &PositionChange::version).shown_as("VERSION")});
  return schema;
}

const Schema<ChangeInput>& change_input_schema() {
  static const Schema<ChangeInput> schema(
      "position", {field("account_id", &ChangeInput::account_id)
                       .must_on_create()
                       .checked(rules::id())
                       .set_on(Settable::kOnCreate),
                   field("symbol", &ChangeInput::symbol)
                       .must_on_create()
                       .checked(rules::symbol())
                       .set_on(Settable::kOnCreate),
                   field("quantity", &ChangeInput::quantity)
                       .must_on_create()
                       .checked(rules::quantity())
                       .set_on(Settable::kAlways),
                   field("action", &ChangeInput::action)
                       .checked(rules::position_action())
                       .set_on(Settable::kAlways),
                   field("timestamp", &ChangeInput::timestamp).set_on(Settable::kAlways),
                   field("as_of_date", &ChangeInput::ignored).set_on(Settable::kIgnoredOnCreate),
                   field("created_at", &ChangeInput::ignored).set_on(Settable::kIgnoredOnCreate),
                   field("updated_at", &ChangeInput::ignored).set_on(Settable::kIgnoredOnCreate)});
  return schema;
}

}  // namespace alex

// The instrument's fields are shown when find_by_account added them.
Fields Position::to_fields() const {
  Fields fields = alex::position_schema().to_fields(*this);
  if (!instrument_name && !instrument_type && !current_price) {
    for (const char* name : {"instrument_name", "instrument_type", "current_price"}) {
      fields.erase(fields.find(name));
    }
  }
  return fields;
}
std::vector<Column> Position::columns() { return alex::position_schema().columns(); }

Fields PositionChange::to_fields() const { return alex::change_schema().to_fields(*this); }
std::vector<Column> PositionChange::columns() { return alex::change_schema().columns(); }

}  // namespace alexdb
