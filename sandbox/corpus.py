"""A fast search index over the generated corpus, answering ``GET /vacancies`` as HH does.

``Corpus`` indexes the vacancies once (tokens, stems, filter sets) so a search over a few
thousand vacancies costs a few milliseconds: benchmarks hammer it. The vacancies come
from :mod:`sandbox.corpus_generator`; areas and dictionaries from :mod:`sandbox.hh_reference`.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sandbox import text_query as tq
from sandbox.corpus_generator import DEFAULT_SIZE, generate_corpus
from sandbox.hh_reference import (
    ALMATY,
    DEPTH_LIMIT,
    EMPLOYMENT,
    EMPLOYMENT_FORM,
    EXPERIENCE,
    LABELS,
    MSK,
    ORDER_BY,
    SCHEDULE,
    WORK_FORMAT,
    build_areas,
    build_dictionaries,
    build_professional_roles,
    iter_areas,
)

# bench/scoring.py imports the generator's inputs from here; new code imports their homes.
__all__ = [
    "ALMATY",
    "BadArgument",
    "Corpus",
    "SearchResult",
    "build_areas",
    "build_corpus",
    "build_dictionaries",
    "generate_corpus",
    "iter_areas",
    "pages_for",
    "search_item",
]


class BadArgument(ValueError):
    """A search parameter HH would reject with 400 bad_argument."""

    def __init__(self, name: str, description: str | None = None) -> None:
        super().__init__(name)
        self.name = name
        self.description = description or f"invalid value of {name}"


_DETAIL_ONLY = (
    "description",
    "branded_description",
    "key_skills",
    "languages",
    "driver_license_types",
    "billing_type",
    "code",
    "allow_messages",
    "approved",
    "initial_created_at",
    "test",
    "negotiations_url",
    "suitable_resumes_url",
    "age_restriction",
    "closed_for_applicants",
    "accept_handicapped",
    "accept_kids",
)
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


def _to_rur(amount: float | None, currency: str | None, rates: Mapping[str, float]) -> float | None:
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

    def __init__(
        self,
        vacancies: list[dict],
        areas: list[dict],
        dictionaries: dict,
        *,
        now: datetime | None = None,
        professional_roles: dict | None = None,
    ) -> None:
        self.areas = areas
        self.dictionaries = dictionaries
        self.professional_roles = (
            professional_roles if professional_roles is not None else build_professional_roles()
        )
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

    def _index_one(
        self, idx: int, vacancy: dict, cache: dict[str, tuple[list[str], list[str]]]
    ) -> _Doc:
        salary = vacancy.get("salary_range") or vacancy.get("salary") or {}
        currency = salary.get("currency")
        low = _to_rur(salary.get("from"), currency, self.rates)
        high = _to_rur(salary.get("to"), currency, self.rates)
        doc = _Doc(
            vacancy_id=int(vacancy["id"]) if str(vacancy["id"]).isdigit() else idx,
            area_id=vacancy["area"]["id"],
            published=datetime.strptime(vacancy["published_at"], "%Y-%m-%dT%H:%M:%S%z").timestamp(),
            salary_from_rur=low,
            salary_to_rur=high,
            sort_salary_rur=low if low is not None else high,
        )
        description = (
            (vacancy.get("description") or "")
            + " "
            + " ".join(s["name"] for s in vacancy.get("key_skills") or [])
        )
        texts = {
            "name": vacancy.get("name") or "",
            "company_name": (vacancy.get("employer") or {}).get("name") or "",
            "description": description,
        }
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
        labels = {
            "with_salary": bool(salary.get("from") or salary.get("to")),
            "with_address": vacancy.get("address") is not None,
            "internship": bool(vacancy.get("internship")),
            "accept_handicapped": bool(vacancy.get("accept_handicapped")),
            "accept_kids": bool(vacancy.get("accept_kids")),
            "accredited_it": bool((vacancy.get("employer") or {}).get("accredited_it_employer")),
            "not_from_agency": True,
        }
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
                candidates = {
                    i for i in candidates if _has_run(self._docs[i].tokens[field_name], term.stems)
                }
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
        for facet in ("experience", "work_format", "employment_form", "schedule", "employment"):
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
        return {
            "experience": EXPERIENCE,
            "work_format": WORK_FORMAT,
            "employment_form": EMPLOYMENT_FORM,
            "schedule": SCHEDULE,
            "employment": EMPLOYMENT,
        }[facet]

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
        return {
            i
            for i in matched
            if (since is None or docs[i].published >= since)
            and (until is None or docs[i].published <= until)
        }

    def _order(
        self, params: Any, matched: set[int], terms: list[tq.Term], fields: tuple[str, ...]
    ) -> list[int]:
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

    def _scores(
        self, matched: set[int], terms: list[tq.Term], fields: tuple[str, ...]
    ) -> dict[int, int]:
        """Relevance: occurrences of query terms, a hit in the title counting triple."""
        scores: dict[int, int] = {}
        for term in terms:
            term_fields = tuple(sorted(term.fields)) if term.fields else fields
            stems = term.stems
            if term.prefix:
                stems = tuple(
                    sorted({s for r, s in self._vocab.items() if r.startswith(term.stems[0])})
                )
            for field_name in term_fields:
                weight = _FIELD_WEIGHT[field_name]
                postings = self._postings[field_name]
                for stem in stems:
                    for i, count in postings.get(stem, {}).items():
                        if i in matched:
                            scores[i] = scores.get(i, 0) + weight * count
        return scores

    # -- what clusters and similar vacancies need (sandbox/hh_clusters.py) --

    def facet_index(self, facet: str) -> dict[str, set[int]]:
        """{value: open and archived vacancy indices} of one facet (area, experience, …)."""
        return self._facets.get(facet, {})

    def top_pay_rur(self, index: int) -> float | None:
        """The most a vacancy pays, in roubles (HH's base currency); None without pay."""
        doc = self._docs[index]
        return doc.salary_to_rur if doc.salary_to_rur is not None else doc.salary_from_rur

    def dictionary_names(self, name: str) -> dict[str, str]:
        return {entry["id"]: entry["name"] for entry in self.dictionaries.get(name, [])}

    def role_names(self) -> dict[str, str]:
        return {
            role["id"]: role["name"]
            for category in self.professional_roles["categories"]
            for role in category["roles"]
        }

    def vacancy_at(self, index: int) -> dict:
        return self._list[index]

    # -- paging helpers used by the emulator --

    def item_json(self, index: int, stems: frozenset[str], prefixes: tuple[str, ...]) -> str:
        """``item()`` as JSON text; the parts around the snippet are serialised once."""
        if index not in self._item_parts:
            text = json.dumps({**self.items[index], "snippet": _SNIPPET_MARK}, ensure_ascii=False)
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
        return {
            **item,
            "snippet": {
                "requirement": tq.highlight(snippet.get("requirement"), stems, prefixes),
                "responsibility": tq.highlight(snippet.get("responsibility"), stems, prefixes),
            },
        }


def _has_run(tokens: list[str], run: tuple[str, ...]) -> bool:
    """Whether ``run`` occurs as consecutive tokens (phrase search)."""
    first, width = run[0], len(run)
    for start, token in enumerate(tokens):
        if token == first and tuple(tokens[start : start + width]) == run:
            return True
    return False


def pages_for(found: int, per_page: int) -> int:
    """HH's ``pages``: ceil(found / per_page), capped by the 2000-item depth limit."""
    if per_page <= 0:
        return 0
    return min(math.ceil(found / per_page), math.ceil(DEPTH_LIMIT / per_page))


def build_corpus(seed: int = 42, size: int = DEFAULT_SIZE, now: datetime | None = None) -> Corpus:
    """Generate and index in one call."""
    return Corpus(
        generate_corpus(seed=seed, size=size, now=now), build_areas(), build_dictionaries(), now=now
    )
