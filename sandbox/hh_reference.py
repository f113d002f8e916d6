"""HeadHunter's fixed facts the emulator serves: hosts, the /areas tree, /dictionaries and
/professional_roles (reference/HH_API.md §5-6)."""

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
    ("160", "Алматы", 43.238, 76.945),
    ("159", "Астана", 51.128, 71.430),
    ("205", "Шымкент", 42.317, 69.596),
    ("177", "Караганда", 49.807, 73.088),
    ("154", "Актобе", 50.283, 57.167),
    ("153", "Атырау", 47.094, 51.924),
    ("152", "Актау", 43.651, 51.158),
    ("181", "Павлодар", 52.287, 76.967),
    ("194", "Усть-Каменогорск", 49.948, 82.628),
    ("185", "Семей", 50.411, 80.227),
    ("187", "Тараз", 42.900, 71.367),
    ("172", "Костанай", 53.214, 63.624),
    ("174", "Кызылорда", 44.853, 65.509),
    ("193", "Уральск", 51.204, 51.370),
    ("180", "Петропавловск", 54.865, 69.135),
    ("192", "Туркестан", 43.297, 68.251),
    ("176", "Кокшетау", 53.283, 69.397),
    ("188", "Талдыкорган", 45.017, 78.373),
    ("190", "Темиртау", 50.055, 72.965),
    ("198", "Экибастуз", 51.723, 75.323),
    ("164", "Балхаш", 46.848, 74.995),
    ("166", "Жезказган", 47.783, 67.768),
]


def _node(
    area_id: str,
    parent_id: str | None,
    name: str,
    utc_offset: str,
    lat: float | None,
    lng: float | None,
    children: list[dict] | None = None,
) -> dict:
    return {
        "id": area_id,
        "parent_id": parent_id,
        "name": name,
        "areas": children or [],
        "utc_offset": utc_offset,
        "lat": lat,
        "lng": lng,
    }


def build_areas() -> list[dict]:
    """The ``GET /areas`` tree: an array of country roots with nested ``areas``."""
    kz = _node(
        KZ,
        None,
        "Казахстан",
        "+05:00",
        48.0,
        68.0,
        [_node(cid, KZ, name, "+05:00", lat, lng) for cid, name, lat, lng in KZ_CITIES],
    )
    # Moscow Oblast towns' ids are illustrative; the region/city ids are HH's.
    moscow_oblast = _node(
        "2019",
        RUSSIA,
        "Московская область",
        "+03:00",
        55.5,
        38.0,
        [
            _node("2034", "2019", "Химки", "+03:00", 55.889, 37.445),
            _node("2037", "2019", "Мытищи", "+03:00", 55.911, 37.730),
            _node("2043", "2019", "Подольск", "+03:00", 55.431, 37.545),
        ],
    )
    russia = _node(
        RUSSIA,
        None,
        "Россия",
        "+03:00",
        61.5,
        105.3,
        [
            _node(MOSCOW, RUSSIA, "Москва", "+03:00", 55.756, 37.617),
            _node(SPB, RUSSIA, "Санкт-Петербург", "+03:00", 59.939, 30.314),
            moscow_oblast,
            _node(
                "1202",
                RUSSIA,
                "Новосибирская область",
                "+07:00",
                55.0,
                79.0,
                [_node("4", "1202", "Новосибирск", "+07:00", 55.030, 82.920)],
            ),
            _node(
                "1261",
                RUSSIA,
                "Свердловская область",
                "+05:00",
                58.6,
                61.5,
                [_node("3", "1261", "Екатеринбург", "+05:00", 56.838, 60.605)],
            ),
        ],
    )
    uzbekistan = _node(
        UZBEKISTAN,
        None,
        "Узбекистан",
        "+05:00",
        41.4,
        64.6,
        [_node(TASHKENT, UZBEKISTAN, "Ташкент", "+05:00", 41.311, 69.280)],
    )
    belarus = _node(
        "16",
        None,
        "Беларусь",
        "+03:00",
        53.7,
        28.0,
        [_node("1002", "16", "Минск", "+03:00", 53.902, 27.562)],
    )
    return [russia, kz, uzbekistan, belarus]


def iter_areas(nodes: Iterable[dict]) -> Iterable[dict]:
    """Every node of an areas tree, depth first."""
    for node in nodes:
        yield node
        yield from iter_areas(node["areas"])


# ---- dictionaries ----------------------------------------------------------------------

