"""What HH adds around a search: clusters (``clusters=true``) and similar vacancies.

Shapes follow hh-openapi.yaml (``VacanciesClusterItem`` / ``VacanciesItemsOfClusterItem``):
``[{"id": "area", "name": "Регион", "items": [{"name": "Алматы", "url": …, "count": 812}]}]``,
each item's ``url`` being the search narrowed to it. HH words the salary cluster as
cumulative thresholds ("от 300 000 ₸"): a vacancy is counted under every threshold its pay
reaches, so the counts fall as the threshold rises.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from sandbox.hh_reference import API

if TYPE_CHECKING:
    from sandbox.corpus import Corpus

CURRENCY_SIGNS = {"KZT": "₸", "RUR": "₽", "USD": "$", "EUR": "€", "UZS": "сум", "BYR": "Br"}
SITE_CURRENCY = {"hh.kz": "KZT", "hh.ru": "RUR", "hh.uz": "UZS", "rabota.by": "BYR"}
_GROUP_NAMES = {
    "area": "Регион",
    "salary": "Уровень дохода",
    "experience": "Опыт работы",
    "employment": "Тип занятости",
    "professional_role": "Специализация",
}
SALARY_STEPS = 5  # thresholds in the salary cluster


def _url(query: Iterable[tuple[str, str]], **extra: str) -> str:
    kept = [(k, v) for k, v in query if k not in extra and k not in ("page", "clusters")]
    return f"{API}/vacancies?{urlencode([*kept, *extra.items()])}"


def _nice_floor(value: float) -> int:
    """Round down to two significant digits (312 480 → 310 000), as HH's thresholds read."""
    if value < 100:
        return int(value)
    magnitude = 10 ** (len(str(int(value))) - 2)
    return int(value // magnitude * magnitude)


def _facet_group(
    corpus: Corpus,
    facet: str,
    indices: set[int],
    names: Mapping[str, str],
    query: list[tuple[str, str]],
) -> dict[str, Any] | None:
    counts = Counter({key: len(docs & indices) for key, docs in corpus.facet_index(facet).items()})
    items = [
        {"name": names.get(key, key), "url": _url(query, **{facet: key}), "count": n}
        for key, n in counts.most_common()
        if n
    ]
    return {"id": facet, "name": _GROUP_NAMES[facet], "items": items} if items else None


def _salary_group(
    corpus: Corpus, indices: set[int], currency: str, query: list[tuple[str, str]]
) -> dict[str, Any] | None:
    """Cumulative thresholds at the quantiles of the pay of the vacancies found."""
    rate = corpus.rates.get(currency) or 1.0
    tops = sorted(pay * rate for i in indices if (pay := corpus.top_pay_rur(i)) is not None)
    if not tops:
        return None
    thresholds = sorted(
        {_nice_floor(tops[len(tops) * step // SALARY_STEPS]) for step in range(SALARY_STEPS)}
    )
    sign = CURRENCY_SIGNS.get(currency, currency)
    items = [
        {
            "name": f"от {threshold:,} {sign}".replace(",", " "),
            "url": _url(query, salary=str(threshold), currency=currency, only_with_salary="true"),
            "count": sum(top >= threshold for top in tops),
        }
        for threshold in thresholds
    ]
    return {"id": "salary", "name": _GROUP_NAMES["salary"], "items": items}


def clusters(
    corpus: Corpus, indices: Iterable[int], query: list[tuple[str, str]], host: str
) -> list[dict[str, Any]]:
    """The ``clusters`` array of a search whose results are ``indices``."""
    found = set(indices)
    currency = dict(query).get("currency") or SITE_CURRENCY.get(host, "RUR")
    groups = [
        _facet_group(
            corpus, "area", found, {k: n["name"] for k, n in corpus.area_nodes.items()}, query
        ),
        _salary_group(corpus, found, currency, query),
        _facet_group(corpus, "experience", found, corpus.dictionary_names("experience"), query),
        _facet_group(corpus, "employment", found, corpus.dictionary_names("employment"), query),
        _facet_group(corpus, "professional_role", found, corpus.role_names(), query),
    ]
    return [group for group in groups if group is not None]


def similar_order(corpus: Corpus, source_id: str, indices: list[int]) -> list[int]:
    """Vacancies like ``source_id`` among ``indices``: same professional role, then the
    most key skills in common (ties keep the search order); the source itself excluded."""
    source = corpus.vacancies[source_id]
    roles = {role["id"] for role in source.get("professional_roles") or []}
    skills = {skill["name"].lower() for skill in source.get("key_skills") or []}
    scored: list[tuple[int, int, int]] = []
    for rank, index in enumerate(indices):
        vacancy = corpus.vacancy_at(index)
        if vacancy["id"] == source_id:
            continue
        if not roles & {role["id"] for role in vacancy.get("professional_roles") or []}:
            continue
        shared = len(skills & {s["name"].lower() for s in vacancy.get("key_skills") or []})
        scored.append((-shared, rank, index))
    return [index for _, _, index in sorted(scored)]
