"""The planner's database calls, each written as its service writes it (issue 14), run
unchanged against alexdb: only the import line differs (``from alexdb import Database``,
``from alexdb.schemas import ...`` for ``from src import ...``)."""

from decimal import Decimal

from alexdb.schemas import AccountCreate, InstrumentCreate, JobCreate, JobUpdate, UserCreate
from conftest import ETF


def test_api_main_inserts_a_user_returning_its_clerk_id(db):
    # api/main.py
    user_data = {"clerk_user_id": "user_abc", "display_name": "Ada",
                 "years_until_retirement": 25, "target_retirement_income": 90000,
                 "asset_class_targets": {"equity": 70, "fixed_income": 30},
                 "region_targets": {"north_america": 50, "international": 50}}
    created = db.users.db.insert('users', user_data, returning='clerk_user_id')
    assert created == "user_abc"
    assert db.users.find_by_clerk_id("user_abc")["target_retirement_income"] == Decimal("90000")


def test_api_main_updates_a_user_through_the_models_client(db):
    # api/main.py
    db.users.create_user("user_abc", "Ada")
    update_data = {"display_name": "Grace", "years_until_retirement": 20}
    rows = db.users.db.update('users', update_data, "clerk_user_id = :clerk_user_id",
                              {'clerk_user_id': "user_abc"})
    assert rows == 1
    user = db.users.find_by_clerk_id("user_abc")
    assert (user["display_name"], user["years_until_retirement"]) == ("Grace", Decimal("20"))


def test_planner_market_updates_an_instruments_price_through_db_client(db):
    # planner/market.py and tagger/lambda_handler.py
    db.instruments.create_instrument(ETF)
    symbol = "SPY"
    update_data = {"current_price": Decimal("612.5")}
    rows = db.client.update('instruments', update_data, "symbol = :symbol", {'symbol': symbol})
    assert rows == 1
    assert db.instruments.find_by_symbol("SPY")["current_price"] == Decimal("612.5")


def test_planner_market_lists_the_symbols_every_portfolio_holds(db):
    # planner/market.py: the Data API response of SELECT DISTINCT symbol FROM positions
    db.users.create_user("user_abc")  # an account needs its owner
    db.users.create_user("user_xyz")  # an account needs its owner
    first = db.accounts.create_account("user_abc", "ISA")
    second = db.accounts.create_account("user_xyz", "401k")
    db.positions.add_or_update_position(first, "SPY", 10, "BUY")
    db.positions.add_or_update_position(second, "SPY", 5, "BUY")
    db.positions.add_or_update_position(second, "BND", 3, "BUY")
    response = db.db.execute("SELECT DISTINCT symbol FROM positions")
    symbols = {record[0]["stringValue"] for record in response["records"]}
    assert symbols == {"BND", "SPY"}


def test_planner_lambda_handler_indexes_the_job_it_created(db):
    # planner/lambda_handler.py
    job = db.jobs.create(JobCreate(clerk_user_id="user_abc", job_type="portfolio_analysis",
                                   request_payload={"question": "on track?"}).model_dump())
    job_id = job['id']
    db.jobs.update_status(job_id, "running")
    assert db.jobs.find_by_id(job_id)["status"] == "running"
    db.jobs.update(job_id, JobUpdate(status="completed",
                                     summary_payload={"summary": "on track"}).model_dump())
    assert db.jobs.find_by_id(job_id)["summary_payload"] == {"summary": "on track"}


def test_planner_reads_a_default_for_a_field_never_set(db):
    # planner/lambda_handler.py and reporter: float(user.get(..., default))
    db.users.create(UserCreate(clerk_user_id="user_abc").model_dump())
    user = db.users.find_by_clerk_id("user_abc")
    assert float(user.get("target_retirement_income", 80000)) == 80000.0
    assert int(user.get("years_until_retirement", 30)) == 30


def test_services_create_records_from_the_schemas(db):
    # tagger, researcher and api: the schema models go straight into create()
    symbol = db.instruments.create_instrument(InstrumentCreate(
        symbol="vti", name="Vanguard Total Stock Market ETF", instrument_type="etf",
        current_price=Decimal("290.1"), allocation_regions={"north_america": 100},
        allocation_sectors={"technology": 30, "healthcare": 70},
        allocation_asset_class={"equity": 100}))
    assert symbol == "VTI"
    db.users.create_user("user_abc")  # an account needs its owner
    account_id = db.accounts.create(AccountCreate(clerk_user_id="user_abc",
                                                  account_name="Roth IRA").model_dump())
    assert db.accounts.find_by_id(account_id)["cash_balance"] == Decimal("0")


def test_portfolio_value_counts_positions_as_int(db):
    # charter and reporter: num_positions used as an int (range, %d)
    db.users.create_user("user_abc")  # an account needs its owner
    account_id = db.accounts.create_account("user_abc", "ISA")
    db.positions.add_or_update_position(account_id, "SPY", 10, "BUY")
    db.positions.add_or_update_position(account_id, "BND", 10, "BUY")
    value = db.positions.get_portfolio_value(account_id)
    assert value["num_positions"] == 2 and "%d positions" % value["num_positions"] == "2 positions"
    assert list(range(value["num_positions"])) == [0, 1]
