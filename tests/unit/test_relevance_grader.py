"""The relevance benchmark's judge (bench/relevance_grader.py): its own rules, no core/."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from bench.relevance_grader import ROLES, Seeker, grade

RATES = {"RUR": 1.0, "KZT": 5.4, "USD": 0.0125}
ALMATY, ASTANA = "160", "159"


def vacancy(name: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": name,
        "area": {"id": ALMATY},
        "professional_roles": [{"id": "96"}],
        "experience": {"id": "between1And3"},
        "work_format": [{"id": "ON_SITE"}],
        "salary_range": None,
        "salary": None,
    }
    return {**base, **fields}


def seeker(role: str, **fields: Any) -> Seeker:
    values: dict[str, Any] = {
        "role": ROLES[role],
        "area_id": ALMATY,
        "remote_ok": False,
        "experience": "between3And6",
    }
    return Seeker(**{**values, **fields})


def test_a_python_vacancy_in_the_city_fits_a_python_developer() -> None:
    assert grade(vacancy("Python-разработчик"), seeker("python"), RATES).fits


def test_a_java_developer_is_not_a_python_one() -> None:
    assert grade(vacancy("Java Developer"), seeker("python"), RATES).failed == ("role",)


def test_javascript_is_not_java() -> None:
    assert not grade(vacancy("JavaScript-разработчик"), seeker("java"), RATES).fits
    assert grade(vacancy("Senior Java-разработчик"), seeker("java"), RATES).fits


def test_a_1c_programmer_is_not_an_accountant_even_with_the_accountant_role_id() -> None:
    onec = vacancy("Программист 1С", professional_roles=[{"id": "18"}])
    assert grade(onec, seeker("accountant"), RATES).failed == ("role",)
    assert grade(vacancy("Программист 1C"), seeker("onec"), RATES).fits  # Latin C


def test_the_professional_role_id_counts_when_the_title_says_nothing() -> None:
    payroll = vacancy("Специалист по расчету зарплаты", professional_roles=[{"id": "18"}])
    assert grade(payroll, seeker("accountant"), RATES).fits


def test_a_chief_accountant_vacancy_is_not_a_plain_accountant_one() -> None:
    chief = vacancy("Главный бухгалтер")
    assert grade(chief, seeker("chief_accountant"), RATES).fits
    assert not grade(chief, seeker("accountant"), RATES).fits


def test_another_city_fails_location_unless_remote_and_remote_is_accepted() -> None:
    elsewhere = vacancy("Python Developer", area={"id": ASTANA})
    remote = vacancy("Python Developer", area={"id": ASTANA}, work_format=[{"id": "REMOTE"}])
    assert grade(elsewhere, seeker("python", remote_ok=True), RATES).failed == ("location",)
    assert grade(remote, seeker("python", remote_ok=False), RATES).failed == ("location",)
    assert grade(remote, seeker("python", remote_ok=True), RATES).fits


def test_pay_clearly_below_the_floor_fails_salary() -> None:
    low = vacancy("Бухгалтер", salary_range={"from": 200_000, "to": 250_000, "currency": "KZT"})
    person = seeker("accountant", floor=400_000, currency="KZT")
    assert grade(low, person, RATES).failed == ("salary",)


def test_pay_a_little_below_or_unpublished_or_no_floor_passes_salary() -> None:
    near = vacancy("Бухгалтер", salary={"from": 380_000, "to": None, "currency": "KZT"})
    person = seeker("accountant", floor=400_000, currency="KZT")
    assert grade(near, person, RATES).fits
    assert grade(vacancy("Бухгалтер"), person, RATES).fits
    low = vacancy("Бухгалтер", salary_range={"from": 100_000, "to": None, "currency": "KZT"})
    assert grade(low, seeker("accountant"), RATES).fits


def test_pay_is_compared_across_currencies_at_hh_rates() -> None:
    rubles = vacancy("Бухгалтер", salary_range={"from": 100_000, "to": None, "currency": "RUR"})
    assert grade(rubles, seeker("accountant", floor=500_000, currency="KZT"), RATES).fits
    assert not grade(rubles, seeker("accountant", floor=700_000, currency="KZT"), RATES).fits


def test_more_experience_asked_than_the_person_has_fails_experience() -> None:
    senior = vacancy("Python Developer", experience={"id": "moreThan6"})
    assert grade(senior, seeker("python"), RATES).failed == ("experience",)
    junior = vacancy("Python Developer", experience={"id": "noExperience"})
    assert grade(junior, seeker("python"), RATES).fits


def test_every_failed_criterion_is_named_in_order() -> None:
    wrong = vacancy("Водитель", area={"id": ASTANA}, experience={"id": "moreThan6"})
    assert grade(wrong, seeker("python"), RATES).failed == ("role", "location", "experience")


def test_the_grader_imports_nothing_from_the_product() -> None:
    source = Path(__file__).resolve().parents[2] / "bench" / "relevance_grader.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in modules if m.split(".")[0] in {"core", "bot", "db", "sandbox"}]


def test_a_data_analyst_naming_python_is_not_a_python_developer() -> None:
    analyst = vacancy("Аналитик данных (SQL, Python)", professional_roles=[{"id": "156"}])
    assert grade(analyst, seeker("python"), RATES).failed == ("role",)
    assert grade(vacancy("Python QA Engineer"), seeker("python"), RATES).failed == ("role",)
    assert grade(vacancy("Backend-разработчик (Python)"), seeker("python"), RATES).fits


def test_a_fully_remote_job_in_the_city_does_not_fit_a_person_who_chose_on_site() -> None:
    remote_here = vacancy("Python Developer", work_format=[{"id": "REMOTE"}])
    assert grade(remote_here, seeker("python", remote_ok=False), RATES).failed == ("location",)
    assert grade(remote_here, seeker("python", remote_ok=True), RATES).fits


def test_a_job_offering_on_site_or_remote_in_the_city_fits_an_on_site_person() -> None:
    either = vacancy("Python Developer", work_format=[{"id": "HYBRID"}, {"id": "REMOTE"}])
    assert grade(either, seeker("python", remote_ok=False), RATES).fits


def test_a_nurse_is_judged_by_the_nurses_role_id_not_the_data_analysts() -> None:
    assert grade(
        vacancy("Специалист", professional_roles=[{"id": "64"}]), seeker("nurse"), RATES
    ).fits
    analyst = vacancy("Специалист", professional_roles=[{"id": "156"}])
    assert grade(analyst, seeker("nurse"), RATES).failed == ("role",)


def test_a_storekeeper_is_not_a_logistician_or_a_loader() -> None:
    assert grade(vacancy("Заведующий складом"), seeker("warehouse"), RATES).fits
    assert not grade(vacancy("Логист"), seeker("warehouse"), RATES).fits
    assert not grade(vacancy("Разнорабочий на склад"), seeker("warehouse"), RATES).fits


def test_a_therapist_and_a_math_teacher_are_judged_by_what_they_asked_for() -> None:
    assert grade(vacancy("Врач-терапевт"), seeker("therapist"), RATES).fits
    assert not grade(vacancy("Врач-стоматолог"), seeker("therapist"), RATES).fits
    assert grade(vacancy("Репетитор по математике"), seeker("math_teacher"), RATES).fits
    assert not grade(vacancy("Учитель английского языка"), seeker("math_teacher"), RATES).fits


def test_pay_per_shift_or_hour_is_judged_for_a_month_of_work() -> None:
    person = seeker("driver", floor=300_000, currency="KZT")
    per_shift = {"from": 25_000, "to": None, "currency": "KZT", "mode": {"id": "SHIFT"}}
    per_hour = {"from": 1_000, "to": None, "currency": "KZT", "mode": {"id": "HOUR"}}
    assert grade(vacancy("Водитель", salary_range=per_shift), person, RATES).fits
    assert grade(vacancy("Водитель", salary_range=per_hour), person, RATES).failed == ("salary",)
