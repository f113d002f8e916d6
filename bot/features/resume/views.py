"""What the bot says after reading a resume: what it recognised, what it could not."""

from __future__ import annotations

from bot.features.onboarding.views import salary_text
from bot.i18n import Translator
from bot.ui.names import job_title_names
from bot.ui.render import Html, join
from core.domain.place_names import place_name
from core.domain.resume import LanguageSkill, ResumeFindings
from core.services.resume import ResumeDraft, ResumeFileProblem

MAX_TITLES_SHOWN = 3


def _found_parts(draft: ResumeDraft, t: Translator) -> tuple[list[str], list[str]]:
    """(what was recognised, locale keys of what was not)."""
    findings, answers = draft.findings, draft.answers
    found: list[str] = []
    missing: list[str] = []
    if findings.skills:
        count = len(findings.skills)
        found.append(t("resume.found.skills", count=count))
    else:
        missing.append("skills")
    if findings.job_titles:
        titles = job_title_names(list(findings.job_titles)[:MAX_TITLES_SHOWN], t)
        found.append(t("resume.found.titles", titles=", ".join(titles)))
    else:
        missing.append("titles")
    if draft.area_name:
        found.append(t("resume.found.city", city=place_name(draft.area_name, t.language)))
    else:
        missing.append("city")
    found.extend(_years(findings, t))
    if findings.experience_years is None:
        missing.append("experience")
    if answers.salary is not None:
        found.append(t("resume.found.salary", salary=Html(salary_text(answers.salary, t))))
    else:
        missing.append("salary")
    if not findings.languages:
        missing.append("languages")
    return found, missing


def _years(findings: ResumeFindings, t: Translator) -> list[str]:
    years = findings.experience_years
    if years is None:
        return []
    if years < 1:
        return [t("resume.found.less_than_year")]
    whole = int(years)
    return [t("resume.found.years", count=whole)]


def _language(skill: LanguageSkill, t: Translator) -> str:
    name = t(f"resume.language.{skill.language}")
    if skill.level is None:
        return name
    level = t(f"resume.level.{skill.level}") if skill.level in {"native", "fluent"} else skill.level
    return f"{name} ({level})"


def recognised_note(draft: ResumeDraft, t: Translator) -> str:
    """«Found: 12 skills, city Алматы, 5 years of experience. Not found: salary.»"""
    found, missing = _found_parts(draft, t)
    lines = [t("resume.read.title")]
    if found:
        lines.append(t("resume.read.found", found=join(map(Html, found), ", ")))
    if draft.findings.languages:
        languages = ", ".join(_language(skill, t) for skill in draft.findings.languages)
        lines.append(t("resume.read.languages", languages=languages))
    if draft.cities_unavailable:
        lines.append(t("resume.problem.cities"))
    if missing:
        names = ", ".join(t(f"resume.missing.{key}") for key in missing)
        lines.append(t("resume.read.missing", missing=names))
    lines.append(t("resume.read.kept_nothing"))
    return "\n".join(lines)


def problem_text(problem: ResumeFileProblem | str, t: Translator) -> str:
    value = problem.value if isinstance(problem, ResumeFileProblem) else problem
    return t(f"resume.problem.{value}")
