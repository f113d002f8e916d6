"""A deterministic, realistic HeadHunter vacancy corpus shaped like hh.kz.

``generate_corpus`` writes full vacancies exactly as ``GET /vacancies/{id}`` returns them
(reference/HH_API.md §3-4), from the professions and employers in
:mod:`sandbox.corpus_tables`: HH's real professional roles, several title spellings per
profession, key skills from the title's own neighbourhood, pay per month, hour, shift or
вахта, and remote vacancies posted from the employer's city.
"""

from __future__ import annotations

import copy
import html
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from sandbox.corpus_tables import (
    CITY_COUNTRY,
    CITY_WEIGHTS,
    CONDITIONS,
    COUNTRY_CITIES,
    CYRILLIC_TEMPLATES,
    DOLLAR_FIELDS,
    EXPERIENCE_BY_SENIORITY,
    EXPERIENCE_ENTRY_LEVEL,
    FIELD_SKILLS,
    FLY_IN_FLY_OUT_MONTHS,
    HOURLY_ROUND_STEP,
    HOURS_PER_MONTH,
    INTROS,
    LATIN_ROOTS,
    LATIN_TEMPLATES,
    NAME_FORMS,
    PAY_BY_SENIORITY,
    PLANNED_PER_CITY,
    PLANNED_PROFESSIONS,
    PROFESSIONS,
    PROFESSIONS_BY_KEY,
    ROOTS,
    ROUND_STEP,
    SECTOR_WEIGHTS,
    SECTORS,
    SENIORITY,
    SHIFT_ROUND_STEP,
    SHIFTS_PER_MONTH,
    SKILL_PHRASES,
    STREETS_KZ,
    STREETS_OTHER,
    TRICKY_EMPLOYERS,
    Name,
    Profession,
)
from sandbox.hh_reference import (
    API,
    CURRENCY_RATES,
    EMPLOYMENT,
    EMPLOYMENT_FORM,
    EXPERIENCE,
    FREQUENCIES,
    MSK,
    ROLES,
    SALARY_MODES,
    SCHEDULE,
    SITE_HOST,
    WORK_FORMAT,
    build_areas,
    iter_areas,
)

DEFAULT_SIZE = 5000  # enough for ≥15 vacancies of each common role in Almaty
EMPLOYER_COUNT = 320
# Fields worked in an office: their on-site vacancies promise one.
_OFFICE_FIELDS = frozenset(
    {
        "it",
        "data",
        "design",
        "marketing",
        "accounting",
        "finance",
        "hr",
        "sales",
        "legal",
        "management",
        "office",
    }
)
# Fields that hire for вахта (fly-in fly-out) work, common in western Kazakhstan.
_FLY_IN_FLY_OUT_FIELDS = frozenset({"production", "construction", "logistics"})


@dataclass
class Employer:
    id: str
    name: str
    sector: str
    country: str
    cities: list[str]
    trusted: bool
    weight: float  # how many vacancies it posts, relative

    def rating(self) -> dict | None:
        """HH's ``employer_rating`` (reviews on the site): about half of employers have
        one, big ones more often. Drawn from the employer's own id so that adding it did
        not move the corpus's random stream (the corpus stays the one tests know)."""
        rng = random.Random(f"rating-{self.id}")
        if rng.random() > min(0.9, 0.35 + 0.1 * self.weight):
            return None
        reviews = int(min(5000, rng.paretovariate(1.1) * 4))
        return {"total_rating": f"{rng.triangular(2.6, 5.0, 4.2):.1f}", "reviews_count": reviews}

    def ref(self) -> dict:
        ref: dict[str, object] = {
            "id": self.id,
            "name": self.name,
            "url": f"{API}/employers/{self.id}",
            "alternate_url": f"https://{SITE_HOST}/employer/{self.id}",
            "logo_urls": None,
            "vacancies_url": f"{API}/vacancies?employer_id={self.id}",
            "accredited_it_employer": self.sector == "it" and self.trusted,
            "trusted": self.trusted,
            "country_id": {"KZ": 40, "RU": 113, "UZ": 97, "BY": 16}[self.country],
        }
        if (rating := self.rating()) is not None:
            ref["employer_rating"] = rating
        return ref


