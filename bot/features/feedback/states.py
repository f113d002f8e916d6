"""FSM states of feedback. FSM data key ``note_rec``: the recommendation a note is for."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class FeedbackForm(StatesGroup):
    note = State()
