"""Database.capacity() and reset_capacity(): requests and units per table and call kind."""
from decimal import Decimal


def test_capacity_counts_requests_and_units_per_table_and_call(db):
    db.reset_capacity()
    db.users.create_user("cap-user", "Capacity")
    db.users.find_by_id("cap-user")
    report = db.capacity()
    assert set(report) == {"requests", "read_units", "write_units", "tables"}
    assert isinstance(report["requests"], int) and report["requests"] >= 2
    assert isinstance(report["read_units"], Decimal) and report["read_units"] > 0
    assert isinstance(report["write_units"], Decimal) and report["write_units"] >= 1
    users = report["tables"][db.users_table]
    assert users["requests"] == report["requests"]
    assert set(users["calls"]) <= {"get", "put", "update", "delete", "query", "scan",
                                   "batch_get", "batch_write"}
    assert sum(c["requests"] for c in users["calls"].values()) == users["requests"]
    assert sum(c["write_units"] for c in users["calls"].values()) == users["write_units"]
    assert users["calls"]["get"]["requests"] >= 1


def test_reset_capacity_sets_every_count_to_zero(db):
    db.users.create_user("cap-reset", "Reset")
    assert db.capacity()["requests"] > 0
    db.reset_capacity()
    assert db.capacity() == {"requests": 0, "read_units": Decimal(0), "write_units": Decimal(0),
                             "tables": {}}
