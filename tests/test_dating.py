"""When it happened: date mentions assigned to the events of a sentence and an article."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.models import Mention
from newsevents.pipeline import Coder

pytestmark = pytest.mark.slow


def of_type(mentions: list[Mention], type_: str) -> Mention:
    found = [m for m in mentions if m.code.type == type_]
    assert found, [(m.code.type, m.date) for m in mentions]
    return found[0]


def test_an_event_inherits_the_date_of_the_event_it_hangs_from(coder: Coder) -> None:
    text = ("On Wednesday, the government of Guinea suspended the broadcaster Radio Espace, "
            "accusing it of spreading false news.")
    mentions = coder.code_text(text, date(2024, 3, 8))
    assert of_type(mentions, "ACCUSE").date.date == date(2024, 3, 6)


def test_the_same_day_is_the_day_of_the_last_dated_event(coder: Coder) -> None:
    text = ("Soldiers killed four rebels near Beni, Congo, on Monday.\n\n"
            "The same day, hundreds of traders blocked the main road in Butembo to protest "
            "against the killings.")
    mentions = coder.code_text(text, date(2024, 3, 8))
    assert of_type(mentions, "PROTEST").date.date == date(2024, 3, 4)


def test_of_that_year_takes_the_year_named_before(coder: Coder) -> None:
    text = ("Protests swept Quetta in 2019. Police killed at least nine protesters in Quetta "
            "on March 3 of that year, residents said.")
    mentions = coder.code_text(text, date(2024, 3, 8))
    assert date(2019, 3, 3) in {m.date.date for m in mentions}


def test_a_day_after_counts_back_from_the_event_it_refers_to(coder: Coder) -> None:
    text = ("A car bomb killed six soldiers in Mogadishu, Somalia, on Tuesday.\n\n"
            "The bombing came a day after government and clan leaders met in Baidoa.")
    mentions = coder.code_text(text, date(2024, 3, 8))
    assert of_type(mentions, "CONSULT").date.date == date(2024, 3, 4)


def test_a_scene_told_in_the_next_paragraph_keeps_the_day_of_the_story(coder: Coder) -> None:
    text = ("Thousands of teachers marched through Accra, Ghana, on Tuesday to demand higher "
            "pay.\n\nPolice fired tear gas and arrested 20 marchers, a rights group said.")
    mentions = coder.code_text(text, date(2025, 3, 14))
    assert of_type(mentions, "COERCE").date.date == date(2025, 3, 11)


def test_an_act_in_an_after_clause_is_not_dated_by_the_scene_rule(coder: Coder) -> None:
    text = ("Rebels attacked an army base in Beni, Congo, on Saturday.\n\n"
            "A day after the rebels struck, the army said it had carried out air strikes on "
            "rebel camps in Ituri.")
    mentions = coder.code_text(text, date(2025, 3, 14))
    assert sorted(m.date.date for m in mentions if m.code.type == "ASSAULT") == [
        date(2025, 3, 8), date(2025, 3, 9)]


def test_a_background_sentence_after_a_dated_one_is_not_given_its_day(coder: Coder) -> None:
    text = ("Rebels attacked an army base in Beni, Congo, on Saturday. The fighting comes as "
            "the region faces a wider war. Ugandan troops shelled rebel camps in Ituri, a "
            "monitoring group said.")
    mentions = coder.code_text(text, date(2025, 3, 14))
    shelling = [m for m in mentions if m.evidence[0].sentence.startswith("Ugandan")]
    assert shelling and shelling[0].date.date is None


@pytest.mark.parametrize(("text", "expected"), [
    ("The weather in Goma was calm on Monday. It turned cold on Wednesday. Hours later, "
     "rebels shelled army positions near Goma, Congo.", date(2025, 3, 12)),
    ("It turned cold on Wednesday. The weather in Goma was calm. Hours later, rebels shelled "
     "army positions near Goma, Congo.", date(2025, 3, 12)),
    ("The weather in Goma was calm on Monday. It turned cold on Wednesday.\n\nHours later, "
     "rebels shelled army positions near Goma, Congo.", None),
], ids=["latest date of the paragraph", "a sentence without a date", "a new paragraph"])
def test_a_continuing_sentence_takes_the_latest_date_of_its_paragraph(
        coder: Coder, text: str, expected: date | None) -> None:
    """The dates of sentences without events count only here (they are read lazily)."""
    mentions = coder.code_text(text, date(2025, 3, 14))
    assert of_type(mentions, "ASSAULT").date.date == expected


def test_an_undated_event_is_one_event_within_a_publication_week_only(coder: Coder) -> None:
    """An undated act gets no date, and its id takes the ISO week its story was published in:
    stories of one week merge, the same words months later are another event."""
    text = "Rebels attacked an army base in northern Mali, killing six soldiers."

    def attack(published: date) -> Mention:
        found = of_type(coder.code_text(text, published), "ASSAULT")
        assert found.date.date is None, found.date
        return found

    monday, sunday = attack(date(2024, 3, 4)), attack(date(2024, 3, 10))
    assert monday.id == sunday.id
    assert attack(date(2024, 3, 11)).id != monday.id  # the next Monday: another week
    assert attack(date(2024, 9, 4)).id != monday.id
