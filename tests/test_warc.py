"""warc.py: HTML responses of WARC archives become Documents; everything else is counted."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.models import Document, Skipped
from newsevents.warc import iter_warc_documents

STORY_A = b"<html><body><h1>Talks resume</h1><p>Ministers met on Tuesday.</p></body></html>"
STORY_B = b"<html><body><h1>Border reopens</h1><p>Trucks crossed at dawn.</p></body></html>"
CAPTURED = "2024-01-18T09:12:33Z"

Record = tuple[str, str, bytes, str, str]  # type, url, body, http status line, content type


def write_warc(path: Path, records: list[Record]) -> Path:
    """A WARC (gzipped per record when the name ends in .gz), Common Crawl News style."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for rec_type, url, body, status, content_type in records:
            is_request = rec_type == "request"
            http = StatusAndHeaders(
                status, [("Content-Type", content_type)] if content_type else [],
                protocol="" if is_request else "HTTP/1.1", is_http_request=is_request,
            )
            writer.write_record(writer.create_warc_record(
                url, rec_type, payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": CAPTURED},
            ))
    return path


def page(url: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> Record:
    return ("response", url, body, "200 OK", content_type)


IMAGE = ("response", "https://news.example/photo.jpg", b"\xff\xd8\xff\xe0", "200 OK", "image/jpeg")


@pytest.mark.parametrize("name", ["news.warc.gz", "news.warc"])
def test_html_responses_become_documents_and_the_rest_is_counted(
    tmp_path: Path, name: str
) -> None:
    archive = write_warc(tmp_path / name, [
        page("https://news.example/talks", STORY_A),
        IMAGE,
        page("https://news.example/border", STORY_B),
    ])
    assert list(iter_warc_documents(archive)) == [
        Document("https://news.example/talks", STORY_A, "text/html", date(2024, 1, 18)),
        Document("https://news.example/border", STORY_B, "text/html", date(2024, 1, 18)),
        Skipped(
            str(archive), "2 records skipped, not HTML pages: 1 warcinfo, 1 response image/jpeg"
        ),
    ]


@pytest.mark.parametrize(
    ("record", "kind"),
    [
        (("response", "https://news.example/x", b"<p>gone</p>", "404 Not Found", "text/html"),
         "response HTTP 404"),
        (("request", "https://news.example/x", b"", "GET /x HTTP/1.1", ""), "request"),
        (("response", "https://news.example/x", b"{}", "200 OK", "application/json"),
         "response application/json"),
        (("response", "https://news.example/x", b"<p>?</p>", "200 OK", ""),
         "response without content type"),
    ],
)
def test_records_that_are_not_html_pages_are_counted_by_kind(
    tmp_path: Path, record: Record, kind: str
) -> None:
    archive = write_warc(
        tmp_path / "news.warc.gz", [record, page("https://news.example/a", STORY_A)]
    )
    *documents, summary = iter_warc_documents(archive)
    assert [d.url for d in documents] == ["https://news.example/a"]  # type: ignore[union-attr]
    assert summary == Skipped(
        str(archive), f"2 records skipped, not HTML pages: 1 warcinfo, 1 {kind}"
    )


def test_xhtml_responses_are_html_documents(tmp_path: Path) -> None:
    archive = write_warc(tmp_path / "news.warc.gz", [
        page("https://news.example/x", STORY_A, "application/xhtml+xml"),
    ])
    document = next(iter_warc_documents(archive))
    assert isinstance(document, Document) and document.content_type == "text/html"


def test_a_record_larger_than_the_cap_is_counted_not_loaded(tmp_path: Path) -> None:
    archive = write_warc(tmp_path / "news.warc.gz", [
        page("https://news.example/huge", b"<p>" + b"x" * 5000 + b"</p>"),
        page("https://news.example/a", STORY_A),
    ])
    *documents, summary = iter_warc_documents(archive, max_bytes=1000)
    assert [d.url for d in documents] == ["https://news.example/a"]  # type: ignore[union-attr]
    assert "1 response larger than 1000 bytes" in summary.reason  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "damage"),
    [
        ("news.warc.gz", lambda data: data[: len(data) - 40]),  # cut inside the last record
        ("news.warc", lambda data: data[: len(data) - 40]),
        ("news.warc.gz", lambda data: data + b"this is not a WARC record\r\n\r\n"),
    ],
)
def test_a_corrupt_archive_yields_what_was_read_then_the_reason(
    tmp_path: Path, name: str, damage: object
) -> None:
    archive = write_warc(tmp_path / name, [
        page("https://news.example/a", STORY_A),
        page("https://news.example/b", STORY_B * 20),
    ])
    complete = archive.read_bytes()
    archive.write_bytes(damage(complete))  # type: ignore[operator]
    results = list(iter_warc_documents(archive))
    documents = [r for r in results if isinstance(r, Document)]
    reasons = [r.reason for r in results if isinstance(r, Skipped)]
    assert documents[0].url == "https://news.example/a"
    assert any(reason.startswith("corrupt archive after") for reason in reasons)
    assert results[-1] == Skipped(str(archive), "1 records skipped, not HTML pages: 1 warcinfo")


