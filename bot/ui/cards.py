"""The vacancy card: the one renderer of a recommendation (feed, search, digest, /saved).

``render_card(card, t)`` gives the HTML text, ``card_keyboard(card, t)`` its buttons.
Everything that came from HeadHunter goes through a translator placeholder or
:func:`bot.ui.render.quote`, so a name like ``<Code> Lab`` or ``ТОО "Альфа & Омега"`` shows
exactly as written. The flags a card shows (★ saved, 👍✓ / 👎✓) live in the buttons'
actions, so a handler can re-draw the keyboard after a tap from the message alone
(:func:`keyboard_state` + :func:`build_keyboard`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypedDict, Unpack

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.i18n import Translator
from bot.ui.callbacks import CardAction, CardCb
from bot.ui.edits import edit_markup
from bot.ui.names import job_title_name, skill_names
from bot.ui.render import Html, join, quote, trim_html_to
from core.domain.clock import as_utc, utc_now
from core.domain.market import PayContext
from core.domain.place_names import place_name
from core.domain.recommendation_cards import RecommendationCard, VacancyDetails
from core.domain.salary import format_salary
from core.domain.skill_gap import skill_gap
from core.domain.vacancy_facts import EmployerTrust

SNIPPET_LIMIT = 160  # two lines on a phone: the card and its buttons fit one screen
WHY_SKILLS = 3  # skills named on the skill-gap line, each of had / lacking (one line)
WHY_REASONS = 3  # reasons on the one "why" line
WHY_KEYWORDS = 2
DETAILS_SKILLS = 30
_APPLY_PATH = "/applicant/vacancy_response"  # HH's apply_alternate_url
_LEFTOVER_TAGS = re.compile(r"</?highlighttext>", re.IGNORECASE)


# ---------------------------------------------------------------------------- text


def format_pay(
    t: Translator,
    salary_from: int | None,
    salary_to: int | None,
    currency: str | None,
    gross: bool | None,
) -> str:
    """ "300 000 – 450 000 ₸ net", "from $2 000 before tax", or "salary not stated"."""
    if salary_from is None and salary_to is None:
        return t("jobs.salary.none")
    code = currency or "KZT"
    if salary_from is not None and salary_to is not None and salary_from != salary_to:
        amount = t(
            "jobs.salary.range",
            low=format_salary(salary_from, code),
            high=format_salary(salary_to, code),
        )
    elif salary_from is not None and salary_from == salary_to:
        amount = quote(format_salary(salary_from, code))
    elif salary_from is not None:
        amount = t("jobs.salary.from", amount=format_salary(salary_from, code))
    else:
        assert salary_to is not None
        amount = t("jobs.salary.to", amount=format_salary(salary_to, code))
    if gross is None:
        return amount
    return t("jobs.salary.gross" if gross else "jobs.salary.net", amount=Html(amount))


def _names(values: tuple[str, ...], t: Translator, limit: int = WHY_SKILLS) -> str:
    """Skill names in the reader's language, at most ``limit`` then "…"."""
    shown = skill_names(values[:limit], t)
    if len(values) > limit:
        shown.append("…")
    return ", ".join(shown)


def skill_gap_line(card: RecommendationCard, t: Translator) -> str | None:
    """ "✓ Python, SQL · ✗ Kubernetes": the vacancy's skills the person has and lacks."""
    required = card.facts.key_skills if card.facts is not None else ()
    gap = skill_gap(card.explanation.matched_skills, required)
    parts: list[str] = []
    if gap.have:
        parts.append(t("jobs.gap.have", skills=_names(gap.have, t)))
    if gap.lack:
        parts.append(t("jobs.gap.lack", skills=_names(gap.lack, t)))
    return join(parts, " · ") if parts else None


