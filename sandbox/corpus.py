"""A deterministic, realistic HeadHunter vacancy corpus and a fast search index over it.

``generate_corpus`` writes full vacancies exactly as ``GET /vacancies/{id}`` returns them
(reference/HH_API.md §3-4). ``Corpus`` indexes them once (tokens, stems, filter sets) so a
search over a few thousand vacancies costs a few milliseconds: benchmarks hammer it.
"""

from __future__ import annotations

import copy
import html
import json
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

from sandbox import text_query as tq

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
_KZ_CITIES: list[tuple[str, str, float, float]] = [
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
        _node(cid, KZ, name, "+05:00", lat, lng) for cid, name, lat, lng in _KZ_CITIES
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


# ---- corpus content --------------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    name: str
    skills: tuple[str, ...]
    role: tuple[str, str] | None = None  # (id, name); None: the category's role


@dataclass(frozen=True)
class Category:
    titles: tuple[Title, ...]
    pool: tuple[str, ...]  # other skills of the field, for key_skills variety
    role: tuple[str, str]
    duties: tuple[str, ...]
    pay: float  # multiplier of the base salary band
    formats: tuple[tuple[str, float], ...]  # work_format weights
    seniority: tuple[float, ...]  # weights of (none, junior, middle, senior, lead)


def _t(name: str, *skills: str, role: tuple[str, str] | None = None) -> Title:
    return Title(name, skills, role)


_OFFICE = (("ON_SITE", 0.35), ("HYBRID", 0.3), ("REMOTE", 0.35))
CATEGORIES: dict[str, Category] = {
    "programming": Category(
        titles=(
            _t("Python-разработчик", "Python", "Django", "PostgreSQL", "Git"),
            _t("Python Developer", "Python", "FastAPI", "Docker", "SQL"),
            _t("Backend-разработчик (Python)", "Python", "FastAPI", "PostgreSQL", "Redis"),
            _t("Java-разработчик", "Java", "Spring", "SQL", "Git"),
            _t("Java Developer", "Java", "Spring Boot", "Kafka", "PostgreSQL"),
            _t("Frontend-разработчик", "JavaScript", "TypeScript", "React", "HTML", "CSS"),
            _t("React Developer", "React", "TypeScript", "JavaScript", "Redux"),
            _t("Go-разработчик", "Go", "PostgreSQL", "Docker", "Kubernetes"),
            _t("Golang Developer", "Go", "gRPC", "Kafka", "Linux"),
            _t("C# разработчик", "C#", ".NET", "ASP.NET", "MS SQL"),
            _t("PHP-разработчик", "PHP", "Laravel", "MySQL", "Git"),
            _t("Программист 1С", "1С:Предприятие", "1С программирование", "SQL"),
            _t("DevOps-инженер", "Docker", "Kubernetes", "Linux", "CI/CD", "Ansible"),
            _t("Fullstack-разработчик", "JavaScript", "TypeScript", "Node.js", "React",
               "PostgreSQL"),
            _t("QA-инженер", "Тестирование", "Postman", "SQL", "Jira"),
            _t("Android-разработчик", "Kotlin", "Android", "Java", "Git"),
        ),
        pool=("Python", "Java", "JavaScript", "TypeScript", "Go", "SQL", "PostgreSQL", "MySQL",
              "Redis", "Docker", "Kubernetes", "Git", "Linux", "REST API", "ООП",
              "Микросервисы", "RabbitMQ", "Kafka", "CI/CD", "Django", "Flask", "Vue.js"),
        role=("96", "Программист, разработчик"),
        duties=("разработка и поддержка серверной части сервисов", "проектирование REST API",
                "код-ревью и участие в архитектурных решениях",
                "написание unit- и интеграционных тестов",
                "оптимизация производительности приложений",
                "взаимодействие с аналитиками и тестировщиками",
                "развитие CI/CD и внутренней инфраструктуры",
                "доработка существующей кодовой базы и исправление ошибок"),
        pay=1.0, formats=_OFFICE, seniority=(0.15, 0.2, 0.3, 0.25, 0.1),
    ),
    "design": Category(
        titles=(
            _t("UI/UX-дизайнер", "Figma", "UI/UX", "Прототипирование", "Adobe Photoshop"),
            _t("Product Designer", "Figma", "UI/UX", "User Research", "Дизайн интерфейсов"),
            _t("Графический дизайнер", "Adobe Photoshop", "Adobe Illustrator", "CorelDRAW",
               "Брендинг"),
            _t("Web Designer", "Figma", "Adobe Photoshop", "Tilda", "HTML"),
            _t("Motion-дизайнер", "After Effects", "Adobe Illustrator", "Cinema 4D"),
        ),
        pool=("Figma", "Adobe Photoshop", "Adobe Illustrator", "UI/UX", "Sketch",
              "Adobe InDesign", "Типографика", "Брендинг", "Прототипирование", "Tilda"),
        role=("34", "Дизайнер, художник"),
        duties=("разработка макетов интерфейсов и дизайн-систем",
                "создание баннеров и рекламных материалов",
                "проведение пользовательских исследований",
                "подготовка макетов к передаче в разработку",
                "разработка фирменного стиля и брендбука"),
        pay=0.7, formats=_OFFICE, seniority=(0.3, 0.2, 0.25, 0.2, 0.05),
    ),
    "marketing": Category(
        titles=(
            _t("Интернет-маркетолог", "Яндекс.Директ", "Google Ads", "Google Analytics",
               "Контекстная реклама"),
            _t("SMM-менеджер", "SMM", "Копирайтинг", "Таргетированная реклама", "Instagram"),
            _t("SEO-специалист", "SEO", "Google Analytics", "Яндекс.Метрика", "HTML"),
            _t("Digital Marketing Manager", "Google Ads", "SEO", "SMM", "Google Analytics"),
            _t("Маркетолог", "Маркетинговые исследования", "Анализ рынка", "Бренд-менеджмент"),
            _t("Копирайтер", "Копирайтинг", "SEO", "Редактирование текстов"),
            _t("Специалист по контекстной рекламе", "Контекстная реклама", "Яндекс.Директ",
               "Google Ads", "Яндекс.Метрика"),
        ),
        pool=("SEO", "SMM", "Google Ads", "Яндекс.Директ", "Google Analytics", "Яндекс.Метрика",
              "Копирайтинг", "Контекстная реклама", "Email-маркетинг", "Таргетированная реклама"),
        role=("68", "Менеджер по маркетингу, интернет-маркетолог"),
        duties=("запуск и ведение рекламных кампаний", "анализ эффективности каналов продвижения",
                "ведение корпоративных аккаунтов в социальных сетях",
                "подготовка отчетов по ключевым метрикам",
                "работа с подрядчиками и блогерами", "написание текстов для сайта и рассылок"),
        pay=0.6, formats=(("ON_SITE", 0.45), ("HYBRID", 0.3), ("REMOTE", 0.25)),
        seniority=(0.45, 0.15, 0.2, 0.15, 0.05),
    ),
    "data": Category(
        titles=(
            _t("Аналитик данных", "SQL", "Python", "Power BI", "Excel", "Статистика"),
            _t("Data Analyst", "SQL", "Python", "Tableau", "pandas"),
            _t("BI-аналитик", "Power BI", "SQL", "DAX", "Excel"),
            _t("Data Scientist", "Python", "Machine Learning", "pandas", "scikit-learn",
               "Статистика", role=("165", "Дата-сайентист")),
            _t("Бизнес-аналитик", "Бизнес-анализ", "BPMN", "SQL", "Jira"),
            _t("Системный аналитик", "UML", "SQL", "REST API", "BPMN"),
        ),
        pool=("Excel", "SQL", "Power BI", "Tableau", "pandas", "Python", "Статистика",
              "ClickHouse", "A/B тесты", "Визуализация данных"),
        role=("10", "Аналитик"),
        duties=("сбор и подготовка данных из разных источников",
                "построение дашбордов и регулярной отчетности",
                "проведение A/B тестов и интерпретация результатов",
                "формализация требований бизнеса", "поиск точек роста в продуктовых метриках"),
        pay=0.85, formats=(("ON_SITE", 0.4), ("HYBRID", 0.3), ("REMOTE", 0.3)),
        seniority=(0.25, 0.2, 0.3, 0.2, 0.05),
    ),
    "management": Category(
        titles=(
            _t("Руководитель проектов", "Управление проектами", "Agile", "Scrum", "Jira",
               "Бюджетирование"),
            _t("Project Manager", "Project management", "Agile", "Scrum", "Jira"),
            _t("Product Manager", "Product management", "Agile", "Jira", "Аналитическое мышление",
               role=("73", "Менеджер продукта")),
            _t("Руководитель отдела продаж", "Управление персоналом", "Лидерство", "Продажи",
               "Бюджетирование", role=("36", "Директор по продажам")),
            _t("Менеджер по персоналу", "Подбор персонала", "Адаптация персонала",
               "Кадровое делопроизводство", role=("69", "Менеджер по персоналу")),
            _t("Операционный директор", "Стратегическое планирование", "Бюджетирование",
               "Лидерство", "Управление персоналом", role=("87", "Операционный директор")),
        ),
        pool=("Управление проектами", "Agile", "Scrum", "Jira", "Лидерство", "Бюджетирование",
              "Управление персоналом", "Ведение переговоров", "Confluence", "Kanban"),
        role=("107", "Руководитель проектов"),
        duties=("планирование и контроль сроков проектов", "управление командой до 15 человек",
                "формирование и контроль бюджета", "коммуникация с заказчиками и партнерами",
                "организация процессов по Scrum", "подготовка отчетности для руководства"),
        pay=0.9, formats=(("ON_SITE", 0.6), ("HYBRID", 0.3), ("REMOTE", 0.1)),
        seniority=(0.5, 0.05, 0.15, 0.2, 0.1),
    ),
    "finance": Category(
        titles=(
            _t("Бухгалтер", "Бухгалтерский учет", "1С:Бухгалтерия", "Налоговая отчетность",
               "Первичная документация"),
            _t("Финансовый аналитик", "Финансовый анализ", "Excel", "МСФО", "Бюджетирование",
               "Финансовое моделирование", role=("134", "Финансовый аналитик")),
            _t("Экономист", "Финансовый анализ", "Excel", "Бюджетирование",
               role=("134", "Финансовый аналитик")),
            _t("Финансовый менеджер", "Финансовый анализ", "МСФО", "Управленческий учет"),
            _t("Аудитор", "МСФО", "Аудит", "Бухгалтерский учет"),
            _t("Бухгалтер по расчету заработной платы", "Расчет заработной платы", "1С:ЗУП",
               "Кадровый учет"),
        ),
        pool=("Бухгалтерский учет", "1С:Бухгалтерия", "МСФО", "Финансовый анализ",
              "Налоговая отчетность", "Excel", "Управленческий учет", "Банковские операции"),
        role=("18", "Бухгалтер"),
        duties=("ведение бухгалтерского и налогового учета", "подготовка финансовой отчетности",
                "сверка расчетов с контрагентами", "расчет заработной платы и налогов",
                "участие в ежегодном аудите", "анализ отклонений от бюджета"),
        pay=0.65, formats=(("ON_SITE", 0.7), ("HYBRID", 0.2), ("REMOTE", 0.1)),
        seniority=(0.6, 0.1, 0.1, 0.1, 0.1),
    ),
    "sales": Category(
        titles=(
            _t("Менеджер по продажам", "Продажи", "Холодные звонки", "CRM", "Переговоры",
               "Активные продажи"),
            _t("Sales Manager", "B2B продажи", "Переговоры", "CRM", "Английский язык"),
            _t("Менеджер по работе с клиентами", "Работа с клиентами", "CRM",
               "Телефонные переговоры"),
            _t("Торговый представитель", "Продажи", "Мерчандайзинг",
               "Водительское удостоверение категории B"),
            _t("Оператор call-центра", "Холодные звонки", "Телефонные переговоры",
               "Грамотная речь", role=("83", "Оператор call-центра")),
            _t("Менеджер по продажам B2B", "B2B продажи", "Переговоры", "Холодные звонки", "1С"),
        ),
        pool=("Продажи", "Холодные звонки", "CRM", "Переговоры", "Активные продажи",
              "Работа с возражениями", "Bitrix24", "B2B продажи", "Презентация продукта"),
        role=("70", "Менеджер по продажам, менеджер по работе с клиентами"),
        duties=("поиск и привлечение новых клиентов", "проведение переговоров и презентаций",
                "ведение клиентской базы в CRM", "выполнение плана продаж",
                "холодные звонки по базе потенциальных клиентов",
                "подготовка коммерческих предложений"),
        pay=0.45, formats=(("ON_SITE", 0.6), ("HYBRID", 0.05), ("REMOTE", 0.1),
                           ("FIELD_WORK", 0.25)),
        seniority=(0.75, 0.05, 0.05, 0.1, 0.05),
    ),
    "logistics": Category(
        titles=(
            _t("Логист", "Логистика", "Транспортная логистика", "Excel", "1С",
               role=("84", "Менеджер по логистике")),
            _t("Водитель категории C", "Водительское удостоверение категории C",
               "Знание города"),
            _t("Водитель-экспедитор", "Водительское удостоверение категории B", "Доставка"),
            _t("Кладовщик", "Складской учет", "1С", "Инвентаризация",
               role=("52", "Кладовщик")),
            _t("Специалист по ВЭД", "ВЭД", "Таможенное оформление", "Английский язык",
               "Логистика", role=("84", "Менеджер по логистике")),
            _t("Курьер", "Доставка", "Водительское удостоверение категории B",
               role=("58", "Курьер")),
        ),
        pool=("Логистика", "Складской учет", "ВЭД", "1С", "Инвентаризация",
              "Складская логистика", "Таможенное оформление", "Грузоперевозки"),
        role=("21", "Водитель"),
        duties=("доставка грузов по городу и области", "приемка и отгрузка товара",
                "оформление сопроводительных документов", "планирование маршрутов",
                "контроль сроков поставок", "взаимодействие с перевозчиками и таможней"),
        pay=0.4, formats=(("ON_SITE", 0.65), ("FIELD_WORK", 0.35)),
        seniority=(0.85, 0.05, 0.0, 0.05, 0.05),
    ),
    "medicine": Category(
        titles=(
            _t("Медсестра", "Внутривенные инъекции", "Медицинская документация",
               "Уход за больными"),
            _t("Медицинская сестра процедурного кабинета", "Внутривенные инъекции",
               "Стерилизация", "Медицинская документация"),
            _t("Врач-терапевт", "Терапия", "Медицинская документация", "Диагностика",
               role=("24", "Врач")),
            _t("Врач-стоматолог", "Стоматология", "Терапевтическая стоматология",
               role=("24", "Врач")),
            _t("Фармацевт", "Фармация", "Консультирование клиентов", "Работа с кассой",
               role=("151", "Фармацевт-провизор")),
            _t("Провизор", "Фармация", "Фармакология", role=("151", "Фармацевт-провизор")),
        ),
        pool=("Медицинская документация", "Первая помощь", "Работа с пациентами",
              "Фармация", "Санитарные нормы"),
        role=("156", "Медицинская сестра, медицинский брат"),
        duties=("прием пациентов и ведение медицинской документации",
                "выполнение назначений врача", "консультирование посетителей аптеки",
                "соблюдение санитарно-эпидемиологического режима",
                "контроль сроков годности препаратов"),
        pay=0.4, formats=(("ON_SITE", 0.97), ("FIELD_WORK", 0.03)),
        seniority=(0.85, 0.0, 0.0, 0.1, 0.05),
    ),
    "retail": Category(
        titles=(
            _t("Кассир", "Работа с кассой", "Кассовая дисциплина", "Обслуживание покупателей"),
            _t("Продавец-консультант", "Продажи", "Консультирование клиентов", "Мерчандайзинг",
               "Работа с кассой"),
            _t("Мерчандайзер", "Мерчандайзинг", "Выкладка товара",
               "Водительское удостоверение категории B", role=("59", "Мерчандайзер")),
            _t("Администратор магазина", "Управление персоналом", "Работа с кассой",
               "Инвентаризация", role=("6", "Администратор")),
            _t("Директор магазина", "Управление персоналом", "Розничная торговля",
               "Бюджетирование", role=("26", "Директор магазина, директор сети магазинов")),
        ),
        pool=("Работа с кассой", "Мерчандайзинг", "Продажи", "Инвентаризация",
              "Обслуживание покупателей", "Розничная торговля"),
        role=("97", "Продавец-консультант, продавец-кассир"),
        duties=("консультирование покупателей в торговом зале", "работа на кассе",
                "выкладка товара по планограмме", "участие в инвентаризациях",
                "поддержание порядка в торговом зале", "прием товара от поставщиков"),
        pay=0.3, formats=(("ON_SITE", 1.0),), seniority=(0.9, 0.0, 0.0, 0.05, 0.05),
    ),
}
CROSS_SKILLS = ("Английский язык", "Excel", "MS Office", "Деловая переписка", "SQL", "Git",
                "Грамотная речь", "Работа в команде", "Jira", "Python")
IT_CATEGORIES = ("programming", "design", "data")
# Share of each field in the corpus: IT leads, as on hh.kz, but office-free work is big.
CATEGORY_WEIGHTS = (("programming", 22), ("design", 6), ("marketing", 8), ("data", 7),
                    ("management", 7), ("finance", 9), ("sales", 14), ("logistics", 10),
                    ("medicine", 7), ("retail", 10))

# How Russian-named skills read inside a sentence (the descriptions inflect them).
SKILL_PHRASES: dict[str, tuple[str, ...]] = {
    "Бухгалтерский учет": ("знание бухгалтерского учета", "опыт ведения бухгалтерского учета"),
    "Продажи": ("опыт в продажах от 1 года", "успешный опыт продаж"),
    "Активные продажи": ("опыт активных продаж",),
    "Холодные звонки": ("опыт холодных звонков", "готовность совершать холодные звонки"),
    "Переговоры": ("навыки ведения переговоров",),
    "Управление проектами": ("опыт управления проектами от 3 лет",),
    "Логистика": ("опыт работы в логистике",),
    "Складской учет": ("знание складского учета",),
    "Финансовый анализ": ("навыки финансового анализа",),
    "Налоговая отчетность": ("опыт подготовки налоговой отчетности",),
    "Копирайтинг": ("навыки копирайтинга и редактуры",),
    "Контекстная реклама": ("опыт настройки контекстной рекламы",),
    "Статистика": ("знание математической статистики",),
    "Лидерство": ("лидерские качества", "опыт лидерства в команде"),
    "Бюджетирование": ("опыт бюджетирования",),
    "Мерчандайзинг": ("знание принципов мерчандайзинга",),
    "Работа с кассой": ("опыт работы с кассой",),
    "Водительское удостоверение категории B": ("наличие водительских прав категории B",),
    "Водительское удостоверение категории C": ("водительские права категории C, стаж от 3 лет",),
    "ВЭД": ("знание ВЭД и таможенного законодательства",),
    "Английский язык": ("английский язык на уровне B2",),
    "Управление персоналом": ("опыт управления персоналом",),
    "Тестирование": ("опыт ручного и автоматизированного тестирования",),
    "Инвентаризация": ("опыт проведения инвентаризации",),
}
_LATIN_TEMPLATES = ("опыт работы с {s} {n}", "знание {s}", "уверенное владение {s}",
                    "практический опыт использования {s}", "опыт работы с {s}")
_CYRILLIC_TEMPLATES = ("{s} — обязательно", "{s} — будет плюсом", "навыки: {l}")
_CONDITIONS = ("конкурентная заработная плата", "медицинское страхование",
               "обучение за счет компании", "корпоративные мероприятия",
               "оплачиваемый отпуск 24 календарных дня", "ежегодная индексация зарплаты",
               "дружный коллектив и наставничество", "премии по результатам работы")
_INTROS = ("динамично развивающаяся компания", "один из лидеров рынка",
           "компания с 15-летней историей", "быстрорастущая команда",
           "федеральная сеть", "международная группа компаний")
_STREETS_KZ = ("проспект Абая", "улица Толе би", "проспект Достык", "улица Сатпаева",
               "проспект Аль-Фараби", "улица Кунаева", "проспект Республики", "улица Кенесары")
_STREETS_OTHER = ("улица Ленина", "проспект Мира", "улица Гагарина", "Невский проспект",
                  "улица Тверская", "улица Амира Темура")

# City weights for where vacancies are: Almaty and Astana dominate, as on hh.kz.
_CITY_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("160", 30), ("159", 20), ("205", 6), ("177", 5), ("154", 1.5), ("153", 2), ("152", 1),
    ("181", 1.2), ("194", 1.2), ("185", 0.8), ("187", 0.8), ("172", 0.8), ("174", 0.5),
    ("193", 0.8), ("180", 0.6), ("192", 0.4), ("176", 0.5), ("188", 0.5), ("190", 0.4),
    ("198", 0.3), ("164", 0.2), ("166", 0.2),
    ("1", 10), ("2", 5), ("4", 2), ("3", 2), ("2034", 0.5), ("2037", 0.5), ("2043", 0.4),
    ("2759", 2), ("1002", 0.4),
)

