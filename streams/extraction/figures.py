"""Casualty figures in one sentence: the reader that casualty reports and a clash's
fatalities share.

Casualty figures: "Three civilians were killed", "killed at least 57 people", "207 of its
soldiers were either killed or went missing", "a border dispute that has claimed six lives".

Each number that counts people is tied by the dependency parse to what happened to them (the
verb or participle governing the counted noun, or the noun itself: "deaths", "casualties"),
to who they are (the noun: soldiers -> military, civilians -> civilian, people -> unknown;
"others" and bare numbers take the category of the noun counted before them) and to whose
they are. Figures far from their outcome word are read through the structures news English
puts between them: a tally ("the death toll rose to 30", "bringing the number of missing to
12"), a breakdown of a total ("40 killed, including 25 fighters", "among the dead, 12 were
children", "12 of the dead were women", "11 of them children"), an ellipsis ("ten
soldiers were killed, four in the north") and a loss ("lost their lives", "sustained
wounds"). Numbers that count no losses (ages, "two-day", people released or swapped, the
killers of "two gunmen killed five soldiers") are left out.

The party is a country on the counted noun ("Chadian troops", "18 Nigerians"), the side
the count is put on, the total it is part of, the country that lost them, the place, a
country of the sentence that is not the attacker ("Ethiopian strikes killed three"), else the
party of the article's count before or the country the article is about; an armed group's
men count for the country they fight in. """
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from schemas import Category, Outcome, Qualifier
from streams.extraction.actors import (
    GROUP_NOUNS,
    STATE_FORCE_NOUNS,
    CountryMention,
    country_mentions,
    SPEECH_LEMMAS,
    speaker_tokens,
)
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
_TALLY_NOUNS = lexicon.words("casualty", "tally_nouns")
_LIST_WORDS = lexicon.words("casualty", "list_words")
_PARTITIVE_NOUNS = lexicon.words("casualty", "partitive_nouns")
_SIDE_NOUNS = lexicon.words("casualty", "side_nouns")
_SHARED_PLACE_NOUNS = lexicon.words("casualty", "shared_place_nouns")
_RELEASE_VERBS = lexicon.words("casualty", "release_verbs")
_ATTACK_WORDS = lexicon.words("clash", "triggers") | lexicon.words("clash", "air_modifiers")
_NON_PERSON_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
#: Determiners that count one person ("a soldier was killed", "wounded another", "the base
#: commander was injured") where the noun is singular.
_ONE_DETS = {"a", "an", "another", "one", "the"}
#: Number words that multiply what comes before them ("a dozen", "two hundred").
_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
#: Tens that a hyphen joins to a unit ("twenty-five").
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
#: Prepositions that put a value on a tally ("rose to 30", "stood at 12", "above 30").
_TALLY_PREPS = {"to", "at", "above", "over", "past", "of", "beyond", "around"}


@dataclass
class Count:
    """One number of people and what the sentence says about them."""

    value: int
    qualifier: Qualifier
    outcome: Outcome
    category: Category
    party: str | None
    token: int
    noun: int = -1  # token index of the counted noun (the number itself when bare)
    #: Counts an armed group's men ("eight rebels"): never the same people as a state's
    #: losses ("eight soldiers") of equal number.
    group: bool = False


@dataclass
class ArticleMemory:
    """What earlier sentences of the article counted: elliptical counts ("three others")
    and unmarked ones take their category and party from here."""

    category: Category | None = None
    party: str | None = None
    reporter: str | None = None
    reporter_sentence: int = -10
    figures: list[tuple[Outcome, int, str | None, Category, bool]] = field(
        default_factory=list)


def outcome_of(tok: Token) -> Outcome | None:
    return _OUTCOME_WORDS.get(tok.lower_) or _OUTCOME_WORDS.get(tok.lemma_.lower())


