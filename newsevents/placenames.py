"""Place-name keys: how the gazetteer folds the spellings of one name into one lookup key."""

from __future__ import annotations

import re
import unicodedata

ADMIN_SUFFIXES = frozenset({
    "province", "provinces", "region", "regions", "oblast", "governorate", "state", "district",
    "prefecture", "department", "county", "krai", "kray", "territory", "division",
    "municipality", "emirate", "canton", "voivodeship", "area", "parish", "shire", "borough",
})
DIRECTIONS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern",
})
_CONNECTORS = frozenset({"and", "va", "wa", "o", "e", "y"})  # "Sistan va Baluchestan"
_INNER_ARTICLES = frozenset({"al", "el", "ul", "ad", "ar", "as", "ash", "az", "ed", "ez", "es"})
_DROPPED_INSIDE = _CONNECTORS | _INNER_ARTICLES
_LEADING = frozenset({"the"})
_TOKEN_FORMS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_FOLD = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae",
    "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d", "ħ": "h", "ŋ": "ng", "ə": "e",
    "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "´": "'", "`": "'",
})
_LATIN_MARKS = re.compile("[\u0300-\u036f]+")  # combining diacritical marks
_POSSESSIVE = re.compile(r"'s$|s'$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOTS = re.compile(r"[.\s]")


def fold(text: str) -> str:
    """`text` without accents: 'Sīstān va Balūchestān' -> 'Sistan va Baluchestan'."""
    decomposed = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD)))
    if decomposed.isascii():  # Latin names: their marks are all in the block removed above
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Lower-case ASCII key of a place name: no accents, punctuation, possessive or connectors."""
    if text.isalpha() and text.isascii():  # one plain word, most names: the fast path
        s = text.lower()
        return _TOKEN_FORMS.get(s, s)
    s = (text.replace("`", "'") if text.isascii() else fold(text)).lower().strip()
    if "'" in s:
        s = _POSSESSIVE.sub("", s).replace("'", "")
    tokens = _NON_ALNUM.sub(" ", s.replace(".", "")).split()
    if not tokens:
        return ""
    while len(tokens) > 1 and tokens[0] in _LEADING:
        tokens = tokens[1:]
    last = len(tokens) - 1
    return " ".join(
        _TOKEN_FORMS.get(t, t) for i, t in enumerate(tokens)
        if i == 0 or i == last or t not in _DROPPED_INSIDE
    )


def compact(text: str) -> str:
    """The text without dots and spaces, case kept: 'U.S.' -> 'US', 'N. J.' -> 'NJ'."""
    return _DOTS.sub("", text.strip())


def letters(key: str) -> int:
    return len(key.replace(" ", ""))


def is_acronym(text: str) -> bool:
    """'NATO', 'LIMA', 'U.S.': upper case, five letters or fewer."""
    short = compact(text)
    return short.isupper() and len(short) <= 5
