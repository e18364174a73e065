"""Clashes: armed fighting between parties, or a one-sided attack.

A sentence with a fighting word (clash, gunbattle, ambush, attack, war, ...), a weapon that
hit ("a missile hit the district") or an assault verb of armed actors ("militants overran a
post") yields a clash *mention*, unless the word is negated, figurative ("trade war", "a fight
between fans") or only planned ("would halt attacks"). A mention has the armed actors and
states its clause names as sides, the place it happens at, and its dates; dates on the speech
verb ("said Friday") are only when it was told. A second fighting word of the sentence dated
apart ("after clashes at the end of March") is a mention of its own.

Mentions of one fight are then merged: a shared side and compatible dates, one clash per place
and day, "another"/"separate" attacks and standing conflicts ("is fighting", background) kept
apart. A mention without sides adds to the fight it continues, or, at another place, is one
more strike by the same attackers. A fight left without a date takes when it was told, then
the lead's date, then the dateline.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from schemas import Count, DatePrecision, Location, Side
from spacy.tokens import Span, Token

from streams.extraction.actors import (
    GROUP_NOUNS,
    PLACE_PREPS,
    SPEECH_LEMMAS,
    STATE_FORCE_NOUNS,
    CountryMention,
    Force,
    country_mentions,
    dates_for,
    forces_in,
    is_armed_group,
    speaker_tokens,
)
from streams.extraction.figures import counts_in
from streams.extraction import lexicon
from streams.extraction.context import ArticleContext, Sentence
from streams.extraction.dates import DateSpan, is_background

CLASH_LEMMAS = lexicon.words("clash", "triggers")
_FIRE_CONTEXT = lexicon.words("clash", "fire_context")
_AIR_MODIFIERS = lexicon.words("clash", "air_modifiers")
#: Verbs that say a fight is over: their date is when it ended, not when it was fought.
_END_LEMMAS = lexicon.words("clash", "end_verbs")


@dataclass
class ClashMention:
    """What one sentence says about a fight."""

    sentence: Sentence
    sides: dict[str, Side]
    location: Location | None
    dates: DateSpan | None
    fatalities: Count | None
    sentences: list[Sentence] = field(default_factory=list)
    ends: bool = False  # "the fighting ended on ...": its date closes an earlier fight
    #: "X is fighting Y", "have been battling for years", "attacked them some weeks ago":
    #: the conflict or a past fight told as history (background), not the news
    ongoing: bool = False
    separate: bool = False  # "in a separate attack", "another attack": not the one before
    place_kind: str | None = None  # "city" | "region": what the named place is
    attack: bool = False  # told by an attack word or a weapon: may have no named attacker
    #: when the sentence says it was told ("said on Friday"): a fight without a date of its
    #: own happened then or just before, which keeps apart the strikes of different days
    told: DateSpan | None = None

    @property
    def when(self) -> DateSpan | None:
        """The fight's own dates, else when it was told."""
        return self.dates or self.told


def _armed(tok: Token, nouns: set[str]) -> bool:
    """Whether a noun, or one it is coordinated with, is of the armed-actor vocabulary
    (`GROUP_NOUNS` also takes "armed men")."""
    return any(t.lower_ in nouns or nouns is GROUP_NOUNS and is_armed_group(t)
               for t in (tok, *tok.conjuncts))


#: Civilians: an armed force killing them is a one-sided attack.
_CIVILIANS = lexicon.person_words()["civilian"]


def _is_armed_killing(tok: Token) -> bool:
    """ "Troops killed 12 rebels", "gunmen killed five villagers", "soldiers were killed by
    insurgents", "police killed two protesters": a killing by armed actors of armed actors or
    civilians, or by a non-state group of anyone (a one-sided attack). A bare toll ("ten
    soldiers were killed") states no fight."""
    if tok.lemma_ != "kill" or tok.pos_ != "VERB":
        return False
    armed = STATE_FORCE_NOUNS | GROUP_NOUNS
    children = list(tok.children)
    killers = [c for c in children if c.dep_ == "nsubj"] + [
        t for c in children if c.dep_ == "agent" for t in c.subtree if t.pos_ in ("NOUN", "PROPN")]
    if not killers and tok.dep_ == "advcl":  # "a bomber blew himself up, killing eight"
        killers = [c for c in tok.head.children if c.dep_ == "nsubj"]
    victims = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
    if any(_armed(k, GROUP_NOUNS) for k in killers):
        return True
    return any(_armed(k, armed) for k in killers) and any(
        _armed(v, armed | _CIVILIANS) for v in victims)  # also "troops killed 12 villagers"


_WEAPONS = lexicon.words("clash", "weapons")
_WEAPON_VERBS = lexicon.words("clash", "weapon_verbs")
_CONFLICT_MODIFIERS = lexicon.words("clash", "conflict_modifiers")
_SEPARATE = lexicon.words("clash", "separate_markers")
#: "Separately, a bomb exploded ...": the sentence tells another event than the one before.
_SEPARATE_ADVERBS = lexicon.words("clash", "separate_adverbs")
#: "trade war", "price war", "legal battle": fighting words used for a contest without arms.
_FIGURATIVE = lexicon.words("clash", "figurative_modifiers")
#: "war-torn", "war-weary", "war crimes": "war" only describes something else.
_WAR_COMPOUNDS = lexicon.words("clash", "war_compounds")
_PARTY_PREPS = lexicon.words("clash", "party_preps")
_OUTCOMES = frozenset(lexicon.outcome_words())


