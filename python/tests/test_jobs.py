"""db.jobs: every method, on every engine."""

import uuid
from decimal import Decimal

import pytest

import alexdb


def test_create_job_and_find_by_id(db):
    payload = {"question": "rebalance?", "amounts": [1, 2.5, Decimal("3.75")],
               "nested": {"ok": True, "none": None}}
    job_id = db.jobs.create_job("user_1", "portfolio_analysis", payload)
    assert str(uuid.UUID(job_id)) == job_id
    job = db.jobs.find_by_id(job_id)
    assert job["id"] == job_id
    assert job["clerk_user_id"] == "user_1"
    assert job["job_type"] == "portfolio_analysis"
    assert job["status"] == "pending"
    assert job["request_payload"] == {"question": "rebalance?",
                                      "amounts": [1, Decimal("2.5"), Decimal("3.75")],
                                      "nested": {"ok": True, "none": None}}
    assert all(isinstance(n, Decimal) for n in job["request_payload"]["amounts"])
    for field in ("report_payload", "charts_payload", "retirement_payload", "summary_payload",
                  "error_message", "started_at", "completed_at"):
        assert field not in job  # never set: absent (SPEC section 10)
    assert db.jobs.find_by_id(job_id=job_id)["id"] == job_id
    assert db.jobs.find_by_id(str(uuid.uuid4())) is None


def test_create_from_a_dict(db):
    job_id = db.jobs.create({"clerk_user_id": "user_1", "job_type": "risk_assessment",
                             "request_payload": {"horizon": 10}})
    assert db.jobs.find_by_id(job_id)["request_payload"] == {"horizon": 10}
    other = db.jobs.create(job_data={"clerk_user_id": "user_1", "job_type": "tax_optimization"})
    assert db.jobs.find_by_id(other)["job_type"] == "tax_optimization"


def test_update_status_sets_times_and_moves_the_status_index(db):
    job_id = db.jobs.create_job("user_1", "retirement_projection")
    assert db.jobs.update_status(job_id, "running") == 1
    running = db.jobs.find_by_id(job_id)
    assert running["status"] == "running" and running["started_at"] is not None
    assert [j["id"] for j in db.jobs.find_by_user("user_1", status="running")] == [job_id]
    assert db.jobs.find_by_user("user_1", "pending") == []
    assert db.jobs.update_status(job_id=job_id, status="failed", error_message="agent timeout") == 1
    failed = db.jobs.find_by_id(job_id)
    assert failed["completed_at"] is not None and failed["error_message"] == "agent timeout"
    assert db.jobs.update_status(str(uuid.uuid4()), "running") == 0


def test_payload_updates(db):
    job_id = db.jobs.create_job("user_1", "portfolio_analysis")
    assert db.jobs.update_report(job_id, {"markdown": "# Report"}) == 1
    assert db.jobs.update_charts(job_id, charts_payload={"pie": [{"name": "SPY", "value": 60.5}]}) == 1
    assert db.jobs.update_retirement(job_id, {"success_rate": Decimal("0.87")}) == 1
    assert db.jobs.update_summary(job_id, {"text": "fine", "tags": ["a", "b"]}) == 1
    job = db.jobs.find_by_id(job_id)
    assert job["report_payload"] == {"markdown": "# Report"}
    assert job["charts_payload"]["pie"][0]["value"] == Decimal("60.5")
    assert job["retirement_payload"] == {"success_rate": Decimal("0.87")}
    assert job["summary_payload"]["tags"] == ["a", "b"]
    assert db.jobs.update_report(str(uuid.uuid4()), {"x": 1}) == 0


def test_find_by_user_newest_first_with_limit_and_find_all(db):
    ids = [db.jobs.create_job("user_1", "portfolio_analysis") for _ in range(4)]
    other = db.jobs.create_job("user_2", "instrument_research")
    assert [j["id"] for j in db.jobs.find_by_user("user_1")] == ids[::-1]
    assert [j["id"] for j in db.jobs.find_by_user("user_1", limit=2)] == ids[::-1][:2]
    assert [j["id"] for j in db.jobs.find_by_user("user_1", None, None)] == ids[::-1]
    assert [j["id"] for j in db.jobs.find_all()] == [other] + ids[::-1]
    assert [j["id"] for j in db.jobs.find_all(limit=2, offset=1)] == ids[::-1][:2]


def test_update_and_delete(db):
    job_id = db.jobs.create_job("user_1", "portfolio_analysis")
    assert db.jobs.update(job_id, {"status": "completed", "summary_payload": {"n": 1}}) == 1
    job = db.jobs.find_by_id(job_id)
    assert job["status"] == "completed" and job["summary_payload"] == {"n": 1}
    assert db.jobs.delete(job_id) >= 1
    assert db.jobs.find_by_id(job_id) is None
    assert db.jobs.delete(job_id) == 0


def test_bad_job_type_and_status_are_rejected(db):
    with pytest.raises(alexdb.ValidationError, match="job_type"):
        db.jobs.create_job("user_1", "astrology")
    job_id = db.jobs.create_job("user_1", "portfolio_analysis")
    with pytest.raises(alexdb.ValidationError, match="status"):
        db.jobs.update_status(job_id, "exploded")
    assert db.jobs.find_by_id(job_id)["status"] == "pending"
