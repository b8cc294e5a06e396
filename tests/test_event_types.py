"""Sentence-level event typing, ACLED sub-types and factuality, on sentences we wrote."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.models import Mention
from newsevents.pipeline import Coder

PUBLISHED = date(2025, 3, 10)
pytestmark = pytest.mark.slow


def code(coder: Coder, text: str) -> list[Mention]:
    return coder.code_text(text, PUBLISHED)


def summary(mentions: list[Mention]) -> list[tuple[str, str | None, str, str | None, str]]:
    return [(m.code.type, m.code.mode, m.code.cameo, m.code.acled_sub_event_type, m.factuality)
            for m in mentions]


@pytest.mark.parametrize(("text", "type_", "subtype"), [
    ("Government troops recaptured the town from the rebels on Sunday.", "COERCE",
     "Government regains territory"),
    ("Rebels seized control of the town after a day of fighting.", "COERCE",
     "Non-state actor overtakes territory"),
    ("Militants lobbed a grenade into a crowded bar, wounding six customers.", "ASSAULT",
     "Grenade"),
    ("Police found an improvised explosive device near the bridge and defused it.", "COERCE",
     "Disrupted weapons use"),
    ("Rioters torched cars and looted shops in the city centre.", "ASSAULT",
     "Violent demonstration"),
    ("Security forces shot dead five protesters in the capital.", "ASSAULT",
     "Excessive force against protesters"),
    ("Police fired tear gas to disperse hundreds of demonstrators.", "ASSAULT",
     "Protest with intervention"),
    ("Thousands of teachers took to the streets of the capital on Monday to demand higher pay.",
     "PROTEST", "Peaceful protest"),
    ("Teachers struck for a third day over unpaid wages.", "PROTEST", "Peaceful protest"),
    ("The army killed three fighters in a gunbattle near the border.", "ASSAULT",
     "Armed clash"),
    ("Gunmen attacked a village and killed twelve civilians.", "ASSAULT", "Attack"),
    ("A suicide bomber blew himself up at a checkpoint, killing four soldiers.", "ASSAULT",
     "Suicide bomb"),
    ("The militia set up a new base near the village.", "MOBILIZE",
     "Headquarters or base established"),
    ("Soldiers sexually assaulted two women in the village.", "ASSAULT", "Sexual violence"),
    ("The Iraqi air force carried out three air strikes in Mosul.", "ASSAULT",
     "Air/drone strike"),
    ("Two people were killed in the bombing.", "ASSAULT", "Remote explosive/landmine/IED"),
    ("Syrian government forces used chlorine gas on the suburb.", "ASSAULT", "Chemical weapon"),
    ("Police opened fire on demonstrators in the capital, killing two people.", "ASSAULT",
     "Excessive force against protesters"),
    ("Demonstrators threw stones at police in the capital.", "PROTEST",
     "Violent demonstration"),
    ("Police dispersed the rally with tear gas and arrested 20 people.", "COERCE",
     "Protest with intervention"),
    ("Air defences shot down three drones over the city.", "ASSAULT", "Disrupted weapons use"),
    ("Hundreds of students marched through the capital on Monday.", "PROTEST",
     "Peaceful protest"),
])
def test_the_acled_sub_type_follows_the_weapon_the_parties_and_the_sentence(
        coder: Coder, text: str, type_: str, subtype: str) -> None:
    found = summary(code(coder, text))
    assert (type_, subtype) in [(t, s) for t, _, _, s, _ in found], found


@pytest.mark.parametrize(("text", "type_", "mode", "cameo_root"), [
    ("Switzerland expelled two Russian diplomats on Monday.", "SANCTION", "expel", "16"),
    ("The United States lifted sanctions on the state airline.", "RETREAT", None, "08"),
    ("The UN urged both sides to show restraint.", "REQUEST", None, "02"),
    ("The government demanded the immediate release of the journalists.", "REQUEST", None,
     "10"),
    ("The finance minister called the Russian ambassador on Tuesday.", "CONSULT", "phone", "04"),
    ("Norway gave Kenya five million dollars of aid on Monday.", "AID", None, "07"),
    ("Police closed the border with Benin on Friday.", "COERCE", "restrict", "19"),
    ("Rwanda and Burundi restored diplomatic ties on Thursday.", "SUPPORT", None, "05"),
])
def test_the_type_follows_the_predicate_and_its_object(
        coder: Coder, text: str, type_: str, mode: str | None, cameo_root: str) -> None:
    found = summary(code(coder, text))
    assert any(t == type_ and m == mode and c.startswith(cameo_root)
               for t, m, c, _, _ in found), found


@pytest.mark.parametrize(("text", "type_", "factuality"), [
    ("Syria will not accept any more refugees.", "REJECT", "asserted"),
    ("The army denied carrying out a drone strike on the village.", "ASSAULT", "denied"),
    ("Kenya is willing to send aid to Haiti.", "AGREE", "asserted"),
    ("Iran is prepared to attack the tankers, the commander said.", "THREATEN", "asserted"),
    ("The minister said the army would deploy troops to the border region.", "MOBILIZE",
     "future"),
    ("The president has threatened to ban opposition parties.", "THREATEN", "asserted"),
    ("Baku could suspend the negotiations if the shelling continued, the minister said.",
     "THREATEN", "asserted"),
    ("Iran reserves the right to take reciprocal measures, the ministry said.", "THREATEN",
     "asserted"),
    ("The rebels said they would keep attacking the pipeline until Bazoum was freed.",
     "THREATEN", "asserted"),
    ("The union rejected the offer and said workers would strike on Sunday unless the "
     "arrears were paid.", "THREATEN", "asserted"),
])
def test_factuality_refusals_and_intents(coder: Coder, text: str, type_: str,
                                          factuality: str) -> None:
    found = summary(code(coder, text))
    assert (type_, factuality) in [(t, f) for t, _, _, _, f in found], found


@pytest.mark.parametrize(("text", "absent"), [
    ("The army would deploy troops if the talks fail.", "MOBILIZE"),
    ("Analysts said Moscow could cut gas supplies to the region.", "SANCTION"),
    ("Analysts said Moscow could cut gas supplies to the region.", "THREATEN"),
    ("Baku could suspend the negotiations if the shelling continued, the minister said.",
     "SANCTION"),
    ("The rebels did not attack the town.", "ASSAULT"),
    ("The president has threatened to ban opposition parties.", "COERCE"),
    ("The army denied carrying out a drone strike on the village.", "REJECT"),
    ("The court upheld the right of police to fire on rioters.", "ASSAULT"),
    ("Thousands of teachers took to the streets on Monday to demand higher pay.", "REQUEST"),
    ("The striker hit the post twice as the home side beat the visitors 3-1.", "ASSAULT"),
    ("Heating bills exploded last winter.", "ASSAULT"),
    ("The company launched a new phone in March.", "ASSAULT"),
    ("The company launched a new phone in March.", "PROTEST"),
    ("The board fired the chief executive on Friday.", "ASSAULT"),
    ("The finance minister called the Russian ambassador on Tuesday.", "REQUEST"),
    ("A price war between the two supermarket chains hit profits.", "ASSAULT"),
    ("Fans stormed the pitch after the final whistle.", "ASSAULT"),
])
def test_traps_negations_and_conditions_are_no_events(coder: Coder, text: str,
                                                      absent: str) -> None:
    found = summary(code(coder, text))
    assert absent not in [t for t, *_ in found], found


def test_every_event_says_why_it_has_its_type(coder: Coder) -> None:
    mentions = code(coder, "Militants lobbed a grenade into a crowded bar, wounding six "
                           "customers. Police found a roadside bomb and defused it.")
    assert mentions and all(m.reason for m in mentions)
    assert any("grenade" in m.reason or "lob" in m.reason for m in mentions)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Red Cross called on both armies to protect hospitals and allow medics to enter the city.",
     ["REQUEST"]),  # what is asked is not a concession of its own
    ("Aid groups urged the army to reopen the border crossing.", ["REQUEST"]),
    ("The two parties agreed to extend the truce by a month.", ["AGREE"]),
    ("The rebels agreed to free four soldiers they had captured.", ["AGREE"]),
])
def test_the_content_of_a_request_or_an_agreement_is_no_event_of_its_own(
        coder: Coder, text: str, expected: list[str]) -> None:
    assert [m.code.type for m in code(coder, text)] == expected


def test_a_phone_call_is_still_a_consultation_not_a_request(coder: Coder) -> None:
    """Trap: 'call' without 'on'/'for' is a phone call, and what they talk about is theirs."""
    types = [m.code.type for m in code(coder, "Macron called Zelensky on Monday.")]
    assert types == ["CONSULT"]


@pytest.mark.parametrize(("text", "main"), [
    ("Police arrested five men who had attacked a polling station in Kano.", "COERCE"),
    ("Turkey condemned the airstrike that killed nine villagers near Idlib.", "ACCUSE"),
    ("Kenya and Uganda signed a trade pact after border clashes killed two traders.", "AGREE"),
    ("Officials said rebels shelled the market in Goma.", "ASSAULT"),  # reported, still main
])
def test_the_main_clause_event_is_the_most_confident(coder: Coder, text: str,
                                                     main: str) -> None:
    mentions = code(coder, text)
    top = max(mentions, key=lambda m: m.confidence)
    assert top.code.type == main, [(m.code.type, m.confidence) for m in mentions]


@pytest.mark.parametrize(("text", "type_"), [
    ("The African Union sent peacekeepers to the besieged town of Bor.", "AID"),
    ("UN agencies distributed food to 20,000 displaced families in Tawila.", "AID"),
    ("Ethiopia deployed troops along its border with Eritrea.", "MOBILIZE"),  # trap: own troops
])
def test_peacekeepers_and_food_handed_out_are_aid(coder: Coder, text: str, type_: str) -> None:
    assert [m.code.type for m in code(coder, text)][:1] == [type_]


@pytest.mark.parametrize(("text", "subtype"), [
    ("Soldiers shot at demonstrators outside the parliament in Yerevan.",
     "Excessive force against protesters"),  # live fire is lethal force even with no toll
    ("Police fired tear gas at demonstrators outside the parliament in Yerevan.",
     "Protest with intervention"),  # trap: crowd-control weapons are an intervention
])
def test_live_fire_on_protesters_is_excessive_force(coder: Coder, text: str,
                                                    subtype: str) -> None:
    assert code(coder, text)[0].code.acled_sub_event_type == subtype


@pytest.mark.parametrize(("text", "type_"), [
    ("Japan's government protested to Beijing over the detention of a businessman.", "ACCUSE"),
    ("Thousands of farmers protested outside the government headquarters in Delhi.",
     "PROTEST"),  # trap: 'government' is the protest's place, not its actor
    ("Government employees protested in Lagos over unpaid wages.", "PROTEST"),  # workers
])
def test_a_governments_protest_is_a_formal_complaint(coder: Coder, text: str,
                                                     type_: str) -> None:
    assert [m.code.type for m in code(coder, text)] == [type_]
