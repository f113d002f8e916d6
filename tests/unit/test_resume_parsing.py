"""Resume text → findings (core.domain.resume): each field in Russian, English and
Kazakh-Russian resumes, and what is deliberately not read."""

from __future__ import annotations

from datetime import date

import pytest

from core.domain.resume import (
    LanguageSkill,
    answers_from_findings,
    experience_option,
    parse_resume,
)
from sandbox.resume_files import SAMPLE_EN_RESUME, SAMPLE_RU_RESUME

TODAY = date(2026, 12, 7)
RU = "\n".join(SAMPLE_RU_RESUME)
EN = "\n".join(SAMPLE_EN_RESUME)
KK = "\n".join(
    (
        "Ерлан Сейткали",
        "Есепші / бухгалтер",
        "Қала: Астана",
        "Жұмыс тәжірибесі 4 жыл",
        "Дағдылар: 1С:Бухгалтерия, Excel",
        "Тілдер: қазақ тілі — ана тілі, орыс тілі — еркін",
        "Күтілетін жалақы: 350 000 тг",
    )
)


def test_skills_listed_in_the_skills_section_come_first() -> None:
    skills = parse_resume(RU, TODAY).skills
    assert skills[:4] == ("Python", "Django", "FastAPI", "PostgreSQL")


def test_skills_mentioned_only_in_the_job_description_are_found_too() -> None:
    assert "REST API" in parse_resume(RU, TODAY).skills


def test_a_labelled_russian_title_becomes_the_catalogue_role() -> None:
    assert parse_resume(RU, TODAY).job_titles == ("Python developer",)


def test_kazakh_and_russian_titles_of_one_role_count_once() -> None:
    assert parse_resume(KK, TODAY).job_titles == ("Accountant",)


def test_an_unlabelled_title_under_the_name_is_found() -> None:
    assert parse_resume(EN, TODAY).job_titles == ("Data analyst",)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Опыт работы — 5 лет 3 месяца", 5.25),
        ("Опыт работы: 2 года", 2.0),
        ("8 лет опыта в продажах", 8.0),
        ("7+ years of experience in analytics", 7.0),
        ("Experience: 3 years", 3.0),
        ("Жұмыс тәжірибесі 4 жыл", 4.0),
        ("4 жыл жұмыс тәжірибесі бар", 4.0),
    ],
)
def test_stated_years_of_experience_are_read(text: str, years: float) -> None:
    assert parse_resume(text, TODAY).experience_years == years


def test_job_periods_add_up_when_no_years_are_stated() -> None:
    text = "Опыт работы\n01.2018 — 12.2019 Бухгалтер\nЯнварь 2020 — по настоящее время"
    # 2 years, then January 2020 to December 2026 inclusive: 7 years.
    assert parse_resume(text, TODAY).experience_years == 9.0


def test_overlapping_jobs_count_once() -> None:
    text = "Experience\nJan 2020 - Dec 2021 Analyst\nJan 2021 - Dec 2021 Tutor (part time)"
    assert parse_resume(text, TODAY).experience_years == 2.0


def test_study_years_outside_the_experience_section_do_not_count() -> None:
    text = "Опыт работы\n2021 — 2023 Кассир\nОбразование\n2015 — 2020 КазНУ"
    assert parse_resume(text, TODAY).experience_years == 3.0


@pytest.mark.parametrize(
    ("years", "option"),
    [
        (0.5, "noExperience"),
        (1, "between1And3"),
        (2.9, "between1And3"),
        (3, "between3And6"),
        (6, "between3And6"),
        (6.5, "moreThan6"),
        (None, None),
    ],
)
def test_years_fall_into_hh_experience_brackets(years: float | None, option: str | None) -> None:
    assert experience_option(years) == option


def test_a_labelled_city_is_offered_before_the_header_words() -> None:
    findings = parse_resume(EN, TODAY)
    assert findings.city_phrases == ("Astana", "Kazakhstan")


def test_a_city_in_the_header_line_is_a_header_phrase_without_phone_or_label() -> None:
    findings = parse_resume(RU, TODAY)
    assert findings.city_phrases == ()
    assert "Алматы" in findings.header_phrases
    assert not any(any(ch.isdigit() for ch in phrase) for phrase in findings.header_phrases)


def test_the_salary_under_hh_desired_position_header_is_read() -> None:
    salary = parse_resume(RU, TODAY).salary
    assert salary is not None and (salary.minimum, salary.currency) == (600_000, "KZT")


@pytest.mark.parametrize(
    ("text", "minimum", "currency"),
    [
        ("Expected salary: $3000", 3000, "USD"),
        ("Күтілетін жалақы: 350 000 тг", 350_000, "KZT"),
        ("Желаемая зарплата\nот 400 тыс", 400_000, "KZT"),
    ],
)
def test_a_labelled_salary_is_read(text: str, minimum: int, currency: str) -> None:
    salary = parse_resume(text, TODAY).salary
    assert salary is not None and (salary.minimum, salary.currency) == (minimum, currency)


def test_languages_and_levels_are_read_in_russian() -> None:
    assert parse_resume(RU, TODAY).languages == (
        LanguageSkill("russian", "native"),
        LanguageSkill("kazakh", "C1"),
        LanguageSkill("english", "B2"),
    )


def test_languages_and_levels_are_read_in_kazakh() -> None:
    assert parse_resume(KK, TODAY).languages == (
        LanguageSkill("kazakh", "native"),
        LanguageSkill("russian", "fluent"),
    )


def test_a_language_word_without_a_level_outside_the_section_is_not_a_language() -> None:
    text = "Опыт работы\n2019 — 2021 Russian Railways, казахский рынок"
    assert parse_resume(text, TODAY).languages == ()


def test_kazakhstan_is_not_the_kazakh_language() -> None:
    assert parse_resume("Location: Kazakhstan B2B sales", TODAY).languages == ()


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "😀" * 1000])
def test_text_with_nothing_in_it_gives_empty_findings(text: str) -> None:
    findings = parse_resume(text, TODAY)
    assert (findings.skills, findings.job_titles, findings.experience_years) == ((), (), None)


def test_the_findings_prefill_fields_from_the_skills() -> None:
    answers = answers_from_findings(parse_resume(RU, TODAY), "160")
    assert answers.categories == ["programming"]
    assert answers.area_ids == ["160"]
    assert answers.experience == "between3And6"


def test_no_title_in_the_resume_leaves_titles_to_be_suggested() -> None:
    answers = answers_from_findings(parse_resume("Skills: Python, SQL", TODAY), None)
    assert answers.job_titles is None