def _number_at(tok: Token) -> tuple[int, int] | None:
    """The number a token ends (value, index of its first token): "293", "three", "a dozen",
    "1,200", "twenty-five", "one hundred and twenty", unless it is a date, money, etc., or
    the number goes on after it."""
    if tok.ent_type_ in _NON_PERSON_ENTS or not (_is_number_word(tok)
                                                 or tok.lower_ in _ONE_DETS):
        return None
    doc = tok.doc
    if _continues(tok):
        return None  # the last token of a longer number carries it
    start = tok.i
    while True:
        if start >= 1 and _continues(doc[start - 1]):
            start -= 1
        elif start >= 2 and doc[start - 1].lower_ in ("-", "\u2013", "and") and _continues(
                doc[start - 2]):
            start -= 2
        else:
            break
    if tok.lower_ == "dozen":  # not a number word of parse_number: "dozens" is vague
        if start == tok.i:
            return None
        before = parse_number(doc[start:tok.i].text)
        return (_MULTIPLIERS["dozen"] * before, start) if before else None
    if tok.lower_ in _MULTIPLIERS and start == tok.i:
        return None  # "hundred" alone is no count
    value = 1 if tok.lower_ in _ONE_DETS and start == tok.i else parse_number(
        doc[start:tok.i + 1].text)
    return (value, start) if value is not None else None


def _is_number_word(tok: Token) -> bool:
    return tok.like_num or tok.lower_ in WORD_VALUES or tok.lower_ in _MULTIPLIERS


