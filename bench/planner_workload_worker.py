"""One run of the planner workload in this process, over the alexdb module on sys.path.

Started by planner_workload.py with PYTHONPATH=<build>/python; prints one JSON document
on stdout: per phase its wall time, the counts of the counting proxy (DynamoDB through
--count only) and the totals of db.capacity() where the module has it. Uses only calls
that every alexdb module since commit 73c0567 has.

  planner_workload_worker.py --store sqlite:/tmp/x/alex.db
  planner_workload_worker.py --store http://127.0.0.1:8000 [--count] [--capture FILE]

--capture (DynamoDB, implies --count) also writes to FILE every request the workload sent,
per phase, for server_replay.py.
"""

import argparse
import base64
import datetime
import json
import os
import sys
import time
import urllib.request
import uuid
from decimal import Decimal

from counting_proxy import CountingProxy

SYMBOLS = 10           # held symbols
CHANGES = 30           # changes per symbol
CALLS = 50             # calls per read phase
PRICE_DAYS = 250       # imported prices per instrument
INSTRUMENTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                           "instruments.json")


def quantities():
    """CHANGES quantities, each with its action (BUY up, SELL down), all positive."""
    result, previous = [], Decimal(0)
    for i in range(CHANGES):
        quantity = Decimal(100 + 5 * i - 8 * (i % 3))
        result.append((quantity, "BUY" if quantity > previous else "SELL"))
        previous = quantity
    return result


def price_rows(instruments, last_day):
    """PRICE_DAYS daily closes per instrument, ending `last_day`, near its current price."""
    rows = []
    for instrument in instruments:
        base = Decimal(instrument["current_price"])
        for day in range(PRICE_DAYS):
            date = last_day - datetime.timedelta(days=PRICE_DAYS - 1 - day)
            price = (base * (Decimal(1) + Decimal((day % 17) - 8) / 400)).quantize(Decimal("0.01"))
            rows.append({"symbol": instrument["symbol"], "timestamp": date.isoformat(),
                         "price": price, "volume": Decimal(1000 + day), "source": "bench"})
    return rows


def capacity_totals(capacity):
    """(requests, read units, write units) of a db.capacity() result, or None when its
    shape is not one of: totals at the top, under "total"/"totals", or per table."""
    if hasattr(capacity, "to_dict"):
        capacity = capacity.to_dict()
    if not isinstance(capacity, dict):
        return None
    for key in ("total", "totals"):
        if isinstance(capacity.get(key), dict):
            return capacity_totals(capacity[key])

    def pick(*names):
        return next((float(capacity[n]) for n in names if n in capacity), None)

    requests = pick("requests", "request_count")
    read = pick("read_units", "read_capacity_units", "rcu")
    write = pick("write_units", "write_capacity_units", "wcu")
    if requests is not None and (read is not None or write is not None):
        return requests, read or 0.0, write or 0.0
    for key in ("tables", "by_table", "per_table"):
        if isinstance(capacity.get(key), dict):
            parts = [capacity_totals(v) for v in capacity[key].values()]
            if parts and all(parts):
                return tuple(sum(p[i] for p in parts) for i in range(3))
    return None


def _minus(after, before):
    """The proxy's counts `after` less those `before` (absent: 0)."""
    return {k: after[k] - before.get(k, 0) for k in CountingProxy.FIELDS}


class Recorder:
    """Measures phases: wall time, this process's CPU time (all its threads), proxy counts
    and capacity() totals, as differences."""

    def __init__(self, db, proxy):
        self.db, self.proxy, self.phases = db, proxy, []
        self.has_capacity = hasattr(db, "capacity")
        self._warned = False

    def _state(self):
        """(proxy counts, capacity() totals) now."""
        proxy = self.proxy.snapshot() if self.proxy else None
        capacity = None
        if self.has_capacity:
            raw = self.db.capacity()
            capacity = capacity_totals(raw)
            if capacity is None and not self._warned:
                self._warned = True
                print("planner workload: db.capacity() returned a shape this benchmark does "
                      "not read (its units are left out): %r" % (raw,), file=sys.stderr)
        return proxy, capacity

    def phase(self, name, run):
        before = self._state()
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        after = self._state()
        phase = {"name": name, "wall": wall, "cpu": cpu, "proxy": None, "capacity": None}
        if self.proxy and self.proxy.capturing:  # the proxy captures every request it counts
            phase["captured"] = [before[0]["total"]["requests"], after[0]["total"]["requests"]]
        if self.proxy:
            phase["proxy"] = _minus(after[0]["total"], before[0]["total"])
            earlier = before[0]["operations"]
            phase["operations"] = {op: _minus(counts, earlier.get(op, {}))
                                   for op, counts in after[0]["operations"].items()
                                   if counts["requests"] != earlier.get(op, {}).get("requests")}
        if before[1] is not None and after[1] is not None:
            phase["capacity"] = dict(zip(("requests", "read_units", "write_units"),
                                         (a - b for a, b in zip(after[1], before[1]))))
        self.phases.append(phase)


