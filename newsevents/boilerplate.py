"""Clean up plain text saved from a news page: boilerplate lines, headline, paragraphs.

The line rules live in `data/boilerplate.tsv`; this module only applies them. A rule can
drop a whole line, cut an image credit off a caption, or read a byline (author and date)
before dropping it. Rules never touch a line longer than `MAX_BOILERPLATE_WORDS` words except
to cut a credit, so a real sentence of the story is not dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path

ACTIONS = ("define", "drop", "credit", "byline")
MAX_BOILERPLATE_WORDS = 40
MAX_TITLE_WORDS = 20
MAX_CATEGORY_WORDS = 3
MAX_KICKER_LINES = 2
_NOT_TITLE_ENDINGS = (".", ",", ";", ":", "*", "|")
_SENTENCE_ENDINGS = (".", "!", "?", ":", '"', "”", "’", "'", ")", "…")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_MACRO = re.compile(r"<<(\w+)>>")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKDOWN_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+")
_MARKDOWN_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(\S(?:.*?\S)?)\1(?!\w)")
_MARKDOWN_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_SENTENCE_BREAK = re.compile(r"[a-z]{2,}[)\]\"”’]?[.!?]\s+[A-Z]")
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_TIME_TAIL = re.compile(r"(?:\s*,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}.*)$", re.IGNORECASE)
_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")


@dataclass(frozen=True)
class Rule:
    group: str
    action: str  # one of ACTIONS
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Line:
    """What the rules made of one input line; `text` is None when the line is dropped."""

    text: str | None
    rule: Rule | None = None
    caption: bool = False
    author: str | None = None
    date_text: str | None = None


@dataclass(frozen=True)
class CleanText:
    """The story part of a text page and the metadata found on the way.

    `dropped` lists the input lines taken out of the body: boilerplate, headline, tag lines.
    """

    title: str | None
    paragraphs: tuple[str, ...]
    author: str | None = None
    date_text: str | None = None
    published: date | None = None
    captions: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class BoilerplateFilter:
    rules: tuple[Rule, ...]

    @classmethod
    @functools.cache
    def load(cls) -> BoilerplateFilter:
        """The packaged rules, read once."""
        text = resources.files("newsevents").joinpath("data/boilerplate.tsv").read_text("utf-8")
        return cls.from_lines(text.splitlines())

    @classmethod
    def from_path(cls, path: Path) -> BoilerplateFilter:
        return cls.from_lines(path.read_text("utf-8").splitlines())

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> BoilerplateFilter:
        """Parse the TSV: `#` comments, a header row, then group, action, pattern rows."""
        rows = [line for line in lines if line.strip() and not line.startswith("#")]
        if not rows or rows[0].split("\t") != ["group", "action", "pattern"]:
            raise ValueError("boilerplate rules: expected the header 'group\\taction\\tpattern'")
        return cls(tuple(_compile_rules(rows[1:])))

    def classify(self, raw: str) -> Line:
        """Apply the rules, in file order, to one line."""
        text = normalise_line(raw)
        caption = False
        for rule in self.rules:
            if not text:
                return Line(None, rule, caption)
            if rule.action == "credit":
                match = rule.pattern.search(text)
                if match:
                    text, caption = text[: match.start()].rstrip(), True
                continue
            if len(text.split()) > MAX_BOILERPLATE_WORDS:
                continue
            match = rule.pattern.fullmatch(text)
            if match and rule.action == "byline":
                groups = match.groupdict()
                return Line(None, rule, False, groups.get("author"), groups.get("date"))
            if match:
                return Line(None, rule, caption)
        return Line(text or None, None, caption and bool(text))

    def clean(
        self,
        text: str,
        *,
        title_hint: str | None = None,
        find_title: bool = True,
        markdown: bool = False,
        line_paragraphs: bool = False,
    ) -> CleanText:
        """Drop boilerplate, take the headline off the top and rebuild the paragraphs.

        `line_paragraphs` treats every line as a paragraph (extractor output); otherwise lines
        of one block are joined unless a line ends a sentence (hard-wrapped text).
        """
        raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if markdown:
            raw_lines = [_strip_markdown(line) for line in raw_lines]
        lines = [self.classify(line) if line.strip() else Line(None) for line in raw_lines]
        title, lines = _take_title(lines, title_hint, find_title)
        author = next((line.author for line in lines if line.author), None)
        date_text = next((line.date_text for line in lines if line.date_text), None)
        return CleanText(
            title=title,
            paragraphs=tuple(_paragraphs(lines, line_paragraphs)),
            author=author,
            date_text=date_text,
            published=parse_date_text(date_text) if date_text else None,
            captions=tuple(line.text for line in lines if line.caption and line.text),
            dropped=tuple(
                raw.strip() for raw, line in zip(raw_lines, lines, strict=True)
                if line.text is None and raw.strip()
            ),
        )


def clean_text(text: str, *, title_hint: str | None = None, markdown: bool = False) -> CleanText:
    """`BoilerplateFilter.load().clean(...)` for the common case."""
    return BoilerplateFilter.load().clean(text, title_hint=title_hint, markdown=markdown)


def normalise_line(text: str) -> str:
    """Collapse every kind of Unicode whitespace to one space and drop zero-width characters."""
    return " ".join(text.translate(_ZERO_WIDTH).split())


def looks_like_headline(line: str) -> bool:
    """A short line with letters that does not end like a sentence or a label."""
    words = line.split()
    return (
        2 <= len(words) < MAX_TITLE_WORDS
        and any(char.isalpha() for char in line)
        and not line.endswith(_NOT_TITLE_ENDINGS)
        and not _SENTENCE_BREAK.search(line)
    )


def looks_like_category(line: str) -> bool:
    """A tag line such as "Pakistan", "World" or "Middle East" under a headline."""
    words = line.split()
    return (
        0 < len(words) <= MAX_CATEGORY_WORDS
        and all(word[:1].isupper() or word in ("&", "and") for word in words)
        and all(char.isalpha() or char in " &-'’" for char in line)
    )


def parse_date_text(text: str) -> date | None:
    """A calendar date from a byline date ("Thursday, Jan. 18, 2024 at 9:30 am"), else None.

    Relative ("3 hours ago") and numeric day/month dates are ambiguous and give None.
    """
    cleaned = _TIME_TAIL.sub("", _ORDINAL.sub(r"\1", text))
    cleaned = re.sub(r"^[A-Za-z]+day,?\s+", "", cleaned.strip(), flags=re.IGNORECASE)
    cleaned = re.sub(r"\bsept\b", "sep", cleaned.replace(",", " ").replace(".", " "), flags=re.I)
    cleaned = " ".join(cleaned.split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _compile_rules(rows: Sequence[str]) -> Iterator[Rule]:
    macros: dict[str, str] = {}
    for number, row in enumerate(rows, start=1):
        fields = row.split("\t")
        if len(fields) != 3 or fields[1] not in ACTIONS:
            raise ValueError(f"boilerplate rules: bad row {number}: {row!r}")
        group, action, pattern = fields
        expanded = _MACRO.sub(lambda match: macros[match.group(1)], pattern)
        if action == "define":
            macros[group] = expanded
            continue
        yield Rule(group, action, re.compile(expanded, re.IGNORECASE))


def _strip_markdown(line: str) -> str:
    if _MARKDOWN_RULE.match(line.strip()):
        return ""
    line = _MARKDOWN_IMAGE.sub("", line)
    line = _MARKDOWN_LINK.sub(r"\1", line)
    line = _MARKDOWN_EMPHASIS.sub(r"\2", line)
    return _MARKDOWN_PREFIX.sub("", line.strip())


def _take_title(
    lines: list[Line], title_hint: str | None, find_title: bool
) -> tuple[str | None, list[Line]]:
    """Remove the headline (and kicker/category tag lines around it) from the top."""
    kept = [index for index, line in enumerate(lines) if line.text]
    if not kept:
        return title_hint, lines
    position = 0
    while position < min(MAX_KICKER_LINES, len(kept) - 1) and _is_one_word(lines[kept[position]]):
        position += 1
    first = kept[position]
    candidate = str(lines[first].text)
    if title_hint and _same_text(candidate, title_hint):
        title = title_hint
    elif find_title and looks_like_headline(candidate) and not _continues(lines, first):
        title = candidate
    else:
        return title_hint, lines
    removed = set(kept[:position]) | {first}
    after = kept[position + 1] if position + 1 < len(kept) else None
    if after is not None and looks_like_category(str(lines[after].text)):
        removed.add(after)
    return title, [Line(None) if i in removed else line for i, line in enumerate(lines)]


def _continues(lines: Sequence[Line], index: int) -> bool:
    """True when the next line carries on the same sentence (hard-wrapped prose)."""
    following = lines[index + 1].text if index + 1 < len(lines) else None
    return bool(following) and str(following)[:1].islower()


def _is_one_word(line: Line) -> bool:
    return len(str(line.text).split()) == 1


def _same_text(left: str, right: str) -> bool:
    return normalise_line(left).casefold() == normalise_line(right).casefold()


def _paragraphs(lines: Sequence[Line], line_paragraphs: bool) -> Iterator[str]:
    current: list[str] = []
    for line in lines:
        if line.text is None:
            if current:
                yield " ".join(current)
            current = []
            continue
        if current and (line_paragraphs or _ends_paragraph(current[-1], line.text)):
            yield " ".join(current)
            current = []
        current.append(line.text)
    if current:
        yield " ".join(current)


def _ends_paragraph(previous: str, following: str) -> bool:
    return previous.endswith(_SENTENCE_ENDINGS) and not following[:1].islower()
