"""Fatality and injury counts stated in a sentence."""

from __future__ import annotations

from importlib.resources import files

import pytest

from newsevents.casualties import Casualties, CasualtyGrammar, find_casualties, parse_count


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injuries"),
    [
        ("The strike killed 12 people in the village.", 12, None),
        ("The boat was rammed, injuring two crew members, the coast guard said.", None, 2),
        ("Gunmen killed two soldiers, three policemen and a teacher.", 6, None),
        ("The shelling killed at least eight people, three of them children.", 8, None),
        ("Militias attacked, killing 14 people, six of whom were women.", 14, None),
        ("At least 20 soldiers and allied militiamen were killed in the ambush.", 20, None),
        ("12 people were killed when the bomb went off.", 12, None),
        ("The gunmen opened fire, killing at least 40.", 40, None),
        ("The blast left five dead.", 5, None),
        ("The shelling hit the market, leaving 3 dead and 10 wounded.", 3, 10),
        ("At least three American troops injured in the drone attack.", None, 3),
        ("The drone injured at least three American troops.", None, 3),
        ("Officials gave a death toll of 27.", 27, None),
        ("By Friday the death toll rose to 40.", 40, None),
        ("The death toll from Saturday's attack in the city of Kerman has risen to 84.", 84,
         None),
        ("A grenade was thrown into the crowd, wounding five.", None, 5),
        ("Two soldiers died in the ambush.", 2, None),
        ("One person was killed, police said.", 1, None),
        ("A soldier was killed near the border.", 1, None),
        ("An Israeli soldier was killed.", 1, None),
        ("The strike left a 6-year-old girl and an 11-month-old boy dead.", 2, None),
        ("Two children killed in the strike were buried today.", 2, None),
        ("The earthquake killed 1,200 people.", 1200, None),
        ("Twenty-five people died in the fire.", 25, None),
        ("One hundred and twenty people were killed.", 120, None),
        ("A dozen soldiers were wounded.", None, 12),
        ("Half a dozen police officers were hurt.", None, 6),
        ("Two soldiers and a civilian were killed.", 3, None),
        ("The driver was killed and his two sons were hurt.", 1, 2),
        ("Four people were killed and 17 injured.", 4, 17),
        ("The attack killed five people, including two children, and wounded 12 others.", 5, 12),
        ("Militants killed 3 and wounded 10.", 3, 10),
        ("Two Soldiers Killed In Border Attack", 2, None),
        ("Two drones killed three people.", 3, None),
        ("Three gunmen killed two police officers.", 2, None),
        ("Three gunmen killed the guard.", 1, None),
        ("The 2019 attack killed 5.", 5, None),
        ("One of the soldiers was killed.", 1, None),
        ("Three of them were killed.", 3, None),
        ("The raid claimed the lives of 14 civilians.", 14, None),
        ("Police found the bodies after the deaths of two journalists.", 2, None),
        ("The clashes caused 27 deaths and 40 injuries.", 27, 40),
        ("Seven were reportedly killed and 30 were seriously wounded.", 7, 30),
        ("Five Palestinians were shot dead at the checkpoint.", 5, None),
        ("Gunmen shot dead three villagers.", 3, None),
        ("The quake killed 1.5 million people, the worst toll in history.", 1_500_000, None),
        ("The strike killed 12, and the death toll later rose to 40.", 40, None),
        ("At 12:30 a bomb killed 4.", 4, None),
        ("A blast that killed 3 injured 10.", 3, 10),
        ("The fire caused one death.", 1, None),
        ("The strike killed her son.", 1, None),
    ],
)
def test_counts(sentence: str, fatalities: int | None, injuries: int | None) -> None:
    found = find_casualties(sentence)
    assert (found.fatalities, found.injuries) == (fatalities, injuries)
    assert found.spans


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injuries"),
    [
        ("No one was killed in the attack.", 0, None),
        ("Nobody was hurt, the army said.", None, 0),
        ("There were no casualties.", 0, 0),
        ("There were no immediate reports of casualties.", 0, 0),
        ("No injuries were reported.", None, 0),
        ("No Americans were killed in the attack.", 0, None),
        ("No fatalities were reported.", 0, None),
        ("There was no death.", 0, None),
        ("No one was killed, but two were injured.", 0, 2),
    ],
)
def test_none_killed_is_zero(sentence: str, fatalities: int | None, injuries: int | None) -> None:
    found = find_casualties(sentence)
    assert (found.fatalities, found.injuries) == (fatalities, injuries)


@pytest.mark.parametrize(
    "sentence",
    [
        "Dozens were killed in the raids.",
        "Hundreds of people were injured.",
        "The strikes killed several militants.",
        "The bombing, killing dozens, was condemned.",
    ],
)
def test_vague_quantities_keep_their_span_but_no_number(sentence: str) -> None:
    found = find_casualties(sentence)
    assert (found.fatalities, found.injuries) == (None, None)
    assert len(found.spans) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "A 6-year-old girl waited at the 506-mile border crossing.",
        "In 2019 the pipeline cost $5 million.",
        "The army fired 12 missiles at 3 a.m.",
        "Prices rose 5% in 2023.",
        "He was killed.",
        "Their children were killed.",
        "Two soldiers were not killed.",
        "They were killed 3 days after the raid.",
        "The rebels threatened to kill 100 hostages.",
        "A strike on the 40-year-old bridge killed the president.",
        "Officials said 40 casualties were reported.",
        "The UN met in 2019; killed in 2019, he was buried in Kabul.",
        "Iran may strike back.",
    ],
)
def test_traps_give_no_counts(sentence: str) -> None:
    found = find_casualties(sentence)
    assert (found.fatalities, found.injuries) == (None, None)


def test_spans_point_at_the_phrases() -> None:
    sentence = "The shelling hit the market, leaving 3 dead and 10 wounded."
    found = find_casualties(sentence)
    assert [sentence[start:end] for start, end in found.spans] == ["3 dead", "10 wounded"]


def test_nothing_found_is_empty() -> None:
    assert find_casualties("Leaders met in Geneva.") == Casualties(None, None, ())


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("12", 12), ("1,200", 1200), ("at least 40", 40), ("more than 1,000", 1000),
        ("twenty-five", 25), ("twenty five", 25), ("one hundred and twenty", 120),
        ("two thousand", 2000), ("a dozen", 12), ("half a dozen", 6), ("a couple of", 2),
        ("an", 1), ("One", 1), ("2.5 million", 2_500_000), ("dozens", None), ("several", None),
        ("many", None), ("banana", None), ("", None),
    ],
)
def test_parse_count(phrase: str, value: int | None) -> None:
    assert parse_count(phrase) == value


@pytest.mark.parametrize("name", ["casualty_words.tsv", "number_words.tsv"])
def test_lexicon_files_have_a_source_line_a_header_and_three_columns(name: str) -> None:
    lines = files("newsevents").joinpath("data", name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and "newsevents" in lines[0]
    assert len(lines[1].split("\t")) == 3
    for line in lines[2:]:
        assert len(line.split("\t")) == 3, line


def test_every_casualty_word_has_a_known_effect() -> None:
    grammar = CasualtyGrammar.load()
    assert set(grammar.effects.values()) <= {"fatal", "injury", "both"}
    assert "soldier" in grammar.singular_victims and "soldiers" not in grammar.singular_victims
