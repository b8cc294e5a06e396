"""When it happened: date mentions of a sentence assigned to its drafts.

Absolute and relative mentions come from `dates.find_dates`; a mention belongs to the nearest
trigger above it in the parse, otherwise to every draft of the sentence. A sentence that goes
on from the last one ("Hours later, ...") inherits the paragraph's date; offsets ("two days
after the raid") count from the event they refer to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .dates import DateMention, find_dates
from .drafts import Draft, owner_of, token_owners
from .models import DateRef

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LAST_DATE_KEY = "newsevents.last_event_date"  # Doc.user_data: the latest dated event so far
LAST_DATED_END = "newsevents.last_dated_end"  # Doc.user_data: end token of its sentence
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
SEQUENCE_WORDS = frozenset({"after", "before", "since", "following", "retaliation", "response",
                            "revenge", "reprisal", "reprisals", "avenge"})
SCENE_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})
CONTINUATIONS = frozenset({"hours", "minutes", "later", "shortly", "soon", "afterwards",
                           "meanwhile", "then", "that"})


def read_dates(sent: Span, drafts: list[Draft], published: date | None,
          paragraph_date: DateRef | None) -> DateRef | None:
    owners = token_owners(drafts)
    doc = sent.doc
    unowned: list[DateRef] = []
    relative: list[tuple[Token, int, str]] = []
    for span, mention in _mentions(sent, published):
        if mention.offset_days is not None:
            relative.append((span.root, mention.offset_days, mention.text))
            continue
        owner = owner_of(span.root, owners)
        if mention.ref.date is not None:
            paragraph_date = mention.ref
        if owner is None:
            unowned.append(mention.ref)
        elif owner.date.date is None:
            owner.date = mention.ref
    anchor = paragraph_date or doc.user_data.get(LAST_DATE_KEY)
    for root, offset, text in relative:  # before sentence-wide dates: "a day after X" is X's
        apply_offset(root, offset, text, drafts, owners, anchor, published)
    if not unowned and _continues(sent) and anchor is not None:
        unowned.append(anchor)  # "Hours after the exchange, missiles struck ..."
    for draft in drafts:
        if draft.date.date is None and unowned:
            draft.date = unowned[0]
    _inherit_dates(drafts, owners)
    last = doc.user_data.get(LAST_DATE_KEY) if _follows_dated(sent) else None
    for draft in drafts:  # "Police fired tear gas ...": the scene of the day just told
        if draft.date.date is None and last is not None and draft.factuality == "asserted" \
                and draft.trigger.type in SCENE_TYPES and draft.anchor.tag_ == "VBD" \
                and not any(c.dep_ == "mark" for c in draft.anchor.children):
            draft.date = last
    for draft in drafts:
        if draft.date.date is not None and draft.date.precision == "day" and \
                draft.factuality == "asserted":
            doc.user_data[LAST_DATE_KEY] = draft.date
            doc.user_data[LAST_DATED_END] = sent.end
    for draft in drafts:
        if draft.date.date is not None and published is not None and \
                draft.date.date > published and draft.factuality == "asserted":
            draft.factuality = "future"
    return paragraph_date


class ParagraphDate:
    """The latest date the current paragraph has stated, which a sentence that goes on from it
    takes ('Hours later, ...'). A sentence without events is read for it only when a later
    sentence of the paragraph has events: most are never read."""

    def __init__(self, published: date | None) -> None:
        self._published = published
        self._value: DateRef | None = None
        self._unread: list[Span] = []

    def new_paragraph(self) -> None:
        self._value = None
        self._unread.clear()

    def skip(self, sent: Span) -> None:
        """A sentence without events: its dates count only for the paragraph."""
        self._unread.append(sent)

    def current(self) -> DateRef | None:
        for sent in reversed(self._unread):  # the latest sentence that states a date wins
            stated = _stated_date(sent, self._published)
            if stated is not None:
                self._value = stated
                break
        self._unread.clear()
        return self._value

    def update(self, value: DateRef | None) -> None:
        self._value = value


def _stated_date(sent: Span, published: date | None) -> DateRef | None:
    """The date `read_dates` makes the paragraph's for a sentence without events."""
    stated = None
    for _, mention in _mentions(sent, published):
        if mention.offset_days is None and mention.ref.date is not None:
            stated = mention.ref
    return stated


