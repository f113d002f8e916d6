"""Extracted vacancy features, kept for recently scored vacancies."""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict

from core.domain.features import VacancyFeatures, extract_features
from core.domain.hh_schemas import Vacancy

FEATURE_CACHE_SIZE = 4096
# Stored vacancy texts already parsed (a 16-byte digest → the vacancy's cache key, about
# 200 bytes an entry): re-scoring and re-learning read the same stored rows again and again.
STORED_INDEX_SIZE = 8192

_Key = tuple[str, str, bool]


class FeatureCache:
    """A small LRU of extracted features: extraction (HTML, stemming) dominates scoring."""

    def __init__(
        self, size: int = FEATURE_CACHE_SIZE, stored_size: int = STORED_INDEX_SIZE
    ) -> None:
        self._size = size
        self._items: OrderedDict[_Key, VacancyFeatures] = OrderedDict()
        self._stored_size = stored_size
        self._stored: OrderedDict[bytes, _Key | None] = OrderedDict()  # None: does not parse

    @staticmethod
    def _key(vacancy: Vacancy) -> _Key:
        published = vacancy.published_at.isoformat() if vacancy.published_at else ""
        return (vacancy.id, published, vacancy.has_details)

    def from_stored(self, raw_json: str | None) -> VacancyFeatures | None:
        """Features of a stored vacancy given as its HH JSON text (a recommendation's
        ``raw`` column), or None when the text does not parse as a vacancy.

        The same as ``get(Vacancy.model_validate(json.loads(raw_json) or {}))`` (None for
        a ValueError), but a text seen before is not parsed and validated again: that
        pydantic validation was most of the CPU of re-scoring a user's stored feed."""
        text = raw_json or "null"
        digest = hashlib.blake2b(text.encode(), digest_size=16).digest()
        if digest in self._stored:
            self._stored.move_to_end(digest)
            key = self._stored[digest]
            if key is None:
                return None
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        try:
            vacancy = Vacancy.model_validate(json.loads(text) or {})
        except ValueError:  # pydantic's ValidationError and a JSONDecodeError are ValueErrors
            self._remember(digest, None)
            return None
        self._remember(digest, self._key(vacancy))
        return self.get(vacancy)

    def _remember(self, digest: bytes, key: _Key | None) -> None:
        self._stored[digest] = key
        if len(self._stored) > self._stored_size:
            self._stored.popitem(last=False)

    def get(self, vacancy: Vacancy) -> VacancyFeatures:
        key = self._key(vacancy)
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            return found
        features = extract_features(vacancy)
        self._items[key] = features
        if len(self._items) > self._size:
            self._items.popitem(last=False)
        return features
