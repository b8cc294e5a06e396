"""Acts whose sentence names no actor, or only 'gunmen': the story's claim, charge or group."""

from __future__ import annotations

import pytest
from test_parties import events

from newsevents.agents import unnamed_armed
from newsevents.models import Party
from newsevents.pipeline import Coder

pytestmark = pytest.mark.slow


def actor_of(coder: Coder, text: str, type_: str = "ASSAULT") -> tuple[str | None, str | None]:
    actor = events(coder, text, type_)[0].actor
    return (actor.country, actor.sector) if actor is not None else (None, None)


def test_a_claim_of_responsibility_names_the_gunmen(coder: Coder) -> None:
    text = ("Gunmen shot dead six traders at a cattle market in Beledweyne on Friday, police "
            "said. Al-Shabaab claimed the attack on its radio station.")
    assert actor_of(coder, text) == ("SOM", "REB")


def test_a_group_named_inside_its_description_claims_the_attack(coder: Coder) -> None:
    text = ("Gunmen killed four farmers in an attack near Cibitoke on Sunday, officials said. "
            "The RED-Tabara rebel group claimed the attack.")
    assert actor_of(coder, text) == ("BDI", "REB")


def test_the_party_blamed_for_an_agentless_bombing_is_its_actor(coder: Coder) -> None:
    text = ("A car bomb wounded four soldiers outside a barracks in Cucuta on Friday. "
            "The defence minister blamed the ELN.")
    assert actor_of(coder, text) == ("COL", "REB")


def test_an_act_inside_an_accusation_is_the_accused_partys(coder: Coder) -> None:
    text = ("Fano fighters seized two towns on Monday. The UN human rights office accused "
            "government forces of killing at least 20 civilians during house-to-house "
            "searches in Gondar last month.")
    assert actor_of(coder, text)[1] == "MIL"


def test_the_attackers_are_the_armed_group_just_named(coder: Coder) -> None:
    text = ("Fano fighters attacked a police station near Debre Markos on Sunday, officials "
            "said. The attackers also abducted two traders.")
    abductions = [m for m in events(coder, text, "ASSAULT") if "abducted" in
                  m.evidence[0].sentence]
    assert abductions and abductions[0].actor is not None
    assert abductions[0].actor.country == "ETH"


def test_unclaimed_gunmen_keep_no_country(coder: Coder) -> None:
    text = ("Gunmen killed nine people at a market in Zamfara state on Sunday, police said. "
            "No group claimed the attack.")
    assert actor_of(coder, text)[0] is None


@pytest.mark.parametrize(("text", "unnamed"), [
    ("Gunmen", True), ("suspected militants", True), ("The attackers", True),
    ("Fano fighters", False), ("Murle gunmen", False), ("protesters", False)])
def test_unnamed_armed_groups_are_told_from_named_ones(text: str, unnamed: bool) -> None:
    assert unnamed_armed(Party(text, text, None, "REB")) is unnamed


def test_an_acronym_defined_in_the_story_names_the_same_group_later(coder: Coder) -> None:
    text = ("Fighters of the Allied Democratic Forces (ADF) raided a village near Beni on "
            "Monday, the army said.\n\nIn June the ADF killed 30 farmers in an attack near "
            "Oicha.")
    attack = next(m for m in events(coder, text, "ASSAULT") if "June" in m.evidence[0].sentence)
    assert attack.actor is not None
    assert (attack.actor.country, attack.actor.sector) == ("UGA", "REB")


def test_a_military_strike_is_by_the_forces_of_the_country_it_hit(coder: Coder) -> None:
    text = ("A military air strike killed 14 villagers in Magwe region, Myanmar, on Sunday, "
            "residents said.")
    assert actor_of(coder, text) == ("MMR", "MIL")


def test_an_agentless_act_retold_against_the_same_people_is_the_same_actors(
        coder: Coder) -> None:
    text = ("The Indian coast guard arrested 12 Pakistani fishermen off Gujarat on Sunday, "
            "officials said.\n\nPakistan's foreign office demanded their release.\n\nA court "
            "in Karachi on Monday heard the case of 20 other Pakistani fishermen who were "
            "arrested in March.")
    later = [m for m in events(coder, text, "COERCE") if "March" in m.evidence[0].sentence]
    assert later and later[0].actor is not None and later[0].actor.country == "IND"
