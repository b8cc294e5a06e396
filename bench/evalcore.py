"""What every data set runner shares: the report, the run context and batch coding."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.evaluate import NO_EVENT, Counts, parsed_articles
from newsevents.models import Mention

if TYPE_CHECKING:
    from newsevents.pipeline import Coder

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
GOLD = REPO / "bench" / "gold" / "articles"
FIXTURES = REPO / "tests" / "fixtures" / "articles"
MAX_ERROR_NOTES = 3


@dataclass(frozen=True)
class SetReport:
    """What one data set scored; `status` is "ok" or why the set was not run."""

    name: str
    status: str
    size: int = 0
    seconds: float = 0.0
    metrics: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    per_label: dict[str, dict[str, float]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    details: tuple[str, ...] = ()  # per-item findings for a developer (--verbose)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class RunContext:
    coder: Callable[[], Coder]  # built on first use, shared by the sets of one run
    data: Path = DATA
    gold: Path = GOLD
    limit: int | None = None
    dev: bool = False

    def take(self, items: Sequence[Any]) -> list[Any]:
        return list(items if self.limit is None else items[:self.limit])


def skipped(name: str, path: Path) -> SetReport:
    return SetReport(name, f"skipped: not found ({path})")


def counts_table(counts: Mapping[str, Counts]) -> dict[str, dict[str, float]]:
    return {label: {"precision": c.precision, "recall": c.recall, "f1": c.f1,
                    "support": c.support}
            for label, c in sorted(counts.items()) if label != NO_EVENT}


@dataclass(frozen=True)
class Coded:
    mentions: list[list[Mention]]
    errors: list[str]

    def notes(self) -> tuple[str, ...]:
        if not self.errors:
            return ()
        return (f"coder raised on {len(self.errors)} texts (counted as no event), e.g.",
                *self.errors[:MAX_ERROR_NOTES])


def code_pages(ctx: RunContext, items: Sequence[tuple[str, date | None]]) -> Coded:
    """Code whole plain-text pages the way `newsevents ingest` does: extraction (headline,
    dateline and boilerplate removal) first, then the coder."""
    from newsevents.extract import extract
    from newsevents.models import Article, Document

    coder = ctx.coder()
    articles = [extract(Document(f"gold#{i}", text.encode("utf-8"), "text/plain"),
                        published=published) for i, (text, published) in enumerate(items)]
    usable = [a for a in articles if isinstance(a, Article)]
    docs = iter(coder.nlp.pipe((a.text for a in usable), batch_size=32))
    mentions: list[list[Mention]] = []
    errors: list[str] = []
    for article in articles:
        if not isinstance(article, Article):
            errors.append(f"{article.source}: {article.reason}")
            mentions.append([])
            continue
        mentions.append(coder.code(article, next(docs)))
    return Coded(mentions, errors)


def code_items(ctx: RunContext, items: Sequence[tuple[str, date | None]]) -> Coded:
    """Code each (text, published) item; an exception on one text is reported, not fatal."""
    coder = ctx.coder()
    mentions: list[list[Mention]] = []
    errors: list[str] = []
    for article, doc in parsed_articles(coder.nlp, items):
        try:
            mentions.append(coder.code(article, doc))
        except Exception as exc:  # one coder bug must not hide every other number
            errors.append(f"{article.url}: {type(exc).__name__}: {exc}")
            mentions.append([])
    return Coded(mentions, errors)


