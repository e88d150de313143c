"""The Aurora package's ``DataAPIClient`` calls, over an alexdb ``Database``.

The planner's services still call the client of the package alexdb replaces (as
``db.client`` and as ``.db`` on every model)::

    db.client.update("instruments", data, "symbol = :symbol", {"symbol": symbol})
    db.users.db.insert("users", data, returning="clerk_user_id")
    db.db.execute("SELECT DISTINCT symbol FROM positions")

:class:`Client` answers those calls with the public model calls (``db.users.create``,
``db.instruments.update``, ``db.positions.find_all`` ...). It is not a SQL engine: it
recognises a few statement shapes (see :meth:`Client.query`) and raises
:class:`UnsupportedStatement`, naming the model call to use instead, for anything else.
Every call is atomic on its own, as the model call it maps to; there are no transactions.
"""

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from . import _data_api as data_api
from ._data_api import Parameters
from .errors import ValidationError

__all__ = ["Client", "UnsupportedStatement"]

class UnsupportedStatement(ValidationError):
    """A statement or call that alexdb cannot run; the message names the call to use.

    A :class:`alexdb.ValidationError` (and so a ``ValueError``) with ``field`` ``"sql"``
    (or ``"where"``, ``"table"``, ``"transaction"``) and ``rule`` the supported shape.
    Nothing was read or written.
    """


@dataclass(frozen=True)
class _Table:
    """How one Aurora table maps onto its model."""

    name: str
    key: str
    columns: Tuple[str, ...]
    # Column -> the model call that finds the records with that column's value.
    finders: Dict[str, Tuple[str, Callable[[Any, Any], List[dict]]]] = field(default_factory=dict)


def _one(record: Optional[dict]) -> List[dict]:
    return [] if record is None else [record]


# find_by_account adds the instrument's fields; SELECT * FROM positions has none of them.
_JOINED = ("instrument_name", "instrument_type", "current_price")


def _positions_of(database: Any, account_id: Any) -> List[dict]:
    return [{k: v for k, v in r.items() if k not in _JOINED}
            for r in database.positions.find_by_account(account_id)]


_STAMPS = ("created_at", "updated_at")
_TABLES: Dict[str, _Table] = {
    t.name: t
    for t in (
        _Table("users", "clerk_user_id",
               ("clerk_user_id", "display_name", "years_until_retirement",
                "target_retirement_income", "asset_class_targets", "region_targets") + _STAMPS,
               {"clerk_user_id": ("db.users.find_by_clerk_id(clerk_user_id)",
                                  lambda d, v: _one(d.users.find_by_clerk_id(v)))}),
        _Table("instruments", "symbol",
               ("symbol", "name", "instrument_type", "current_price", "allocation_regions",
                "allocation_sectors", "allocation_asset_class", "price_timestamp") + _STAMPS,
               {"symbol": ("db.instruments.find_by_symbol(symbol)",
                           lambda d, v: _one(d.instruments.find_by_symbol(v))),
                "instrument_type": ("db.instruments.find_by_type(instrument_type)",
                                    lambda d, v: d.instruments.find_by_type(v))}),
        _Table("accounts", "id",
               ("id", "clerk_user_id", "account_name", "account_purpose", "cash_balance",
                "cash_interest") + _STAMPS,
               {"id": ("db.accounts.find_by_id(id)", lambda d, v: _one(d.accounts.find_by_id(v))),
                "clerk_user_id": ("db.accounts.find_by_user(clerk_user_id)",
                                  lambda d, v: d.accounts.find_by_user(v))}),
        _Table("positions", "id",
               ("id", "account_id", "symbol", "quantity", "as_of_date", "timestamp",
                "version") + _STAMPS,
               {"id": ("db.positions.find_by_id(id)",
                       lambda d, v: _one(d.positions.find_by_id(v))),
                "account_id": ("db.positions.find_by_account(account_id)", _positions_of)}),
        _Table("jobs", "id",
               ("id", "clerk_user_id", "job_type", "status", "request_payload",
                "report_payload", "charts_payload", "retirement_payload", "summary_payload",
                "error_message", "started_at", "completed_at") + _STAMPS,
               {"id": ("db.jobs.find_by_id(id)", lambda d, v: _one(d.jobs.find_by_id(v))),
                "clerk_user_id": ("db.jobs.find_by_user(clerk_user_id, status, limit)",
                                  lambda d, v: d.jobs.find_by_user(v))}),
    )
}

