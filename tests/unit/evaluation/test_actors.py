"""Sides and people are compared loosely: countries, or names and aliases in any case."""
from streams.evaluation.actors import countries, known_sides, person_matches, side_matches

from eval_helpers import clash, side


def test_countries_ignore_entries_without_one():
    assert countries([{"country": "ARM"}, {"country": None}, {"name": "x"}, "junk"]) == {"ARM"}
    assert countries(None) == set()


def test_side_matches_on_country():
    assert side_matches(side("Armenian armed forces", "ARM"), side(None, "ARM"))
    assert not side_matches(side("Armenian armed forces", "ARM"), side(None, "AZE"))


def test_side_matches_on_name_or_alias_case_insensitively_and_by_containment():
    gold = side("Azerbaijani armed forces", "AZE", aliases=("Azerbaijan", "Baku"))
    assert side_matches(gold, side("BAKU", None))
    assert side_matches(gold, side("the armed forces of Azerbaijan", None))  # alias inside the name
    assert side_matches(gold, side("armed forces", None))  # name inside the gold name
    assert side_matches(side("Boko-Haram"), side("boko  haram fighters"))  # hyphen and spacing
    assert not side_matches(gold, side("Armenia", "ARM"))
    assert not side_matches(gold, side(None, None))


def test_a_side_without_name_alias_or_country_is_not_known():
    assert known_sides(clash(side(), side("Shining Path"), side(aliases=("rebels",)))) == [
        side("Shining Path"), side(aliases=("rebels",))]


def test_person_matches_by_full_name_or_last_name():
    assert person_matches("Antony Blinken", "antony blinken")
    assert person_matches("Antony Blinken", "Blinken")
    assert not person_matches("Antony Blinken", "Antony Smith")
    assert not person_matches("Antony Blinken", None)