# ---- employers -------------------------------------------------------------------------

_SECTORS: dict[str, tuple[tuple[str, float], ...]] = {
    "it": (("programming", 6), ("design", 1.5), ("data", 1.5), ("management", 1),
           ("marketing", 0.8), ("sales", 0.5)),
    "bank": (("finance", 3), ("data", 2), ("programming", 2), ("sales", 2), ("management", 1)),
    "retail": (("retail", 5), ("sales", 2), ("logistics", 2), ("marketing", 1), ("finance", 1)),
    "logistics": (("logistics", 5), ("sales", 1), ("finance", 1), ("management", 0.5)),
    "medical": (("medicine", 6), ("sales", 0.5), ("finance", 0.5), ("marketing", 0.3)),
    "agency": (("marketing", 4), ("design", 3), ("sales", 1), ("programming", 0.5)),
    "industrial": (("finance", 2), ("logistics", 2), ("management", 1.5), ("sales", 1.5),
                   ("programming", 0.5)),
}
_ROOTS = ("Альфа", "Бета", "Алатау", "Байтерек", "Каспий", "Тенгри", "Нур", "Самал", "Арман",
          "Береке", "Достык", "Шанырак", "Евразия", "Орда", "Алтын", "Жарык", "Степь", "Кок",
          "Сункар", "Тулпар", "Көктем", "Айбар", "Орион", "Вектор", "Гранит", "Меридиан",
          "Сириус", "Север", "Прогресс", "Импульс")
