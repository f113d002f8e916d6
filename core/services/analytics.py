"""How well the bot serves each job seeker (/stats) and everyone (admins, anonymised).

Every number is derived from the stored history, never kept separately, so it cannot
drift from what happened. Global stats hold counts and rates only: no user ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain import skills
from core.domain.clock import Clock, utc_now
from core.domain.preferences import SavedJobStatus
from db import queries_recommender as queries

ACTIVE_WINDOW = timedelta(days=30)
TOP_SKILLS = 10


def rate(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide (not 0 %: unknown)."""
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class Funnel:
    """Saved jobs that reached each stage, and the conversion between stages."""

    saved: int
    applied: int
    no_answer: int
    interview: int
    offer: int
    hired: int
    rejected: int

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> Funnel:
        return cls(**{status.value: counts.get(status.value, 0) for status in SavedJobStatus})

    @property
    def interview_rate(self) -> float | None:
        """Applications that led to an interview."""
        return rate(self.interview, self.applied)

    @property
    def offer_rate(self) -> float | None:
        """Interviews that led to being hired."""
        return rate(self.hired, self.interview)

    @property
    def success_rate(self) -> float | None:
        """Applications that ended in being hired."""
        return rate(self.hired, self.applied)


@dataclass(frozen=True, slots=True)
class UserStats:
    recommendations: int
    shown: int
    details_opened: int
    saved: int
    applied: int
    rated: int
    liked: int
    accuracy: float | None  # share of 👍 among rated recommendations
    funnel: Funnel
    top_skills: list[tuple[str, int]]  # most asked-for key skills among their vacancies


@dataclass(frozen=True, slots=True)
class GlobalStats:
    users: int
    active_users: int  # not blocked, seen within ACTIVE_WINDOW
    onboarded_users: int
    recommendations: int
    shown: int
    rated: int
    positive_rate: float | None
    funnel: Funnel


def top_skills(key_skill_lists: Iterable[Any], limit: int = TOP_SKILLS) -> list[tuple[str, int]]:
    """Key skills by how many vacancies ask for them; synonyms merged to one name."""
    counts: Counter[str] = Counter()
    for key_skills in key_skill_lists:
        names = {
            skills.canonical_skill(name) or name.strip()
            for item in key_skills or []
            if isinstance(item, dict) and isinstance(name := item.get("name"), str)
        }
        counts.update(name for name in names if name)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


class AnalyticsService:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], clock: Clock = utc_now
    ) -> None:
        self._sessions = session_factory
        self._clock = clock

    async def user_stats(self, user_id: int) -> UserStats:
        async with self._sessions() as session:
            liked, rated = await queries.feedback_counts(session, user_id)
            stored, shown, opened = await queries.recommendation_counts(session, user_id)
            funnel = Funnel.from_counts(await queries.funnel_counts(session, user_id))
            saved = await queries.saved_job_count(session, user_id)
            skill_lists = await queries.key_skill_lists(session, user_id)
        return UserStats(
            recommendations=stored,
            shown=shown,
            details_opened=opened,
            saved=saved,
            applied=funnel.applied,
            rated=rated,
            liked=liked,
            accuracy=rate(liked, rated),
            funnel=funnel,
            top_skills=top_skills(skill_lists),
        )

    async def global_stats(self) -> GlobalStats:
        async with self._sessions() as session:
            users, active, onboarded = await queries.user_counts(
                session, self._clock() - ACTIVE_WINDOW
            )
            liked, rated = await queries.feedback_counts(session, None)
            stored, shown, _ = await queries.recommendation_counts(session, None)
            funnel = Funnel.from_counts(await queries.funnel_counts(session, None))
        return GlobalStats(
            users=users,
            active_users=active,
            onboarded_users=onboarded,
            recommendations=stored,
            shown=shown,
            rated=rated,
            positive_rate=rate(liked, rated),
            funnel=funnel,
        )
