"""db.instruments: every method, on every engine."""

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

import alexdb
from conftest import BOND, ETF, instrument


def test_create_instrument_from_a_dict_returns_the_symbol(db):
    assert db.instruments.create_instrument(ETF) == "SPY"
    spy = db.instruments.find_by_symbol("SPY")
    assert spy["name"] == ETF["name"]
    assert spy["instrument_type"] == "etf"
    assert spy["current_price"] == Decimal("450.25")
    assert spy["allocation_sectors"] == {"technology": 60, "healthcare": 40}
    assert isinstance(spy["allocation_regions"]["north_america"], Decimal)


def test_create_instrument_from_a_model_dump_object(db):
    class InstrumentCreate:
        def __init__(self, **fields):
            self.fields = fields

        def model_dump(self):
            return dict(self.fields)

    data = dict(BOND, symbol="agg", current_price=99.1)
    assert db.instruments.create_instrument(InstrumentCreate(**data)) == "AGG"
    assert db.instruments.find_by_symbol("AGG")["current_price"] == Decimal("99.1")
    assert db.instruments.create(instrument("VTI")) == "VTI"
    assert db.instruments.find_by_id("VTI")["symbol"] == "VTI"
    assert db.instruments.find_by_id(symbol="VTI")["symbol"] == "VTI"


def test_lookups_return_none_when_missing(db):
    assert db.instruments.find_by_symbol("NOPE") is None
    assert db.instruments.get_price_at_date("NOPE", date(2025, 1, 1)) is None


def test_find_all_by_type_search_and_batch_get(db):
    for symbol, kind, name in (("VTI", "etf", "Total Stock"), ("BND", "bond_fund", "Total Bond"),
                               ("AAPL", "stock", "Apple Inc"), ("QQQ", "etf", "Nasdaq 100")):
        db.instruments.create_instrument(instrument(symbol, name, kind))
    assert [i["symbol"] for i in db.instruments.find_all()] == ["AAPL", "BND", "QQQ", "VTI"]
    assert [i["symbol"] for i in db.instruments.find_all(limit=2, offset=1)] == ["BND", "QQQ"]
    assert [i["symbol"] for i in db.instruments.find_by_type("etf")] == ["QQQ", "VTI"]
    assert [i["symbol"] for i in db.instruments.search("total")] == ["BND", "VTI"]
    assert [i["symbol"] for i in db.instruments.search("aap")] == ["AAPL"]
    assert [i["symbol"] for i in db.instruments.search(text="QQ")] == ["QQQ"]
    found = db.instruments.batch_get_by_symbols(["VTI", "MISSING", "AAPL"])
    assert list(found) == ["VTI", "AAPL"]
    assert found["AAPL"]["name"] == "Apple Inc"
    assert db.instruments.batch_get_by_symbols([]) == {}


def test_search_returns_at_most_twenty(db):
    for n in range(25):
        db.instruments.create_instrument(instrument("FND%d" % n, "Index Fund %d" % n))
    assert len(db.instruments.search("index")) == 20


def test_update_and_delete(db):
    db.instruments.create_instrument(ETF)
    assert db.instruments.update("SPY", {"name": "S&P 500"}) == 1
    assert db.instruments.find_by_symbol("SPY")["name"] == "S&P 500"
    assert db.instruments.update("NOPE", {"name": "x"}) == 0
    db.instruments.update_price("SPY", 451, timestamp="2025-01-02T00:00:00Z")
    assert db.instruments.delete("SPY") >= 2
    assert db.instruments.find_by_symbol("SPY") is None
    assert db.instruments.get_price_history("SPY") == []


def test_update_price_moves_current_price_and_appends_history(db):
    db.instruments.create_instrument(ETF)
    stamp = db.instruments.update_price("SPY", Decimal("455.10"), volume=1000)
    assert stamp.endswith("Z")
    spy = db.instruments.find_by_symbol("SPY")
    assert spy["current_price"] == Decimal("455.10")
    history = db.instruments.get_price_history("SPY")
    assert (history[-1]["price"], history[-1]["volume"], history[-1]["timestamp"]) == (
        Decimal("455.1"), Decimal(1000), stamp)
    # An older price goes into history without moving the current price.
    db.instruments.update_price("SPY", new_price=440, timestamp=datetime(2024, 12, 31, 16))
    assert db.instruments.find_by_symbol("SPY")["current_price"] == Decimal("455.1")
    prices = db.instruments.get_price_history("SPY")
    assert len(prices) == len(history) + 1
    assert prices[0]["price"] == 440 and prices[0]["timestamp"] == "2024-12-31T16:00:00.000000Z"


