"""The lot book against an oracle written from the definitions alone.

The oracle (python/tests/lot_oracle.py, which states the definitions of lots and gains)
implements SPEC section 12 with Python's decimal module, no code shared with the C++;
python/tests/test_portfolio_oracle.py runs it against db.portfolio on the engines. This
file generates thousands of sequences with splits and transfers for all four methods,
and requires exact equality with `ledger_replay` (the C++ lot book) on every lot and
every realized entry, and the same refusal at the same event.

Run: ALEXDB_LEDGER_REPLAY=build/tests/ledger_replay /usr/bin/python3 -m pytest tests/alex/lot_oracle_test.py
"""
import decimal
import json
import os
import random
import subprocess
import sys
from decimal import Decimal

import pytest

# The oracle, shared with the engine differential (python/tests/test_portfolio_oracle.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "python", "tests"))
from lot_oracle import (CONTEXT, METHODS, buy_event, draw_event, oracle, rounded,  # noqa: E402
                        transfer_in_event)

REPLAY = os.environ.get("ALEXDB_LEDGER_REPLAY", "build/tests/ledger_replay")
# 1,500 per method (6,000 in all); the sanitizer build, six times slower, sets fewer
# (tests/CMakeLists.txt): its run is for memory errors the sequences reach.
SEQUENCES_PER_METHOD = int(os.environ.get("ALEXDB_ORACLE_SEQUENCES", "1500"))


def generate(rng, method):
    """A time-ordered sequence of 10-40 events on 1-3 symbols; some oversell on purpose."""
    symbols = ["AAA", "BBB", "CCC"][: rng.randint(1, 3)]
    held = {s: Decimal(0) for s in symbols}
    events = []
    for step in range(rng.randint(10, 40)):
        at = f"2024-{1 + step // 28:02d}-{1 + step % 28:02d}T21:00:00.000000Z"
        symbol = rng.choice(symbols)
        roll = rng.random()
        if roll < 0.40 or held[symbol] == 0 and roll < 0.9:
            events.append(buy_event(rng, symbol, at))
            held[symbol] += Decimal(events[-1]["quantity"])
        elif roll < 0.50:
            events.append(transfer_in_event(rng, symbol, at))
            held[symbol] += Decimal(events[-1]["quantity"])
        elif roll < 0.85 and held[symbol] > 0:
            fraction = Decimal(rng.randint(1, 100)) / 100
            quantity = (held[symbol] * fraction).quantize(Decimal("0.0001"),
                                                         rounding=decimal.ROUND_DOWN)
            if rng.random() < 0.01:
                quantity = held[symbol] + 1  # more than held: refused
            if quantity <= 0:
                continue
            events.append(draw_event(rng, symbol, quantity, at))
            held[symbol] -= quantity
        elif roll < 0.95:
            ratio = rng.choice([("1", "2"), ("1", "3"), ("2", "3"), ("10", "1"), ("3", "1"),
                                ("1", "10")])
            events.append({"type": "SPLIT", "symbol": symbol, "from": ratio[0], "to": ratio[1]})
            held[symbol] = rounded(CONTEXT.divide(held[symbol] * Decimal(ratio[1]),
                                                  Decimal(ratio[0])), 8)
    return {"method": method, "events": events}


def as_decimals(result):
    """Numbers of a result as Decimals (the replay prints canonical text), for ==."""
    if "error" in result:
        return {"error": {"event": result["error"]["event"], "field": result["error"]["field"]}}
    text_fields = {"symbol", "acquired", "sold"}
    return {key: [{k: (v if k in text_fields else Decimal(v)) for k, v in row.items()}
                  for row in result[key]] for key in ("lots", "realized")}


def replay(sequences):
    lines = "".join(json.dumps(s) + "\n" for s in sequences)
    out = subprocess.run([REPLAY], input=lines, capture_output=True, text=True, check=True,
                         timeout=300).stdout.splitlines()
    assert len(out) == len(sequences)
    return [json.loads(line) for line in out]


@pytest.mark.parametrize("method", METHODS)
def test_the_lot_book_equals_the_oracle_on_generated_sequences(method):
    rng = random.Random(f"lot-oracle-{method}")
    sequences = [generate(rng, method) for _ in range(SEQUENCES_PER_METHOD)]
    results = replay(sequences)
    refused = realized = 0
    for n, (sequence, got) in enumerate(zip(sequences, results)):
        expected = oracle(sequence)
        assert as_decimals(got) == as_decimals(expected), (
            f"sequence {n}: {json.dumps(sequence)}\nreplay: {got}\noracle: {expected}")
        refused += "error" in expected
        realized += len(expected.get("realized", []))
    # The generator reaches what it is for: refusals, and many realized entries.
    assert refused > 0 and realized > SEQUENCES_PER_METHOD


def test_a_textbook_fifo_sale():
    sequence = {"method": "fifo", "events": [
        {"type": "BUY", "symbol": "SPY", "quantity": "10", "price": "100", "fees": "1",
         "at": "2024-01-02T21:00:00.000000Z"},
        {"type": "BUY", "symbol": "SPY", "quantity": "10", "price": "120", "fees": "1",
         "at": "2024-02-01T21:00:00.000000Z"},
        {"type": "SELL", "symbol": "SPY", "quantity": "15", "price": "130", "fees": "3",
         "at": "2024-03-01T21:00:00.000000Z"}]}
    got = as_decimals(replay([sequence])[0])
    assert [r["gain"] for r in got["realized"]] == [Decimal("297"), Decimal("48.5")]
    assert got == as_decimals(oracle(sequence))
