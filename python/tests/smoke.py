"""Imports alexdb and makes a round trip on the in-memory engine, without pytest: run by
CTest with an interpreter other than Debian's (e.g. the pyenv python3 first on PATH)."""

import sys
from datetime import date
from decimal import Decimal

from alexdb import Database, ValidationError

db = Database(store="memory:")
db.create_tables()
db.users.create_user("user_123", "John Doe")
db.positions.add_or_update_position(account_id="acc_001", symbol="SPY", quantity=100.5,
                                    action="BUY")
[position] = db.positions.find_by_account("acc_001")
assert position["quantity"] == Decimal("100.5"), position
assert db.positions.get_account_value_at_date("acc_001", date(2000, 1, 1))["num_positions"] == 0
try:
    db.positions.add_position("acc_001", "SPY", "lots")
except ValidationError as error:
    assert error.field == "quantity", error
else:
    raise AssertionError("no ValidationError")
print("alexdb imports and works in", sys.executable, sys.version.split()[0])
