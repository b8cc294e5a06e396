"""Gold matching, P/R/F1 arithmetic and the extraction metric, on hand-built mentions."""

from __future__ import annotations

import itertools
import json
import random
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsevents.evaluate import (
    NO_EVENT,
    ArticleMatch,
    Counts,
    GoldArticle,
    accuracy,
    body_scores,
    haversine_km,
    label_counts,
    load_gold_article,
    macro_f1,
    match_article,
    match_event,
    max_weight_assignment,
    same_event,
    score_gold,
    shingle_match,
    shingles,
    top_mention,
    weighted_f1,
)
from newsevents.models import DateRef, EventCode, Evidence, Mention, Party, Place

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import coding_sets  # noqa: E402


def code(type_: str = "ASSAULT", *, cameo: str = "190", quad: int = 4, mode: str | None = None,
         acled: str | None = None) -> EventCode:
    return EventCode(type_, mode, (), cameo, -10.0, quad, -10.0, None, acled)


def mention(type_: str = "ASSAULT", *, id_: str = "m1", actor: str | None = "PAK",
            target: str | None = "IRN", place: str | None = "IRN", admin1: str | None = None,
            day: date | None = date(2024, 1, 18), sentence: str = "Pakistan struck Iran.",
            confidence: float = 0.5, **fields: object) -> Mention:
    return Mention(
        id=id_, article_id="a1", code=code(type_),
        actor=Party(actor or "someone", actor or "someone", actor, "MIL") if actor else None,
        target=Party(target or "", target or "", target, None) if target else None,
        location=Place(place, place, place, None, admin1) if place else None,
        date=DateRef(day, "day" if day else "unknown", None),
        evidence=(Evidence("a1", "u", sentence, 0, len(sentence)),),
        confidence=confidence, **fields,  # type: ignore[arg-type]
    )


BY_ID: dict[str, Mention] = {}


# --- match_event --------------------------------------------------------------------------


@pytest.mark.parametrize(("expected", "matches"), [
    ({"type": "ASSAULT"}, True),
    ({"type": "ACCUSE"}, False),
    ({"type": "ASSAULT", "actor_country": "PAK", "target_country": "IRN"}, True),
    ({"type": "ASSAULT", "actor_country": "IRN"}, False),
    ({"type": "ASSAULT", "actor_sector": "MIL", "target_sector": None}, True),
    ({"type": "ASSAULT", "location_country": "IRN", "admin1_code": None}, True),
    ({"type": "ASSAULT", "admin1_code": "IR-11"}, False),
    ({"type": "ASSAULT", "date": "2024-01-18", "date_precision": "day"}, True),
    ({"type": "ASSAULT", "date": None}, False),
    ({"type": "ASSAULT", "fatalities": None, "injuries": None}, True),
    ({"type": "ASSAULT", "fatalities": 9}, False),
    ({"type": "ASSAULT", "factuality": "asserted", "mode": None}, True),
    ({"type": "ASSAULT", "evidence_contains": "PAKISTAN   struck"}, True),
    ({"type": "ASSAULT", "evidence_contains": "Iran struck"}, False),
    ({"type": "ASSAULT", "attributed_to_contains": None}, True),
    ({"type": "ASSAULT", "attributed_to_contains": ["ministry"]}, False),
    ({"type": "ASSAULT", "co_actor_countries": []}, True),
    ({"type": "ASSAULT", "co_actor_countries": None}, True),
    ({"type": "ASSAULT", "co_actor_countries": ["USA"]}, False),
    ({"type": "ASSAULT", "responds_to_type": None}, True),
    ({"type": "ASSAULT", "note": "free text is never checked"}, True),
])
def test_match_event_checks_every_given_key_and_null_means_null(expected: dict,
                                                                matches: bool) -> None:
    assert match_event(expected, mention(), BY_ID) is matches


def test_omitted_keys_are_unchecked_so_a_null_actor_still_matches_a_type_only_entry() -> None:
    assert match_event({"type": "ASSAULT"}, mention(actor=None, place=None, day=None), BY_ID)


