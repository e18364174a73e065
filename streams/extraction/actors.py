"""Who acts in a sentence: people with roles and countries, states, armed forces and groups.

Countries are found by gazetteer look-up of token runs (names, demonyms; capitals only where
spaCy tagged a GPE), then classified by syntax as a *place* ("in Colombia") or an *actor*
("Armenia said", "talks with Japan"). People are spaCy PERSON entities; their role and country
come from the title words before the name ("U.S. Secretary of State Antony Blinken",
"Peru's defence minister") or an "of X" after it ("President X of Peru").
Forces are nouns of the armed-actor vocabulary below, with a demonym ("Somali troops"), a
possessive country, or an organisation ("Shining Path guerrillas") in front.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from streams.extraction import lexicon
from streams.extraction.context import ArticleContext, Person, Sentence, bare_name
from streams.extraction.dates import DateSpan

#: Nouns for state forces; with no country word they take the article's country.
STATE_FORCE_NOUNS = lexicon.words("actors", "state_forces")
#: Nouns for non-state armed actors: they take the country they fight in.
GROUP_NOUNS = lexicon.words("actors", "armed_groups")
#: Words that make any people armed actors ("armed men", "masked men").
ARMED_MODIFIERS = lexicon.words("actors", "armed_modifiers")
#: Who or what speaks for a force ("army spokesman", "police statement").
_VOICE_NOUNS = lexicon.words("actors", "voices")
SPEECH_LEMMAS = lexicon.words("actors", "speech_verbs")
#: Force nouns too generic to name an armed actor without a country word.
_GENERIC_FORCE_NOUNS = lexicon.words("actors", "generic_force_nouns")
PLACE_PREPS = lexicon.words("actors", "place_preps")
_TITLE_STOP_POS = {"VERB", "AUX", "CCONJ", "PUNCT", "SCONJ", "PRON", "DET", "NUM"}


def is_armed_group(tok: Token) -> bool:
    """Whether a noun names a non-state armed actor: a group noun ("militants"), or people
    said to be armed ("armed men", "unidentified men")."""
    return tok.lower_ in GROUP_NOUNS or tok.pos_ == "NOUN" and tok.lemma_ in ("man", "person") \
        and any(c.dep_ == "amod" and c.lower_ in ARMED_MODIFIERS for c in tok.children)


@dataclass
class CountryMention:
    """A country named in a sentence, by name, demonym or capital."""

    iso3: str
    start: int  # token index in the doc
    end: int
    text: str
    kind: str  # "name" | "demonym" | "capital"
    place: bool  # used as a location ("in Colombia"), not as an actor


@dataclass
class Force:
    """An armed actor: a state's forces or a non-state group."""

    name: str
    country: str | None
    state: bool
    head: int  # token index of the noun


def is_person(ent: Span, ctx: ArticleContext) -> bool:
    """A PERSON entity that is not a mis-tagged demonym or country ("Azerbaijani")."""
    return ent.label_ == "PERSON" and ctx.gaz.countries.resolve(ent.text) is None


def country_mentions(sent: Sentence, ctx: ArticleContext) -> list[CountryMention]:
    """Countries named in the sentence, longest match first, outside person names (found
    once per sentence; a copy of the list each time)."""
    if sent.countries is None:
        sent.countries = _find_country_mentions(sent, ctx)
    return list(sent.countries)


def _find_country_mentions(sent: Sentence, ctx: ArticleContext) -> list[CountryMention]:
    span = sent.span
    doc = span.doc
    gaz = ctx.gaz.countries
    out: list[CountryMention] = []
    i = span.start
    while i < span.end:
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.ent_type_ == "PERSON" and len(
                [e for e in span.ents if e.start <= i < e.end and is_person(e, ctx)]):
            i += 1
            continue
        for n in (3, 2, 1):
            j = min(i + n, span.end)
            text = doc[i:j].text
            iso3, kind = gaz.country(text), "name"
            if not iso3 and j - i == 1:
                iso3, kind = gaz.demonym(text), "demonym"
            if not iso3 and tok.ent_type_ == "GPE":
                iso3, kind = gaz.capital(text), "capital"
            if iso3:
                out.append(CountryMention(iso3, i, j, text, kind, _is_place(doc[j - 1])))
                i = j
                break
        else:
            i += 1
    return out


