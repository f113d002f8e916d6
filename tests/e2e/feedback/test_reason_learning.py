"""What a 👎's reason teaches, as the person sees it on the next page: «Salary too low»
ranks vacancies of their role paying as little lower, «Experience doesn't fit» those
asking as much experience; /preferences says so. Soft: the vacancies are still there —
until the person's own «Salary too low» taps agree twice: then pay that low is not shown."""

from __future__ import annotations

import statistics
from dataclasses import replace
from typing import Any

from bot.ui.callbacks import CardAction
from core.domain.onboarding import OnboardingAnswers
from core.domain.preferences import EXPERIENCE_LEVELS, SalaryExpectation
from db.models import JobRecommendation
from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import (
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

FLOOR = 450_000
ACCOUNTANT_ASTANA = OnboardingAnswers(
    categories=["accounting"],
    skills=["1С:Бухгалтерия", "Excel"],
    # Said nothing about their experience: every band is searched, so the pool holds
    # vacancies of the role paying under the floor beyond the first page.
    area_ids=["159"],
    work_formats=["ON_SITE"],
    remote_ok=False,
    job_titles=["бухгалтер"],
    salary=SalaryExpectation(minimum=FLOOR, currency="KZT"),
)
# Skipped the salary step: only their taps say what pays too little.
ACCOUNTANT_NO_PAY = replace(ACCOUNTANT_ASTANA, salary=None)
# Said nothing about their experience: every band is searched.
PYTHON_DEV_ALMATY = OnboardingAnswers(
    categories=["programming"],
    skills=["Python", "Django", "PostgreSQL"],
    area_ids=["160"],
    job_titles=["Python-разработчик"],
)
SENIOR = EXPERIENCE_LEVELS.index("between3And6")


def _pay(row: JobRecommendation) -> dict[str, Any]:
    raw = row.raw or {}
    return raw.get("salary_range") or raw.get("salary") or {}


def tenge(amount: int) -> str:
    """An amount as the bot writes it: «440 000 ₸»."""
    return f"{amount:,} ₸".replace(",", " ")


def best_monthly_pay(row: JobRecommendation) -> int | None:
    """The best pay a card offers for a month, in tenge, as the person reads it."""
    pay = _pay(row)
    if pay.get("currency") != "KZT" or (pay.get("mode") or {}).get("id", "MONTH") != "MONTH":
        return None
    best = pay.get("to") or pay.get("from")
    return int(best) if best else None


def remote_from_elsewhere(row: JobRecommendation, home: str) -> bool:
    raw = row.raw or {}
    formats = {f.get("id") for f in raw.get("work_format") or []}
    return "REMOTE" in formats and (raw.get("area") or {}).get("id") != home


def key_skills(row: JobRecommendation) -> set[str]:
    return {skill["name"] for skill in (row.raw or {}).get("key_skills") or []}


def asks_senior(row: JobRecommendation) -> bool:
    asked = ((row.raw or {}).get("experience") or {}).get("id")
    return asked in EXPERIENCE_LEVELS and EXPERIENCE_LEVELS.index(asked) >= SENIOR


async def thumbs_down_for(user: ChatUser, card: ChatMessage, reason: str) -> None:
    await tap_card(user, card, CardAction.DISLIKE)
    follow_up = await user.wait_for(lambda m: "What was wrong" in m.plain)
    await press_on(user, follow_up, reason)
    await edited(user, follow_up)


def unseen_feed(rows: list[JobRecommendation]) -> list[JobRecommendation]:
    """The person's feed beyond what they were shown, best first (as the next page reads it)."""
    return [row for row in rows if row.shown_at is None and row.relevance_score >= 0.5]


async def test_salary_too_low_pushes_lower_paying_vacancies_of_the_role_down_on_the_next_page(
    bot_world: BotWorld,
) -> None:
    olga = await seed_user(bot_world, 950, ACCOUNTANT_ASTANA)
    page = await open_feed(olga)
    rows = {row.id: row for row in await recommendations(bot_world, 950)}
    too_low = [
        (pay, card)
        for card in page.cards
        if (pay := best_monthly_pay(rows[rec_id(card)])) is not None and pay < FLOOR
    ]
    assert too_low, [card.plain.splitlines()[0] for card in page.cards]
    rejected_pay, rejected = max(too_low, key=lambda item: item[0])
    before = unseen_feed(list(rows.values()))
    paying_as_little = [row for row in before if (best_monthly_pay(row) or FLOOR) <= rejected_pay]
    assert paying_as_little  # unseen vacancies of the role paying as little are there

    await thumbs_down_for(olga, rejected, "Salary too low")
    await drain_learning(bot_world)
    await olga.press("Next ▶")
    next_page = await read_page(olga)

    after = {row.id: row.relevance_score for row in await recommendations(bot_world, 950)}
    drops = [row.relevance_score - after[row.id] for row in paying_as_little]
    # The others move only as much as the salary weight's share does.
    moved = [
        abs(row.relevance_score - after[row.id]) for row in before if row not in paying_as_little
    ]
    assert min(drops) > max(moved, default=0.0)
    shown_next = {rec_id(card) for card in next_page.cards}
    assert shown_next and not shown_next & {row.id for row in paying_as_little}
    assert all(after[row.id] >= 0.5 for row in paying_as_little)  # lower, not hidden


async def test_salary_too_low_is_shown_in_preferences_as_ranked_lower(
    bot_world: BotWorld,
) -> None:
    olga = await seed_user(bot_world, 951, ACCOUNTANT_ASTANA)
    page = await open_feed(olga)
    rows = {row.id: row for row in await recommendations(bot_world, 951)}
    card = next(c for c in page.cards if (best_monthly_pay(rows[rec_id(c)]) or FLOOR) < FLOOR)
    pay = best_monthly_pay(rows[rec_id(card)])

    await thumbs_down_for(olga, card, "Salary too low")
    await drain_learning(bot_world)
    reply = await olga.ask("/preferences")

    assert pay is not None and f"Ranked lower: pay up to {tenge(pay)}" in reply.plain


async def reject_two_priced_cards(user: ChatUser, world: BotWorld, user_id: int) -> int:
    """👎 «Salary too low» on the first two cards of stated pay, page after page; the
    higher of their pays."""
    rejected: list[int] = []
    page = await open_feed(user)
    for _ in range(5):
        rows = {row.id: row for row in await recommendations(world, user_id)}
        card = next((c for c in page.cards if best_monthly_pay(rows[rec_id(c)])), None)
        if card is not None:
            await thumbs_down_for(user, card, "Salary too low")
            rejected.append(best_monthly_pay(rows[rec_id(card)]) or 0)
        if len(rejected) == 2:
            return max(rejected)
        await user.press("Next ▶")
        page = await read_page(user)
    raise AssertionError(f"fewer than two cards of stated pay in five pages: {rejected}")


async def test_two_salary_too_low_taps_leave_vacancies_paying_as_little_out_of_the_feed(
    bot_world: BotWorld,
) -> None:
    olga = await seed_user(bot_world, 952, ACCOUNTANT_NO_PAY)
    limit = await reject_two_priced_cards(olga, bot_world, 952)
    unseen = unseen_feed(await recommendations(bot_world, 952))
    paying_as_little = {row.id for row in unseen if (best_monthly_pay(row) or limit + 1) <= limit}
    assert paying_as_little  # unseen vacancies of the role paying as little are there

    await drain_learning(bot_world)
    await olga.press("Next ▶")
    next_page = await read_page(olga)

    after = {row.id: row.relevance_score for row in await recommendations(bot_world, 952)}
    assert all(after[rec] < 0.5 for rec in paying_as_little)  # under the relevance floor
    assert not {rec_id(card) for card in next_page.cards} & paying_as_little
    reply = await olga.ask("/preferences")
    assert f"Not shown: pay up to {tenge(limit)}" in reply.plain
    assert "Ranked lower: —" in reply.plain


async def test_show_pay_again_in_preferences_brings_the_hidden_low_pay_back_to_the_feed(
    bot_world: BotWorld,
) -> None:
    olga = await seed_user(bot_world, 953, ACCOUNTANT_NO_PAY)
    limit = await reject_two_priced_cards(olga, bot_world, 953)
    await drain_learning(bot_world)
    view = await olga.ask("/preferences")
    amount = tenge(limit)
    assert f"Not shown: pay up to {amount}" in view.plain

    label = f"💰 Show pay up to {amount} again"
    show_again = next(b for row in view.buttons for b in row if b.text == label)
    toast = await press_data(olga, view, show_again.callback_data or "")
    shown = await edited(olga, view)
    await drain_learning(bot_world)

    assert (
        toast
        == "Low pay is back in your feed. New «Salary too low» taps will teach the limit again."
    )
    assert "Not shown: —" in shown.plain and label not in shown.button_labels()
    unseen = [row for row in await recommendations(bot_world, 953) if row.shown_at is None]
    paying_as_little = [row for row in unseen if (best_monthly_pay(row) or limit + 1) <= limit]
    assert paying_as_little and all(row.relevance_score >= 0.5 for row in paying_as_little)


async def test_a_feed_emptied_by_the_pay_limit_says_why_and_offers_to_show_that_pay_again(
    bot_world: BotWorld,
) -> None:
    olga = await seed_user(bot_world, 954, ACCOUNTANT_NO_PAY)
    limit = await reject_two_priced_cards(olga, bot_world, 954)
    await drain_learning(bot_world)
    amount = tenge(limit)
    await olga.press("Next ▶")
    reply = await read_page(olga)
    for _ in range(20):  # the person reads on, then looks for new ones, until none are left
        if not reply.cards:
            break
        labels = reply.nav.button_labels()
        await olga.press("Next ▶" if "Next ▶" in labels else "🔄 Refresh")
        reply = await read_page(olga)

    assert not reply.cards
    note = f"pay up to {amount} is too low, so vacancies paying that little are not shown"
    assert note in reply.nav.plain
    # Remote is off for her, and she set no salary: no «a lower salary» to widen.
    widen = "widen your search in /preferences: another city, remote work, or another job title."
    assert widen in reply.nav.plain
    await press_on(olga, reply.nav, f"💰 Show pay up to {amount} again")
    assert "Not shown: —" in (await edited(olga, reply.nav)).plain


async def test_skills_do_not_fit_twice_on_a_skill_they_lack_ranks_it_lower_and_says_so(
    bot_world: BotWorld,
) -> None:
    petr = await seed_user(bot_world, 956, PYTHON_DEV_ALMATY)
    declared = set(PYTHON_DEV_ALMATY.skills)
    cards = list((await open_feed(petr)).cards)
    await petr.press("Next ▶")
    cards += (await read_page(petr)).cards
    rows = {row.id: row for row in await recommendations(bot_world, 956)}
    counts: dict[str, list[ChatMessage]] = {}
    for card in cards:
        for skill in key_skills(rows[rec_id(card)]) - declared:
            counts.setdefault(skill, []).append(card)
    # A skill two of the cards ask and the others do not (what every card asks, Git or
    # SQL, is not what did not fit).
    repeated = {skill: held for skill, held in counts.items() if len(held) >= 2}
    assert repeated, counts
    skill, holding = min(repeated.items(), key=lambda item: (len(item[1]), item[0]))
    before = unseen_feed(await recommendations(bot_world, 956))
    with_it = [row for row in before if skill in key_skills(row)]
    assert with_it

    for card in holding[:2]:
        await thumbs_down_for(petr, card, "Skills don't fit")
    await drain_learning(bot_world)

    after = {row.id: row.relevance_score for row in await recommendations(bot_world, 956)}
    drop = statistics.fmean(row.relevance_score - after[row.id] for row in with_it)
    others = [row.relevance_score - after[row.id] for row in before if row not in with_it]
    assert drop > statistics.fmean(others or [0.0])
    reply = await petr.ask("/preferences")
    assert skill in reply.plain.split("Less of:")[1].splitlines()[0]


async def test_wrong_city_on_remote_jobs_from_elsewhere_ranks_those_lower_and_says_so(
    bot_world: BotWorld,
) -> None:
    petr = await seed_user(bot_world, 955, PYTHON_DEV_ALMATY)  # any format: remote is fine
    page = await open_feed(petr)
    remote: list[ChatMessage] = []
    for _ in range(5):  # the person reads on until two remote jobs from elsewhere came up
        rows = {row.id: row for row in await recommendations(bot_world, 955)}
        remote += [c for c in page.cards if remote_from_elsewhere(rows[rec_id(c)], "160")]
        if len(remote) >= 2:
            break
        await petr.press("Next ▶")
        page = await read_page(petr)
    before = unseen_feed(await recommendations(bot_world, 955))
    elsewhere = [row for row in before if remote_from_elsewhere(row, "160")]
    assert len(remote) >= 2 and elsewhere

    for card in remote[:2]:
        await thumbs_down_for(petr, card, "Wrong city")
    await drain_learning(bot_world)

    after = {row.id: row.relevance_score for row in await recommendations(bot_world, 955)}
    drops = [row.relevance_score - after[row.id] for row in elsewhere]
    moved = [abs(row.relevance_score - after[row.id]) for row in before if row not in elsewhere]
    assert min(drops) > max(moved, default=0.0)
    assert all(after[row.id] >= 0.5 for row in elsewhere)  # lower, not hidden
    reply = await petr.ask("/preferences")
    assert "Ranked lower: remote work from other cities" in reply.plain


async def test_experience_pushes_vacancies_asking_more_experience_down_on_the_next_page(
    bot_world: BotWorld,
) -> None:
    petr = await seed_user(bot_world, 952, PYTHON_DEV_ALMATY)
    cards = list((await open_feed(petr)).cards)
    rows = {row.id: row for row in await recommendations(bot_world, 952)}
    senior = [card for card in cards if asks_senior(rows[rec_id(card)])]
    while len(senior) < 2:  # the person scrolls until two cards ask too much of them
        await petr.press("Next ▶")
        more = (await read_page(petr)).cards
        assert more, [card.plain.splitlines()[0] for card in cards]
        cards += more
        senior += [card for card in more if asks_senior(rows[rec_id(card)])]
    before = unseen_feed(await recommendations(bot_world, 952))
    asking_as_much = [row for row in before if asks_senior(row)]
    assert asking_as_much  # unseen vacancies asking as much experience are there

    for card in senior[:2]:
        await thumbs_down_for(petr, card, "Experience doesn't fit")
    await drain_learning(bot_world)
    next_cards: list[ChatMessage] = []
    for _ in range(2):
        await petr.press("Next ▶")
        next_cards += (await read_page(petr)).cards

    after = {row.id: row.relevance_score for row in await recommendations(bot_world, 952)}
    drops = [row.relevance_score - after[row.id] for row in asking_as_much]
    moved = [
        abs(row.relevance_score - after[row.id]) for row in before if row not in asking_as_much
    ]
    assert min(drops) > max(moved, default=0.0)
    shown_next = {rec_id(card) for card in next_cards}
    assert len(shown_next) == 6 and not shown_next & {row.id for row in asking_as_much}
