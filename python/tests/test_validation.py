"""Bad input raises alexdb.ValidationError naming the field, and nothing is written."""

from datetime import date
from decimal import Decimal

import pytest

import alexdb
from conftest import ETF


def rejects(field, call, *args, **kwargs):
    with pytest.raises(alexdb.ValidationError) as caught:
        call(*args, **kwargs)
    error = caught.value
    assert field in str(error), str(error)
    assert error.field is not None and field in error.field
    assert error.rule
    return error


@pytest.mark.parametrize("quantity", [
    "abc", -1, float("nan"), float("inf"), Decimal("NaN"), True, [1], None,
    10 ** 126, "1.123456789",
])
def test_bad_quantities_write_nothing(db, quantity):
    db.users.create_user("user_1")  # an account needs its owner
    account_id = db.accounts.create_account("user_1", "ISA")
    rejects("quantity", db.positions.add_or_update_position, account_id, "SPY", quantity, "BUY")
    assert db.positions.find_by_account(account_id) == []
    assert db.positions.get_position_history(account_id, "SPY") == []


@pytest.mark.parametrize("symbol", ["SP#Y", "", "S P Y", "A" * 21, 42])
def test_bad_symbols(db, symbol):
    rejects("symbol", db.positions.add_or_update_position, "acc_1", symbol, 1)
    assert db.positions.find_all() == []


@pytest.mark.parametrize("account_id", ["acc#1", "", "a b", "x" * 129, 7, None])
def test_bad_account_ids(db, account_id):
    rejects("account_id", db.positions.add_or_update_position, account_id, "SPY", 1)
    assert db.positions.find_all() == []


def test_bad_action_and_timestamp(db):
    rejects("action", db.positions.add_or_update_position, "acc_1", "SPY", 1, "STEAL")
    rejects("timestamp", db.positions.add_or_update_position, "acc_1", "SPY", 1, "BUY",
            timestamp="yesterday")
    rejects("timestamp", db.positions.add_or_update_position, "acc_1", "SPY", 1, "BUY",
            timestamp=1700000000)
    assert db.positions.find_all() == []


def test_bad_dates_in_queries(db):
    rejects("date", db.positions.get_account_value_at_date, "acc_1", "15/01/2025")
    rejects("date", db.positions.get_positions_at_date, "acc_1", 20250115)
    rejects("target_date", db.positions.get_positions_at_date, "acc_1")
    rejects("date", db.instruments.get_price_at_date, "SPY", target_date=date(2025, 1, 1),
            date=date(2025, 1, 2))


@pytest.mark.parametrize("change, field", [
    ({"instrument_type": "crypto"}, "instrument_type"),
    ({"allocation_regions": {"north_america": 50}}, "allocation_regions"),
    ({"allocation_sectors": {"astrology": 100}}, "allocation_sectors"),
    ({"allocation_asset_class": {}}, "allocation_asset_class"),
    ({"current_price": -1}, "current_price"),
    ({"current_price": "1e7"}, "current_price"),
    ({"symbol": "BAD#SYMBOL"}, "symbol"),
])
def test_bad_instruments_write_nothing(db, change, field):
    rejects(field, db.instruments.create_instrument, dict(ETF, **change))
    assert db.instruments.find_all() == []


def test_bad_account_and_user_numbers(db):
    rejects("cash_balance", db.accounts.create_account, "user_1", "ISA", None, -5)
    rejects("cash_interest", db.accounts.create_account, "user_1", "ISA", cash_interest="1.5")
    assert db.accounts.find_by_user("user_1") == []
    rejects("years_until_retirement", db.users.create_user, "user_1", "Ada",
            years_until_retirement=150)
    rejects("clerk_user_id", db.users.create_user, "user#1", "Ada")
    assert db.users.find_all() == []


def test_bad_payloads(db):
    rejects("request_payload", db.jobs.create_job, "user_1", "portfolio_analysis",
            {"x": float("inf")})
    rejects("request_payload", db.jobs.create_job, "user_1", "portfolio_analysis", {1: "a"})
    rejects("request_payload", db.jobs.create_job, "user_1", "portfolio_analysis",
            {"x": object()})
    assert db.jobs.find_by_user("user_1") == []


def test_bad_paging(db):
    rejects("limit", db.users.find_all, -1)
    rejects("offset", db.users.find_all, offset=-1)
    rejects("limit", db.users.find_all, "10")


def test_validation_error_is_part_of_the_hierarchy(db):
    error = rejects("quantity", db.positions.add_position, "acc_1", "SPY", "many")
    assert isinstance(error, alexdb.Error)
    assert isinstance(error, ValueError)
    assert error.field == "quantity"


def test_error_classes():
    for cls in (alexdb.ValidationError, alexdb.NotFound, alexdb.AlreadyExists,
                alexdb.ConditionFailed, alexdb.Throttled, alexdb.ServiceError, alexdb.StoreError):
        assert issubclass(cls, alexdb.Error)
    assert issubclass(alexdb.Error, Exception)
