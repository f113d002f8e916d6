"""Button labels fit their row on a phone, in every language.

Telegram splits a row's width evenly between its buttons and cuts a label that does not
fit with "…" («🕘 Время подбо…» beside another button). The budgets are what a 360-px
phone showed whole: about 16 characters two to a row, 14 three to a row, 40 alone. Each
label below is listed with the number of buttons its row has (its keyboard's layout); a
toggle also carries the "✅ " it shows when on."""

from __future__ import annotations

import pytest

from bot.i18n import LANGUAGES, Locales
from bot.ui.keyboards import CHECK

LOCALES = Locales.load()
BUDGET = {1: 40, 2: 16, 3: 14}

# key → (buttons in its row, shown with ✅ when on)
ROWS: dict[str, tuple[int, bool]] = {
    # /settings (bot/features/settings/keyboards.py)
    "settings.digest_on": (1, False),
    "settings.digest_off": (1, False),
    "settings.time_button": (1, False),
    "settings.tz_button": (1, False),
    "settings.test_digest_button": (1, False),
    # a card (bot/ui/cards.py): 👍 👎 ⭐ · 📄 🙈 ⋯ · 🔁 📤 · 🚫
    "jobs.btn.details": (3, False),
    "jobs.btn.not_interested": (3, False),
    "jobs.btn.more": (3, False),
    "jobs.btn.less": (3, False),
    "jobs.btn.similar": (2, False),
    "jobs.btn.share": (2, False),
    "jobs.btn.hide": (1, False),
    # /search's pages (bot/features/search/router.py)
    "search.btn.city": (2, False),
    "search.btn.salary": (2, False),
    "search.btn.remote": (2, True),
    "search.btn.hide_applied": (2, True),
    # a saved vacancy (bot/features/saved/views.py)
    "saved.btn.interview_at": (2, False),
    "saved.btn.back": (2, False),
    "saved.btn.remind_1": (3, False),
    "saved.btn.remind_3": (3, False),
    "saved.btn.remind_7": (3, False),
    "saved.btn.remind_type": (2, False),
    "saved.btn.remind_off": (2, False),
    "saved.btn.note": (1, False),
    "saved.btn.list": (1, False),
    "saved.apply.btn.yes": (1, False),
    "saved.apply.btn.later": (2, False),
    "saved.apply.btn.no": (2, False),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_listed_button_label_fits_its_row(language: str) -> None:
    t = LOCALES.get(language)
    too_wide = {}
    for key, (per_row, toggle) in ROWS.items():
        shown = f"{CHECK} {t(key)}" if toggle else t(key)
        if len(shown) > BUDGET[per_row]:
            too_wide[key] = (shown, len(shown), BUDGET[per_row])
    assert too_wide == {}
