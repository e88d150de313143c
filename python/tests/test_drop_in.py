"""The planner switches with one line (SPEC section 10): which store opens, what the
results look like, and that every public call has a real signature."""

import inspect
import logging
import os
import subprocess
import sys
from decimal import Decimal

import pytest

import alexdb


def test_store_and_repr_say_which_store_is_open(tmp_path):
    path = tmp_path / "planner.db"
    db = alexdb.Database(store=f"sqlite:{path}", users_table="users", instruments_table="instr")
    assert db.store == f"sqlite:{path}"
    assert (db.users_table, db.instruments_table) == ("users", "instr")
    assert repr(db) == (f"alexdb.Database(store='sqlite:{path}', users_table='users', "
                        "instruments_table='instr')")
    assert alexdb.Database(store="memory:").store == "memory:"


def test_opening_logs_the_store_on_the_alexdb_logger(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="alexdb"):
        db = alexdb.Database(store=f"sqlite:{tmp_path / 'a.db'}")
    opened = [r for r in caplog.records if r.name == "alexdb"]
    assert [r.levelno for r in opened] == [logging.INFO]
    assert opened[0].getMessage() == (
        f"opened {db.store} (tables alex-users-data, alex-instruments)")


def test_the_reference_environment_selects_dynamodb(tmp_path):
    # DYNAMODB_USERS_TABLE without an endpoint, outside Lambda: DynamoDB, as the
    # reference did, never a silent ./alex.db. No credentials and instance metadata
    # disabled: opening fails naming the credentials (nothing leaves the machine).
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path),
           "PYTHONPATH": os.pathsep.join(sys.path), "AWS_EC2_METADATA_DISABLED": "true",
           "DYNAMODB_USERS_TABLE": "alex-users-data"}
    code = "import alexdb\ntry:\n    alexdb.Database()\nexcept alexdb.Error as e:\n    print(e)\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert "no AWS credentials found" in result.stdout, result.stderr
    assert not (tmp_path / "alex.db").exists()
    env.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="secret",
               AWS_REGION="eu-west-2")
    code = "import alexdb\nprint(alexdb.Database().store)\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "dynamodb https://dynamodb.eu-west-2.amazonaws.com", result.stderr
    assert not (tmp_path / "alex.db").exists()


def test_fields_never_set_are_absent_and_defaults_work(db):
    db.users.create_user("user_1")
    user = db.users.find_by_clerk_id("user_1")
    assert None not in user.values()
    assert "display_name" not in user
    assert float(user.get("target_retirement_income", 80000)) == 80000.0
    account_id = db.accounts.create_account("user_1", "ISA")
    account = db.accounts.find_by_id(account_id)
    assert "account_purpose" not in account and None not in account.values()
    job = db.jobs.find_by_id(db.jobs.create_job("user_1", "portfolio_analysis"))
    assert None not in job.values() and "error_message" not in job


def test_counts_and_versions_are_int(db):
    db.users.create_user("user_1")  # an account needs its owner
    account_id = db.accounts.create_account("user_1", "ISA")
    db.instruments.create_instrument({
        "symbol": "SPY", "name": "SPDR S&P 500", "instrument_type": "etf", "current_price": "100",
        "allocation_regions": {"north_america": 100}, "allocation_sectors": {"technology": 100},
        "allocation_asset_class": {"equity": 100}})
    db.positions.add_or_update_position(account_id, "SPY", 10, "BUY", "2025-01-02")
    db.positions.add_or_update_position(account_id, "QQQ", 5, "BUY", "2025-01-02")
    value = db.positions.get_portfolio_value(account_id)
    assert value["num_positions"] == 2 and type(value["num_positions"]) is int
    at = db.positions.get_account_value_at_date(account_id, "2025-01-03")
    assert type(at["num_positions"]) is int
    series = db.positions.get_account_value_series(account_id, "2025-01-02", "2025-01-03")
    assert all(type(point["num_positions"]) is int for point in series)
    history = db.positions.get_position_history(account_id, "SPY")
    assert [type(h["version"]) for h in history] == [int]
    assert type(db.positions.find_by_account(account_id)[0]["version"]) is int
    assert isinstance(value["total_value"], Decimal)


def test_a_created_job_is_its_id_and_answers_job_id(db):
    job = db.jobs.create({"clerk_user_id": "user_1", "job_type": "portfolio_analysis",
                          "request_payload": {"q": 1}})
    assert isinstance(job, str) and job["id"] == job == job.get("id")
    assert job["status"] == "pending" and job.get("missing") is None
    assert db.jobs.find_by_id(job)["id"] == job  # usable wherever the id str is
    other = db.jobs.create_job("user_1", "rebalance_recommendation")
    assert other["id"] == str(other) and other[:8] == str(other)[:8]


def test_every_public_call_has_a_signature():
    db = alexdb.Database(store="memory:")
    checked = 0
    for owner in (db, db.users, db.instruments, db.accounts, db.positions, db.jobs):
        for name in dir(owner):
            member = getattr(owner, name)
            if name.startswith("_") or not callable(member):
                continue
            signature = inspect.signature(member)
            kinds = {p.kind for p in signature.parameters.values()}
            assert inspect.Parameter.VAR_POSITIONAL not in kinds, (type(owner).__name__, name)
            checked += 1
    assert checked >= 57  # every call of SPEC section 4 and the Database's own
    assert list(inspect.signature(db.positions.add_or_update_position).parameters) == [
        "account_id", "symbol", "quantity", "action", "timestamp"]
    assert inspect.signature(db.positions.add_or_update_position).parameters[
        "action"].default == "UPDATE"
    assert list(inspect.signature(alexdb.Database).parameters) == [
        "region", "store", "users_table", "instruments_table", "stale_after_days",
        "instrument_cache_seconds"]
