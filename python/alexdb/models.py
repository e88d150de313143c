"""The models of a Database (``db.users``, ``db.instruments``, ``db.accounts``,
``db.positions``, ``db.jobs``: the seed's calls; ``db.transactions``, ``db.portfolio``:
the ledger's), each
forwarded to the C++ core (see _forwarding). Every model also has ``db``, the
Aurora-compatible client the planner's services reach as ``self.db`` on a model (see
alexdb.client)."""

from typing import Any, Optional

from . import _core
from ._forwarding import CoreWrapper
from .client import Client

__all__ = ["Users", "Instruments", "Accounts", "Positions", "Jobs", "CreatedJob", "Transactions",
           "Portfolio"]


class _Model(CoreWrapper):
    __slots__ = ("_core", "db")
    db: Client  # the Aurora-era client (alexdb.client), as `self.db` on the old models

    def __init__(self, core: Any, client: Client) -> None:
        self._core = core
        self.db = client

    def __repr__(self) -> str:
        return "<alexdb.%s>" % type(self).__name__


class Users(_Model, core=_core.Users):
    """The planner's users, keyed by Clerk user id."""
    __slots__ = ()


class Instruments(_Model, core=_core.Instruments):
    """Instruments (ETFs, funds, stocks) with their allocations and price history."""
    __slots__ = ()


class Accounts(_Model, core=_core.Accounts):
    """Investment accounts of a user."""
    __slots__ = ()


class Positions(_Model, core=_core.Positions):
    """Positions of an account with their complete change history and valuations."""
    __slots__ = ()


class CreatedJob(str):
    """The id of a job just created: a str, as every create call returns, that also
    answers ``job["id"]`` (and ``job.get("id")``) as the planner's services index the
    job they created. Any other field is read once, on first use, with find_by_id."""

    __slots__ = ("_jobs", "_record")

    def __new__(cls, job_id: str, jobs: "Jobs") -> "CreatedJob":
        created = super().__new__(cls, job_id)
        created._jobs = jobs
        created._record = None
        return created

    def _field(self, key: str) -> Any:
        if key == "id":
            return str(self)
        if self._record is None:
            self._record = self._jobs.find_by_id(str(self)) or {"id": str(self)}
        return self._record[key]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return self._field(key)
        return str.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        """The job's field ``key`` (``"id"`` without a read), or ``default``."""
        try:
            return self._field(key)
        except KeyError:
            return default

    def __reduce__(self):
        return (str, (str(self),))


class Jobs(_Model, core=_core.Jobs):
    """Analysis jobs of the planner's agents."""
    __slots__ = ()

    def create_job(self, clerk_user_id: str, job_type: str,
                   request_payload: Optional[dict] = None) -> CreatedJob:
        """Creates a pending job with a new UUID, returned as a CreatedJob (a str that
        also answers job["id"])."""
        return CreatedJob(self._core.create_job(clerk_user_id, job_type, request_payload),
                          self)

    def create(self, data: Any = None, returning: Optional[str] = None, *,
               job_data: Any = None) -> CreatedJob:
        """Creates a job from a dict (or a model_dump() object); returns its id as a
        CreatedJob (a str that also answers job["id"])."""
        return CreatedJob(self._core.create(data, returning, job_data=job_data), self)


class Transactions(_Model, core=_core.Transactions):
    """The ledger's transactions (SPEC section 12): record, get, list, correct and void,
    every read as known at a moment. A transaction is a dict of id, account_id, type,
    symbol, quantity, price, fees, amount, timestamp, external_id, note, recorded_at,
    revision (int) and voided (bool); numbers are Decimal, an absent value is None."""
    __slots__ = ()


class Portfolio(_Model, core=_core.Portfolio):
    """Lots and gains of an account's ledger (SPEC section 12): lots(account_id, symbol,
    at, method, as_known_at) and gains(account_id, start, end, method, as_known_at), by
    cost method fifo, lifo, hifo or average, every number a Decimal."""
    __slots__ = ()
