"""Roles are first-class: what a person works as decides whether a vacancy is theirs; skills,
city and pay only order the vacancies of their roles. The HH query is what they would type."""

from __future__ import annotations

from typing import Any

import pytest

from core.domain.features import content_stems, extract_features, requirements_text
from core.domain.hh_query import build_search_params, build_search_plan, experience_bands
from core.domain.hh_schemas import Vacancy
from core.domain.job_titles import chosen_job_title, suggest_job_titles
from core.domain.onboarding import OnboardingAnswers, build_preferences
from core.domain.preferences import SalaryExpectation, UserPreferences
from core.domain.roles import ROLES, ROLES_BY_KEY, role_of_text, roles_in_title
from core.domain.scoring import ROLE_FIT_BASE, ScoringContext, rank, relevance_floor, score_vacancy
from core.domain.skills import CATEGORIES

ALMATY, ASTANA, KAZAKHSTAN = "160", "159", "40"
AREAS: dict[str, str | None] = {KAZAKHSTAN: None, ALMATY: KAZAKHSTAN, ASTANA: KAZAKHSTAN}


def vacancy(name: str, key_skills: list[str], *, role: str = "96", **fields: Any) -> Vacancy:
    data: dict[str, Any] = {
        "id": str(abs(hash((name, *key_skills))) % 10**9),
        "name": name,
        "area": {"id": ALMATY, "name": "Алматы"},
        "salary_range": {"from": 500_000, "to": 700_000, "currency": "KZT", "gross": False},
        "description": "<p>Работа в дружной команде.</p>",
        "key_skills": [{"name": skill} for skill in key_skills],
        "professional_roles": [{"id": role, "name": "role"}],
        "work_format": [{"id": "ON_SITE"}],
        "published_at": "2026-02-10T12:00:00+0300",
    }
    data.update(fields)
    return Vacancy.model_validate(data)


def python_developer(**fields: Any) -> UserPreferences:
    data: dict[str, Any] = {
        "categories": ["programming"],
        "skills": {"Python": 1.0, "Docker": 1.0, "REST API": 1.0},
        "area_ids": [ALMATY],
        "salary": SalaryExpectation(minimum=500_000),
        "job_titles": ["Python developer"],
    }
    data.update(fields)
    return UserPreferences(**data)


def overall(v: Vacancy, prefs: UserPreferences) -> float:
    return score_vacancy(extract_features(v), ScoringContext.build(prefs, AREAS)).overall


# ============================================================================ the catalogue


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.key)
def test_every_role_phrase_names_its_role_in_a_title(role: Any) -> None:
    for phrase in role.title_phrases:
        assert role.key in roles_in_title(frozenset(content_stems(phrase))), phrase


def test_every_role_lives_in_a_field_of_the_catalogue() -> None:
    assert {role.field for role in ROLES} <= set(CATEGORIES)


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Старший программист 1С", "onec_developer"),
        ("Backend-разработчик (Python)", "python_developer"),
        ("Главный бухгалтер", "chief_accountant"),
        ("Заместитель главного бухгалтера", "accountant"),
        ("Медицинская сестра процедурного кабинета", "nurse"),
        ("Водитель категории C", "driver"),
        ("Учитель математики", "math_teacher"),
        ("Инженер ПТО", "construction_engineer"),
    ],
)
def test_a_vacancy_title_names_its_role(title: str, role: str) -> None:
    assert role in roles_in_title(frozenset(content_stems(title)))


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Повар горячего цеха", "cook"),
        ("Кондитер", "baker"),
        ("Пекарь", "baker"),
        ("Логист", "logistician"),
        ("Менеджер по логистике", "logistician"),
        ("Кладовщик-комплектовщик", "warehouse_worker"),
        ("Грузчик", "loader"),
        ("Торговый представитель", "sales_rep"),
        ("Супервайзер торговых представителей", "sales_supervisor"),
        ("Врач-терапевт", "therapist"),
        ("Врач-педиатр", "paediatrician"),
        ("Учитель английского языка", "english_teacher"),
        ("Инженер технадзора", "construction_engineer"),
        ("ETL-разработчик", "data_engineer"),
        ("Data Engineer", "data_engineer"),
    ],
)
def test_a_title_names_the_job_as_finely_as_people_type_it(title: str, role: str) -> None:
    assert roles_in_title(frozenset(content_stems(title))) == {role}


def teacher(title: str) -> UserPreferences:
    return UserPreferences(
        categories=["education"],
        skills={"Teaching": 1.0},
        area_ids=[ALMATY],
        job_titles=[chosen_job_title(title) or title],
    )


def test_a_teacher_of_english_is_not_offered_maths_lessons() -> None:
    prefs = teacher("Учитель английского языка")
    english = vacancy("Преподаватель английского языка", ["Английский язык"], role="132")
    maths = vacancy("Учитель математики", ["Математика"], role="132")

    assert overall(english, prefs) >= ROLE_FIT_BASE
    assert overall(maths, prefs) < ROLE_FIT_BASE


