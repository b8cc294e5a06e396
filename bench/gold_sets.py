"""Our own annotated articles: bench/gold/articles and tests/fixtures/articles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from evalcore import FIXTURES, RunContext, SetReport, code_pages, counts_table, skipped

from newsevents.evaluate import (
    NOTE_KEYS,
    ArticleMatch,
    GoldArticle,
    checked_keys,
    field_agrees,
    load_gold_article,
    mention_value,
    ratio,
    score_gold,
)
from newsevents.models import Mention, Party


def run_own(ctx: RunContext) -> SetReport:
    return run_gold_articles("own", ctx.gold, ctx)


def run_fixtures(ctx: RunContext) -> SetReport:
    return run_gold_articles("fixtures", FIXTURES, ctx)


def run_gold_articles(name: str, directory: Path, ctx: RunContext) -> SetReport:
    paths = sorted(directory.glob("*.json")) if directory.is_dir() else []
    if not paths:
        return skipped(name, directory)
    articles = ctx.take([load_gold_article(p) for p in paths])
    coded = code_pages(ctx, [(a.text, a.published) for a in articles])
    score = score_gold(zip(articles, coded.mentions, strict=True))
    events = score.events
    metrics = {"event_precision": events.precision, "event_recall": events.recall,
               "event_f1": events.f1, "exact_recall": score.exact_recall,
               "exact_precision": ratio(score.exact, events.tp + events.fp),
               "absent_respected": score.absent_respected}
    metrics |= {f"field.{key}": ratio(agree, given)
                for key, (agree, given) in score.fields.items()}
    counts = {"articles": len(articles), "expected_events": score.expected,
              "extracted_events": events.tp + events.fp, "matched_events": events.tp,
              "exact_matches": score.exact, "absent_entries": score.absent_entries,
              "absent_violated": score.absent_violated, "coder_errors": len(coded.errors)}
    counts |= {f"field.{key}": given for key, (_, given) in score.fields.items()}
    details = [line for article, mentions, match in zip(articles, coded.mentions, score.matches,
                                                        strict=True)
               for line in gold_findings(article, mentions, match)]
    return SetReport(name, "ok", len(articles), metrics=metrics, counts=counts,
                     per_label=counts_table(score.per_type), notes=coded.notes(),
                     details=tuple(details))


def describe(mention: Mention) -> str:
    def party(p: Party | None) -> str:
        return f"{p.text}[{p.country or '-'}/{p.sector or '-'}]" if p else "-"

    sentence = mention.evidence[0].sentence if mention.evidence else ""
    return (f"{mention.code.type} {party(mention.actor)} -> {party(mention.target)} "
            f"@{mention.location.country if mention.location else '-'} "
            f"{mention.date.date or '-'}: {' '.join(sentence.split())[:90]!r}")


def gold_findings(article: GoldArticle, mentions: Sequence[Mention], match: ArticleMatch
                  ) -> list[str]:
    """What a developer needs to fix: misses, wrong fields, extras and absent hits."""
    by_id = {m.id: m for m in mentions}
    paired = dict(match.pairs)
    lines = []
    for i, expected in enumerate(article.events):
        want = {k: v for k, v in expected.items() if k not in NOTE_KEYS}
        if i not in paired:
            lines.append(f"{article.name}: missed {want}")
        elif i not in match.exact:
            got = mentions[paired[i]]
            wrong = {k: mention_value_text(k, got, by_id) for k in checked_keys(expected)
                     if not field_agrees(k, expected[k], got, by_id)}
            lines.append(f"{article.name}: {expected['type']} #{i} wrong {wrong} "
                         f"(want {{{', '.join(f'{k}: {want[k]!r}' for k in wrong)}}})")
    used = set(paired.values()) | {j for _, j in match.absent_hits}
    lines += [f"{article.name}: ABSENT #{a} hit by {describe(mentions[j])}"
              for a, j in match.absent_hits]
    lines += [f"{article.name}: extra {describe(m)}" for j, m in enumerate(mentions)
              if j not in used]
    return lines


def mention_value_text(key: str, mention: Mention, by_id: Mapping[str, Mention]) -> object:
    if key == "attributed_to_contains":
        return list(mention.attributed_to)
    if key == "evidence_contains":
        return [" ".join(e.sentence.split())[:90] for e in mention.evidence]
    if key == "co_actor_countries":
        return sorted(p.country or "-" for p in mention.co_actors)
    return mention_value(key, mention, by_id)