def test_update_price_of_an_unknown_symbol_raises_not_found(db):
    with pytest.raises(alexdb.NotFound):
        db.instruments.update_price("NOPE", 1)


def test_price_history_range_and_price_at_date(db):
    db.instruments.create_instrument(dict(ETF, current_price=None))
    db.instruments.import_prices([
        {"symbol": "SPY", "timestamp": "2025-01-0%dT21:00:00Z" % day, "price": 400 + day}
        for day in range(1, 8)
    ])
    history = db.instruments.get_price_history("SPY", datetime(2025, 1, 3), date(2025, 1, 5))
    assert [p["price"] for p in history] == [403, 404, 405]
    same = db.instruments.get_price_history("SPY", start="2025-01-03", end="2025-01-05")
    assert [p["price"] for p in same] == [403, 404, 405]  # a range of dates takes whole days
    assert db.instruments.get_price_at_date("SPY", date(2025, 1, 4))["price"] == 404
    # A datetime is that instant: on 4 Jan at noon the last price is 3 Jan's.
    assert db.instruments.get_price_at_date("SPY", datetime(2025, 1, 4, 12))["price"] == 403
    aware = datetime(2025, 1, 4, 22, tzinfo=timezone.utc)
    assert db.instruments.get_price_at_date("SPY", target_date=aware)["price"] == 404
    assert db.instruments.get_price_at_date("SPY", date=date(2024, 12, 31)) is None
    assert db.instruments.find_by_symbol("SPY")["current_price"] == 407


def test_delete_price_falls_back_to_the_newest_remaining(db):
    db.instruments.create_instrument(dict(ETF, current_price=None))
    for day in (6, 7, 8):
        db.instruments.update_price("SPY", 400 + day, timestamp=date(2025, 1, day))
    assert db.instruments.delete_price("SPY", date(2025, 1, 8)) == 1  # a date is its close
    spy = db.instruments.find_by_symbol("SPY")
    assert spy["current_price"] == 407
    assert spy["price_timestamp"] == "2025-01-07T21:00:00.000000Z"
    assert db.instruments.get_price_at_date("SPY", date(2025, 1, 31))["price"] == 407
    assert db.instruments.delete_price("spy", datetime(2025, 1, 6, 21)) == 1  # an older one
    assert [p["price"] for p in db.instruments.get_price_history("SPY")] == [407]
    assert db.instruments.delete_price("SPY", "2025-01-06") == 0  # gone already
    assert db.instruments.delete_price("NOPE", "2025-01-06") == 0
    assert db.instruments.delete_price(symbol="SPY", timestamp="2025-01-07") == 1
    assert "current_price" not in db.instruments.find_by_symbol("SPY")
    assert db.instruments.get_price_history("SPY") == []
    assert db.verify()["ok"] is True


def test_delete_price_bad_input_names_the_field_and_deletes_nothing(db):
    db.instruments.create_instrument(dict(ETF, current_price=None))
    db.instruments.update_price("SPY", 401, timestamp="2025-01-06")
    for bad in ("", "2025-02-30", "yesterday"):
        with pytest.raises(alexdb.ValidationError, match="timestamp"):
            db.instruments.delete_price("SPY", bad)
    with pytest.raises(alexdb.ValidationError, match="symbol"):
        db.instruments.delete_price("S#Y", "2025-01-06")
    assert len(db.instruments.get_price_history("SPY")) == 1
    assert db.instruments.find_by_symbol("SPY")["current_price"] == 401


def test_update_price_at_a_recorded_time_corrects_it(db):
    db.instruments.create_instrument(dict(ETF, current_price=None))
    db.instruments.update_price("SPY", 401, timestamp="2025-01-06")
    db.instruments.update_price("SPY", 402, timestamp="2025-01-07")
    db.instruments.update_price("SPY", 412, volume=5, timestamp="2025-01-07")
    db.instruments.update_price("SPY", 391, timestamp="2025-01-06")
    assert [(p["price"], p.get("volume")) for p in db.instruments.get_price_history("SPY")] == [
        (391, None), (412, 5)]
    assert db.instruments.find_by_symbol("SPY")["current_price"] == 412
