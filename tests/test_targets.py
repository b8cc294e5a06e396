"""Whom an act is aimed at, and who speaks for whom: targets and representatives, on
sentences written for these rules."""

from __future__ import annotations

import pytest
from test_parties import PUBLISHED, events

from newsevents.models import Party
from newsevents.pipeline import Coder

pytestmark = pytest.mark.slow


def country_sector(party: Party | None) -> tuple[str | None, str | None]:
    assert party is not None
    return party.country, party.sector


def test_a_date_after_on_is_no_target_and_the_inner_clause_names_it(coder: Coder) -> None:
    text = "North Korea warned on Friday that it would take military action against Japan."
    threat = events(coder, text, "THREATEN")[0]
    assert threat.target is not None and threat.target.country == "JPN"


def test_a_threat_to_act_against_a_country_targets_it(coder: Coder) -> None:
    text = "Venezuela threatened on Tuesday to take military action against Guyana."
    threat = events(coder, text, "THREATEN")[0]
    assert threat.target is not None and threat.target.country == "GUY"


def test_the_pronoun_of_an_accusing_participle_is_the_expelled_party(coder: Coder) -> None:
    text = ("Niger on Monday expelled three French diplomats, accusing them of meddling in "
            "its internal affairs.")
    accuse = events(coder, text, "ACCUSE")[0]
    assert country_sector(accuse.target) == ("FRA", "GOV")


def test_partners_joined_by_and_are_actor_and_target_of_an_agreement(coder: Coder) -> None:
    text = ("Mozambique's government and the RENAMO opposition agreed on Friday to extend the "
            "deadline for disarming its fighters.")
    agree = events(coder, text, "AGREE")[0]
    assert agree.actor is not None and agree.actor.country == "MOZ"
    assert country_sector(agree.target) == ("MOZ", "OPP")


def test_two_leaders_who_spoke_are_actor_and_target(coder: Coder) -> None:
    text = ("Kenya's president and Tanzania's president spoke by phone on Monday and agreed to "
            "deepen trade ties with Uganda.")
    consult = events(coder, text, "CONSULT")[0]
    assert consult.actor is not None and consult.actor.country == "KEN"
    assert consult.target is not None and consult.target.country == "TZA"
    agree = events(coder, text, "AGREE")[0]
    assert agree.target is not None and agree.target.country == "TZA"


def test_negotiators_for_two_parties_meet_each_other(coder: Coder) -> None:
    text = "Negotiators for the Colombian government and the ELN met in Havana on Monday."
    consult = events(coder, text, "CONSULT")[0]
    assert country_sector(consult.actor) == ("COL", "GOV")
    assert country_sector(consult.target) == ("COL", "REB")


def test_delegations_of_two_forces_meet_each_other(coder: Coder) -> None:
    text = ("Sudan's army shelled Omdurman on Sunday. Mediators said delegations of the army "
            "and the RSF would meet in Jeddah next week.")
    consult = events(coder, text, "CONSULT")[0]
    assert country_sector(consult.actor) == ("SDN", "MIL")
    assert consult.target is not None and consult.target.name == "Rapid Support Forces"


def test_the_head_of_a_national_body_speaks_for_its_country(coder: Coder) -> None:
    text = ("The head of Kenya's police service will travel to Kampala next week for talks "
            "with Ugandan police on cattle raids.")
    consult = events(coder, text, "CONSULT")[0]
    assert consult.actor is not None and consult.actor.country == "KEN"
    assert consult.target is not None and consult.target.country == "UGA"


def test_a_title_before_a_name_the_model_labels_oddly_still_counts(coder: Coder) -> None:
    text = ("Rwanda's government spokeswoman Yolande Makolo rejected the accusation as "
            "baseless on Monday.")
    reject = events(coder, text, "REJECT")[0]
    assert country_sector(reject.actor) == ("RWA", "GOV")


def test_a_titled_person_keeps_the_party_of_the_title_later_in_the_story(coder: Coder) -> None:
    text = ("Houthi military spokesman Yahya Saree claimed the attack on Monday.\n\n"
            "Saree warned that American warships in the region would be legitimate targets.")
    threat = events(coder, text, "THREATEN")[0]
    assert country_sector(threat.actor) == ("YEM", "REB")
    assert threat.target is not None and threat.target.country == "USA"


