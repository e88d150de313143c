"""`alexdb --stats` and `alexdb cost`, run as a user runs them.

Run: ALEXDB_BIN=build/tools/alexdb/alexdb /usr/bin/python3 -m pytest tests/cli/capacity_cli_test.py
"""
import json
import os
import subprocess
from decimal import Decimal

import pytest

BIN = os.environ.get("ALEXDB_BIN", "build/tools/alexdb/alexdb")


def run(*args, cwd=None):
    return subprocess.run([BIN, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def ok(*args, cwd=None):
    result = run(*args, cwd=cwd)
    assert result.returncode == 0, f"{args}: {result.stderr}{result.stdout}"
    return result


# ---- --stats -----------------------------------------------------------------------------

def test_stats_prints_the_capacity_table_on_stderr_after_a_command(tmp_path):
    store = ["--store", f"sqlite:{tmp_path / 'alex.db'}"]
    ok(*store, "tables", "create")
    result = ok(*store, "--stats", "users", "create", "stats-user", "--name", "S")
    assert "capacity consumed" not in result.stdout
    lines = result.stderr.splitlines()
    assert any(line.startswith("alexdb: capacity consumed") for line in lines)
    header = next(line for line in lines if line.startswith("table"))
    assert "requests" in header and "read units" in header and "write units" in header
    total = next(line for line in lines if line.startswith("total")).split()
    assert int(total[1]) >= 1 and Decimal(total[3]) >= 1
    assert any(line.startswith("alex-users-data") for line in lines)


def test_stats_with_json_is_json_on_stderr_with_numbers_as_strings(tmp_path):
    store = ["--store", f"sqlite:{tmp_path / 'alex.db'}"]
    ok(*store, "tables", "create")
    ok(*store, "users", "create", "json-user", "--name", "J")
    result = ok(*store, "users", "show", "json-user", "--json", "--stats")
    json.loads(result.stdout)  # the command's own output stays clean JSON
    stats = json.loads(result.stderr)
    rows = stats["rows"]
    assert rows and all(isinstance(row["requests"], str) for row in rows)
    assert {row["call"] for row in rows} <= {"get", "put", "update", "delete", "query", "scan",
                                               "batch_get", "batch_write"}
    total = stats["total"]
    assert int(total["requests"]) == sum(int(row["requests"]) for row in rows)
    assert Decimal(total["read_units"]) == sum(Decimal(row["read_units"]) for row in rows)


def test_stats_is_printed_also_when_the_command_fails(tmp_path):
    store = ["--store", f"sqlite:{tmp_path / 'alex.db'}"]
    ok(*store, "tables", "create")
    result = run(*store, "--stats", "users", "show", "nobody")
    assert result.returncode != 0
    assert "capacity consumed" in result.stderr


# ---- cost --------------------------------------------------------------------------------

PRICES = {"--write-price": "0.625", "--read-price": "0.125", "--storage-price": "0.25"}


def cost_json(*args):
    return json.loads(ok("cost", "--json", *args).stdout)


def test_cost_estimate_is_the_exact_sum_of_the_measured_calls():
    usage = ["--users", "200", "--accounts-per-user", "2", "--changes", "7", "--listings", "11",
             "--valuations", "13", "--series", "3", "--history-reads", "5",
             "--price-updates", "100"]
    out = cost_json(*usage)
    calls = {c["call"]: c for c in out["calls"]}
    accounts = 200 * 2
    expected_per_month = {"position change": accounts * 7, "list positions": accounts * 11,
                          "value at date": accounts * 13, "value series": accounts * 3,
                          "position history": accounts * 5, "price update": 100}
    for name, per_month in expected_per_month.items():
        assert Decimal(calls[name]["per_month"]) == per_month, name
        assert calls[name]["in_estimate"]
    assert not calls["create user"]["in_estimate"]
    monthly = out["monthly"]
    included = [c for c in out["calls"] if c["in_estimate"]]
    reads = sum(Decimal(c["read_units"]) * Decimal(c["per_month"]) for c in included)
    writes = sum(Decimal(c["write_units"]) * Decimal(c["per_month"]) for c in included)
    requests = sum(Decimal(c["requests"]) * Decimal(c["per_month"]) for c in included)
    assert Decimal(monthly["read_units"]) == reads
    assert Decimal(monthly["write_units"]) == writes
    assert Decimal(monthly["requests"]) == requests
    assert Decimal(monthly["read_cost"]) == reads * Decimal("0.125") / 1000000
    assert Decimal(monthly["write_cost"]) == writes * Decimal("0.625") / 1000000
    assert monthly["storage_derived"] is True
    assert Decimal(monthly["storage_gb"]) == writes * 12 / Decimal(2 ** 20)
    assert Decimal(monthly["storage_cost"]) == Decimal(monthly["storage_gb"]) * Decimal("0.25")
    assert Decimal(monthly["total"]) == (Decimal(monthly["read_cost"]) +
                                         Decimal(monthly["write_cost"]) +
                                         Decimal(monthly["storage_cost"]))


def test_cost_prices_and_storage_are_options():
    out = cost_json("--storage-gb", "3.5", "--storage-price", "0.1", "--read-price", "1",
                    "--write-price", "2")
    monthly = out["monthly"]
    assert out["prices"] == {"write_per_million": "2", "read_per_million": "1",
                             "storage_per_gb_month": "0.1"}
    assert monthly["storage_derived"] is False
    assert Decimal(monthly["storage_cost"]) == Decimal("0.35")
    assert Decimal(monthly["read_cost"]) == Decimal(monthly["read_units"]) / 1000000
    assert Decimal(monthly["write_cost"]) == Decimal(monthly["write_units"]) * 2 / 1000000


def test_cost_per_call_units_are_plausible():
    calls = {c["call"]: c for c in cost_json()["calls"]}
    assert set(calls) >= {"create user", "create account", "position change", "list positions",
                          "value at date", "value series", "position history", "price update"}
    for name in ("position change", "price update", "create user"):
        assert Decimal(calls[name]["write_units"]) >= 1, name
    for name in ("list positions", "value at date", "value series", "position history"):
        assert Decimal(calls[name]["write_units"]) == 0, name
        assert Decimal(calls[name]["read_units"]) >= Decimal("0.5"), name
    for call in calls.values():
        assert 1 <= int(call["requests"]) <= 100, call


def test_cost_prints_a_table_and_a_monthly_total():
    out = ok("cost").stdout
    assert "position change" in out and "value series" in out
    assert "Monthly estimate for 1000 users, 3000 accounts" in out
    assert any(line.strip().startswith("total") for line in out.splitlines())


def test_cost_help_states_the_default_prices_and_their_date():
    out = ok("cost", "--help").stdout
    assert "0.625" in out and "0.125" in out and "0.25" in out and "2026-11" in out


@pytest.mark.parametrize("args, field, rule", [
    (["--users", "-1"], "--users", "a whole number from 0 to 1000000000"),
    (["--users", "1.5"], "--users", "a whole number"),
    (["--changes", "many"], "--changes", "a whole number"),
    (["--accounts-per-user", "1001"], "--accounts-per-user", "from 0 to 1000"),
    (["--read-price", "-0.1"], "--read-price", "a decimal number from 0 to 1000"),
    (["--write-price", "0.0000001"], "--write-price", "at most 6 decimal places"),
    (["--storage-gb", "x"], "--storage-gb", "a decimal number"),
])
def test_cost_option_errors_name_the_field_and_rule_with_exit_2(args, field, rule):
    result = run("cost", *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"alexdb: error: {field}: "), result.stderr
    assert rule in result.stderr
    assert result.stdout == ""
