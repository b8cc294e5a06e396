"""Where an event happened: places named on a nested event, venues abroad, border crossings."""

from __future__ import annotations

import pytest
from test_parties import events

from newsevents.pipeline import Coder

pytestmark = pytest.mark.slow


def test_an_act_on_a_nested_event_happens_where_that_event_does(coder: Coder) -> None:
    text = ("Floods cut roads across Malawi this month. On Monday a charity halted its "
            "school meal deliveries in Mangochi district after two lorries were stolen.")
    halt = events(coder, text, "SANCTION")[0]
    assert halt.location is not None and halt.location.country == "MWI"


def test_talks_at_a_summit_are_where_the_summit_is(coder: Coder) -> None:
    text = ("African Union leaders will discuss the Sahel crisis at a summit in Addis Ababa "
            "on March 3.")
    talks = events(coder, text, "CONSULT")[0]
    assert talks.location is not None and talks.location.country == "ETH"


def test_a_speakers_participle_says_where_a_statement_was_made(coder: Coder) -> None:
    text = ("Heavy rain flooded villages in Niger last week. The union of teachers of Niger, "
            "meeting in Zinder, called on the government to reopen the schools.")
    request = events(coder, text, "REQUEST")[0]
    assert request.location is not None and request.location.country == "NER"


def test_a_condemned_attack_does_not_place_the_condemnation(coder: Coder) -> None:
    text = ("Gunmen killed six traders in Gao in Mali on Sunday. On Monday the African Union "
            "condemned the attack in Gao.")
    condemnation = events(coder, text, "ACCUSE")[0]
    assert condemnation.location is None


def test_talks_on_neutral_ground_give_the_delegates_no_country(coder: Coder) -> None:
    text = ("Fighting in Sudan's Kordofan region killed 20 people on Sunday. Negotiators for "
            "the army and the RSF will meet for indirect talks in Geneva next week.")
    talks = events(coder, text, "CONSULT")[0]
    assert talks.location is not None and talks.location.country == "CHE"
    assert talks.actor is not None and talks.actor.country != "CHE"
