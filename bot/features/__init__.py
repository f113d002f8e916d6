"""The bot's features, one package each: ``router.py`` (handlers and ``get_router()``), and
where it has them ``callbacks.py``, ``states.py``, ``keyboards.py``, ``views.py``. What
several features share (cards, HTML, edits, keyboard helpers) lives in :mod:`bot.ui`.

To add a feature: create ``bot/features/<feature>/router.py`` with a ``get_router()``
factory, put its texts in ``bot/locales/{en,ru}/<feature>.json`` and add the factory to
``FEATURES`` below, before the fallback.

``get_routers()`` is the order the Dispatcher sees them: commands that work in any state
first, dialogs next, the catch-all last. Routers are built afresh per call: a Router can
belong to one Dispatcher only, and tests build several apps in one process.
"""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Router

from bot.features.assessment import router as assessment
from bot.features.feedback import router as feedback
from bot.features.jobs import router as jobs
from bot.features.onboarding import router as onboarding
from bot.features.preferences import router as preferences
from bot.features.saved import router as saved
from bot.features.search import router as search
from bot.features.settings import router as settings
from bot.features.start import router as start
from bot.features.stats import router as stats
from bot.features.webapp import router as webapp

FEATURES: tuple[Callable[[], Router], ...] = (
    start.get_router,
    settings.get_router,
    preferences.get_router,
    assessment.get_router,
    jobs.get_router,
    search.get_router,
    saved.get_router,
    stats.get_router,
    feedback.get_router,
    webapp.get_router,
    onboarding.get_router,
    start.get_fallback_router,
)


def get_routers() -> list[Router]:
    return [factory() for factory in FEATURES]
