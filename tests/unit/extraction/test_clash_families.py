"""Clash families on invented sentences: one-sided strikes and weapons, figurative fights,
planned fights, several strikes in one article, standing conflicts told as background."""
from __future__ import annotations

import datetime as dt

from schemas import Clash


def _clashes(extractor, make_article, body: str) -> list[Clash]:
    return [e for e in extractor.extract(make_article(body)) if isinstance(e, Clash)]


def test_national_strikes_are_a_one_sided_clash(extractor, make_article):
    body = "Syrian strikes killed four people in the town of Idlib on Wednesday, medics said."
    (clash,) = _clashes(extractor, make_article, body)
    assert [s.country for s in clash.sides] == ["SYR"]
    assert clash.date_start == dt.date(2024, 3, 13)


def test_a_weapon_that_hits_is_a_strike(extractor, make_article):
    body = "Two people were killed when Russian missiles hit a market in Poltava on Tuesday."
    (clash,) = _clashes(extractor, make_article, body)
    assert [s.country for s in clash.sides] == ["RUS"]


def test_demonym_of_the_fighting_word_names_the_side(extractor, make_article):
    body = "An Israeli airstrike on a house in Jabalia killed six people on Thursday."
    (clash,) = _clashes(extractor, make_article, body)
    assert "ISR" in {s.country for s in clash.sides}


def test_labour_strike_and_trade_war_are_no_clash(extractor, make_article):
    body = ("Dock workers in Kenya began a strike on Monday.\n\n"
            "The trade war between Kenya and Uganda has hurt farmers.")
    assert _clashes(extractor, make_article, body) == []


def test_war_torn_describes_a_country(extractor, make_article):
    body = "The minister returned to war-torn Yemen on Tuesday after months abroad."
    assert _clashes(extractor, make_article, body) == []


def test_country_naming_a_sports_match_is_no_side(extractor, make_article):
    body = "Fans were involved in a fight during the India-Pakistan cricket match in Colombo."
    assert _clashes(extractor, make_article, body) == []


def test_a_fight_only_threatened_is_no_clash(extractor, make_article):
    body = "The rebels said on Monday they would halt their attacks on Ethiopian forces."
    assert _clashes(extractor, make_article, body) == []


def test_strikes_on_two_towns_are_two_clashes(extractor, make_article):
    body = ("Russian drones hit an oil depot in Poltava on Sunday, officials said.\n\n"
            "A drone attack on a power plant in Chernihiv wounded two workers.")
    clashes = _clashes(extractor, make_article, body)
    assert len(clashes) == 2
    assert all({s.country for s in c.sides} == {"RUS"} for c in clashes)


def test_a_separate_incident_is_its_own_clash(extractor, make_article):
    body = ("Gunmen killed ten villagers in an attack in northern Nigeria on Tuesday.\n\n"
            "Police said a policeman was killed in a separate incident.")
    assert len(_clashes(extractor, make_article, body)) == 2


def test_standing_conflict_is_background(extractor, make_article):
    body = ("Militants killed five Somali soldiers at a base on Monday, officials said.\n\n"
            "The militants are fighting the Somali government to impose their rule.")
    clashes = _clashes(extractor, make_article, body)
    assert len(clashes) == 2
    assert sorted(c.background for c in clashes) == [False, True]


def test_a_war_of_a_decade_is_a_background_clash(extractor, make_article):
    body = "Ecuador has held the border since it won a war in the 1940s with Peru."
    (war,) = _clashes(extractor, make_article, body)
    assert war.background and war.date_start == dt.date(1940, 1, 1)
    assert {s.country for s in war.sides} == {"ECU", "PER"}


def test_clashes_referred_to_keep_their_own_date(extractor, make_article):
    body = ("Rebels attacked army posts in eastern Congo on Thursday, the army said.\n\n"
            "The attack ended months of calm following clashes between the army and the "
            "rebels at the end of June.")
    clashes = _clashes(extractor, make_article, body)
    assert sorted(c.date_start for c in clashes) == [dt.date(2023, 6, 1), dt.date(2024, 3, 14)]