CURRENCY_RATES = {"RUR": 1.0, "KZT": 5.4, "USD": 0.0125, "EUR": 0.0108, "UZS": 140.0, "BYR": 0.035}
EXPERIENCE = {
    "noExperience": "Нет опыта",
    "between1And3": "От 1 года до 3 лет",
    "between3And6": "От 3 до 6 лет",
    "moreThan6": "Более 6 лет",
}
SCHEDULE = {
    "fullDay": "Полный день",
    "shift": "Сменный график",
    "flexible": "Гибкий график",
    "remote": "Удаленная работа",
    "flyInFlyOut": "Вахтовый метод",
}
EMPLOYMENT = {
    "full": "Полная занятость",
    "part": "Частичная занятость",
    "project": "Проектная работа",
    "volunteer": "Волонтерство",
    "probation": "Стажировка",
}
EMPLOYMENT_FORM = {
    "FULL": "Полная",
    "PART": "Частичная",
    "PROJECT": "Проект или\u00a0разовое задание",
    "FLY_IN_FLY_OUT": "Вахта",
}
WORK_FORMAT = {
    "ON_SITE": "На\u00a0месте работодателя",
    "REMOTE": "Удалённо",
    "HYBRID": "Гибрид",
    "FIELD_WORK": "Разъездной",
}
ORDER_BY = {
    "publication_time": "по дате",
    "salary_desc": "по убыванию дохода",
    "salary_asc": "по возрастанию дохода",
    "relevance": "по соответствию",
    "distance": "по удалённости",
}
LABELS = {
    "with_address": "Только с адресом",
    "accept_handicapped": "Доступные людям с инвалидностью",
    "not_from_agency": "Без вакансий агентств",
    "accept_kids": "Доступные с 14 лет",
    "accredited_it": "От аккредитованных ИТ-компаний",
    "low_performance": "Меньше 10 откликов",
    "internship": "Стажировка",
    "with_salary": "Указан доход",
}
SALARY_MODES = {
    "MONTH": "За\u00a0месяц",
    "SHIFT": "За смену",
    "HOUR": "За час",
    "FLY_IN_FLY_OUT": "За вахту",
    "SERVICE": "За услугу",
}
SALARY_MODE_MONTH = {"id": "MONTH", "name": SALARY_MODES["MONTH"]}
FREQUENCIES = {
    "MONTHLY": "Раз в месяц",
    "TWICE_PER_MONTH": "Два раза в месяц",
    "WEEKLY": "Раз в неделю",
    "DAILY": "Ежедневно",
}


# ---- HH professional roles (ids and names as GET /professional_roles gives them) ---------

ROLES: dict[str, str] = {
    "3": "SMM-менеджер, контент-менеджер",
    "8": "Администратор",
    "9": "Администратор магазина, администратор торгового зала",
    "10": "Аналитик",
    "16": "Аудитор",
    "18": "Бухгалтер",
    "21": "Водитель",
    "23": "Воспитатель, няня",
    "24": "Врач",
    "31": "Грузчик",
    "34": "Дизайнер, художник",
    "35": "Директор магазина, директор сети магазинов",
    "47": "Инженер ПТО, инженер-сметчик",
    "48": "Инженер-конструктор, инженер-проектировщик",
    "49": "Технолог",
    "52": "Кладовщик",
    "53": "Коммерческий директор (CCO)",
    "55": "Копирайтер, редактор, корректор",
    "58": "Курьер",
    "64": "Медицинская сестра, медицинский брат",
    "67": "Менеджер по логистике, менеджер по ВЭД",
    "68": "Менеджер по маркетингу, интернет-маркетолог",
    "69": "Менеджер по персоналу",
    "70": "Менеджер по продажам, менеджер по работе с клиентами",
    "73": "Менеджер продукта",
    "81": "Начальник склада",
    "82": "Начальник смены, мастер участка",
    "83": "Оператор call-центра, специалист контактного центра",
    "88": "Офис-менеджер",
    "89": "Официант, бармен, бариста",
    "90": "Охранник",
    "94": "Повар, пекарь, кондитер",
    "96": "Программист, разработчик",
    "97": "Продавец-консультант, продавец-кассир",
    "100": "Прораб, мастер СМР",
    "102": "Разнорабочий",
    "106": "Руководитель отдела продаж",
    "107": "Руководитель проектов",
    "109": "Сварщик",
    "110": "Секретарь, помощник руководителя, ассистент",
    "111": "Сервисный инженер, инженер-механик",
    "113": "Системный администратор",
    "117": "Специалист по кадрам",
    "118": "Специалист по подбору персонала",
    "121": "Специалист технической поддержки",
    "123": "Супервайзер",
    "124": "Тестировщик",
    "129": "Торговый представитель",
    "130": "Уборщица, уборщик",
    "132": "Учитель, преподаватель, педагог",
    "133": "Фармацевт-провизор",
    "134": "Финансовый аналитик, инвестиционный аналитик",
    "136": "Финансовый контролер",
    "137": "Финансовый менеджер",
    "142": "Экономист",
    "143": "Электромонтажник",
    "144": "Инженер-энергетик, инженер-электрик",
    "145": "Юрисконсульт",
    "146": "Юрист",
    "148": "Системный аналитик",
    "150": "Бизнес-аналитик",
    "156": "BI-аналитик, аналитик данных",
    "160": "DevOps-инженер",
    "164": "Продуктовый аналитик",
    "165": "Дата-сайентист",
}
# GET /professional_roles groups roles in HH's categories (a role may sit in several).
# Category names are HH's; of the ids only "11" (IT) is attested in a public example, the
# others are numbered in HH's alphabetical order of categories.
ROLE_CATEGORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("2", "Административный персонал", ("8", "88", "110")),
    ("3", "Безопасность", ("90",)),
    ("6", "Домашний, обслуживающий персонал", ("8", "21", "23", "58", "89", "90", "130")),
    ("4", "Высший и средний менеджмент", ("53", "106")),
    (
        "11",
        "Информационные технологии",
        (
            "10",
            "34",
            "73",
            "96",
            "107",
            "113",
            "121",
            "124",
            "148",
            "150",
            "156",
            "160",
            "164",
            "165",
        ),
    ),
    ("12", "Искусство, развлечения, массмедиа", ("34", "55")),
    ("13", "Маркетинг, реклама, PR", ("3", "10", "34", "55", "68", "70")),
    ("14", "Медицина, фармацевтика", ("8", "24", "64", "133")),
    ("15", "Наука, образование", ("23", "132")),
    ("16", "Продажи, обслуживание клиентов", ("53", "70", "83", "97", "106", "123", "129")),
    ("17", "Производство, сервисное обслуживание", ("49", "82", "109", "111", "143", "144")),
    ("18", "Рабочий персонал", ("21", "31", "52", "102", "109", "143")),
    ("19", "Розничная торговля", ("9", "35", "97", "123")),
    ("22", "Строительство, недвижимость", ("47", "48", "100", "107", "109", "143")),
    ("23", "Транспорт, логистика, перевозки", ("21", "31", "52", "58", "67", "81")),
    ("24", "Туризм, гостиницы, рестораны", ("8", "89", "94", "130")),
    ("25", "Управление персоналом, тренинги", ("69", "117", "118")),
    ("26", "Финансы, бухгалтерия", ("16", "18", "134", "136", "137", "142")),
    ("27", "Юристы", ("145", "146")),
)
# Roles HH lets one answer with an incomplete resume (blue-collar and service work).
INCOMPLETE_RESUME_ROLES = frozenset(
    {
        "8",
        "21",
        "23",
        "31",
        "52",
        "58",
        "83",
        "89",
        "90",
        "94",
        "97",
        "102",
        "109",
        "129",
        "130",
        "143",
    }
)


