"""What a person works as: the role catalogue, and which role a vacancy is.

A *role* is what a job seeker chooses ("Python developer", «Бухгалтер») and what decides
whether a vacancy is theirs at all; skills, city and pay only order the vacancies of
their roles (reference/RANKING.md; issue "roles are first-class").

Each role knows
- its HH professional roles (``/professional_roles`` ids): the vacancy's own label;
- the phrases that name it in a vacancy title, each a set of word stems that must all be
  in the title («python разработчик» matches «Backend-разработчик (Python)»);
- the words a person would type on hh.kz to find it (the HH query text);
- the catalogue skills that suggest it, for the suggestions shown at onboarding.

The catalogue covers the common roles of Kazakhstan's market, IT and beyond. A title the
person types that is not in the catalogue still works: it is matched as its own phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from core.domain.skills import canonical_skill, read_in_fields
from core.domain.text import normalize_text, stem_tokens, tokenize

TitleStems = frozenset[str]


@dataclass(frozen=True, slots=True)
class Role:
    key: str
    name_en: str
    name_ru: str
    field: str  # a core.domain.skills category key
    hh_role_ids: tuple[str, ...]
    search_text: tuple[str, ...]  # what a person types on hh.kz, OR-ed in the query
    title_phrases: tuple[str, ...]  # any of them in a title names the role
    core_skills: tuple[str, ...] = ()  # a person with these is likely this role
    related_skills: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other ways a person types the role (kk, en, ru)
    # The broader role this one specialises («Учитель английского» of «Учитель»): a title
    # naming both is this role's, and a person of the broader role takes this one's jobs.
    parent: str | None = None

    def name(self, language: str) -> str:
        return self.name_ru if language in ("ru", "kk") else self.name_en


_DEV = ("разработчик", "developer", "программист", "engineer", "инженер", "dev")


def _dev(*tech: str) -> tuple[str, ...]:
    return tuple(f"{t} {noun}" for t in tech for noun in _DEV)


ROLES: tuple[Role, ...] = (
    # --- IT
    Role(
        "python_developer",
        "Python developer",
        "Python-разработчик",
        "programming",
        ("96",),
        ("Python",),
        (*_dev("python", "django", "питон"), "python backend"),
        ("Python", "Django", "FastAPI", "Flask"),
        ("PostgreSQL", "REST API", "Docker"),
    ),
    Role(
        "java_developer",
        "Java developer",
        "Java-разработчик",
        "programming",
        ("96",),
        ("Java",),
        _dev("java", "spring"),
        ("Java", "Spring"),
        ("Kotlin", "SQL"),
    ),
    Role(
        "frontend_developer",
        "Frontend developer",
        "Frontend-разработчик",
        "programming",
        ("96",),
        ("Frontend", "React", "Фронтенд"),
        (
            *_dev("frontend", "фронтенд", "react", "vue", "angular", "javascript", "front"),
            "верстальщик",
        ),
        ("React", "Vue.js", "Angular", "TypeScript", "JavaScript"),
        ("HTML", "CSS"),
    ),
    Role(
        "fullstack_developer",
        "Fullstack developer",
        "Fullstack-разработчик",
        "programming",
        ("96",),
        ("Fullstack",),
        _dev("fullstack", "фулстек", "full stack"),
        ("Node.js",),
        ("React", "JavaScript", "TypeScript"),
    ),
    Role(
        "backend_developer",
        "Backend developer",
        "Backend-разработчик",
        "programming",
        ("96",),
        ("Backend",),
        _dev("backend", "бэкенд", "back end"),
        ("REST API",),
        ("PostgreSQL", "Docker", "Redis"),
    ),
    Role(
        "go_developer",
        "Go developer",
        "Go-разработчик",
        "programming",
        ("96",),
        ("Golang",),
        _dev("go", "golang"),
        ("Go",),
        ("Kubernetes",),
    ),
    Role(
        "dotnet_developer",
        ".NET developer",
        "C#-разработчик",
        "programming",
        ("96",),
        ("C#", ".NET"),
        _dev("c#", ".net", "net", "dotnet"),
        ("C#", ".NET"),
        (),
    ),
    Role(
        "php_developer",
        "PHP developer",
        "PHP-разработчик",
        "programming",
        ("96",),
        ("PHP",),
        _dev("php", "laravel"),
        ("PHP",),
        ("MySQL",),
    ),
    Role(
        "onec_developer",
        "1C developer",
        "Программист 1С",
        "programming",
        ("96",),
        ('"Программист 1С"', '"Разработчик 1С"'),
        (
            "программист 1с",
            "разработчик 1с",
            "1с developer",
            "1с программист",
            "1с разработчик",
            "консультант 1с",
        ),
        ("1C",),
        (),
        ("1с программист", "1c developer"),
    ),
    Role(
        "mobile_developer",
        "Mobile developer",
        "Мобильный разработчик",
        "programming",
        ("96",),
        ("Android", "iOS"),
        _dev("android", "ios", "mobile", "мобильный", "flutter", "kotlin", "swift"),
        ("Kotlin", "Swift"),
        (),
    ),
    Role(
        "qa_engineer",
        "QA engineer",
        "Тестировщик",
        "programming",
        ("124",),
        ("Тестировщик", "QA"),
        ("тестировщик", "qa", "тестированию", "tester", "test engineer", "автотест"),
        (),
        ("SQL",),
        ("qa engineer", "тестировщик по"),
    ),
    Role(
        "devops_engineer",
        "DevOps engineer",
        "DevOps-инженер",
        "programming",
        ("160",),
        ("DevOps",),
        ("devops", "sre", "site reliability"),
        ("Kubernetes", "CI/CD"),
        ("Docker", "Linux"),
    ),
    Role(
        "data_analyst",
        "Data analyst",
        "Аналитик данных",
        "data_analysis",
        ("156", "10"),
        ('"Аналитик данных"', '"Data analyst"', '"BI-аналитик"'),
        (
            "аналитик данных",
            "data analyst",
            "bi аналитик",
            "bi analyst",
            "аналитик bi",
            "продуктовый аналитик",
            "product analyst",
        ),
        ("Power BI", "Tableau", "pandas", "Data visualization"),
        ("SQL", "Excel", "Statistics"),
    ),
    Role(
        "data_scientist",
        "Data scientist",
        "Специалист по Data Science",
        "data_analysis",
        ("165",),
        ('"Data Scientist"', '"Machine learning"'),
        ("data scientist", "data science", "ml engineer", "machine learning", "дата сайентист"),
        ("Machine learning",),
        ("pandas", "NumPy", "Python"),
    ),
    # Builds the pipelines and the warehouse analysts read from; HH files it as a developer.
    Role(
        "data_engineer",
        "Data engineer",
        "Инженер данных",
        "data_analysis",
        ("96", "156"),
        ('"Data Engineer"', '"Инженер данных"', '"ETL"'),
        (
            "data engineer",
            "инженер данных",
            "дата инженер",
            "etl developer",
            "etl разработчик",
            "big data engineer",
        ),
        (),
        ("SQL", "Python"),
    ),
    Role(
        "system_analyst",
        "Systems/business analyst",
        "Системный / бизнес-аналитик",
        "data_analysis",
        ("148", "150", "10"),
        ('"Системный аналитик"', '"Бизнес-аналитик"'),
        ("системный аналитик", "бизнес аналитик", "system analyst", "business analyst"),
        (),
        (),
    ),
    # --- design, marketing
    Role(
        "designer",
        "Designer",
        "Дизайнер",
        "design",
        ("34",),
        ("Дизайнер", "Designer"),
        ("дизайнер", "designer", "иллюстратор"),
        (
            "Figma",
            "UI/UX Design",
            "Graphic design",
            "Photoshop",
            "Illustrator",
            "CorelDRAW",
            "Web design",
            "3D modeling",
        ),
        ("Adobe InDesign",),
        ("дизайнер", "designer"),
    ),
    Role(
        "marketer",
        "Marketer / SMM",
        "Маркетолог / SMM",
        "marketing",
        ("68", "163", "3"),
        ("Маркетолог", "SMM", "Marketing"),
        (
            "маркетолог",
            "smm",
            "marketing",
            "маркетинг",
            "таргетолог",
            "seo",
            "контекстная реклама",
            "копирайтер",
            "digital",
        ),
        (
            "SMM",
            "Targeting",
            "SEO",
            "Google Ads",
            "Яндекс.Директ",
            "Content marketing",
            "Marketing analytics",
            "Email marketing",
            "Copywriting",
        ),
        ("Google Analytics", "Яндекс.Метрика"),
    ),
    # --- accounting, finance
    Role(
        "accountant",
        "Accountant",
        "Бухгалтер",
        "accounting",
        ("18",),
        ("Бухгалтер",),
        ("бухгалтер", "accountant", "есепші"),
        ("Accounting", "1С:Бухгалтерия", "Tax reporting", "Payroll"),
        ("Excel", "МСФО (IFRS)"),
        ("есепші", "accountant"),
    ),
    Role(
        "chief_accountant",
        "Chief accountant",
        "Главный бухгалтер",
        "accounting",
        ("18",),
        ('"Главный бухгалтер"',),
        ("главный бухгалтер", "chief accountant", "бас есепші"),
        (),
        ("Accounting", "МСФО (IFRS)", "Tax reporting"),
        ("бас есепші",),
    ),
    Role(
        "financial_analyst",
        "Financial analyst",
        "Финансовый аналитик",
        "finance",
        ("134",),
        ('"Финансовый аналитик"', "Экономист", '"Financial analyst"'),
        (
            "финансовый аналитик",
            "financial analyst",
            "экономист",
            "финансовый менеджер",
            "finance manager",
            "инвестиционный аналитик",
            "financial controller",
        ),
        ("Financial analysis", "Financial modeling"),
        ("Budgeting", "Financial reporting"),
    ),
    Role(
        "auditor",
        "Auditor",
        "Аудитор",
        "finance",
        ("18",),
        ("Аудитор",),
        ("аудитор", "auditor"),
        ("Audit",),
        ("МСФО (IFRS)",),
    ),
    # --- HR, legal, management
    Role(
        "hr_manager",
        "HR manager / recruiter",
        "HR-менеджер / рекрутер",
        "hr",
        ("69", "117", "118"),
        ('"Менеджер по персоналу"', "HR", "Рекрутер"),
        ("персоналу", "hr", "рекрутер", "recruiter", "подбор", "кадрам", "talent"),
        ("Recruiting", "HR administration", "Staff onboarding"),
        ("Labour law",),
    ),
    Role(
        "lawyer",
        "Lawyer",
        "Юрист",
        "legal",
        ("146",),
        ("Юрист", "Юрисконсульт"),
        ("юрист", "юрисконсульт", "lawyer", "legal counsel", "заңгер", "адвокат"),
        ("Civil law", "Contract work", "Litigation", "Corporate law"),
        ("Labour law",),
        ("заңгер", "юрисконсульт"),
    ),
    Role(
        "project_manager",
        "Project manager",
        "Руководитель проектов",
        "management",
        ("107",),
        ('"Руководитель проектов"', '"Project manager"'),
        ("руководитель проектов", "project manager", "менеджер проектов", "проджект"),
        ("Project management",),
        ("Agile", "Scrum", "Jira"),
    ),
    Role(
        "product_manager",
        "Product manager",
        "Менеджер продукта",
        "management",
        ("73",),
        ('"Product manager"', '"Менеджер продукта"'),
        ("product manager", "менеджер продукта", "продакт", "product owner"),
        ("Product management",),
        ("A/B testing",),
    ),
    # --- sales, retail, hospitality
    Role(
        "sales_manager",
        "Sales manager",
        "Менеджер по продажам",
        "sales",
        ("70",),
        ("Продажи", "Sales"),
        (
            "менеджер по продажам",
            "sales manager",
            "sales",
            "менеджер с клиентами",
            "account manager",
            "специалист по продажам",
        ),
        ("Sales", "Cold calling", "B2B sales", "B2C sales", "Key account management"),
        ("CRM", "Negotiations"),
    ),
    # A sales rep serves shops on a territory (HH role 129); their supervisor manages reps
    # (HH role 123) — another job, though the title names them.
    Role(
        "sales_rep",
        "Sales representative",
        "Торговый представитель",
        "sales",
        ("129",),
        ('"Торговый представитель"', '"Торговый агент"'),
        ("торговый представитель", "торговый агент", "sales representative"),
        ("Merchandising",),
        ("Sales", "Driver's license B"),
    ),
    Role(
        "sales_supervisor",
        "Sales supervisor",
        "Супервайзер",
        "sales",
        ("123",),
        ("Супервайзер",),
        ("супервайзер", "supervisor"),
        (),
        (),
    ),
    Role(
        "shop_assistant",
        "Shop assistant / cashier",
        "Продавец-консультант / кассир",
        "retail",
        ("97",),
        ("Продавец", "Кассир"),
        ("продавец", "кассир", "консультант магазина", "сатушы"),
        ("Sales consultant", "Cashier", "Merchandising"),
        ("Customer service",),
        ("сатушы",),
    ),
    # HH files cooks, bakers and pastry chefs under one role (94); people type them apart.
    Role(
        "cook",
        "Cook",
        "Повар",
        "hospitality",
        ("94",),
        ("Повар", "Су-шеф"),
        ("повар", "су шеф", "шеф повар", "аспаз", "cook", "chef"),
        ("Cooking",),
        (),
        ("аспаз",),
    ),
    Role(
        "baker",
        "Baker / pastry chef",
        "Пекарь / кондитер",
        "hospitality",
        ("94",),
        ("Пекарь", "Кондитер"),
        ("пекарь", "кондитер", "baker", "pastry"),
        (),
        (),
    ),
    Role(
        "waiter",
        "Waiter / barista",
        "Официант / бариста",
        "hospitality",
        ("89",),
        ("Официант", "Бариста", "Бармен"),
        ("официант", "бариста", "бармен", "waiter", "barista"),
        ("Table service",),
        (),
    ),
    # --- logistics, drivers
    Role(
        "driver",
        "Driver",
        "Водитель",
        "logistics",
        ("21",),
        ("Водитель",),
        ("водитель", "driver", "жүргізуші", "экспедитор"),
        ("Driver's license B", "Driver's license C"),
        (),
        ("жүргізуші",),
    ),
    Role(
        "courier",
        "Courier",
        "Курьер",
        "logistics",
        ("58",),
        ("Курьер",),
        ("курьер", "courier"),
        (),
        (),
    ),
    # A storekeeper keeps the stock (HH 52), a logistician plans transport (HH 67), a
    # loader carries (HH 31): three jobs, whatever the shared word «склад».
    Role(
        "warehouse_worker",
        "Storekeeper",
        "Кладовщик",
        "logistics",
        ("52",),
        ("Кладовщик", '"Оператор склада"'),
        ("кладовщик", "оператор склада", "заведующий складом", "storekeeper", "warehouse"),
        ("Warehouse management", "Inventory"),
        (),
        ("склад",),
    ),
    Role(
        "logistician",
        "Logistician",
        "Логист",
        "logistics",
        ("67",),
        ("Логист", '"Менеджер по логистике"'),
        ("логист", "логистике", "logistics", "logistician"),
        ("Logistics", "Supply chain", "Foreign trade (ВЭД)"),
        ("Procurement",),
        ("логистика",),
    ),
    Role(
        "loader",
        "Loader",
        "Грузчик",
        "logistics",
        ("31",),
        ("Грузчик",),
        ("грузчик", "разнорабочий", "loader"),
        (),
        (),
    ),
    # --- medicine, education
    Role(
        "nurse",
        "Nurse",
        "Медсестра",
        "medicine",
        ("64",),
        ("Медсестра", '"Медицинская сестра"'),
        ("медсестра", "медицинская сестра", "медбрат", "медицинский брат", "nurse", "мейірбике"),
        ("Nursing",),
        (),
        ("мейірбике",),
    ),
    Role(
        "doctor",
        "Doctor",
        "Врач",
        "medicine",
        ("24",),
        ("Врач",),
        ("врач", "doctor", "дәрігер"),
        ("General practice",),
        (),
        ("дәрігер",),
    ),
    # A therapist takes a therapist's post, not a paediatrician's or a dentist's.
    Role(
        "therapist",
        "General practitioner",
        "Врач-терапевт",
        "medicine",
        ("24",),
        ("Терапевт", '"Врач общей практики"'),
        ("терапевт", "врач общей практики", "general practitioner", "therapist"),
        (),
        (),
        ("терапевт",),
        parent="doctor",
    ),
    Role(
        "paediatrician",
        "Paediatrician",
        "Врач-педиатр",
        "medicine",
        ("24",),
        ("Педиатр",),
        ("педиатр", "pediatrician", "paediatrician"),
        ("Pediatrics",),
        (),
        parent="doctor",
    ),
    Role(
        "dentist",
        "Dentist",
        "Стоматолог",
        "medicine",
        ("24",),
        ("Стоматолог",),
        ("стоматолог", "dentist"),
        ("Dentistry",),
        (),
        parent="doctor",
    ),
    Role(
        "surgeon",
        "Surgeon",
        "Хирург",
        "medicine",
        ("24",),
        ("Хирург",),
        ("хирург", "surgeon"),
        (),
        (),
        parent="doctor",
    ),
    Role(
        "pharmacist",
        "Pharmacist",
        "Фармацевт",
        "medicine",
        ("133",),
        ("Фармацевт", "Провизор"),
        ("фармацевт", "провизор", "pharmacist"),
        ("Pharmacy",),
        (),
    ),
    Role(
        "teacher",
        "Teacher",
        "Учитель / преподаватель",
        "education",
        ("132", "23"),
        ("Учитель", "Преподаватель", "Педагог"),
        (
            "учитель",
            "преподаватель",
            "педагог",
            "воспитатель",
            "teacher",
            "tutor",
            "репетитор",
            "мұғалім",
        ),
        ("Teaching", "Early childhood education"),
        ("Lesson planning",),
        ("мұғалім",),
    ),
    # A teacher of a subject: «Учитель английского» takes English lessons, not maths.
    *(
        Role(
            f"{subject}_teacher",
            f"{name_en} teacher",
            f"Учитель {genitive}",
            "education",
            ("132",),
            (f'"Учитель {genitive}"', f'"Преподаватель {genitive}"'),
            tuple(
                f"{noun} {stem}"
                for noun in ("учитель", "преподаватель", "репетитор", "педагог", "teacher", "tutor")
                for stem in stems
            ),
            (),
            ("Teaching",),
            (),
            parent="teacher",
        )
        for subject, name_en, genitive, stems in (
            ("english", "English", "английского языка", ("английского", "english")),
            ("math", "Maths", "математики", ("математики", "math", "mathematics")),
            ("kazakh", "Kazakh", "казахского языка", ("казахского", "kazakh")),
            ("russian", "Russian", "русского языка", ("русского", "russian")),
        )
    ),
    # --- construction, production
    Role(
        "construction_engineer",
        "Construction engineer",
        "Инженер-строитель",
        "construction",
        ("100", "108", "47"),
        ('"Инженер-строитель"', '"Инженер ПТО"', "Прораб", "Технадзор"),
        (
            "инженер-строитель",
            "инженер пто",
            "прораб",
            "технадзор",
            "construction engineer",
            "инженер по строительству",
            "мастер смр",
        ),
        ("Construction supervision",),
        ("AutoCAD",),
    ),
    Role(
        "design_engineer",
        "Design engineer / estimator",
        "Инженер-проектировщик / сметчик",
        "construction",
        ("48", "47"),
        ('"Инженер-проектировщик"', "Сметчик", "Конструктор"),
        (
            "проектировщик",
            "инженер-проектировщик",
            "сметчик",
            "инженер-сметчик",
            "инженер-конструктор",
            "design engineer",
        ),
        ("Estimating", "Revit"),
        ("AutoCAD",),
    ),
    Role(
        "production_engineer",
        "Production engineer / technician",
        "Технолог / инженер производства",
        "production",
        ("49", "82", "111", "144"),
        ("Технолог", '"Мастер смены"', "Инженер-механик", "Электрик"),
        (
            "технолог",
            "мастер смены",
            "инженер механик",
            "механик",
            "электрик",
            "инженер энергетик",
            "начальник смены",
            "сварщик",
            "слесарь",
        ),
        ("Welding", "Electrical installation", "Quality control", "Production technology"),
        (),
    ),
)

# How people type the common roles in Kazakh (hh.kz is bilingual): matched as whole typed
# titles by role_of_text, kept together so a Kazakh reader can review them in one place.
KAZAKH_ALIASES: dict[str, tuple[str, ...]] = {
    "python_developer": ("python бағдарламашы", "python бағдарламашысы", "python әзірлеуші"),
    "java_developer": ("java бағдарламашы", "java бағдарламашысы", "java әзірлеуші"),
    "frontend_developer": ("frontend бағдарламашы", "frontend әзірлеуші"),
    "backend_developer": ("backend бағдарламашы", "backend әзірлеуші"),
    "onec_developer": ("1с бағдарламашы", "1с бағдарламашысы"),
    "mobile_developer": ("мобильді әзірлеуші", "мобильді бағдарламашы"),
    "qa_engineer": ("тестілеуші", "тестілеу маманы"),
    "devops_engineer": ("devops инженері",),
    "data_analyst": ("деректер талдаушысы", "деректер аналитигі"),
    "data_engineer": ("деректер инженері",),
    "system_analyst": ("жүйелік талдаушы", "бизнес талдаушы"),
    "marketer": ("маркетинг маманы",),
    "financial_analyst": ("қаржы талдаушысы", "қаржылық талдаушы"),
    "hr_manager": ("кадр маманы", "кадрлар жөніндегі маман", "hr маманы"),
    "project_manager": ("жоба менеджері", "жобалар менеджері"),
    "product_manager": ("өнім менеджері",),
    "sales_manager": ("сату менеджері", "сатылым менеджері", "сату жөніндегі менеджер"),
    "sales_rep": ("сауда өкілі",),
    "baker": ("наубайшы",),
    "waiter": ("даяшы",),
    "courier": ("жеткізуші",),
    "warehouse_worker": ("қоймашы", "қойма қызметкері"),
    "logistician": ("логист маманы",),
    "loader": ("жүкші", "жүк тиеуші"),
    "paediatrician": ("балалар дәрігері",),
    "dentist": ("тіс дәрігері",),
    "english_teacher": ("ағылшын тілі мұғалімі", "ағылшын мұғалімі"),
    "math_teacher": ("математика мұғалімі",),
    "kazakh_teacher": ("қазақ тілі мұғалімі",),
    "russian_teacher": ("орыс тілі мұғалімі",),
    "construction_engineer": ("құрылыс инженері",),
    "design_engineer": ("жобалаушы инженер",),
    "production_engineer": ("өндіріс инженері",),
}
ROLES = tuple(
    replace(role, aliases=(*role.aliases, *KAZAKH_ALIASES.get(role.key, ()))) for role in ROLES
)
ROLES_BY_KEY: dict[str, Role] = {role.key: role for role in ROLES}
# Roles that say little on their own: a «Backend-разработчик» may be a Python or a Java
# job; its skills and HH's professional role tell which.
GENERIC_ROLES: frozenset[str] = frozenset({"backend_developer", "fullstack_developer"})
MAX_TITLE_LENGTH = 80


# The few function words a title phrase may contain («менеджер по продажам»).
_PHRASE_STOP_WORDS = frozenset({"по", "с", "и", "в", "на", "of", "the", "and"})


def _stems(text: str) -> TitleStems:
    return frozenset(stem_tokens([t for t in tokenize(text) if t not in _PHRASE_STOP_WORDS]))


@lru_cache(maxsize=1)
def _phrase_index() -> tuple[tuple[TitleStems, str], ...]:
    """(phrase stems, role key) for every title phrase, longest phrases first."""
    pairs = [(_stems(phrase), role.key) for role in ROLES for phrase in role.title_phrases]
    return tuple(sorted((p for p in pairs if p[0]), key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def _phrases_by_stem() -> dict[str, tuple[tuple[TitleStems, str], ...]]:
    """:func:`_phrase_index` filed under one stem of each phrase (its smallest): a title
    can only contain the phrases filed under its own stems, so extraction looks at a few
    instead of every phrase."""
    index: dict[str, list[tuple[TitleStems, str]]] = {}
    for phrase, key in _phrase_index():
        index.setdefault(min(phrase), []).append((phrase, key))
    return {stem: tuple(pairs) for stem, pairs in index.items()}


# A more specific role that a title names instead of the general one («Главный бухгалтер»
# is a chief accountant's job, not an accountant's), and title words that undo a role
# («Заместитель главного бухгалтера» is an accountant's).
_SUBSUMES: dict[str, str] = {
    "chief_accountant": "accountant",
    **{role.key: role.parent for role in ROLES if role.parent},
    "sales_supervisor": "sales_rep",  # «Супервайзер торговых представителей»
    "sales_rep": "sales_manager",  # «Sales representative»
}
_UNDONE_BY: dict[str, tuple[str, ...]] = {"chief_accountant": ("заместитель", "помощник")}


@lru_cache(maxsize=1)
def _undoing_stems() -> dict[str, frozenset[str]]:
    return {
        key: frozenset().union(*(_stems(word) for word in words))
        for key, words in _UNDONE_BY.items()
    }


def roles_in_title(title_stems: TitleStems) -> frozenset[str]:
    """The catalogue roles a vacancy title names («Backend-разработчик (Python)» → Python
    and backend developer; «Главный бухгалтер» → chief accountant only)."""
    by_stem = _phrases_by_stem()
    found = {
        key
        for title_stem in title_stems
        for phrase, key in by_stem.get(title_stem, ())
        if phrase <= title_stems
    }
    for key, undoing in _undoing_stems().items():
        if key in found and not undoing.isdisjoint(title_stems):
            found.discard(key)
            if key in _SUBSUMES:
                found.add(_SUBSUMES[key])
    for specific, general in _SUBSUMES.items():
        if specific in found:
            found.discard(general)
    return frozenset(found)


def role_of_text(text: str) -> str | None:
    """The catalogue role a typed title means («бухгалтер», «Python developer»,
    «есепші»), or None when it names none or several equally."""
    cleaned = normalize_text(text)
    for role in ROLES:
        names = (role.key, role.name_en, role.name_ru, *role.aliases)
        if cleaned in {normalize_text(name) for name in names}:
            return role.key
    found = roles_in_title(_stems(text))
    return next(iter(found)) if len(found) == 1 else None


def suggest_roles(
    skill_names: Iterable[str], fields: Sequence[str] = (), limit: int = 3
) -> list[str]:
    """Role keys to offer, best first: core skills count 2, related ones 1, a role in a
    chosen field 1. Only roles with some evidence are offered. A skill of several fields is
    read in the chosen ones (an accountant's «1С» is 1С:Бухгалтерия, not 1С programming); a
    chosen field whose roles the skills do not point to offers its own (sales and Excel:
    «Менеджер по продажам»)."""
    chosen_fields = set(fields)
    keys = {
        canonical_skill(read_in_fields(name, chosen_fields))
        for name in skill_names
        if isinstance(name, str)
    } - {None}
    scored: list[tuple[int, int, str]] = []
    for order, role in enumerate(ROLES):
        core = len(keys & set(role.core_skills))
        related = len(keys & set(role.related_skills))
        score = 2 * core + related + (1 if role.field in chosen_fields else 0)
        if core or related > 1:
            scored.append((-score, order, role.key))
    if not any(ROLES_BY_KEY[key].field in chosen_fields for _, _, key in scored):
        # A specialisation is offered on its skills, not for its field alone.
        scored += [
            (-1, order, role.key)
            for order, role in enumerate(ROLES)
            if role.field in chosen_fields and role.parent is None
        ]
    return [key for _, _, key in sorted(scored)[: max(limit, 0)]]


def roles_of_titles(titles: Iterable[str]) -> list[str]:
    """The catalogue roles among a person's job titles, in their order."""
    return list(dict.fromkeys(key for title in titles if (key := role_of_text(title))))


def with_specialisations(role_keys: Iterable[str]) -> frozenset[str]:
    """The roles and the roles specialising them: a person who types «Учитель» takes an
    English teacher's job; one who types «Учитель английского» does not take a maths one."""
    keys = set(role_keys)
    return frozenset(keys | {role.key for role in ROLES if role.parent in keys})


def hh_role_ids(role_keys: Iterable[str]) -> frozenset[str]:
    return frozenset(
        hh_id for key in role_keys if key in ROLES_BY_KEY for hh_id in ROLES_BY_KEY[key].hh_role_ids
    )


def title_stems(title: str) -> TitleStems:
    """The stems a typed title is matched by (a title outside the catalogue)."""
    return _stems(title)
