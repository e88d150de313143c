"""`alexdb trades`: the ledger's transactions from the shell (SPEC section 12).

add, list, show, correct, void and import (a broker's CSV read with --map, importing
again recording nothing new, every bad row printed as FILE:LINE: field: problem);
`--as-known-at` reproducing an earlier list exactly after a correction and a void; bad
input refused as `alexdb: error: FIELD: rule`, exit 2, with nothing written; `accounts
delete` refusing an account with transactions unless --cascade. On the embedded engine
and, when ALEXDB_TEST_DYNAMODB_ENDPOINT is set, on dynalite.

Run: ALEXDB_BIN=build/tools/alexdb/alexdb /usr/bin/python3 -m pytest tests/cli/trades_cli_test.py
"""
import os
import subprocess
import sys
import uuid
from decimal import Decimal

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from cli_test import BIN, engines, make_cli  # noqa: E402  (the shared runner)

COMMANDS = [["trades"], ["trades", "add"], ["trades", "list"], ["trades", "show"],
            ["trades", "correct"], ["trades", "void"], ["trades", "import"]]
FIELDS = {"id", "account_id", "type", "symbol", "quantity", "price", "fees", "amount",
          "timestamp", "external_id", "note", "recorded_at", "revision", "voided"}


@pytest.fixture(scope="module", params=engines())
def cli(request, tmp_path_factory):
    c = make_cli(request.param, tmp_path_factory.mktemp("trades-" + request.param))
    c.ok("tables", "create")
    yield c
    c.run("tables", "delete", "--yes")


@pytest.fixture
def account(cli):
    user = f"user-{uuid.uuid4().hex[:8]}"
    cli.ok("users", "create", user, "--name", "Trades Test")
    return cli.json("accounts", "create", "--user", user, "--name", "Ledger")["id"]


