"""Positions and values at past dates, with explicit timestamps and past prices."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from conftest import BOND, ETF


@pytest.fixture
def account(db):
    """An account with trades in Jan-Mar 2025 and daily-close prices at 21:00 UTC.

    SPY: bought 10 on 10 Jan, sold to 4 on 10 Feb, sold out on 5 Mar.
    BND: bought 20 on 20 Jan; its first price is on 15 Feb.
    """
    db.instruments.create_instrument(dict(ETF, current_price=None))  # no price of today
    db.instruments.create_instrument(dict(BOND, current_price=None))
    db.instruments.import_prices([
        {"symbol": "SPY", "timestamp": "2025-01-01T21:00:00Z", "price": 100},
        {"symbol": "SPY", "timestamp": "2025-02-01T21:00:00Z", "price": 110},
        {"symbol": "SPY", "timestamp": "2025-02-21T21:00:00Z", "price": 999},
        {"symbol": "BND", "timestamp": "2025-02-15T21:00:00Z", "price": "50.5", "volume": 7},
    ])
    db.users.create_user("user_1")  # an account needs its owner
    account_id = db.accounts.create_account("user_1", "ISA")
    change = db.positions.add_or_update_position
    change(account_id, "SPY", 10, "BUY", timestamp=datetime(2025, 1, 10, 15))
    change(account_id, "BND", 20, "BUY", timestamp="2025-01-20T15:00:00Z")
    change(account_id, "SPY", 4, "SELL", timestamp=datetime(2025, 2, 10, 15, tzinfo=timezone.utc))
    change(account_id, "SPY", 0, "SELL", timestamp=datetime(2025, 3, 5, 15))
    return account_id


def held(db, account_id, when):
    return {p["symbol"]: p["quantity"] for p in db.positions.get_positions_at_date(account_id, when)}


def test_positions_before_between_and_after_changes(db, account):
    assert held(db, account, date(2025, 1, 9)) == {}
    assert held(db, account, date(2025, 1, 10)) == {"SPY": 10}  # a date is the end of the day
    assert held(db, account, datetime(2025, 1, 10)) == {}        # a datetime is that instant
    assert held(db, account, datetime(2025, 1, 10, 15)) == {"SPY": 10}
    assert held(db, account, "2025-01-25") == {"SPY": 10, "BND": 20}
    assert held(db, account, date(2025, 2, 10)) == {"SPY": 4, "BND": 20}
    assert held(db, account, date(2025, 3, 10)) == {"BND": 20}
    assert held(db, account, date(2030, 1, 1)) == {"BND": 20}
    assert db.positions.get_positions_at_date(account, date=date(2025, 2, 10))[0]["symbol"] == "BND"


def test_value_at_a_date_uses_the_last_price_at_or_before_it(db, account):
    value = db.positions.get_account_value_at_date(account, date(2025, 2, 20))
    assert value["num_positions"] == 2
    assert value["total_value"] == Decimal(4 * 110) + Decimal("20") * Decimal("50.5")
    assert value["total_shares"] == 24
    assert value["as_of_date"].startswith("2025-02-20")
    by_symbol = {p["symbol"]: p for p in value["positions"]}
    assert by_symbol["SPY"]["price"] == 110  # never the 21 Feb price of 999
    assert by_symbol["SPY"]["price_date"].startswith("2025-02-01")
    assert by_symbol["SPY"]["stale"] is True  # 19 days old
    assert by_symbol["BND"]["value"] == Decimal("1010")
    assert by_symbol["BND"]["stale"] is False
    assert value["missing_prices"] == []


def test_missing_prices_are_listed_not_valued_at_zero(db, account):
    value = db.positions.get_account_value_at_date(account, target_date=date(2025, 1, 25))
    assert value["num_positions"] == 2
    assert value["total_value"] == 1000  # SPY 10 x 100; BND has no price yet
    assert value["total_shares"] == 30
    assert value["missing_prices"] == [{"symbol": "BND", "quantity": Decimal(20)}]
    assert [p["symbol"] for p in value["positions"]] == ["SPY"]


def test_date_versus_datetime_on_the_day_of_a_price(db, account):
    at_noon = db.positions.get_account_value_at_date(account, datetime(2025, 2, 1, 12))
    end_of_day = db.positions.get_account_value_at_date(account, date=date(2025, 2, 1))
    assert at_noon["total_value"] == 10 * 100
    assert end_of_day["total_value"] == 10 * 110


def test_value_before_any_position_is_zero(db, account):
    value = db.positions.get_account_value_at_date(account, date(2024, 12, 31))
    assert value["num_positions"] == 0
    assert value["total_value"] == 0
    assert value["positions"] == [] and value["missing_prices"] == []


def test_value_series_equals_valuing_each_date_alone(db, account):
    for step in ("daily", "weekly", "monthly"):
        series = db.positions.get_account_value_series(account, date(2025, 1, 1),
                                                       date(2025, 3, 31), step)
        assert len(series) > 1
        for point in series:
            alone = db.positions.get_account_value_at_date(account, point["as_of_date"])
            assert point == alone, (step, point["as_of_date"])
    daily = db.positions.get_account_value_series(account, start_date="2025-01-01",
                                                  end_date="2025-01-31")
    assert len(daily) == 31


def test_a_back_dated_change_lands_in_history_order(db, account):
    db.positions.add_or_update_position(account, "SPY", 7, "SELL",
                                        timestamp=datetime(2025, 2, 1, 10))
    assert [p["symbol"] for p in db.positions.find_by_account(account)] == ["BND"]  # SPY stays 0
    assert held(db, account, date(2025, 1, 31))["SPY"] == 10
    assert held(db, account, date(2025, 2, 1))["SPY"] == 7
    assert held(db, account, date(2025, 2, 10))["SPY"] == 4
    history = db.positions.get_position_history(account, "SPY")
    assert [h["quantity"] for h in history] == [10, 7, 4, 0]


def test_value_now_matches_the_portfolio_value(db, account):
    now = db.positions.get_account_value_at_date(account)
    current = db.positions.get_portfolio_value(account)
    assert now["total_value"] == current["total_value"] == Decimal("1010")
    assert now["num_positions"] == current["num_positions"] == 1
    recent = datetime.now(timezone.utc) - timedelta(minutes=5)
    assert now["as_of_date"] >= recent.strftime("%Y-%m-%dT%H:%M:%S")
