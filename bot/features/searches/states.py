"""FSM states of /searches (a typed name)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class SearchesForm(StatesGroup):
    name = State()