def _continues(tok: Token) -> bool:
    """Whether a number goes on after this token: "3 | million", "a | dozen", "twenty | -
    five", "one hundred | and twenty"."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or not (_is_number_word(tok) or tok.lower_ in _ONE_DETS):
        return False
    after = doc[tok.i + 1]
    if after.lower_ in _MULTIPLIERS:
        return True
    if after.like_num and (tok.like_num or tok.lower_ in WORD_VALUES
                           and tok.lower_ not in _ONE_DETS):
        return True
    if tok.i + 2 >= len(doc) or not doc[tok.i + 2].is_alpha:
        return False
    nxt = doc[tok.i + 2].lower_
    if after.text in ("-", "\u2013") and tok.lower_ in _TENS and nxt in WORD_VALUES:
        return True
    return after.lower_ == "and" and tok.lower_ in _MULTIPLIERS and nxt in WORD_VALUES


def _nationals(tok: Token, ctx: ArticleContext) -> str | None:
    """The country of a plural demonym used as a noun ("18 Nigerians", "Somalis")."""
    if tok.pos_ not in ("PROPN", "NOUN") or not tok.text[:1].isupper():
        return None
    text = tok.text[:-1] if tok.text.endswith("s") else tok.text
    return ctx.gaz.countries.demonym(text)


def _is_person_noun(noun: Token, ctx: ArticleContext) -> bool:
    low = noun.lower_
    return (low in MILITARY_NOUNS or low in CIVILIAN_NOUNS or low in UNKNOWN_NOUNS
            or _nationals(noun, ctx) is not None)


def _is_argument(noun: Token) -> bool:
    """Whether a singular noun is itself a participant ("a soldier was killed", "killing a
    rebel and 12 others", "the death of a medic"), not a modifier ("members of a family")."""
    while noun.dep_ == "conj":
        noun = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ in _LIST_WORDS:
        return True  # "injured 25, among them a doctor"
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and outcome_of(noun.head.head) \
        is not None


def _counted_noun(tok: Token, start: int) -> Token:
    """The noun a number counts: the noun it (or a word of it: "one hundred and twenty")
    modifies, the noun of its "of" phrase ("207 of its soldiers"), else the number itself
    (bare: "two were killed")."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    for word in reversed(tok.doc[start:tok.i + 1]):
        if word.dep_ in ("nummod", "det") and not start <= word.head.i <= tok.i:
            return word.head
    return tok


def _verb_outcome(noun: Token) -> Outcome | None:
    """What happened to the counted people: their verb, its coordinated verbs, or an
    outcome participle/adjective attached to the noun."""
    for child in noun.children:
        if child.dep_ == "relcl":
            continue  # the noun's own verb comes first ("troops who were wounded ... later died")
        if child.dep_ in ("amod", "acl", "oprd", "acomp", "advcl") or child.i > noun.i:
            o = outcome_of(child)
            if o and child.dep_ != "prep":
                return o
    if noun.i + 1 < len(noun.doc) and not _is_doer(noun, noun.nbor()):
        o = outcome_of(noun.nbor())
        if o and noun.nbor().pos_ in ("VERB", "ADJ"):
            return _either([o] + [outcome_of(c) for c in noun.nbor().children
                                  if c.dep_ == "conj" and outcome_of(c)])
    head = noun
    for _ in range(3):
        if head.dep_ == "conj" or head.dep_ in ("appos", "pobj", "prep"):
            head = head.head
            continue
        break
    verb = None
    if head.i != noun.i and head.pos_ in ("VERB", "AUX"):
        verb = head  # "up to 30 of the insurgents", misparsed onto the verb
    elif head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") or head.i == noun.i:
        verb = head.head
    if verb is not None and verb.dep_ in ("aux", "auxpass"):
        verb = verb.head  # a subject misparsed onto "were" of "were missing"
    if verb is not None and _is_doer(head, verb):
        verb = None  # "two gunmen killed five soldiers": the gunmen are the killers
    if verb is not None:
        outcomes = []
        said = [c for c in verb.children if c.dep_ in ("conj", "xcomp", "acomp", "oprd")
                and not _has_own_arguments(c)]
        said += [d for c in said if c.dep_ in ("acomp", "oprd") for d in c.children
                 if d.dep_ == "conj" and outcome_of(d)]  # "dead or missing", not "feared dead"
        for v in [verb] + said:
            o = outcome_of(v)
            if o is None and v.pos_ in ("VERB", "AUX"):
                o = next((outcome_of(c) for c in v.children
                          if c.dep_ in ("acomp", "oprd", "xcomp", "advcl") and outcome_of(c)),
                         None)
            if o:
                outcomes.append(o)
        if outcomes:
            return _either(outcomes)
        if verb.lemma_ in _CLAIM_VERBS and noun.lower_ in ("lives", "life"):
            return Outcome.KILLED
        if verb.lemma_ == "be" and head.dep_ == "nsubj":
            among = _among_outcome(verb)
            if among:
                return among
        if verb.lemma_ in _LOSS_VERBS:
            return _loss_outcome(verb, noun, head)
        if verb.lemma_ in SPEECH_LEMMAS:
            return _speech_complement(verb)
    return next((o for c in noun.children if c.dep_ == "relcl"
                 for o in [_relative_outcome(c)] if o), None)


def _either(outcomes: list[Outcome]) -> Outcome:
    """One outcome for coordinated ones: "killed or missing", "dead or injured" (casualties),
    else the first."""
    if Outcome.KILLED in outcomes and Outcome.MISSING in outcomes:
        return Outcome.KILLED_OR_MISSING
    if Outcome.KILLED in outcomes and Outcome.WOUNDED in outcomes:
        return Outcome.KILLED_OR_WOUNDED
    return outcomes[0]


def _has_own_arguments(verb: Token) -> bool:
    """Whether a coordinated verb has its own subject or object ("displaced 300,000 people
    and killed 1,500": the killed are not the displaced)."""
    return verb.dep_ == "conj" and any(
        c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in verb.children)


def _among_outcome(verb: Token) -> Outcome | None:
    """ "Ten policemen were among the dead / among those killed": the outcome of the group
    the subject is said to be among."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "among":
            for group in prep.children:
                o = outcome_of(group) or next(
                    (outcome_of(c) for c in group.children if c.dep_ in ("acl", "amod")
                     and outcome_of(c)), None)
                if o:
                    return o
    return None


def _is_doer(noun: Token, verb: Token) -> bool:
    """Whether a noun is the subject of a transitive outcome verb (the killers, not the
    killed); a loss verb's subject is who suffered ("lost their lives")."""
    return noun.dep_ == "nsubj" and noun.head == verb and verb.lemma_ not in _LOSS_VERBS \
        and any(c.dep_ == "dobj" for c in verb.children)


def _relative_outcome(clause: Token) -> Outcome | None:
    """What a relative clause says befell its noun: "who were killed", "who died", "who were
    reported to have been killed"; not "who killed five" (the noun is the killer)."""
    for verb in [clause] + [c for c in clause.children if c.dep_ == "xcomp"]:
        o = outcome_of(verb)
        if o and not any(c.dep_ == "dobj" for c in verb.children):
            return o
    return None


def _speech_complement(verb: Token) -> Outcome | None:
    """The outcome of a reported clause that lost its subject to a misparse ("officials said up
    to 30 of the insurgents died", where "30" hangs on "said")."""
    for c in verb.children:
        if c.dep_ == "ccomp" and outcome_of(c) and not any(
                d.dep_ in ("nsubj", "nsubjpass") for d in c.children):
            return outcome_of(c)
    return None


def _loss_outcome(verb: Token, noun: Token, head: Token) -> Outcome | None:
    """A loss verb's outcome: "lost their lives" / "sustained wounds" (the object says what),
    "the army lost 40 troops" (people lost are killed)."""
    if head.dep_ == "dobj":
        return Outcome.KILLED if verb.lemma_ == "lose" and noun.lower_ not in (
            "lives", "life") else outcome_of(noun)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return outcome_of(obj) if obj is not None else None


def _tally(num: Token) -> tuple[Outcome, Token | None] | None:
    """A number that is the value of a tally ("the death toll rose to 30", "bringing the
    total number of missing people to 12", "put the toll at four", "a toll of 50"): the
    outcome the tally counts and the noun of who it counts, if named."""
    if num.dep_ == "pobj" and num.head.lower_ in _TALLY_PREPS:
        holders = [t for t in num.head.ancestors][:6]  # "raising the number of ... to 87"
    elif num.dep_ in ("attr", "dobj", "appos", "nummod"):
        holders = [num.head]
    else:
        return None
    found = None
    for holder in holders:
        tallies = [holder] if holder.lemma_.lower() in _TALLY_NOUNS else [
            c for c in holder.children
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in _TALLY_NOUNS]
        if tallies:
            found = holder, tallies[0]
            break
    if found is None:
        return None
    holder, tally = found
    whom = next((p for c in list(tally.children) + list(holder.children)
                 if c.dep_ == "prep" and c.lower_ in ("of", "among")
                 for p in c.children if p.dep_ == "pobj"), None)
    for word in ([whom] if whom is not None else []) + [
            c for c in tally.children if c.dep_ in ("compound", "amod")] + [tally]:
        o = outcome_of(word) or (_verb_outcome(word) if word is whom else None)
        if o:
            return o, whom
    return None


def _list_owner(noun: Token) -> Token | None:
    """The total a counted noun is part of ("killed 40 people, including 25 fighters",
    "the toll included 25 soldiers"): the word the breakdown hangs on."""
    tok = noun
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in _LIST_WORDS:
        return tok.head.head
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LIST_WORDS:
        return next((c for c in tok.head.children if c.dep_ == "nsubj"), tok.head)
    return None


def _copula_complement(num: Token) -> Token | None:
    """The noun a number is said to be ("120 were women", "12 of the dead were children")."""
    if num.dep_ != "nsubj" or num.head.lemma_ != "be":
        return None
    return next((c for c in num.head.children if c.dep_ == "attr"), None)


def _outcome_words_before(sent: Sentence, num: Token) -> Outcome | None:
    """An "among the dead" / "of the casualties" phrase before a number in its sentence."""
    for tok in sent.span.doc[sent.span.start:num.i]:
        if tok.dep_ == "pobj" and tok.head.lower_ in ("among", "of") and outcome_of(tok):
            return outcome_of(tok)
    return None


def _category_of(noun: Token, previous: Category | None,
                 local: Category | None = None) -> Category:
    """Who the counted people are, from their noun and its modifiers ("army auxiliaries").

    "Others" take the category of the article's count before them (`previous`: "... soldiers
    were killed. Three others were wounded"); a noun that only says what happened ("nine
    wounded", "six bodies") takes that of a count before it in the same sentence (`local`)."""
    low = noun.lower_
    if low in _PARTITIVE_NOUNS:  # "members of a family", "members of the security forces"
        whom = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"), None)
        return _category_of(whom, previous, local) if whom is not None else Category.UNKNOWN
    if low in MILITARY_NOUNS or any(c.lower_ in STATE_FORCE_NOUNS or c.lower_ in MILITARY_NOUNS
                                    for c in noun.lefts if c.dep_ in ("compound", "amod")):
        return Category.MILITARY
    if low in CIVILIAN_NOUNS:
        return Category.CIVILIAN
    if low in ("others", "other", "more"):
        return previous or Category.UNKNOWN
    if outcome_of(noun):  # "14 casualties among its troops", "20 deaths of civilians"
        whom = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("among", "of")
                     for p in c.children if p.dep_ == "pobj" and p.lower_ != noun.lower_), None)
        if whom is not None and (whom.lower_ in MILITARY_NOUNS or whom.lower_ in CIVILIAN_NOUNS):
            return _category_of(whom, previous, local)
    if noun.like_num or outcome_of(noun):
        return local or Category.UNKNOWN
    return Category.UNKNOWN