def _national(tok: Token) -> bool:
    """Whether a noun is modified by a nation or an armed force ("Russian strikes",
    "Israel's offensive", "army shelling")."""
    return any(c.dep_ in ("amod", "compound", "poss", "nmod") and (
        c.ent_type_ in ("NORP", "GPE") or c.lower_ in STATE_FORCE_NOUNS | GROUP_NOUNS)
        for c in tok.lefts)


def _names_parties(tok: Token) -> bool:
    """Whether a noun has a preposition naming who fought ("conflict between X and Y")."""
    return any(c.dep_ == "prep" and c.lower_ in _PARTY_PREPS for c in tok.children)


def _weapon_hit(tok: Token) -> bool:
    """A weapon that hits or explodes ("a missile hit the district", "Russian drones struck
    energy facilities", "a bomb exploded"): a strike whose attacker may be unnamed."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in _WEAPONS and \
        tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in _WEAPON_VERBS


_CONTESTS = lexicon.words("clash", "contest_nouns")
_UNARMED = lexicon.words("clash", "unarmed_parties")
#: A sentence about a sports fixture: its "clash" or "battle" is a game.
_SPORT = lexicon.words("clash", "sport_words")
#: What is attacked in words, not arms ("attacked the decision").
_VERBAL_TARGETS = lexicon.words("clash", "verbal_targets")


_ASSAULT_VERBS = lexicon.words("clash", "assault_verbs")
#: Assault verbs that need a direction to be an assault ("drove the rebels out of the town").
_DIRECTED = frozenset({"drive", "push", "kick", "clear"})


def _armed_assault(tok: Token) -> bool:
    """An assault verb done by armed actors ("militants overran an outpost", "troops drove
    the rebels out of the town", "the village was stormed by gunmen"): the doer is a force or
    group noun, an armed group's name, or forces of a nation."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in _ASSAULT_VERBS:
        return False
    if tok.lemma_.lower() in _DIRECTED and not _drives_out(tok):
        return False
    doers = [c for c in tok.children if c.dep_ == "nsubj"] + [
        g for c in tok.children if c.dep_ == "agent" for g in c.children]
    if tok.dep_ == "relcl" and any(d.tag_ in ("WP", "WDT") for d in doers):
        doers.append(tok.head)  # "rebels who drove the president out of the capital"
    if not doers and tok.dep_ in ("xcomp", "conj", "advcl"):  # "forces tried to clear ..."
        doers = [c for c in tok.head.children if c.dep_ == "nsubj"]
    doers += [c for d in doers for c in d.conjuncts]
    doers += [g for d in doers for c in d.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children]  # "hundreds of militants"
    return any(d.lower_ in STATE_FORCE_NOUNS and d.lower_ not in _GENERIC_ARMED or
               is_armed_group(d) or d.lemma_.lower() in _WEAPONS or
               d.ent_type_ in ("ORG", "NORP") for d in doers)


_GENERIC_ARMED = lexicon.words("actors", "generic_force_nouns")


def _drives_out(verb: Token) -> bool:
    """Whether "drive"/"push"/"clear" moves people away from somewhere ("drove the rebels
    out of the town", "cleared militants from the valley"), not a vehicle or a plan."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [c for o in objects for c in o.conjuncts]
    people = any(o.pos_ == "PROPN" or o.lower_ in STATE_FORCE_NOUNS or is_armed_group(o)
                 for o in objects)
    away = any(t.dep_ == "prt" and t.lower_ == "out" or t.dep_ == "prep" and t.lower_ in (
        "from", "out", "back") for h in [verb, *objects] for t in h.children)
    return people and away


def _figurative(tok: Token) -> bool:
    """A fighting word for a contest without arms: "trade war", "legal battle", "war-torn",
    "the clash between X and Y in the Nations League", "a fight between fans"."""
    if any(c.lower_ in _FIGURATIVE for c in tok.lefts if c.dep_ in ("compound", "amod")):
        return True
    holders = [tok, tok.head] if tok.dep_ == "nsubj" else [tok]  # "a fight broke out between"
    pobjs = [g for h in holders for c in h.children if c.dep_ == "prep"
             for g in c.children if g.dep_ == "pobj"]
    if any(g.lemma_.lower() in _CONTESTS for g in pobjs) or any(
            t.lemma_.lower() in _SPORT for t in tok.sent):
        return True
    if tok.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ in _VERBAL_TARGETS
                                  for c in tok.children):
        return True
    parties = [g for g in pobjs if g.head.lower_ in ("between", "among", "with")]
    parties += [c for g in parties for c in g.conjuncts]
    if parties and all(g.lower_ in _UNARMED for g in parties):
        return True
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and \
        doc[tok.i + 2].lower_ in _WAR_COMPOUNDS


def _hypothetical(tok: Token) -> bool:
    """A fight only planned, threatened or asked for: "would halt their attacks", "ready to
    resume attacks", "urged them to stop the fighting"."""
    verb = _verb_of(tok)
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to"
                                        for c in verb.children) and (
        verb.head.lemma_.lower() in _PLAN_VERBS or verb.head.pos_ == "ADJ")


