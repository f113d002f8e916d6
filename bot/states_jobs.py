"""FSM states of feedback notes, /saved and /search (free text typed by the user).

FSM data keys: ``note_rec`` (the recommendation a feedback note is for), ``saved_id``
(the saved job a note or reminder date is for), ``search`` (the current search's
overrides, see bot.handlers.search) and ``search_cities`` (cities offered as buttons).
"""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class FeedbackForm(StatesGroup):
    note = State()


class SavedForm(StatesGroup):
    note = State()
    reminder = State()


class SearchForm(StatesGroup):
    keywords = State()
    city = State()
    salary = State()
