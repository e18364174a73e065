"""Meeting rules on invented sentences: who took part, when, and what is not a meeting.

Articles are published on Friday 2024-03-15 (the `make_article` default).
"""
from __future__ import annotations

from schemas import Meeting


def _meetings(extractor, make_article, body: str) -> list[Meeting]:
    return [e for e in extractor.extract(make_article(body)) if isinstance(e, Meeting)]


def _countries(m: Meeting) -> set[str]:
    return {p.country for p in m.participants if p.country}


def test_a_persons_country_comes_from_their_own_apposition(extractor, make_article):
    body = ("Ana Lopez, Peru's foreign minister, met Pieter de Vries, the Dutch prime minister, "
            "in Lima on Monday.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"PER", "NLD"}
    assert m.date.isoformat() == "2024-03-11"


def test_an_envoy_of_an_international_body_has_no_country(extractor, make_article):
    body = ("The UN special envoy for Sudan, Maria Costa, met Sudanese army chief Tomas Reyes "
            "in Port Sudan on Tuesday.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"SDN"}
    assert next(p for p in m.participants if p.name == "Maria Costa").country is None


def test_a_country_only_mentioned_in_the_sentence_is_not_a_participant(extractor, make_article):
    body = ("Kenyan President Daniel Otieno met Ugandan President Samuel Okello on Monday and "
            "discussed the release of a jailed Australian journalist held in Somalia.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"KEN", "UGA"}


def test_a_title_carries_to_later_mentions_of_the_surname(extractor, make_article):
    body = ("Kenyan President Daniel Otieno flew home on Monday.\n\n"
            "Otieno later held talks with Ugandan President Samuel Okello.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"KEN", "UGA"}


def test_he_who_met_is_the_speaker(extractor, make_article):
    body = ("Chile's interior minister Pablo Rojas told reporters that he had met his "
            "Bolivian counterpart Luis Mamani at the border on Wednesday.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"CHL", "BOL"}
    assert m.date.isoformat() == "2024-03-13"


def test_a_trip_to_several_countries_is_one_meeting_per_host_with_its_day(extractor, make_article):
    body = ("Brazilian Foreign Minister Carla Mendes visited Chile on Monday and Peru on "
            "Tuesday.")
    meetings = _meetings(extractor, make_article, body)
    assert sorted((m.date.isoformat(), sorted(_countries(m))) for m in meetings) == [
        ("2024-03-11", ["BRA", "CHL"]), ("2024-03-12", ["BRA", "PER"])]


def test_arriving_in_a_city_for_a_visit_is_a_meeting_with_the_host(extractor, make_article):
    body = "Japanese Foreign Minister Kenji Sato has arrived in Nairobi for a working visit."
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"JPN", "KEN"}
    assert m.date.isoformat() == "2024-03-15"  # undated news: the report's day


def test_the_first_leader_to_have_visited_is_a_past_visit(extractor, make_article):
    body = "She was the only Dutch prime minister to have visited Chile in 1990."
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"NLD", "CHL"} and m.date.year == 1990


def test_calling_a_person_is_a_phone_call_and_calling_on_one_a_visit(extractor, make_article):
    body = ("Chilean Defence Minister Pablo Rojas called Argentine Defence Minister Juan "
            "Perez on Wednesday.\n\n"
            "Indian Foreign Minister Ravi Kumar called on Japanese Prime Minister Ken Sato on "
            "Thursday.")
    modes = {(m.mode.value, frozenset(_countries(m))) for m in _meetings(extractor, make_article,
                                                                           body)}
    assert modes == {("call", frozenset({"CHL", "ARG"})), ("in_person", frozenset({"IND", "JPN"}))}


def test_a_meeting_a_plan_verb_governs_is_not_a_meeting(extractor, make_article):
    body = ("The two ministers agreed to fix a date for a meeting between the defence chiefs "
            "of Chile and Peru.\n\n"
            "The summit of Chile and Peru was to have focused on trade.")
    assert _meetings(extractor, make_article, body) == []


def test_a_call_and_a_meeting_of_the_same_pair_on_one_day_are_two(extractor, make_article):
    body = ("President Aibek Omurov of Kyrgyzstan and Tajik counterpart Rustam Nazarov spoke "
            "by telephone on Friday.\n\n"
            "Kyrgyz security chief Bolot Asanov met Tajik counterpart Davron Karimov on Friday.")
    meetings = _meetings(extractor, make_article, body)
    assert sorted(m.mode.value for m in meetings) == ["call", "in_person"]


def test_a_mention_without_parties_gives_the_meeting_its_date_and_mode(extractor, make_article):
    body = ("The fifth ministerial meeting was held on Tuesday via videoconference.\n\n"
            "The meeting was joined by the foreign ministers of Kenya, Uganda and Tanzania.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"KEN", "UGA", "TZA"}
    assert m.mode.value == "virtual" and m.date.isoformat() == "2024-03-12"


def test_bilaterals_on_a_summits_sidelines_are_one_meeting_per_pair(extractor, make_article):
    body = ("On the sidelines of the summit on Thursday, Indian Prime Minister Ravi Kumar met "
            "Kenyan President Daniel Otieno and Peruvian President Ana Lopez.")
    pairs = sorted(sorted(_countries(m)) for m in _meetings(extractor, make_article, body))
    assert pairs == [["IND", "KEN"], ["IND", "PER"]]


def test_leaders_who_met_together_are_one_meeting(extractor, make_article):
    body = ("Indian Prime Minister Ravi Kumar met Kenyan President Daniel Otieno and Peruvian "
            "President Ana Lopez together on Thursday.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"IND", "KEN", "PER"}


def test_summits_with_a_list_of_partners_include_an_international_body(extractor, make_article):
    body = ("In Jakarta on Wednesday, the Indonesian president held summits with Japan and "
            "the UN.")
    pairs = sorted(sorted(_countries(m)) for m in _meetings(extractor, make_article, body))
    assert pairs == [["IDN"], ["IDN", "JPN"]]


def test_an_international_body_named_as_a_party_makes_a_meeting(extractor, make_article):
    body = "The African Union envoy met Sudanese army chief Omar Idris in Port Sudan on Sunday."
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"SDN"}


def test_a_video_conference_is_a_virtual_meeting(extractor, make_article):
    body = "The Indian and Chinese foreign ministers held a video conference on Tuesday."
    [m] = _meetings(extractor, make_article, body)
    assert m.mode.value == "virtual" and _countries(m) == {"IND", "CHN"}


def test_a_cancelled_or_scheduled_meeting_is_not_a_meeting(extractor, make_article):
    body = ("The meeting between the presidents of Chad and Sudan was cancelled on Monday.\n\n"
            "A summit of Egypt and Ethiopia scheduled for Tuesday was postponed.")
    assert _meetings(extractor, make_article, body) == []


def test_a_government_meeting_rebels_of_its_country_is_a_meeting(extractor, make_article):
    body = "Colombia's president met rebel leaders in Havana on Monday."
    [m] = _meetings(extractor, make_article, body)
    assert [p.country for p in m.participants] == ["COL", "COL"]


def test_an_internal_meeting_of_one_government_is_not_a_meeting(extractor, make_article):
    body = "Kenyan ministers met in Nairobi on Monday to discuss the drought."
    assert _meetings(extractor, make_article, body) == []


def test_meeting_two_people_outside_a_gathering_is_one_meeting(extractor, make_article):
    body = ("Indian Foreign Minister Ravi Kumar met Armenian Foreign Minister Aram Sargsyan "
            "and Azerbaijani Foreign Minister Elnur Aliyev in Geneva on Thursday.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"IND", "ARM", "AZE"}


def test_the_country_an_envoy_is_for_is_not_a_party(extractor, make_article):
    body = ("The UN envoy for Libya, Maria Costa, met Egyptian Foreign Minister Karim Nabil in "
            "Cairo on Monday.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"EGY"}


def test_their_ministers_are_the_states_of_the_clause_above(extractor, make_article):
    body = ("Somalia and Kenya agreed on Thursday to reopen their border after talks between "
            "their foreign ministers in Nairobi.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"SOM", "KEN"} and m.date.isoformat() == "2024-03-14"


def test_telephoning_a_person_is_a_phone_call(extractor, make_article):
    body = "Somali President Ali Hassan telephoned Kenyan President Daniel Otieno on Tuesday."
    [m] = _meetings(extractor, make_article, body)
    assert m.mode.value == "call" and _countries(m) == {"SOM", "KEN"}


def test_they_who_met_before_are_the_last_meetings_parties(extractor, make_article):
    body = ("The foreign ministers of India and Pakistan met in Astana on Wednesday.\n\n"
            "They last met in 2019 in Islamabad.")
    found = sorted((m.date.year, sorted(_countries(m))) for m in
                   _meetings(extractor, make_article, body))
    assert found == [(2019, ["IND", "PAK"]), (2024, ["IND", "PAK"])]


def test_the_two_countries_are_the_pair_the_article_is_about(extractor, make_article):
    body = ("Fighting on the border between Kyrgyzstan and Tajikistan killed 12 people, "
            "Kyrgyzstan said.\n\n"
            "Officials from the two countries met on Thursday to defuse tensions.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"KGZ", "TJK"} and m.date.isoformat() == "2024-03-14"


def test_a_two_word_demonym_in_a_title_names_its_country(extractor, make_article):
    body = "Russia's president Ivan Petrov hosted North Korean leader Kim Song on Wednesday."
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"RUS", "PRK"}


def test_the_parties_of_a_round_of_talks(extractor, make_article):
    body = ("Delegations from Armenia and Azerbaijan held a new round of negotiations in "
            "Brussels on Tuesday.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"ARM", "AZE"}


def test_the_date_a_meeting_is_counted_from_is_not_its_date(extractor, make_article):
    body = ("Kenyan President Daniel Otieno met Ugandan President Samuel Okello, their first "
            "meeting since 2019.")
    [m] = _meetings(extractor, make_article, body)
    assert m.date.isoformat() == "2024-03-15"


def test_meeting_demands_or_criticism_is_not_a_meeting(extractor, make_article):
    body = ("Kenya said on Monday it had met Uganda's demands.\n\n"
            "The Chilean plan met with criticism from Peru on Tuesday.")
    assert _meetings(extractor, make_article, body) == []


def test_travelling_to_a_capital_for_talks_is_a_visit(extractor, make_article):
    body = "Indian Foreign Minister Ravi Kumar travelled to Beijing on Monday for talks."
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"IND", "CHN"} and m.date.isoformat() == "2024-03-11"


def test_who_gathered_for_talks_took_part(extractor, make_article):
    body = ("Envoys of Ethiopia and Eritrea gathered in Nairobi on Monday for talks brokered "
            "by the African Union.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"ETH", "ERI"}


def test_a_national_envoy_to_an_international_body_keeps_their_country(extractor, make_article):
    body = ("Kenya's ambassador to the UN, Grace Wanjiru, met Ugandan Foreign Minister Paul "
            "Okot in New York on Monday.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"KEN", "UGA"}


def test_a_signing_by_named_parties_is_a_meeting_a_bare_accord_is_not(extractor, make_article):
    body = ("The foreign ministers of Chile and Bolivia signed a border agreement in Lima on "
            "Friday.\n\n"
            "The 2004 peace accord between Peru and Ecuador still holds.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"CHL", "BOL"} and m.date.isoformat() == "2024-03-15"


def test_i_in_a_quote_is_the_speaker(extractor, make_article):
    body = ("\"I had a productive meeting with Ugandan President Samuel Okello on Monday,\" "
            "Kenyan President Daniel Otieno said.")
    [m] = _meetings(extractor, make_article, body)
    assert _countries(m) == {"KEN", "UGA"}
