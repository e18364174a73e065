"""Visits: an official's trip to another country is a meeting of the visitor with the host.

"X visited Kenya", "X toured South Africa on Tuesday and Nigeria on Wednesday", "X arrived in
Nairobi for a state visit", "X paid a working visit to Nepal", "the minister's visit to
Tokyo": the visitor is the subject (or the possessive, or "a visit by X"), the host is the
country or city the trip goes to. A trip to several countries is one meeting per country,
each with the day written after it.
"""
from __future__ import annotations

from spacy.tokens import Token

from streams.extraction import lexicon
from streams.extraction.actors import country_mentions
from streams.extraction.context import ArticleContext, Sentence
from streams.extraction.dates import DateSpan

VISIT_VERBS = lexicon.words("meeting", "visit_verbs")
#: Verbs of a trip that are a visit only with where it goes: verb -> its prepositions.
_TRAVEL_VERBS = {v: lexicon.words("meeting", f"travel_{v}") for v in
                 lexicon.words("meeting", "travel_verbs")}
_DESTINATION_PREPS = lexicon.words("meeting", "destination_preps")
#: Clauses inside a visit that are about something else ("arrived in X to mediate a truce
#: between A and B", "toured X after talks in Y").
_OTHER_CLAUSES = ("xcomp", "advcl", "ccomp", "relcl", "acl")


def is_visit(tok: Token) -> bool:
    """Whether a token is a visit trigger: a visit verb, a travel verb with its
    destination ("arrived in X", "flew to X"), or the noun "visit"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma in _TRAVEL_VERBS:
        return any(c.dep_ == "prep" and c.lower_ in _TRAVEL_VERBS[lemma] for c in tok.children)
    if tok.pos_ == "VERB":
        return lemma in VISIT_VERBS
    return tok.pos_ == "NOUN" and lemma in VISIT_VERBS


def visitor_tokens(tok: Token) -> set[int]:
    """The tokens naming who travels: the verb's subject; for the noun, its possessive, "a
    visit by X", or the subject of the verb it depends on ("X paid a visit", "X, who is on a
    visit to Japan")."""
    out: set[int] = set()
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by"):
                out |= {t.i for t in c.subtree}
        if out:
            return out
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        tok = verb
    while True:
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            if subj[0].lower_ in ("who", "that") and tok.dep_ == "relcl":
                return {tok.head.i} | {t.i for c in tok.head.children if c.dep_ == "compound"
                                       for t in c.subtree}
            return {t.i for s in subj for t in s.subtree}
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ in ("acl", "relcl"):  # "the only prime minister to have visited Kenya"
            return {t.i for t in tok.head.subtree} - {t.i for t in tok.subtree}
        else:
            return out


def _search(tok: Token) -> list[Token]:
    """Where a visit's destinations are written: the verb's objects and "to/in" phrases, or
    the noun's "to" phrase, without the clauses about something else."""
    if tok.pos_ == "NOUN":
        roots = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _DESTINATION_PREPS]
    else:
        roots = [c for c in tok.children if c.dep_ in ("dobj", "npadvmod") or
                 (c.dep_ == "prep" and c.lower_ in _DESTINATION_PREPS | {"on"})]
    out: list[Token] = []
    for root in roots:
        skip = {u.i for t in root.subtree if t.dep_ in _OTHER_CLAUSES for u in t.subtree}
        out += [t for t in root.subtree if t.i not in skip]
    return sorted(out, key=lambda t: t.i)


def destinations(tok: Token, sent: Sentence, ctx: ArticleContext) -> list[tuple[str, int]]:
    """The host countries of a visit with the token where each is named: country names and
    capitals, and cities resolved to their country (demonyms are not destinations: "visited
    British troops")."""
    ids = {t.i for t in _search(tok)}
    out: list[tuple[str, int]] = []
    taken: set[int] = set()
    for m in country_mentions(sent, ctx):
        if m.start in ids and m.kind != "demonym":
            out.append((m.iso3, m.start))
            taken |= set(range(m.start, m.end))
    for ent in sent.span.ents:
        if ent.label_ == "GPE" and ent.start in ids and ent.start not in taken:
            loc = ctx.gaz.places.city(ent.text, ctx.salient())
            if loc and loc.country:
                out.append((loc.country, ent.start))
                taken.add(ent.start)
    for i in ids - taken:  # "to the capital Yerevan", the name mis-tagged as a person
        tok = sent.span.doc[i]
        iso3 = ctx.gaz.countries.capital(tok.text) if tok.pos_ == "PROPN" else None
        if iso3:
            out.append((iso3, i))
    seen: set[str] = set()
    unique = []
    for iso3, i in sorted(out, key=lambda x: x[1]):
        if iso3 not in seen:
            seen.add(iso3)
            unique.append((iso3, i))
    return unique


def destination_dates(hosts: list[tuple[str, int]], sent: Sentence
                      ) -> list[DateSpan | None] | None:
    """Each destination's own day in "toured A on Tuesday and B on Wednesday": the first date
    written after it and before the next destination; None where the sentence does not give
    every destination a date of its own."""
    if len(hosts) < 2:
        return None
    doc = sent.span.doc
    offsets = [doc[i].idx - sent.span.start_char for _, i in hosts] + [len(sent.span.text)]
    out: list[DateSpan | None] = []
    for k in range(len(hosts)):
        own = [d.span for d in sent.dates if offsets[k] <= d.start < offsets[k + 1]]
        out.append(own[0] if own else None)
    return out if all(out) else None
