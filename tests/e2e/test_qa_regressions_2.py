"""Regressions found by the second QA pass (/tmp/qa_findings.md #14–#24): what a job
seeker sees in the chat, or what the database holds afterwards."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from pathlib import Path

import aiohttp
from sqlalchemy import select

from bot.callbacks_jobs import CardAction, CardCb
from bot.scheduler import build_push
from core.domain.onboarding import OnboardingAnswers
from core.domain.preferences import SavedJobStatus
from core.services.saved import UnsaveResult
from db.models import SavedJob
from db.repositories import SavedJobRepository
from sandbox.demo import DEMO_USER_ID, DIGEST_ACTION, Demo, DemoOptions
from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import (
    PYTHON_DEV,
    current,
    edited,
    open_feed,
    press_data,
    press_on,
    read_page,
    rec_id,
    seed_user,
    tap_card,
)
from tests.fixtures.bot import BotWorld

# ------------------------------------------------------------------ #21 one word for "hired"


async def test_russian_hired_has_one_name_in_saved_the_reminder_and_stats(
    bot_world: BotWorld,
) -> None:
    # /saved said "Приняли на работу", the reminder push "оффер", /stats "приняли".
    alice = await seed_user(bot_world, 9201, language_code="ru")
    page = await open_feed(alice)
    services = bot_world.app.services
    saved = await services.saved.save(9201, rec_id(page.cards[0]))
    assert saved is not None
    await services.saved.set_status(9201, saved.saved_id, SavedJobStatus.HIRED)
    async with bot_world.session_factory() as session:
        due = services.clock() - timedelta(minutes=1)
        await SavedJobRepository(session).set_reminder(9201, saved.saved_id, due)
        await session.commit()
    push = build_push(bot_world.app)
    assert (await push.push.run_reminder_tick())["sent"] == 1
    reminder = await alice.wait_for(lambda m: "Напоминание" in m.plain)
    listing = await alice.ask("/saved")
    stats = await alice.ask("/stats")
    assert "Статус: приняли на работу" in reminder.plain
    assert "— 🎉 Приняли на работу" in listing.plain
    assert "🎉 приняли на работу 1" in stats.plain
    assert "оффер" not in "\n".join([reminder.plain, listing.plain, stats.plain])


# --------------------------------------------------------- #20 /preferences answers alike


async def test_preferences_say_remote_is_fine_on_or_off_like_its_button(
    bot_world: BotWorld,
) -> None:
    # The view said "удалёнка подходит: Да", the button "Удалёнка подходит: вкл.".
    alice = await seed_user(bot_world, 9202, language_code="ru")
    view = await alice.ask("/preferences")
    assert "удалёнка подходит: вкл." in view.plain
    assert "Удалёнка подходит: вкл." in view.button_labels()
    changed = await alice.tap("Удалёнка подходит: вкл.")
    assert "удалёнка подходит: выкл." in changed.plain
    assert "Удалёнка подходит: выкл." in changed.button_labels()
    assert "Да" not in changed.plain and "Нет" not in changed.plain


# ------------------------------------------------------- #24 the demo page's digest toast


async def test_the_demo_digest_toast_is_russian_in_a_russian_demo(tmp_path: Path) -> None:
    # "⚡ Send my digest now" answered "Digest sent. Demo clock: …" in a --lang ru demo.
    async with Demo(DemoOptions(port=0, data_dir=tmp_path / "demo", language="ru")) as demo:
        assert demo.app is not None
        services = demo.app.services
        await services.users.ensure_user(
            DEMO_USER_ID, first_name="Демо", username=None, language_code="ru"
        )
        await services.preferences.complete_onboarding(DEMO_USER_ID, PYTHON_DEV)
        base = f"{demo.url.rstrip('/')}/_chat/{DEMO_USER_ID}"
        async with aiohttp.ClientSession() as http:
            await http.post(f"{base}/send", json={"text": "/help"})  # the chat exists
            async with http.post(f"{base}/actions/{DIGEST_ACTION}", json={}) as response:
                note = (await response.json())["note"]
    # The scheduler's own tick may have sent it a moment earlier: any outcome, in Russian.
    outcome, clock = note.splitlines()
    assert "дайджест" in outcome.lower(), note
    assert clock.startswith("Часы демо: "), note
    assert "Digest" not in note and "Demo clock" not in note


# ------------------------------------------------------------- #19 stale copies lose buttons


async def _typed(user: ChatUser, text: str) -> ChatMessage:
    """Type ``text``; the bot's next new message (not an edit of an older one)."""
    await user.send(text)
    return await user.wait_for(lambda m: m.from_bot and not m.edited)


async def _loses_its_buttons(user: ChatUser, message: ChatMessage) -> bool:
    """Whether ``message`` shows no buttons within a few seconds (edits come async)."""
    for _ in range(50):
        if not current(user, message).buttons:
            return True
        await asyncio.sleep(0.1)
    return False


