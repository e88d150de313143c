"""The seed README's usage example, verbatim apart from its import line."""

import os
import uuid
from datetime import datetime
from decimal import Decimal

import pytest

import alexdb
from conftest import ENDPOINT, delete_dynamodb_tables

SEED_EXAMPLE = '''
from src import Database

db = Database()

# Create user
db.users.create_user("user_123", "John Doe")

# Add position with history tracking
db.positions.add_or_update_position(
    account_id="acc_001",
    symbol="SPY",
    quantity=100,
    action="BUY"
)

# Get current positions (fast)
positions = db.positions.find_by_account("acc_001")

# Get position history
history = db.positions.get_position_history("acc_001", "SPY")

# Calculate portfolio value at any date
value = db.positions.get_account_value_at_date(
    "acc_001",
    datetime(2025, 1, 15)
)
'''

# Database() takes its configuration from the environment, as the planner's code does;
# the tables exist beforehand, as after `alexdb create`. (A memory: store is private to
# one Database, so the example cannot find tables created by another: not run there.)
EXAMPLE_ENGINES = ["sqlite"] + (["dynamodb"] if ENDPOINT else [])


@pytest.fixture(params=EXAMPLE_ENGINES)
def environment(request, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no .env of the developer's; alex.db lands here
    for name in ("ALEXDB_STORE", "DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB",
                 "DYNAMODB_USERS_TABLE", "DYNAMODB_INSTRUMENTS_TABLE"):
        monkeypatch.delenv(name, raising=False)
    tables = []
    if request.param == "sqlite":
        monkeypatch.setenv("ALEXDB_STORE", "sqlite:" + str(tmp_path / "planner.db"))
    else:
        suffix = uuid.uuid4().hex[:12]
        tables = ["example-users-" + suffix, "example-instruments-" + suffix]
        monkeypatch.setenv("ALEXDB_STORE", ENDPOINT)
        monkeypatch.setenv("DYNAMODB_USERS_TABLE", tables[0])
        monkeypatch.setenv("DYNAMODB_INSTRUMENTS_TABLE", tables[1])
    alexdb.Database().create_tables()
    yield
    if tables:
        delete_dynamodb_tables(tables)


def test_seed_usage_example_runs_with_only_the_import_changed(environment):
    code = SEED_EXAMPLE.replace("from src import Database", "from alexdb import Database")
    assert code.count("\n") == SEED_EXAMPLE.count("\n")
    scope = {"datetime": datetime}
    exec(compile(code, "seed-readme-usage", "exec"), scope)

    positions = scope["positions"]
    assert [(p["symbol"], p["quantity"], p["account_id"]) for p in positions] == [
        ("SPY", Decimal("100"), "acc_001")
    ]
    history = scope["history"]
    assert [(h["symbol"], h["quantity"], h["action"]) for h in history] == [
        ("SPY", Decimal("100"), "BUY")
    ]
    # The position was opened today, so on 15 Jan 2025 the account held nothing.
    value = scope["value"]
    assert value["num_positions"] == 0
    assert value["total_value"] == 0
    assert value["as_of_date"].startswith("2025-01-15")
    assert scope["db"].users.find_by_clerk_id("user_123")["display_name"] == "John Doe"
