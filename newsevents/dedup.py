"""Near-duplicate articles: syndicated wire copy republished with small edits.

A signature is a MinHash (128 permutations) of the word 5-shingles of the normalised text;
the index bands them as datasketch's MinHashLSH does (16 bands of 8 values, the banding its
`_optimal_param` picks for the query threshold), so finding a duplicate is one lookup per band,
not a pairwise loop. A candidate counts only when its estimated Jaccard similarity reaches
the threshold. Signatures serialise to 512 bytes, so the store can keep them and rebuild the
index on open. Jaccard compares whole texts: a copy cut to half its length is not a
near-duplicate here.

The index keeps its bands in sorted numpy arrays instead of MinHashLSH's Python sets: about
0.9 KB per article instead of 6 KB (`bench/throughput.py --memory-scaling`), because a worker
ingesting a crawl keeps every stored article's signature in memory.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import TypeAlias

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 128
SHINGLE_WORDS = 5
SEED = 1
DEFAULT_THRESHOLD = 0.8
# Persist this beside stored signatures: signatures made under another scheme do not compare.
SIGNATURE_SCHEME = f"minhash-affine32-p{NUM_PERM}-s{SEED}-w{SHINGLE_WORDS}-v1"
# LSH banding misses some pairs just above the threshold: query wider, then verify.
_CANDIDATE_SLACK = 0.15
_SCHEME = "affine32"
_SIGNATURE_DTYPE = np.dtype("<u4")

SignatureInput: TypeAlias = "str | bytes | MinHash"
"""Text, serialised signature bytes, or a signature."""


@functools.cache
def _permutations() -> np.ndarray:
    """The permutation parameters, built once and shared by every signature."""
    permutations: np.ndarray = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME).permutations
    permutations.setflags(write=False)
    return permutations


@functools.cache
def _band_multipliers(bands: int, width: int) -> np.ndarray:
    multipliers: np.ndarray = np.random.default_rng(SEED).integers(
        1, 2**63, size=(bands, width), dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    multipliers.setflags(write=False)
    return multipliers


def _new_minhash(hashvalues: np.ndarray | None = None) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME,
        permutations=_permutations(), hashvalues=hashvalues,
    )


def normalised_words(text: str) -> list[str]:
    """Case-folded word tokens: punctuation, spacing and Unicode forms do not count."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> set[bytes]:
    """Word 5-shingles of the normalised text (the whole text if it is shorter)."""
    words = normalised_words(text)
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> MinHash:
    """The MinHash signature of a text; an empty text gives an empty signature."""
    minhash = _new_minhash()
    minhash.update_batch(shingles(text))
    return minhash


def signature_to_bytes(sig: MinHash) -> bytes:
    """512 bytes (128 little-endian uint32), for a BLOB column."""
    return np.asarray(sig.hashvalues).astype(_SIGNATURE_DTYPE).tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    """Inverse of `signature_to_bytes`; ValueError on bytes of the wrong size."""
    if len(data) != NUM_PERM * _SIGNATURE_DTYPE.itemsize:
        raise ValueError(f"a signature is {NUM_PERM * _SIGNATURE_DTYPE.itemsize} bytes, "
                         f"got {len(data)}")
    return _new_minhash(np.frombuffer(data, dtype=_SIGNATURE_DTYPE).copy())


def as_signature(value: SignatureInput) -> MinHash:
    if isinstance(value, MinHash):
        return value
    if isinstance(value, bytes):
        return signature_from_bytes(value)
    return signature(value)


