"""Turn a Document into an Article: main text, title, site, date and caption.

HTML goes through trafilatura (text and metadata, with htmldate for the date); plain text and
markdown through our boilerplate filter. Either way the text is normalised the same way, and
the article id is a hash of it, so the same story read from anywhere gets the same id.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from newsevents.boilerplate import BoilerplateFilter, CleanText, normalise_line
from newsevents.models import Article, Document, Skipped

ID_LENGTH = 16
MAX_CONTROL_RATIO = 0.01  # more C0 control characters (not whitespace) than this: not text
UTF16_NUL_RATIO = 0.4
# C0 controls and DEL, but not tab, newline, vertical tab, form feed or carriage return; not C1
# (0x80-0x9f), which can be a stray byte of Latin-1 text
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w:.-]+)", re.IGNORECASE)
_LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"})
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}
_CAPTION_XPATH = "//figcaption | //*[contains(@class, 'wp-caption-text')]"
NO_TEXT = "no article text found"
BINARY = "binary data, not text"
# Longer than any news story (~15,000 words): a book, a log or a dump. spaCy refuses texts over
# 1,000,000 characters, and DuckDB's checkpoints need memory in proportion to very long strings.
MAX_ARTICLE_CHARS = 100_000


def too_long(length: int) -> str:
    return (f"text of {length:,} characters is longer than a news article "
            f"(at most {MAX_ARTICLE_CHARS:,})")


def extract(doc: Document, *, published: date | None = None) -> Article | Skipped:
    """The article in `doc`, or Skipped with the reason it has none.

    The publication date is the page's own, else the document's hint, else `published`.
    """
    if doc.content_type == "text/html":
        return _extract_html(doc, published)
    return _extract_text(doc, published)


def article_id(text: str) -> str:
    """First 16 hex digits of sha256 over NFKC-normalised, whitespace-collapsed, casefolded text."""
    canonical = " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:ID_LENGTH]


# --- decoding --------------------------------------------------------------------------


def decode_text(body: bytes) -> str | None:
    """Text from bytes: BOM, UTF-8, UTF-16 without BOM, Windows-1252, Latin-1; None if binary."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return _text_or_none(body[len(bom) :].decode(codec, errors="replace"))
    utf16 = _utf16_codec(body)
    if utf16 is not None:
        try:
            return _text_or_none(body.decode(utf16))
        except UnicodeDecodeError:
            return None
    if b"\x00" in body:
        return None
    for codec in ("utf-8", "cp1252"):
        try:
            return _text_or_none(body.decode(codec))
        except UnicodeDecodeError:
            continue
    return _text_or_none(body.decode("latin-1"))


def decode_html(body: bytes) -> str | None:
    """Like `decode_text`, but a charset declared in a <meta> tag is tried first."""
    declared = _declared_charset(body)
    if declared is not None and not body.startswith(tuple(bom for bom, _ in _BOMS)):
        try:
            return _text_or_none(body.decode(declared))
        except UnicodeDecodeError:
            pass
    return decode_text(body)


def _declared_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").lower()
    if label in _LATIN1_LABELS:
        return "cp1252"  # as browsers do: pages that say Latin-1 are written in Windows-1252
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _utf16_codec(body: bytes) -> str | None:
    half = len(body) // 2
    if half < 2:
        return None
    if body[1::2].count(0) > UTF16_NUL_RATIO * half and body[0::2].count(0) < 0.1 * half:
        return "utf-16-le"
    if body[0::2].count(0) > UTF16_NUL_RATIO * half and body[1::2].count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def _text_or_none(text: str) -> str | None:
    if not text:
        return text
    controls = len(_BINARY_CONTROLS.findall(text))  # one C loop over the text, not a Python one
    return None if controls > MAX_CONTROL_RATIO * len(text) else text


# --- HTML ------------------------------------------------------------------------------


