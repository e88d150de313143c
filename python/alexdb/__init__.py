"""alexdb: the Alex planner's data (users, instruments, accounts, positions with their
history, jobs) on DynamoDB or an embedded SQLite engine, implemented in C++.

A drop-in for the planner's ``Database``::

    from alexdb import Database

    db = Database()            # ALEXDB_STORE etc. from the environment or .env
    db.users.create_user("user_123", "John Doe")

Results are dicts (lists of dicts) with numbers as ``decimal.Decimal`` and timestamps as
``YYYY-MM-DDTHH:MM:SS.ffffffZ`` strings; ``None`` where nothing is found. Arguments
accept ``Decimal``, ``int``, ``str`` and ``float`` (converted through ``str``, never
through binary), ``datetime`` (naive means UTC) and ``date`` (the end of that day, UTC).
"""

from .errors import (
    AlreadyExists,
    ConditionFailed,
    Error,
    NotFound,
    ServiceError,
    StoreError,
    Throttled,
    ValidationError,
)
from ._core import Accounts, Database, Instruments, Jobs, Positions, Users

__all__ = [
    "Database",
    "Users",
    "Instruments",
    "Accounts",
    "Positions",
    "Jobs",
    "Error",
    "ValidationError",
    "NotFound",
    "AlreadyExists",
    "ConditionFailed",
    "Throttled",
    "ServiceError",
    "StoreError",
]
