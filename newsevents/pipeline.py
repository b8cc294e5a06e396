"""The flow of DESIGN.md in one visible loop: sources -> extract -> annotate+code -> store."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, BinaryIO

from .annotate import load_nlp
from .coding import SentenceCoder
from .extract import extract
from .memory import Trimmer
from .merge import to_mentions
from .models import Article, Document, IngestSummary, Mention, Skipped
from .sources import iter_documents
from .store_batch import Saving
from .workers import Workers

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .gazetteer import Gazetteer
    from .lexicon import Lexicon
    from .store import Store

Coded = tuple[Article | Skipped, list[Mention], str]  # (article or why not, mentions, url)
Jobs = Iterator[tuple[list[Document], list[Skipped]]]  # batches of documents, source skips
Engine = Callable[[Jobs, "RunOptions", Callable[[], "Coder"]],
                  Iterator[tuple[list[Coded], list[Skipped]]]]  # local pool or ray_engine


class Coder:
    """Parses articles with spaCy and codes their events. Heavy: build once per process."""

    def __init__(self, nlp: Language, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self.sentences = SentenceCoder(lexicon, gazetteer)
        self.trimmer = Trimmer()  # a worker's freed arrays go back to the system

    @classmethod
    def load(cls) -> Coder:
        from .gazetteer import Gazetteer
        from .lexicon import Lexicon

        return cls(load_nlp(), Lexicon.load(), Gazetteer.load())

    def code(self, article: Article, doc: Doc) -> list[Mention]:
        drafts = self.sentences.code_doc(doc, article)
        return to_mentions(drafts, article, self.lexicon)

    def code_articles(self, articles: Sequence[Article]) -> list[list[Mention]]:
        docs = self.nlp.pipe((a.text for a in articles), batch_size=16)
        return [self.code(article, doc) for article, doc in zip(articles, docs, strict=True)]

    def code_text(self, text: str, published: date | None = None, url: str = "text") -> list[
            Mention]:
        """Code a plain text as an article (for evaluation and the Python API)."""
        from .extract import article_id

        article = Article(article_id(text), url, None, published, None, text)
        return self.code(article, self.nlp(text))

    def process_documents(self, documents: Sequence[Document], published: date | None
                          ) -> list[Coded]:
        """Extract and code a batch: the unit of work of a worker process or a Ray actor."""
        extracted = [(extract(d, published=published), d.url) for d in documents]
        articles = [a for a, _ in extracted if isinstance(a, Article)]
        coded = iter(self.code_articles(articles))
        self.trimmer.count(len(documents))
        return [(a, next(coded) if isinstance(a, Article) else [], url) for a, url in extracted]


@dataclass(frozen=True)
class RunOptions:
    workers: int = 1
    batch_size: int = 8  # documents per job: small enough that no core idles at the end
    store_batch: int = 64  # articles per store transaction: DuckDB's cost is per statement
    renew_after: int | None = 64  # batches a worker codes before a fresh one replaces it
    published: date | None = None
    allow_private_hosts: bool = False


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def batches(items: Iterable[Document | Skipped], size: int
            ) -> Iterator[tuple[list[Document], list[Skipped]]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield ([d for d in chunk if isinstance(d, Document)],
               [s for s in chunk if isinstance(s, Skipped)])


IN_FLIGHT_PER_WORKER = 4  # batches read ahead per worker: no core waits for a slow batch


def code_batches(jobs: Jobs, options: RunOptions, coder: Callable[[], Coder]
                 ) -> Iterator[tuple[list[Coded], list[Skipped]]]:
    """Run extraction and coding in `workers` processes, in order, streaming.

    The Coder is built once, here, so that a model that cannot load fails once in this
    process; the workers share its pages and are renewed every `options.renew_after` batches
    (`workers.py`), so that their memory does not grow with the corpus. At most
    IN_FLIGHT_PER_WORKER batches per worker are read ahead, so memory does not grow however
    slow the store is either.
    """
    local = coder()
    if options.workers <= 1:
        for documents, skipped in jobs:
            yield local.process_documents(documents, options.published), skipped
        return
    with Workers(local, options.workers, options.renew_after) as pool:
        del local
        yield from pool.code(jobs, options.published, options.workers * IN_FLIGHT_PER_WORKER)


def process(
    sources: Sequence[str],
    store: Store,
    *,
    options: RunOptions = RunOptions(),
    coder: Callable[[], Coder] = Coder.load,
    stdin: BinaryIO | None = None,
    on_document: Callable[[], None] | None = None,
    engine: Engine = code_batches,
) -> IngestSummary:
    """Ingest every source into the store, `options.store_batch` articles per transaction
    (one per article when a batch fails, so that only the bad one is lost).

    `engine` codes the batches, in order: `code_batches` here, or the Ray engine's.
    """
    documents = iter_documents(sources, published=options.published, stdin=stdin,
                               allow_private_hosts=options.allow_private_hosts)
    counts = {"documents": 0, "articles": 0, "new": 0, "events": 0}
    skipped: list[Skipped] = []
    saving: list[Saving] = []
    trimmer = Trimmer()  # the writer's freed buffers too

    def save() -> None:
        for item, new in zip(saving, store.save_articles(saving), strict=True):
            counts["articles"] += 1
            if new:
                counts["new"] += 1
                counts["events"] += len(item.mentions)
        trimmer.count(len(saving))
        saving.clear()

    for coded, skips in engine(batches(documents, options.batch_size), options, coder):
        skipped.extend(skips)
        for result, mentions, url in coded:
            counts["documents"] += 1
            if on_document is not None:
                on_document()
            if isinstance(result, Skipped):
                skipped.append(result)
            else:
                saving.append(Saving(result, mentions, url))
        if len(saving) >= options.store_batch:
            save()
    save()
    return IngestSummary(counts["documents"], counts["articles"], counts["new"],
                         counts["events"], tuple(skipped))
