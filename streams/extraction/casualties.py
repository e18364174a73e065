"""Casualty reports: the figures of the article grouped into reporting acts.

Each sentence's figures (read by `figures.counts_in`) are grouped by party; one event is made
per sentence and party, with the reporter the sentence names or the one named just before
("... the army said. Three others were wounded."). A figure already reported earlier in the
article (same outcome and count, no contradicting party or category) is not repeated.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from schemas import Category, Figure, Party
from streams.extraction.actors import reporter
from streams.extraction.context import ArticleContext, Sentence
from streams.extraction import lexicon
from streams.extraction.figures import ArticleMemory, Count, counts_in, outcome_of

_CLAIM_VERBS = lexicon.words("casualty", "claim_verbs")


@dataclass
class Report:
    """The figures one sentence reports for one party."""

    sentence: Sentence
    party: str | None
    reported_by: str | None
    figures: list[Figure]


def _repeats(memory: ArticleMemory, c: Count) -> bool:
    """Whether the article already gave this figure: same outcome and count, and neither
    party nor category contradicts ("people" may repeat "civilians"); an armed group's men
    and a state's forces are different people even of equal number."""
    for outcome, value, party, category, was_group in memory.figures:
        if outcome != c.outcome or value != c.value:
            continue
        if party is not None and c.party is not None and party != c.party:
            continue
        if category == c.category == Category.MILITARY and was_group != c.group:
            continue
        if category == c.category or Category.UNKNOWN in (category, c.category):
            return True
    return False


def _claims_lives(verb: Token) -> bool:
    """Whether a verb that can report ("claim") here takes lives ("claimed 500 lives")."""
    return verb.lemma_ in _CLAIM_VERBS and any(
        c.dep_ == "dobj" and outcome_of(c) for c in verb.children)


def _source(sent: Sentence, ctx: ArticleContext, memory: ArticleMemory) -> str | None:
    """Who reports the sentence's figures: its own reporter (a surname as the full name the
    article gave before), else the one named in the sentence just before ("... the army
    said. Three others were wounded.")."""
    own = reporter(sent, skip=_claims_lives)
    person = ctx.person(own) if own else None
    if person is not None:
        own = person.name
    if own:
        memory.reporter, memory.reporter_sentence = own, sent.index
        return own
    if sent.index - memory.reporter_sentence <= 1:
        memory.reporter_sentence = sent.index
        return memory.reporter
    return None


def find_reports(ctx: ArticleContext) -> list[Report]:
    """Casualty reports of the article, each figure stated once."""
    memory = ArticleMemory()
    reports: list[Report] = []
    for sent in ctx.sentences:
        by_party: dict[str | None, list[Figure]] = {}
        counts = counts_in(sent, ctx, memory)
        for c in counts:
            if _repeats(memory, c):
                continue
            memory.figures.append((c.outcome, c.value, c.party, c.category, c.group))
            by_party.setdefault(c.party, []).append(
                Figure(outcome=c.outcome, category=c.category, count=c.value,
                       qualifier=c.qualifier))
        if counts:
            memory.category, memory.party = counts[-1].category, counts[-1].party
        source = _source(sent, ctx, memory) if by_party else None
        for party, figures in by_party.items():
            reports.append(Report(sent, party, source, figures))
    return reports


def party_of(iso3: str | None, ctx: ArticleContext) -> Party | None:
    """A `Party` for a country code."""
    return Party(name=ctx.gaz.countries.name_of(iso3), country=iso3) if iso3 else None
