"""Meetings: talks, summits, visits, phone calls and signings between two or more parties.

A sentence with a meeting word (met, talks, summit, visit, spoke by telephone, called, signed a
pact) yields a meeting mention unless the meeting is only planned, called for or cancelled:
a modal, a "to" infinitive, a plan or cancel verb on the trigger or on a verb it depends on
("agreed to fix a date for a meeting", "the summit was postponed"). Participants are the
parties the parse links to the trigger (its subject, object, with/between phrases, a noun's
possessive and modifiers, "attended by"), not every country the sentence mentions; a "he" or
"she" is the speaker or the person the article is about. A visit (visits.py) is a meeting of
the visitor with each host country; a summit includes its host; "X met A and B" on a
gathering's sidelines is one meeting per pair. Mentions are merged into one meeting when
their countries nest, their dates agree, their mode is the same and they name no different
people of one country; a mention naming no party lends its date and mode to the nearest
meeting; a meeting left undated takes the report's day; a meeting left with fewer than two
parties (a cabinet session) is dropped unless its other party is an international body or
an armed group.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from schemas import DatePrecision, Location, MeetingMode, Participant
from streams.extraction.actors import (
    GROUP_NOUNS,
    SPEECH_LEMMAS,
    STATE_FORCE_NOUNS,
    country_mentions,
    dates_for,
    names_international_body,
    people_in,
    title_tokens,
)

from streams.extraction import lexicon, visits
from streams.extraction.context import ArticleContext, Person, Sentence
from streams.extraction.dates import DateSpan

#: Fighting words: their phrases name a fight's parties, not a meeting's.
_FIGHT_WORDS = lexicon.words("clash", "triggers")
MEETING_NOUNS = lexicon.words("meeting", "nouns")
MEETING_VERBS = lexicon.words("meeting", "verbs")
_TALK_VERBS = lexicon.words("meeting", "talk_verbs")
_SIGN_VERBS = lexicon.words("meeting", "sign_verbs")
AGREEMENT_NOUNS = lexicon.words("meeting", "agreement_nouns")
_PLAN_LEMMAS = lexicon.words("meeting", "plan_verbs")
_PLAN_MODIFIERS = lexicon.words("meeting", "plan_modifiers")
#: Verbs that undo a meeting ("the talks were cancelled", "postponed the summit").
_CANCEL_LEMMAS = lexicon.words("meeting", "cancel_verbs")
#: Prepositions that take a meeting as done ("agreed to reopen the border after talks").
_DONE_PREPS = lexicon.words("meeting", "done_preps")
#: "since" right before a date, with at most a few words between ("since the 2019 World Cup").
_SINCE = re.compile(r"\bsince(?:\s+\S+){0,4}\s*$", re.I)
_MODALS = lexicon.words("meeting", "modals")
_PHONE = lexicon.words("meeting", "call_words")
#: Verbs of a phone call when their object is a person ("X telephoned Y").
_CALL_VERBS = lexicon.words("meeting", "call_verbs")
_MET_THINGS = lexicon.words("meeting", "met_things")
#: Verbs that are a meeting only with a meeting noun ("attended the summit", "co-chaired
#: the dialogue"; not "attended the funeral").
_CHAIR_VERBS = lexicon.words("meeting", "with_meeting_noun_verbs")
#: What two leaders hold together only when they meet ("a joint news conference").
_JOINT_NOUNS = lexicon.words("meeting", "joint_nouns")
#: Words that make "X met A and B" one meeting of all three rather than one per partner.
_JOINT_WORDS = lexicon.words("meeting", "together_words")
_SEPARATE_WORDS = lexicon.words("meeting", "separate_words")
#: Gatherings at which leaders hold bilateral meetings on the sidelines.
_GATHERING_WORDS = lexicon.words("meeting", "gathering_words")
_VIRTUAL = lexicon.words("meeting", "virtual_words")
#: Prepositions and participles that introduce a meeting's parties ("talks with X",
#: "talks involving X", "talks mediated by X").
_ARG_PREPS = lexicon.words("meeting", "party_preps")
_ARG_VERBS = lexicon.words("meeting", "party_verbs")
#: "X came for talks", "X spoke at the summit": X took part.
_ATTENDANCE_PREPS = lexicon.words("meeting", "attendance_preps")
_GROUP_ROLE = "armed group"


@dataclass
class MeetingMention:
    """What one sentence says about a meeting."""

    sentence: Sentence
    participants: list[Participant]
    location: Location | None
    dates: DateSpan | None
    mode: MeetingMode
    summit: bool = False
    sentences: list[Sentence] = field(default_factory=list)
    listed: bool = False  # one of several meetings listed in one phrase: never merged
    kind: str = "meet"  # "sign" merges only with "sign"; "visit" also with "meet" of its pair
    explicit_mode: bool = False  # the sentence says how they met (by telephone, online)

    def countries(self) -> set[str]:
        return {p.country for p in self.participants if p.country}

    def named(self) -> dict[str, str]:
        return {p.country: p.name for p in self.participants if p.name and p.country}


def _planned(tok: Token, sent: Sentence, published: dt.date) -> bool:
    """Whether the meeting is only planned, called for, cancelled, denied or in the future:
    a modal, a "to" infinitive, a plan or cancel verb or a negation on the trigger's verb or
    on a verb it depends on ("agreed to fix a date for a meeting", "the summit was to have
    focused", "the talks were postponed")."""
    if tok.pos_ == "NOUN" and any(c.lower_ in _PLAN_MODIFIERS or c.dep_ in ("acl", "amod")
                                  and c.lemma_.lower() in _PLAN_LEMMAS | _CANCEL_LEMMAS
                                  for c in tok.children):
        return True  # "the planned summit", "a summit scheduled for Tuesday"
    subject = tok.pos_ not in ("VERB", "AUX") and tok.dep_ in ("nsubj", "nsubjpass")
    for v in _governing_verbs(tok.head if subject else tok):  # "the talks were cancelled"
        if v.lemma_.lower() in _PLAN_LEMMAS | _CANCEL_LEMMAS and v is not tok:
            return True
        if any(c.dep_ == "neg" or c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS
               for c in v.children) or _infinitive(v):
            return True
        if v.lemma_ == "be" and any(c.dep_ == "xcomp" and _infinitive(c) for c in v.children):
            return True  # "the summit was to have focused on ...": it did not
    return any(d.span.start > published for d in sent.dates)


def _infinitive(verb: Token) -> bool:
    """A "to" infinitive of something not (yet) done: "to meet", "was to have met"; not a
    perfect one of something done ("the first leader to have visited Kenya")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    perfect = verb.tag_ == "VBN" and any(c.lower_ == "have" for c in verb.children)
    return not perfect or verb.head.lemma_ == "be"


def _governing_verbs(tok: Token) -> list[Token]:
    """The token and the words above it up to its clause's top: through objects,
    prepositions and complement clauses, not out of a relative or adverbial clause or a
    subject."""
    out = [tok]
    while tok.dep_ not in ("ROOT", "relcl", "nsubj", "nsubjpass", "conj", "acl", "appos") \
            and tok.head.i != tok.i and not (  # "agreed on a truce after they met"
                tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in tok.children)) \
            and not (tok.dep_ == "pobj" and tok.head.lower_ in _DONE_PREPS):  # "after talks"
        tok = tok.head
        out.append(tok)
    return out


def _triggers(sent: Sentence, ctx: ArticleContext) -> list[Token]:
    out = []
    for tok in sent.span:
        lemma, low = tok.lemma_.lower(), tok.lower_
        hit = False
        if tok.pos_ in ("NOUN", "PROPN") and low in MEETING_NOUNS:
            hit = low != "call" or any(t.lower_ in ("phone", "telephone") for t in tok.lefts)
        elif tok.pos_ == "NOUN" and lemma in _JOINT_NOUNS:  # "a joint news conference"
            hit = any(c.lower_ == "joint" or c.lower_ in _VIRTUAL for c in tok.children)
        elif tok.pos_ == "VERB" and lemma in MEETING_VERBS:
            hit = lemma != "shake" or any(t.lower_ == "hands" for t in tok.children)
            if lemma == "meet":  # "met their demands", "met with criticism": no meeting
                hit = not any(_met_thing(c) for c in tok.children)
            if lemma in _CHAIR_VERBS:
                hit = any(t.lower_ in MEETING_NOUNS for t in tok.subtree)
            if lemma == "receive":
                hit = any(t.ent_type_ == "PERSON" for c in tok.children
                          if c.dep_ in ("dobj", "agent", "nsubjpass") for t in c.subtree)
        elif tok.pos_ == "VERB" and lemma in _TALK_VERBS:
            hit = any(t.lower_ in _PHONE | {"talks"} for t in tok.subtree)
        elif tok.pos_ == "VERB" and lemma in _SIGN_VERBS:
            hit = any(t.lemma_.lower() in AGREEMENT_NOUNS for t in tok.children)
        elif visits.is_visit(tok):
            hit = True
        elif tok.pos_ == "VERB" and lemma in _CALL_VERBS:
            hit = _called(tok) is not None
        if hit and not _planned(tok, sent, ctx.published):
            out.append(tok)
    return out


def _met_thing(child: Token) -> bool:
    """Whether a child of "meet" is a thing met rather than a party ("the demands", "with
    resistance", "with the enemy")."""
    if child.dep_ == "prep" and child.lower_ == "with":
        return any(_met_thing(g) for g in child.children if g.dep_ == "pobj")
    return child.dep_ in ("dobj", "pobj") and child.lemma_.lower() in _MET_THINGS


def _called(tok: Token) -> str | None:
    """What a verb "call" or "telephone" says: "X called Y" (a person, a state) is a phone
    call, "X called on Y" (a person, with no "to" clause: not "called on Y to withdraw", nor
    "called Y a threat") a visit; else None."""
    if any(c.dep_ in ("xcomp", "ccomp", "oprd", "attr") for c in tok.children):
        return None
    for c in tok.children:
        if c.dep_ == "dobj" and c.ent_type_ in ("PERSON", "GPE", "NORP"):
            return "call"
        if c.dep_ in ("prep", "prt") and c.lower_ == "on" and tok.lemma_.lower() == "call" \
                and any(g.ent_type_ == "PERSON" for g in c.subtree):
            return "call_on"
    return None


def _party_of(tokens: list[Token], sent: Sentence, ctx: ArticleContext) -> list[Participant]:
    """Participants named in a phrase: states, organisations, "the government"."""
    out: list[Participant] = []
    ids = {t.i for t in tokens}
    for m in country_mentions(sent, ctx):
        if m.start in ids:
            out.append(Participant(name=None, role=None, country=m.iso3))
    if out:
        return out
    for ent in sent.span.ents:
        if ent.start in ids and ent.label_ == "ORG":
            return [Participant(name=ent.text, role=None, country=ctx.dominant())]
    if any(t.lower_ == "government" for t in tokens):
        return [Participant(name=None, role="government", country=ctx.dominant())]
    return out


def _signing(tok: Token, sent: Sentence, ctx: ArticleContext) -> list[Participant]:
    """The signatories: who signed ("X and Y signed a pact", "the group, which became a
    party after signing a deal with the government") and the "with" party."""
    verb = tok
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and \
            tok.dep_ in ("pcomp", "advcl", "acl"):
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
    subj = next(iter(_subjects(verb)), None)
    while subj is not None and subj.dep_ == "appos":
        subj = subj.head
    parties: list[Participant] = []
    if subj is not None:
        parties += _party_of(list(subj.subtree), sent, ctx)
    for prep in [c for t in [tok] + [c for c in tok.children if c.dep_ == "dobj"]
                 for c in t.children if c.dep_ == "prep" and c.lower_ == "with"]:
        parties += _party_of(list(prep.subtree), sent, ctx)
    return parties


def _visit(tok: Token, sent: Sentence, ctx: ArticleContext, narrator: _Discourse,
           dates: DateSpan | None) -> list[tuple[list[Participant], DateSpan | None]]:
    """A visit as meetings of the visitor with each host country, each with its own date
    where the sentence gives one per country, else `dates`."""
    visitor = [p for p in _parties(visits.visitor_tokens(tok), sent, ctx, narrator)
               if p.name or p.country]
    if not visitor:
        return []
    hosts = [(iso3, i) for iso3, i in visits.destinations(tok, sent, ctx)
             if all(v.country != iso3 for v in visitor)]
    own = visits.destination_dates(hosts, sent)
    return [([v.model_copy() for v in visitor] + [Participant(name=None, role=None, country=iso3)],
             d) for (iso3, _), d in zip(hosts, own or [dates] * len(hosts))]


def _location(sent: Sentence, ctx: ArticleContext) -> Location | None:
    for ent in sent.span.ents:
        if ent.label_ in ("GPE", "LOC", "FAC") and ent.root.dep_ == "pobj" and \
                ent.root.head.lower_ in ("in", "at"):
            loc = ctx.gaz.places.locate(ent.text, ctx.salient())
            if loc:
                return loc
    return None


#: Armed forces and groups; not the civil words of STATE_FORCE_NOUNS ("the government of X met").
_ARMED_NOUNS = (STATE_FORCE_NOUNS | GROUP_NOUNS) - lexicon.words("actors", "civil_state_nouns")


def _fight_phrases(sent: Sentence, trigger: Token) -> set[int]:
    """Tokens of noun phrases about fighting or armed forces ("since fighting between X and Y
    restarted", "clashes between X and Y troops") outside the meeting's own phrase: the
    countries there are the fight's parties, not the meeting's."""
    out: set[int] = set()
    for tok in sent.span:
        if tok.pos_ == "NOUN" and (tok.lemma_.lower() in _FIGHT_WORDS or tok.lower_ in _ARMED_NOUNS):
            ids = {t.i for t in tok.subtree}
            if trigger.i not in ids:
                out |= ids
    return out


def _subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, through relative pronouns ("leaders who met" -> leaders) and
    verbs that share them ("arrived in X and met Y", "agreed to meet")."""
    while True:
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            if subj[0].lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return [verb.head]
            return subj
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
        elif verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return [verb.head] if verb.tag_ == "VBG" else []
        else:
            return []


def _phrase(tok: Token) -> set[int]:
    """A party's noun phrase, without relative clauses about it ("X, who visited Y")."""
    skip = {t.i for c in tok.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    return {t.i for t in tok.subtree} - skip


def _argument_tokens(trigger: Token) -> set[int]:
    """The tokens of the meeting's parties as the parse links them to the trigger: a verb's
    subject, object and "with/between" phrases ("X met Y", "X held talks with Y"), a noun's
    possessive, modifiers and "between/with/of" phrases ("talks between X and Y", "the
    X-Y summit", "talks involving X and Y", "the meeting was attended by X"), and the
    subject of the verb a meeting noun is the object of ("X attended the summit")."""
    out: set[int] = set()
    while trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and \
            trigger.head.head.pos_ == "NOUN":  # "a new round of talks": the round's parties
        trigger = trigger.head.head
    heads = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN"):
        for c in trigger.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and \
                    c.pos_ in ("PROPN", "ADJ", "NOUN"):
                out |= {t.i for t in c.subtree}
            if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _ARG_VERBS:
                heads.append(c)
        verb = trigger.head
        if trigger.dep_ == "pobj" and verb.lower_ in _ATTENDANCE_PREPS and \
                verb.head.pos_ == "VERB":  # "leaders gathered in X for a summit"
            for subj in _subjects(verb.head):
                out |= _phrase(subj)
        if trigger.dep_ in ("dobj", "nsubjpass", "nsubj") and verb.pos_ in ("VERB", "AUX"):
            heads.append(verb)
            if trigger.dep_ == "nsubj" and verb.dep_ == "advcl" and any(
                    c.dep_ == "mark" for c in verb.children):
                out |= _main_clause_parties(verb.head)
    else:
        heads += [c for c in trigger.children if c.dep_ == "dobj" and c.lower_ in MEETING_NOUNS]
    for head in heads:
        for c in head.children:
            if c.dep_ in ("dobj", "agent") or (c.dep_ == "nsubj" and head is not trigger
                                                and head.pos_ == "VERB"):
                if c.lower_ not in MEETING_NOUNS:
                    out |= _phrase(c)
            elif c.dep_ == "prep" and (c.lower_ in _ARG_PREPS or
                                       c.lower_ == "on" and head.lemma_.lower() == "call"):
                out |= {i for g in c.children if g.dep_ == "pobj" for i in _phrase(g)}
        if head.pos_ in ("VERB", "AUX") and (head is not trigger or trigger.pos_ == "VERB"):
            for subj in _subjects(head):
                if subj.i != trigger.i:
                    out |= _phrase(subj)
    return out


def _main_clause_parties(verb: Token) -> set[int]:
    """The parties of the clause a meeting's "as/when" clause belongs to: "X handed the
    chair to Y as the summit closed" tells who was at the summit."""
    out: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("nsubj", "dobj", "dative"):
            out |= _phrase(c)
        elif c.dep_ == "prep" and c.lower_ in _ARG_PREPS | {"to"}:
            out |= {i for g in c.children if g.dep_ == "pobj" for i in _phrase(g)}
    return out


def _participants(sent: Sentence, ctx: ArticleContext, trigger: Token,
                  narrator: _Discourse) -> list[Participant]:
    """People and states the parse gives as the trigger's parties."""
    return _parties(_argument_tokens(trigger) - _fight_phrases(sent, trigger), sent, ctx,
                    narrator)


def _parties(ids: set[int], sent: Sentence, ctx: ArticleContext,
             narrator: _Discourse) -> list[Participant]:
    """The people and states named in the tokens `ids`. A "he" or "she" there is the
    speaker whose words report it, else the person the article is telling about ("I" in a
    quote only the speaker); a "they"
    or "their" is the subject of the clause it depends on ("X and Y agreed ... after talks
    between their ministers"), else the parties of the article's previous meeting."""
    doc = sent.span.doc
    out: list[Participant] = []
    pronoun = next((doc[i] for i in sorted(ids) if doc[i].lower_ in ("he", "she", "i")), None)
    if pronoun is not None:  # "I" is only ever the speaker of a quote
        person = _speaker_of(pronoun, sent, ctx) or (
            narrator.person if pronoun.lower_ != "i" else None)
        if person is not None:
            out.append(Participant(name=person.name, role=person.role, country=person.country))
    plural = next((doc[i] for i in sorted(ids) if doc[i].lower_ in _PLURAL_PRONOUNS), None)
    if plural is not None:
        antecedent = _antecedent(plural)
        if antecedent - ids:
            out += _parties(antecedent - ids, sent, ctx, _Discourse())
        else:
            out += [p.model_copy() for p in narrator.parties]
    if any(_both(doc[i]) for i in ids):  # "officials of the two countries met"
        out += [Participant(name=None, role=None, country=c)
                for c, _ in ctx.country_counts.most_common(2)]
    titles: set[int] = set()
    for person, ent in people_in(sent, ctx):
        if ent.start in ids:
            out.append(Participant(name=person.name, role=person.role, country=person.country))
            titles |= title_tokens(ent, sent, ctx)
    for m in country_mentions(sent, ctx):
        if m.place or m.start not in ids or m.start in titles or \
                any(p.country == m.iso3 for p in out):
            continue
        if any(t.ent_type_ == "PERSON" for t in doc[m.start:m.end]):
            continue
        out.append(Participant(name=None, role=None, country=m.iso3))
    for i in sorted(ids):  # "met rebel leaders": a group of the country it fights in
        tok = doc[i]
        if tok.lower_ in GROUP_NOUNS and not any(p.role == _GROUP_ROLE for p in out):
            head = tok.head if tok.dep_ in ("compound", "amod") else tok
            name = doc[min(t.i for t in head.lefts if t.dep_ in ("compound", "amod"))
                       if any(t.dep_ in ("compound", "amod") for t in head.lefts)
                       else head.i:head.i + 1].text
            out.append(Participant(name=name, role=_GROUP_ROLE, country=ctx.dominant()))
    for ent in sent.span.ents:  # "the African Union envoy met ..."
        if ent.label_ == "ORG" and ent.start in ids and names_international_body(ent) and \
                not any(p.name and ent.text in (p.role or "") for p in out):
            out.append(Participant(name=ent.text, role=None, country=None))
    return out


_PLURAL_PRONOUNS = ("they", "their", "them")
_PAIR_NOUNS = lexicon.words("meeting", "pair_nouns")


def _both(tok: Token) -> bool:
    """Whether a token is "the two countries", "both sides", "the two neighbours": the
    pair the article is about."""
    return tok.lemma_.lower() in _PAIR_NOUNS and any(
        c.lower_ in ("two", "both") for c in tok.children)


@dataclass
class _Discourse:
    """Whom the article's pronouns refer to at a sentence: the last named person who was a
    subject ("he", "she"), and the parties of the last meeting told of ("they")."""

    person: Person | None = None
    parties: list[Participant] = field(default_factory=list)


def _antecedent(pronoun: Token) -> set[int]:
    """The subject a "they" or "their" stands for: that of the nearest verb above it with a
    subject that is not itself a pronoun."""
    tok = pronoun
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.pos_ != "PRON" and pronoun.i not in {t.i for t in c.subtree}]
            if subj:
                return {t.i for c in subj for t in c.subtree}
    return set()


def _speaker_of(pronoun: Token, sent: Sentence, ctx: ArticleContext) -> Person | None:
    """Who "he" is in "X told journalists that he had met Y": the subject of the speech
    verb the pronoun's clause reports."""
    verb = pronoun.head
    while verb.dep_ not in ("ccomp", "ROOT") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.lemma_ not in SPEECH_LEMMAS:
        return None
    subj = {t.i for c in verb.head.children if c.dep_ == "nsubj" for t in c.subtree}
    return next((p for p, ent in people_in(sent, ctx) if ent.root.i in subj), None)


def _narrator(sent: Sentence, ctx: ArticleContext, last: Person | None) -> Person | None:
    """The person a later "he" or "she" refers to: the last named person who was a
    sentence's subject."""
    for person, ent in people_in(sent, ctx):
        if ent.root.dep_ in ("nsubj", "nsubjpass"):
            last = person
    return last


def meeting_mentions(ctx: ArticleContext) -> list[MeetingMention]:
    """Every sentence that reports a meeting that took place, as one or more mentions."""
    out: list[MeetingMention] = []
    last_summit_location: Location | None = None
    narrator: Person | None = None
    last_parties: list[Participant] = []
    for sent in ctx.sentences:
        triggers = _triggers(sent, ctx)
        before = _Discourse(narrator, last_parties)
        narrator = _narrator(sent, ctx, narrator)
        if not triggers:
            continue
        text = {t.lower_ for t in sent.span}
        location = _location(sent, ctx)
        summit = any(t.lower_.startswith("summit") for t in triggers)
        if summit:
            location = location or last_summit_location
            last_summit_location = location
        signing = [t for t in triggers if t.lemma_.lower() == "sign"]
        for tok in signing[:1] or triggers:
            mode = _mode(tok, text)
            groups = _groups(tok, sent, ctx, before)
            for parts, dates, listed in groups:
                parts = _unique(parts)
                for p in parts:  # a leader of unstated country: the article's other country
                    person = ctx.person(p.name) if p.name else None
                    if person and p.country is None and not person.international:
                        p.country = ctx.dominant({q.country for q in parts if q.country})
                if tok.lower_.startswith("summit") and location and location.country and \
                        all(p.country != location.country for p in parts):
                    parts.append(Participant(name=None, role="host", country=location.country))
                if len({p.country for p in parts if p.country}) >= 2:
                    last_parties = parts
                out.append(MeetingMention(sent, parts, location, dates, mode, summit, [sent],
                                          listed=listed, kind=_kind(tok),
                                          explicit_mode=mode != MeetingMode.IN_PERSON))
    return out


def _kind(tok: Token) -> str:
    if tok.lemma_.lower() in _SIGN_VERBS:
        return "sign"
    return "visit" if visits.is_visit(tok) else "meet"


def _mode(tok: Token, text: set[str]) -> MeetingMode:
    """By telephone ("spoke by phone", "X called Y"), online, or in person."""
    if tok.lemma_.lower() in _CALL_VERBS and tok.pos_ == "VERB":
        return MeetingMode.CALL if _called(tok) == "call" else MeetingMode.IN_PERSON
    if text & _PHONE:
        return MeetingMode.CALL
    return MeetingMode.VIRTUAL if text & _VIRTUAL else MeetingMode.IN_PERSON


def _groups(tok: Token, sent: Sentence, ctx: ArticleContext, narrator: _Discourse
            ) -> list[tuple[list[Participant], DateSpan | None, bool]]:
    """The meetings one trigger states: (participants, date, one of a listed several)."""
    dates = _own_date(sent, tok) or (_report_day(ctx) if _news_tense(tok) else None)
    kind = _kind(tok)
    if kind == "sign":
        return [(_signing(tok, sent, ctx), dates, False)]
    if kind == "visit":
        found = _visit(tok, sent, ctx, narrator, dates)
        return [(parts, d, len(found) > 1) for parts, d in found]
    parts = _unique(_participants(sent, ctx, tok, narrator))
    split = _split_list(tok, parts, sent, ctx)
    return [(group, dates, len(split) > 1) for group in split]


def _unique(parts: list[Participant]) -> list[Participant]:
    """Copies of the participants, each person or country once."""
    out: list[Participant] = []
    for p in parts:
        if any((p.name and q.name == p.name) or (not p.name and not q.name
                                                 and q.country == p.country) for q in out):
            continue
        out.append(p.model_copy())
    return out


def _split_list(tok: Token, parts: list[Participant], sent: Sentence,
                ctx: ArticleContext) -> list[list[Participant]]:
    """One meeting per listed partner: "held summits with A, B and C" (countries or
    international bodies), and "X met A's president P and B's prime minister Q" on a
    summit's sidelines (people of different countries listed as the objects of "met"),
    unless the sentence says they met together."""
    if tok.lower_ in ("summits", "meetings", "talks"):
        listed = _listed_partners(tok, sent, ctx)
    elif tok.pos_ == "VERB" and _bilaterals(sent, ctx):
        listed = _listed_people(tok, parts, sent, ctx)
    else:
        listed = []
    if len(listed) < 2:
        return [parts]
    keys = {(p.name, p.country) for p in listed}
    rest = [p for p in parts if (p.name, p.country) not in keys
            and (p.name or p.country not in {q.country for q in listed})]
    return [[p.model_copy() for p in rest] + [q] for q in listed]


def _bilaterals(sent: Sentence, ctx: ArticleContext) -> bool:
    """Whether "X met A and B" are separate meetings: the sentence says so ("separately"),
    or the article is about a gathering on whose sidelines leaders meet in pairs, and the
    sentence does not say they met together."""
    words = {t.lower_ for t in sent.span}
    if words & _JOINT_WORDS:
        return False
    body = ctx.article.body.lower()
    return bool(words & _SEPARATE_WORDS) or any(w in body for w in _GATHERING_WORDS)


def _listed_partners(tok: Token, sent: Sentence, ctx: ArticleContext) -> list[Participant]:
    """The countries and international bodies of a noun's "with" list."""
    out: list[Participant] = []
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"):
        ids = {t.i for t in prep.subtree}
        found = [(m.start, Participant(name=None, role=None, country=m.iso3))
                 for m in country_mentions(sent, ctx) if m.start in ids]
        found += [(e.start, Participant(name=e.text, role=None, country=None))
                  for e in sent.span.ents
                  if e.start in ids and e.label_ == "ORG" and names_international_body(e)]
        out = [p for _, p in sorted(found, key=lambda x: x[0])]
    return out


def _listed_people(tok: Token, parts: list[Participant], sent: Sentence,
                   ctx: ArticleContext) -> list[Participant]:
    """The people a verb lists as its objects ("met A and B", "met with A and B"), where
    they are of different countries."""
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                for g in c.children if g.dep_ == "pobj"]
    heads = {t.i for o in objects for t in [o] + list(o.conjuncts)}
    names = {person.name for person, ent in people_in(sent, ctx) if ent.root.i in heads}
    listed = [p for p in parts if p.name in names and p.country]
    return listed if len({p.country for p in listed}) == len(listed) else []


def _compatible(a: MeetingMention, b: MeetingMention) -> bool:
    ca, cb = a.countries(), b.countries()
    if a.mode != b.mode or a.listed or b.listed:
        return False
    if a.kind != b.kind and not ({a.kind, b.kind} == {"visit", "meet"} and ca == cb):
        return False  # a visit joins only the meetings held on it
    if not (ca <= cb or cb <= ca) or not (ca & cb):
        return False
    if a.dates and b.dates and not (a.dates.start <= b.dates.end and b.dates.start <= a.dates.end):
        return False
    na, nb = a.named(), b.named()
    return all(na[c] == nb[c] for c in na.keys() & nb.keys())


def _narrower(a: DateSpan, b: DateSpan) -> bool:
    return b.start <= a.start and a.end <= b.end and (a.end - a.start) < (b.end - b.start)


def _absorb(target: MeetingMention, m: MeetingMention) -> None:
    """Adds what mention `m` says to the meeting `target`."""
    for p in m.participants:
        same = next((q for q in target.participants
                     if (p.name and q.name == p.name) or (q.country and q.country == p.country
                                                          and not (q.name and p.name))), None)
        if same is None:
            target.participants.append(p)
        elif same.name is None and p.name:
            target.participants[target.participants.index(same)] = p
    if target.dates is None or m.dates is not None and _narrower(m.dates, target.dates):
        target.dates = m.dates  # a meeting's day within the days of a visit
    target.location = target.location or m.location
    target.sentences.append(m.sentence)


def merge_mentions(mentions: list[MeetingMention], ctx: ArticleContext) -> list[MeetingMention]:
    """One meeting per real meeting; meetings with fewer than two parties are dropped."""
    merged: list[MeetingMention] = []
    local: list[MeetingMention] = []  # mentions of one sentence merge among themselves first
    for m in mentions:
        target = next((c for c in local if c.sentence is m.sentence and _compatible(c, m)), None)
        if target is None:
            local.append(m)
        else:
            _absorb(target, m)
    for m in local:
        fits = [c for c in merged if _compatible(c, m)]
        if not fits:
            merged.append(m)
            continue
        _absorb(max(fits, key=lambda c: (bool(c.dates and m.dates),
                                         c.countries() == m.countries())), m)
    out = []
    bare = []
    for m in merged:
        keys = {(p.name or "", p.country or "") for p in m.participants}
        if len(keys) >= 2 and (len(m.countries()) >= 2 or m.kind == "sign"
                               or _international(m, ctx)
                               or any(p.role == _GROUP_ROLE for p in m.participants)):
            out.append(m)
        elif m.summit and m.location and m.location.country in m.countries():  # its host
            out.append(m)
        elif not m.countries():
            bare.append(m)
    for m in bare:
        _lend(m, out, ctx.published)
    for m in out:
        m.dates = m.dates or _report_day(ctx)
    return out


def _international(m: MeetingMention, ctx: ArticleContext) -> bool:
    """Whether a party of the meeting is an international body or one of its officials (a
    UN envoy meeting one country's leaders is a meeting)."""
    for p in m.participants:
        if p.name and p.country is None:
            person = ctx.person(p.name)
            if person is not None and person.international or \
                    person is None and p.role is None and names_international_body(p.name):
                return True
    return False


def _lend(bare: MeetingMention, meetings: list[MeetingMention], published: dt.date) -> None:
    """A mention that names no party ("the meeting, held on Tuesday via videoconference")
    speaks of the nearest meeting of the article: it gives that meeting the date and the
    mode (call, virtual) the meeting's own sentences do not state. Only a recent date is
    lent: "the last meeting, in 2019" tells of another meeting."""
    def distance(m: MeetingMention) -> int:
        return min(abs(s.index - bare.sentence.index) for s in m.sentences)

    dates = bare.dates if bare.dates and (published - bare.dates.end).days <= 31 else None
    fits = [m for m in meetings if not (m.dates and dates) and
            (m.mode == bare.mode or not (m.explicit_mode and bare.explicit_mode))]
    if not fits or not (dates or bare.explicit_mode):
        return
    target = min(fits, key=distance)
    target.dates = target.dates or dates
    if bare.explicit_mode and not target.explicit_mode:
        target.mode, target.explicit_mode = bare.mode, True


def _own_date(sent: Sentence, tok: Token) -> DateSpan | None:
    """The date of the meeting a trigger states, leaving out the dates a meeting is
    measured from ("the first meeting since 2019", "since her appointment last year")."""
    text = sent.span.text
    dates = [d for d in sent.dates if not _SINCE.search(text[max(0, d.start - 40):d.start])
             and not text[d.start:d.end].lower().startswith("since")]
    return dates_for(replace(sent, dates=dates), tok)


def _news_tense(tok: Token) -> bool:
    """Whether a trigger verb is in the present perfect or present ("has arrived",
    "meets"): news of the report's day, not history."""
    if tok.pos_ != "VERB":
        return False
    if tok.tag_ in ("VBZ", "VBP"):
        return True
    return tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have")
                                     for c in tok.children)


def _report_day(ctx: ArticleContext) -> DateSpan:
    """The date of a meeting the article does not date: a news report tells of a meeting
    on its publication day (the most frequent case in the annotated reports)."""
    return DateSpan(ctx.published, ctx.published, DatePrecision.DAY)
