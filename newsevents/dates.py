"""Find date expressions in news text and resolve them against the publication date.

News dates mostly hang on the day the story ran: "Thursday morning" is the most recent
Thursday on or before publication, "last week" is the week before the publication week.
Rules, all resolved against `published`:

- weekday ("Thursday", "late Sunday", "Monday night"): the most recent such day on or before
  publication; "last Friday" is strictly before it, "next Friday" strictly after, "this Friday"
  the one in the publication week (Monday to Sunday);
- today, tonight, this morning, overnight (= publication day), yesterday, last night (-1);
- this/last/next week and "over the weekend": precision week, date = Monday of that week;
- this/last/next month, "in March" (the most recent March on or before publication): month,
  date = the 1st; "in 2019", this/last/next year: year, date = 1 January;
- absolute dates ("March 3", "3 March 2024", "Jan. 16", "2024-01-16"); without a year, the
  year that puts the date nearest to publication; numeric d/m/y only when unambiguous;
- "two days ago", "three weeks ago" resolve to that day; "two days after", "a day earlier", "the day
  before" do not: they carry `offset_days` and the caller anchors them (`anchored`).

Without a publication date, relative phrases give DateRef(None, "unknown", text); absolute
dates with a year still resolve. Prepositions ("on", "in") are not part of a mention's span;
modifiers ("last", "late", "earlier this") are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib.resources import files
from types import MappingProxyType

from newsevents.models import DateRef

DATA_FILE = "date_words.tsv"
NUMBER_FILE = "number_words.tsv"
DAYS_PER_WEEK = 7
SATURDAY = 5
_MODIFIERS = r"(?:(?:late|early|earlier|later)\s+)"
_ANCHOR_DIRECTIONS = MappingProxyType({
    "earlier": -1, "before": -1, "prior": -1, "previously": -1, "before that": -1,
    "later": 1, "after": 1, "afterwards": 1, "afterward": 1, "after that": 1,
})
_UNIT_DAYS = MappingProxyType({"day": 1, "week": DAYS_PER_WEEK})
_ABBREVIATION_LENGTH = 4  # "Sept" and shorter month names may end in a full stop
# Words before a month or year that make it a date ("in March", "since 2019"); "of" is left
# out for years because "a crowd of 2000" is a count.
_YEAR_LEAD_WORDS = "in|since|during|until|till|through|throughout|by|from|before|after|between"
_LEAD_WORDS = _YEAR_LEAD_WORDS + "|of"
_SPAN_MODIFIERS = "early|late|mid|the end of|the start of|the beginning of|the middle of"
_SEASONS = "(?:the\\s+)?(?:summer|spring|autumn|fall|winter)\\s+of"


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text, with what it resolves to."""

    start: int  # char offsets into the text given to find_dates
    end: int
    text: str
    ref: DateRef
    offset_days: int | None = None  # anchored phrases only ("two days after" -> +2)

    def anchored(self, anchor: DateRef) -> DateRef:
        """Resolve an anchored phrase ("two days later") against the date it counts from."""
        if self.offset_days is None:
            return self.ref
        if anchor.date is None:
            return DateRef(None, "unknown", self.text)
        return DateRef(anchor.date + timedelta(days=self.offset_days), "day", self.text)


Resolver = Callable[[re.Match[str], date | None, "DateGrammar"], "DateMention | None"]


