"""Distinct news stories written from templates for end-to-end tests, and their HTML pages.

Every story has its own lead event (type, parties, city, weekday) and its own details
(names, numbers, quotes), so no two stories are near-duplicates; `syndicated` makes the
small edits a wire copy gets on another site.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape

COUNTRIES = (
    ("Pakistan", "Pakistani", "Quetta"), ("Iran", "Iranian", "Zahedan"),
    ("India", "Indian", "Srinagar"), ("Nigeria", "Nigerian", "Maiduguri"),
    ("Sudan", "Sudanese", "El Fasher"), ("Somalia", "Somali", "Baidoa"),
    ("Yemen", "Yemeni", "Marib"), ("Colombia", "Colombian", "Cucuta"),
    ("Ukraine", "Ukrainian", "Kharkiv"), ("Mali", "Malian", "Gao"),
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEADS = (
    "{ad} forces struck militant positions near {city} in {b} on {day}, killing {n} "
    "fighters, according to officials in {bc}.",
    "Hundreds of protesters marched through the centre of {city} on {day} to denounce the "
    "government of {a}, witnesses said.",
    "{a} accused {b} on {day} of sheltering the gunmen who attacked a checkpoint near {city}, "
    "a charge the government of {b} denied.",
    "The foreign ministers of {a} and {b} met in {city} on {day} and agreed to reopen the "
    "border crossing closed since the {month} clashes.",
)
FIRST_NAMES = ("Amina", "Tariq", "Lena", "Joseph", "Farah", "Ivan", "Grace", "Omar", "Sofia",
               "Daniel", "Nadia", "Peter", "Leila", "Samuel", "Hana", "Victor")  # fmt: skip
LAST_NAMES = ("Okafor", "Rahimi", "Moreau", "Kovalenko", "Haddad", "Mensah", "Quiroga",
              "Sato", "Barzani", "Lindqvist", "Abdi", "Novak", "Ferreira", "Osei")  # fmt: skip
THINGS = ("trucks", "clinics", "schools", "wells", "bridges", "markets", "generators",
          "warehouses", "buses", "farms", "bakeries", "pharmacies")  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
QUOTES = (
    "We have waited {n} days for an answer and nobody has come",
    "The people of {city} deserve to know what happened to the {thing}",
    "Nothing will change until the {thing} are open again",
    "Our families have lost {n} {thing} since {month}",
    "This is the worst week for the {thing} of {city} in {n} years",
)


@dataclass(frozen=True)
class Story:
    number: int
    headline: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def story(number: int) -> Story:
    """Story `number` (0, 1, ...): the same number always gives the same story."""
    rng = random.Random(number * 7919 + 13)
    (a, ad, _ac), (b, _bd, bc) = rng.sample(COUNTRIES, 2)
    city = f"{rng.choice(('North', 'South', 'East', 'West', 'Upper', 'Lower'))} {bc}"
    slots = {"a": a, "ad": ad, "b": b, "bc": bc, "city": city,
             "day": WEEKDAYS[number % 7], "month": rng.choice(MONTHS),
             "n": rng.randint(3, 90)}  # fmt: skip
    lead = LEADS[number % len(LEADS)].format(**slots)
    details = [_detail(rng, slots) for _ in range(4)]
    headline = f"{city}: {lead.split(' on ')[0][:70]} (report {number})"
    return Story(number, headline, (lead, *details))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _detail(rng: random.Random, slots: dict[str, object]) -> str:
    fill = {**slots, "thing": rng.choice(THINGS), "n": rng.randint(2, 400),
            "month": rng.choice(MONTHS)}  # fmt: skip
    quote = rng.choice(QUOTES).format(**fill)
    return (
        f"{_person(rng)}, who has run {rng.randint(2, 30)} {rng.choice(THINGS)} in "
        f"{slots['city']} for {rng.randint(2, 25)} years, said {rng.randint(2, 60)} of them "
        f"closed in {fill['month']}. \"{quote},\" said {_person(rng)}, a resident of the "
        f"{rng.choice(('old', 'new', 'river', 'hill', 'market'))} quarter, adding that "
        f"{rng.randint(10, 900)} {fill['thing']} still wait for repairs."
    )


def syndicated(original: Story, site: str) -> Story:
    """A wire copy: another headline, one word changed, a credit line added."""
    first, *rest = original.paragraphs
    edited = first.replace(" said", " reported", 1) if " said" in first else first + " Update."
    return Story(
        original.number,
        f"{original.headline.split(':', 1)[0]} latest, via {site}",
        (edited, *rest, f"Additional reporting by {site} staff."),
    )


def page(item: Story, site: str, *, published: str | None = None) -> bytes:
    """The HTML page of a story on `site` (no date in it unless `published` is given)."""
    date_meta = (f'<meta property="article:published_time" content="{published}">'
                 if published else "")  # fmt: skip
    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in item.paragraphs)
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(item.headline)}'
        f'</title><meta property="og:site_name" content="{escape(site)}">{date_meta}</head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
        f"<h1>{escape(item.headline)}</h1>{body}</article>"
        f"<footer>Copyright {escape(site)}</footer></body></html>"
    ).encode()