_LATIN_ROOTS = ("Nova", "Qazaq", "Steppe", "Silk", "Altyn", "Orbit", "Pixel", "Kaspi", "Nomad",
                "Zenith", "Atlas", "Vertex", "Bright", "Cloud", "Delta", "Sky")
_NAME_FORMS: dict[str, tuple[str, ...]] = {
    "it": ("ТОО \"{r}Soft\"", "{l} Technologies", "{l} Labs", "ТОО «{r} Диджитал»",
           "{l} Systems", "{l} Data"),
    "bank": ("АО «{r} Банк»", "АО \"{r} Финанс\"", "{l} Capital"),
    "retail": ("Сеть магазинов «{r}»", "ТОО «{r} Маркет»", "{l} Store"),
    "logistics": ("ТОО «{r} Логистик»", "{l} Cargo", "ТОО \"{r} Транс\""),
    "medical": ("Клиника «{r} Мед»", "Аптека «{r}-Фарм»", "Медицинский центр «{r}»"),
    "agency": ("Агентство «{r}»", "{l} Agency", "{l} Creative"),
    "industrial": ("АО «{r} Энерго»", "ТОО «{r} Строй»", "{l} Mining", "ТОО «{r} Агро»"),
}
# Names that break naive HTML, JSON or SQL handling: clients must cope with them.
_TRICKY_EMPLOYERS: tuple[tuple[str, str, str], ...] = (
    ("ТОО \"Альфа & Омега\"", "it", "KZ"), ("<Code> Lab", "it", "KZ"),
    ("O'Reilly & Sons", "agency", "KZ"), ("ИП Ахметов А.Б.", "retail", "KZ"),
    ("«Ёлка» & Co", "retail", "RU"), ("Data_Driven; DROP TABLE", "it", "RU"),
)
_SECTOR_WEIGHTS = (("it", 30), ("bank", 12), ("retail", 22), ("logistics", 14),
                   ("medical", 12), ("agency", 10), ("industrial", 14))