_MODALS = lexicon.words("meeting", "modals")
#: Verbs that put a fight in the future: planned, threatened, ordered.
_PLAN_VERBS = lexicon.words("meeting", "plan_verbs") | lexicon.words("clash", "threat_verbs")


def _conditional(tok: Token, lemma: str) -> bool | None:
    """Words that name fighting only in some uses; None for the others."""
    if lemma == "fire":  # "opened fire", "heavy fire", "fired at protesters"
        return any(t.lemma_.lower() in _FIRE_CONTEXT for t in list(tok.children) + [tok.head]) \
            or tok.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ in ("at", "on")
                                          for c in tok.children)
    if lemma == "encounter":
        return tok.pos_ == "VERB"
    if lemma == "exchange":
        return any(t.lower_ == "fire" for t in tok.subtree)
    if lemma == "strike":  # not a labour strike: from the air, by a nation, on a target, deadly
        return tok.pos_ == "NOUN" and (any(t.lemma_ in _AIR_MODIFIERS for t in tok.lefts)
                                       or _national(tok) or tok.head.lemma_ in _OUTCOMES
                                       or any(c.dep_ == "prep" and c.lower_ in ("on", "against")
                                              for c in tok.children))
    if lemma == "conflict":
        return tok.pos_ == "NOUN" and (any(t.lower_ in _CONFLICT_MODIFIERS for t in tok.lefts)
                                       or _national(tok) or _names_parties(tok))
    if lemma == "incident":  # "killed in a separate incident": one more attack
        return any(t.lower_ in _SEPARATE for t in tok.lefts) and any(
            t.lemma_ in _OUTCOMES for t in tok.sent)
    return None


def _is_trigger(tok: Token) -> bool:
    """A fighting word used for fighting: "fire" only as gunfire, "strike" only as a military
    one, a weapon that hit, nothing negated ("did not carry out an attack"), figurative
    ("trade war") or only planned ("would halt attacks"); a killing only by armed actors."""
    lemma, low = tok.lemma_.lower(), tok.lower_
    if lemma == "kill":
        return _is_armed_killing(tok)
    if _weapon_hit(tok) or _armed_assault(tok):
        return not _hypothetical(tok)
    if lemma not in CLASH_LEMMAS and low not in CLASH_LEMMAS:
        return False
    conditional = _conditional(tok, lemma)
    if conditional is not None:
        return conditional and not _hypothetical(tok)
    if any(c.dep_ == "neg" for c in tok.children) or any(
            c.dep_ == "neg" for c in tok.head.children if tok.dep_ in ("dobj", "pobj")):
        return False
    return not _figurative(tok) and not _hypothetical(tok)


def _side_key(side: Side) -> str:
    return side.country or (side.name or "").lower()


_TEMPORAL = lexicon.words("clash", "temporal_markers")


def _clause(trigger: Token, sent: Sentence, mentions: list[CountryMention]) -> set[int] | None:
    """Tokens of the clause that states the fight: the subtree of the trigger's verb, widened
    to the governing verbs while it names no country or force (not beyond a subordinate
    clause). None when the trigger only refers back to a fight as the time of something
    else ("met after the clashes")."""
    if trigger.dep_ == "pobj" and trigger.head.lower_ in _TEMPORAL:
        return None
    verb = _verb_of(trigger)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
            c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head  # "a bomber blew himself up, killing eight": the doer is the head's
    ids = {t.i for t in verb.subtree}
    if any(c.dep_ == "mark" and c.lower_ in _TEMPORAL for c in verb.children):
        return ids  # "since Chile won a war": the fight's own clause, not the main one
    actors = [m for m in mentions if not m.place and
              not _describes_other(trigger.doc[m.end - 1], m.kind)]  # not "a Thai village"
    while not any(m.start in ids for m in actors) and verb.head.i != verb.i:
        if verb.dep_ in ("advcl", "relcl") or verb.head.lemma_ in ("say", "tell"):
            break
        verb = verb.head
        ids = {t.i for t in verb.subtree}
    return ids


_BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})


