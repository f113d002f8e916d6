"""Preferences: onboarding answers → stored preferences, edits, assessment, reset.

See docs/SERVICES.md. The dialog's draft is an :class:`OnboardingAnswers`; it travels
through FSM data as plain JSON (:func:`dump_answers` / :func:`load_answers`).
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.assessment import AssessmentOutcome, apply_assessment
from core.domain.clock import Clock, utc_now
from core.domain.job_titles import suggest_job_titles
from core.domain.mapping import UserMappingService
from core.domain.onboarding import OnboardingAnswers, build_preferences
from core.domain.preferences import SalaryExpectation, UserPreferences
from db.repositories import (
    AssessmentRepository,
    PreferenceEventRepository,
    PreferencesRepository,
    UserRepository,
)

# Fields an onboarding step sets; everything else (learning, dealbreakers) is kept when
# a step is edited later.
ANSWER_FIELDS: tuple[str, ...] = (
    "categories",
    "skills",
    "area_ids",
    "remote_ok",
    "work_formats",
    "employment_forms",
    "experience",
    "salary",
    "job_titles",
)
LEARNED_FIELDS: tuple[str, ...] = (
    "positive_keywords",
    "negative_keywords",
    "weights",
    "learned_limits",
)
MAX_ASSESSED_SKILLS = 6


class UnknownPreferenceField(ValueError):
    """``update`` was given a field UserPreferences does not have, or a bad value."""


# ---------------------------------------------------------------------------- answers


def settle_remote(answers: OnboardingAnswers) -> OnboardingAnswers:
    """Remote work is fine if the person chose the remote format, and not if they named a
    city and then chose only other formats; otherwise their answer (``remote_ok``, True
    unless they switched it off) stands."""
    if "REMOTE" in answers.work_formats:
        remote_ok = True
    elif answers.area_ids and answers.work_formats:
        remote_ok = False
    else:
        remote_ok = answers.remote_ok
    return replace(answers, remote_ok=remote_ok)


def _remote_inputs(answers: OnboardingAnswers) -> tuple[frozenset[str], frozenset[str], bool]:
    """What the remote switch and the work formats are settled from."""
    return frozenset(answers.area_ids), frozenset(answers.work_formats), answers.remote_ok


def formats_with_remote(formats: list[str], remote_ok: bool) -> list[str]:
    """The work formats once remote work is switched on or off: REMOTE joins or leaves a
    chosen list; an empty list (any format) stays empty."""
    others = [name for name in formats if name != "REMOTE"]
    return [*others, "REMOTE"] if remote_ok and formats else others


def answers_from_preferences(prefs: UserPreferences) -> OnboardingAnswers:
    """The answers that would produce ``prefs`` (to re-enter one step from /preferences)."""
    salary = prefs.salary
    has_salary = salary.minimum is not None or salary.maximum is not None
    return OnboardingAnswers(
        categories=list(prefs.categories),
        skills=list(prefs.skills),
        experience=prefs.experience,
        area_ids=list(prefs.area_ids),
        remote_ok=prefs.remote_ok,
        work_formats=list(prefs.work_formats),
        employment_forms=list(prefs.employment_forms),
        salary=salary if has_salary else None,
        job_titles=list(prefs.job_titles),
    )


def with_suggested_titles(answers: OnboardingAnswers) -> OnboardingAnswers:
    """The answers with job titles filled in from skills and fields when the person has
    not chosen any yet: what the summary shows, edits and confirms (never hidden)."""
    if answers.job_titles is not None:
        return answers
    titles = suggest_job_titles(answers.skills, fields=answers.categories)
    return replace(answers, job_titles=titles)


def dump_answers(answers: OnboardingAnswers) -> dict[str, Any]:
    data = asdict(answers)
    data["salary"] = answers.salary.model_dump() if answers.salary is not None else None
    return data


def load_answers(data: dict[str, Any] | None) -> OnboardingAnswers:
    if not data:
        return OnboardingAnswers()
    values = {key: data[key] for key in OnboardingAnswers.__dataclass_fields__ if key in data}
    salary = values.get("salary")
    values["salary"] = SalaryExpectation(**salary) if isinstance(salary, dict) else None
    return OnboardingAnswers(**values)


def merge_answers(current: UserPreferences, answers: OnboardingAnswers) -> UserPreferences:
    """``current`` with the answered fields replaced; what was learned is kept.

    A skill that stays keeps its weight (an assessment may have changed it); the salary
    floor switch follows the salary only when the salary itself changed; the remote switch
    and the work formats are settled again only when the city or the formats changed.
    """
    fresh = build_preferences(settle_remote(answers))
    changes: dict[str, Any] = {name: getattr(fresh, name) for name in ANSWER_FIELDS}
    if _remote_inputs(answers) == _remote_inputs(answers_from_preferences(current)):
        # Neither the city nor the formats were answered anew: the remote switch (which
        # /preferences flips on its own) and the formats stay exactly as they were.
        changes["remote_ok"] = current.remote_ok
        changes["work_formats"] = list(current.work_formats)
    changes["skills"] = {
        skill: current.skills.get(skill, weight) for skill, weight in fresh.skills.items()
    }
    if fresh.salary != current.salary:
        changes["salary_is_floor"] = fresh.salary_is_floor
    return current.model_copy(update=changes, deep=True)


def top_skills(prefs: UserPreferences, limit: int = MAX_ASSESSED_SKILLS) -> list[str]:
    """The skills worth a self-rating: heaviest first, at most ``limit``."""
    ordered = sorted(prefs.skills.items(), key=lambda item: -item[1])
    return [skill for skill, _ in ordered[:limit]]


async def _declared(
    repo: PreferencesRepository, user_id: int, current: UserPreferences
) -> UserPreferences:
    """The user's stated preferences; for a row saved before they were kept apart, the
    current ones without what only learning writes."""
    declared = await repo.get_declared(user_id)
    if declared is not None:
        return declared
    return current.model_copy(
        update={
            field: UserPreferences.model_fields[field].get_default(call_default_factory=True)
            for field in LEARNED_FIELDS
        },
        deep=True,
    )


def _updated(prefs: UserPreferences, fields: dict[str, Any]) -> UserPreferences:
    """``prefs`` with ``fields`` set (validated). Switching remote work on or off moves
    REMOTE in or out of the chosen work formats too, so that the two never disagree (a
    later edit of another field would otherwise settle them back)."""
    updated = UserPreferences.model_validate({**prefs.model_dump(), **fields})
    if "remote_ok" in fields and "work_formats" not in fields:
        formats = formats_with_remote(updated.work_formats, updated.remote_ok)
        updated = updated.model_copy(update={"work_formats": formats})
    return updated


# ---------------------------------------------------------------------------- service


class PreferencesService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        mapping: UserMappingService,
        clock: Clock = utc_now,
    ) -> None:
        self._sessions = session_factory
        self._mapping = mapping
        self._clock = clock

    async def get(self, user_id: int) -> UserPreferences | None:
        async with self._sessions() as session:
            return await PreferencesRepository(session).get(user_id)

    async def complete_onboarding(
        self, user_id: int, answers: OnboardingAnswers
    ) -> UserPreferences:
        """Store the preferences the answers describe and mark the user onboarded.

        Onboarding again keeps what was learned from feedback."""
        async with self._sessions() as session:
            repo = PreferencesRepository(session)
            current = await repo.get(user_id)
            if current is None:
                prefs = build_preferences(settle_remote(answers))
                declared = prefs
            else:
                prefs = merge_answers(current, answers)
                declared = merge_answers(await _declared(repo, user_id, current), answers)
            await repo.save(user_id, prefs, declared=declared)
            await UserRepository(session).update(user_id, onboarding_completed_at=self._clock())
            await session.commit()
            return prefs

    async def apply_answers(self, user_id: int, answers: OnboardingAnswers) -> UserPreferences:
        """An edited step (from /preferences): answered fields replaced, the rest kept."""
        async with self._sessions() as session:
            repo = PreferencesRepository(session)
            current = await repo.get(user_id) or UserPreferences()
            prefs = merge_answers(current, answers)
            declared = merge_answers(await _declared(repo, user_id, current), answers)
            await repo.save(user_id, prefs, declared=declared)
            await session.commit()
            return prefs

    async def update(self, user_id: int, **fields: Any) -> UserPreferences:
        """Set fields of UserPreferences (validated); unknown names are refused."""
        unknown = set(fields) - set(UserPreferences.model_fields)
        if unknown:
            raise UnknownPreferenceField(f"unknown preference field(s): {sorted(unknown)}")
        async with self._sessions() as session:
            repo = PreferencesRepository(session)
            current = await repo.get(user_id) or UserPreferences()
            declared = await _declared(repo, user_id, current)
            try:
                prefs = _updated(current, fields)
                declared = _updated(declared, fields)
            except ValidationError as exc:
                raise UnknownPreferenceField(str(exc)) from exc
            await repo.save(user_id, prefs, declared=declared)
            await session.commit()
            return prefs

    async def reset_learning(self, user_id: int) -> UserPreferences:
        """Back to what the user stated: learned keywords, weights, raised salary floor and
        learned filters are forgotten; the answers themselves stay."""
        async with self._sessions() as session:
            repo = PreferencesRepository(session)
            current = await repo.get(user_id) or UserPreferences()
            declared = await _declared(repo, user_id, current)
            prefs = declared.model_copy(update={"last_learned_at": None}, deep=True)
            await repo.save(user_id, prefs, declared=declared)
            await PreferenceEventRepository(session).add(user_id, "reset", at=self._clock())
            await session.commit()
            return prefs

    async def save_assessment(self, user_id: int, ratings: dict[str, int]) -> AssessmentOutcome:
        """Fold 1–5 self-ratings into the preferences and keep the assessment."""
        async with self._sessions() as session:
            repo = PreferencesRepository(session)
            current = await repo.get(user_id) or UserPreferences()
            outcome = apply_assessment(current, ratings)
            declared = apply_assessment(await _declared(repo, user_id, current), ratings)
            await repo.save(user_id, outcome.preferences, declared=declared.preferences)
            await AssessmentRepository(session).add(
                user_id, outcome.strengths, outcome.weaknesses, {"ratings": dict(ratings)}
            )
            await session.commit()
            return outcome

    async def area_name(self, area_id: str) -> str | None:
        """The HH name of an area id (for showing the chosen city)."""
        resolver = await self._mapping.area_resolver()
        return resolver.name_of(area_id)
