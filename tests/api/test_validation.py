"""Bad bodies and queries: 422 with the field named, nothing stored."""

from __future__ import annotations

import pytest

from tests.api.conftest import ApiClient


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/jobs/save", {}, "job_recommendation_id"),
        ("/api/jobs/save", {"job_recommendation_id": "x"}, "job_recommendation_id"),
        (
            "/api/jobs/save",
            {"job_recommendation_id": 1, "application_status": "won"},
            "application_status",
        ),
        (
            "/api/jobs/feedback",
            {"job_recommendation_id": 1, "relevance_score": 7},
            "relevance_score",
        ),
        ("/api/jobs/feedback", {"job_recommendation_id": 1, "liked": True}, "liked"),
        ("/api/jobs/search", {"per_page": 500}, "per_page"),
    ],
)
async def test_a_bad_body_is_422_naming_the_field(
    api: ApiClient, path: str, body: dict[str, object], field: str
) -> None:
    await api.seed(1)
    answer = await api.post(path, body, user=1)
    assert answer.status == 422, answer.body
    assert answer.error["field"] == field
    assert field in answer.error["message"]


async def test_a_nested_field_is_named_with_its_path(api: ApiClient) -> None:
    await api.seed(1)
    answer = await api.put("/api/jobs/preferences", {"salary": {"currency": "tenge"}}, user=1)
    assert answer.status == 422
    assert answer.error["field"] == "salary.currency"


async def test_malformed_json_is_422(api: ApiClient) -> None:
    await api.seed(1)
    answer = await api.request("POST", "/api/jobs/save", user=1, data="{not json")
    assert answer.status == 422 and answer.error["field"] == "body"


async def test_a_body_that_is_no_object_is_422(api: ApiClient) -> None:
    await api.seed(1)
    answer = await api.post("/api/jobs/feedback", [1, 2], user=1)
    assert answer.status == 422 and answer.error["field"] == "body"


async def test_a_bad_query_is_422_naming_it(api: ApiClient) -> None:
    await api.seed(1)
    answer = await api.get("/api/jobs/recommendations?per_page=0", user=1)
    assert answer.status == 422 and answer.error["field"] == "per_page"


async def test_an_unknown_status_filter_is_422(api: ApiClient) -> None:
    await api.seed(1)
    answer = await api.get("/api/jobs/saved?status=won", user=1)
    assert answer.status == 422 and answer.error["field"] == "status"


async def test_an_unknown_route_is_a_json_404(api: ApiClient) -> None:
    await api.seed(1)
    answer = await api.get("/api/jobs/nothing", user=1)
    assert answer.status == 404 and answer.error["code"] == "not_found"


async def test_notes_over_the_limit_are_422_naming_notes_and_the_old_ones_stay(
    api: ApiClient,
) -> None:
    from core.services.saved import NOTES_LIMIT

    await api.seed(1)
    job = await api.saved_job(1)
    path = f"/api/jobs/saved/{job['id']}"
    assert (await api.put(path, {"notes": "call HR"}, user=1)).status == 200
    answer = await api.put(path, {"notes": "x" * (NOTES_LIMIT + 1)}, user=1)
    assert answer.status == 422 and answer.error["field"] == "notes"
    assert (await api.get(path, user=1)).body["notes"] == "call HR"
