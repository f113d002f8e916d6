"""A synthetic hh.kz job market and simulated job seekers for bench/quality.py.

Deliberately independent of ``core/``: this module has its own skill vocabulary (what
employers list, how descriptions phrase a skill, how people type it), its own cities,
salary model and exchange rates, and it imports nothing from the product. The ranking
under test therefore cannot "know" the world; it has to read the same HH-shaped JSON and
onboarding text a real deployment would get.

Every persona carries a hidden truth (component weights, loved and hated skills, a salary
floor, a city, remote tolerance). :func:`utility` scores a vacancy for that truth; graded
relevance is a per-persona quantile of it over the whole world.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

# ============================================================================ vocabulary


@dataclass(frozen=True, slots=True)
class Skill:
    """One skill of the world. ``names``: how employers list it in key_skills;
    ``phrases``: how a description mentions it (inflected Russian / English);
    ``typed``: how job seekers write it (synonyms, Russian forms, misspellings)."""

    key: str
    names: tuple[str, ...]
    phrases: tuple[str, ...]
    typed: tuple[str, ...]


def _s(key: str, names: Sequence[str], phrases: Sequence[str], typed: Sequence[str]) -> Skill:
    return Skill(key, tuple(names), tuple(phrases), tuple(typed))


SKILLS: dict[str, Skill] = {
    s.key: s
    for s in (
        # --- software
        _s(
            "python",
            ["Python", "Python 3"],
            [
                "опыт коммерческой разработки на Python от 2 лет",
                "уверенное знание Python 3",
                "пишем бэкенд на питоне",
            ],
            ["питон", "пайтон", "python3", "Pyhton"],
        ),
        _s(
            "django",
            ["Django", "Django Framework"],
            ["опыт работы с Django", "знание фреймворка Django"],
            ["джанго", "django"],
        ),
        _s("fastapi", ["FastAPI"], ["разработка сервисов на FastAPI"], ["fastapi", "fast api"]),
        _s(
            "postgres",
            ["PostgreSQL", "Postgres"],
            ["опыт работы с PostgreSQL", "оптимизация запросов в Postgres"],
            ["постгрес", "postgres", "PostgresSQL"],
        ),
        _s("rest", ["REST API", "RESTful API"], ["проектирование REST API"], ["rest api", "REST"]),
        _s(
            "docker",
            ["Docker"],
            ["контейнеризация приложений (Docker)", "опыт работы с Docker"],
            ["докер", "docker"],
        ),
        _s("redis", ["Redis"], ["кэширование в Redis"], ["редис", "redis"]),
        _s("celery", ["Celery"], ["фоновые задачи на Celery"], ["celery"]),
        _s("git", ["Git"], ["уверенная работа с Git"], ["гит", "git"]),
        _s(
            "linux",
            ["Linux", "Администрирование Linux"],
            ["администрирование серверов на Linux", "уверенный пользователь Linux"],
            ["линукс", "linux"],
        ),
        _s(
            "php",
            ["PHP"],
            ["поддержка legacy-кода на PHP", "знание PHP будет плюсом"],
            ["пхп", "php"],
        ),
        _s(
            "javascript",
            ["JavaScript"],
            ["отличное знание JavaScript (ES6+)"],
            ["js", "джаваскрипт", "javascript"],
        ),
        _s(
            "typescript", ["TypeScript"], ["разработка на TypeScript"], ["тайпскрипт", "typescript"]
        ),
        _s(
            "react",
            ["React", "React.js"],
            ["опыт разработки на React от 1 года", "знание React и его экосистемы"],
            ["реакт", "ReactJS", "react"],
        ),
        _s("vue", ["Vue.js"], ["опыт работы с Vue.js"], ["vue", "вью", "vuejs"]),
        _s("html", ["HTML", "HTML5"], ["знание HTML5 и семантической вёрстки"], ["html"]),
        _s("css", ["CSS", "CSS3"], ["адаптивная вёрстка на CSS3"], ["css"]),
        _s("nodejs", ["Node.js"], ["опыт работы с Node.js"], ["nodejs", "нода"]),
        _s("jquery", ["jQuery"], ["поддержка старого кода на jQuery"], ["jquery"]),
        _s(
            "java",
            ["Java"],
            ["коммерческий опыт разработки на Java от 3 лет", "знание Java 17"],
            ["джава", "java"],
        ),
        _s(
            "spring",
            ["Spring Framework", "Spring Boot"],
            ["опыт работы со Spring Boot"],
            ["спринг", "spring"],
        ),
        _s("kotlin", ["Kotlin"], ["разработка на Kotlin"], ["котлин", "kotlin"]),
        _s(
            "sql",
            ["SQL"],
            ["уверенное знание SQL", "написание сложных SQL-запросов"],
            ["sql", "скуэль"],
        ),
        _s(
            "kafka",
            ["Apache Kafka", "Kafka"],
            ["опыт работы с очередями сообщений (Kafka)"],
            ["кафка", "kafka"],
        ),
        _s(
            "microservices",
            ["Микросервисная архитектура"],
            ["понимание микросервисной архитектуры"],
            ["микросервисы", "microservices"],
        ),
        _s("oracle", ["Oracle"], ["опыт работы с СУБД Oracle"], ["oracle", "оракл"]),
        _s("k8s", ["Kubernetes"], ["опыт эксплуатации Kubernetes"], ["k8s", "кубернетес"]),
        _s("cicd", ["CI/CD"], ["построение CI/CD пайплайнов"], ["ci/cd", "CI CD"]),
        _s("ansible", ["Ansible"], ["автоматизация конфигураций с Ansible"], ["ansible"]),
        _s("terraform", ["Terraform"], ["инфраструктура как код (Terraform)"], ["terraform"]),
        _s("bash", ["Bash"], ["написание скриптов на Bash"], ["bash", "баш"]),
        # --- data
        _s(
            "excel",
            ["MS Excel", "Excel"],
            [
                "уверенное владение Excel (ВПР, сводные таблицы)",
                "знание MS Excel",
                "работа в экселе",
            ],
            ["эксель", "exel", "excel", "ексель"],
        ),
        _s("powerbi", ["Power BI"], ["построение дашбордов в Power BI"], ["power bi", "PowerBI"]),
        _s("tableau", ["Tableau"], ["визуализация данных в Tableau"], ["tableau", "табло"]),
        _s(
            "statistics",
            ["Математическая статистика"],
            ["знание основ математической статистики"],
            ["статистика", "statistics"],
        ),
        _s("vba", ["VBA"], ["автоматизация отчётов на VBA"], ["vba", "макросы VBA"]),
        _s(
            "gsheets",
            ["Google Sheets"],
            ["работа в Google Таблицах"],
            ["гугл таблицы", "google sheets"],
        ),
        # --- 1C and accounting
        _s(
            "onec",
            ["1С: Предприятие 8", "1С"],
            ["опыт работы в 1С", "знание 1С:Предприятие", "программирование в 1С"],
            ["1с", "1C", "1С Предприятие"],
        ),
        _s(
            "onec_acc",
            ["1С: Бухгалтерия", "1С:Бухгалтерия 8.3"],
            ["ведение учёта в 1С:Бухгалтерии"],
            ["1С Бухгалтерия", "1с бухгалтерия"],
        ),
        _s(
            "onec_zup",
            ["1С: Зарплата и управление персоналом"],
            ["расчёт зарплаты в 1С:ЗУП"],
            ["1С ЗУП", "зуп"],
        ),
        _s(
            "accounting",
            ["Бухгалтерский учет", "Бухгалтерская отчетность"],
            ["ведение бухгалтерского учёта", "знание бухучёта"],
            ["бухучет", "бухгалтерский учет", "accounting"],
        ),
        _s(
            "tax",
            ["Налоговая отчетность"],
            ["сдача налоговой отчётности", "знание Налогового кодекса РК"],
            ["налоговая отчетность", "налоги"],
        ),
        _s("ifrs", ["МСФО"], ["знание МСФО"], ["мсфо", "IFRS"]),
        _s(
            "primary_docs",
            ["Первичная документация"],
            ["работа с первичной документацией"],
            ["первичка", "первичная документация"],
        ),
        # --- sales
        _s(
            "sales",
            ["Активные продажи", "Продажи"],
            ["опыт активных продаж от 1 года", "выполнение плана продаж"],
            ["продажи", "sales", "активные продажи"],
        ),
        _s(
            "cold_calls",
            ["Холодные звонки"],
            [
                "совершение холодных звонков",
                "готовность к холодным звонкам",
                "поиск клиентов через холодные звонки",
            ],
            ["холодные звонки", "cold calling"],
        ),
        _s("crm", ["CRM"], ["ведение клиентской базы в CRM"], ["crm", "црм"]),
        _s(
            "negotiations",
            ["Ведение переговоров"],
            ["навыки ведения переговоров"],
            ["переговоры", "ведение переговоров"],
        ),
        _s("b2b", ["B2B продажи"], ["опыт продаж в сегменте B2B"], ["b2b", "б2б"]),
        _s("bitrix", ["Битрикс24"], ["работа в Битрикс24"], ["битрикс", "bitrix24"]),
        # --- marketing and design
        _s("smm", ["SMM"], ["ведение аккаунтов в соцсетях (SMM)"], ["смм", "smm"]),
        _s("seo", ["SEO"], ["SEO-оптимизация сайта"], ["сео", "seo"]),
        _s(
            "targeting",
            ["Таргетированная реклама"],
            ["настройка таргетированной рекламы"],
            ["таргет", "таргетинг"],
        ),
        _s(
            "ga",
            ["Google Analytics"],
            ["аналитика в Google Analytics"],
            ["google analytics", "гугл аналитикс"],
        ),
        _s(
            "copywriting",
            ["Копирайтинг"],
            ["написание продающих текстов (копирайтинг)"],
            ["копирайтинг", "copywriting"],
        ),
        _s(
            "yadirect",
            ["Яндекс.Директ"],
            ["настройка кампаний в Яндекс.Директ"],
            ["директ", "Яндекс Директ"],
        ),
        _s("figma", ["Figma"], ["уверенное владение Figma"], ["фигма", "figma"]),
        _s("photoshop", ["Adobe Photoshop"], ["работа в Photoshop"], ["фотошоп", "photoshop"]),
        _s(
            "illustrator",
            ["Adobe Illustrator"],
            ["векторная графика в Illustrator"],
            ["иллюстратор", "illustrator"],
        ),
        _s("uiux", ["UX/UI"], ["проектирование интерфейсов (UX/UI)"], ["ui/ux", "ux/ui дизайн"]),
        _s(
            "aftereffects",
            ["Adobe After Effects"],
            ["моушн-дизайн в After Effects"],
            ["after effects", "афтер эффектс"],
        ),
        # --- logistics
        _s(
            "logistics",
            ["Логистика"],
            ["опыт работы в логистике", "организация логистики грузоперевозок"],
            ["логистика", "logistics"],
        ),
        _s(
            "ved",
            ["ВЭД"],
            ["знание таможенного законодательства и ВЭД"],
            ["вэд", "внешнеэкономическая деятельность"],
        ),
        _s(
            "supply",
            ["Управление цепями поставок"],
            ["управление цепями поставок"],
            ["цепи поставок", "supply chain"],
        ),
        _s(
            "warehouse",
            ["Складской учет"],
            ["ведение складского учёта"],
            ["складской учет", "склад"],
        ),
        _s(
            "driver",
            ["Водительское удостоверение категории B"],
            ["наличие водительских прав категории B"],
            ["права категории B", "водительские права"],
        ),
        # --- HR
        _s(
            "recruiting",
            ["Подбор персонала"],
            ["полный цикл подбора персонала", "закрытие вакансий в срок"],
            ["подбор персонала", "рекрутинг"],
        ),
        _s(
            "hr_admin",
            ["Кадровое делопроизводство"],
            ["ведение кадрового делопроизводства"],
            ["кадровое делопроизводство", "кадры"],
        ),
        _s(
            "interviewing",
            ["Проведение собеседований"],
            ["проведение собеседований"],
            ["собеседования", "интервью"],
        ),
        _s(
            "labour_law",
            ["Трудовое законодательство"],
            ["знание Трудового кодекса РК"],
            ["трудовое законодательство", "ТК РК"],
        ),
        # --- everywhere
        _s(
            "english",
            ["Английский язык"],
            ["английский язык на уровне B2", "знание английского языка"],
            ["английский", "english"],
        ),
        _s(
            "trips",
            ["Готовность к командировкам"],
            ["готовность к частым командировкам"],
            ["командировки"],
        ),
        _s(
            "ms_office",
            ["MS Office"],
            ["уверенный пользователь ПК (MS Office)"],
            ["ms office", "ворд"],
        ),
        _s("night", ["Работа в ночные смены"], ["график с ночными сменами"], ["ночные смены"]),
    )
}


@dataclass(frozen=True, slots=True)
class Role:
    key: str
    titles: tuple[str, ...]
    core: tuple[str, ...]
    side: tuple[str, ...]
    base_kzt: int  # typical net monthly pay in Almaty, KZT
    share: float  # of vacancies and of job seekers


def _r(
    key: str,
    titles: Sequence[str],
    core: Sequence[str],
    side: Sequence[str],
    base: int,
    share: float,
) -> Role:
    return Role(key, tuple(titles), tuple(core), tuple(side), base, share)


ROLES: tuple[Role, ...] = (
    _r(
        "python",
        [
            "Python-разработчик",
            "Backend-разработчик (Python)",
            "Python Developer",
            "Senior Python Developer",
        ],
        ["python", "django", "fastapi", "postgres", "rest", "docker", "git"],
        ["redis", "celery", "linux", "php", "kafka", "javascript", "k8s"],
        900_000,
        0.09,
    ),
    _r(
        "frontend",
        [
            "Frontend-разработчик",
            "Frontend Developer (React)",
            "Верстальщик",
            "JavaScript-разработчик",
        ],
        ["javascript", "typescript", "react", "vue", "html", "css", "git"],
        ["nodejs", "figma", "jquery", "php"],
        800_000,
        0.07,
    ),
    _r(
        "java",
        ["Java-разработчик", "Java Developer", "Backend-разработчик (Java)"],
        ["java", "spring", "sql", "kotlin", "microservices", "git"],
        ["kafka", "oracle", "docker", "k8s"],
        950_000,
        0.05,
    ),
    _r(
        "data",
        ["Аналитик данных", "Data Analyst", "BI-аналитик", "Бизнес-аналитик"],
        ["sql", "excel", "powerbi", "python", "tableau", "statistics"],
        ["onec", "vba", "gsheets", "english"],
        650_000,
        0.08,
    ),
    _r(
        "onec_dev",
        ["Программист 1С", "Разработчик 1С", "1С-программист"],
        ["onec", "sql", "onec_acc", "onec_zup"],
        ["excel", "trips"],
        700_000,
        0.06,
    ),
    _r(
        "accountant",
        [
            "Бухгалтер",
            "Главный бухгалтер",
            "Бухгалтер-кассир",
            "Бухгалтер по расчёту заработной платы",
        ],
        ["accounting", "onec_acc", "tax", "excel", "primary_docs", "ifrs"],
        ["onec_zup", "ms_office", "english"],
        420_000,
        0.12,
    ),
    _r(
        "sales",
        [
            "Менеджер по продажам",
            "Менеджер по работе с клиентами",
            "Торговый представитель",
            "Менеджер активных продаж",
        ],
        ["sales", "crm", "negotiations", "b2b", "ms_office"],
        ["cold_calls", "bitrix", "onec", "trips", "driver"],
        380_000,
        0.15,
    ),
    _r(
        "marketing",
        ["Маркетолог", "Интернет-маркетолог", "SMM-менеджер", "Специалист по контекстной рекламе"],
        ["smm", "seo", "targeting", "ga", "copywriting", "yadirect"],
        ["figma", "photoshop", "excel", "cold_calls"],
        450_000,
        0.08,
    ),
    _r(
        "design",
        ["Графический дизайнер", "UI/UX дизайнер", "Веб-дизайнер", "Моушн-дизайнер"],
        ["figma", "photoshop", "illustrator", "uiux", "aftereffects"],
        ["html", "css", "smm"],
        500_000,
        0.06,
    ),
    _r(
        "logistics",
        ["Логист", "Специалист по ВЭД", "Менеджер по логистике", "Начальник склада"],
        ["logistics", "ved", "supply", "warehouse", "excel", "onec"],
        ["english", "driver", "trips", "night"],
        430_000,
        0.08,
    ),
    _r(
        "devops",
        ["DevOps-инженер", "DevOps Engineer", "Системный администратор Linux", "SRE-инженер"],
        ["linux", "docker", "k8s", "cicd", "ansible", "terraform", "bash"],
        ["python", "postgres", "git", "night"],
        1_000_000,
        0.04,
    ),
    _r(
        "hr",
        ["HR-менеджер", "Менеджер по персоналу", "Рекрутер", "Специалист по кадрам"],
        ["recruiting", "hr_admin", "interviewing", "labour_law", "onec_zup"],
        ["cold_calls", "excel", "ms_office"],
        400_000,
        0.08,
    ),
)
ROLE_BY_KEY = {role.key: role for role in ROLES}
GLOBAL_SIDE: tuple[str, ...] = (
    "english",
    "excel",
    "ms_office",
    "trips",
    "cold_calls",
    "onec",
    "night",
)

# ============================================================================ geography


@dataclass(frozen=True, slots=True)
class City:
    area_id: str
    name: str
    country_id: str
    pay_factor: float  # relative to Almaty, in KZT terms
    share: float
    typed: tuple[str, ...]  # how people type it


KAZAKHSTAN, RUSSIA = "40", "113"
CITIES: tuple[City, ...] = (
    City(
        "160",
        "Алматы",
        KAZAKHSTAN,
        1.0,
        0.34,
        ("Алматы", "алматы", "Almaty", "Алмата", "г. Алматы", "Алма-Ата"),
    ),
    City(
        "159",
        "Астана",
        KAZAKHSTAN,
        1.0,
        0.24,
        ("Астана", "астана", "Astana", "Нур-Султан", "г.Астана"),
    ),
    City("205", "Шымкент", KAZAKHSTAN, 0.7, 0.1, ("Шымкент", "Shymkent", "Чимкент")),
    City("177", "Караганда", KAZAKHSTAN, 0.75, 0.1, ("Караганда", "Караганды", "Karaganda")),
    City("1", "Москва", RUSSIA, 1.35, 0.22, ("Москва", "москва", "Moscow", "мск")),
)
CITY_BY_ID = {city.area_id: city for city in CITIES}
COUNTRY_NAMES = {KAZAKHSTAN: "Казахстан", RUSSIA: "Россия"}
# The area tree the scorer gets (child -> parent), as HH's /areas would give it.
AREA_PARENT: dict[str, str | None] = {
    KAZAKHSTAN: None,
    RUSSIA: None,
    **{c.area_id: c.country_id for c in CITIES},
}


def areas_json() -> list[dict[str, Any]]:
    """An HH-shaped /areas tree of the world's countries and cities."""
    return [
        {
            "id": country,
            "parent_id": None,
            "name": name,
            "areas": [
                {"id": c.area_id, "parent_id": country, "name": c.name, "areas": []}
                for c in CITIES
                if c.country_id == country
            ],
        }
        for country, name in COUNTRY_NAMES.items()
    ]