@pytest.mark.parametrize(("needles", "matches"), [
    ("fox news", True), (["Foreign Affairs", "FOX"], True), (["Fox", "Reuters"], False),
])
def test_attribution_needles_are_case_insensitive_substrings_of_some_source(
        needles: object, matches: bool) -> None:
    m = mention(attributed_to=("Pakistan's Ministry of Foreign Affairs", "Fox News"))
    assert match_event({"type": "ASSAULT", "attributed_to_contains": needles}, m,
                       BY_ID) is matches


@pytest.mark.parametrize(("countries", "matches"), [
    (["USA", "GBR"], True), (["GBR", "USA"], True), (["USA"], False), ([], False),
])
def test_co_actor_countries_compare_as_sets_ignoring_unknown_countries(
        countries: list[str], matches: bool) -> None:
    m = mention(co_actors=(Party("US", "US", "USA"), Party("UK", "UK", "GBR"),
                           Party("militia", "militia", None)))
    assert match_event({"type": "ASSAULT", "co_actor_countries": countries}, m,
                       BY_ID) is matches


def test_responds_to_type_reads_the_type_of_the_answered_mention_in_the_article() -> None:
    first = mention("ASSAULT", id_="first", actor="IRN", target="PAK")
    reply = mention("ASSAULT", id_="reply", responds_to="first")
    by_id = {"first": first, "reply": reply}
    assert match_event({"type": "ASSAULT", "responds_to_type": "ASSAULT"}, reply, by_id)
    assert not match_event({"type": "ASSAULT", "responds_to_type": "ACCUSE"}, reply, by_id)
    assert not match_event({"type": "ASSAULT", "responds_to_type": None}, reply, by_id)
    assert not match_event({"type": "ASSAULT", "responds_to_type": "ASSAULT"}, reply, {})


@pytest.mark.parametrize("expected", [{"actor_country": "PAK"}, {"type": "ASSAULT", "actr": 1}])
def test_gold_without_a_type_or_with_an_unknown_key_is_an_error(expected: dict) -> None:
    with pytest.raises(ValueError):
        match_event(expected, mention(), BY_ID)


@pytest.mark.parametrize(("expected", "same"), [
    ({"type": "ASSAULT", "actor_country": "IRN", "target_country": "IRN"}, True),
    ({"type": "ASSAULT", "actor_country": "IRN", "location_country": "AFG"}, False),
    ({"type": "ASSAULT", "actor_country": None, "target_country": None}, False),
    ({"type": "ASSAULT", "actor_country": None, "evidence_contains": "struck"}, True),
    ({"type": "ACCUSE", "actor_country": "PAK"}, False),
    ({"type": "ASSAULT"}, True),
])
def test_same_event_needs_the_type_and_one_agreeing_country_or_the_evidence(
        expected: dict, same: bool) -> None:
    assert same_event(expected, mention(), BY_ID) is same


# --- match_article / score_gold -------------------------------------------------------------


def test_assignment_is_one_to_one_and_prefers_the_full_match() -> None:
    events = [{"type": "ASSAULT", "actor_country": "PAK", "target_country": "IRN",
               "fatalities": 9}]
    loose = mention(id_="loose", confidence=0.9)
    full = mention(id_="full", fatalities=9)
    match = match_article(events, [], [loose, full])
    assert match.pairs == ((0, 1),)
    assert match.exact == frozenset({0})
    assert match.counts == Counts(tp=1, fp=1, fn=0)


def test_a_mention_matching_an_absent_entry_is_a_false_positive_never_assigned() -> None:
    events = [{"type": "ASSAULT", "location_country": "IRN"}]
    absent = [{"type": "ASSAULT", "actor_country": "PAK"}]
    match = match_article(events, absent, [mention()])
    assert match.pairs == ()
    assert match.absent_hits == ((0, 0),)
    assert match.counts == Counts(tp=0, fp=1, fn=1)


def test_assignment_pairs_each_expected_event_with_its_best_mention() -> None:
    events = [{"type": "ASSAULT", "actor_country": "PAK", "target_country": "IRN"},
              {"type": "ASSAULT", "actor_country": "IRN", "target_country": "PAK"}]
    mentions = [mention(id_="b", actor="IRN", target="PAK"), mention(id_="a")]
    assert match_article(events, [], mentions).pairs == ((0, 1), (1, 0))