_COUNTRY_CITIES = {
    "KZ": [c for c in _CITY_WEIGHTS if c[0] in {cid for cid, *_ in _KZ_CITIES}],
    "RU": [c for c in _CITY_WEIGHTS if c[0] in ("1", "2", "3", "4", "2034", "2037", "2043")],
    "UZ": [("2759", 1.0)],
    "BY": [("1002", 1.0)],
}


@dataclass
class Employer:
    id: str
    name: str
    sector: str
    country: str
    cities: list[str]
    trusted: bool
    weight: float  # how many vacancies it posts, relative

    def ref(self) -> dict:
        return {
            "id": self.id, "name": self.name, "url": f"{API}/employers/{self.id}",
            "alternate_url": f"https://{SITE_HOST}/employer/{self.id}", "logo_urls": None,
            "vacancies_url": f"{API}/vacancies?employer_id={self.id}",
            "accredited_it_employer": self.sector == "it" and self.trusted,
            "trusted": self.trusted, "country_id": {"KZ": 40, "RU": 113, "UZ": 97,
                                                     "BY": 16}[self.country],
        }


def _pick(rng: random.Random, weighted: Iterable[tuple[str, float]]) -> str:
    pairs = list(weighted)
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _make_employers(rng: random.Random, count: int = 150) -> list[Employer]:
    employers: list[Employer] = []
    used_names: set[str] = set()
    used_ids: set[str] = set()
    specs = list(_TRICKY_EMPLOYERS)
    while len(specs) < count:
        sector = _pick(rng, _SECTOR_WEIGHTS)
        form = rng.choice(_NAME_FORMS[sector])
        name = form.format(r=rng.choice(_ROOTS), l=rng.choice(_LATIN_ROOTS))
        if name in used_names:
            continue
        used_names.add(name)
        country = _pick(rng, (("KZ", 76), ("RU", 21), ("UZ", 3)))
        specs.append((name, sector, country))
    for name, sector, country in specs:
        employer_id = str(rng.randint(1000, 9_999_999))
        while employer_id in used_ids:
            employer_id = str(rng.randint(1000, 9_999_999))
        used_ids.add(employer_id)
        cities = _COUNTRY_CITIES[country]
        n_cities = min(len(cities), rng.choice((1, 1, 1, 2, 3, 5)))
        chosen = sorted({_pick(rng, cities) for _ in range(n_cities)})
        employers.append(Employer(
            id=employer_id, name=name, sector=sector, country=country, cities=chosen,
            trusted=rng.random() < 0.85, weight=min(6.0, rng.paretovariate(1.6)),
        ))
    return employers


# ---- one vacancy -----------------------------------------------------------------------

_SENIORITY = ("none", "junior", "middle", "senior", "lead")
_EXPERIENCE_BY_SENIORITY: dict[str, tuple[tuple[str, float], ...]] = {
    "none": (("noExperience", 25), ("between1And3", 40), ("between3And6", 25),
             ("moreThan6", 10)),
    "junior": (("noExperience", 60), ("between1And3", 40)),
    "middle": (("between1And3", 50), ("between3And6", 50)),
    "senior": (("between3And6", 65), ("moreThan6", 35)),
    "lead": (("moreThan6", 70), ("between3And6", 30)),
}
_PAY_BAND_KZT = {"none": (350_000, 800_000), "junior": (250_000, 500_000),
                 "middle": (600_000, 1_100_000), "senior": (1_100_000, 2_000_000),
                 "lead": (1_600_000, 3_000_000)}
_ROUND_STEP = {"KZT": 10_000, "RUR": 5_000, "USD": 100, "UZS": 500_000, "BYR": 100}
_LATIN_WORD_RE = re.compile(r"^[A-Za-z]")


def _titled(title: str, seniority: str, rng: random.Random) -> str:
    """Add a seniority marker the way real postings do: Junior/Senior or Ведущий/Главный."""
    if seniority == "none":
        return title
    english = bool(re.search(r"\b(Developer|Designer|Manager|Analyst|Scientist|Engineer)\b",
                             title))
    if english:
        return {"junior": "Junior", "middle": "Middle", "senior": "Senior",
                "lead": "Lead"}[seniority] + " " + title
    prefix = {"junior": "Младший", "middle": "", "senior": rng.choice(("Старший", "Ведущий")),
              "lead": "Главный"}[seniority]
    if not prefix:
        return title
    first, _, rest = title.partition(" ")
    if first.endswith(("а", "ая")):  # Медсестра, Медицинская сестра: feminine agreement
        prefix = prefix[:-2] + "ая"
    if not _LATIN_WORD_RE.match(first) and first[1:2].islower():
        first = first[0].lower() + first[1:]
    return f"{prefix} {first} {rest}".strip()


def _skill_phrase(skill: str, rng: random.Random) -> str:
    if skill in SKILL_PHRASES:
        return rng.choice(SKILL_PHRASES[skill])
    if _LATIN_WORD_RE.match(skill) or skill[:1].isdigit() or skill.startswith("."):
        years = rng.choice(("от 1 года", "от 2 лет", "от 3 лет"))
        return rng.choice(_LATIN_TEMPLATES).format(s=skill, n=years)
    return rng.choice(_CYRILLIC_TEMPLATES).format(s=skill, l=skill.lower())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _key_skills(title: Title, category: Category, rng: random.Random) -> list[str]:
    """3-10 skills: the title's core ones, some of the field's, now and then a stranger."""
    skills = list(title.skills)
    rng.shuffle(skills)
    skills = skills[: rng.randint(max(2, len(skills) - 2), len(skills))]
    extra = [s for s in category.pool if s not in skills]
    skills += rng.sample(extra, k=min(len(extra), rng.randint(0, 4)))
    if rng.random() < 0.3:
        cross = rng.choice(CROSS_SKILLS)
        if cross not in skills:
            skills.append(cross)
    while len(skills) < 3:
        skills.append(rng.choice([s for s in CROSS_SKILLS if s not in skills]))
    return skills[:10]


@dataclass
class _Draft:
    """What the description needs besides the vacancy fields."""

    duties: list[str]
    requirements: list[str]
    conditions: list[str]