def _borders_on(tok: Token) -> bool:
    """Whether a country word is the far side of a border ("the border with Peru")."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.lower_ in \
        _BORDER_NOUNS


def _affiliation(tok: Token) -> bool:
    """Whether a country word only says whom a named person works for ("U.S. Secretary of
    State Antony Blinken", "Armenian Foreign Minister X"): a title, not a party to the fight."""
    for _ in range(4):
        if tok.dep_ not in ("compound", "amod", "nmod", "poss") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.ent_type_ == "PERSON":
            return True
    return False


#: Verbs of reacting to a fight ("condemned the attack", "urged restraint").
_REACTION_VERBS = lexicon.words("clash", "reaction_verbs")


def _reacts(tok: Token) -> bool:
    """Whether a country word is the subject of a reaction to the fight, not a fighter."""
    while tok.dep_ in ("compound", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _REACTION_VERBS


def _fighting_noun(tok: Token) -> bool:
    """A noun that names armed actors, their fighting or their weapons."""
    lemma = tok.lemma_.lower()
    return tok.lower_ in STATE_FORCE_NOUNS | GROUP_NOUNS or lemma in CLASH_LEMMAS or \
        lemma in _WEAPONS or tok.lower_ in CLASH_LEMMAS


def _describes_other(tok: Token, kind: str) -> bool:
    """Whether a country word only qualifies a noun that is not about fighting: "a
    Russian-brokered agreement", "Chinese accusations", "the India-Pakistan match" (where
    "Israeli strikes", "Pakistani offensives", "Somali troops" name the side)."""
    if tok.dep_ not in ("amod", "compound", "npadvmod"):
        return False
    head = tok.head
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i and \
            not _fighting_noun(head):
        head = head.head  # "Russian-brokered truce": Russian -> brokered -> truce
    return head.pos_ == "NOUN" and (kind == "demonym" or tok.dep_ != "amod") and \
        not _fighting_noun(head)


def _sides(sent: Sentence, ctx: ArticleContext, mentions: list[CountryMention],
           forces: list[Force], place_country: str | None) -> dict[str, Side]:
    speakers = speaker_tokens(sent)
    countries = ctx.gaz.countries
    sides: dict[str, Side] = {}
    # a group fights where the one state's forces it fights are, if no place is named
    states = {f.country for f in forces if f.state and f.country}
    ground = place_country or (next(iter(states)) if len(states) == 1 else None)
    for f in forces:
        country = f.country or (ground if not f.state else None) or ctx.dominant()
        if not f.state:
            key = "group:" + f.name.split()[-1].lower()
            if any(k.startswith("group:") for k in sides):
                continue
            sides[key] = Side(name=f.name, aliases=[], country=country)
            continue
        if country in sides:
            continue
        aliases = [countries.name_of(country)] if country else []
        sides[country or f.name.lower()] = Side(name=f.name, aliases=aliases, country=country)
    for m in mentions:
        if m.place or _describes_other(sent.span.doc[m.end - 1], m.kind):
            continue  # "a Russian-brokered agreement", "Chinese accusations", "the X-Y match"
        if _borders_on(sent.span.doc[m.end - 1]):
            continue  # "near the border with Peru" says where, not who fought
        if _affiliation(sent.span.doc[m.end - 1]):
            continue
        if m.start in speakers and not any(
                t.lower_ in ("its", "our") for t in sent.span):
            continue
        if _reacts(sent.span.doc[m.end - 1]):
            continue  # "Turkey condemned the attack": who speaks of the fight
        if m.iso3 not in sides:
            sides[m.iso3] = Side(name=countries.name_of(m.iso3), aliases=[m.text],
                                 country=m.iso3)
    return sides


def _named_groups(trigger: Token, ctx: ArticleContext) -> list[Span]:
    """Armed groups named only by their name, in the trigger's argument slots: the subject
    or object of a fighting verb ("the PKK attacked a convoy", "troops fought the
    Tuareg rebels"), the possessor of a fighting noun ("the PKK's attack"), or the party of a
    preposition ("airstrikes against the PKK", "clashes between X and Y")."""
    slots: list[Token] = []
    if trigger.pos_ == "VERB":
        slots += [c for c in trigger.children if c.dep_ in ("nsubj", "dobj")]
        slots += [g for c in trigger.children if c.dep_ == "agent" for g in c.children]
    else:
        slots += [c for c in trigger.lefts if c.dep_ in ("poss", "compound")]
    slots += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in _PARTY_PREPS
              for g in c.children if g.dep_ == "pobj"]
    slots += [conj for t in list(slots) for conj in t.conjuncts]
    out: list[Span] = []
    for tok in slots:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is None or tok.i != ent.root.i or ent.label_ not in ("ORG", "NORP") and not (
                ent.label_ == "PERSON" and len(ent) == 1 and ctx.person(ent.text) is None):
            continue  # a one-word "name" that is nobody's in the article: "the PKK"
        if ctx.gaz.countries.resolve(ent.text) or ctx.gaz.countries.resolve(ent.root.text):
            continue  # a country or its people: found as a country mention
        out.append(ent)
    return out


def _location(sent: Sentence, ctx: ArticleContext, mentions: list[CountryMention],
              side_countries: set[str], within: set[int]) -> Location | None:
    """Where the fight was: a named place of its clause, with the country that owns it
    ("Kenya's Turkana county"), contains it ("in northern Peru") or fights alone there."""
    places = ctx.gaz.places
    doc = sent.span.doc
    for ent in sent.span.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") or ent.start not in within:
            continue
        if ctx.gaz.countries.resolve(ent.text):
            continue
        name = ent.text.removesuffix("\u2019s").removesuffix("'s")
        loc = places.city(name, ctx.salient()) or places.region(name, ctx.salient())
        if loc:
            return loc
        owner = next((m.iso3 for m in mentions if m.end < len(doc) and m.end <= ent.start
                      and doc[m.end].lower_ in ("'s", "\u2019s") and ent.start - m.end <= 3),
                     None)
        inside = next((m.iso3 for m in mentions if m.place and
                       not _qualifies_border(doc[m.end - 1])), None)
        country = owner or inside or _ground_of(ent.root, mentions)
        if country is None and len(side_countries) == 1:
            country = next(iter(side_countries))
        if country is None:
            dominant = ctx.dominant()
            country = dominant if dominant in side_countries else None
        return Location(name=ent.text, country=country)
    found = _gazetteer_place(sent, ctx, within) or _named_area(sent, mentions, within)
    if found:
        return found
    for m in mentions:
        if m.place and m.start in within and not _qualifies_border(doc[m.end - 1]):
            return Location(name=ctx.gaz.countries.name_of(m.iso3), country=m.iso3)
    return None


def _qualifies_border(tok: Token) -> bool:
    """Whether a country word only names a border ("near the Afghan border", "the X-Y
    frontier"): a border is shared, so it does not say in which country the fight was."""
    while tok.dep_ in ("compound", "amod") and tok.head.i != tok.i:
        tok = tok.head
        if tok.lower_ in _BORDER_NOUNS:
            return True
    return False


#: Nouns that make a proper name before them a place ("the X area", "the X sector").
_AREA_NOUNS = lexicon.words("clash", "area_nouns")


def _named_area(sent: Sentence, mentions: list[CountryMention], within: set[int]) -> Location | None:
    """A place the gazetteer does not know, named as such ("in the X area"), with the country
    of the forces holding it when the sentence says (see `_ground_of`)."""
    for tok in sent.span:
        if tok.i in within and tok.dep_ == "pobj" and tok.lower_ in _AREA_NOUNS \
                and tok.head.lower_ in PLACE_PREPS:
            name = [t for t in tok.lefts if t.pos_ == "PROPN" or t.dep_ == "compound" and t.text[:1].isupper()]
            if name:
                text = sent.span.doc[name[0].i:name[-1].i + 1].text
                return Location(name=text, country=_ground_of(tok, mentions))
    return None


def _ground_of(place: Token, mentions: list[CountryMention]) -> str | None:
    """The country of the forces a place is given for: in "an attack on Chilean forces in
    the X area" the attacked forces hold their own ground, so X is in Chile."""
    tok = place
    while tok.dep_ in ("compound", "amod") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "at", "near"):
        return None
    holder = tok.head.head
    if holder.lower_ not in STATE_FORCE_NOUNS:
        return None
    modifiers = {t.i for left in holder.lefts for t in left.subtree}
    owners = {m.iso3 for m in mentions if m.end - 1 in modifiers}
    return owners.pop() if len(owners) == 1 else None  # "X and Y troops in Z": either side's


