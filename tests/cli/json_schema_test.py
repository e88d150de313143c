"""The JSON of every `alexdb` command: one number rule, and a schema per command.

README "Using alexdb", Output: with --json every number is a JSON string holding its
exact decimal text (counts included), booleans are JSON booleans and a value a record
does not have is null. Each command that prints JSON is run on a seeded store (the
embedded engine, and dynalite when ALEXDB_TEST_DYNAMODB_ENDPOINT is set) and its output
is checked (a) to hold no JSON number anywhere and (b) against the command's schema in
SCHEMAS: the keys it prints and the type of each. Every leaf command the binary lists in
its --help must have a schema here or be listed in NO_JSON with the reason, so a command
added without one fails this test.

Run: ALEXDB_BIN=build/tools/alexdb/alexdb /usr/bin/python3 -m pytest tests/cli/json_schema_test.py
"""
import json
import os
import re
import subprocess
import sys
import uuid
from decimal import Decimal, InvalidOperation

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from cli_test import BIN, SEED_END, engines, make_cli  # noqa: E402  (the shared runner)

# ---- the types a schema is made of ------------------------------------------------------

S = "a string"
N = "a string holding a decimal number"
B = "a boolean"
ANY = "any JSON without numbers"  # a job's payloads: the user's document


class Null:
    """`kind`, or null when the record does not have the value."""

    def __init__(self, kind):
        self.kind = kind


class MapOf:
    """An object with keys of the data's choosing (an allocation), values of `kind`."""

    def __init__(self, kind):
        self.kind = kind


def check(value, schema, where, errors):
    """Appends to `errors` each way `value` differs from `schema`, naming the place."""
    if isinstance(schema, Null):
        if value is not None:
            check(value, schema.kind, where, errors)
    elif schema is S:
        if not isinstance(value, str):
            errors.append(f"{where}: {S} expected, got {value!r}")
    elif schema is N:
        try:
            assert isinstance(value, str)
            Decimal(value)
        except (AssertionError, InvalidOperation):
            errors.append(f"{where}: {N} expected, got {value!r}")
    elif schema is B:
        if not isinstance(value, bool):
            errors.append(f"{where}: {B} expected, got {value!r}")
    elif schema is ANY:
        pass  # numbers are looked for everywhere by numbers_in
    elif isinstance(schema, MapOf):
        if not isinstance(value, dict):
            errors.append(f"{where}: an object expected, got {value!r}")
            return
        for key, element in value.items():
            check(element, schema.kind, f"{where}.{key}", errors)
    elif isinstance(schema, list):
        if not isinstance(value, list):
            errors.append(f"{where}: an array expected, got {value!r}")
            return
        for i, element in enumerate(value):
            check(element, schema[0], f"{where}[{i}]", errors)
    elif isinstance(schema, dict):
        if not isinstance(value, dict):
            errors.append(f"{where}: an object expected, got {value!r}")
            return
        optional = {k for k, v in schema.items() if isinstance(v, Optional)}
        missing = set(schema) - set(value) - optional
        extra = set(value) - set(schema)
        if missing:
            errors.append(f"{where}: keys missing: {sorted(missing)}")
        if extra:
            errors.append(f"{where}: keys not in the schema: {sorted(extra)}")
        for key in set(schema) & set(value):
            kind = schema[key].kind if key in optional else schema[key]
            check(value[key], kind, f"{where}.{key}", errors)
    else:
        raise AssertionError(f"bad schema at {where}: {schema!r}")


class Optional:
    """A key printed only in some cases (`sort_key` of a table without one)."""

    def __init__(self, kind):
        self.kind = kind