# ============================================================================ money

# Units per 1 RUR, HH /dictionaries convention.
RATES: dict[str, float] = {"RUR": 1.0, "KZT": 5.4, "USD": 0.0125}
GROSS_TO_NET = 0.84  # the world's own tax model (one number for every country)


def to_kzt(amount: float, currency: str) -> float:
    return amount / RATES[currency] * RATES["KZT"]


def from_kzt(amount: float, currency: str) -> float:
    return amount / RATES["KZT"] * RATES[currency]


# ============================================================================ vacancies


@dataclass(frozen=True, slots=True)
class VacancyTruth:
    """What the world knows about a vacancy (the JSON is what the product sees)."""

    index: int
    vacancy_id: str
    role: str
    skills: frozenset[str]
    area_id: str
    remote: bool
    net_kzt: float | None  # what the job really pays, net, KZT; None when unpublished
    title: str
    key_skill_names: tuple[str, ...]
    description_text: str  # plain text, for the HH-relevance proxy


@dataclass(slots=True)
class World:
    seed: int
    vacancies: list[dict[str, Any]]
    truth: list[VacancyTruth]
    feedback_pool: list[int] = field(default_factory=list)  # indexes shown to personas
    heldout: list[int] = field(default_factory=list)  # indexes for nDCG


EMPLOYER_NAMES: tuple[str, ...] = (
    "Kaspi.kz",
    "Halyk Bank",
    "Kolesa Group",
    "Chocofamily",
    "Magnum",
    "Air Astana",
    "KazMunayGas",
    "Beeline Казахстан",
    "Kcell",
    "Технодом",
    "Sulpak",
    "Freedom Finance",
    "BI Group",
    "Яндекс",
    "Сбер",
    "Ozon",
    "Wildberries",
    "Lamoda",
    "ТОО Ромашка",
    "ТОО Астана Логистик",
    "ИП Иванов",
    "Arbuz.kz",
    "Jusan Bank",
    "Forte Bank",
    "Aviata",
)
WORK_FORMAT_NAMES = {"ON_SITE": "На месте работодателя", "REMOTE": "Удалённо", "HYBRID": "Гибрид"}
_INTROS = (
    "Мы — быстрорастущая компания, ищем в команду",
    "В связи с расширением открыта вакансия:",
    "Приглашаем на работу",
    "Крупный холдинг ищет",
)
_DUTIES = (
    "участие в планировании задач",
    "взаимодействие со смежными отделами",
    "подготовка отчётности для руководства",
    "соблюдение сроков и стандартов",
)
_PERKS = (
    "официальное трудоустройство",
    "ДМС после испытательного срока",
    "обучение за счёт компании",
    "дружный коллектив",
    "премии по итогам квартала",
    "современный офис",
)


