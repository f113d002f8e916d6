"""Onboarding answers → the UserPreferences the first search and ranking run on.

Option ids are HH dictionary ids; their labels live in the bot's locale files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.domain.job_titles import normalize_job_title, suggest_job_titles
from core.domain.preferences import SalaryExpectation, UserPreferences
from core.domain.skills import CATEGORIES, canonicalize_skills, category_of, skills_for_categories
from core.domain.skills_text import MAX_SKILLS

# HH dictionary ids, in the order the bot offers them (labels live in bot/locales).
EXPERIENCE_OPTIONS: tuple[str, ...] = ("noExperience", "between1And3", "between3And6", "moreThan6")
WORK_FORMAT_OPTIONS: tuple[str, ...] = ("ON_SITE", "REMOTE", "HYBRID", "FIELD_WORK")
EMPLOYMENT_OPTIONS: tuple[str, ...] = ("FULL", "PART", "PROJECT", "FLY_IN_FLY_OUT")

EXPLICIT_SKILL_WEIGHT = 1.0  # a skill the person chose
EXPANDED_SKILL_WEIGHT = 0.6  # a skill implied by a chosen category only


@dataclass
class OnboardingAnswers:
    """What the onboarding dialog collected; ids are HH dictionary ids."""

    categories: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    experience: str | None = None
    area_ids: list[str] = field(default_factory=list)
    remote_ok: bool = True
    work_formats: list[str] = field(default_factory=list)
    employment_forms: list[str] = field(default_factory=list)
    salary: SalaryExpectation | None = None
    job_titles: list[str] | None = None


def _known(values: Iterable[str], allowed: Sequence[str]) -> list[str]:
    """The values that are valid option ids, deduplicated, in the catalogue's order."""
    chosen = set(values)
    return [option for option in allowed if option in chosen]


def _skill_weights(answers: OnboardingAnswers, categories: list[str]) -> dict[str, float]:
    chosen = canonicalize_skills(answers.skills)[:MAX_SKILLS]
    if chosen:
        return dict.fromkeys(chosen, EXPLICIT_SKILL_WEIGHT)
    return dict.fromkeys(skills_for_categories(categories), EXPANDED_SKILL_WEIGHT)


def _categories(answers: OnboardingAnswers) -> list[str]:
    chosen = _known(answers.categories, tuple(CATEGORIES))
    if chosen:
        return chosen
    # No category picked (skills typed instead): infer them so category search works.
    inferred = (category_of(name) for name in answers.skills)
    return _known((key for key in inferred if key), tuple(CATEGORIES))


def _job_titles(
    answers: OnboardingAnswers, skills: Iterable[str], categories: Sequence[str]
) -> list[str]:
    """The titles the person chose; suggested from skills and fields only when the dialog
    never asked (``job_titles`` None): the summary shows them either way."""
    if answers.job_titles is not None:
        typed = [normalize_job_title(title) for title in answers.job_titles]
        return list(dict.fromkeys(title for title in typed if title))
    return suggest_job_titles(list(skills), fields=categories)


def _work_formats(answers: OnboardingAnswers) -> tuple[list[str], bool]:
    """(formats, remote_ok): remote is fine if the person said so or picked REMOTE."""
    formats = _known(answers.work_formats, WORK_FORMAT_OPTIONS)
    remote_ok = answers.remote_ok or "REMOTE" in formats
    if remote_ok and formats and "REMOTE" not in formats:
        formats.append("REMOTE")  # keep the two answers consistent for the HH query
    return formats, remote_ok


def build_preferences(answers: OnboardingAnswers) -> UserPreferences:
    """The preferences the first search and ranking run on.

    Chosen skills weigh 1.0; when none were chosen, every skill of the chosen categories
    weighs 0.6. Titles are suggested from the skills when none were typed. A salary
    minimum becomes a hard floor.
    """
    categories = _categories(answers)
    skills = _skill_weights(answers, categories)
    formats, remote_ok = _work_formats(answers)
    salary = answers.salary or SalaryExpectation()
    experience = answers.experience if answers.experience in EXPERIENCE_OPTIONS else None
    return UserPreferences(
        skills=skills,
        categories=categories,
        area_ids=list(dict.fromkeys(str(area_id) for area_id in answers.area_ids)),
        remote_ok=remote_ok,
        work_formats=formats,
        employment_forms=_known(answers.employment_forms, EMPLOYMENT_OPTIONS),
        experience=experience,
        salary=salary,
        salary_is_floor=salary.minimum is not None,
        job_titles=_job_titles(answers, skills, categories),
    )
