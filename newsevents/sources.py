"""Turn what the user names into Documents, one at a time.

Each kind of source has one reader function; `_dispatch` picks the reader for a source string
and `_FILE_READERS` picks one for a file by its name. Bad input becomes `Skipped(source, reason)`:
no exception escapes `iter_documents`.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, BinaryIO

from newsevents.models import Document, Skipped

if TYPE_CHECKING:
    import httpx

Item = Document | Skipped

STDIN = "-"
MAX_FILE_BYTES = 64 * 1024 * 1024  # larger than any news page; protects memory from mistakes
SNIFF_BYTES = 4096
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title)\b", re.IGNORECASE
)
_MARKDOWN_MARK = re.compile(rb"(?m)^#{1,6} \S|!?\[[^\]\n]+\]\([^)\s]+\)")
CONTENT_TYPES = MappingProxyType(
    {".html": "text/html", ".htm": "text/html", ".txt": "text/plain", ".md": "text/markdown"}
)


@dataclass(frozen=True)
class ReadOptions:
    """What every reader may need, built once by `iter_documents`."""

    published: date | None = None
    stdin: BinaryIO | None = None
    client: httpx.Client | None = None
    allow_private_hosts: bool = False


Reader = Callable[[Path, ReadOptions], Iterator[Item]]


def iter_documents(
    sources: Sequence[str],
    *,
    published: date | None = None,
    stdin: BinaryIO | None = None,
    allow_private_hosts: bool = False,
    client: httpx.Client | None = None,
) -> Iterator[Item]:
    """Yield a Document for each usable input and a Skipped for each unusable one, in order.

    `published` is the publication date for inputs that carry none. URLs and feeds are
    fetched with `client` (one is made, and closed at the end, when none is given).
    """
    from . import web

    own_client = client is None and any(web.is_url(s) or _is_feed_file(s) for s in sources)
    if own_client:
        client = web.make_client(allow_private_hosts=allow_private_hosts)
    options = ReadOptions(published, stdin, client, allow_private_hosts)
    try:
        for source in sources:
            for item in _dispatch(source, options):
                if isinstance(item, Document) and item.published_hint is None and published:
                    item = replace(item, published_hint=published)
                yield item
    finally:
        if own_client and client is not None:
            client.close()


def _is_feed_file(source: str) -> bool:
    return source.lower().endswith(FEED_SUFFIXES)


def _dispatch(source: str, options: ReadOptions) -> Iterator[Item]:
    from . import web

    if source == STDIN:
        return read_stdin(options)
    if web.is_url(source):
        assert options.client is not None
        return web.iter_url_documents([source], options.client,
                                      allow_private_hosts=options.allow_private_hosts)
    path = Path(source)
    try:
        if path.is_dir():
            return read_directory(path, options)
        if path.is_file():
            return read_file(path, options)
    except OSError as error:
        return iter([Skipped(source, f"cannot read: {_os_reason(error)}")])
    if path.exists():
        return iter([Skipped(source, "not a regular file or directory")])
    return iter([Skipped(source, "no such file or directory")])


# --- files and directories -------------------------------------------------------------


def read_directory(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Every non-hidden file below `path`, recursively, in sorted order."""
    for entry in _walk(path, set()):
        if isinstance(entry, Skipped):
            yield entry
        else:
            yield from read_file(entry, options)


def _walk(directory: Path, seen: set[Path]) -> Iterator[Path | Skipped]:
    real = directory.resolve()
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except OSError as error:
        yield Skipped(str(directory), f"cannot list directory: {_os_reason(error)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif entry.is_file():
            yield entry


def read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Dispatch one file on its name to the reader for its kind."""
    reader = _file_reader(path)
    if reader is None:
        allowed = ", ".join(sorted(_FILE_READERS))
        suffix = path.suffix or "(none)"
        yield Skipped(str(path), f"unsupported file type {suffix} (expected one of {allowed})")
        return
    try:
        yield from reader(path, options)
    except OSError as error:
        yield Skipped(str(path), f"cannot read: {_os_reason(error)}")


def _file_reader(path: Path) -> Reader | None:
    name = path.name.lower()
    # longest suffix first, so that a future ".warc.gz" wins over ".gz"
    for suffix in sorted(_FILE_READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return _FILE_READERS[suffix]
    return None


def read_page(path: Path, options: ReadOptions) -> Iterator[Item]:
    """One HTML, text or markdown file is one Document."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield Skipped(str(path), f"file too large ({size} bytes, limit {MAX_FILE_BYTES})")
        return
    body = path.read_bytes()
    if not body.strip():
        yield Skipped(str(path), "empty file")
        return
    content_type = CONTENT_TYPES[path.suffix.lower()]
    yield Document(_file_url(path), body, content_type, options.published)


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Item]:
    """One Document per line of a JSON-lines file, read line by line."""
    with path.open("rb") as stream:
        yield from _jsonl_lines(stream, str(path), _file_url(path), options)