def _weighted(rng: random.Random, items: Sequence[Any], weights: Sequence[float]) -> Any:
    return rng.choices(items, weights=weights, k=1)[0]


def _vacancy_skills(rng: random.Random, role: Role) -> list[str]:
    chosen = rng.sample(role.core, rng.randint(3, min(5, len(role.core))))
    chosen += [s for s in role.side if rng.random() < 0.28]
    chosen += [s for s in GLOBAL_SIDE if rng.random() < 0.06]
    if rng.random() < 0.1:  # a hybrid job borrowing from another role
        other = rng.choice(ROLES)
        chosen += rng.sample(other.core, 1)
    return list(dict.fromkeys(chosen))


def _round_to(value: float, step: int) -> int:
    return max(step, round(value / step) * step)


def _salary(
    rng: random.Random, role: Role, city: City, remote: bool
) -> tuple[dict[str, Any] | None, float | None]:
    """(HH salary object, true net KZT). About a third of vacancies publish no salary."""
    true_net = role.base_kzt * city.pay_factor * math.exp(rng.gauss(0.0, 0.3))
    if rng.random() < 0.33:
        return None, true_net
    if city.country_id == RUSSIA:
        currency = "RUR"
    else:
        currency = "USD" if remote and rng.random() < 0.4 else "KZT"
    gross = rng.random() < 0.3
    shown = from_kzt(true_net / GROSS_TO_NET if gross else true_net, currency)
    step = {"KZT": 10_000, "RUR": 5_000, "USD": 100}[currency]
    shape = rng.random()
    if shape < 0.4:  # "от X": offers usually land a bit above X
        low, high, net = _round_to(shown * 0.9, step), None, true_net
    elif shape < 0.55:  # "до X"
        low, high, net = None, _round_to(shown * 1.15, step), true_net
    else:
        low, high = _round_to(shown * 0.85, step), _round_to(shown * 1.15, step)
        net = true_net
    salary = {
        "from": low,
        "to": high,
        "currency": currency,
        "gross": gross,
        "mode": {"id": "MONTH", "name": "За месяц"},
        "frequency": None,
    }
    return salary, net


