"""Who a sentence says its information comes from, read off the spaCy parse.

Recognised (sources in text order; a newsroom told something comes before the speaker):

- "according to Fox News", "according to a statement from the ministry" (the ministry),
  "according to the ministry's statement";
- "per The Associated Press" (only a name or a report with an owner: "$80 per barrel" is not);
- the subject of a reporting verb: "the ministry said", "said the spokesman", "CNN reported",
  "he said" (pronouns are returned as written, the caller resolves them), "the ministry, which
  said" (the relative pronoun stands for the ministry);
- the agent of one: "as reported by The Dallas Express", "a statement quoted by IRNA";
- "officials told Reuters" (Reuters, then officials), "IRNA quoted the minister as saying"
  (IRNA, then the minister), "the minister was quoted as saying".

A source is its whole noun phrase ("Pakistan's Ministry of Foreign Affairs") without relative
clauses, appositions (a named apposition replaces a common-noun head: "the spokesman, John
Kirby," gives John Kirby), surrounding punctuation or a leading "the" that is not part of a
name ("the ministry" -> "ministry", "The Associated Press" stays). Coordinated sources are
returned one by one ("Iran and Pakistan said").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DATA_FILE = "reporting_verbs.tsv"
RECIPIENT, SPEAKER = "recipient", "speaker"
NAMED_ENTITIES = frozenset({"ORG", "PERSON", "NORP", "GPE"})
NEWSROOM_ENTITIES = frozenset({"ORG"})
# Children that are not part of a source's name: "officials, who spoke on condition ...".
DROPPED_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis",
                          "prep", "npadvmod", "dep"})
KEPT_PREPOSITIONS = frozenset({"of", "for", "in", "at", "from"})  # "Ministry of Foreign Affairs"
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
EDGE_CHARS = "\"'“”‘’«»()[]{},;:.-–— "


@dataclass(frozen=True)
class Attribution:
    source: str
    start: int  # char offsets into the Doc text (from token idx)
    end: int
    verb_i: int | None  # Doc token index of the reporting verb, None for "according to"/"per"


@dataclass(frozen=True)
class ReportingLexicon:
    verbs: Mapping[str, str]  # lemma -> "" | "recipient" | "speaker"
    vehicles: frozenset[str]

    @classmethod
    @cache
    def load(cls) -> ReportingLexicon:
        text = files("newsevents").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
        rows = [line.split("\t") for line in text.splitlines()
                if line.strip() and not line.startswith("#")][1:]
        verbs = {row[0]: (row[2] if len(row) > 2 else "") for row in rows if row[1] == "verb"}
        vehicles = frozenset(row[0] for row in rows if row[1] == "vehicle")
        return cls(verbs, vehicles)


def is_reporting_verb(lemma: str) -> bool:
    """True for say, report, announce, tell, confirm, ... (the list is data/reporting_verbs.tsv)."""
    return lemma.lower() in ReportingLexicon.load().verbs


def find_attributions(sent: Span) -> list[Attribution]:
    """The sources a sentence cites, in text order, each once."""
    lexicon = ReportingLexicon.load()
    found: list[tuple[tuple[int, int], Attribution]] = []
    for token in sent:
        lower = token.lower_
        if lower == "according":
            found.extend(_according_to(token, lexicon))
        elif lower == "per" and token.dep_ == "prep":
            found.extend(_per(token, lexicon))
        elif token.pos_ == "VERB" and token.lemma_.lower() in lexicon.verbs:
            found.extend(_reporting_verb(token, lexicon))
    found.sort(key=lambda item: item[0])
    seen: set[tuple[int, int]] = set()
    result: list[Attribution] = []
    for _, attribution in found:
        if (attribution.start, attribution.end) not in seen:
            seen.add((attribution.start, attribution.end))
            result.append(attribution)
    return result


# ---------------------------------------------------------------------------- the patterns

Keyed = tuple[tuple[int, int], Attribution]  # (sort key, attribution)


def _according_to(according: Token, lexicon: ReportingLexicon) -> Iterator[Keyed]:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None:
        return
    for obj in _objects(to):
        for attribution in _owner_or_self(obj, lexicon, None):
            yield (attribution.start, 0), attribution


def _per(per: Token, lexicon: ReportingLexicon) -> Iterator[Keyed]:
    for obj in _objects(per):
        if _is_named(obj) or (_lemma(obj) in lexicon.vehicles and _owner(obj) is not None):
            for attribution in _owner_or_self(obj, lexicon, None):
                yield (attribution.start, 0), attribution


def _reporting_verb(verb: Token, lexicon: ReportingLexicon) -> Iterator[Keyed]:
    role = lexicon.verbs[verb.lemma_.lower()]
    speakers: list[Attribution] = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            speakers.extend(_sources(_antecedent(child), verb.i))
        elif child.dep_ == "nsubjpass" and role == SPEAKER:  # "the minister was quoted"
            speakers.extend(_sources(child, verb.i))
        elif child.dep_ == "agent":
            speakers.extend(a for obj in _objects(child) for a in _sources(obj, verb.i))
    anchor = min((a.start for a in speakers), default=verb.idx)
    for rank, attribution in enumerate(speakers):
        yield (anchor, 1 + rank), attribution
    for child in verb.children:
        if role and child.dep_ in ("dobj", "dative"):
            yield from _object_sources(child, verb, role, anchor)


def _object_sources(obj: Token, verb: Token, role: str, anchor: int) -> Iterator[Keyed]:
    if role == RECIPIENT and obj.ent_type_ in NEWSROOM_ENTITIES:  # "told Reuters"
        for attribution in _sources(obj, verb.i):
            yield (anchor, 0), attribution  # the newsroom comes before the officials
    elif role == SPEAKER and (_is_named(obj) or _quoted_as_saying(verb)):
        for attribution in _sources(obj, verb.i):
            yield (anchor, 1 + len(obj.sent)), attribution  # after the newsroom quoting


def _quoted_as_saying(verb: Token) -> bool:
    return any(c.lower_ == "as" and any(g.lemma_ == "say" for g in c.children)
               for c in verb.children)


# ---------------------------------------------------------------------------- noun phrases


def _objects(preposition: Token) -> list[Token]:
    return [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")]


def _owner(vehicle: Token) -> Token | None:
    """Who a report belongs to: "a statement from the ministry", "the ministry's statement"."""
    for child in vehicle.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            objects = _objects(child)
            if objects:
                return objects[0]
    return None


def _owner_or_self(obj: Token, lexicon: ReportingLexicon, verb_i: int | None) -> list[Attribution]:
    if _lemma(obj) in lexicon.vehicles:
        owner = _owner(obj)
        return _sources(owner, verb_i) if owner is not None else []  # "according to reports"
    return _sources(obj, verb_i)


def _antecedent(subject: Token) -> Token:
    """A relative pronoun's noun: "the ministry, which said" -> ministry."""
    verb = subject.head
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return subject