def test_assignment_maximises_full_matches_where_greedy_would_not() -> None:
    events = [{"type": "ASSAULT", "actor_country": "PAK"},
              {"type": "ASSAULT", "actor_country": "PAK", "target_country": "IRN"}]
    mentions = [mention(id_="both"), mention(id_="first-only", target="AFG")]
    match = match_article(events, [], mentions)
    assert match.pairs == ((0, 1), (1, 0))
    assert match.exact == frozenset({0, 1})


def brute_force_best(weights: list[list[int]]) -> int:
    rows, cols = len(weights), len(weights[0])
    if rows <= cols:
        return max(sum(weights[i][j] for i, j in enumerate(p))
                   for p in itertools.permutations(range(cols), rows))
    return max(sum(weights[i][j] for j, i in enumerate(p))
               for p in itertools.permutations(range(rows), cols))


@pytest.mark.parametrize("seed", range(12))
def test_max_weight_assignment_finds_the_best_total_on_small_matrices(seed: int) -> None:
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 5), rng.randint(1, 5)
    weights = [[rng.choice([0, 0, 1, 5, 7, 20]) for _ in range(cols)] for _ in range(rows)]
    pairs = max_weight_assignment(weights)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    assert sum(weights[i][j] for i, j in pairs) == brute_force_best(weights)


def test_max_weight_assignment_of_an_empty_matrix_is_empty() -> None:
    assert max_weight_assignment([]) == [] and max_weight_assignment([[]]) == []


def gold(name: str, events: list[dict], absent: list[dict] | None = None) -> GoldArticle:
    return GoldArticle(name, "text", date(2024, 1, 18), tuple(events), tuple(absent or ()))


def test_score_gold_counts_events_exact_matches_fields_and_absent_entries() -> None:
    first = gold("one", [
        {"type": "ASSAULT", "actor_country": "PAK", "target_country": "IRN", "fatalities": 9},
        {"type": "ACCUSE", "actor_country": "IRN"},
    ], [{"type": "THREATEN"}])
    second = gold("two", [{"type": "PROTEST", "location_country": "KEN"}],
                  [{"type": "ASSAULT", "evidence_contains": "football"}])
    coded = [
        (first, [mention(fatalities=3), mention("THREATEN", id_="t")]),
        (second, [mention("PROTEST", place="KEN", actor=None, target=None),
                  mention(id_="x", sentence="The football team attacked.")]),
    ]
    score = score_gold(coded)
    assert score.events == Counts(tp=2, fp=2, fn=1)
    assert score.exact == 1 and score.expected == 3
    assert score.exact_recall == pytest.approx(1 / 3)
    assert score.absent_entries == 2 and score.absent_violated == 2
    assert score.absent_respected == 0.0
    assert score.fields["actor_country"] == (1, 1)
    assert score.fields["fatalities"] == (0, 1)
    assert score.fields["location_country"] == (1, 1)
    assert score.per_type["ACCUSE"] == Counts(0, 0, 1)
    assert score.per_type["ASSAULT"] == Counts(1, 1, 0)
    assert score.per_type["THREATEN"] == Counts(0, 1, 0)


def test_article_match_counts_unassigned_both_ways() -> None:
    match = ArticleMatch(((0, 0),), frozenset(), (), n_expected=3, n_extracted=2)
    assert match.counts == Counts(1, 1, 2)


def test_load_gold_article_reads_the_json_and_its_sibling_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Body.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({
        "published": "2024-02-15", "traps": ["x"],
        "events": [{"type": "ASSAULT", "actor_country": None}], "absent": ["PROTEST"]}),
        encoding="utf-8")
    article = load_gold_article(tmp_path / "a.json")
    assert article.text == "Body."
    assert article.published == date(2024, 2, 15)
    assert article.absent == ({"type": "PROTEST"},)


def test_load_gold_article_rejects_a_misspelled_key(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Body.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"events": [{"type": "AID", "actr": "X"}]}),
                                     encoding="utf-8")
    with pytest.raises(ValueError, match="actr"):
        load_gold_article(tmp_path / "a.json")


