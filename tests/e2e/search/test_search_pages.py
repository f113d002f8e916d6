"""/search pages: each search turns its own pages, and a filter toggle redraws the page."""

from __future__ import annotations

import re

from core.domain.mapping import OnboardingAnswers
from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import (
    open_feed,
    read_page,
    seed_user,
)
from tests.fixtures.bot import BotWorld


async def test_next_on_an_earlier_search_page_does_not_turn_the_newer_search(
    bot_world: BotWorld,
) -> None:
    # The pager of search A used to turn search B's pages ("Nothing matches" for B).
    alice = await seed_user(bot_world, 9107)
    await alice.send("/search")
    await alice.wait_for()
    await alice.send("remote")
    first = await read_page(alice)
    assert "Next ▶" in first.nav.button_labels(), first.nav.plain
    await alice.send("/search figma city:Astana")
    await read_page(alice)
    await alice.press("Next ▶", message_id=first.nav.message_id)
    reply = await alice.wait_for(lambda m: m.from_bot and not m.edited)
    assert "This search has expired" in reply.plain
    assert "Nothing matches" not in reply.plain


ON_SITE_PYTHON = OnboardingAnswers(
    categories=["programming"],
    skills=["Python"],
    area_ids=["160"],
    work_formats=["ON_SITE"],
    job_titles=["Python-разработчик"],
)


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
        lambda m: (
            m.from_bot
            and "🔎" in m.plain
            and (shows in m.plain if shows else "remote" not in m.plain)
        )
    )


async def test_include_remote_adds_remote_vacancies_and_turning_it_off_goes_back(
    bot_world: BotWorld,
) -> None:
    # Turning "🏠 Remote OK" off showed MORE vacancies and said "🏢 no remote".
    alice = await seed_user(bot_world, 9209, ON_SITE_PYTHON)
    first = await open_feed(alice, "/search python")
    assert _last_work_formats(bot_world) == ["FIELD_WORK", "ON_SITE"]
    assert "remote" not in first.nav.plain
    on = await _nav_after_toggle(alice, "🏠 Add remote", "🏠 remote included")
    assert _last_work_formats(bot_world) == ["FIELD_WORK", "ON_SITE", "REMOTE"]
    assert "✅ 🏠 Add remote" in on.button_labels()
    assert _total(on) >= _total(first.nav)
    off = await _nav_after_toggle(alice, "✅ 🏠 Add remote", None)  # the profile's again
    assert "🏠 Add remote" in off.button_labels()
    assert _total(off) == _total(first.nav) <= _total(on)


async def test_a_search_filter_toggle_edits_the_page_instead_of_sending_it_again(
    bot_world: BotWorld,
) -> None:
    # Every tap on 🏠 / 🙈 posted the page's cards again: the chat filled with copies.
    alice = await seed_user(bot_world, 9210)
    first = await open_feed(alice, "/search python")
    assert first.cards
    before = [m.message_id for m in alice.messages() if m.from_bot]
    for label, shows in (
        ("🙈 Hide applied", "🙈 applied hidden"),
        ("✅ 🙈 Hide applied", "👁 applied shown"),
    ):
        await alice.press(label)
        nav = await alice.wait_for(lambda m, shows=shows: m.from_bot and shows in m.plain)
        assert nav.message_id == first.nav.message_id and nav.edited
    after = [m.message_id for m in alice.messages() if m.from_bot]
    assert after == before, alice.transcript()
