"""👍 / 👎 on cards and the follow-up chips: stored at once, learned in the background."""

from __future__ import annotations

from sqlalchemy import select

from bot.features.feedback.callbacks import HideEmployerCb
from bot.ui.callbacks import CardAction
from db.models import HiddenEmployer, JobFeedback, JobRecommendation, PreferenceEvent
from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import (
    PYTHON_OR_1C,
    current,
    drain_learning,
    edited,
    open_feed,
    press_data,
    press_on,
    read_page,
    rec_id,
    recommendations,
    seed_user,
    tap_card,
)
from tests.fixtures.bot import BotWorld


async def feedback_rows(world: BotWorld, user_id: int) -> list[JobFeedback]:
    async with world.session_factory() as session:
        query = select(JobFeedback).where(JobFeedback.user_id == user_id)
        return list(await session.scalars(query))


async def thumbs_down(user: ChatUser, card: ChatMessage) -> ChatMessage:
    """👎 on ``card``; returns the follow-up question with the chips."""
    await tap_card(user, card, CardAction.DISLIKE)
    return await user.wait_for(lambda m: "What was wrong" in m.plain)


async def thumbs_up(user: ChatUser, card: ChatMessage) -> ChatMessage:
    await tap_card(user, card, CardAction.LIKE)
    return await user.wait_for(lambda m: "Glad it fits" in m.plain)


async def test_thumbs_down_is_stored_marks_the_card_and_offers_reasons_and_less_of(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 400)
    page = await open_feed(alice)
    follow_up = await thumbs_down(alice, page.cards[0])
    assert "👎✓" in current(alice, page.cards[0]).button_labels()
    chips = follow_up.button_labels()
    assert {
        "Skills don't fit",
        "Wrong city",
        "Salary too low",
        "Experience doesn't fit",
        "This company",
        "Other",
    } <= set(chips)
    assert any(label.startswith("Less of ") for label in chips)
    rows = await feedback_rows(bot_world, 400)
    assert [(row.recommendation_id, row.is_relevant) for row in rows] == [
        (rec_id(page.cards[0]), False)
    ]


async def test_a_reason_chip_is_stored_and_ticked(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 401)
    page = await open_feed(alice)
    follow_up = await thumbs_down(alice, page.cards[0])
    await press_on(alice, follow_up, "Wrong city")
    ticked = await edited(alice, follow_up)
    assert "✅ Wrong city" in ticked.button_labels()
    assert [row.reason for row in await feedback_rows(bot_world, 401)] == ["location"]


async def test_the_experience_chip_is_offered_and_stored(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 408)
    page = await open_feed(alice)
    follow_up = await thumbs_down(alice, page.cards[0])
    await press_on(alice, follow_up, "Experience doesn't fit")
    ticked = await edited(alice, follow_up)
    assert "✅ Experience doesn't fit" in ticked.button_labels()
    assert [row.reason for row in await feedback_rows(bot_world, 408)] == ["experience"]


async def hidden_employers(world: BotWorld) -> list[tuple[int, str]]:
    async with world.session_factory() as session:
        return [
            (row.user_id, row.employer_id) for row in await session.scalars(select(HiddenEmployer))
        ]


async def test_this_company_chip_asks_before_hiding_the_employer(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 402)
    page = await open_feed(alice)
    employer = page.cards[0].plain.splitlines()[1].removeprefix("🏢 ").split(" · ")[0]
    follow_up = await thumbs_down(alice, page.cards[0])
    await press_on(alice, follow_up, "This company")
    question = await alice.wait_for(lambda m: "Hide all vacancies from" in m.plain)
    assert question.plain == f"Hide all vacancies from {employer}?"
    assert question.button_labels() == ["🚫 Hide", "Keep"]
    assert await hidden_employers(bot_world) == []
    assert [row.reason for row in await feedback_rows(bot_world, 402)] == ["company"]
    await press_on(alice, question, "🚫 Hide")
    answered = await edited(alice, question)
    assert f"Vacancies from {employer} are hidden" in answered.plain
    async with bot_world.session_factory() as session:
        rec = await session.get(JobRecommendation, rec_id(page.cards[0]))
    assert rec is not None
    assert await hidden_employers(bot_world) == [(402, rec.employer_id)]


async def test_keep_after_this_company_hides_nothing(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 409)
    page = await open_feed(alice)
    follow_up = await thumbs_down(alice, page.cards[0])
    await press_on(alice, follow_up, "This company")
    question = await alice.wait_for(lambda m: "Hide all vacancies from" in m.plain)
    await press_on(alice, question, "Keep")
    answered = await edited(alice, question)
    assert "stay in your feed" in answered.plain and answered.button_labels() == []
    assert await hidden_employers(bot_world) == []


async def test_a_forged_hide_of_another_persons_employer_changes_nothing(
    bot_world: BotWorld,
) -> None:
    bob = await seed_user(bot_world, 410)
    bobs_card = (await open_feed(bob)).cards[0]
    alice = await seed_user(bot_world, 411)
    page = await open_feed(alice)
    forged = HideEmployerCb(rec=rec_id(bobs_card), hide=True).pack()
    assert await press_data(alice, page.nav, forged) == "This vacancy is not available."
    assert await hidden_employers(bot_world) == []


