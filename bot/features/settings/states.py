"""FSM states of /settings (a typed digest time or time zone)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class SettingsForm(StatesGroup):
    digest_time = State()
    timezone = State()
