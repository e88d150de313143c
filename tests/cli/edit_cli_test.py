"""`alexdb` update and delete commands: every record kind editable from the shell.

Each command's success path, a bad input (the error names the field in the form
`alexdb: error: FIELD: rule` and the stored data stays as it was) and the records that
reference others (an account's owner, a user's accounts), on the embedded engine and,
when ALEXDB_TEST_DYNAMODB_ENDPOINT is set, on dynalite.

Run: ALEXDB_BIN=build/tools/alexdb/alexdb /usr/bin/python3 -m pytest tests/cli/edit_cli_test.py
"""
import os
import subprocess
import sys
import uuid

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from cli_test import BIN, SEED_END, engines, make_cli  # noqa: E402  (the shared runner)

NEW_COMMANDS = [
    ["users", "update"], ["users", "delete"], ["accounts", "update"], ["accounts", "delete"],
    ["instruments", "create"], ["instruments", "update"], ["instruments", "delete"],
    ["jobs", "update"], ["jobs", "status"], ["jobs", "delete"], ["prices", "delete"],
]


@pytest.fixture(scope="module", params=engines())
def cli(request, tmp_path_factory):
    c = make_cli(request.param, tmp_path_factory.mktemp("edit-" + request.param))
    c.engine = request.param
    c.ok("seed", "--days", "2", "--end", SEED_END, "--quiet")  # verify wants the instruments
    yield c
    c.run("tables", "delete", "--yes")


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def new_user(cli):
    user = unique("user")
    cli.ok("users", "create", user, "--name", "Edit Test")
    return user


def new_instrument(cli, symbol=None):
    symbol = symbol or unique("I").upper().replace("-", "")[:12]
    cli.ok("instruments", "create", symbol, "--name", f"{symbol} fund", "--type", "etf",
           "--regions", "north_america=100", "--sectors", "technology=100",
           "--asset-classes", "equity=100")
    return symbol


def failed(result, code, field):
    """The command failed with `code` and an error in the documented form naming `field`."""
    assert result.returncode == code, result.stderr + result.stdout
    assert f"alexdb: error: {field}: " in result.stderr, result.stderr
    return result.stderr


def verify_ok(cli):
    report = cli.json("verify")
    assert report["ok"], report