# The model calls that replace each kind of statement, by table.
_READS = {
    "users": "db.users.find_by_clerk_id(clerk_user_id) or db.users.find_all()",
    "instruments": ("db.instruments.find_by_symbol(symbol), db.instruments.find_by_type(type), "
                    "db.instruments.search(text) or db.instruments.batch_get_by_symbols(symbols)"),
    "accounts": "db.accounts.find_by_user(clerk_user_id) or db.accounts.find_by_id(id)",
    "positions": ("db.positions.find_by_account(account_id) (open positions joined with their "
                  "instruments), db.positions.get_portfolio_value(account_id) or "
                  "db.positions.find_all()"),
    "jobs": "db.jobs.find_by_user(clerk_user_id, status, limit) or db.jobs.find_by_id(id)",
}

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
# A condition's value: a :parameter or a 'quoted' literal ('' inside for a quote).
_VALUE = rf"(?::(?P<param>{_NAME})|'(?P<literal>(?:[^']|'')*)')"
_SELECT = re.compile(
    rf"""^\s*SELECT\s+(?P<distinct>DISTINCT\s+)?
    (?P<columns>\*|{_NAME}(?:\s*,\s*{_NAME})*)\s+
    FROM\s+(?P<table>{_NAME})
    (?:\s+WHERE\s+(?P<where>{_NAME})\s*=\s*{_VALUE})?
    (?:\s+ORDER\s+BY\s+(?P<order>{_NAME})(?:\s+(?P<direction>ASC|DESC))?)?
    (?:\s+LIMIT\s+(?P<limit>\d+)(?:\s+OFFSET\s+(?P<offset>\d+))?)?
    \s*;?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_CONDITION = re.compile(rf"^\s*(?:{_NAME}\s*\.\s*)?(?P<column>{_NAME})\s*=\s*{_VALUE}\s*$")
_VERB_TABLE = re.compile(
    rf"^\s*(?P<verb>\w+)\b(?:.*?\b(?:FROM|INTO|JOIN))?\s+(?P<table>{_NAME})",
    re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class _Select:
    """A recognised SELECT: its table, columns, condition, order and window."""

    table: _Table
    columns: Optional[Tuple[str, ...]]  # None for *
    distinct: bool
    where: Optional[str]
    param: Optional[str]
    literal: Optional[str]
    order: Optional[str]
    descending: bool
    limit: Optional[int]
    offset: int


class Client:
    """The ``DataAPIClient`` calls of the Aurora package, answered by a ``Database``.

    ``Client(database)`` keeps the database; it holds no other state and is as
    thread-safe as the database. Tables: ``users`` (key ``clerk_user_id``),
    ``instruments`` (``symbol``), ``accounts``, ``positions`` and ``jobs`` (``id``).
    """

    def __init__(self, database: Any) -> None:
        """Wraps `database`, an ``alexdb.Database`` (only its public model calls are used)."""
        self.database = database

    def __repr__(self) -> str:
        return f"Client({self.database!r})"

    # -- writes ------------------------------------------------------------------------

    def insert(self, table: str, data: Any, returning: Optional[str] = None) -> Optional[Any]:
        """Creates a record from `data` (a dict or an object with ``model_dump()``) with
        ``db.<table>.create(data)``.

        Returns, as the Aurora client did, the value of the column `returning` names (the
        new key for ``returning="id"`` / ``"clerk_user_id"`` / ``"symbol"``; another
        column is read back from the new record, None when it is not set), and None when
        `returning` is None. Errors are the model call's (``ValidationError``,
        ``AlreadyExists`` for a user that exists); nothing is written then.
        """
        spec = _table(table, "insert")
        if returning is not None:
            returning = _column(spec, returning.strip(), "returning")
        key = getattr(self.database, spec.name).create(_fields(data))
        if returning is None:
            return None
        if returning == spec.key:
            return key
        return data_api.scalar(spec.finders[spec.key][1](self.database, key)[0].get(returning))

    def update(self, table: str, data: Any, where: str, where_params: Parameters = None) -> int:
        """Changes the fields in `data` of the record whose key `where` names
        (``"symbol = :symbol"``, ``"id = :id"``, ``"clerk_user_id = :clerk_user_id"``, the
        value in `where_params`) with ``db.<table>.update(key, data)``.

        Returns the number of records changed: 1, or 0 when there is no such record. A key
        in `data` equal to the one in `where` is dropped (a key never changes), and so are
        ``created_at`` and ``updated_at`` (alexdb stamps them). The value may also be a
        quoted literal (``"symbol = 'SPY'"``). Any other condition raises
        :class:`UnsupportedStatement`.
        """
        spec = _table(table, "update")
        key = self._key(spec, where, where_params, "update")
        fields = _fields(data)
        if spec.key in fields:
            if str(fields[spec.key]).upper() != str(key).upper():
                raise UnsupportedStatement(
                    f"update: the key {spec.key} of {spec.name} cannot change "
                    f"(got {fields[spec.key]!r} for {key!r}); create a new record with "
                    f"db.{spec.name}.create(data) and delete the old one",
                    spec.key, "the key never changes")
            fields = {k: v for k, v in fields.items() if k != spec.key}
        # alexdb stamps created_at and updated_at itself, whatever the caller sends.
        fields = {k: v for k, v in fields.items() if k not in _STAMPS}
        return int(getattr(self.database, spec.name).update(key, fields))

    def delete(self, table: str, where: str, where_params: Parameters = None) -> int:
        """Deletes the record whose key `where` names, as :meth:`update` does, with
        ``db.<table>.delete(key)``; returns the number of records the model call reports
        (0 when there is none). A user's delete removes its accounts, positions and jobs;
        an account's its positions; a position's delete records a REMOVE (quantity 0).
        """
        spec = _table(table, "delete")
        key = self._key(spec, where, where_params, "delete")
        return int(getattr(self.database, spec.name).delete(key))

    # -- reads -------------------------------------------------------------------------

    def query(self, sql: str, parameters: Parameters = None) -> List[dict]:
        """The records a supported SELECT names, as the model calls return them (dicts with
        ``Decimal`` numbers and dict JSON fields; fields never set are absent).

        Supported shapes (keywords in any case, an optional trailing ``;``)::

            SELECT [DISTINCT] * | col, ... FROM <table>
                [WHERE <col> = :param | '<literal>']
                [ORDER BY <col> [ASC|DESC]] [LIMIT n [OFFSET m]]

        where the WHERE column is the table's key, or ``positions.account_id``,
        ``accounts.clerk_user_id``, ``jobs.clerk_user_id``, ``instruments.instrument_type``.
        ``FROM positions`` reads open positions only (a sold-out position is quantity 0 and
        not listed, except by its id). Anything else raises :class:`UnsupportedStatement`.
        """
        return self._select(sql, parameters)[1]

    def query_one(self, sql: str, parameters: Parameters = None) -> Optional[dict]:
        """The first record :meth:`query` returns, or None when there is none."""
        rows = self.query(sql, parameters)
        return rows[0] if rows else None

    def execute(self, sql: str, parameters: Parameters = None) -> Dict[str, Any]:
        """A supported SELECT (see :meth:`query`) answered in the RDS Data API's shape::

            {"records": [[{"stringValue": "SPY"}], ...],
             "columnMetadata": [{"name": "symbol", "label": "symbol", ...}],
             "numberOfRecordsUpdated": 0}

        Fields: ``stringValue`` for text, timestamps, JSON documents and Decimals (as the
        Data API gives DECIMAL columns; never a float), ``longValue`` for ints,
        ``booleanValue``, ``{"isNull": True}`` for an absent field. ``SELECT *`` has the
        table's columns in a fixed order. INSERT, UPDATE, DELETE text and anything else
        raise :class:`UnsupportedStatement` naming the call to use.
        """
        select, records = self._select(sql, parameters)
        columns = select.columns or select.table.columns
        return {
            "records": [[data_api.field(r.get(c)) for c in columns] for r in records],
            "columnMetadata": [{"name": c, "label": c, "tableName": select.table.name}
                               for c in columns],
            "numberOfRecordsUpdated": 0,
        }

    # -- transactions ------------------------------------------------------------------

    def begin_transaction(self) -> str:
        """Always raises :class:`UnsupportedStatement`: every alexdb call is atomic on its
        own (``db.accounts.delete`` removes the positions too, ``add_or_update_position``
        writes the position and its history together), so there is nothing to group."""
        raise _no_transactions()

    def commit_transaction(self, transaction_id: str) -> Dict[str, Any]:
        """Always raises :class:`UnsupportedStatement` (see :meth:`begin_transaction`)."""
        raise _no_transactions()

    def rollback_transaction(self, transaction_id: str) -> Dict[str, Any]:
        """Always raises :class:`UnsupportedStatement` (see :meth:`begin_transaction`)."""
        raise _no_transactions()

    # -- helpers -----------------------------------------------------------------------

    def _select(self, sql: str, parameters: Parameters) -> Tuple[_Select, List[dict]]:
        """The recognised statement and its rows: found, ordered, projected, made distinct
        and windowed, in SQL's order."""
        select = _parse(sql)
        records = self._records(select, data_api.parameters_dict(parameters))
        if select.columns is not None:
            records = [{c: r.get(c) for c in select.columns} for r in records]
        if select.distinct:
            records = data_api.distinct(records)
            if select.order is None:  # a stable answer: distinct rows by their values
                records.sort(key=lambda r: [data_api.sort_key(v) for v in r.values()])
        if select.limit is not None or select.offset:
            end = None if select.limit is None else select.offset + select.limit
            records = records[select.offset:end]
        return select, records

    def _key(self, spec: _Table, where: str, where_params: Parameters, verb: str) -> Any:
        """The key value of a ``<key> = :param`` condition."""
        match = _CONDITION.match(where or "")
        call = (f"db.{spec.name}.{verb}({spec.key}"
                + (", data)" if verb == "update" else ")"))
        if not match or match["column"].lower() != spec.key:
            raise UnsupportedStatement(
                f"{verb} on {spec.name}: only the condition \"{spec.key} = :{spec.key}\" is "
                f"supported (got {where!r}); use {call}", "where", f"{spec.key} = :param")
        if match["param"] is None:
            return _literal(match["literal"])
        return _value_of(match["param"], data_api.parameters_dict(where_params))

    def _records(self, select: _Select, parameters: Dict[str, Any]) -> List[dict]:
        """The records of `select`'s table and condition, in its ORDER BY."""
        if select.where is not None:
            value = (select.literal if select.param is None
                     else _value_of(select.param, parameters))
            records = select.table.finders[select.where][1](self.database, value)
        else:
            records = getattr(self.database, select.table.name).find_all()
        if select.order is None:
            return records
        present = [r for r in records if r.get(select.order) is not None]
        absent = [r for r in records if r.get(select.order) is None]
        try:
            present.sort(key=lambda r: r[select.order], reverse=select.descending)
        except TypeError:  # documents or mixed types: by their text
            present.sort(key=lambda r: data_api.sort_key(r[select.order]), reverse=select.descending)
        # NULLs sort last ascending and first descending, as in PostgreSQL.
        return absent + present if select.descending else present + absent


