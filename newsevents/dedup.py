"""Near-duplicate articles: syndicated wire copy republished with small edits.

A signature is a MinHash (128 permutations) of the word 5-shingles of the normalised text;
the index is a MinHashLSH, so finding a duplicate is one LSH query, not a pairwise loop. A
candidate counts only when its estimated Jaccard similarity reaches the threshold.
Signatures serialise to 512 bytes, so the store can keep them and rebuild the index on open.
Jaccard compares whole texts: a copy cut to half its length is not a near-duplicate here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import TypeAlias

import numpy as np
from datasketch import MinHash, MinHashLSH

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
    """Article ids by signature; `find` names an indexed near-duplicate of a new text."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self._lsh = MinHashLSH(
            threshold=max(0.05, threshold - _CANDIDATE_SLACK), num_perm=NUM_PERM
        )
        self._signatures: dict[str, MinHash] = {}

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
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def add(self, article_id: str, text_or_signature: SignatureInput) -> None:
        """Index an article; adding an id again, or an empty text, changes nothing."""
        if article_id in self._signatures:
            return
        sig = as_signature(text_or_signature)
        if sig.is_empty():
            return
        self._lsh.insert(article_id, sig, check_duplication=False)
        self._signatures[article_id] = sig

    def remove(self, article_id: str) -> None:
        """Take an article out of the index; an id that is not there changes nothing."""
        if self._signatures.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def find(self, text_or_signature: SignatureInput) -> str | None:
        """The indexed article most similar to this one, if its Jaccard >= threshold."""
        sig = as_signature(text_or_signature)
        if sig.is_empty():
            return None
        scored = [
            (sig.jaccard(self._signatures[candidate]), candidate)
            for candidate in self._lsh.query(sig)
        ]
        matches = [(score, candidate) for score, candidate in scored if score >= self.threshold]
        # Highest similarity wins; equal scores go to the smallest id, whatever the LSH order.
        return min(matches, key=lambda match: (-match[0], match[1]))[1] if matches else None
