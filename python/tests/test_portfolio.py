"""db.portfolio: lots and gains from Python (SPEC section 12) on every engine: the dicts
of SPEC section 12 with exact Decimals, each cost method worked by hand, missing prices
listed, as_known_at reproducing an earlier report after a correction and a void, and
bad arguments refused naming the argument."""

import inspect
import time
import typing
from decimal import Decimal

import pytest

import alexdb
from conftest import instrument

LOT = ["symbol", "quantity", "cost_per_unit", "cost_basis", "acquired"]
REALIZED = ["symbol", "quantity", "proceeds", "fees", "cost_basis", "gain", "acquired", "sold"]
UNREALIZED = ["symbol", "quantity", "cost_basis", "value", "gain"]
GAINS = ["realized", "realized_total", "unrealized", "unrealized_total", "missing_prices"]


def close(day):
    """A date's close, as a timestamp the ledger stores."""
    return day + "T21:00:00.000000Z"


def D(text):
    return Decimal(text)


@pytest.fixture
def account(db):
    db.users.create_user("user_1")
    return db.accounts.create_account("user_1", "Brokerage")


def record_textbook(db, account):
    """Three purchases of SPY, one sale of 15 drawing on them, QQQ held without a price:
      A 2024-01-10  BUY 10 @ 100, fees 5   cost 1005 (100.5 a unit)
      B 2024-02-10  BUY 10 @ 120, fees 5   cost 1205 (120.5 a unit)
      C 2024-03-10  BUY 10 @  90           cost  900
        2024-06-10  SELL 15 @ 130, fees 6  proceeds 1950
    SPY is priced 110 on 2024-12-20 and 150 on 2025-01-15. Returns the ids of A, B, C."""
    record = db.transactions.record
    ids = [record(account, "BUY", symbol="SPY", quantity=10, price=100, fees=5,
                  timestamp="2024-01-10"),
           record(account, "BUY", symbol="SPY", quantity=10, price=120, fees=5,
                  timestamp="2024-02-10"),
           record(account, "BUY", symbol="SPY", quantity=10, price=90, timestamp="2024-03-10")]
    record(account, "BUY", symbol="QQQ", quantity=2, price=400, timestamp="2024-04-01")
    record(account, "SELL", symbol="SPY", quantity=15, price=130, fees=6, timestamp="2024-06-10")
    record(account, "DEPOSIT", amount=10000, timestamp="2024-01-02")  # cash: left out
    db.instruments.create_instrument(instrument("SPY"))
    db.instruments.update_price("SPY", 110, timestamp="2024-12-20")
    db.instruments.update_price("SPY", 150, timestamp="2025-01-15")
    return ids


def sold(quantity, proceeds, fees, cost, gain, acquired):
    return {"symbol": "SPY", "quantity": D(quantity), "proceeds": D(proceeds), "fees": D(fees),
            "cost_basis": D(cost), "gain": D(gain), "acquired": close(acquired),
            "sold": close("2024-06-10")}


def held(quantity, cost, value, gain, symbol="SPY"):
    return {"symbol": symbol, "quantity": D(quantity), "cost_basis": D(cost), "value": D(value),
            "gain": D(gain)}


def all_decimal(rows, text_fields=("symbol", "acquired", "sold")):
    return all(isinstance(v, Decimal) for row in rows for k, v in row.items()
               if k not in text_fields)


def test_signatures_are_the_spec_s():
    lots = inspect.signature(alexdb.Portfolio.lots)
    assert list(lots.parameters) == ["self", "account_id", "symbol", "at", "method",
                                     "as_known_at"]
    assert lots.parameters["method"].default == "fifo"
    assert lots.return_annotation == typing.List[dict]
    gains = inspect.signature(alexdb.Portfolio.gains)
    assert list(gains.parameters) == ["self", "account_id", "start", "end", "method",
                                      "as_known_at"]
    assert gains.parameters["start"].default is None
    assert gains.return_annotation is dict


def test_fifo_gains_worked_by_hand(db, account):
    record_textbook(db, account)
    g = db.portfolio.gains(account, "2024-01-01", "2024-12-31")
    assert list(g) == GAINS
    # A's 10 first, then 5 of B: the fees split by quantity (4 and 2), B's cost halved.
    assert g["realized"] == [sold("10", "1300", "4", "1005", "291", "2024-01-10"),
                             sold("5", "650", "2", "602.5", "45.5", "2024-02-10")]
    assert [list(r) for r in g["realized"]] == [REALIZED, REALIZED]
    assert all_decimal(g["realized"]) and all_decimal(g["unrealized"])
    assert g["realized_total"] == D("336.5") and isinstance(g["realized_total"], Decimal)
    # Left: 5 of B (602.50) and C (900), valued 15 x 110 (the price of 2024-12-20).
    assert g["unrealized"] == [held("15", "1502.5", "1650", "147.5")]
    assert list(g["unrealized"][0]) == UNREALIZED
    assert g["unrealized_total"] == D("147.5") and isinstance(g["unrealized_total"], Decimal)
    assert g["missing_prices"] == ["QQQ"]  # held without a price: never valued at 0