@dataclass
class _Reading:
    """What one number counts, before its party is decided."""

    outcome: Outcome
    category: Category
    noun: Token
    inherits: bool  # elliptical or part of a breakdown: takes the party of the count before


def _released(noun: Token) -> bool:
    """Whether the counted people are set free or swapped ("released 24 hostages", "12 of
    them were freed"): no loss, whatever the noun."""
    tok = noun
    while tok.pos_ not in ("VERB", "AUX") and tok.dep_ in ("conj", "appos", "pobj", "prep",
                                                          "dobj", "nsubjpass", "nsubj"):
        tok = tok.head
    return tok.pos_ == "VERB" and tok.lemma_.lower() in _RELEASE_VERBS


def _counts_one(det: Token, noun: Token, ctx: ArticleContext) -> bool:
    """Whether a determiner counts one person: "a soldier was killed", "the camp commander
    was injured", "killed a man and wounded another"; not "a family", "the 10 soldiers"."""
    if noun.i == det.i:
        return det.lower_ == "another" and det.dep_ in ("dobj", "nsubjpass")
    return (det.dep_ == "det" and _is_person_noun(noun, ctx) and noun.tag_ in ("NN", "NNP")
            and _is_argument(noun) and not outcome_of(noun)
            and not any(c.dep_ == "nummod" for c in noun.children))


