"""Fixtures of the extraction tests: the gazetteers of the session's extractor, test articles."""
from __future__ import annotations

import datetime as dt

import pytest

from schemas import Article
from streams.extraction import Extractor


@pytest.fixture(scope="session")
def gaz(extractor: Extractor):
    return extractor.gaz


def _make_article(body: str, published: str = "2024-03-15", article_id: str = "t") -> Article:
    """An article with the given body, published at midnight UTC of `published` (a Friday
    by default)."""
    when = dt.datetime.fromisoformat(published).replace(tzinfo=dt.timezone.utc)
    return Article(id=article_id, published_at=when, body=body)


@pytest.fixture(scope="session")
def make_article():
    """Builds test articles (the test package has no __init__, so this is a fixture)."""
    return _make_article