def build_professional_roles() -> dict:
    """The ``GET /professional_roles`` object: HH's categories, each with its roles."""

    def role(role_id: str) -> dict:
        return {
            "id": role_id,
            "name": ROLES[role_id],
            "accept_incomplete_resumes": role_id in INCOMPLETE_RESUME_ROLES,
            "is_default": False,
            "search_deprecated": False,
            "select_deprecated": False,
        }

    return {
        "categories": [
            {"id": cid, "name": name, "roles": [role(r) for r in roles]}
            for cid, name, roles in ROLE_CATEGORIES
        ]
    }


def _id_names(mapping: Mapping[str, str]) -> list[dict]:
    return [{"id": k, "name": v} for k, v in mapping.items()]


def build_dictionaries() -> dict:
    """The ``GET /dictionaries`` object; ``currency[].rate`` is units per 1 RUR."""
    currency_meta = {
        "RUR": ("₽", "Рубли"),
        "KZT": ("₸", "Тенге"),
        "USD": ("$", "Доллары"),
        "EUR": ("€", "Евро"),
        "UZS": ("сум", "Узбекский сум"),
        "BYR": ("Br", "Белорусские рубли"),
    }
    currencies = [
        {
            "code": code,
            "abbr": currency_meta[code][0],
            "name": currency_meta[code][1],
            "rate": rate,
            "default": code == "RUR",
            "in_use": code in ("RUR", "KZT", "USD", "EUR"),
        }
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
        "vacancy_search_fields": _id_names(
            {
                "name": "в названии вакансии",
                "company_name": "в названии компании",
                "description": "в описании вакансии",
            }
        ),
        "vacancy_label": _id_names(LABELS),
        "vacancy_type": _id_names(
            {
                "open": "Открытая",
                "closed": "Закрытая",
                "anonymous": "Анонимная",
                "direct": "Рекламная",
            }
        ),
        "salary_range_mode": _id_names(SALARY_MODES),
        "salary_range_frequency": _id_names(FREQUENCIES),
        "vacancy_billing_type": _id_names(
            {
                "free": "Бесплатная",
                "standard": "Стандарт",
                "standard_plus": "Стандарт плюс",
                "premium": "Премиум",
            }
        ),
        "working_hours": _id_names(
            {
                "HOURS_2": "2 часа",
                "HOURS_4": "4 часа",
                "HOURS_8": "8 часов",
                "HOURS_12": "12 часов",
                "FLEXIBLE": "По\u00a0договоренности",
            }
        ),
        "work_schedule_by_days": _id_names(
            {
                "FIVE_ON_TWO_OFF": "5/2",
                "TWO_ON_TWO_OFF": "2/2",
                "WEEKEND": "По\u00a0выходным",
                "FLEXIBLE": "Свободный",
            }
        ),
        "education_level": _id_names(
            {"secondary": "Среднее", "special_secondary": "Среднее специальное", "higher": "Высшее"}
        ),
        "driver_license_types": [{"id": x} for x in ("A", "B", "BE", "C", "CE", "D", "DE")],
    }
