"""Count the dead and the injured a sentence reports.

A regex grammar over the sentence string (no parse needed). A counted phrase is a count with an
optional person noun ("12 people", "at least three American troops", "a 6-year-old girl and an
11-month-old boy"); it gives a casualty count when it stands

- before a casualty word: "12 people were killed", "two soldiers died", "3 dead", "27 deaths";
- after an active casualty verb: "killed 12 people", "wounding five", "the deaths of two";
- after a toll: "a death toll of 27", "the death toll from the attack rose to 40".

Coordinated phrases add up ("two soldiers and a civilian were killed" = 3); separate phrases
of a sentence restate one another, so the largest count wins ("killed 12 ..., the death toll
rose to 40" = 40). "At least 40" and "more than 40" give 40: the number stated, a lower bound.
"No one was killed", "no casualties" give 0.

Vague quantities ("dozens", "hundreds", "several") give no number: the count stays None but the
phrase is kept in `spans`, so a caller can tell "casualties, uncounted" from "none reported".
Ages ("6-year-old"), distances ("506-mile"), years, percentages and money are never counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

DATA_FILE = "casualty_words.tsv"
NUMBER_FILE = "number_words.tsv"
FATAL, INJURY, BOTH = "fatal", "injury", "both"
MAX_LIST_ITEMS = 8  # "a girl, a boy and ..." longer lists are not worth the regex backtracking
YEAR_LIKE = r"(?:1[89]|20)\d\d"  # a bare number like this is a year unless counted
BE_OR_HAVE = r"\b(?:was|were|is|are|been|being|be|has|have|had)\b"
SUBSET = re.compile(r"\bof\s+(?:them|whom|those|these)\b", re.IGNORECASE)
CAPITALISED_NEXT = r"\s+([A-Z][\w'’-]*)"


@dataclass(frozen=True)
class Casualties:
    """Counts found in one sentence; None = not stated or not countable."""

    fatalities: int | None
    injuries: int | None
    spans: tuple[tuple[int, int], ...]  # char offsets of the phrases that gave the counts


NO_CASUALTIES = Casualties(None, None, ())


@dataclass(frozen=True)
class _Hit:
    effect: str  # fatal, injury or both
    count: int | None
    span: tuple[int, int]


@dataclass(frozen=True)
class CasualtyGrammar:
    """The casualty vocabulary, the number words and the patterns built from them."""

    effects: Mapping[str, str]  # "kind:phrase" (lowercase) -> fatal, injury or both
    numbers: Mapping[str, tuple[int | None, str]]  # number word -> (value, kind)
    singular_victims: frozenset[str]
    followers: frozenset[str]  # capitalised words after a participle that keep it passive
    qualifiers: re.Pattern[str]  # "at least", "more than" ... before a count
    object_start: re.Pattern[str]  # what follows an active verb: "killed two", "killed the"
    item: re.Pattern[str]
    passive: re.Pattern[str]
    active: re.Pattern[str]
    noun: re.Pattern[str]
    toll: re.Pattern[str]
    zero: re.Pattern[str]

    @classmethod
    @cache
    def load(cls) -> CasualtyGrammar:
        words: dict[str, dict[str, str]] = {}
        for phrase, kind, value in _read_tsv(DATA_FILE):
            words.setdefault(kind, {})[phrase.lower()] = value
        numbers = {w: (int(v) if v else None, kind) for w, v, kind in _read_tsv(NUMBER_FILE)}
        effects = {f"{kind}:{p}": e for kind in ("participle", "predicate", "active", "noun",
                                                  "toll") for p, e in words[kind].items()}
        victims = words["victim"]
        patterns = _compile(words, numbers, victims)
        return cls(effects, numbers, frozenset(v for v, n in victims.items() if n == "sg"),
                   frozenset(_read_cased(DATA_FILE, "follower")), **patterns)


def find_casualties(text: str) -> Casualties:
    """Fatalities and injuries a sentence states, with the spans that gave them."""
    grammar = CasualtyGrammar.load()
    hits = [*_passive_hits(text, grammar), *_active_hits(text, grammar),
            *_noun_hits(text, grammar), *_toll_hits(text, grammar), *_zero_hits(text, grammar)]
    if not hits:
        return NO_CASUALTIES
    return Casualties(
        _largest(h for h in hits if h.effect in (FATAL, BOTH)),
        _largest(h for h in hits if h.effect in (INJURY, BOTH)),
        tuple(sorted({h.span for h in hits})),
    )


def parse_count(phrase: str) -> int | None:
    """The number a count phrase states: "1,200", "twenty-five", "a dozen", "at least 40".

    None for vague quantities ("dozens", "several") and for what is not a number.
    """
    grammar = CasualtyGrammar.load()
    numbers = grammar.numbers
    text = grammar.qualifiers.sub("", phrase.strip().lower())
    if text in numbers:
        return numbers[text][0]
    digits = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(hundred|thousand|million))?", text)
    if digits:
        value = float(digits.group(1).replace(",", ""))
        scale = numbers[digits.group(2)][0] if digits.group(2) else 1
        return int(value * (scale or 1))
    return _parse_number_words(text, numbers)


def _parse_number_words(text: str, numbers: Mapping[str, tuple[int | None, str]]) -> int | None:
    total = current = 0
    tokens = [t for t in re.split(r"[\s-]+", text) if t and t != "and"]
    if not tokens:
        return None
    for token in tokens:
        value, kind = numbers.get(token, (None, ""))
        if value is None or kind not in ("unit", "tens", "scale", "article"):
            return None
        if kind != "scale":
            current += value
        elif value == 100:
            current = max(current, 1) * value
        else:
            total += max(current, 1) * value
            current = 0
    return total + current


# ---------------------------------------------------------------------------- hits


def _passive_hits(text: str, g: CasualtyGrammar) -> Iterator[_Hit]:
    for match in g.passive.finditer(text):
        aux, kind = match["aux"] or "", "participle" if match["part"] else "predicate"
        word = (match["part"] or match["pred"]).lower()
        if not re.search(BE_OR_HAVE, aux, re.IGNORECASE) and (kind == "participle" or aux.strip()):
            if _starts_an_object(text, match.end(), g):
                continue  # "three gunmen killed two police officers": active, not passive
        count = _list_count(match["list"], g)
        if count.valid:
            yield _Hit(g.effects[f"{kind}:{_spaced(word)}"], count.value, match.span())


def _active_hits(text: str, g: CasualtyGrammar) -> Iterator[_Hit]:
    for match in g.active.finditer(text):
        count = _list_count(match["list"], g)
        if count.valid:
            effect = g.effects[f"active:{_spaced(match['verb'])}"]
            yield _Hit(effect, count.value, match.span())


def _noun_hits(text: str, g: CasualtyGrammar) -> Iterator[_Hit]:
    for match in g.noun.finditer(text):
        effect = g.effects[f"noun:{_spaced(match['noun'])}"]
        count = _count_value(match["count"], g, has_victim=False)
        if effect != BOTH and count.valid:  # "40 casualties" mixes the dead and the hurt
            yield _Hit(effect, count.value, match.span())


def _toll_hits(text: str, g: CasualtyGrammar) -> Iterator[_Hit]:
    for match in g.toll.finditer(text):
        count = _count_value(match["count"], g, has_victim=False)
        if count.valid:
            yield _Hit(g.effects[f"toll:{_spaced(match['toll'])}"], count.value, match.span())


def _spaced(phrase: str) -> str:
    """A matched phrase as the lexicon spells it (lowercase, single spaces)."""
    return " ".join(phrase.lower().split())


def _zero_hits(text: str, g: CasualtyGrammar) -> Iterator[_Hit]:
    for match in g.zero.finditer(text):
        if match["zword"]:  # "no casualties", "no injuries"
            key = f"noun:{_spaced(match['zword'])}"
        else:  # "no one was killed"
            kind = "participle" if match["part"] else "predicate"
            key = f"{kind}:{_spaced(match['part'] or match['pred'])}"
        yield _Hit(g.effects[key], 0, match.span())


def _starts_an_object(text: str, end: int, g: CasualtyGrammar) -> bool:
    if g.object_start.match(text, end):
        return True
    capitalised = re.compile(CAPITALISED_NEXT).match(text, end)
    return bool(capitalised and capitalised.group(1) not in g.followers)


def _largest(hits: Iterable[_Hit]) -> int | None:
    counts = [h.count for h in hits if h.count is not None]
    return max(counts) if counts else None


@dataclass(frozen=True)
class _Count:
    """What a count phrase gave: `valid` False when it is no head count at all (a year)."""

    valid: bool
    value: int | None  # None: a vague quantity ("dozens")


_INVALID = _Count(False, None)


def _list_count(phrase: str, g: CasualtyGrammar) -> _Count:
    """The sum of a coordinated counted phrase; vague if any part is vague."""
    total = 0
    for item in g.item.finditer(phrase):
        if total and SUBSET.search(item.group(0)):
            continue  # "nine people, two of them civilians": the two are among the nine
        part = _item_count(item, g)
        if not part.valid or part.value is None:
            return part
        total += part.value
    return _Count(True, total)


def _item_count(item: re.Match[str], g: CasualtyGrammar) -> _Count:
    if item["dvictim"]:  # "the driver", "her son": one person; "their children": uncounted
        return _Count(True, 1) if item["dvictim"].lower() in g.singular_victims else _INVALID
    return _count_value(item["count"], g, has_victim=bool(item["victim"]))


def _count_value(count: str, g: CasualtyGrammar, has_victim: bool) -> _Count:
    bare = g.qualifiers.sub("", count.strip())
    if not has_victim and (re.fullmatch(YEAR_LIKE, bare) or bare.lower() in ("a", "an")):
        return _INVALID  # "in 2019 killed", "a death toll": not a head count
    return _Count(True, parse_count(count))


# ---------------------------------------------------------------------------- patterns


def _compile(
    words: Mapping[str, Mapping[str, str]],
    numbers: Mapping[str, tuple[int | None, str]],
    victims: Mapping[str, str],
) -> dict[str, re.Pattern[str]]:
    number_words = _alternation(w for w, (_, kind) in numbers.items()
                                if kind in ("unit", "tens", "scale"))
    groups = _alternation(w for w, (_, kind) in numbers.items() if kind in ("group", "vague"))
    digits = (r"(?<![\w$£€#.,:/-])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
              r"(?:\s+(?:hundred|thousand|million))?")
    worded = rf"\b(?:{number_words})(?:(?:[\s-]+|\s+and\s+)(?:{number_words})){{0,6}}\b"
    qualifiers = _alternation(words["qualifier"])
    units = _alternation(words["unit"])
    count = (rf"(?<![Nn]o\s)(?:(?:{qualifiers})\s+)?"
             rf"(?:{digits}|{worded}|\b(?:{groups})\b|\b(?:a|an)\b)"
             rf"(?![-–]\w|[.,:]\d|\s*%|\s*(?:{units})\b)")  # not "6-year-old", "5%", "3 km"
    victim = rf"(?:{_alternation(victims)}|(?-i:[A-Z][a-z]+s)|\d+-(?:year|month|week|day)-olds?)"
    stop = _alternation(["and", "or", "were", "was", "is", "are", "have", "has", "had", "been",
                         "of", "in", "on", "at", "by", "with", "who", "which", "that", "the",
                         "but", "as", *words["participle"], *words["predicate"],
                         *words["active"], *words["noun"]])
    modifier = rf"(?!(?:{stop})\b|[\d,.]+(?![\w-]))[\w'’.-]+"  # "6-year-old", not "12"
    partitive = r"(?:\s+of(?:\s+(?:them|those|these|us|whom|the|our|their))?)"  # "dozens of"
    post = r"(?:\s+of\s+(?:the|a|an|his|her|their|its)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?"
    det = r"(?P<det>\b(?:the|his|her|their|its)\b)"
    with_victim = rf"(?:\s+(?:{modifier}\s+){{0,3}}?(?P<victim>{victim})\b{post})"
    item = (rf"(?:(?P<count>{count}){partitive}?{with_victim}?"
            rf"|{det}\s+(?:{modifier}\s+){{0,2}}?(?P<dvictim>{victim})\b)")
    item_needing_victim = (rf"(?:(?:the|his|her|their|its)\s+(?:{modifier}\s+){{0,2}}?{victim}\b"
                           rf"|{count}{partitive}?\s+(?:{modifier}\s+){{0,3}}?{victim}\b{post})")
    # "23 soldiers and militiamen were killed": an uncounted last item adds nothing
    uncounted_tail = rf"(?:\s+and\s+(?:{modifier}\s+){{0,2}}?{victim}\b)?"
    # "A, B and C": items after a bare comma count only when an "and" item closes the list
    # ("two crew members, the coast guard said" is one item and a reporter)
    counted_list = (rf"(?P<list>{_unnamed(item)}(?:(?:\s*,\s*{item_needing_victim})"
                    rf"{{0,{MAX_LIST_ITEMS - 1}}}(?:,?\s+and\s+|\s+as well as\s+)"
                    rf"{item_needing_victim})?{uncounted_tail})")
    aux = rf"(?P<aux>(?:\s+(?:{_alternation(words['auxiliary'])}))*)"
    participle = rf"(?P<part>{_alternation(words['participle'])})"
    predicate = rf"(?P<pred>{_alternation(words['predicate'])})"
    flags = re.IGNORECASE
    zero_subject = rf"(?:no\s+one|no-one|nobody|none|no\s+(?:{modifier}\s+){{0,2}}?{victim})"
    zero_words = _alternation(words["noun"])
    small_numbers = _alternation(w for w, (v, kind) in numbers.items()
                                 if kind in ("unit", "tens", "vague", "article"))
    return {
        "qualifiers": re.compile(rf"^(?:(?:{qualifiers})\s+)+", flags),
        "object_start": re.compile(
            rf"\s+(?:(?:{qualifiers})\s|\d|(?:{small_numbers}|him|them|us)\b)", flags),
        "item": re.compile(item, flags),
        "passive": re.compile(rf"{counted_list}{aux}\s+(?:{participle}|{predicate})\b", flags),
        "active": re.compile(rf"\b(?P<verb>{_alternation(words['active'])})\s+{counted_list}",
                             flags),
        "noun": re.compile(rf"(?P<count>{count})\s+(?:{modifier}\s+){{0,2}}?"
                           rf"(?P<noun>{_alternation(words['noun'])})\b", flags),
        "toll": re.compile(rf"\b(?P<toll>{_alternation(words['toll'])})\b[^.;:\d]{{0,80}}?\b"
                           rf"(?:of|to|at|reached|hit|passed|surpassed|exceeded|topped|is|was|now)"
                           rf"\s+(?P<count>{count})", flags),
        "zero": re.compile(
            rf"\b(?:{zero_subject}(?:\s+(?:else|other))?{aux}\s+(?:reported\s+)?"
            rf"(?:{participle}|{predicate})\b"
            rf"|no\s+(?:(?:immediate|other|further|reported|known|confirmed|serious|major)\s+)*"
            rf"(?:reports?\s+of\s+(?:any\s+)?)?(?P<zword>{zero_words})\b)",
            flags,
        ),
    }


def _unnamed(pattern: str) -> str:
    """The same pattern with its named groups made plain (a group name may appear once)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _alternation(words: Iterator[str] | Mapping[str, str] | list[str]) -> str:
    """A regex alternation of literal phrases, longest first; spaces match any whitespace."""
    unique = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


def _read_cased(name: str, kind: str) -> Iterator[str]:
    """The phrases of one kind as written (the other kinds are matched case-blind)."""
    return (phrase for phrase, row_kind, _ in _read_tsv(name) if row_kind == kind)


def _read_tsv(name: str) -> Iterator[tuple[str, str, str]]:
    """Rows of a three-column lexicon file (first line a # comment, then a header row)."""
    lines = files("newsevents").joinpath("data", name).read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.strip() and not line.startswith("#")]
    for line in rows[1:]:
        first, second, third = (line.split("\t") + ["", ""])[:3]
        yield first, second, third