def _description(rng: random.Random, title: str, mentions: list[str]) -> str:
    requirements = "".join(f"<li>{rng.choice(SKILLS[s].phrases)}</li>" for s in mentions)
    duties = "".join(f"<li>{d}</li>" for d in rng.sample(_DUTIES, 2))
    perks = "".join(f"<li>{p}</li>" for p in rng.sample(_PERKS, 3))
    return (
        f"<p>{rng.choice(_INTROS)} <strong>{title}</strong>.</p>"
        f"<p><strong>Требования:</strong></p><ul>{requirements}</ul>"
        f"<p><strong>Обязанности:</strong></p><ul>{duties}</ul>"
        f"<p><strong>Условия:</strong></p><ul>{perks}</ul>"
    )


def _split_mentions(rng: random.Random, skills: list[str]) -> tuple[list[str], list[str]]:
    """(key skills, description mentions): every skill appears in at least one."""
    has_key_skills = rng.random() < 0.8
    key = [s for s in skills if has_key_skills and rng.random() < 0.8]
    text = [s for s in skills if s not in key or rng.random() < 0.5]
    rng.shuffle(text)
    return key, text


def _work_format(rng: random.Random) -> str:
    return _weighted(rng, ("ON_SITE", "HYBRID", "REMOTE"), (0.68, 0.17, 0.15))


