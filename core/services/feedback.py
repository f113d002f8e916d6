"""👍/👎 on a card, the reason chips after 👎, "less of X", hiding an employer.

Every method answers at once: it stores the tap and schedules learning in the
background (:class:`core.services.learner.Learner`). A recommendation id that is not the acting
user's gives None/False, so a forged callback changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.clock import Clock, utc_now
from core.domain.features import extract_features
from core.domain.hh_schemas import Vacancy
from core.domain.learning import LESS_OF_CHIPS, suggest_less_of
from core.domain.preferences import FeedbackReason, UserPreferences
from db.models import JobRecommendation
from db.repositories import (
    FeedbackRepository,
    HiddenEmployerRepository,
    PreferenceEventRepository,
    PreferencesRepository,
    RecommendationRepository,
    UserRepository,
)

logger = logging.getLogger(__name__)

MAX_KEYWORD_LENGTH = 100  # a "less of" keyword is a skill or a short phrase
MAX_NOTES_LENGTH = 2000


class LearningScheduler(Protocol):
    def schedule(self, user_id: int) -> None: ...

    async def relearn(self, user_id: int) -> UserPreferences | None: ...


def _fit_word(fit: bool | None) -> str | None:
    return None if fit is None else "fits" if fit else "mismatch"


def clean_text(text: str | None, limit: int) -> str | None:
    """Plain text as typed, trimmed to ``limit``: control characters other than line
    breaks dropped, blank → None. HTML stays literal text; rendering escapes it."""
    if text is None:
        return None
    kept = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    kept = kept.strip()[:limit].strip()
    return kept or None


@dataclass(frozen=True, slots=True)
class HiddenItem:
    """One line of /hidden: ``id`` is the hidden employer's row id, or the recommendation
    id of a hidden vacancy (what its "show again" button names)."""

    id: int
    name: str
    employer_name: str | None


@dataclass(frozen=True, slots=True)
class HiddenLists:
    employers: list[HiddenItem]
    vacancies: list[HiddenItem]


@dataclass(frozen=True, slots=True)
class FeedbackOutcome:
    relevant: bool
    less_of: list[str] = field(default_factory=list)  # chips to offer after 👎
    title: str = ""  # the vacancy's, for the 👎 follow-up to name it


FitAspect = Literal["skill_fit", "location_fit", "salary_fit"]


class FeedbackService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        learner: LearningScheduler,
        clock: Clock = utc_now,
    ) -> None:
        self._sessions = session_factory
        self._learner = learner
        self._clock = clock

    async def rate(
        self, user_id: int, recommendation_id: int, relevant: bool
    ) -> FeedbackOutcome | None:
        """👍 (True) or 👎 (False); a later tap on the same card replaces the earlier one.

        After 👎 the outcome carries "less of …" suggestions from the vacancy's skills."""
        async with self._sessions() as session:
            # The card read first: it is this person's, its title and (after 👎) skills;
            # then the one write (a tap costs two statements, the write lock held briefly).
            rec = await RecommendationRepository(session).get(user_id, recommendation_id)
            if rec is None:
                return None
            chips = [] if relevant else await self._less_of_chips(session, user_id, rec)
            # A 👍 after a 👎 withdraws the 👎's reason: it no longer applies.
            extra: dict[str, Any] = {} if not relevant else {"reason": None}
            await FeedbackRepository(session).record(
                user_id, recommendation_id, is_relevant=relevant, **extra
            )
            await session.commit()
        self._learner.schedule(user_id)
        return FeedbackOutcome(relevant=relevant, less_of=chips, title=rec.title)

    async def withdraw(self, user_id: int, recommendation_id: int) -> bool:
        """Take back a 👍 / 👎 (a second tap on 👍✓ / 👎✓): the card is unrated again, and
        the 👎's reason goes with it. False when the card is not this person's."""
        async with self._sessions() as session:
            stored = await FeedbackRepository(session).upsert(
                user_id, recommendation_id, is_relevant=None, reason=None
            )
            if stored is None:
                return False
            await session.commit()
        self._learner.schedule(user_id)
        return True

    async def not_interested(self, user_id: int, recommendation_id: int) -> str | None:
        """Hide one vacancy ("not interested"): never offered again, in any feed or search.
        Unlike 👎 it says nothing about relevance, so learning is left alone. Returns the
        vacancy's title, or None when the card is not this person's."""
        async with self._sessions() as session:
            rec = await RecommendationRepository(session).get(user_id, recommendation_id)
            if rec is None:
                return None
            await FeedbackRepository(session).upsert(
                user_id, recommendation_id, is_interested=False
            )
            await session.commit()
            return rec.title

    async def _less_of_chips(
        self, session: AsyncSession, user_id: int, rec: JobRecommendation | None
    ) -> list[str]:
        if rec is None:
            return []
        prefs = await PreferencesRepository(session).get(user_id)
        if prefs is None:
            return []
        try:
            features = extract_features(Vacancy.model_validate(rec.raw or {}))
        except ValidationError:
            return []
        # Only the user's own skills are left out, not what they already asked to see
        # less of: tapping a chip must not shift the others, so the chip (which carries
        # an index, never the keyword) names the same keyword when it is re-derived.
        stable = prefs.model_copy(update={"avoided_skills": [], "negative_keywords": {}})
        return suggest_less_of(features, stable, limit=LESS_OF_CHIPS)

    async def less_of_suggestions(self, user_id: int, recommendation_id: int) -> list[str]:
        """The "less of …" chips of a card, as :meth:`rate` offered them after 👎."""
        async with self._sessions() as session:
            rec = await RecommendationRepository(session).get(user_id, recommendation_id)
            return await self._less_of_chips(session, user_id, rec)

    async def less_of_suggested(
        self, user_id: int, recommendation_id: int, index: int
    ) -> str | None:
        """ "Less of" the ``index``-th chip of the card (a chip names no keyword, only its
        index); the keyword, or None for a card that is not the user's or a bad index."""
        chips = await self.less_of_suggestions(user_id, recommendation_id)
        if not 0 <= index < len(chips):
            return None
        await self.less_of(user_id, chips[index])
        return chips[index]

    async def set_reason(
        self, user_id: int, recommendation_id: int, reason: FeedbackReason
    ) -> bool:
        """The chip after 👎 (skills / location / salary / company / other); "company"
        also hides the employer, which is what the person asked for."""
        reason = FeedbackReason(reason)
        recorded = await self._update(
            user_id, recommendation_id, is_relevant=False, reason=reason.value
        )
        # "This company" does not hide it by itself: the bot asks first
        # ("Hide all vacancies from <employer>?"), then calls hide_employer.
        return recorded

    async def set_fit(
        self, user_id: int, recommendation_id: int, aspect: FitAspect, fits: bool = True
    ) -> bool:
        """One "fits / does not fit" answer after 👍 (skills, location or salary)."""
        return await self.set_detail(
            user_id,
            recommendation_id,
            skill_fit=fits if aspect == "skill_fit" else None,
            location_fit=fits if aspect == "location_fit" else None,
            salary_fit=fits if aspect == "salary_fit" else None,
        )

    async def set_detail(
        self,
        user_id: int,
        recommendation_id: int,
        *,
        skill_fit: bool | None = None,
        location_fit: bool | None = None,
        salary_fit: bool | None = None,
        rating: int | None = None,
        notes: str | None = None,
        interested: bool | None = None,
    ) -> bool:
        """Finer feedback on a card; only the given fields change. False for a rating
        outside 1-5 or a card that is not the user's."""
        if rating is not None and not 1 <= rating <= 5:
            return False
        given = {
            "skill_feedback": _fit_word(skill_fit),
            "location_feedback": _fit_word(location_fit),
            "salary_feedback": _fit_word(salary_fit),
            "score": rating,
            "notes": clean_text(notes, MAX_NOTES_LENGTH),
            "is_interested": interested,
        }
        changes = {name: value for name, value in given.items() if value is not None}
        if not changes:
            return await self._owns(user_id, recommendation_id)
        return await self._update(user_id, recommendation_id, **changes)

    async def _update(self, user_id: int, recommendation_id: int, **fields: Any) -> bool:
        async with self._sessions() as session:
            stored = await FeedbackRepository(session).upsert(user_id, recommendation_id, **fields)
            if stored is None:
                return False
            await session.commit()
        self._learner.schedule(user_id)
        return True

    async def _owns(self, user_id: int, recommendation_id: int) -> bool:
        async with self._sessions() as session:
            return (
                await RecommendationRepository(session).get(user_id, recommendation_id) is not None
            )

    async def less_of(self, user_id: int, keyword: str) -> None:
        """ "Show me less of X": an explicit exclusion, applied by the next learning run."""
        value = clean_text(keyword, MAX_KEYWORD_LENGTH)
        if value is None:
            return
        value = " ".join(value.split())
        async with self._sessions() as session:
            if await UserRepository(session).get(user_id) is None:
                return
            await PreferenceEventRepository(session).add(user_id, "less_of", value, self._clock())
            await session.commit()
        self._learner.schedule(user_id)

    async def show_low_pay_again(self, user_id: int) -> UserPreferences | None:
        """ "Show low pay again": what the person's «Salary too low» taps and likes taught
        about pay so far stops limiting it (later taps teach it anew). Relearned at once,
        so /preferences shows it; the active search's new preferences, or None."""
        async with self._sessions() as session:
            if await UserRepository(session).get(user_id) is None:
                return None
            await PreferenceEventRepository(session).add(
                user_id, "pay_limit_off", None, self._clock()
            )
            await session.commit()
        return await self._learner.relearn(user_id)

    async def employer_of(self, user_id: int, recommendation_id: int) -> str | None:
        """The name of the card's employer (for "Hide all vacancies from …?"); None when
        the card is not this person's or names no employer."""
        async with self._sessions() as session:
            rec = await RecommendationRepository(session).get(user_id, recommendation_id)
            if rec is None or not rec.employer_id:
                return None
            return rec.employer_name or rec.employer_id

    async def hidden(self, user_id: int) -> HiddenLists:
        """What this person hid: employers (latest first) and single vacancies."""
        async with self._sessions() as session:
            employers = await HiddenEmployerRepository(session).listed(user_id)
            found = await FeedbackRepository(session).hidden_vacancies(user_id)
        return HiddenLists(
            employers=[
                HiddenItem(row.id, row.employer_name or row.employer_id, None) for row in employers
            ],
            vacancies=[HiddenItem(v.recommendation_id, v.title, v.employer_name) for v in found],
        )

    async def unhide_employer(self, user_id: int, hidden_id: int) -> str | None:
        """Show the employer's vacancies again; their name, or None (not this user's)."""
        async with self._sessions() as session:
            row = await HiddenEmployerRepository(session).unhide(user_id, hidden_id)
            if row is None:
                return None
            await session.commit()
        self._learner.schedule(user_id)
        return row.employer_name or row.employer_id

    async def unhide_vacancy(self, user_id: int, recommendation_id: int) -> str | None:
        """Offer a vacancy hidden with "not for me" again; its title, or None."""
        async with self._sessions() as session:
            title = await FeedbackRepository(session).unhide_vacancy(user_id, recommendation_id)
            if title is None:
                return None
            await session.commit()
        return title

    async def hide_employer(self, user_id: int, recommendation_id: int) -> str | None:
        """Hide the card's employer from all the user's results; their name, or None."""
        async with self._sessions() as session:
            rec: JobRecommendation | None = await RecommendationRepository(session).get(
                user_id, recommendation_id
            )
            if rec is None or not rec.employer_id:
                return None
            await HiddenEmployerRepository(session).hide(
                user_id, rec.employer_id, rec.employer_name
            )
            await session.commit()
        self._learner.schedule(user_id)
        return rec.employer_name or rec.employer_id
