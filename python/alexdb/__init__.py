"""alexdb: the Alex planner's data (users, instruments, accounts, positions with their
history, jobs) on DynamoDB or an embedded SQLite engine, implemented in C++.

A drop-in for the planner's ``Database``::

    from alexdb import Database

    db = Database()            # ALEXDB_STORE etc. from the environment or .env
    db.users.create_user("user_123", "John Doe")

Results are dicts (lists of dicts) shaped as the reference package returned them: fields
never set are absent (not None), counts and versions are ``int``, other numbers
``decimal.Decimal``, timestamps ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` strings; ``None`` where
nothing is found. ``db.store`` (and ``repr(db)``) says which store is open; opening logs
it on the ``alexdb`` logger. ``db.client`` (also ``.db`` on each model) answers the
planner's Aurora-era client calls (alexdb.client); ``alexdb.schemas`` has the reference's
schema names. Arguments
accept ``Decimal``, ``int``, ``str`` and ``float`` (converted through ``str``, never
through binary), ``datetime`` (naive means UTC) and ``date``.

Time rules (the same in C++, here and on the command line): a ``date`` or a
``"YYYY-MM-DD"`` str means the end of that day, UTC, in a question (positions or value
at a date, the end of a range; the start of a range is the start of that day) and that
day's close, 21:00 UTC, for when a change or a price happened (``add_or_update_position``,
``update_price``, ``import_prices``). An empty str is never a date (``ValidationError``).
No change or price may be dated later than now + 1 day, and years run from 1970 to 9999.
Valuations round money (each position's value and the total) half-even to 8 decimal
places, or to 38 significant digits when larger; quantities and prices are exact.
"""

from .errors import (
    AlreadyExists,
    ConditionFailed,
    Error,
    LegacyRecord,
    NotFound,
    ServiceError,
    StoreError,
    Throttled,
    ValidationError,
)
from .database import Database
from .models import (Accounts, CreatedJob, Instruments, Jobs, Portfolio, Positions,
                     Transactions, Users)

__all__ = [
    "Database",
    "Users",
    "Instruments",
    "Accounts",
    "Positions",
    "Jobs",
    "CreatedJob",
    "Transactions",
    "Portfolio",
    "Error",
    "ValidationError",
    "NotFound",
    "AlreadyExists",
    "ConditionFailed",
    "Throttled",
    "ServiceError",
    "StoreError",
    "LegacyRecord",
]
