"""HeadHunter's fixed facts the emulator serves: hosts, the /areas tree and
/dictionaries (reference/HH_API.md §5)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta, timezone

KZ = "40"
ALMATY = "160"
ASTANA = "159"
SHYMKENT = "205"
KARAGANDA = "177"
RUSSIA = "113"
MOSCOW = "1"
SPB = "2"
UZBEKISTAN = "97"
TASHKENT = "2759"

API = "https://api.hh.ru"
SITE_HOST = "hh.kz"
MSK = timezone(timedelta(hours=3))  # HH stamps every vacancy in Moscow time, even Kazakh ones
DEPTH_LIMIT = 2000

# ---- areas -----------------------------------------------------------------------------

# (id, name, lat, lng); Kazakhstan ids from reference/HH_API.md §5.
KZ_CITIES: list[tuple[str, str, float, float]] = [
    ("160", "Алматы", 43.238, 76.945), ("159", "Астана", 51.128, 71.430),
    ("205", "Шымкент", 42.317, 69.596), ("177", "Караганда", 49.807, 73.088),
    ("154", "Актобе", 50.283, 57.167), ("153", "Атырау", 47.094, 51.924),
    ("152", "Актау", 43.651, 51.158), ("181", "Павлодар", 52.287, 76.967),
    ("194", "Усть-Каменогорск", 49.948, 82.628), ("185", "Семей", 50.411, 80.227),
    ("187", "Тараз", 42.900, 71.367), ("172", "Костанай", 53.214, 63.624),
    ("174", "Кызылорда", 44.853, 65.509), ("193", "Уральск", 51.204, 51.370),
    ("180", "Петропавловск", 54.865, 69.135), ("192", "Туркестан", 43.297, 68.251),
    ("176", "Кокшетау", 53.283, 69.397), ("188", "Талдыкорган", 45.017, 78.373),
    ("190", "Темиртау", 50.055, 72.965), ("198", "Экибастуз", 51.723, 75.323),
    ("164", "Балхаш", 46.848, 74.995), ("166", "Жезказган", 47.783, 67.768),
]


def _node(
    area_id: str, parent_id: str | None, name: str, utc_offset: str,
    lat: float | None, lng: float | None, children: list[dict] | None = None,
) -> dict:
    return {"id": area_id, "parent_id": parent_id, "name": name, "areas": children or [],
            "utc_offset": utc_offset, "lat": lat, "lng": lng}


def build_areas() -> list[dict]:
    """The ``GET /areas`` tree: an array of country roots with nested ``areas``."""
    kz = _node(KZ, None, "Казахстан", "+05:00", 48.0, 68.0, [
        _node(cid, KZ, name, "+05:00", lat, lng) for cid, name, lat, lng in KZ_CITIES
    ])
    # Moscow Oblast towns' ids are illustrative; the region/city ids are HH's.
    moscow_oblast = _node("2019", RUSSIA, "Московская область", "+03:00", 55.5, 38.0, [
        _node("2034", "2019", "Химки", "+03:00", 55.889, 37.445),
        _node("2037", "2019", "Мытищи", "+03:00", 55.911, 37.730),
        _node("2043", "2019", "Подольск", "+03:00", 55.431, 37.545),
    ])
    russia = _node(RUSSIA, None, "Россия", "+03:00", 61.5, 105.3, [
        _node(MOSCOW, RUSSIA, "Москва", "+03:00", 55.756, 37.617),
        _node(SPB, RUSSIA, "Санкт-Петербург", "+03:00", 59.939, 30.314),
        moscow_oblast,
        _node("1202", RUSSIA, "Новосибирская область", "+07:00", 55.0, 79.0, [
            _node("4", "1202", "Новосибирск", "+07:00", 55.030, 82.920)]),
        _node("1261", RUSSIA, "Свердловская область", "+05:00", 58.6, 61.5, [
            _node("3", "1261", "Екатеринбург", "+05:00", 56.838, 60.605)]),
    ])
    uzbekistan = _node(UZBEKISTAN, None, "Узбекистан", "+05:00", 41.4, 64.6, [
        _node(TASHKENT, UZBEKISTAN, "Ташкент", "+05:00", 41.311, 69.280)])
    belarus = _node("16", None, "Беларусь", "+03:00", 53.7, 28.0, [
        _node("1002", "16", "Минск", "+03:00", 53.902, 27.562)])
    return [russia, kz, uzbekistan, belarus]


def iter_areas(nodes: Iterable[dict]) -> Iterable[dict]:
    """Every node of an areas tree, depth first."""
    for node in nodes:
        yield node
        yield from iter_areas(node["areas"])


# ---- dictionaries ----------------------------------------------------------------------

CURRENCY_RATES = {"RUR": 1.0, "KZT": 5.4, "USD": 0.0125, "EUR": 0.0108, "UZS": 140.0,
                  "BYR": 0.035}
EXPERIENCE = {"noExperience": "Нет опыта", "between1And3": "От 1 года до 3 лет",
              "between3And6": "От 3 до 6 лет", "moreThan6": "Более 6 лет"}
SCHEDULE = {"fullDay": "Полный день", "shift": "Сменный график", "flexible": "Гибкий график",
            "remote": "Удаленная работа", "flyInFlyOut": "Вахтовый метод"}
EMPLOYMENT = {"full": "Полная занятость", "part": "Частичная занятость",
              "project": "Проектная работа", "volunteer": "Волонтерство",
              "probation": "Стажировка"}
EMPLOYMENT_FORM = {"FULL": "Полная", "PART": "Частичная",
                   "PROJECT": "Проект или\u00a0разовое задание", "FLY_IN_FLY_OUT": "Вахта"}
WORK_FORMAT = {"ON_SITE": "На\u00a0месте работодателя", "REMOTE": "Удалённо",
               "HYBRID": "Гибрид", "FIELD_WORK": "Разъездной"}
ORDER_BY = {"publication_time": "по дате", "salary_desc": "по убыванию дохода",
            "salary_asc": "по возрастанию дохода", "relevance": "по соответствию",
            "distance": "по удалённости"}
LABELS = {"with_address": "Только с адресом",
          "accept_handicapped": "Доступные людям с инвалидностью",
          "not_from_agency": "Без вакансий агентств", "accept_kids": "Доступные с 14 лет",
          "accredited_it": "От аккредитованных ИТ-компаний",
          "low_performance": "Меньше 10 откликов",
          "internship": "Стажировка", "with_salary": "Указан доход"}
SALARY_MODE_MONTH = {"id": "MONTH", "name": "За\u00a0месяц"}
FREQUENCIES = {"MONTHLY": "Раз в месяц", "TWICE_PER_MONTH": "Два раза в месяц",
               "WEEKLY": "Раз в неделю", "DAILY": "Ежедневно"}


def _id_names(mapping: Mapping[str, str]) -> list[dict]:
    return [{"id": k, "name": v} for k, v in mapping.items()]


def build_dictionaries() -> dict:
    """The ``GET /dictionaries`` object; ``currency[].rate`` is units per 1 RUR."""
    currency_meta = {"RUR": ("₽", "Рубли"), "KZT": ("₸", "Тенге"), "USD": ("$", "Доллары"),
                     "EUR": ("€", "Евро"), "UZS": ("сум", "Узбекский сум"),
                     "BYR": ("Br", "Белорусские рубли")}
    currencies = [
        {"code": code, "abbr": currency_meta[code][0], "name": currency_meta[code][1],
         "rate": rate, "default": code == "RUR", "in_use": code in ("RUR", "KZT", "USD", "EUR")}
        for code, rate in CURRENCY_RATES.items()
    ]
    return {
        "currency": currencies,
        "experience": _id_names(EXPERIENCE),
        "employment": _id_names(EMPLOYMENT),
        "schedule": [{**item, "uid": item["id"]} for item in _id_names(SCHEDULE)],
        "employment_form": _id_names(EMPLOYMENT_FORM),
        "vacancy_search_employment_form": _id_names(EMPLOYMENT_FORM),
        "work_format": _id_names(WORK_FORMAT),
        "vacancy_search_order": _id_names(ORDER_BY),
        "vacancy_search_fields": _id_names({"name": "в названии вакансии",
                                            "company_name": "в названии компании",
                                            "description": "в описании вакансии"}),
        "vacancy_label": _id_names(LABELS),
        "vacancy_type": _id_names({"open": "Открытая", "closed": "Закрытая",
                                   "anonymous": "Анонимная", "direct": "Рекламная"}),
        "salary_range_mode": _id_names({"MONTH": "За\u00a0месяц", "SHIFT": "За смену",
                                        "HOUR": "За час", "FLY_IN_FLY_OUT": "За вахту",
                                        "SERVICE": "За услугу"}),
        "salary_range_frequency": _id_names(FREQUENCIES),
        "vacancy_billing_type": _id_names({"free": "Бесплатная", "standard": "Стандарт",
                                           "standard_plus": "Стандарт плюс",
                                           "premium": "Премиум"}),
        "working_hours": _id_names({"HOURS_2": "2 часа", "HOURS_4": "4 часа",
                                    "HOURS_8": "8 часов", "HOURS_12": "12 часов",
                                    "FLEXIBLE": "По\u00a0договоренности"}),
        "work_schedule_by_days": _id_names({"FIVE_ON_TWO_OFF": "5/2", "TWO_ON_TWO_OFF": "2/2",
                                            "WEEKEND": "По\u00a0выходным",
                                            "FLEXIBLE": "Свободный"}),
        "education_level": _id_names({"secondary": "Среднее", "special_secondary":
                                      "Среднее специальное", "higher": "Высшее"}),
        "driver_license_types": [{"id": x} for x in ("A", "B", "BE", "C", "CE", "D", "DE")],
    }
