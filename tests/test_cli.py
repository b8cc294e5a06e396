"""The command line as a user meets it: the README's main job, output formats, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli import app

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
pytestmark = pytest.mark.slow
ARTICLE = (
    "Troops Clash on the Frontier\n\n"
    "Armenian and Azerbaijani troops exchanged fire near the village of Sotk on Monday, "
    "killing two soldiers, the Armenian defence ministry said.\n"
)


def run(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env=env, input=stdin)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's main job: ingest the sample corpus shipped in the repository."""
    db = tmp_path_factory.mktemp("samples") / "samples.duckdb"
    result = run("ingest", str(SAMPLES), "--published", "2025-03-14", "--db", str(db),
                 "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "read 5 documents, stored 5 articles (5 new)" in result.output
    assert "skipped 0" in result.output
    return db


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_sample_corpus_yields_articles_of_every_format(sample_db: Path) -> None:
    articles = jsonl(run("articles", "--db", str(sample_db), "--format", "jsonl").stdout)
    titles = {a["title"] for a in articles}
    assert "Police Fire Tear Gas at Nairobi Tax Protest" in titles  # HTML, its own date
    assert "Manila Summons Chinese Envoy After Water Cannon Incident" in titles  # Markdown
    assert "Moldova Expels Russian Diplomat" in titles  # JSON lines
    by_title = {a["title"]: a for a in articles}
    assert by_title["Police Fire Tear Gas at Nairobi Tax Protest"]["published"] == "2025-03-11"
    assert by_title["Moldova Expels Russian Diplomat"]["published"] == "2025-03-12"
    assert all("Advertisement" not in a["text"] and "Sign up" not in a["text"] for a in articles)


def test_sample_corpus_events_carry_their_evidence(sample_db: Path) -> None:
    events = jsonl(run("events", "--db", str(sample_db), "--format", "jsonl").stdout)
    assert len(events) >= 8
    expulsion = next(e for e in events if e["type"] == "SANCTION"  # expelling a diplomat
                     and (e["actor"] or {}).get("country") == "MDA")
    assert expulsion["target"]["country"] == "RUS"
    assert expulsion["date"] == "2025-03-12"
    shelling = next(e for e in events if e["type"] == "ASSAULT" and e["fatalities"] == 9)
    assert shelling["location"]["country"] == "SDN"
    for event in events:
        evidence = event["evidence"][0]
        article = json.loads(run("show", evidence["article_id"], "--db", str(sample_db)).stdout)
        assert article["text"][evidence["start"]:evidence["end"]] == evidence["sentence"]


def test_events_as_csv_and_table_list_the_same_events(sample_db: Path) -> None:
    listed = jsonl(run("events", "--db", str(sample_db), "--format", "jsonl").stdout)
    rows = list(csv.DictReader(io.StringIO(
        run("events", "--db", str(sample_db), "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == [e["id"] for e in listed]
    table = run("events", "--db", str(sample_db), "--type", "sanction").stdout
    assert "SANCTION" in table and "ASSAULT" not in table


def test_show_prints_one_event_with_its_evidence(sample_db: Path) -> None:
    first = jsonl(run("events", "--db", str(sample_db), "--format", "jsonl").stdout)[0]
    shown = run("show", first["id"], "--db", str(sample_db))
    assert shown.exit_code == 0
    assert json.loads(shown.stdout) == first


def test_show_takes_the_short_id_a_table_prints(sample_db: Path) -> None:
    first = jsonl(run("events", "--db", str(sample_db), "--format", "jsonl").stdout)[0]
    shown = run("show", first["id"][:8], "--db", str(sample_db))
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["id"] == first["id"]
    ambiguous = run("show", "", "--db", str(sample_db))  # every id starts with ""
    assert ambiguous.exit_code == 1 and "more than one id" in ambiguous.output


def test_show_of_an_unknown_id_is_one_clear_line(sample_db: Path) -> None:
    result = run("show", "nope", "--db", str(sample_db))
    assert result.exit_code == 1
    assert result.output.strip() == "newsevents: no event or article with id 'nope'"


def test_database_comes_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.duckdb"
    page = tmp_path / "clash.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    assert run("ingest", str(page), "--published", "2024-09-11", "--workers", "1",
               env={"NEWSEVENTS_DB": str(db)}).exit_code == 0
    assert db.exists()
    assert json.loads(run("articles", "--format", "jsonl",
                          env={"NEWSEVENTS_DB": str(db)}).stdout)["title"] == \
        "Troops Clash on the Frontier"


def test_standard_input_is_read_with_a_dash(tmp_path: Path) -> None:
    db = tmp_path / "stdin.duckdb"
    result = run("ingest", "-", "--published", "2024-09-11", "--db", str(db), "--workers", "1",
                 stdin=ARTICLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    events = jsonl(run("events", "--db", str(db), "--format", "jsonl").stdout)
    assert events and events[0]["date"] == "2024-09-09"  # "on Monday" before Wed 11 Sep


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "empty"),
        ("noise.html", bytes(range(256)) * 16, "binary"),
    ],
    ids=["missing path", "empty file", "random bytes named .html"],
)
def test_unusable_input_is_one_line_a_failure_and_keeps_the_database(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    db = tmp_path / "kept.duckdb"
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    assert run("ingest", str(good), "--published", "2024-09-11", "--db", str(db),
               "--workers", "1").exit_code == 0
    before = run("events", "--db", str(db), "--format", "jsonl").stdout
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    result = run("ingest", str(bad), "--db", str(db), "--workers", "1")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = next(x for x in result.output.splitlines() if x.startswith("skipped"))
    assert name in line and reason in line
    assert run("events", "--db", str(db), "--format", "jsonl").stdout == before


def test_a_broken_jsonl_line_skips_that_line_only(tmp_path: Path) -> None:
    feed = tmp_path / "wire.jsonl"
    good = json.dumps({"url": "https://wire.example.org/a", "published": "2024-09-11",
                       "text": ARTICLE})
    feed.write_text(good + "\n{not json\n", encoding="utf-8")
    result = run("ingest", str(feed), "--db", str(tmp_path / "j.duckdb"), "--workers", "1")
    assert result.exit_code == 0
    assert "skipped" in result.output and "wire.jsonl:2" in result.output
    assert "stored 1 articles" in result.output


def test_a_text_too_long_to_parse_is_skipped_and_the_others_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(ARTICLE, encoding="utf-8")  # spaCy refuses > 1,000,000
    (folder / "dump.txt").write_text("Soldiers fired on the village.\n" * 40_000, encoding="utf-8")
    result = run("ingest", str(folder), "--db", str(tmp_path / "l.duckdb"), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "stored 1 articles" in result.output
    line = next(x for x in result.output.splitlines() if x.startswith("skipped"))
    assert "dump.txt" in line and "longer than a news article" in line


def test_windows_1252_text_is_decoded_not_refused(tmp_path: Path) -> None:
    page = tmp_path / "cp1252.txt"
    page.write_bytes(ARTICLE.replace("Armenian defence", "Armenian “defence”").encode("cp1252"))
    db = tmp_path / "w.duckdb"
    assert run("ingest", str(page), "--published", "2024-09-11", "--db", str(db),
               "--workers", "1").exit_code == 0
    article = json.loads(run("articles", "--db", str(db), "--format", "jsonl").stdout)
    assert "“defence”" in article["text"]


def test_a_bad_published_date_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    result = run("ingest", str(SAMPLES), "--published", "18/01/2024",
                 "--db", str(tmp_path / "d.duckdb"))
    assert result.exit_code == 1
    assert "--published must be a date as YYYY-MM-DD" in result.output


def test_reingesting_the_same_article_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "again.duckdb"
    page = tmp_path / "clash.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    run("ingest", str(page), "--published", "2024-09-11", "--db", str(db), "--workers", "1")
    first = run("events", "--db", str(db), "--format", "jsonl").stdout
    again = run("ingest", str(page), "--published", "2024-09-11", "--db", str(db),
                "--workers", "1")
    assert "(0 new)" in again.output
    assert run("events", "--db", str(db), "--format", "jsonl").stdout == first
