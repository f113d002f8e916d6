"""How catalogue skills and suggested job titles are *shown*, per language.

A skill's canonical name (:mod:`core.domain.skills`) is its identity: it is what preferences,
matching and learning store and compare. This module only changes what a person reads:
«Accounting» is shown as «Бухгалтерский учёт» in a Russian chat, «Яндекс.Директ» as
«Yandex Direct» in an English one. Every display name is itself a name the catalogue
reads back as the same skill (``canonical_skill(display_skill(x, lang)) == x``), so a
name copied from a message and typed back means the same thing.

Anything that is not a catalogue name or a suggested title (a free-text skill, a title
the person typed, an HH key skill the catalogue does not know) is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.domain.roles import ROLES

__all__ = [
    "JOB_TITLE_NAMES",
    "SKILL_NAMES",
    "display_job_title",
    "display_skill",
    "display_topic",
]

# Canonical name → display name, per language. A skill missing from a language's table
# is shown by its canonical name: tech and product names (Python, SQL, Excel, Figma,
# Power BI) read the same in both languages.
SKILL_NAMES: dict[str, Mapping[str, str]] = {
    "en": {
        "1С:Бухгалтерия": "1C:Accounting",
        "Яндекс.Директ": "Yandex Direct",
        "Яндекс.Метрика": "Yandex Metrica",
        "МСФО (IFRS)": "IFRS",
        "Foreign trade (ВЭД)": "Foreign trade",
    },
    "ru": {
        # programming: «1С» with a Cyrillic С, as Russian text writes it
        "1C": "1С",
        # design
        "UI/UX Design": "UI/UX дизайн",
        "3D modeling": "3D-моделирование",
        "Web design": "Веб-дизайн",
        "Graphic design": "Графический дизайн",
        # marketing
        "Copywriting": "Копирайтинг",
        "Content marketing": "Контент-маркетинг",
        "Targeting": "Таргетированная реклама",
        "Email marketing": "Email-маркетинг",
        "Marketing analytics": "Маркетинговая аналитика",
        # data analysis
        "Statistics": "Статистика",
        "Machine learning": "Машинное обучение",
        "Data visualization": "Визуализация данных",
        "A/B testing": "A/B тестирование",
        # management
        "Project management": "Управление проектами",
        "Leadership": "Лидерство",
        "Budgeting": "Бюджетирование",
        "Team management": "Управление командой",
        "Risk management": "Управление рисками",
        "Strategic planning": "Стратегическое планирование",
        "Product management": "Управление продуктом",
        # finance
        "Accounting": "Бухгалтерский учёт",
        "Payroll": "Расчёт заработной платы",
        "Primary documents": "Первичная документация",
        "Recruiting": "Подбор персонала",
        "HR administration": "Кадровое делопроизводство",
        "Staff onboarding": "Адаптация персонала",
        "Labour law": "Трудовое право",
        "Civil law": "Гражданское право",
        "Contract work": "Договорная работа",
        "Litigation": "Судебная практика",
        "Corporate law": "Корпоративное право",
        "Teaching": "Преподавание",
        "Lesson planning": "Планирование уроков",
        "Early childhood education": "Дошкольное образование",
        "Estimating": "Сметное дело",
        "Construction supervision": "Технический надзор",
        "Welding": "Сварка",
        "Electrical installation": "Электромонтаж",
        "Quality control": "Контроль качества",
        "Production technology": "Технология производства",
        "Cooking": "Приготовление блюд",
        "Table service": "Обслуживание гостей",
        "Financial analysis": "Финансовый анализ",
        "Tax reporting": "Налоговая отчётность",
        "Audit": "Аудит",
        "Financial modeling": "Финансовое моделирование",
        "Financial reporting": "Финансовая отчётность",
        # sales
        "Sales": "Продажи",
        "Cold calling": "Холодные звонки",
        "B2B sales": "B2B-продажи",
        "B2C sales": "B2C-продажи",
        "Negotiations": "Ведение переговоров",
        "Key account management": "Работа с ключевыми клиентами",
        # logistics
        "Logistics": "Логистика",
        "Warehouse management": "Складской учёт",
        "Driver's license B": "Права категории B",
        "Driver's license C": "Права категории C",
        "Foreign trade (ВЭД)": "ВЭД",
        "Supply chain": "Цепи поставок",
        "Procurement": "Закупки",
        # medicine
        "Nursing": "Сестринское дело",
        "Pharmacy": "Фармация",
        "General practice": "Терапия",
        "Pediatrics": "Педиатрия",
        "Dentistry": "Стоматология",
        "Laboratory diagnostics": "Лабораторная диагностика",
        # retail
        "Cashier": "Работа на кассе",
        "Sales consultant": "Продавец-консультант",
        "Merchandising": "Мерчандайзинг",
        "Customer service": "Обслуживание клиентов",
        "Inventory": "Инвентаризация",
    },
}

# Suggested job title (core.domain.job_titles: written as hh.kz vacancies name the job, the
# stored identity) → (English, Russian) display names.
JOB_TITLE_NAMES: dict[str, tuple[str, str]] = {
    "Python developer": ("Python developer", "Python-разработчик"),
    "Backend developer": ("Backend developer", "Backend-разработчик"),
    "Frontend developer": ("Frontend developer", "Frontend-разработчик"),
    "Java developer": ("Java developer", "Java-разработчик"),
    "Go developer": ("Go developer", "Go-разработчик"),
    ".NET developer": (".NET developer", ".NET-разработчик"),
    "PHP developer": ("PHP developer", "PHP-разработчик"),
    "Программист 1С": ("1C developer", "Программист 1С"),
    "Mobile developer": ("Mobile developer", "Мобильный разработчик"),
    "DevOps engineer": ("DevOps engineer", "DevOps-инженер"),
    "Data analyst": ("Data analyst", "Аналитик данных"),
    "Data scientist": ("Data scientist", "Специалист по Data Science"),
    "UI/UX designer": ("UI/UX designer", "UI/UX-дизайнер"),
    "Графический дизайнер": ("Graphic designer", "Графический дизайнер"),
    "3D-дизайнер": ("3D designer", "3D-дизайнер"),
    "Маркетолог": ("Marketing specialist", "Маркетолог"),
    "SMM-менеджер": ("SMM manager", "SMM-менеджер"),
    "Интернет-маркетолог": ("Digital marketer", "Интернет-маркетолог"),
    "Копирайтер": ("Copywriter", "Копирайтер"),
    "Project manager": ("Project manager", "Менеджер проектов"),
    "Product manager": ("Product manager", "Продакт-менеджер"),
    "Руководитель отдела": ("Head of department", "Руководитель отдела"),
    "Бухгалтер": ("Accountant", "Бухгалтер"),
    "Финансовый аналитик": ("Financial analyst", "Финансовый аналитик"),
    "Аудитор": ("Auditor", "Аудитор"),
    "Экономист": ("Economist", "Экономист"),
    "Менеджер по продажам": ("Sales manager", "Менеджер по продажам"),
    "Key account manager": ("Key account manager", "Менеджер по работе с ключевыми клиентами"),
    "Логист": ("Logistics specialist", "Логист"),
    "Специалист по ВЭД": ("Foreign trade specialist", "Специалист по ВЭД"),
    "Менеджер по закупкам": ("Purchasing manager", "Менеджер по закупкам"),
    "Кладовщик": ("Warehouse keeper", "Кладовщик"),
    "Водитель": ("Driver", "Водитель"),
    "Медсестра": ("Nurse", "Медсестра"),
    "Фармацевт": ("Pharmacist", "Фармацевт"),
    "Врач": ("Doctor", "Врач"),
    "Лаборант": ("Laboratory assistant", "Лаборант"),
    "Продавец-консультант": ("Sales assistant", "Продавец-консультант"),
    "Кассир": ("Cashier", "Кассир"),
    "Мерчандайзер": ("Merchandiser", "Мерчандайзер"),
    "Специалист по работе с клиентами": (
        "Customer service specialist",
        "Специалист по работе с клиентами",
    ),
}
_TITLE_LANGUAGES = ("en", "ru")
# A catalogue role's English name (what suggestions store) → the role, for its names.
_ROLE_NAMES = {role.name_en: role for role in ROLES}


def display_skill(name: str, lang: str) -> str:
    """How a skill is shown in ``lang``: a catalogue skill by its display name there, any
    other skill exactly as it was typed."""
    if not isinstance(name, str):
        return ""
    return SKILL_NAMES.get(_catalogue_language(lang), {}).get(name, name)


def display_job_title(title: str, lang: str) -> str:
    """How a suggested job title is shown in ``lang``; a typed title as it was typed."""
    if not isinstance(title, str):
        return ""
    role = _ROLE_NAMES.get(title)
    if role is not None:
        return role.name(lang)
    names = JOB_TITLE_NAMES.get(title)
    lang = _catalogue_language(lang)
    if names is None or lang not in _TITLE_LANGUAGES:
        return title
    return names[_TITLE_LANGUAGES.index(lang)]


def _catalogue_language(lang: str) -> str:
    # The catalogue's skills and titles have English and Russian names (HH's own); a
    # Kazakh reader gets the Russian ones, as hh.kz shows them, rather than English.
    return "ru" if lang == "kk" else lang


def display_topic(topic: str, lang: str) -> str:
    """A phrase that is either a job title or a skill (the digest topic)."""
    if topic in JOB_TITLE_NAMES or topic in _ROLE_NAMES:
        return display_job_title(topic, lang)
    return display_skill(topic, lang)
