"""alexdb.schemas: the reference's names, both variants (pydantic when importable, plain)."""

import importlib
from decimal import Decimal

import pytest

from alexdb import schemas

VARIANTS = ["plain"] + (["pydantic"] if schemas.VARIANT == "pydantic" else [])
NAMES = ["RegionType", "AssetClassType", "SectorType", "InstrumentType", "JobType",
         "JobStatus", "UserCreate", "UserUpdate", "InstrumentCreate", "InstrumentUpdate",
         "AccountCreate", "AccountUpdate", "PositionCreate", "PositionUpdate", "JobCreate",
         "JobUpdate", "InstrumentResponse", "PortfolioAnalysis", "RebalanceRecommendation",
         "AccountType"]
INSTRUMENT = dict(symbol="VTI", name="Total Market", instrument_type="etf",
                  current_price="250.10", allocation_regions={"north_america": 100},
                  allocation_sectors={"technology": 60, "healthcare": 38.5},
                  allocation_asset_class={"equity": 100})


@pytest.fixture(params=VARIANTS)
def models(request):
    return schemas.plain_models() if request.param == "plain" else schemas.pydantic_models()


def test_every_name_importable():
    for name in NAMES:
        assert getattr(schemas, name) is not None
    from alexdb.schemas import InstrumentCreate, JobCreate  # as the services do
    assert callable(InstrumentCreate) and callable(JobCreate)


def test_plain_variant_selected_by_the_environment(monkeypatch):
    monkeypatch.setenv("ALEXDB_SCHEMAS_PLAIN", "1")
    try:
        assert importlib.reload(schemas).VARIANT == "plain"
        assert issubclass(schemas.JobCreate, schemas.PlainModel)
    finally:
        monkeypatch.delenv("ALEXDB_SCHEMAS_PLAIN")
        importlib.reload(schemas)


@pytest.mark.parametrize("model, values, field", [
    ("UserCreate", dict(clerk_user_id="a b"), "clerk_user_id"),
    ("UserCreate", dict(clerk_user_id="u", years_until_retirement=101), "years_until_retirement"),
    ("UserCreate", dict(clerk_user_id="u", region_targets={"europe": 50}), "region_targets"),
    ("InstrumentCreate", dict(INSTRUMENT, current_price="-1"), "current_price"),
    ("InstrumentCreate", dict(INSTRUMENT, allocation_sectors={"technology": 90}),
     "allocation_sectors"),
    ("InstrumentCreate", dict(INSTRUMENT, symbol="BAD SYMBOL"), "symbol"),
    ("AccountCreate", dict(account_name="A", cash_interest="1.5"), "cash_interest"),
    ("PositionCreate", dict(account_id="a", symbol="SPY", quantity="-1"), "quantity"),
    ("PositionCreate", dict(account_id="a", symbol="SPY", quantity="1.123456789"), "quantity"),
    ("JobCreate", dict(clerk_user_id="u"), "job_type"),
])
def test_validation_errors_name_the_field(models, model, values, field):
    with pytest.raises(ValueError, match=field):
        models[model](**values)


@pytest.mark.parametrize("model, values, field", [
    ("InstrumentCreate", dict(INSTRUMENT, instrument_type="crypto"), "instrument_type"),
    ("InstrumentCreate", dict(INSTRUMENT, allocation_regions={"mars": 100}), "allocation_regions"),
    ("JobCreate", dict(clerk_user_id="u", job_type="gamble"), "job_type"),
    ("JobUpdate", dict(status="done"), "status"),
    ("UserCreate", dict(clerk_user_id="u", asset_class_targets={"crypto": 100}),
     "asset_class_targets"),
])
def test_enums_reject_bad_values(models, model, values, field):
    with pytest.raises(ValueError, match=field):
        models[model](**values)


