"""Several acts of one sentence, misparsed subjects, denials, implied targets and actor nouns:
rules found on our own gold, tested on sentences written for them."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.models import Mention
from newsevents.pipeline import Coder

pytestmark = pytest.mark.slow
PUBLISHED = date(2025, 6, 18)


def coded(coder: Coder, text: str, type_: str | None = None) -> list[Mention]:
    return [m for m in coder.code_text(text, PUBLISHED) if type_ is None or m.code.type == type_]


def described(mentions: list[Mention]) -> list[tuple[str, object, object]]:
    return [(m.code.type, m.actor, m.target) for m in mentions]


# -- several acts of one sentence (merge.py) ------------------------------------------------------
def test_a_state_of_emergency_and_a_curfew_of_one_sentence_are_two_events(coder: Coder) -> None:
    text = ("President Bola Tinubu declared a state of emergency in Rivers state on Tuesday and "
            "imposed a dusk-to-dawn curfew on Port Harcourt.")
    modes = sorted(m.code.mode or "" for m in coded(coder, text, "COERCE"))
    assert modes == ["curfew", "martial-law"]


def test_two_joined_demands_with_their_own_objects_are_two_requests(coder: Coder) -> None:
    text = ("The Kanak union called for calm but demanded that the government in Paris scrap "
            "the reform.")
    assert len(coded(coder, text, "REQUEST")) == 2


def test_a_later_act_told_with_also_is_an_event_of_its_own(coder: Coder) -> None:
    text = ("Armed raiders attacked a cattle camp in Jonglei state on Friday, killing 12 people. "
            "The raiders also abducted nine children, a local official said.")
    assaults = coded(coder, text, "ASSAULT")
    assert sorted(m.code.mode or "" for m in assaults) == ["", "abduct"], described(assaults)


def test_other_people_arrested_earlier_are_another_arrest(coder: Coder) -> None:
    text = ("The navy arrested 14 Indian fishermen off Mannar on Sunday. A court in Jaffna on "
            "Monday ordered the release of 20 other Indian fishermen who were arrested in May.")
    assert len(coded(coder, text, "COERCE")) == 2


# -- subjects the small model misplaces (parties.py) ----------------------------------------------
def test_a_subject_swallowed_by_a_leading_date_is_the_actor(coder: Coder) -> None:
    text = "On Tuesday Kenya's President William Ruto called on the rebels to lay down their arms."
    request = coded(coder, text, "REQUEST")[0]
    assert request.actor is not None
    assert (request.actor.country, request.actor.sector) == ("KEN", "GOV")


def test_a_country_with_a_relative_clause_is_the_subject_of_the_verb_after_it(coder: Coder
                                                                              ) -> None:
    text = ("Qatar, which hosted the talks between Kinshasa and the rebels in June, called on "
            "both sides to respect the truce.")
    requests = coded(coder, text, "REQUEST")
    assert requests and requests[0].actor is not None, described(coded(coder, text))
    assert requests[0].actor.country == "QAT"


def test_a_verb_joined_to_said_without_a_subject_has_the_speaker_as_actor(coder: Coder) -> None:
    text = ("Village elders said the two men were herders, accused the soldiers of killing "
            "them and called for an independent inquiry.")
    request = coded(coder, text, "REQUEST")
    assert request and request[0].actor is not None, described(coded(coder, text))
    assert request[0].actor.sector == "CVL"


def test_he_or_she_is_the_last_named_person(coder: Coder) -> None:
    text = ("Gunmen seized 30 villagers in Zamfara state on Sunday, the state's governor, Dauda "
            "Lawal, told reporters. He called on the kidnappers to free them.")
    request = coded(coder, text, "REQUEST")[0]
    assert request.actor is not None
    assert (request.actor.country, request.actor.sector) == ("NGA", "GOV")


def test_the_subject_of_due_to_is_the_actor_of_the_planned_meeting(coder: Coder) -> None:
    text = "Foreign ministers of Ethiopia and Egypt are due to meet in Nairobi next week."
    meeting = coded(coder, text, "CONSULT")
    assert meeting and meeting[0].factuality == "future", described(coded(coder, text))
    assert meeting[0].actor is not None


# -- denials and other non-assertions (coding.py, factuality.py) ----------------------------------
def test_the_deniers_own_account_of_a_denied_strike_is_no_second_event(coder: Coder) -> None:
    text = ("The army denied that its jets had bombed a market in Sagaing on Friday, saying its "
            "aircraft had only hit a rebel weapons depot.")
    assaults = coded(coder, text, "ASSAULT")
    assert [m.factuality for m in assaults] == ["denied"], described(assaults)


def test_the_toll_told_in_a_relative_clause_of_a_denied_strike_is_not_asserted(coder: Coder
                                                                               ) -> None:
    text = ("The army on Monday denied carrying out a drone strike that the rebels say killed "
            "nine civilians near Gao.")
    assaults = coded(coder, text, "ASSAULT")
    assert [m.factuality for m in assaults] == ["denied"], described(assaults)


def test_an_act_awaited_until_a_condition_is_met_is_no_event(coder: Coder) -> None:
    text = "The rebels said they would keep attacking army convoys until their leader was freed."
    assert not coded(coder, text, "RETREAT")


def test_the_negated_content_of_a_request_is_no_refusal(coder: Coder) -> None:
    text = "The opposition leader called on Brussels not to lift the sanctions on Minsk."
    assert not coded(coder, text, "REJECT")
    assert coded(coder, text, "REQUEST")


def test_a_body_that_meets_only_rarely_holds_no_meeting(coder: Coder) -> None:
    text = ("Chad and Niger set up a joint border commission in 2019, but it has met only "
            "rarely.")
    assert not coded(coder, text, "CONSULT")


def test_what_a_group_is_doing_in_a_relative_clause_is_no_event(coder: Coder) -> None:
    text = ("China could broker talks between the junta and the Arakan Army, which is "
            "fighting near the coast of Rakhine state, analysts said.")
    assert not coded(coder, text, "ASSAULT")


def test_the_purpose_of_a_summit_is_part_of_the_summit(coder: Coder) -> None:
    text = ("Leaders of ECOWAS will hold a summit in Abuja on Friday to push for a ceasefire in "
            "Guinea-Bissau.")
    assert not coded(coder, text, "REQUEST")
    assert coded(coder, text, "CONSULT")


def test_approving_a_state_of_emergency_is_the_emergency_not_support(coder: Coder) -> None:
    text = "Parliament on Monday approved a state of emergency in Tigray for six months."
    assert not coded(coder, text, "SUPPORT")
    emergency = coded(coder, text, "COERCE")
    assert emergency and emergency[0].actor is not None, described(coded(coder, text))
    assert emergency[0].actor.sector == "GOV"


def test_a_rejected_demand_is_no_request_of_this_sentence(coder: Coder) -> None:
    text = "Prime Minister Ali Lamine Zeine rejected the opposition's demand for early elections."
    assert coded(coder, text, "REJECT")
    assert not coded(coder, text, "REQUEST")


def test_calling_an_act_a_name_does_not_commit_it(coder: Coder) -> None:
    text = ('Russian foreign ministry spokeswoman Maria Zakharova called the expulsion "an '
            'unfriendly act".')
    assert all(m.actor is None or m.actor.country != "RUS"
               for m in coded(coder, text, "COERCE"))


# -- implied targets (addressees.py) and actor nouns (actors.py, actors.tsv) ----------------------
def test_a_rejected_charge_answers_the_party_that_made_it(coder: Coder) -> None:
    text = ("The opposition accused Prime Minister Robert Abela of buying votes, a charge he "
            "rejected.")
    reject = coded(coder, text, "REJECT")
    assert reject and reject[0].target is not None, described(coded(coder, text))
    assert reject[0].target.sector == "OPP"


def test_an_unknown_people_object_is_the_actors_own_people(coder: Coder) -> None:
    text = ("Washington imposed sanctions on Tbilisi last week. On Monday Prime Minister Irakli "
            "Kobakhidze accused foreign-funded groups of plotting a revolution.")
    accuse = [m for m in coded(coder, text, "ACCUSE") if m.actor and m.actor.country == "GEO"]
    assert accuse and accuse[0].target is not None, described(coded(coder, text))
    assert accuse[0].target.country == "GEO"


def test_its_neighbour_is_the_other_country_named(coder: Coder) -> None:
    text = "Chad has kept its border with Sudan closed, accusing its neighbour of arming rebels."
    accuse = coded(coder, text, "ACCUSE")[0]
    assert accuse.target is not None and accuse.target.country == "SDN"


def test_crossings_on_the_border_with_a_country_close_on_that_country(coder: Coder) -> None:
    text = ("President Evariste Ndayishimiye accused Kigali of backing the rebels and announced "
            "that all crossings on the border with Rwanda were closed.")
    closure = coded(coder, text, "COERCE")
    assert closure and closure[0].target is not None, described(coded(coder, text))
    assert closure[0].target.country == "RWA"


def test_foreigners_seized_without_a_place_are_located_at_the_storys_home(coder: Coder) -> None:
    text = ("Separatists attacked a convoy in Balochistan, Pakistan, on Monday, the army said. "
            "The fighters also kidnapped two Chinese engineers.")
    abduction = [m for m in coded(coder, text, "ASSAULT") if m.code.mode == "abduct"]
    assert abduction and abduction[0].location is not None, described(coded(coder, text))
    assert abduction[0].location.country == "PAK"


def test_the_owner_in_a_possessive_is_the_actor_of_the_act(coder: Coder) -> None:
    text = "The insurgents' attack on the town of Mocimboa da Praia in 2020 forced aid groups out."
    attack = coded(coder, text, "ASSAULT")
    assert attack and attack[0].actor is not None, described(coded(coder, text))
    assert attack[0].actor.sector == "REB"


@pytest.mark.parametrize(("text", "type_", "country", "sector"), [
    ("Gazprom halted gas deliveries to Moldova on Monday.", "SANCTION", "RUS", "BUS"),
    ("Executives from the CNPC met President Tiani in Niamey on Monday.", "CONSULT", "CHN",
     "BUS"),
    ("Interrogators tortured the detainee for three days, his lawyer said.", "ASSAULT", None,
     "POL"),
    ("Cattle raiders killed six herders near Kapoeta on Sunday.", "ASSAULT", None, "REB"),
])
def test_ordinary_actor_nouns_and_state_companies(coder: Coder, text: str, type_: str,
                                                  country: str | None, sector: str) -> None:
    found = coded(coder, text, type_)
    assert found and found[0].actor is not None, described(coded(coder, text))
    assert found[0].actor.sector == sector
    if country is not None:
        assert found[0].actor.country == country


def test_a_date_and_place_told_after_joined_verbs_belong_to_each(coder: Coder) -> None:
    text = ("The coast guard detained 11 Vietnamese fishermen and seized two boats off Palawan "
            "on Sunday.")
    arrests = [m for m in coded(coder, text, "COERCE") if m.code.mode == "arrest"]
    assert arrests, described(coded(coder, text))
    assert arrests[0].date.date == date(2025, 6, 15)
    assert arrests[0].location is not None and arrests[0].location.country == "PHL"


def test_speaking_on_condition_of_anonymity_is_no_meeting(coder: Coder) -> None:
    text = ("Army officers, speaking on condition of anonymity, said the militants had crossed "
            "from Mali.")
    assert not coded(coder, text, "CONSULT")


def test_what_is_offered_is_part_of_the_offer(coder: Coder) -> None:
    text = "Wellington said it had offered to send police advisers to Honiara."
    assert not coded(coder, text, "AID")
    assert coded(coder, text, "AGREE")


def test_the_topic_of_talks_is_no_second_event(coder: Coder) -> None:
    text = "EU ministers will discuss Serbia's accession negotiations in Luxembourg on June 24."
    assert len(coded(coder, text, "CONSULT")) == 1