def test_fighting_still_going_on_days_later_extends_the_clash(extractor, make_article):
    body = ("Rebels attacked army posts in eastern Congo on Monday, the army said.\n\n"
            "Fighting was still going on in some areas on Wednesday, he added.")
    (clash,) = _clashes(extractor, make_article, body)
    assert (clash.date_start, clash.date_end) == (dt.date(2024, 3, 11), dt.date(2024, 3, 13))


def test_undated_fight_of_the_lead_takes_the_lead_date(extractor, make_article):
    body = "Gunmen attacked a police checkpoint in northern Kenya, police said on Thursday."
    (clash,) = _clashes(extractor, make_article, body)
    assert clash.date_start == dt.date(2024, 3, 14)


def test_undated_fight_takes_the_dateline(extractor, make_article):
    body = ("The governor visited the region on Monday to open a school.\n\n"
            "Gunmen attacked a police checkpoint in northern Kenya, officials said.")
    (clash,) = _clashes(extractor, make_article, body)
    assert clash.date_start == dt.date(2024, 3, 15) and not clash.background


def test_two_attacks_of_one_day_in_two_provinces_are_two_clashes(extractor, make_article):
    body = ("Gunmen ambushed soldiers in Kenya's Turkana county on Monday, police said.\n\n"
            "Another attack on soldiers took place on Monday in Marsabit county.")
    clashes = _clashes(extractor, make_article, body)
    assert len(clashes) == 2 and len({c.id for c in clashes}) == 2


def test_a_border_named_by_a_demonym_is_no_place_country(extractor, make_article):
    body = "Militants overran a Pakistani army post close to the Afghan border on Monday."
    (clash,) = _clashes(extractor, make_article, body)
    assert clash.location.country != "AFG"


def test_the_date_a_statement_was_made_is_not_the_fight_date(extractor, make_article):
    body = ("Rebels attacked an army garrison in Sudan on Saturday, the army said.\n\n"
            "In a statement late Sunday, the rebels' spokesman said their fighters killed "
            "30 soldiers.")
    clashes = _clashes(extractor, make_article, body)
    assert [c.date_start for c in clashes] == [dt.date(2024, 3, 9)]


def test_a_group_named_only_by_its_name_is_a_side(extractor, make_article):
    body = "Turkish jets carried out airstrikes against the PKK in northern Iraq on Monday."
    (clash,) = _clashes(extractor, make_article, body)
    assert "PKK" in {s.name for s in clash.sides}
    assert "TUR" in {s.country for s in clash.sides}


def test_a_fight_between_fans_at_a_match_is_no_clash(extractor, make_article):
    body = ("Amid the blockbuster clash between Spain and Portugal in the Nations League, a fight "
            "broke out between fans at the stadium in Seville.")
    assert _clashes(extractor, make_article, body) == []


def test_armed_actors_overrunning_a_post_is_a_clash(extractor, make_article):
    body = "Hundreds of militants overran an army outpost in northern Mali on Sunday."
    (clash,) = _clashes(extractor, make_article, body)
    assert clash.date_start == dt.date(2024, 3, 10)
    assert clash.location.country == "MLI"


def test_forces_driving_rebels_out_of_a_town_is_a_clash(extractor, make_article):
    body = "Government forces drove the rebels out of the port city in July, officials said."
    assert len(_clashes(extractor, make_article, body)) == 1


def test_driving_a_car_is_no_clash(extractor, make_article):
    body = "Soldiers drove a truck to the capital on Monday to deliver food."
    assert _clashes(extractor, make_article, body) == []


def test_strikes_reported_on_two_days_are_two_clashes(extractor, make_article):
    body = ("Israeli airstrikes killed 12 people in Gaza, health officials said on Thursday.\n\n"
            "On Wednesday, medics said three people were killed by Israeli gunfire near a "
            "hospital.")
    clashes = _clashes(extractor, make_article, body)
    assert sorted(c.date_start for c in clashes) == [dt.date(2024, 3, 13), dt.date(2024, 3, 14)]


def test_a_claim_told_the_day_after_the_fight_is_the_same_fight(extractor, make_article):
    body = ("Rebels attacked an army garrison in Sudan on Saturday, the army said.\n\n"
            "The rebels said on Sunday that their fighters killed 30 soldiers.")
    assert len(_clashes(extractor, make_article, body)) == 1


