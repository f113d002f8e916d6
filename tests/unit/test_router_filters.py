"""Every filter of the bot's routers runs on the event loop: aiogram sends a synchronous
callable (a ``State`` as a filter, ``F.text``) through ``asyncio.to_thread``, a thread
hand-off per evaluation, which was a visible share of what a tap costs
(docs/BENCHMARKS.md, "What an update costs")."""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram import F, Router
from aiogram.dispatcher.event.handler import CallableObject
from aiogram.fsm.state import State, StatesGroup

from bot.features import get_routers, inline_sync_filters


def _callables(router: Router) -> list[CallableObject]:
    found: list[CallableObject] = []
    for observer in router.observers.values():
        for handler in observer.handlers:
            found += [handler, *(handler.filters or ())]
    for sub_router in router.sub_routers:
        found += _callables(sub_router)
    return found


def test_no_filter_or_handler_of_the_bot_goes_to_a_thread() -> None:
    threaded = [c.callback for r in get_routers() for c in _callables(r) if not c.awaitable]
    assert threaded == []


class Form(StatesGroup):
    name = State()


def test_an_inlined_filter_answers_as_before() -> None:
    router = Router()

    async def handler(**_: Any) -> None:
        return None

    router.message.register(handler, Form.name, F.text.startswith("a"))
    state_filter, magic_filter = router.message.handlers[0].filters or []
    assert inline_sync_filters(router) == 2
    assert state_filter.awaitable and magic_filter.awaitable

    async def check() -> None:
        assert await state_filter.call(object(), raw_state="Form:name") is True
        assert await state_filter.call(object(), raw_state=None) is False

    asyncio.run(check())
