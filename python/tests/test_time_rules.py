"""SPEC section 9 from Python: what a bare date means, empty strings, far-future dates,
Unicode ids, and money rounding in valuations."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

import alexdb
from conftest import ETF


@pytest.fixture
def spy(db):
    db.instruments.create_instrument(dict(ETF, current_price=None))
    return "SPY"


def test_a_date_means_the_close_when_a_change_or_a_price_happened(db, spy):
    db.users.create_user("user_1")  # an account needs its owner
    account = db.accounts.create_account("user_1", "ISA")
    db.positions.add_or_update_position(account, spy, 10, "BUY", timestamp=date(2025, 1, 15))
    db.positions.add_or_update_position(account, spy, 12, "BUY", timestamp="2025-01-16")
    history = db.positions.get_position_history(account, spy)
    assert [h["timestamp"] for h in history] == [
        "2025-01-15T21:00:00.000000Z", "2025-01-16T21:00:00.000000Z"]
    assert db.instruments.update_price(spy, 451, timestamp=date(2025, 1, 15)) == \
        "2025-01-15T21:00:00.000000Z"
    db.instruments.import_prices([{"symbol": spy, "timestamp": date(2025, 1, 16), "price": 452},
                                  {"symbol": spy, "timestamp": "2025-01-17", "price": 453}])
    stamps = [p["timestamp"] for p in db.instruments.get_price_history(spy)]
    assert stamps == ["2025-01-15T21:00:00.000000Z", "2025-01-16T21:00:00.000000Z",
                      "2025-01-17T21:00:00.000000Z"]


def test_a_date_means_the_end_of_that_day_in_a_question(db, spy):
    db.users.create_user("user_1")  # an account needs its owner
    account = db.accounts.create_account("user_1", "ISA")
    db.positions.add_or_update_position(account, spy, 10, "BUY", timestamp=date(2025, 1, 15))
    db.instruments.update_price(spy, 451, timestamp=date(2025, 1, 15))
    assert [p["symbol"] for p in db.positions.get_positions_at_date(account, date(2025, 1, 15))] == [spy]
    value = db.positions.get_account_value_at_date(account, "2025-01-15")
    assert value["as_of_date"] == "2025-01-15T23:59:59.999999Z"
    assert value["total_value"] == Decimal("4510")
    assert db.instruments.get_price_at_date(spy, date(2025, 1, 15))["price"] == Decimal("451")


def test_an_empty_string_is_never_a_date(db, spy):
    db.users.create_user("user_1")  # an account needs its owner
    account = db.accounts.create_account("user_1", "ISA")
    calls = [
        lambda: db.positions.add_or_update_position(account, spy, 1, "BUY", timestamp=""),
        lambda: db.instruments.update_price(spy, 1, timestamp=""),
        lambda: db.instruments.import_prices([{"symbol": spy, "timestamp": "", "price": 1}]),
        lambda: db.positions.get_positions_at_date(account, ""),
        lambda: db.positions.get_account_value_at_date(account, ""),
    ]
    for call in calls:
        with pytest.raises(alexdb.ValidationError, match="empty"):
            call()
    assert db.positions.get_position_history(account, spy) == []
    assert db.instruments.get_price_history(spy) == []


def test_changes_and_prices_after_tomorrow_are_refused(db, spy):
    db.users.create_user("user_1")  # an account needs its owner
    account = db.accounts.create_account("user_1", "ISA")
    soon = datetime.now(timezone.utc) + timedelta(hours=20)
    later = datetime.now(timezone.utc) + timedelta(days=1, hours=1)
    for when in [later, "2205-01-15T14:30:00Z", date(9999, 12, 31), datetime(9999, 12, 31, 23, 59)]:
        with pytest.raises(alexdb.ValidationError, match="timestamp"):
            db.positions.add_or_update_position(account, spy, 5, "BUY", timestamp=when)
        with pytest.raises(alexdb.ValidationError, match="timestamp"):
            db.instruments.update_price(spy, 5, timestamp=when)
        with pytest.raises(alexdb.ValidationError, match="timestamp"):
            db.instruments.import_prices([{"symbol": spy, "timestamp": when, "price": 5}])
    assert db.positions.get_position_history(account, spy) == []
    assert db.instruments.get_price_history(spy) == []
    db.positions.add_or_update_position(account, spy, 5, "BUY", timestamp=soon)  # clock skew
    db.positions.add_or_update_position(account, spy, 6, "BUY")
    assert len(db.positions.get_position_history(account, spy)) == 2


def test_ids_refuse_unicode_spaces_and_invisible_characters(db):
    for bad in ["a\u0085b", "a\u00a0b", "a\u2028b", "a\u3000b", "a\u200bb", "a\u202eb", "a\ufeffb"]:
        with pytest.raises(alexdb.ValidationError, match="clerk_user_id"):
            db.users.create_user(bad, "Name")
    accented = "\u00e9" * 65  # 65 characters, 130 bytes
    assert db.users.create_user(accented, "\u00e9" * 256) == accented
    with pytest.raises(alexdb.ValidationError, match="clerk_user_id"):
        db.users.create_user("\u00e9" * 129, "Name")


def test_valuations_round_money_instead_of_failing_on_38_digits(db, spy):
    db.users.create_user("user_1")  # an account needs its owner
    account = db.accounts.create_account("user_1", "ISA")
    db.instruments.update_price(spy, Decimal("1.2345678901234567"), timestamp="2025-01-10T21:00:00Z")
    db.positions.add_or_update_position(account, spy, Decimal("123456789012345.12345678"), "BUY",
                                        timestamp="2025-01-02T15:00:00Z")
    expected = Decimal("152415787532387.67078189")
    assert db.positions.get_account_value_at_date(account, "2025-01-15")["total_value"] == expected
    series = db.positions.get_account_value_series(account, "2025-01-14", "2025-01-15")
    assert [s["total_value"] for s in series] == [expected, expected]
    assert db.positions.get_portfolio_value(account)["total_value"] == expected


def test_update_checks_the_timestamp_also_when_there_is_no_such_position(db):
    import base64
    db.users.create_user("user_1")  # an account needs its owner
    account = db.accounts.create_account("user_1", "ISA")
    never_held = base64.urlsafe_b64encode(f"{account}#QQQ".encode()).rstrip(b"=").decode()
    assert db.positions.update(never_held, {"quantity": 1}) == 0
    for bad in ["2205-01-15T14:30:00Z", ""]:
        with pytest.raises(alexdb.ValidationError, match="timestamp"):
            db.positions.update(never_held, {"quantity": 1, "timestamp": bad})
