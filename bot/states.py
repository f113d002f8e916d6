"""FSM StatesGroups. State lives in the database (db.fsm_storage), so a dialog survives a
restart; the dialog's answers live in FSM data under the keys documented per dialog."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class Onboarding(StatesGroup):
    """FSM data: ``answers`` (the draft, see bot.handlers.onboarding.draft.Dialog), ``mode``
    ("new" / "summary" / "preferences": where a finished step returns to)."""

    categories = State()
    skills = State()
    experience = State()
    city = State()
    work_format = State()
    employment = State()
    salary = State()
    titles = State()
    summary = State()


class Assessment(StatesGroup):
    """FSM data: ``skills`` (the rated skill names), ``ratings`` (name → 1..5)."""

    rating = State()


class SettingsForm(StatesGroup):
    digest_time = State()
    timezone = State()
