"""db.transactions: the ledger's transactions from Python (SPEC section 12) on every
engine: the dict of a transaction, corrections and voids appended, reads as known at a
moment, external ids recorded once, and bad input refused naming the field with nothing
written."""

import inspect
import typing
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

import alexdb

FIELDS = ["id", "account_id", "type", "symbol", "quantity", "price", "fees", "amount",
          "timestamp", "external_id", "note", "recorded_at", "revision", "voided"]


def test_signatures_are_the_spec_s():
    record = inspect.signature(alexdb.Transactions.record)
    assert list(record.parameters) == [
        "self", "account_id", "type", "symbol", "quantity", "price", "fees", "amount",
        "timestamp", "external_id", "note"]
    assert record.parameters["fees"].default == 0
    assert record.parameters["note"].default is None
    assert record.return_annotation is str
    get = inspect.signature(alexdb.Transactions.get)
    assert get.return_annotation == typing.Optional[dict]
    assert inspect.signature(alexdb.Transactions.list).return_annotation == typing.List[dict]
    assert list(inspect.signature(alexdb.Transactions.correct).parameters) == [
        "self", "transaction_id", "changes"]


@pytest.fixture
def account(db):
    db.users.create_user("user_1")
    return db.accounts.create_account("user_1", "Ledger")


def test_record_and_get_round_trip(db, account):
    tid = db.transactions.record(account, "BUY", symbol="spy", quantity=Decimal("10.5"),
                                 price="450.25", fees=1, timestamp=datetime(2025, 1, 10, 15),
                                 note="first buy")
    assert isinstance(tid, str)
    t = db.transactions.get(tid)
    assert list(t) == FIELDS
    assert t["id"] == tid and t["account_id"] == account and t["type"] == "BUY"
    assert t["symbol"] == "SPY"
    assert t["quantity"] == Decimal("10.5") and isinstance(t["quantity"], Decimal)
    assert t["price"] == Decimal("450.25") and isinstance(t["price"], Decimal)
    assert t["fees"] == Decimal("1") and isinstance(t["fees"], Decimal)
    assert t["amount"] is None and t["external_id"] is None
    assert t["timestamp"] == "2025-01-10T15:00:00.000000Z"
    assert t["note"] == "first buy"
    assert t["revision"] == 0 and type(t["revision"]) is int
    assert t["voided"] is False
    assert t["recorded_at"].endswith("Z")


def test_cash_transaction_and_date_timestamp(db, account):
    tid = db.transactions.record(account, "DEPOSIT", amount="1000.00", timestamp=date(2025, 1, 2))
    t = db.transactions.get(tid)
    assert t["amount"] == Decimal("1000.00") and isinstance(t["amount"], Decimal)
    assert t["symbol"] is None and t["quantity"] is None and t["price"] is None
    assert t["fees"] == 0
    assert t["timestamp"] == "2025-01-02T21:00:00.000000Z"  # a date is its close


def test_list_filters_by_range_and_symbol(db, account):
    record = db.transactions.record
    record(account, "DEPOSIT", amount=5000, timestamp="2025-01-02")
    buy = record(account, "BUY", symbol="SPY", quantity=2, price=100, timestamp="2025-01-10")
    qqq = record(account, "BUY", symbol="QQQ", quantity=1, price=300, timestamp="2025-02-10")
    record(account, "SELL", symbol="SPY", quantity=1, price=110, timestamp="2025-03-10")
    everything = db.transactions.list(account)
    assert [t["type"] for t in everything] == ["DEPOSIT", "BUY", "BUY", "SELL"]
    assert [t["id"] for t in db.transactions.list(account, start="2025-01-10",
                                                  end=date(2025, 2, 10))] == [buy, qqq]
    assert [t["type"] for t in db.transactions.list(account, symbol="spy")] == ["BUY", "SELL"]
    assert db.transactions.list(account, end="2025-01-01") == []


def test_as_known_at_after_a_correction_and_a_void_gives_the_first_answer(db, account):
    record = db.transactions.record
    buy = record(account, "BUY", symbol="SPY", quantity=10, price="100.10", fees="0.5",
                 timestamp="2025-01-10")
    fee = record(account, "FEE", amount="2.50", timestamp="2025-01-11")
    before = db.transactions.list(account)
    known = max(t["recorded_at"] for t in before)

    corrected = db.transactions.correct(buy, {"quantity": Decimal("12"), "note": "fixed"})
    assert corrected["revision"] == 1 and corrected["quantity"] == 12
    assert corrected["note"] == "fixed" and corrected["price"] == Decimal("100.10")
    voided = db.transactions.void(fee)
    assert voided["voided"] is True and voided["revision"] == 1
    assert db.transactions.void(fee) == voided  # voiding again writes nothing

    now = db.transactions.list(account)
    assert [t["id"] for t in now] == [buy] and now[0]["quantity"] == 12
    assert db.transactions.list(account, as_known_at=known) == before
    assert db.transactions.get(buy, as_known_at=known) == before[0]
    assert db.transactions.get(fee)["voided"] is True
    assert db.transactions.get(fee, as_known_at=known) == before[1]
    assert db.transactions.get(buy, as_known_at="2000-01-01") is None


