"""Where an event happened: places named on a nested event, venues abroad, border crossings."""

from __future__ import annotations

import pytest
from test_parties import PUBLISHED, events

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


def test_a_visited_capital_is_where_the_visit_happens(coder: Coder) -> None:
    text = ("Troops fired on protesters in Thailand last week. The UN rights chief will visit "
            "Bangkok on Friday to meet the prime minister.")
    visit = events(coder, text, "CONSULT")[0]
    assert visit.location is not None and visit.location.country == "THA"


def test_the_first_of_a_list_of_regions_places_the_event(coder: Coder) -> None:
    text = ("Ukrainian shells hit Kherson in Ukraine. The Russian army said it had downed 7 "
            "Ukrainian drones over the Kaluga, Bryansk and Smolensk regions on Sunday.")
    downed = [m for m in coder.code_text(text, PUBLISHED) if "downed" in m.evidence[0].sentence]
    assert downed and downed[0].location is not None and downed[0].location.country == "RUS"


def test_a_state_closes_its_own_side_of_a_border_crossing(coder: Coder) -> None:
    text = ("Sudanese army jets bombed a market in Sudan's West Darfur state on Sunday. "
            "Chad closed the Adre border crossing on Monday, stranding hundreds of lorries.")
    closure = events(coder, text, "COERCE")[0]
    assert closure.location is not None and closure.location.country == "TCD"
    assert closure.target is not None and closure.target.country == "SDN"


def test_the_neighbour_named_with_a_closed_crossing_is_its_target(coder: Coder) -> None:
    text = ("Riot police broke up a rally in Tbilisi in Georgia on Saturday. Armenia closed "
            "two of its border crossings with Georgia last month.")
    closure = events(coder, text, "COERCE")[0]
    assert closure.location is not None and closure.location.country == "ARM"
    assert closure.target is not None and closure.target.country == "GEO"


def test_a_region_of_several_words_is_not_a_namesake_of_its_last_word(coder: Coder) -> None:
    text = ("Gunmen killed six police officers in Mexico on Sunday. The defence ministry said "
            "800 soldiers would be deployed to the Bajo Piura region from Friday.")
    deployment = events(coder, text, "MOBILIZE")[0]
    assert deployment.location is not None and deployment.location.country == "MEX"


def test_the_leads_place_decides_between_countries_of_equal_weight(coder: Coder) -> None:
    text = ("Rebels killed five farmers in a village in Kasese district on Monday, police "
            "said.\n\nThe attackers also burned ten houses.\n\nCongo's army said the rebels "
            "came from Congo. Officials in Congo said so.")
    burning = [m for m in events(coder, text, "ASSAULT") if "burned" in m.evidence[0].sentence]
    assert burning and burning[0].location is not None
    assert burning[0].location.country == "UGA"


def test_a_subject_the_text_calls_a_town_is_where_its_event_happens(coder: Coder) -> None:
    text = ("Floods hit Mali this year. Menaka, a town of 20,000 people near the Niger border, "
            "has been under a blockade by jihadists since March.")
    blockade = events(coder, text, "COERCE")[0]
    assert blockade.location is not None and blockade.location.admin1_code == "ML-9"


def test_a_road_between_two_towns_is_where_an_ambush_happens(coder: Coder) -> None:
    text = ("Gunmen ambushed a bus on the road between Zinder and Tanout in Niger on Friday, "
            "killing four passengers.")
    ambush = events(coder, text, "ASSAULT")[0]
    assert ambush.location is not None and ambush.location.admin1_code == "NE-7"


def test_an_act_on_people_on_patrol_is_where_the_patrol_is(coder: Coder) -> None:
    text = ("Violence rose in Thailand this year. A roadside bomb killed two rangers and "
            "wounded four others on patrol in the Bacho district of Narathiwat province on "
            "Friday, police said.")
    bombing = events(coder, text, "ASSAULT")[0]
    assert bombing.location is not None and bombing.location.admin1_code == "TH-96"


def test_a_place_west_of_a_city_is_near_that_city(coder: Coder) -> None:
    text = ("Soldiers arrested 12 miners at a camp west of Oruro in Bolivia on Friday.")
    arrest = events(coder, text, "COERCE")[0]
    assert arrest.location is not None and arrest.location.admin1_code == "BO-O"


def test_an_unknown_district_lies_in_the_province_that_owns_it(coder: Coder) -> None:
    text = ("Tribal fighting flared in Papua New Guinea. Gunmen killed nine people at a "
            "market in Hela's Tari-Pori district on Sunday.")
    killing = events(coder, text, "ASSAULT")[0]
    assert killing.location is not None and killing.location.admin1_code == "PG-HLA"


def test_an_agreement_reached_in_talks_is_where_the_talks_are(coder: Coder) -> None:
    text = ("Fighting in Congo displaced 5,000 people in May. Congo's government and the "
            "Uganda-backed militia agreed last week to work towards a ceasefire in talks in "
            "Nairobi mediated by Kenya.")
    agreement = events(coder, text, "AGREE")[0]
    assert agreement.location is not None and agreement.location.country == "KEN"


def test_a_state_expels_diplomats_from_its_own_territory(coder: Coder) -> None:
    text = ("Sudan accused Chad of arming rebels. On Monday Chad's government ordered three "
            "Sudanese diplomats to leave the country within 48 hours.")
    expulsion = events(coder, text, "SANCTION")[0]
    assert expulsion.location is not None and expulsion.location.country == "TCD"


def test_a_state_deports_people_from_its_own_territory(coder: Coder) -> None:
    text = ("Floods hit Niger in August. Algerian authorities deported 400 Nigeriens on "
            "Sunday, the Algerian interior ministry said.")
    deportation = events(coder, text, "COERCE")[0]
    assert deportation.location is not None and deportation.location.country == "DZA"


def test_targets_protesting_are_where_they_were_dispersed(coder: Coder) -> None:
    text = ("Anger grew in Togo after the vote. Police in Lome fired tear gas on Sunday to "
            "disperse hundreds of students protesting against the new constitution.")
    protest = events(coder, text, "PROTEST")[0]
    assert protest.location is not None and protest.location.admin1_code == "TG-M"


def test_a_retreat_just_before_a_capture_is_where_the_capture_was(coder: Coder) -> None:
    text = ("Fighting raged in Myanmar. The rebels said on Monday they had taken control of "
            "Kyauktaw, in northern Rakhine state, after the last army troops withdrew from "
            "the town.")
    retreat = events(coder, text, "RETREAT")[0]
    assert retreat.location is not None and retreat.location.admin1_code == "MM-16"