def _pick(rng: random.Random, weighted: Iterable[tuple[str, float]]) -> str:
    pairs = list(weighted)
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _make_employers(rng: random.Random, count: int = EMPLOYER_COUNT) -> list[Employer]:
    employers: list[Employer] = []
    used_names: set[str] = set()
    used_ids: set[str] = set()
    specs = list(TRICKY_EMPLOYERS)
    while len(specs) < count:
        sector = _pick(rng, SECTOR_WEIGHTS)
        form = rng.choice(NAME_FORMS[sector])
        name = form.format(r=rng.choice(ROOTS), l=rng.choice(LATIN_ROOTS))
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
        cities = COUNTRY_CITIES[country]
        n_cities = min(len(cities), rng.choice((1, 1, 1, 2, 3, 5)))
        chosen = sorted({_pick(rng, cities) for _ in range(n_cities)})
        employers.append(
            Employer(
                id=employer_id,
                name=name,
                sector=sector,
                country=country,
                cities=chosen,
                trusted=rng.random() < 0.85,
                weight=min(6.0, rng.paretovariate(1.6)),
            )
        )
    return employers


# ---- one vacancy -----------------------------------------------------------------------


_LATIN_WORD_RE = re.compile(r"^[A-Za-z]")
_ENGLISH_TITLE_RE = re.compile(
    r"\b(Developer|Designer|Manager|Analyst|Scientist|Engineer|Counsel|Partner|Generalist)\b"
)
# A title that already says its level keeps it («Главный бухгалтер», «Senior …»).
_HAS_LEVEL_RE = re.compile(
    r"^(Главн|Ведущ|Старш|Младш|Заместител|Су-шеф|Senior|Lead|Head|"
    r"Junior|Middle|Начальник|Директор|Руководител|Управляющ|"
    r"Коммерческий)"
)
_FEMININE_ENDINGS = ("ая", "сестра", "ица", "ня")
_IMPLIED_LEVELS = (
    (re.compile(r"^(Младш|Junior)"), "junior"),
    (re.compile(r"^(Старш|Ведущ|Senior)"), "senior"),
    (
        re.compile(
            r"^(Главн|Lead|Head|Заместител|Начальник|Руководител|Директор|"
            r"Управляющ|Коммерческий|Су-шеф)"
        ),
        "lead",
    ),
)


def _implied_level(title: str) -> str | None:
    """The seniority a spelling states itself («Старший кассир», «Главный бухгалтер»)."""
    return next((level for pattern, level in _IMPLIED_LEVELS if pattern.match(title)), None)


def _titled(title: str, seniority: str, rng: random.Random) -> str:
    """Add a seniority marker the way real postings do: Junior/Senior or Ведущий/Главный."""
    if seniority == "none" or _HAS_LEVEL_RE.match(title):
        return title
    if _ENGLISH_TITLE_RE.search(title):
        return (
            {"junior": "Junior", "middle": "Middle", "senior": "Senior", "lead": "Lead"}[seniority]
            + " "
            + title
        )
    prefix = {
        "junior": "Младший",
        "middle": "",
        "senior": rng.choice(("Старший", "Ведущий")),
        "lead": "Главный",
    }[seniority]
    if not prefix:
        return title
    first, _, rest = title.partition(" ")
    if first.endswith(_FEMININE_ENDINGS):  # Медсестра, Медицинская сестра: feminine
        prefix = prefix[:-2] + "ая"
    if not _LATIN_WORD_RE.match(first) and first[1:2].islower():
        first = first[0].lower() + first[1:]
    return f"{prefix} {first} {rest}".strip()


def _skill_phrase(skill: str, rng: random.Random) -> str:
    if skill in SKILL_PHRASES:
        return rng.choice(SKILL_PHRASES[skill])
    if _LATIN_WORD_RE.match(skill) or skill[:1].isdigit() or skill.startswith("."):
        years = rng.choice(("от 1 года", "от 2 лет", "от 3 лет"))
        return rng.choice(LATIN_TEMPLATES).format(s=skill, n=years)
    return rng.choice(CYRILLIC_TEMPLATES).format(s=skill, l=skill.lower())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _key_skills(profession: Profession, name: Name, rng: random.Random) -> list[str]:
    """3-10 skills, all from the title's neighbourhood: the defining one, what the spelling
    implies, most of the core, a few of the pool, now and then a generic one of the field."""
    skills: list[str] = []

    def add(skill: str) -> None:
        if skill not in skills:
            skills.append(skill)

    add(profession.core[0])
    for skill in name.skills:
        add(skill)
    for skill in profession.core[1:]:
        if rng.random() < 0.8:
            add(skill)
    pool = [s for s in profession.pool if s not in skills]
    for skill in rng.sample(pool, k=min(len(pool), rng.randint(1, 4))):
        add(skill)
    generic = [s for s in FIELD_SKILLS[profession.field] if s not in skills]
    if generic and rng.random() < 0.3:
        add(rng.choice(generic))
    spare = [s for s in (*profession.pool, *generic) if s not in skills]
    while len(skills) < 3 and spare:
        add(spare.pop(rng.randrange(len(spare))))
    return skills[:10]


