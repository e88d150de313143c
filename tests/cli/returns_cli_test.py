"""`alexdb returns`: an account's time- and money-weighted returns from the shell (SPEC
section 12, issue 18).

A small ledger worked by hand: the text for people, --json with every number a string in
SPEC section 12's shape, a benchmark, missing prices reported, --as-known-at reproducing
an earlier answer after a correction, and bad arguments refused as `alexdb: error: FLAG:
rule`, exit 2. On the embedded engine and, when ALEXDB_TEST_DYNAMODB_ENDPOINT is set, on
dynalite.

Run: ALEXDB_BIN=build/tools/alexdb/alexdb /usr/bin/python3 -m pytest tests/cli/returns_cli_test.py
"""
import os
import sys
import time
import uuid
from decimal import Decimal

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from cli_test import engines, make_cli  # noqa: E402  (the shared runner)

KEYS = ["kind", "start", "end", "return", "benchmark", "benchmark_return", "start_value",
        "end_value", "flows", "missing_prices", "note"]


@pytest.fixture(scope="module", params=engines())
def cli(request, tmp_path_factory):
    c = make_cli(request.param, tmp_path_factory.mktemp("returns-" + request.param))
    c.ok("tables", "create")
    yield c
    c.run("tables", "delete", "--yes")


@pytest.fixture
def ledger(cli):
    """Deposit 1000 and buy 10 units at 100 on 2025-01-01; the symbol closes at 110 on
    01-02; deposit 1100 on 01-03; close 99 on 01-04: TWR = 1.1 x 1 x 0.95 - 1 = 0.045.
    Returns (account, symbol, the deposit's id)."""
    user = f"user-{uuid.uuid4().hex[:8]}"
    cli.ok("users", "create", user, "--name", "Returns Test")
    account = cli.json("accounts", "create", "--user", user, "--name", "Brokerage")["id"]
    symbol = "ZR" + uuid.uuid4().hex[:6].upper()
    cli.ok("instruments", "create", symbol, "--name", "Returns fund", "--type", "etf",
           "--regions", "north_america=100", "--sectors", "technology=100",
           "--asset-classes", "equity=100")
    for day, price in (("2025-01-01", "100"), ("2025-01-02", "110"), ("2025-01-04", "99")):
        cli.ok("prices", "update", symbol, price, "--at", day)

    def add(*args):
        return cli.json("trades", "add", account, *args)["id"]

    add("DEPOSIT", "--amount", "1000", "--at", "2025-01-01")
    add("BUY", "--symbol", symbol, "--quantity", "10", "--price", "100", "--at", "2025-01-01")
    deposit = add("DEPOSIT", "--amount", "1100", "--at", "2025-01-03")
    return account, symbol, deposit


def failed(result, field):
    assert result.returncode == 2, result.stderr + result.stdout
    assert f"alexdb: error: {field}: " in result.stderr, result.stderr


def test_returns_worked_by_hand_as_text_and_json(cli, ledger):
    account, symbol, deposit = ledger
    text = cli.ok("returns", account, "--from", "2025-01-01", "--to", "2025-01-04")
    assert "time-weighted return" in text and "4.5" in text and "(0.045)" in text, text
    assert "start value 1,000.00, end value 2,090.00" in text, text
    assert "DEPOSIT" in text and "1,100.00" in text, text
    r = cli.json("returns", account, "--from", "2025-01-01", "--to", "2025-01-04",
                 "--benchmark", symbol)
    assert sorted(r) == sorted(KEYS)
    assert (r["kind"], r["start"], r["end"]) == ("twr", "2025-01-01", "2025-01-04")
    assert r["return"] == "0.04500000" and r["benchmark_return"] == "-0.01000000"
    assert r["start_value"] == "1000" and r["end_value"] == "2090"
    assert r["flows"] == [{"date": "2025-01-03", "transaction_id": deposit, "type": "DEPOSIT",
                           "amount": "1100"}]
    assert r["missing_prices"] == [] and r["note"] is None
    m = cli.json("returns", account, "--from", "2025-01-01", "--to", "2025-01-04",
                 "--kind", "MWR", "--benchmark", symbol)
    assert m["kind"] == "mwr" and Decimal(m["return"]) != 0 and m["benchmark_return"]
    text = cli.ok("returns", account, "--from", "2025-01-01", "--to", "2025-01-04",
                  "--kind", "mwr")
    assert "money-weighted return" in text, text


def test_the_series_ends_on_the_period_s_return(cli, ledger):
    account = ledger[0]
    daily = cli.json("returns", account, "--from", "2025-01-01", "--to", "2025-01-04",
                     "--step", "daily")
    assert [p["twr"] for p in daily] == ["0.00000000", "0.10000000", "0.10000000", "0.04500000"]
    assert daily[2] == {"date": "2025-01-03", "value": "2200", "flows": "1100", "twr": "0.10000000"}
    weekly = cli.json("returns", account, "--from", "2025-01-01", "--to", "2025-01-04",
                      "--step", "weekly")
    assert [(p["date"], p["flows"], p["twr"]) for p in weekly] == [
        ("2025-01-01", "0", "0.00000000"), ("2025-01-04", "1100", "0.04500000")]
    text = cli.ok("returns", account, "--from", "2025-01-01", "--to", "2025-01-04",
                  "--step", "weekly")
    assert "2025-01-04" in text and "2,090.00" in text and "0.045" in text, text
    failed(cli.run("returns", account, "--from", "2025-01-01", "--to", "2025-01-04",
                   "--step", "hourly"), "--step")
    assert cli.run("returns", account, "--from", "2025-01-01", "--to", "2025-01-04",
                   "--step", "daily", "--kind", "mwr").returncode == 2


def test_missing_prices_and_as_known_at(cli, ledger):
    account, symbol, deposit = ledger
    before = cli.json("returns", account, "--from", "2025-01-01", "--to", "2025-01-04")
    known = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + 1))
    time.sleep(2)
    cli.ok("trades", "correct", deposit, "--amount", "550")
    after = cli.json("returns", account, "--from", "2025-01-01", "--to", "2025-01-04")
    assert after["return"] != before["return"]
    assert cli.json("returns", account, "--from", "2025-01-01", "--to", "2025-01-04",
                    "--as-known-at", known) == before
    r = cli.json("returns", account, "--from", "2025-01-01", "--to", "2025-01-04",
                 "--benchmark", "NOPRICE")
    assert r["benchmark_return"] is None and r["return"] == after["return"]
    assert r["missing_prices"] == [{"symbol": "NOPRICE", "from": "2025-01-01",
                                    "to": "2025-01-04"}]
    assert "NOPRICE" in r["note"]


def test_bad_arguments_name_the_flag(cli, ledger):
    account = ledger[0]
    base = ["returns", account, "--from", "2025-01-01", "--to", "2025-01-04"]
    failed(cli.run(*base, "--kind", "irr"), "--kind")
    failed(cli.run(*base, "--benchmark", "not a symbol"), "--benchmark")
    failed(cli.run(*base, "--as-known-at", "later"), "--as-known-at")
    failed(cli.run("returns", account, "--from", "2025-02-01", "--to", "2025-01-01"), "--from")
    failed(cli.run("returns", account, "--from", "2025-01-01", "--to", "soon"), "--to")
    assert cli.run("returns", account, "--from", "2025-01-01").returncode != 0  # --to required
