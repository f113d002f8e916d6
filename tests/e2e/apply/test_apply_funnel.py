"""The apply funnel (issue 14, item 4): the bot cannot see a tap on "✉️ Apply on hh" (a
link), so the vacancy's details carry "✅ I applied", and for a vacancy whose details
were opened the bot asks once — on the person's next message, or from the reminder tick
a few hours later — "Did you apply to <title> at <employer>?". Applying arms a
follow-up reminder with the status moves in it; statuses include "no answer" and
"offer"; the last move can be taken back; an interview carries a typed date and time."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from bot.features.saved.callbacks import ApplyCb, SavedAction, SavedCb
from bot.ui.callbacks import CardAction
from core.services.saved import FOLLOW_UP_AFTER, ApplyAnswer
from db.models import JobRecommendation, SavedJob, SavedJobStatusChange
from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import (
    edited,
    open_feed,
    press_data,
    press_on,
    rec_id,
    seed_user,
    tap_card,
)
from tests.fixtures.bot import BotWorld

ALMATY = ZoneInfo("Asia/Almaty")
ASKED = "Did you apply to"


def is_question(message: ChatMessage) -> bool:
    return message.from_bot and ASKED in message.plain


async def opened_details(world: BotWorld, user: ChatUser) -> tuple[ChatMessage, ChatMessage]:
    """The first card of the feed and its details message."""
    card = (await open_feed(user)).cards[0]
    await tap_card(user, card, CardAction.DETAILS)
    details = await user.wait_for(lambda m: m.from_bot and not m.edited)
    return card, details


async def opened_a_while_ago(world: BotWorld, user_id: int, ago: timedelta) -> None:
    """Move the moment the details were opened back in time (as if ``ago`` passed)."""
    async with world.session_factory() as session:
        await session.execute(
            update(JobRecommendation)
            .where(
                JobRecommendation.user_id == user_id,
                JobRecommendation.details_opened_at.is_not(None),
            )
            .values(details_opened_at=world.app.services.clock() - ago)
        )
        await session.commit()


async def saved_jobs(world: BotWorld, user_id: int) -> list[SavedJob]:
    async with world.session_factory() as session:
        rows = await session.scalars(select(SavedJob).where(SavedJob.user_id == user_id))
        return list(rows)


async def asked(world: BotWorld, user: ChatUser) -> ChatMessage:
    """A user with one vacancy's details opened half an hour ago sends a message: the
    bot answers it, then asks about the vacancy."""
    await opened_details(world, user)
    await opened_a_while_ago(world, user.user_id, timedelta(minutes=30))
    await user.send("/saved")
    return await user.wait_for(is_question)


async def test_the_details_link_to_the_apply_form_and_offer_i_applied(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 14501)
    _, details = await opened_details(bot_world, alice)
    assert "✉️ Apply on hh" in details.button_labels()
    await press_on(alice, details, "✅ I applied")
    after = await edited(alice, details)
    assert "✅ I applied" not in after.button_labels()
    assert "✉️ Apply on hh" in after.button_labels()
    (job,) = await saved_jobs(bot_world, 14501)
    assert job.status == "applied" and job.applied_at is not None
    assert job.reminder_at == job.applied_at + FOLLOW_UP_AFTER


async def test_the_next_message_is_answered_then_asks_did_you_apply_naming_the_vacancy(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 14502)
    card, _ = await opened_details(bot_world, alice)
    await opened_a_while_ago(bot_world, 14502, timedelta(minutes=30))
    reply = await alice.ask("/saved")
    assert "Nothing saved yet" in reply.plain
    question = await alice.wait_for(is_question)
    title = card.plain.splitlines()[0]
    employer = card.plain.splitlines()[1].removeprefix("🏢 ").split(" · ")[0]
    assert question.plain.startswith(f"📨 Did you apply to {title} at {employer}?")
    assert question.button_labels() == ["✅ Yes, applied", "⏳ Not yet", "✖️ No"]


async def test_did_you_apply_is_asked_once(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14503)
    await asked(bot_world, alice)
    assert await bot_world.app.services.saved.apply_question(14503) is None
    await alice.ask("/stats")
    await alice.ask("/stats")
    assert len([m for m in alice.messages() if is_question(m)]) == 1


async def test_details_just_opened_are_not_asked_about_yet(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14504)
    await opened_details(bot_world, alice)
    await alice.ask("/saved")
    assert await bot_world.app.services.saved.apply_question(14504) is None


async def test_yes_applied_saves_it_as_applied_today(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14505)
    question = await asked(bot_world, alice)
    await press_on(alice, question, "✅ Yes, applied")
    answered = await edited(alice, question)
    today = bot_world.app.services.clock().astimezone(ALMATY)
    assert f"applied on {today:%d.%m.%Y}" in answered.plain
    assert "I will ask about a reply in 7 days" in answered.plain
    (job,) = await saved_jobs(bot_world, 14505)
    assert job.status == "applied"
    assert job.applied_at is not None and job.applied_at.astimezone(ALMATY).date() == today.date()


async def test_not_yet_keeps_it_in_saved_without_a_status_change(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14506)
    question = await asked(bot_world, alice)
    await press_on(alice, question, "⏳ Not yet")
    answered = await edited(alice, question)
    assert "is in /saved" in answered.plain
    (job,) = await saved_jobs(bot_world, 14506)
    assert job.status == "saved" and job.applied_at is None


async def test_no_saves_nothing_and_is_not_asked_again(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14507)
    question = await asked(bot_world, alice)
    await press_on(alice, question, "✖️ No")
    answered = await edited(alice, question)
    assert "will not ask about" in answered.plain
    assert await saved_jobs(bot_world, 14507) == []
    assert (await bot_world.app.scheduler.reminders.run())["asked_sent"] == 0


async def test_the_reminder_tick_asks_a_few_hours_later_exactly_once(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14508)
    await opened_details(bot_world, alice)
    await opened_a_while_ago(bot_world, 14508, timedelta(hours=4))
    assert (await bot_world.app.scheduler.reminders.run())["asked_sent"] == 1
    question = await alice.wait_for(is_question)
    assert question.button_labels() == ["✅ Yes, applied", "⏳ Not yet", "✖️ No"]
    assert (await bot_world.app.scheduler.reminders.run())["asked_sent"] == 0
    await alice.ask("/stats")
    assert len([m for m in alice.messages() if is_question(m)]) == 1


async def test_a_disliked_vacancy_is_not_asked_about(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14509)
    card, _ = await opened_details(bot_world, alice)
    await press_on(alice, card, "👎")
    await edited(alice, card)
    await opened_a_while_ago(bot_world, 14509, timedelta(hours=4))
    assert (await bot_world.app.scheduler.reminders.run())["asked_sent"] == 0


async def test_a_forged_answer_about_another_persons_vacancy_changes_nothing(
    bot_world: BotWorld,
) -> None:
    bob = await seed_user(bot_world, 14510)
    bobs_card = (await open_feed(bob)).cards[0]
    alice = await seed_user(bot_world, 14511)
    question = await asked(bot_world, alice)
    forged = ApplyCb(rec=rec_id(bobs_card), answer=ApplyAnswer.YES).pack()
    assert await press_data(alice, question, forged) == "This vacancy is not available."
    assert await saved_jobs(bot_world, 14510) == []
    assert await saved_jobs(bot_world, 14511) == []


# ---------------------------------------------------------------------------- after applying


async def applied_job(world: BotWorld, user: ChatUser) -> SavedJob:
    question = await asked(world, user)
    await press_on(user, question, "✅ Yes, applied")
    await edited(user, question)
    (job,) = await saved_jobs(world, user.user_id)
    return job


async def test_the_follow_up_asks_for_a_reply_with_the_status_moves_in_it(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 14512)
    job = await applied_job(bot_world, alice)
    async with bot_world.session_factory() as session:
        due = bot_world.app.services.clock() - timedelta(minutes=1)
        await session.execute(update(SavedJob).where(SavedJob.id == job.id).values(reminder_at=due))
        await session.commit()
    assert (await bot_world.app.scheduler.reminders.run())["sent"] == 1
    reminder = await alice.wait_for(lambda m: "Any reply from" in m.plain)
    assert f"about {job.recommendation.title}?" in reminder.plain
    assert {"→ 🔕 No answer", "→ 🗣 Interview", "→ 🤝 Offer", "→ ✖️ Rejected"} <= set(
        reminder.button_labels()
    )
    await press_on(alice, reminder, "→ 🗣 Interview")
    screen = await edited(alice, reminder)
    assert "Status: 🗣 Interview" in screen.plain
    (job,) = await saved_jobs(bot_world, 14512)
    assert job.status == "interview"


async def open_job(user: ChatUser) -> ChatMessage:
    listing = await user.ask("/saved")
    await press_on(user, listing, "1. ")
    return await edited(user, listing)


async def test_no_answer_and_offer_are_statuses_of_the_funnel(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14513)
    await applied_job(bot_world, alice)
    screen = await open_job(alice)
    for status in ("🔕 No answer", "🤝 Offer", "🎉 Hired"):
        await press_on(alice, screen, f"→ {status}")
        screen = await edited(alice, screen)
        assert f"Status: {status}" in screen.plain
    stats = await alice.ask("/stats")
    assert "🤝 offer 1" in stats.plain and "🔕 no answer 1" in stats.plain


async def test_step_back_takes_back_the_last_status_move(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14514)
    await applied_job(bot_world, alice)
    screen = await open_job(alice)
    await press_on(alice, screen, "→ ✖️ Rejected")
    screen = await edited(alice, screen)
    await press_on(alice, screen, "↩ Step back")
    screen = await edited(alice, screen)
    assert "Status: 📨 Applied" in screen.plain
    await press_on(alice, screen, "↩ Step back")
    screen = await edited(alice, screen)
    assert "Status: ⭐ Saved" in screen.plain and "↩ Step back" not in screen.button_labels()
    (job,) = await saved_jobs(bot_world, 14514)
    assert job.status == "saved" and job.applied_at is None and job.reminder_at is None
    async with bot_world.session_factory() as session:
        changes = await session.scalars(
            select(SavedJobStatusChange.to_status).where(SavedJobStatusChange.user_id == 14514)
        )
        assert list(changes) == ["saved"]


async def test_a_forged_step_back_on_another_persons_job_changes_nothing(
    bot_world: BotWorld,
) -> None:
    bob = await seed_user(bot_world, 14515)
    (bobs_job,) = [await applied_job(bot_world, bob)]
    alice = await seed_user(bot_world, 14516)
    listing = await alice.ask("/saved")
    forged = SavedCb(action=SavedAction.BACK, saved=bobs_job.id).pack()
    answer = await press_data(alice, listing, forged)
    assert answer == "There is no status change to take back."
    (job,) = await saved_jobs(bot_world, 14515)
    assert job.status == "applied"


async def test_an_interview_carries_a_typed_date_and_time_and_garbage_is_asked_again(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 14517)
    await applied_job(bot_world, alice)
    screen = await open_job(alice)
    await press_on(alice, screen, "→ 🗣 Interview")
    screen = await edited(alice, screen)
    await press_on(alice, screen, "🗓 Interview time")
    await alice.wait_for(lambda m: "When is the interview?" in m.plain)
    for bad in ("after lunch <b>maybe</b>", "31.02 15:00", "25:99"):
        reply = await alice.ask(bad)
        assert "could not read" in reply.plain
        assert await bot_world.fsm_state(14517) == "SavedForm:interview"
    target = (bot_world.app.services.clock() + timedelta(days=3)).astimezone(ALMATY)
    reply = await alice.ask(f"{target:%d.%m} 15:30")
    assert f"Interview on {target:%d.%m.%Y} 15:30" in reply.plain
    screen = await alice.wait_for(lambda m: "Status: 🗣 Interview" in m.plain)
    assert f"🗓 Interview: {target:%d.%m.%Y} 15:30" in screen.plain
    (job,) = await saved_jobs(bot_world, 14517)
    assert job.interview_at is not None
    assert job.interview_at.astimezone(ALMATY).strftime("%d.%m %H:%M") == f"{target:%d.%m} 15:30"


async def test_the_apply_question_in_russian(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14518, language_code="ru")
    await opened_details(bot_world, alice)
    await opened_a_while_ago(bot_world, 14518, timedelta(minutes=30))
    await alice.send("/saved")
    question = await alice.wait_for(lambda m: "Вы откликнулись на" in m.plain)
    assert question.button_labels() == ["✅ Да, отклик отправлен", "⏳ Ещё нет", "✖️ Нет"]