@dataclass
class _Draft:
    """What the description needs besides the vacancy fields."""

    duties: list[str]
    requirements: list[str]
    conditions: list[str]


def _draft_text(
    profession: Profession, skills: list[str], formats: list[str], country: str, rng: random.Random
) -> _Draft:
    duties = rng.sample(profession.duties, k=min(len(profession.duties), rng.randint(3, 5)))
    requirements = [_skill_phrase(s, rng) for s in skills[: rng.randint(3, 6)]]
    if rng.random() < 0.5:
        requirements.append(
            rng.choice(
                (
                    "ответственность и внимательность к деталям",
                    "умение работать в команде",
                    "высшее или среднее специальное образование",
                )
            )
        )
    law = {"KZ": "ТК РК", "RU": "ТК РФ", "UZ": "ТК РУз", "BY": "ТК РБ"}[country]
    conditions = [f"официальное трудоустройство по {law}"]
    conditions += rng.sample(CONDITIONS, k=rng.randint(2, 4))
    if "REMOTE" in formats:
        conditions.append("удаленная работа из любого города")
    elif profession.field in _OFFICE_FIELDS:
        conditions.append("современный офис в центре города")
    else:
        conditions.append(rng.choice(("оплата проезда", "бесплатное питание", "выдача спецодежды")))
    return _Draft(
        [_capital(d) for d in duties],
        [_capital(r) for r in requirements],
        [_capital(c) for c in conditions],
    )


