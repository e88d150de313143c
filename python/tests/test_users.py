"""db.users: every method, on every engine."""

from decimal import Decimal

import pytest

import alexdb


def test_create_user_applies_the_default_targets(db):
    assert db.users.create_user("user_1", "Ada") == "user_1"
    user = db.users.find_by_clerk_id("user_1")
    assert user["clerk_user_id"] == "user_1"
    assert user["display_name"] == "Ada"
    assert user["asset_class_targets"] == {"equity": Decimal(70), "fixed_income": Decimal(30)}
    assert user["region_targets"] == {"north_america": Decimal(50), "international": Decimal(50)}
    assert user["created_at"].endswith("Z") and user["updated_at"].endswith("Z")


def test_create_user_with_every_argument_by_keyword(db):
    db.users.create_user(
        clerk_user_id="user_2",
        display_name="Grace",
        years_until_retirement=25,
        target_retirement_income=80000.50,
        asset_class_targets={"equity": 60, "fixed_income": "40"},
        region_targets={"north_america": Decimal("100")},
    )
    user = db.users.find_by_id("user_2")
    assert user["years_until_retirement"] == Decimal(25)
    assert user["target_retirement_income"] == Decimal("80000.5")
    assert isinstance(user["target_retirement_income"], Decimal)
    assert user["asset_class_targets"] == {"equity": 60, "fixed_income": 40}
    assert user["region_targets"] == {"north_america": 100}


def test_find_returns_none_when_missing(db):
    assert db.users.find_by_clerk_id("nobody") is None
    assert db.users.find_by_id("nobody") is None
    assert db.users.find_by_id(clerk_user_id="nobody") is None


def test_create_twice_raises_already_exists(db):
    db.users.create_user("user_1", "Ada")
    with pytest.raises(alexdb.AlreadyExists):
        db.users.create_user("user_1", "Ada again")
    assert db.users.find_by_clerk_id("user_1")["display_name"] == "Ada"


def test_create_from_a_dict_and_from_a_model_dump_object(db):
    class UserCreate:
        def model_dump(self):
            return {"clerk_user_id": "user_4", "display_name": "Linus"}

    assert db.users.create({"clerk_user_id": "user_3", "display_name": "Ken"}) == "user_3"
    assert db.users.create(UserCreate()) == "user_4"
    assert db.users.find_by_clerk_id("user_4")["display_name"] == "Linus"


def test_find_all_is_ordered_and_pages(db):
    for name in ("c", "a", "b", "d"):
        db.users.create_user("user_" + name, name.upper())
    assert [u["clerk_user_id"] for u in db.users.find_all()] == [
        "user_a", "user_b", "user_c", "user_d"]
    assert [u["clerk_user_id"] for u in db.users.find_all(limit=2, offset=1)] == [
        "user_b", "user_c"]
    assert [u["clerk_user_id"] for u in db.users.find_all(2)] == ["user_a", "user_b"]
    assert db.users.find_all(offset=10) == []


def test_update_changes_named_fields_and_counts(db):
    db.users.create_user("user_1", "Ada")
    assert db.users.update("user_1", {"display_name": "Ada L.", "years_until_retirement": 10}) == 1
    user = db.users.find_by_clerk_id("user_1")
    assert user["display_name"] == "Ada L."
    assert user["years_until_retirement"] == 10
    assert db.users.update("nobody", {"display_name": "X"}) == 0
    assert db.users.update(clerk_user_id="user_1", data={"display_name": "Ada"}) == 1


def test_delete_removes_the_user_and_what_it_owns(db):
    db.users.create_user("user_1", "Ada")
    account_id = db.accounts.create_account("user_1", "ISA")
    db.positions.add_or_update_position(account_id, "SPY", 10, "BUY")
    job_id = db.jobs.create_job("user_1", "portfolio_analysis")
    deleted = db.users.delete("user_1")
    assert deleted >= 4
    assert db.users.find_by_clerk_id("user_1") is None
    assert db.accounts.find_by_id(account_id) is None
    assert db.jobs.find_by_id(job_id) is None
    assert db.users.delete("user_1") == 0


def test_create_user_without_display_name_leaves_it_absent(db):
    assert db.users.create_user("user_nameless") == "user_nameless"
    user = db.users.find_by_clerk_id("user_nameless")
    assert "display_name" not in user and "years_until_retirement" not in user
    # The planner's own code reads a default for a field never set (SPEC section 10).
    assert float(user.get("target_retirement_income", 80000)) == 80000.0
