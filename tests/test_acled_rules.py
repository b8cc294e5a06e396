"""ACLED sub-event types of coded events, on sentences we wrote (acled_rules, acled_triggers)."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.evaluate import top_mention
from newsevents.models import Mention
from newsevents.pipeline import Coder

PUBLISHED = date(2025, 6, 2)
pytestmark = pytest.mark.slow


def code(coder: Coder, text: str) -> list[Mention]:
    return coder.code_text(text, PUBLISHED)


def subtypes(mentions: list[Mention]) -> list[tuple[str, str | None]]:
    return [(m.code.type, m.code.acled_sub_event_type) for m in mentions]


def top_subtype(coder: Coder, text: str) -> str | None:
    top = top_mention([m for m in code(coder, text) if m.code.acled_sub_event_type])
    return top.code.acled_sub_event_type if top is not None else None


@pytest.mark.parametrize(("text", "type_", "subtype"), [
    # an event that happened: its subject carries it
    ("Heavy fighting broke out between two armed groups in the district on Tuesday.",
     "ASSAULT", "Armed clash"),
    ("A car bomb went off outside the police headquarters in the provincial capital.",
     "ASSAULT", "Remote explosive/landmine/IED"),
    ("Three mortar rounds landed near the parliament building overnight.", "ASSAULT",
     "Shelling/artillery/missile attack"),
    ("An improvised explosive device detonated under a minibus on the highway.", "ASSAULT",
     "Remote explosive/landmine/IED"),
    ("Dozens of villagers were treated for breathing problems after a suspected gas attack.",
     "ASSAULT", "Chemical weapon"),
    # a market is where a bomb goes off, sharing power no business deal
    ("A bomb blast ripped through a crowded market in the old town.", "ASSAULT",
     "Remote explosive/landmine/IED"),
    ("The rival factions reached a deal to share power in the province.", "AGREE",
     "Agreement"),
    # the act done to people, whatever the actor carried
    ("Gunmen abducted fifteen pupils from a boarding school.", "ASSAULT",
     "Abduction/forced disappearance"),
    ("Militiamen seized four aid workers on the road to the camp.", "COERCE",
     "Abduction/forced disappearance"),
    ("A woman was raped by members of an armed gang.", "ASSAULT", "Sexual violence"),
    # weapons made safe or taken before use
    ("Army sappers safely detonated an unexploded shell found in a maize field.", "ASSAULT",
     "Disrupted weapons use"),
    ("Customs officers confiscated six pistols and a box of hand grenades at the border.",
     "COERCE", "Disrupted weapons use"),
    ("Soldiers found two rocket launchers and a bag of detonators in a cave.", "COERCE",
     "Disrupted weapons use"),
    ("Air defence units downed a drone over the refinery.", "COERCE", "Disrupted weapons use"),
    # bases set up, in other words than 'base'
    ("The militia set up its HQ in the old customs building.", "MOBILIZE",
     "Headquarters or base established"),
    ("The insurgents turned a primary school into their headquarters.", "MOBILIZE",
     "Headquarters or base established"),
    ("Fighters installed a command post in the abandoned hotel.", "MOBILIZE",
     "Headquarters or base established"),
    ("The army set up an observation post on the ridge above the town.", "MOBILIZE",
     "Headquarters or base established"),
    # protests without a protest word
    ("Hundreds of residents gathered outside the town hall to demand clean water.", "PROTEST",
     "Peaceful protest"),
    ("Market traders shut their shops to denounce the new levy.", "PROTEST",
     "Peaceful protest"),
    ("A group of nurses held placards outside the health ministry.", "PROTEST",
     "Peaceful protest"),
    ("About fifty pensioners assembled in the main square chanting slogans.", "PROTEST",
     "Peaceful protest"),
    # violent crowds, mobs and the police's crowd control
    ("Protesters broke into the governor's residence and smashed furniture.", "PROTEST",
     "Violent demonstration"),
    ("Fierce clashes erupted between demonstrators and police in the port city.", "ASSAULT",
     "Violent demonstration"),
    ("Protesters looted a supermarket in the city centre.", "COERCE",
     "Violent demonstration"),
    ("Villagers attacked and burned the house of a man accused of witchcraft.", "ASSAULT",
     "Mob violence"),
    ("A group of youths armed with machetes attacked herders near the river.", "ASSAULT",
     "Mob violence"),
    ("Riot police dispersed a crowd of students who were marching to the ministry.", "ASSAULT",
     "Protest with intervention"),
    # arrests and territory
    ("Four journalists were taken into custody in the capital.", "COERCE", "Arrests"),
    ("Troops retook the airport from the insurgents.", "COERCE",
     "Government regains territory"),
])
def test_the_acled_sub_type_of_events_no_single_trigger_word_carried(
        coder: Coder, text: str, type_: str, subtype: str) -> None:
    found = subtypes(code(coder, text))
    assert (type_, subtype) in found, found


@pytest.mark.parametrize(("text", "wrong"), [
    ("Militants fired rockets at the airport.", "Disrupted weapons use"),  # the attack itself
    ("Riot police dispersed a crowd of students who were marching to the ministry.",
     "Violent demonstration"),
])
def test_launching_weapons_and_riot_gear_do_not_make_the_sub_type(
        coder: Coder, text: str, wrong: str) -> None:
    found = subtypes(code(coder, text))
    assert found and wrong not in [s for _, s in found], found


@pytest.mark.parametrize("text", [
    "The unrest erupted after the senate approved the bill.",  # a state of affairs
    "Troops moved into position near the border.",  # no base set up
    "The battalion moved to new positions south of the river.",  # a troop movement
    "The company created 300 new posts at its plant.",
])
def test_no_acled_event_without_one(coder: Coder, text: str) -> None:
    assert [s for _, s in subtypes(code(coder, text)) if s is not None] == []


def test_a_protest_is_coded_by_its_worst_turn_told_next(coder: Coder) -> None:
    text = ("Several thousand people marched through the capital on Friday. Later some of the "
            "marchers threw petrol bombs at the police.")
    marches = [m for m in code(coder, text) if m.code.type == "PROTEST"
               and "march" in m.reason]
    assert [m.code.acled_sub_event_type for m in marches] == ["Violent demonstration"]
    assert "the protest turned" in marches[0].reason


def test_a_peaceful_protest_stays_peaceful_alone(coder: Coder) -> None:
    text = "Several thousand people marched peacefully through the capital on Friday."
    assert top_subtype(coder, text) == "Peaceful protest"


def test_ground_taken_in_a_battle_is_one_battle(coder: Coder) -> None:
    text = "The army retook the northern district in a two-day offensive."
    found = subtypes(code(coder, text))
    assert found == [("ASSAULT", "Government regains territory")], found


def test_looting_in_passing_is_part_of_the_attack(coder: Coder) -> None:
    text = "Armed men attacked the village on Sunday, looting shops and killing two guards."
    found = subtypes(code(coder, text))
    assert ("COERCE", "Looting/property destruction") not in found, found
    assert [t for t, _ in found] == ["ASSAULT"], found
