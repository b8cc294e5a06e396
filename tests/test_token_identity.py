"""spaCy builds a new Token object on every access (`doc[i]`, `.head`, `.subtree`), so
`tok.head is tok` is never true, even at the root: tokens must be compared by index."""

from __future__ import annotations

import re
from pathlib import Path

import spacy

PACKAGE = Path(__file__).resolve().parents[1] / "newsevents"
TOKEN_NAMES = r"(?:tok|token|anchor|head|verb|noun|root|patient|subj|word|t)"
IDENTITY = re.compile(  # "tok.head is tok", "word is not draft.token"
    rf"\b{TOKEN_NAMES}(?:\.head)*\s+is\s+(?:not\s+)?(?:\w+\.)*{TOKEN_NAMES}(?:\.head)*\b(?!\s*\()")


def test_spacy_gives_a_new_token_object_on_every_access() -> None:
    doc = spacy.blank("en")("Troops crossed the border")
    assert doc[0] is not doc[0] and doc[0] == doc[0]
    assert doc[1].head is not doc[1] and doc[1].head.i == doc[1].i  # unparsed: its own head


def test_the_coder_compares_tokens_by_index_not_identity() -> None:
    found = [f"{path.name}:{number}: {line.strip()}"
             for path in sorted(PACKAGE.glob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if IDENTITY.search(line.split("#")[0])]
    assert found == []
