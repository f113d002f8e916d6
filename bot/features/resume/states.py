"""The resume dialog's one state: waiting for a file or pasted text (no FSM data)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class ResumeForm(StatesGroup):
    waiting = State()
