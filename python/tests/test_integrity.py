"""db.verify() and db.repair(): the integrity report as dicts, on every engine.

The rules themselves, and repairs of interrupted writes, are tested on the C++ API
(tests/database/integrity_test.cc); these tests check what the module returns."""

from decimal import Decimal

from conftest import ETF


def test_verify_of_consistent_data_is_ok_and_counts_what_it_read(db):
    db.instruments.create_instrument(ETF)
    db.users.create_user("user_1", "Ada")
    account = db.accounts.create_account("user_1", "Pension")
    db.positions.add_or_update_position(account, "SPY", Decimal(10), "BUY")
    report = db.verify()
    assert report["ok"] is True
    assert report["findings"] == []
    assert report["repairable"] == 0
    checked = report["checked"]
    assert checked["users"] == 1 and checked["accounts"] == 1
    assert checked["positions"] == 1 and checked["history_records"] == 1
    assert checked["jobs"] == 0 and checked["instruments"] == 1
    assert checked["users_table_items"] == 5


def test_positions_without_an_account_record_are_a_warning(db, engine):
    db.positions.add_or_update_position("imported", "SPY", 5, "BUY")
    report = db.verify()
    assert report["ok"] is True
    assert report["findings"] == [{
        "severity": "warning",
        "rule": "positions_without_account",
        "table": engine.get("users_table", "alex-users-data"),
        "record": "account imported",
        "message": "1 position(s) under an account id with no account record",
        "repairable": False,
    }]


def test_repair_with_nothing_to_complete_checks_once(db):
    db.users.create_user("user_1", "Ada")
    repaired = db.repair()
    assert repaired["attempted"] == 0 and repaired["completed"] == 0
    assert repaired["after"]["ok"] is True
    assert repaired["after"]["checked"]["users"] == 1
