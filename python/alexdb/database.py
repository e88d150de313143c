"""alexdb.Database: the store, its tables and the five models (see the package doc)."""

from typing import Optional

from . import _core
from ._forwarding import CoreWrapper
from .client import Client
from .models import Accounts, Instruments, Jobs, Portfolio, Positions, Transactions, Users

__all__ = ["Database"]

_MODELS = (("users", Users), ("instruments", Instruments), ("accounts", Accounts),
           ("positions", Positions), ("jobs", Jobs),
           ("transactions", Transactions), ("portfolio", Portfolio))


class Database(CoreWrapper, core=_core.Database, skip=[name for name, _ in _MODELS]):
    """The Alex planner's data: users, instruments, accounts, positions, jobs.

    Database() resolves the store and table names from the environment and .env as the
    C++ Database() does (ALEXDB_STORE; else DYNAMODB_ENDPOINT, AWS_ENDPOINT_URL_DYNAMODB,
    DYNAMODB_USERS_TABLE, DYNAMODB_INSTRUMENTS_TABLE or AWS Lambda select DynamoDB; else
    the file alex.db); keyword arguments override them. Opening logs which store it opened
    on the ``alexdb`` logger (INFO); ``store`` and ``repr()`` say it too.
    ``instrument_cache_seconds``: how long instruments (name, type, current price) may be
    reused (default: ALEXDB_INSTRUMENT_CACHE_SECONDS, else 60; 0: read every time); this
    Database's own writes are seen at once. Safe to share between threads.
    """

    __slots__ = ("_core", "client", "db") + tuple(name for name, _ in _MODELS)
    users: Users
    instruments: Instruments
    accounts: Accounts
    positions: Positions
    jobs: Jobs
    transactions: Transactions  # the ledger (SPEC section 12)
    portfolio: Portfolio  # its lots and gains
    client: Client  # the Aurora-era client calls (alexdb.client)
    db: Client      # the same client, as the planner's module-level `db.db`

    def __init__(self, region: Optional[str] = None, *, store: Optional[str] = None,
                 users_table: Optional[str] = None, instruments_table: Optional[str] = None,
                 stale_after_days: int = 7,
                 instrument_cache_seconds: Optional[int] = None) -> None:
        self._core = _core.Database(region, store=store, users_table=users_table,
                                    instruments_table=instruments_table,
                                    stale_after_days=stale_after_days,
                                    instrument_cache_seconds=instrument_cache_seconds)
        self.client = Client(self)
        self.db = self.client  # the planner's module-level `db.db.execute(...)`
        for name, model in _MODELS:
            setattr(self, name, model(getattr(self._core, name), self.client))

    def __repr__(self) -> str:
        return "alexdb.Database(store=%r, users_table=%r, instruments_table=%r)" % (
            self.store, self.users_table, self.instruments_table)
