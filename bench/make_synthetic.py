"""Write a synthetic news corpus as JSON lines, for throughput and memory benchmarks.

    .venv/bin/python bench/make_synthetic.py N out.jsonl [--seed 0]

Each line is {"url", "title", "published", "text"}: a wire-style story of 8-12 paragraphs built
from templates (written for newsevents, MIT) with varied actors, places, dates, numbers and
names, so that no two articles share an id. Same N and seed, same corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

FIRST_DAY = date(2023, 1, 1)
DAYS = 3 * 365
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Country:
    name: str
    demonym: str
    capital: str
    cities: tuple[str, ...]


COUNTRIES = (
    Country("Sudan", "Sudanese", "Khartoum", ("El Fasher", "Omdurman", "Port Sudan", "Nyala")),
    Country("Ukraine", "Ukrainian", "Kyiv", ("Kharkiv", "Odesa", "Zaporizhzhia", "Dnipro")),
    Country("Russia", "Russian", "Moscow", ("Belgorod", "Kursk", "Rostov-on-Don", "Bryansk")),
    Country("Pakistan", "Pakistani", "Islamabad", ("Quetta", "Peshawar", "Karachi", "Lahore")),
    Country("Iran", "Iranian", "Tehran", ("Zahedan", "Isfahan", "Tabriz", "Mashhad")),
    Country("Nigeria", "Nigerian", "Abuja", ("Maiduguri", "Kano", "Lagos", "Jos")),
    Country("Mali", "Malian", "Bamako", ("Gao", "Timbuktu", "Mopti", "Kidal")),
    Country("Colombia", "Colombian", "Bogota", ("Cali", "Medellin", "Cucuta", "Popayan")),
    Country("Myanmar", "Myanmar", "Naypyitaw", ("Yangon", "Mandalay", "Sittwe", "Lashio")),
    Country("Somalia", "Somali", "Mogadishu", ("Baidoa", "Kismayo", "Beledweyne", "Garowe")),
    Country("Ethiopia", "Ethiopian", "Addis Ababa",
            ("Mekelle", "Gondar", "Bahir Dar", "Dire Dawa")),
    Country("Yemen", "Yemeni", "Sanaa", ("Aden", "Taiz", "Marib", "Hodeidah")),
    Country("Syria", "Syrian", "Damascus", ("Aleppo", "Idlib", "Homs", "Deir ez-Zor")),
    Country("Peru", "Peruvian", "Lima", ("Cusco", "Arequipa", "Puno", "Trujillo")),
    Country("Kenya", "Kenyan", "Nairobi", ("Mombasa", "Kisumu", "Nakuru", "Garissa")),
    Country("Philippines", "Philippine", "Manila", ("Cotabato", "Davao", "Marawi", "Zamboanga")),
)  # fmt: skip
FIRST_NAMES = (
    "Amina", "Omar", "Olena", "Dmitri", "Farah", "Bilal", "Leila", "Reza", "Chinedu", "Ngozi",
    "Moussa", "Awa", "Camila", "Andres", "Thandar", "Kyaw", "Hodan", "Abdi", "Selam", "Dawit",
    "Nadia", "Khaled", "Rania", "Samir", "Lucia", "Jorge", "Wanjiru", "Otieno", "Maria", "Jose",
)  # fmt: skip
LAST_NAMES = (
    "Hassan", "Ibrahim", "Kovalenko", "Petrov", "Qureshi", "Baloch", "Rahimi", "Tehrani",
    "Okafor", "Adeyemi", "Traore", "Keita", "Restrepo", "Gomez", "Aung", "Win", "Warsame", "Farah",
    "Tesfaye", "Bekele", "Saleh", "Haddad", "Mansour", "Najjar", "Quispe", "Mamani", "Kamau",
    "Odhiambo", "Santos", "Reyes",
)  # fmt: skip
ROLES = (
    "a government spokesperson", "the regional governor", "a local official",
    "a senior police officer", "an army spokesman", "a hospital director",
    "the interior minister", "a rights activist", "a community leader", "an aid worker",
)  # fmt: skip
ATTACKERS = (
    "{demonym} troops", "the {demonym} army", "{demonym} security forces", "armed men",
    "suspected militants", "rebel fighters", "gunmen on motorcycles", "government forces",
)  # fmt: skip
VICTIMS = ("civilians", "villagers", "soldiers", "police officers", "farmers", "displaced people")
WEAPONS = ("drones", "artillery shells", "rockets", "mortar rounds", "airstrikes")
GROUPS = ("students", "teachers", "traders", "farmers", "opposition supporters", "health workers")
GRIEVANCES = ("rising fuel prices", "unpaid salaries", "a disputed election result",
              "power cuts", "a new tax on imports", "the arrest of a union leader")  # fmt: skip
TOPICS = ("a ceasefire", "border security", "the return of refugees", "grain exports",
          "a prisoner exchange", "humanitarian access")  # fmt: skip


@dataclass(frozen=True)
class Story:
    """The random choices one article is written from."""

    country: Country
    other: Country
    city: str
    published: date
    event_day: date
    killed: int
    wounded: int
    source: str
    official: str
    attacker: str
    victims: str
    weapon: str
    group: str
    grievance: str
    topic: str
    crowd: int
    serial: int


def draw(rng: random.Random, serial: int) -> Story:
    country, other = rng.sample(COUNTRIES, 2)
    published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    return Story(
        country=country, other=other, city=rng.choice(country.cities), published=published,
        event_day=published - timedelta(days=rng.randint(1, 3)),
        killed=rng.randint(2, 60), wounded=rng.randint(3, 120), source=rng.choice(ROLES),
        official=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        attacker=rng.choice(ATTACKERS).format(demonym=rng.choice((country, other)).demonym),
        victims=rng.choice(VICTIMS), weapon=rng.choice(WEAPONS), group=rng.choice(GROUPS),
        grievance=rng.choice(GRIEVANCES), topic=rng.choice(TOPICS),
        crowd=rng.randrange(200, 20000, 50), serial=serial,
    )  # fmt: skip


def paragraphs(story: Story, rng: random.Random) -> list[str]:
    """Lead, details, reactions and background; the middle ones in a random order."""
    s, day = story, WEEKDAYS[story.event_day.weekday()]
    month_day = f"{story.published:%B} {story.published.day}"
    lead = (f"{s.city.upper()}, {s.country.name}, {month_day} - {s.attacker.capitalize()} "
            f"attacked a market in {s.city} on {day}, killing {s.killed} {s.victims} and "
            f"wounding {s.wounded} others, {s.source} said.")
    middle = [
        f"The {s.weapon} struck shortly after dawn, when the market was crowded, according to "
        f"{s.official}, who said the dead included women and children.",
        "Residents said they heard explosions for more than an hour. \"We could not reach the "
        "wounded until the afternoon,\" one trader told reporters by telephone.",
        f"The government of {s.country.name} accused {s.other.demonym} officials of arming the "
        f"attackers, a charge that {s.other.capital} rejected on {day} evening.",
        f"In {s.country.capital}, about {s.crowd:,} {s.group} marched to parliament to protest "
        f"against {s.grievance}, and police fired tear gas to disperse them.",
        f"Officials from {s.country.name} and {s.other.name} met in {s.other.capital} to discuss "
        f"{s.topic}, the foreign ministry said in a statement.",
        f"The United Nations called on all sides to protect civilians and urged {s.country.name} "
        f"to allow aid convoys into {s.city}.",
        f"{s.other.name} said it would send {rng.randint(5, 90)} tonnes of food and medicine "
        f"to hospitals in {s.city} within a week.",
        f"A spokesman for the attackers denied that fighters had targeted {s.victims} and said "
        f"the group would not negotiate with {s.country.name}.",
        f"Hospitals in {s.city} appealed for blood donations, and {s.official} said that "
        f"{rng.randint(2, 30)} of the wounded were in critical condition.",
        f"Earlier this month, {s.country.demonym} forces detained {rng.randint(3, 40)} people "
        f"accused of planning attacks near the border with {s.other.name}.",
    ]
    rng.shuffle(middle)
    closing = (f"Reporting by {s.official}; editing by the {s.country.capital} desk "
               f"(story {s.serial}).")
    return [lead, *middle[: rng.randint(6, 10)], closing]


def synthetic_articles(n: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """n distinct articles as JSONL records; deterministic for a given seed."""
    rng = random.Random(seed)
    seen: set[str] = set()
    serial = 0
    while len(seen) < n:
        story = draw(rng, serial)
        serial += 1
        text = "\n\n".join(paragraphs(story, rng))
        key = hashlib.sha256(text.encode()).hexdigest()
        if key in seen:
            continue
        seen.add(key)
        title = f"{story.attacker.capitalize()} kill {story.killed} in {story.city} attack"
        yield {"url": f"https://synthetic.example/{story.published:%Y/%m/%d}/story-{serial}",
               "title": title, "published": story.published.isoformat(), "text": text}


def write_corpus(path: Path, n: int, seed: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in synthetic_articles(n, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_corpus(args.output, args.n, args.seed)


if __name__ == "__main__":
    main()
