"""Onboarding: a multi-step form (fields → skills → experience → city → work format →
employment → salary → summary) with Back, Cancel and "edit any step" from the summary.

The same steps are re-entered from /preferences to edit one field (mode "preferences").
One module per step; :mod:`.draft` holds the FSM data, :mod:`.views` the prompts and
:mod:`.flow` how a step is entered and finished. Sub-routers are tried in this order.
"""

from __future__ import annotations

from aiogram import Router

from bot.handlers.onboarding import (
    categories,
    city,
    experience,
    formats,
    navigation,
    salary,
    skills,
    summary,
    titles,
)
from bot.handlers.onboarding.flow import begin_onboarding, edit_from_preferences

__all__ = ["begin_onboarding", "edit_from_preferences", "router"]

router = Router(name="onboarding")
router.include_routers(
    navigation.router,
    categories.router,
    skills.router,
    experience.router,
    city.router,
    formats.router,
    salary.router,
    titles.router,
    summary.router,
)