def _sources(head: Token, verb_i: int | None) -> list[Attribution]:
    """The phrase headed by `head`, and one per coordinated head ("Iran and Pakistan")."""
    heads = [head, *[t for t in head.conjuncts if t.i > head.i]]
    result = []
    for conjunct in heads:
        attribution = _phrase(_named_apposition(conjunct) or conjunct, verb_i)
        if attribution is not None:
            result.append(attribution)
    return result


def _named_apposition(head: Token) -> Token | None:
    if head.pos_ == "PROPN":
        return None
    return next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _phrase(head: Token, verb_i: int | None) -> Attribution | None:
    tokens = _contiguous_around(head, sorted(_phrase_tokens(head), key=lambda t: t.i))
    while tokens and tokens[0].text in EDGE_CHARS:
        tokens = tokens[1:]
    while tokens and (tokens[-1].text in EDGE_CHARS or tokens[-1].dep_ == "case"):
        tokens = tokens[:-1]
    if tokens and tokens[0].lower_ == "the" and not _starts_a_name(tokens[0]):
        tokens = tokens[1:]
    if not tokens:
        return None
    phrase = head.doc[tokens[0].i : tokens[-1].i + 1]  # doc.text would rebuild the whole text
    return Attribution(phrase.text, phrase.start_char, phrase.end_char, verb_i)


def _contiguous_around(head: Token, tokens: list[Token]) -> list[Token]:
    """The unbroken run of tokens that holds the head (a dropped clause ends the phrase)."""
    at = tokens.index(head)
    first, last = at, at
    while first > 0 and tokens[first - 1].i == tokens[first].i - 1:
        first -= 1
    while last + 1 < len(tokens) and tokens[last + 1].i == tokens[last].i + 1:
        last += 1
    return tokens[first:last + 1]


def _phrase_tokens(head: Token) -> Iterator[Token]:
    yield head
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in KEPT_PREPOSITIONS and child.i > head.i:
            yield child
            for obj in _objects(child):
                yield from _phrase_tokens(obj)
        elif child.dep_ not in DROPPED_DEPS:
            yield from _phrase_tokens(child)


def _starts_a_name(the: Token) -> bool:
    """Capitalised "The" opens a name the entity recogniser put it in (The Associated Press)."""
    return the.text == "The" and the.ent_iob_ == "B" and the.ent_type_ in NAMED_ENTITIES


def _is_named(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in NAMED_ENTITIES


def _lemma(token: Token) -> str:
    return token.lemma_.lower()
