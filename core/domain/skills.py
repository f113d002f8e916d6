"""The skill catalogue: categories → skills, Russian/English synonyms, and skill matching.

A *canonical name* ("PostgreSQL", "1С:Бухгалтерия") is how a skill is stored in
preferences and shown to users. Everything that compares skills uses :func:`skill_key`,
and everything that looks for skills in vacancy text uses :func:`find_skills`, so
«Постгрес», «postgres» and «постгресом» all mean the same thing everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, count

from rapidfuzz import fuzz, process

from core.domain.text import (
    chunk_tokens,
    normalize_text,
    split_chunks,
    stem,
    stem_tokens,
    text_stems,
    tokenize,
)

__all__ = [
    "CANONICAL_SKILLS",
    "CATEGORIES",
    "Category",
    "SkillMatcher",
    "canonical_skill",
    "canonicalize_skills",
    "category_of",
    "find_skills",
    "find_skills_in_stems",
    "find_skills_ordered",
    "is_known_skill",
    "normalize_text",
    "read_in_fields",
    "skill_key",
    "skill_patterns",
    "skill_stems_of_chunk",
    "skills_for_categories",
    "stem",
    "stem_tokens",
    "text_stems",
    "tokenize",
]

MAX_SKILL_LENGTH = 50
FUZZY_MIN_SCORE = 90
FUZZY_MIN_LENGTH = 4
# One slip in a short name («exel», «Pyhton») scores 83-89: accepted only when no other
# catalogue skill comes within FUZZY_UNIQUE_MARGIN of it, so the guess is unambiguous.
FUZZY_UNIQUE_SCORE = 83
FUZZY_UNIQUE_MARGIN = 10


@dataclass(frozen=True)
class Category:
    key: str
    name_en: str
    name_ru: str
    skills: tuple[str, ...]
    name_kk: str = ""

    def name(self, language: str) -> str:
        """The field's name in the bot's language (kk without a Kazakh name: Russian)."""
        if language == "kk" and self.name_kk:
            return self.name_kk
        return self.name_ru if language in ("ru", "kk") else self.name_en


# Canonical name → aliases that also count as a mention in vacancy text.
# Aliases are written as people write them; they are normalised and stemmed on load.
_TEXT_ALIASES: dict[str, tuple[str, ...]] = {
    # programming
    "Python": ("пайтон", "питон", "python3", "python 3"),
    "Java": ("джава", "java se", "java ee"),
    "JavaScript": ("js", "java script", "джаваскрипт", "яваскрипт", "ecmascript", "es6"),
    "TypeScript": ("тайпскрипт", "type script"),
    "Go": ("golang", "go lang", "голанг"),
    "C": ("ansi c", "язык c", "язык си"),
    "C#": ("c sharp", "си шарп", "сишарп"),
    "C++": ("cpp", "си++", "си плюс плюс"),
    "PHP": ("пхп",),
    "1C": ("1c предприятие", "1c программирование", "1c enterprise", "1c erp", "1cv8"),
    "Django": ("джанго", "django rest framework", "drf"),
    "FastAPI": ("fast api", "фастапи"),
    "Flask": ("фласк",),
    "Spring": ("spring boot", "spring framework", "springboot"),
    "React": ("react.js", "reactjs", "реакт", "react native"),
    "Vue.js": ("vue", "vuejs", "vue js", "вью"),
    "Angular": ("angularjs", "angular.js", "ангуляр"),
    "Node.js": ("nodejs", "node js", "нода", "нодджс"),
    "SQL": ("скл", "язык sql", "sql запросы"),
    "PostgreSQL": ("postgres", "postgre", "постгрес", "постгрескл", "постгре", "psql", "pgsql"),
    "MySQL": ("май скл",),
    "MongoDB": ("mongo", "монго", "монгодб"),
    "Redis": ("редис",),
    "Docker": ("докер", "docker compose", "docker-compose"),
    "Kubernetes": ("k8s", "кубернетес", "кубер"),
    "Git": ("гит", "github", "gitlab"),
    "Linux": ("линукс", "ubuntu", "debian", "centos"),
    "REST API": ("restful", "restful api", "rest апи", "rest сервисы", "rest services"),
    "HTML": ("html5", "хтмл"),
    "CSS": ("css3", "scss", "sass"),
    "Kotlin": ("котлин",),
    "Swift": ("свифт",),
    ".NET": ("dotnet", "asp.net", ".net core", "дотнет"),
    "CI/CD": ("ci cd", "continuous integration"),
    # design
    "Figma": ("фигма", "фигме"),
    "Photoshop": ("adobe photoshop", "фотошоп"),
    "Illustrator": ("adobe illustrator", "иллюстратор"),
    "UI/UX Design": (
        "ui/ux",
        "ux/ui",
        "ui ux",
        "ux ui",
        "ui/ux дизайн",
        "ux/ui дизайн",
        "ux design",
        "ui design",
        "ux дизайн",
        "ui дизайн",
        "ux",
        "ui",
    ),
    "Adobe InDesign": ("indesign", "индизайн"),
    "3D modeling": (
        "3d моделирование",
        "3d modelling",
        "3d",
        "3ds max",
        "blender",
        "3д",
        "3д моделирование",
        "cinema 4d",
    ),
    "Web design": ("веб дизайн", "web дизайн", "вебдизайн", "дизайн сайтов"),
    "Graphic design": ("графический дизайн", "графдизайн"),
    "CorelDRAW": ("corel draw", "корел", "coreldraw"),
    # marketing
    "SEO": ("сео", "поисковая оптимизация", "seo продвижение", "seo оптимизация"),
    "SMM": ("смм", "social media marketing", "ведение соцсетей", "ведение социальных сетей"),
    "Google Ads": ("google adwords", "adwords", "гугл адс", "гугл эдс"),
    "Яндекс.Директ": ("yandex direct", "яндекс директ", "директ"),
    "Google Analytics": ("гугл аналитикс", "ga4", "гугл аналитика"),
    "Яндекс.Метрика": ("yandex metrica", "yandex metrika", "яндекс метрика"),
    "Copywriting": ("копирайтинг", "копирайт", "написание текстов"),
    "Content marketing": ("контент маркетинг", "контент-маркетинг"),
    "Targeting": ("таргетинг", "таргет", "таргетированная реклама", "targeted advertising"),
    "Email marketing": (
        "email маркетинг",
        "e-mail маркетинг",
        "email рассылки",
        "e-mail рассылки",
        "емейл маркетинг",
        "e-mail marketing",
    ),
    "Marketing analytics": (
        "маркетинговая аналитика",
        "маркетинговые исследования",
        "marketing research",
    ),
    # data analysis
    "Excel": ("эксель", "ms excel", "microsoft excel", "ексель", "excel vba", "эксэль"),
    "Power BI": ("powerbi", "пауэр би", "power bi desktop", "павер би"),
    "Tableau": ("табло",),
    "pandas": ("пандас",),
    "NumPy": ("нампай",),
    "Statistics": (
        "статистика",
        "математическая статистика",
        "статистический анализ",
        "statistical analysis",
        "матстат",
    ),
    "Machine learning": ("машинное обучение", "ml", "machine learning"),
    "Data visualization": ("визуализация данных", "data viz", "dataviz"),
    "A/B testing": ("a/b тестирование", "a/b тесты", "ab тестирование", "a/b tests", "a/b тестов"),
    # management
    "Project management": (
        "управление проектами",
        "project manager",
        "проджект менеджмент",
        "руководитель проектов",
        "руководство проектами",
        "менеджер проектов",
        "ведение проектов",
    ),
    "Agile": ("эджайл", "аджайл", "гибкие методологии"),
    "Scrum": ("скрам",),
    "Kanban": ("канбан",),
    "Jira": ("джира", "atlassian jira"),
    "Leadership": ("лидерство", "лидерские качества", "лидерские навыки"),
    "Budgeting": ("бюджетирование", "составление бюджета", "планирование бюджета"),
    "Team management": (
        "управление командой",
        "руководство командой",
        "управление коллективом",
        "управление персоналом",
        "team lead",
        "тимлид",
    ),
    "Risk management": ("управление рисками", "риск менеджмент", "риск-менеджмент"),
    "Strategic planning": ("стратегическое планирование", "стратегия развития"),
    "Product management": ("управление продуктом", "продакт менеджмент", "product manager"),
    # finance
    "Accounting": (
        "бухучет",
        "бухгалтерский учет",
        "бух учет",
        "ведение бухгалтерии",
        "bookkeeping",
    ),
    "1С:Бухгалтерия": ("1c бухгалтерия", "1c бухгалтерия предприятия", "1c бп", "1c бух"),
    "МСФО (IFRS)": ("мсфо", "ifrs", "международные стандарты финансовой отчетности"),
    "Financial analysis": ("финансовый анализ", "финанализ", "анализ финансовой отчетности"),
    "Tax reporting": (
        "налоговая отчетность",
        "налоговый учет",
        "налоговые декларации",
        "tax accounting",
        "налогообложение",
    ),
    "Audit": ("аудит", "аудиторская проверка", "внутренний аудит"),
    "Financial modeling": ("финансовое моделирование", "financial modelling", "финансовые модели"),
    "Financial reporting": ("финансовая отчетность", "управленческая отчетность"),
    # sales
    "Sales": ("продажи", "активные продажи", "прямые продажи", "sales skills", "навыки продаж"),
    "Cold calling": ("холодные звонки", "cold calls", "холодный обзвон", "холодных звонков"),
    "B2B sales": ("b2b продажи", "продажи b2b", "b2b", "корпоративные продажи"),
    "B2C sales": ("b2c продажи", "продажи b2c", "b2c", "розничные продажи"),
    "CRM": ("црм", "amocrm", "bitrix24", "битрикс24", "crm системы", "crm система"),
    "Negotiations": ("переговоры", "ведение переговоров", "negotiation", "навыки переговоров"),
    "Key account management": ("работа с ключевыми клиентами", "kam", "key account"),
    # logistics
    "Logistics": ("логистика", "логист", "транспортная логистика"),
    "Warehouse management": (
        "складской учет",
        "управление складом",
        "wms",
        "складская логистика",
        "warehouse",
    ),
    "Driver's license B": (
        "водительские права категории b",
        "права категории b",
        "категория b",
        "категории b",
        "водительское удостоверение категории b",
        "водительские права",
        "водительское удостоверение",
        "driver's license",
        "driving license",
    ),
    "Driver's license C": (
        "водительские права категории c",
        "права категории c",
        "категория c",
        "категории c",
        "водительское удостоверение категории c",
        "категории bc",
        "категории b c",
        "категория ce",
        "категории ce",
    ),
    "Foreign trade (ВЭД)": (
        "вэд",
        "внешнеэкономическая деятельность",
        "foreign trade",
        "таможенное оформление",
        "таможенное декларирование",
    ),
    "Supply chain": (
        "supply chain management",
        "scm",
        "цепи поставок",
        "цепочки поставок",
        "управление цепями поставок",
    ),
    "Procurement": ("закупки", "закупочная деятельность", "тендеры", "госзакупки"),
    # medicine
    "Nursing": (
        "сестринское дело",
        "медсестра",
        "медицинская сестра",
        "медбрат",
        "медицинский брат",
    ),
    "Pharmacy": ("фармация", "фармацевт", "провизор"),
    "General practice": (
        "врач общей практики",
        "терапевт",
        "общая практика",
        "general practitioner",
    ),
    "Pediatrics": ("педиатрия", "педиатр"),
    "Dentistry": ("стоматология", "стоматолог"),
    "Laboratory diagnostics": ("лабораторная диагностика", "клиническая лабораторная диагностика"),
    # retail
    "Cashier": (
        "кассир",
        "работа на кассе",
        "работа с кассой",
        "кассовый аппарат",
        "кассовая дисциплина",
    ),
    "Sales consultant": (
        "продавец консультант",
        "продавец-консультант",
        "консультирование покупателей",
        "консультант по продажам",
    ),
    "Merchandising": (
        "мерчандайзинг",
        "мерчендайзинг",
        "выкладка товара",
        "мерчендайзер",
        "мерчандайзер",
        "visual merchandising",
    ),
    "Customer service": (
        "обслуживание клиентов",
        "клиентский сервис",
        "обслуживание покупателей",
        "customer support",
    ),
    "Inventory": ("инвентаризация", "приемка товара", "учет товара"),
    # accounting
    "Payroll": (
        "расчет заработной платы",
        "расчет зарплаты",
        "зуп",
        "1c зуп",
        "начисление заработной платы",
        "payroll accounting",
    ),
    "Primary documents": ("первичная документация", "первичные документы", "первичка"),
    # HR
    "Recruiting": (
        "подбор персонала",
        "рекрутинг",
        "recruitment",
        "поиск кандидатов",
        "найм персонала",
    ),
    "HR administration": (
        "кадровое делопроизводство",
        "кадровый учет",
        "кадровое дело",
        "hr administration",
        "кадровые документы",
    ),
    "Staff onboarding": ("адаптация персонала", "адаптация сотрудников"),
    "Labour law": ("трудовое законодательство", "трудовое право", "трудовой кодекс", "labor law"),
    # legal
    "Civil law": ("гражданское право", "гражданское законодательство"),
    "Contract work": (
        "договорная работа",
        "составление договоров",
        "договорное право",
        "contract law",
    ),
    "Litigation": (
        "судебная практика",
        "представительство в суде",
        "судебные споры",
        "претензионная работа",
    ),
    "Corporate law": ("корпоративное право", "корпоративное законодательство"),
    # education
    "Teaching": (
        "преподавание",
        "педагогика",
        "проведение уроков",
        "обучение детей",
        "teaching experience",
    ),
    "Lesson planning": ("планирование уроков", "методическая работа", "учебные программы"),
    "Early childhood education": (
        "дошкольное образование",
        "дошкольная педагогика",
        "работа с детьми дошкольного возраста",
    ),
    # construction
    "AutoCAD": ("автокад",),
    "Revit": ("ревит",),
    "Estimating": (
        "сметное дело",
        "составление смет",
        "сметы",
        "сметная документация",
        "гранд смета",
    ),
    "Construction supervision": (
        "технический надзор",
        "технадзор",
        "строительный контроль",
        "строительный надзор",
    ),
    # production
    "Welding": ("сварка", "сварочные работы", "электросварка"),
    "Electrical installation": (
        "электромонтажные работы",
        "электромонтаж",
        "обслуживание электрооборудования",
    ),
    "Quality control": ("контроль качества", "отк", "qc"),
    "Production technology": ("технология производства", "технологические процессы", "техпроцесс"),
    # hospitality
    "Cooking": ("приготовление блюд", "кулинария", "горячий цех", "холодный цех"),
    "Table service": ("обслуживание гостей", "обслуживание столов", "сервировка"),
}

# Aliases too ambiguous in running text (a stray «ПМ», «TS», a Cyrillic «С» that is just
# the preposition «с») but unambiguous when someone types them as a skill.
_NAME_ALIASES: dict[str, tuple[str, ...]] = {
    "TypeScript": ("ts",),
    "REST API": ("rest",),
    "MySQL": ("мускул",),
    "Customer service": ("клиентоориентированность",),
    "Project management": ("pm", "пм", "менеджмент проектов"),
    "C": ("си",),
    "C#": ("шарп",),
    "C++": ("плюсы",),
    "Go": ("го",),
    "1С:Бухгалтерия": ("1c accounting",),  # its English display name (core.domain.skill_names)
    "Accounting": ("бухгалтерия", "бухгалтер"),
    "Tax reporting": ("налоги", "налог", "налоговый"),
    "Statistics": ("статистика данных",),
    "Sales": ("продажа", "менеджер по продажам"),
    "Logistics": ("логистик",),
    "Pharmacy": ("аптека",),
    "General practice": ("терапия",),  # its Russian display name (core.domain.skill_names)
}

_CATEGORY_SKILLS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "programming": (
        "Programming",
        "Программирование",
        (
            "Python",
            "Java",
            "JavaScript",
            "TypeScript",
            "Go",
            "C",
            "C#",
            "C++",
            "PHP",
            "1C",
            "Kotlin",
            "Swift",
            ".NET",
            "Django",
            "FastAPI",
            "Flask",
            "Spring",
            "React",
            "Vue.js",
            "Angular",
            "Node.js",
            "HTML",
            "CSS",
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
            "CI/CD",
        ),
    ),
    "design": (
        "Design",
        "Дизайн",
        (
            "Figma",
            "Photoshop",
            "Illustrator",
            "UI/UX Design",
            "Adobe InDesign",
            "3D modeling",
            "Web design",
            "Graphic design",
            "CorelDRAW",
        ),
    ),
    "marketing": (
        "Marketing",
        "Маркетинг",
        (
            "SEO",
            "SMM",
            "Google Ads",
            "Яндекс.Директ",
            "Google Analytics",
            "Яндекс.Метрика",
            "Copywriting",
            "Content marketing",
            "Targeting",
            "Email marketing",
            "Marketing analytics",
        ),
    ),
    "data_analysis": (
        "Data analysis",
        "Анализ данных",
        (
            "Excel",
            "SQL",
            "Power BI",
            "Tableau",
            "pandas",
            "NumPy",
            "Python",
            "Statistics",
            "Machine learning",
            "Data visualization",
            "A/B testing",
        ),
    ),
    "management": (
        "Management",
        "Управление",
        (
            "Project management",
            "Agile",
            "Scrum",
            "Kanban",
            "Jira",
            "Leadership",
            "Budgeting",
            "Team management",
            "Risk management",
            "Strategic planning",
            "Product management",
        ),
    ),
    "finance": (
        "Finance",
        "Финансы",
        (
            "Accounting",
            "1С:Бухгалтерия",
            "МСФО (IFRS)",
            "Financial analysis",
            "Tax reporting",
            "Audit",
            "Financial modeling",
            "Financial reporting",
            "Budgeting",
            "Excel",
        ),
    ),
    "sales": (
        "Sales",
        "Продажи",
        (
            "Sales",
            "Cold calling",
            "B2B sales",
            "B2C sales",
            "CRM",
            "Negotiations",
            "Key account management",
        ),
    ),
    "logistics": (
        "Logistics",
        "Логистика",
        (
            "Logistics",
            "Warehouse management",
            "Driver's license B",
            "Driver's license C",
            "Foreign trade (ВЭД)",
            "Supply chain",
            "Procurement",
        ),
    ),
    "medicine": (
        "Medicine",
        "Медицина",
        (
            "Nursing",
            "Pharmacy",
            "General practice",
            "Pediatrics",
            "Dentistry",
            "Laboratory diagnostics",
        ),
    ),
    "retail": (
        "Retail",
        "Розничная торговля",
        (
            "Cashier",
            "Sales consultant",
            "Merchandising",
            "Customer service",
            "Inventory",
        ),
    ),
    "accounting": (
        "Accounting",
        "Бухгалтерия",
        (
            "Accounting",
            "1С:Бухгалтерия",
            "Tax reporting",
            "Payroll",
            "Primary documents",
            "МСФО (IFRS)",
            "Excel",
        ),
    ),
    "hr": (
        "HR",
        "Персонал (HR)",
        (
            "Recruiting",
            "HR administration",
            "Staff onboarding",
            "Labour law",
        ),
    ),
    "legal": (
        "Legal",
        "Юриспруденция",
        (
            "Civil law",
            "Contract work",
            "Litigation",
            "Corporate law",
            "Labour law",
        ),
    ),
    "education": (
        "Education",
        "Образование",
        (
            "Teaching",
            "Lesson planning",
            "Early childhood education",
        ),
    ),
    "construction": (
        "Construction",
        "Строительство",
        (
            "AutoCAD",
            "Revit",
            "Estimating",
            "Construction supervision",
        ),
    ),
    "production": (
        "Production",
        "Производство",
        (
            "Welding",
            "Electrical installation",
            "Quality control",
            "Production technology",
        ),
    ),
    "hospitality": (
        "Hospitality",
        "Общепит и гостиницы",
        (
            "Cooking",
            "Table service",
            "Customer service",
        ),
    ),
}

# The fields in Kazakh, as hh.kz's Kazakh pages and enbek.kz name them.
_CATEGORY_NAMES_KK: dict[str, str] = {
    "programming": "Бағдарламалау",
    "design": "Дизайн",
    "marketing": "Маркетинг",
    "data_analysis": "Деректерді талдау",
    "management": "Басқару",
    "finance": "Қаржы",
    "sales": "Сауда",
    "logistics": "Логистика",
    "medicine": "Медицина",
    "retail": "Бөлшек сауда",
    "accounting": "Бухгалтерия",
    "hr": "Персонал (HR)",
    "legal": "Құқық",
    "education": "Білім беру",
    "construction": "Құрылыс",
    "production": "Өндіріс",
    "hospitality": "Қоғамдық тамақтану және қонақүйлер",
}

CATEGORIES: dict[str, Category] = {
    key: Category(
        key=key,
        name_en=name_en,
        name_ru=name_ru,
        skills=skills,
        name_kk=_CATEGORY_NAMES_KK.get(key, ""),
    )
    for key, (name_en, name_ru, skills) in _CATEGORY_SKILLS.items()
}

CANONICAL_SKILLS: tuple[str, ...] = tuple(_TEXT_ALIASES)

# Skill → its first (primary) category, in catalogue order.
_PRIMARY_CATEGORY: dict[str, str] = {}
for _category in CATEGORIES.values():
    for _skill in _category.skills:
        _PRIMARY_CATEGORY.setdefault(_skill, _category.key)


# ----------------------------------------------------------------------------- patterns


def _pattern(text: str) -> tuple[str, ...]:
    return tuple(text_stems(text))


def _build_text_patterns() -> dict[str, tuple[tuple[str, ...], ...]]:
    result: dict[str, tuple[tuple[str, ...], ...]] = {}
    for skill, aliases in _TEXT_ALIASES.items():
        patterns = dict.fromkeys(p for p in map(_pattern, (skill, *aliases)) if p)
        result[skill] = tuple(patterns)
    return result


_SKILL_PATTERNS = _build_text_patterns()


def _build_name_index() -> dict[tuple[str, ...], str]:
    """Stemmed whole name → canonical skill, for names typed by a person."""
    index: dict[tuple[str, ...], str] = {}
    for skill, patterns in _SKILL_PATTERNS.items():
        for pattern in patterns:
            index.setdefault(pattern, skill)
    for skill, aliases in _NAME_ALIASES.items():
        for alias in aliases:
            index.setdefault(_pattern(alias), skill)
    return index


_NAME_INDEX = _build_name_index()
# Unstemmed normalised spellings for typo matching («Javascirpt», «Photoshp»).
_FUZZY_CHOICES: dict[str, str] = {}
for _skill, _aliases in (*_TEXT_ALIASES.items(), *_NAME_ALIASES.items()):
    for _spelling in (_skill, *_aliases):
        _normalised = normalize_text(_spelling)
        if len(_normalised) >= FUZZY_MIN_LENGTH:
            _FUZZY_CHOICES.setdefault(_normalised, _skill)


def skill_patterns(skill: str) -> tuple[tuple[str, ...], ...]:
    """Stemmed token sequences that count as a mention of ``skill`` in text.

    A catalogue skill has its name and aliases; an unknown skill is matched by its own
    stemmed words.
    """
    canonical = canonical_skill(skill)
    if canonical is not None:
        return _SKILL_PATTERNS[canonical]
    own = _pattern(skill)
    return (own,) if own else ()


# ----------------------------------------------------------------------------- matcher


class SkillMatcher:
    """Finds skills in text: longest stemmed token sequence wins at each position.

    Longest-match makes «1С:Бухгалтерия» one mention rather than «1C» + «Accounting», and
    «java script» JavaScript rather than Java.
    """

    def __init__(
        self, patterns: Mapping[str, Iterable[tuple[str, ...]]], cache_size: int = 200_000
    ) -> None:
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for skill, skill_patterns_ in patterns.items():
            for pattern in skill_patterns_:
                if pattern:
                    by_first.setdefault(pattern[0], []).append((pattern, skill))
        self._by_first = {
            first: sorted(candidates, key=lambda item: -len(item[0]))
            for first, candidates in by_first.items()
        }
        words = {word for candidates in by_first.values() for p, _ in candidates for word in p}
        # Snowball only strips endings, so a word that starts like no pattern word cannot
        # stem into one: skipping its (slow, pure-Python) stemming keeps a cold scan of
        # 2,000 descriptions fast. Short pattern words («ad» from «ads») are checked as
        # two-letter prefixes.
        self._short = frozenset(word for word in words if len(word) <= 2)
        self._prefixes = frozenset(word[:3] for word in words if len(word) >= 3)
        self._chunk_stems = lru_cache(maxsize=cache_size)(self._stems_of_chunk)

    def _may_match(self, token: str) -> bool:
        return token[:3] in self._prefixes or token[:2] in self._short

    def _stems_of_chunk(self, chunk: str) -> tuple[str, ...]:
        return tuple(stem(token) if self._may_match(token) else "" for token in chunk_tokens(chunk))

    def chunk_stems(self, chunk: str) -> tuple[str, ...]:
        """The stems :meth:`ordered_in_stems` reads for one chunk of
        :func:`core.domain.text.split_chunks` ("" for a token no pattern can match)."""
        return self._chunk_stems(chunk)

    def ordered_in_stems(self, stems: Sequence[str]) -> list[str]:
        """Skills in order of first mention: at each position, the longest pattern
        starting there wins and the positions it covers are passed over."""
        found: dict[str, None] = {}
        by_first = self._by_first
        free = 0  # the first position no earlier match covers
        # Only positions holding a pattern's first word can start a match: the scan in C
        # finds them (most stems are "" or no pattern's first word).
        for position in compress(count(), map(by_first.__contains__, stems)):
            if position < free:
                continue
            for pattern, skill in by_first[stems[position]]:
                if tuple(stems[position : position + len(pattern)]) == pattern:
                    found[skill] = None
                    free = position + len(pattern)
                    break
        return list(found)

    def find_in_stems(self, stems: Sequence[str]) -> set[str]:
        return set(self.ordered_in_stems(stems))

    def _match_stems(self, text: str) -> list[str]:
        if not isinstance(text, str) or not text:
            return []
        return list(chain.from_iterable(map(self._chunk_stems, split_chunks(text))))

    def find_ordered(self, text: str) -> list[str]:
        return self.ordered_in_stems(self._match_stems(text))

    def find(self, text: str) -> set[str]:
        return set(self.find_ordered(text))


_MATCHER = SkillMatcher(_SKILL_PATTERNS)


def find_skills(text: str) -> set[str]:
    """Canonical catalogue skills mentioned in plain text, in any inflection or alias."""
    return _MATCHER.find(text)


def find_skills_ordered(text: str) -> list[str]:
    """Like :func:`find_skills`, in order of first mention."""
    return _MATCHER.find_ordered(text)


def skill_stems_of_chunk(chunk: str) -> tuple[str, ...]:
    """What skill matching reads of one lowercased chunk (:func:`text.split_chunks`):
    the stems of :func:`find_skills_in_stems`."""
    return _MATCHER.chunk_stems(chunk)


def find_skills_in_stems(stems: Sequence[str]) -> list[str]:
    """:func:`find_skills_ordered` of a text given as the :func:`skill_stems_of_chunk` of
    its chunks, concatenated."""
    return _MATCHER.ordered_in_stems(stems)


# ----------------------------------------------------------------------------- names

_MARKUP = re.compile(r"<[^>]*>?")
# Letters, digits, spaces and the few symbols skill names use; everything else
# (control characters, quotes, ;, <, >, emoji) goes.
_DISALLOWED = re.compile(r"[^\w\s+#./\-&()'’:,]|_")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u206f\ufeff]")
_EDGE_PUNCTUATION = " ,:;-/&'’"
# Words that wrap a skill when people type it: «знание Excel», «опыт работы с 1С».
_FILLER_STEMS = frozenset(
    text_stems(
        "знание знания опыт работы работа с в со и владение уверенный пользователь навыки "
        "навык умение хорошее отличное базовое knowledge of experience with in and skills "
        "уровень продвинутый advanced basic"
    )
)


def clean_skill_name(name: str) -> str:
    """A free-text skill made safe to store and show: markup, control characters and
    symbols outside names like «C++», «UI/UX», «Driver's license» removed, whitespace
    collapsed, trimmed to 50 characters."""
    if not isinstance(name, str):
        return ""
    text = unicodedata.normalize("NFKC", name[: MAX_SKILL_LENGTH * 20])
    text = _INVISIBLE.sub("", _MARKUP.sub(" ", text))
    text = _DISALLOWED.sub(" ", text)
    text = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    return text[:MAX_SKILL_LENGTH].strip(_EDGE_PUNCTUATION)


def _canonical_by_mention(stems: list[str]) -> str | None:
    """«знание экселя» → Excel: exactly one catalogue skill plus filler words only."""
    found = _MATCHER.find_in_stems(stems)
    if len(found) != 1:
        return None
    skill = next(iter(found))
    mentioned = {token for pattern in _SKILL_PATTERNS[skill] for token in pattern}
    rest = [s for s in stems if s not in mentioned and s not in _FILLER_STEMS]
    return skill if not rest else None


def _canonical_by_typo(normalised: str) -> str | None:
    if len(normalised) < FUZZY_MIN_LENGTH:
        return None
    close = process.extract(
        normalised,
        _FUZZY_CHOICES.keys(),
        scorer=fuzz.ratio,
        score_cutoff=FUZZY_UNIQUE_SCORE - FUZZY_UNIQUE_MARGIN,
        limit=None,
    )
    if not close:
        return None
    best_choice, best_score, _ = max(close, key=lambda match: match[1])
    best = _FUZZY_CHOICES[best_choice]
    if best_score >= FUZZY_MIN_SCORE:
        return best
    rivals = (score for choice, score, _ in close if _FUZZY_CHOICES[choice] != best)
    if (
        best_score >= FUZZY_UNIQUE_SCORE
        and max(rivals, default=0.0) <= best_score - FUZZY_UNIQUE_MARGIN
    ):
        return best
    return None


@lru_cache(maxsize=20_000)
def _canonical_cached(name: str) -> str | None:
    tokens = tokenize(clean_skill_name(name))
    if not tokens:
        return None
    stems = stem_tokens(tokens)
    exact = _NAME_INDEX.get(tuple(stems))
    if exact is not None:
        return exact
    return _canonical_by_mention(stems) or _canonical_by_typo(" ".join(tokens))


def canonical_skill(name: str) -> str | None:
    """The catalogue name for a typed skill («эксель», «Postgres», «pythn»), else None."""
    if not isinstance(name, str) or not name.strip():
        return None
    return _canonical_cached(name[:200])


def is_known_skill(name: str) -> bool:
    return canonical_skill(name) is not None


@lru_cache(maxsize=50_000)
def skill_key(name: str) -> str:
    """The key every skill comparison uses: the canonical name when the skill is known,
    otherwise its normalised, stemmed words (cached: extraction and every card's skill gap
    ask for the same few thousand names)."""
    canonical = canonical_skill(name)
    if canonical is not None:
        return canonical
    return " ".join(text_stems(clean_skill_name(name)))


def canonicalize_skills(names: Iterable[str]) -> list[str]:
    """Canonical names in the given order; unknown skills kept (cleaned); no duplicates."""
    result: list[str] = []
    seen: set[str] = set()
    for name in names:
        display = canonical_skill(name) or clean_skill_name(name)
        key = skill_key(display)
        if display and key and key not in seen:
            seen.add(key)
            result.append(display)
    return result


def category_of(skill: str) -> str | None:
    """The skill's primary category key (the first catalogue category listing it)."""
    canonical = canonical_skill(skill)
    return _PRIMARY_CATEGORY.get(canonical) if canonical else None