def _read(tok: Token, start: int, sent: Sentence, ctx: ArticleContext, earlier: list[Count],
          previous: Category | None) -> _Reading | None:
    """Outcome and category of the number that ends at `tok` (and starts at `start`), or None
    where it counts no casualties."""
    noun = _counted_noun(tok, start)
    if _released(noun):
        return None
    if tok.lower_ in _ONE_DETS and not tok.like_num and not _counts_one(tok, noun, ctx):
        return None
    if tok.lower_ == "one" and noun.head.head.i == tok.i and noun.head.lower_ == "of" and any(
            c.dep_ == "nummod" for c in noun.children):
        return None  # "he was one of 12 soldiers killed": the 12 are the count
    last = earlier[-1] if earlier else None
    local = last.category if last else None
    if noun.pos_ == "PRON" and noun.head.lower_ == "of":
        return _read_part(tok, last, ctx, previous)
    bare = noun.i == tok.i
    if not bare and not _is_person_noun(noun, ctx):
        return None
    heads = {c.token for c in earlier} | {c.noun for c in earlier}
    if bare:
        return _read_bare(tok, sent, last, heads, local)
    category = _category_of(noun, previous, local)
    outcome = outcome_of(noun)
    if noun.lower_ == "casualties":
        outcome = Outcome.KILLED_OR_WOUNDED
    elif outcome is not None and noun.head.i != tok.i:  # "12 of the dead were women"
        attr = _copula_complement(tok)
        if attr is not None and _is_person_noun(attr, ctx):
            category = _category_of(attr, previous, local)
    owner = _list_owner(noun)
    first = noun
    while first.dep_ == "conj":
        first = first.head
    if outcome is None and first.dep_ == "pobj" and first.head.lower_ == "of":
        outcome = outcome_of(first.head.head)  # "the deaths of two soldiers and 9 civilians"
    if outcome is None and owner is not None:
        outcome = last.outcome if last else (outcome_of(owner) or _verb_outcome(owner))
    if outcome is None:
        outcome = _verb_outcome(noun)
    if outcome is None and noun.head.i != tok.i and noun.head.head.i == tok.i:
        outcome = _verb_outcome(tok)  # "207 of its soldiers": the number is the subject
    if outcome is None:
        return None
    inherits = owner is not None or noun.lower_ in ("others", "other", "more")
    return _Reading(outcome, category, noun, inherits)


