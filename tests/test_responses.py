"""Which event answers which: retaliation cues link the answering event to the answered one."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.models import Mention
from newsevents.pipeline import Coder

pytestmark = pytest.mark.slow
PUBLISHED = date(2025, 3, 14)


def answer(coder: Coder, text: str, evidence: str) -> tuple[Mention, Mention | None]:
    mentions = coder.code_text(text, PUBLISHED)
    by_id = {m.id: m for m in mentions}
    found = next((m for m in mentions if any(evidence in e.sentence for e in m.evidence)), None)
    assert found is not None, [(m.code.type, m.evidence[0].sentence) for m in mentions]
    return found, by_id.get(found.responds_to) if found.responds_to else None


def test_a_retaliation_for_a_named_act_answers_it_across_sentences_in_one_country(
        coder: Coder) -> None:
    text = ("RSF fighters shelled a displacement camp in El Fasher, Sudan, on Monday, killing "
            "nine people.\n\nHours later, in retaliation for the shelling, army warplanes "
            "bombed RSF positions in Nyala.")
    strike, answered = answer(coder, text, "army warplanes")
    assert strike.actor is not None
    assert (strike.actor.country, strike.actor.sector) == ("SDN", "MIL")
    assert answered is not None and answered.actor is not None
    assert (answered.code.type, answered.actor.sector) == ("ASSAULT", "REB")


def test_in_response_answers_the_last_hostile_act_of_the_other_side(coder: Coder) -> None:
    text = ("Gunmen ambushed a police patrol near Kano, Nigeria, on Tuesday, killing four "
            "officers.\n\nIn response, soldiers raided a forest camp of the gunmen on Wednesday.")
    raid, answered = answer(coder, text, "In response")
    assert answered is not None and "ambushed" in answered.evidence[0].sentence


def test_a_day_after_the_rebels_struck_answers_the_attack_told_before(coder: Coder) -> None:
    text = ("Rebels attacked an army base in Beni, Congo, on Saturday.\n\n"
            "A day after the rebels struck, the army said it had carried out air strikes on "
            "rebel camps in Ituri.")
    mentions = coder.code_text(text, PUBLISHED)
    assert len(mentions) == 2  # 'the rebels struck' is the Saturday attack, told again
    attack, strikes = sorted(mentions, key=lambda m: m.responds_to is not None)
    assert strikes.actor is not None
    assert (strikes.actor.country, strikes.actor.sector) == ("COD", "MIL")
    assert strikes.date.date == date(2025, 3, 9)
    assert strikes.responds_to == attack.id
    assert attack.actor is not None and attack.actor.sector == "REB"


def test_in_return_answers_a_concession(coder: Coder) -> None:
    text = ("Venezuela released six American prisoners on Friday.\n\n"
            "In return, the United States eased sanctions on Venezuelan oil exports.")
    eased, answered = answer(coder, text, "In return")
    assert answered is not None and answered.actor is not None
    assert (answered.code.type, answered.actor.country) == ("RETREAT", "VEN")


def test_a_strike_as_the_enemy_withdrew_is_the_answer_not_the_withdrawal(coder: Coder) -> None:
    text = ("Militants ambushed an army convoy near Djibo, Burkina Faso, on Tuesday, killing "
            "12 soldiers.\n\nThe army said that drones struck the assailants as they withdrew "
            "in response to the ambush.")
    strike, answered = answer(coder, text, "drones struck")
    assert strike.code.type == "ASSAULT"
    assert strike.actor is not None and strike.actor.sector == "MIL"
    assert answered is not None and "ambushed" in answered.evidence[0].sentence


def test_a_counter_attack_answers_the_attack(coder: Coder) -> None:
    text = ("Insurgents attacked the town of Mocimboa da Praia, Mozambique, on Friday, killing "
            "five soldiers.\n\nRwandan troops launched a counter-attack on Saturday.")
    counter, answered = answer(coder, text, "counter-attack")
    assert answered is not None and "Insurgents attacked" in answered.evidence[0].sentence


def test_the_strikes_that_came_after_an_attack_answer_it_in_every_telling(
        coder: Coder) -> None:
    text = ("Pakistani jets strike Paktika\n\n"
            "Pakistani warplanes bombed several villages in Paktika province, Afghanistan, on "
            "Monday, killing 19 people.\n\n"
            "The strikes came three days after a suicide bomber of the Pakistani Taliban killed "
            "16 soldiers in North Waziristan.")
    strikes, answered = answer(coder, text, "warplanes bombed")
    assert answered is not None and "suicide bomber" in answered.evidence[0].sentence
    assert "jets strike" in strikes.evidence[0].sentence  # the headline is the same strike


def test_strikes_in_response_answer_the_raid_before_the_threat_that_followed(
        coder: Coder) -> None:
    text = ("Rebels killed nine villagers in a raid in Kasese, Uganda, on Monday.\n\n"
            "President Yoweri Museveni vowed to hunt the killers down.\n\n"
            "On Tuesday the Ugandan army carried out air strikes on rebel camps in response.")
    strikes, answered = answer(coder, text, "air strikes")
    assert answered is not None and answered.code.type == "ASSAULT"


def test_a_day_after_the_ambush_answers_the_ambush_but_after_the_election_nothing(
        coder: Coder) -> None:
    ambush = ("Militants ambushed an army convoy near Douentza, Mali, on Tuesday, killing two "
              "soldiers.\n\nA day after the ambush, army drones struck militant positions "
              "near Douentza.")
    strike, answered = answer(coder, ambush, "army drones struck")
    assert answered is not None and "ambushed" in answered.evidence[0].sentence
    vote = ("Militants ambushed an army convoy near Douentza, Mali, on Tuesday, killing two "
            "soldiers.\n\nA day after the election, army drones struck militant positions "
            "near Douentza.")
    strike, answered = answer(coder, vote, "army drones struck")
    assert answered is None