def make_vacancy(
    rng: random.Random, seed: int, index: int, start: datetime
) -> tuple[dict[str, Any], VacancyTruth]:
    role = _weighted(rng, ROLES, [r.share for r in ROLES])
    city = _weighted(rng, CITIES, [c.share for c in CITIES])
    work_format = _work_format(rng)
    skills = _vacancy_skills(rng, role)
    key, mentioned = _split_mentions(rng, skills)
    title = rng.choice(role.titles)
    salary, net = _salary(rng, role, city, work_format == "REMOTE")
    vacancy_id = str(seed * 1_000_000 + 100_000 + index)
    published = start - timedelta(minutes=rng.randint(0, 30 * 24 * 60))
    key_names = tuple(rng.choice(SKILLS[s].names) for s in key)
    description = _description(rng, title, mentioned)
    employer = rng.randrange(len(EMPLOYER_NAMES))
    data: dict[str, Any] = {
        "id": vacancy_id,
        "name": title,
        "area": {"id": city.area_id, "name": city.name},
        "employer": {"id": str(1000 + employer), "name": EMPLOYER_NAMES[employer]},
        "work_format": [{"id": work_format, "name": WORK_FORMAT_NAMES[work_format]}],
        "key_skills": [{"name": name} for name in key_names],
        "description": description,
        "published_at": published.strftime("%Y-%m-%dT%H:%M:%S+0300"),
        "archived": False,
        "salary_range": None,
        "salary": None,
    }
    if salary is not None:  # a fifth of employers' records only fill the deprecated field
        data["salary" if rng.random() < 0.2 else "salary_range"] = salary
    truth = VacancyTruth(
        index=index,
        vacancy_id=vacancy_id,
        role=role.key,
        skills=frozenset(skills),
        area_id=city.area_id,
        remote=work_format == "REMOTE",
        net_kzt=net if salary is not None else None,
        title=title,
        key_skill_names=key_names,
        description_text=_plain(description),
    )
    return data, truth