def _read_part(tok: Token, last: Count | None, ctx: ArticleContext,
               previous: Category | None) -> _Reading | None:
    """A part of the count before it ("killed 45 people, 12 of them children", "of whom 5
    were soldiers", "wounded 30, six of them seriously"): its outcome unless its own verb
    says otherwise, its category unless it is said to be someone."""
    if last is None:
        return None
    attr = _copula_complement(tok) or (tok.head if tok.dep_ == "nsubj" else None)
    category = _category_of(attr, previous) if attr is not None and _is_person_noun(
        attr, ctx) else last.category
    return _Reading(_verb_outcome(tok) or last.outcome, category, tok, True)


def _read_bare(tok: Token, sent: Sentence, last: Count | None, heads: set[int],
               local: Category | None) -> _Reading | None:
    """A number with no noun: a tally's value, "nine wounded", "120 were women", "four in
    the north" after "ten soldiers were killed", "two were killed"."""
    tally = _tally(tok)
    if tally is not None:
        outcome, whom = tally
        category = _category_of(whom, local) if whom is not None else Category.UNKNOWN
        return _Reading(outcome, category, tok, False)
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.pos_ in ("VERB", "ADJ", "NOUN") and outcome_of(nxt):
        return _Reading(outcome_of(nxt), local or Category.UNKNOWN, tok, True)
    attr = _copula_complement(tok)
    if attr is not None:
        outcome = _outcome_words_before(sent, tok)
        if outcome is None and last is not None and any(  # "..., of whom 5 were soldiers"
                c.dep_ == "prep" and c.lower_ == "of" and any(p.pos_ == "PRON" for p in c.children)
                for c in tok.head.children):
            outcome = last.outcome
        if outcome is None or attr.lower_ not in MILITARY_NOUNS | CIVILIAN_NOUNS | UNKNOWN_NOUNS:
            return None
        return _Reading(outcome, _category_of(attr, local), tok, True)
    set_off = tok.i > 0 and tok.doc[tok.i - 1].text == ","  # "ten were killed, six in X"
    if tok.dep_ in ("conj", "appos", "npadvmod") and last is not None and (
            tok.head.i in heads or outcome_of(tok.head) == last.outcome or set_off):
        return _Reading(last.outcome, last.category, tok, True)
    if tok.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None  # "at 7, the bomb killed four people": a number off the verb is no count
    outcome = _verb_outcome(tok)
    if outcome is None:
        return None
    return _Reading(outcome, local or Category.UNKNOWN, tok, True)


