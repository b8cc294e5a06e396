"""Date expressions in news text, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.dates import (
    DateGrammar,
    DateMention,
    find_dates,
    monday_of,
    nearest_year,
    shift_months,
    weekday_on_or_before,
)
from newsevents.models import DATE_PRECISIONS, DateRef

THURSDAY = date(2024, 1, 18)  # the publication date of most cases below


def only(text: str, published: date | None = THURSDAY) -> DateMention:
    mentions = find_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("Pakistan struck on Thursday.", "Thursday", date(2024, 1, 18)),
        ("The strikes began Thursday morning, officials said.", "Thursday morning",
         date(2024, 1, 18)),
        ("Iran launched missiles on Tuesday.", "Tuesday", date(2024, 1, 16)),
        ("Gunmen attacked the post late Sunday.", "late Sunday", date(2024, 1, 14)),
        ("Talks collapsed last Friday.", "last Friday", date(2024, 1, 12)),
        ("Talks collapsed last Thursday.", "last Thursday", date(2024, 1, 11)),
        ("The convoy was hit on Monday night.", "Monday night", date(2024, 1, 15)),
        ("Troops moved in early on Wednesday.", "early on Wednesday", date(2024, 1, 17)),
        ("Sirens sounded overnight Friday.", "overnight Friday", date(2024, 1, 12)),
        ("Thursday's attack killed seven.", "Thursday", date(2024, 1, 18)),
        ("Leaders will meet next Friday.", "next Friday", date(2024, 1, 19)),
        ("Leaders will meet this Sunday.", "this Sunday", date(2024, 1, 21)),
        ("On Sunday Iran recalled its envoy.", "Sunday", date(2024, 1, 14)),
    ],
)
def test_weekday_is_the_most_recent_such_day_on_or_before_publication(
    sentence: str, phrase: str, expected: date
) -> None:
    mention = only(sentence)
    assert mention.text == phrase
    assert sentence[mention.start:mention.end] == phrase
    assert mention.ref == DateRef(expected, "day", phrase)


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("The blast happened today.", "today", date(2024, 1, 18)),
        ("Protests are planned tonight.", "tonight", date(2024, 1, 18)),
        ("Shelling resumed this morning.", "this morning", date(2024, 1, 18)),
        ("Drones struck overnight.", "overnight", date(2024, 1, 18)),
        ("The ministry said yesterday that talks failed.", "yesterday", date(2024, 1, 17)),
        ("Police fired tear gas yesterday evening.", "yesterday evening", date(2024, 1, 17)),
        ("Rockets fell late last night.", "late last night", date(2024, 1, 17)),
        ("He spoke the day before yesterday.", "the day before yesterday", date(2024, 1, 16)),
        ("Voting ends tomorrow.", "tomorrow", date(2024, 1, 19)),
        ("Today, the army withdrew.", "Today", date(2024, 1, 18)),
    ],
)
def test_day_words_resolve_to_a_day(sentence: str, phrase: str, expected: date) -> None:
    assert only(sentence).ref == DateRef(expected, "day", phrase)


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected", "precision"),
    [
        ("Clashes broke out earlier this week.", "earlier this week", date(2024, 1, 15), "week"),
        ("Clashes broke out this week.", "this week", date(2024, 1, 15), "week"),
        ("Clashes broke out last week.", "last week", date(2024, 1, 8), "week"),
        ("Envoys meet next week.", "next week", date(2024, 1, 22), "week"),
        ("Rebels regrouped over the weekend.", "over the weekend", date(2024, 1, 8), "week"),
        ("Sanctions were imposed last month.", "last month", date(2023, 12, 1), "month"),
        ("Sanctions were imposed earlier this month.", "earlier this month", date(2024, 1, 1),
         "month"),
        ("Sanctions were imposed this month.", "this month", date(2024, 1, 1), "month"),
        ("The border closed last year.", "last year", date(2023, 1, 1), "year"),
        ("The border closed earlier this year.", "earlier this year", date(2024, 1, 1), "year"),
    ],
)
def test_weeks_months_and_years_resolve_to_their_first_day(
    sentence: str, phrase: str, expected: date, precision: str
) -> None:
    assert only(sentence).ref == DateRef(expected, precision, phrase)


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected", "precision"),
    [
        ("The talks began in March.", "March", date(2023, 3, 1), "month"),
        ("The talks began in January.", "January", date(2024, 1, 1), "month"),
        ("The talks began in March 2023.", "March 2023", date(2023, 3, 1), "month"),
        ("The March 2023 raid killed four.", "March 2023", date(2023, 3, 1), "month"),
        ("Fighting flared in mid-March.", "mid-March", date(2023, 3, 1), "month"),
        ("Fighting flared in late December.", "late December", date(2023, 12, 1), "month"),
        ("Fighting flared since last March.", "last March", date(2023, 3, 1), "month"),
        ("Elections are due next March.", "next March", date(2024, 3, 1), "month"),
        ("The deal was signed in Sept.", "Sept.", date(2023, 9, 1), "month"),
        ("The war began in 2019.", "2019", date(2019, 1, 1), "year"),
        ("The war has raged since 2011.", "2011", date(2011, 1, 1), "year"),
        ("The war began in early 2019.", "early 2019", date(2019, 1, 1), "year"),
        ("It dates from the summer of 2019.", "the summer of 2019", date(2019, 1, 1), "year"),
    ],
)
def test_months_and_years(sentence: str, phrase: str, expected: date, precision: str) -> None:
    assert only(sentence).ref == DateRef(expected, precision, phrase)


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("The raid took place on March 3.", "March 3", date(2024, 3, 3)),
        ("The raid took place on 3 March 2024.", "3 March 2024", date(2024, 3, 3)),
        ("The raid took place on Jan. 16.", "Jan. 16", date(2024, 1, 16)),
        ("The raid took place on January 16, 2024.", "January 16, 2024", date(2024, 1, 16)),
        ("The raid took place on 2024-01-16.", "2024-01-16", date(2024, 1, 16)),
        ("The raid took place on 16/01/2024.", "16/01/2024", date(2024, 1, 16)),
        ("The raid took place on 01/16/2024.", "01/16/2024", date(2024, 1, 16)),
        ("The raid took place on the 3rd of March.", "3rd of March", date(2024, 3, 3)),
        ("The raid took place on Dec. 28.", "Dec. 28", date(2023, 12, 28)),
        ("Talks open on Friday, January 19.", "Friday, January 19", date(2024, 1, 19)),
        ("Talks end on May 1st.", "May 1st", date(2024, 5, 1)),
        ("The deadline is 12 May.", "12 May", date(2024, 5, 12)),
    ],
)
def test_absolute_dates_resolve_to_the_day(sentence: str, phrase: str, expected: date) -> None:
    mention = only(sentence)
    assert mention.ref == DateRef(expected, "day", phrase)
    assert sentence[mention.start:mention.end] == phrase


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected", "precision"),
    [
        ("The strike happened two days ago.", "two days ago", date(2024, 1, 16), "day"),
        ("The strike happened a day ago.", "a day ago", date(2024, 1, 17), "day"),
        ("The strike happened 3 days ago.", "3 days ago", date(2024, 1, 15), "day"),
        ("The strike happened three weeks ago.", "three weeks ago", date(2023, 12, 28), "day"),
        ("The blockade began a week ago.", "a week ago", date(2024, 1, 11), "day"),
        ("The strike happened two months ago.", "two months ago", date(2023, 11, 1), "month"),
        ("The strike happened a year ago.", "a year ago", date(2023, 1, 1), "year"),
        ("The strike happened 36 hours ago.", "36 hours ago", date(2024, 1, 17), "day"),
    ],
)
def test_ago_counts_back_from_publication(
    sentence: str, phrase: str, expected: date, precision: str
) -> None:
    assert only(sentence).ref == DateRef(expected, precision, phrase)


@pytest.mark.parametrize(
    ("sentence", "phrase", "offset"),
    [
        ("Pakistan hit back two days after Iran struck.", "two days after", 2),
        ("Iran had struck a day earlier.", "a day earlier", -1),
        ("Iran had struck two days before.", "two days before", -2),
        ("Iran had struck the day before.", "the day before", -1),
        ("Talks resumed the following day.", "the following day", 1),
        ("Talks resumed three days later.", "three days later", 3),
        ("Talks resumed a week later.", "a week later", 7),
        ("Police had warned of it earlier in the day.", "earlier in the day", 0),
    ],
)
def test_anchored_phrases_carry_an_offset_and_no_date(
    sentence: str, phrase: str, offset: int
) -> None:
    mention = only(sentence)
    assert (mention.text, mention.offset_days) == (phrase, offset)
    assert mention.ref == DateRef(None, "unknown", phrase)


def test_anchored_phrase_resolves_against_the_anchor_the_caller_gives() -> None:
    mention = only("Pakistan hit back two days after Iran struck.")
    assert mention.anchored(DateRef(date(2024, 1, 16), "day")) == DateRef(
        date(2024, 1, 18), "day", "two days after"
    )
    assert mention.anchored(DateRef(None)) == DateRef(None, "unknown", "two days after")


def test_a_resolved_mention_ignores_an_anchor() -> None:
    mention = only("The strike came on Tuesday.")
    assert mention.anchored(DateRef(date(2020, 1, 1), "day")) == mention.ref


@pytest.mark.parametrize(
    "sentence",
    [
        "Pakistan struck on Thursday.",
        "Clashes broke out last week.",
        "The talks began in March.",
        "The raid took place on March 3.",
        "The strike happened two days ago.",
        "The ministry said yesterday that talks failed.",
    ],
)
def test_relative_dates_are_unknown_without_a_publication_date(sentence: str) -> None:
    mention = only(sentence, None)
    assert mention.ref == DateRef(None, "unknown", mention.text)


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("The raid took place on January 16, 2024.", date(2024, 1, 16), "day"),
        ("The raid took place on 2024-01-16.", date(2024, 1, 16), "day"),
        ("The talks began in March 2023.", date(2023, 3, 1), "month"),
        ("The war began in 2019.", date(2019, 1, 1), "year"),
    ],
)
def test_absolute_dates_resolve_without_a_publication_date(
    sentence: str, expected: date, precision: str
) -> None:
    assert only(sentence, None).ref.date == expected
    assert only(sentence, None).ref.precision == precision


@pytest.mark.parametrize(
    "sentence",
    [
        "Iran may strike again if provoked.",
        "May God protect them, the cleric said.",
        "Thousands of protesters march through Tehran.",
        "The March for Peace drew crowds.",
        "Former prime minister Theresa May spoke in May's absence.",
        "A 6-year-old girl and an 11-month-old boy died.",
        "The 506-mile border is porous.",
        "A crowd of 2000 gathered; by 2000 people, some said.",
        "The Sunday Times reported the deal.",
        "Shops opened for Black Friday and Super Tuesday.",
        "The interview ran on USA Today.",
        "The raid took place on 03/04/2024.",
        "Prices rose 5 percent.",
        "The 1,200 troops left.",
        "Unit 2019 fired first.",
    ],
)
def test_traps_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence, THURSDAY) == []


def test_several_mentions_come_out_in_order_without_overlaps() -> None:
    text = ("Iran struck Pakistan on Tuesday; Pakistan hit back Thursday morning, two days "
            "after, and said last week's talks in March 2023 failed.")
    mentions = find_dates(text, THURSDAY)
    assert [m.text for m in mentions] == [
        "Tuesday", "Thursday morning", "two days after", "last week", "March 2023"
    ]
    assert [text[m.start:m.end] for m in mentions] == [m.text for m in mentions]


def test_vague_ago_counts_are_found_but_unknown() -> None:
    assert only("It happened a few days ago.").ref == DateRef(None, "unknown", "a few days ago")


@pytest.mark.parametrize(
    ("published", "weekday", "expected"),
    [
        (date(2024, 1, 18), 3, date(2024, 1, 18)),
        (date(2024, 1, 18), 4, date(2024, 1, 12)),
        (date(2024, 1, 15), 6, date(2024, 1, 14)),
    ],
)
def test_weekday_on_or_before(published: date, weekday: int, expected: date) -> None:
    assert weekday_on_or_before(published, weekday) == expected


def test_calendar_helpers() -> None:
    assert monday_of(date(2024, 1, 21)) == date(2024, 1, 15)
    assert shift_months(date(2024, 1, 18), -1) == date(2023, 12, 1)
    assert shift_months(date(2024, 1, 18), 13) == date(2025, 2, 1)
    assert nearest_year(date(2024, 1, 3), 12, 28) == date(2023, 12, 28)
    assert nearest_year(date(2024, 12, 30), 1, 2) == date(2025, 1, 2)
    assert nearest_year(date(2023, 3, 1), 2, 29) == date(2024, 2, 29)


def test_date_words_file_is_well_formed() -> None:
    grammar = DateGrammar.load()
    assert sorted(set(grammar.months.values())) == list(range(1, 13))
    assert sorted(grammar.weekdays.values()) == list(range(7))
    kinds = {kind for kind, _ in grammar.phrases.values()}
    assert kinds == {"day", "week", "weekend", "month", "year", "anchored"}
    assert DateGrammar.load() is grammar


def test_every_precision_given_is_a_contract_precision() -> None:
    text = "Today, last week, last month, in 2019, two days after, Thursday."
    assert {m.ref.precision for m in find_dates(text, THURSDAY)} <= set(DATE_PRECISIONS)
