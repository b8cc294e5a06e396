"""The store's side of near-duplicate detection: the `signatures` table and its LSH index.

Each stored article keeps its MinHash signature (512 bytes) beside the scheme that made it
(`dedup.SIGNATURE_SCHEME`, in meta). The index is built from the table the first time a
save needs it, so reading a database never pays for it; signatures of another scheme do
not compare, so they are recomputed from the stored texts first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import duckdb

from newsevents.errors import StoreError

if TYPE_CHECKING:  # datasketch takes most of a second to import: only when saving
    from datasketch import MinHash

    from newsevents.dedup import NearDuplicateIndex

SIGNATURE_SCHEME_KEY = "signature_scheme"
RESIGN_BATCH = 256


class StoredSignatures:
    """Signatures in the database and, once loaded, in memory; one per store connection."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._con = connection
        self.index: NearDuplicateIndex | None = None

    def rebind(self, connection: duckdb.DuckDBPyConnection) -> None:
        """Go on through a reopened connection to the same database (the index stays)."""
        self._con = connection

    def load(self) -> NearDuplicateIndex:
        """The LSH index of every stored signature, built on first use (outside a transaction)."""
        if self.index is None:
            from newsevents import dedup

            try:
                if self._scheme() != dedup.SIGNATURE_SCHEME:
                    self._resign_articles()
                rows = self._con.execute("SELECT article_id, signature FROM signatures").fetchall()
                self.index = dedup.NearDuplicateIndex.from_signatures(rows)
            except (duckdb.Error, ValueError) as error:
                raise StoreError(f"cannot load the stored article signatures: {error}") from error
        return self.index

    def copy_of(self, text: str) -> tuple[str | None, MinHash]:
        """The id of a stored near-duplicate of `text` (or None), and the text's signature."""
        from newsevents.dedup import signature

        sig = signature(text)
        return self.load().find(sig), sig

    def index_now(self, article_id: str, sig: MinHash) -> None:
        """Index a signature whose row is being written, so that a later article of the same
        batch finds it; `forget` takes it out again if the transaction rolls back."""
        self.load().add(article_id, sig)

    def forget(self, article_ids: Sequence[str]) -> None:
        if self.index is not None:
            for article_id in article_ids:
                self.index.remove(article_id)

    def _scheme(self) -> str | None:
        row = self._con.execute(
            "SELECT value FROM meta WHERE key = ?", [SIGNATURE_SCHEME_KEY]
        ).fetchone()
        return str(row[0]) if row else None

    def _resign_articles(self) -> None:
        """Recompute every signature under the current scheme, in one transaction."""
        from newsevents import dedup

        self._con.begin()
        try:
            self._con.execute("DELETE FROM signatures")
            reader = self._con.cursor()  # a second cursor: the inserts go through the first
            reader.execute("SELECT id, text FROM articles ORDER BY id")
            while rows := reader.fetchmany(RESIGN_BATCH):
                values = [value for article_id, text in rows
                          if not (sig := dedup.signature(text)).is_empty()
                          for value in (article_id, dedup.signature_to_bytes(sig))]  # fmt: skip
                if values:
                    marks = ", ".join(["(?, ?)"] * (len(values) // 2))
                    self._con.execute(f"INSERT INTO signatures VALUES {marks}", values)
            reader.close()
            self._con.execute(
                "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
                "excluded.value", [SIGNATURE_SCHEME_KEY, dedup.SIGNATURE_SCHEME],
            )  # fmt: skip
            self._con.commit()
        except BaseException:
            self._con.rollback()
            raise