# --- F1 arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(("counts", "precision", "recall", "f1"), [
    (Counts(3, 1, 2), 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35),
    (Counts(0, 0, 4), 0.0, 0.0, 0.0),
    (Counts(0, 0, 0), 0.0, 0.0, 0.0),
    (Counts(5, 0, 0), 1.0, 1.0, 1.0),
])
def test_counts_give_precision_recall_and_f1_with_zero_for_empty_denominators(
        counts: Counts, precision: float, recall: float, f1: float) -> None:
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx((precision, recall, f1))


PAIRS = [("A", "A"), ("A", "A"), ("A", "B"), ("B", "B"), ("C", NO_EVENT), ("C", "A")]


def test_label_counts_book_a_miss_as_fn_of_gold_and_fp_of_prediction() -> None:
    counts = label_counts(PAIRS)
    assert counts["A"] == Counts(2, 1, 1)
    assert counts["B"] == Counts(1, 1, 0)
    assert counts["C"] == Counts(0, 0, 2)
    assert counts[NO_EVENT] == Counts(0, 1, 0)


def test_macro_and_weighted_f1_average_over_gold_labels_only() -> None:
    counts = label_counts(PAIRS)
    f1 = {"A": 2 / 3, "B": 2 / 3, "C": 0.0}
    assert macro_f1(counts) == pytest.approx(sum(f1.values()) / 3)
    assert weighted_f1(counts) == pytest.approx((3 * f1["A"] + 1 * f1["B"] + 2 * f1["C"]) / 6)
    assert macro_f1(counts, ["A", "B", "C", "D"]) == pytest.approx(sum(f1.values()) / 4)
    assert accuracy(PAIRS) == pytest.approx(3 / 6)


def test_averages_of_nothing_are_zero() -> None:
    assert macro_f1({}) == 0.0 and weighted_f1({}) == 0.0 and accuracy([]) == 0.0


# --- distances, top mention, shingles ---------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "km"), [
    ((0.0, 0.0), (1.0, 0.0), 111.2),
    ((48.8566, 2.3522), (51.5074, -0.1278), 343.6),
    ((10.0, 20.0), (10.0, 20.0), 0.0),
])
def test_haversine_distance_in_km(a: tuple[float, float], b: tuple[float, float],
                                  km: float) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.5)


def test_top_mention_is_the_most_confident_and_the_first_of_equals() -> None:
    a, b, c = (mention(id_=i, confidence=p) for i, p in (("a", 0.4), ("b", 0.8), ("c", 0.8)))
    assert top_mention([a, b, c]) is b
    assert top_mention([]) is None


