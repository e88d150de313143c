"""`alexdb lots` and `alexdb gains`: lots and gains from the shell (SPEC section 12).

Worked by hand on a small ledger for each cost method: the tables for people, --json
with every number a string in SPEC section 12's shapes, missing prices listed,
--as-known-at reproducing an earlier report exactly after a correction and a void, and
bad arguments refused as `alexdb: error: FLAG: rule`, exit 2. On the embedded engine
and, when ALEXDB_TEST_DYNAMODB_ENDPOINT is set, on dynalite.

Run: ALEXDB_BIN=build/tools/alexdb/alexdb /usr/bin/python3 -m pytest tests/cli/portfolio_cli_test.py
"""
import os
import subprocess
import sys
import time
import uuid

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from cli_test import BIN, engines, make_cli  # noqa: E402  (the shared runner)

LOT = {"symbol", "quantity", "cost_per_unit", "cost_basis", "acquired"}
REALIZED = {"symbol", "quantity", "proceeds", "fees", "cost_basis", "gain", "acquired", "sold"}
UNREALIZED = {"symbol", "quantity", "cost_basis", "value", "gain"}


@pytest.fixture(scope="module", params=engines())
def cli(request, tmp_path_factory):
    c = make_cli(request.param, tmp_path_factory.mktemp("portfolio-" + request.param))
    c.ok("tables", "create")
    yield c
    c.run("tables", "delete", "--yes")


@pytest.fixture
def account(cli):
    user = f"user-{uuid.uuid4().hex[:8]}"
    cli.ok("users", "create", user, "--name", "Lots Test")
    return cli.json("accounts", "create", "--user", user, "--name", "Brokerage")["id"]


@pytest.fixture
def ledger(cli, account):
    """A symbol priced 110 on 2024-12-20, bought three times and sold once:
      A 2024-01-10  BUY 10 @ 100, fees 5   cost 1005 (100.5 a unit)
      B 2024-02-10  BUY 10 @ 120, fees 5   cost 1205 (120.5 a unit)
      C 2024-03-10  BUY 10 @  90           cost  900
        2024-06-10  SELL 15 @ 130, fees 6  proceeds 1950
    and a second symbol held without any price. Returns (account, symbol, unpriced, ids)."""
    symbol = "ZL" + uuid.uuid4().hex[:6].upper()
    unpriced = "ZU" + uuid.uuid4().hex[:6].upper()
    cli.ok("instruments", "create", symbol, "--name", "Lots fund", "--type", "etf",
           "--regions", "north_america=100", "--sectors", "technology=100",
           "--asset-classes", "equity=100")
    cli.ok("prices", "update", symbol, "110", "--at", "2024-12-20")

    def trade(*args):
        return cli.json("trades", "add", account, *args)["id"]

    ids = [trade("BUY", "--symbol", symbol, "--quantity", "10", "--price", "100", "--fees", "5",
                 "--at", "2024-01-10"),
           trade("BUY", "--symbol", symbol, "--quantity", "10", "--price", "120", "--fees", "5",
                 "--at", "2024-02-10"),
           trade("BUY", "--symbol", symbol, "--quantity", "10", "--price", "90",
                 "--at", "2024-03-10")]
    trade("BUY", "--symbol", unpriced, "--quantity", "2", "--price", "400", "--at", "2024-04-01")
    trade("SELL", "--symbol", symbol, "--quantity", "15", "--price", "130", "--fees", "6",
          "--at", "2024-06-10")
    return account, symbol, unpriced, ids


def close(day):
    return day + "T21:00:00.000000Z"


def failed(result, field):
    """A usage error in the documented form naming `field`, exit 2."""
    assert result.returncode == 2, result.stderr + result.stdout
    assert f"alexdb: error: {field}: " in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("command", ["lots", "gains"])
