"""Per-user isolation: B cannot read or change A's records by id; B is told 404, as if
the record did not exist, and A's record stays as it was."""

from __future__ import annotations

from sqlalchemy import select

from db.models import JobFeedback, SavedJob
from tests.api.conftest import ApiClient


async def test_b_cannot_read_as_saved_job(api: ApiClient) -> None:
    await api.seed(1)
    await api.seed(2)
    saved = await api.saved_job(1)
    answer = await api.get(f"/api/jobs/saved/{saved['id']}", user=2)
    assert answer.status == 404 and answer.error["code"] == "not_found"
    assert (await api.get("/api/jobs/saved", user=2)).body["saved_jobs"] == []


async def test_b_cannot_move_or_annotate_as_saved_job(api: ApiClient) -> None:
    await api.seed(1)
    await api.seed(2)
    saved = await api.saved_job(1)
    change = {"application_status": "interview", "notes": "mine"}
    answer = await api.put(f"/api/jobs/saved/{saved['id']}", change, user=2)
    assert answer.status == 404
    async with api.world.session_factory() as session:
        job = (await session.scalars(select(SavedJob).where(SavedJob.user_id == 1))).one()
    assert job.status == "saved" and job.notes is None


async def test_b_cannot_save_as_recommendation(api: ApiClient) -> None:
    await api.seed(1)
    await api.seed(2)
    rec = await api.first_recommendation(1)
    answer = await api.post("/api/jobs/save", {"job_recommendation_id": rec["id"]}, user=2)
    assert answer.status == 404
    async with api.world.session_factory() as session:
        assert (await session.scalars(select(SavedJob))).all() == []


async def test_b_cannot_rate_as_recommendation(api: ApiClient) -> None:
    await api.seed(1)
    await api.seed(2)
    rec = await api.first_recommendation(1)
    for body in ({"is_relevant": True}, {"relevance_score": 5}):
        answer = await api.post(
            "/api/jobs/feedback", {"job_recommendation_id": rec["id"], **body}, user=2
        )
        assert answer.status == 404
    async with api.world.session_factory() as session:
        assert (await session.scalars(select(JobFeedback))).all() == []


async def test_an_id_that_is_no_number_is_404(api: ApiClient) -> None:
    await api.seed(1)
    assert (await api.get("/api/jobs/saved/abc", user=1)).status == 404
