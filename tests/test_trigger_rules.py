"""Event types read off the shape of a clause or a verb's object, on sentences we wrote:
reported demands, orders, money given or withheld, joint exercises, refusals."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.models import Mention
from newsevents.pipeline import Coder

PUBLISHED = date(2025, 3, 10)
pytestmark = pytest.mark.slow


def coded(coder: Coder, text: str) -> list[Mention]:
    return coder.code_text(text, PUBLISHED)


def kinds(mentions: list[Mention]) -> list[tuple[str, str | None, str]]:
    return [(m.code.type, m.code.mode, m.code.cameo) for m in mentions]


@pytest.mark.parametrize(("text", "type_", "mode", "cameo_root"), [
    ("The Dutch foreign minister said Belgrade must hand over the two suspects.",
     "REQUEST", None, "10"),
    ("Amnesty International said the authorities must release the detained bloggers.",
     "REQUEST", None, "10"),
    ("Peru ordered two Bolivian diplomats to leave the country within 72 hours.",
     "SANCTION", "expel", "166"),
    ("Ghana declared a Nigerian consular official persona non grata on Friday.",
     "SANCTION", "expel", "166"),
    ("The governor ordered the migrant workers to leave the province.", "COERCE", "deport",
     "174"),
    ("Sweden provided 40 million kronor to Mozambique for health projects.", "AID", None,
     "07"),
    ("Qatar gave 12 million dollars to the Yemeni government.", "AID", None, "07"),
    ("The World Food Programme resumed food distributions in Kassala on Sunday.", "AID", None,
     "07"),
    ("Washington cut military aid to Guatemala over the massacre.", "SANCTION", "discontinue",
     "162"),
    ("The EU is suspending 20 million euros in budget support to Mali.",
     "SANCTION", "discontinue", "162"),
    ("Britain froze the assets of four generals on Thursday.", "SANCTION", None, "163"),
    ("The EU imposed a travel ban on six senior police officers.", "SANCTION", None, "163"),
    ("The United States lowered tariffs on Vietnamese shrimp.", "RETREAT", None, "085"),
    ("Indonesian and Australian warships began joint war games in the Timor Sea.",
     "COOPERATE", None, "062"),
    ("Thai and Malaysian police shared evidence on the smuggling ring.", "COOPERATE", None,
     "064"),
    ("Jordan opened its borders to the refugees on Monday.", "CONCEDE", None, "08"),
    ("The junta declared a state of siege in the northern provinces.", "COERCE",
     "martial-law", "1724"),
    ("The authorities cut mobile internet across the region on Saturday.", "COERCE", "censor",
     "1721"),
    ("The government suspended the private broadcaster for a month.", "COERCE", "censor",
     "1721"),
    ("A prisoner died of torture in police custody.", "ASSAULT", "torture", "18"),
    ("The guerrillas declared a unilateral ceasefire for the holidays.", "RETREAT", "ceasefire",
     "087"),
    ("Oman launched a mediation effort between the two governments.", "CONSULT", None, "045"),
])
def test_the_type_follows_the_clause_and_the_object(
        coder: Coder, text: str, type_: str, mode: str | None, cameo_root: str) -> None:
    found = kinds(coded(coder, text))
    assert any(t == type_ and m == mode and c.startswith(cameo_root) for t, m, c in found), found


def test_a_reported_must_is_the_speakers_demand_not_the_act(coder: Coder) -> None:
    mentions = coded(coder, "The minister said Belgrade must hand over the two suspects.")
    assert [m.code.type for m in mentions] == ["REQUEST"]
    assert mentions[0].actor is not None and "minister" in mentions[0].actor.text


@pytest.mark.parametrize("text", [
    "We must defend our borders, the minister said.",  # resolve, not a demand on others
    "Analysts said Ankara must cut interest rates.",  # speculation
])
def test_a_must_of_resolve_or_speculation_is_no_demand(coder: Coder, text: str) -> None:
    assert "REQUEST" not in [m.code.type for m in coded(coder, text)]


def test_an_ordered_act_is_the_event_and_the_one_who_ordered_it_the_actor(coder: Coder) -> None:
    mentions = coded(coder, "President Ruto ordered the police to deploy 500 officers to "
                            "the Kerio Valley.")
    assert [m.code.type for m in mentions] == ["MOBILIZE"]
    assert mentions[0].actor is not None and "Ruto" in mentions[0].actor.text


def test_a_ministry_ordering_talks_still_requests_them(coder: Coder) -> None:
    assert "MOBILIZE" not in [m.code.type for m in coded(
        coder, "The ministry ordered the two agencies to meet on Monday.")]


@pytest.mark.parametrize("text", [
    "The two delegations failed to reach agreement on the border.",
    "Negotiators failed to agree on a prisoner exchange.",
])
def test_failing_to_agree_is_a_refusal(coder: Coder, text: str) -> None:
    assert [m.code.type for m in coded(coder, text)] == ["REJECT"]


def test_a_failure_inside_a_condition_is_no_refusal(coder: Coder) -> None:
    text = "Donors could suspend funding if the council fails to approve the budget."
    assert "REJECT" not in [m.code.type for m in coded(coder, text)]


@pytest.mark.parametrize(("text", "type_"), [
    ("Chinese warships held drills near the Taiwan Strait.", "MOBILIZE"),  # trap: no partner
    ("The company paid 5 million dollars for the factory.", None),  # trap: business, no aid
])
def test_traps_of_the_new_patterns(coder: Coder, text: str, type_: str | None) -> None:
    types = [m.code.type for m in coded(coder, text)]
    assert types[:1] == ([type_] if type_ else [])


@pytest.mark.parametrize(("text", "subtype"), [
    ("Government troops withdrew from the town on Sunday.", "Non-violent transfer of territory"),
    ("The opposition party withdrew from the peace talks.", "Change to group/activity"),
    ("Police beat protesters outside the parliament.", "Excessive force against protesters"),
    ("Police fired tear gas at protesters outside the parliament.",
     "Protest with intervention"),  # trap: crowd-control weapons stay an intervention
    ("Police fired tear gas at protesters who threw stones and burned tyres in Nairobi.",
     "Violent demonstration"),  # the crowd's own violence decides
    ("Soldiers opened fire during a protest in the capital, killing three people.",
     "Excessive force against protesters"),  # the victims are not named as protesters
    ("The rebels surrendered to the army on Friday.", "Agreement"),  # ACLED codebook
    ("Troops destroyed a cache of weapons in the forest.", "Disrupted weapons use"),
    ("Soldiers found a cache of rifles and ammunition near the village.",
     "Disrupted weapons use"),
    ("Police defused two bombs outside the church.", "Disrupted weapons use"),
    ("The militia took control of the town after government troops withdrew.",
     "Non-violent transfer of territory"),
    ("The militia took control of the town after heavy fighting.",
     "Non-state actor overtakes territory"),  # trap: fighting reported
    ("Rebels set up a checkpoint on the main road into the town.",
     "Headquarters or base established"),
    ("The two factions agreed to exchange prisoners on Friday.", "Agreement"),
    ("Opposition parties observed a bandh across the district on Monday.", "Peaceful protest"),
])
def test_acled_sub_types_of_withdrawals_and_force_against_protesters(
        coder: Coder, text: str, subtype: str) -> None:
    assert subtype in [m.code.acled_sub_event_type for m in coded(coder, text)]


@pytest.mark.parametrize(("text", "type_"), [
    ("Hundreds of demonstrators gathered outside the parliament in Nairobi on Monday.",
     "PROTEST"),
    ("Thousands of fans gathered outside the stadium.", None),  # trap: no protesters
    ("NATO member Norway is willing to send equipment to help defend Kuwait.", "AGREE"),
    ("Colombia is ready to contribute troops to the mission, the minister said.", "AGREE"),
    ("Opinion polls suggest that most Georgians support joining the bloc.", None),  # opinion
    ("Most Kenyans oppose the new levy.", None),
    ("Up to 200 ethnic Serbs demonstrated in Mitrovica on Tuesday.", "PROTEST"),  # not a state
])
def test_gatherings_offers_and_opinions(coder: Coder, text: str, type_: str | None) -> None:
    """A pledge is no ACLED agreement; a bandh is a strike; fans are no protesters."""
    types = [m.code.type for m in coded(coder, text)]
    assert types[:1] == ([type_] if type_ else []), types


def test_expelled_diplomats_belong_to_the_state_their_modifier_names(coder: Coder) -> None:
    mentions = coded(coder, "Peru ordered two Bolivian embassy staff to leave the country.")
    assert mentions and mentions[0].target is not None
    assert (mentions[0].target.country, mentions[0].target.sector) == ("BOL", "GOV")


@pytest.mark.parametrize(("text", "type_", "cameo"), [
    ("About 300 Rwandan police officers arrived in Bangui on Monday to reinforce the UN "
     "mission.", "AID", "074"),  # help given abroad
    ("The foreign minister arrived in Paris for talks.", "CONSULT", "042"),  # a visit
    ("Canada accepted 900 Syrian refugees in June.", "AID", "075"),
    ("The government accepted the main demands of the striking nurses.", "CONCEDE", "083"),
    ("Japan decided to ease sanctions on Myanmar.", "RETREAT", "085"),  # a decision is the act
    ("Norway provided 4 million dollars in emergency aid to help Malawi after the cyclone.",
     "AID", "071"),  # trap: the weather word does not make aid a metaphor
])
def test_arrivals_refugees_demands_and_decisions(coder: Coder, text: str, type_: str,
                                                 cameo: str) -> None:
    mentions = coded(coder, text)
    assert [(m.code.type, m.code.cameo) for m in mentions][:1] == [(type_, cameo)]
    assert mentions[0].factuality == "asserted"


def test_forces_sent_abroad_help_the_government_where_they_arrive(coder: Coder) -> None:
    mentions = coded(coder, "About 300 Rwandan police officers arrived in Bangui on Monday to "
                            "reinforce the UN mission.")
    assert [m.code.type for m in mentions] == ["AID"]  # the reinforcing is its purpose
    assert mentions[0].target is not None and mentions[0].target.country == "CAF"


def test_a_pledge_is_no_acled_agreement(coder: Coder) -> None:
    mentions = coded(coder, "Kenya pledged to send troops to the mission.")
    assert [m.code.type for m in mentions][:1] == ["AGREE"]
    assert mentions[0].code.acled_sub_event_type is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Two UN inspectors have been expelled from the country.", [("SANCTION", "1662")]),
    ("The union called off the strike on Friday.", [("CONCEDE", "080")]),  # no air strike
    ("The nurses said they will not end the strike until their wages are paid.",
     [("REJECT", "120")]),  # refusing to yield
    ("The president set a 30-day deadline for the agency to reform.", [("THREATEN", "139")]),
])
def test_passive_objects_and_the_end_of_a_strike(coder: Coder, text: str,
                                                 expected: list[tuple[str, str]]) -> None:
    assert [(m.code.type, m.code.cameo) for m in coded(coder, text)] == expected
