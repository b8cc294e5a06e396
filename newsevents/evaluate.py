"""Scoring for the accuracy measurement: gold-event matching, P/R/F1 arithmetic, distances and
the article-extraction benchmark's shingle metric. Data-set readers live in bench/.

Gold events (bench/gold/articles, tests/fixtures/articles) are dicts: `type` is required,
every other given key must agree with the mention (omitted = unchecked, null = must be
null/empty); `*_contains` keys are case-insensitive substring checks.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .models import Article, Mention, Party

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .pipeline import Coder

NO_EVENT = "NONE"  # the label of "the coder found nothing"; never a gold label
EARTH_RADIUS_KM = 6371.0088
SHINGLE_SIZE = 4  # the article-extraction benchmark's n-gram size
NOTE_KEYS = frozenset({"note"})  # free-text keys of gold entries that are never checked
COUNTRY_KEYS = ("actor_country", "target_country", "location_country")
GOLD_KEYS = frozenset({
    "type", "mode", "actor_country", "actor_sector", "target_country", "target_sector",
    "location_country", "admin1_code", "date", "date_precision", "fatalities", "injuries",
    "factuality", "attributed_to_contains", "co_actor_countries", "responds_to_type",
    "evidence_contains",
})
_TOKEN = re.compile(r"\w+")

Gold = Mapping[str, Any]


# --- P/R/F1 arithmetic ---------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one label (or of everything)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)


def ratio(part: float, whole: float) -> float:
    """part/whole, 0.0 when there is nothing to divide (sklearn's zero_division=0)."""
    return part / whole if whole else 0.0


def harmonic_mean(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def label_counts(pairs: Iterable[tuple[str, str]]) -> dict[str, Counts]:
    """Per-label counts of single-label classification from (gold, predicted) pairs."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, predicted in pairs:
        if gold == predicted:
            tp[gold] += 1
        else:
            fn[gold] += 1
            fp[predicted] += 1
    labels = sorted(set(tp) | set(fp) | set(fn))
    return {label: Counts(tp[label], fp[label], fn[label]) for label in labels}


def gold_labels(counts: Mapping[str, Counts]) -> list[str]:
    """Labels that occur in the gold (support > 0); NO_EVENT never does."""
    return [label for label, c in counts.items() if c.support > 0 and label != NO_EVENT]


def macro_f1(counts: Mapping[str, Counts], labels: Iterable[str] | None = None) -> float:
    """Unweighted mean of per-label F1 over `labels` (default: the gold labels)."""
    chosen = list(labels) if labels is not None else gold_labels(counts)
    return ratio(sum(counts.get(label, Counts()).f1 for label in chosen), len(chosen))


def weighted_f1(counts: Mapping[str, Counts]) -> float:
    """Mean of per-label F1 weighted by gold support (sklearn's average='weighted')."""
    labels = gold_labels(counts)
    total = sum(counts[label].support for label in labels)
    return ratio(sum(counts[label].f1 * counts[label].support for label in labels), total)


def accuracy(pairs: Iterable[tuple[str, str]]) -> float:
    outcomes = [gold == predicted for gold, predicted in pairs]
    return ratio(sum(outcomes), len(outcomes))


# --- gold events -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article: its text, publication date, expected and absent events."""

    name: str
    text: str
    published: date | None
    events: tuple[Gold, ...]
    absent: tuple[Gold, ...] = ()


def load_gold_article(path: Path) -> GoldArticle:
    """Read `<name>.json` (expectations) and the sibling `<name>.txt` (the article text)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    published = data.get("published")
    events = tuple(data.get("events", ()))
    absent = tuple(a if isinstance(a, dict) else {"type": a} for a in data.get("absent", ()))
    for entry in events + absent:
        check_gold_keys(entry, str(path))
    return GoldArticle(path.stem, text, date.fromisoformat(published) if published else None,
                       events, absent)


def check_gold_keys(expected: Gold, where: str = "gold") -> None:
    if "type" not in expected:
        raise ValueError(f"{where}: gold event without a type: {dict(expected)}")
    unknown = set(expected) - GOLD_KEYS - NOTE_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown gold keys {sorted(unknown)}")


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _needles(value: str | Sequence[str]) -> list[str]:
    return [_folded(value)] if isinstance(value, str) else [_folded(v) for v in value]


def _contains_all(haystacks: Sequence[str], value: str | Sequence[str] | None) -> bool:
    if value is None:
        return not haystacks
    folded = [_folded(h) for h in haystacks]
    return all(any(needle in h for h in folded) for needle in _needles(value))


def _party_field(party: Party | None, attribute: str) -> object:
    return getattr(party, attribute) if party is not None else None


def mention_value(key: str, mention: Mention, by_id: Mapping[str, Mention]) -> object:
    """The mention's value for a gold key that is compared by equality."""
    location = mention.location
    values: dict[str, Any] = {
        "type": mention.code.type,
        "mode": mention.code.mode,
        "actor_country": _party_field(mention.actor, "country"),
        "actor_sector": _party_field(mention.actor, "sector"),
        "target_country": _party_field(mention.target, "country"),
        "target_sector": _party_field(mention.target, "sector"),
        "location_country": location.country if location else None,
        "admin1_code": location.admin1_code if location else None,
        "date": mention.date.date.isoformat() if mention.date.date else None,
        "date_precision": mention.date.precision,
        "fatalities": mention.fatalities,
        "injuries": mention.injuries,
        "factuality": mention.factuality,
    }
    if key == "responds_to_type":
        answered = by_id.get(mention.responds_to) if mention.responds_to else None
        return answered.code.type if answered else None
    return values[key]


def field_agrees(key: str, expected: Any, mention: Mention,
                 by_id: Mapping[str, Mention]) -> bool:
    """Whether one given gold key agrees with the mention."""
    if key == "attributed_to_contains":
        return _contains_all(mention.attributed_to, expected)
    if key == "evidence_contains":
        sentences = [" ".join(e.sentence for e in mention.evidence)] if mention.evidence else []
        return _contains_all(sentences, expected)
    if key == "co_actor_countries":
        found = {p.country for p in mention.co_actors if p.country}
        return found == set(expected or ())
    if key not in GOLD_KEYS:
        raise ValueError(f"unknown gold key {key!r}")
    return mention_value(key, mention, by_id) == expected


def checked_keys(expected: Gold) -> list[str]:
    return [key for key in expected if key not in NOTE_KEYS and key != "type"]


def match_event(expected: Gold, mention: Mention, by_id: Mapping[str, Mention]) -> bool:
    """Same type and every other given key agrees (the strict, unit-test match)."""
    check_gold_keys(expected)
    if mention.code.type != expected["type"]:
        return False
    return all(field_agrees(k, expected[k], mention, by_id) for k in checked_keys(expected))


def agreeing_keys(expected: Gold, mention: Mention, by_id: Mapping[str, Mention]) -> int:
    return sum(field_agrees(k, expected[k], mention, by_id) for k in checked_keys(expected))


def same_event(expected: Gold, mention: Mention, by_id: Mapping[str, Mention]) -> bool:
    """Same type and pointing at the same happening: a full match, a non-null country of
    actor/target/location that agrees, or the evidence phrase found."""
    if mention.code.type != expected["type"]:
        return False
    if match_event(expected, mention, by_id):
        return True
    anchors = [k for k in COUNTRY_KEYS if expected.get(k) is not None]
    if expected.get("evidence_contains") is not None:
        anchors.append("evidence_contains")
    return any(field_agrees(k, expected[k], mention, by_id) for k in anchors)


@dataclass(frozen=True)
class ArticleMatch:
    """A 1:1 assignment of extracted mentions to expected events of one article."""

    pairs: tuple[tuple[int, int], ...]  # (expected index, mention index)
    exact: frozenset[int]  # expected indices whose assigned mention matches every given key
    absent_hits: tuple[tuple[int, int], ...]  # (absent index, mention index) false positives
    n_expected: int
    n_extracted: int

    @property
    def counts(self) -> Counts:
        return Counts(len(self.pairs), self.n_extracted - len(self.pairs),
                      self.n_expected - len(self.pairs))


def match_article(events: Sequence[Gold], absent: Sequence[Gold],
                  mentions: Sequence[Mention]) -> ArticleMatch:
    """Best 1:1 assignment: most full matches, then most same-event pairs, then most keys
    agreeing. A mention that matches an `absent` entry is a false positive, never assigned."""
    by_id = {m.id: m for m in mentions}
    absent_hits = tuple((a, j) for j, m in enumerate(mentions) for a, entry in enumerate(absent)
                        if match_event(entry, m, by_id))
    excluded = {j for _, j in absent_hits}
    per_pair = 1 + sum(len(checked_keys(e)) for e in events)  # outweighs any sum of agreements
    per_exact = per_pair * (len(events) + 1)  # outweighs any number of inexact pairs
    weights = [[0] * len(mentions) for _ in events]
    exact: set[tuple[int, int]] = set()
    for i, expected in enumerate(events):
        for j, m in enumerate(mentions):
            if j in excluded or not same_event(expected, m, by_id):
                continue
            full = match_event(expected, m, by_id)
            weights[i][j] = per_exact * full + per_pair + agreeing_keys(expected, m, by_id)
            if full:
                exact.add((i, j))
    pairs = tuple(sorted((i, j) for i, j in max_weight_assignment(weights) if weights[i][j]))
    return ArticleMatch(pairs, frozenset(i for i, j in pairs if (i, j) in exact), absent_hits,
                        len(events), len(mentions))


def max_weight_assignment(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """(row, column) pairs of a 1:1 assignment with the largest total weight (Hungarian
    method with potentials, O(n^2 m)); zero-weight pairs may be part of it."""
    rows, cols = len(weights), len(weights[0]) if weights else 0
    if rows == 0 or cols == 0:
        return []
    if rows > cols:
        transposed = [[weights[i][j] for i in range(rows)] for j in range(cols)]
        return [(i, j) for j, i in max_weight_assignment(transposed)]
    top = max(max(row) for row in weights)
    cost = [[top - w for w in row] for row in weights]  # minimise cost = maximise weight
    u, v = [0.0] * (rows + 1), [0.0] * (cols + 1)
    owner, way = [0] * (cols + 1), [0] * (cols + 1)  # owner[j]: 1-based row of column j
    for row in range(1, rows + 1):
        owner[0], col = row, 0
        slack, used = [math.inf] * (cols + 1), [False] * (cols + 1)
        while owner[col]:
            used[col] = True
            i, delta, nxt = owner[col], math.inf, 0
            for j in range(1, cols + 1):
                if used[j]:
                    continue
                reduced = cost[i - 1][j - 1] - u[i] - v[j]
                if reduced < slack[j]:
                    slack[j], way[j] = reduced, col
                if slack[j] < delta:
                    delta, nxt = slack[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            col = nxt
        while col:
            prev = way[col]
            owner[col] = owner[prev]
            col = prev
    return sorted((owner[j] - 1, j - 1) for j in range(1, cols + 1) if owner[j])


@dataclass(frozen=True)
class GoldScore:
    """Event detection, strict matching and per-field accuracy over many articles."""

    events: Counts
    exact: int
    expected: int
    absent_entries: int
    absent_violated: int
    per_type: dict[str, Counts] = field(default_factory=dict)
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (agree, given)
    matches: tuple[ArticleMatch, ...] = ()  # one per article, in input order

    @property
    def exact_recall(self) -> float:
        return ratio(self.exact, self.expected)

    @property
    def absent_respected(self) -> float:
        """Share of `absent` entries that no extracted mention matched (1.0 when none given)."""
        return 1.0 - ratio(self.absent_violated, self.absent_entries)


def score_gold(coded: Iterable[tuple[GoldArticle, Sequence[Mention]]]) -> GoldScore:
    total = Counts()
    exact = expected = absent_entries = 0
    violated: set[tuple[int, int]] = set()
    per_type: dict[str, Counts] = {}
    fields: dict[str, tuple[int, int]] = {}
    matches: list[ArticleMatch] = []
    for index, (gold, mentions) in enumerate(coded):
        match = match_article(gold.events, gold.absent, mentions)
        matches.append(match)
        total += match.counts
        exact += len(match.exact)
        expected += len(gold.events)
        absent_entries += len(gold.absent)
        violated.update((index, a) for a, _ in match.absent_hits)
        for type_, counts in _type_counts(gold, mentions, match).items():
            per_type[type_] = per_type.get(type_, Counts()) + counts
        by_id = {m.id: m for m in mentions}
        for i, j in match.pairs:
            for key in checked_keys(gold.events[i]):
                ok = field_agrees(key, gold.events[i][key], mentions[j], by_id)
                agree, given = fields.get(key, (0, 0))
                fields[key] = (agree + ok, given + 1)
    return GoldScore(total, exact, expected, absent_entries, len(violated),
                     dict(sorted(per_type.items())), dict(sorted(fields.items())), tuple(matches))


def _type_counts(gold: GoldArticle, mentions: Sequence[Mention], match: ArticleMatch
                 ) -> dict[str, Counts]:
    counts: Counter[tuple[str, str]] = Counter()
    matched_events = {i for i, _ in match.pairs}
    matched_mentions = {j for _, j in match.pairs}
    for i, event in enumerate(gold.events):
        counts[(event["type"], "tp" if i in matched_events else "fn")] += 1
    for j, mention in enumerate(mentions):
        if j not in matched_mentions:
            counts[(mention.code.type, "fp")] += 1
    types = {t for t, _ in counts}
    return {t: Counts(counts[(t, "tp")], counts[(t, "fp")], counts[(t, "fn")]) for t in types}


# --- single-sentence coding ------------------------------------------------------------------


def top_mention(mentions: Sequence[Mention]) -> Mention | None:
    """The most confident mention (the first of equals), or None."""
    best: Mention | None = None
    for mention in mentions:
        if best is None or mention.confidence > best.confidence:
            best = mention
    return best


def parsed_articles(nlp: Language, items: Sequence[tuple[str, date | None]], *,
                    url: str = "eval", batch_size: int = 32) -> Iterator[tuple[Article, Doc]]:
    """Articles for plain texts, with their spaCy parses made in batches."""
    from .extract import article_id

    docs = nlp.pipe((text for text, _ in items), batch_size=batch_size)
    for index, ((text, published), doc) in enumerate(zip(items, docs, strict=True)):
        yield Article(article_id(text), f"{url}#{index}", None, published, None, text), doc


def code_texts(coder: Coder, items: Sequence[tuple[str, date | None]], *,
               batch_size: int = 32) -> Iterator[list[Mention]]:
    """The mentions of each (text, published) item, parsed with `nlp.pipe` batching."""
    for article, doc in parsed_articles(coder.nlp, items, batch_size=batch_size):
        yield coder.code(article, doc)


# --- places ----------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# --- article-body extraction (scrapinghub/article-extraction-benchmark metric) ---------------


def body_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of `size`-token shingles; a shorter text is one shorter shingle."""
    tokens = body_tokens(text)
    if len(tokens) < size:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1))


def shingle_match(true: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of shingles, divided by their sum so that every document weighs the same."""
    gold, pred = shingles(true), shingles(predicted)
    tp = sum((gold & pred).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _doc_precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else ratio(tp, tp + fp)


def _doc_recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else ratio(tp, tp + fn)


def body_scores(matches: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1): precision is the mean over documents that predicted something,
    recall the mean over documents that have a true body, F1 their harmonic mean."""
    precisions = [_doc_precision(*m) for m in matches if m[0] + m[1] > 0]
    recalls = [_doc_recall(*m) for m in matches if m[0] + m[2] > 0]
    precision = ratio(sum(precisions), len(precisions))
    recall = ratio(sum(recalls), len(recalls))
    return precision, recall, harmonic_mean(precision, recall)
