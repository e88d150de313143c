"""alexdb.client.Client: the Aurora DataAPIClient calls the planner's services make."""

from decimal import Decimal

import pytest

import alexdb
from alexdb.client import Client, UnsupportedStatement
from conftest import BOND, ETF


@pytest.fixture
def client(db):
    # The client every Database carries: db.client, and .db on each model.
    assert isinstance(db.client, Client)
    for model in (db.users, db.instruments, db.accounts, db.positions, db.jobs):
        assert model.db is db.client
    assert db.db is db.client
    return db.client


def held(db, account_id, symbol, quantity, action="BUY"):
    db.positions.add_or_update_position(account_id, symbol, quantity, action)


def test_insert_user_returning_clerk_user_id(db, client):
    data = {"clerk_user_id": "user_1", "display_name": "Ada", "years_until_retirement": 20,
            "target_retirement_income": Decimal("60000")}
    assert client.insert("users", data, returning="clerk_user_id") == "user_1"
    assert db.users.find_by_clerk_id("user_1")["display_name"] == "Ada"


def test_insert_without_returning_gives_none_and_returning_id_gives_the_new_id(db, client):
    db.users.create_user("u")  # an account needs its owner
    assert client.insert("accounts", {"clerk_user_id": "u", "account_name": "ISA"}) is None
    account_id = client.insert("accounts", {"clerk_user_id": "u", "account_name": "401k"},
                               returning="id")
    assert db.accounts.find_by_id(account_id)["account_name"] == "401k"
    assert client.insert("users", {"clerk_user_id": "u2"}, returning="region_targets") == \
        '{"international":50,"north_america":50}'


def test_update_user_by_clerk_user_id(db, client):
    db.users.create_user("user_1", "Ada")
    assert client.update("users", {"display_name": "Grace"}, "clerk_user_id = :clerk_user_id",
                         {"clerk_user_id": "user_1"}) == 1
    assert db.users.find_by_clerk_id("user_1")["display_name"] == "Grace"
    assert client.update("users", {"display_name": "X"}, "clerk_user_id = :clerk_user_id",
                         {"clerk_user_id": "nobody"}) == 0


def test_update_instruments_by_symbol(db, client):
    db.instruments.create(ETF)
    assert client.update("instruments", {"current_price": Decimal("500.5")}, "symbol = :symbol",
                         {"symbol": "SPY"}) == 1
    assert db.instruments.find_by_symbol("SPY")["current_price"] == Decimal("500.5")
    # The tagger's whole instrument, key included, in any keyword case and spacing.
    assert client.update("instruments", dict(ETF, name="Renamed"), "  SYMBOL=:s ",
                         {"s": "SPY"}) == 1
    assert db.instruments.find_by_symbol("SPY")["name"] == "Renamed"
    # A quoted literal, and the timestamps alexdb keeps itself.
    assert client.update("instruments", {"name": "It's", "updated_at": "2020-01-01"},
                         "symbol = 'SPY'") == 1
    assert db.instruments.find_by_symbol("SPY")["name"] == "It's"
    assert db.instruments.find_by_symbol("SPY")["updated_at"] > "2020-01-02"


def test_update_and_delete_by_id(db, client):
    job_id = db.jobs.create_job("user_1", "portfolio_analysis")
    assert client.update("jobs", {"status": "running"}, "id = :id", {"id": job_id}) == 1
    assert db.jobs.find_by_id(job_id)["status"] == "running"
    assert client.delete("jobs", "id = :id", {"id": job_id}) >= 1  # the model call's count
    assert db.jobs.find_by_id(job_id) is None


def test_execute_distinct_symbols_of_open_positions(db, client):
    for data in (ETF, BOND, dict(ETF, symbol="QQQ")):
        db.instruments.create(data)
    db.users.create_user("user_1")  # an account needs its owner
    db.users.create_user("user_2")  # an account needs its owner
    first = db.accounts.create_account("user_1", "ISA")
    second = db.accounts.create_account("user_2", "401k")
    held(db, first, "SPY", 10)
    held(db, second, "SPY", 5)
    held(db, second, "BND", 7)
    held(db, first, "QQQ", 3)
    held(db, first, "QQQ", 0, "SELL")  # sold out: not a held symbol
    result = client.execute("SELECT DISTINCT symbol FROM positions")
    assert result["records"] == [[{"stringValue": "BND"}], [{"stringValue": "SPY"}]]
    assert result["columnMetadata"][0]["name"] == "symbol"
    assert result["numberOfRecordsUpdated"] == 0
    assert client.query("SELECT DISTINCT symbol FROM positions LIMIT 1 OFFSET 1") == \
        [{"symbol": "SPY"}]
    assert client.query("SELECT DISTINCT symbol FROM positions ORDER BY symbol DESC") == \
        [{"symbol": "SPY"}, {"symbol": "BND"}]
    # The planner's reading of it.
    assert [r[0]["stringValue"] for r in result["records"]] == ["BND", "SPY"]


