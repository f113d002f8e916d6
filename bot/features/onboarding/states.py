"""FSM states of onboarding. State lives in the database (db.fsm_storage), so a dialog
survives a restart; the dialog's answers live in FSM data."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class Onboarding(StatesGroup):
    """FSM data: ``answers`` (the draft, see bot.features.onboarding.draft.Dialog), ``mode``
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
