"""/saved: the shortlist, the application funnel, notes and reminders."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.ui.callbacks import CardAction
from db.models import SavedJob, SavedJobStatusChange
from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import edited, open_feed, press_on, seed_user, tap_card
from tests.fixtures.bot import BotWorld

ALMATY = ZoneInfo("Asia/Almaty")


async def saved_job(world: BotWorld, user_id: int) -> SavedJob:
    async with world.session_factory() as session:
        return (await session.scalars(select(SavedJob).where(SavedJob.user_id == user_id))).one()


async def open_saved_job(world: BotWorld, user_id: int) -> tuple[ChatUser, ChatMessage]:
    """A user with one saved vacancy, its screen open in /saved."""
    user = await seed_user(world, user_id)
    page = await open_feed(user)
    await tap_card(user, page.cards[0], CardAction.SAVE)
    await edited(user, page.cards[0])  # ★ saved
    listing = await user.ask("/saved")
    await press_on(user, listing, "1. ")
    return user, await edited(user, listing)


async def test_saved_lists_the_vacancy_with_its_status(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 500)
    page = await open_feed(alice)
    await tap_card(alice, page.cards[0], CardAction.SAVE)
    await edited(alice, page.cards[0])  # ★ saved
    listing = await alice.ask("/saved")
    title = page.cards[0].plain.splitlines()[0]
    assert f"1. {title} · 🏢 " in listing.plain and "% — ⭐ Saved" in listing.plain


async def test_saved_list_shows_the_employer_next_to_the_title(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14901)
    page = await open_feed(alice)
    await tap_card(alice, page.cards[0], CardAction.SAVE)
    await edited(alice, page.cards[0])
    listing = await alice.ask("/saved")
    title = page.cards[0].plain.splitlines()[0]
    employer = page.cards[0].plain.splitlines()[1].removeprefix("🏢 ").split(" · ")[0]
    assert f"1. {title} · 🏢 {employer} · 🎯 " in listing.plain


async def test_saved_is_empty_at_first_and_says_how_to_save(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 501)
    reply = await alice.ask("/saved")
    assert "Nothing saved yet" in reply.plain


async def test_saved_applied_interview_hired_is_recorded_for_the_funnel(
    bot_world: BotWorld,
) -> None:
    alice, screen = await open_saved_job(bot_world, 502)
    for status in ("📨 Applied", "🗣 Interview", "🎉 Hired"):
        await press_on(alice, screen, f"→ {status}")
        screen = await edited(alice, screen)
        assert f"Status: {status}" in screen.plain
    job = await saved_job(bot_world, 502)
    assert job.status == "hired" and job.applied_at is not None
    async with bot_world.session_factory() as session:
        changes = (
            await session.scalars(select(SavedJobStatusChange).order_by(SavedJobStatusChange.id))
        ).all()
    assert [change.to_status for change in changes] == ["saved", "applied", "interview", "hired"]
    assert not [label for label in screen.button_labels() if label.startswith("→")]


async def test_rejected_can_come_straight_after_saving(bot_world: BotWorld) -> None:
    alice, screen = await open_saved_job(bot_world, 503)
    await press_on(alice, screen, "→ ✖️ Rejected")
    assert "Status: ✖️ Rejected" in (await edited(alice, screen)).plain
    assert (await saved_job(bot_world, 503)).status == "rejected"


async def test_a_quick_reminder_is_set_for_tomorrow_morning(bot_world: BotWorld) -> None:
    alice, screen = await open_saved_job(bot_world, 504)
    await press_on(alice, screen, "⏰ Tomorrow")
    screen = await edited(alice, screen)
    job = await saved_job(bot_world, 504)
    assert job.reminder_at is not None
    local = job.reminder_at.astimezone(ALMATY)
    now = bot_world.app.services.clock().astimezone(ALMATY)
    assert (local.date(), local.hour) == (now.date() + timedelta(days=1), 10)
    assert f"Reminder: {local:%d.%m.%Y %H:%M}" in screen.plain


async def test_a_typed_reminder_date_is_set_and_a_bad_one_is_asked_again(
    bot_world: BotWorld,
) -> None:
    alice, screen = await open_saved_job(bot_world, 505)
    await press_on(alice, screen, "📅 Pick a date")
    await alice.wait_for(lambda m: "When should I remind you?" in m.plain)
    for bad in ("someday <b>soon</b>", "31.02", "🙂", "1999-01-01"):
        reply = await alice.ask(bad)
        assert "could not read" in reply.plain
        assert await bot_world.fsm_state(505) == "SavedForm:reminder"
    target = (bot_world.app.services.clock() + timedelta(days=20)).astimezone(ALMATY)
    reply = await alice.ask(f"{target:%d.%m.%Y} 09:30")
    assert f"remind you on {target:%d.%m.%Y} 09:30" in reply.plain
    job = await saved_job(bot_world, 505)
    assert job.reminder_at is not None
    assert job.reminder_at.astimezone(ALMATY).strftime("%d.%m.%Y %H:%M") == (
        f"{target:%d.%m.%Y} 09:30"
    )
    assert await bot_world.fsm_state(505) is None


async def test_a_weekday_typed_in_russian_sets_the_reminder_for_the_next_such_day(
    bot_world: BotWorld,
) -> None:
    alice, screen = await open_saved_job(bot_world, 520)
    await press_on(alice, screen, "📅 Pick a date")
    await alice.wait_for(lambda m: "When should I remind you?" in m.plain)
    reply = await alice.ask("в понедельник")
    today = bot_world.app.services.clock().astimezone(ALMATY).date()
    monday = today + timedelta(days=(7 - today.weekday()) or 7)
    assert f"remind you on {monday:%d.%m.%Y} 10:00" in reply.plain
    job = await saved_job(bot_world, 520)
    assert job.reminder_at is not None
    local = job.reminder_at.astimezone(ALMATY)
    assert (local.date(), local.hour, local.minute) == (monday, 10, 0)


async def test_days_counted_in_kazakh_set_the_reminder(bot_world: BotWorld) -> None:
    alice, screen = await open_saved_job(bot_world, 521)
    await press_on(alice, screen, "📅 Pick a date")
    await alice.wait_for(lambda m: "When should I remind you?" in m.plain)
    reply = await alice.ask("2 күннен кейін")
    target = bot_world.app.services.clock().astimezone(ALMATY).date() + timedelta(days=2)
    assert f"remind you on {target:%d.%m.%Y} 10:00" in reply.plain
    job = await saved_job(bot_world, 521)
    assert job.reminder_at is not None
    assert job.reminder_at.astimezone(ALMATY).date() == target


async def test_notes_are_stored_as_typed_and_shown_escaped(bot_world: BotWorld) -> None:
    alice, screen = await open_saved_job(bot_world, 506)
    await press_on(alice, screen, "📝 Notes")
    await alice.wait_for(lambda m: "Write your notes" in m.plain)
    note = 'Call <HR> & ask about "remote"; \'); DELETE FROM saved_jobs; --'
    await alice.send(note)
    view = await alice.wait_for(lambda m: "Notes:" in m.plain)
    assert f"Notes: {note}" in view.plain
    assert (await saved_job(bot_world, 506)).notes == note