def numbers_in(value, where="$"):
    """The places of every JSON number in `value` (bool is not a number here)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, (int, float)):
        return [f"{where} = {value!r}"]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in numbers_in(v, f"{where}[{i}]")]
    return [p for k, v in value.items() for p in numbers_in(v, f"{where}.{k}")]


def parse_exact(text):
    """JSON as printed, numbers kept as their own type (so an int is caught as a number)."""
    return json.loads(text)


# ---- the schema of each command's JSON ---------------------------------------------------

USER = {"clerk_user_id": S, "display_name": Null(S), "years_until_retirement": Null(N),
        "target_retirement_income": Null(N), "asset_class_targets": MapOf(N),
        "region_targets": MapOf(N), "created_at": S, "updated_at": S}
ACCOUNT = {"id": S, "clerk_user_id": S, "account_name": S, "account_purpose": Null(S),
           "cash_balance": N, "cash_interest": N, "created_at": S, "updated_at": S}
POSITION = {"id": S, "account_id": S, "symbol": S, "quantity": N, "as_of_date": S,
            "timestamp": S, "version": N, "instrument_name": Null(S),
            "instrument_type": Null(S), "current_price": Null(N), "created_at": S,
            "updated_at": S}
CHANGE = {"symbol": S, "quantity": N, "previous_quantity": N, "action": S, "timestamp": S,
          "version": N}
VALUATION = {"account_id": S, "as_of_date": Optional(S), "total_value": N, "total_shares": N,
             "num_positions": N,
             "positions": [{"symbol": S, "quantity": N, "price": N, "price_date": S,
                            "stale": B, "value": N}],
             "missing_prices": [{"symbol": S, "quantity": N}]}
INSTRUMENT = {"symbol": S, "name": S, "instrument_type": S, "current_price": Null(N),
              "price_timestamp": Null(S), "allocation_regions": MapOf(N),
              "allocation_sectors": MapOf(N), "allocation_asset_class": MapOf(N),
              "created_at": S, "updated_at": S}
PRICE = {"symbol": S, "timestamp": S, "price": N, "volume": Optional(Null(N)),
         "source": Optional(Null(S))}
JOB = {"id": S, "clerk_user_id": S, "job_type": S, "status": S, "request_payload": ANY,
       "report_payload": ANY, "charts_payload": ANY, "retirement_payload": ANY,
       "summary_payload": ANY, "error_message": Null(S), "started_at": Null(S),
       "completed_at": Null(S), "created_at": S, "updated_at": S}
SPLIT = {"symbol": S, "ratio_from": N, "ratio_to": N, "effective": S, "recorded_at": S}
TRANSACTION = {"id": S, "account_id": S, "type": S, "symbol": Null(S), "quantity": Null(N),
               "price": Null(N), "fees": N, "amount": Null(N), "timestamp": S,
               "external_id": Null(S), "note": Null(S), "recorded_at": S, "revision": N,
               "voided": B}
LOT = {"symbol": S, "quantity": N, "cost_per_unit": N, "cost_basis": N, "acquired": S}
GAINS = {"realized": [{"symbol": S, "quantity": N, "proceeds": N, "fees": N, "cost_basis": N,
                       "gain": N, "acquired": S, "sold": S}],
         "realized_total": N,
         "unrealized": [{"symbol": S, "quantity": N, "cost_basis": N, "value": N, "gain": N}],
         "unrealized_total": N, "missing_prices": [S]}
TABLE = {"name": S, "exists": B, "status": S, "item_count": N, "item_count_exact": B,
         "partition_key": {"name": S, "type": S}, "sort_key": Optional({"name": S, "type": S}),
         "global_indexes": [{"name": S, "partition_key": S, "sort_key": Optional(S)}],
         "matches_code": B}
CONTENTS = [{"role": S, "table": S, "items": N, "hash": S}]
COUNTS = {"requests": N, "read_units": N, "write_units": N}
MIGRATION_COUNTS = {"examined": N, "rewritten": N, "current": N, "problems": N}

# Keyed by a case name; each case's first words (up to the first space-separated word
# that is not a command) are the leaf command it covers, see leaf_of.
SCHEMAS = {
    "tables create": [{"name": S, "created": B}],
    "tables describe": [TABLE],
    "tables delete": [{"name": S, "deleted": B}],
    "seed": {"instruments": N, "prices": N, "first_day": S, "last_day": S},
    "verify": {"ok": B, "checks": [{"check": S, "status": S, "detail": S}]},
    "migrate": {"dry_run": B, "ok": B, "rewritten": N, "records": MapOf(MIGRATION_COUNTS),
                "problems": [{"table": S, "key": S, "reason": S}]},
    "users create": {"clerk_user_id": S},
    "users show": USER,
    "users list": [USER],
    "users update": {"clerk_user_id": S, "updated": N},
    "users delete": {"clerk_user_id": S, "deleted": N},
    "accounts create": {"id": S},
    "accounts list": [ACCOUNT],
    "accounts show": ACCOUNT,
    "accounts update": {"id": S, "updated": N},
    "accounts delete": {"id": S, "deleted": N},
    "positions set": {"id": S},
    "positions list": [POSITION],
    "history": [CHANGE],
    "value": VALUATION,
    "value --at": VALUATION,
    "value --from": [VALUATION],
    "value --at --cash": {**VALUATION, "cash": N},
    "cash": {"account_id": S, "at": Null(S), "cash": N},
    "cash --at": {"account_id": S, "at": Null(S), "cash": N},
    "prices update": {"symbol": S, "price": N, "timestamp": S},
    "prices delete": {"symbol": S, "deleted": N, "current_price": Null(N),
                      "price_timestamp": Null(S)},
    "prices history": [PRICE],
    "prices import": {"imported": N, "symbols": [S], "errors": []},
    "prices import (bad rows)": {"imported": N, "symbols": [S],
                                 "errors": [{"line": N, "field": S, "message": S}]},
    "instruments list": [INSTRUMENT],
    "instruments show": INSTRUMENT,
    "instruments search": [INSTRUMENT],
    "instruments create": {"symbol": S},
    "instruments update": {"symbol": S, "updated": N},
    "instruments delete": {"symbol": S, "deleted": N},
    "instruments split": SPLIT,
    "instruments splits": [SPLIT],
    "jobs create": {"id": S},
    "jobs list": [JOB],
    "jobs show": JOB,
    "jobs status": {"id": S, "status": S, "updated": N},
    "jobs update": {"id": S, "updated": N},
    "jobs delete": {"id": S, "deleted": N},
    "trades add": {"id": S},
    "trades list": [TRANSACTION],
    "trades show": TRANSACTION,
    "trades correct": TRANSACTION,
    "trades void": TRANSACTION,
    "trades import": {"rows": N, "recorded": N, "already_present": N, "errors": []},
    "trades import (bad rows)": {"recorded": N, "problems": N,
                                 "errors": [{"line": N, "field": S, "message": S}]},
    "lots": [LOT],
    "gains": GAINS,
    "returns": {"kind": S, "start": S, "end": S, "return": Null(N), "benchmark": Null(S),
                "benchmark_return": Null(N), "start_value": N, "end_value": N,
                "flows": [{"date": S, "transaction_id": S, "type": S, "amount": N}],
                "missing_prices": [{"symbol": S, "from": S, "to": S}], "note": Null(S)},
    "returns --step": [{"date": S, "value": N, "flows": N, "twr": Null(N)}],
    "allocation": {"at": Null(S), "by": S, "total_value": N, "weights": MapOf(N),
                   "values": MapOf(N), "missing_prices": [S]},
    "cost": {"store": S,
             "prices": {"write_per_million": N, "read_per_million": N,
                        "storage_per_gb_month": N},
             "calls": [{**COUNTS, "call": S, "per_month": N, "in_estimate": B}],
             "monthly": {"requests": N, "read_units": N, "write_units": N, "storage_gb": N,
                         "storage_derived": B, "read_cost": N, "write_cost": N,
                         "storage_cost": N, "total": N}},
    "backup": {"file": S, "source": S, "point_in_time": B, "tables": CONTENTS},
    "restore --check": {"file": S, "ok": B, "tables": CONTENTS},
    "restore": {"file": S, "ok": B, "expected": CONTENTS, "found": CONTENTS,
                "completed_changes": N},
    "copy": {"from": S, "to": S, "ok": B, "source": CONTENTS, "target": CONTENTS},
    "demo": {"store": S, "seeded": {"instruments": N, "prices": N, "first_day": S,
                                    "last_day": S},
             "user": S, "trades": N, "accounts": [{"id": S, "name": S}],
             "verify": {"ok": B, "checks": [{"check": S, "status": S, "detail": S}]},
             "time_travel": [{"date": S, "total_value": N,
                              "accounts": [{"id": S, "name": S, "total_value": N,
                                            "unpriced": N}]}],
             "ledger": {"account": S, "transactions": N, "cash": N,
                        "gains": [{"method": S, "realized": N, "unrealized": N,
                                   "sales": N}]},
             "performance": {"benchmark": S, "start": S, "end": S, "twr": Null(N),
                             "mwr": Null(N), "benchmark_twr": Null(N),
                             "benchmark_mwr": Null(N),
                             "allocation": [{"at": S, "weights": MapOf(N)}]}},
}
# --stats with --json: the capacity report on stderr, after any command.
STATS_SCHEMA = {"rows": [{**COUNTS, "table": S, "call": S}], "total": COUNTS}

# Leaf commands that print no JSON, with the reason.
NO_JSON = {
    "help": "prints help text for people (added alongside this test)",
    "completion": "prints a shell completion script (added alongside this test)",
}


def leaf_of(case):
    """The leaf command a SCHEMAS case covers: its words before an option or a note."""
    words = []
    for word in case.split():
        if word.startswith("-") or word.startswith("("):
            break
        words.append(word)
    return " ".join(words)


def subcommands(*path):
    """The subcommands `alexdb PATH --help` lists (none for a leaf command)."""
    out = subprocess.run([BIN, *path, "--help"], capture_output=True, text=True, check=True)
    section = re.search(r"^Subcommands:\n((?:  .*\n|\s*\n)*)", out.stdout, re.MULTILINE)
    if not section:
        return []
    return re.findall(r"^  (\S+)", section.group(1), re.MULTILINE)


def leaf_commands():
    leaves = []
    for group in subcommands():
        children = subcommands(group)
        leaves += [f"{group} {c}" for c in children] if children else [group]
    return leaves


def test_every_leaf_command_has_a_schema_or_a_reason_for_none():
    leaves = leaf_commands()
    assert "tables describe" in leaves and "cost" in leaves, leaves  # the parsing works
    covered = {leaf_of(case) for case in SCHEMAS}
    unexplained = [leaf for leaf in leaves if leaf not in covered and leaf not in NO_JSON]
    assert not unexplained, f"commands with neither a JSON schema nor a reason: {unexplained}"
    stale = sorted(covered - set(leaves))
    assert not stale, f"schemas of commands the binary does not have: {stale}"


def test_the_checker_finds_numbers_and_wrong_types():
    assert numbers_in(parse_exact('{"a": [1, {"b": 2.5}], "c": true, "d": "3"}')) == [
        "$.a[0] = 1", "$.a[1].b = 2.5"]
    errors = []
    check({"n": "x", "b": "true", "extra": None}, {"n": N, "b": B}, "$", errors)
    assert len(errors) == 3, errors


# ---- running every command --------------------------------------------------------------

class Recorder:
    """Runs commands with --json and checks each output against its case's schema."""

    def __init__(self, cli):
        self.cli = cli
        self.errors = []
        self.seen = set()

    def run(self, case, *args, code=0, stats=False):
        flags = ["--stats"] if stats else []
        result = self.cli.run(*flags, *args, "--json")
        assert result.returncode == code, f"{case}: {args}: {result.stderr}{result.stdout}"
        self.seen.add(case)
        out = self.verify(case, result.stdout, SCHEMAS[case])
        if stats:
            self.verify(case + " --stats", result.stderr, STATS_SCHEMA)
        return out

    def verify(self, case, text, schema):
        try:
            out = parse_exact(text)
        except json.JSONDecodeError as e:
            self.errors.append(f"{case}: not JSON ({e}): {text[:200]!r}")
            return None
        self.errors += [f"{case}: a JSON number at {p}" for p in numbers_in(out)]
        check(out, schema, case, self.errors)
        return out


