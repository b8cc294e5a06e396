"""The cached entities are exactly spaCy's, for the doc and for each sentence."""

from __future__ import annotations

import pytest

from newsevents.entities import entities, entities_in

pytestmark = pytest.mark.slow


def test_cached_entities_equal_spacys(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Iran struck targets in Pakistan on Tuesday. Pakistan's army hit back in "
              "Sistan and Baluchestan on Thursday, the foreign ministry in Islamabad said.")
    assert [(e.start, e.end, e.label_) for e in entities(doc)] == \
        [(e.start, e.end, e.label_) for e in doc.ents]
    assert entities(doc) is entities(doc)  # built once
    for sent in doc.sents:
        assert [e.text for e in entities_in(sent)] == [e.text for e in sent.ents]


def test_entities_in_any_span_are_those_wholly_inside(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Russian forces shelled Kharkiv and Sumy on Monday, Ukraine's army said in Kyiv.")
    for start in range(len(doc) + 1):
        for end in range(start, len(doc) + 1):
            span = doc[start:end]
            assert entities_in(span) == [e for e in doc.ents
                                         if e.start >= start and e.end <= end]