def _gazetteer_place(sent: Sentence, ctx: ArticleContext, within: set[int]) -> Location | None:
    """A city or province of the gazetteer named after a place preposition, also where spaCy
    did not tag it as a place ("in Kenya's Turkana county" read as an organisation)."""
    doc = sent.span.doc
    for tok in sent.span:
        if tok.i not in within or tok.dep_ != "pobj" or tok.head.lower_ not in PLACE_PREPS:
            continue
        run: list[Token] = []
        for t in [*tok.subtree, None]:  # a name, also one tagged as an adjective
            if t is not None and (t.pos_ == "PROPN" or t.dep_ in ("compound", "amod") and
                                  t.text[:1].isupper() and t.i > sent.span.start):
                run.append(t)
                continue
            if run:
                text = doc[run[0].i:run[-1].i + 1].text
                loc = None if ctx.gaz.countries.resolve(text, capitals=False) else (
                    ctx.gaz.places.city(text, ctx.salient()) or
                    ctx.gaz.places.region(text, ctx.salient()))  # not "Somali": a demonym
                if loc:
                    return loc
            run = []
    return None


def _home_ground(sides: dict[str, Side]) -> Location | None:
    """Where a fight of one state's forces with armed groups happened when no place is named:
    in that state ("soldiers were wounded in an attack by rebels"). A fight between two states
    without a place has no single country."""
    states = {s.country for k, s in sides.items() if not k.startswith("group:")}
    if len(states) == 1 and None not in states and any(k.startswith("group:") for k in sides):
        return Location(country=next(iter(states)))
    return None


def clash_mentions(ctx: ArticleContext) -> list[ClashMention]:
    """Every sentence that reports fighting, as a mention; a second fighting word of the
    sentence only where it is dated apart ("the attack ended the calm that followed clashes
    at the end of March")."""
    out: list[ClashMention] = []
    for sent in ctx.sentences:
        triggers = [t for t in sent.span if _is_trigger(t)]
        if not triggers:
            continue
        all_mentions = country_mentions(sent, ctx)
        first = _mention(sent, triggers[0], ctx, all_mentions)
        out.append(first)
        seen = [first]
        for trigger in triggers[1:]:
            other = _mention(sent, trigger, ctx, all_mentions)
            if all(_told_apart(m, other, ctx.published) for m in seen):
                out.append(other)
                seen.append(other)
    return out


_PAIR_NOUNS = lexicon.words("clash", "pair_nouns")


def _the_two(trigger: Token, within: set[int], sent: Sentence,
             ctx: ArticleContext) -> list[CountryMention]:
    """"The two countries fought a war", "fighting between the two neighbours": the two
    countries the article is most about."""
    doc = trigger.doc
    if not any(doc[i].lower_ == "two" and doc[i].head.lower_ in _PAIR_NOUNS for i in within):
        return []
    pair = [iso3 for iso3, _ in ctx.country_counts.most_common(2)]
    at = min(within)
    name_of = ctx.gaz.countries.name_of
    return [CountryMention(iso3, at, at + 1, name_of(iso3), "name", False)
            for iso3 in pair] if len(pair) == 2 else []


_TIME_NOUNS = lexicon.words("clash", "time_nouns")
#: Words of a one-sided attack, which may be told without naming the attacker.
_ATTACK_WORDS = lexicon.words("clash", "attack_words")