def expect(condition, what):
    if not condition:
        raise SystemExit("planner workload: unexpected result: " + what)


def run(db, proxy):
    """The phases of issue 15 on `db`, the import first; returns the Recorder."""
    with open(INSTRUMENTS) as f:
        instruments = json.load(f)
    symbols = [i["symbol"] for i in instruments[:SYMBOLS]]
    rec = Recorder(db, proxy)
    state = {}

    def setup():
        db.create_tables()
        if db.users.find_by_clerk_id("bench_user") is None:  # an account needs its owner
            db.users.create_user("bench_user", "Planner workload")
        state["account"] = db.accounts.create_account("bench_user", "Planner workload")

    def imports():  # first, as in the planner: instruments exist before they are held
        for instrument in instruments:
            db.instruments.create_instrument(instrument)
        today = datetime.datetime.now(datetime.timezone.utc).date()
        yesterday = today - datetime.timedelta(days=1)  # its close is past: 21:00 UTC
        db.instruments.import_prices(price_rows(instruments, yesterday))

    def changes():
        for quantity, action in quantities():
            for symbol in symbols:
                db.positions.add_or_update_position(state["account"], symbol, quantity, action)
        # A date after every change (naive datetimes are UTC in every version).
        state["after"] = (datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
                          + datetime.timedelta(hours=1))

    def calls(check, call):
        def phase():
            for _ in range(CALLS):
                result = call()
            check(result)
        return phase

    account = lambda: state["account"]  # noqa: E731 (set by setup)
    last = quantities()[-1][0]
    rec.phase("setup (not in the issue's table)", setup)
    rec.phase("22 instruments + 5,500 prices", imports)
    history = db.instruments.get_price_history(instruments[-1]["symbol"])
    expect(len(history) >= PRICE_DAYS, "price history: %d prices" % len(history))
    rec.phase("300 position changes", changes)
    rec.phase("50 x find_by_account", calls(
        lambda r: expect(len(r) == SYMBOLS, "find_by_account: %d positions" % len(r)),
        lambda: db.positions.find_by_account(account())))
    rec.phase("50 x position history", calls(
        lambda r: expect(len(r) == CHANGES, "history: %d changes" % len(r)),
        lambda: db.positions.get_position_history(account(), symbols[0])))
    rec.phase("50 x positions at date", calls(
        lambda r: expect(len(r) == SYMBOLS and all(Decimal(p["quantity"]) == last for p in r),
                         "positions at date: %r" % (r,)),
        lambda: db.positions.get_positions_at_date(account(), state["after"])))
    rec.phase("50 x value at date", calls(
        lambda r: expect(r["num_positions"] == SYMBOLS and not r["missing_prices"],
                         "value at date: %r" % (r,)),
        lambda: db.positions.get_account_value_at_date(account(), state["after"])))
    return rec


def write_capture(path, phases, captured):
    """Writes to `path` the requests of each phase, as server_replay.read_capture reads them:
    {"phases": [{"name", "requests": [[operation, base64 of the request, status]]}]}."""
    document = {"phases": [
        {"name": phase["name"],
         "requests": [[operation, base64.b64encode(request).decode("ascii"), status]
                      for operation, request, status in captured[slice(*phase["captured"])]]}
        for phase in phases]}
    with open(path, "w") as f:
        json.dump(document, f)


def delete_tables(endpoint, names):
    """Deletes the run's tables from dynalite (best effort; dynalite checks no signature)."""
    for name in names:
        request = urllib.request.Request(endpoint, data=json.dumps({"TableName": name}).encode(),
                                         method="POST", headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "DynamoDB_20120810.DeleteTable",
            "Authorization": "AWS4-HMAC-SHA256 Credential=alexdb-test/20260101/us-east-1/"
                             "dynamodb/aws4_request, SignedHeaders=host, Signature=00"})
        try:
            urllib.request.urlopen(request, timeout=10).read()
        except OSError:
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="sqlite:PATH or a DynamoDB endpoint URL")
    parser.add_argument("--count", action="store_true", help="count through a proxy (DynamoDB)")
    parser.add_argument("--capture", metavar="FILE",
                        help="write the requests of each phase to FILE (DynamoDB; counts too)")
    args = parser.parse_args()
    from alexdb import Database

    dynamodb = args.store.startswith("http")
    count = args.count or args.capture
    proxy = CountingProxy(args.store, capture=bool(args.capture)) if dynamodb and count else None
    settings = {"store": proxy.url if proxy else args.store}
    if dynamodb:
        suffix = uuid.uuid4().hex[:10]
        settings.update(users_table="wl-users-" + suffix,
                        instruments_table="wl-instruments-" + suffix)
    db = Database(**settings)
    try:
        rec = run(db, proxy)
    finally:
        if dynamodb:
            delete_tables(args.store, [settings["users_table"], settings["instruments_table"]])
        if proxy:
            proxy.close()
    if proxy and args.capture:
        write_capture(args.capture, rec.phases, proxy.captured())
    json.dump({"phases": rec.phases, "has_capacity": rec.has_capacity}, sys.stdout)


if __name__ == "__main__":
    main()