def test_help_has_an_example_and_the_methods(command):
    result = subprocess.run([BIN, command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Example" in result.stdout and "hifo" in result.stdout


def sale(symbol, quantity, proceeds, fees, cost, gain, acquired):
    return {"symbol": symbol, "quantity": quantity, "proceeds": proceeds, "fees": fees,
            "cost_basis": cost, "gain": gain, "acquired": close(acquired),
            "sold": close("2024-06-10")}


def test_gains_json_by_each_method_worked_by_hand(cli, ledger):
    account, symbol, unpriced, _ = ledger
    fifo = cli.json("gains", account, "--from", "2024-01-01", "--to", "2024-12-31")
    assert set(fifo) == {"realized", "realized_total", "unrealized", "unrealized_total",
                         "missing_prices"}
    # A's 10, then 5 of B: the sale's fees split 4 and 2, B's cost halved.
    assert fifo["realized"] == [sale(symbol, "10", "1300", "4", "1005", "291", "2024-01-10"),
                                sale(symbol, "5", "650", "2", "602.5", "45.5", "2024-02-10")]
    assert fifo["realized_total"] == "336.5"
    # Left 5 of B and C (1502.50) at 110: 1650.
    assert fifo["unrealized"] == [{"symbol": symbol, "quantity": "15", "cost_basis": "1502.5",
                                   "value": "1650", "gain": "147.5"}]
    assert fifo["unrealized_total"] == "147.5"
    assert fifo["missing_prices"] == [unpriced]

    lifo = cli.json("gains", account, "--method", "lifo")
    assert [(r["cost_basis"], r["gain"]) for r in lifo["realized"]] == [
        ("900", "396"), ("602.5", "45.5")]
    assert lifo["realized_total"] == "441.5" and lifo["unrealized_total"] == "42.5"
    hifo = cli.json("gains", account, "--method", "HIFO")  # any case
    assert [(r["cost_basis"], r["acquired"]) for r in hifo["realized"]] == [
        ("1205", close("2024-02-10")), ("502.5", close("2024-01-10"))]
    assert hifo["realized_total"] == "236.5" and hifo["unrealized_total"] == "247.5"
    average = cli.json("gains", account, "--method", "average")
    assert average["realized"] == [sale(symbol, "15", "1950", "6", "1555", "389", "2024-01-10")]
    assert average["unrealized"][0]["cost_basis"] == "1555"
    # A period after the sale realizes nothing; before any price both symbols are missing.
    later = cli.json("gains", account, "--from", "2024-07-01")
    assert later["realized"] == [] and later["realized_total"] == "0"
    early = cli.json("gains", account, "--to", "2024-05-01")
    assert early["unrealized"] == [] and early["missing_prices"] == sorted([symbol, unpriced])


def test_lots_json_and_table(cli, ledger):
    account, symbol, unpriced, _ = ledger
    lots = cli.json("lots", account, "--symbol", symbol.lower())
    assert all(set(lot) == LOT for lot in lots)
    assert lots == [
        {"symbol": symbol, "quantity": "5", "cost_per_unit": "120.5", "cost_basis": "602.5",
         "acquired": close("2024-02-10")},
        {"symbol": symbol, "quantity": "10", "cost_per_unit": "90", "cost_basis": "900",
         "acquired": close("2024-03-10")}]
    before_sale = cli.json("lots", account, "--at", "2024-02-28", "--method", "average")
    assert before_sale == [{"symbol": symbol, "quantity": "20", "cost_per_unit": "110.5",
                            "cost_basis": "2210", "acquired": close("2024-01-10")}]
    assert len(cli.json("lots", account)) == 3  # the unpriced symbol's lot too
    assert cli.json("lots", account, "--at", "2024-01-09") == []
    table = cli.ok("lots", account, "--method", "hifo")
    assert "COST BASIS" in table and "(3 lots)" in table and unpriced in table
    # hifo drew B, then 5 of A: A's other 5 are left, costing 502.50.
    assert "2024-01-10" in table and "502.50" in table and "2024-02-10" not in table


def test_gains_table_lists_sales_totals_holdings_and_missing_prices(cli, ledger):
    account, symbol, unpriced, _ = ledger
    out = cli.ok("gains", account, "--to", "2024-12-31")
    lines = out.splitlines()
    assert lines[0] == "realized gains (fifo), sales to 2024-12-31"
    assert "PROCEEDS" in lines[1] and "COST BASIS" in lines[1]
    assert [line.split()[1] for line in lines[3:5]] == [symbol, symbol]
    assert "1,300.00" in lines[3] and "291.00" in lines[3] and "45.50" in lines[4]
    assert "realized total 336.50" in lines
    assert "unrealized gains of what is held at 2024-12-31, at the last prices then" in lines
    assert "unrealized total 147.50" in lines
    assert any(line.split()[:2] == [symbol, "15"] and "1,650.00" in line for line in lines)
    assert lines[-1] == f"missing prices (held, not valued): {unpriced}"


def test_as_known_at_reproduces_the_report_after_a_correction_and_a_void(cli, ledger):
    account, symbol, _, (a, b, c) = ledger
    known = max(t["recorded_at"] for t in cli.json("trades", "list", account))
    first = cli.json("gains", account, "--to", "2024-12-31")
    first_lots = cli.json("lots", account, "--method", "lifo")
    time.sleep(0.01)
    cli.ok("trades", "correct", b, "--price", "110")
    cli.ok("trades", "void", c)
    assert cli.json("gains", account, "--to", "2024-12-31", "--as-known-at", known) == first
    assert cli.json("lots", account, "--method", "lifo", "--as-known-at", known) == first_lots
    now = cli.json("gains", account, "--to", "2024-12-31")
    # B now cost 1105: its 5 sold cost 552.50, gain 95.50; 5 of B left, worth 550.
    assert [r["cost_basis"] for r in now["realized"]] == ["1005", "552.5"]
    assert now["realized_total"] == "386.5"
    assert now["unrealized"][0]["cost_basis"] == "552.5"
    assert now["unrealized"][0]["gain"] == "-2.5"


@pytest.mark.parametrize("args, field", [
    (["lots", "--method", "fofi"], "--method"),
    (["gains", "--method", ""], "--method"),
    (["lots", "--symbol", "S P"], "--symbol"),
    (["lots", "--at", "yesterday"], "--at"),
    (["lots", "--as-known-at", ""], "--as-known-at"),
    (["gains", "--as-known-at", "x"], "--as-known-at"),
    (["gains", "--from", "2024-13-01"], "--from"),
    (["gains", "--from", "2024-12-31", "--to", "2024-01-01"], "--from"),
])
def test_bad_arguments_are_usage_errors_naming_the_flag(cli, account, args, field):
    command, *options = args
    err = failed(cli.run(command, account, *options), field)
    if field == "--method":
        assert "fifo, lifo, hifo, average" in err


def test_an_account_without_trades(cli, account):
    assert cli.json("lots", account) == []
    assert cli.json("gains", account) == {"realized": [], "realized_total": "0",
                                          "unrealized": [], "unrealized_total": "0",
                                          "missing_prices": []}
    assert "(0 lots)" in cli.ok("lots", account)


def test_allocation_json_and_table(cli, ledger):
    account, symbol, unpriced, _ = ledger
    expected = {"at": "2024-12-31T23:59:59.999999Z", "by": "asset_class", "total_value": "1650",
                "weights": {"equity": "100.00"}, "values": {"equity": "1650"},
                "missing_prices": [unpriced]}
    assert cli.json("allocation", account, "--at", "2024-12-31") == expected
    assert cli.json("allocation", account, "--at", "2024-12-31", "--by", "Region")["weights"] == {
        "north_america": "100.00"}
    # Before the symbol's first price: held, not valued.
    assert cli.json("allocation", account, "--at", "2024-06-30", "--by", "sector") == {
        "at": "2024-06-30T23:59:59.999999Z", "by": "sector", "total_value": "0", "weights": {},
        "values": {}, "missing_prices": sorted([symbol, unpriced])}
    table = cli.ok("allocation", account, "--by", "sector")
    assert "at current prices" in table and "technology" in table and "100.00%" in table
    assert "total value 1,650.00" in table or "total value 1650.00" in table
    assert f"missing prices (held, not valued): {unpriced}" in table


@pytest.mark.parametrize("args,field", [
    (["--by", "country"], "--by"),
    (["--at", "yesterday"], "--at"),
])
def test_allocation_bad_arguments_name_the_flag(cli, account, args, field):
    err = failed(cli.run("allocation", account, *args), field)
    if field == "--by":
        assert "asset_class" in err
