"""Helpers of the /jobs, feedback, /saved, /search, /stats and safety end-to-end tests.

Users are set up through the services (onboarding is not the point of these tests);
everything after that goes through the chat: commands, button presses, typed text.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from bot.ui.callbacks import CardAction, CardCb
from core.domain.onboarding import OnboardingAnswers
from db.models import JobRecommendation
from sandbox.telegram import Button, ChatMessage, ChatUser
from tests.fixtures.bot import BotWorld

PYTHON_DEV = OnboardingAnswers(
    categories=["programming"],
    skills=["Python", "Django", "PostgreSQL"],
    area_ids=["160"],
    job_titles=["Python-разработчик"],
)
# Open to two kinds of programming job: feedback must tell them apart.
PYTHON_OR_1C = OnboardingAnswers(
    categories=["programming"],
    skills=["SQL"],
    area_ids=["160"],
    job_titles=["Python-разработчик", "Программист 1С"],
)


def is_card(message: ChatMessage) -> bool:
    return message.from_bot and any(
        (button.callback_data or "").startswith(f"{CardCb.__prefix__}:")
        for row in message.buttons
        for button in row
    )


@dataclass
class Page:
    cards: list[ChatMessage]
    nav: ChatMessage


async def seed_user(
    world: BotWorld,
    user_id: int,
    answers: OnboardingAnswers = PYTHON_DEV,
    *,
    language_code: str = "en",
) -> ChatUser:
    """A user who finished onboarding with ``answers`` (through the services)."""
    services = world.app.services
    await services.users.ensure_user(
        user_id, first_name="Test", username=None, language_code=language_code
    )
    await services.preferences.complete_onboarding(user_id, answers)
    return world.user(user_id, language_code=language_code)


async def read_page(user: ChatUser, timeout: float = 20.0) -> Page:  # noqa: ASYNC109
    """The cards the bot sends, up to and including the page's closing message."""
    cards: list[ChatMessage] = []
    while True:
        message = await user.wait_for(lambda m: m.from_bot and not m.edited, timeout=timeout)
        if is_card(message):
            cards.append(message)
        else:
            return Page(cards, message)


async def open_feed(user: ChatUser, command: str = "/jobs") -> Page:
    await user.send(command)
    return await read_page(user)


def card_button(card: ChatMessage, action: CardAction) -> Button:
    for row in card.buttons:
        for button in row:
            data = button.callback_data or ""
            if data.startswith(f"{CardCb.__prefix__}:") and CardCb.unpack(data).action is action:
                return button
    raise LookupError(f"no {action} button on card #{card.message_id}")


def rec_id(card: ChatMessage) -> int:
    return CardCb.unpack(card_button(card, CardAction.DETAILS).callback_data or "").rec


def current(user: ChatUser, message: ChatMessage) -> ChatMessage:
    """The message as the user sees it now (edits applied)."""
    return next(m for m in user.messages() if m.message_id == message.message_id)


async def press_on(user: ChatUser, message: ChatMessage, label: str) -> None:
    await user.press(label, message_id=message.message_id)


# The card's rarer buttons sit behind ⋯ More: a person taps ⋯ first.
UNDER_MORE = frozenset({CardAction.HIDE, CardAction.SIMILAR, CardAction.SHARE})


def has_button(card: ChatMessage, action: CardAction) -> bool:
    try:
        card_button(card, action)
    except LookupError:
        return False
    return True


async def open_more(user: ChatUser, card: ChatMessage) -> ChatMessage:
    """Tap ⋯ More on a card; the card as it is then (its extra row open)."""
    card = current(user, card)
    toggle = next(
        action
        for action in (CardAction.MORE, CardAction.MORE_NO_EMPLOYER)
        if has_button(card, action)
    )
    await press_data(user, card, card_button(card, toggle).callback_data or "")
    return await edited(user, card)


async def tap_card(user: ChatUser, card: ChatMessage, action: CardAction) -> str | None:
    """Press a card button (opening ⋯ More first for the buttons behind it); returns the
    toast the bot answered with."""
    card = current(user, card)
    if action in UNDER_MORE and not has_button(card, action):
        card = await open_more(user, card)
    return await press_data(user, card, card_button(card, action).callback_data or "")


async def press_data(
    user: ChatUser,
    message: ChatMessage,
    callback_data: str,
    timeout: float = 10.0,  # noqa: ASYNC109
) -> str | None:
    """Press a button carrying ``callback_data`` (maybe forged) on ``message``, and wait
    for the bot to answer the callback query; returns the answer's text."""
    emulator = user._emulator  # the test helper drives the emulator
    state = emulator.chat_state(user.user_id)
    before = len(state.callback_answers)
    user._cursor = len(state.events)  # replies after the press, as press()
    emulator.user_press(state, message, Button(text="forged", callback_data=callback_data))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while len(state.callback_answers) == before:
        if not await state.changed.wait(deadline - loop.time()):
            raise TimeoutError(f"no answer to {callback_data!r}\n{user.transcript()}")
    return state.callback_answers[before][0]


async def recommendations(world: BotWorld, user_id: int) -> list[JobRecommendation]:
    async with world.session_factory() as session:
        rows = await session.scalars(
            select(JobRecommendation)
            .where(JobRecommendation.user_id == user_id)
            .order_by(JobRecommendation.relevance_score.desc(), JobRecommendation.id)
        )
        return list(rows)


async def drain_learning(world: BotWorld) -> None:
    await world.app.services.learner.drain()


def labels(messages: Sequence[ChatMessage]) -> list[str]:
    return [label for message in messages for label in message.button_labels()]


async def edited(user: ChatUser, message: ChatMessage) -> ChatMessage:
    """Wait for the bot's next edit of ``message`` (after the last press)."""
    return await user.wait_for(lambda m: m.edited and m.message_id == message.message_id)
