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


def test_instrument_cache_seconds_sets_how_long_instruments_are_reused(engine, monkeypatch):
    import alexdb
    import pytest
    from conftest import ETF

    if engine["store"] == "memory:":
        pytest.skip("each memory: Database is a store of its own")
    cached = alexdb.Database(**engine)
    cached.create_tables()
    cached.instruments.create_instrument(ETF)
    cached.users.create_user("cache-user", "Cache")
    account = cached.accounts.create_account("cache-user", "Cache")
    cached.positions.add_position(account, "SPY", Decimal(3))
    cached.positions.find_by_account(account)
    cached.reset_capacity()
    cached.positions.find_by_account(account)
    assert cached.capacity()["requests"] == 1  # instruments from the cache

    uncached = alexdb.Database(**engine, instrument_cache_seconds=0)
    for _ in range(2):
        uncached.reset_capacity()
        assert uncached.positions.find_by_account(account)[0]["instrument_name"] == ETF["name"]
        assert uncached.capacity()["requests"] == 2  # and the instrument, every time

    monkeypatch.setenv("ALEXDB_INSTRUMENT_CACHE_SECONDS", "0")
    from_env = alexdb.Database(**engine)
    from_env.positions.find_by_account(account)
    from_env.reset_capacity()
    from_env.positions.find_by_account(account)
    assert from_env.capacity()["requests"] == 2

    with pytest.raises(ValueError, match="instrument_cache_seconds"):
        alexdb.Database(**engine, instrument_cache_seconds=-1)
    monkeypatch.setenv("ALEXDB_INSTRUMENT_CACHE_SECONDS", "soon")
    with pytest.raises(ValueError, match="ALEXDB_INSTRUMENT_CACHE_SECONDS"):
        alexdb.Database(**engine)
