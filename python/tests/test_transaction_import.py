"""db.transactions.import_csv from Python (SPEC section 12, README "Importing
transactions") on every engine: a broker's file read through a mapping, trades moving
positions, importing again recording nothing new, and every bad row reported with its
line and field with nothing written."""

import inspect
from decimal import Decimal

import pytest

import alexdb

BROKER = (
    "Trade Date,Action,Ticker,Shares,Price,Commission,Cash,Ref,Exchange\n"
    "2025-01-02,DEPOSIT,,,,,10000,d-1,\n"
    "2025-01-02,BUY,SPY,10,480,1,,t-1,ARCA\n"
    "2025-01-10,buy,qqq,2,400,0,,t-2,NASDAQ\n"
    "2025-02-03,SELL,SPY,3,520,1,,t-3,ARCA\n"
    '2025-03-01,DIVIDEND,SPY,,,,12.50,t-4,"div, Q1"\n'
)
MAPPING = {"timestamp": "Trade Date", "type": "Action", "symbol": "Ticker",
           "quantity": "Shares", "fees": "Commission", "amount": "Cash", "external_id": "Ref"}


@pytest.fixture
def account(db):
    db.users.create_user("user_1")
    return db.accounts.create_account("user_1", "Imported")


def held(db, account, date):
    return {p["symbol"]: p["quantity"] for p in db.positions.get_positions_at_date(account, date)}


def test_signature():
    parameters = inspect.signature(alexdb.Transactions.import_csv).parameters
    assert list(parameters) == ["self", "account_id", "path", "mapping"]
    assert parameters["mapping"].default is None


def test_a_mapped_file_records_transactions_and_moves_positions(db, account, tmp_path):
    path = tmp_path / "broker.csv"
    path.write_text(BROKER)
    report = db.transactions.import_csv(account, path, mapping=MAPPING)
    assert report == {"rows": 5, "recorded": 5, "already_present": 0}
    ledger = db.transactions.list(account)
    # By time (the deposit and the first purchase share a date: then by id).
    assert sorted(t["external_id"] for t in ledger[:2]) == ["d-1", "t-1"]
    assert [t["external_id"] for t in ledger[2:]] == ["t-2", "t-3", "t-4"]
    assert ledger[2]["symbol"] == "QQQ" and ledger[2]["type"] == "BUY"
    assert ledger[4]["amount"] == Decimal("12.50") and ledger[4]["note"] is None
    assert held(db, account, "2025-01-01") == {}
    assert held(db, account, "2025-01-10") == {"SPY": Decimal("10"), "QQQ": Decimal("2")}
    assert held(db, account, "2025-02-03") == {"SPY": Decimal("7"), "QQQ": Decimal("2")}
    assert db.portfolio.cash_balance(account, "2025-01-02") == Decimal("5199")  # 10000 - 4801


def test_importing_again_records_nothing_new(db, account, tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("date,type,symbol,quantity,price,note\n"
                    "2025-01-03,BUY,VTI,1,200,fill\n"
                    "2025-01-03,BUY,VTI,1,200,fill\n")
    assert db.transactions.import_csv(account, str(path)) == {
        "rows": 2, "recorded": 2, "already_present": 0}
    assert db.transactions.import_csv(account, str(path)) == {
        "rows": 2, "recorded": 0, "already_present": 2}
    assert len(db.transactions.list(account)) == 2
    assert held(db, account, "2025-01-03") == {"VTI": Decimal("2")}


def test_every_bad_row_is_reported_and_nothing_written(db, account, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,type,symbol,quantity,price,external_id\n"
                    "2025-01-02,BUY,SPY,10,480,a\n"
                    "2025-01-03,SELL,SPY,11,490,b\n"
                    "2025-01-04,BUY,SPY,x,490,c\n"
                    "2025-01-01,BUY,SPY,1,490,d\n"
                    "2025-01-05,BUY,SPY,1,490,a\n")
    with pytest.raises(alexdb.ValidationError) as caught:
        db.transactions.import_csv(account, path)
    e = caught.value
    assert e.field == "path"
    assert [(p["line"], p["field"]) for p in e.problems] == [
        (3, "quantity"), (4, "quantity"), (5, "timestamp"), (6, "external_id")]
    assert e.problems[2]["problem"] == "before line 2's trade of SPY"
    assert e.problem_count == 4
    assert f"{path}:3: quantity:" in str(e)
    assert db.transactions.list(account) == []
    assert held(db, account, "2025-01-05") == {}


def test_bad_arguments_name_the_field(db, account, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("date,type,amount\n2025-01-02,DEPOSIT,1\n")
    with pytest.raises(alexdb.ValidationError) as caught:
        db.transactions.import_csv(account, path, mapping={"cost": "Cost"})
    assert caught.value.field == "mapping"
    with pytest.raises(alexdb.ValidationError) as caught:
        db.transactions.import_csv(account, path, mapping=["timestamp"])
    assert caught.value.field == "mapping"
    with pytest.raises(alexdb.ValidationError) as caught:
        db.transactions.import_csv(account, tmp_path / "missing.csv")
    assert caught.value.field == "path"
    with pytest.raises(alexdb.NotFound):
        db.transactions.import_csv("no-such-account", path)
