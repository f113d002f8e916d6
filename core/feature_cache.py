"""Extracted vacancy features, kept for recently scored vacancies."""

from __future__ import annotations

from collections import OrderedDict

from core.features import VacancyFeatures, extract_features
from core.hh.schemas import Vacancy

FEATURE_CACHE_SIZE = 4096


class FeatureCache:
    """A small LRU of extracted features: extraction (HTML, stemming) dominates scoring."""

    def __init__(self, size: int = FEATURE_CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[tuple[str, str, bool], VacancyFeatures] = OrderedDict()

    def get(self, vacancy: Vacancy) -> VacancyFeatures:
        published = vacancy.published_at.isoformat() if vacancy.published_at else ""
        key = (vacancy.id, published, vacancy.has_details)
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            return found
        features = extract_features(vacancy)
        self._items[key] = features
        if len(self._items) > self._size:
            self._items.popitem(last=False)
        return features