def _attacker_tokens(sent: Sentence) -> set[int]:
    """Tokens naming who inflicted the losses: the doer of an outcome verb ("Ethiopian strikes
    killed three", "killed by Chadian shelling"), the modifiers of attack nouns ("a Kenyan-led
    raid") and who carries out attacks ("Addis Ababa stepped up its raids"). Their
    countries are not the victims' party; what the attack hit ("an attack on a Malian
    post") is not the attacker."""
    out: set[int] = set()
    for tok in sent.span:
        if outcome_of(tok) and tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ == "agent":
                    out.update(p.i for p in c.children if p.dep_ == "pobj")
                    out.update(t.i for p in c.children for t in _left_modifiers(p))
                elif c.dep_ == "nsubj" and any(d.dep_ == "dobj" for d in tok.children):
                    out.add(c.i)
                    out.update(t.i for t in _left_modifiers(c))
        if tok.pos_ in ("NOUN", "PROPN") and lexicon.has(tok, _ATTACK_WORDS):
            out.update(t.i for t in _left_modifiers(tok))
            if tok.dep_ == "dobj":
                for c in tok.head.children:
                    if c.dep_ == "nsubj":
                        out.update([c.i] + [t.i for t in _left_modifiers(c)])
    return out


def _noun_phrase(noun: Token) -> list[Token]:
    """A noun with its modifiers, without the clauses hung on it ("fighters from a Libyan
    militia", not "people wounded in Taiz")."""
    return [noun] + [t for c in noun.children if c.dep_ not in ("acl", "relcl", "advcl")
                     for t in c.subtree]


def _left_modifiers(tok: Token) -> list[Token]:
    """The words before a noun that belong to it ("the Kenyan-led African force")."""
    return [t for c in tok.lefts for t in c.subtree]


def _own_country(noun: Token, by_token: dict[int, CountryMention]) -> str | None:
    """A country on the counted noun itself: "Chadian troops", "Kenya's soldiers", "soldiers
    from Chad" (an armed group's "from" names where it comes from, not where it fights)."""
    for t in noun.subtree:
        if t.i > noun.i and noun.lower_ in GROUP_NOUNS:
            break
        if t.i in by_token and (t.i < noun.i or t.head.dep_ == "prep" and t.head.head == noun):
            return by_token[t.i].iso3
        if t.lower_ in ("its", "their", "our") and t.head == noun:
            return None
    return None


def _side_country(noun: Token, by_token: dict[int, CountryMention]) -> str | None:
    """The country of the side the count is put on ("on the Russian side, 10 soldiers were
    killed", "losses in the Russian ranks")."""
    verb = noun
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for prep in list(verb.children) + list(noun.children):
        if prep.dep_ != "prep":
            continue
        for side in prep.children:
            if side.dep_ == "pobj" and side.lower_ in _SIDE_NOUNS:
                return next((by_token[t.i].iso3 for t in _left_modifiers(side)
                             if t.i in by_token), None)
    return None


def _loser(noun: Token) -> Token | None:
    """Who "lost" or "suffered" the counted people ("Nigerian troops killed 30 rebels and
    lost four soldiers"): the subject of the loss verb, or of the verb it is coordinated with."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_ not in _LOSS_VERBS:
        return None
    while True:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ != "conj":
            return subject
        verb = verb.head


def _party(reading: _Reading, inherited: str | None, sent: Sentence, ctx: ArticleContext,
           mentions: list[CountryMention], excluded: set[int], attacking: set[int],
           memory: ArticleMemory) -> str | None:
    """Whose people are counted: a country on the noun (or the noun a demonym), the party of
    the total they are part of, the country that "suffered" them, the speaker of "its
    soldiers", the place, a country in the sentence that is not the attacker, else the party
    of the article's last count or the country the article is about."""
    noun = reading.noun
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    own = _own_country(noun, by_token)
    if own or _nationals(noun, ctx):
        return own or _nationals(noun, ctx)
    side = _side_country(noun, by_token)
    if side:
        return side
    if reading.inherits and inherited:
        return inherited
    loser = _loser(noun)
    if loser is not None:
        country = by_token[loser.i].iso3 if loser.i in by_token else _own_country(loser,
                                                                                  by_token)
        if country:
            return country
    free = [m for m in mentions if m.start not in excluded]
    where = next((by_token[a.i].iso3 for a in noun.ancestors if a.i in by_token
                  and a.i not in excluded), None)
    if where:  # "... moved to Niger, where 12 soldiers were killed"
        return where
    speakers = [m.iso3 for m in free if not m.place]
    if any(t.lower_ in ("its", "our") for t in noun.subtree) and speakers:
        return speakers[0]
    doc = sent.span.doc
    places = [m.iso3 for m in free if m.place and doc[m.end - 1].head.lower_
              not in _SHARED_PLACE_NOUNS]  # "near the Chadian border" is on both sides
    places += _area_countries(sent, ctx, excluded)
    if places:
        return places[0]
    victims = [m.iso3 for m in free if ctx.gaz.countries.demonym(m.text) is None and not m.place]
    if victims:
        return victims[0]
    attackers = {m.iso3 for m in mentions if m.start in attacking}
    if noun.lower_ in GROUP_NOUNS:
        attackers = set()  # an armed group's men count for the country it fights in
    if inherited and inherited not in attackers and noun.lower_ not in GROUP_NOUNS:
        return inherited  # "18 Nigerians and a policeman"; a group takes where it fights
    if memory.party and memory.party not in attackers:
        return memory.party
    return ctx.dominant(exclude=attackers)


