"""db.positions: every method, on every engine."""

from datetime import date, datetime
from decimal import Decimal

import pytest

import alexdb
from conftest import BOND, ETF


def setup_account(db):
    db.instruments.create_instrument(ETF)
    db.instruments.create_instrument(BOND)
    db.users.create_user("user_1")  # an account needs its owner
    return db.accounts.create_account("user_1", "ISA")


def test_add_or_update_position_records_history_and_current(db):
    account_id = setup_account(db)
    position_id = db.positions.add_or_update_position(account_id, "SPY", 100, "BUY")
    assert db.positions.add_or_update_position(
        account_id=account_id, symbol="spy", quantity=Decimal("150.5"), action="BUY") == position_id
    current = db.positions.find_by_id(position_id)
    assert current["quantity"] == Decimal("150.5")
    assert current["symbol"] == "SPY" and current["account_id"] == account_id
    assert current["as_of_date"] == current["timestamp"][:10]
    history = db.positions.get_position_history(account_id, "SPY")
    assert [(h["quantity"], h["previous_quantity"], h["action"]) for h in history] == [
        (100, 0, "BUY"), (Decimal("150.5"), 100, "BUY")]
    assert history[0]["timestamp"] < history[1]["timestamp"]


def test_find_by_account_joins_the_instrument_and_hides_closed_positions(db):
    account_id = setup_account(db)
    db.positions.add_position(account_id, "SPY", 10)
    db.positions.add_position(account_id, "BND", 20)
    db.positions.add_or_update_position(account_id, "QQQ", 5, "BUY")  # no instrument
    db.positions.add_or_update_position(account_id, "QQQ", 0, "SELL")
    found = db.positions.find_by_account(account_id)
    assert [p["symbol"] for p in found] == ["BND", "SPY"]
    spy = found[1]
    assert spy["instrument_name"] == ETF["name"]
    assert spy["instrument_type"] == "etf"
    assert spy["current_price"] == Decimal("450.25")
    assert spy["quantity"] == 10
    assert db.positions.held_symbols(account_id) == ["BND", "QQQ", "SPY"]


def test_add_position_is_an_upsert(db):
    account_id = setup_account(db)
    first = db.positions.add_position(account_id, "SPY", 10)
    assert db.positions.add_position(account_id, "SPY", 12) == first
    actions = [h["action"] for h in db.positions.get_position_history(account_id, "SPY")]
    assert actions == ["BUY", "UPDATE"]


def test_create_update_delete_and_find_all(db):
    account_id = setup_account(db)
    position_id = db.positions.create({"account_id": account_id, "symbol": "SPY", "quantity": 3})
    other = db.positions.create({"account_id": account_id, "symbol": "BND", "quantity": "4.25"})
    assert db.positions.update(position_id, {"quantity": 8}) == 1
    assert db.positions.find_by_id(position_id)["quantity"] == 8
    assert [p["id"] for p in db.positions.find_all()] == sorted([position_id, other],
        key=lambda pid: db.positions.find_by_id(pid)["symbol"])
    assert len(db.positions.find_all(limit=1)) == 1
    assert db.positions.delete(position_id) == 1
    assert db.positions.delete(position_id) == 0
    closed = db.positions.find_by_id(position_id)
    assert closed["quantity"] == 0
    assert [p["symbol"] for p in db.positions.find_by_account(account_id)] == ["BND"]
    assert db.positions.get_position_history(account_id, "SPY")[-1]["action"] == "REMOVE"
    # A well-formed id whose position is gone finds nothing; a malformed one is an error.
    other_account = db.accounts.create_account("user_1", "Other")
    gone = db.positions.add_position(other_account, "SPY", 1)
    db.accounts.delete(other_account)
    assert db.positions.find_by_id(gone) is None
    with pytest.raises(alexdb.ValidationError, match="position_id"):
        db.positions.find_by_id("no#such#position")


def test_portfolio_value_uses_current_prices(db):
    account_id = setup_account(db)
    db.positions.add_position(account_id, "SPY", 10)
    db.positions.add_position(account_id, "BND", "2.5")
    value = db.positions.get_portfolio_value(account_id)
    assert value["num_positions"] == 2
    assert value["total_value"] == Decimal("4502.5") + Decimal("182.0")
    assert value["total_shares"] == Decimal("12.5")
    assert isinstance(value["total_value"], Decimal)
    assert {p["symbol"] for p in value["positions"]} == {"SPY", "BND"}
    assert value["missing_prices"] == []


def test_history_range_takes_dates_datetimes_and_strings(db):
    account_id = setup_account(db)
    for day, quantity in ((2, 10), (5, 20), (9, 30)):
        db.positions.add_or_update_position(account_id, "SPY", quantity, "BUY",
                                            timestamp=datetime(2025, 1, day, 15, 30))
    history = db.positions.get_position_history
    assert [h["quantity"] for h in history(account_id, "SPY", date(2025, 1, 3))] == [20, 30]
    assert [h["quantity"] for h in history(account_id, "SPY", end_date=date(2025, 1, 5))] == [10, 20]
    assert [h["quantity"] for h in history(account_id, "SPY", datetime(2025, 1, 5, 15, 30),
                                           "2025-01-09T15:30:00Z")] == [20, 30]
    assert [h["quantity"] for h in history(account_id, "SPY", start="2025-01-06")] == [30]
    assert history(account_id, "SPY")[0]["timestamp"] == "2025-01-02T15:30:00.000000Z"
