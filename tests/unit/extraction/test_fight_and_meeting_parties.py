"""A sentence that tells of a meeting and of fighting keeps their parties apart."""
from __future__ import annotations

from schemas import Clash, Meeting

BOTH = ("The meeting between French Foreign Minister Jean Dupont and German Foreign Minister "
        "Karl Weber followed clashes between Sudanese and Chadian troops on Monday.")


def test_countries_of_the_fighting_are_not_meeting_participants(extractor, make_article):
    events = extractor.extract(make_article(BOTH))
    [meeting] = [e for e in events if isinstance(e, Meeting)]
    assert {p.country for p in meeting.participants} == {"FRA", "DEU"}


def test_a_persons_nationality_is_not_a_side_of_the_fight(extractor, make_article):
    events = extractor.extract(make_article(BOTH))
    [clash] = [e for e in events if isinstance(e, Clash)]
    assert {s.country for s in clash.sides} == {"SDN", "TCD"}


def test_meetings_of_two_countries_keep_both(extractor, make_article):
    body = "The defence ministers of Sudan and Chad met in Geneva on Monday to discuss the clashes."
    [meeting] = [e for e in extractor.extract(make_article(body)) if isinstance(e, Meeting)]
    assert {p.country for p in meeting.participants} == {"SDN", "TCD"}


def test_meetings_with_a_list_of_partners_are_one_meeting_each(extractor, make_article):
    body = "On Tuesday, Brazil's President Ana Souza held separate meetings with Peru, Chile and Bolivia in Brasilia."
    meetings = [e for e in extractor.extract(make_article(body)) if isinstance(e, Meeting)]
    assert sorted(sorted(p.country for p in m.participants) for m in meetings) == [
        ["BOL", "BRA"], ["BRA", "CHL"], ["BRA", "PER"]]