def test_defaults_and_decimals(models):
    user = models["UserCreate"](clerk_user_id="u").model_dump()
    assert user["asset_class_targets"] == {"equity": 70, "fixed_income": 30}
    assert user["region_targets"] == {"north_america": 50, "international": 50}
    account = models["AccountCreate"](account_name="ISA").model_dump()
    assert account["cash_balance"] == Decimal(0) and isinstance(account["cash_balance"], Decimal)
    instrument = models["InstrumentCreate"](**INSTRUMENT)
    assert instrument.model_dump()["current_price"] == Decimal("250.10")
    if isinstance(instrument, schemas.PlainModel) or not hasattr(type(instrument), "model_fields"):
        assert instrument.dict() == instrument.model_dump()  # deprecated on pydantic v2


def test_agent_output_models(models):
    analysis = models["PortfolioAnalysis"](
        total_value="1000.50", asset_allocation={"equity": 60, "fixed_income": 40},
        region_allocation={"north_america": 100}, sector_allocation={"technology": 100},
        risk_score=6, recommendations=["hold"])
    assert analysis.model_dump()["total_value"] == Decimal("1000.50")
    with pytest.raises(ValueError, match="risk_score"):
        models["PortfolioAnalysis"](**dict(analysis.model_dump(), risk_score=11))
    with pytest.raises(ValueError, match="recommendations"):
        models["PortfolioAnalysis"](**dict(analysis.model_dump(), recommendations="hold"))
    advice = models["RebalanceRecommendation"](
        current_allocation={"SPY": 100}, target_allocation={"SPY": 60, "BND": 40},
        trades=[{"symbol": "BND", "action": "buy", "quantity": 50}], rationale="diversify")
    assert advice.model_dump()["trades"][0]["symbol"] == "BND"


def test_instrument_response_reads_a_database_record(db, models):
    db.instruments.create(INSTRUMENT)
    record = db.instruments.find_by_symbol("VTI")
    response = models["InstrumentResponse"](**record)
    assert response.model_dump()["symbol"] == "VTI"


def test_updates_dump_only_the_given_fields(models):
    assert models["UserUpdate"](display_name="Ada").model_dump() == {"display_name": "Ada"}
    assert models["JobUpdate"](status="failed", error_message="x").model_dump() == \
        {"status": "failed", "error_message": "x"}
    assert models["InstrumentUpdate"](current_price=1).model_dump() == {"current_price": Decimal(1)}


def test_model_dump_round_trips_into_the_database(db, models):
    assert db.users.create(models["UserCreate"](clerk_user_id="u1", display_name="Ada",
                                                years_until_retirement=25)) == "u1"
    assert db.users.update("u1", models["UserUpdate"](display_name="Grace")) == 1
    assert db.users.find_by_clerk_id("u1")["display_name"] == "Grace"
    assert db.instruments.create(models["InstrumentCreate"](**INSTRUMENT)) == "VTI"
    assert db.instruments.update("VTI", models["InstrumentUpdate"](name="Renamed")) == 1
    assert db.instruments.find_by_symbol("VTI")["allocation_sectors"]["healthcare"] == \
        Decimal("38.5")
    account = db.accounts.create(models["AccountCreate"](clerk_user_id="u1", account_name="ISA",
                                                         cash_balance="10.50"))
    assert db.accounts.update(account, models["AccountUpdate"](cash_interest="0.04")) == 1
    assert db.accounts.find_by_id(account)["cash_interest"] == Decimal("0.04")
    position = db.positions.create(models["PositionCreate"](account_id=account, symbol="VTI",
                                                            quantity="1.5"))
    assert db.positions.update(position, models["PositionUpdate"](quantity="2")) == 1
    assert db.positions.find_by_id(position)["quantity"] == Decimal("2")
    job = db.jobs.create(models["JobCreate"](clerk_user_id="u1", job_type="portfolio_analysis",
                                             request_payload={"n": 1}))
    assert db.jobs.find_by_id(job)["request_payload"] == {"n": 1}
    assert db.jobs.update(job, models["JobUpdate"](status="completed",
                                                   summary_payload={"ok": True})) == 1
    assert db.jobs.find_by_id(job)["status"] == "completed"
