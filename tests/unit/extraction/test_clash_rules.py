"""Clash rules on invented articles: armed groups, one-sided attacks, several fights, places."""
from __future__ import annotations

import datetime as dt

from schemas import Clash, DatePrecision
from streams.extraction.dates import find_dates


def _clashes(extractor, make_article, body: str) -> list[Clash]:
    return [e for e in extractor.extract(make_article(body)) if isinstance(e, Clash)]


def test_troops_killing_group_fighters_is_a_clash(extractor, make_article):
    clashes = _clashes(extractor, make_article,
                       "Somali troops killed 20 al-Shabaab fighters on Monday, a commander said.")
    assert len(clashes) == 1
    assert {s.country for s in clashes[0].sides} == {"SOM"}
    assert len(clashes[0].sides) == 2
    assert clashes[0].date_start == dt.date(2024, 3, 11)


def test_killing_by_gunmen_is_a_one_sided_clash(extractor, make_article):
    clashes = _clashes(extractor, make_article,
                       "Gunmen killed five villagers in northern Kenya on Tuesday, police said.")
    assert len(clashes) == 1
    assert clashes[0].location.country == "KEN"


def test_bare_toll_of_soldiers_is_no_clash(extractor, make_article):
    body = "Ten soldiers were killed on Tuesday, the army said."
    assert _clashes(extractor, make_article, body) == []


def test_year_range_is_a_date_of_year_precision():
    (found,) = find_dates("the 1932-1935 war", dt.date(2024, 3, 15))
    assert (found.span.start, found.span.end) == (dt.date(1932, 1, 1), dt.date(1935, 12, 31))
    assert found.span.precision == DatePrecision.YEAR


def test_old_war_takes_the_date_of_the_clause_describing_it(extractor, make_article):
    body = ("Peruvian soldiers clashed with Shining Path guerrillas on Monday.\n\n"
            "Bolivia and Paraguay fought a war starting in 1932 that claimed many lives.")
    clashes = _clashes(extractor, make_article, body)
    war = [c for c in clashes if {s.country for s in c.sides} == {"BOL", "PRY"}]
    assert len(clashes) == 2 and len(war) == 1
    assert war[0].background and war[0].date_start == dt.date(1932, 1, 1)


def test_province_is_a_clash_location(extractor, make_article):
    body = "Rebels ambushed a police convoy in Kenya's Turkana county on Monday."
    clashes = _clashes(extractor, make_article, body)
    assert clashes and clashes[0].location.country == "KEN"


def test_regions_resolve_to_their_country(gaz):
    assert gaz.places.region("Turkana county").country == "KEN"
    assert gaz.places.region("Georgia") is None  # a country, not the US state


def test_group_fighting_a_state_without_place_fights_in_that_state(extractor, make_article):
    body = ("On Monday, two Peruvian soldiers were wounded in an attack by guerrillas near "
            "the border with Bolivia.")
    clashes = _clashes(extractor, make_article, body)
    assert len(clashes) == 1
    assert clashes[0].location.country == "PER"
    assert "BOL" not in {s.country for s in clashes[0].sides}


def test_group_fighting_two_states_forces_is_two_clashes(extractor, make_article):
    body = ("Three Peruvian policemen were killed in a gunbattle with Shining Path guerrillas, "
            "the minister said Tuesday.\n\n"
            "On Monday, two Bolivian soldiers were wounded in an attack by guerrillas near the "
            "border with Peru.")
    clashes = _clashes(extractor, make_article, body)
    assert len(clashes) == 2
    assert {c.location.country for c in clashes} == {"PER", "BOL"}


def test_end_of_fighting_closes_the_fight(extractor, make_article):
    body = ("Clashes erupted on Jan. 5, 2020, between Peruvian and Bolivian troops.\n\n"
            "The fighting ended with a Chilean-brokered truce on Feb. 20, 2020.")
    clashes = _clashes(extractor, make_article, body)
    assert len(clashes) == 1
    c = clashes[0]
    assert (c.date_start, c.date_end) == (dt.date(2020, 1, 5), dt.date(2020, 2, 20))
    assert {s.country for s in c.sides} == {"PER", "BOL"}


def test_force_noun_in_a_title_is_not_a_side(extractor, make_article):
    body = ("Al-Shabaab militants attacked a hotel in Mogadishu on Sunday. "
            "Army spokesman Ali Hassan linked the attack to the militants.")
    clashes = _clashes(extractor, make_article, body)
    assert len(clashes) == 1
    assert [s.name for s in clashes[0].sides if "army" in (s.name or "").lower()] == []


def test_named_state_force_and_group_are_two_sides(extractor, make_article):
    body = "Kenya Defence Forces killed 15 al-Shabaab militants in Lamu county on Friday."
    clashes = _clashes(extractor, make_article, body)
    assert len(clashes) == 1
    assert len(clashes[0].sides) == 2
    assert clashes[0].location.country == "KEN"


def test_unknown_place_of_attacked_forces_is_on_their_ground(extractor, make_article):
    body = "Peruvian troops made a failed, small-scale attack late Tuesday on Chilean forces in the North Velora area."
    [clash] = _clashes(extractor, make_article, body)
    assert (clash.location.name, clash.location.country) == ("North Velora", "CHL")


def test_a_named_area_unknown_to_the_gazetteer_is_the_place(extractor, make_article):
    body = "Peruvian troops attacked Chilean positions in the Upper Quelan sector on Monday."
    [clash] = _clashes(extractor, make_article, body)
    assert (clash.location.name, clash.location.country) == ("Upper Quelan", "CHL")


def test_an_area_held_by_both_sides_gets_no_country(extractor, make_article):
    body = "Fighting broke out between Peruvian and Chilean troops in the Tarveni valley on Monday."
    [clash] = _clashes(extractor, make_article, body)
    assert (clash.location.name, clash.location.country) == ("Tarveni", None)
