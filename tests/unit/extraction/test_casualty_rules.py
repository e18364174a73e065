"""Casualty figures: the patterns of news English that put a number far from its outcome word,
lists of figures, parties, and numbers that are no casualties. Invented sentences."""
from __future__ import annotations

from schemas import CasualtyUpdate


def _figures(extractor, make_article, body):
    """(outcome, category, count, qualifier, party) of every figure of the article."""
    return {(f.outcome.value, f.category.value, f.count, f.qualifier.value,
             e.party.country if e.party else None)
            for e in extractor.extract(make_article(body)) if isinstance(e, CasualtyUpdate)
            for f in e.figures}


def test_breakdown_of_a_total_gives_one_figure_per_number(extractor, make_article):
    body = ("Militants killed 52 people, including 30 soldiers and 12 civilians, in an attack "
            "on a town in northern Mali, officials said.")
    figs = {f[:4] for f in _figures(extractor, make_article, body)}
    assert {("killed", "unknown", 52, "exact"), ("killed", "military", 30, "exact"),
            ("killed", "civilian", 12, "exact")} <= figs


def test_tally_value_takes_the_tallys_outcome(extractor, make_article):
    body = ("The death toll from the floods of fighting in Sudan has risen to 1,250, "
            "the ministry said.\n\n"
            "The number of missing people rose to 40, including 11 children, it said.")
    figs = {f[:4] for f in _figures(extractor, make_article, body)}
    assert ("killed", "unknown", 1250, "exact") in figs
    assert ("missing", "unknown", 40, "exact") in figs
    assert ("missing", "civilian", 11, "exact") in figs


def test_copula_breakdown_and_loss_verbs(extractor, make_article):
    body = ("The ministry said 300 people had died in Sudan. Among the dead, 120 were children.\n\n"
            "Another 45 civilians lost their lives on Sunday, and nearly 900 people sustained "
            "wounds, the ministry said.")
    figs = {f[:4] for f in _figures(extractor, make_article, body)}
    assert ("killed", "civilian", 120, "exact") in figs
    assert ("killed", "civilian", 45, "exact") in figs
    assert ("wounded", "unknown", 900, "about") in figs


def test_ellipsis_takes_outcome_and_category_of_the_count_before(extractor, make_article):
    body = ("The army said 12 Chadian soldiers were killed on Monday, four in the north.\n\n"
            "Bodies of eight soldiers and five wounded were taken to the hospital.")
    figs = {f[:4] for f in _figures(extractor, make_article, body)}
    assert ("killed", "military", 4, "exact") in figs
    assert ("wounded", "military", 5, "exact") in figs


def test_attackers_country_is_not_the_party(extractor, make_article):
    body = ("Ethiopian airstrikes killed 14 people in a market in Somalia on Monday, officials "
            "said.\n\n"
            "Six civilians were killed by Ethiopian shelling, a Somali official said.")
    figs = _figures(extractor, make_article, body)
    assert ("killed", "unknown", 14, "exact", "SOM") in figs
    assert ("killed", "civilian", 6, "exact", "SOM") in figs


def test_demonym_noun_and_single_persons(extractor, make_article):
    body = ("Gunmen killed 18 Nigerians and a policeman in the attack, the police said.\n\n"
            "A soldier was wounded and more than a dozen people were injured, it added.")
    figs = {f[:5] for f in _figures(extractor, make_article, body)}
    assert ("killed", "unknown", 18, "exact", "NGA") in figs
    assert ("killed", "military", 1, "exact", "NGA") in figs
    assert ("wounded", "military", 1, "exact", "NGA") in figs
    assert ("wounded", "unknown", 12, "at_least", "NGA") in figs


def test_same_number_in_two_categories_is_two_figures(extractor, make_article):
    body = "Clashes in Chad killed 13 soldiers and 13 civilians, the army said."
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert {("killed", "military", 13), ("killed", "civilian", 13)} <= figs


def test_numbers_that_count_no_casualties(extractor, make_article):
    body = ("A 25-year-old man and members of a family were among the 3 million people who "
            "fled, after two-day talks and a $40 million aid deal; 12 vehicles were destroyed "
            "in 2019.")
    assert _figures(extractor, make_article, body) == set()


def test_another_counts_one(extractor, make_article):
    body = ("A rocket attack on a market in Somalia killed a woman and wounded another, police "
            "said.\n\nThe blast also caused the death of another trader.")
    figs = {f[:4] for f in _figures(extractor, make_article, body)}
    assert ("killed", "civilian", 1, "exact") in figs
    assert ("wounded", "civilian", 1, "exact") in figs


def test_noun_of_outcome_keeps_its_own_category_across_sentences(extractor, make_article):
    body = ("Two soldiers were killed in Mali on Monday, the army said.\n\n"
            "Reporters later saw five bodies near the market.")
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert ("killed", "unknown", 5) in figs


