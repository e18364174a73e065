"""Event ids: one real event, one id, however it is worded."""
from __future__ import annotations

from schemas import Clash, Meeting


def _one(events, kind):
    found = [e for e in events if isinstance(e, kind)]
    assert len(found) == 1, found
    return found[0]


def test_same_meeting_in_two_wordings_has_one_id(extractor, make_article):
    a = make_article("The foreign ministers of Peru and Chile met on Tuesday in Lima.",
                     "2024-03-15", "a")
    b = make_article("Chilean Foreign Minister Alberto van Klaveren held talks with Peruvian "
                     "counterpart Javier Gonzalez-Olaechea in Lima on Wednesday.",
                     "2024-03-14", "b")
    ea, eb = extractor.extract_batch([a, b])
    assert _one(ea, Meeting).id == _one(eb, Meeting).id


def test_same_clash_from_two_articles_has_one_id(extractor, make_article):
    a = make_article("Indian and Pakistani troops clashed along the border on Tuesday.",
                     "2024-03-15", "a")
    b = make_article("Pakistani forces and Indian soldiers exchanged fire on Tuesday, "
                     "officials said.", "2024-03-13", "b")
    ea, eb = extractor.extract_batch([a, b])
    assert _one(ea, Clash).id == _one(eb, Clash).id


def test_a_month_later_is_another_event(extractor, make_article):
    a = make_article("The foreign ministers of Peru and Chile met on Tuesday in Lima.",
                     "2024-03-15", "a")
    b = make_article("The foreign ministers of Peru and Chile met on Tuesday in Lima.",
                     "2024-04-15", "b")
    ea, eb = extractor.extract_batch([a, b])
    assert _one(ea, Meeting).id != _one(eb, Meeting).id