def test_the_start_of_a_conflict_dates_it(extractor, make_article):
    body = "The Libyan conflict has killed more than 20,000 people since it began in 2011."
    (clash,) = _clashes(extractor, make_article, body)
    assert clash.date_start == dt.date(2011, 1, 1) and clash.background


def test_a_place_near_a_border_is_not_in_the_neighbour(extractor, make_article):
    body = ("Pakistani officials said militants overran a post in the Zarak hills, close to "
            "the Afghan border, on Monday.")
    (clash,) = _clashes(extractor, make_article, body)
    assert "AFG" not in {s.country for s in clash.sides} | {clash.location.country}


def test_a_past_fight_without_a_date_is_background(extractor, make_article):
    body = ("Gunmen killed 20 fishermen in a town in northern Nigeria on Wednesday.\n\n"
            "Residents said the army attacked the insurgents some weeks ago.")
    clashes = _clashes(extractor, make_article, body)
    assert sorted(c.background for c in clashes) == [False, True]


def test_separately_introduces_another_fight(extractor, make_article):
    body = ("Militants attacked a Pakistani army post in the tribal areas on Monday.\n\n"
            "Separately, a bomb exploded as a Pakistani army patrol passed in the valley on "
            "Monday.")
    assert len(_clashes(extractor, make_article, body)) == 2


def test_armed_men_killing_villagers_is_a_one_sided_clash(extractor, make_article):
    body = "Armed men killed five farmers in Nigeria's Plateau state on Monday."
    (clash,) = _clashes(extractor, make_article, body)
    assert clash.location.country == "NGA"


def test_a_bombing_killing_soldiers_takes_the_bomber_as_side(extractor, make_article):
    body = "A suicide bomber blew himself up at a checkpoint in Kismayo, killing eight soldiers."
    (clash,) = _clashes(extractor, make_article, body)
    assert "suicide bomber" in {s.name for s in clash.sides}


def test_forces_firing_at_protesters_is_a_one_sided_clash(extractor, make_article):
    body = "Sudanese security forces fired live rounds at demonstrators in Omdurman on Wednesday."
    (clash,) = _clashes(extractor, make_article, body)
    assert [s.country for s in clash.sides] == ["SDN"]


def test_warplanes_bombing_targets_is_a_strike(extractor, make_article):
    body = "US warplanes bombed rebel targets in Yemen on Saturday."
    (clash,) = _clashes(extractor, make_article, body)
    assert "USA" in {s.country for s in clash.sides}


def test_words_fights_and_sport_are_no_clash(extractor, make_article):
    for body in ("China's foreign ministry attacked the US decision on Monday.",
                 "Apple battled Samsung in court over patents on Monday.",
                 "The striker scored twice as Brazil beat Argentina in a fierce clash."):
        assert _clashes(extractor, make_article, body) == [], body


def test_an_assault_of_last_week_is_apart_from_todays_strikes(extractor, make_article):
    body = ("Israeli airstrikes killed 12 people in Gaza, health officials said on Friday.\n\n"
            "Thousands fled since Israeli forces last week launched an assault on the city.")
    clashes = _clashes(extractor, make_article, body)
    assert len(clashes) == 2


def test_an_offensive_begun_days_ago_runs_to_the_report(extractor, make_article):
    body = ("More than 100 people have been killed in Syrian air strikes since the offensive "
            "began on March 10, a monitor said.")
    (clash,) = _clashes(extractor, make_article, body)
    assert (clash.date_start, clash.date_end) == (dt.date(2024, 3, 10), dt.date(2024, 3, 15))


def test_who_condemns_an_attack_is_no_side(extractor, make_article):
    body = "Turkey condemned the attack by militants on a Somali army base on Monday."
    (clash,) = _clashes(extractor, make_article, body)
    assert {s.country for s in clash.sides} == {"SOM"}


def test_the_accused_state_is_the_side_of_its_fire(extractor, make_article):
    body = "Thailand accused Cambodia of firing rockets at a Thai village on Thursday."
    (clash,) = _clashes(extractor, make_article, body)
    assert "KHM" in {s.country for s in clash.sides}


