"""The exception hierarchy of alexdb, mirroring include/alexdb/errors.h.

Every error alexdb raises derives from :class:`Error`. A lookup that finds nothing
returns ``None``; it never raises. Messages name the field, the rule and the offending
value, and never contain a secret.
"""


class Error(Exception):
    """Base of every alexdb error."""


class ValidationError(Error, ValueError):
    """Bad input: an argument or value that breaks a stated rule. Nothing was written.

    ``field`` names what was wrong (``"quantity"``, ``"symbol"``), ``rule`` the rule.
    When ``transactions.import_csv`` refuses a file, ``field`` is ``"path"`` and
    ``problems`` lists its bad rows as ``{"line", "field", "problem"}`` dicts in line
    order (the first 1000; ``problem_count`` says how many there are in all).
    """

    def __init__(self, message, field=None, rule=None):
        super().__init__(message)
        self.field = field
        self.rule = rule


class NotFound(Error, LookupError):
    """A resource that a call needs (a table, a record to update) does not exist."""


class AlreadyExists(Error):
    """A record or table that was to be created exists already."""


class ConditionFailed(Error):
    """The condition of a conditional write did not hold; nothing was written."""


class Throttled(Error):
    """The service kept throttling after every retry was spent."""


class ServiceError(Error):
    """DynamoDB (or the connection to it) failed in a way not covered above.

    ``error_type`` is the service's type (``"InternalServerError"``,
    ``"ConnectionError"``, ...), ``http_status`` the HTTP status (0 if none).
    """

    def __init__(self, message, error_type=None, http_status=0):
        super().__init__(message)
        self.error_type = error_type
        self.http_status = http_status


class StoreError(Error):
    """The embedded engine failed: I/O error, a locked or corrupt file, a damaged record."""


class LegacyRecord(StoreError):
    """A record in the layout of the seed's reference package: run ``alexdb migrate``
    (or ``Database.migrate()``) first. The message names the record's key."""
