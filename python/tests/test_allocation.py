"""db.portfolio.allocation from Python (SPEC section 12) on every engine: the dict of
SPEC section 12 with exact Decimals, each kind of map worked by hand, weights to 2
places, unpriced positions listed, and bad arguments refused naming the argument."""

from decimal import Decimal

import pytest

import alexdb
from conftest import instrument

REPORT = ["at", "by", "total_value", "weights", "values", "missing_prices"]


@pytest.fixture
def account(db):
    """10 EQX and 20 BND bought on 2025-01-03, GLD without a price; EQX is 60% North
    America and 40% Europe, BND's sectors sum to 99."""
    db.users.create_user("user_1")
    account = db.accounts.create_account("user_1", "Brokerage")
    eqx = dict(instrument("EQX"), allocation_asset_class={"equity": 100},
               allocation_regions={"north_america": 60, "europe": 40},
               allocation_sectors={"technology": 100})
    bnd = dict(instrument("BND"), allocation_asset_class={"fixed_income": 100},
               allocation_regions={"north_america": 100},
               allocation_sectors={"financials": 66, "treasury": 33})
    for i in (eqx, bnd, instrument("GLD")):
        db.instruments.create_instrument(i)
    db.instruments.update_price("EQX", 100, timestamp="2025-01-02")
    db.instruments.update_price("BND", 50, timestamp="2025-01-02")
    db.instruments.update_price("EQX", 120, timestamp="2025-02-01")
    for symbol, quantity, price in (("EQX", 10, 100), ("BND", 20, 50), ("GLD", 1, 2000)):
        db.transactions.record(account, "BUY", symbol=symbol, quantity=quantity, price=price,
                               timestamp="2025-01-03")
    return account


def test_each_kind_worked_by_hand(db, account):
    report = db.portfolio.allocation(account, "2025-01-31", "asset_class")
    assert list(report) == REPORT
    assert report == {"at": "2025-01-31T23:59:59.999999Z", "by": "asset_class",
                      "total_value": Decimal("2000"),
                      "weights": {"equity": Decimal("50.00"), "fixed_income": Decimal("50.00")},
                      "values": {"equity": Decimal("1000"), "fixed_income": Decimal("1000")},
                      "missing_prices": ["GLD"]}
    assert all(str(w) == "50.00" for w in report["weights"].values())
    regions = db.portfolio.allocation(account, "2025-02-15", by="region")
    assert regions["values"] == {"europe": Decimal("480"), "north_america": Decimal("1720")}
    assert regions["weights"] == {"europe": Decimal("21.82"), "north_america": Decimal("78.18")}
    sectors = db.portfolio.allocation(account, "2025-01-31", by="sector")
    assert sectors["values"] == {"financials": Decimal("666.66666667"),
                                 "treasury": Decimal("333.33333333"),
                                 "technology": Decimal("1000")}


def test_now_values_at_current_prices(db, account):
    now = db.portfolio.allocation(account)
    assert now["at"] is None and now["by"] == "asset_class"
    assert now["total_value"] == Decimal("2200")
    assert now["weights"] == {"equity": Decimal("54.55"), "fixed_income": Decimal("45.45")}


@pytest.mark.parametrize("kwargs,field", [
    ({"by": "country"}, "by"),
    ({"at": "soon"}, "at"),
    ({"by": 3}, "by"),
])
def test_bad_arguments_name_the_field(db, account, kwargs, field):
    with pytest.raises(alexdb.ValidationError) as error:
        db.portfolio.allocation(account, **kwargs)
    assert error.value.field == field