def test_a_strike_by_unnamed_attackers_is_a_clash_without_sides(extractor, make_article):
    body = "A French journalist was killed by shelling in eastern Ukraine on Monday."
    (clash,) = _clashes(extractor, make_article, body)
    assert clash.sides == [] and clash.location.country == "UKR"
    assert clash.date_start == dt.date(2024, 3, 11)


def test_the_two_countries_are_the_articles_two_countries(extractor, make_article):
    body = ("Armenia and Azerbaijan held talks in Geneva on Monday.\n\n"
            "The two countries fought a war over the region in the 1990s.")
    (war,) = _clashes(extractor, make_article, body)
    assert {s.country for s in war.sides} == {"ARM", "AZE"} and war.background


def test_a_year_before_the_war_dates_it(extractor, make_article):
    body = "The 1969 war between Honduras and El Salvador killed more than 2,000 people."
    (war,) = _clashes(extractor, make_article, body)
    assert war.date_start == dt.date(1969, 1, 1) and war.background


def test_the_broker_of_a_truce_is_no_side(extractor, make_article):
    body = ("Armenian and Azerbaijani forces clashed on Monday.\n\n"
            "The fighting ended with a Russian-brokered truce on Tuesday.")
    (clash,) = _clashes(extractor, make_article, body)
    assert "RUS" not in {s.country for s in clash.sides}


def test_a_fight_on_the_same_day_elsewhere_is_its_own_clash(extractor, make_article):
    body = ("Armed men confronted soldiers in a gunbattle in the state of Sinaloa.\n\n"
            "It happened on Monday, the same day that gunmen ambushed a police convoy in "
            "neighboring Durango state.\n\n"
            "The president called Monday's attack regrettable.")
    clashes = _clashes(extractor, make_article, body)
    assert len(clashes) == 2
    assert all(c.date_start == dt.date(2024, 3, 11) for c in clashes)


def test_long_official_region_names_match_their_short_name(gaz):
    assert gaz.places.region("Veracruz").country == "MEX"


def test_a_battle_with_a_blaze_is_no_clash(extractor, make_article):
    body = "Firefighters battled a blaze in California on Monday."
    assert _clashes(extractor, make_article, body) == []


def test_the_attacker_of_a_second_fighting_word_is_a_side(extractor, make_article):
    body = "Turkey launched strikes on northern Iraq on Tuesday after the PKK fired rockets at Turkey."
    (clash,) = _clashes(extractor, make_article, body)
    assert "PKK" in {s.name for s in clash.sides} and "TUR" in {s.country for s in clash.sides}


def test_rebels_who_drove_the_president_out_fought_for_the_capital(extractor, make_article):
    body = ("Airstrikes hit rebels who drove President Musa out of the capital last year, "
            "officials in Mali said.")
    clashes = _clashes(extractor, make_article, body)
    assert any(c.date_start == dt.date(2023, 1, 1) for c in clashes)


def test_forces_clearing_militants_from_a_valley_is_a_clash(extractor, make_article):
    body = "Pakistani security forces have been trying to clear militants from the valley."
    assert len(_clashes(extractor, make_article, body)) == 1


def test_a_separate_accident_is_no_clash(extractor, make_article):
    body = ("Gunmen killed ten villagers in an attack in northern Nigeria on Tuesday.\n\n"
            "In a separate incident, two people died in a car crash on the highway.")
    assert len(_clashes(extractor, make_article, body)) == 1


def test_a_vow_or_threat_to_attack_is_no_clash(extractor, make_article):
    for body in ("The rebels vowed to attack Ethiopian forces in Amhara on Monday.",
                 "Iran threatened to strike Israeli bases on Monday."):
        assert _clashes(extractor, make_article, body) == [], body


def test_forces_shooting_or_killing_protesters_is_a_one_sided_clash(extractor, make_article):
    for body in ("Security forces shot dead five protesters in Omdurman on Monday.",
                 "Police killed two protesters in Nairobi on Tuesday."):
        (clash,) = _clashes(extractor, make_article, body)
        assert len(clash.sides) == 1, body


def test_shooting_a_photo_is_no_clash(extractor, make_article):
    assert _clashes(extractor, make_article, "The photographer shot the parade in Paris.") == []
