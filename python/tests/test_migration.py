"""Database.migrate(): tables written by the seed's reference package, brought to this
layout (SPEC section 10).

Raw reference-shaped items can only be written from Python into DynamoDB (boto3 into
dynalite, when ALEXDB_TEST_DYNAMODB_ENDPOINT is set): the embedded engine's file holds
items in alexdb's own encoding, which only the library writes. On every engine, a
migration of data this package wrote rewrites nothing. The C++ suite
(tests/database/migration_test.cc) migrates reference data on every engine.
"""

import os
import uuid
from decimal import Decimal

import pytest

import alexdb
from alexdb.errors import LegacyRecord, StoreError

from conftest import ENDPOINT, delete_dynamodb_tables

KINDS = ["users", "accounts", "positions", "history", "jobs", "instruments", "prices"]
ACCOUNT = "11111111-1111-4111-8111-111111111111"
JOB = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa1"


def test_migrate_on_this_layout_rewrites_nothing(db):
    db.users.create_user("u1", "One")
    account = db.accounts.create_account("u1", "Main")
    db.positions.add_position(account, "SPY", 10)
    for dry_run in (True, False):
        summary = db.migrate(dry_run=dry_run)
        assert summary["dry_run"] is dry_run
        assert summary["ok"] is True
        assert summary["rewritten"] == 0
        assert summary["problems"] == []
        assert sorted(summary["records"]) == sorted(KINDS)
        assert summary["records"]["accounts"] == {
            "examined": 1, "rewritten": 0, "current": 1, "problems": 0}
        assert type(summary["records"]["history"]["examined"]) is int


def test_legacy_record_is_a_store_error():
    assert issubclass(LegacyRecord, StoreError)


@pytest.fixture
def reference_tables():
    """Two dynalite tables holding a reference package's user, account, position and job."""
    if not ENDPOINT:
        pytest.skip("raw reference items are written with boto3 into dynalite only")
    boto3 = pytest.importorskip("boto3")
    suffix = uuid.uuid4().hex[:12]
    names = {"users_table": "py-mig-users-" + suffix,
             "instruments_table": "py-mig-instruments-" + suffix}
    db = alexdb.Database(store=ENDPOINT, **names)
    db.create_tables()
    table = boto3.resource(
        "dynamodb", endpoint_url=ENDPOINT, region_name=os.environ.get("AWS_REGION", "us-east-1"),
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "alexdb-test"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "alexdb-test-secret"))
    users = table.Table(names["users_table"])
    users.put_item(Item={"PK": "USER#u1", "SK": "METADATA", "clerk_user_id": "u1",
                         "display_name": "Jane", "years_until_retirement": Decimal("25"),
                         "asset_class_targets": {"equity": Decimal("100")},
                         "region_targets": {"north_america": Decimal("100")},
                         "created_at": "2025-01-01T10:00:00.123456",
                         "updated_at": "2025-01-01T10:00:00.123456"})
    users.put_item(Item={"PK": "USER#u1", "SK": "ACCOUNT#" + ACCOUNT, "clerk_user_id": "u1",
                         "account_name": "Roth IRA", "cash_balance": Decimal("1000.50"),
                         "cash_interest": Decimal("0.02"),
                         "created_at": "2025-01-05T09:00:00", "updated_at": "2025-01-05T09:00:00"})
    for at, quantity, action in [("2025-01-10T15:30:00", "100", "BUY"),
                                 ("2025-03-03T15:30:00+00:00", "60", "SELL")]:
        users.put_item(Item={"PK": "ACCOUNT#" + ACCOUNT, "SK": "HISTORY#SPY#" + at,
                             "symbol": "SPY", "quantity": Decimal(quantity), "action": action,
                             "timestamp": at})
    users.put_item(Item={"PK": "ACCOUNT#" + ACCOUNT, "SK": "CURRENT#SPY", "symbol": "SPY",
                         "quantity": Decimal("60"), "timestamp": "2025-03-03T15:30:00+00:00"})
    users.put_item(Item={"PK": "USER#u1", "SK": "JOB#2025-01-15T14:30:00.5#" + JOB,
                         "GSI1PK": "JOB#pending", "GSI1SK": "USER#u1#2025-01-15T14:30:00.5",
                         "clerk_user_id": "u1", "job_type": "portfolio_analysis",
                         "status": "pending", "request_payload": {"years": Decimal("25")},
                         "created_at": "2025-01-15T14:30:00.5",
                         "updated_at": "2025-01-15T14:30:00.5"})
    yield names
    delete_dynamodb_tables(list(names.values()))


def test_migrate_reference_tables(reference_tables):
    db = alexdb.Database(store=ENDPOINT, **reference_tables)
    with pytest.raises(LegacyRecord, match="alexdb migrate"):
        db.accounts.find_by_user("u1")

    dry = db.migrate(dry_run=True)
    assert dry["dry_run"] is True
    assert dry["rewritten"] == 6
    with pytest.raises(LegacyRecord):
        db.positions.find_by_account(ACCOUNT)

    summary = db.migrate()
    assert summary["ok"] is True
    assert summary["records"]["history"] == {
        "examined": 2, "rewritten": 2, "current": 0, "problems": 0}
    assert summary["records"]["jobs"]["rewritten"] == 1

    assert db.users.find_by_id("u1")["created_at"] == "2025-01-01T10:00:00.123456Z"
    [account] = db.accounts.find_by_user("u1")
    assert account["id"] == ACCOUNT
    assert account["cash_balance"] == Decimal("1000.50")
    [position] = db.positions.find_by_account(ACCOUNT)
    assert position["quantity"] == Decimal("60")
    assert position["account_id"] == ACCOUNT
    history = db.positions.get_position_history(ACCOUNT, "SPY")
    assert [(h["quantity"], h["previous_quantity"], h["version"]) for h in history] == [
        (Decimal("100"), Decimal("0"), 1), (Decimal("60"), Decimal("100"), 2)]
    assert history[1]["timestamp"] == "2025-03-03T15:30:00.000000Z"
    job = db.jobs.find_by_id(JOB)
    assert job["id"] == JOB
    assert job["created_at"] == "2025-01-15T14:30:00.500000Z"
    assert job["request_payload"] == {"years": Decimal("25")}
    assert db.verify()["ok"] is True

    again = db.migrate()
    assert again["rewritten"] == 0
