"""WARC archives (.warc, .warc.gz; Common Crawl News is the reference): HTML responses in,
streamed record by record, never the whole archive in memory.

Records that are not HTML pages (requests, metadata, images, error responses, ...) are
counted, and reported as one Skipped at the end of the archive, so a run's summary shows one
line per archive rather than thousands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from newsevents.models import Document, Skipped

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
DEFAULT_MAX_BYTES = 5_000_000
_MAX_REASON_CHARS = 120


def _warc_date(value: str | None) -> date | None:
    """WARC-Date "2024-01-18T09:12:33Z" -> 2024-01-18 (the capture date: only a hint)."""
    try:
        return datetime.fromisoformat(value).date() if value else None
    except ValueError:
        return None


def _skip_kind(record: Any) -> str | None:
    """Why a record is not an HTML page ("request", "response image/jpeg", ...), or None."""
    if record.rec_type != "response":
        return str(record.rec_type)
    http = record.http_headers
    if http is None:
        return "response without HTTP headers"
    status = http.get_statuscode()
    if status != "200":
        return f"response HTTP {status}"
    content_type = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if content_type not in HTML_TYPES:
        return f"response {content_type or 'without content type'}"
    return None


def _document(record: Any, max_bytes: int) -> Document | None:
    """The page in an HTML response record, or None when it is larger than `max_bytes`."""
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return None
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
    unread = record.raw_stream.limit if isinstance(record.raw_stream, LimitReader) else 0
    if unread > 0:  # warcio ends a record at end of file without complaint
        raise ValueError(f"archive ends inside the record of {url}")
    return Document(
        url=url,
        body=body,
        content_type="text/html",
        published_hint=_warc_date(record.rec_headers.get_header("WARC-Date")),
    )


def _brief(exc: Exception) -> str:
    """The first line of an error, cut short: warcio quotes raw (binary) archive bytes."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = "".join(char if char.isprintable() else "?" for char in text)
    if not isinstance(exc, ArchiveLoadFailed | ValueError | EOFError):
        text = f"damaged data ({type(exc).__name__}: {text})"
    return text if len(text) <= _MAX_REASON_CHARS else text[:_MAX_REASON_CHARS] + "..."


def _summary(path: Path, skipped: Counter[str]) -> Skipped:
    details = ", ".join(f"{count} {kind}" for kind, count in skipped.most_common())
    return Skipped(str(path), f"{skipped.total()} records skipped, not HTML pages: {details}")


def iter_warc_documents(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Skipped]:
    """One Document per HTML response record (URL from WARC-Target-URI, WARC-Date as hint).

    Ends with a single Skipped counting the other records, if any; a corrupt archive yields
    the documents read so far, then a Skipped with the reason.
    """
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield Skipped(str(path), f"cannot read archive: {exc.strerror or exc}")
        return
    skipped: Counter[str] = Counter()
    read = 0
    failed = False
    with stream:
        records = iter(ArchiveIterator(stream))
        while True:
            try:
                record = next(records, None)
                if record is None:
                    break
                if record.format != "warc":  # warcio also reads ARC, and takes text for it
                    raise ValueError(f"not a WARC record ({record.format} format)")
                kind = _skip_kind(record)
                document = _document(record, max_bytes) if kind is None else None
            # warcio fails on damaged input in many ways (even AttributeError on a truncated
            # gzip member); whatever it raises here means the rest of the archive is unusable.
            except Exception as exc:
                yield Skipped(str(path), f"corrupt archive after {read} records: {_brief(exc)}")
                failed = True
                break
            read += 1
            if document is None:
                skipped[kind or f"response larger than {max_bytes} bytes"] += 1
            else:
                yield document
    if read == 0 and not failed:  # warcio reads an empty or non-gzip ".gz" as no records
        yield Skipped(str(path), "no WARC records: empty or not a WARC archive")
    if skipped:
        yield _summary(path, skipped)