def _plain(html_text: str) -> str:
    out, inside = [], False
    for char in html_text:
        if char == "<":
            inside = True
            out.append(" ")
        elif char == ">":
            inside = False
        elif not inside:
            out.append(char)
    return " ".join("".join(out).split())


WORLD_START = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)


def make_world(seed: int, n_vacancies: int) -> World:
    rng = random.Random(f"world-{seed}")
    pairs = [make_vacancy(rng, seed, i, WORLD_START) for i in range(n_vacancies)]
    world = World(seed, [p[0] for p in pairs], [p[1] for p in pairs])
    order = list(range(n_vacancies))
    rng.shuffle(order)
    half = n_vacancies // 2
    world.feedback_pool, world.heldout = sorted(order[:half]), sorted(order[half:])
    return world


# ============================================================================ personas


@dataclass(frozen=True, slots=True)
class Persona:
    """A simulated job seeker: the hidden truth and the noisy onboarding text."""

    pid: int
    control: bool  # taps at random
    role: str
    weights: tuple[float, float, float]  # skills, location, salary (hidden, Dirichlet)
    skills: frozenset[str]  # what the person can do
    loved: frozenset[str]
    hated: frozenset[str]
    floor_kzt: float  # net monthly minimum, KZT
    area_id: str
    remote_ok: bool
    # What the person types at onboarding:
    skills_text: str
    city_text: str
    salary_text: str | None
    declared_skills: frozenset[str]  # world keys behind skills_text (for diagnostics)


