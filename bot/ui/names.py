"""Skills and job titles as the reader's language shows them (core.domain.skill_names), from a
translator. Only what is displayed changes: callbacks, storage and matching keep the
canonical names."""

from __future__ import annotations

from collections.abc import Iterable

from bot.i18n import Translator
from core.domain.skill_names import display_job_title, display_skill, display_topic


def skill_name(name: str, t: Translator) -> str:
    """«Accounting» → «Бухгалтерский учёт» for a Russian reader; free text as typed."""
    return display_skill(name, t.language)


def skill_names(names: Iterable[str], t: Translator) -> list[str]:
    return [display_skill(name, t.language) for name in names]


def topic_name(topic: str, t: Translator) -> str:
    """A job title or a skill (the digest topic): «Python developer» → «Python-разработчик»."""
    return display_topic(topic, t.language)


def job_title_name(title: str, t: Translator) -> str:
    """«Accountant» → «Бухгалтер» for a Russian reader; a typed title as typed."""
    return display_job_title(title, t.language)


def job_title_names(titles: Iterable[str], t: Translator) -> list[str]:
    return [display_job_title(title, t.language) for title in titles]