def test_lifo_hifo_and_average_gains_worked_by_hand(db, account):
    record_textbook(db, account)
    lifo = db.portfolio.gains(account, end="2024-12-31", method="lifo")
    assert lifo["realized"] == [sold("10", "1300", "4", "900", "396", "2024-03-10"),
                                sold("5", "650", "2", "602.5", "45.5", "2024-02-10")]
    assert lifo["realized_total"] == D("441.5")
    assert lifo["unrealized"] == [held("15", "1607.5", "1650", "42.5")]
    # hifo: B (120.5 a unit), then 5 of A (100.5).
    hifo = db.portfolio.gains(account, end="2024-12-31", method="hifo")
    assert hifo["realized"] == [sold("10", "1300", "4", "1205", "91", "2024-02-10"),
                                sold("5", "650", "2", "502.5", "145.5", "2024-01-10")]
    assert hifo["realized_total"] == D("236.5")
    assert hifo["unrealized_total"] == D("247.5")
    # average: one pool of 30 costing 3110; the sale takes half, 1555.
    average = db.portfolio.gains(account, end="2024-12-31", method="average")
    assert average["realized"] == [sold("15", "1950", "6", "1555", "389", "2024-01-10")]
    assert average["unrealized"] == [held("15", "1555", "1650", "95")]
    assert average["missing_prices"] == ["QQQ"]


def test_unbounded_gains_use_the_newest_price_and_a_later_period_realizes_nothing(db, account):
    record_textbook(db, account)
    g = db.portfolio.gains(account)
    assert g["realized_total"] == D("336.5")
    assert g["unrealized"] == [held("15", "1502.5", "2250", "747.5")]  # 15 x 150
    later = db.portfolio.gains(account, start="2024-07-01", end="2024-12-31")
    assert later["realized"] == [] and later["realized_total"] == 0
    assert later["unrealized_total"] == D("147.5")
    early = db.portfolio.gains(account, end="2024-05-01")  # before any price
    assert early["unrealized"] == [] and early["unrealized_total"] == 0
    assert early["missing_prices"] == ["QQQ", "SPY"]


def test_average_cost_with_a_repeating_cost_per_unit(db, account):
    # BUY 3 @ 10 fees 1 (31) and 3 @ 11 (33): a pool of 6 costing 64, 10.66666667 a unit.
    # SELL 2 @ 12 fees 0.30 takes 64 x 2 / 6 = 21.333... -> 21.33 (the cost's places, at
    # least 2): gain 24 - 0.30 - 21.33 = 2.37; the pool keeps 4 costing 42.67 (10.6675).
    record = db.transactions.record
    record(account, "BUY", symbol="VTI", quantity=3, price=10, fees=1, timestamp="2024-01-02")
    pool = db.portfolio.lots(account, method="average")
    record(account, "BUY", symbol="VTI", quantity=3, price=11, timestamp="2024-01-03")
    assert db.portfolio.lots(account, method="average") == [
        {"symbol": "VTI", "quantity": D("6"), "cost_per_unit": D("10.66666667"),
         "cost_basis": D("64"), "acquired": close("2024-01-02")}]
    record(account, "SELL", symbol="VTI", quantity=2, price=12, fees="0.30",
           timestamp="2024-01-04")
    g = db.portfolio.gains(account, method="average")
    assert [(r["cost_basis"], r["gain"]) for r in g["realized"]] == [(D("21.33"), D("2.37"))]
    assert g["missing_prices"] == ["VTI"] and g["unrealized"] == []
    lots = db.portfolio.lots(account, method="average")
    assert lots == [{"symbol": "VTI", "quantity": D("4"), "cost_per_unit": D("10.6675"),
                     "cost_basis": D("42.67"), "acquired": close("2024-01-02")}]
    assert [list(lot) for lot in lots] == [LOT] and all_decimal(lots)
    # fifo draws 2 of the first lot (31 x 2 / 3 = 20.67): gain 24 - 0.30 - 20.67 = 3.03.
    fifo = db.portfolio.gains(account)
    assert [(r["cost_basis"], r["gain"]) for r in fifo["realized"]] == [(D("20.67"), D("3.03"))]
    assert db.portfolio.lots(account) == [
        {"symbol": "VTI", "quantity": D("1"), "cost_per_unit": D("10.33"),
         "cost_basis": D("10.33"), "acquired": close("2024-01-02")},
        {"symbol": "VTI", "quantity": D("3"), "cost_per_unit": D("11"),
         "cost_basis": D("33"), "acquired": close("2024-01-03")}]
    # As at the first purchase's day, only it.
    assert db.portfolio.lots(account, at="2024-01-02", method="average") == pool


