"""Mapping: city → HH area, onboarding → preferences, assessment, typed skills."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.areas import AreaResolver, transliterate
from core.domain.assessment import apply_assessment
from core.domain.hh_schemas import AreaNode
from core.domain.job_titles import normalize_job_title, suggest_job_titles
from core.domain.mapping import UserMappingService
from core.domain.onboarding import (
    EMPLOYMENT_OPTIONS,
    EXPERIENCE_OPTIONS,
    WORK_FORMAT_OPTIONS,
    OnboardingAnswers,
    build_preferences,
)
from core.domain.preferences import SalaryExpectation, UserPreferences
from core.domain.skills import CATEGORIES
from core.domain.skills_text import parse_skills_text


def _area(area_id: str, name: str, *children: AreaNode) -> AreaNode:
    return AreaNode(id=area_id, name=name, areas=list(children))


def _areas() -> list[AreaNode]:
    """A slice of GET /areas: Kazakhstan is flat, Russia has regions with cities."""
    kazakhstan = _area(
        "40",
        "Казахстан",
        _area("160", "Алматы"),
        _area("159", "Астана"),
        _area("205", "Шымкент"),
        _area("177", "Караганда"),
        _area("181", "Павлодар"),
        _area("172", "Костанай"),
        _area("180", "Петропавловск"),
        _area("154", "Актобе"),
        _area("193", "Уральск"),
    )
    russia = _area(
        "113",
        "Россия",
        _area("1", "Москва"),
        _area("2", "Санкт-Петербург"),
        _area("1620", "Республика Марий Эл", _area("1621", "Волжск")),
        _area("1700", "Саратовская область", _area("1702", "Вольск")),
        _area("1384", "Камчатский край", _area("1385", "Петропавловск-Камчатский")),
        _area("1500", "Курская область", _area("1501", "Железногорск")),
        _area("1600", "Красноярский край", _area("1601", "Железногорск")),
    )
    return [kazakhstan, russia]


@pytest.fixture(scope="module")
def resolver() -> AreaResolver:
    return AreaResolver(_areas())


# ----------------------------------------------------------------------------- cities


@pytest.mark.parametrize(
    ("typed", "area_id"),
    [
        ("Алматы", "160"),
        ("almaty", "160"),
        ("Алма-Ата", "160"),
        ("Alma-Ata", "160"),
        ("Астана", "159"),
        ("Нур-Султан", "159"),
        ("Astana", "159"),
        ("Nur-Sultan", "159"),
        ("Акмола", "159"),
        ("Шымкент", "205"),
        ("Shymkent", "205"),
        ("Чимкент", "205"),
        ("Караганда", "177"),
        ("Qaraghandy", "177"),
        ("Karaganda", "177"),
        ("Москва", "1"),
        ("Moscow", "1"),
        ("Мск", "1"),
        ("Санкт-Петербург", "2"),
        ("СПб", "2"),
        ("Питер", "2"),
        ("Saint Petersburg", "2"),
    ],
)
def test_resolve_city_knows_aliases(resolver: AreaResolver, typed: str, area_id: str) -> None:
    match = resolver.resolve(typed)
    assert (match.kind, match.area_id) == ("exact", area_id)


def test_resolve_city_returns_the_hh_name(resolver: AreaResolver) -> None:
    match = resolver.resolve("Нур-Султан")
    assert (match.area_name, match.candidates) == ("Астана", [("159", "Астана")])


@pytest.mark.parametrize(
    ("typo", "area_id"),
    [("Алмати", "160"), ("Астна", "159"), ("Карагада", "177"), ("Шымкен", "205")],
)
def test_resolve_city_forgives_typos(resolver: AreaResolver, typo: str, area_id: str) -> None:
    match = resolver.resolve(typo)
    assert (match.kind, match.area_id) == ("exact", area_id)


@pytest.mark.parametrize(
    ("latin", "area_id"),
    [("Pavlodar", "181"), ("Kostanay", "172"), ("Aktobe", "154"), ("Uralsk", "193")],
)
def test_resolve_city_transliterates_latin_names(
    resolver: AreaResolver, latin: str, area_id: str
) -> None:
    assert resolver.resolve(latin).area_id == area_id


def test_resolve_city_ignores_the_word_city(resolver: AreaResolver) -> None:
    assert resolver.resolve("г. Алматы").area_id == "160"


@pytest.mark.parametrize(
    "typed", ["anywhere", "Везде", "удаленно", "удалённо", "Remote", "любой", "любой город"]
)
def test_resolve_city_understands_anywhere(resolver: AreaResolver, typed: str) -> None:
    match = resolver.resolve(typed)
    assert (match.kind, match.area_id, match.candidates) == ("anywhere", None, [])


def test_resolve_city_prefers_kazakhstan_over_a_similar_russian_city(
    resolver: AreaResolver,
) -> None:
    match = resolver.resolve("Петропавловск")
    assert (match.kind, match.area_id) == ("exact", "180")


def test_resolve_city_same_name_in_two_regions_is_ambiguous(resolver: AreaResolver) -> None:
    match = resolver.resolve("Железногорск")
    assert match.kind == "ambiguous"
    assert match.area_id is None
    assert sorted(match.candidates) == [("1501", "Железногорск"), ("1601", "Железногорск")]


def test_resolve_city_two_equally_close_names_are_ambiguous(resolver: AreaResolver) -> None:
    match = resolver.resolve("Волск")
    assert match.kind == "ambiguous"
    assert {area_id for area_id, _ in match.candidates} == {"1621", "1702"}


def test_resolve_city_unknown_offers_close_candidates(resolver: AreaResolver) -> None:
    match = resolver.resolve("Алмтыыы")
    assert match.kind == "unknown"
    assert match.candidates[0] == ("160", "Алматы")


def test_resolve_city_unknown_without_anything_close(resolver: AreaResolver) -> None:
    match = resolver.resolve("Xyzzyqwerty")
    assert (match.kind, match.area_id, match.candidates) == ("unknown", None, [])


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "<script>alert(1)</script>",
        "'; DROP TABLE areas;--",
        "😀",
        "x" * 4096,
        "\x00\x01",
        "!!!",
    ],
)
def test_resolve_city_hostile_input_is_unknown(resolver: AreaResolver, typed: str) -> None:
    assert resolver.resolve(typed).kind == "unknown"


def test_resolve_city_non_string_is_unknown(resolver: AreaResolver) -> None:
    assert resolver.resolve(None).kind == "unknown"  # type: ignore[arg-type]


def test_descendants_include_the_area_and_everything_below(resolver: AreaResolver) -> None:
    assert resolver.descendants("1620") == {"1620", "1621"}
    assert {"113", "1", "2", "1621"} <= resolver.descendants("113")


def test_descendants_of_unknown_area_are_empty(resolver: AreaResolver) -> None:
    assert resolver.descendants("999999") == set()


def test_country_of_walks_up_to_the_root(resolver: AreaResolver) -> None:
    assert [resolver.country_of(i) for i in ("1621", "160", "40", "nope")] == [
        "113",
        "40",
        "40",
        None,
    ]


def test_name_of_known_and_unknown_areas(resolver: AreaResolver) -> None:
    assert (resolver.name_of("160"), resolver.name_of("nope")) == ("Алматы", None)


def test_renamed_city_node_still_matches_its_aliases() -> None:
    # Older /areas dumps call 159 «Нур-Султан»; the alias group covers both names.
    old_tree = [_area("40", "Казахстан", _area("159", "Нур-Султан"))]
    assert AreaResolver(old_tree).resolve("Астана").area_id == "159"


def test_transliterate_latin_city_names() -> None:
    assert [transliterate(w) for w in ("pavlodar", "kostanay", "shymkent")] == [
        "павлодар",
        "костанай",
        "шымкент",
    ]


# ----------------------------------------------------------------------------- service


class _FakeAreas:
    def __init__(self) -> None:
        self.calls = 0

    async def get_areas(self) -> list[AreaNode]:
        self.calls += 1
        await asyncio.sleep(0)
        return _areas()


async def test_service_resolves_cities_through_loaded_areas() -> None:
    service = UserMappingService(_FakeAreas())
    match = await service.resolve_city("Алма-Ата")
    assert (match.kind, match.area_id) == ("exact", "160")


async def test_service_loads_areas_once_for_concurrent_callers() -> None:
    source = _FakeAreas()
    service = UserMappingService(source)
    await asyncio.gather(*(service.resolve_city("Астана") for _ in range(5)))
    assert source.calls == 1


async def test_service_reset_reloads_areas() -> None:
    source = _FakeAreas()
    service = UserMappingService(source)
    await service.area_resolver()
    service.reset()
    await service.area_resolver()
    assert source.calls == 2


def test_service_exposes_the_pure_functions() -> None:
    assert UserMappingService.parse_skills_text("эксель") == ["Excel"]


# ----------------------------------------------------------------------------- options


def test_option_ids_are_hh_dictionary_ids_in_display_order() -> None:
    assert EXPERIENCE_OPTIONS == ("noExperience", "between1And3", "between3And6", "moreThan6")
    assert WORK_FORMAT_OPTIONS == ("ON_SITE", "REMOTE", "HYBRID", "FIELD_WORK")
    assert EMPLOYMENT_OPTIONS == ("FULL", "PART", "PROJECT", "FLY_IN_FLY_OUT")


# ----------------------------------------------------------------------------- job titles


def test_suggest_titles_for_python_and_django() -> None:
    assert suggest_job_titles(["Python", "Django"]) == ["Python developer"]


def test_suggest_titles_for_a_python_backend_profile_offers_backend_too() -> None:
    titles = suggest_job_titles(["Python", "Django", "REST API", "PostgreSQL", "Docker"])
    assert titles[:2] == ["Python developer", "Backend developer"]
    assert "Go developer" not in titles and "DevOps engineer" not in titles


def test_suggest_titles_for_excel_and_power_bi() -> None:
    assert suggest_job_titles(["Excel", "Power BI"])[0] == "Data analyst"


def test_suggest_titles_for_accounting_and_1c_accounting() -> None:
    assert suggest_job_titles(["бухучет", "1С:Бухгалтерия"])[0] == "Accountant"


def test_suggest_titles_for_a_chosen_field_without_skills() -> None:
    assert suggest_job_titles([], fields=["medicine"]) == ["Nurse", "Doctor", "Pharmacist"]


def test_suggest_titles_respects_the_limit() -> None:
    assert len(suggest_job_titles(["Python", "Django", "React", "Docker", "Excel"], limit=2)) == 2


def test_suggest_titles_for_unknown_skills_is_empty() -> None:
    assert suggest_job_titles(["плетение корзин"]) == []


def test_normalize_job_title_translates_kazakh_titles() -> None:
    assert [normalize_job_title(t) for t in ("есепші", "Жүргізуші", "сатушы")] == [
        "Бухгалтер",
        "Водитель",
        "Продавец",
    ]


def test_normalize_job_title_cleans_free_text() -> None:
    assert normalize_job_title("  <b>Python</b> developer\x00 ") == "Python developer"


# ----------------------------------------------------------------------------- skills text


def test_parse_skills_text_splits_and_canonicalises() -> None:
    assert parse_skills_text("python, джанго; SQL / эксель") == ["Python", "Django", "SQL", "Excel"]


def test_parse_skills_text_splits_on_and() -> None:
    assert parse_skills_text("ведение переговоров и холодные звонки") == [
        "Negotiations",
        "Cold calling",
    ]


def test_parse_skills_text_keeps_compound_names_whole() -> None:
    assert parse_skills_text("UI/UX, CI/CD, C++, 1С:Бухгалтерия") == [
        "UI/UX Design",
        "CI/CD",
        "C++",
        "1С:Бухгалтерия",
    ]


def test_parse_skills_text_splits_space_separated_known_skills() -> None:
    assert parse_skills_text("Python Django") == ["Python", "Django"]


def test_parse_skills_text_keeps_unknown_skills_cleaned() -> None:
    assert parse_skills_text("Плетение   корзин, python") == ["Плетение корзин", "Python"]


def test_parse_skills_text_removes_markup() -> None:
    result = parse_skills_text("<script>alert(1)</script>, <b>Excel</b>")
    assert result == ["alert(1)", "Excel"]
    assert all("<" not in name and ">" not in name for name in result)


def test_parse_skills_text_defuses_sql() -> None:
    result = parse_skills_text("'; DROP TABLE users; --")
    assert all(";" not in name and "'" not in name for name in result)


@pytest.mark.parametrize("text", ["", "😀😀😀", ",,,;;;", "\x00\x01\x02", "<><><>"])
def test_parse_skills_text_of_nothing_meaningful_is_empty(text: str) -> None:
    assert parse_skills_text(text) == []


def test_parse_skills_text_caps_the_count_and_length() -> None:
    result = parse_skills_text(", ".join(f"навык{n} " + "x" * 45 for n in range(100)))
    assert len(result) == 30
    assert all(len(name) <= 50 for name in result)


def test_parse_skills_text_survives_a_whole_telegram_message() -> None:
    assert len(parse_skills_text("a, " * 1365 + "b")) <= 30


# ----------------------------------------------------------------------------- preferences


def test_build_preferences_expands_categories_when_no_skills_chosen() -> None:
    prefs = build_preferences(OnboardingAnswers(categories=["sales"]))
    assert prefs.skills == dict.fromkeys(CATEGORIES["sales"].skills, 0.6)


def test_build_preferences_weighs_chosen_skills_fully() -> None:
    answers = OnboardingAnswers(categories=["programming"], skills=["питон", "SQL"])
    prefs = build_preferences(answers)
    assert prefs.skills == {"Python": 1.0, "SQL": 1.0}


def test_build_preferences_infers_categories_from_skills() -> None:
    prefs = build_preferences(OnboardingAnswers(skills=["Python", "Power BI"]))
    assert prefs.categories == ["programming", "data_analysis"]


def test_build_preferences_drops_unknown_categories_and_option_ids() -> None:
    prefs = build_preferences(
        OnboardingAnswers(
            categories=["sales", "astrology"],
            experience="forever",
            work_formats=["ON_SITE", "SPACE"],
            employment_forms=["PART", "nope"],
        )
    )
    assert (prefs.categories, prefs.experience) == (["sales"], None)
    assert prefs.employment_forms == ["PART"]


def test_build_preferences_suggests_titles_when_none_given() -> None:
    prefs = build_preferences(OnboardingAnswers(skills=["Python", "Django"]))
    assert prefs.job_titles == ["Python developer"]


def test_build_preferences_keeps_typed_titles() -> None:
    prefs = build_preferences(OnboardingAnswers(skills=["Python"], job_titles=["есепші"]))
    assert prefs.job_titles == ["Бухгалтер"]


def test_build_preferences_remote_ok_when_remote_format_chosen() -> None:
    prefs = build_preferences(OnboardingAnswers(remote_ok=False, work_formats=["REMOTE"]))
    assert prefs.remote_ok is True


def test_build_preferences_on_site_only_is_not_remote() -> None:
    prefs = build_preferences(OnboardingAnswers(remote_ok=False, work_formats=["ON_SITE"]))
    assert (prefs.remote_ok, prefs.work_formats) == (False, ["ON_SITE"])


def test_build_preferences_remote_ok_adds_the_remote_format() -> None:
    prefs = build_preferences(OnboardingAnswers(remote_ok=True, work_formats=["HYBRID"]))
    assert prefs.work_formats == ["HYBRID", "REMOTE"]


def test_build_preferences_salary_minimum_becomes_a_floor() -> None:
    salary = SalaryExpectation(minimum=300_000, currency="KZT")
    prefs = build_preferences(OnboardingAnswers(salary=salary))
    assert (prefs.salary, prefs.salary_is_floor) == (salary, True)


def test_build_preferences_without_salary_has_no_floor() -> None:
    prefs = build_preferences(OnboardingAnswers())
    assert (prefs.salary, prefs.salary_is_floor) == (SalaryExpectation(), False)


def test_build_preferences_keeps_areas_and_experience() -> None:
    prefs = build_preferences(
        OnboardingAnswers(area_ids=["160", "159", "160"], experience="between1And3")
    )
    assert (prefs.area_ids, prefs.experience) == (["160", "159"], "between1And3")


# ----------------------------------------------------------------------------- assessment


def _prefs() -> UserPreferences:
    return UserPreferences(skills={"Python": 0.6, "SQL": 0.6, "Excel": 0.6, "1C": 0.6})


def test_assessment_strengths_get_full_weight_and_are_preferred() -> None:
    outcome = apply_assessment(_prefs(), {"python": 5, "SQL": 4})
    assert outcome.strengths == ["Python", "SQL"]
    assert (outcome.preferences.skills["Python"], outcome.preferences.skills["SQL"]) == (1.0, 1.0)
    assert outcome.preferences.preferred_skills == ["Python", "SQL"]


def test_assessment_weaknesses_lower_the_weight_but_are_not_avoided() -> None:
    outcome = apply_assessment(_prefs(), {"эксель": 1})
    assert outcome.weaknesses == ["Excel"]
    assert outcome.preferences.skills["Excel"] == 0.3
    assert outcome.preferences.avoided_skills == []


def test_assessment_average_rating_keeps_the_weight() -> None:
    outcome = apply_assessment(_prefs(), {"SQL": 3})
    assert outcome.preferences.skills["SQL"] == 0.6


def test_assessment_new_strength_is_added() -> None:
    outcome = apply_assessment(_prefs(), {"Docker": 5})
    assert outcome.preferences.skills["Docker"] == 1.0


def test_assessment_new_weakness_is_not_added() -> None:
    outcome = apply_assessment(_prefs(), {"Docker": 1})
    assert "Docker" not in outcome.preferences.skills


def test_assessment_dislikes_are_avoided_and_removed() -> None:
    outcome = apply_assessment(_prefs(), {"1С": 2}, dislikes=["1С"])
    assert outcome.preferences.avoided_skills == ["1C"]
    assert "1C" not in outcome.preferences.skills


def test_assessment_ignores_nonsense_ratings_and_clamps() -> None:
    outcome = apply_assessment(_prefs(), {"Python": "five", "SQL": 99, "Excel": -3})  # type: ignore[dict-item]
    assert (outcome.strengths, outcome.weaknesses) == (["SQL"], ["Excel"])


def test_assessment_does_not_modify_the_input_preferences() -> None:
    prefs = _prefs()
    apply_assessment(prefs, {"Python": 5}, dislikes=["SQL"])
    assert prefs == _prefs()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_mapping_parsers_never_raise(text: str) -> None:
    resolver = AreaResolver(_areas())
    assert resolver.resolve(text).kind in {"exact", "ambiguous", "unknown", "anywhere"}
    assert len(parse_skills_text(text)) <= 30
    assert isinstance(normalize_job_title(text), str)
