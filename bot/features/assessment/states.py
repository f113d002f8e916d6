"""FSM states of the skill self-assessment."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class Assessment(StatesGroup):
    """FSM data: ``skills`` (the rated skill names), ``ratings`` (name → 1..5)."""

    rating = State()