def _at_time_of(trigger: Token) -> bool:
    """Whether a fight is told as the time of another event ("the bloodshed happened Monday,
    the same day that gunmen ambushed a convoy"): an event of its own, an aside."""
    verb = _verb_of(trigger)
    return verb.dep_ == "relcl" and verb.head.lemma_.lower() in _TIME_NOUNS


def _same_time(sent: Sentence, trigger: Token) -> DateSpan | None:
    """The date of a fight told as the time of another event: that event's date."""
    return dates_for(sent, _verb_of(trigger).head) if _at_time_of(trigger) else None


def _year_of(trigger: Token, published: dt.date) -> DateSpan | None:
    """A year written before the fighting word ("the 2006 war", "the 1998-2000 conflict")."""
    for c in trigger.lefts:
        if c.like_num and len(c.text) == 4 and c.text.isdigit() and \
                1800 <= int(c.text) <= published.year:
            year = int(c.text)
            return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.YEAR)
    return None


def _told_apart(first: ClashMention, other: ClashMention, published: dt.date) -> bool:
    """Whether a second fighting word of a sentence tells another fight than `first`: its
    own dates apart from it, or its own sides, none shared ("Turkey launched strikes on
    Iraq after the PKK fired rockets")."""
    if other.dates and (not _dates_compatible(first.dates, other.dates) if first.dates
                        else is_background(other.dates, published)):
        return True
    return bool(other.sides) and not set(other.sides) & set(first.sides)


def _subject_antecedent(trigger: Token, mentions: list[CountryMention]) -> list[CountryMention]:
    """The country a pronoun subject of the fight stands for: the last actor country named
    before it in the sentence ("the line Chile has held since it won a war")."""
    verb = _verb_of(trigger)
    pronoun = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ == "it"), None)
    if pronoun is None:
        return []
    before = [m for m in mentions if m.end <= pronoun.i and not m.place]
    return before[-1:]


def _mention(sent: Sentence, trigger: Token, ctx: ArticleContext,
             all_mentions: list[CountryMention]) -> ClashMention:
    """What the clause of one fighting word says: sides, place, dates, fatalities."""
    within = _clause(trigger, sent, all_mentions)
    if within is None:  # a fight only referred to ("met after the clashes"): its phrase
        within = {t.i for t in trigger.subtree}
        dates = _dates_inside(sent, within)
    else:
        dates = dates_for(sent, trigger) or _same_time(sent, trigger)
    mentions = [m for m in all_mentions if m.start in within]
    mentions += [m for m in _subject_antecedent(trigger, all_mentions) if m not in mentions]
    mentions += [m for m in _the_two(trigger, within, sent, ctx) if m not in mentions]
    forces = forces_in(sent, ctx, all_mentions, within)
    state_countries = {m.iso3 for m in mentions if not m.place} | {
        f.country for f in forces if f.country}
    place = _location(sent, ctx, all_mentions, state_countries, within)
    sides = _sides(sent, ctx, mentions, forces, place.country if place else None)
    states = {s.country for k, s in sides.items() if not k.startswith("group:") and s.country}
    for ent in _named_groups(trigger, ctx):
        key = "group:" + ent.text.split()[-1].lower()
        if key not in sides and not any(ent.root.i == f.head for f in forces):
            country = (place.country if place else None) or (
                next(iter(states)) if len(states) == 1 else ctx.dominant())
            sides[key] = Side(name=ent.text.removeprefix("the ").strip(), aliases=[],
                              country=country)
    if place and place.country is None and len({s.country for s in sides.values()
                                               if s.country}) == 1:
        place.country = next(s.country for s in sides.values() if s.country)
    place = place or _home_ground(sides)
    killed = [c for c in counts_in(sent, ctx) if c.outcome.value == "killed"]
    fatalities = None
    if killed:
        top = max(killed, key=lambda c: c.value)
        fatalities = Count(count=top.value, qualifier=top.qualifier)
    ends = trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_ in _END_LEMMAS
    dates = dates or _year_of(trigger, ctx.published) or _start_date(sent, ctx.published)
    told = None if dates else _told_date(sent, ctx.published)
    return ClashMention(
        sent, sides, place, dates, fatalities, [sent], ends, told=told,
        ongoing=_ongoing(trigger) and (dates is None or dates.precision != DatePrecision.DAY)
        or dates is None and _vague_past(trigger),
        separate=any(t.lower_ in _SEPARATE for t in trigger.lefts) or any(
            t.lower_ in _SEPARATE_ADVERBS and t.dep_ == "advmod" for t in sent.span)
        or _at_time_of(trigger),
        place_kind=_place_kind(place, ctx),
        attack=lexicon.has(trigger, _ATTACK_WORDS) or _weapon_hit(trigger))


_BEGIN_VERBS = lexicon.words("clash", "begin_verbs")


def _date_verbs(sent: Sentence) -> list[tuple[DateSpan, Token]]:
    """Each date of the sentence with the verb it belongs to in the parse."""
    out = []
    for d in sent.dates:
        char = sent.span.start_char + d.start
        span = sent.span.doc.char_span(char, char + (d.end - d.start), alignment_mode="expand")
        if span is None:
            continue
        out.append((d.span, _verb_of(span.root)))
    return out