async def test_reason_and_less_of_chips_are_never_cut_on_a_phone(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 412, language_code="ru")
    page = await open_feed(alice)
    await tap_card(alice, page.cards[0], CardAction.DISLIKE)
    follow_up = await alice.wait_for(lambda m: "Что не так с вакансией «" in m.plain)
    for row in follow_up.buttons:
        assert len(row) == 1 or all(len(button.text) <= 20 for button in row), row
    assert any(label.startswith("Меньше: ") for label in follow_up.button_labels())
    assert not any(label.endswith("…") for label in follow_up.button_labels())


async def test_a_less_of_chip_records_exactly_the_keyword_it_showed(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 403)
    page = await open_feed(alice)
    follow_up = await thumbs_down(alice, page.cards[0])
    offered = [label for label in follow_up.button_labels() if label.startswith("Less of ")]
    await press_on(alice, follow_up, offered[-1])
    await edited(alice, follow_up)
    async with bot_world.session_factory() as session:
        events = list(await session.scalars(select(PreferenceEvent)))
    assert [(e.user_id, e.kind, e.value) for e in events] == [
        (403, "less_of", offered[-1].removeprefix("Less of "))
    ]
    assert all(len(b.callback_data or "") <= 64 for row in follow_up.buttons for b in row)


async def test_thumbs_up_offers_fit_and_rating_which_are_stored(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 404)
    page = await open_feed(alice)
    follow_up = await thumbs_up(alice, page.cards[0])
    await press_on(alice, follow_up, "Salary fits")
    await edited(alice, follow_up)
    await press_on(alice, follow_up, "4⭐")
    assert "✅ 4⭐" in (await edited(alice, follow_up)).button_labels()
    rows = await feedback_rows(bot_world, 404)
    assert [(r.is_relevant, r.salary_feedback, r.score) for r in rows] == [(True, "fits", 4)]


async def test_a_new_tap_updates_the_earlier_feedback(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 405)
    page = await open_feed(alice)
    await thumbs_up(alice, page.cards[0])
    await thumbs_down(alice, page.cards[0])
    rows = await feedback_rows(bot_world, 405)
    assert [(row.recommendation_id, row.is_relevant) for row in rows] == [
        (rec_id(page.cards[0]), False)
    ]


async def test_a_note_is_stored_as_plain_text_and_echoed_escaped(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 406)
    page = await open_feed(alice)
    follow_up = await thumbs_up(alice, page.cards[0])
    await press_on(alice, follow_up, "📝 Add a note")
    await alice.wait_for(lambda m: "Write your note" in m.plain)
    note = "<b>Great</b> team & '; DROP TABLE job_feedback; -- 🚀"
    reply = await alice.ask(note)
    assert note in reply.plain
    rows = await feedback_rows(bot_world, 406)
    assert [row.notes for row in rows] == [note]
    assert await bot_world.fsm_state(406) is None


async def test_an_empty_note_is_asked_again(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 407)
    page = await open_feed(alice)
    follow_up = await thumbs_down(alice, page.cards[0])
    await press_on(alice, follow_up, "📝 Add a note")
    await alice.wait_for(lambda m: "Write your note" in m.plain)
    reply = await alice.ask("\u200b\u0007")
    assert "no text" in reply.plain
    assert await bot_world.fsm_state(407) == "FeedbackForm:note"
    long_note = "x" * 4096
    reply = await alice.ask(long_note)
    assert "Note saved" in reply.plain
    rows = await feedback_rows(bot_world, 407)
    assert rows[0].notes is not None and rows[0].notes == "x" * len(rows[0].notes)


async def test_thumbs_change_the_ranking_of_the_next_page(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 408, PYTHON_OR_1C)
    await open_feed(alice)
    for _ in range(4):  # a few pages, so both kinds of vacancy are on screen
        await alice.press("Next ▶")
        await read_page(alice)
    before = {row.id: row.relevance_score for row in await recommendations(bot_world, 408)}
    shown = [m for m in alice.messages() if m.from_bot and "🎯 Match:" in m.plain]
    one_c = [card for card in shown if "1С" in card.plain.splitlines()[0]]
    python = [card for card in shown if "Python" in card.plain.splitlines()[0]]
    assert one_c and python, alice.transcript()

    # As a person would: 👎 with "skills don't fit" and "less of …" on 1С, 👍 on Python.
    for card in one_c[:3]:
        follow_up = await thumbs_down(alice, card)
        await press_on(alice, follow_up, "Skills don't fit")
        await edited(alice, follow_up)
    less_of = next(label for label in follow_up.button_labels() if label.startswith("Less of"))
    await press_on(alice, follow_up, less_of)
    await edited(alice, follow_up)
    for card in python[:4]:
        await thumbs_up(alice, card)
    await drain_learning(bot_world)

    after = await recommendations(bot_world, 408)
    rated = {rec_id(card) for card in one_c[:3] + python[:4]}
    unrated_1c = [row for row in after if "1С" in row.title and row.id not in rated]
    unrated_python = [row for row in after if "Python" in row.title and row.id not in rated]
    assert unrated_1c and unrated_python
    assert all(row.relevance_score < before[row.id] for row in unrated_1c)
    assert max(r.relevance_score for r in unrated_1c) < max(
        r.relevance_score for r in unrated_python
    )
    await alice.press("🔄 Refresh")
    fresh = await read_page(alice)
    assert all("1С" not in card.plain.splitlines()[0] for card in fresh.cards)


async def test_the_reason_prompt_names_the_vacancy(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14902)
    page = await open_feed(alice)
    follow_up = await thumbs_down(alice, page.cards[0])
    title = page.cards[0].plain.splitlines()[0]
    assert follow_up.plain.startswith(f"What was wrong with {title}?")