def test_correct_removes_an_optional_field_with_none(db, account):
    tid = db.transactions.record(account, "DIVIDEND", symbol="SPY", amount="3.20", note="q1")
    out = db.transactions.correct(tid, {"symbol": None, "note": None,
                                        "timestamp": datetime(2025, 3, 1, tzinfo=timezone.utc)})
    assert out["symbol"] is None and out["note"] is None
    assert out["timestamp"] == "2025-03-01T00:00:00.000000Z"
    assert db.transactions.get(tid) == out


def test_external_id_records_once(db, account):
    first = db.transactions.record(account, "BUY", symbol="SPY", quantity=1, price=10,
                                   timestamp="2025-01-10", external_id="broker-1")
    again = db.transactions.record(account, "BUY", symbol="SPY", quantity=1, price=10,
                                   timestamp="2025-01-10", external_id="broker-1")
    assert again == first
    assert len(db.transactions.list(account)) == 1
    assert db.transactions.get(first)["external_id"] == "broker-1"
    with pytest.raises(alexdb.AlreadyExists):
        db.transactions.record(account, "BUY", symbol="SPY", quantity=2, price=10,
                               timestamp="2025-01-10", external_id="broker-1")
    assert db.transactions.list(account)[0]["quantity"] == 1


def rejected(field, call, *args, **kwargs):
    with pytest.raises(alexdb.ValidationError) as caught:
        call(*args, **kwargs)
    assert caught.value.field == field, str(caught.value)
    assert caught.value.rule


@pytest.mark.parametrize("arguments, field", [
    ({"type": "BUY", "symbol": "SPY", "price": 1}, "quantity"),
    ({"type": "BUY", "symbol": "SPY", "quantity": -1, "price": 1}, "quantity"),
    ({"type": "BUY", "symbol": "SPY", "quantity": "abc", "price": 1}, "quantity"),
    ({"type": "BUY", "symbol": "SPY", "quantity": 1, "price": 1, "fees": -1}, "fees"),
    ({"type": "BUY", "symbol": "S#P", "quantity": 1, "price": 1}, "symbol"),
    ({"type": "DEPOSIT", "amount": 0}, "amount"),
    ({"type": "DEPOSIT", "amount": 5, "quantity": 1}, "quantity"),
    ({"type": "GIFT", "amount": 5}, "type"),
    ({"type": "DEPOSIT", "amount": 5, "timestamp": ""}, "timestamp"),
    ({"type": "DEPOSIT", "amount": 5, "timestamp": 12}, "timestamp"),
    ({"type": "DEPOSIT", "amount": 5, "external_id": "a b"}, "external_id"),
    ({"type": "DEPOSIT", "amount": 5, "note": "x" * 1025}, "note"),
])
def test_bad_input_names_the_field_and_writes_nothing(db, account, arguments, field):
    rejected(field, db.transactions.record, account, **arguments)
    assert db.transactions.list(account) == []


def test_bad_correction_names_the_field_and_writes_nothing(db, account):
    tid = db.transactions.record(account, "DEPOSIT", amount=100, timestamp="2025-01-02")
    first = db.transactions.get(tid)
    rejected("amount", db.transactions.correct, tid, {"amount": -5})
    rejected("price", db.transactions.correct, tid, {"price": 5})
    rejected("colour", db.transactions.correct, tid, {"colour": "red"})
    rejected("as_known_at", db.transactions.list, account, as_known_at="not a time")
    assert db.transactions.get(tid) == first


def test_unknown_account_and_transaction(db, account):
    with pytest.raises(alexdb.NotFound):
        db.transactions.record("no-such-account", "DEPOSIT", amount=1)
    assert db.transactions.get("no-such-transaction") is None
    with pytest.raises(alexdb.NotFound):
        db.transactions.void("no-such-transaction")
    tid = db.transactions.record(account, "DEPOSIT", amount=1)
    db.transactions.void(tid)
    with pytest.raises(alexdb.NotFound):
        db.transactions.correct(tid, {"amount": 2})
