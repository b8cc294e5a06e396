"""Which country a party or place belongs to: territories, country pairs, namesakes."""

from __future__ import annotations

import pytest
from test_parties import PUBLISHED, events

from newsevents.pipeline import Coder

pytestmark = pytest.mark.slow


TERRITORY_STORY = (
    "Curfew in New Caledonia as Paris flies in more gendarmes\n\n"
    "Young men burned cars and looted shops in Noumea on Saturday night, French officials "
    "said, after Paris announced a new constitutional bill.\n\n"
    "Police arrested 30 people in the capital overnight, the French interior ministry said. "
    "France has ruled the archipelago since the nineteenth century.\n\n"
    "In Paris, French ministers defended the bill. Paris says France will not back down, "
    "and the French Senate in Paris will vote on it in July.")


def test_a_territory_named_in_the_lead_outranks_its_sovereign(coder: Coder) -> None:
    arrest = events(coder, TERRITORY_STORY, "COERCE")[0]
    assert arrest.location is not None and arrest.location.country == "NCL"
    assert arrest.target is not None and arrest.target.country == "NCL"


def test_a_territorys_police_belong_to_its_sovereign(coder: Coder) -> None:
    arrest = events(coder, TERRITORY_STORY, "COERCE")[0]
    assert arrest.actor is not None
    assert (arrest.actor.country, arrest.actor.sector) == ("FRA", "POL")


def test_a_hyphenated_pair_of_countries_names_neither(coder: Coder) -> None:
    text = ("Rebels blew up a section of the Chad-Cameroon oil pipeline near Doba in "
            "southern Chad on Sunday, the energy ministry said.")
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.target is not None and attack.target.country == "TCD"


def test_an_unknown_union_takes_its_members_sector_and_its_named_country(coder: Coder) -> None:
    text = ("The Kenya Dock Workers' Federation rejected the port authority's pay offer on "
            "Tuesday and called a strike in Mombasa.")
    reject = events(coder, text, "REJECT")[0]
    assert reject.actor is not None
    assert (reject.actor.country, reject.actor.sector) == ("KEN", "LAB")


def test_an_association_of_people_of_a_country_is_that_countrys(coder: Coder) -> None:
    text = ("The association of nurses of Malawi called on the health ministry on Friday to "
            "pay months of overdue wages.")
    request = events(coder, text, "REQUEST")[0]
    assert request.actor is not None
    assert request.actor.country == "MWI"


def test_a_province_named_after_its_capital_city_is_that_citys_province(coder: Coder) -> None:
    place = coder.sentences.places.gazetteer.lookup("Deraa province", ("SYR", "TUR", "TR-01"))
    assert place is not None
    assert (place.country, place.admin1_code) == ("SYR", "SY-DR")


def test_a_place_in_the_mountains_of_a_country_is_in_that_country(coder: Coder) -> None:
    text = ("Turkey's army said on Friday its commandos had killed 12 PKK fighters in the "
            "hills of northern Iraq, near the town of Amadiya.")
    attack = events(coder, text, "ASSAULT")[0]
    assert attack.location is not None and attack.location.country == "IRQ"


def test_the_town_of_a_foreign_namesake_is_in_the_home_country(coder: Coder) -> None:
    text = ("Insurgents attacked the town of Mocimboa da Praia in Mozambique's Cabo Delgado "
            "province on Friday, police said.\n\n"
            "Mozambique's army said the militants also raided the town of Palma, killing "
            "six civilians.")
    raids = [m for m in events(coder, text, "ASSAULT")
             if any("Palma" in e.sentence for e in m.evidence)]
    assert raids and raids[0].location is not None
    assert raids[0].location.country == "MOZ"


def test_a_party_placed_after_its_sentence_still_takes_the_places_country(coder: Coder) -> None:
    text = ("The government declared a state of emergency in two provinces of Cusco on "
            "Tuesday and deployed 900 police officers to clear the roads.")
    found = [m for m in coder.code_text(text, PUBLISHED) if m.actor is not None
             and m.actor.sector == "GOV" and m.location is not None]
    assert found, [(m.code.type, m.actor, m.location) for m in coder.code_text(text, PUBLISHED)]
    assert all(m.actor is not None and m.actor.country == m.location.country == "PER"
               for m in found if m.location is not None)
