"""Notes longer than the limit are refused with the numbers, the step kept and nothing
stored; notes up to it are stored and shown whole (never Fluent's "{???}")."""

from __future__ import annotations

from core.services.saved import NOTES_LIMIT
from tests.e2e.jobs_helpers import press_on
from tests.e2e.saved.test_saved import open_saved_job, saved_job
from tests.fixtures.bot import BotWorld

LONG_NOTE = ("Call HR on Monday & ask about <remote> days. " * 120)[:4999] + "!"


async def test_notes_of_5000_characters_are_refused_with_the_limit(bot_world: BotWorld) -> None:
    alice, screen = await open_saved_job(bot_world, 23101)
    await press_on(alice, screen, "📝 Notes")
    await alice.wait_for(lambda m: "Write your notes" in m.plain)
    reply = await alice.ask(LONG_NOTE)
    assert f"Notes can be up to {NOTES_LIMIT} characters; yours have 5000" in reply.plain
    assert "nothing was saved" in reply.plain
    assert (await saved_job(bot_world, 23101)).notes is None


async def test_after_too_long_notes_a_shorter_text_is_taken_as_the_notes(
    bot_world: BotWorld,
) -> None:
    alice, screen = await open_saved_job(bot_world, 23102)
    await press_on(alice, screen, "📝 Notes")
    await alice.wait_for(lambda m: "Write your notes" in m.plain)
    await alice.ask(LONG_NOTE)
    await alice.send("Call HR on Monday")
    view = await alice.wait_for(lambda m: "Notes:" in m.plain)
    assert "Notes: Call HR on Monday" in view.plain
    assert (await saved_job(bot_world, 23102)).notes == "Call HR on Monday"


async def test_notes_of_the_limit_are_stored_and_shown_whole(bot_world: BotWorld) -> None:
    alice, screen = await open_saved_job(bot_world, 23103)
    await press_on(alice, screen, "📝 Notes")
    await alice.wait_for(lambda m: "Write your notes" in m.plain)
    note = LONG_NOTE[:NOTES_LIMIT].strip()
    await alice.send(note)
    view = await alice.wait_for(lambda m: "Notes:" in m.plain)
    assert f"Notes: {note}" in view.plain and "{???}" not in view.plain
    assert (await saved_job(bot_world, 23103)).notes == note