class NearDuplicateIndex:
    """Article ids by signature; `find` names an indexed near-duplicate of a new text.

    Rows of signatures in one uint32 array; each band's 8 values hash to a 64-bit key, and
    (key, row) pairs live in one sorted array, with the keys of recent articles in a small
    buffer merged in every MERGE_EVERY articles (a lookup is a binary search plus
    a scan of the buffer, so the index stays close to linear in the number of articles).
    """

    MERGE_EVERY = 2048

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        bands, rows = _optimal_param(max(0.05, threshold - _CANDIDATE_SLACK), NUM_PERM, 0.5, 0.5)
        self._bands, self._band_width = int(bands), int(rows)
        self._row_of: dict[str, int] = {}
        self._ids: list[str | None] = []  # None: removed
        self._signatures = np.empty((64, NUM_PERM), dtype=np.uint32)
        self._keys = np.empty(0, dtype=np.uint64)  # sorted
        self._key_rows = np.empty(0, dtype=np.int64)
        self._recent: dict[int, list[int]] = {}  # key -> rows, for the unmerged articles
        self._unmerged = 0

    @classmethod
    def from_signatures(
        cls, stored: Iterable[tuple[str, bytes]], threshold: float = DEFAULT_THRESHOLD
    ) -> NearDuplicateIndex:
        """Rebuild an index from (article_id, signature bytes) pairs, e.g. read from the store."""
        index = cls(threshold)
        for article_id, data in stored:
            index.add(article_id, data)
        return index

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._row_of

    def add(self, article_id: str, text_or_signature: SignatureInput) -> None:
        """Index an article; adding an id again, or an empty text, changes nothing."""
        if article_id in self._row_of:
            return
        sig = as_signature(text_or_signature)
        if sig.is_empty():
            return
        row = len(self._ids)
        if row == len(self._signatures):
            grown = np.empty((row + row // 2, NUM_PERM), dtype=np.uint32)  # 1.5x: amortised
            grown[:row] = self._signatures
            self._signatures = grown
        self._signatures[row] = sig.hashvalues
        self._ids.append(article_id)
        self._row_of[article_id] = row
        for key in self._band_keys(self._signatures[row]).tolist():
            self._recent.setdefault(key, []).append(row)
        self._unmerged += 1
        if self._unmerged >= self.MERGE_EVERY:
            self._merge_recent()

    def remove(self, article_id: str) -> None:
        """Take an article out of the index; an id that is not there changes nothing."""
        row = self._row_of.pop(article_id, None)
        if row is not None:
            self._ids[row] = None  # its band keys stay, pointing at a row that no longer counts

    def find(self, text_or_signature: SignatureInput) -> str | None:
        """The indexed article most similar to this one, if its Jaccard >= threshold."""
        sig = as_signature(text_or_signature)
        if sig.is_empty() or not self._row_of:
            return None
        values = np.asarray(sig.hashvalues, dtype=np.uint32)
        rows = [row for row in self._candidates(self._band_keys(values))
                if self._ids[row] is not None]
        if not rows:
            return None
        scores = (self._signatures[rows] == values).mean(axis=1)
        matches = [(float(score), str(self._ids[row]))
                   for score, row in zip(scores, rows, strict=True) if score >= self.threshold]
        # Highest similarity wins; equal scores go to the smallest id, whatever the band order.
        return min(matches, key=lambda match: (-match[0], match[1]))[1] if matches else None

    def _band_keys(self, values: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: a multilinear hash of its 8 values (random odd multipliers,
        wrapping uint64 arithmetic), each band with its own multipliers, so bands never share
        keys. Keys only live in memory; a rare collision costs one Jaccard check."""
        bands = values.reshape(self._bands, self._band_width).astype(np.uint64)
        return (bands * _band_multipliers(self._bands, self._band_width)).sum(
            axis=1, dtype=np.uint64)

    def _candidates(self, keys: np.ndarray) -> set[int]:
        starts = np.searchsorted(self._keys, keys, side="left")
        ends = np.searchsorted(self._keys, keys, side="right")
        found = {int(row) for start, end in zip(starts, ends, strict=True)
                 for row in self._key_rows[start:end]}
        for key in keys.tolist():
            found.update(self._recent.get(key, ()))
        return found

    def _merge_recent(self) -> None:
        """Insert the buffered keys into the sorted arrays: one copy of them, no re-sort."""
        pairs = sorted((key, row) for key, rows in self._recent.items() for row in rows)
        keys = np.array([key for key, _ in pairs], dtype=np.uint64)
        at = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, at, keys)
        self._key_rows = np.insert(self._key_rows, at, [row for _, row in pairs])
        self._recent, self._unmerged = {}, 0
