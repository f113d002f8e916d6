"""The bot's features, one package each: ``router.py`` (handlers and ``get_router()``), and
where it has them ``callbacks.py``, ``states.py``, ``keyboards.py``, ``views.py``. What
several features share (cards, HTML, edits, keyboard helpers) lives in :mod:`bot.ui`.

To add a feature: create ``bot/features/<feature>/router.py`` with a ``get_router()``
factory, put its texts in ``bot/locales/{en,ru,kk}/<feature>.ftl`` and add the factory to
``FEATURES`` below, before the fallback.

``get_routers()`` is the order the Dispatcher sees them: commands that work in any state
first, dialogs next, the catch-all last. Routers are built afresh per call: a Router can
belong to one Dispatcher only, and tests build several apps in one process.

Every button handler of a feature gets the tapped message as ``message`` (a
:class:`~bot.ui.filters.ShownMessage` filter on the features' router), and its tap is
answered by aiogram's ``CallbackAnswerMiddleware`` (registered with the Dispatcher) once
the handler returns: a handler with something to say sets ``callback_answer.text``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import CallableObject

from bot.features.assessment import router as assessment
from bot.features.feedback import router as feedback
from bot.features.hidden import router as hidden
from bot.features.jobs import router as jobs
from bot.features.market import router as market
from bot.features.onboarding import router as onboarding
from bot.features.preferences import router as preferences
from bot.features.resume import router as resume
from bot.features.saved import router as saved
from bot.features.search import router as search
from bot.features.searches import router as searches
from bot.features.settings import router as settings
from bot.features.start import router as start
from bot.features.stats import router as stats
from bot.features.text_search import router as text_search
from bot.features.webapp import router as webapp
from bot.ui.filters import ShownMessage

FEATURES: tuple[Callable[[], Router], ...] = (
    start.get_router,
    resume.get_router,  # /resume in any dialog; a file outside one or at onboarding's start
    settings.get_router,
    searches.get_router,
    preferences.get_router,
    assessment.get_router,
    jobs.get_router,
    search.get_router,
    saved.get_router,
    hidden.get_router,
    stats.get_router,
    market.get_router,
    feedback.get_router,
    webapp.get_router,
    onboarding.get_router,
    text_search.get_router,  # text no dialog or command took: a search, as on hh.kz
)


def get_routers() -> list[Router]:
    """The features (their button handlers only for taps on a message still shown), then
    the fallback for whatever none of them handled."""
    features = Router(name="features")
    features.callback_query.filter(ShownMessage())
    features.include_routers(*(factory() for factory in FEATURES))
    routers = [features, start.get_fallback_router()]
    for router in routers:
        inline_sync_filters(router)
    return routers


def inline_sync_filters(router: Router) -> int:
    """Run the router's synchronous filters (a ``State`` given as a filter, ``F.text``
    and other magic filters) on the event loop; returns how many there were.

    aiogram runs a callable that is not a coroutine function through
    ``asyncio.to_thread``, a thread hand-off per evaluation: every tap passed through
    about ten such State filters of dialogs it was not in before reaching its handler,
    each a wake-up of a worker thread and a GIL hand-over on a bot that has one core.
    These filters only compare values, so they are called directly. (A synchronous
    *handler* would stay in a thread; the bot has none.)"""
    count = 0
    for observer in router.observers.values():
        for handler in observer.handlers:
            for item in handler.filters or ():
                if not item.awaitable:
                    _call_inline(item)
                    count += 1
        for item in observer._handler.filters or ():  # the observer's own .filter(...)
            if not item.awaitable:
                _call_inline(item)
                count += 1
    for sub_router in router.sub_routers:
        count += inline_sync_filters(sub_router)
    return count


def _call_inline(item: CallableObject) -> None:
    sync = item.callback

    async def inline(*args: Any, **kwargs: Any) -> Any:
        return sync(*args, **kwargs)

    item.callback = inline
    item.awaitable = True