def test_execute_fields_never_floats(db, client):
    db.instruments.create(ETF)
    record = client.execute("SELECT * FROM instruments WHERE symbol = :symbol",
                            {"symbol": "SPY"})
    names = [c["name"] for c in record["columnMetadata"]]
    row = dict(zip(names, record["records"][0]))
    assert row["current_price"] == {"stringValue": "450.25"}
    assert row["allocation_regions"] == {"stringValue": '{"north_america":100}'}
    assert all("doubleValue" not in f for f in record["records"][0])
    db.users.create_user("user_1")  # an account needs its owner
    account = db.accounts.create_account("user_1", "ISA")
    row = client.execute("SELECT id, account_purpose FROM accounts WHERE id = :id", {"id": account})
    assert row["records"] == [[{"stringValue": account}, {"isNull": True}]]


def test_query_shapes(db, client):
    db.instruments.create(ETF)
    db.instruments.create(BOND)
    db.users.create_user("user_1")  # an account needs its owner
    account = db.accounts.create_account("user_1", "ISA")
    held(db, account, "SPY", 2)
    job_id = db.jobs.create_job("user_1", "risk_assessment")
    positions = client.query("SELECT * FROM positions WHERE account_id = :account_id",
                             {"account_id": account})
    assert [(p["symbol"], p["quantity"]) for p in positions] == [("SPY", Decimal("2"))]
    assert "instrument_name" not in positions[0]
    assert [a["id"] for a in client.query(
        "select * from accounts where clerk_user_id = :clerk_user_id;",
        {"clerk_user_id": "user_1"})] == [account]
    assert [j["id"] for j in client.query("SELECT * FROM jobs WHERE clerk_user_id = :u",
                                          {"u": "user_1"})] == [job_id]
    assert client.query_one("SELECT * FROM users WHERE clerk_user_id = :id", {"id": "x"}) is None
    assert client.query_one("SELECT * FROM jobs WHERE id = :id", {"id": job_id})["job_type"] == \
        "risk_assessment"
    assert [i["symbol"] for i in client.query("SELECT * FROM instruments ORDER BY symbol")] == \
        ["BND", "SPY"]
    assert [i["symbol"] for i in client.query(
        "SELECT symbol FROM instruments ORDER BY symbol DESC LIMIT 1")] == ["SPY"]
    assert client.query_one("SELECT name FROM instruments WHERE symbol = 'BND'") == \
        {"name": BOND["name"]}
    # The Data API's parameter list works too.
    assert client.query_one("SELECT * FROM instruments WHERE symbol = :s",
                            [{"name": "s", "value": {"stringValue": "BND"}}])["symbol"] == "BND"


@pytest.mark.parametrize("sql, replacement", [
    ("SELECT p.*, i.name FROM positions p JOIN instruments i ON p.symbol = i.symbol",
     "db.positions.find_by_account(account_id)"),
    ("SELECT * FROM jobs WHERE status = :status", "db.jobs.find_by_user(clerk_user_id, status"),
    ("UPDATE instruments SET current_price = 1 WHERE symbol = 'SPY'",
     "db.instruments.update(symbol, data)"),
    ("INSERT INTO jobs (clerk_user_id) VALUES ('u')", "db.jobs.create(data)"),
    ("DELETE FROM accounts WHERE id = :id", "db.accounts.delete(id)"),
    ("SELECT * FROM portfolios", "db.users, db.instruments"),
    ("BEGIN", "atomic on its own"),
])
def test_unsupported_statements_name_the_replacement(client, sql, replacement):
    with pytest.raises(UnsupportedStatement, match="use|atomic") as caught:
        client.execute(sql)
    assert replacement in str(caught.value)
    assert isinstance(caught.value, alexdb.ValidationError)


def test_unsupported_where_and_transactions(db, client):
    with pytest.raises(alexdb.ValidationError, match=r"db\.instruments\.update\(symbol, data\)"):
        client.update("instruments", {"name": "x"}, "name = :name", {"name": "x"})
    with pytest.raises(alexdb.ValidationError, match="no value for :symbol"):
        client.update("instruments", {"name": "x"}, "symbol = :symbol", {})
    with pytest.raises(UnsupportedStatement, match="atomic on its own"):
        client.begin_transaction()
    with pytest.raises(UnsupportedStatement, match="atomic on its own"):
        client.commit_transaction("t")
    with pytest.raises(UnsupportedStatement, match="cannot change"):
        client.update("instruments", {"symbol": "QQQ"}, "symbol = :s", {"s": "SPY"})
    with pytest.raises(UnsupportedStatement, match="the tables are users"):
        client.insert("portfolios", {"x": 1})
    with pytest.raises(UnsupportedStatement, match="no column 'nope'"):
        client.query("SELECT nope FROM users")