def test_a_person_named_beside_an_appositive_title_keeps_it(coder: Coder) -> None:
    text = ("Ruto, Kenya's president, met church leaders in Nairobi on Monday. On Tuesday Ruto "
            "accused Tanzania of sheltering the gunmen.")
    accuse = events(coder, text, "ACCUSE")[0]
    assert country_sector(accuse.actor) == ("KEN", "GOV")
    assert accuse.target is not None and accuse.target.country == "TZA"


def test_a_name_without_a_title_stays_unknown(coder: Coder) -> None:
    text = "On Tuesday Ruto accused Tanzania of sheltering the gunmen."
    accuse = events(coder, text, "ACCUSE")[0]
    assert accuse.actor is None or accuse.actor.country is None


def test_a_warning_about_the_actors_own_forces_has_no_target_from_them(coder: Coder) -> None:
    text = "Uganda's President Yoweri Museveni vowed that the army would hunt the killers down."
    threat = events(coder, text, "THREATEN")[0]
    assert threat.target is None or threat.target.sector != "MIL"


def test_exercises_held_with_a_navy_are_held_with_its_country(coder: Coder) -> None:
    text = "Japanese warships held joint exercises with the Philippine navy last week."
    drill = events(coder, text, "COOPERATE")[0]
    assert country_sector(drill.target) == ("PHL", "MIL")


def test_what_someone_calls_a_thing_is_no_phone_call(coder: Coder) -> None:
    text = ("Farmers blocked the main highway on Monday in protest against what the opposition "
            "leader calls a campaign of intimidation.")
    assert not [m for m in coder.code_text(text, PUBLISHED) if m.code.type == "CONSULT"]


def test_the_army_and_a_paramilitary_of_one_country_are_two_events(coder: Coder) -> None:
    text = ("The RSF shelled a market in El Fasher on Tuesday, killing nine people. "
            "Sudan's army bombed RSF positions in El Fasher on Tuesday.")
    attacks = events(coder, text, "ASSAULT")
    assert {(m.actor.country, m.actor.sector) for m in attacks if m.actor} == {
        ("SDN", "REB"), ("SDN", "MIL")}


def test_an_act_and_the_act_it_answers_are_two_events(coder: Coder) -> None:
    text = ("Gunmen attacked Konduga in Borno state on Monday, the army said. In retaliation, "
            "air strikes hit Konduga in Borno state on Monday.")
    attacks = events(coder, text, "ASSAULT")
    assert len(attacks) == 2
    first = next(m for m in attacks if m.actor is not None)
    answer = next(m for m in attacks if m is not first)
    assert answer.responds_to == first.id


def test_a_states_warning_is_aimed_at_the_country_it_deals_with_in_the_story(
        coder: Coder) -> None:
    text = ("Pakistan accused Iran of sheltering militants on Monday. Officials said Islamabad "
            "could close the main border crossing.")
    threat = events(coder, text, "THREATEN")[0]
    assert threat.target is not None and threat.target.country == "IRN"
    assert "target implied by the story" in threat.reason


def test_the_oppositions_demand_is_aimed_at_its_own_government(coder: Coder) -> None:
    text = ("Kenya's opposition leader demanded on Wednesday that the officers responsible for "
            "the shootings be prosecuted.")
    demand = events(coder, text, "REQUEST")[0]
    assert country_sector(demand.target) == ("KEN", "GOV")


def test_an_organisations_appeal_is_aimed_at_the_country_it_speaks_about(
        coder: Coder) -> None:
    text = ("The UN human rights office called on Wednesday for an independent investigation "
            "into the killings in Darfur, Sudan.")
    appeal = events(coder, text, "REQUEST")[0]
    assert appeal.target is not None and appeal.target.country == "SDN"


def test_a_foreign_strike_with_no_named_target_hits_the_country_it_lands_in(
        coder: Coder) -> None:
    text = "Russian missiles struck an energy facility in Odesa on Monday, cutting power."
    strike = events(coder, text, "ASSAULT")[0]
    assert strike.target is not None and strike.target.country == "UKR"


def test_an_ally_fighting_beside_the_actor_is_not_its_implied_target(coder: Coder) -> None:
    text = "Rwandan and Mozambican troops launched a joint attack in Cabo Delgado on Saturday."
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.target is None or attack.target.country != "MOZ"


