"""Scored candidates and what a user must not be offered again: seen vacancies, their
clones and re-publications (same content hash), hidden employers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.domain.features import VacancyFeatures
from core.domain.hh_schemas import Vacancy
from core.domain.scoring import VacancyScore


@dataclass(frozen=True, slots=True)
class Candidate:
    vacancy: Vacancy
    features: VacancyFeatures
    score: VacancyScore


@dataclass(frozen=True, slots=True)
class Exclusions:
    """What a user must not be offered again."""

    vacancy_ids: frozenset[str] = frozenset()
    content_hashes: frozenset[str] = frozenset()
    employer_ids: frozenset[str] = frozenset()

    def allows_item(self, features: VacancyFeatures) -> bool:
        """Checks a search item can pass (it has no description, so no content hash)."""
        return not (
            features.archived
            or features.vacancy_id in self.vacancy_ids
            or (features.employer_id is not None and features.employer_id in self.employer_ids)
        )

    def allows(self, features: VacancyFeatures) -> bool:
        return self.allows_item(features) and features.content_hash not in self.content_hashes


def collapse_clones(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per content hash (the best scored), best first."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        current = best.get(candidate.features.content_hash)
        if current is None or candidate.score.overall > current.score.overall:
            best[candidate.features.content_hash] = candidate
    return sorted(best.values(), key=lambda c: (-c.score.overall, c.vacancy.id))
