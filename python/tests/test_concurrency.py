"""Python threads sharing one Database: the GIL is released during C++ calls, so the
threads' writes overlap in the store, and none is lost. Processes forked from one that
used a Database (multiprocessing, Celery and gunicorn --preload workers) use it safely."""

import multiprocessing
import threading
import warnings
from decimal import Decimal

import pytest

THREADS = 8
CHANGES = 200  # the data-layer issue's scenario: 8 x 200 = 1,600 changes


def test_eight_threads_changing_one_position_lose_nothing(db):
    db.users.create_user("user_1")  # an account needs its owner
    account_id = db.accounts.create_account("user_1", "ISA")
    errors = []
    start = threading.Barrier(THREADS)

    def writer(thread):
        try:
            start.wait()
            for n in range(CHANGES):
                quantity = Decimal(thread * 1000 + n + 1)
                db.positions.add_or_update_position(account_id, "SPY", quantity, "UPDATE")
        except Exception as error:  # reported below; a thread's exception is otherwise lost
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not any(thread.is_alive() for thread in threads), "deadlock"
    assert errors == []

    history = db.positions.get_position_history(account_id, "SPY")
    assert len(history) == THREADS * CHANGES
    expected = {Decimal(t * 1000 + n + 1) for t in range(THREADS) for n in range(CHANGES)}
    assert {h["quantity"] for h in history} == expected
    stamps = [h["timestamp"] for h in history]
    assert all(a < b for a, b in zip(stamps, stamps[1:])), "timestamps strictly increasing"
    # Every change saw the one before it: no update was lost.
    assert history[0]["previous_quantity"] == 0
    for before, after in zip(history, history[1:]):
        assert after["previous_quantity"] == before["quantity"]
    # Each thread's own changes are in its order.
    for t in range(THREADS):
        mine = [h["quantity"] for h in history if (h["quantity"] - 1) // 1000 == t]
        assert mine == sorted(mine)
    current = db.positions.find_by_account(account_id)
    assert [p["quantity"] for p in current] == [history[-1]["quantity"]]


def test_threads_reading_while_others_write(db):
    db.users.create_user("user_1")  # an account needs its owner
    account_id = db.accounts.create_account("user_1", "ISA")
    db.positions.add_or_update_position(account_id, "SPY", 1, "BUY")
    stop = threading.Event()
    reads = []
    errors = []

    def reader():
        try:
            while not stop.is_set():
                reads.append(len(db.positions.find_by_account(account_id)))
        except Exception as error:
            errors.append(error)

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for thread in readers:
        thread.start()
    for n in range(30):
        db.positions.add_or_update_position(account_id, "SPY", n + 2, "BUY")
    stop.set()
    for thread in readers:
        thread.join(timeout=60)
    assert errors == []
    assert reads and set(reads) == {1}


def test_forked_processes_use_the_database_they_inherited(db, engine):
    """Each process reaches the store on connections of its own: on DynamoDB two processes
    sending on one kept-alive connection read each other's responses, and an SQLite
    connection must not cross a fork."""
    if engine["store"] == "memory:":
        pytest.skip("a memory store belongs to one process")
    db.users.create_user("user_1")
    account_id = db.accounts.create_account("user_1", "ISA")
    db.positions.add_or_update_position(account_id, "P0", 1, "BUY")  # connections kept open

    def work(symbol):  # in a child, a failure is its exit code 1
        for n in range(1, 31):
            db.positions.add_or_update_position(account_id, symbol, n, "UPDATE")
            held = {p["symbol"]: p["quantity"] for p in db.positions.find_by_account(account_id)}
            assert held[symbol] == n, (symbol, held)

    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=work, args=(symbol,)) for symbol in ("P1", "P2")]
    with warnings.catch_warnings():  # 3.12 warns of forking with threads (the engine's)
        warnings.simplefilter("ignore", DeprecationWarning)
        for worker in workers:
            worker.start()
    work("P0")
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    held = {p["symbol"]: p["quantity"] for p in db.positions.find_by_account(account_id)}
    assert held == {"P0": 30, "P1": 30, "P2": 30}
    for symbol in ("P1", "P2"):
        history = db.positions.get_position_history(account_id, symbol)
        assert [h["quantity"] for h in history] == list(range(1, 31))


def test_forked_processes_make_ids_of_their_own(db, engine):
    """Ids and request tokens come from a generator the fork copies: each process must
    draw its own, or two workers make the same account id and each takes the other's
    write for its own (one account, two callers told they made it)."""
    if engine["store"] == "memory:":
        pytest.skip("a memory store belongs to one process")
    db.users.create_user("user_1")
    db.accounts.create_account("user_1", "First")  # this process's generator has drawn
    context = multiprocessing.get_context("fork")
    results = context.Queue()

    def create(name):
        results.put(db.accounts.create_account("user_1", name))

    workers = [context.Process(target=create, args=(name,)) for name in ("ISA", "SIPP")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for worker in workers:
            worker.start()
    made = sorted(results.get(timeout=60) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert made[0] != made[1]
    names = {a["account_name"] for a in db.accounts.find_by_user("user_1")}
    assert names == {"First", "ISA", "SIPP"}