def test_a_named_target_outranks_the_implied_one(coder: Coder) -> None:
    text = ("Pakistan accused Iran of sheltering militants on Monday. Islamabad also warned "
            "Afghanistan that it would strike militant hideouts.")
    threat = events(coder, text, "THREATEN")[0]
    assert threat.target is not None and threat.target.country == "AFG"


def test_a_retaliation_answers_the_kind_of_act_it_names(coder: Coder) -> None:
    text = ("Rebels ambushed an army convoy near Goma on Monday. Rwanda imposed a curfew on "
            "border towns on Tuesday. In retaliation for the attack, Congolese soldiers "
            "arrested 40 suspected rebels on Wednesday.")
    mentions = coder.code_text(text, PUBLISHED)
    by_id = {m.id: m for m in mentions}
    arrest = next(m for m in mentions if m.code.type == "COERCE" and m.responds_to)
    assert by_id[arrest.responds_to].code.type == "ASSAULT"


def test_a_foreign_country_named_in_the_sentence_is_the_implied_addressee(
        coder: Coder) -> None:
    text = ("Moldova on Monday declared a Russian embassy official persona non grata and gave "
            "him 72 hours to leave, accusing him of buying votes.")
    accuse = events(coder, text, "ACCUSE")[0]
    assert accuse.target is not None and accuse.target.country == "RUS"


def test_an_armed_group_acts_against_its_enemy_in_the_story_not_its_own_country(
        coder: Coder) -> None:
    text = ("Israeli jets struck Hezbollah positions in southern Lebanon on Monday. On Tuesday "
            "Hezbollah fired rockets, its statement said.")
    rockets = [m for m in events(coder, text, "ASSAULT") if m.actor and
               m.actor.sector == "REB"][0]
    assert rockets.target is not None and rockets.target.country == "ISR"


def test_brussels_speaks_for_the_european_union(coder: Coder) -> None:
    text = "Iran's foreign ministry spokesman accused Brussels of hypocrisy on Monday."
    accuse = events(coder, text, "ACCUSE")[0]
    assert country_sector(accuse.target) == (None, "IGO")


def test_talks_suspended_with_a_party_target_that_party(coder: Coder) -> None:
    text = "Colombia's president on Monday suspended peace talks with the ELN."
    suspension = events(coder, text, "SANCTION")[0]
    assert country_sector(suspension.target) == ("COL", "REB")


def test_the_partner_of_an_agreement_outranks_a_third_party_it_mentions(
        coder: Coder) -> None:
    text = ("South Korea's president and Japan's prime minister agreed on Monday to deepen "
            "security cooperation with Washington.")
    agree = events(coder, text, "AGREE")[0]
    assert agree.target is not None and agree.target.country == "JPN"


def test_the_two_sides_are_the_parties_of_the_story_not_two_countries(coder: Coder) -> None:
    text = ("Colombia's president on Monday suspended peace talks with the ELN in Bogota. "
            "The talks had been held in Havana, Cuba. The two sides agreed a ceasefire in "
            "August 2023.")
    agree = events(coder, text, "AGREE")[0]
    assert country_sector(agree.actor) == ("COL", "GOV")
    assert country_sector(agree.target) == ("COL", "REB")


def test_its_in_a_reported_clause_with_a_plural_subject_is_the_reporters(
        coder: Coder) -> None:
    text = ("Azerbaijan's defence ministry said Armenian forces fired on its positions in the "
            "Kalbajar district on Tuesday, wounding one soldier.")
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.actor is not None and attack.actor.country == "ARM"
    assert attack.target is not None and attack.target.country == "AZE"


def test_a_rejected_offer_is_aimed_at_whoever_made_it(coder: Coder) -> None:
    text = "In 2023 the government of Cameroon rejected an offer by Canada to mediate."
    reject = events(coder, text, "REJECT")[0]
    assert reject.target is not None and reject.target.country == "CAN"


def test_a_country_the_model_labels_an_organisation_still_counts_as_named(
        coder: Coder) -> None:
    text = "Berlin rejected recent calls by Belarus's rulers for immediate economic aid."
    reject = events(coder, text, "REJECT")[0]
    assert country_sector(reject.target) == ("BLR", "GOV")


