"""Values in and out: Decimal numbers, exact floats, dates and datetimes, None."""

import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import alexdb

STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


def test_floats_go_through_their_text_not_binary(db):
    db.users.create_user("user_1")  # an account needs its owner
    account_id = db.accounts.create_account("user_1", "ISA", cash_balance=0.1)
    assert db.accounts.find_by_id(account_id)["cash_balance"] == Decimal("0.1")
    db.positions.add_or_update_position(account_id, "SPY", 0.3, "BUY")
    assert db.positions.find_by_account(account_id)[0]["quantity"] == Decimal("0.3")
    db.positions.add_or_update_position(account_id, "SPY", 1e-7, "BUY")
    assert db.positions.find_by_account(account_id)[0]["quantity"] == Decimal("0.0000001")


def test_numbers_in_every_form(db):
    db.users.create_user("user_1")  # an account needs its owner
    account_id = db.accounts.create_account("user_1", "ISA")
    for given, expected in ((5, "5"), ("12.50", "12.5"), (Decimal("1E+2"), "100"),
                            (Decimal("0.00000001"), "0.00000001"), (2.25, "2.25")):
        db.positions.add_or_update_position(account_id, "SPY", given, "UPDATE")
        quantity = db.positions.find_by_account(account_id)[0]["quantity"]
        assert isinstance(quantity, Decimal)
        assert quantity == Decimal(expected)


def test_datetimes_naive_is_utc_aware_is_converted(db):
    db.users.create_user("user_1")  # an account needs its owner
    account_id = db.accounts.create_account("user_1", "ISA")
    plus_two = timezone(timedelta(hours=2))
    db.positions.add_or_update_position(account_id, "SPY", 1, "BUY",
                                        timestamp=datetime(2025, 1, 1, 23, 0, tzinfo=plus_two))
    db.positions.add_or_update_position(account_id, "SPY", 2, "BUY",
                                        timestamp=datetime(2025, 1, 2, 9, 30, 0, 250))
    stamps = [h["timestamp"] for h in db.positions.get_position_history(account_id, "SPY")]
    assert stamps == ["2025-01-01T21:00:00.000000Z", "2025-01-02T09:30:00.000250Z"]


def test_results_are_plain_dicts_with_decimals_and_timestamps(db):
    db.users.create_user("user_1", "Ada", 30, 50000)
    user = db.users.find_by_clerk_id("user_1")
    assert type(user) is dict
    assert isinstance(user["years_until_retirement"], Decimal)
    assert STAMP.match(user["created_at"]) and STAMP.match(user["updated_at"])
    job_id = db.jobs.create_job("user_1", "portfolio_analysis",
                                {"when": date(2025, 1, 15), "at": datetime(2025, 1, 15, 8),
                                 "tuple": (1, "a"), "set": {"x", "y"}, "numbers": {1, 2}})
    payload = db.jobs.find_by_id(job_id)["request_payload"]
    assert payload == {"when": "2025-01-15", "at": "2025-01-15T08:00:00.000000Z",
                       "tuple": [1, "a"], "set": {"x", "y"}, "numbers": {Decimal(1), Decimal(2)}}


def test_model_dump_objects_inside_payloads(db):
    class Answer:
        def model_dump(self):
            return {"score": 0.75, "tags": ["a"]}

    job_id = db.jobs.create_job("user_1", "portfolio_analysis", {"answer": Answer()})
    assert db.jobs.find_by_id(job_id)["request_payload"] == {
        "answer": {"score": Decimal("0.75"), "tags": ["a"]}}


def test_module_surface():
    assert alexdb.Database.__name__ == "Database"
    db = alexdb.Database(store="memory:")
    for name, model in (("users", alexdb.Users), ("instruments", alexdb.Instruments),
                        ("accounts", alexdb.Accounts), ("positions", alexdb.Positions),
                        ("jobs", alexdb.Jobs)):
        assert isinstance(getattr(db, name), model)
