"""/hidden (issue 14, item 7): the employers and vacancies a person hid, each with a
button that shows it again; paged when long; another person's ids change nothing."""

from __future__ import annotations

from sqlalchemy import select

from bot.features.hidden.callbacks import HiddenAction, HiddenCb
from bot.ui.callbacks import CardAction
from db.models import HiddenEmployer, JobFeedback
from db.repositories import HiddenEmployerRepository
from sandbox.telegram import ChatMessage
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


def employer_of(card: ChatMessage) -> str:
    return card.plain.splitlines()[1].removeprefix("🏢 ").split(" · ")[0]


async def hidden_rows(world: BotWorld, user_id: int) -> list[HiddenEmployer]:
    async with world.session_factory() as session:
        query = select(HiddenEmployer).where(HiddenEmployer.user_id == user_id)
        return list(await session.scalars(query))


async def test_hidden_is_empty_at_first_and_says_how_to_hide(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14601)
    reply = await alice.ask("/hidden")
    assert "Nothing hidden" in reply.plain and reply.buttons == []


async def test_hidden_lists_a_hidden_employer_and_a_hidden_vacancy(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14602)
    page = await open_feed(alice)
    first, second = page.cards[0], page.cards[1]
    await tap_card(alice, first, CardAction.HIDE)
    await edited(alice, first)
    await tap_card(alice, second, CardAction.NOT_INTERESTED)
    await edited(alice, second)
    reply = await alice.ask("/hidden")
    title = second.plain.splitlines()[0]
    assert "Hidden — employers: 1, vacancies: 1" in reply.plain
    assert f"Employers\n1. {employer_of(first)}" in reply.plain
    assert f"Vacancies\n2. {title} · 🏢 {employer_of(second)}" in reply.plain
    assert reply.button_labels() == [f"↩ 1. {employer_of(first)}", f"↩ 2. {title}"]


async def test_undo_shows_the_employer_again_and_redraws_the_list(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14603)
    card = (await open_feed(alice)).cards[0]
    await tap_card(alice, card, CardAction.HIDE)
    await edited(alice, card)
    listing = await alice.ask("/hidden")
    await press_on(alice, listing, "↩ 1. ")
    after = await edited(alice, listing)
    assert "Nothing hidden" in after.plain
    assert await hidden_rows(bot_world, 14603) == []
    # Taps: ⋯ More, 🚫 Hide employer, ↩ (each answered once its handler returns).
    answer, _ = await bot_world.callback_answer(alice, 3)
    assert answer == f"↩ {employer_of(card)} is shown again"


async def test_undo_offers_a_hidden_vacancy_again(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14604)
    card = (await open_feed(alice)).cards[0]
    await tap_card(alice, card, CardAction.NOT_INTERESTED)
    await edited(alice, card)
    listing = await alice.ask("/hidden")
    await press_on(alice, listing, "↩ 1. ")
    await edited(alice, listing)
    async with bot_world.session_factory() as session:
        row = await session.scalar(
            select(JobFeedback).where(JobFeedback.recommendation_id == rec_id(card))
        )
    assert row is not None and row.is_interested is None


async def test_a_long_list_is_paged(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14605)
    async with bot_world.session_factory() as session:
        for n in range(11):
            await HiddenEmployerRepository(session).hide(14605, f"e{n}", f"Employer {n:02d}")
        await session.commit()
    listing = await alice.ask("/hidden")
    assert "Page 1 of 2" in listing.plain
    assert len([label for label in listing.button_labels() if label.startswith("↩")]) == 8
    await press_on(alice, listing, "Next ▶")
    second = await edited(alice, listing)
    assert "Page 2 of 2" in second.plain
    assert len([label for label in second.button_labels() if label.startswith("↩")]) == 3
    assert "◀ Back" in second.button_labels()


async def test_a_forged_undo_of_another_persons_hidden_employer_changes_nothing(
    bot_world: BotWorld,
) -> None:
    bob = await seed_user(bot_world, 14606)
    card = (await open_feed(bob)).cards[0]
    await tap_card(bob, card, CardAction.HIDE)
    await edited(bob, card)
    (bobs,) = await hidden_rows(bot_world, 14606)
    alice = await seed_user(bot_world, 14607)
    listing = await alice.ask("/hidden")
    forged = HiddenCb(action=HiddenAction.EMPLOYER, id=bobs.id).pack()
    assert await press_data(alice, listing, forged) == "That is not hidden any more."
    assert len(await hidden_rows(bot_world, 14606)) == 1


async def test_a_forged_undo_of_another_persons_vacancy_changes_nothing(
    bot_world: BotWorld,
) -> None:
    bob = await seed_user(bot_world, 14608)
    card = (await open_feed(bob)).cards[0]
    await tap_card(bob, card, CardAction.NOT_INTERESTED)
    await edited(bob, card)
    alice = await seed_user(bot_world, 14609)
    listing = await alice.ask("/hidden")
    forged = HiddenCb(action=HiddenAction.VACANCY, id=rec_id(card)).pack()
    assert await press_data(alice, listing, forged) == "That is not hidden any more."
    async with bot_world.session_factory() as session:
        row = await session.scalar(
            select(JobFeedback).where(JobFeedback.recommendation_id == rec_id(card))
        )
    assert row is not None and row.is_interested is False


async def test_hidden_in_russian(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14610, language_code="ru")
    reply = await alice.ask("/hidden")
    assert "Ничего не скрыто" in reply.plain
