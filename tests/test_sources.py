"""Sources: files, directories, JSON lines and stdin become Documents or Skipped, lazily."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from newsevents.models import Document, Skipped
from newsevents.sources import iter_documents, parse_published, sniff_content_type

IO_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "io"
HINT = date(2024, 1, 18)


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("story.html", "text/html"),
        ("story.htm", "text/html"),
        ("STORY.HTML", "text/html"),
        ("story.txt", "text/plain"),
        ("story.md", "text/markdown"),
    ],
)
def test_a_file_becomes_one_document_typed_by_its_extension(
    tmp_path: Path, name: str, content_type: str
) -> None:
    path = _write(tmp_path / name, "Troops crossed the border on Monday.")
    [item] = iter_documents([str(path)], published=HINT)
    assert isinstance(item, Document)
    assert item.content_type == content_type
    assert item.body == b"Troops crossed the border on Monday."
    assert item.url == path.resolve().as_uri()
    assert item.published_hint == HINT


def test_a_directory_is_read_recursively_in_sorted_order_without_hidden_files(
    tmp_path: Path,
) -> None:
    for name in ("b.txt", "a.html", "sub/c.md", "sub/deeper/d.txt", ".hidden.txt",
                 ".git/e.txt", "sub/.secret/f.txt"):
        _write(tmp_path / name, f"Text of {name}.")
    items = list(iter_documents([str(tmp_path)]))
    assert all(isinstance(item, Document) for item in items)
    names = [Path(item.url).name for item in items if isinstance(item, Document)]
    assert names == ["a.html", "b.txt", "c.md", "d.txt"]


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda p: None, "no such file or directory"),
        (lambda p: _write(p, b""), "empty file"),
        (lambda p: _write(p, b"  \n\t\n"), "empty file"),
    ],
    ids=["missing", "empty", "blank"],
)
def test_bad_files_become_skipped_with_a_reason(tmp_path: Path, setup, reason: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "story.txt"
    setup(path)
    assert list(iter_documents([str(path)])) == [Skipped(str(path), reason)]


@pytest.mark.parametrize("name", ["scan.pdf", "photo.jpg", "notes", "data.json"])
def test_an_unsupported_extension_is_skipped_naming_the_allowed_ones(
    tmp_path: Path, name: str
) -> None:
    path = _write(tmp_path / name, "x")
    [item] = iter_documents([str(path)])
    assert isinstance(item, Skipped)
    assert item.source == str(path)
    assert "unsupported file type" in item.reason
    assert ".html" in item.reason and ".jsonl" in item.reason


def test_an_unreadable_file_is_skipped_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "story.txt", "Some text.")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert list(iter_documents([str(path)])) == [
        Skipped(str(path), "cannot read: Permission denied")
    ]


def test_a_skipped_input_does_not_stop_the_ones_after_it(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", "Protesters gathered in the square.")
    items = list(iter_documents([str(tmp_path / "missing.txt"), str(good)]))
    assert [type(item) for item in items] == [Skipped, Document]


def test_jsonl_lines_become_documents_or_skipped_with_file_and_line() -> None:
    path = IO_FIXTURES / "articles.jsonl"
    items = list(iter_documents([str(path)], published=HINT))
    label = str(path)
    skipped = {item.source: item.reason for item in items if isinstance(item, Skipped)}
    assert set(skipped) == {f"{label}:3", f"{label}:4", f"{label}:6", f"{label}:7"}
    assert skipped[f"{label}:3"].startswith("invalid JSON")
    assert "no 'html' or 'text'" in skipped[f"{label}:4"]
    assert skipped[f"{label}:6"] == "expected a JSON object"
    assert "invalid 'published' date" in skipped[f"{label}:7"]

    documents = [item for item in items if isinstance(item, Document)]
    rally, strike, convoy = documents
    assert (rally.url, rally.content_type, rally.published_hint, rally.title_hint) == (
        "https://news.example.org/rally", "text/plain", date(2023, 4, 1), "Rally in Port Alder"
    )
    assert (strike.content_type, strike.published_hint) == ("text/html", date(2023, 4, 2))
    assert strike.body.startswith(b"<html>")
    assert convoy.url == path.resolve().as_uri() + "#L8"
    assert convoy.published_hint == HINT  # the line carries no date: the hint fills in


def test_an_empty_jsonl_file_is_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path / "feed.jsonl", "\n\n")
    assert list(iter_documents([str(path)])) == [Skipped(str(path), "empty file")]


def test_jsonl_is_streamed_line_by_line() -> None:
    line = json.dumps({"url": "https://example.org/x", "text": "A strike hit the depot."})
    data = ("\n".join([line] * 2000) + "\n").encode()
    stream = io.BytesIO(data)
    documents = iter_documents(["-"], stdin=stream)
    first = next(documents)
    assert isinstance(first, Document)
    assert stream.tell() < len(data) // 100


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "text/html"),
        (b"\xef\xbb\xbf  <html lang='en'><p>Hi</p></html>", "text/html"),
        (b"# Headline\n\nA paragraph with a [link](https://example.org).", "text/markdown"),
        (b"Headline\n\nA plain paragraph about troops, 3 < 4.", "text/plain"),
    ],
)
def test_stdin_is_sniffed_as_html_markdown_or_text(body: bytes, content_type: str) -> None:
    assert sniff_content_type(body) == content_type
    [item] = iter_documents(["-"], stdin=io.BytesIO(body), published=HINT)
    assert isinstance(item, Document)
    assert (item.url, item.content_type, item.body, item.published_hint) == (
        "stdin", content_type, body, HINT
    )


def test_jsonl_on_stdin_is_read_as_records() -> None:
    lines = b'{"text": "Aid arrived in the town."}\nnot json\n'
    items = list(iter_documents(["-"], stdin=io.BytesIO(lines)))
    assert isinstance(items[0], Document) and items[0].url == "stdin#L1"
    assert isinstance(items[1], Skipped) and items[1].source == "<stdin>:2"


def test_empty_stdin_is_skipped() -> None:
    assert list(iter_documents(["-"], stdin=io.BytesIO(b" \n"))) == [
        Skipped("<stdin>", "empty input")
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-18", date(2024, 1, 18)),
        ("2024-01-18T09:30:00", date(2024, 1, 18)),
        ("2024-01-18T09:30:00Z", date(2024, 1, 18)),
        ("2024-01-18T23:30:00-05:00", date(2024, 1, 18)),
        (" 2024-01-18 ", date(2024, 1, 18)),
        ("18/01/2024", None),
        ("yesterday", None),
        (20240118, None),
    ],
)
def test_published_accepts_dates_and_iso_datetimes(value: object, expected: date | None) -> None:
    assert parse_published(value) == expected


def test_a_symlink_loop_in_a_directory_is_read_once(tmp_path: Path) -> None:
    _write(tmp_path / "corpus" / "a.txt", "A story about a strike.")
    (tmp_path / "corpus" / "loop").symlink_to(tmp_path / "corpus", target_is_directory=True)
    items = list(iter_documents([str(tmp_path / "corpus")]))
    assert [Path(item.url).name for item in items if isinstance(item, Document)] == ["a.txt"]


def test_a_directory_may_mix_pages_jsonl_archives_and_feeds(tmp_path: Path) -> None:
    from loopback import Reply, rss, serving
    from test_warc import page, write_warc

    with serving() as site:
        item = site.route("/item", Reply(body=b"<html><body><p>Talks resumed.</p></body></html>"))
        feed = rss(("Talks", item, "Thu, 18 Jan 2024 08:00:00 GMT"))
        _write(tmp_path / "mixed" / "feed.rss", feed)
        _write(tmp_path / "mixed" / "a.html", b"<p>Troops crossed the border.</p>")
        _write(tmp_path / "mixed" / "b.jsonl", b'{"url": "https://x.example/1", "text": "One."}\n')
        write_warc(tmp_path / "mixed" / "c.warc.gz",
                   [page("https://news.example/c", b"<html><body><p>C.</p></body></html>")])
        items = list(iter_documents([str(tmp_path / "mixed")], allow_private_hosts=True))
    documents = [item for item in items if isinstance(item, Document)]
    assert [d.url.rsplit("/", 1)[1] for d in documents] == ["a.html", "1", "c", "item"]
    assert documents[-1].published_hint == date(2024, 1, 18)
    assert [s.reason for s in items if isinstance(s, Skipped)] == [
        "1 records skipped, not HTML pages: 1 warcinfo"
    ]
