"""FSM states of /search (free text typed by the user).

FSM data keys: ``search`` (the current search's overrides, see bot.features.search.router)
and ``search_cities`` (cities offered as buttons).
"""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class SearchForm(StatesGroup):
    keywords = State()
    city = State()
    salary = State()
