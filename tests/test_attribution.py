"""Sources a sentence cites: "according to X", "per X", "X said", "X reported", "told X"."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import pytest

from newsevents.attribution import (
    Attribution,
    ReportingLexicon,
    find_attributions,
    is_reporting_verb,
)


def attributions(nlp: Any, sentence: str) -> list[Attribution]:
    return find_attributions(nlp(sentence)[:])


@pytest.mark.parametrize(
    ("sentence", "sources"),
    [
        ("According to Fox News, the strike killed seven.", ["Fox News"]),
        ("The strike killed seven, according to a statement from the ministry.", ["ministry"]),
        ("According to the ministry's statement, the strike killed seven.", ["ministry"]),
        ("According to local media, the strike killed seven.", ["local media"]),
        ("The border was closed, according to Reuters and The Associated Press.",
         ["Reuters", "The Associated Press"]),
        ("Per The Associated Press, the attack was carried out at dawn.",
         ["The Associated Press"]),
        ("Per a statement from the ministry, the border was closed.", ["ministry"]),
        ("CNN reported that seven people died.", ["CNN"]),
        ("The attack took place at dawn, as reported by The Dallas Express.",
         ["The Dallas Express"]),
        ("The ministry said the border was closed.", ["ministry"]),
        ("Pakistan's Ministry of Foreign Affairs said the strikes targeted militant hideouts.",
         ["Pakistan's Ministry of Foreign Affairs"]),
        ("The strikes hit militant hideouts, officials told Reuters.", ["Reuters", "officials"]),
        ("The strike hit the camp, she told The Associated Press by phone.",
         ["The Associated Press", "she"]),
        ('"We will respond," said the spokesman.', ["spokesman"]),
        ("The ministry stated, per Fox News, that the strikes were legal.",
         ["ministry", "Fox News"]),
        ("The White House confirmed that three soldiers were killed, per CNN.",
         ["The White House", "CNN"]),
        ("Iran fired missiles, the ministry said in a statement quoted by IRNA.",
         ["ministry", "IRNA"]),
        ("IRNA quoted the ministry as saying the border was closed.", ["IRNA", "ministry"]),
        ("The foreign minister was quoted as saying the border was closed.",
         ["foreign minister"]),
        ("The spokesman, John Kirby, said the US would respond.", ["John Kirby"]),
        ("John Kirby, the spokesman for the National Security Council, said the US would act.",
         ["John Kirby"]),
        ('"The strikes were precise," said Ali Bahadori Jahromi, a government spokesman.',
         ["Ali Bahadori Jahromi"]),
        ("Iran and Pakistan said they would de-escalate.", ["Iran", "Pakistan"]),
        ("The ministry, which said the attack was illegal, recalled its ambassador.",
         ["ministry"]),
        ("Officials in Tehran, who spoke on condition of anonymity, said the border was shut.",
         ["Officials in Tehran"]),
        ("A spokesman for the Pakistani military said the strikes hit hideouts.",
         ["A spokesman for the Pakistani military"]),
        ("The drone strike killed seven, Iranian state media reported on Thursday.",
         ["Iranian state media"]),
        ("Pakistan's foreign ministry said in a statement that the strikes, which killed nine, "
         "were coordinated, Dawn reported.", ["Pakistan's foreign ministry", "Dawn"]),
        ('"We have no information," the official added.', ["official"]),
        ("The minister told lawmakers that the strike was justified.", ["minister"]),
    ],
)
def test_sources(nlp: Any, sentence: str, sources: list[str]) -> None:
    assert [a.source for a in attributions(nlp, sentence)] == sources


@pytest.mark.parametrize(
    ("sentence", "sources"),
    [
        ("He said the strike was justified.", ["He"]),
        ("It said the strike was justified.", ["It"]),
        ("The strike was justified, they said.", ["they"]),
    ],
)
def test_pronoun_sources_are_returned_as_written(
    nlp: Any, sentence: str, sources: list[str]
) -> None:
    assert [a.source for a in attributions(nlp, sentence)] == sources


@pytest.mark.parametrize(
    "sentence",
    [
        "It was reported that seven died.",
        "According to reports, the strike killed seven.",
        "Oil sold for $80 per barrel.",
        "The attack killed 30 people per day.",
        "Iran fired missiles at Pakistan on Tuesday.",
    ],
)
def test_no_source_where_none_is_named(nlp: Any, sentence: str) -> None:
    assert attributions(nlp, sentence) == []


def test_offsets_and_verb_index_point_into_the_doc(nlp: Any) -> None:
    doc = nlp("Iran fired missiles. Pakistan's Ministry of Foreign Affairs said it would respond, "
              "per Fox News.")
    sent = list(doc.sents)[-1]
    found = find_attributions(sent)
    assert [doc.text[a.start:a.end] for a in found] == [a.source for a in found]
    ministry, fox = found
    assert ministry.verb_i is not None and doc[ministry.verb_i].text == "said"
    assert fox.verb_i is None


def test_told_gives_the_newsroom_and_the_speaker_the_same_verb(nlp: Any) -> None:
    doc = nlp("The strikes hit militant hideouts, officials told Reuters.")
    newsroom, speaker = find_attributions(doc[:])
    assert newsroom.verb_i == speaker.verb_i
    assert newsroom.verb_i is not None and doc[newsroom.verb_i].lemma_ == "tell"


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [("say", True), ("report", True), ("announce", True), ("state", True), ("claim", True),
     ("tell", True), ("add", True), ("confirm", True), ("allege", True), ("insist", True),
     ("Say", True), ("strike", False), ("kill", False), ("statement", False)],
)
def test_is_reporting_verb(lemma: str, expected: bool) -> None:
    assert is_reporting_verb(lemma) is expected


def test_reporting_verbs_file_is_well_formed() -> None:
    path = files("newsevents").joinpath("data", "reporting_verbs.tsv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and lines[1].split("\t") == ["lemma", "kind", "value"]
    for line in lines[2:]:
        lemma, kind, value = line.split("\t")
        assert lemma == lemma.lower() and kind in ("verb", "vehicle")
        assert value in ("", "recipient", "speaker")
    lexicon = ReportingLexicon.load()
    assert lexicon.verbs["tell"] == "recipient" and "statement" in lexicon.vehicles