@dataclass(frozen=True)
class DateGrammar:
    """The calendar vocabulary and the compiled patterns built from it (loaded once)."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    phrases: Mapping[str, tuple[str, int]]  # lowercase phrase -> (kind, offset)
    numbers: Mapping[str, int | None]  # number word -> value, None for vague ("several")
    named_days: frozenset[str]
    mastheads: frozenset[str]
    rules: tuple[tuple[re.Pattern[str], Resolver], ...]

    @classmethod
    @cache
    def load(cls) -> DateGrammar:
        rows = _read_tsv(DATA_FILE)
        by_kind: dict[str, dict[str, int | None]] = {}
        for phrase, kind, value in rows:
            by_kind.setdefault(kind, {})[phrase] = int(value) if value else None
        numbers = {w: (int(v) if v else None) for w, v, kind in _read_tsv(NUMBER_FILE)
                   if kind in ("unit", "tens", "article", "group", "vague")}
        months = {k: v for k, v in by_kind["month_name"].items() if v is not None}
        weekdays = {k: v for k, v in by_kind["weekday_name"].items() if v is not None}
        phrases = {p.lower(): (kind, v or 0) for kind in ("day", "week", "weekend", "month",
                                                          "year", "anchored")
                   for p, v in by_kind[kind].items()}
        rules = _compile_rules(months, weekdays, phrases, numbers, tuple(by_kind["day_part"]),
                               tuple(by_kind["counted_noun"]))
        return cls(months, weekdays, phrases, numbers, frozenset(by_kind["named_day"]),
                   frozenset(by_kind["masthead"]), rules)


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Date mentions in `text`, left to right, without overlaps (the longest match wins)."""
    grammar = DateGrammar.load()
    found: list[DateMention] = []
    for pattern, resolve in grammar.rules:
        for match in pattern.finditer(text):
            mention = resolve(match, published, grammar)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[DateMention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


# ---------------------------------------------------------------------------- calendar maths


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekday_on_or_before(published: date, weekday: int) -> date:
    return published - timedelta(days=(published.weekday() - weekday) % DAYS_PER_WEEK)


def weekday_before(published: date, weekday: int) -> date:
    return published - timedelta(days=(published.weekday() - weekday - 1) % DAYS_PER_WEEK + 1)


def weekday_after(published: date, weekday: int) -> date:
    return published + timedelta(days=(weekday - published.weekday() - 1) % DAYS_PER_WEEK + 1)


def shift_months(day: date, months: int) -> date:
    """The first of the month `months` away from `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def nearest_year(published: date, month: int, day: int) -> date | None:
    """The date with that month and day nearest to `published` (within a year either way)."""
    candidates = [_safe_date(published.year + k, month, day) for k in (-1, 0, 1)]
    valid = [c for c in candidates if c is not None]
    return min(valid, key=lambda c: abs((c - published).days)) if valid else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------- the rules


def _compile_rules(
    months: Mapping[str, int],
    weekdays: Mapping[str, int],
    phrases: Mapping[str, tuple[str, int]],
    numbers: Mapping[str, int | None],
    day_parts: tuple[str, ...],
    counted_nouns: tuple[str, ...],
) -> tuple[tuple[re.Pattern[str], Resolver], ...]:
    # Month and weekday names are matched case-sensitively: "may" and "march" are not months.
    full = {m for m in months if len(m) > _ABBREVIATION_LENGTH or m in ("May", "June", "July")}
    month = (rf"(?P<month>(?:{_alternation(full)})\b"
             rf"|(?:{_alternation(set(months) - full)})\b\.?)")
    weekday = rf"(?P<weekday>{_alternation(weekdays)})\b"
    part = rf"(?:\s+(?i:{_alternation(day_parts)})\b)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
    year = r"(?P<year>1[89]\d\d|20\d\d)\b(?![-–]\d)"
    count = rf"(?P<count>\d{{1,3}}|{_alternation(numbers)})"
    lead = rf"(?i:(?P<lead>{_LEAD_WORDS})\s+)"
    year_lead = rf"(?i:(?P<lead>{_YEAR_LEAD_WORDS})\s+)"
    relative = r"(?i:(?P<rel>last|next|this|this past|this coming|past|coming)\s+)"
    month_mods = rf"(?i:(?:{_SPAN_MODIFIERS})[\s-]+)"
    year_mods = rf"(?i:(?:{_SPAN_MODIFIERS}|{_SEASONS})[\s-]+)"
    counted = _alternation(counted_nouns)  # "by 2000 people", "May 5 people": counts, not dates
    day_phrases = {p for p, (kind, _) in phrases.items() if kind == "day"}
    other_phrases = {p for p, (kind, _) in phrases.items() if kind != "day"}
    rules: list[tuple[str, Resolver]] = [
        (r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b(?!-)", _resolve_iso),
        (r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})\b", _resolve_numeric),
        (rf"\b(?:{weekday},?\s+)?{month}\s+{day}(?![-–,.]\d|\s*%|\s+(?i:{counted})\b)"
         rf"(?:,?\s+{year})?",
         _resolve_absolute),
        (rf"\b(?:{weekday},?\s+)?{day}\s+(?i:of\s+)?{month}(?:,?\s+{year})?",
         _resolve_absolute),
        (rf"\b(?P<body>{month_mods}?{month},?\s+{year})", _resolve_month_year),
        (rf"\b{lead}?(?P<body>{relative}?{month_mods}?{month})(?!['’]s|\s+\d|-)",
         _resolve_month),
        (rf"\b{year_lead}?(?P<body>{year_mods}?{year})(?!\s*(?:%|percent)|\s+(?i:{counted})\b)",
         _resolve_year),
        (rf"\b(?i:(?P<body>{_MODIFIERS}?(?P<phrase>{_alternation(day_phrases)})\b{part}?))",
         _resolve_phrase),
        (rf"\b(?i:(?P<body>{_MODIFIERS}?(?P<phrase>{_alternation(other_phrases)})))\b",
         _resolve_phrase),
        (rf"\b(?P<body>{relative}?(?i:(?:late|early|earlier|later)\s+(?:on\s+)?)?"
         rf"(?i:overnight\s+)?{weekday}{part}?)", _resolve_weekday),
        (rf"\b(?i:(?P<body>{count}\s+(?P<unit>day|week|month|year|hour)s?\s+ago))\b",
         _resolve_ago),
        (rf"\b(?i:(?P<body>{count}\s+(?P<unit>day|week)s?\s+"
         rf"(?P<dir>{_alternation(_ANCHOR_DIRECTIONS)})))\b", _resolve_anchored),
    ]
    return tuple((re.compile(pattern), resolve) for pattern, resolve in rules)


def _alternation(words: Mapping[str, object] | set[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first so prefixes do not win."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _mention(match: re.Match[str], ref_date: date | None, precision: str) -> DateMention:
    """The mention of a match's "body" group (or the whole match); unknown without a date."""
    group = "body" if "body" in match.re.groupindex else 0
    start, end = match.span(group)
    text = match.group(group)
    if ref_date is None:
        return DateMention(start, end, text, DateRef(None, "unknown", text))
    return DateMention(start, end, text, DateRef(ref_date, precision, text))


def _resolve_iso(
    match: re.Match[str], published: date | None, g: DateGrammar
) -> DateMention | None:
    day = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    return _mention(match, day, "day") if day else None


def _resolve_numeric(
    match: re.Match[str], published: date | None, g: DateGrammar
) -> DateMention | None:
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    if a <= 12 and b <= 12 and a != b:
        return None  # 03/04/2024 is March 4 in one country and 3 April in another
    day_month = (a, b) if a > 12 else (b, a)
    day = _safe_date(year, day_month[1], day_month[0])
    return _mention(match, day, "day") if day else None


def _resolve_absolute(
    match: re.Match[str], published: date | None, g: DateGrammar
) -> DateMention | None:
    month, day = g.months[match["month"].rstrip(".")], int(match["day"])
    if not 1 <= day <= 31:
        return None
    if match["year"]:
        resolved = _safe_date(int(match["year"]), month, day)
        return _mention(match, resolved, "day") if resolved else None
    if _safe_date(2024, month, day) is None:  # a leap year accepts every real month-day
        return None
    resolved = nearest_year(published, month, day) if published else None
    return _mention(match, resolved, "day")


def _resolve_month_year(
    match: re.Match[str], published: date | None, g: DateGrammar
) -> DateMention | None:
    month = g.months[match["month"].rstrip(".")]
    return _mention(match, date(int(match["year"]), month, 1), "month")


def _resolve_month(
    match: re.Match[str], published: date | None, g: DateGrammar
) -> DateMention | None:
    if not (match["lead"] or match["body"] != match["month"]):
        return None  # a bare "May" or "March" is a verb or a name as often as a month
    month = g.months[match["month"].rstrip(".")]
    resolved = _month_on_or_before(published, month, (match["rel"] or "").lower())
    return _mention(match, resolved, "month")


def _month_on_or_before(published: date | None, month: int, relative: str) -> date | None:
    if published is None:
        return None
    year = published.year
    if relative in ("next", "coming", "this coming"):
        year += 1 if month <= published.month else 0
    elif relative in ("last", "past", "this past"):
        year -= 1 if month >= published.month else 0
    elif relative != "this":
        year -= 1 if month > published.month else 0
    return date(year, month, 1)


def _resolve_year(
    match: re.Match[str], published: date | None, g: DateGrammar
) -> DateMention | None:
    if not (match["lead"] or match["body"] != match["year"]):
        return None  # a bare four-digit number is as often a count or a code as a year
    return _mention(match, date(int(match["year"]), 1, 1), "year")


def _resolve_phrase(
    match: re.Match[str], published: date | None, g: DateGrammar
) -> DateMention | None:
    phrase = match["phrase"]
    if phrase == "Today" and _follows_capitalised_word(match.string, match.start("phrase")):
        return None  # "USA Today", "Russia Today"
    kind, offset = g.phrases[phrase.lower()]
    if kind == "anchored":
        start, end = match.span("body")
        return DateMention(start, end, match["body"], DateRef(None, "unknown", match["body"]),
                           offset)
    return _mention(match, _shift(published, kind, offset) if published else None,
                    "week" if kind == "weekend" else kind)


def _shift(published: date, kind: str, offset: int) -> date:
    if kind == "day":
        return published + timedelta(days=offset)
    if kind == "week":
        return monday_of(published) + timedelta(weeks=offset)
    if kind == "weekend":  # the week (Monday) that holds that Saturday and Sunday
        if offset < 0:
            last_saturday = weekday_before(published, SATURDAY)
            return monday_of(last_saturday) + timedelta(weeks=offset + 1)
        return monday_of(published) + timedelta(weeks=offset)
    if kind == "month":
        return shift_months(published, offset)
    return date(published.year + offset, 1, 1)


def _follows_capitalised_word(text: str, start: int) -> bool:
    before = re.search(r"(\S+)\s+$", text[:start])
    if before is None:
        return False
    word = before.group(1)
    return word[:1].isupper() and not re.search(r"[.!?:\"“]$", word)


def _resolve_weekday(
    match: re.Match[str], published: date | None, g: DateGrammar
) -> DateMention | None:
    if _named_day_or_masthead(match, g):
        return None
    weekday = g.weekdays[match["weekday"]]
    relative = (match["rel"] or "").lower()
    resolved: date | None = None
    if published is not None:
        if relative in ("last", "past", "this past"):
            resolved = weekday_before(published, weekday)
        elif relative in ("next", "coming", "this coming"):
            resolved = weekday_after(published, weekday)
        elif relative == "this":
            resolved = monday_of(published) + timedelta(days=weekday)
        else:
            resolved = weekday_on_or_before(published, weekday)
    return _mention(match, resolved, "day")


def _named_day_or_masthead(match: re.Match[str], g: DateGrammar) -> bool:
    before = re.search(r"(\w+)\s+$", match.string[: match.start("weekday")])
    after = re.match(r"\s+(\w+)", match.string[match.end():])
    return bool((before and before.group(1) in g.named_days)
                or (after and after.group(1) in g.mastheads))


def _count(word: str, g: DateGrammar) -> int | None:
    return int(word) if word.isdigit() else g.numbers.get(word.lower())


def _resolve_ago(match: re.Match[str], published: date | None, g: DateGrammar) -> DateMention:
    n, unit = _count(match["count"], g), match["unit"].lower()
    if published is None or n is None:
        return _mention(match, None, "unknown")
    if unit == "hour":
        return _mention(match, published - timedelta(days=n // 24), "day")
    if unit in _UNIT_DAYS:
        back = published - timedelta(days=n * _UNIT_DAYS[unit])
        return _mention(match, back, "day")  # "a week ago" is a day, not "last week"
    if unit == "month":
        return _mention(match, shift_months(published, -n), "month")
    return _mention(match, date(published.year - n, 1, 1), "year")


def _resolve_anchored(
    match: re.Match[str], published: date | None, g: DateGrammar
) -> DateMention | None:
    n = _count(match["count"], g)
    if n is None:
        return None
    sign = _ANCHOR_DIRECTIONS[match["dir"].lower()]
    start, end = match.span("body")
    text = match["body"]
    return DateMention(start, end, text, DateRef(None, "unknown", text),
                       sign * n * _UNIT_DAYS[match["unit"].lower()])


# ---------------------------------------------------------------------------- data


def _read_tsv(name: str) -> Iterator[tuple[str, str, str]]:
    """Rows of a three-column lexicon file (first line a # comment, then a header row)."""
    lines = files("newsevents").joinpath("data", name).read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.strip() and not line.startswith("#")]
    for line in rows[1:]:
        first, second, third = (line.split("\t") + ["", ""])[:3]
        yield first, second, third
