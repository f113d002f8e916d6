"""The vacancy card renderer: text, salary formatting, "why" line, escaping, buttons."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.features.feedback.callbacks import LessOfCb
from bot.features.saved.callbacks import SavedAction, SavedCb
from bot.i18n import Locales
from bot.ui.callbacks import MAX_CALLBACK_INT, CardAction, CardCb
from bot.ui.cards import (
    build_keyboard,
    card_keyboard,
    format_pay,
    keyboard_state,
    render_card,
    render_details,
)
from bot.ui.render import TELEGRAM_TEXT_LIMIT, visible_length
from core.domain.recommendation_cards import RecommendationCard, VacancyDetails
from core.domain.scoring import ScoreExplanation
from core.domain.search_query import parse_search
from core.domain.vacancy_facts import facts_from_raw
from sandbox.telegram_html import parse_html

LOCALES = Locales.load()
EN, RU = LOCALES.get("en"), LOCALES.get("ru")

CARD = RecommendationCard(
    recommendation_id=123456789,
    vacancy_id="118726586",
    title="Главный Backend-разработчик (Python)",
    employer_id="42",
    employer_name="<Code> Lab",
    area_name="Алматы",
    salary_from=500_000,
    salary_to=800_000,
    salary_currency="KZT",
    salary_gross=False,
    url="https://hh.kz/vacancy/118726586",
    snippet="Опыт <highlighttext>Python</highlighttext> & SQL",
    relevance=0.834,
    explanation=ScoreExplanation(
        matched_skills=("Python", "Django"),
        missing_skills=("Kubernetes",),
        salary_note="meets",
        salary_ratio=1.2,
        location_reason="same_area",
        positive_hits=(),
        negative_hits=(),
    ),
    saved=False,
    feedback=None,
    published_at=datetime(2026, 2, 10, tzinfo=UTC),
)


def plain(html: str) -> str:
    return parse_html(html).plain


def test_a_card_shows_title_employer_city_salary_match_and_why() -> None:
    text = plain(render_card(CARD, EN))
    assert text.splitlines()[:4] == [
        "Главный Backend-разработчик (Python)",
        "🏢 <Code> Lab",
        "📍 Almaty",
        "💰 500 000 ₸ – 800 000 ₸ take-home",
    ]
    assert "🎯 Match: 83%" in text
    assert "✓ Python, Django" in text
    assert "💡 Why: salary meets your expectation; in Almaty" in text


def test_the_why_names_the_vacancys_city_not_your_city() -> None:
    # An Almaty person's search in Astana: the Astana card is not "in your city".
    in_astana = replace(CARD, area_name="Астана")
    text = plain(render_card(in_astana, EN))
    assert "in Astana" in text and "your city" not in text


def _with_facts(**changes: object) -> RecommendationCard:
    facts = facts_from_raw(
        {
            "work_format": [{"id": "REMOTE"}],
            "experience": {"id": "between1And3"},
            "employment_form": {"id": "FULL"},
            "salary_range": {"from": 3000, "to": None, "mode": {"id": "HOUR"}},
            "employer": {
                "employer_rating": {"total_rating": "4.25", "reviews_count": 120},
                "trusted": True,
                "accredited_it_employer": True,
            },
            "key_skills": [{"name": "Python"}, {"name": "Kubernetes"}, {"name": "1С"}],
        },
        CARD.published_at,
    )
    return replace(CARD, facts=facts, **changes)  # type: ignore[arg-type]


def test_a_card_with_facts_shows_employer_standing_format_terms_and_pay_per_hour() -> None:
    card = _with_facts(salary_from=3000, salary_to=None)
    lines = plain(render_card(card, EN, now=datetime(2026, 2, 12, 9, tzinfo=UTC))).splitlines()
    assert lines[1] == "🏢 <Code> Lab · ★ 4.2 · 120 reviews · ✔ checked by hh · IT accredited"
    assert lines[2] == "📍 Almaty · remote"
    assert lines[3] == "💰 from 3 000 ₸ take-home per hour"
    assert lines[4] == "🧭 1–3 years' experience · full time · posted 2 days ago"


def test_the_skill_gap_line_lists_required_skills_had_and_lacking() -> None:
    card = _with_facts(
        explanation=replace(CARD.explanation, matched_skills=("Python", "1С:Бухгалтерия"))
    )
    assert "✓ Python, 1C:Accounting · ✗ Kubernetes\n" in plain(render_card(card, EN))


def test_posted_today_yesterday_in_russian() -> None:
    card = _with_facts()
    today = plain(render_card(card, RU, now=datetime(2026, 2, 10, 23, tzinfo=UTC)))
    yesterday = plain(render_card(card, RU, now=datetime(2026, 2, 11, 1, tzinfo=UTC)))
    assert "опубликована сегодня" in today and "опубликована вчера" in yesterday


def test_text_from_hh_is_escaped_in_the_html() -> None:
    html = render_card(CARD, EN)
    assert "&lt;Code&gt; Lab" in html
    assert "<highlighttext>" not in html and "Python &amp; SQL" in html


@pytest.mark.parametrize(
    ("low", "high", "currency", "gross", "expected"),
    [
        (300_000, None, "KZT", False, "from 300 000 ₸ take-home"),
        (None, 2_000, "USD", True, "up to $2 000 before tax"),
        (150_000, 200_000, "RUR", None, "150 000 ₽ – 200 000 ₽"),
        (1_500, 1_500, "EUR", None, "€1 500"),
        (None, None, None, None, "salary not stated"),
    ],
)
def test_salary_is_formatted_with_the_currency_sign_and_tax(
    low: int | None, high: int | None, currency: str | None, gross: bool | None, expected: str
) -> None:
    assert plain(format_pay(EN, low, high, currency, gross)) == expected


def test_russian_salary_says_na_ruki_or_do_vycheta() -> None:
    assert plain(format_pay(RU, 300_000, None, "KZT", False)) == "от 300 000 ₸ на руки"
    assert plain(format_pay(RU, 300_000, None, "KZT", True)) == "от 300 000 ₸ до вычета"


def test_a_salary_below_expectation_says_how_far_below() -> None:
    why = replace(CARD.explanation, salary_note="below", salary_ratio=0.7)
    assert "salary about 70% of your expectation" in render_card(replace(CARD, explanation=why), EN)


def test_a_huge_snippet_and_description_stay_under_telegrams_limit() -> None:
    details = VacancyDetails(
        **{name: getattr(CARD, name) for name in CARD.__dataclass_fields__},
        description="<b>&" * 5000,
        key_skills=("Python",) * 100,
    )
    html = render_details(details, EN)
    assert visible_length(html) <= TELEGRAM_TEXT_LIMIT
    assert parse_html(html).plain.endswith("…")


def test_the_keyboard_has_feedback_save_details_more_and_the_hh_link() -> None:
    markup = card_keyboard(CARD, EN)
    labels = [[button.text for button in row] for row in markup.inline_keyboard]
    assert labels == [
        ["👍", "👎", "⭐ Save"],
        ["📄 Details", "🙈 Not for me", "⋯ More"],
        ["🔗 Open on hh"],
    ]
    assert markup.inline_keyboard[-1][0].url == CARD.url


def test_more_opens_a_row_of_more_like_this_share_and_hide_and_reads_back() -> None:
    state = keyboard_state(card_keyboard(CARD, EN))
    assert state is not None and state.can_hide_employer and not state.more
    opened = build_keyboard(replace(state, more=True), EN)
    labels = [[button.text for button in row] for row in opened.inline_keyboard]
    assert labels[1:4] == [
        ["📄 Details", "🙈 Not for me", "⋯ Less"],
        ["🔁 More like this", "📤 Share"],
        ["🚫 Hide employer"],
    ]
    assert keyboard_state(opened) == replace(state, more=True)
    assert keyboard_state(build_keyboard(replace(state, more=False), EN)) == state


def test_flags_show_saved_and_rated_and_read_back_from_the_keyboard() -> None:
    flagged = replace(CARD, saved=True, feedback=False)
    markup = card_keyboard(flagged, EN)
    labels = [button.text for row in markup.inline_keyboard for button in row]
    assert {"👎✓", "★ Saved"} <= set(labels)
    state = keyboard_state(markup)
    assert state is not None
    assert (state.recommendation_id, state.saved, state.feedback, state.url) == (
        CARD.recommendation_id,
        True,
        False,
        CARD.url,
    )


def test_callback_data_carries_ids_only_and_fits_64_bytes() -> None:
    biggest = MAX_CALLBACK_INT  # the largest id a button may carry (bot.callbacks)
    for data in (
        CardCb(action=CardAction.DISLIKED, rec=biggest),
        LessOfCb(rec=biggest, idx=2),
        SavedCb(action=SavedAction.REMIND_TYPE, saved=biggest, code="7"),
        CardCb(action=CardAction.MORE_NO_EMPLOYER, rec=biggest),
        CardCb(action=CardAction.SIMILAR, rec=biggest),
    ):
        assert len(data.pack().encode()) <= 64


def test_search_text_is_split_into_keywords_and_overrides() -> None:
    request = parse_search('python django city:"Усть-Каменогорск" salary:300k remote applied:show')
    assert (request.keywords, request.city, request.salary) == (
        "python django",
        "Усть-Каменогорск",
        "300k",
    )
    assert request.remote is True and request.exclude_applied is False


def test_search_text_without_overrides_is_all_keywords() -> None:
    request = parse_search("  1С  бухгалтер   from:x ")
    assert request == parse_search("1С бухгалтер from:x")
    assert request.keywords == "1С бухгалтер from:x" and request.city is None
