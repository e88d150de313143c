"""Date ranges whose start is after their end (SPEC section 9, "Errors say what to do").

Each range call raises alexdb.ValidationError naming `start` and the rule, never a
store-internal message, on every engine; a one-day range (start and end the same date)
is valid.
"""

import pytest

import alexdb
from conftest import ETF


def test_history_ranges_must_not_start_after_they_end(db):
    db.users.create_user("range_user", "Range")
    account = db.accounts.create_account("range_user", "Main")
    db.positions.add_or_update_position(account, "SPY", 10, "BUY", "2025-01-10T15:00:00Z")
    db.instruments.create_instrument(ETF)
    db.instruments.update_price("SPY", 450, timestamp="2025-01-10T21:00:00Z")
    calls = [
        lambda start, end: db.positions.get_position_history(account, "SPY", start, end),
        lambda start, end: db.instruments.get_price_history("SPY", start, end),
        lambda start, end: db.positions.get_account_value_series(account, start, end),
    ]
    for call in calls:
        with pytest.raises(alexdb.ValidationError, match="must not be after end") as error:
            call("2025-01-20", "2025-01-10")
        assert error.value.field == "start"
        assert "BETWEEN" not in str(error.value)
        assert len(call("2025-01-10", "2025-01-10")) == 1