def test_a_file_that_is_not_a_warc_is_one_skipped(tmp_path: Path) -> None:
    archive = tmp_path / "notes.warc"
    archive.write_text("these are my notes, not an archive\n")
    [result] = list(iter_warc_documents(archive))
    assert isinstance(result, Skipped) and result.reason.startswith("corrupt archive after 0")


def test_a_missing_archive_is_one_skipped(tmp_path: Path) -> None:
    missing = tmp_path / "missing.warc.gz"
    assert list(iter_warc_documents(missing)) == [
        Skipped(str(missing), "cannot read archive: No such file or directory")
    ]


NO_RECORDS = "no WARC records: empty or not a WARC archive"


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", NO_RECORDS), (b"\x1f\x8b", NO_RECORDS), (b"\x1f\x8b\x08\x00garbage", NO_RECORDS),
     (b"\x1f\x8b\x08\x00 not really gzip", "corrupt archive after 0 records")],
    ids=["empty", "cut-header", "bad-gzip", "text-after-magic"],
)  # fmt: skip
def test_an_archive_without_any_record_is_one_skipped(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    archive = tmp_path / "news.warc.gz"
    archive.write_bytes(data)
    [result] = list(iter_warc_documents(archive))
    assert isinstance(result, Skipped) and result.source == str(archive)
    assert result.reason.startswith(reason)


# --- end to end and streaming ------------------------------------------------------------------


def test_a_warc_gz_with_two_pages_and_an_image_gives_two_articles(tmp_path: Path) -> None:
    from stories import page as story_page
    from stories import story

    from newsevents.pipeline import Coder, RunOptions, process
    from newsevents.store import Store

    archive = write_warc(tmp_path / "crawl.warc.gz", [
        page("https://news.example/a", story_page(story(3), "News Example")),
        IMAGE,
        page("https://news.example/b", story_page(story(4), "News Example")),
    ])
    coder = Coder.load()
    with Store.open(":memory:") as store:
        summary = process([str(archive)], store, options=RunOptions(workers=1),
                          coder=lambda: coder)  # fmt: skip
        articles = sorted(store.articles(), key=lambda article: article.url)
    assert (summary.documents, summary.new_articles) == (2, 2)
    counted = "2 records skipped, not HTML pages: 1 warcinfo, 1 response image/jpeg"
    assert summary.skipped == (Skipped(str(archive), counted),)
    assert [(a.url, a.published) for a in articles] == [
        ("https://news.example/a", date(2024, 1, 18)),  # WARC-Date: the page has no date
        ("https://news.example/b", date(2024, 1, 18)),
    ]


def test_an_archive_is_streamed_record_by_record(tmp_path: Path) -> None:
    import os
    import tracemalloc

    pages = [page(f"https://news.example/{n}", b"<html><body><p>" + os.urandom(60_000).hex()
                  .encode() + b"</p></body></html>") for n in range(60)]  # fmt: skip
    archive = write_warc(tmp_path / "big.warc.gz", pages)
    size = archive.stat().st_size
    assert size > 3_000_000
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_warc_documents(archive) if isinstance(item, Document))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 60
    assert peak < size / 5  # a few records at a time, never the archive