def skills_for_categories(keys: Iterable[str]) -> list[str]:
    """Catalogue skills of the given categories, in catalogue order, without repeats."""
    skills: dict[str, None] = {}
    for key in keys:
        category = CATEGORIES.get(key)
        if category is not None:
            skills.update(dict.fromkeys(category.skills))
    return list(skills)


# A skill that belongs to several fields is read in the person's chosen field: «1С» said by
# an accountant is the accounting program, by a programmer 1С programming.
_READ_IN_FIELD: dict[str, tuple[frozenset[str], frozenset[str], str]] = {
    # skill: (fields that read it otherwise, fields that keep it, the skill it then is)
    "1C": (frozenset({"accounting", "finance"}), frozenset({"programming"}), "1С:Бухгалтерия"),
}


def _words(text: str) -> frozenset[str]:
    return frozenset(stem_tokens(tokenize(normalize_text(text))))


@lru_cache(maxsize=1)
def _category_names() -> dict[str, tuple[frozenset[str], ...]]:
    return {
        key: tuple(_words(name) for name in (key, c.name_en, c.name_ru, c.name_kk) if name)
        for key, c in CATEGORIES.items()
    }


def categories_named(text: str) -> list[str]:
    """The fields a typed answer names («продажи, бухгалтерия» → sales, accounting), in
    any of the bot's languages: a part naming one field exactly, or else naming part of
    exactly one field's name («торговля» → retail); parts naming none are left out."""
    found: list[str] = []
    for part in re.split(r"[,;\n]+", text[:1000]):
        words = _words(part)
        if not words:
            continue
        names = _category_names()
        exact = [k for k, variants in names.items() if words in variants]
        loose = [k for k, variants in names.items() if any(words <= v for v in variants)]
        for key in exact or (loose if len(loose) == 1 else []):
            if key not in found:
                found.append(key)
    return found


def read_in_fields(name: str, fields: Iterable[str]) -> str:
    """``name`` as a person of these fields means it: the catalogue skill it is in their
    field, else the name unchanged."""
    canonical = canonical_skill(name)
    rule = _READ_IN_FIELD.get(canonical) if canonical is not None else None
    if rule is None:
        return name
    chosen = frozenset(fields)
    readers, keepers, reading = rule
    if chosen.isdisjoint(readers) or not chosen.isdisjoint(keepers):
        return name
    return reading