def test_country_describing_the_speaker_is_no_party(extractor, make_article):
    body = ("More than 80 people have been killed in Mali this week, the Savanna Monitor, a "
            "France-based monitor, said.\n\n"
            "At least 12 civilians were killed on Tuesday, the France-based monitor said.")
    figs = _figures(extractor, make_article, body)
    assert ("killed", "civilian", 12, "at_least", "MLI") in figs


def test_province_gives_the_party(extractor, make_article):
    body = ("Rwandan troops killed 12 insurgents in Niassa province on Friday, a "
            "spokesman said.")
    figs = _figures(extractor, make_article, body)
    assert ("killed", "military", 12, "exact", "MOZ") in figs


def test_total_raised_to_a_value_far_from_its_tally(extractor, make_article):
    body = ("An airstrike killed a nurse on Sunday, raising the number of nurses killed in the "
            "war to 87, the ministry said.")
    figs = {f[:4] for f in _figures(extractor, make_article, body)}
    assert ("killed", "civilian", 87, "exact") in figs


def test_relative_clause_and_the_nouns_own_verb(extractor, make_article):
    body = ("The army said 9 soldiers who were wounded in the ambush later died in hospital.\n\n"
            "Officials named the 4 children who were killed in the shelling.")
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert ("killed", "military", 9) in figs and ("wounded", "military", 9) not in figs
    assert ("killed", "civilian", 4) in figs


def test_killers_are_not_counted_as_killed(extractor, make_article):
    body = "Two gunmen killed five soldiers at a checkpoint in Niger, the army said."
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert figs == {("killed", "military", 5)}


def test_up_to_a_number_of_a_group(extractor, make_article):
    body = "Officials said up to 30 of the insurgents died in the fighting in Niger."
    figs = {f[:4] for f in _figures(extractor, make_article, body)}
    assert ("killed", "military", 30, "at_most") in figs


def test_definite_single_person(extractor, make_article):
    body = "Officials in Mali said 12 soldiers were killed and the camp commander was injured."
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert ("wounded", "military", 1) in figs


def test_group_losses_are_not_a_repeat_of_state_losses(extractor, make_article):
    body = ("Rebels attacked a base in Chad, killing eight soldiers, the army said.\n\n"
            "The army said eight rebels were also killed in the fighting.\n\n"
            "In all, eight were killed on the rebel side, a spokesman said.")
    figs = [f for e in extractor.extract(make_article(body)) if isinstance(e, CasualtyUpdate)
            for f in e.figures]
    assert sorted((f.outcome.value, f.count) for f in figs) == [("killed", 8), ("killed", 8)]


def test_group_fighters_take_the_country_they_fight_in(extractor, make_article):
    body = ("Fighting in Mali killed 20 Chadian troops and six fighters from a Libyan "
            "militia this week, a monitor said.")
    figs = _figures(extractor, make_article, body)
    assert ("killed", "military", 20, "exact", "TCD") in figs
    assert ("killed", "military", 6, "exact", "MLI") in figs


def test_parts_of_a_count_said_with_pronouns(extractor, make_article):
    body = ("The strike killed 30 people, 11 of them children, officials in Yemen said.\n\n"
            "Police said 20 people were wounded in Taiz, of whom 5 were soldiers.")
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert ("killed", "civilian", 11) in figs
    assert ("wounded", "military", 5) in figs


def test_coordinated_verb_with_its_own_object(extractor, make_article):
    body = "The fighting in Sudan has displaced 300,000 people and killed about 1,500, the UN said."
    figs = {f[:4] for f in _figures(extractor, make_article, body)}
    assert figs == {("killed", "unknown", 1500, "about")}


def test_age_is_no_number_of_people_but_the_person_counts(extractor, make_article):
    body = "A 45-year-old woman was killed in the strike on Lviv, the governor said."
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert figs == {("killed", "civilian", 1)}


def test_losses_of_the_side_that_lost_them(extractor, make_article):
    body = ("Nigerian troops killed 30 jihadist fighters and lost four soldiers in the "
            "battle, the army said.")
    figs = _figures(extractor, make_article, body)
    assert ("killed", "military", 4, "exact", "NGA") in figs
    assert ("killed", "military", 30, "exact", "NGA") in figs


def test_a_war_claiming_lives_is_no_reporter(extractor, make_article):
    body = "The war in Yemen has claimed more than 150,000 lives since 2015."
    events = [e for e in extractor.extract(make_article(body)) if isinstance(e, CasualtyUpdate)]
    assert events and events[0].reported_by is None
    assert [(f.count, f.qualifier.value) for f in events[0].figures] == [(150000, "at_least")]


def test_among_the_dead(extractor, make_article):
    body = ("Ten policemen were among the dead in Kenya.\n\n"
            "Two journalists were among those killed in the blast in Kabul.")
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert {("killed", "military", 10), ("killed", "civilian", 2)} <= figs


def test_one_of_a_count_is_no_second_figure(extractor, make_article):
    body = "The sergeant was one of 12 soldiers killed on Monday in Mali."
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert figs == {("killed", "military", 12)}