def _draft_text(title: Title, category: Category, skills: list[str], remote: bool,
                country: str, rng: random.Random) -> _Draft:
    duties = rng.sample(category.duties, k=min(len(category.duties), rng.randint(3, 5)))
    requirements = [_skill_phrase(s, rng) for s in skills[: rng.randint(3, 6)]]
    if rng.random() < 0.5:
        requirements.append(rng.choice(("ответственность и внимательность к деталям",
                                        "умение работать в команде",
                                        "высшее или среднее специальное образование")))
    law = {"KZ": "ТК РК", "RU": "ТК РФ", "UZ": "ТК РУз", "BY": "ТК РБ"}[country]
    conditions = [f"официальное трудоустройство по {law}"]
    conditions += rng.sample(_CONDITIONS, k=rng.randint(2, 4))
    conditions.append("удаленная работа из любого города" if remote
                      else "современный офис в центре города")
    return _Draft([_capital(d) for d in duties], [_capital(r) for r in requirements],
                  [_capital(c) for c in conditions])


def _description_html(employer: str, title: str, draft: _Draft, rng: random.Random) -> str:
    def bullets(items: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in items) + "</ul>"

    return (
        f"<p>Компания <strong>{html.escape(employer, quote=False)}</strong> — "
        f"{rng.choice(_INTROS)}. Мы ищем специалиста на позицию "
        f"«{html.escape(title, quote=False)}».</p>"
        f"<p><strong>Обязанности:</strong></p>{bullets(draft.duties)}"
        f"<p><strong>Требования:</strong></p>{bullets(draft.requirements)}"
        f"<p><strong>Условия:</strong></p>{bullets(draft.conditions)}"
    )


def _snippet_text(items: list[str], rng: random.Random) -> str | None:
    if rng.random() < 0.05:
        return None  # real snippets are sometimes absent
    text = ". ".join(items[:2]) + "."
    return text if len(text) <= 200 else text[:197].rstrip() + "..."


def _salary(category: Category, seniority: str, currency: str, russian: bool,
            rng: random.Random) -> tuple[dict, dict] | tuple[None, None]:
    if rng.random() < 0.3:
        return None, None
    lo, hi = _PAY_BAND_KZT[seniority]
    base_rur = rng.uniform(lo, hi) * category.pay / CURRENCY_RATES["KZT"]
    if russian:
        base_rur *= 1.3
    step = _ROUND_STEP[currency]
    amount = max(step, round(base_rur * CURRENCY_RATES[currency] / step) * step)
    shape = rng.random()
    low: int | None = amount
    high: int | None = round(amount * rng.uniform(1.15, 1.6) / step) * step
    if shape < 0.3:
        high = None
    elif shape < 0.45:
        low, high = None, amount
    gross = rng.random() < (0.5 if russian else 0.35)
    frequency_id = _pick(rng, (("MONTHLY", 45), ("TWICE_PER_MONTH", 25), ("", 30)))
    salary = {"from": low, "to": high, "currency": currency, "gross": gross}
    salary_range = {
        **salary, "mode": dict(SALARY_MODE_MONTH),
        "frequency": ({"id": frequency_id, "name": FREQUENCIES[frequency_id]}
                      if frequency_id else None),
    }
    return salary, salary_range


def _work_formats(category: Category, rng: random.Random) -> list[str]:
    primary = _pick(rng, category.formats)
    if primary in ("REMOTE", "HYBRID") and rng.random() < 0.08:
        return ["REMOTE", "HYBRID"] if primary == "REMOTE" else ["HYBRID", "REMOTE"]
    return [primary]


def _schedule(formats: list[str], category_name: str, form: str, rng: random.Random) -> str:
    """The deprecated ``schedule`` consistent with the new ``work_format``."""
    if form == "FLY_IN_FLY_OUT":
        return "flyInFlyOut"
    if "REMOTE" in formats:
        return "remote"
    if formats[0] == "HYBRID" or formats[0] == "FIELD_WORK":
        return rng.choice(("flexible", "fullDay"))
    if category_name in ("retail", "medicine", "logistics") and rng.random() < 0.5:
        return "shift"
    return "fullDay" if rng.random() < 0.85 else "flexible"


def _employment_form(category_name: str, rng: random.Random) -> str:
    if category_name == "logistics" and rng.random() < 0.08:
        return "FLY_IN_FLY_OUT"
    roll = rng.random()
    if roll < 0.08:
        return "PART"
    if roll < 0.12 and category_name in ("programming", "design", "marketing"):
        return "PROJECT"
    return "FULL"


def _address(area: dict, rng: random.Random, kazakh: bool) -> dict | None:
    if rng.random() < 0.4:
        return None
    street = rng.choice(_STREETS_KZ if kazakh else _STREETS_OTHER)
    building = str(rng.randint(1, 250))
    lat = round(area["lat"] + rng.uniform(-0.05, 0.05), 6)
    lng = round(area["lng"] + rng.uniform(-0.05, 0.05), 6)
    return {"city": area["name"], "street": street, "building": building, "lat": lat,
            "lng": lng, "description": None, "raw": f"{area['name']}, {street}, {building}",
            "metro": None, "metro_stations": []}


def _stamp(moment: datetime) -> str:
    return moment.astimezone(MSK).strftime("%Y-%m-%dT%H:%M:%S%z")


def _id_name(table: Mapping[str, str], key: str) -> dict:
    return {"id": key, "name": table[key]}


