"""Nested and self-referencing values (SPEC section 9, "Bounded work on any input").

Payloads, reports and allocation maps nested deeper than 32 levels, or containing
themselves, raise alexdb.ValidationError naming the field before the conversion could
recurse far enough to overflow the C stack, also in a thread with a small stack; no
input crashes the interpreter.
"""

import os
import subprocess
import sys
import textwrap
import threading

import pytest

import alexdb
from conftest import ETF

LIMIT = 32


def nested(levels, leaf="core"):
    """`levels` containers, each holding the next: dict, list, dict, ..."""
    value = leaf
    for level in range(levels, 0, -1):
        value = {"next": value} if level % 2 else [value]
    return value


def self_referencing_dict():
    d = {"name": "loop"}
    d["self"] = d
    return d


def test_a_payload_of_32_levels_round_trips(db):
    db.users.create_user("nest_user", "Nest")
    job_id = db.jobs.create_job("nest_user", "portfolio_analysis", nested(LIMIT))
    assert db.jobs.find_by_id(job_id)["request_payload"] == nested(LIMIT)
    assert db.jobs.update_report(job_id, nested(LIMIT)) == 1


@pytest.mark.parametrize("levels", [LIMIT + 1, 500, 100_000])
def test_deeper_payloads_are_refused_naming_the_field(db, levels):
    db.users.create_user("nest_user", "Nest")
    with pytest.raises(alexdb.ValidationError, match="request_payload") as error:
        db.jobs.create_job("nest_user", "portfolio_analysis", nested(levels))
    assert "32 levels" in str(error.value)
    assert error.value.field.startswith("request_payload")
    assert db.jobs.find_by_user("nest_user") == []
    job_id = db.jobs.create_job("nest_user", "portfolio_analysis")
    with pytest.raises(alexdb.ValidationError, match="report_payload"):
        db.jobs.update_report(job_id, nested(levels))
    with pytest.raises(alexdb.ValidationError, match="summary_payload"):
        db.jobs.update(job_id, {"summary_payload": nested(levels)})
    assert "report_payload" not in db.jobs.find_by_id(job_id)


def test_self_references_are_refused_naming_the_field(db):
    db.users.create_user("nest_user", "Nest")
    with pytest.raises(alexdb.ValidationError, match="must not contain itself") as error:
        db.jobs.create_job("nest_user", "portfolio_analysis", self_referencing_dict())
    assert error.value.field == "request_payload.self"
    loop = [1, 2]
    loop.append(loop)
    job_id = db.jobs.create_job("nest_user", "portfolio_analysis")
    with pytest.raises(alexdb.ValidationError, match="charts_payload"):
        db.jobs.update_charts(job_id, {"series": loop})
    fields = {"status": "running"}
    fields["retirement_payload"] = fields
    with pytest.raises(alexdb.ValidationError, match="must not contain itself"):
        db.jobs.update(job_id, fields)
    assert db.jobs.find_by_id(job_id)["status"] == "pending"
    shared = {"x": 1}
    both = db.jobs.create_job("nest_user", "portfolio_analysis", {"a": shared, "b": shared})
    assert db.jobs.find_by_id(both)["request_payload"] == {"a": {"x": 1}, "b": {"x": 1}}


def test_instrument_allocation_maps_are_bounded_too(db):
    deep = dict(ETF, allocation_regions=nested(10_000))
    with pytest.raises(alexdb.ValidationError, match="allocation_regions"):
        db.instruments.create_instrument(deep)
    looped = dict(ETF)
    looped["allocation_sectors"] = self_referencing_dict()
    with pytest.raises(alexdb.ValidationError, match="allocation_sectors"):
        db.instruments.create_instrument(looped)
    assert db.instruments.find_by_symbol("SPY") is None


def test_a_thread_with_a_256_kb_stack_gets_validation_errors():
    db = alexdb.Database(store="memory:")
    db.create_tables()
    db.users.create_user("nest_user", "Nest")
    outcomes = []

    def work():
        for value in (nested(500), nested(100_000), self_referencing_dict()):
            try:
                db.jobs.create_job("nest_user", "portfolio_analysis", value)
                outcomes.append("accepted")
            except alexdb.ValidationError as e:
                outcomes.append(e.field.split(".")[0])

    old = threading.stack_size(256 * 1024)
    try:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old)
    assert outcomes == ["request_payload"] * 3


CRASHERS = textwrap.dedent("""
    import sys, threading
    import alexdb
    sys.setrecursionlimit(1_000_000)
    db = alexdb.Database(store="memory:")
    db.create_tables()
    db.users.create_user("u", "U")
    job = db.jobs.create_job("u", "portfolio_analysis")
    deep = "x"
    for _ in range(200_000):
        deep = {"d": [deep]}
    loop = {}
    loop["loop"] = loop
    calls = [
        lambda v: db.jobs.create_job("u", "portfolio_analysis", v),
        lambda v: db.jobs.update_report(job, v),
        lambda v: db.instruments.create_instrument({"symbol": "X", "allocation_regions": v}),
    ]
    refused = 0
    def run():
        global refused
        for call in calls:
            for value in (deep, loop):
                try:
                    call(value)
                except alexdb.ValidationError:
                    refused += 1
    run()
    threading.stack_size(256 * 1024)
    t = threading.Thread(target=run)
    t.start()
    t.join()
    print("refused", refused)
""")


def test_no_input_crashes_the_interpreter(tmp_path):
    script = tmp_path / "crashers.py"
    script.write_text(CRASHERS)
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            env=dict(os.environ), timeout=120)
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert result.stdout.strip() == "refused 12"
