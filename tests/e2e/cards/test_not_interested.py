"""Hide one vacancy (issue 14, item 8): «🙈 Not for me» hides that vacancy for good, even
when seen vacancies are shown again — and, unlike 👎, it is no vote on relevance."""

from __future__ import annotations

from sqlalchemy import select

from bot.ui.callbacks import CardAction
from db.models import JobFeedback
from sandbox.telegram import ChatMessage
from tests.e2e.jobs.test_seen_feed import SEVEN_GO_JOBS, _typed
from tests.e2e.jobs_helpers import (
    edited,
    open_feed,
    rec_id,
    seed_user,
    tap_card,
)
from tests.fixtures.bot import BotWorld


def _url(card: ChatMessage) -> str | None:
    return next((b.url for row in card.buttons for b in row if b.url), None)


async def test_not_for_me_collapses_the_card_and_stores_no_vote(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14801)
    card = (await open_feed(alice)).cards[0]
    title = card.plain.splitlines()[0]
    toast = await tap_card(alice, card, CardAction.NOT_INTERESTED)
    shown = await edited(alice, card)
    assert toast == "Vacancy hidden"
    assert shown.plain == (
        f"🙈 {title} is hidden: I will not show this vacancy again. /hidden shows it again."
    )
    async with bot_world.session_factory() as session:
        row = await session.scalar(
            select(JobFeedback).where(JobFeedback.recommendation_id == rec_id(card))
        )
    assert row is not None and row.is_interested is False and row.is_relevant is None


async def test_a_hidden_vacancy_is_not_offered_again_with_the_seen_ones(
    bot_world: BotWorld,
) -> None:
    # The only Go vacancy in Almaty's on-site corpus: once hidden, nothing is left to show
    # again (a seen vacancy would be offered with «🔁 Show them again»).
    alice = await seed_user(bot_world, 14802, SEVEN_GO_JOBS)
    page = await open_feed(alice)
    hidden = {_url(card) for card in page.cards}
    for card in page.cards:
        await tap_card(alice, card, CardAction.NOT_INTERESTED)
        await edited(alice, card)
    reply = await _typed(alice, "/jobs")
    assert "🔁 Show them again" not in reply.button_labels(), alice.transcript()
    assert "already seen" not in reply.plain
    later = [m for m in alice.messages() if m.message_id > reply.message_id - 1]
    assert not hidden & {_url(m) for m in later}