@pytest.fixture(params=engines())
def cli(request, tmp_path):
    c = make_cli(request.param, tmp_path)
    c.engine = request.param
    yield c
    c.run("tables", "delete", "--yes")


def test_every_command_prints_json_by_its_schema_with_no_json_number(cli, tmp_path):
    r = Recorder(cli)
    r.run("seed", "seed", "--days", "3", "--end", SEED_END, "--quiet")
    r.run("tables create", "tables", "create")
    described = r.run("tables describe", "tables", "describe")
    r.run("verify", "verify", stats=True)
    r.run("migrate", "migrate", "--dry-run")

    user = f"user-{uuid.uuid4().hex[:8]}"
    r.run("users create", "users", "create", user, "--name", "Schema Test", "--years", "20")
    r.run("users show", "users", "show", user)
    r.run("users list", "users", "list")
    r.run("users update", "users", "update", user, "--income", "50000.50")
    account = r.run("accounts create", "accounts", "create", "--user", user, "--name", "Main",
                    "--cash", "100.25")["id"]
    r.run("accounts list", "accounts", "list", "--user", user)
    r.run("accounts show", "accounts", "show", account)
    r.run("accounts update", "accounts", "update", account, "--name", "Renamed")
    r.run("positions set", "positions", "set", account, "SPY", "10", "--at", "2025-01-30")
    r.run("positions set", "positions", "set", account, "QQQ", "2.5", "--at", "2025-01-31")
    r.run("positions list", "positions", "list", account)
    r.run("history", "history", account)
    r.run("value", "value", account)
    r.run("value --at", "value", account, "--at", "2025-01-30")
    r.run("value --from", "value", account, "--from", "2025-01-29", "--to", SEED_END)
    r.run("value --at --cash", "value", account, "--at", "2025-01-30", "--cash")

    r.run("prices update", "prices", "update", "SPY", "451.5", "--at", "2025-01-31T22:00:00Z")
    r.run("prices history", "prices", "history", "SPY")
    r.run("prices delete", "prices", "delete", "SPY", "--at", "2025-01-31T22:00:00Z")
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("symbol,date,price,volume\nSPY,2025-01-02,400.5,100\n")
    bad.write_text("symbol,date,price\nSPY,2025-01-02,x\nQQQ,2025-01-02,-1\n")
    r.run("prices import", "prices", "import", str(good))
    r.run("prices import (bad rows)", "prices", "import", str(bad), code=2)

    r.run("instruments list", "instruments", "list")
    r.run("instruments show", "instruments", "show", "SPY")
    r.run("instruments search", "instruments", "search", "s&p")
    symbol = "ZS" + uuid.uuid4().hex[:6].upper()
    r.run("instruments create", "instruments", "create", symbol, "--name", "Schema fund",
          "--type", "etf", "--regions", "north_america=100", "--sectors", "technology=100",
          "--asset-classes", "equity=100", "--price", "12.5")
    r.run("instruments update", "instruments", "update", symbol, "--name", "Renamed fund")
    r.run("instruments split", "instruments", "split", symbol, "1", "2", "--effective",
          "2025-01-15")
    r.run("instruments splits", "instruments", "splits", symbol)
    r.run("instruments delete", "instruments", "delete", symbol)

    job = r.run("jobs create", "jobs", "create", "--user", user, "--type", "portfolio_analysis",
                "--payload", '{"amount": 1.5, "years": [1, 2], "ok": true, "none": null}')["id"]
    r.run("jobs list", "jobs", "list", "--user", user)
    r.run("jobs show", "jobs", "show", job)
    r.run("jobs status", "jobs", "status", job, "running")
    r.run("jobs update", "jobs", "update", job, "--summary", '{"total": 12.75}')
    r.run("jobs delete", "jobs", "delete", job)

    trade = r.run("trades add", "trades", "add", account, "BUY", "--symbol", "SPY",
                  "--quantity", "1.5", "--price", "450.25", "--fees", "1", "--at",
                  "2025-01-30", "--external-id", "schema-1", "--note", "n")["id"]
    deposit = r.run("trades add", "trades", "add", account, "DEPOSIT", "--amount", "100")["id"]
    r.run("trades list", "trades", "list", account)
    r.run("trades show", "trades", "show", trade)
    trades_csv, bad_trades_csv = tmp_path / "trades.csv", tmp_path / "bad-trades.csv"
    trades_csv.write_text("date,type,amount,external_id\n2025-01-02,DEPOSIT,50,schema-csv\n")
    bad_trades_csv.write_text("date,type,amount\n2025-01-02,DEPOSIT,x\n")
    r.run("trades import", "trades", "import", account, str(trades_csv))
    r.run("trades import (bad rows)", "trades", "import", account, str(bad_trades_csv), code=2)
    r.run("trades add", "trades", "add", account, "BUY", "--symbol", "QQQ", "--quantity", "3",
          "--price", "400.10", "--at", "2025-01-31T22:00:00Z")
    r.run("trades add", "trades", "add", account, "SELL", "--symbol", "SPY", "--quantity", "0.5",
          "--price", "460", "--fees", "0.5", "--at", "2025-01-31T22:30:00Z")
    # After the sale: a correction moves the position now, and trades before it are refused.
    r.run("trades correct", "trades", "correct", trade, "--quantity", "2", "--no-note")
    r.run("trades void", "trades", "void", deposit)
    r.run("lots", "lots", account, "--method", "average")
    gains = r.run("gains", "gains", account, "--to", SEED_END)
    r.run("cash", "cash", account)
    r.run("cash --at", "cash", account, "--at", "2025-01-31")
    r.run("returns", "returns", account, "--from", "2025-01-01", "--to", SEED_END,
          "--kind", "mwr", "--benchmark", "SPY")
    r.run("allocation", "allocation", account, "--at", SEED_END, "--by", "region")
    r.run("returns --step", "returns", account, "--from", "2025-01-01", "--to", SEED_END,
          "--step", "weekly")
    assert gains["realized"] and gains["unrealized"], gains  # every part of the schema seen

    backup = tmp_path / "alex.jsonl.gz"
    r.run("backup", "backup", str(backup), "-q")
    r.run("restore --check", "restore", "--check", str(backup))
    target = make_cli("sqlite", tmp_path / "restored")
    (tmp_path / "restored").mkdir()
    restored = Recorder(target)
    restored.run("restore", "restore", str(backup), "-q")
    copy_to = f"sqlite:{tmp_path / 'copy.db'}"
    store = cli.flags[cli.flags.index("--store") + 1] if "--store" in cli.flags \
        else cli.flags[cli.flags.index("--endpoint") + 1]
    r.run("copy", "copy", "--from", store, "--to", copy_to, "-q")
    r.run("cost", "cost", "--users", "10")

    r.run("accounts delete", "accounts", "delete", account, "--cascade")
    r.run("users delete", "users", "delete", user, "--cascade")
    r.run("migrate", "migrate")
    r.run("tables delete", "tables", "delete", "--yes")

    errors = r.errors + restored.errors
    assert not errors, "\n".join(errors)
    exact = [t["item_count_exact"] for t in described]
    assert exact == [cli.engine == "sqlite"] * 2, described  # DynamoDB's count is approximate
    leaves = {leaf_of(case) for case in r.seen | restored.seen}
    expected = {leaf_of(case) for case in SCHEMAS} - {"demo"}
    assert leaves == expected, f"cases not run: {sorted(expected - leaves)}"


def test_demo_prints_json_by_its_schema_with_no_json_number(tmp_path):
    result = subprocess.run([BIN, "--store", f"sqlite:{tmp_path / 'demo.db'}", "demo", "--json"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    out = parse_exact(result.stdout)
    errors = [f"demo: a JSON number at {p}" for p in numbers_in(out)]
    check(out, SCHEMAS["demo"], "demo", errors)
    assert not errors, "\n".join(errors)
    assert out["verify"]["ok"] is True
    assert len(out["accounts"]) == 3 and len(out["time_travel"]) == 5