async def test_after_typed_notes_only_the_new_saved_screen_has_buttons(
    bot_world: BotWorld,
) -> None:
    # Typing notes sent a new copy of the saved vacancy; the old copy kept live buttons.
    alice = await seed_user(bot_world, 9203)
    page = await open_feed(alice)
    await tap_card(alice, page.cards[0], CardAction.SAVE)
    await edited(alice, page.cards[0])
    listing = await alice.ask("/saved")
    await press_on(alice, listing, "1. ")
    screen = await edited(alice, listing)
    await press_on(alice, screen, "📝 Notes")
    await alice.wait_for(lambda m: m.from_bot and not m.edited)  # "Type your notes…"
    await alice.send("Call them on Monday")
    fresh = await alice.wait_for(lambda m: m.from_bot and "Status:" in m.plain)
    assert await _loses_its_buttons(alice, screen), alice.transcript()
    assert "📝 Notes" in fresh.button_labels()


async def test_after_an_invalid_typed_time_zone_only_the_newest_menu_has_buttons(
    bot_world: BotWorld,
) -> None:
    # Each refused time zone sent a new menu; every older menu stayed pressable.
    alice = bot_world.user(9204)
    view = await alice.ask("/settings")
    await alice.tap("Time zone")
    first = await _typed(alice, "Mars/Olympus")
    second = await _typed(alice, "Venus/Maxwell")
    assert await _loses_its_buttons(alice, view), alice.transcript()
    assert await _loses_its_buttons(alice, first), alice.transcript()
    assert "I do not know the time zone" in second.plain and second.buttons
    reply = await _typed(alice, "Asia/Almaty")
    assert "Digest time: 09:00 (Asia/Almaty)" in reply.plain
    assert await _loses_its_buttons(alice, second), alice.transcript()
    live = [m.message_id for m in alice.messages() if m.from_bot and m.buttons]
    assert live == [reply.message_id]


# ------------------------------------------------------------ #22 ★ Saved can be undone


async def test_tapping_saved_again_takes_the_vacancy_off_the_shortlist(
    bot_world: BotWorld,
) -> None:
    # A second tap on "★ Saved" only repeated "Saved ⭐".
    alice = await seed_user(bot_world, 9205)
    page = await open_feed(alice)
    card = page.cards[0]
    await tap_card(alice, card, CardAction.SAVE)
    saved_card = await edited(alice, card)
    toast = await tap_card(alice, saved_card, CardAction.SAVED)
    assert toast == "Removed from /saved"
    again = await edited(alice, card)
    assert "⭐ Save" in again.button_labels()
    assert await _saved_rows(bot_world, 9205) == []
    assert "Nothing saved yet" in (await alice.ask("/saved")).plain


async def test_unsave_refuses_another_users_saved_vacancy(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 9206)
    page = await open_feed(alice)
    rec = rec_id(page.cards[0])
    assert await bot_world.app.services.saved.save(9206, rec) is not None
    mallory = await seed_user(bot_world, 9207)
    toast = await press_data(mallory, await mallory.ask("/help"), CardCb(
        action=CardAction.SAVED, rec=rec).pack())  # fmt: skip
    assert toast == "This vacancy is not available."
    assert await bot_world.app.services.saved.unsave(9207, rec) is UnsaveResult.NOT_SAVED
    assert [row.recommendation_id for row in await _saved_rows(bot_world, 9206)] == [rec]


async def test_a_saved_vacancy_with_progress_is_not_unsaved_from_the_card(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 9208)
    page = await open_feed(alice)
    services = bot_world.app.services
    saved = await services.saved.save(9208, rec_id(page.cards[0]))
    assert saved is not None
    await services.saved.set_status(9208, saved.saved_id, SavedJobStatus.APPLIED)
    assert await services.saved.unsave(9208, rec_id(page.cards[0])) is UnsaveResult.IN_PROGRESS
    assert len(await _saved_rows(bot_world, 9208)) == 1


async def _saved_rows(world: BotWorld, user_id: int) -> list[SavedJob]:
    async with world.session_factory() as session:
        rows = await session.scalars(select(SavedJob).where(SavedJob.user_id == user_id))
        return list(rows)


# --------------------------------------------------- #14 the /search remote toggle, defined

ON_SITE_PYTHON = OnboardingAnswers(
    categories=["programming"], skills=["Python"], area_ids=["160"],
    work_formats=["ON_SITE"], job_titles=["Python-разработчик"],
)  # fmt: skip


def _total(nav: ChatMessage) -> int:
    match = re.search(r"vacancies: (\d+)", nav.plain)
    return int(match[1]) if match else 0


def _last_work_formats(world: BotWorld) -> list[str]:
    """The work formats of the last search in the person's cities (a remote country-wide
    search follows it when remote work suits them)."""
    searches = [r for r in world.hh.requests if r.path == "/vacancies"]
    city = [r for r in searches if ("area", "40") not in r.query] or searches
    search = city[-1]
    return sorted(value for key, value in search.query if key == "work_format")


async def _nav_after_toggle(user: ChatUser, label: str, shows: str | None) -> ChatMessage:
    await user.press(label)
    return await user.wait_for(
        lambda m: m.from_bot and "🔎" in m.plain
        and (shows in m.plain if shows else "remote" not in m.plain)
    )  # fmt: skip