def _table(name: str, verb: str) -> _Table:
    spec = _TABLES.get(str(name).strip().lower())
    if spec is None:
        raise UnsupportedStatement(
            f"{verb}: no table {name!r}; the tables are {', '.join(_TABLES)} "
            f"(db.users, db.instruments, db.accounts, db.positions, db.jobs)",
            "table", "one of " + ", ".join(_TABLES))
    return spec


def _column(spec: _Table, name: str, field_name: str) -> str:
    column = name.lower()
    if column not in spec.columns:
        raise UnsupportedStatement(
            f"{spec.name} has no column {name!r}; its columns are {', '.join(spec.columns)}",
            field_name, "a column of " + spec.name)
    return column


def _parse(sql: str) -> _Select:
    """The recognised SELECT in `sql`, or UnsupportedStatement naming the replacement."""
    match = _SELECT.match(sql or "")
    if not match:
        raise _unsupported(sql)
    spec = _table(match["table"], "SELECT")
    columns = None
    if match["columns"] != "*":
        columns = tuple(_column(spec, c.strip(), "sql") for c in match["columns"].split(","))
    where = match["where"] and _column(spec, match["where"], "sql")
    if where is not None and where not in spec.finders:
        raise UnsupportedStatement(
            f"SELECT from {spec.name}: WHERE {where} is not supported (only "
            f"{', '.join(c + ' = :param' for c in spec.finders)}); use {_READS[spec.name]}",
            "sql", "WHERE <key> = :param")
    order = match["order"] and _column(spec, match["order"], "sql")
    return _Select(spec, columns, bool(match["distinct"]), where, match["param"],
                   _literal(match["literal"]), order,
                   (match["direction"] or "").upper() == "DESC",
                   None if match["limit"] is None else int(match["limit"]),
                   int(match["offset"] or 0))


