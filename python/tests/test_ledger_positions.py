"""The ledger from Python (SPEC section 12) on every engine: trades move positions, a
trade out of order or selling more than held is refused naming the field, splits apply to
positions and are listed as dicts, and a valuation carries the ledger's cash when asked."""

from decimal import Decimal

import pytest

import alexdb


@pytest.fixture
def account(db):
    db.users.create_user("user_1")
    db.instruments.create_instrument({
        "symbol": "SPY", "name": "SPDR S&P 500", "instrument_type": "etf",
        "allocation_regions": {"north_america": 100}, "allocation_sectors": {"technology": 100},
        "allocation_asset_class": {"equity": 100}})
    db.instruments.update_price("SPY", "100", timestamp="2025-01-02")
    return db.accounts.create_account("user_1", "Ledger")


def held(db, account, date):
    return {p["symbol"]: p["quantity"] for p in db.positions.get_positions_at_date(account, date)}


def test_trades_move_positions_at_their_dates(db, account):
    db.transactions.record(account, "BUY", symbol="SPY", quantity=10, price=100,
                           timestamp="2025-01-02")
    db.transactions.record(account, "SELL", symbol="SPY", quantity="2.5", price=110,
                           timestamp="2025-01-09")
    assert held(db, account, "2025-01-01") == {}
    assert held(db, account, "2025-01-02") == {"SPY": Decimal("10")}
    assert held(db, account, "2025-01-09") == {"SPY": Decimal("7.5")}
    actions = [h["action"] for h in db.positions.get_position_history(account, "SPY")]
    assert actions == ["BUY", "SELL"]


@pytest.mark.parametrize("kwargs, field", [
    (dict(type="BUY", quantity=1, timestamp="2025-01-05"), "timestamp"),
    (dict(type="SELL", quantity=11, timestamp="2025-01-20"), "quantity"),
])
def test_a_trade_that_would_break_the_position_writes_nothing(db, account, kwargs, field):
    db.transactions.record(account, "BUY", symbol="SPY", quantity=10, price=100,
                           timestamp="2025-01-10")
    with pytest.raises(alexdb.ValidationError) as caught:
        db.transactions.record(account, symbol="SPY", price=100, **kwargs)
    assert caught.value.field == field, str(caught.value)
    assert len(db.transactions.list(account)) == 1
    assert held(db, account, "2025-01-31") == {"SPY": Decimal("10")}


def test_a_split_applies_to_the_position_and_is_listed(db, account):
    db.transactions.record(account, "BUY", symbol="SPY", quantity=10, price=100,
                           timestamp="2025-01-02")
    split = db.instruments.record_split("spy", 1, 2, "2025-01-06")
    assert split["symbol"] == "SPY" and split["ratio_to"] == Decimal(2)
    assert isinstance(split["ratio_from"], Decimal)
    assert split["effective"] == "2025-01-06T00:00:00.000000Z"
    assert db.instruments.splits("SPY") == [split]
    assert db.instruments.splits("SPY", as_known_at="2025-01-01") == []
    assert held(db, account, "2025-01-05") == {"SPY": Decimal("10")}
    assert held(db, account, "2025-01-06") == {"SPY": Decimal("20")}
    with pytest.raises(alexdb.ValidationError) as caught:
        db.instruments.record_split("SPY", 2, 2, "2025-01-07")
    assert caught.value.field == "ratio_to"


def test_value_at_a_date_carries_the_ledger_cash_when_asked(db, account):
    db.transactions.record(account, "DEPOSIT", amount=5000, timestamp="2025-01-01")
    db.transactions.record(account, "BUY", symbol="SPY", quantity=10, price=100, fees="1.5",
                           timestamp="2025-01-02")
    plain = db.positions.get_account_value_at_date(account, "2025-01-03")
    assert "cash" not in plain
    value = db.positions.get_account_value_at_date(account, "2025-01-03", with_cash=True)
    assert value["cash"] == Decimal("3998.5") and isinstance(value["cash"], Decimal)
    assert value["total_value"] == Decimal("1000")
    series = db.positions.get_account_value_series(account, "2025-01-01", "2025-01-03",
                                                   with_cash=True)
    assert [p["cash"] for p in series] == [Decimal("5000"), Decimal("3998.5"), Decimal("3998.5")]


def test_cash_balance_at_a_date_and_as_known_at(db, account):
    db.transactions.record(account, "DEPOSIT", amount="250.50", timestamp="2025-01-01")
    fee = db.transactions.record(account, "FEE", amount=10, timestamp="2025-01-03")
    before_void = db.transactions.get(fee)["recorded_at"]
    db.transactions.void(fee)
    assert db.portfolio.cash_balance(account) == Decimal("250.50")
    assert db.portfolio.cash_balance(account, as_known_at=before_void) == Decimal("240.50")
    assert db.portfolio.cash_balance(account, at="2024-12-31") == Decimal(0)
    assert isinstance(db.portfolio.cash_balance(account), Decimal)
    with pytest.raises(alexdb.ValidationError) as caught:
        db.portfolio.cash_balance(account, at="soon")
    assert caught.value.field == "at"
