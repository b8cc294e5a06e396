"""Who did it to whom: actor, target and home-country rules, on sentences written for them."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.lexicon import Lexicon
from newsevents.models import Mention
from newsevents.pipeline import Coder

pytestmark = pytest.mark.slow
PUBLISHED = date(2025, 3, 12)


def events(coder: Coder, text: str, type_: str) -> list[Mention]:
    found = [m for m in coder.code_text(text, PUBLISHED) if m.code.type == type_]
    assert found, [(m.code.type, m.actor, m.target) for m in coder.code_text(text, PUBLISHED)]
    return found


def test_a_title_before_a_name_gives_the_actor_its_sector_and_country(coder: Coder) -> None:
    text = ("Protesters blocked roads in Arequipa, Peru, on Monday. "
            "President Dina Boluarte accused Chile of funding the blockades.")
    accuse = events(coder, text, "ACCUSE")[0]
    assert accuse.actor is not None
    assert (accuse.actor.country, accuse.actor.sector) == ("PER", "GOV")
    assert accuse.target is not None and accuse.target.country == "CHL"


def test_members_of_a_named_group_act_for_the_group(coder: Coder) -> None:
    text = "Members of the Sinaloa Cartel attacked a police station in Culiacan on Friday."
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.actor is not None
    assert (attack.actor.country, attack.actor.sector) == ("MEX", "REB")


def test_without_a_named_target_the_victims_are_the_target(coder: Coder) -> None:
    text = "A drone strike hit a bus depot in Kassala, Sudan, on Sunday, killing 12 people."
    strike = events(coder, text, "ASSAULT")[0]
    assert strike.target is not None
    assert (strike.target.country, strike.target.sector) == ("SDN", "CVL")


def test_a_weapon_is_not_the_target_the_crowd_it_was_fired_at_is(coder: Coder) -> None:
    text = "Police in Nairobi fired tear gas at hundreds of students on Monday."
    assault = events(coder, text, "ASSAULT")[0]
    assert assault.target is not None
    assert (assault.target.country, assault.target.sector) == ("KEN", "CVL")


def test_an_event_noun_after_a_verb_belongs_to_the_verbs_subject(coder: Coder) -> None:
    text = ("Fighters of the Arakan Army killed five soldiers in an attack on a base in "
            "Rakhine state on Sunday, Myanmar's military said.")
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.actor is not None
    assert (attack.actor.country, attack.actor.sector) == ("MMR", "REB")


def test_the_ministry_is_the_ministry_named_before(coder: Coder) -> None:
    text = ("India's foreign ministry said on Tuesday that talks with Nepal had made progress. "
            "The ministry warned it would take countermeasures if Kathmandu printed the new map.")
    threat = events(coder, text, "THREATEN")[0]
    assert threat.actor is not None and threat.actor.country == "IND"


def test_the_home_country_is_where_the_lead_places_the_story(coder: Coder) -> None:
    text = ("Riot police arrested 40 people in Mombasa on Monday.\n\n"
            "The arrests followed a week of marches over fuel prices.\n\n"
            "The United States urged calm. A United States embassy statement said the United "
            "States was following events, and American officials met the governor.")
    doc = coder.nlp(text)
    assert coder.sentences.places.home_countries(doc)[0] == "KEN"


def test_countries_the_parser_misses_still_count(coder: Coder) -> None:
    doc = coder.nlp("Soldiers in Niger arrested nine people near Gaya after the attack.")
    assert coder.sentences.places.home_countries(doc)[0] == "NER"


def test_a_protest_without_a_target_is_against_the_government(coder: Coder) -> None:
    text = "Thousands of teachers marched in Lagos on Tuesday to demand higher pay."
    protest = events(coder, text, "PROTEST")[0]
    assert protest.target is not None
    assert (protest.target.country, protest.target.sector) == ("NGA", "GOV")


@pytest.mark.parametrize(("words", "sector"), [
    ("gunmen", "REB"), ("gang", "REB"), ("parliament", "GOV"), ("students", "CVL"),
    ("supporters", "OPP"), ("charge d'affaires", "GOV"),
])
def test_sectors_are_the_analysts_sectors(words: str, sector: str) -> None:
    lexicon = Lexicon.load()
    term = lexicon.actor_term(words) or lexicon.actor_term(words.rstrip("s"))
    assert term is not None and term.sector == sector


def test_a_named_group_inside_a_phrase_outranks_its_head(coder: Coder) -> None:
    text = "Hezbollah fighters fired rockets at an Israeli army post in the Galilee on Sunday."
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.actor is not None
    assert (attack.actor.country, attack.actor.sector) == ("LBN", "REB")


def test_the_group_is_the_group_named_before(coder: Coder) -> None:
    text = ("Al-Shabaab fighters stormed a police station in Baidoa, Somalia, on Friday. "
            "The militant group threatened further attacks on government officials.")
    threat = events(coder, text, "THREATEN")[0]
    assert threat.actor is not None
    assert (threat.actor.country, threat.actor.sector) == ("SOM", "REB")


def test_a_spokesman_of_a_body_acts_for_it(coder: Coder) -> None:
    text = ("The chairman of the African Union Commission called on the government of Chad "
            "to release the detained opposition leaders.")
    request = events(coder, text, "REQUEST")[0]
    assert request.actor is not None
    assert (request.actor.country, request.actor.sector) == (None, "IGO")


def test_an_object_that_is_no_party_gives_way_to_its_owner(coder: Coder) -> None:
    text = ("Philippine coast guard vessels were rammed on Monday. "
            "The State Department backed Manila's account of the incident.")
    support = events(coder, text, "SUPPORT")[0]
    assert support.target is not None and support.target.country == "PHL"


def test_its_troops_belong_to_the_clause_subject(coder: Coder) -> None:
    text = ("Fighting spread near Goma on Sunday. Kigali said on Monday that its troops had "
            "shelled rebel positions near the border.")
    shelling = events(coder, text, "ASSAULT")[0]
    assert shelling.actor is not None and shelling.actor.country == "RWA"


def test_a_physical_act_told_without_a_place_happens_in_the_home_country(coder: Coder
                                                                         ) -> None:
    text = ("Police in Dhaka arrested 30 garment workers on Monday.\n\n"
            "Later, police fired rubber bullets at the workers, injuring 12 of them.")
    assaults = events(coder, text, "ASSAULT")
    assert all(m.location is not None and m.location.country == "BGD" for m in assaults)


def test_the_target_of_a_call_is_not_where_it_happened(coder: Coder) -> None:
    text = "The opposition leader called on Washington to impose sanctions on the junta."
    request = events(coder, text, "REQUEST")[0]
    assert request.location is None or request.location.admin1_code != "US-DC"


def test_a_month_is_not_a_town(coder: Coder) -> None:
    text = "In August 2023, gunmen killed 12 villagers in an attack in Zamfara state, Nigeria."
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.location is not None and attack.location.country == "NGA"


def test_coordinated_demonyms_make_co_actors(coder: Coder) -> None:
    text = "On Monday French and Italian warships struck pirate boats off Eyl, Somalia."
    strike = events(coder, text, "ASSAULT")[0]
    assert strike.actor is not None and strike.actor.country == "FRA"
    assert [p.country for p in strike.co_actors] == ["ITA"]


def test_a_denied_act_named_by_a_noun_is_the_deniers(coder: Coder) -> None:
    text = ("Chad's army on Tuesday denied carrying out an air strike that killed six herders "
            "near Abeche on Sunday.")
    strike = events(coder, text, "ASSAULT")[0]
    assert strike.factuality == "denied"
    assert strike.actor is not None
    assert (strike.actor.country, strike.actor.sector) == ("TCD", "MIL")


def test_its_jets_belong_to_the_government_that_spoke(coder: Coder) -> None:
    text = "Naypyitaw said its jets had bombed rebel camps in Sagaing region on Saturday."
    strike = events(coder, text, "ASSAULT")[0]
    assert strike.actor is not None and strike.actor.country == "MMR"


def test_victims_in_a_nested_clause_are_the_target(coder: Coder) -> None:
    text = ("Insurgents attacked the town of Mocimboa da Praia, Mozambique, on Friday, "
            "looting shops and killing at least seven soldiers.")
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.target is not None
    assert (attack.target.country, attack.target.sector) == ("MOZ", "MIL")
    assert attack.fatalities == 7


def test_a_group_named_before_an_event_noun_is_its_actor(coder: Coder) -> None:
    text = "An al-Shabaab suicide bomber killed nine soldiers at a base near Kismayo, Somalia."
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.actor is not None
    assert (attack.actor.country, attack.actor.sector) == ("SOM", "REB")


def test_strikes_that_came_after_an_attack_answer_it(coder: Coder) -> None:
    text = ("Indian jets bombed militant camps in Pakistan's Punjab province on Monday.\n\n"
            "The strikes came two days after militants killed 20 soldiers in Kashmir.")
    mentions = coder.code_text(text, PUBLISHED)
    by_id = {m.id: m for m in mentions}
    strikes = next(m for m in mentions if m.actor is not None and m.actor.country == "IND")
    assert strikes.responds_to is not None
    answered = by_id[strikes.responds_to]
    assert answered.code.type == "ASSAULT" and answered.date.date == date(2025, 3, 8)


def test_a_rejected_charge_is_aimed_at_whoever_made_it(coder: Coder) -> None:
    text = "Niger's junta accused Benin of training saboteurs, a charge Cotonou rejected."
    reject = events(coder, text, "REJECT")[0]
    assert reject.target is not None and reject.target.country == "NER"


def test_condemning_an_attack_is_aimed_at_the_attackers(coder: Coder) -> None:
    text = ("Al-Shabaab fighters attacked a hotel in Mogadishu, Somalia, on Sunday, killing "
            "12 people.\n\nWashington condemned the attack as cowardly.")
    condemnation = events(coder, text, "ACCUSE")[0]
    assert condemnation.target is not None
    assert (condemnation.target.country, condemnation.target.sector) == ("SOM", "REB")


def test_a_group_named_like_a_foreign_town_is_the_group(coder: Coder) -> None:
    text = "Fano fighters seized the town of Debre Tabor in Ethiopia's Amhara region on Monday."
    seizure = events(coder, text, "COERCE")[0]
    assert seizure.actor is not None
    assert (seizure.actor.country, seizure.actor.sector) == ("ETH", "REB")


@pytest.mark.parametrize(("text", "actor", "target"), [
    ("A Chinese coast guard vessel fired a water cannon at a Philippine supply boat near the "
     "Second Thomas Shoal on Monday.", ("CHN", "MIL"), ("PHL", "MIL")),
    ("An Indian navy ship fired on a Sri Lankan fishing boat on Sunday.",
     ("IND", "MIL"), ("LKA", "CVL")),
])
def test_ships_and_boats_belong_to_the_country_of_their_demonym(
        coder: Coder, text: str, actor: tuple[str, str], target: tuple[str, str]) -> None:
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.actor is not None and attack.target is not None
    assert (attack.actor.country, attack.actor.sector) == actor
    assert (attack.target.country, attack.target.sector) == target


def test_army_warplanes_are_the_army_of_the_country_they_strike_in(coder: Coder) -> None:
    text = "Army warplanes bombed rebel positions in Nyala, Sudan, on Tuesday."
    strike = events(coder, text, "ASSAULT")[0]
    assert strike.actor is not None
    assert (strike.actor.country, strike.actor.sector) == ("SDN", "MIL")


def test_bare_drones_are_the_reporting_armys(coder: Coder) -> None:
    text = ("The army of Burkina Faso said on Tuesday that drones struck the assailants near "
            "Djibo.")
    strike = events(coder, text, "ASSAULT")[0]
    assert strike.actor is not None
    assert (strike.actor.country, strike.actor.sector) == ("BFA", "MIL")


@pytest.mark.parametrize(("text", "country"), [
    ("Armed youths from Jonglei state attacked cattle camps in the Greater Pibor area on "
     "Saturday, killing 40 people.", "SSD"),
    ("Fighters from Chad attacked a village in Darfur, Sudan, on Monday.", "TCD"),
])
def test_fighters_from_a_named_place_belong_to_its_country(
        coder: Coder, text: str, country: str) -> None:
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.actor is not None
    assert (attack.actor.country, attack.actor.sector) == (country, "REB")


def test_separatists_fight_in_their_own_country_unnamed_militants_have_none(
        coder: Coder) -> None:
    separatists = events(coder, "Separatist fighters abducted 11 people in Batibo, Cameroon, "
                                "on Saturday.", "ASSAULT")[0]
    assert separatists.actor is not None and separatists.actor.country == "CMR"
    militants = events(coder, "Militants ambushed a convoy near Djibo, Burkina Faso, on "
                              "Sunday.", "ASSAULT")[0]
    assert militants.actor is not None and militants.actor.country is None


def test_rebel_positions_a_home_army_bombs_are_its_countrys_rebels(coder: Coder) -> None:
    text = "Army warplanes bombed rebel positions in Nyala, Sudan, on Tuesday."
    strike = events(coder, text, "ASSAULT")[0]
    assert strike.target is not None
    assert (strike.target.country, strike.target.sector) == ("SDN", "REB")


def test_a_country_of_several_words_is_not_read_from_its_first_word(coder: Coder) -> None:
    text = "Tribal fighters ambushed a convoy near Wapag, Papua New Guinea, on Sunday."
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.location is not None and attack.location.country == "PNG"


def test_a_passive_toll_after_an_attack_is_that_attacks_toll(coder: Coder) -> None:
    text = ("RSF fighters shelled a camp in El Fasher, Sudan, on Tuesday. Army warplanes bombed "
            "rebel positions in Nyala. Twelve civilians were killed, the city administration "
            "said.")
    attacks = events(coder, text, "ASSAULT")
    assert len(attacks) == 2  # the toll is no actor-less third attack
    bombing = next(m for m in attacks if m.actor is not None and m.actor.sector == "MIL")
    shelling = next(m for m in attacks if m is not bombing)
    assert (bombing.fatalities, shelling.fatalities) == (12, None)


def test_a_toll_that_names_its_own_day_keeps_it(coder: Coder) -> None:
    text = ("Israeli warplanes struck villages in southern Lebanon on Thursday in retaliation "
            "for a Hezbollah rocket barrage a day earlier.\n\n"
            "Two soldiers were wounded in Wednesday's barrage, the military said.")
    wounded = [m for m in events(coder, text, "ASSAULT") if m.injuries == 2]
    assert wounded and wounded[0].date.date == date(2025, 3, 12)


def test_a_state_official_reporting_a_deployment_without_agent_is_its_actor(
        coder: Coder) -> None:
    text = ("Kenya's interior minister said 800 police officers would be deployed to Turkana "
            "county from Friday.")
    deployment = events(coder, text, "MOBILIZE")[0]
    assert deployment.actor is not None
    assert (deployment.actor.country, deployment.actor.sector) == ("KEN", "GOV")


def test_a_remembered_name_the_model_tags_as_a_common_noun_is_still_that_person(
        coder: Coder) -> None:
    text = ("Supporters of former President Evo Morales blocked roads near Cochabamba, "
            "Bolivia, on Monday.\n\nMorales accused President Luis Arce of using the police "
            "against the people.")
    accuse = events(coder, text, "ACCUSE")[0]
    assert accuse.actor is not None and accuse.actor.country == "BOL"