def _is_place(tok: Token) -> bool:
    """Whether a country word is used as a location rather than as an actor."""
    if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS:
        return True  # "in Colombia"; "clashes with Bolivia", "talks to Laos" name actors
    if tok.dep_ in ("compound", "amod") and tok.head.lower_ in ("capital", "city", "border",
                                                                 "region", "province"):
        return True
    return False


def speaker_tokens(sent: Sentence) -> set[int]:
    """Token indices of who says something in the sentence ("X said", "according to X")."""
    out: set[int] = set()
    for tok in sent.span:
        if tok.lemma_ in SPEECH_LEMMAS and tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    out.update(t.i for t in child.subtree)
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            for child in tok.nbor().children:
                out.update(t.i for t in child.subtree)
    return out


def reporter(sent: Sentence, skip: Callable[[Token], bool] | None = None) -> str | None:
    """Who the sentence cites as the source, as written ("Chad's defence ministry").

    Of two subjects the parser gives one verb, the one next to it speaks; a participle
    ("..., saying 13 soldiers died") speaks for the subject of the verb it hangs on; a
    speech verb for which `skip` holds is no report ("the war has claimed 500 lives")."""
    for tok in sent.span:
        if tok.lemma_ in SPEECH_LEMMAS and tok.pos_ == "VERB" and not (skip and skip(tok)):
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subjects and tok.dep_ in ("advcl", "xcomp", "conj"):
                subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
            for child in sorted(subjects, key=lambda c: abs(tok.i - c.i))[:1]:
                if child.pos_ != "PRON":
                    return _phrase(child)
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            for child in tok.nbor().children:
                return _phrase(child)
    return None


def _phrase(tok: Token) -> str:
    """The words a token heads, as written ("Army spokesman Colonel John Mwangi"),
    without a dateline the parser joined to them ("BAKU - Azerbaijan")."""
    start = tok.left_edge.i
    for t in tok.doc[start:tok.i]:
        if t.text in ("-", "\u2013", "\u2014") and all(
                w.is_upper or not w.is_alpha for w in tok.doc[start:t.i]):
            start = t.i + 1
    return tok.doc[start:tok.right_edge.i + 1].text.strip(" ,;:\"'\u201c\u201d")


