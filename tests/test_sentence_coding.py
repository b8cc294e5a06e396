"""Sentence-level behaviours added for the coding sets, on sentences we wrote: property given
back, goods given as aid, talks broken off, hostile demands, refuge sought, ceasefire breaches,
peacekeepers sent or withdrawn, approvals, 'declined to comment', context words, pronoun
subjects, implied targets without a span, and the reading of one token nearest the root."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from newsevents.evaluate import top_mention
from newsevents.models import Mention, Party
from newsevents.pipeline import Coder

PUBLISHED = date(2025, 6, 2)
pytestmark = pytest.mark.slow
BENCH = Path(__file__).resolve().parents[1] / "bench"


def top(coder: Coder, text: str) -> Mention | None:
    return top_mention(coder.code_text(text, PUBLISHED))


@pytest.mark.parametrize(("text", "type_", "cameo"), [
    ("The museum returned three stolen bronze statues to the government of Nepal.",
     "RETREAT", "0842"),
    ("Two looted manuscripts were returned by Dutch customs officers to Mali.", "RETREAT", "0842"),
    ("The Japanese navy gave medical equipment to Fiji.", "AID", "073"),
    ("Kenya sent a team of doctors to the flooded province of Somalia.", "AID", "073"),
    ("Belarus shipped 40 tanks to the junta in Niger.", "AID", "072"),
    ("The Norwegian envoy ended mediation efforts between the two Sudanese factions.",
     "SANCTION", "165"),
    ("Peru broke off talks with the Bolivian government on Monday.", "SANCTION", "16"),
    ("Colombian forces violated the ceasefire near the Venezuelan border.", "ASSAULT", "196"),
    ("Uruguay withdrew its peacekeepers from the mission in Congo.", "SANCTION", "1661"),
    ("Ghana is sending 400 troops to the peacekeeping mission in Lebanon.", "AID", "074"),
    ("Thousands of Sudanese families sought refuge in Chad last month.", "REQUEST", "1033"),
    ("The Swedish foreign minister called for sanctions against Belarus.", "REQUEST", "100"),
    ("The Chilean senate approved the extradition of the former Peruvian minister.",
     "COOPERATE", "063"),
    ("Finland closed its embassy in Minsk.", "SANCTION", "161"),
    ("The rebels surrendered their weapons to the Ugandan army.", "RETREAT", "0873"),
    ("A court in Lima convicted the former Peruvian interior minister of graft.", "ACCUSE",
     "116"),
    ("Kenyan prosecutors charged the governor of Nairobi with fraud.", "ACCUSE", "115"),
    ("The Bolivian president declared a cessation of hostilities in the east.", "RETREAT",
     "0871"),
    ("The Malian junta received a team of observers from the African Union.", "RETREAT",
     "0862"),
    ("The Kenyan high court opened a hearing into the police shootings.", "ACCUSE", "090"),
    ("The electoral commission of Ghana completed its investigation into the vote.", "ACCUSE",
     "090"),
    ("The Kenyan foreign minister rallied support for Somalia at the United Nations.",
     "SUPPORT", "053"),
])
def test_codebook_families_are_coded(coder: Coder, text: str, type_: str, cameo: str) -> None:
    mention = top(coder, text)
    assert mention is not None
    assert mention.code.type == type_
    assert mention.code.cameo.startswith(cameo)


@pytest.mark.parametrize("text", [
    "Nepali police returned fire after gunmen shot at their post.",
    "The Chilean ambassador ended a three-day visit to Peru on Friday.",
])
def test_returned_fire_and_ended_visits_are_no_property_or_talks(coder: Coder, text: str
                                                                 ) -> None:
    mention = top(coder, text)
    assert mention is None or mention.code.cameo not in {"0842", "164", "165"}


def test_a_bombing_at_a_market_is_no_business_story(coder: Coder) -> None:
    mention = top(coder, "A suicide bomber killed 14 people at a market in Kano on Sunday.")
    assert mention is not None and mention.code.type == "ASSAULT"


def test_calling_for_talks_stays_an_appeal(coder: Coder) -> None:
    mention = top(coder, "The Swedish foreign minister called for talks with Belarus.")
    assert mention is not None and mention.code.type == "REQUEST"
    assert mention.code.cameo.startswith("02")


def test_declining_to_comment_is_no_rejection(coder: Coder) -> None:
    mentions = coder.code_text("The Kenyan interior ministry declined to comment on the "
                               "report.", PUBLISHED)
    assert not [m for m in mentions if m.code.type == "REJECT"]


def test_condolences_offered_are_no_offer(coder: Coder) -> None:
    mentions = coder.code_text("The Chilean foreign minister offered his condolences to Peru "
                               "on Monday.", PUBLISHED)
    assert not [m for m in mentions if m.code.type == "AGREE"]


def test_a_statement_word_does_not_make_praise_a_metaphor(coder: Coder) -> None:
    mention = top(coder, "The Japanese government welcomed the Korean president's statement "
                         "on the fisheries dispute.")
    assert mention is not None and mention.code.type == "SUPPORT"


def test_a_sports_word_used_as_a_verb_frames_nothing(coder: Coder) -> None:
    mention = top(coder, "The Kenyan minister demanded that Uganda match the road funds "
                         "Tanzania pledged last year.")
    assert mention is not None and mention.code.type == "REQUEST"


def test_a_text_opening_with_a_pronoun_keeps_its_act(coder: Coder) -> None:
    mention = top(coder, "He condemned the decision.")
    assert mention is not None and mention.code.type == "ACCUSE"


def test_a_pronoun_later_in_a_story_is_not_coded_without_an_actor(coder: Coder) -> None:
    text = "Floods hit the coast of Peru on Monday. He condemned the decision."
    assert not [m for m in coder.code_text(text, PUBLISHED) if m.code.type == "ACCUSE"]


def test_the_reading_of_a_token_nearest_the_root_carries_the_sentence(coder: Coder) -> None:
    mention = top(coder, "A suicide bomber killed 14 people at a market in Kano on Sunday, the "
                         "deadliest attack of the insurgency.")
    assert mention is not None and mention.code.type == "ASSAULT"
    assert "kill" in mention.reason


def test_an_implied_target_claims_only_words_that_name_it(coder: Coder) -> None:
    mentions = coder.code_text("Israeli jets struck a weapons depot near Damascus. Israel "
                               "warned it would strike again.", PUBLISHED)
    implied = [m for m in mentions if "target implied by the story" in m.reason]
    assert implied
    for mention in implied:
        assert mention.target is not None
        sentence = mention.evidence[0].sentence
        assert mention.target.text == "" or mention.target.text in sentence
        actor = mention.actor.text if mention.actor is not None else ""
        assert not mention.target.text or mention.target.text not in actor


def test_a_party_without_text_claims_no_span() -> None:
    sys.path.insert(0, str(BENCH))
    from coding_sets import span_counts

    sentence = "Hezbollah fired rockets."
    implied = Party("", "Israel", "ISR", None)
    counts = span_counts(implied, sentence, [(0, 9)])
    assert (counts.tp, counts.fp, counts.fn) == (0, 0, 1)
    named = Party("Syria", "Syria", "SYR", None)
    counts = span_counts(named, sentence, [(0, 9)])
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)


def _assault_sources(coder: Coder, text: str) -> list[str]:
    mentions = [m for m in coder.code_text(text, PUBLISHED) if m.code.type == "ASSAULT"]
    assert len(mentions) == 1, mentions
    return list(mentions[0].attributed_to)


def test_a_conceded_act_is_not_the_source_of_the_report_that_follows(coder: Coder) -> None:
    """'Despite Kenya's incursion, the country says it respects ...': the incursion is the
    writer's, so Kenya does not become a source of Kenya's strike."""
    sources = _assault_sources(coder, (
        "On Thursday, Kenya's army struck militants in Somalia, according to Reuters. "
        "Despite Kenya's incursion, the country says it fully respects Somalia's sovereignty."))
    assert sources == ["Reuters"]


@pytest.mark.parametrize("text", [
    "Kenya's army struck militants in Somalia on Thursday, the defence ministry said.",
    "After Kenyan jets bombed a camp in Somalia, the defence ministry said ten militants died.",
])
def test_a_reported_or_timed_act_keeps_its_reporter(coder: Coder, text: str) -> None:
    assert _assault_sources(coder, text) == ["defence ministry"]
