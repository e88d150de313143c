"""The `alexdb` command line, run as a user runs it.

Every command on the embedded engine (a SQLite file per test module) and, when
ALEXDB_TEST_DYNAMODB_ENDPOINT is set (scripts/run-tests.sh sets it), on dynalite with
tables of unique names that are deleted afterwards. JSON output is parsed and checked;
bad arguments and bad CSV rows must give clear errors and change nothing.

Run: ALEXDB_BIN=build/tools/alexdb/alexdb /usr/bin/python3 -m pytest tests/cli/cli_test.py
"""
import http.server
import json
import os
import subprocess
import threading
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

BIN = os.environ.get("ALEXDB_BIN", "build/tools/alexdb/alexdb")
ENDPOINT = os.environ.get("ALEXDB_TEST_DYNAMODB_ENDPOINT")
SEED_END = "2025-01-31"
SEED_DAYS = "40"


class Cli:
    """The binary with one engine's global flags."""

    def __init__(self, flags, cwd):
        self.flags = flags
        self.cwd = cwd

    def run(self, *args, input=None):
        return subprocess.run([BIN, *self.flags, *args], capture_output=True, text=True,
                              cwd=self.cwd, input=input, timeout=300)

    def ok(self, *args):
        result = self.run(*args)
        assert result.returncode == 0, f"{args}: {result.stderr}{result.stdout}"
        return result.stdout

    def json(self, *args):
        return json.loads(self.ok(*args, "--json"))


def engines():
    return ["sqlite", pytest.param("dynalite", marks=pytest.mark.skipif(
        not ENDPOINT, reason="ALEXDB_TEST_DYNAMODB_ENDPOINT is not set"))]


def make_cli(engine, tmp_path):
    if engine == "sqlite":
        return Cli(["--store", f"sqlite:{tmp_path / 'alex.db'}"], tmp_path)
    suffix = uuid.uuid4().hex[:12]
    return Cli(["--endpoint", ENDPOINT, "--users-table", f"cli-users-{suffix}",
                "--instruments-table", f"cli-instruments-{suffix}"], tmp_path)


@pytest.fixture(scope="module", params=engines())
def cli(request, tmp_path_factory):
    c = make_cli(request.param, tmp_path_factory.mktemp(request.param))
    c.engine = request.param
    c.ok("seed", "--days", SEED_DAYS, "--end", SEED_END, "--quiet")
    yield c
    c.run("tables", "delete", "--yes")


def new_account(cli, user=None):
    user = user or f"user-{uuid.uuid4().hex[:8]}"
    if cli.run("users", "show", user).returncode != 0:
        cli.ok("users", "create", user, "--name", "Test User")
    return user, cli.json("accounts", "create", "--user", user, "--name", "Main")["id"]


# ---- help ------------------------------------------------------------------------------

