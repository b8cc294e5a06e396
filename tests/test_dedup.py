"""dedup.py: syndicated copies with small edits are found; other stories are not."""

from __future__ import annotations

import random

import pytest

from newsevents.dedup import (
    NUM_PERM,
    NearDuplicateIndex,
    shingles,
    signature,
    signature_from_bytes,
    signature_to_bytes,
)

# A wire story of typical length (about 400 words), written for these tests.
HEADLINE = "Valdoria and Kestrel agree to reopen border crossings"
BYLINE = "By Mara Lindqvist, Regional Wire"
BODY = "\n".join((
    "NORTH HARBOR - The governments of Valdoria and Kestrel agreed on Tuesday to reopen "
    "three border crossings that were closed during a dispute over fishing rights last "
    "spring, officials from both countries said.",
    "The agreement was signed in North Harbor after two days of talks mediated by the "
    "regional council. Under its terms, trucks carrying food and medicine will be allowed "
    "through the crossings from next Monday, and passenger traffic will resume two weeks "
    "later.",
    "Valdoria's foreign minister, Tomas Reyel, told reporters that the deal was a first "
    'step toward a wider settlement. "We have shown that patient negotiation works better '
    'than closed gates," he said, adding that his government would propose a timetable for '
    "talks on the remaining issues before the end of the month.",
    "Kestrel's delegation said it would withdraw the additional police units it had sent to"
    " the frontier in April. A joint commission of customs officers and local officials "
    "will meet every month to review the arrangement and to handle complaints from traders "
    "on both sides.",
    "The dispute began when Kestrel seized four Valdorian fishing boats near the disputed "
    "reef, accusing their crews of illegal fishing. Valdoria responded by closing the "
    "crossings and suspending a trade agreement signed in 2019, a move that left hundreds "
    "of trucks stranded for days on both sides of the border.",
    "The closure hit the border economy hard. Traders in the town of Emmel said they had "
    "lost most of their income since the spring and had been forced to lay off workers. "
    "Farmers on the Kestrel side complained that their vegetables rotted in warehouses "
    "while they waited for buyers who could not reach them.",
    "Aid groups had warned that shortages of medicine were growing in remote villages that "
    "depend on supplies brought across the frontier, and a hospital in Emmel reported last "
    "month that it had run out of several common antibiotics.",
    "The regional council said it hoped the agreement would also open the way to talks on "
    "the fishing grounds themselves, which both countries claim. Diplomats said a first "
    "meeting on the reef could take place in the autumn, although neither side has changed "
    "its position on who owns it.",
    "Opposition politicians in Kestrel criticised the deal, saying the government had given"
    " up its leverage without winning guarantees for its fishermen. The four seized boats "
    "remain in a Kestrel port, and their crews were released in June after paying fines.",
))
STORY = f"{HEADLINE}\n{BYLINE}\n{BODY}"

NEW_HEADLINE = "Rival neighbours strike deal to reopen frontier after months of tension"
NEW_BYLINE = "From staff and wire reports"
EDITED_SENTENCE = (
    "Traders in the town of Emmel said they had lost nearly all of their income after the "
    "spring and had been obliged to lay off staff."
)
ORIGINAL_SENTENCE = (
    "Traders in the town of Emmel said they had lost most of their income since the spring "
    "and had been forced to lay off workers."
)
assert ORIGINAL_SENTENCE in STORY

SAME_TOPIC = "\n".join((
    "Kestrel fishermen protest outside parliament over reef dispute",
    "Hundreds of fishermen from Kestrel's southern coast protested outside parliament on "
    "Thursday, demanding that the government refuse any compromise with Valdoria over the "
    "disputed reef.",
    "The protesters, many of whom arrived in convoys of trucks from the port of Sallow, "
    "said the border agreement signed this week ignored their concerns. Police kept them "
    "behind barriers and no arrests were reported.",
    "Kestrel's fisheries minister met a delegation of the protesters and promised that the "
    "fishing grounds would not be part of any deal without a vote in parliament. The "
    "protest leaders said they would return next week if their demands were not met.",
    "Valdoria has said it wants joint management of the reef, where the fleets of both "
    "countries have fished for decades. The governments of Valdoria and Kestrel agreed on "
    "Tuesday to reopen three border crossings.",
))


def edited(headline: bool, byline: bool, sentence: bool) -> str:
    text = STORY
    if headline:
        text = text.replace(HEADLINE, NEW_HEADLINE)
    if byline:
        text = text.replace(BYLINE, NEW_BYLINE)
    if sentence:
        text = text.replace(ORIGINAL_SENTENCE, EDITED_SENTENCE)
    return text


