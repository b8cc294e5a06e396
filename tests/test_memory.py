"""memory.py: freed heap pages go back to the system every `every` articles."""

from __future__ import annotations

import platform

import pytest

from newsevents import memory


def test_a_trim_comes_after_every_so_many_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    released: list[int] = []
    monkeypatch.setattr(memory, "release_free_memory", lambda: released.append(1) or True)
    trimmer = memory.Trimmer(every=3)
    trimmer.count(2)
    assert (trimmer.trims, released) == (0, [])
    trimmer.count(1)
    trimmer.count(4)
    assert (trimmer.trims, len(released)) == (2, 2)


def test_every_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        memory.Trimmer(every=0)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_glibc_gives_its_free_pages_back() -> None:
    assert memory.release_free_memory() is True