@dataclass
class _Generator:
    rng: random.Random
    now: datetime
    employers: list[Employer]
    areas: dict[str, dict]
    seq: int = 0
    _hirers: dict[str, tuple[list[Employer], list[float]]] = field(default_factory=dict)

    def _employer_for(self, category_name: str) -> Employer:
        """An employer whose sector hires for the field, big posters more often."""
        if category_name not in self._hirers:
            pairs = [(e, e.weight * dict(_SECTORS[e.sector]).get(category_name, 0.0))
                     for e in self.employers]
            pairs = [p for p in pairs if p[1] > 0]
            self._hirers[category_name] = ([p[0] for p in pairs], [p[1] for p in pairs])
        employers, weights = self._hirers[category_name]
        return self.rng.choices(employers, weights=weights)[0]

    def vacancy(self) -> dict:
        rng = self.rng
        category_name = _pick(rng, CATEGORY_WEIGHTS)
        employer = self._employer_for(category_name)
        category = CATEGORIES[category_name]
        title = rng.choice(category.titles)
        seniority = rng.choices(_SENIORITY, weights=category.seniority)[0]
        name = _titled(title.name, seniority, rng)
        area = self.areas[rng.choice(employer.cities)]
        formats = _work_formats(category, rng)
        remote = "REMOTE" in formats
        currency = self._currency(employer.country, category_name, remote)
        salary, salary_range = _salary(category, seniority, currency,
                                       employer.country == "RU", rng)
        skills = _key_skills(title, category, rng)
        draft = _draft_text(title, category, skills, remote, employer.country, rng)
        form = _employment_form(category_name, rng)
        experience = _pick(rng, _EXPERIENCE_BY_SENIORITY[seniority])
        internship = experience == "noExperience" and seniority == "junior" and rng.random() < 0.3
        employment = {"FULL": "full", "PART": "part", "PROJECT": "project",
                      "FLY_IN_FLY_OUT": "full"}[form]
        if internship:
            employment = "probation"
        published = self.now - timedelta(seconds=rng.uniform(120, 30 * 86400 - 120))
        role_id, role_name = title.role or category.role
        self.seq += 1
        return {
            "id": "", "name": name, "premium": False, "has_test": rng.random() < 0.05,
            "response_letter_required": rng.random() < 0.1,
            "accept_incomplete_resumes": rng.random() < 0.3,
            "area": {"id": area["id"], "name": area["name"], "url": f"{API}/areas/{area['id']}"},
            "salary": salary, "salary_range": salary_range,
            "type": {"id": "open", "name": "Открытая"},
            "address": (_address(area, rng, employer.country == "KZ")
                        if formats[0] != "REMOTE" else None),
            "department": None, "response_url": None, "sort_point_distance": None,
            "published_at": _stamp(published), "created_at": _stamp(published),
            "initial_created_at": _stamp(published),
            "archived": rng.random() < 0.03,
            "apply_alternate_url": "", "url": "", "alternate_url": "", "relations": [],
            "employer": employer.ref(),
            "snippet": {"requirement": _snippet_text(draft.requirements, rng),
                        "responsibility": _snippet_text(draft.duties, rng)},
            "show_logo_in_search": None, "show_contacts": False, "contacts": None,
            "schedule": _id_name(SCHEDULE, _schedule(formats, category_name, form, rng)),
            "work_format": [_id_name(WORK_FORMAT, f) for f in formats],
            "work_schedule_by_days": [{"id": "FIVE_ON_TWO_OFF", "name": "5/2"}],
            "working_hours": [{"id": "HOURS_8", "name": "8 часов"}],
            "working_days": [], "working_time_intervals": [], "working_time_modes": [],
            "employment": _id_name(EMPLOYMENT, employment),
            "employment_form": _id_name(EMPLOYMENT_FORM, form),
            "experience": _id_name(EXPERIENCE, experience),
            "professional_roles": [{"id": role_id, "name": role_name}],
            "insider_interview": None, "accept_temporary": rng.random() < 0.05,
            "internship": internship, "night_shifts": False, "fly_in_fly_out_duration": [],
            "accept_handicapped": rng.random() < 0.1, "accept_kids": False,
            "allow_messages": True, "approved": True,
            "billing_type": {"id": "standard", "name": "Стандарт"}, "code": None,
            "closed_for_applicants": False, "test": None, "age_restriction": None,
            "description": _description_html(employer.name, name, draft, rng),
            "branded_description": None,
            "key_skills": [{"name": s} for s in skills],
            "languages": self._languages(category_name, skills),
            "driver_license_types": self._licenses(skills),
            "negotiations_url": None, "suitable_resumes_url": None,
            "_category": category_name,  # stripped after generation; used for clones
        }

    def _currency(self, country: str, category_name: str, remote: bool) -> str:
        if country == "RU":
            return "RUR"
        if country == "UZ":
            return "UZS" if self.rng.random() < 0.5 else "USD"
        if country == "BY":
            return "BYR"
        if remote and category_name in IT_CATEGORIES and self.rng.random() < 0.25:
            return "USD"
        return "KZT"

    @staticmethod
    def _languages(category_name: str, skills: list[str]) -> list[dict]:
        if "Английский язык" in skills or category_name == "programming":
            return [{"id": "eng", "name": "Английский",
                     "level": {"id": "b2", "name": "B2 — Средне-продвинутый"}}]
        return []

    @staticmethod
    def _licenses(skills: list[str]) -> list[dict]:
        return [{"id": s.rsplit(" ", 1)[1]} for s in skills
                if s.startswith("Водительское удостоверение категории")]

    def copy_of(self, original: dict, *, new_area: dict | None) -> dict:
        """A re-published duplicate (same city) or a clone into another city."""
        twin = copy.deepcopy(original)
        published = datetime.strptime(original["published_at"], "%Y-%m-%dT%H:%M:%S%z")
        gap = (self.now - published).total_seconds()
        moment = published + timedelta(seconds=self.rng.uniform(60, max(120, gap - 60)))
        twin["published_at"] = twin["created_at"] = _stamp(min(moment, self.now))
        twin["archived"] = False
        if new_area is not None:
            twin["area"] = {"id": new_area["id"], "name": new_area["name"],
                            "url": f"{API}/areas/{new_area['id']}"}
            twin["address"] = None
        return twin


def _finish(vacancy: dict, vacancy_id: str) -> None:
    vacancy.pop("_category", None)
    vacancy["id"] = vacancy_id
    vacancy["url"] = f"{API}/vacancies/{vacancy_id}?host={SITE_HOST}"
    vacancy["alternate_url"] = f"https://{SITE_HOST}/vacancy/{vacancy_id}"
    vacancy["apply_alternate_url"] = (
        f"https://{SITE_HOST}/applicant/vacancy_response?vacancyId={vacancy_id}")


def generate_corpus(seed: int = 42, size: int = 3200, now: datetime | None = None) -> list[dict]:
    """``size`` full vacancies, identical for the same ``seed``, ``size`` and ``now``.

    About 6% are duplicates: re-published copies (same employer, title and description,
    newer date) and clones into another city. Ids grow with publication time, as on HH.
    """
    if now is None:
        now = datetime.now(UTC).replace(second=0, microsecond=0)
    rng = random.Random(seed)
    areas = {node["id"]: node for node in iter_areas(build_areas())}
    gen = _Generator(rng, now, _make_employers(rng), areas)
    n_copies = round(size * 0.06)
    vacancies = [gen.vacancy() for _ in range(size - n_copies)]
    originals = rng.sample(vacancies, k=min(n_copies, len(vacancies)))
    for i, original in enumerate(originals):
        new_area = None
        if i % 2:  # every other copy is a clone into another city of the same country
            choices = [a for a in areas.values() if not a["areas"] and a["parent_id"]
                       and a["id"] != original["area"]["id"]
                       and _same_country(areas, a["id"], original["area"]["id"])]
            new_area = rng.choice(choices) if choices else None
        vacancies.append(gen.copy_of(original, new_area=new_area))
    # Ids grow with publication time; the stable sort keeps ties deterministic.
    vacancies.sort(key=lambda v: v["published_at"])
    next_id = 118_000_000 + rng.randint(0, 999_999)
    for vacancy in vacancies:
        next_id += rng.randint(1, 400)
        _finish(vacancy, str(next_id))
    return vacancies


def _country_of(areas: dict[str, dict], area_id: str) -> str:
    node = areas[area_id]
    while node["parent_id"] is not None:
        node = areas[node["parent_id"]]
    return node["id"]


def _same_country(areas: dict[str, dict], a: str, b: str) -> bool:
    return _country_of(areas, a) == _country_of(areas, b)


# ---- search index ----------------------------------------------------------------------


class BadArgument(ValueError):
    """A search parameter HH would reject with 400 bad_argument."""

    def __init__(self, name: str, description: str | None = None) -> None:
        super().__init__(name)
        self.name = name
        self.description = description or f"invalid value of {name}"


_DETAIL_ONLY = ("description", "branded_description", "key_skills", "languages",
                "driver_license_types", "billing_type", "code", "allow_messages", "approved",
                "initial_created_at", "test", "negotiations_url", "suitable_resumes_url",
                "age_restriction", "closed_for_applicants", "accept_handicapped",
                "accept_kids")
_TAG_RE = re.compile(r"<[^>]+>")
_FIELD_WEIGHT = {"name": 3, "company_name": 1, "description": 1}
_SNIPPET_MARK = "\x00snippet\x00"  # stands in for the per-query snippet in cached JSON


def search_item(vacancy: dict) -> dict:
    """A full vacancy reduced to a search-result item (no description, no key skills)."""
    return {k: v for k, v in vacancy.items() if k not in _DETAIL_ONLY}


def _strip_html(text: str) -> str:
    return html.unescape(_TAG_RE.sub(" ", text))


@dataclass
class _Doc:
    """Per-vacancy values the filters and sort keys need, computed once."""

    vacancy_id: int
    area_id: str
    published: float
    salary_from_rur: float | None
    salary_to_rur: float | None
    sort_salary_rur: float | None
    tokens: dict[str, list[str]] = field(default_factory=dict)  # field -> stems in order


@dataclass
class SearchResult:
    """Ordered matching vacancy indices plus what highlighting needs."""

    indices: list[int]
    stems: frozenset[str]
    prefixes: tuple[str, ...]


