"""Boilerplate filter for scraped text: drop page furniture, keep every sentence of the story."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from newsevents.boilerplate import (
    ACTIONS,
    BoilerplateFilter,
    clean_text,
    looks_like_category,
    looks_like_headline,
    parse_date_text,
)

try:  # the lead's layout may make tests/ a package
    from .conftest import SHARED
except ImportError:
    from conftest import SHARED  # type: ignore[import-not-found,no-redef]

IO_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "io"
SEED = SHARED / "seed" / "pakistan-strikes-iran.txt"


@pytest.fixture(scope="module")
def rules() -> BoilerplateFilter:
    return BoilerplateFilter.load()


# --- the data file ---------------------------------------------------------------------


def test_rules_file_has_a_source_comment_a_header_and_a_comment_per_group() -> None:
    lines = resources.files("newsevents").joinpath("data/boilerplate.tsv").read_text().splitlines()
    assert lines[0].startswith("# ")
    rows = [line for line in lines if line and not line.startswith("#")]
    assert rows[0] == "group\taction\tpattern"
    seen_groups: set[str] = set()
    previous = ""
    for line in lines[1:]:
        if line.startswith("#") or line == rows[0]:
            previous = line
            continue
        group, action, pattern = line.split("\t")
        assert action in ACTIONS, line
        if group not in seen_groups and action != "define":
            assert previous.startswith("# "), f"group {group} needs a comment line before it"
        seen_groups.add(group)
        previous = line


def test_every_rule_compiles_and_macros_are_expanded(rules: BoilerplateFilter) -> None:
    assert rules.rules
    for rule in rules.rules:
        assert "<<" not in rule.pattern.pattern, rule
        assert rule.pattern.flags & re.IGNORECASE


def test_a_rules_file_without_header_is_refused() -> None:
    with pytest.raises(ValueError, match="header"):
        BoilerplateFilter.from_lines(["# comment", "drop\tfoo"])


# --- single lines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "fbpx",
        "Skip to content",
        "Home > World > Middle East",
        "News | Politics | Business | Sport",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Related: Border tensions rise as troops mass near the frontier",
        "Related Stories",
        "READ MORE: Ministers to meet in Geneva",
        "Tags: Pakistan, Iran, Balochistan",
        "Support our non-profit journalism",
        "Support independent journalism today and help us keep reporting",
        "Donate now",
        "Become a member for $5 a month",
        "Submit a Comment",
        "Leave a Reply",
        "Post Comment",
        "Your email address will not be published. Required fields are marked *",
        "Required fields are marked *",
        "Comment *",
        "12 Comments",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Continue reading on the app",
        "Continue reading",
        "Expand article",
        "Read more",
        "Download our free app for breaking news alerts",
        "Get the app",
        "5 min read",
        "Share this article",
        "Share on WhatsApp",
        "Facebook Twitter LinkedIn",
        "Tweet",
        "Follow us on Instagram",
        "Subscribe",
        "Subscribe to our newsletter",
        "Sign up for our morning briefing newsletter to get the news in your inbox.",
        "Newsletter",
        "This website uses cookies to improve your experience.",
        "We use cookies to personalise content and ads. By continuing you agree.",
        "Accept all cookies",
        "Cookie policy",
        "Photo: Reuters",
        "Photo by Ali Demir via Getty Images",
        "Image: Getty Images",
        "(AP Photo/Lena Markov)",
        "© 2023 Example Daily. All rights reserved.",
        "Copyright 2023 Example Daily",
    ],
)
def test_boilerplate_lines_are_dropped(rules: BoilerplateFilter, line: str) -> None:
    assert rules.classify(line).text is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Share prices fell sharply in Southland after the shelling.",
        "By Thursday, 40 people had been killed in the fighting.",
        "By Monday, 40 people had died.",
        "Advertisement revenue at state media fell by half, the report said.",
        "Support us or face the consequences, the rebel commander told villagers.",
        "Photo evidence shows the missile struck a hospital.",
        "Related talks are expected in Geneva next week.",
        "Copyright lawyers for the broadcaster said the footage was genuine.",
        "Home to 2 million people, the province has seen repeated attacks.",
        "Comments by the minister drew criticism from the opposition.",
        "Follow-up strikes hit the same area on Saturday.",
        "Published reports say 20 soldiers were killed.",
        "Subscribers to the state broadcaster lost access on Monday.",
        "Video footage showed soldiers firing on protesters.",
        "Download speeds were cut across the region, the monitor said.",
        "Print media were barred from the hearing.",
        "Trending topics on social media included the strike.",
        "Tags on the missile fragments pointed to a foreign manufacturer.",
        "More than 30 people were killed.",
        "Next week, the ministers will meet in Geneva.",
        "Name the attackers, the families demanded.",
        "Your email was among those leaked, the ministry told journalists.",
        "We use cookies as an excuse, the regulator said of the tracking firms.",
        "Continue the talks, the envoy urged both governments.",
        "Pakistan's military conducted strikes against insurgents operating in Iran.",
    ],
)
def test_real_sentences_are_kept_unchanged(rules: BoilerplateFilter, sentence: str) -> None:
    line = rules.classify(sentence)
    assert line.text == sentence
    assert line.rule is None


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Soldiers patrol the border on Monday. | Image by Jane Doe via Getty Images",
         "Soldiers patrol the border on Monday."),
        ("Protesters march in the capital. | Photo: Reuters", "Protesters march in the capital."),
        ("A damaged house in Kestel. | John Smith via AFP", "A damaged house in Kestel."),
        ("Rescuers search the rubble in Elm Creek. (AP Photo/Lena Markov)",
         "Rescuers search the rubble in Elm Creek."),
        ("A convoy waits at the crossing. (Image credit: Red Crescent)",
         "A convoy waits at the crossing."),
        ("Trump asked voters for a big win.Credit...Doug Mills/The Daily",
         "Trump asked voters for a big win."),
    ],
)
def test_a_caption_keeps_its_sentence_and_loses_its_credit(
    rules: BoilerplateFilter, line: str, kept: str
) -> None:
    result = rules.classify(line)
    assert result.text == kept
    assert result.caption


@pytest.mark.parametrize(
    ("line", "author", "published"),
    [
        ("By Maria Lopez | March 3, 2023", "Maria Lopez", date(2023, 3, 3)),
        ("By Jane Roe and John Smith", "Jane Roe and John Smith", None),
        ("By Ali Demir, Reuters | Jan. 18, 2024", "Ali Demir", date(2024, 1, 18)),
        ("By Lena Markov - Thursday, January 18, 2024 at 9:30 am", "Lena Markov",
         date(2024, 1, 18)),
        ("Published: 18 January 2024", None, date(2024, 1, 18)),
        ("Updated 3 hours ago", None, None),
        ("January 18, 2024", None, date(2024, 1, 18)),
    ],
)
def test_bylines_are_dropped_and_kept_as_metadata(
    rules: BoilerplateFilter, line: str, author: str | None, published: date | None
) -> None:
    result = rules.classify(line)
    assert result.text is None
    assert result.author == author
    assert (parse_date_text(result.date_text) if result.date_text else None) == published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 3, 2023", date(2023, 3, 3)),
        ("Sept. 9, 2023", date(2023, 9, 9)),
        ("Thursday, January 18th, 2024, 10:15 GMT", date(2024, 1, 18)),
        ("18 Jan 2024", date(2024, 1, 18)),
        ("2024-01-18", date(2024, 1, 18)),
        ("01/02/2024", None),  # day/month order unknown: no guess
        ("3 hours ago", None),
    ],
)
def test_byline_dates_are_parsed_only_when_unambiguous(text: str, expected: date | None) -> None:
    assert parse_date_text(text) == expected


# --- headline, category and paragraphs -------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Pakistan Strikes Terrorists in Iran", True),
        ("Is a Wider War Coming?", True),
        ("U.S. Strikes Militia Targets in Iraq", True),
        ("Troops crossed the border on Monday.", False),
        ("Pakistan", False),
        ("Contents:", False),
        ("The minister resigned. The cabinet met on Monday", False),
        (" ".join(["word"] * 25), False),
    ],
)
def test_headlines_are_short_lines_that_do_not_end_a_sentence(line: str, expected: bool) -> None:
    assert looks_like_headline(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Pakistan", True), ("World", True), ("Middle East", True), ("Pakistan.", False),
     ("Troops crossed the border", False), ("Iran says", False)],
)
def test_category_lines_are_one_to_three_capitalised_words(line: str, expected: bool) -> None:
    assert looks_like_category(line) is expected


def test_the_headline_and_its_category_line_leave_the_body() -> None:
    clean = clean_text("fbpx\n\nBorder Clashes Flare Again\n\nWorld\nTroops fired shells.\n")
    assert clean.title == "Border Clashes Flare Again"
    assert clean.paragraphs == ("Troops fired shells.",)


def test_a_story_that_starts_with_a_sentence_has_no_title() -> None:
    clean = clean_text("Troops fired shells on Monday.\n\nWorld leaders condemned it.\n")
    assert clean.title is None
    assert clean.paragraphs == ("Troops fired shells on Monday.", "World leaders condemned it.")


def test_a_hard_wrapped_first_line_is_not_a_title() -> None:
    clean = clean_text("Troops from Northland fired shells across\nthe border on Monday.\n")
    assert clean.title is None
    assert clean.paragraphs == ("Troops from Northland fired shells across the border on Monday.",)


def test_a_known_title_is_removed_from_the_top_of_the_body() -> None:
    text = "Aid Reaches Elm Creek\n\nAid arrived on Tuesday."
    clean = clean_text(text, title_hint="aid reaches elm creek")
    assert clean.title == "aid reaches elm creek"
    assert clean.paragraphs == ("Aid arrived on Tuesday.",)


def test_hard_wrapped_lines_join_and_blank_lines_separate_paragraphs() -> None:
    clean = clean_text("Headline Here\n\nOne sentence that\ngoes on here.\nAnother one.\n\nThird.")
    assert clean.paragraphs == ("One sentence that goes on here.", "Another one.", "Third.")


def test_unicode_spaces_and_zero_width_characters_are_normalised() -> None:
    clean = clean_text("Troops\u202fcrossed\u00a0the\u200b border  on\tMonday.")
    assert clean.paragraphs == ("Troops crossed the border on Monday.",)


# --- whole pages -----------------------------------------------------------------------


def test_scraped_page_fixture_keeps_the_story_and_only_the_story() -> None:
    clean = clean_text((IO_FIXTURES / "scraped-page.txt").read_text(encoding="utf-8"))
    assert clean.title == "Ceasefire Talks Collapse After Border Shelling"
    assert clean.author == "Maria Lopez"
    assert clean.published == date(2023, 3, 3)
    assert clean.captions == (
        "Residents inspect a damaged house in the border village of Kestel on Thursday.",
        "“We will respond at a time of our choosing,” the Southland defence minister told "
        "reporters in the capital.",
    )
    assert len(clean.paragraphs) == 5
    assert clean.paragraphs[3] == (
        "The United Nations called on both sides to respect the truce agreed in January and to "
        "allow aid convoys into the affected area."
    )
    body = "\n".join(clean.paragraphs)
    for junk in ("fbpx", "Getty", "Advertisement", "Related:", "Share", "Subscribe", "cookies",
                 "Donate", "Leave a Reply", "Required fields", "app", "Expand", "©", "AP Photo",
                 "World\n", "Skip to content", "Home >", "Website"):
        assert junk not in body, junk


def test_markdown_page_loses_its_markup() -> None:
    text = (IO_FIXTURES / "scraped-page.md").read_text(encoding="utf-8")
    clean = clean_text(text, markdown=True)
    assert clean.title == "Flooding Displaces Thousands in River Delta"
    assert clean.published == date(2023, 6, 2)
    assert clean.paragraphs == (
        "Residents wade through a flooded street in Port Alder.",
        "Heavy rain over the weekend forced more than 5,000 people from their homes in the Alder "
        "delta, the regional disaster agency said on Monday.",
        "Two people drowned when their car was swept off a bridge, police said.",
    )


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not here")
def test_reference_page_is_cleaned_of_every_piece_of_boilerplate() -> None:
    clean = clean_text(SEED.read_text(encoding="utf-8"))
    assert clean.title == "Pakistan Strikes Terrorists in Iran"
    body = "\n\n".join(clean.paragraphs)
    for junk in ("fbpx", "Image by", "Getty Images", "Support our non-profit journalism",
                 "Submit a Comment", "Your email address will not be published",
                 "Required fields are marked", "Continue reading on the app", "Expand article"):
        assert junk not in body, junk
    assert not body.startswith("Pakistan\n")
    assert body.startswith("Pakistan's Ministry of Foreign Affairs announced military strikes")
    assert "a 6-year-old girl and an 11-month-old boy dead." in body
    assert body.endswith("per Fox News.")
    assert len(clean.paragraphs) == 8