def test_a_protest_against_a_countrys_decision_targets_that_country(coder: Coder) -> None:
    text = ("Hundreds of migrants began a hunger strike on Monday to protest against Sweden's "
            "decision to deport them.")
    protest = events(coder, text, "PROTEST")[0]
    assert protest.target is not None and protest.target.country == "SWE"


def test_the_owner_of_a_decision_protested_against_is_the_target(coder: Coder) -> None:
    text = ("Belarusian President Alexander Lukashenko was sworn in on Monday. Hundreds of "
            "exiles protested in Vilnius, Lithuania, against Lukashenko's re-election.")
    protest = events(coder, text, "PROTEST")[0]
    assert country_sector(protest.target) == ("BLR", "GOV")
    assert protest.actor is not None and protest.actor.sector == "CVL"


def test_a_demand_that_a_foreign_party_act_is_aimed_at_it(coder: Coder) -> None:
    text = "Pakistan demanded on Monday that Afghanistan hand over the militants."
    demand = events(coder, text, "REQUEST")[0]
    assert demand.target is not None and demand.target.country == "AFG"


def test_a_participle_after_a_kept_closed_clause_belongs_to_the_main_subject(
        coder: Coder) -> None:
    text = ("Niger has kept its border with Benin closed since the coup, accusing Benin of "
            "hosting foreign troops.")
    accuse = events(coder, text, "ACCUSE")[0]
    assert accuse.actor is not None and accuse.actor.country == "NER"


def test_a_dealing_told_only_later_in_another_paragraph_is_not_the_implied_addressee(
        coder: Coder) -> None:
    text = ("Kenyan police fired tear gas at protesters in Nairobi on Monday, killing one man."
            "\n\nPresident William Ruto ordered an investigation into the shooting.\n\n"
            "In the north, Kenya's foreign ministry summoned the Ethiopian ambassador on "
            "Monday to protest against a cross-border raid.")
    inquiry = next(m for m in events(coder, text, "ACCUSE")
                   if m.actor is not None and "Ruto" in m.actor.text)
    assert inquiry.target is not None and inquiry.target.country == "KEN"


def test_a_domestic_charge_a_leader_rejects_is_aimed_at_its_accuser(coder: Coder) -> None:
    text = ("Rioters set fire to shops in Accra, Ghana, on Monday, police said.\n\nChina's "
            "embassy called on the government to protect Chinese citizens and businesses.\n\n"
            "The opposition had accused President John Mahama, sworn in on Monday, of buying "
            "the votes of MPs, a charge he rejected.")
    reject = events(coder, text, "REJECT")[0]
    assert country_sector(reject.target) == ("GHA", "OPP")


def test_a_foreign_state_dealing_with_no_one_in_the_story_speaks_to_its_home(
        coder: Coder) -> None:
    text = ("Clan fighters killed 12 people near Mendi in Papua New Guinea's Southern "
            "Highlands province on Sunday, police said.\n\nNew Zealand's foreign minister "
            "said Wellington had offered to send forensic experts to help the investigation.")
    offer = events(coder, text, "AGREE")[0]
    assert country_sector(offer.target) == ("PNG", "GOV")


def test_a_foreign_supplier_halting_deliveries_abroad_targets_where_it_halts(
        coder: Coder) -> None:
    text = ("Russia's state gas company Gazprom halted deliveries to the Transnistria region "
            "of Moldova on Monday over a disputed debt.")
    halt = events(coder, text, "SANCTION")[0]
    assert halt.target is not None and halt.target.country == "MDA"


def test_the_peacekeepers_an_aid_trigger_names_are_what_is_sent_not_its_target(
        coder: Coder) -> None:
    text = ("The UN Mission in Sudan said on Monday it had sent peacekeepers to Kadugli town, "
            "Sudan, to protect civilians fleeing the fighting.")
    aid = events(coder, text, "AID")[0]
    assert country_sector(aid.target) == ("SDN", "CVL")


def test_a_town_an_alliance_retakes_was_not_held_by_its_ally(coder: Coder) -> None:
    text = ("Insurgents attacked the town of Macomia in Mozambique's Cabo Delgado province on "
            "Friday, killing seven soldiers. Rwandan and Mozambican troops launched a joint "
            "counter-attack on Saturday and retook the town centre, the Rwanda Defence Force "
            "said.")
    retaken = events(coder, text, "COERCE")[0]
    assert retaken.target is None or retaken.target.country != "MOZ"