def test_a_person_typing_teacher_takes_a_teacher_of_any_subject() -> None:
    prefs = teacher("Учитель")
    for title in ("Учитель английского языка", "Учитель математики", "Преподаватель"):
        assert overall(vacancy(title, [], role="132"), prefs) >= ROLE_FIT_BASE, title


def test_a_therapist_is_not_offered_a_dentists_or_a_paediatricians_post() -> None:
    prefs = UserPreferences(
        categories=["medicine"],
        skills={"General practice": 1.0},
        area_ids=[ALMATY],
        job_titles=[chosen_job_title("Врач-терапевт") or ""],
    )
    assert overall(vacancy("Врач общей практики", [], role="24"), prefs) >= ROLE_FIT_BASE
    for title in ("Врач-педиатр", "Стоматолог", "Врач УЗИ"):
        assert overall(vacancy(title, [], role="24"), prefs) < ROLE_FIT_BASE, title


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("Врач-терапевт", 'Терапевт OR "Врач общей практики"'),
        (
            "Учитель английского языка",
            '"Учитель английского языка" OR "Преподаватель английского языка"',
        ),
        ("Торговый представитель", '"Торговый представитель" OR "Торговый агент"'),
    ],
)
def test_a_specialist_is_searched_for_by_their_specialty(typed: str, searched: str) -> None:
    prefs = UserPreferences(area_ids=[ALMATY], job_titles=[chosen_job_title(typed) or typed])
    assert build_search_params(prefs).text == searched


def test_a_chief_accountants_title_is_not_an_accountants() -> None:
    assert roles_in_title(frozenset(content_stems("Главный бухгалтер"))) == {"chief_accountant"}


def test_on_site_work_includes_field_work_in_the_query() -> None:
    params = build_search_params(python_developer(work_formats=["ON_SITE"]))
    assert params.work_format == ["FIELD_WORK", "ON_SITE"]


def test_a_1c_programmer_is_not_an_accountant() -> None:
    assert "accountant" not in roles_in_title(frozenset(content_stems("Программист 1С")))


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("бухгалтер", "accountant"),
        ("есепші", "accountant"),
        ("Python developer", "python_developer"),
        ("водитель", "driver"),
        ("Главный бухгалтер", "chief_accountant"),
    ],
)
def test_a_typed_title_means_its_role(typed: str, role: str) -> None:
    assert role_of_text(typed) == role


def test_a_typed_role_is_stored_by_its_name_and_other_titles_as_typed() -> None:
    assert chosen_job_title("  бухгалтер ") == "Accountant"
    assert chosen_job_title("Сомелье") == "Сомелье"
    assert chosen_job_title("🙂🙂") is None
    assert chosen_job_title("<b>") is None


def test_suggestions_follow_skills_not_incidental_tools() -> None:
    titles = suggest_job_titles(["Python", "Django", "Docker", "REST API", "PostgreSQL"])
    assert titles[0] == "Python developer"
    assert "Go developer" not in titles and "DevOps engineer" not in titles


# ============================================================================ role fit


def test_another_roles_vacancy_never_outranks_a_fitting_one_on_city_and_pay() -> None:
    prefs = python_developer()
    fitting = vacancy(
        "Python-разработчик", ["Python"], salary_range=None, area={"id": ASTANA, "name": "Астана"}
    )
    one_c = vacancy(
        "Старший программист 1С",
        ["1С", "Docker", "Python", "REST API"],
        salary_range={"from": 2_000_000, "to": 3_000_000, "currency": "KZT"},
    )
    java = vacancy("Senior Java Developer", ["Java", "Docker", "REST API", "Python"])

    assert overall(fitting, prefs) >= ROLE_FIT_BASE
    assert overall(one_c, prefs) < ROLE_FIT_BASE
    assert overall(java, prefs) < ROLE_FIT_BASE


def test_a_generic_backend_title_fits_when_it_asks_for_their_skills() -> None:
    prefs = python_developer()
    python_backend = vacancy("Backend-разработчик", ["Python", "Docker", "PostgreSQL"])
    java_backend = vacancy("Backend-разработчик", ["Java", "Spring", "Kafka"])

    assert overall(python_backend, prefs) >= ROLE_FIT_BASE
    assert overall(java_backend, prefs) < ROLE_FIT_BASE


def test_skills_location_and_salary_order_the_vacancies_of_the_role() -> None:
    prefs = python_developer()
    near = vacancy("Python-разработчик", ["Python", "Docker", "REST API"])
    far = vacancy("Python Developer", ["Python"], area={"id": ASTANA, "name": "Астана"})
    features = [extract_features(v) for v in (far, near)]

    ranked = rank(features, ScoringContext.build(prefs, AREAS))

    assert [f.vacancy_id for f, _ in ranked] == [near.id, far.id]


