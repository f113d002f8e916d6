"""/jobs when every card was shown already, and what a refresh leaves out."""

from __future__ import annotations

import re
from dataclasses import replace

from core.domain.onboarding import OnboardingAnswers
from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import (
    open_feed,
    press_on,
    read_page,
    seed_user,
)
from tests.fixtures.bot import BotWorld


async def _typed(user: ChatUser, text: str) -> ChatMessage:
    """Type ``text``; the bot's next new message (not an edit of an older one)."""
    await user.send(text)
    return await user.wait_for(lambda m: m.from_bot and not m.edited)


def _total(nav: ChatMessage) -> int:
    match = re.search(r"vacancies: (\d+)", nav.plain)
    return int(match[1]) if match else 0


# Seven vacancies in the corpus: the whole feed is three pages.
SEVEN_GO_JOBS = OnboardingAnswers(
    categories=["programming"],
    skills=["Go"],
    area_ids=["160"],
    work_formats=["ON_SITE"],
    job_titles=["Go developer"],
)


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
    assert reply.plain.startswith("You have already seen"), alice.transcript()
    assert "widen your search in /preferences" in reply.plain  # that is all that fits
    assert reply.button_labels() == ["🔄 Refresh", "🔁 Show them again"]
    await press_on(alice, reply, "🔁 Show them again")
    again = await read_page(alice)
    assert len(again.cards) == min(total, 3) and "Page 1 of" in again.nav.plain


async def test_the_last_page_of_the_feed_says_it_is_the_last(bot_world: BotWorld) -> None:
    last = "That is the last page for now. 🔄 Refresh looks for new vacancies."
    alice = await seed_user(bot_world, 9216)  # a feed of several pages
    first = await open_feed(alice)
    assert "Next ▶" in first.nav.button_labels() and last not in first.nav.plain
    bob = await seed_user(bot_world, 9217, SEVEN_GO_JOBS)
    only = await open_feed(bob)
    assert "Next ▶" not in only.nav.button_labels() and last in only.nav.plain


async def test_the_ways_to_widen_leave_out_what_the_person_already_has(bot_world: BotWorld) -> None:
    # Remote work already on, no salary set: «remote work» and «a lower salary» were
    # suggested all the same.
    remote_no_pay = replace(SEVEN_GO_JOBS, work_formats=[], remote_ok=True, salary=None)
    alice = await seed_user(bot_world, 9215, remote_no_pay)
    page = await open_feed(alice)
    while "Next ▶" in page.nav.button_labels():
        await press_on(alice, page.nav, "Next ▶")
        page = await read_page(alice)
    reply = await _typed(alice, "/jobs")
    assert "widen your search in /preferences: another city or another job title." in (reply.plain)


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