def _dirichlet3(rng: random.Random, alpha: float) -> tuple[float, float, float]:
    """A symmetric Dirichlet draw over the three weights (skills, location, salary)."""
    a, b, c = (rng.gammavariate(alpha, 1.0) for _ in range(3))
    total = a + b + c
    return a / total, b / total, c / total


def _typed_form(rng: random.Random, skill: Skill) -> str:
    """A canonical employer name 40 % of the time, else a synonym / Russian / typo form."""
    if rng.random() < 0.4:
        return skill.names[0]
    return rng.choice(skill.typed)


def _skills_text(rng: random.Random, declared: list[str]) -> str:
    forms = [_typed_form(rng, SKILLS[s]) for s in declared]
    if rng.random() < 0.15:
        forms.append(rng.choice(("коммуникабельность", "стрессоустойчивость", "ответственность")))
    separator = _weighted(rng, (", ", "; ", ",", "\n"), (0.6, 0.15, 0.15, 0.1))
    return separator.join(forms)


def _salary_text(rng: random.Random, floor_kzt: float, city: City) -> str | None:
    if rng.random() < 0.1:
        return None  # skipped the question
    stated = floor_kzt * rng.uniform(0.92, 1.08)
    if city.country_id == RUSSIA:
        rub = _round_to(from_kzt(stated, "RUR"), 5_000)
        return rng.choice((f"{rub}", f"от {rub // 1000} тыс руб", f"{rub:,} ₽".replace(",", " ")))
    if rng.random() < 0.08:
        return f"${_round_to(from_kzt(stated, 'USD'), 100)}"
    kzt = _round_to(stated, 10_000)
    return rng.choice(
        (
            f"{kzt}",
            f"{kzt:,}".replace(",", " "),
            f"от {kzt // 1000}к",
            f"{kzt // 1000} тыс",
            f"от {kzt:,} тенге".replace(",", " "),
            f"{kzt // 1000}к ₸",
        )
    )


