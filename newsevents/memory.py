"""Giving freed heap memory back to the operating system every few hundred articles.

glibc's malloc keeps the pages that Python, numpy (thinc's arrays) and spaCy free in its
arenas, fragmented, so a long-running worker's resident memory climbs with every batch
whose arrays are a little larger than the last, although little of it is in use. Calling
`malloc_trim(0)` now and then returns those pages (the remedy Dask documents for its
workers, "Memory not released back to the OS"). Measured on the synthetic corpus, one
process coding 2,500 articles: 389 MB resident before a trim, 335 MB after.
On a C library without `malloc_trim` (macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable

TRIM_EVERY = 256  # articles between trims: a trim costs a few milliseconds


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)  # type: ignore[no-any-return]
    except OSError:
        return None


def release_free_memory() -> bool:
    """Return the C heap's free pages to the system; False where that is not possible."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


class Trimmer:
    """Counts articles and releases free memory after every `every` of them."""

    def __init__(self, every: int = TRIM_EVERY) -> None:
        if every < 1:
            raise ValueError(f"every must be at least 1, got {every}")
        self.every = every
        self._since = 0
        self.trims = 0

    def count(self, articles: int = 1) -> None:
        self._since += articles
        if self._since >= self.every:
            self._since = 0
            self.trims += 1
            release_free_memory()