def _extract_html(doc: Document, published: date | None) -> Article | Skipped:
    html = decode_html(doc.body)
    if html is None:
        return Skipped(doc.url, BINARY)
    if not html.strip():
        return Skipped(doc.url, NO_TEXT)
    from trafilatura import bare_extraction  # heavy import, kept out of module import time
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
        result = None if tree is None else bare_extraction(
            tree,
            url=_web_url(doc.url),
            favor_precision=True,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as error:  # a parser bug on one page must not stop a whole ingest
        return Skipped(doc.url, f"HTML extraction failed: {error}")
    fields = _as_fields(result)
    if tree is None or fields is None or not fields.get("text"):
        return Skipped(doc.url, NO_TEXT)
    site = fields.get("sitename") or fields.get("hostname") or _site_of(doc.url)
    title = clean_title(fields.get("title"), site) or doc.title_hint
    clean = BoilerplateFilter.load().clean(
        fields["text"], title_hint=title, find_title=title is None, line_paragraphs=True
    )
    return _article(
        doc,
        clean,
        title=clean.title,
        site=site,
        published=_iso_date(fields.get("date")) or clean.published or doc.published_hint
        or published,
        caption=_first_caption(tree.xpath(_CAPTION_XPATH)),
    )


def _as_fields(result: object) -> dict[str, Any] | None:
    if isinstance(result, dict):
        return result
    as_dict = getattr(result, "as_dict", None)
    return as_dict() if callable(as_dict) else None


def clean_title(title: str | None, site: str | None) -> str | None:
    """The headline without a trailing " | Site Name" (or " - site.com") part."""
    if not title:
        return None
    title = normalise_line(title)
    names = [name for name in (normalise_line(site or ""), _bare_host(site)) if name]
    for name in names:
        for separator in (*_TITLE_SEPARATORS, ": "):
            prefix, suffix = f"{name}{separator}".casefold(), f"{separator}{name}".casefold()
            if title.casefold().endswith(suffix) and len(title) > len(suffix):
                return title[: -len(suffix)].strip()
            if title.casefold().startswith(prefix) and len(title) > len(prefix):
                return title[len(prefix) :].strip()
    return title or None


def _first_caption(elements: Iterable[object]) -> str | None:
    rules = BoilerplateFilter.load()
    for element in elements:
        text_content = getattr(element, "text_content", None)
        if text_content is None:
            continue
        line = rules.classify(str(text_content()))
        if line.text:
            return line.text
    return None


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# --- plain text and markdown -----------------------------------------------------------


def _extract_text(doc: Document, published: date | None) -> Article | Skipped:
    text = decode_text(doc.body)
    if text is None:
        return Skipped(doc.url, BINARY)
    if len(text) > 4 * MAX_ARTICLE_CHARS:  # no clean-up can shorten it enough: spare the work
        return Skipped(doc.url, too_long(len(text)))
    clean = BoilerplateFilter.load().clean(
        text, title_hint=doc.title_hint, markdown=doc.content_type == "text/markdown"
    )
    return _article(
        doc,
        clean,
        title=clean.title,
        site=_site_of(doc.url),
        published=clean.published or doc.published_hint or published,
        caption=clean.captions[0] if clean.captions else None,
    )


# --- shared ----------------------------------------------------------------------------


def _article(
    doc: Document,
    clean: CleanText,
    *,
    title: str | None,
    site: str | None,
    published: date | None,
    caption: str | None,
) -> Article | Skipped:
    paragraphs = tuple(p for p in (normalise_line(p) for p in clean.paragraphs) if p)
    if not paragraphs:
        return Skipped(doc.url, NO_TEXT)
    text = "\n\n".join(paragraphs)
    if len(text) > MAX_ARTICLE_CHARS:
        return Skipped(doc.url, too_long(len(text)))
    return Article(
        id=article_id(text),
        url=doc.url,
        title=title,
        published=published,
        site=site,
        text=text,
        paragraphs=paragraphs,
        caption=caption,
    )


def _web_url(url: str) -> str | None:
    return url if url.startswith(("http://", "https://")) else None


def _site_of(url: str) -> str | None:
    web = _web_url(url)
    if web is None:
        return None
    return _bare_host(urlsplit(web).hostname) or None


def _bare_host(host: str | None) -> str:
    host = (host or "").lower()
    return host[4:] if host.startswith("www.") else host