def why_line(card: RecommendationCard, t: Translator) -> str | None:
    """At most one line of why beyond the skills: title, salary vs expectation, location,
    the words they asked for more of. None when there is nothing but skills to say."""
    why = card.explanation
    parts: list[str] = []
    if why.title_match:
        parts.append(t("jobs.why.title"))
    if why.salary_note == "meets":
        parts.append(t("jobs.why.salary_meets"))
    elif why.salary_note == "below" and why.salary_ratio is not None:
        parts.append(t("jobs.why.salary_below", percent=round(why.salary_ratio * 100)))
    elif why.salary_note == "below":
        parts.append(t("jobs.why.salary_below_plain"))
    location_key = f"jobs.why.location.{why.location_reason}"
    if why.location_reason == "same_area" and card.area_name:
        # The place itself: a search in another city, or one of several, is not "yours".
        parts.append(t("jobs.why.location.in", city=place_name(card.area_name, t.language)))
    elif why.location_reason != "anywhere" and t.has(location_key):
        parts.append(t(location_key))
    if why.positive_hits:
        parts.append(t("jobs.why.keywords", keywords=_names(why.positive_hits, t, WHY_KEYWORDS)))
    if not parts:
        return None if why.matched_skills else t("jobs.why", reasons=t("jobs.why.general"))
    return t("jobs.why", reasons=join(parts[:WHY_REASONS], "; "))


def reasons_lines(card: RecommendationCard, t: Translator) -> str:
    """The card's reasons as it shows them: the skill-gap line and the one "why" line."""
    return "\n".join(line for line in (skill_gap_line(card, t), why_line(card, t)) if line)