def _full_name(ent: Span) -> Span:
    """The name a PERSON entity stands for: the small model cuts some names short ("Min
    Okonjo" of "Ngozi Okonjo Iweala"), so the entity extends over the proper nouns its last token
    is a compound of."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
            and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end \
            and doc[end].ent_type_ in ("", "PERSON"):
        end += 1
    return doc[ent.start:end]


def person_spans(sent: Sentence, ctx: ArticleContext) -> list[Span]:
    """The names of people in the sentence, as full as the parse tells, and the family
    names of people named before that the model tagged as something else."""
    out = [_full_name(ent) for ent in sent.span.ents if is_person(ent, ctx)]
    taken = {i for s in out for i in range(s.start, s.end)}
    doc = sent.span.doc
    for tok in sent.span:
        if tok.i not in taken and tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON" \
                and tok.text[:1].isupper() and not ctx.gaz.countries.resolve(tok.text) \
                and ctx.person(tok.text) is not None:
            out.append(doc[tok.i:tok.i + 1])
    return out


def register_people(ctx: ArticleContext) -> None:
    """Adds every full name of the article to `ctx.people`, with role and country: a
    title stated at any mention counts for all mentions of the person."""
    for sent in ctx.sentences:
        for ent in person_spans(sent, ctx):
            if len(bare_name(ent.text).split()) < 2:
                continue  # "Mrs Dubois": a later mention of a full name
            role, country, international = _title(ent, sent, ctx)
            known = ctx.people.setdefault(ent.text, Person(ent.text))
            _learn(known, role, country, international)


def _learn(person: Person, role: str | None, country: str | None, international: bool) -> None:
    person.role = person.role or role
    person.international = person.international or international
    person.country = None if person.international else person.country or country


def people_in(sent: Sentence, ctx: ArticleContext) -> list[tuple[Person, Span]]:
    """The people named in the sentence, resolved to their full names where known."""
    out = []
    for ent in person_spans(sent, ctx):
        role, country, international = _title(ent, sent, ctx)
        person = ctx.person(ent.text) or Person(ent.text)
        if person.name not in ctx.people:
            ctx.people[person.name] = person
        _learn(person, role, country, international)
        out.append((person, ent))
    return out


_TITLES = lexicon.words("people", "titles")
_BODIES = lexicon.words("people", "international_bodies")


def _words_before(ent: Span, sent: Sentence, ctx: ArticleContext) -> list[Token]:
    """The title words right before a name ("Kenya's President", "UN Envoy")."""
    doc = ent.doc
    i = ent.start - 1
    words: list[Token] = []
    while i >= sent.span.start and len(words) < 8:
        tok = doc[i]
        if tok.pos_ in _TITLE_STOP_POS and tok.lower_ not in ("'s", "\u2019s") \
                or (tok.ent_type_ == "PERSON" and not ctx.gaz.countries.resolve(tok.text)) \
                or (tok.pos_ == "ADP" and tok.lower_ != "of"):
            break
        words.insert(0, tok)
        i -= 1
    while words and words[0].lower_ == "of":
        words.pop(0)
    return words


def _apposition(ent: Span) -> list[Token]:
    """The words of a title set off by commas ("X, Peru's foreign minister,"; "the leader
    of the movement, X"), without relative clauses; only a phrase with a title noun counts
    ("X, a staunch ally of Y" says nothing of X's country)."""
    root = ent.root
    phrase: list[Token] = []
    if root.dep_ == "appos" and root.head.ent_type_ != "PERSON":
        head = root.head
        while head.dep_ == "pobj" and head.head.dep_ == "prep":  # "the envoy for X, Y"
            head = head.head.head
        phrase = [t for t in head.subtree if t.i < ent.start]
    else:
        child = next((c for c in root.children if c.dep_ == "appos" and c.ent_type_ != "PERSON"),
                     None)
        if child is not None:
            skip = {t.i for c in child.children if c.dep_ in ("relcl", "acl")
                    for t in c.subtree}
            phrase = [t for t in child.subtree if t.i not in skip]
    phrase = [t for t in phrase if t.pos_ not in ("PUNCT", "DET")]
    if not any(t.lower_ in _TITLES or t.lemma_.lower() in _TITLES for t in phrase):
        return []
    return phrase


def _international(words: list[Token]) -> bool:
    """Whether a title names an international body ("UN envoy", "AU High Representative")."""
    text = " " + " ".join(t.lower_ for t in words) + " "
    for body in _BODIES:
        if " " in body or "." in body or len(body) > 5:
            if f" {body} " in text:
                return True
        elif any(t.text == body.upper() for t in words):
            return True
    return False


def title_tokens(ent: Span, sent: Sentence, ctx: ArticleContext) -> set[int]:
    """The token indices of a person's title ("UN envoy for Libya", "X, Peru's minister"):
    the countries there are the person's, or their remit, not parties of their own."""
    return {t.i for t in _words_before(ent, sent, ctx) + _apposition(ent)}


def names_international_body(name: Span | str) -> bool:
    """Whether a name is an international body ("the UN", "African Union")."""
    if isinstance(name, str):
        bare = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
        return bare.lower() in _BODIES and (bare.isupper() or " " in bare or len(bare) > 5)
    return _international([t for t in name if t.pos_ != "DET"])


def _title(ent: Span, sent: Sentence, ctx: ArticleContext
           ) -> tuple[str | None, str | None, bool]:
    """Role, country and whether the person serves an international body, from the words
    framing a name: the title before it, an "of X" after it, else an apposition. A country
    that qualifies the title ("Kenya's ambassador to the UN") makes it national; an
    international body without one ("UN envoy for Yemen") leaves the person no country."""
    doc = ent.doc
    gaz = ctx.gaz.countries
    before = _words_before(ent, sent, ctx)
    country = _country_in(before, ctx)
    j = ent.end
    if country is None and j + 1 < sent.span.end and doc[j].lower_ == "of":
        country = gaz.country(doc[j + 1].text) or gaz.country(doc[j + 1:j + 3].text)
    role = _role(before, ctx)
    if _international(before) and not _national(before, ctx):
        return role, None, True
    if country is None and not before:
        appos = _apposition(ent)
        role = _role(appos, ctx)
        if _international(appos) and not _national(appos, ctx):
            return role, None, True
        country = _country_in(appos, ctx)
    return role, country, False


def _national(words: list[Token], ctx: ArticleContext) -> bool:
    """Whether a country qualifies the title ("Kenya's", "Kenyan", "the Kenyan UN envoy")
    rather than being its remit ("envoy for Kenya")."""
    return _country_in([t for t in words if t.dep_ in ("poss", "amod", "compound", "nmod")
                        and not (t.head.dep_ == "pobj")], ctx) is not None


def _country_in(words: list[Token], ctx: ArticleContext) -> str | None:
    """The first country a title names, two-word names first ("North Korean leader")."""
    gaz = ctx.gaz.countries
    for k, tok in enumerate(words):
        if k + 1 < len(words) and words[k + 1].i == tok.i + 1:
            pair = f"{tok.text} {words[k + 1].text}"
            iso3 = gaz.country(pair) or gaz.demonym(pair)
            if iso3:
                return iso3
        iso3 = gaz.country(tok.text) or gaz.demonym(tok.text) or (
            gaz.capital(tok.text) if tok.ent_type_ == "GPE" else None)
        if iso3:
            return iso3
    return None


def _role(words: list[Token], ctx: ArticleContext) -> str | None:
    """The title words that are not a country ("Foreign Minister" of "Peru's Foreign
    Minister")."""
    role_words = [t.text for t in words
                  if not ctx.gaz.countries.resolve(t.text, capitals=t.ent_type_ == "GPE")
                  and t.lower_ not in ("'s", "\u2019s", "mr", "mrs", "ms", "dr")]
    role = " ".join(role_words).strip() or None
    if role and not any(w[:1].isalpha() for w in role):
        return None
    return role


def forces_in(sent: Sentence, ctx: ArticleContext, mentions: list[CountryMention],
              within: set[int] | None = None) -> list[Force]:
    """Armed actors named in the sentence (or the token set `within`), with their country
    where it can be told; a non-state group's country is left to the caller."""
    doc = sent.span.doc
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out: list[Force] = []
    for tok in sent.span:
        low = tok.lower_
        if within is not None and tok.i not in within:
            continue
        if tok.pos_ not in ("NOUN", "PROPN") or (low not in STATE_FORCE_NOUNS
                                                   and not is_armed_group(tok)):
            continue
        if tok.dep_ == "compound" and tok.head.lower_ in _VOICE_NOUNS:
            continue  # "police commissioner", "army spokesman": who speaks, not who fights
        if low in _GENERIC_FORCE_NOUNS and not any(
                c.i in by_token for c in tok.children):
            continue  # too generic without a country word
        mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "poss", "nmod")]
        if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":  # "a Somali army base"
            mods += [c for c in tok.head.lefts if c.i < tok.i and c.dep_ in ("amod", "poss")]
        country = None
        org = None
        for m in mods:
            for t in m.subtree:
                if t.i in by_token:
                    country = country or by_token[t.i].iso3
                elif t.ent_type_ in ("ORG", "NORP", "PERSON") and t.pos_ == "PROPN":
                    org = True
        if country is None and any(m.lower_ in ("its", "our") for m in mods):
            country = next((m.iso3 for m in mentions if not m.place and
                            doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")), None)
        # "Boko Haram militia" is a group; "Kenya Defence Forces" are a state's, for its name
        state = low in STATE_FORCE_NOUNS and (not org or country is not None)
        first = min([tok.i] + [t.i for m in mods for t in m.subtree])
        name = doc[first:tok.i + 1].text
        out.append(Force(name, country, state, tok.i))
    return out


def dates_for(sent: Sentence, trigger: Token) -> DateSpan | None:
    """The date of the event a trigger word states: one attached to the trigger or its verb
    in the parse, else one of a clause describing the fight ("fought a war starting in 1998",
    "the revolt, which began in 2009"), else a date of the sentence that belongs to no other
    verb."""
    doc = sent.span.doc
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    # a date on the verb that reports the event ("said late Sunday") is when it was told
    anchors = {trigger.i, verb.i} | (
        set() if trigger.head.lemma_ in SPEECH_LEMMAS else {trigger.head.i})
    described = {trigger.i} | {c.i for c in verb.children if c.dep_ == "dobj"}
    describing = loose = None
    for d in sent.dates:
        char = sent.span.start_char + d.start
        span = doc.char_span(char, char + (d.end - d.start), alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and tok.i not in anchors:
            tok = tok.head
        if tok.i in anchors:
            return d.span
        if tok.lemma_ in SPEECH_LEMMAS:
            continue
        if describing is None and (tok.dep_ in ("acl", "relcl") and tok.head.i in described or
                                   tok.dep_ == "advcl" and tok.head.i == verb.i and
                                   not any(c.dep_ == "mark" for c in tok.children)):
            describing = d.span
        if loose is None and tok.dep_ in ("ROOT", "conj"):
            loose = d.span
    return describing or loose