def make_persona(rng: random.Random, pid: int, control: bool) -> Persona:
    role = _weighted(rng, ROLES, [r.share for r in ROLES])
    city = _weighted(rng, CITIES, [c.share for c in CITIES])
    own = set(rng.sample(role.core, rng.randint(3, min(5, len(role.core)))))
    loved_pool = sorted(own) + [s for s in role.side if s not in own]
    loved = set(rng.sample(loved_pool, rng.randint(1, 3)))
    hated_pool = [s for s in (*role.side, *GLOBAL_SIDE) if s not in own | loved]
    hated = set(rng.sample(sorted(set(hated_pool)), rng.randint(2, 3)))
    knows = own | loved
    declared = [s for s in sorted(knows) if rng.random() < (0.6 if s in loved else 0.75)]
    declared = declared or [rng.choice(sorted(own))]
    rng.shuffle(declared)
    floor = role.base_kzt * city.pay_factor * rng.uniform(0.65, 1.15) * math.exp(rng.gauss(0, 0.12))
    return Persona(
        pid=pid,
        control=control,
        role=role.key,
        weights=_dirichlet3(rng, 2.0),
        skills=frozenset(knows),
        loved=frozenset(loved),
        hated=frozenset(hated),
        floor_kzt=floor,
        area_id=city.area_id,
        remote_ok=rng.random() < 0.55,
        skills_text=_skills_text(rng, declared),
        city_text=rng.choice(city.typed),
        salary_text=_salary_text(rng, floor, city),
        declared_skills=frozenset(declared),
    )


def make_personas(seed: int, n: int, n_control: int) -> list[Persona]:
    rng = random.Random(f"personas-{seed}")
    return [make_persona(rng, i, control=i >= n) for i in range(n + n_control)]


# ============================================================================ utility


def skill_fit(p: Persona, v: VacancyTruth) -> float:
    """In [0, 1]: enough of my skills, loved ones a plus, each hated one a strong minus."""
    mine = len(v.skills & p.skills)
    loved = len(v.skills & p.loved)
    hated = len(v.skills & p.hated)
    role_bonus = 0.1 if v.role == p.role else 0.0
    value = 0.7 * min(1.0, mine / 3) + 0.2 * loved - 0.45 * hated + role_bonus
    return min(1.0, max(0.0, value))


def location_fit(p: Persona, v: VacancyTruth) -> float:
    if v.remote:
        return 1.0 if p.remote_ok else 0.35
    if v.area_id == p.area_id:
        return 1.0
    same_country = CITY_BY_ID[v.area_id].country_id == CITY_BY_ID[p.area_id].country_id
    return 0.1 if same_country else 0.0


def salary_fit(p: Persona, v: VacancyTruth) -> float:
    if v.net_kzt is None:
        return 0.45  # unknown pay: a gamble
    ratio = v.net_kzt / p.floor_kzt
    if ratio >= 1.0:
        return 0.75 + 0.25 * min(1.0, (ratio - 1.0) / 0.5)
    return 0.75 * max(0.0, (ratio - 0.7) / 0.3)


def components(p: Persona, v: VacancyTruth) -> tuple[float, float, float]:
    return skill_fit(p, v), location_fit(p, v), salary_fit(p, v)


def utility(p: Persona, v: VacancyTruth) -> float:
    s, loc, pay = components(p, v)
    ws, wl, wp = p.weights
    return ws * s + wl * loc + wp * pay


# Graded relevance by utility quantile over the whole world, per persona.
GRADE_SHARES: tuple[tuple[float, int], ...] = ((0.01, 3), (0.05, 2), (0.15, 1))


def grades(p: Persona, truth: Sequence[VacancyTruth]) -> tuple[list[int], list[float]]:
    """(relevance grade per vacancy index, utility per vacancy index)."""
    utilities = [utility(p, v) for v in truth]
    order = sorted(range(len(truth)), key=lambda i: (-utilities[i], i))
    result = [0] * len(truth)
    n = len(truth)
    for rank_position, index in enumerate(order):
        share = (rank_position + 1) / n
        for limit, grade in GRADE_SHARES:
            if share <= limit:
                result[index] = grade
                break
    return result, utilities


def complaint(p: Persona, v: VacancyTruth) -> str | None:
    """The reason chip a person taps after 👎: the component that hurt most, if any."""
    s, loc, pay = components(p, v)
    ws, wl, wp = p.weights
    losses = {"skills": ws * (1 - s), "location": wl * (1 - loc), "salary": wp * (1 - pay)}
    # A person only blames salary it can see is low, and location that really is wrong.
    if v.net_kzt is None or v.net_kzt >= p.floor_kzt:
        losses["salary"] = 0.0
    if loc >= 1.0:
        losses["location"] = 0.0
    reason, loss = max(losses.items(), key=lambda item: item[1])
    return reason if loss >= 0.05 else None


def recognised_names(skill_key: str) -> frozenset[str]:
    """Every spelling under which a person recognises one of the world's skills."""
    s = SKILLS[skill_key]
    return frozenset(_fold(n) for n in (*s.names, *s.typed))


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").replace("c", "с").split())
