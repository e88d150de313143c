"""Fixtures of the alexdb pytest suite.

Every test that takes `db` runs on each engine: the in-memory engine, an SQLite file in
a temporary directory, and DynamoDB (dynalite) when ALEXDB_TEST_DYNAMODB_ENDPOINT is set
(scripts/run-tests.sh starts dynalite and sets it). DynamoDB tests use table names of
their own and delete the tables afterwards.
"""

import os
import uuid
from decimal import Decimal

import pytest

import alexdb

ENDPOINT = os.environ.get("ALEXDB_TEST_DYNAMODB_ENDPOINT")
ENGINES = ["memory", "sqlite"] + (["dynamodb"] if ENDPOINT else [])


def delete_dynamodb_tables(names):
    """Deletes test tables from dynalite (best effort: boto3 may be missing)."""
    try:
        import boto3
    except ImportError:
        return
    client = boto3.client(
        "dynamodb",
        endpoint_url=ENDPOINT,
        region_name=os.environ.get("AWS_REGION", "us-east-1"),
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "alexdb-test"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "alexdb-test-secret"),
    )
    for name in names:
        try:
            client.delete_table(TableName=name)
        except Exception:  # already gone, or never created
            pass


@pytest.fixture(params=ENGINES)
def engine(request, tmp_path):
    """Database() keyword arguments selecting one engine with tables of its own."""
    if request.param == "memory":
        yield {"store": "memory:"}
    elif request.param == "sqlite":
        yield {"store": "sqlite:" + str(tmp_path / "alex.db")}
    else:
        suffix = uuid.uuid4().hex[:12]
        settings = {
            "store": ENDPOINT,
            "users_table": "py-users-" + suffix,
            "instruments_table": "py-instruments-" + suffix,
        }
        yield settings
        delete_dynamodb_tables([settings["users_table"], settings["instruments_table"]])


@pytest.fixture
def db(engine):
    database = alexdb.Database(**engine)
    database.create_tables()
    return database


ETF = {
    "symbol": "SPY",
    "name": "SPDR S&P 500 ETF Trust",
    "instrument_type": "etf",
    "current_price": Decimal("450.25"),
    "allocation_regions": {"north_america": 100},
    "allocation_sectors": {"technology": 60, "healthcare": 40},
    "allocation_asset_class": {"equity": 100},
}

BOND = {
    "symbol": "BND",
    "name": "Vanguard Total Bond Market ETF",
    "instrument_type": "bond_fund",
    "current_price": "72.80",
    "allocation_regions": {"north_america": 100},
    "allocation_sectors": {"treasury": 70, "corporate": 30},
    "allocation_asset_class": {"fixed_income": 100},
}


def instrument(symbol, name=None, instrument_type="etf", current_price=None):
    """A valid instrument dict for `symbol`."""
    data = dict(ETF, symbol=symbol, name=name or symbol + " Fund", instrument_type=instrument_type)
    data["current_price"] = current_price
    return data