def _description_html(employer: str, title: str, draft: _Draft, rng: random.Random) -> str:
    def bullets(items: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in items) + "</ul>"

    return (
        f"<p>Компания <strong>{html.escape(employer, quote=False)}</strong> — "
        f"{rng.choice(INTROS)}. Мы ищем специалиста на позицию "
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


def _salary_mode(profession: Profession, form: str, rng: random.Random) -> str:
    if form == "FLY_IN_FLY_OUT":
        return "FLY_IN_FLY_OUT"
    roll = rng.random()
    for mode, share in profession.hourly:
        if roll < share:
            return mode
        roll -= share
    return "MONTH"


def _frequency(mode: str, rng: random.Random) -> dict | None:
    weights = {
        "MONTH": (("MONTHLY", 45), ("TWICE_PER_MONTH", 25), ("", 30)),
        "HOUR": (("DAILY", 25), ("WEEKLY", 30), ("TWICE_PER_MONTH", 25), ("", 20)),
        "SHIFT": (("DAILY", 30), ("WEEKLY", 20), ("TWICE_PER_MONTH", 30), ("", 20)),
        "FLY_IN_FLY_OUT": (("MONTHLY", 50), ("", 50)),
    }[mode]
    frequency_id = _pick(rng, weights)
    return {"id": frequency_id, "name": FREQUENCIES[frequency_id]} if frequency_id else None


def _salary(
    profession: Profession,
    seniority: str,
    currency: str,
    country: str,
    form: str,
    rng: random.Random,
) -> tuple[dict, dict] | tuple[None, None]:
    if rng.random() < profession.no_salary:
        return None, None
    lo, hi = profession.pay
    monthly_rur = rng.uniform(lo, hi) * PAY_BY_SENIORITY[seniority] / CURRENCY_RATES["KZT"]
    if country == "RU":
        monthly_rur *= 1.3
    mode = _salary_mode(profession, form, rng)
    per_unit, steps = {
        "MONTH": (1.0, ROUND_STEP),
        "HOUR": (HOURS_PER_MONTH, HOURLY_ROUND_STEP),
        "SHIFT": (SHIFTS_PER_MONTH, SHIFT_ROUND_STEP),
        "FLY_IN_FLY_OUT": (1 / FLY_IN_FLY_OUT_MONTHS, ROUND_STEP),
    }[mode]
    step = steps[currency]
    amount = max(step, round(monthly_rur / per_unit * CURRENCY_RATES[currency] / step) * step)
    # Forks as in real vacancies: a third only "from", a fifth only "to", the rest both,
    # "to" mostly 1.15-2 times "from".
    shape = rng.random()
    low: int | None = amount
    high: int | None = round(amount * rng.triangular(1.15, 2.0, 1.35) / step) * step
    if shape < 0.35:
        high = None
    elif shape < 0.54:
        low, high = None, amount
    gross = rng.random() < {"RU": 0.22, "KZ": 0.35}.get(country, 0.3)
    salary = {"from": low, "to": high, "currency": currency, "gross": gross}
    salary_range = {
        **salary,
        "mode": {"id": mode, "name": SALARY_MODES[mode]},
        "frequency": _frequency(mode, rng),
    }
    return salary, salary_range


def _work_formats(profession: Profession, rng: random.Random) -> list[str]:
    primary = _pick(rng, profession.formats)
    if primary in ("REMOTE", "HYBRID") and rng.random() < 0.08:
        return ["REMOTE", "HYBRID"] if primary == "REMOTE" else ["HYBRID", "REMOTE"]
    return [primary]


def _schedule(formats: list[str], profession: Profession, form: str, rng: random.Random) -> str:
    """The deprecated ``schedule`` consistent with the new ``work_format``."""
    if form == "FLY_IN_FLY_OUT":
        return "flyInFlyOut"
    if "REMOTE" in formats:
        return "remote"
    if formats[0] in ("HYBRID", "FIELD_WORK"):
        return rng.choice(("flexible", "fullDay"))
    if profession.shifts and rng.random() < 0.55:
        return "shift"
    return "fullDay" if rng.random() < 0.85 else "flexible"


def _employment_form(profession: Profession, rng: random.Random) -> str:
    if profession.field in _FLY_IN_FLY_OUT_FIELDS and rng.random() < 0.07:
        return "FLY_IN_FLY_OUT"
    roll = rng.random()
    if roll < (0.15 if profession.entry_level else 0.06):
        return "PART"
    if roll < 0.1 and profession.field in ("it", "design", "marketing"):
        return "PROJECT"
    return "FULL"


def _address(area: dict, rng: random.Random, kazakh: bool) -> dict | None:
    if rng.random() < 0.4:
        return None
    street = rng.choice(STREETS_KZ if kazakh else STREETS_OTHER)
    building = str(rng.randint(1, 250))
    lat = round(area["lat"] + rng.uniform(-0.05, 0.05), 6)
    lng = round(area["lng"] + rng.uniform(-0.05, 0.05), 6)
    return {
        "city": area["name"],
        "street": street,
        "building": building,
        "lat": lat,
        "lng": lng,
        "description": None,
        "raw": f"{area['name']}, {street}, {building}",
        "metro": None,
        "metro_stations": [],
    }


def _stamp(moment: datetime) -> str:
    return moment.astimezone(MSK).strftime("%Y-%m-%dT%H:%M:%S%z")


def _id_name(table: Mapping[str, str], key: str) -> dict:
    return {"id": key, "name": table[key]}


_PROFESSION_CUM = list(accumulate(p.weight for p in PROFESSIONS))
_CITY_IDS = [c for c, _ in CITY_WEIGHTS]
_CITY_CUM = list(accumulate(w for _, w in CITY_WEIGHTS))


@dataclass
class _Generator:
    rng: random.Random
    now: datetime
    employers: list[Employer]
    areas: dict[str, dict]
    _hirers: dict[tuple[str, str | None], tuple[list[Employer], list[float]]] = field(
        default_factory=dict
    )

    def _hirers_of(self, field_name: str, city: str | None) -> tuple[list[Employer], list[float]]:
        key = (field_name, city)
        if key not in self._hirers:
            pairs = [
                (e, e.weight * dict(SECTORS[e.sector]).get(field_name, 0.0))
                for e in self.employers
                if city is None or city in e.cities
            ]
            pairs = [p for p in pairs if p[1] > 0]
            self._hirers[key] = ([p[0] for p in pairs], [p[1] for p in pairs])
        return self._hirers[key]

    def _employer_and_city(self, field_name: str) -> tuple[Employer, str]:
        """A city as hh.kz's mix has them, then an employer there whose sector hires the
        field (big posters more often); a field nobody hires there goes elsewhere."""
        rng = self.rng
        city = rng.choices(_CITY_IDS, cum_weights=_CITY_CUM)[0]
        employers, weights = self._hirers_of(field_name, city)
        if employers:
            return rng.choices(employers, weights=weights)[0], city
        employers, weights = self._hirers_of(field_name, None)
        employer = rng.choices(employers, weights=weights)[0]
        return employer, rng.choice(employer.cities)

    def _employer_in(self, field_name: str, city: str) -> Employer:
        """An employer in ``city`` hiring the field, else any that hires it."""
        employers, weights = self._hirers_of(field_name, city)
        if not employers:
            employers, weights = self._hirers_of(field_name, None)
        return self.rng.choices(employers, weights=weights)[0]

    def vacancy(self, profession: Profession | None = None, city: str | None = None) -> dict:
        """A random vacancy, or one of a planned profession in a planned city."""
        rng = self.rng
        if profession is None:
            profession = rng.choices(PROFESSIONS, cum_weights=_PROFESSION_CUM)[0]
        if city is None:
            employer, city = self._employer_and_city(profession.field)
        else:
            employer = self._employer_in(profession.field, city)
        seniority = rng.choices(SENIORITY, weights=profession.seniority)[0]
        spelling = rng.choice(profession.names)
        name = _titled(spelling.text, seniority, rng)
        area = self.areas[city]
        country = CITY_COUNTRY[city]
        form = _employment_form(profession, rng)
        # A вахта is worked on site; other work takes the profession's format mix.
        formats = ["ON_SITE"] if form == "FLY_IN_FLY_OUT" else _work_formats(profession, rng)
        remote = "REMOTE" in formats
        currency = self._currency(country, profession.field, remote)
        salary, salary_range = _salary(profession, seniority, currency, country, form, rng)
        skills = _key_skills(profession, spelling, rng)
        draft = _draft_text(profession, skills, formats, country, rng)
        # Experience follows the level the title states; pay keeps the profession's band.
        level = _implied_level(spelling.text) or seniority
        experience = _pick(
            rng,
            EXPERIENCE_ENTRY_LEVEL
            if profession.entry_level and level == "none"
            else EXPERIENCE_BY_SENIORITY[level],
        )
        internship = experience == "noExperience" and seniority == "junior" and rng.random() < 0.3
        employment = {
            "FULL": "full",
            "PART": "part",
            "PROJECT": "project",
            "FLY_IN_FLY_OUT": "full",
        }[form]
        if internship:
            employment = "probation"
        published = self.now - timedelta(seconds=rng.uniform(120, 30 * 86400 - 120))
        schedule = _schedule(formats, profession, form, rng)
        shift = schedule == "shift"
        return {
            "id": "",
            "name": name,
            "premium": False,
            "has_test": rng.random() < 0.05,
            "response_letter_required": rng.random() < 0.1,
            "accept_incomplete_resumes": rng.random() < 0.3,
            "area": {"id": area["id"], "name": area["name"], "url": f"{API}/areas/{area['id']}"},
            "salary": salary,
            "salary_range": salary_range,
            "type": {"id": "open", "name": "Открытая"},
            "address": _address(area, rng, country == "KZ") if not remote else None,
            "department": None,
            "response_url": None,
            "sort_point_distance": None,
            "published_at": _stamp(published),
            "created_at": _stamp(published),
            "initial_created_at": _stamp(published),
            "archived": rng.random() < 0.03,
            "apply_alternate_url": "",
            "url": "",
            "alternate_url": "",
            "relations": [],
            "employer": employer.ref(),
            "snippet": {
                "requirement": _snippet_text(draft.requirements, rng),
                "responsibility": _snippet_text(draft.duties, rng),
            },
            "show_logo_in_search": None,
            "show_contacts": False,
            "contacts": None,
            "schedule": _id_name(SCHEDULE, schedule),
            "work_format": [_id_name(WORK_FORMAT, f) for f in formats],
            "work_schedule_by_days": [
                {"id": "TWO_ON_TWO_OFF", "name": "2/2"}
                if shift
                else {"id": "FIVE_ON_TWO_OFF", "name": "5/2"}
            ],
            "working_hours": [
                {"id": "HOURS_12", "name": "12 часов"}
                if shift
                else {"id": "HOURS_8", "name": "8 часов"}
            ],
            "working_days": [],
            "working_time_intervals": [],
            "working_time_modes": [],
            "employment": _id_name(EMPLOYMENT, employment),
            "employment_form": _id_name(EMPLOYMENT_FORM, form),
            "experience": _id_name(EXPERIENCE, experience),
            "professional_roles": [_id_name(ROLES, spelling.role or profession.role)],
            "insider_interview": None,
            "accept_temporary": rng.random() < 0.05,
            "internship": internship,
            "night_shifts": shift and rng.random() < 0.25,
            "fly_in_fly_out_duration": [],
            "accept_handicapped": rng.random() < 0.1,
            "accept_kids": False,
            "allow_messages": True,
            "approved": True,
            "billing_type": {"id": "standard", "name": "Стандарт"},
            "code": None,
            "closed_for_applicants": False,
            "test": None,
            "age_restriction": None,
            "description": _description_html(employer.name, name, draft, rng),
            "branded_description": None,
            "key_skills": [{"name": s} for s in skills],
            "languages": self._languages(profession.field, skills),
            "driver_license_types": self._licenses(skills),
            "negotiations_url": None,
            "suitable_resumes_url": None,
        }

    def _currency(self, country: str, field_name: str, remote: bool) -> str:
        if country == "RU":
            return "RUR"
        if country == "UZ":
            return "UZS" if self.rng.random() < 0.5 else "USD"
        if country == "BY":
            return "BYR"
        if remote and field_name in DOLLAR_FIELDS and self.rng.random() < 0.25:
            return "USD"
        return "KZT"

    @staticmethod
    def _languages(field_name: str, skills: list[str]) -> list[dict]:
        if "Английский язык" in skills or field_name == "it":
            return [
                {
                    "id": "eng",
                    "name": "Английский",
                    "level": {"id": "b2", "name": "B2 — Средне-продвинутый"},
                }
            ]
        return []

    @staticmethod
    def _licenses(skills: list[str]) -> list[dict]:
        return [
            {"id": s.rsplit(" ", 1)[1]}
            for s in skills
            if s.startswith("Водительское удостоверение категории")
        ]

    def copy_of(self, original: dict, *, new_area: dict | None) -> dict:
        """A re-published duplicate (same city) or a clone into another city."""
        twin = copy.deepcopy(original)
        published = datetime.strptime(original["published_at"], "%Y-%m-%dT%H:%M:%S%z")
        gap = (self.now - published).total_seconds()
        moment = published + timedelta(seconds=self.rng.uniform(60, max(120, gap - 60)))
        twin["published_at"] = twin["created_at"] = _stamp(min(moment, self.now))
        twin["archived"] = False
        if new_area is not None:
            twin["area"] = {
                "id": new_area["id"],
                "name": new_area["name"],
                "url": f"{API}/areas/{new_area['id']}",
            }
            twin["address"] = None
        return twin


def _finish(vacancy: dict, vacancy_id: str) -> None:
    vacancy["id"] = vacancy_id
    vacancy["url"] = f"{API}/vacancies/{vacancy_id}?host={SITE_HOST}"
    vacancy["alternate_url"] = f"https://{SITE_HOST}/vacancy/{vacancy_id}"
    vacancy["apply_alternate_url"] = (
        f"https://{SITE_HOST}/applicant/vacancy_response?vacancyId={vacancy_id}"
    )


def generate_corpus(
    seed: int = 42, size: int = DEFAULT_SIZE, now: datetime | None = None
) -> list[dict]:
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
    scale = size / DEFAULT_SIZE
    plan = [
        (PROFESSIONS_BY_KEY[key], city)
        for key in PLANNED_PROFESSIONS
        for city, count in PLANNED_PER_CITY
        for _ in range(round(count * scale))
    ]
    plan = plan[: size - n_copies]
    vacancies = [gen.vacancy(profession, city) for profession, city in plan]
    vacancies += [gen.vacancy() for _ in range(size - n_copies - len(plan))]
    originals = rng.sample(vacancies, k=min(n_copies, len(vacancies)))
    for i, original in enumerate(originals):
        new_area = None
        if i % 2:  # every other copy is a clone into another city of the same country
            choices = [
                a
                for a in areas.values()
                if not a["areas"]
                and a["parent_id"]
                and a["id"] != original["area"]["id"]
                and _same_country(areas, a["id"], original["area"]["id"])
            ]
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
