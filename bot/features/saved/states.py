"""FSM states of /saved. FSM data key ``saved_id``: the saved job a note or reminder date
is for."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class SavedForm(StatesGroup):
    note = State()
    reminder = State()
