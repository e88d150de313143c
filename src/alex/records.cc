// to_fields() of every record: the dict the Python module returns, the JSON the
// command line prints.
#include "alexdb/records.h"

#include "alex/fields.h"
#include "alex/record_items.h"

namespace alexdb {

namespace {

// Builds a field map, writing NULL for unset optionals.
class FieldsBuilder {
 public:
  FieldsBuilder& text(std::string_view name, const std::string& value) {
    fields_.insert_or_assign(std::string(name), Value::S(value));
    return *this;
  }
  FieldsBuilder& text(std::string_view name, const std::optional<std::string>& value) {
    fields_.insert_or_assign(std::string(name), value ? Value::S(*value) : Value::Null());
    return *this;
  }
  FieldsBuilder& number(std::string_view name, const Decimal& value) {
    fields_.insert_or_assign(std::string(name), Value::N(value));
    return *this;
  }
  FieldsBuilder& number(std::string_view name, const std::optional<Decimal>& value) {
    fields_.insert_or_assign(std::string(name), value ? Value::N(*value) : Value::Null());
    return *this;
  }
  FieldsBuilder& value(std::string_view name, const std::optional<Value>& value) {
    fields_.insert_or_assign(std::string(name), value ? *value : Value::Null());
    return *this;
  }
  FieldsBuilder& flag(std::string_view name, bool value) {
    fields_.insert_or_assign(std::string(name), Value::Bool(value));
    return *this;
  }
  FieldsBuilder& stamps(const std::string& created_at, const std::string& updated_at) {
    return text("created_at", created_at).text("updated_at", updated_at);
  }
  Fields done() { return std::move(fields_); }

 private:
  Fields fields_;
};

template <typename T>
Value list_of(const std::vector<T>& records) {
  Value::List list;
  list.reserve(records.size());
  for (const auto& r : records) list.push_back(Value::M(r.to_fields()));
  return Value::L(std::move(list));
}

}  // namespace

Fields User::to_fields() const {
  return FieldsBuilder()
      .text("clerk_user_id", clerk_user_id)
      .text("display_name", display_name)
      .number("years_until_retirement", years_until_retirement)
      .number("target_retirement_income", target_retirement_income)
      .value("asset_class_targets", alex::allocation_value(asset_class_targets))
      .value("region_targets", alex::allocation_value(region_targets))
      .stamps(created_at, updated_at)
      .done();
}

Fields Instrument::to_fields() const {
  return FieldsBuilder()
      .text("symbol", symbol)
      .text("name", name)
      .text("instrument_type", instrument_type)
      .number("current_price", current_price)
      .text("price_timestamp", price_timestamp)
      .value("allocation_regions", alex::allocation_value(allocation_regions))
      .value("allocation_sectors", alex::allocation_value(allocation_sectors))
      .value("allocation_asset_class", alex::allocation_value(allocation_asset_class))
      .stamps(created_at, updated_at)
      .done();
}

Fields PricePoint::to_fields() const {
  return FieldsBuilder()
      .text("symbol", symbol)
      .text("timestamp", timestamp)
      .number("price", price)
      .number("volume", volume)
      .text("source", source)
      .done();
}

Fields Account::to_fields() const {
  return FieldsBuilder()
      .text("id", id)
      .text("clerk_user_id", clerk_user_id)
      .text("account_name", account_name)
      .text("account_purpose", account_purpose)
      .number("cash_balance", cash_balance)
      .number("cash_interest", cash_interest)
      .stamps(created_at, updated_at)
      .done();
}

Fields Position::to_fields() const {
  FieldsBuilder b;
  b.text("id", id)
      .text("account_id", account_id)
      .text("symbol", symbol)
      .number("quantity", quantity)
      .text("as_of_date", as_of_date)
      .text("timestamp", timestamp)
      .number("version", Decimal::from_int(version));
  if (instrument_name || instrument_type || current_price) {
    b.text("instrument_name", instrument_name)
        .text("instrument_type", instrument_type)
        .number("current_price", current_price);
  }
  return b.stamps(created_at, updated_at).done();
}

Fields PositionChange::to_fields() const {
  return alex::change_value(*this).m();
}

Fields PositionValue::to_fields() const {
  return FieldsBuilder()
      .text("symbol", symbol)
      .number("quantity", quantity)
      .number("price", price)
      .text("price_date", price_timestamp)
      .flag("stale", stale)
      .number("value", value)
      .done();
}

Fields MissingPrice::to_fields() const {
  return FieldsBuilder().text("symbol", symbol).number("quantity", quantity).done();
}

Fields Valuation::to_fields() const {
  Fields fields = FieldsBuilder()
                      .text("account_id", account_id)
                      .number("num_positions", Decimal::from_int(num_positions))
                      .number("total_value", total_value)
                      .number("total_shares", total_shares)
                      .done();
  if (as_of_date) fields.insert_or_assign("as_of_date", Value::S(*as_of_date));
  fields.insert_or_assign("positions", list_of(positions));
  fields.insert_or_assign("missing_prices", list_of(missing_prices));
  return fields;
}

Fields Job::to_fields() const {
  return FieldsBuilder()
      .text("id", id)
      .text("clerk_user_id", clerk_user_id)
      .text("job_type", job_type)
      .text("status", status)
      .value("request_payload", request_payload)
      .value("report_payload", report_payload)
      .value("charts_payload", charts_payload)
      .value("retirement_payload", retirement_payload)
      .value("summary_payload", summary_payload)
      .text("error_message", error_message)
      .text("started_at", started_at)
      .text("completed_at", completed_at)
      .stamps(created_at, updated_at)
      .done();
}

}  // namespace alexdb
