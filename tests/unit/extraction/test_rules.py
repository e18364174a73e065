"""Event rules on invented articles."""
from __future__ import annotations

from schemas import CasualtyUpdate, Clash, Meeting, Qualifier


def _figures(events):
    return {(f.outcome.value, f.category.value, f.count, f.qualifier.value)
            for e in events if isinstance(e, CasualtyUpdate) for f in e.figures}


def test_casualty_figures_with_categories_and_qualifiers(extractor, make_article):
    body = ("Four Kenyan soldiers were killed and eleven civilians were wounded when gunmen "
            "attacked a convoy near the border, the army said on Thursday.\n\n"
            "At least 30 people have died in the violence, officials said.")
    figs = _figures(extractor.extract(make_article(body)))
    assert ("killed", "military", 4, "exact") in figs
    assert ("wounded", "civilian", 11, "exact") in figs
    assert ("killed", "unknown", 30, "at_least") in figs


def test_vague_amounts_are_not_figures(extractor, make_article):
    body = "Dozens of fighters were killed and hundreds of villagers were wounded in the raid."
    assert _figures(extractor.extract(make_article(body))) == set()


def test_repeated_figure_is_one_figure(extractor, make_article):
    body = ("Nine police officers were killed in an ambush on Tuesday.\n\n"
            "The nine police officers were killed while on patrol, a spokesman said.")
    figs = [f for e in extractor.extract(make_article(body)) if isinstance(e, CasualtyUpdate)
            for f in e.figures]
    assert len(figs) == 1 and figs[0].count == 9


def test_phone_call_is_a_meeting_with_mode_call(extractor, make_article):
    body = ("Kenyan President William Ruto and Ugandan President Yoweri Museveni spoke by "
            "telephone on Wednesday about the border.")
    meetings = [e for e in extractor.extract(make_article(body)) if isinstance(e, Meeting)]
    assert len(meetings) == 1
    m = meetings[0]
    assert m.mode.value == "call" and m.date.isoformat() == "2024-03-13"
    assert {p.country for p in m.participants} == {"KEN", "UGA"}


def test_planned_meetings_are_not_meetings(extractor, make_article):
    body = ("The foreign ministers of Peru and Chile agreed to meet next month. "
            "Peru's president will visit Chile in May.")
    assert not [e for e in extractor.extract(make_article(body)) if isinstance(e, Meeting)]


def test_visit_is_meeting_with_host_country(extractor, make_article):
    body = ("German Chancellor Olaf Scholz held talks in Nairobi on Monday with Kenyan "
            "President William Ruto.")
    meetings = [e for e in extractor.extract(make_article(body)) if isinstance(e, Meeting)]
    assert meetings and {p.country for p in meetings[0].participants} >= {"DEU", "KEN"}


def test_clash_between_two_states(extractor, make_article):
    body = ("Indian and Pakistani troops exchanged fire along the border on Tuesday, "
            "killing three soldiers, officials said.")
    clashes = [e for e in extractor.extract(make_article(body)) if isinstance(e, Clash)]
    assert len(clashes) == 1
    c = clashes[0]
    assert {s.country for s in c.sides} == {"IND", "PAK"}
    assert c.date_start.isoformat() == "2024-03-12"
    assert c.fatalities is not None and c.fatalities.count == 3
    assert c.fatalities.qualifier == Qualifier.EXACT


def test_old_war_is_background(extractor, make_article):
    body = "The two countries fought a border war in 1999 in which Peru and Chile lost troops."
    clashes = [e for e in extractor.extract(make_article(body)) if isinstance(e, Clash)]
    assert clashes and all(c.background for c in clashes)
