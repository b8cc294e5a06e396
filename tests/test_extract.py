"""Extraction: Documents become Articles with clean text, title, site, date and a stable id."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from newsevents.extract import (
    BINARY,
    MAX_ARTICLE_CHARS,
    NO_TEXT,
    article_id,
    clean_title,
    decode_html,
    decode_text,
    extract,
)
from newsevents.models import Article, Document, Skipped

IO_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "io"
HINT = date(2024, 1, 18)
ARGUMENT = date(2020, 1, 1)
STORY = (
    "Troops Exchange Fire at the Border\n\n"
    "Troops from Northland and Southland exchanged fire on Monday, officials said.\n\n"
    "Café owners in Kestel said the “shelling” lasted two hours.\n"
)


def _article(doc: Document, **kwargs: date | None) -> Article:
    result = extract(doc, **kwargs)
    assert isinstance(result, Article), result
    return result


def _fixture(name: str, content_type: str, hint: date | None = None) -> Document:
    body = (IO_FIXTURES / name).read_bytes()
    return Document(f"https://news.example.org/{name}", body, content_type, hint)


# --- HTML ------------------------------------------------------------------------------


def test_html_page_gives_text_title_site_date_and_caption() -> None:
    article = _article(_fixture("page.html", "text/html"))
    assert article.title == "Border Clashes Flare Near Lakeview"
    assert article.site == "The Daily Example"
    assert article.published == date(2023, 5, 4)
    assert article.caption == "Soldiers patrol the frontier near Lakeview on Wednesday."
    assert len(article.paragraphs) == 3
    assert article.text == "\n\n".join(article.paragraphs)
    assert article.paragraphs[0].startswith("Troops from Northland and Southland exchanged fire")
    for junk in ("Advertisement", "Home", "By Jane Roe", "All rights reserved"):
        assert junk not in article.text
    assert article.url == "https://news.example.org/page.html"
    assert article.id == article_id(article.text)


@pytest.mark.parametrize(
    ("hint", "argument", "expected"),
    [
        (HINT, ARGUMENT, date(2023, 5, 4)),
        (None, ARGUMENT, date(2023, 5, 4)),
        (None, None, date(2023, 5, 4)),
    ],
)
def test_the_pages_own_date_wins_over_hints(
    hint: date | None, argument: date | None, expected: date
) -> None:
    doc = _fixture("page.html", "text/html", hint)
    assert _article(doc, published=argument).published == expected


@pytest.mark.parametrize(
    ("hint", "argument", "expected"),
    [(HINT, ARGUMENT, HINT), (None, ARGUMENT, ARGUMENT), (None, None, None)],
)
def test_an_undated_page_takes_the_document_hint_then_the_argument(
    hint: date | None, argument: date | None, expected: date | None
) -> None:
    doc = _fixture("undated-page.html", "text/html", hint)
    article = _article(doc, published=argument)
    assert article.published == expected
    assert article.title == "Protesters Rally Outside Parliament"
    assert article.site == "news.example.org"


@pytest.mark.parametrize(
    "body",
    [
        b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav>"
        b"<div>Login</div></body></html>",
        b"<html><body></body></html>",
        b"   ",
    ],
    ids=["navigation-only", "empty-body", "blank"],
)
def test_a_page_without_main_text_is_skipped(body: bytes) -> None:
    assert extract(Document("https://x.org/a", body, "text/html")) == Skipped(
        "https://x.org/a", NO_TEXT
    )


@pytest.mark.parametrize("content_type", ["text/html", "text/plain", "text/markdown"])
def test_random_bytes_are_skipped_as_binary(content_type: str) -> None:
    body = bytes(range(256)) * 8 + os.urandom(512)
    assert extract(Document("file:///x.html", body, content_type)) == Skipped(
        "file:///x.html", BINARY
    )


def test_html_declared_as_windows_1252_is_decoded_with_that_charset() -> None:
    html = (
        '<html><head><meta charset="windows-1252"><title>Talks Resume</title></head><body>'
        "<article><p>The envoy\u2019s caf\u00e9 meeting \u201cwent well\u201d, officials in "
        "Port Alder said on Tuesday after the second round of talks.</p></article></body></html>"
    )
    article = _article(Document("https://x.org/a", html.encode("cp1252"), "text/html"))
    assert "envoy\u2019s caf\u00e9 meeting \u201cwent well\u201d" in article.text


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Border Clashes Flare | The Daily Example", "The Daily Example", "Border Clashes Flare"),
        ("Border Clashes Flare - example.com", "www.example.com", "Border Clashes Flare"),
        ("The Daily Example: Border Clashes Flare", "The Daily Example", "Border Clashes Flare"),
        ("Opinion | Border Clashes", "The Daily Example", "Opinion | Border Clashes"),
        ("  Border   Clashes ", None, "Border Clashes"),
        (None, "x", None),
    ],
)
def test_titles_lose_the_site_name(
    title: str | None, site: str | None, expected: str | None
) -> None:
    assert clean_title(title, site) == expected


# --- plain text and markdown -----------------------------------------------------------


def test_scraped_text_page_is_cleaned_and_dated_from_its_byline() -> None:
    article = _article(_fixture("scraped-page.txt", "text/plain", HINT), published=ARGUMENT)
    assert article.title == "Ceasefire Talks Collapse After Border Shelling"
    assert article.published == date(2023, 3, 3)  # the byline's date is the page's own
    assert article.site == "news.example.org"
    assert article.caption == (
        "Residents inspect a damaged house in the border village of Kestel on Thursday."
    )
    assert len(article.paragraphs) == 5
    assert "Getty" not in article.text and "fbpx" not in article.text


def test_markdown_page_is_cleaned() -> None:
    article = _article(_fixture("scraped-page.md", "text/markdown"))
    assert article.title == "Flooding Displaces Thousands in River Delta"
    assert "](" not in article.text and "**" not in article.text


def test_plain_text_without_a_date_takes_the_hint_then_the_argument() -> None:
    body = STORY.encode()
    assert _article(Document("u", body, "text/plain", HINT), published=ARGUMENT).published == HINT
    assert _article(Document("u", body, "text/plain"), published=ARGUMENT).published == ARGUMENT


def test_a_title_from_the_record_is_used_and_removed_from_the_body() -> None:
    doc = Document("u", STORY.encode(), "text/plain", None, "Troops Exchange Fire at the Border")
    article = _article(doc)
    assert article.title == "Troops Exchange Fire at the Border"
    assert not article.text.startswith("Troops Exchange")


@pytest.mark.parametrize("body", [b"", b" \n\n \t", b"fbpx\n\nAdvertisement\nShare\n"])
def test_text_without_a_story_is_skipped(body: bytes) -> None:
    assert extract(Document("u", body, "text/plain")) == Skipped("u", NO_TEXT)


def _long_story(chars: int) -> str:
    paragraph = "Troops from Northland and Southland exchanged fire on Monday, officials said."
    return "\n\n".join([paragraph] * (chars // (len(paragraph) + 2) + 1))


@pytest.mark.parametrize("chars", [MAX_ARTICLE_CHARS + 100, 5 * MAX_ARTICLE_CHARS])
def test_a_text_longer_than_any_news_story_is_skipped_with_its_length(chars: int) -> None:
    text = _long_story(chars)
    result = extract(Document("long.txt", text.encode(), "text/plain"))
    assert isinstance(result, Skipped) and result.source == "long.txt"
    assert f"{len(text):,} characters" in result.reason
    assert f"at most {MAX_ARTICLE_CHARS:,}" in result.reason


def test_a_story_just_under_the_length_limit_is_kept() -> None:
    text = _long_story(MAX_ARTICLE_CHARS - 200)[: MAX_ARTICLE_CHARS - 200].rsplit("\n\n", 1)[0]
    assert len(_article(Document("u", text.encode(), "text/plain")).text) <= MAX_ARTICLE_CHARS


def test_a_page_whose_main_text_is_too_long_is_skipped() -> None:
    paragraphs = "".join(f"<p>Paragraph {i}: troops from Northland and Southland exchanged fire "
                         f"near the border on Monday, officials said.</p>" for i in range(1500))
    page = f"<html><head><title>Long</title></head><body><article>{paragraphs}</article></body>"
    result = extract(Document("https://x.org/long", page.encode(), "text/html"))
    assert isinstance(result, Skipped) and "longer than a news article" in result.reason


# --- decoding and identity -------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: text.encode("utf-8-sig"),
        lambda text: text.encode("utf-16"),
        lambda text: text.encode("utf-16-le"),
        lambda text: text.encode("utf-16-be"),
        lambda text: text.encode("cp1252"),
        lambda text: text.replace("“", '"').replace("”", '"').encode("latin-1"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le", "utf-16-be", "cp1252", "latin-1"],
)
def test_every_common_encoding_is_decoded(encode) -> None:  # type: ignore[no-untyped-def]
    decoded = decode_text(encode(STORY))
    assert decoded is not None
    assert "Café owners in Kestel" in decoded


def test_latin1_bytes_undefined_in_cp1252_are_still_decoded() -> None:
    assert decode_text(b"Caf\xe9 \x81 in Kestel, a story.") == "Café \x81 in Kestel, a story."


def test_decode_html_prefers_the_declared_charset() -> None:
    body = '<meta charset="iso-8859-1"><p>Caf\u00e9 \u201cquote\u201d</p>'.encode("cp1252")
    assert decode_html(body) == '<meta charset="iso-8859-1"><p>Café “quote”</p>'


def test_the_same_story_has_the_same_id_from_any_path_and_encoding() -> None:
    base = _article(Document("https://a.example/1", STORY.encode(), "text/plain"))
    variants = [
        Document("file:///tmp/copy.txt", STORY.encode("cp1252"), "text/plain"),
        Document("https://b.example/2", STORY.replace("\n", "\r\n").encode("utf-16"), "text/plain"),
        Document("stdin", STORY.replace(" on Monday", "\u00a0on  Monday").encode(), "text/plain"),
        Document("https://c.example/3", STORY.encode(), "text/markdown", HINT),
    ]
    for doc in variants:
        article = _article(doc)
        assert article.id == base.id, doc.url
        assert article.text == base.text


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Troops  crossed\nthe border.", "troops crossed the border."),
        ("ＴＲＯＯＰＳ crossed", "troops crossed"),  # NFKC folds full-width letters
        ("Straße", "STRASSE"),  # casefold
    ],
)
def test_article_id_ignores_case_width_and_spacing(left: str, right: str) -> None:
    assert article_id(left) == article_id(right)
    assert len(article_id(left)) == 16
    assert article_id(left) != article_id(left + " Again.")


@pytest.mark.parametrize("code", range(0x100))
def test_only_c0_controls_and_del_other_than_spacing_make_a_text_binary(code: int) -> None:
    from newsevents.extract import _text_or_none

    char = chr(code)
    binary = (code < 0x20 or code == 0x7F) and char not in "\t\n\r\f\v"
    assert (_text_or_none(char * 10) is None) is binary
    assert _text_or_none(char + "x" * 99) is not None  # one stray byte in a text is no binary
