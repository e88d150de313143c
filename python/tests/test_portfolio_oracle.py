"""db.portfolio against the oracle (lot_oracle.py) through the engines.

Generated ledgers (several symbols, purchases with fees, sales, transfers in and out,
hifo ties; each account's trades in strictly increasing time and never selling more than
held) are recorded through db.transactions.record, one account each; then, for all four
cost methods, db.portfolio.lots and db.portfolio.gains (everything, and up to a date
within the ledger) must equal the oracle's answer with exact Decimal equality: every lot,
every realized entry, the totals, the unrealized gains at the symbols' prices and the
symbols without one. Every third ledger also trades a symbol of its own that splits
(db.instruments.record_split, forward and reverse, at most twice, recorded in time order
between its trades), so splits go through the engines too: lots, gains and the positions
the splits move (a sale of everything held after a split must be allowed).
"""
import random
from decimal import Decimal

import pytest

from conftest import instrument
from lot_oracle import (CONTEXT, METHODS, buy_event, draw_event, oracle, rounded,
                        transfer_in_event)

# Ledgers per engine: the memory engine is quick, dynalite answers a request at a time
# (the engines differ in how they store a ledger; the lot rules are the oracle's, which
# tests/alex/lot_oracle_test.py runs over 6,000 sequences).
SEQUENCES = {"memory": 300, "sqlite": 120, "dynamodb": 20}
SYMBOLS = ["AAA", "BBB", "CCC"]
# What the symbols are priced at, at the close of days within the ledgers' span (newest
# last); CCC has no price and stays missing.
PRICES = {"AAA": [("2024-01-03", "101.25"), ("2024-01-07", "87.5")],
          "BBB": [("2024-01-05", "12.3456")]}
MONEY_PLACES = 8  # a value is quantity x price rounded half-even to 8 places


def at_step(step):
    """Strictly increasing times within 2024, several a day."""
    return f"2024-{1 + step // 112:02d}-{1 + step // 4 % 28:02d}T{10 + step % 4 * 3:02d}:00:00.000000Z"


# Split ratios (from, to) whose quantities stay exact within 8 places: purchases have at
# most 4 decimals, sales 4, and a ledger splits at most twice.
SPLIT_RATIOS = [("1", "2"), ("1", "3"), ("2", "1"), ("4", "1"), ("1", "10"), ("5", "2")]


def generate(rng, split_symbol=None):
    """A ledger of 10-40 events on 1-3 symbols (and `split_symbol`, which may split), in
    time order, never overselling."""
    symbols = SYMBOLS[: rng.randint(1, 3)] + ([split_symbol] if split_symbol else [])
    held = {s: Decimal(0) for s in symbols}
    events = []
    splits = 0
    for step in range(rng.randint(10, 40)):
        at = at_step(step)
        symbol = rng.choice(symbols)
        if symbol == split_symbol and held[symbol] > 0 and splits < 2 and rng.random() < 0.3:
            ratio_from, ratio_to = rng.choice(SPLIT_RATIOS)
            events.append({"type": "SPLIT", "symbol": symbol, "from": ratio_from,
                           "to": ratio_to, "at": at})
            held[symbol] = held[symbol] * Decimal(ratio_to) / Decimal(ratio_from)
            splits += 1
            continue
        roll = rng.random()
        if roll < 0.45 or held[symbol] == 0 and roll < 0.9:
            events.append(buy_event(rng, symbol, at))
            held[symbol] += Decimal(events[-1]["quantity"])
        elif roll < 0.55:
            events.append(transfer_in_event(rng, symbol, at))
            held[symbol] += Decimal(events[-1]["quantity"])
        elif held[symbol] > 0:
            whole = rng.random() < 0.1  # sometimes everything held
            quantity = held[symbol] if whole else (
                held[symbol] * Decimal(rng.randint(1, 99)) / 100).quantize(Decimal("0.0001"))
            if quantity <= 0:
                continue
            events.append(draw_event(rng, symbol, quantity, at))
            held[symbol] -= quantity
    return events