def _mentions(sent: Span, published: date | None) -> Iterator[tuple[Span, DateMention]]:
    """The date mentions of a sentence that align with its tokens, absolute ones in the year
    the sentence means ('of that year')."""
    doc = sent.doc
    for mention in find_dates(sent.text, published):
        span = doc.char_span(sent.start_char + mention.start, sent.start_char + mention.end,
                             alignment_mode="expand")
        if span is None:
            continue
        yield span, mention if mention.offset_days is not None else _of_that_year(mention, sent)


def _follows_dated(sent: Span) -> bool:
    """The sentence comes right after the one that told the latest dated event (blank lines
    between paragraphs allowed): a scene goes on; a later sentence may be background."""
    end = sent.doc.user_data.get(LAST_DATED_END)
    return end is not None and all(t.is_space for t in sent.doc[end : sent.start])


def _continues(sent: Span) -> bool:
    first = sent[0].lower_ if len(sent) else ""
    return first in CONTINUATIONS or (len(sent) > 1 and sent[1].lower_ in {
        "after", "later"} and first in {"hours", "minutes", "moments", "shortly"})


def _inherit_dates(drafts: list[Draft], owners: dict[int, Draft]) -> None:
    """An undated event takes the date of the event it hangs from: 'struck X and Y',
    'suspended it on Wednesday, accusing it of ...'."""
    for draft in drafts:
        if draft.date.date is not None or draft.anchor.head.i == draft.anchor.i:
            continue
        above = owners.get(draft.anchor.head.i) if draft.anchor.dep_ == "conj" else None
        above = above or owner_of(draft.anchor.head, owners)
        if above is not None and above is not draft and above.date.date is not None and \
                not _crosses_sequence(draft.anchor, above):
            draft.date = above.date


def _crosses_sequence(tok: Token, above: Draft) -> bool:
    """'struck on Thursday in retaliation for a barrage', 'after militants attacked': the
    earlier act is not dated by the later one."""
    for _ in range(12):
        if tok.i in (above.token.i, above.anchor.i) or tok.head.i == tok.i:
            return False
        if tok.lower_ in SEQUENCE_WORDS:
            return True
        tok = tok.head
    return False


def _of_that_year(mention: DateMention, sent: Span) -> DateMention:
    """'in 2022 ... on September 30 of that year': the year named before, not the nearest."""
    ref, text = mention.ref, sent.text
    after = text[mention.end : mention.end + 20].lower()
    if ref.date is None or YEAR.search(mention.text) or not after.lstrip(", ").startswith(
            "of that year"):
        return mention
    before = sent.doc[: sent.start].text  # only here: building it per sentence is quadratic
    years = YEAR.findall(before + " " + text[: mention.start])
    if not years:
        return mention
    try:
        moved = ref.date.replace(year=int(years[-1]))
    except ValueError:  # 29 February
        return mention
    return replace(mention, ref=replace(ref, date=moved))


def apply_offset(root: Token, offset: int, text: str, drafts: list[Draft],
                 owners: dict[int, Draft], anchor: DateRef | None, published: date | None
                 ) -> None:
    """'X two days after Y hit': Y = X - 2 days; 'a day later, X': X = anchor + 1 day."""
    words = text.lower()
    base = anchor.date if anchor is not None and anchor.date else published
    if "after" in words or "before" in words:
        clause = next((t for t in root.subtree if t.lower_ in {"after", "before"}), None)
        sub = owner_of(clause.head, owners) if clause is not None else None
        main = owner_of(root.head, owners) if root.head.i != root.i else None
        if sub is None:
            return
        if main is None:  # "A day after X struck, the command said it had hit ..."
            inside = {t.i for t in sub.anchor.subtree}
            main = next((d for d in drafts if d is not sub and d.anchor.i not in inside), None)
        if main is not None and main is not sub and main.date.date is None and \
                anchor is not None and anchor.date is not None:
            main.date = DateRef(anchor.date + timedelta(days=offset), "day", text)
            return  # "a day after the militants struck, X hit": X is dated from the strike
        if main is not None and main is not sub and main.date.date is not None:
            base = main.date.date
        if base is not None and sub.date.date is None:
            sub.date = DateRef(base - timedelta(days=offset), "day", text)
        return
    owner = owner_of(root, owners)
    if owner is not None and base is not None and owner.date.date is None:
        owner.date = DateRef(base + timedelta(days=offset), "day", text)