def test_a_paragraph_with_only_a_loss_verb_is_read(extractor, make_article):
    body = "Officials said Chad had lost 40 troops in the past week."
    figs = _figures(extractor, make_article, body)
    assert ("killed", "military", 40, "exact", "TCD") in figs


def test_tally_past_a_value_is_at_least(extractor, make_article):
    body = "The death toll in Sudan has surpassed 3,000, according to the health ministry."
    figs = {f[:4] for f in _figures(extractor, make_article, body)}
    assert figs == {("killed", "unknown", 3000, "at_least")}


def test_place_of_a_later_clause_is_the_sentences_place(extractor, make_article):
    body = "Two soldiers were killed and another three wounded in a roadside bombing in Somalia."
    figs = {(f[0], f[2], f[4]) for f in _figures(extractor, make_article, body)}
    assert figs == {("killed", 2, "SOM"), ("wounded", 3, "SOM")}


def test_outcome_noun_takes_the_category_of_whom_it_is_among(extractor, make_article):
    body = "The army reported 14 casualties among its troops in Niger."
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert figs == {("killed_or_wounded", "military", 14)}


def test_others_in_the_next_sentence_keep_the_category_and_reporter(extractor, make_article):
    body = "The ministry said five soldiers were killed in Mali. Three others were wounded."
    events = [e for e in extractor.extract(make_article(body)) if isinstance(e, CasualtyUpdate)]
    figs = {(f.outcome.value, f.category.value, f.count) for e in events for f in e.figures}
    assert figs == {("killed", "military", 5), ("wounded", "military", 3)}
    assert {e.reported_by for e in events} == {"The ministry"}


def test_reporter_of_a_participle_and_by_full_name(extractor, make_article):
    body = ("Army spokesman John Mwangi said four soldiers were killed in Kenya.\n\n"
            "A doctor at the main hospital put the figure higher, saying 15 soldiers died.\n\n"
            "Mwangi said two civilians were also wounded.")
    events = [e for e in extractor.extract(make_article(body)) if isinstance(e, CasualtyUpdate)]
    by_count = {f.count: e.reported_by for e in events for f in e.figures}
    assert by_count[15] == "A doctor at the main hospital"
    assert by_count[2] == "John Mwangi"


def test_numbers_in_words(extractor, make_article):
    body = ("Twenty-five soldiers were killed in Mali. One hundred and twenty civilians were "
            "wounded, and more than a dozen people were missing.\n\n"
            "Two dozen soldiers were captured, officials said.")
    figs = {f[:4] for f in _figures(extractor, make_article, body)}
    assert {("killed", "military", 25, "exact"), ("wounded", "civilian", 120, "exact"),
            ("missing", "unknown", 12, "at_least"), ("captured", "military", 24, "exact")} <= figs


def test_either_or_outcomes(extractor, make_article):
    body = ("More than 300 soldiers were killed or wounded in the battle in Sudan.\n\n"
            "Twelve fishermen are dead or missing after the attack.\n\n"
            "Up to 20 troops were missing and feared dead, officials said.\n\n"
            "The fighting has left 1,000 people dead or injured.")
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert figs == {("killed_or_wounded", "military", 300),
                    ("killed_or_missing", "civilian", 12), ("missing", "military", 20),
                    ("killed_or_wounded", "unknown", 1000)}


def test_losses_put_on_a_side(extractor, make_article):
    body = ("Russian strikes have killed more than 300 people in Ukraine since May.\n\n"
            "On the Russian side, 10 soldiers and eight civilians have been killed.")
    figs = _figures(extractor, make_article, body)
    assert ("killed", "unknown", 300, "at_least", "UKR") in figs
    assert ("killed", "military", 10, "exact", "RUS") in figs
    assert ("killed", "civilian", 8, "exact", "RUS") in figs


def test_country_a_where_clause_hangs_on(extractor, make_article):
    body = "The troops moved from a base in Mali to Niger, where 12 soldiers were killed."
    figs = _figures(extractor, make_article, body)
    assert ("killed", "military", 12, "exact", "NER") in figs


def test_a_number_off_the_verb_is_no_count(extractor, make_article):
    body = "At 7, the bomb killed four people in Kabul, and Route 9 was shelled."
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert figs == {("killed", "unknown", 4)}


def test_people_set_free_are_no_casualties(extractor, make_article):
    body = ("Militants abducted 30 villagers in Niger and released 12 of them later.\n\n"
            "The 9 hostages were freed by soldiers, and the sides exchanged 95 prisoners.")
    figs = {f[:3] for f in _figures(extractor, make_article, body)}
    assert figs == {("captured", "civilian", 30)}


def test_border_is_no_victims_place_and_dateline_no_reporter(extractor, make_article):
    body = ("NAIROBI - Kenyan police said militants killed four police officers near the "
            "Somali border. Kenya's police chief visited Mombasa.")
    events = [e for e in extractor.extract(make_article(body)) if isinstance(e, CasualtyUpdate)]
    assert [(e.party.country, e.reported_by) for e in events] == [("KEN", "Kenyan police")]