def _getall(params: Any, key: str) -> list[str]:
    if hasattr(params, "getall"):
        return [str(v) for v in params.getall(key, [])]
    value = params.get(key)
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def _getone(params: Any, key: str) -> str | None:
    values = _getall(params, key)
    return values[0] if values else None


def _to_rur(amount: float | None, currency: str | None,
            rates: Mapping[str, float]) -> float | None:
    if amount is None or currency is None:
        return None
    return amount / rates.get(currency, 1.0)


def _parse_when(value: str, name: str) -> float:
    value = value.replace(" ", "+")  # an unencoded "+0300" arrives as " 0300"
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d"):
        try:
            moment = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=MSK)
        return moment.timestamp()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise BadArgument(name) from exc
    return (moment if moment.tzinfo else moment.replace(tzinfo=MSK)).timestamp()


class Corpus:
    """Vacancies, areas and dictionaries with an index for HH-style search."""

    def __init__(self, vacancies: list[dict], areas: list[dict], dictionaries: dict,
                 *, now: datetime | None = None) -> None:
        self.areas = areas
        self.dictionaries = dictionaries
        self.rates = {c["code"]: float(c["rate"]) for c in dictionaries.get("currency", [])}
        self.area_nodes = {node["id"]: node for node in iter_areas(areas)}
        self._list = list(vacancies)
        self.vacancies: dict[str, dict] = {v["id"]: v for v in self._list}
        self.items: list[dict] = [search_item(v) for v in self._list]
        self._docs: list[_Doc] = []
        # field -> stem -> {doc index: occurrences}
        self._postings: dict[str, dict[str, dict[int, int]]] = {f: {} for f in tq.SEARCH_FIELDS}
        self._vocab: dict[str, str] = {}  # raw token -> stem, for word* prefix search
        self._facets: dict[str, dict[str, set[int]]] = {}
        self._open: set[int] = set()
        self._index_all()
        latest = max((d.published for d in self._docs), default=datetime.now(UTC).timestamp())
        # "now" for period: the corpus is a snapshot, so a fixed past snapshot still works.
        self.now = now.timestamp() if now is not None else latest
        self._term_docs = lru_cache(maxsize=8192)(self._term_docs_uncached)
        self._item_parts: dict[int, tuple[str, str]] = {}

    # -- indexing --

    def _index_all(self) -> None:
        text_cache: dict[str, tuple[list[str], list[str]]] = {}
        for idx, vacancy in enumerate(self._list):
            self._docs.append(self._index_one(idx, vacancy, text_cache))
            if not vacancy.get("archived"):
                self._open.add(idx)

    def _index_one(self, idx: int, vacancy: dict,
                   cache: dict[str, tuple[list[str], list[str]]]) -> _Doc:
        salary = vacancy.get("salary_range") or vacancy.get("salary") or {}
        currency = salary.get("currency")
        low = _to_rur(salary.get("from"), currency, self.rates)
        high = _to_rur(salary.get("to"), currency, self.rates)
        doc = _Doc(
            vacancy_id=int(vacancy["id"]) if str(vacancy["id"]).isdigit() else idx,
            area_id=vacancy["area"]["id"],
            published=datetime.strptime(vacancy["published_at"], "%Y-%m-%dT%H:%M:%S%z")
            .timestamp(),
            salary_from_rur=low, salary_to_rur=high,
            sort_salary_rur=low if low is not None else high,
        )
        description = (vacancy.get("description") or "") + " " + " ".join(
            s["name"] for s in vacancy.get("key_skills") or [])
        texts = {"name": vacancy.get("name") or "",
                 "company_name": (vacancy.get("employer") or {}).get("name") or "",
                 "description": description}
        for field_name, text in texts.items():
            if text not in cache:  # duplicates share descriptions: tokenise each once
                plain = _strip_html(text) if field_name == "description" else text
                raws = tq.raw_tokens(plain)
                cache[text] = (raws, [tq.normalize_token(r) for r in raws])
            raws, stems = cache[text]
            doc.tokens[field_name] = stems
            postings = self._postings[field_name]
            for stem, count in Counter(stems).items():
                postings.setdefault(stem, {})[idx] = count
            for raw, stem in zip(raws, stems, strict=True):
                self._vocab.setdefault(raw, stem)
        self._add_facets(idx, vacancy, salary)
        return doc

    def _add_facets(self, idx: int, vacancy: dict, salary: dict) -> None:
        def add(facet: str, key: str | None) -> None:
            if key is not None:
                self._facets.setdefault(facet, {}).setdefault(str(key), set()).add(idx)

        add("area", vacancy["area"]["id"])
        add("experience", (vacancy.get("experience") or {}).get("id"))
        add("schedule", (vacancy.get("schedule") or {}).get("id"))
        add("employment", (vacancy.get("employment") or {}).get("id"))
        add("employment_form", (vacancy.get("employment_form") or {}).get("id"))
        add("employer_id", (vacancy.get("employer") or {}).get("id"))
        for fmt in vacancy.get("work_format") or []:
            add("work_format", fmt["id"])
        for role in vacancy.get("professional_roles") or []:
            add("professional_role", role["id"])
        labels = {"with_salary": bool(salary.get("from") or salary.get("to")),
                  "with_address": vacancy.get("address") is not None,
                  "internship": bool(vacancy.get("internship")),
                  "accept_handicapped": bool(vacancy.get("accept_handicapped")),
                  "accept_kids": bool(vacancy.get("accept_kids")),
                  "accredited_it": bool((vacancy.get("employer") or {})
                                        .get("accredited_it_employer")),
                  "not_from_agency": True}
        for label, present in labels.items():
            if present:
                add("label", label)

    # -- term resolution --

    def _term_docs_uncached(self, term: tq.Term, fields: tuple[str, ...]) -> frozenset[int]:
        if term.prefix:
            prefix = term.stems[0]
            stems = {stem for raw, stem in self._vocab.items() if raw.startswith(prefix)}
            found: set[int] = set()
            for field_name in fields:
                postings = self._postings[field_name]
                for stem in stems:
                    found.update(postings.get(stem, ()))
            return frozenset(found)
        per_field: set[int] = set()
        for field_name in fields:
            postings = self._postings[field_name]
            candidates: set[int] | None = None
            for stem in term.stems:
                docs = postings.get(stem)
                if not docs:
                    candidates = set()
                    break
                candidates = set(docs) if candidates is None else candidates & docs.keys()
            if not candidates:
                continue
            if len(term.stems) > 1:
                candidates = {i for i in candidates
                              if _has_run(self._docs[i].tokens[field_name], term.stems)}
            per_field |= candidates
        return frozenset(per_field)

    def _resolver(self, default_fields: tuple[str, ...]) -> Callable[[tq.Term], set[int]]:
        def resolve(term: tq.Term) -> set[int]:
            fields = tuple(sorted(term.fields)) if term.fields else default_fields
            return set(self._term_docs(term, fields))

        return resolve

    # -- search --

    def search(self, params: Any) -> list[dict]:
        """Matching vacancies, full JSON, in the requested order (before paging)."""
        return [self._list[i] for i in self.run(params).indices]

    def run(self, params: Any) -> SearchResult:
        """Filter and order; raises BadArgument for values HH answers with 400."""
        matched = set(self._open)
        fields = self._search_fields(params)
        query = tq.parse_query(" ".join(_getall(params, "text")))
        matched = tq.evaluate(query, self._resolver(fields), matched)
        matched -= self._excluded(params)
        matched = self._apply_facets(params, matched)
        matched = self._apply_salary(params, matched)
        matched = self._apply_dates(params, matched)
        terms = list(tq.positive_terms(query))
        ordered = self._order(params, matched, terms, fields)
        stems = frozenset(s for t in terms if not t.prefix for s in t.stems)
        prefixes = tuple(t.stems[0] for t in terms if t.prefix)
        return SearchResult(ordered, stems, prefixes)

    @staticmethod
    def _search_fields(params: Any) -> tuple[str, ...]:
        requested = [f for f in _getall(params, "search_field") if f in tq.SEARCH_FIELDS]
        return tuple(sorted(set(requested))) if requested else tq.SEARCH_FIELDS

    def _excluded(self, params: Any) -> set[int]:
        excluded: set[int] = set()
        for raw in _getall(params, "excluded_text"):
            for word in raw.split(","):
                stems = tuple(tq.tokenize(word))
                if stems:
                    excluded |= self._term_docs(tq.Term(stems), tq.SEARCH_FIELDS)
        return excluded

    def _apply_facets(self, params: Any, matched: set[int]) -> set[int]:
        for facet in ("experience", "work_format", "employment_form", "schedule",
                      "employment"):
            # Unknown values (e.g. lower-case work_format=remote) are silently ignored, as
            # HH does: the filter applies only when some value is a dictionary id.
            known = [v for v in _getall(params, facet) if v in self._known_values(facet)]
            if known:
                matched &= self._union(facet, known)
        for facet in ("employer_id", "professional_role"):
            if values := _getall(params, facet):
                matched &= self._union(facet, values)
        area_ids = _getall(params, "area")
        if area_ids:
            matched &= self._area_docs(area_ids)
        labels = [v for v in _getall(params, "label") if v in LABELS]
        if (_getone(params, "only_with_salary") or "").lower() == "true":
            labels.append("with_salary")
        for label in labels:
            matched &= self._facets.get("label", {}).get(label, set())
        return matched

    @staticmethod
    def _known_values(facet: str) -> Mapping[str, str]:
        return {"experience": EXPERIENCE, "work_format": WORK_FORMAT,
                "employment_form": EMPLOYMENT_FORM, "schedule": SCHEDULE,
                "employment": EMPLOYMENT}[facet]

    def _union(self, facet: str, values: list[str]) -> set[int]:
        table = self._facets.get(facet, {})
        result: set[int] = set()
        for value in values:
            result |= table.get(value, set())
        return result

    def _area_docs(self, area_ids: list[str]) -> set[int]:
        result: set[int] = set()
        for area_id in area_ids:
            node = self.area_nodes.get(area_id)
            if node is None:
                raise BadArgument("area")
            for sub in iter_areas([node]):
                result |= self._facets.get("area", {}).get(sub["id"], set())
        return result

    def _apply_salary(self, params: Any, matched: set[int]) -> set[int]:
        raw = _getone(params, "salary")
        if raw is None or raw == "":
            return matched
        try:
            value = float(raw)
        except ValueError as exc:
            raise BadArgument("salary") from exc
        currency = _getone(params, "currency") or "RUR"
        rate = self.rates.get(currency)
        if rate is None:
            raise BadArgument("currency")
        wanted = value / rate
        eps = 1e-6 * max(1.0, wanted)
        docs = self._docs

        def covers(i: int) -> bool:
            low, high = docs[i].salary_from_rur, docs[i].salary_to_rur
            if low is None and high is None:
                return True  # no salary: still matches, unless label=with_salary
            return (low is None or low <= wanted + eps) and (high is None or wanted <= high + eps)

        return {i for i in matched if covers(i)}

    def _apply_dates(self, params: Any, matched: set[int]) -> set[int]:
        since: float | None = None
        until: float | None = None
        period = _getone(params, "period")
        if period:
            if not period.isdigit():
                raise BadArgument("period")
            since = self.now - int(period) * 86400
        if (raw := _getone(params, "date_from")) is not None:
            since = _parse_when(raw, "date_from")
        if (raw := _getone(params, "date_to")) is not None:
            until = _parse_when(raw, "date_to")
        if since is None and until is None:
            return matched
        docs = self._docs
        return {i for i in matched
                if (since is None or docs[i].published >= since)
                and (until is None or docs[i].published <= until)}

    def _order(self, params: Any, matched: set[int], terms: list[tq.Term],
               fields: tuple[str, ...]) -> list[int]:
        order_by = _getone(params, "order_by") or "relevance"
        if order_by not in ORDER_BY:
            raise BadArgument("order_by")
        docs = self._docs

        def newest(i: int) -> tuple[float, int]:
            return (-docs[i].published, -docs[i].vacancy_id)

        if order_by in ("salary_desc", "salary_asc"):
            sign = -1 if order_by == "salary_desc" else 1
            with_pay = [i for i in matched if docs[i].sort_salary_rur is not None]
            without = [i for i in matched if docs[i].sort_salary_rur is None]
            with_pay.sort(key=lambda i: (sign * (docs[i].sort_salary_rur or 0.0), newest(i)))
            return with_pay + sorted(without, key=newest)
        if order_by == "relevance" and terms:
            scores = self._scores(matched, terms, fields)
            return sorted(matched, key=lambda i: (-scores.get(i, 0), newest(i)))
        return sorted(matched, key=newest)

    def _scores(self, matched: set[int], terms: list[tq.Term],
                fields: tuple[str, ...]) -> dict[int, int]:
        """Relevance: occurrences of query terms, a hit in the title counting triple."""
        scores: dict[int, int] = {}
        for term in terms:
            term_fields = tuple(sorted(term.fields)) if term.fields else fields
            stems = term.stems
            if term.prefix:
                stems = tuple(sorted({s for r, s in self._vocab.items()
                                      if r.startswith(term.stems[0])}))
            for field_name in term_fields:
                weight = _FIELD_WEIGHT[field_name]
                postings = self._postings[field_name]
                for stem in stems:
                    for i, count in postings.get(stem, {}).items():
                        if i in matched:
                            scores[i] = scores.get(i, 0) + weight * count
        return scores

    # -- paging helpers used by the emulator --

    def item_json(self, index: int, stems: frozenset[str], prefixes: tuple[str, ...]) -> str:
        """``item()`` as JSON text; the parts around the snippet are serialised once."""
        if index not in self._item_parts:
            text = json.dumps({**self.items[index], "snippet": _SNIPPET_MARK},
                              ensure_ascii=False)
            head, _, tail = text.partition(json.dumps(_SNIPPET_MARK))
            self._item_parts[index] = (head, tail)
        head, tail = self._item_parts[index]
        snippet = self.item(index, stems, prefixes).get("snippet")
        return head + json.dumps(snippet, ensure_ascii=False) + tail

    def item(self, index: int, stems: frozenset[str], prefixes: tuple[str, ...]) -> dict:
        """A search item with query words wrapped in <highlighttext> in its snippet."""
        item = self.items[index]
        snippet = item.get("snippet")
        if not snippet or (not stems and not prefixes):
            return item
        return {**item, "snippet": {
            "requirement": tq.highlight(snippet.get("requirement"), stems, prefixes),
            "responsibility": tq.highlight(snippet.get("responsibility"), stems, prefixes),
        }}


def _has_run(tokens: list[str], run: tuple[str, ...]) -> bool:
    """Whether ``run`` occurs as consecutive tokens (phrase search)."""
    first, width = run[0], len(run)
    for start, token in enumerate(tokens):
        if token == first and tuple(tokens[start:start + width]) == run:
            return True
    return False


def pages_for(found: int, per_page: int) -> int:
    """HH's ``pages``: ceil(found / per_page), capped by the 2000-item depth limit."""
    if per_page <= 0:
        return 0
    return min(math.ceil(found / per_page), math.ceil(DEPTH_LIMIT / per_page))


def build_corpus(seed: int = 42, size: int = 3200, now: datetime | None = None) -> Corpus:
    """Generate and index in one call."""
    return Corpus(generate_corpus(seed=seed, size=size, now=now), build_areas(),
                  build_dictionaries(), now=now)