async def test_include_remote_adds_remote_vacancies_and_turning_it_off_goes_back(
    bot_world: BotWorld,
) -> None:
    # Turning "🏠 Remote OK" off showed MORE vacancies and said "🏢 no remote".
    alice = await seed_user(bot_world, 9209, ON_SITE_PYTHON)
    first = await open_feed(alice, "/search python")
    assert _last_work_formats(bot_world) == ["FIELD_WORK", "ON_SITE"]
    assert "remote" not in first.nav.plain
    on = await _nav_after_toggle(alice, "🏠 Include remote", "🏠 remote included")
    assert _last_work_formats(bot_world) == ["FIELD_WORK", "ON_SITE", "REMOTE"]
    assert "✅ 🏠 Include remote" in on.button_labels()
    assert _total(on) >= _total(first.nav)
    off = await _nav_after_toggle(alice, "✅ 🏠 Include remote", None)  # the profile's again
    assert "🏠 Include remote" in off.button_labels()
    assert _total(off) == _total(first.nav) <= _total(on)


# --------------------------------------------- #16 a /search filter toggle edits the page


async def test_a_search_filter_toggle_edits_the_page_instead_of_sending_it_again(
    bot_world: BotWorld,
) -> None:
    # Every tap on 🏠 / 🙈 posted the page's cards again: the chat filled with copies.
    alice = await seed_user(bot_world, 9210)
    first = await open_feed(alice, "/search python")
    assert first.cards
    before = [m.message_id for m in alice.messages() if m.from_bot]
    for label, shows in (("🙈 Hide applied", "🙈 applied hidden"),
                         ("✅ 🙈 Hide applied", "👁 applied shown")):  # fmt: skip
        await alice.press(label)
        nav = await alice.wait_for(lambda m, shows=shows: m.from_bot and shows in m.plain)
        assert nav.message_id == first.nav.message_id and nav.edited
    after = [m.message_id for m in alice.messages() if m.from_bot]
    assert after == before, alice.transcript()


# ------------------------------------------- #23 after /delete_me, point to /start again


async def _deleted(world: BotWorld, user_id: int) -> ChatUser:
    """A user who had a profile and some history, then deleted everything."""
    alice = await seed_user(world, user_id)
    await open_feed(alice)
    await alice.ask("/delete_me")
    await alice.tap("Yes, delete everything")
    return alice


async def test_settings_after_delete_me_point_to_start(bot_world: BotWorld) -> None:
    alice = await _deleted(bot_world, 9211)
    reply = await alice.ask("/settings")
    assert "You have no profile yet" in reply.plain and "/start" in reply.plain


async def test_stats_after_delete_me_point_to_start_not_jobs(bot_world: BotWorld) -> None:
    alice = await _deleted(bot_world, 9212)
    reply = await alice.ask("/stats")
    assert "set up your profile first: /start" in reply.plain
    assert "/jobs" not in reply.plain


# ------------------------------------- #17 /jobs does not repeat cards the user just saw

# Seven vacancies in the corpus: the whole feed is three pages.
SEVEN_GO_JOBS = OnboardingAnswers(
    categories=["programming"], skills=["Go"], area_ids=["160"], work_formats=["ON_SITE"],
    job_titles=["Go developer"],
)  # fmt: skip


async def test_jobs_after_every_card_was_shown_says_so_instead_of_repeating_them(
    bot_world: BotWorld,
) -> None:
    # With everything shown (e.g. a short feed right after onboarding), /jobs sent the same
    # cards again.
    alice = await seed_user(bot_world, 9213, SEVEN_GO_JOBS)
    page = await open_feed(alice)
    while "Next ▶" in page.nav.button_labels():
        await press_on(alice, page.nav, "Next ▶")
        page = await read_page(alice)
    total = _total(page.nav)
    reply = await _typed(alice, "/jobs")
    assert f"You have already seen all {total} vacancies" in reply.plain, alice.transcript()
    assert "widen your search in /preferences" in reply.plain  # that is all that fits
    assert reply.button_labels() == ["🔄 Refresh", "🔁 Show them again"]
    await press_on(alice, reply, "🔁 Show them again")
    again = await read_page(alice)
    assert len(again.cards) == min(total, 3) and "Page 1 of" in again.nav.plain


# ------------------------------------------- #18 a refreshed feed says what it left out


async def test_refresh_says_how_many_seen_vacancies_it_left_out(bot_world: BotWorld) -> None:
    # "Page 2 of 6 · vacancies: 18" became "Page 1 of 3 · vacancies: 9" without a word.
    alice = await seed_user(bot_world, 9214)
    first = await open_feed(alice)
    await press_on(alice, first.nav, "Next ▶")
    second = await read_page(alice)
    await press_on(alice, second.nav, "🔄 Refresh")
    refreshed = await read_page(alice)
    new = _total(refreshed.nav)  # HH may have more by now: what matters is the six seen
    assert f"New to you: {new}. Already seen, so left out: 6" in refreshed.nav.plain
