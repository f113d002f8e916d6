"""Each endpoint over HTTP, checked against what the database then holds and what the
chat shows for the same records."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.ui.callbacks import CardAction
from core.domain.hh_query import SearchOverrides
from db.models import JobFeedback, SavedJob
from tests.api.conftest import ApiClient
from tests.e2e.jobs_helpers import edited, open_feed, rec_id, tap_card


async def test_recommendations_have_the_spec_shape_and_the_chat_cards_match(
    api: ApiClient,
) -> None:
    await api.seed(1)
    answer = await api.get("/api/jobs/recommendations?page=1&per_page=5", user=1)
    assert answer.status == 200
    body = answer.body
    assert {"recommendations", "total", "page", "per_page", "total_pages"} <= set(body)
    assert body["page"] == 1 and body["per_page"] == 5 and len(body["recommendations"]) == 5
    first = body["recommendations"][0]
    assert first["saved"] is False and first["feedback"] is None
    # The chat leaves out what the API showed, so one vacancy is compared: a card saved in
    # the chat, as the API lists it on the board.
    chat = await open_feed(api.world.user(1))
    card = chat.cards[0]
    await tap_card(api.world.user(1), card, CardAction.SAVE)
    await edited(api.world.user(1), card)
    saved = (await api.get("/api/jobs/saved", user=1)).body["saved_jobs"]
    assert [job["job"]["id"] for job in saved] == [rec_id(card)]
    job = saved[0]["job"]
    assert job["title"] in card.plain
    assert f"🎯 Match: {job['match_percent']}%" in card.plain
    gap, why = job["why"].split("\n")
    assert gap.startswith("✓ ") and gap in card.plain
    assert why in card.plain


async def test_the_second_page_follows_the_first(api: ApiClient) -> None:
    await api.seed(1)
    first = await api.get("/api/jobs/recommendations?per_page=3", user=1)
    second = await api.get("/api/jobs/recommendations?page=2&per_page=3", user=1)
    first_ids = {item["id"] for item in first.body["recommendations"]}
    second_ids = {item["id"] for item in second.body["recommendations"]}
    assert second.body["page"] == 2 and second_ids and not first_ids & second_ids


async def test_search_with_overrides_answers_scored_vacancies(api: ApiClient) -> None:
    await api.seed(1)
    answer = await api.post(
        "/api/jobs/search",
        {"text": "Django", "override_location": "Almaty", "include_remote": True, "per_page": 3},
        user=1,
    )
    assert answer.status == 200, answer.body
    assert answer.body["recommendations"]
    assert all(0 <= item["match_percent"] <= 100 for item in answer.body["recommendations"])


async def test_search_runs_on_the_named_search_given(api: ApiClient) -> None:
    await api.seed(1)
    searches = api.world.app.services.searches
    first = (await searches.list(1)).searches[0]
    astana = await searches.create_from_search(1, SearchOverrides(area_id="159"), "Astana")
    await searches.choose(1, first.id)  # the active one is the first again
    named = await api.post("/api/jobs/search", {"search_id": astana.id, "per_page": 20}, user=1)
    active = await api.post("/api/jobs/search", {"per_page": 20}, user=1)
    assert named.status == 200 and active.status == 200, named.body

    def main_city(answer: Any) -> str:
        cities = Counter(item["area_name"] for item in answer.body["recommendations"])
        return cities.most_common(1)[0][0]

    # Each on its own search's city (remote vacancies elsewhere may join both).
    assert (main_city(named), main_city(active)) == ("Астана", "Алматы")


async def test_search_on_another_persons_search_is_not_found(api: ApiClient) -> None:
    await api.seed(1)
    await api.seed(2)
    theirs = (await api.world.app.services.searches.list(2)).searches[0]
    answer = await api.post("/api/jobs/search", {"search_id": theirs.id}, user=1)
    assert answer.status == 404


async def test_search_without_preferences_needs_something_to_look_for(api: ApiClient) -> None:
    await api.seed(1)
    answer = await api.post("/api/jobs/search", {"use_preferences": False}, user=1)
    assert answer.status == 422
    assert answer.error["field"] == "text"


async def test_save_puts_the_vacancy_on_the_board_with_notes(api: ApiClient) -> None:
    await api.seed(1)
    rec = await api.first_recommendation(1)
    answer = await api.post(
        "/api/jobs/save", {"job_recommendation_id": rec["id"], "notes": "ask about remote"}, user=1
    )
    assert answer.status == 201
    assert answer.body["application_status"] == "saved"
    board = await api.get("/api/jobs/saved", user=1)
    assert [job["job"]["id"] for job in board.body["saved_jobs"]] == [rec["id"]]
    assert board.body["statuses"] == [
        "saved",
        "applied",
        "no_answer",
        "interview",
        "offer",
        "hired",
        "rejected",
    ]
    assert board.body["saved_jobs"][0]["job"]["saved"] is True
    async with api.world.session_factory() as session:
        job = (await session.scalars(select(SavedJob).where(SavedJob.user_id == 1))).one()
    assert job.notes == "ask about remote"


async def test_moving_a_saved_job_to_interview_shows_in_the_chats_saved(api: ApiClient) -> None:
    await api.seed(1)
    saved = await api.saved_job(1)
    applied_on = datetime(2026, 12, 1, 10, tzinfo=UTC)
    answer = await api.put(
        f"/api/jobs/saved/{saved['id']}",
        {"application_status": "interview", "application_date": applied_on.isoformat()},
        user=1,
    )
    assert answer.status == 200, answer.body
    assert answer.body["application_status"] == "interview"
    assert answer.body["application_date"].startswith("2026-12-01T10:00")
    listing = await api.world.user(1).ask("/saved")
    assert "Interview" in listing.plain


async def test_notes_and_a_reminder_are_set_and_cleared(api: ApiClient) -> None:
    await api.seed(1)
    saved = await api.saved_job(1)
    path = f"/api/jobs/saved/{saved['id']}"
    remind_at = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    set_both = await api.put(
        path, {"notes": "call HR", "reminder_date": remind_at.isoformat()}, user=1
    )
    assert set_both.body["notes"] == "call HR"
    assert datetime.fromisoformat(set_both.body["reminder_date"]) == remind_at
    cleared = await api.put(path, {"reminder_date": None}, user=1)
    assert cleared.body["reminder_date"] is None and cleared.body["notes"] == "call HR"


async def test_a_reminder_in_the_past_is_422(api: ApiClient) -> None:
    await api.seed(1)
    saved = await api.saved_job(1)
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    answer = await api.put(f"/api/jobs/saved/{saved['id']}", {"reminder_date": past}, user=1)
    assert answer.status == 422 and answer.error["field"] == "reminder_date"


async def test_a_move_the_funnel_does_not_allow_is_422(api: ApiClient) -> None:
    await api.seed(1)
    saved = await api.saved_job(1)
    path = f"/api/jobs/saved/{saved['id']}"
    await api.put(path, {"application_status": "hired"}, user=1)
    answer = await api.put(path, {"application_status": "saved"}, user=1)
    assert answer.status == 422 and answer.error["field"] == "application_status"


async def test_feedback_records_the_thumb_and_the_details(api: ApiClient) -> None:
    await api.seed(1)
    rec = await api.first_recommendation(1)
    answer = await api.post(
        "/api/jobs/feedback",
        {
            "job_recommendation_id": rec["id"],
            "is_relevant": False,
            "is_interested": False,
            "relevance_score": 2,
            "salary_feedback": False,
            "feedback_notes": "too junior",
        },
        user=1,
    )
    assert answer.status == 200, answer.body
    assert answer.body["is_relevant"] is False
    async with api.world.session_factory() as session:
        row = (await session.scalars(select(JobFeedback).where(JobFeedback.user_id == 1))).one()
    assert (row.is_relevant, row.is_interested, row.score) == (False, False, 2)
    assert row.notes == "too junior" and row.salary_feedback is not None
    feed = await api.get("/api/jobs/recommendations", user=1)
    rated = [i for i in feed.body["recommendations"] if i["id"] == rec["id"]]
    assert not rated or rated[0]["feedback"] is False  # 👎 may drop it from the feed


async def test_a_thumb_and_a_save_in_the_chat_show_on_the_apps_board(api: ApiClient) -> None:
    await api.seed(1)
    user = api.world.user(1)
    chat = await open_feed(user)
    card = chat.cards[0]
    await tap_card(user, card, CardAction.LIKE)
    card = await edited(user, card)
    await tap_card(user, card, CardAction.SAVE)
    await edited(user, card)
    board = await api.get("/api/jobs/saved", user=1)
    (job,) = board.body["saved_jobs"]
    assert job["job"]["title"] in card.plain
    assert job["job"]["feedback"] is True and job["application_status"] == "saved"


async def test_preferences_are_read_and_changed(api: ApiClient) -> None:
    await api.seed(1)
    before = await api.get("/api/jobs/preferences", user=1)
    assert before.status == 200 and "Python" in before.body["skills"]
    answer = await api.put(
        "/api/jobs/preferences",
        {
            "skills": ["Python", "FastAPI"],
            "salary": {"minimum": 500000, "currency": "KZT"},
            "remote_ok": False,
        },
        user=1,
    )
    assert answer.status == 200, answer.body
    stored = await api.world.preferences(1)
    assert stored is not None
    assert set(stored.skills) == {"Python", "FastAPI"}
    assert stored.salary.minimum == 500000 and stored.remote_ok is False


async def test_analytics_report_accuracy_funnel_and_skills(api: ApiClient) -> None:
    await api.seed(1)
    rec = await api.first_recommendation(1)
    await api.post(
        "/api/jobs/feedback", {"job_recommendation_id": rec["id"], "is_relevant": True}, user=1
    )
    saved = await api.saved_job(1)
    await api.put(f"/api/jobs/saved/{saved['id']}", {"application_status": "applied"}, user=1)
    answer = await api.get("/api/jobs/analytics", user=1)
    assert answer.status == 200, answer.body
    body = answer.body
    assert body["recommendation_accuracy"] == 1.0 and body["rated"] == 1
    assert body["application_success_rates"]["applied"] == 1
    assert body["top_skills_in_demand"]
    assert body["salary_context"] is not None and body["salary_context"]["currency"] == "KZT"


async def test_me_names_the_person_and_their_language(api: ApiClient) -> None:
    await api.seed(5, language_code="ru")
    answer = await api.get("/api/me", user=5)
    assert answer.body["id"] == 5 and answer.body["language"] == "ru"
    assert answer.body["onboarded"] is True


async def test_the_mini_apps_texts_are_served_per_language(api: ApiClient) -> None:
    en = await api.get("/api/i18n/en")
    ru = await api.get("/api/i18n/ru")
    assert en.status == ru.status == 200
    assert set(en.body["texts"]) == set(ru.body["texts"])
    assert all(key.startswith(("webapp.", "saved.status.")) for key in en.body["texts"])
    assert ru.body["texts"]["saved.status.interview"] == "🗣 Собеседование"
    assert (await api.get("/api/i18n/xx")).status == 404


async def test_the_mini_app_page_is_served(api: ApiClient) -> None:
    answer = await api.get("/app/")
    assert answer.status == 200 and "<html" in answer.body


async def test_reopening_the_feed_shows_the_same_vacancies(api: ApiClient) -> None:
    await api.seed(1)
    first = await api.get("/api/jobs/recommendations?per_page=3", user=1)
    again = await api.get("/api/jobs/recommendations?per_page=3", user=1)
    assert [i["id"] for i in again.body["recommendations"]] == [
        i["id"] for i in first.body["recommendations"]
    ]


async def test_a_rating_and_a_save_show_on_the_reopened_feed_at_once(api: ApiClient) -> None:
    await api.seed(1)
    rec = await api.first_recommendation(1)
    await api.post(
        "/api/jobs/feedback", {"job_recommendation_id": rec["id"], "is_relevant": True}, user=1
    )
    await api.post("/api/jobs/save", {"job_recommendation_id": rec["id"]}, user=1)
    feed = await api.get("/api/jobs/recommendations", user=1)
    item = next(i for i in feed.body["recommendations"] if i["id"] == rec["id"])
    assert item["feedback"] is True and item["saved"] is True


async def test_refresh_browses_the_feed_anew(api: ApiClient) -> None:
    await api.seed(1)
    first = await api.get("/api/jobs/recommendations?per_page=3", user=1)
    fresh = await api.get("/api/jobs/recommendations?per_page=3&refresh=true", user=1)
    assert fresh.status == 200
    assert {i["id"] for i in fresh.body["recommendations"]}.isdisjoint(
        i["id"] for i in first.body["recommendations"]
    )
