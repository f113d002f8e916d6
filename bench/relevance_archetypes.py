"""The simulated job seekers of bench/relevance.py: what each types in the onboarding
dialog, and the truth the grader judges their cards by.

Typed strings are written as people write them (Russian or English, lower case, «от 400
тыс»); the truth (role, city id, floor and its currency, experience, remote) is what the
person means. Where the two disagree (a Moscow person typing a bare «120000», which the
bot reads in tenge), the grader and the HH baseline go by what the person means.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.relevance_grader import ROLES, Seeker

ALMATY, ASTANA, SHYMKENT, KARAGANDA, MOSCOW = "160", "159", "205", "177", "1"


@dataclass(frozen=True, slots=True)
class Archetype:
    key: str
    role: str  # bench.relevance_grader.ROLES key
    category: str  # the field-of-work button they tap (core.domain.skills.CATEGORIES key)
    title: str  # typed job title (also the hh.kz search box text)
    skills: str  # typed skills, free text
    city: str  # typed city
    area_id: str  # the city they mean (HH area id)
    salary: str | None  # typed salary; None: skipped
    floor: float | None  # the minimum they mean, in ``currency``
    currency: str
    experience: str  # HH experience id of the button they tap
    remote_ok: bool

    def seeker(self) -> Seeker:
        return Seeker(ROLES[self.role], self.area_id, self.remote_ok, self.experience,
                      self.floor, self.currency)  # fmt: skip


def _a(key: str, role: str, category: str, title: str, skills: str, city: str, area_id: str,
       salary: str | None, floor: float | None, experience: str, remote_ok: bool,
       currency: str = "KZT") -> Archetype:  # fmt: skip
    return Archetype(key, role, category, title, skills, city, area_id, salary, floor,
                     currency, experience, remote_ok)  # fmt: skip


J0, J1, J3, J6 = "noExperience", "between1And3", "between3And6", "moreThan6"
ARCHETYPES: tuple[Archetype, ...] = (
    _a("python_almaty", "python", "programming", "Python developer",
       "Python, Django, PostgreSQL, Docker, git", "Алматы", ALMATY, "от 800 тыс", 800_000,
       J3, True),
    _a("java_astana", "java", "programming", "Java-разработчик",
       "java, spring boot, sql, kafka", "Астана", ASTANA, "1 000 000", 1_000_000, J3, False),
    _a("frontend_almaty", "frontend", "programming", "Frontend developer",
       "JavaScript, TypeScript, React, HTML, CSS", "almaty", ALMATY, "от 600 000 тенге",
       600_000, J1, True),
    _a("onec_almaty", "onec", "programming", "Программист 1С",
       "1С, 1С:Предприятие, SQL", "Алматы", ALMATY, "от 700 тыс", 700_000, J3, False),
    _a("qa_astana", "qa", "programming", "QA engineer",
       "тестирование, Postman, SQL, Jira", "Astana", ASTANA, "500000", 500_000, J1, True),
    _a("devops_moscow", "devops", "programming", "DevOps engineer",
       "Docker, Kubernetes, Linux, CI/CD, Ansible", "Москва", MOSCOW, "от 250 000 руб",
       250_000, J6, True, "RUR"),
    _a("python_moscow", "python", "programming", "Python-разработчик",
       "python, fastapi, postgresql, redis", "Москва", MOSCOW, "от 300 000 рублей", 300_000,
       J3, False, "RUR"),
    _a("data_analyst_almaty", "data_analyst", "data_analysis", "Аналитик данных",
       "SQL, Python, Power BI, Excel", "Алматы", ALMATY, None, None, J1, True),
    _a("accountant_almaty", "accountant", "finance", "бухгалтер",
       "1С:Бухгалтерия, налоговая отчетность, Excel", "Алматы", ALMATY, "от 400 тыс",
       400_000, J3, False),
    _a("accountant_karaganda", "accountant", "finance", "Бухгалтер", "бухучет, 1С",
       "Караганда", KARAGANDA, "250000", 250_000, J1, False),
    _a("accountant_moscow", "accountant", "finance", "Accountant", "accounting, 1C, Excel",
       "Moscow", MOSCOW, "120000", 120_000, J3, False, "RUR"),
    _a("chief_accountant_astana", "chief_accountant", "finance", "Главный бухгалтер",
       "бухгалтерский учет, МСФО, налоговая отчетность, 1С", "Астана", ASTANA,
       "от 900 тыс", 900_000, J6, False),
    _a("financial_analyst_almaty", "financial_analyst", "finance", "Financial analyst",
       "financial analysis, Excel, МСФО, budgeting", "Almaty", ALMATY, "700000", 700_000,
       J3, True),
    _a("hr_shymkent", "hr", "management", "HR-менеджер",
       "подбор персонала, кадровое делопроизводство, адаптация персонала", "Шымкент",
       SHYMKENT, "от 300 тыс", 300_000, J1, False),
    _a("sales_almaty", "sales", "sales", "Менеджер по продажам",
       "продажи, холодные звонки, CRM, переговоры", "Алматы", ALMATY, "от 350 тыс",
       350_000, J1, False),
    _a("sales_shymkent", "sales", "sales", "Sales manager", "B2B sales, negotiations, CRM",
       "Shymkent", SHYMKENT, None, None, J0, False),
    _a("smm_astana", "marketing", "marketing", "SMM-менеджер",
       "SMM, таргетированная реклама, копирайтинг", "Астана", ASTANA, "от 300 000",
       300_000, J1, True),
    _a("designer_almaty", "designer", "design", "UI/UX designer", "Figma, Photoshop, UI/UX",
       "Алматы", ALMATY, "от 500 тыс", 500_000, J1, True),
    _a("driver_almaty", "driver", "logistics", "водитель",
       "права категории B, знание города", "Алматы", ALMATY, "от 300 тыс", 300_000, J3,
       False),
    _a("driver_karaganda", "driver", "logistics", "Водитель категории C",
       "водительское удостоверение категории C", "Караганда", KARAGANDA, None, None, J6,
       False),
    _a("warehouse_astana", "warehouse", "logistics", "Кладовщик",
       "складской учет, 1С, инвентаризация", "Астана", ASTANA, "250 000", 250_000, J1,
       False),
    _a("nurse_shymkent", "nurse", "medicine", "медсестра",
       "внутривенные инъекции, медицинская документация", "Шымкент", SHYMKENT,
       "от 200 тыс", 200_000, J1, False),
    _a("doctor_almaty", "therapist", "medicine", "Врач-терапевт", "терапия, диагностика",
       "Алматы", ALMATY, "от 600 тыс", 600_000, J6, False),
    # No field-of-work button fits these three; they tap the nearest one.
    _a("teacher_karaganda", "math_teacher", "management", "учитель математики",
       "преподавание, математика", "Караганда", KARAGANDA, "от 250 тыс", 250_000, J3, False),
    _a("lawyer_almaty", "lawyer", "management", "Юрист",
       "договорная работа, корпоративное право", "Алматы", ALMATY, "от 500 тыс", 500_000,
       J3, False),
    _a("construction_astana", "construction", "management", "Инженер-строитель",
       "AutoCAD, сметы, технадзор", "Астана", ASTANA, "от 700 тыс", 700_000, J3, False),
)
QUICK: tuple[str, ...] = ("python_almaty", "accountant_almaty", "onec_almaty", "driver_almaty")
