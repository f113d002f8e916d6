"""Display names of skills and job titles: every catalogue skill and suggested title reads
sensibly in both languages, and a display name never changes which skill it is."""

from __future__ import annotations

import re

import pytest

from core.domain.job_titles import suggest_job_titles
from core.domain.roles import ROLES
from core.domain.skill_names import (
    SKILL_NAMES,
    display_job_title,
    display_skill,
    display_topic,
)
from core.domain.skills import CANONICAL_SKILLS, CATEGORIES, canonical_skill

LANGUAGES = ("en", "ru")
# Tech and product names Russian text writes exactly as English does.
SAME_IN_RUSSIAN = frozenset(
    {
        "Python",
        "Java",
        "JavaScript",
        "TypeScript",
        "Go",
        "C",
        "C#",
        "C++",
        "PHP",
        "Django",
        "FastAPI",
        "Flask",
        "Spring",
        "React",
        "Vue.js",
        "Angular",
        "Node.js",
        "SQL",
        "PostgreSQL",
        "MySQL",
        "MongoDB",
        "Redis",
        "Docker",
        "Kubernetes",
        "Git",
        "Linux",
        "REST API",
        "HTML",
        "CSS",
        "Kotlin",
        "Swift",
        ".NET",
        "CI/CD",
        "Figma",
        "Photoshop",
        "Illustrator",
        "Adobe InDesign",
        "CorelDRAW",
        "AutoCAD",
        "Revit",
        "SEO",
        "SMM",
        "Google Ads",
        "Яндекс.Директ",
        "Google Analytics",
        "Яндекс.Метрика",
        "Excel",
        "Power BI",
        "Tableau",
        "pandas",
        "NumPy",
        "Agile",
        "Scrum",
        "Kanban",
        "Jira",
        "1С:Бухгалтерия",
        "МСФО (IFRS)",
        "CRM",
    }
)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN_WORD = re.compile(r"\b[a-z]{3,}\b")
# Latin words a Russian display name may contain: product names and abbreviations.
_RUSSIAN_KEEPS_LATIN = frozenset({"email", "data", "science"})
ALL_TITLES = [role.name_en for role in ROLES]  # what suggestions store


def test_every_catalogue_skill_outside_the_tech_names_has_a_russian_name() -> None:
    assert set(SKILL_NAMES["ru"]) | SAME_IN_RUSSIAN >= set(CANONICAL_SKILLS)
    assert set(SKILL_NAMES["ru"]) <= set(CANONICAL_SKILLS)
    assert set(SKILL_NAMES["en"]) <= set(CANONICAL_SKILLS)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("skill", CANONICAL_SKILLS)
def test_a_display_name_is_not_empty_and_means_the_same_skill(skill: str, language: str) -> None:
    shown = display_skill(skill, language)
    assert shown.strip() == shown and shown
    assert canonical_skill(shown) == skill, (skill, language, shown)


@pytest.mark.parametrize("skill", sorted(set(CANONICAL_SKILLS) - SAME_IN_RUSSIAN))
def test_a_russian_name_is_russian(skill: str) -> None:
    shown = display_skill(skill, "ru")
    assert _CYRILLIC.search(shown) or shown == "1С", shown
    assert not set(_LATIN_WORD.findall(shown.lower())) - _RUSSIAN_KEEPS_LATIN, shown


@pytest.mark.parametrize("skill", CANONICAL_SKILLS)
def test_an_english_name_has_no_cyrillic(skill: str) -> None:
    assert not _CYRILLIC.search(display_skill(skill, "en")), skill


def test_the_names_the_qa_saw_in_english() -> None:
    assert [
        display_skill(s, "ru")
        for s in (
            "Accounting",
            "Financial analysis",
            "Tax reporting",
            "Audit",
            "Budgeting",
            "Project management",
            "Cold calling",
            "Sales",
            "Nursing",
            "General practice",
            "Cashier",
            "Python",
            "SQL",
            "Excel",
            "Figma",
            "1C",
        )
    ] == [
        "Бухгалтерский учёт",
        "Финансовый анализ",
        "Налоговая отчётность",
        "Аудит",
        "Бюджетирование",
        "Управление проектами",
        "Холодные звонки",
        "Продажи",
        "Сестринское дело",
        "Терапия",
        "Работа на кассе",
        "Python",
        "SQL",
        "Excel",
        "Figma",
        "1С",
    ]
    assert "C" not in display_skill("1C", "ru")  # Cyrillic С, like «1С:Бухгалтерия»


def test_every_skill_in_a_category_button_is_covered() -> None:
    for category in CATEGORIES.values():
        for skill in category.skills:
            assert display_skill(skill, "ru"), skill


@pytest.mark.parametrize("text", ["Rust", "бухучет", "My own skill", "", "accounting"])
def test_anything_but_a_canonical_name_is_shown_as_typed(text: str) -> None:
    assert display_skill(text, "ru") == text
    assert display_skill(text, "en") == text


def test_an_unknown_language_shows_the_canonical_name() -> None:
    assert display_skill("Accounting", "de") == "Accounting"
    assert display_job_title("Бухгалтер", "de") == "Бухгалтер"


def test_every_suggested_job_title_has_both_forms() -> None:
    assert set(suggest_job_titles(CANONICAL_SKILLS, limit=1000)) <= set(ALL_TITLES)
    for title in ALL_TITLES:
        english, russian = display_job_title(title, "en"), display_job_title(title, "ru")
        assert english and not _CYRILLIC.search(english), title
        assert _CYRILLIC.search(russian), title
        assert title in (english, russian)  # one of the two is the stored form


def test_job_titles_in_both_languages() -> None:
    assert display_job_title("Python developer", "ru") == "Python-разработчик"
    assert display_job_title("Python developer", "en") == "Python developer"
    assert display_job_title("Бухгалтер", "en") == "Accountant"
    assert display_job_title("Бухгалтер", "ru") == "Бухгалтер"
    assert display_job_title("Глубоководный водолаз", "en") == "Глубоководный водолаз"


def test_a_topic_is_a_title_or_a_skill() -> None:
    assert display_topic("Data analyst", "ru") == "Аналитик данных"
    assert display_topic("Accounting", "ru") == "Бухгалтерский учёт"
    assert display_topic("My own title", "ru") == "My own title"