def _start_date(sent: Sentence, published: dt.date) -> DateSpan | None:
    """When the fighting began, where the sentence says so ("since the offensive began on
    Feb. 1", "the conflict, which erupted in 2009", "since it began back in 2011"); a fight
    begun in recent days is still going on: it runs to the publication day."""
    for span, verb in _date_verbs(sent):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ == "relcl":
            subjects.append(verb.head)
        if verb.lemma_.lower() in _BEGIN_VERBS and any(
                s.lower_ == "it" or _fighting_noun(s) for s in subjects):
            if is_background(span, published) or span.precision != DatePrecision.DAY:
                return span
            return DateSpan(span.start, published, span.precision)
    return None


def _told_date(sent: Sentence, published: dt.date) -> DateSpan | None:
    """When the sentence says the fight was reported ("the ministry said on Friday")."""
    return next((span for span, verb in _date_verbs(sent) if verb.lemma_ in SPEECH_LEMMAS
                 and not is_background(span, published)), None)


def _dates_inside(sent: Sentence, ids: set[int]) -> DateSpan | None:
    """The first date written inside a phrase (token indices `ids`): "the clashes at the end
    of March" is dated, "met on Monday after the clashes" dates the meeting only."""
    for d in sent.dates:
        char = sent.span.start_char + d.start
        span = sent.span.doc.char_span(char, char + (d.end - d.start), alignment_mode="expand")
        if span is not None and span.root.i in ids:
            return d.span
    return None


def _ongoing(trigger: Token) -> bool:
    """Whether the fighting is told as a standing conflict ("the PKK is fighting the
    government", "forces have been battling militants for years"): a progressive verb."""
    if trigger.pos_ != "VERB" or trigger.tag_ != "VBG":
        return False
    auxes = [c.lower_ for c in trigger.children if c.dep_ == "aux"]
    return any(a in ("is", "are", "am", "been") for a in auxes)


def _vague_past(trigger: Token) -> bool:
    """A fight told as past without a date ("the army attacked them some weeks ago")."""
    verb = _verb_of(trigger)
    return any(t.lower_ == "ago" and _verb_of(t).i == verb.i for t in verb.subtree)


