// The fields of a valuation and of its positions (results only: never stored).
#include "alex/record_schema.h"

namespace alexdb {

namespace alex {

const Schema<PositionValue>& position_value_schema() {
  static const Schema<PositionValue> schema(
      "position value",
      {field("symbol", &PositionValue::symbol), field("quantity", &PositionValue::quantity),
       field("price", &PositionValue::price), field("price_date", &PositionValue::price_timestamp),
       field("stale", &PositionValue::stale), field("value", &PositionValue::value)});
  return schema;
}

const Schema<MissingPrice>& missing_price_schema() {
  static const Schema<MissingPrice> schema(
      "missing price",
      {field("symbol", &MissingPrice::symbol), field("quantity", &MissingPrice::quantity)});
  return schema;
}

const Schema<Valuation>& valuation_schema() {
  static const Schema<Valuation> schema(
      "valuation",
      {field("account_id", &Valuation::account_id),
       field("as_of_date", &Valuation::as_of_date).omitted_when_null(),
       field("num_positions", &Valuation::num_positions),
       field("total_value", &Valuation::total_value),
       field("total_shares", &Valuation::total_shares), field("positions", &Valuation::positions),
       field("missing_prices", &Valuation::missing_prices),
       field("cash", &Valuation::cash).omitted_when_null()});
  return schema;
}

}  // namespace alex

Fields PositionValue::to_fields() const { return alex::position_value_schema().to_fields(*this); }
Fields MissingPrice::to_fields() const { return alex::missing_price_schema().to_fields(*this); }
Fields Valuation::to_fields() const { return alex::valuation_schema().to_fields(*this); }

}  // namespace alexdb
