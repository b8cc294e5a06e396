"""Fuzzy name matching: the length-grouped index answers exactly as scoring every name."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from newsevents.place_ranking import NameIndex

NAMES = ("balochistan", "baluchistan", "khyber pakhtunkhwa", "punjab", "sindh", "islamabad",
         "gilgit baltistan", "azad kashmir", "kashmir", "karachi", "lahore", "peshawar")


def scored(key: str, names: tuple[str, ...], cutoff: float) -> str | None:
    found = process.extractOne(key, names, scorer=fuzz.ratio, score_cutoff=cutoff)
    return str(found[0]) if found else None


@pytest.mark.parametrize(("key", "cutoff", "expected"), [
    ("baluchistann", 88.0, "baluchistan"),
    ("balochistaan", 88.0, "balochistan"),
    ("balxchistan", 88.0, "balochistan"),  # of two equal scores, the first name
    ("khyber pakhtunkwa", 88.0, "khyber pakhtunkhwa"),
    ("peshawer", 85.0, "peshawar"),
    ("kashmir", 88.0, "kashmir"),
    ("quetta", 88.0, None),
    ("", 88.0, None),
])
def test_the_closest_name_above_the_cutoff(key: str, cutoff: float, expected: str | None
                                           ) -> None:
    assert NameIndex(NAMES).closest(key, cutoff) == expected
    assert scored(key, NAMES, cutoff) == expected


def test_the_index_agrees_with_scoring_every_name_on_misspellings() -> None:
    rng = random.Random(4)
    index = NameIndex(NAMES)
    for _ in range(2000):
        word = list(rng.choice(NAMES))
        for _ in range(rng.randint(0, 3)):
            word.insert(rng.randrange(len(word) + 1), rng.choice("aeiou hk"))
            if rng.random() < 0.5 and len(word) > 1:
                del word[rng.randrange(len(word))]
        key = "".join(word)
        for cutoff in (85.0, 88.0, 90.0):
            assert index.closest(key, cutoff) == scored(key, NAMES, cutoff), key


def test_an_empty_index_finds_nothing() -> None:
    assert NameIndex(()).closest("baluchistan", 50.0) is None