def _unsupported(sql: str) -> UnsupportedStatement:
    """The error for a statement outside the supported shapes, naming the model call."""
    shown = " ".join(str(sql).split())[:80]
    found = _VERB_TABLE.match(str(sql or ""))
    verb = found["verb"].upper() if found else str(sql or "").strip().split(" ")[0].upper()
    table = found["table"].lower() if found else None
    if verb in ("BEGIN", "COMMIT", "ROLLBACK", "START", "SAVEPOINT"):
        return _no_transactions()
    if table in _TABLES:
        spec = _TABLES[table]
        use = {
            "INSERT": f"db.{table}.create(data) (or client.insert('{table}', data))",
            "UPDATE": (f"db.{table}.update({spec.key}, data) (or client.update('{table}', "
                       f"data, '{spec.key} = :{spec.key}', {{'{spec.key}': ...}}))"
                       + (" or db.instruments.update_price(symbol, price)"
                          if table == "instruments" else "")),
            "DELETE": f"db.{table}.delete({spec.key})",
        }.get(verb, _READS[table])
        if " JOIN " in f" {shown.upper()} " and verb == "SELECT":
            use = _READS["positions"] if "POSITIONS" in shown.upper() else _READS[table]
    else:
        use = ("a model call: db.users, db.instruments, db.accounts, db.positions or db.jobs "
               "(e.g. db.positions.find_by_account(account_id))")
    return UnsupportedStatement(
        f"alexdb runs no SQL: {shown!r} is not a supported statement shape; use {use}",
        "sql", "SELECT [DISTINCT] *|columns FROM <table> [WHERE <key> = :param] "
               "[ORDER BY <column> [ASC|DESC]] [LIMIT n [OFFSET m]]")


def _no_transactions() -> UnsupportedStatement:
    return UnsupportedStatement(
        "alexdb has no transactions: each call is atomic on its own (a position and its "
        "history, an account and its positions are written together); call the model "
        "methods directly, without begin_transaction/commit_transaction",
        "transaction", "each call is atomic on its own")


def _fields(data: Any) -> Dict[str, Any]:
    """`data` (a Mapping or an object with model_dump()) as a dict."""
    if hasattr(data, "model_dump"):
        data = data.model_dump()
    if not isinstance(data, Mapping):
        raise ValidationError(
            f"data: a dict or an object with model_dump(), got {type(data).__name__}",
            "data", "a dict")
    return dict(data)


def _literal(text: Optional[str]) -> Optional[str]:
    return None if text is None else text.replace("''", "'")


def _value_of(name: Optional[str], parameters: Dict[str, Any]) -> Any:
    if name not in parameters:
        raise ValidationError(
            f"parameters: no value for :{name} (got {', '.join(parameters) or 'none'})",
            "parameters", "a value for every :name")
    return parameters[name]