def clean_snippet(text: str, limit: int = SNIPPET_LIMIT) -> str:
    """Plain snippet text: no leftover highlight tags, one line, at most ``limit`` chars."""
    flat = " ".join(_LEFTOVER_TAGS.sub("", text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _trust(trust: EmployerTrust, t: Translator) -> list[str]:
    """★ 4.3 (120 reviews), ✔ checked by hh, IT accredited: what HH says of the employer."""
    parts: list[str] = []
    if trust.rating is not None and trust.reviews:
        parts.append(t("jobs.trust.rating", rating=f"{trust.rating:.1f}", reviews=trust.reviews))
    elif trust.rating is not None:
        parts.append(t("jobs.trust.rating_only", rating=f"{trust.rating:.1f}"))
    if trust.trusted:
        parts.append(t("jobs.trust.trusted"))
    if trust.accredited_it:
        parts.append(t("jobs.trust.accredited_it"))
    return parts


def _known(t: Translator, prefix: str, value: str | None) -> str:
    """The text of a HH dictionary value, or "" for one the bot has no words for."""
    key = f"{prefix}.{value}"
    return t(key) if value and t.has(key) else ""


def posted_ago(published_at: datetime | None, now: datetime, t: Translator) -> str:
    """ "posted today", "posted yesterday", "posted 5 days ago"; "" when unknown."""
    if published_at is None:
        return ""
    days = (as_utc(now).date() - as_utc(published_at).date()).days
    if days <= 0:
        return t("jobs.posted.today")
    if days == 1:
        return t("jobs.posted.yesterday")
    return t("jobs.posted.days", days=days)


def _line(parts: list[str]) -> str | None:
    shown = [part for part in parts if part]
    return " · ".join(shown) if shown else None


def _header(
    card: RecommendationCard, t: Translator, now: datetime, pay_context: str | None = None
) -> list[str]:
    facts = card.facts
    lines = [t("jobs.card.title", title=card.title)]
    employer = [
        t("jobs.card.employer", employer=card.employer_name) if card.employer_name else "",
        *(_trust(facts.employer, t) if facts is not None else ()),
    ]
    place = [
        t("jobs.card.area", area=place_name(card.area_name, t.language)) if card.area_name else "",
        *(_known(t, "jobs.format", f) for f in (facts.work_formats if facts else ())),
    ]
    pay = format_pay(t, card.salary_from, card.salary_to, card.salary_currency, card.salary_gross)
    mode = _known(t, "jobs.pay_mode", facts.salary_mode) if facts else ""
    if mode and (card.salary_from is not None or card.salary_to is not None):
        pay = t("jobs.salary.per", amount=Html(pay), unit=Html(mode))
    terms = [
        _known(t, "jobs.experience", facts.experience) if facts else "",
        _known(t, "jobs.employment", facts.employment) if facts else "",
        posted_ago(card.published_at, now, t),
    ]
    for line in (_line(employer), _line(place)):
        if line:
            lines.append(line)
    lines.append(t("jobs.card.salary", salary=Html(pay)))
    if pay_context:
        lines.append(pay_context)
    if line := _line(terms):
        lines.append(t("jobs.card.terms", terms=Html(line)))
    return lines


def pay_line(card: RecommendationCard, pay: PayContext, t: Translator) -> str | None:
    """ "📊 Pays more than 60 % of Python developer vacancies in Almaty (n = 213)"; for a
    card without pay, where the person's expectation stands; None below the sample size."""
    mode = card.facts.salary_mode if card.facts is not None else None
    line = pay.line_for(
        card.salary_from, card.salary_to, card.salary_currency, card.salary_gross, mode
    )
    if line is None or not pay.job_title:  # no role: the sample is of nothing in particular
        return None
    role = job_title_name(pay.job_title, t)
    place = place_name(pay.area_name, t.language) if pay.area_name else ""
    key = "jobs.pay.yours" if line.mine else "jobs.pay.vacancy"
    if place:
        key += "_in"
    return t(
        key,
        percent=round(line.share * 100),
        role=role,
        place=place,
        sample=line.sample,
        amount=format_salary(round(line.amount or 0), pay.currency),
    )


def render_card(
    card: RecommendationCard,
    t: Translator,
    *,
    number: int | None = None,
    now: datetime | None = None,
    pay: PayContext | None = None,
) -> str:
    """The card's HTML text (under Telegram's limit). ``number`` prefixes "1." in lists;
    ``now`` is what "posted 2 days ago" counts from; ``pay`` (the person's role × city
    sample) adds where the card's pay stands."""
    context = pay_line(card, pay, t) if pay is not None else None
    lines = _header(card, t, now or utc_now(), context)
    if number is not None:
        lines[0] = f"{number}. {lines[0]}"
    lines.append(t("jobs.card.match", percent=round(card.relevance * 100)))
    if reasons := reasons_lines(card, t):
        lines.append(reasons)
    snippet = clean_snippet(card.snippet)
    if snippet:
        lines.append(t("jobs.card.snippet", snippet=snippet))
    return trim_html_to("\n".join(lines))


def render_details(details: VacancyDetails, t: Translator) -> str:
    """The full vacancy: header, key skills and the plain-text description, trimmed."""
    lines = _header(details, t, utc_now())
    if details.key_skills:
        skills = ", ".join(details.key_skills[:DETAILS_SKILLS])
        lines.append(t("jobs.details.skills", skills=skills))
    description = details.description.strip() or t("jobs.details.no_description")
    lines.append("")
    lines.append(quote(description))
    return trim_html_to("\n".join(lines))


# ---------------------------------------------------------------------------- buttons


@dataclass(frozen=True, slots=True)
class CardButtons:
    """What a card's keyboard shows; recoverable from a sent message's keyboard."""

    recommendation_id: int
    url: str | None
    can_hide_employer: bool
    saved: bool
    feedback: bool | None  # True 👍, False 👎, None no vote
    apply_url: str | None = None  # the response form on the person's HH site
    more: bool = False  # the ⋯ row is open (more like this, share, hide the employer)

    @classmethod
    def of(cls, card: RecommendationCard) -> CardButtons:
        return cls(
            recommendation_id=card.recommendation_id,
            url=card.url,
            can_hide_employer=bool(card.employer_id),
            saved=card.saved,
            feedback=card.feedback,
            apply_url=card.facts.apply_url if card.facts is not None else None,
        )


def _button(text: str, action: CardAction, rec: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=CardCb(action=action, rec=rec).pack())


def build_keyboard(state: CardButtons, t: Translator) -> InlineKeyboardMarkup:
    """Three rows (👍 👎 ⭐ · details, not for me, ⋯ · the hh links); ⋯ opens the rarer
    ones (more like this, share · hide the employer) beneath the second."""
    rec = state.recommendation_id
    liked, disliked = state.feedback is True, state.feedback is False
    top = [
        _button(t("jobs.btn.liked"), CardAction.LIKED, rec)
        if liked
        else _button(t("jobs.btn.like"), CardAction.LIKE, rec),
        _button(t("jobs.btn.disliked"), CardAction.DISLIKED, rec)
        if disliked
        else _button(t("jobs.btn.dislike"), CardAction.DISLIKE, rec),
        _button(t("jobs.btn.saved"), CardAction.SAVED, rec)
        if state.saved
        else _button(t("jobs.btn.save"), CardAction.SAVE, rec),
    ]
    if state.more:
        toggle = _button(t("jobs.btn.less"), CardAction.LESS, rec)
    else:
        action = CardAction.MORE if state.can_hide_employer else CardAction.MORE_NO_EMPLOYER
        toggle = _button(t("jobs.btn.more"), action, rec)
    rows: list[list[InlineKeyboardButton]] = [
        top,
        [
            _button(t("jobs.btn.details"), CardAction.DETAILS, rec),
            _button(t("jobs.btn.not_interested"), CardAction.NOT_INTERESTED, rec),
            toggle,
        ],
    ]
    if state.more:
        rows.append(
            [
                _button(t("jobs.btn.similar"), CardAction.SIMILAR, rec),
                _button(t("jobs.btn.share"), CardAction.SHARE, rec),
            ]
        )
        if state.can_hide_employer:
            rows.append([_button(t("jobs.btn.hide"), CardAction.HIDE, rec)])
    links = [
        InlineKeyboardButton(text=t("jobs.btn.open"), url=state.url) if state.url else None,
        InlineKeyboardButton(text=t("jobs.btn.apply"), url=state.apply_url)
        if state.apply_url
        else None,
    ]
    if shown := [link for link in links if link is not None]:
        rows.append(shown)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def card_keyboard(card: RecommendationCard, t: Translator) -> InlineKeyboardMarkup:
    """👍 / 👎 / ⭐ save, details, not for me, ⋯ (more like this, share, hide this
    employer), and the links to the vacancy and to its response form on hh."""
    return build_keyboard(CardButtons.of(card), t)


def _card_data(data: str | None) -> CardCb | None:
    if not data or not data.startswith(CardCb.__prefix__ + CardCb.__separator__):
        return None
    try:
        return CardCb.unpack(data)
    except (TypeError, ValueError):
        return None


def keyboard_state(markup: InlineKeyboardMarkup | None) -> CardButtons | None:
    """Read a card keyboard back (after a tap, to re-draw it with a changed flag)."""
    if markup is None:
        return None
    rec: int | None = None
    urls: list[str] = []
    hide = saved = more = False
    feedback: bool | None = None
    for row in markup.inline_keyboard:
        for btn in row:
            if btn.url:
                urls.append(btn.url)
            data = _card_data(btn.callback_data)
            if data is None:
                continue
            rec = data.rec
            hide = hide or data.action in (CardAction.HIDE, CardAction.MORE)
            more = more or data.action is CardAction.LESS
            saved = saved or data.action is CardAction.SAVED
            if data.action is CardAction.LIKED:
                feedback = True
            elif data.action is CardAction.DISLIKED:
                feedback = False
    if rec is None:
        return None
    # The link row is "Open on hh" then "Apply on hh", either one absent: told apart by
    # the apply form's path on HH's site.
    apply = next((u for u in urls if _APPLY_PATH in u), None)
    url = next((u for u in urls if u != apply), None)
    return CardButtons(rec, url, hide, saved, feedback, apply, more)


class CardFlags(TypedDict, total=False):
    """The buttons' flags a tap can change."""

    saved: bool
    feedback: bool | None
    more: bool


async def redraw_card(message: Message, t: Translator, **flags: Unpack[CardFlags]) -> None:
    """Re-draw a tapped card's buttons with a changed flag (saved / feedback / ⋯ open)."""
    state = keyboard_state(message.reply_markup)
    if state is None:
        return
    changed = replace(state, **flags)
    if changed != state:
        await edit_markup(message, build_keyboard(changed, t))