def test_shingles_are_four_token_multisets_and_short_texts_are_one_shingle() -> None:
    assert shingles("a b c d a b c d") == {("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1,
                                           ("c", "d", "a", "b"): 1, ("d", "a", "b", "c"): 1}
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles("") == {}


def test_shingle_match_is_normalised_per_document() -> None:
    tp, fp, fn = shingle_match("a b c d e", "a b c d x y")
    assert (tp, fp, fn) == pytest.approx((1 / 4, 2 / 4, 1 / 4))  # 1 shared, 2 extra, 1 lost


def test_body_scores_average_per_document_and_skip_empty_predictions_for_precision() -> None:
    perfect = shingle_match("one two three four five", "one two three four five")
    empty = shingle_match("one two three four five", "")
    precision, recall, f1 = body_scores([perfect, empty])
    assert precision == 1.0
    assert recall == 0.5
    assert f1 == pytest.approx(2 / 3)


# --- data-set helpers of bench/coding_sets.py ---------------------------------------------------


def test_plover_split_halves_each_type_and_interleaves_the_types() -> None:
    records = [{"id": f"{t}-{i}", "event": t} for t in ("AGREE", "FIGHT") for i in range(3)]
    dev = coding_sets.plover_split(records, dev=True)
    held = coding_sets.plover_split(records, dev=False)
    assert [r["id"] for r in dev] == ["AGREE-0", "FIGHT-0", "AGREE-1", "FIGHT-1"]
    assert [r["id"] for r in held] == ["AGREE-2", "FIGHT-2"]


def test_conll_spans_turn_bio_tags_into_character_spans() -> None:
    sentence = "U.S. troops shelled Iraqi positions."
    block = "U.S. B-S\ntroops I-S\nshelled O\nIraqi B-T\npositions I-T\n. O"
    spans = coding_sets.conll_spans(block, sentence)
    assert spans == {"S": [(0, 11)], "T": [(20, 35)], "R": []}
    assert coding_sets.party_overlaps(Party("troops", "troops", "USA"), sentence, spans["S"])
    assert not coding_sets.party_overlaps(Party("troops", "troops", "USA"), sentence, spans["T"])


@pytest.mark.parametrize(("cameo", "quad", "label"), [
    ("190", 4, "4"), ("040", 1, "1"), ("020", 1, "0"), ("010", 1, "0"), ("111", 3, "3"),
])
def test_pentaclass_maps_statements_and_appeals_to_zero_else_the_quad_class(
        cameo: str, quad: int, label: str) -> None:
    m = replace(mention(), code=code(cameo=cameo, quad=quad))
    assert coding_sets.pentaclass(m) == label
    assert coding_sets.pentaclass(None) == "0"


@pytest.mark.parametrize(("cameo", "quad", "label"), [
    ("163", 4, "3"),  # sanctions: verbal conflict in the set, material in GDELT's QuadClass
    ("1661", 4, "3"), ("091", 2, "3"), ("141", 3, "4"), ("173", 4, "4"), ("062", 2, "2"),
])
def test_pentaclass_groups_cameo_roots_the_way_the_set_labels_them(
        cameo: str, quad: int, label: str) -> None:
    m = replace(mention(), code=code(cameo=cameo, quad=quad))
    assert coding_sets.pentaclass(m) == label


@pytest.mark.parametrize(("type_", "factuality", "plover", "label"), [
    ("AID", "future", "AGREE", "1"),  # "will provide food aid": intent to provide aid (033)
    ("CONSULT", "future", "AGREE", "1"),
    ("SANCTION", "future", "THREATEN", "3"),  # "would blockade": a threat (13)
    ("AID", "asserted", "AID", "2"),
    ("REQUEST", "future", "REQUEST", "3"),
])
def test_a_planned_act_is_scored_as_the_statement_of_intent_the_gold_codes(
        type_: str, factuality: str, plover: str, label: str) -> None:
    cameo, quad = {"AID": ("070", 2), "CONSULT": ("040", 1), "SANCTION": ("163", 4),
                   "REQUEST": ("100", 3)}[type_]
    m = replace(mention(type_), code=code(type_, cameo=cameo, quad=quad), factuality=factuality)
    assert coding_sets.intent_type(m) == plover
    assert coding_sets.pentaclass(m) == label


def test_acled_label_uses_the_most_confident_mention_with_an_acled_type() -> None:
    strike = replace(mention(confidence=0.3), code=code(acled="Air/drone strike"))
    other = replace(mention(confidence=0.9), code=code("ACCUSE"))
    assert coding_sets.acled_label([other, strike]) == "AIR_STRIKE"
    assert coding_sets.acled_label([other]) == NO_EVENT


class FakeNlp:
    def pipe(self, texts: object, batch_size: int = 32) -> list[str]:
        return [f"doc:{t}" for t in texts]  # type: ignore[attr-defined]


class FakeCoder:
    nlp = FakeNlp()

    def code(self, article: object, doc: str) -> list[Mention]:
        if "boom" in doc:
            raise RuntimeError("parser fell over")
        return [mention()]


def test_code_items_reports_a_coder_exception_as_no_event_and_goes_on() -> None:
    import evalcore

    context = evalcore.RunContext(lambda: FakeCoder())  # type: ignore[arg-type, return-value]
    coded = evalcore.code_items(context, [("fine", None), ("boom", None), ("fine too", None)])
    assert [len(m) for m in coded.mentions] == [1, 0, 1]
    assert len(coded.errors) == 1 and "parser fell over" in coded.errors[0]
    assert "1 texts" in coded.notes()[0]


def test_below_floors_names_metrics_under_their_floor_or_missing() -> None:
    import evalsets

    report = evalsets.SetReport("x", "ok", metrics={"f1": 0.5, "recall": 0.71})
    assert evalsets.below_floors(report, {"f1": 0.5, "recall": 0.72, "gone": 0.1}) == {
        "recall": 0.71, "gone": None}