def random_articles(count: int, words: int = 300, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    vocabulary = [f"word{i}" for i in range(5000)]
    return [" ".join(rng.choices(vocabulary, k=words)) for _ in range(count)]


@pytest.mark.parametrize(
    ("headline", "byline", "sentence"),
    [(True, False, False), (False, True, False), (False, False, True), (True, True, True)],
)
def test_a_wire_copy_with_small_edits_is_found(
    headline: bool, byline: bool, sentence: bool
) -> None:
    index = NearDuplicateIndex()
    index.add("wire-1", STORY)
    assert index.find(edited(headline, byline, sentence)) == "wire-1"


def test_a_different_story_on_the_same_topic_is_not_a_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add("wire-1", STORY)
    assert index.find(SAME_TOPIC) is None


def test_the_most_similar_of_several_candidates_wins() -> None:
    index = NearDuplicateIndex()
    index.add("a-copy-with-all-edits", edited(True, True, True))
    index.add("b-copy-with-a-new-headline", edited(True, False, False))
    assert index.find(STORY) == "b-copy-with-a-new-headline"


@pytest.mark.parametrize(
    "variant",
    [STORY.upper(), STORY.replace(",", " ,").replace("\n", "\n\n  "), STORY.replace("'", "\u2019")],
)
def test_case_punctuation_and_spacing_do_not_change_the_signature(variant: str) -> None:
    assert signature(variant).jaccard(signature(STORY)) == 1.0


def test_texts_are_shingled_in_five_word_windows() -> None:
    assert shingles("One two three four five six") == {
        b"one two three four five", b"two three four five six"
    }
    assert shingles("Too short") == {b"too short"}
    assert shingles("  ...  ") == set()


def test_signatures_round_trip_through_bytes() -> None:
    stored = signature_to_bytes(signature(STORY))
    assert len(stored) == NUM_PERM * 4
    assert signature_from_bytes(stored).jaccard(signature(STORY)) == 1.0


def test_signature_bytes_of_the_wrong_size_are_refused() -> None:
    with pytest.raises(ValueError, match="512 bytes"):
        signature_from_bytes(b"\x00" * 100)


def test_an_index_rebuilt_from_stored_signatures_finds_the_same_duplicates() -> None:
    stored = [("wire-1", signature_to_bytes(signature(STORY))),
              ("other", signature_to_bytes(signature(SAME_TOPIC)))]
    index = NearDuplicateIndex.from_signatures(stored)
    assert len(index) == 2 and "wire-1" in index
    assert index.find(edited(True, True, True)) == "wire-1"
    assert index.find(signature_to_bytes(signature(STORY))) == "wire-1"


def test_adding_an_id_twice_or_an_empty_text_changes_nothing() -> None:
    index = NearDuplicateIndex()
    index.add("wire-1", STORY)
    index.add("wire-1", SAME_TOPIC)
    index.add("empty", "")
    assert len(index) == 1 and index.find(SAME_TOPIC) is None
    assert index.find("") is None


def test_two_thousand_articles_are_indexed_without_false_matches() -> None:
    articles = random_articles(2000)
    index = NearDuplicateIndex()
    matches = 0
    for number, text in enumerate(articles):
        matches += index.find(text) is not None
        index.add(f"article-{number}", text)
    assert (matches, len(index)) == (0, 2000)
    near_copy = articles[1234].replace("word1", "wordX", 3)
    assert index.find("Updated: " + near_copy) == "article-1234"


def test_copies_are_found_before_and_after_the_recent_articles_are_merged(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(NearDuplicateIndex, "MERGE_EVERY", 8)
    articles = random_articles(30)
    index = NearDuplicateIndex()
    for number, text in enumerate(articles):
        index.add(f"article-{number}", text)
        # the newest article is still in the buffer, the first ones in the sorted arrays
        assert index.find("Updated: " + text) == f"article-{number}"
        assert index.find("Updated: " + articles[0]) == "article-0"
    index.remove("article-3")
    index.remove("article-29")
    assert index.find(articles[3]) is None and index.find(articles[29]) is None
    assert len(index) == 28 and "article-3" not in index
    index.add("article-3", articles[3])  # indexed again, as after a retried batch
    assert index.find(articles[3]) == "article-3"


def test_the_index_keeps_under_two_kilobytes_per_article() -> None:
    """datasketch's MinHashLSH kept about 6 KB per article in Python sets; a crawl's ingest
    holds every stored signature in memory."""
    import tracemalloc

    signatures = [signature(text) for text in random_articles(3000, words=60)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = NearDuplicateIndex()
        for number, sig in enumerate(signatures):
            index.add(f"{number:016x}", sig)
        used = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(index) == 3000 and used / 3000 < 2048