def _verb_of(tok: Token) -> Token:
    """The verb whose clause a word belongs to."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _place_kind(place: Location | None, ctx: ArticleContext) -> str | None:
    """"city" for a gazetteer city, "region" for a province or state; None for a country or
    an area the gazetteers do not know (it may lie inside either)."""
    if place is None or not place.name or ctx.gaz.countries.resolve(place.name):
        return None
    if place.geonameid:
        return "city"
    return "region" if ctx.gaz.places.region(place.name, ctx.salient()) else None


def _other_place(a: ClashMention, b: ClashMention) -> bool:
    """Whether two mentions name different places of one kind (two towns, two provinces):
    one clash per place. A town and a province may be one place, the town inside it."""
    if a.place_kind is None or a.place_kind != b.place_kind:
        return False
    x, y = a.location.name.lower(), b.location.name.lower()
    return x not in y and y not in x


def _dates_compatible(a: DateSpan | None, b: DateSpan | None) -> bool:
    if a is None or b is None:
        return True
    return a.start <= b.end and b.start <= a.end


def _better_dates(a: DateSpan | None, b: DateSpan | None) -> DateSpan | None:
    if a is None or b is None:
        return a or b
    order = [DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR]
    return a if order.index(a.precision) <= order.index(b.precision) else b


def _widened(a: DateSpan, b: DateSpan) -> DateSpan:
    """Two days of one fight ("fighting was still going on on Sunday") as one range."""
    return DateSpan(min(a.start, b.start), max(a.end, b.end), DatePrecision.DAY)


def _state_keys(mention: ClashMention) -> set[str]:
    """The keys of the state sides of a mention (armed groups' keys start with "group:")."""
    return {k for k in mention.sides if not k.startswith("group:")}


def _other_front(a: ClashMention, b: ClashMention) -> bool:
    """Whether two mentions name different states' forces: an armed group fighting the police
    of one country and the soldiers of another fights two fights."""
    return bool(_state_keys(a)) and bool(_state_keys(b)) and not _state_keys(a) & _state_keys(b)


def _closes(m: ClashMention, merged: list[ClashMention]) -> ClashMention | None:
    """The earlier fight an end statement ("the fighting ended on Nov. 3") closes: of those
    that began before, the last one with a side it names, else the last one (the parties it
    names may be mediators: "ended with a Swiss-brokered truce")."""
    if not m.ends or m.dates is None:
        return None
    keys = set(map(_side_key, m.sides.values()))
    begun = [c for c in merged if c.dates and c.dates.start <= m.dates.start]
    shared = [c for c in begun if keys & set(map(_side_key, c.sides.values()))]
    return (shared or begun or [None])[-1]


def _other_day(a: ClashMention, b: ClashMention) -> bool:
    """Whether two mentions are dated to different days: one clash per day."""
    x, y = a.when, b.when
    if not (x and y and x.precision == y.precision == DatePrecision.DAY and x != y):
        return False
    return not _told_after(a, b) and not _told_after(b, a)


#: How long after a fight a report of it is still news of that fight, not of a later one.
_TOLD_WITHIN = dt.timedelta(days=7)


def _told_after(a: ClashMention, b: ClashMention) -> bool:
    """Whether `b` is only told (no date of its own) on or within a week after the days `a`
    was fought: the report of that fight ("in a statement on Sunday, they said they killed
    30" after a fight on Saturday), not another fight."""
    if not (a.dates and b.dates is None and b.told and a.dates.precision == DatePrecision.DAY):
        return False
    return a.dates.start <= b.told.end and b.told.start - a.dates.end <= _TOLD_WITHIN


def _when_compatible(a: ClashMention, b: ClashMention) -> bool:
    """Dates that may be of one fight: overlapping, or one only told after the other was
    fought."""
    return _dates_compatible(a.when, b.when) or _told_after(a, b) or _told_after(b, a)


def _apart(c: ClashMention, m: ClashMention) -> bool:
    """Whether a mention tells another fight than an earlier clash: another place or day,
    "another attack", or one an ongoing conflict and the other a single fight."""
    return m.separate or _other_place(c, m) or _other_day(c, m) or c.ongoing != m.ongoing


def _continues(c: ClashMention, m: ClashMention, published: dt.date) -> bool:
    """Whether a mention without sides tells more of an earlier clash: not another place
    nor "another attack", and dates that overlap or are both current (a fight "still going
    on on Sunday" that began on Thursday)."""
    if m.separate or _other_place(c, m):
        return False
    return _when_compatible(c, m) or not (
        is_background(c.dates, published) or is_background(m.dates, published))


def _joins(c: ClashMention, m: ClashMention, published: dt.date) -> bool:
    """Whether a mention with sides tells the fight of an earlier clash: a shared side (or
    the clash has none yet), compatible dates, and nothing that sets them apart (a dated
    past fight never joins an undated current one, nor do fights of different states)."""
    if _apart(c, m) or _other_front(c, m) or not _when_compatible(c, m):
        return False
    if c.dates is None and not c.ongoing and is_background(m.dates, published):
        return False
    shared = set(map(_side_key, c.sides.values())) & set(map(_side_key, m.sides.values()))
    return bool(shared) or not c.sides


def _unclaimed_attack(m: ClashMention) -> bool:
    """A strike nobody is named for, told with its own place and day ("a journalist was
    killed by shelling in eastern Ukraine on Monday"): a clash of unnamed attackers."""
    return bool(m.attack and m.location and m.location.country and m.dates and
                m.dates.precision == DatePrecision.DAY and not m.ongoing)


def merge_mentions(mentions: list[ClashMention], published: dt.date) -> list[ClashMention]:
    """One clash per fight: a mention joins an earlier one it `_joins`; a mention without
    sides adds to the last clash, or, at another place or day ("in X, a drone attack killed
    two"), is another strike by the same attackers; an end statement extends the fight it
    closes to its date."""
    merged: list[ClashMention] = []
    for m in mentions:
        closed = _closes(m, merged)
        if closed is not None:
            closed.dates = DateSpan(closed.dates.start, max(closed.dates.end, m.dates.end),
                                    closed.dates.precision)
            closed.sentences.append(m.sentence)
            continue
        target = None
        sideless = not m.sides
        if sideless:
            # an aside ("in a separate incident ...") takes no later sentences
            target = next((c for c in reversed(merged) if not c.separate and
                           _continues(c, m, published)), None)
            # the same attackers somewhere else; "a separate incident" may be no attack at all
            if target is None and merged and (m.attack or not m.separate):
                m.sides = {k: s.model_copy() for k, s in merged[-1].sides.items()}
                m.location = m.location or merged[-1].location
        else:
            target = next((c for c in reversed(merged) if _joins(c, m, published)), None)
        if target is None:
            if len(m.sides) == 1 and next(iter(m.sides.values())).country:
                # one state named alone: a new day of the fight it was last seen in
                partner = next((c for c in reversed(merged)
                                if set(m.sides) & set(map(_side_key, c.sides.values()))), None)
                if partner is not None:
                    m.sides = {**{_side_key(s): s for s in partner.sides.values()}, **m.sides}
            if m.sides or _unclaimed_attack(m):
                merged.append(m)
            continue
        for key, side in m.sides.items():
            if key not in {_side_key(s) for s in target.sides.values()}:
                target.sides[key] = side
        target.dates = _widened(target.dates, m.dates) if sideless and target.dates and \
            m.dates and _other_day(target, m) else _better_dates(target.dates, m.dates)
        target.told = target.told or m.told
        if target.location is None:
            target.location, target.place_kind = m.location, m.place_kind
        target.fatalities = target.fatalities or m.fatalities
        target.sentences.append(m.sentence)
    return merged


#: How far into the body the first parsed sentence may start to be the lead.
_LEAD_CHARS = 400


def date_undated(clashes: list[ClashMention], ctx: ArticleContext) -> None:
    """Dates a current fight whose own clauses give no date by when its sentences tell it
    ("On Friday, the ministry said four people were killed"), else by the lead when the
    fight is told there, else by the dateline (publication day). A standing conflict ("is
    fighting") stays undated."""
    lead = ctx.sentences[0] if ctx.sentences and ctx.sentences[0].start <= _LEAD_CHARS \
        else None
    for c in clashes:
        if c.dates is not None or c.ongoing:
            continue
        if c.told is not None:
            c.dates = c.told
        elif lead is not None and lead in c.sentences and lead.dates:
            c.dates = lead.dates[0].span
        else:
            c.dates = DateSpan(ctx.published, ctx.published, DatePrecision.DAY)
