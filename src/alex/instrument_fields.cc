// The fields of an instrument (<symbol>/META) and of one of its prices
// (<symbol>/PRICE#<timestamp>).
#include "alex/field_rules.h"

namespace alexdb {

namespace alex {

const Schema<Instrument>& instrument_schema() {
  using validate::AllocationKind;
  static const Schema<Instrument> schema(
      "instrument",
      {field("symbol", &Instrument::symbol)
           .must()
           .checked(rules::symbol())
           .set_on(Settable::kOnCreate)
           .shown_as("SYMBOL"),
       field("name", &Instrument::name)
           .must_on_create()
           .checked(rules::text(256))
           .set_on(Settable::kAlways)
           .shown_as("NAME"),
       field("instrument_type", &Instrument::instrument_type)
           .must_on_create()
           .checked(rules::instrument_type())
           .set_on(Settable::kAlways)
           .shown_as("TYPE"),
       // Set through a price update (Instruments::update_price), never written directly.
       field("current_price", &Instrument::current_price)
           .checked(rules::price())
           .set_on(Settable::kAlways)
           .shown_as("PRICE"),
       field("price_timestamp", &Instrument::price_timestamp)
           .set_on(Settable::kIgnoredOnCreate)
           .shown_as("PRICED_AT"),
       field("allocation_regions", &Instrument::allocation_regions)
           .must_on_create()
           .checked(rules::allocation(AllocationKind::kRegion))
           .set_on(Settable::kAlways),
       field("allocation_sectors", &Instrument::allocation_sectors)
           .must_on_create()
           .checked(rules::allocation(AllocationKind::kSector))
           .set_on(Settable::kAlways),
       field("allocation_asset_class", &Instrument::allocation_asset_class)
           .must_on_create()
           .checked(rules::allocation(AllocationKind::kAssetClass))
           .set_on(Settable::kAlways),
       field("created_at", &Instrument::created_at).set_on(Settable::kIgnoredOnCreate),
       field("updated_at", &Instrument::updated_at).set_on(Settable::kIgnoredOnCreate)});
  return schema;
}

const Schema<PricePoint>& price_schema() {
  static const Schema<PricePoint> schema(
      "price", {field("symbol", &PricePoint::symbol).must(),
                field("timestamp", &PricePoint::timestamp).shown_as("TIMESTAMP"),
                field("price", &PricePoint::price).must().shown_as("PRICE"),
                field("volume", &PricePoint::volume).shown_as("VOLUME"),
                field("source", &PricePoint::source).shown_as("SOURCE")});
  return schema;
}

}  // namespace alex

Fields Instrument::to_fields() const { return alex::instrument_schema().to_fields(*this); }
std::vector<Column> Instrument::columns() { return alex::instrument_schema().columns(); }

Fields PricePoint::to_fields() const { return alex::price_schema().to_fields(*this); }
std::vector<Column> PricePoint::columns() { return alex::price_schema().columns(); }

}  // namespace alexdb
