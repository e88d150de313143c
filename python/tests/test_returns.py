"""db.portfolio.returns and returns_series from Python (SPEC section 12, issue 18) on every
engine: the dict shape with exact Decimals, a textbook case, bad arguments refused naming
the argument, and a differential test against the independent oracle (returns_oracle.py)
on generated histories: deposits, withdrawals, trades, transfers, dividends and fees on
symbols priced from different days (one never), with a benchmark."""

import inspect
import random
from decimal import Decimal

import pytest

import alexdb
from conftest import instrument
from returns_oracle import returns as oracle_returns
from returns_oracle import twr_series as oracle_series

RETURNS = ["kind", "start", "end", "return", "benchmark", "benchmark_return", "start_value",
           "end_value", "flows", "missing_prices", "note"]


@pytest.fixture
def account(db):
    db.users.create_user("user_1")
    return db.accounts.create_account("user_1", "Brokerage")


def test_signatures_are_the_spec_s():
    returns = inspect.signature(alexdb.Portfolio.returns)
    assert list(returns.parameters) == ["self", "account_id", "start", "end", "kind", "benchmark",
                                        "as_known_at"]
    assert returns.parameters["kind"].default == "twr"
    assert returns.parameters["benchmark"].default is None
    series = inspect.signature(alexdb.Portfolio.returns_series)
    assert list(series.parameters) == ["self", "account_id", "start", "end", "step",
                                       "as_known_at"]
    assert series.parameters["step"].default == "daily"


def test_a_textbook_chain_with_flows_and_its_benchmark(db, account):
    db.instruments.create_instrument(instrument("XFD"))
    price = db.instruments.update_price
    record = db.transactions.record
    price("XFD", "100", timestamp="2025-01-01")
    record(account, "DEPOSIT", amount="1000", timestamp="2025-01-01")
    record(account, "BUY", symbol="XFD", quantity="10", price="100", timestamp="2025-01-01")
    price("XFD", "110", timestamp="2025-01-02")
    record(account, "DEPOSIT", amount="1100", timestamp="2025-01-03")
    price("XFD", "99", timestamp="2025-01-04")
    r = db.portfolio.returns(account, "2025-01-01", "2025-01-04", benchmark="xfd")
    assert list(r) == RETURNS
    # 1100/1000 x 2200/2200 x (990+1100)/2200 - 1
    assert r["return"] == Decimal("0.045") and isinstance(r["return"], Decimal)
    assert r["benchmark"] == "XFD" and r["benchmark_return"] == Decimal("-0.01")
    assert (r["kind"], r["start"], r["end"]) == ("twr", "2025-01-01", "2025-01-04")
    assert (r["start_value"], r["end_value"]) == (Decimal("1000"), Decimal("2090"))
    assert [(f["date"], f["type"], f["amount"]) for f in r["flows"]] == [
        ("2025-01-03", "DEPOSIT", Decimal("1100"))]
    assert r["missing_prices"] == [] and r["note"] is None
    m = db.portfolio.returns(account, "2025-01-01", "2025-01-04", kind="MWR")
    assert m["kind"] == "mwr" and isinstance(m["return"], Decimal)
    series = db.portfolio.returns_series(account, "2025-01-01", "2025-01-04")
    assert [p["twr"] for p in series] == [Decimal(0), Decimal("0.1"), Decimal("0.1"),
                                          Decimal("0.045")]
    assert list(series[0]) == ["date", "value", "flows", "twr"]
    assert series[2]["flows"] == Decimal("1100")


def test_bad_arguments_name_the_argument(db, account):
    returns = db.portfolio.returns
    cases = [
        (lambda: returns(account, "2025-02-01", "2025-01-01"), "start"),
        (lambda: returns(account, "someday", "2025-01-01"), "start"),
        (lambda: returns(account, "2025-01-01", "2025-01-02", kind="irr"), "kind"),
        (lambda: returns(account, "2025-01-01", "2025-01-02", benchmark="no symbol"), "benchmark"),
        (lambda: returns(account, "2025-01-01", "2025-01-02", as_known_at="x"), "as_known_at"),
        (lambda: db.portfolio.returns_series(account, "2025-01-01", "2025-01-02", step="hourly"),
         "step"),
    ]
    for call, field in cases:
        with pytest.raises(alexdb.ValidationError) as error:
            call()
        assert error.value.field == field


# The differential test: histories per engine (dynalite answers a request at a time).
HISTORIES = {"memory": 80, "sqlite": 20, "dynamodb": 6}
FIRST_DAY = 0  # 2024-01-01 + days
SPAN = 120


def day_text(days):
    import datetime
    return (datetime.date(2024, 1, 1) + datetime.timedelta(days=days)).isoformat()


def generate_prices(rng):
    """AAA priced from before the span, BBB from day 30, BMK (the benchmark) from day 5;
    CCC never."""
    prices = {}
    for symbol, first, level in (("AAA", -10, 100), ("BBB", 30, 20), ("BMK", 5, 400)):
        points, p = [], Decimal(level)
        for d in range(first, SPAN + 5, rng.randint(1, 4)):
            p = (p * Decimal(rng.randint(9500, 10500)) / 10000).quantize(Decimal("0.0001"))
            points.append((day_text(d) + "T21:00:00.000000Z", p))
        prices[symbol] = points
    return prices