def test_the_relevance_floor_is_the_role_with_titles_and_low_without() -> None:
    assert relevance_floor(python_developer()) == ROLE_FIT_BASE
    assert relevance_floor(python_developer(job_titles=[])) < ROLE_FIT_BASE


def test_a_skill_only_mentioned_outside_the_requirements_does_not_count() -> None:
    text = "Требования: опыт бухгалтерского учета. Мы предлагаем: обучение Python и Excel."
    assert "Python" not in requirements_text(text)
    assert "учета" in requirements_text(text)
    assert requirements_text("Просто текст про Python") == "Просто текст про Python"


# ============================================================================ the query


def test_the_accountant_is_searched_for_as_an_accountant() -> None:
    answers = OnboardingAnswers(
        categories=["accounting"],
        skills=["1С:Бухгалтерия", "Excel", "МСФО", "налоги"],
        experience="moreThan6",
        area_ids=[ASTANA],
        work_formats=["ON_SITE"],
        remote_ok=False,
    )
    plan = build_search_plan(build_preferences(answers))

    # «налоги» is the tax skill: with МСФО it points to a chief accountant's jobs too.
    assert [(p.text, p.area, p.experience) for p in plan] == [
        ('Бухгалтер OR "Главный бухгалтер"', [ASTANA], ["moreThan6", "between3And6"])
    ]


@pytest.mark.parametrize(
    ("experience", "bands"),
    [
        ("noExperience", ["noExperience"]),
        ("between1And3", ["between1And3", "noExperience"]),
        ("between3And6", ["between3And6", "between1And3", "noExperience"]),
        (None, []),
    ],
)
def test_experience_is_what_i_have_not_an_exact_bucket(
    experience: str | None, bands: list[str]
) -> None:
    assert experience_bands(experience) == bands


def test_a_doctor_with_6_years_also_applies_to_posts_asking_1_to_3_years() -> None:
    prefs = UserPreferences(
        area_ids=[ALMATY],
        experience="moreThan6",
        job_titles=[chosen_job_title("Врач-терапевт") or ""],
    )
    assert build_search_params(prefs).experience == ["moreThan6", "between3And6", "between1And3"]


def test_remote_accepted_adds_a_country_wide_remote_query() -> None:
    plan = build_search_plan(python_developer(remote_ok=True), area_parent=AREAS)

    assert [(p.area, p.work_format) for p in plan] == [([ALMATY], []), ([KAZAKHSTAN], ["REMOTE"])]
    assert plan[0].text == plan[1].text == "Python"


def test_no_remote_query_when_remote_is_not_wanted() -> None:
    assert len(build_search_plan(python_developer(remote_ok=False), area_parent=AREAS)) == 1
    only_city = python_developer(remote_ok=True, only_my_city=True)
    assert len(build_search_plan(only_city, area_parent=AREAS)) == 1


def test_several_cities_are_one_query() -> None:
    params = build_search_params(python_developer(area_ids=[ALMATY, ASTANA]))
    assert params.area == sorted([ALMATY, ASTANA])


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("Python бағдарламашысы", "python_developer"),
        ("сату менеджері", "sales_manager"),
        ("Ағылшын тілі мұғалімі", "english_teacher"),
        ("тіс дәрігері", "dentist"),
        ("қойма қызметкері", "warehouse_worker"),
        ("Құрылыс инженері", "construction_engineer"),
    ],
)
def test_a_title_typed_in_kazakh_names_its_role(typed: str, role: str) -> None:
    assert role_of_text(typed) == role


def test_a_kazakh_title_is_stored_as_the_role_the_person_sees() -> None:
    assert chosen_job_title("ағылшын тілі мұғалімі") == ROLES_BY_KEY["english_teacher"].name_en


ACCOUNTANT_SKILLS = ["1С", "Excel", "МСФО", "налоги"]


@pytest.mark.parametrize("fields", [["accounting"], ["finance"], ["accounting", "finance"]])
def test_an_accountants_1c_suggests_accountant_titles_not_a_1c_programmer(
    fields: list[str],
) -> None:
    titles = suggest_job_titles(ACCOUNTANT_SKILLS, fields=fields)
    assert titles[0] == "Accountant" and "1C developer" not in titles


def test_a_programmers_1c_suggests_a_1c_programmer() -> None:
    assert suggest_job_titles(["1С", "SQL"], fields=["programming"])[0] == "1C developer"


def test_a_chosen_field_the_skills_do_not_point_to_offers_its_own_roles() -> None:
    # Sales and Excel alone: Excel points to no role, so sales offers its own.
    assert suggest_job_titles(["Excel"], fields=["sales"])[0] == "Sales manager"