def _area_countries(sent: Sentence, ctx: ArticleContext, excluded: set[int]) -> list[str]:
    """Countries of the provinces and towns the sentence names ("in Niassa province"),
    looked up among the countries the article is about."""
    salient = ctx.salient()
    out = []
    for ent in sent.span.ents:
        if ent.label_ not in ("GPE", "LOC") or ent.start in excluded or \
                ctx.gaz.countries.resolve(ent.text):
            continue
        place = ctx.gaz.places.region(ent.text, salient) or ctx.gaz.places.city(ent.text,
                                                                                salient)
        if place and place.country:
            out.append(place.country)
    return out


def _described_speaker_tokens(sent: Sentence) -> set[int]:
    """Words that describe who speaks rather than name it ("the Savanna Monitor, a France-based
    monitor"): a country there is no party to the losses; the speaker's own country
    ("Armenia said", "Malian army officer X said") still is."""
    speakers = speaker_tokens(sent)
    doc = sent.span.doc
    out: set[int] = set()
    for i in speakers:
        tok = doc[i]
        if tok.dep_ in ("appos", "acl", "relcl") or (
                tok.head.pos_ == "VERB" and tok.head.i in speakers):
            out.update(t.i for t in tok.subtree)
    return out


def counts_in(sent: Sentence, ctx: ArticleContext, memory: ArticleMemory | None = None) -> list[Count]:
    """Every casualty count the sentence states; `memory` carries the category and party of
    the article's earlier counts to elliptical ones ("three others were wounded")."""
    memory = memory or ArticleMemory()
    mentions = country_mentions(sent, ctx)
    attackers = _attacker_tokens(sent)
    described = _described_speaker_tokens(sent)
    out: list[Count] = []
    previous = memory.category
    counted: list[tuple[int, _Reading]] = []
    for tok in sent.span:
        number = _number_at(tok)
        if number is None:
            continue
        value, start = number
        reading = _read(tok, start, sent, ctx, out, previous)
        if reading is None:
            continue
        counted.append((tok.i, reading))
        prefix = sent.span.doc[sent.span.start:start].text[-40:] + " "
        previous = reading.category
        out.append(Count(value, qualifier_before(prefix), reading.outcome, reading.category,
                         None, tok.i, reading.noun.i, reading.noun.lower_ in GROUP_NOUNS))
    for k, (count, (i, reading)) in enumerate(zip(out, counted)):
        others = {t.i for j, r in counted if j != i and r.noun.i not in (reading.noun.i, j)
                  for t in _noun_phrase(r.noun)}  # "six fighters from a Libyan militia"
        inherited = out[k - 1].party if k else None
        count.party = _party(reading, inherited, sent, ctx, mentions,
                             attackers | described | others, attackers, memory)
    return out