def generate_events(rng, prices):
    """10-25 events in strictly increasing time, never selling more than held."""
    events, cash, held = [], Decimal(0), {}
    day = rng.randint(0, 20)
    symbols = ["AAA", "BBB"] + (["CCC"] if rng.random() < 0.1 else [])
    for k in range(rng.randint(10, 25)):
        day += rng.randint(0, 8)
        if day >= SPAN:
            break
        at = f"{day_text(day)}T12:{k:02d}:00.000000Z"
        roll = rng.random()
        symbol = rng.choice(symbols)
        quantity = Decimal(rng.randint(1, 2000)) / 100
        if k == 0 or roll < 0.2:
            amount = Decimal(rng.randint(10000, 500000)) / 100
            events.append({"type": "DEPOSIT", "amount": str(amount), "at": at})
        elif roll < 0.3 and cash > 10:
            amount = (cash * Decimal(rng.randint(1, 50)) / 100).quantize(Decimal("0.01"))
            events.append({"type": "WITHDRAWAL", "amount": str(amount), "at": at})
        elif roll < 0.6:
            price = Decimal(rng.randint(1000, 20000)) / 100
            events.append({"type": "BUY", "symbol": symbol, "quantity": str(quantity),
                           "price": str(price), "fees": str(Decimal(rng.randint(0, 500)) / 100),
                           "at": at})
        elif roll < 0.7:
            events.append({"type": "TRANSFER_IN", "symbol": symbol, "quantity": str(quantity),
                           "price": str(Decimal(rng.randint(1000, 9000)) / 100), "at": at})
        elif roll < 0.85 and held.get(symbol, 0) > 0:
            part = (held[symbol] * Decimal(rng.randint(1, 100)) / 100).quantize(Decimal("0.01"))
            if part <= 0:
                continue
            kind = "SELL" if rng.random() < 0.7 else "TRANSFER_OUT"
            events.append({"type": kind, "symbol": symbol, "quantity": str(part),
                           "price": str(Decimal(rng.randint(1000, 20000)) / 100),
                           "fees": "0" if kind == "TRANSFER_OUT" else "1.5", "at": at})
        elif roll < 0.93:
            events.append({"type": "DIVIDEND", "amount": str(Decimal(rng.randint(1, 9999)) / 100),
                           "at": at})
        else:
            events.append({"type": "FEE", "amount": str(Decimal(rng.randint(1, 999)) / 100),
                           "at": at})
        e = events[-1]
        units = Decimal(e.get("quantity", "0"))
        if e["type"] in ("BUY", "TRANSFER_IN"):
            held[symbol] = held.get(symbol, Decimal(0)) + units
        elif e["type"] in ("SELL", "TRANSFER_OUT"):
            held[symbol] -= units
        sign = {"DEPOSIT": 1, "DIVIDEND": 1, "WITHDRAWAL": -1, "FEE": -1}.get(e["type"], 0)
        cash += sign * Decimal(e.get("amount", "0"))
        if e["type"] in ("BUY", "SELL"):
            gross = Decimal(e["price"]) * units
            cash += gross - Decimal(e["fees"]) if e["type"] == "SELL" else -gross - Decimal(e["fees"])
    return events


def record_events(db, account, events):
    for e in events:
        fields = {k: e[k] for k in ("symbol", "quantity", "price", "fees", "amount") if k in e}
        if e["type"] in ("TRANSFER_IN", "TRANSFER_OUT"):
            fields.pop("fees", None)
        db.transactions.record(account, e["type"], timestamp=e["at"], **fields)


def without_note(result):
    out = {k: v for k, v in result.items() if k != "note"}
    out["flows"] = [{k: v for k, v in f.items() if k != "transaction_id"} for f in out["flows"]]
    return out


def test_returns_equal_the_oracle_on_generated_histories(db, request):
    kind = request.node.callspec.params["engine"]
    rng = random.Random(f"returns-oracle-{kind}")
    prices = generate_prices(rng)
    for symbol, points in prices.items():
        db.instruments.create_instrument(instrument(symbol))
        for at, price in points:
            db.instruments.update_price(symbol, price, timestamp=at)
    db.users.create_user("oracle_user")
    told = {"twr": 0, "mwr": 0, "benchmark": 0, "missing": 0, "flows": 0}
    for n in range(HISTORIES[kind]):
        events = generate_events(rng, prices)
        account = db.accounts.create_account("oracle_user", f"History {n}")
        record_events(db, account, events)
        first = rng.randint(0, SPAN - 30)
        start, end = day_text(first), day_text(rng.randint(first, SPAN + 2))
        for which in ("twr", "mwr"):
            got = db.portfolio.returns(account, start, end, kind=which, benchmark="BMK")
            want = oracle_returns(events, prices, start, end, which, "BMK")
            context = f"history {n} {which} {start}..{end}: {events}"
            assert without_note(got) == want, context
            assert (got["note"] is None) == (got["return"] is not None and
                                             got["benchmark_return"] is not None), context
            told[which] += got["return"] is not None
            told["benchmark"] += got["benchmark_return"] is not None
            told["missing"] += bool(got["missing_prices"])
            told["flows"] += len(got["flows"])
        # The first call stored the whole months it computed; this one reads them back.
        again = db.portfolio.returns(account, start, end, kind="twr", benchmark="BMK")
        assert without_note(again) == oracle_returns(events, prices, start, end, "twr", "BMK")
        series = db.portfolio.returns_series(account, start, end)
        expected = oracle_series(events, prices, start, end)
        single = db.portfolio.returns(account, start, end)
        assert series[-1]["twr"] == single["return"]
        for point, twr in zip(series, expected):
            if point["twr"] is not None:
                assert point["twr"] == twr, (n, point)
    # The generator reaches what it is for.
    count = HISTORIES[kind]
    assert told["twr"] > count / 3 and told["mwr"] > count / 4, told
    assert told["benchmark"] > count / 2 and told["missing"] > 0 and told["flows"] > count, told