def failed(result, code, field):
    """The command failed with `code` and an error in the documented form naming `field`."""
    assert result.returncode == code, result.stderr + result.stdout
    assert f"alexdb: error: {field}: " in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_has_an_example(command):
    result = subprocess.run([BIN, *command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Example" in result.stdout


def test_add_prints_the_id_and_show_returns_every_field(cli, account):
    out = cli.ok("trades", "add", account, "buy", "--symbol", "spy", "--quantity", "10.5",
                 "--price", "450.25", "--fees", "1.00", "--at", "2025-01-15", "--note", "first")
    tid = out.strip()
    assert tid and "\n" not in tid
    shown = cli.json("trades", "show", tid)
    assert set(shown) == FIELDS
    assert shown["id"] == tid and shown["account_id"] == account
    assert shown["type"] == "BUY" and shown["symbol"] == "SPY"
    assert shown["quantity"] == "10.5" and shown["price"] == "450.25" and Decimal(shown["fees"]) == 1
    assert shown["amount"] is None and shown["external_id"] is None
    assert shown["timestamp"] == "2025-01-15T21:00:00.000000Z"
    assert shown["note"] == "first" and shown["revision"] == "0" and shown["voided"] is False
    people = cli.ok("trades", "show", tid)
    assert "450.25" in people and "BUY" in people


def test_list_filters_and_prints_a_table(cli, account):
    cli.ok("trades", "add", account, "DEPOSIT", "--amount", "5000", "--at", "2025-01-02")
    spy = cli.json("trades", "add", account, "BUY", "--symbol", "SPY", "--quantity", "2",
                   "--price", "100", "--at", "2025-01-10")["id"]
    cli.ok("trades", "add", account, "BUY", "--symbol", "QQQ", "--quantity", "1",
           "--price", "300", "--at", "2025-02-10")
    listed = cli.json("trades", "list", account)
    assert [t["type"] for t in listed] == ["DEPOSIT", "BUY", "BUY"]
    ranged = cli.json("trades", "list", account, "--from", "2025-01-03", "--to", "2025-01-31")
    assert [t["id"] for t in ranged] == [spy]
    assert [t["symbol"] for t in cli.json("trades", "list", account, "--symbol", "qqq")] == ["QQQ"]
    table = cli.ok("trades", "list", account)
    assert "TIMESTAMP" in table and "5000" in table and "(3 records)" in table


def test_correct_and_void_append_and_as_known_at_reproduces_the_earlier_list(cli, account):
    buy = cli.json("trades", "add", account, "BUY", "--symbol", "SPY", "--quantity", "10",
                   "--price", "100", "--at", "2025-01-10", "--note", "typo")["id"]
    fee = cli.json("trades", "add", account, "FEE", "--amount", "2.50", "--at", "2025-01-11")["id"]
    before = cli.json("trades", "list", account)
    known = max(t["recorded_at"] for t in before)

    corrected = cli.json("trades", "correct", buy, "--quantity", "12", "--no-note")
    assert corrected["revision"] == "1" and corrected["quantity"] == "12"
    assert corrected["note"] is None and corrected["price"] == "100"
    voided = cli.json("trades", "void", fee)
    assert voided["voided"] is True and voided["revision"] == "1"
    assert cli.json("trades", "void", fee) == voided  # again: nothing written

    now = cli.json("trades", "list", account)
    assert [t["id"] for t in now] == [buy] and now[0]["quantity"] == "12"
    assert cli.json("trades", "list", account, "--as-known-at", known) == before
    assert cli.json("trades", "show", buy, "--as-known-at", known) == before[0]
    assert cli.json("trades", "show", fee)["voided"] is True
    refused = cli.run("trades", "correct", fee, "--amount", "3")
    assert refused.returncode == 1 and "not found (or voided)" in refused.stderr


def test_external_id_records_once(cli, account):
    args = ["trades", "add", account, "DEPOSIT", "--amount", "10", "--at", "2025-01-02",
            "--external-id", "bank-7"]
    first = cli.json(*args)["id"]
    assert cli.json(*args)["id"] == first
    assert len(cli.json("trades", "list", account)) == 1


@pytest.mark.parametrize("args, field", [
    (["BUY", "--symbol", "SPY", "--price", "1"], "--quantity"),
    (["BUY", "--symbol", "SPY", "--quantity", "-1", "--price", "1"], "--quantity"),
    (["BUY", "--symbol", "SPY", "--quantity", "x", "--price", "1"], "--quantity"),
    (["BUY", "--symbol", "SPY", "--quantity", "1", "--price", "1", "--fees", "-2"], "--fees"),
    (["BUY", "--symbol", "S#P", "--quantity", "1", "--price", "1"], "--symbol"),
    (["DEPOSIT", "--amount", "0"], "--amount"),
    (["DEPOSIT", "--amount", "5", "--quantity", "1"], "--quantity"),
    (["DEPOSIT", "--amount", "5", "--at", ""], "--at"),
    (["DEPOSIT", "--amount", "5", "--at", "3000-01-01"], "--at"),
    (["DEPOSIT", "--amount", "5", "--external-id", "a b"], "--external-id"),
    (["GIFT", "--amount", "5"], "type"),
])
def test_bad_input_names_the_field_and_writes_nothing(cli, account, args, field):
    failed(cli.run("trades", "add", account, *args), 2, field)
    assert cli.json("trades", "list", account) == []


def test_bad_correction_and_query_write_nothing(cli, account):
    tid = cli.json("trades", "add", account, "DEPOSIT", "--amount", "100", "--at",
                   "2025-01-02")["id"]
    first = cli.json("trades", "show", tid)
    failed(cli.run("trades", "correct", tid, "--amount", "-5"), 2, "--amount")
    failed(cli.run("trades", "correct", tid, "--price", "5"), 2, "--price")
    failed(cli.run("trades", "correct", tid), 2, "trades correct")
    failed(cli.run("trades", "list", account, "--as-known-at", "yesterday"), 2, "--as-known-at")
    failed(cli.run("trades", "list", account, "--from", "2025-02-01", "--to", "2025-01-01"), 2,
           "--from")
    assert cli.json("trades", "show", tid) == first
    assert cli.run("trades", "show", "no-such-id").returncode == 1
    unknown = cli.run("trades", "add", "no-such-account", "DEPOSIT", "--amount", "1")
    assert unknown.returncode == 1 and "account no-such-account not found" in unknown.stderr


def test_accounts_delete_refuses_an_account_with_transactions_unless_cascade(cli, account):
    cli.ok("trades", "add", account, "DEPOSIT", "--amount", "100", "--at", "2025-01-02")
    cli.ok("trades", "add", account, "INTEREST", "--amount", "1.25", "--at", "2025-01-31")
    err = failed(cli.run("accounts", "delete", account), 1, "account_id")
    assert "2 ledger transaction(s)" in err
    assert len(cli.json("trades", "list", account)) == 2
    out = cli.json("accounts", "delete", account, "--cascade")
    assert out["id"] == account and int(out["deleted"]) >= 4  # 2 account records, 2 versions
    assert cli.run("accounts", "show", account).returncode == 1
    assert cli.json("trades", "list", account) == []


def test_trades_move_positions_and_cash_and_splits_show_from_the_shell(cli, account):
    symbol = "ZT" + uuid.uuid4().hex[:6].upper()
    cli.ok("instruments", "create", symbol, "--name", "Split fund", "--type", "etf",
           "--regions", "north_america=100", "--sectors", "technology=100",
           "--asset-classes", "equity=100")
    cli.ok("trades", "add", account, "DEPOSIT", "--amount", "1000", "--at", "2025-01-02")
    cli.ok("trades", "add", account, "BUY", "--symbol", symbol, "--quantity", "4", "--price",
           "50", "--fees", "1", "--at", "2025-01-03")
    held = cli.json("positions", "list", account, "--at", "2025-01-03")
    assert [(p["symbol"], p["quantity"]) for p in held] == [(symbol, "4")]
    assert cli.json("cash", account)["cash"] == "799"
    assert cli.json("cash", account, "--at", "2025-01-02")["cash"] == "1000"
    assert cli.ok("cash", account) == f"cash of account {account}: 799.00\n"
    # A sale of more than is held, or dated before the position's last change: refused.
    failed(cli.run("trades", "add", account, "SELL", "--symbol", symbol, "--quantity", "5",
                   "--price", "50", "--at", "2025-01-04"), 2, "--quantity")
    failed(cli.run("trades", "add", account, "BUY", "--symbol", symbol, "--quantity", "1",
                   "--price", "50", "--at", "2025-01-01"), 2, "--at")
    split = cli.json("instruments", "split", symbol, "1", "2", "--effective", "2025-01-06")
    assert split["ratio_to"] == "2" and split["effective"].startswith("2025-01-06T00:00:00")
    assert cli.json("instruments", "splits", symbol) == [split]
    held = cli.json("positions", "list", account, "--at", "2025-01-06")
    assert [(p["symbol"], p["quantity"]) for p in held] == [(symbol, "8")]
    lots = cli.json("lots", account, "--symbol", symbol)
    assert [(l["quantity"], l["cost_basis"]) for l in lots] == [("8", "201")]
    value = cli.json("value", account, "--at", "2025-01-06", "--cash")
    assert value["cash"] == "799"
    failed(cli.run("value", account, "--cash"), 2, "--cash")


# ---- trades import ----

BROKER = (
    "Trade Date,Action,Ticker,Shares,Price,Commission,Cash,Ref,Exchange\n"
    "2025-01-02,DEPOSIT,,,,,10000,d-1,\n"
    "2025-01-02,BUY,SPY,10,480,1,,t-1,ARCA\n"
    "2025-02-03,SELL,SPY,3,520,1,,t-2,ARCA\n"
)
MAPS = ["--map", "timestamp=Trade Date", "--map", "type=Action", "--map", "symbol=Ticker",
        "--map", "quantity=Shares", "--map", "fees=Commission", "--map", "amount=Cash",
        "--map", "external_id=Ref"]


def test_help_documents_the_format_with_an_example():
    result = subprocess.run([BIN, "trades", "import", "--help"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Example" in result.stdout and "--map" in result.stdout
    assert "external_id" in result.stdout and "FILE:LINE: field: problem" in result.stdout


def test_a_mapped_export_is_recorded_and_again_skipped(cli, account, tmp_path):
    path = tmp_path / "broker.csv"
    path.write_text(BROKER)
    out = cli.ok("trades", "import", account, str(path), *MAPS)
    assert out == f"recorded 3 transaction(s) of 3 row(s) from {path}; 0 already present\n"
    again = cli.json("trades", "import", account, str(path), *MAPS)
    assert again == {"rows": "3", "recorded": "0", "already_present": "3", "errors": []}
    listed = cli.json("trades", "list", account)
    assert sorted(t["external_id"] for t in listed) == ["d-1", "t-1", "t-2"]
    positions = cli.json("positions", "list", account, "--at", "2025-02-03")
    assert [(p["symbol"], p["quantity"]) for p in positions] == [("SPY", "7")]


def test_bad_rows_are_all_printed_and_nothing_is_written(cli, account, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,type,symbol,quantity,price\n"
                    "2025-01-02,BUY,SPY,10,480\n"
                    "2025-01-03,SELL,SPY,11,490\n"
                    "2025-01-04,SWAP,SPY,1,490\n"
                    "2025-01-01,BUY,SPY,1,490\n")
    result = cli.run("trades", "import", account, str(path))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}:3: quantity: at most the units held")
    assert lines[1].startswith(f"{path}:4: type: ")
    assert lines[2] == f"{path}:5: timestamp: before line 2's trade of SPY"
    assert lines[3] == f"alexdb: error: 3 problem(s) in {path}; nothing imported"
    result = cli.run("trades", "import", account, str(path), "--json")
    assert result.returncode == 2
    assert '"problems": "3"' in result.stdout and '"line": "3"' in result.stdout
    assert cli.json("trades", "list", account) == []


def test_bad_arguments_name_the_option(cli, account, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("date,type,amount\n2025-01-02,DEPOSIT,1\n")
    for args, field in [(["--map", "timestamp"], "--map"), (["--map", "cost=Cost"], "--map")]:
        result = cli.run("trades", "import", account, str(path), *args)
        assert result.returncode == 2, result.stderr
        assert f"alexdb: error: {field}: " in result.stderr, result.stderr
    result = cli.run("trades", "import", account, str(tmp_path / "missing.csv"))
    assert result.returncode == 2 and "alexdb: error: FILE: a readable file" in result.stderr
    assert cli.json("trades", "list", account) == []