def test_lots_at_a_date_by_symbol_and_transfers(db, account):
    record_textbook(db, account)
    assert db.portfolio.lots(account, at="2024-02-28") == [
        {"symbol": "SPY", "quantity": D("10"), "cost_per_unit": D("100.5"),
         "cost_basis": D("1005"), "acquired": close("2024-01-10")},
        {"symbol": "SPY", "quantity": D("10"), "cost_per_unit": D("120.5"),
         "cost_basis": D("1205"), "acquired": close("2024-02-10")}]
    assert [lot["symbol"] for lot in db.portfolio.lots(account)] == ["QQQ", "SPY", "SPY"]
    assert [(lot["quantity"], lot["cost_basis"]) for lot in
            db.portfolio.lots(account, symbol="spy", method="lifo")] == [
        (D("10"), D("1005")), (D("5"), D("602.5"))]
    assert db.portfolio.lots(account, at="2024-01-09") == []
    # A transfer out leaves at cost (5 of the first lot under fifo) and realizes nothing.
    db.transactions.record(account, "TRANSFER_OUT", symbol="QQQ", quantity=1, price=0,
                           timestamp="2024-07-01")
    db.transactions.record(account, "TRANSFER_IN", symbol="VTI", quantity="2.5",
                           price="200.10", timestamp="2024-07-02")
    assert db.portfolio.lots(account, symbol="QQQ") == [
        {"symbol": "QQQ", "quantity": D("1"), "cost_per_unit": D("400"), "cost_basis": D("400"),
         "acquired": close("2024-04-01")}]
    assert db.portfolio.lots(account, symbol="VTI")[0]["cost_basis"] == D("500.25")
    assert len(db.portfolio.gains(account)["realized"]) == 2  # the one sale's two lots


def test_as_known_at_reproduces_a_report_after_a_correction_and_a_void(db, account):
    a, b, c = record_textbook(db, account)
    known = max(t["recorded_at"] for t in db.transactions.list(account))
    first = db.portfolio.gains(account, "2024-01-01", "2024-12-31")
    first_lots = db.portfolio.lots(account, method="hifo")
    time.sleep(0.002)  # later versions are recorded after `known`
    # B's price was 110, not 120 (a back-dated correction), and C is voided.
    db.transactions.correct(b, {"price": 110})
    db.transactions.void(c)
    assert db.portfolio.gains(account, "2024-01-01", "2024-12-31", as_known_at=known) == first
    assert db.portfolio.lots(account, method="hifo", as_known_at=known) == first_lots
    now = db.portfolio.gains(account, "2024-01-01", "2024-12-31")
    # B now cost 1105: its 5 sold cost 552.50, gain 650 - 2 - 552.50 = 95.50.
    assert now["realized"] == [sold("10", "1300", "4", "1005", "291", "2024-01-10"),
                               sold("5", "650", "2", "552.5", "95.5", "2024-02-10")]
    assert now["realized_total"] == D("386.5")
    assert now["unrealized"] == [held("5", "552.5", "550", "-2.5")]
    assert now != first
    assert db.portfolio.gains(account, as_known_at="2000-01-01")["realized"] == []


def rejected(field, call, *args, **kwargs):
    with pytest.raises(alexdb.ValidationError) as caught:
        call(*args, **kwargs)
    assert caught.value.field == field, str(caught.value)
    assert caught.value.rule
    return caught.value


def test_bad_arguments_name_the_argument(db, account):
    record_textbook(db, account)
    error = rejected("method", db.portfolio.lots, account, method="fofi")
    assert "fifo" in str(error)
    rejected("method", db.portfolio.gains, account, method="")
    rejected("method", db.portfolio.gains, account, method="HIFO")  # as C++ reads it
    rejected("method", db.portfolio.gains, account, method=3)
    rejected("symbol", db.portfolio.lots, account, symbol="SP Y")
    rejected("at", db.portfolio.lots, account, at="not a date")
    rejected("as_known_at", db.portfolio.lots, account, as_known_at="")
    rejected("as_known_at", db.portfolio.gains, account, as_known_at="yesterday")
    rejected("end", db.portfolio.gains, account, end=12)
    rejected("start", db.portfolio.gains, account, start="2024-12-31", end="2024-01-01")
    rejected("account_id", db.portfolio.gains, None)


def test_an_account_without_trades_has_no_lots_or_gains(db, account):
    assert db.portfolio.lots(account) == []
    assert db.portfolio.gains(account) == {"realized": [], "realized_total": 0, "unrealized": [],
                                           "unrealized_total": 0, "missing_prices": []}