@pytest.mark.parametrize("command", NEW_COMMANDS, ids=" ".join)
def test_help_has_an_example(command):
    result = subprocess.run([BIN, *command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Example" in result.stdout


# ---- users -----------------------------------------------------------------------------

def test_users_update_changes_only_the_fields_given(cli):
    user = new_user(cli)
    out = cli.json("users", "update", user, "--years", "20", "--asset-class-targets",
                   "equity=60", "--asset-class-targets", '{"fixed_income": 40}')
    assert out == {"clerk_user_id": user, "updated": "1"}
    shown = cli.json("users", "show", user)
    assert shown["years_until_retirement"] == "20"
    assert shown["asset_class_targets"] == {"equity": "60", "fixed_income": "40"}
    assert shown["display_name"] == "Edit Test"
    assert cli.ok("users", "update", user, "--name", "Renamed") == f"updated user {user}\n"
    assert cli.json("users", "show", user)["display_name"] == "Renamed"


def test_users_update_bad_input_names_the_field_and_changes_nothing(cli):
    user = new_user(cli)
    before = cli.json("users", "show", user)
    failed(cli.run("users", "update", user, "--years", "101"), 2, "years_until_retirement")
    failed(cli.run("users", "update", user, "--region-targets", "mars=100"), 2, "region_targets.mars")
    failed(cli.run("users", "update", user, "--asset-class-targets", "[1]"), 2,
           "--asset-class-targets")
    failed(cli.run("users", "update", user), 2, "users update")
    assert cli.json("users", "show", user) == before
    missing = cli.run("users", "update", "nobody-" + user, "--years", "3")
    assert missing.returncode == 1 and "not found" in missing.stderr


def test_users_delete_refuses_while_the_user_owns_records_unless_cascade(cli):
    user = new_user(cli)
    account = cli.json("accounts", "create", "--user", user, "--name", "Main")["id"]
    job = cli.json("jobs", "create", "--user", user, "--type", "portfolio_analysis")["id"]
    err = failed(cli.run("users", "delete", user), 1, "clerk_user_id")
    assert "1 account(s) and 1 job(s)" in err and "--cascade" in err
    assert cli.json("users", "show", user)["clerk_user_id"] == user
    assert cli.json("accounts", "show", account)["id"] == account

    out = cli.json("users", "delete", user, "--cascade")
    assert out["clerk_user_id"] == user and int(out["deleted"]) >= 5  # user, 2+1 account, 2 job
    for kind, key in (("users", user), ("accounts", account), ("jobs", job)):
        assert cli.run(kind, "show", key).returncode == 1
    lonely = new_user(cli)
    assert cli.ok("users", "delete", lonely) == f"deleted user {lonely}\n"
    assert cli.run("users", "delete", lonely).returncode == 1  # gone: not found
    verify_ok(cli)


# ---- accounts --------------------------------------------------------------------------

def test_accounts_create_for_an_unknown_user_is_refused_or_creates_it(cli):
    nobody = unique("nobody")
    before = cli.json("accounts", "list")
    err = failed(cli.run("accounts", "create", "--user", nobody, "--name", "Orphan"), 2,
                 "clerk_user_id")
    assert nobody in err
    assert cli.json("accounts", "list") == before
    assert cli.run("users", "show", nobody).returncode == 1
    verify_ok(cli)

    created = cli.json("accounts", "create", "--user", nobody, "--name", "Main", "--create-user")
    assert cli.json("users", "show", nobody)["clerk_user_id"] == nobody
    assert [a["id"] for a in cli.json("accounts", "list", "--user", nobody)] == [created["id"]]
    # An existing owner with --create-user: the account goes under it.
    second = cli.json("accounts", "create", "--user", nobody, "--name", "Second", "--create-user")
    assert len(cli.json("accounts", "list", "--user", nobody)) == 2 and second["id"]
    verify_ok(cli)


def test_accounts_update_and_bad_input(cli):
    user = new_user(cli)
    account = cli.json("accounts", "create", "--user", user, "--name", "Main", "--purpose", "x")["id"]
    assert cli.json("accounts", "update", account, "--cash", "2500.50", "--no-purpose") == {
        "id": account, "updated": "1"}
    shown = cli.json("accounts", "show", account)
    assert shown["cash_balance"] == "2500.5" and shown["account_purpose"] is None
    assert shown["account_name"] == "Main"
    listed = cli.json("accounts", "list", "--user", user)
    assert listed[0]["cash_balance"] == "2500.5", "the copy under the owner follows"

    failed(cli.run("accounts", "update", account, "--interest", "2"), 2, "cash_interest")
    failed(cli.run("accounts", "update", account, "--cash", "abc"), 2, "--cash")
    failed(cli.run("accounts", "update", account, "--purpose", "p", "--no-purpose"), 2,
           "--no-purpose")
    assert cli.json("accounts", "show", account) == shown
    assert cli.run("accounts", "update", str(uuid.uuid4()), "--cash", "1").returncode == 1


def test_accounts_delete_refuses_open_positions_unless_cascade(cli):
    symbol = new_instrument(cli)
    user = new_user(cli)
    account = cli.json("accounts", "create", "--user", user, "--name", "Main")["id"]
    cli.ok("positions", "set", account, symbol, "10")
    err = failed(cli.run("accounts", "delete", account), 1, "account_id")
    assert "1 open position(s)" in err
    assert len(cli.json("positions", "list", account)) == 1
    out = cli.json("accounts", "delete", account, "--cascade")
    assert out["id"] == account and int(out["deleted"]) >= 4  # CURRENT, HISTORY, 2 account
    assert cli.run("accounts", "show", account).returncode == 1
    assert cli.json("positions", "list", account) == []
    assert cli.json("accounts", "list", "--user", user) == []
    assert cli.run("accounts", "delete", account).returncode == 1
    verify_ok(cli)


# ---- instruments -----------------------------------------------------------------------

def test_instruments_create_with_options_or_json(cli):
    symbol = unique("n").upper().replace("-", "")[:10]
    out = cli.json("instruments", "create", symbol.lower(), "--name", "New Fund", "--type", "etf",
                   "--regions", "europe=60,asia=40", "--sectors",
                   '{"financials": 20.5, "industrials": 79.5}', "--asset-classes", "equity=90",
                   "--asset-classes", "cash=10", "--price", "12.345")
    assert out == {"symbol": symbol}
    shown = cli.json("instruments", "show", symbol)
    assert shown["allocation_regions"] == {"europe": "60", "asia": "40"}
    assert shown["allocation_sectors"] == {"financials": "20.5", "industrials": "79.5"}
    assert shown["allocation_asset_class"] == {"equity": "90", "cash": "10"}
    assert shown["current_price"] == "12.345"
    assert symbol in [i["symbol"] for i in cli.json("instruments", "list")]
    err = failed(cli.run("instruments", "create", symbol, "--name", "Again", "--type", "etf",
                         "--regions", "europe=100", "--sectors", "technology=100",
                         "--asset-classes", "equity=100"), 1, "symbol")
    assert "exists already" in err
    assert cli.json("instruments", "show", symbol)["name"] == "New Fund"


def test_instruments_create_bad_input_names_the_field_and_writes_nothing(cli):
    symbol = unique("b").upper().replace("-", "")[:10]
    base = ["instruments", "create", symbol, "--name", "Bad", "--sectors", "technology=100",
            "--asset-classes", "equity=100"]
    failed(cli.run(*base, "--type", "etf", "--regions", "europe=50"), 2, "allocation_regions")
    failed(cli.run(*base, "--type", "spaceship", "--regions", "europe=100"), 2, "instrument_type")
    failed(cli.run(*base, "--type", "etf", "--regions", "{bad json"), 2, "--regions")
    failed(cli.run(*base, "--type", "etf", "--regions", "europe"), 2, "--regions")
    assert cli.run("instruments", "show", symbol).returncode == 1


def test_instruments_update_and_delete(cli):
    symbol = new_instrument(cli)
    assert cli.json("instruments", "update", symbol, "--regions", "europe=55", "--regions",
                    "asia=45", "--name", "Renamed") == {"symbol": symbol, "updated": "1"}
    shown = cli.json("instruments", "show", symbol)
    assert shown["allocation_regions"] == {"europe": "55", "asia": "45"}
    assert shown["name"] == "Renamed" and shown["instrument_type"] == "etf"
    failed(cli.run("instruments", "update", symbol, "--type", "spaceship"), 2, "instrument_type")
    failed(cli.run("instruments", "update", symbol), 2, "instruments update")
    assert cli.json("instruments", "show", symbol) == shown
    assert cli.run("instruments", "update", "NOSUCH1", "--name", "x").returncode == 1

    cli.ok("prices", "update", symbol, "10", "--at", "2025-01-10")
    cli.ok("prices", "update", symbol, "11", "--at", "2025-01-11")
    out = cli.json("instruments", "delete", symbol)
    assert out == {"symbol": symbol, "deleted": "3"}
    assert cli.run("instruments", "show", symbol).returncode == 1
    assert cli.json("prices", "history", symbol) == []
    assert cli.run("instruments", "delete", symbol).returncode == 1
    verify_ok(cli)


# ---- jobs ------------------------------------------------------------------------------

def test_jobs_status_moves_a_job_through_its_states(cli):
    user = new_user(cli)
    job = cli.json("jobs", "create", "--user", user, "--type", "risk_assessment")["id"]
    assert cli.ok("jobs", "status", job, "running") == f"job {job} is running\n"
    running = cli.json("jobs", "show", job)
    assert running["status"] == "running" and running["started_at"]
    out = cli.json("jobs", "status", job, "failed", "--error", "timeout after 300s")
    assert out == {"id": job, "status": "failed", "updated": "1"}
    done = cli.json("jobs", "show", job)
    assert done["status"] == "failed" and done["error_message"] == "timeout after 300s"
    assert done["completed_at"]
    failed(cli.run("jobs", "status", job, "exploded"), 2, "status")
    assert cli.json("jobs", "show", job) == done
    assert cli.run("jobs", "status", str(uuid.uuid4()), "running").returncode == 1
    if cli.engine == "sqlite":  # GSI1 is eventually consistent on DynamoDB
        assert [j["id"] for j in cli.json("jobs", "list", "--user", user, "--status", "failed")] \
            == [job]


def test_jobs_update_payloads_exactly_and_delete(cli):
    user = new_user(cli)
    job = cli.json("jobs", "create", "--user", user, "--type", "portfolio_analysis")["id"]
    assert cli.json("jobs", "update", job, "--report", '{"score": 7.50000000000000000001}',
                    "--status", "completed") == {"id": job, "updated": "1"}
    shown = cli.json("jobs", "show", job)
    assert shown["report_payload"] == {"score": "7.50000000000000000001"}
    assert shown["status"] == "completed" and shown["completed_at"]
    failed(cli.run("jobs", "update", job, "--charts", "{not json"), 2, "--charts")
    failed(cli.run("jobs", "update", job, "--summary", '"text"'), 2, "summary_payload")
    failed(cli.run("jobs", "update", job), 2, "jobs update")
    assert cli.json("jobs", "show", job) == shown
    cli.ok("jobs", "update", job, "--report", "null")
    assert "report_payload" not in cli.json("jobs", "show", job) or \
        cli.json("jobs", "show", job)["report_payload"] is None

    out = cli.json("jobs", "delete", job)
    assert out == {"id": job, "deleted": "2"}
    assert cli.run("jobs", "show", job).returncode == 1
    assert cli.run("jobs", "delete", job).returncode == 1
    verify_ok(cli)


# ---- prices ----------------------------------------------------------------------------

def test_prices_delete_falls_back_to_the_newest_remaining(cli):
    symbol = new_instrument(cli)
    for day, price in (("2025-01-08", "100"), ("2025-01-09", "101"), ("2025-01-10", "102")):
        cli.ok("prices", "update", symbol, price, "--at", day)
    out = cli.json("prices", "delete", symbol, "--at", "2025-01-10")
    assert out == {"symbol": symbol, "deleted": "1", "current_price": "101",
                   "price_timestamp": "2025-01-09T21:00:00.000000Z"}
    shown = cli.json("instruments", "show", symbol)
    assert shown["current_price"] == "101"
    assert [p["price"] for p in cli.json("prices", "history", symbol)] == ["100", "101"]
    line = cli.ok("prices", "delete", symbol, "--at", "2025-01-08T21:00:00Z")
    assert line.startswith(f"deleted price of {symbol} at ") and "current price 101" in line
    assert cli.run("prices", "delete", symbol, "--at", "2025-01-08").returncode == 1
    failed(cli.run("prices", "delete", symbol, "--at", "2025-02-30"), 2, "--at")
    failed(cli.run("prices", "delete", symbol, "--at", ""), 2, "--at")
    assert [p["price"] for p in cli.json("prices", "history", symbol)] == ["101"]
    cli.ok("prices", "delete", symbol, "--at", "2025-01-09")
    assert cli.json("instruments", "show", symbol)["current_price"] is None
    verify_ok(cli)


def test_prices_update_at_a_recorded_time_corrects_it(cli):
    symbol = new_instrument(cli)
    cli.ok("prices", "update", symbol, "100", "--at", "2025-01-08")
    cli.ok("prices", "update", symbol, "105", "--at", "2025-01-09")
    cli.ok("prices", "update", symbol, "106", "--at", "2025-01-09", "--volume", "7")
    cli.ok("prices", "update", symbol, "99", "--at", "2025-01-08")
    history = cli.json("prices", "history", symbol)
    assert [(p["price"], p.get("volume")) for p in history] == [("99", None), ("106", "7")]
    assert cli.json("instruments", "show", symbol)["current_price"] == "106"
    verify_ok(cli)
