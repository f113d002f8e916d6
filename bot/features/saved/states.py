"""FSM states of /saved. FSM data key ``saved_id``: the saved job a note, a reminder date
or an interview's date and time is for."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class SavedForm(StatesGroup):
    note = State()
    reminder = State()
    interview = State()
