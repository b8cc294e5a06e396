"""Per-sentence findings of the sentence sets (--verbose), and the alignment of ConfliBERT's
`train` span file with its class file.

Findings are listed only for the development parts (PLOVER's first half, ConfliBERT's
`train`: `--dev`), so that developing never reads the held-out items one by one.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsevents.models import Mention, Party

MAX_TEXT = 160


def _party(p: Party | None) -> str:
    return f"{p.text!r}[{p.country or '-'}/{p.sector or '-'}]" if p else "-"


def describe_mention(mention: Mention) -> str:
    return (f"{mention.code.type}/{mention.code.cameo} {_party(mention.actor)} -> "
            f"{_party(mention.target)} {mention.factuality} c={mention.confidence} "
            f"({mention.reason})")


def sentence_finding(gold: str, predicted: str, text: str, top: Mention | None,
                     mentions: Sequence[Mention]) -> str:
    """One line for a wrongly typed sentence: gold, ours, the text, every mention."""
    others = [describe_mention(m) for m in mentions if m is not top]
    line = (f"{gold} -> {predicted}: {' '.join(text.split())[:MAX_TEXT]!r}"
            f" | top: {describe_mention(top) if top else '-'}")
    return line + (f" | also: {' ; '.join(others)}" if others else "")


def token_key(text: str) -> str:
    """A sentence's characters without white space: what its CoNLL tokens join to."""
    return "".join(text.split())


def aligned_blocks(sentences: Sequence[str], blocks: Sequence[str]) -> list[str | None]:
    """The CoNLL block of each sentence, matched by content (`train.txt` holds fewer
    sentences than `train.tsv`, in its own order); None where there is none."""
    by_key = {token_key("".join(line.rsplit(" ", 1)[0] for line in b.strip().splitlines())): b
              for b in blocks}
    return [by_key.get(token_key(s)) for s in sentences]
