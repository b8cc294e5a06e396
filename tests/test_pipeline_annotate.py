"""The paragraph component the pipeline puts before spaCy's parser."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.annotate import PARAGRAPHS, load_nlp, paragraph_boundaries


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.blank("en")


def starts(doc: Any) -> list[str]:
    return [tok.text for tok in doc if tok.is_sent_start]


def test_a_sentence_never_runs_across_a_paragraph_break(tokenizer: Any) -> None:
    doc = paragraph_boundaries(tokenizer("Troops left the town\n\nresidents said on Friday"))
    assert starts(doc) == ["Troops", "residents"]
    assert doc[1].is_sent_start is None  # inside a paragraph the parser decides


def test_single_newlines_and_leading_whitespace_break_too(tokenizer: Any) -> None:
    doc = paragraph_boundaries(tokenizer("\nFirst line\nsecond line \n\n  third"))
    assert starts(doc) == ["\n", "First", "second", "third"]


@pytest.mark.parametrize(("text", "story"), [
    ("KYIV, March 7 - Russian drones hit Kharkiv overnight.", "Russian"),
    ("EL FASHER, Sudan (Reuters) — Shelling killed six people.", "Shelling"),
    ("Intro.\n\nGAO, Mali -- Gunmen attacked a convoy.", "Gunmen"),
])  # fmt: skip
def test_a_dateline_is_a_sentence_of_its_own(tokenizer: Any, text: str, story: str) -> None:
    doc = paragraph_boundaries(tokenizer(text))
    first = next(tok for tok in doc if tok.text == story)
    assert first.is_sent_start
    paragraph = max((tok.i + 1 for tok in doc[: first.i] if tok.is_space), default=0)
    assert doc[paragraph].is_sent_start  # the dateline's own sentence
    assert not any(tok.is_sent_start for tok in doc[paragraph + 1 : first.i])


def test_an_ordinary_capitalised_opening_is_no_dateline(tokenizer: Any) -> None:
    doc = paragraph_boundaries(tokenizer("The army said - without proof - that rebels fled."))
    assert starts(doc) == ["The"]


def test_an_empty_text_is_left_alone(tokenizer: Any) -> None:
    assert len(paragraph_boundaries(tokenizer(""))) == 0


@pytest.mark.slow
def test_the_model_runs_the_component_before_the_parser() -> None:
    nlp = load_nlp()
    assert nlp.pipe_names.index(PARAGRAPHS) < nlp.pipe_names.index("parser")
    doc = nlp("Police fired tear gas\n\nprotesters threw stones at them.")
    assert [sent.text.strip() for sent in doc.sents] == [
        "Police fired tear gas", "protesters threw stones at them."]