def _file_url(path: Path) -> str:
    return path.resolve().as_uri()


# --- standard input --------------------------------------------------------------------


def read_stdin(options: ReadOptions) -> Iterator[Item]:
    """`-`: JSON lines when the first line is a JSON object, else one HTML or text page."""
    stream = options.stdin if options.stdin is not None else sys.stdin.buffer
    try:
        first = stream.readline()
        if first.lstrip().startswith(b"{"):
            lines = _chain_first(first, stream)
            yield from _jsonl_lines(lines, "<stdin>", "stdin", options)
            return
        body = first + stream.read(MAX_FILE_BYTES)
    except OSError as error:
        yield Skipped("<stdin>", f"cannot read: {_os_reason(error)}")
        return
    if not body.strip():
        yield Skipped("<stdin>", "empty input")
        return
    yield Document("stdin", body, sniff_content_type(body), options.published)


def sniff_content_type(body: bytes) -> str:
    """text/html or text/markdown when the start of `body` looks like it, else text/plain."""
    head = body[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_START.match(head) or _HTML_START.search(head[:SNIFF_BYTES // 4]):
        return "text/html"
    return "text/markdown" if _MARKDOWN_MARK.search(head) else "text/plain"


def _chain_first(first: bytes, rest: BinaryIO) -> Iterator[bytes]:
    yield first
    yield from rest


# --- JSON lines ------------------------------------------------------------------------


def _jsonl_lines(
    lines: Iterable[bytes], label: str, url: str, options: ReadOptions
) -> Iterator[Item]:
    seen_any = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        seen_any = True
        yield _jsonl_item(raw, f"{label}:{number}", f"{url}#L{number}", options)
    if not seen_any:
        yield Skipped(label, "empty file")


def _jsonl_item(raw: bytes, source: str, fallback_url: str, options: ReadOptions) -> Item:
    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return Skipped(source, f"invalid JSON: {error}")
    if not isinstance(record, dict):
        return Skipped(source, "expected a JSON object")
    return _record_document(record, source, fallback_url, options)


def _record_document(
    record: dict[str, Any], source: str, fallback_url: str, options: ReadOptions
) -> Item:
    body, content_type = _record_body(record)
    if body is None:
        return Skipped(source, "no 'html' or 'text' field with content")
    raw_date = record.get("published")
    published = options.published
    if raw_date not in (None, ""):
        published = parse_published(raw_date)
        if published is None:
            return Skipped(source, f"invalid 'published' date {raw_date!r} (expected YYYY-MM-DD)")
    url = record.get("url")
    title = record.get("title")
    return Document(
        url=url if isinstance(url, str) and url.strip() else fallback_url,
        body=body.encode("utf-8"),
        content_type=content_type,
        published_hint=published,
        title_hint=title.strip() if isinstance(title, str) and title.strip() else None,
    )


def _record_body(record: dict[str, Any]) -> tuple[str | None, str]:
    for field, content_type in (("html", "text/html"), ("text", "text/plain")):
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return value, content_type
    return None, "text/plain"


def parse_published(value: object) -> date | None:
    """A date from `YYYY-MM-DD` or an ISO datetime (`Z` allowed); None when it is neither."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


def read_warc(path: Path, options: ReadOptions) -> Iterator[Item]:
    from .warc import iter_warc_documents

    return iter_warc_documents(path)


def read_feed(path: Path, options: ReadOptions) -> Iterator[Item]:
    """An RSS/Atom file: its items' pages are fetched (with a client of its own if need be)."""
    from .feeds import iter_feed_documents
    from .web import make_client

    if options.client is not None:
        yield from iter_feed_documents(str(path), options.client,
                                       allow_private_hosts=options.allow_private_hosts)
        return
    with make_client(allow_private_hosts=options.allow_private_hosts) as client:
        yield from iter_feed_documents(str(path), client,
                                       allow_private_hosts=options.allow_private_hosts)


FEED_SUFFIXES = (".rss", ".atom")
_FILE_READERS: MappingProxyType[str, Reader] = MappingProxyType(
    {**{suffix: read_page for suffix in CONTENT_TYPES}, ".jsonl": read_jsonl,
     ".warc": read_warc, ".warc.gz": read_warc, **{s: read_feed for s in FEED_SUFFIXES}}
)
