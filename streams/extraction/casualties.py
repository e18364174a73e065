"""Casualty figures: "Three civilians were killed", "killed at least 57 people", "207 of its
soldiers were either killed or went missing", "a border dispute that has claimed six lives".

Each number that counts people is tied by the dependency parse to what happened to them (the
verb or participle governing the counted noun, or the noun itself: "deaths", "casualties"),
to who they are (the noun: soldiers -> military, civilians -> civilian, people -> unknown;
"others" and bare numbers take the category of the noun counted before them) and to whose
they are (a demonym or possessive on the noun, the country that "suffered" them, else the
country the article is about). One event is made per sentence and party; a figure already
reported earlier in the article (same outcome and count) is not repeated.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from schemas import Category, Figure, Outcome, Party, Qualifier
from streams.extraction.actors import GROUP_NOUNS, CountryMention, country_mentions, reporter
from streams.extraction import lexicon
from streams.extraction.context import ArticleContext, Sentence
from streams.extraction.numbers import WORD_VALUES, parse_number, qualifier_before

_PERSONS = lexicon.person_words()
MILITARY_NOUNS = GROUP_NOUNS | _PERSONS["military"]
CIVILIAN_NOUNS = _PERSONS["civilian"]
UNKNOWN_NOUNS = _PERSONS["unknown"]
_OUTCOME_WORDS: dict[str, Outcome] = {w: Outcome(o) for w, o in lexicon.outcome_words().items()}
_LOSS_VERBS = lexicon.words("casualty", "loss_verbs")
_CLAIM_VERBS = lexicon.words("casualty", "claim_verbs")
_NON_PERSON_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}


@dataclass
class Count:
    """One number of people and what the sentence says about them."""

    value: int
    qualifier: Qualifier
    outcome: Outcome
    category: Category
    party: str | None
    token: int


def _outcome_of(tok: Token) -> Outcome | None:
    return _OUTCOME_WORDS.get(tok.lower_) or _OUTCOME_WORDS.get(tok.lemma_.lower())


def _number_at(tok: Token) -> int | None:
    """The number a token states ("293", "three", "a"), unless it is a date, money, etc."""
    if tok.ent_type_ in _NON_PERSON_ENTS or not (tok.like_num or tok.lower_ in WORD_VALUES):
        return None
    return parse_number(tok.text)


def _verb_outcome(noun: Token) -> Outcome | None:
    """What happened to the counted people: their verb, its coordinated verbs, or an
    outcome participle/adjective attached to the noun."""
    for child in noun.children:
        if child.dep_ in ("amod", "acl", "oprd", "acomp", "advcl", "relcl") or child.i > noun.i:
            o = _outcome_of(child)
            if o and child.dep_ != "relcl":
                return o
    if noun.i + 1 < len(noun.doc):
        o = _outcome_of(noun.nbor())
        if o and noun.nbor().pos_ in ("VERB", "ADJ"):
            return o
    head = noun
    for _ in range(3):
        if head.dep_ == "conj" or head.dep_ in ("appos", "pobj", "prep"):
            head = head.head
            continue
        break
    if head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") or head.i == noun.i:
        verb = head.head
        outcomes = []
        for v in [verb] + [c for c in verb.children if c.dep_ in ("conj", "xcomp", "acomp",
                                                                    "oprd")]:
            o = _outcome_of(v)
            if o is None and v.pos_ in ("VERB", "AUX"):
                o = next((_outcome_of(c) for c in v.children
                          if c.dep_ in ("acomp", "oprd", "xcomp", "advcl") and _outcome_of(c)),
                         None)
            if o:
                outcomes.append(o)
        if Outcome.KILLED in outcomes and Outcome.MISSING in outcomes:
            return Outcome.KILLED_OR_MISSING
        if outcomes:
            return outcomes[0]
        if verb.lemma_ in _CLAIM_VERBS and noun.lower_ in ("lives", "life"):
            return Outcome.KILLED
    return None


def _category(noun: Token, previous: Category | None) -> Category:
    low = noun.lower_
    if low in MILITARY_NOUNS or any(c.lower_ == "police" for c in noun.lefts):
        return Category.MILITARY
    if low in CIVILIAN_NOUNS:
        return Category.CIVILIAN
    if low in ("others", "other", "more") or noun.like_num:
        return previous or Category.UNKNOWN
    return Category.UNKNOWN


def _party(noun: Token, sent: Sentence, ctx: ArticleContext,
           mentions: list[CountryMention]) -> str | None:
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    for t in noun.subtree:
        if t.i in by_token and t.i < noun.i + 1:
            return by_token[t.i].iso3
        if t.lower_ in ("its", "their", "our") and t.head == noun:
            break
    head = noun.head
    if head.lemma_ in _LOSS_VERBS:
        for c in head.children:
            if c.dep_ == "nsubj" and c.i in by_token:
                return by_token[c.i].iso3
    speaker_countries = [m.iso3 for m in mentions if not m.place]
    places = [m.iso3 for m in mentions if m.place]
    if any(t.lower_ in ("its", "our") for t in noun.subtree) and speaker_countries:
        return speaker_countries[0]
    if places:
        return places[0]
    victims = [m.iso3 for m in mentions
               if not m.place and ctx.gaz.countries.demonym(m.text) is None]
    return victims[0] if victims else ctx.dominant()


def counts_in(sent: Sentence, ctx: ArticleContext) -> list[Count]:
    """Every casualty count the sentence states."""
    mentions = country_mentions(sent, ctx)
    out: list[Count] = []
    previous: Category | None = None
    for tok in sent.span:
        value = _number_at(tok)
        if value is None:
            continue
        if tok.i + 1 < sent.span.end and tok.nbor().like_num:
            continue  # part of a longer number; the last token carries it
        noun = tok.head if tok.dep_ == "nummod" else tok
        if tok.lower_ in ("a", "an") and not (noun.lower_ in MILITARY_NOUNS | CIVILIAN_NOUNS
                                             and tok.dep_ == "det"
                                             and noun.dep_ in ("nsubjpass", "nsubj")):
            continue
        if tok.lower_ in ("a", "an"):
            noun = tok.head
        for child in tok.children:  # "one of their attackers", "207 of its soldiers"
            if child.dep_ == "prep" and child.lower_ == "of":
                noun = next((c for c in child.children if c.dep_ == "pobj"), noun)
        low = noun.lower_
        personal = (low in MILITARY_NOUNS or low in CIVILIAN_NOUNS or low in UNKNOWN_NOUNS
                    or noun.i == tok.i)
        if not personal:
            continue
        outcome = _outcome_of(noun) if noun.i != tok.i else None
        if low == "casualties":
            outcome = Outcome.KILLED_OR_WOUNDED
        outcome = _verb_outcome(noun) if outcome in (None, Outcome.KILLED_OR_WOUNDED) and \
            low != "casualties" else outcome
        if outcome is None and noun.i == tok.i:
            nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
            outcome = _outcome_of(nxt) if nxt is not None else None
        if outcome is None:
            continue
        prefix = sent.span.doc[sent.span.start:tok.i].text[-40:] + " "
        category = _category(noun, previous)
        previous = category
        out.append(Count(value, qualifier_before(prefix), outcome, category,
                         _party(noun, sent, ctx, mentions), tok.i))
    return out


@dataclass
class Report:
    """The figures one sentence reports for one party."""

    sentence: Sentence
    party: str | None
    reported_by: str | None
    figures: list[Figure]


def find_reports(ctx: ArticleContext) -> list[Report]:
    """Casualty reports of the article, each figure stated once."""
    seen: set[tuple[Outcome, int]] = set()
    reports: list[Report] = []
    for sent in ctx.sentences:
        by_party: dict[str | None, list[Figure]] = {}
        for c in counts_in(sent, ctx):
            key = (c.outcome, c.value)
            if key in seen:
                continue
            seen.add(key)
            by_party.setdefault(c.party, []).append(
                Figure(outcome=c.outcome, category=c.category, count=c.value,
                       qualifier=c.qualifier))
        source = reporter(sent) if by_party else None
        for party, figures in by_party.items():
            reports.append(Report(sent, party, source, figures))
    return reports


def party_of(iso3: str | None, ctx: ArticleContext) -> Party | None:
    """A `Party` for a country code."""
    return Party(name=ctx.gaz.countries.name_of(iso3), country=iso3) if iso3 else None
