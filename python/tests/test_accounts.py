"""db.accounts: every method, on every engine."""

import uuid
from decimal import Decimal

import pytest


def test_create_account_defaults_and_lookup(db):
    db.users.create_user("user_1", "Ada")
    account_id = db.accounts.create_account("user_1", "Pension")
    assert str(uuid.UUID(account_id)) == account_id
    account = db.accounts.find_by_id(account_id)
    assert account["id"] == account_id
    assert account["clerk_user_id"] == "user_1"
    assert account["account_name"] == "Pension"
    assert "account_purpose" not in account  # never set: absent, as the reference returned it
    assert account["cash_balance"] == Decimal(0) and isinstance(account["cash_balance"], Decimal)
    assert account["cash_interest"] == Decimal(0)
    assert db.accounts.find_by_id(account_id=account_id)["id"] == account_id


def test_create_account_with_every_argument_by_keyword(db):
    db.users.create_user("user_1")  # an account needs its owner
    account_id = db.accounts.create_account(
        clerk_user_id="user_1", account_name="ISA", account_purpose="Growth",
        cash_balance=1234.56, cash_interest="0.045")
    account = db.accounts.find_by_id(account_id)
    assert account["account_purpose"] == "Growth"
    assert account["cash_balance"] == Decimal("1234.56")
    assert account["cash_interest"] == Decimal("0.045")


def test_find_returns_none_when_missing(db):
    assert db.accounts.find_by_id(str(uuid.uuid4())) is None
    assert db.accounts.find_by_user("nobody") == []


def test_find_by_user_is_newest_first_and_find_all_pages(db):
    db.users.create_user("user_1")  # an account needs its owner
    db.users.create_user("user_2")  # an account needs its owner
    ids = [db.accounts.create_account("user_1", "Account %d" % n) for n in range(3)]
    other = db.accounts.create_account("user_2", "Other")
    assert [a["id"] for a in db.accounts.find_by_user("user_1")] == ids[::-1]
    everything = db.accounts.find_all()
    assert sorted(a["id"] for a in everything) == sorted(ids + [other])
    assert [a["id"] for a in everything] == sorted(ids + [other])
    assert len(db.accounts.find_all(limit=2)) == 2
    assert [a["id"] for a in db.accounts.find_all(limit=2, offset=3)] == [sorted(ids + [other])[3]]


def test_create_from_a_dict_update_and_delete(db):
    db.users.create_user("user_1")  # an account needs its owner
    account_id = db.accounts.create(
        {"clerk_user_id": "user_1", "account_name": "Savings", "cash_balance": Decimal("10")})
    assert db.accounts.update(account_id, {"account_name": "Rainy day", "cash_balance": 20}) == 1
    account = db.accounts.find_by_id(account_id)
    assert account["account_name"] == "Rainy day" and account["cash_balance"] == 20
    assert db.accounts.update(str(uuid.uuid4()), {"account_name": "x"}) == 0
    db.positions.add_or_update_position(account_id, "SPY", 5, "BUY")
    db.positions.add_or_update_position(account_id, "SPY", 7, "BUY")
    assert db.accounts.delete(account_id) >= 4  # account, current, two history records
    assert db.accounts.find_by_id(account_id) is None
    assert db.positions.find_by_account(account_id) == []
    assert db.positions.get_position_history(account_id, "SPY") == []
    assert db.accounts.delete(account_id) == 0


def test_an_account_for_an_unknown_user_is_refused(db):
    import alexdb
    for call in (lambda: db.accounts.create_account("nobody", "Orphan"),
                 lambda: db.accounts.create({"clerk_user_id": "nobody", "account_name": "O"})):
        with pytest.raises(alexdb.ValidationError, match="clerk_user_id: must name an existing user"):
            call()
    assert db.accounts.find_all() == []
    assert db.accounts.find_by_user("nobody") == []
    db.users.create_user("nobody")  # then it can own one
    assert db.accounts.find_by_user("nobody") == []
    account_id = db.accounts.create_account("nobody", "Adopted")
    assert db.accounts.find_by_id(account_id)["clerk_user_id"] == "nobody"
    assert db.verify()["ok"] is True
