"""Job titles: suggested from skills, and typed ones made safe (Kazakh → Russian)."""

from __future__ import annotations

from collections.abc import Sequence

from core.skills import canonical_skill, clean_skill_name
from core.text import normalize_text

# (title, core skills: worth 2, related skills: worth 1). Titles are HH search text, so
# they are written the way hh.kz vacancies are named (English for IT, Russian otherwise).
_TITLE_RULES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = tuple(
    (title, frozenset(core), frozenset(related))
    for title, core, related in (
        ("Python developer", {"Python"}, {"Django", "FastAPI", "Flask", "PostgreSQL"}),
        ("Backend developer", {"Django", "FastAPI", "Flask", "Spring", "Node.js", "REST API"},
         {"Python", "Java", "Go", "PHP", "C#", "PostgreSQL", "MySQL", "Docker", "Redis"}),
        ("Frontend developer", {"React", "Vue.js", "Angular", "TypeScript"},
         {"JavaScript", "HTML", "CSS"}),
        ("Java developer", {"Java", "Spring"}, {"Kotlin", "SQL"}),
        ("Go developer", {"Go"}, {"Docker", "Kubernetes", "PostgreSQL"}),
        (".NET developer", {"C#", ".NET"}, {"SQL"}),
        ("PHP developer", {"PHP"}, {"MySQL", "JavaScript"}),
        ("Программист 1С", {"1C"}, {"SQL"}),
        ("Mobile developer", {"Kotlin", "Swift"}, {"Java"}),
        ("DevOps engineer", {"Docker", "Kubernetes", "CI/CD"}, {"Linux", "Git"}),
        ("Data analyst", {"Power BI", "Tableau", "Data visualization", "pandas"},
         {"Excel", "SQL", "Python", "Statistics", "A/B testing"}),
        ("Data scientist", {"Machine learning"}, {"Python", "pandas", "NumPy", "Statistics"}),
        ("UI/UX designer", {"UI/UX Design", "Figma"}, {"Web design"}),
        ("Графический дизайнер", {"Graphic design", "Illustrator", "Photoshop", "CorelDRAW"},
         {"Adobe InDesign", "Figma"}),
        ("3D-дизайнер", {"3D modeling"}, set()),
        ("Маркетолог", {"Marketing analytics", "Content marketing", "Email marketing"},
         {"Google Analytics", "Яндекс.Метрика", "SEO", "SMM"}),
        ("SMM-менеджер", {"SMM", "Targeting"}, {"Copywriting", "Content marketing"}),
        ("Интернет-маркетолог", {"Яндекс.Директ", "Google Ads", "SEO"},
         {"Google Analytics", "Яндекс.Метрика", "Targeting"}),
        ("Копирайтер", {"Copywriting"}, {"Content marketing", "SEO"}),
        ("Project manager", {"Project management"}, {"Agile", "Scrum", "Jira", "Kanban"}),
        ("Product manager", {"Product management"}, {"Agile", "A/B testing", "Jira"}),
        ("Руководитель отдела", {"Team management", "Leadership"},
         {"Budgeting", "Strategic planning"}),
        ("Бухгалтер", {"Accounting", "1С:Бухгалтерия"}, {"Tax reporting", "Excel"}),
        ("Финансовый аналитик", {"Financial analysis", "Financial modeling"},
         {"Excel", "Budgeting", "МСФО (IFRS)", "Financial reporting"}),
        ("Аудитор", {"Audit"}, {"МСФО (IFRS)", "Accounting"}),
        ("Экономист", {"Budgeting", "Financial reporting"}, {"Excel", "Financial analysis"}),
        ("Менеджер по продажам", {"Sales", "Cold calling", "B2B sales", "B2C sales"},
         {"CRM", "Negotiations"}),
        ("Key account manager", {"Key account management"}, {"B2B sales", "Negotiations"}),
        ("Логист", {"Logistics", "Supply chain"}, {"Foreign trade (ВЭД)", "Excel"}),
        ("Специалист по ВЭД", {"Foreign trade (ВЭД)"}, {"Logistics"}),
        ("Менеджер по закупкам", {"Procurement"}, {"Supply chain", "Negotiations"}),
        ("Кладовщик", {"Warehouse management", "Inventory"}, set()),
        ("Водитель", {"Driver's license B", "Driver's license C"}, set()),
        ("Медсестра", {"Nursing"}, set()),
        ("Фармацевт", {"Pharmacy"}, set()),
        ("Врач", {"General practice", "Pediatrics", "Dentistry"}, set()),
        ("Лаборант", {"Laboratory diagnostics"}, set()),
        ("Продавец-консультант", {"Sales consultant"}, {"Customer service", "Cashier"}),
        ("Кассир", {"Cashier"}, {"Customer service"}),
        ("Мерчандайзер", {"Merchandising"}, {"Inventory"}),
        ("Специалист по работе с клиентами", {"Customer service"}, {"CRM"}),
    )
)

# Kazakh job titles people type, and the Russian ones HH vacancies use.
_KAZAKH_TITLES: dict[str, str] = {
    "есепші": "Бухгалтер",
    "жүргізуші": "Водитель",
    "сатушы": "Продавец",
    "мұғалім": "Учитель",
    "аспаз": "Повар",
    "дәрігер": "Врач",
    "мейірбике": "Медсестра",
    "бағдарламашы": "Программист",
    "күзетші": "Охранник",
    "тазалаушы": "Уборщица",
    "кассир": "Кассир",
    "менеджер": "Менеджер",
    "заңгер": "Юрист",
    "экономист": "Экономист",
    "дизайнер": "Дизайнер",
}
_KAZAKH_TITLE_KEYS = {normalize_text(word): title for word, title in _KAZAKH_TITLES.items()}
MAX_TITLE_LENGTH = 80


def suggest_job_titles(skills: Sequence[str], limit: int = 5) -> list[str]:
    """Job titles to search for, best first: Python + Django → "Python developer", …"""
    keys = {canonical_skill(name) for name in skills if isinstance(name, str)} - {None}
    scored: list[tuple[int, int, str]] = []
    for order, (title, core, related) in enumerate(_TITLE_RULES):
        score = 2 * len(keys & core) + len(keys & related)
        if len(keys & core) > 0 or len(keys & related) > 1:
            scored.append((-score, order, title))
    return [title for _, _, title in sorted(scored)[: max(limit, 0)]]


def normalize_job_title(title: str) -> str:
    """A typed job title made safe, with Kazakh titles translated («есепші» → «Бухгалтер»)."""
    cleaned = clean_skill_name(title)[:MAX_TITLE_LENGTH]
    return _KAZAKH_TITLE_KEYS.get(normalize_text(cleaned), cleaned)