def record(db, account, events):
    for e in events:
        if e["type"] == "SPLIT":
            db.instruments.record_split(e["symbol"], e["from"], e["to"], e["at"])
        elif e["type"] in ("BUY", "SELL"):
            db.transactions.record(account, e["type"], symbol=e["symbol"],
                                   quantity=e["quantity"], price=e["price"], fees=e["fees"],
                                   timestamp=e["at"])
        else:
            price = e.get("cost_per_unit", "0")  # a transfer's price: the cost per unit moved
            db.transactions.record(account, e["type"], symbol=e["symbol"],
                                   quantity=e["quantity"], price=price, timestamp=e["at"])


def price_at(symbol, end):
    """The symbol's last price at or before `end` (None: the newest), or None."""
    found = None
    for day, price in PRICES.get(symbol, []):
        if end is None or day + "T21:00:00.000000Z" <= end:
            found = Decimal(price)
    return found


def expected(events, method, start=None, end=None):
    """The oracle's lots and gains: sales within [start, end], held at `end`."""
    upto = [e for e in events if end is None or e["at"] <= end]
    result = oracle({"method": method, "events": upto})
    assert "error" not in result, result  # the generator never oversells
    realized = [r for r in result["realized"] if start is None or r["sold"] >= start]
    unrealized, missing = [], []
    for symbol in sorted({lot["symbol"] for lot in result["lots"]}):
        lots = [lot for lot in result["lots"] if lot["symbol"] == symbol]
        quantity = sum((lot["quantity"] for lot in lots), Decimal(0))
        cost = sum((lot["cost_basis"] for lot in lots), Decimal(0))
        price = price_at(symbol, end)
        if price is None:
            missing.append(symbol)
            continue
        value = rounded(CONTEXT.multiply(quantity, price), MONEY_PLACES)
        unrealized.append({"symbol": symbol, "quantity": quantity, "cost_basis": cost,
                           "value": value, "gain": value - cost})
    gains = {"realized": realized,
             "realized_total": sum((r["gain"] for r in realized), Decimal(0)),
             "unrealized": unrealized,
             "unrealized_total": sum((u["gain"] for u in unrealized), Decimal(0)),
             "missing_prices": missing}
    return result["lots"], gains


@pytest.fixture
def priced_db(db):
    for symbol, prices in PRICES.items():
        db.instruments.create_instrument(instrument(symbol))
        for day, price in prices:
            db.instruments.update_price(symbol, price, timestamp=day)
    db.users.create_user("oracle_user")
    return db


def test_portfolio_equals_the_oracle_on_generated_ledgers(priced_db, engine, request):
    db = priced_db
    kind = request.node.callspec.params["engine"]
    rng = random.Random(f"portfolio-oracle-{kind}")
    compared = realized = transfers = splits = 0
    for n in range(SEQUENCES[kind]):
        split_symbol = None
        if n % 3 == 0:
            split_symbol = f"SPL{n}"
            db.instruments.create_instrument(instrument(split_symbol))
        events = generate(rng, split_symbol)
        account = db.accounts.create_account("oracle_user", f"Ledger {n}")
        record(db, account, events)
        transfers += sum(e["type"].startswith("TRANSFER") for e in events)
        splits += sum(e["type"] == "SPLIT" for e in events)
        # A cut inside the ledger: lots at it, and gains of the sales from an earlier time.
        end = events[rng.randrange(len(events))]["at"]
        start = events[rng.randrange(len(events))]["at"]
        start = min(start, end)
        for method in METHODS:
            lots, gains = expected(events, method)
            context = f"ledger {n}, {method}: {events}"
            assert db.portfolio.lots(account, method=method) == lots, context
            got = db.portfolio.gains(account, method=method)
            assert got == gains, context
            cut_lots, cut_gains = expected(events, method, start, end)
            assert db.portfolio.lots(account, at=end, method=method) == cut_lots, context
            assert db.portfolio.gains(account, start, end, method) == cut_gains, context
            compared += 1
            realized += len(gains["realized"])
    # The generator reaches what it is for: many realized entries, transfers.
    assert compared == 4 * SEQUENCES[kind]
    assert realized > compared and transfers > SEQUENCES[kind] / 2
    assert splits > SEQUENCES[kind] / 10