COMMANDS = [
    [], ["tables"], ["tables", "create"], ["tables", "describe"], ["tables", "delete"],
    ["seed"], ["verify"], ["users"], ["users", "create"], ["users", "show"], ["users", "list"],
    ["accounts"], ["accounts", "create"], ["accounts", "list"], ["accounts", "show"],
    ["positions"], ["positions", "set"], ["positions", "list"], ["history"], ["value"],
    ["prices"], ["prices", "update"], ["prices", "history"], ["prices", "import"],
    ["instruments", "list"], ["instruments", "show"], ["instruments", "search"],
    ["jobs"], ["jobs", "create"], ["jobs", "list"], ["jobs", "show"], ["demo"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "alexdb")
def test_help_has_an_example(command):
    result = subprocess.run([BIN, *command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Example" in result.stdout


def test_unknown_command_is_a_usage_error():
    result = subprocess.run([BIN, "frobnicate"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "frobnicate" in result.stderr


# ---- tables, seed, verify --------------------------------------------------------------

def test_tables_create_is_idempotent_and_describe_matches_code(cli):
    created = cli.json("tables", "create")
    assert [t["created"] for t in created] == [False, False]
    described = cli.json("tables", "describe")
    assert all(t["exists"] and t["matches_code"] and t["status"] == "ACTIVE" for t in described)
    users = described[0]
    assert users["partition_key"] == {"name": "PK", "type": "S"}
    assert users["global_indexes"][0]["name"] == "GSI1"


def test_tables_describe_labels_dynamodbs_item_count_approximate(cli):
    instruments = cli.json("tables", "describe")[1]
    text = cli.ok("tables", "describe")
    if cli.engine == "sqlite":  # the embedded engine counts: 22 instruments, their closes
        assert instruments["item_count_exact"] is True
        assert int(instruments["item_count"]) >= 22
        assert "~" not in text and "approximate" not in text
    else:  # DynamoDB's ItemCount is refreshed by AWS about every 6 hours
        assert instruments["item_count_exact"] is False
        assert f"~{instruments['item_count']} (approximate)" in text
        assert "AWS updates about every 6 hours" in text


def test_tables_delete_needs_yes(cli):
    result = cli.run("tables", "delete")
    assert result.returncode == 2
    assert "--yes" in result.stderr
    assert all(t["exists"] for t in cli.json("tables", "describe"))


def test_seed_loads_22_instruments_with_synthetic_closes_and_is_idempotent(cli):
    instruments = cli.json("instruments", "list")
    assert len(instruments) == 22
    spy = cli.json("prices", "history", "SPY")
    assert len(spy) == int(SEED_DAYS)
    assert spy[-1]["price"] == "450.25"
    assert spy[-1]["timestamp"] == f"{SEED_END}T21:00:00.000000Z"
    assert {p["source"] for p in spy} == {"synthetic"}
    again = cli.json("seed", "--days", SEED_DAYS, "--end", SEED_END, "--quiet")
    assert again["instruments"] == "22"
    assert cli.json("prices", "history", "SPY") == spy
    assert cli.json("instruments", "show", "spy")["current_price"] == "450.25"


def test_verify_passes_and_leaves_nothing_behind(cli):
    users_before = cli.json("users", "list")
    report = cli.json("verify")
    assert report["ok"] is True
    checks = {c["check"] for c in report["checks"]}
    assert {"tables", "instruments", "SPY", "integrity", "round trip"} <= checks
    assert cli.json("users", "list") == users_before


# ---- users, accounts, positions, history, value ----------------------------------------

def test_users_create_show_list(cli):
    user = f"ada-{uuid.uuid4().hex[:8]}"
    assert cli.json("users", "create", user, "--name", "Ada", "--years", "20",
                    "--asset-class-targets", "equity=60,fixed_income=40")["clerk_user_id"] == user
    shown = cli.json("users", "show", user)
    assert shown["display_name"] == "Ada"
    assert shown["years_until_retirement"] == "20"
    assert shown["asset_class_targets"] == {"equity": "60", "fixed_income": "40"}
    assert user in [u["clerk_user_id"] for u in cli.json("users", "list")]
    assert user in cli.ok("users", "list")
    missing = cli.run("users", "show", "nobody-" + user)
    assert missing.returncode == 1 and "not found" in missing.stderr


def test_accounts_create_list_show(cli):
    user, account = new_account(cli)
    shown = cli.json("accounts", "show", account)
    assert shown["clerk_user_id"] == user and shown["cash_balance"] == "0"
    second = cli.json("accounts", "create", "--user", user, "--name", "IRA", "--cash", "2500.50",
                      "--interest", "0.04")["id"]
    listed = cli.json("accounts", "list", "--user", user)
    assert {a["id"] for a in listed} == {account, second}
    assert cli.json("accounts", "show", second)["cash_balance"] == "2500.5"
    assert "IRA" in cli.ok("accounts", "list", "--user", user)


def test_positions_set_list_at_date_and_history(cli):
    _, account = new_account(cli)
    cli.ok("positions", "set", account, "SPY", "10", "--action", "BUY", "--at", "2025-01-10T15:00:00Z")
    cli.ok("positions", "set", account, "SPY", "25", "--action", "BUY", "--at", "2025-01-20T15:00:00Z")
    cli.ok("positions", "set", account, "BND", "40", "--action", "BUY", "--at", "2025-01-12T15:00:00Z")
    now = cli.json("positions", "list", account)
    assert [(p["symbol"], p["quantity"]) for p in now] == [("BND", "40"), ("SPY", "25")]
    at = cli.json("positions", "list", account, "--at", "2025-01-15")
    assert [(p["symbol"], p["quantity"]) for p in at] == [("BND", "40"), ("SPY", "10")]
    assert cli.json("positions", "list", account, "--at", "2025-01-05") == []
    history = cli.json("history", account, "SPY")
    assert [(h["quantity"], h["previous_quantity"], h["action"]) for h in history] == [
        ("10", "0", "BUY"), ("25", "10", "BUY")]
    assert len(cli.json("history", account)) == 3
    assert len(cli.json("history", account, "SPY", "--from", "2025-01-15")) == 1
    table = cli.ok("history", account)
    assert "SYMBOL" in table and "BND" in table


def price_at(cli, symbol, date):
    closes = [p for p in cli.json("prices", "history", symbol, "--to", date)]
    return Decimal(closes[-1]["price"])


def test_value_at_date_is_quantity_times_last_price(cli):
    _, account = new_account(cli)
    cli.ok("positions", "set", account, "SPY", "10", "--action", "BUY", "--at", "2025-01-10T15:00:00Z")
    cli.ok("positions", "set", account, "QQQ", "3.5", "--action", "BUY", "--at", "2025-01-11T15:00:00Z")
    value = cli.json("value", account, "--at", "2025-01-15")
    expected = 10 * price_at(cli, "SPY", "2025-01-15") + Decimal("3.5") * price_at(cli, "QQQ", "2025-01-15")
    assert Decimal(value["total_value"]) == expected
    assert value["num_positions"] == "2"
    assert value["missing_prices"] == []
    series = cli.json("value", account, "--from", "2025-01-13", "--to", "2025-01-16", "--step", "daily")
    assert len(series) == 4
    assert [s for s in series if s["as_of_date"].startswith("2025-01-15")][0]["total_value"] == value["total_value"]
    assert "total" in cli.ok("value", account, "--at", "2025-01-15")
    current = cli.json("value", account)
    assert Decimal(current["total_value"]) == 10 * Decimal("450.25") + Decimal("3.5") * Decimal("385.50")


def test_value_before_any_price_lists_missing(cli):
    _, account = new_account(cli)
    cli.ok("positions", "set", account, "SPY", "10", "--action", "BUY", "--at", "2024-06-01T15:00:00Z")
    value = cli.json("value", account, "--at", "2024-06-02")
    assert value["total_value"] == "0"
    assert [m["symbol"] for m in value["missing_prices"]] == ["SPY"]


def scenario_value(engine, tmp_path):
    """The same data on an engine; returns value --at 2025-01-15 without the account id."""
    c = make_cli(engine, tmp_path)
    try:
        c.ok("seed", "--days", SEED_DAYS, "--end", SEED_END, "--quiet")
        c.ok("users", "create", "same-user", "--name", "Same")
        account = c.json("accounts", "create", "--user", "same-user", "--name", "Main")["id"]
        for symbol, quantity, when in [("SPY", "12", "2025-01-02T15:00:00Z"), ("BND", "100", "2025-01-03T15:00:00Z"),
                                       ("SPY", "20.25", "2025-01-09T15:00:00Z"), ("GLD", "0", "2025-01-10T15:00:00Z"),
                                       ("VXUS", "33", "2025-01-15T20:59:59Z")]:
            c.ok("positions", "set", account, symbol, quantity, "--action", "BUY", "--at", when)
        value = c.json("value", account, "--at", "2025-01-15")
        del value["account_id"]
        return value
    finally:
        if engine != "sqlite":
            c.run("tables", "delete", "--yes")


@pytest.mark.skipif(not ENDPOINT, reason="ALEXDB_TEST_DYNAMODB_ENDPOINT is not set")
def test_value_at_date_is_the_same_on_both_engines(tmp_path):
    embedded = scenario_value("sqlite", tmp_path)
    dynamo = scenario_value("dynalite", tmp_path)
    assert embedded == dynamo
    assert Decimal(embedded["total_value"]) > 0


# ---- prices ----------------------------------------------------------------------------

def test_prices_update_moves_current_price(cli):
    stamp = cli.json("prices", "update", "VTI", "240.10", "--volume", "1000", "--at", "2025-02-01T21:00:00Z")
    assert stamp["timestamp"] == "2025-02-01T21:00:00.000000Z"
    assert cli.json("instruments", "show", "VTI")["current_price"] == "240.1"
    last = cli.json("prices", "history", "VTI", "--from", "2025-02-01")
    assert [(p["price"], p["volume"], p["source"]) for p in last] == [("240.1", "1000", "manual")]


def test_prices_import_loads_a_good_file(cli, tmp_path):
    path = tmp_path / "good.csv"
    path.write_text("symbol,date,price,volume\nXLE,2025-02-03,90.10,5000\nxle,2025-02-04,91.00,\n"
                    "XLF,2025-02-03T21:00:00Z,40.5\n")
    result = cli.json("prices", "import", str(path))
    assert result["imported"] == "3" and result["symbols"] == ["XLE", "XLF"]
    xle = cli.json("prices", "history", "XLE", "--from", "2025-02-03")
    assert [(p["timestamp"], p["price"]) for p in xle] == [
        ("2025-02-03T21:00:00.000000Z", "90.1"), ("2025-02-04T21:00:00.000000Z", "91")]
    assert xle[0]["source"] == "import"


def test_prices_import_rejects_bad_rows_with_line_and_field_and_loads_nothing(cli, tmp_path):
    before = cli.json("prices", "history", "XLK")
    path = tmp_path / "bad.csv"
    path.write_text("symbol,timestamp,price,volume\n"
                    "XLK,2025-02-05,200.00,10\n"
                    "XLK,2025-02-06,abc,10\n"
                    "NOSUCH,2025-02-06,1.00\n"
                    "XLK,2025-13-40,1.00\n"
                    "XLK,2025-02-07,5,-3\n"
                    "XLK,2025-02-05,201.00\n")
    result = cli.run("prices", "import", str(path))
    assert result.returncode == 2
    for expected in ["bad.csv:3: price", "bad.csv:5: timestamp", "bad.csv:6: volume",
                     "bad.csv:7: timestamp: duplicate of line 2", "nothing imported"]:
        assert expected in result.stderr, result.stderr
    assert cli.json("prices", "history", "XLK") == before
    # Unknown symbols are found in the same round as bad fields.
    assert "bad.csv:4: symbol: no instrument NOSUCH" in result.stderr, result.stderr
    path.write_text("symbol,date,price\nXLK,2025-02-05,200\nNOSUCH,2025-02-06,1.00\n")
    result = cli.run("prices", "import", str(path))
    assert result.returncode == 2 and "bad.csv:3: symbol: no instrument NOSUCH" in result.stderr
    assert cli.json("prices", "history", "XLK") == before
    # A fractional volume breaks the library's rule: found by the check, not mid-load.
    path.write_text("symbol,date,price,volume\nXLK,2025-02-05,200,1\nXLK,2025-02-06,201,1.5\n")
    result = cli.run("prices", "import", str(path), "--json")
    assert result.returncode == 2 and "bad.csv:3: volume" in result.stderr
    assert json.loads(result.stdout)["errors"] == [
        {"line": "3", "field": "volume", "message": "a whole number >= 0 (got '1.5')"}]
    assert cli.json("prices", "history", "XLK") == before


def test_prices_import_accepts_a_utf8_byte_order_mark(cli, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfsymbol,date,price\r\nGLD,2025-02-10,70.25\r\n")
    assert cli.json("prices", "import", str(path))["imported"] == "1"
    prices = cli.json("prices", "history", "GLD", "--from", "2025-02-10")
    assert [p["price"] for p in prices] == ["70.25"]


def test_prices_import_rejects_a_bad_header(cli, tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("ticker,when,close\nSPY,2025-01-01,1\n")
    result = cli.run("prices", "import", str(path))
    assert result.returncode == 2 and "header.csv:1: header" in result.stderr


# ---- large price files stream ------------------------------------------------------------

BIG_ROWS = 550_000  # about 23 MB of CSV
# More good rows than the import holds duplicate keys for at once (kMaxDuplicateKeys,
# 2**20), so it finds duplicates in several passes; about 47 MB.
HUGE_ROWS = 1_100_000
MEMORY_BUDGET_KB = 64 * 1024


def run_measured(cli, tmp_path, *args):
    """Runs the binary; returns (exit code, stdout, stderr, its peak resident set in KiB)."""
    out_path, err_path = tmp_path / "measured.out", tmp_path / "measured.err"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        process = subprocess.Popen([BIN, *cli.flags, *args], stdout=out, stderr=err, cwd=cli.cwd)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, out_path.read_text(), err_path.read_text(), usage.ru_maxrss


def write_price_file(path, symbols, rows, extra_lines=()):
    """`rows` hourly prices cycling through `symbols` from 2000 on (no two alike)."""
    start = datetime(2000, 1, 1, tzinfo=timezone.utc)
    with open(path, "w") as f:
        f.write("symbol,timestamp,price,volume\n")
        for i in range(rows):
            at = start + timedelta(hours=i // len(symbols))
            f.write(f"{symbols[i % len(symbols)]},{at:%Y-%m-%dT%H:%M:%SZ},{100 + i % 997}.25,{i}\n")
        for line in extra_lines:
            f.write(line + "\n")


def test_prices_import_streams_a_large_file_in_bounded_memory(tmp_path):
    c = make_cli("sqlite", tmp_path)
    c.ok("seed", "--days", "2", "--end", SEED_END, "--quiet")
    symbols = sorted(i["symbol"] for i in c.json("instruments", "list"))
    small = tmp_path / "small.csv"
    write_price_file(small, symbols, 10)
    code, _, err, baseline_kb = run_measured(c, tmp_path, "prices", "import", str(small))
    assert code == 0, err
    spy_before = len(c.json("prices", "history", "SPY"))

    # Rejected: a bad last row, a duplicate of the first row and of one in the middle
    # (found by the passes over shares of the keys), all in one round.
    huge = tmp_path / "huge.csv"
    middle = 700_001  # the line of row 699,999
    middle_at = datetime(2000, 1, 1) + timedelta(hours=(middle - 2) // len(symbols))
    write_price_file(huge, symbols, HUGE_ROWS, extra_lines=[
        "SPY,2025-01-02,not-a-price,1",
        f"{symbols[0]},2000-01-01T00:00:00Z,1,1",
        f"{symbols[(middle - 2) % len(symbols)]},{middle_at:%Y-%m-%dT%H:%M:%S},2,2"])
    assert huge.stat().st_size > 40_000_000
    code, out, err, peak_kb = run_measured(c, tmp_path, "prices", "import", str(huge))
    assert code == 2, err[-2000:]
    last = HUGE_ROWS + 1
    for expected in [f"huge.csv:{last + 1}: price",
                     f"huge.csv:{last + 2}: timestamp: duplicate of line 2 ",
                     f"huge.csv:{last + 3}: timestamp: duplicate of line {middle} ",
                     "3 bad row(s)"]:
        assert expected in err, (expected, err[-2000:])
    assert peak_kb - baseline_kb < MEMORY_BUDGET_KB, (peak_kb, baseline_kb)
    assert len(c.json("prices", "history", "SPY")) == spy_before, "nothing written"
    huge.unlink()

    big = tmp_path / "big.csv"
    write_price_file(big, symbols, BIG_ROWS)
    assert big.stat().st_size > 20_000_000
    code, out, err, peak_kb = run_measured(c, tmp_path, "prices", "import", str(big), "--json")
    assert code == 0, err[-2000:]
    assert json.loads(out)["imported"] == str(BIG_ROWS)
    assert peak_kb - baseline_kb < MEMORY_BUDGET_KB, (peak_kb, baseline_kb)
    history = c.json("prices", "history", symbols[0], "--to", "2025-01-01")
    assert len(history) == BIG_ROWS // len(symbols)
    assert history[-1]["source"] == "import"


# ---- jobs ------------------------------------------------------------------------------

def test_jobs_create_list_show(cli):
    user, _ = new_account(cli)
    job = cli.json("jobs", "create", "--user", user, "--type", "portfolio_analysis",
                   "--payload", '{"depth": 2, "note": "x"}')["id"]
    shown = cli.json("jobs", "show", job)
    assert shown["status"] == "pending" and shown["request_payload"] == {"depth": "2", "note": "x"}
    assert [j["id"] for j in cli.json("jobs", "list", "--user", user)] == [job]
    assert [j["id"] for j in cli.json("jobs", "list", "--user", user, "--status", "pending")] == [job]
    assert cli.json("jobs", "list", "--user", user, "--status", "completed") == []
    assert job in [j["id"] for j in cli.json("jobs", "list")]
    assert cli.run("jobs", "show", "no-such-job").returncode == 1


def test_jobs_payload_numbers_are_kept_exactly(cli):
    user, _ = new_account(cli)
    payload = ('{"a": 123.456789012345678901, "b": 18446744073709551617, "c": 1e-130,'
               ' "list": [1, -2.50, 1E5, 0.1], "big": 99999999999999999999999999999999999999}')
    job = cli.json("jobs", "create", "--user", user, "--type", "portfolio_analysis",
                   "--payload", payload)["id"]
    assert cli.json("jobs", "show", job)["request_payload"] == {
        "a": "123.456789012345678901", "b": "18446744073709551617", "c": "0." + "0" * 129 + "1",
        "list": ["1", "-2.5", "100000", "0.1"], "big": "9" * 38}


def test_jobs_payload_outside_dynamodb_range_is_refused_naming_the_field(cli):
    user, _ = new_account(cli)
    before = cli.json("jobs", "list", "--user", user)
    cases = [('{"a": 1, "c": 1e-400}', "payload.c: magnitude"),
             ('{"huge": 1e126}', "payload.huge: magnitude"),
             ('{"l": [1, 2, 123456789012345678901234567890123456789]}', "payload.l[2]: at most 38"),
             ('{"deep": ' + "[" * 40 + "]" * 40 + "}", "nesting at most 32 levels"),
             ("[" * 60_000 + "]" * 60_000, "nesting at most 32 levels")]
    for payload, expected in cases:
        result = cli.run("jobs", "create", "--user", user, "--type", "portfolio_analysis",
                         "--payload", payload)
        assert result.returncode == 2, (payload[:60], result.returncode, result.stderr)
        assert expected in result.stderr, result.stderr
        assert result.stdout == ""
    assert cli.json("jobs", "list", "--user", user) == before


def test_ranges_whose_start_is_after_their_end_name_the_flags(cli):
    _, account = new_account(cli)
    cli.ok("positions", "set", account, "SPY", "10", "--action", "BUY", "--at", "2025-01-10T15:00:00Z")
    for args in (["history", account, "SPY"], ["history", account], ["prices", "history", "SPY"],
                 ["value", account]):
        result = cli.run(*args, "--from", "2025-01-20", "--to", "2025-01-10")
        assert result.returncode == 2, (args, result.stderr)
        assert "--from: must not be after --to" in result.stderr, (args, result.stderr)
        assert "BETWEEN" not in result.stderr
    one_day = cli.json("history", account, "SPY", "--from", "2025-01-10", "--to", "2025-01-10")
    assert len(one_day) == 1


# ---- bad arguments change nothing ------------------------------------------------------

def test_bad_arguments_give_clear_errors_and_change_nothing(cli):
    user, account = new_account(cli)
    users_before = cli.json("users", "list")
    history_before = cli.json("history", account)
    cases = [
        (["positions", "set", account, "SPY", "-5"], "quantity"),
        (["positions", "set", account, "SPY", "abc"], "quantity"),
        (["positions", "set", account, "BAD#SYM", "5"], "symbol"),
        (["positions", "set", account, "SPY", "5", "--action", "STEAL"], "--action"),
        (["users", "create", "bad#id", "--name", "X"], "clerk_user_id"),
        (["users", "create", "someone", "--name", "X", "--years", "500"], "years"),
        (["accounts", "create", "--name", "X"], "--user"),
        (["value", account, "--at", "2025-99-01"], "--at"),
        (["value", account, "--at", "2025-01-01", "--from", "2025-01-01", "--to", "2025-01-02"], "--at"),
        (["jobs", "create", "--user", user, "--type", "nonsense"], "--type"),
        (["jobs", "create", "--user", user, "--type", "portfolio_analysis", "--payload", "{bad"], "--payload"),
        (["seed", "--days", "0"], "--days"),
    ]
    for args, field in cases:
        result = cli.run(*args)
        assert result.returncode != 0, args
        assert result.stderr.strip(), args
        assert field.lower() in result.stderr.lower(), (args, result.stderr)
        assert result.stdout == "", args
    assert cli.json("users", "list") == users_before
    assert cli.json("history", account) == history_before


# ---- time rules and ids (SPEC section 9) -----------------------------------------------

def test_an_empty_date_is_an_error_never_now(cli):
    _, account = new_account(cli)
    cli.ok("positions", "set", account, "SPY", "1", "--action", "BUY", "--at", "2025-01-06T15:00:00Z")
    history_before = cli.json("history", account)
    spy_before = cli.json("prices", "history", "SPY")
    for args in (["positions", "set", account, "SPY", "5", "--at", ""],
                 ["prices", "update", "SPY", "1.00", "--at", ""],
                 ["positions", "list", account, "--at", ""],
                 ["value", account, "--at", ""],
                 ["value", account, "--from", "", "--to", "2025-01-10"],
                 ["history", account, "--from", ""],
                 ["prices", "history", "SPY", "--to", ""],
                 ["seed", "--days", "1", "--end", ""]):
        result = cli.run(*args)
        flag = args[args.index("") - 1]
        assert result.returncode == 2, (args, result.stderr)
        assert f"error: {flag}: " in result.stderr and "empty" in result.stderr, (args, result.stderr)
        assert result.stdout == "", args
    assert cli.json("history", account) == history_before
    assert cli.json("prices", "history", "SPY") == spy_before


def test_a_bare_date_is_the_close_in_changes_and_prices_and_the_end_of_day_in_questions(cli, tmp_path):
    _, account = new_account(cli)
    cli.ok("positions", "set", account, "XLV", "5", "--action", "BUY", "--at", "2025-02-10")
    assert [h["timestamp"] for h in cli.json("history", account, "XLV")] == ["2025-02-10T21:00:00.000000Z"]
    assert cli.json("prices", "update", "XLV", "150.5", "--at", "2025-02-11")["timestamp"] == \
        "2025-02-11T21:00:00.000000Z"
    path = tmp_path / "dates.csv"
    path.write_text("symbol,date,price\nXLV,2025-02-12,151\n")
    cli.ok("prices", "import", str(path))
    prices = cli.json("prices", "history", "XLV", "--from", "2025-02-11", "--to", "2025-02-12")
    assert [p["timestamp"] for p in prices] == ["2025-02-11T21:00:00.000000Z", "2025-02-12T21:00:00.000000Z"]
    # A question about a date means the end of that day: the day's trade and close count.
    assert [p["symbol"] for p in cli.json("positions", "list", account, "--at", "2025-02-10")] == ["XLV"]
    value = cli.json("value", account, "--at", "2025-02-11")
    assert value["as_of_date"] == "2025-02-11T23:59:59.999999Z"
    assert Decimal(value["total_value"]) == 5 * Decimal("150.5")


def test_changes_and_prices_dated_after_tomorrow_are_refused(cli, tmp_path):
    _, account = new_account(cli)
    history_before = cli.json("history", account)
    spy_before = cli.json("prices", "history", "SPY")
    for args in (["positions", "set", account, "SPY", "5", "--at", "2205-01-15T14:30:00Z"],
                 ["positions", "set", account, "SPY", "5", "--at", "9999-12-31T23:59:59.999999Z"],
                 ["prices", "update", "SPY", "1.00", "--at", "9999-12-31"]):
        result = cli.run(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "error: --at: not later than now + 1 day" in result.stderr, (args, result.stderr)
    result = cli.run("positions", "set", account, "SPY", "5", "--at", "10000-01-01T00:00:00Z")
    assert result.returncode == 2 and "error: --at: " in result.stderr, result.stderr
    path = tmp_path / "future.csv"
    path.write_text("symbol,date,price\nSPY,2025-01-02,1\nSPY,2205-01-01,2\n")
    result = cli.run("prices", "import", str(path))
    assert result.returncode == 2
    assert "future.csv:3: timestamp: not later than now + 1 day" in result.stderr, result.stderr
    assert cli.json("history", account) == history_before
    assert cli.json("prices", "history", "SPY") == spy_before


def test_seed_writes_no_close_after_now(tmp_path):
    c = make_cli("sqlite", tmp_path)
    c.ok("seed", "--days", "3", "--quiet")
    now = datetime.now(timezone.utc)
    closes = [p["timestamp"] for p in c.json("prices", "history", "SPY")]
    assert len(closes) == 3
    stamp = "%Y-%m-%dT%H:%M:%S.%fZ"
    assert closes[-1] <= now.strftime(stamp), closes  # the last close before now
    assert closes[-1] > (now - timedelta(days=1)).strftime(stamp), closes
    tomorrow = (now + timedelta(days=1)).date().isoformat()
    result = c.run("seed", "--days", "3", "--end", tomorrow, "--quiet")
    assert result.returncode == 2 and "error: --end: " in result.stderr, result.stderr
    assert [p["timestamp"] for p in c.json("prices", "history", "SPY")] == closes


@pytest.mark.parametrize("command,meaning", [
    (["positions", "set"], "21:00 UTC"), (["prices", "update"], "21:00 UTC"),
    (["prices", "import"], "21:00 UTC"), (["positions", "list"], "23:59:59.999999 UTC"),
    (["value"], "23:59:59.999999 UTC"), (["history"], "00:00 UTC"),
    (["prices", "history"], "23:59:59.999999 UTC"), (["seed"], "21:00 UTC"),
], ids=lambda c: " ".join(c) if isinstance(c, list) else c)
def test_help_states_what_a_bare_date_means(command, meaning):
    result = subprocess.run([BIN, *command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and meaning in " ".join(result.stdout.split()), result.stdout


def test_ids_refuse_unicode_spaces_and_invisible_characters_and_count_characters(cli):
    for bad in ["a\u3000b", "a\u200bb", "a\u202eb", "a\u00a0b", "a\u2028b", "a\u0085b", "\u00e9" * 129]:
        result = cli.run("users", "create", bad, "--name", "X")
        assert result.returncode == 2 and "error: clerk_user_id: " in result.stderr, (bad, result.stderr)
    accented = "\u00e9" * 65  # 130 bytes, 65 characters
    cli.ok("users", "create", accented, "--name", "\u00e9" * 256)
    assert cli.json("users", "show", accented)["clerk_user_id"] == accented


# ---- configuration ---------------------------------------------------------------------

def test_store_comes_from_dotenv_when_no_flag(tmp_path):
    (tmp_path / ".env").write_text(f"ALEXDB_STORE=sqlite:{tmp_path / 'from-env.db'}\n")
    result = subprocess.run([BIN, "tables", "create", "--json"], capture_output=True, text=True,
                            cwd=tmp_path, env={k: v for k, v in os.environ.items()
                                               if k not in ("ALEXDB_STORE", "DYNAMODB_ENDPOINT",
                                                            "AWS_ENDPOINT_URL_DYNAMODB")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "from-env.db").exists()


@pytest.mark.parametrize("flags,env,named", [
    ([], {".env": "dir"}, ".env"),
    (["--endpoint", "http://host:99999"], {}, "--endpoint"),
    ([], {"DYNAMODB_ENDPOINT": "http//x"}, "DYNAMODB_ENDPOINT"),
    ([], {"AWS_ENDPOINT_URL_DYNAMODB": "http://"}, "AWS_ENDPOINT_URL_DYNAMODB"),
    (["--store", "ftp://x"], {}, "--store"),
    (["--store", "memory:", "--users-table", "t", "--instruments-table", "t"], {},
     "DYNAMODB_INSTRUMENTS_TABLE"),
    (["--store", "sqlite:missing/alex.db"], {}, "ALEXDB_STORE"),
])
def test_configuration_errors_name_the_setting_and_exit_2(tmp_path, flags, env, named):
    clean = {k: v for k, v in os.environ.items()
             if k not in ("ALEXDB_STORE", "DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB")}
    if env.pop(".env", None):
        (tmp_path / ".env").mkdir()
    result = subprocess.run([BIN, *flags, "users", "list"], capture_output=True, text=True,
                            cwd=tmp_path, env={**clean, **env}, timeout=20)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("alexdb: error: ") and named in result.stderr
    assert not (tmp_path / "alex.db").exists()


class RepeatingKeyServer(http.server.BaseHTTPRequestHandler):
    """DynamoDB as a broken server answers: every page of the users table says "more
    from key K", always the same K; everything else is empty."""
    requests = 0

    def do_POST(self):
        RepeatingKeyServer.requests += 1
        op = self.headers["X-Amz-Target"].split(".")[-1]
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        s = lambda name: {"AttributeName": name, "AttributeType": "S"}
        k = lambda name, kind: {"AttributeName": name, "KeyType": kind}
        answer = {}
        if op == "DescribeTable" and body["TableName"] == "alex-users-data":
            answer = {"Table": {"TableName": "alex-users-data", "TableStatus": "ACTIVE",
                                "AttributeDefinitions": [s("PK"), s("SK"), s("GSI1PK"), s("GSI1SK")],
                                "KeySchema": [k("PK", "HASH"), k("SK", "RANGE")],
                                "GlobalSecondaryIndexes": [{
                                    "IndexName": "GSI1", "Projection": {"ProjectionType": "ALL"},
                                    "KeySchema": [k("GSI1PK", "HASH"), k("GSI1SK", "RANGE")]}]}}
        elif op == "DescribeTable":
            answer = {"Table": {"TableName": body["TableName"], "TableStatus": "ACTIVE",
                                "AttributeDefinitions": [s("symbol"), s("SK")],
                                "KeySchema": [k("symbol", "HASH"), k("SK", "RANGE")]}}
        elif op in ("Scan", "Query"):
            answer = {"Items": [], "Count": 0, "ScannedCount": 1}
            if body["TableName"] == "alex-users-data":
                answer["LastEvaluatedKey"] = {"PK": {"S": "USER#u"}, "SK": {"S": "METADATA"}}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("command", [["users", "list"], ["verify"]])
def test_a_server_repeating_its_continuation_key_is_an_error_not_a_loop(tmp_path, command):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RepeatingKeyServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    RepeatingKeyServer.requests = 0
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "alexdb-test", "AWS_SECRET_ACCESS_KEY": "x",
           "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"}
    try:
        result = subprocess.run(
            [BIN, "--endpoint", f"http://127.0.0.1:{server.server_address[1]}", *command],
            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    finally:
        server.shutdown()
    assert result.returncode == 1, result.stderr + result.stdout
    assert "alex-users-data: the server repeated a continuation key" in result.stderr
    assert RepeatingKeyServer.requests < 20


# ---- demo ------------------------------------------------------------------------------

def test_demo_runs_end_to_end_on_a_temporary_store(tmp_path):
    result = subprocess.run([BIN, "demo"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr + result.stdout
    out = result.stdout
    assert "verify: OK" in out
    assert "time travel" in out and "(today)" in out
    assert "█" in out
    # The ledger section: realized gains by each method, and the cash.
    ledger = out[out.index("6. the ledger of Brokerage"):]
    assert "a 2-for-1 split of XLK" in ledger
    for method in ("fifo", "lifo", "hifo", "average"):
        assert f"\n  {method} " in ledger
    assert "cash: " in ledger
    # Returns against SPY and the allocation at two dates, as bars.
    performance = out[out.index("7. returns of Brokerage"):]
    assert "time-weighted " in performance and "money-weighted " in performance
    assert "(SPY " in performance and "not told" not in performance
    assert "allocation by asset class" in performance and "\n  equity " in performance
    assert "%\n" in performance and "█" in performance
    assert not (tmp_path / "alex.db").exists()


def test_verbose_says_which_store_and_tables_are_open(tmp_path):
    store = f"sqlite:{tmp_path / 'alex.db'}"
    cli = Cli(["--store", store], tmp_path)
    cli.ok("tables", "create")
    quiet = cli.run("users", "list")
    assert quiet.returncode == 0 and "opened" not in quiet.stderr
    loud = cli.run("--verbose", "users", "list")
    assert loud.returncode == 0, loud.stderr
    assert f"alexdb: opened {store} (tables alex-users-data, alex-instruments)" in loud.stderr
    assert "opened" not in loud.stdout  # stdout stays the command's output


def test_the_reference_environment_selects_dynamodb_not_a_local_file(tmp_path):
    # The reference package's settings (a table name, no endpoint) outside Lambda name
    # DynamoDB (SPEC section 10). Without credentials (and with instance metadata
    # disabled, so nothing leaves the machine) opening fails saying so; no alex.db.
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path),
           "DYNAMODB_USERS_TABLE": "alex-users-data", "AWS_EC2_METADATA_DISABLED": "true"}
    result = subprocess.run([BIN, "--verbose", "users", "list"], capture_output=True,
                            text=True, cwd=tmp_path, env=env, timeout=20)
    assert result.returncode == 1, result.stderr
    assert "no AWS credentials found" in result.stderr
    assert not (tmp_path / "alex.db").exists()
