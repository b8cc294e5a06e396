"""The command line: thin wrappers over the library; errors become one line and exit 1."""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .errors import NewsEventsError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news into a sourced, geolocated database of political events.")

DEFAULT_DB = "newsevents.duckdb"
DbOption = Annotated[Path | None, typer.Option(
    "--db", envvar="NEWSEVENTS_DB", help="DuckDB file (default ./newsevents.duckdb).")]
T = TypeVar("T")


def fail(message: str) -> typer.Exit:
    typer.echo(f"newsevents: {message}", err=True)
    return typer.Exit(1)


def guarded(fn: Callable[[], T]) -> T:
    """Run a command body; a NewsEventsError becomes one line on stderr and exit code 1."""
    try:
        return fn()
    except NewsEventsError as error:
        raise fail(str(error)) from None
    except KeyboardInterrupt:
        raise fail("interrupted; every article stored before this point is kept") from None


@contextmanager
def open_store(db: Path | None, *, ingest: bool = False) -> Iterator[Any]:
    from .store import Store

    store = Store.open(db or Path(DEFAULT_DB), ingest=ingest)
    try:
        yield store
    finally:
        store.close()


def parse_day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{name} must be a date as YYYY-MM-DD, got {value!r}") from None


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for stdin.")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) for inputs that carry none.")] = None,
    workers: Annotated[int | None, typer.Option(
        help="Processes for parsing (default: the number of cores).")] = None,
    engine: Annotated[str, typer.Option(help="local or ray.")] = "local",
    ray_address: Annotated[str | None, typer.Option(help="Ray cluster address.")] = None,
    allow_private_hosts: Annotated[bool, typer.Option(
        help="Allow URLs that resolve to loopback or private addresses.")] = False,
) -> None:
    """Read news articles, code their events and store them."""
    from .pipeline import RunOptions, default_workers

    day = parse_day(published, "--published")
    if engine not in {"local", "ray"}:
        raise fail(f"--engine must be local or ray, got {engine!r}")
    options = RunOptions(workers=workers or default_workers(), published=day,
                         allow_private_hosts=allow_private_hosts)

    def run() -> None:
        with open_store(db, ingest=True) as store:
            summary = _run_ingest(sources, store, options, engine, ray_address)
        _echo_summary(summary)
        unusable = {s.source for s in summary.skipped} & set(sources)
        if unusable or (summary.articles == 0 and summary.skipped):
            raise typer.Exit(1)

    guarded(run)


def _run_ingest(sources: list[str], store: Any, options: Any, engine: str,
                ray_address: str | None) -> Any:
    from . import pipeline

    if engine == "ray":
        from .ray_engine import process_with_ray

        return process_with_ray(sources, store, options=options, address=ray_address)
    stdin = sys.stdin.buffer if "-" in sources else None
    if not sys.stderr.isatty():
        return pipeline.process(sources, store, options=options, stdin=stdin)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn(
            "{task.completed} documents"), TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("ingesting", total=None)
        return pipeline.process(sources, store, options=options, stdin=stdin,
                                on_document=lambda: bar.advance(task))


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs or files.")],
    every: Annotated[str, typer.Option(
        help="Time between polls: 30s, 15m, 2h or 1d.")] = "15m",
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) for pages and items that carry none.")] = None,
    workers: Annotated[int | None, typer.Option(
        help="Processes for parsing (default: the number of cores).")] = None,
    polls: Annotated[int | None, typer.Option(
        min=1, help="Stop after this many polls (default: run until interrupted).")] = None,
    allow_private_hosts: Annotated[bool, typer.Option(
        help="Allow URLs that resolve to loopback or private addresses.")] = False,
) -> None:
    """Poll feeds and ingest the pages of items not seen before; a feed that is down is retried."""
    from .feeds import parse_interval, watch_into_store
    from .pipeline import RunOptions, default_workers

    try:
        seconds = parse_interval(every)
    except ValueError as error:
        raise fail(f"--every: {error}") from None
    options = RunOptions(workers=workers or default_workers(),
                         published=parse_day(published, "--published"),
                         allow_private_hosts=allow_private_hosts)
    count = itertools.count(1)

    def report(summary: Any) -> None:
        _echo_summary(summary, prefix=f"poll {next(count)}: ")

    def run() -> None:
        with open_store(db, ingest=True) as store:
            try:
                watch_into_store(feeds, store, every_seconds=seconds, options=options,
                                 polls=polls, on_poll=report)
            except KeyboardInterrupt:
                typer.echo("stopped; every article stored before this point is kept", err=True)

    guarded(run)


def _echo_summary(summary: Any, prefix: str = "") -> None:
    for skip in summary.skipped:
        typer.echo(f"skipped {skip.source}: {skip.reason}", err=True)
    typer.echo(
        f"{prefix}read {summary.documents} documents, stored {summary.articles} articles "
        f"({summary.new_articles} new), found {summary.events} events, "
        f"skipped {len(summary.skipped)}", err=True)


@app.command()
def events(
    db: DbOption = None,
    format: Annotated[str, typer.Option(
        "--format", help="table, jsonl, csv, geojson, parquet or plover.")] = "table",
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")] = None,
    country: Annotated[str | None, typer.Option(
        help="ISO alpha-3 code of the actor, target or location.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest date, YYYY-MM-DD.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to a file (required for parquet).")] = None,
) -> None:
    """List the stored events."""
    from .export import write_events

    first, last = parse_day(since, "--since"), parse_day(until, "--until")

    def run() -> None:
        with open_store(db) as store:
            records = store.events(type=type.upper() if type else None,
                                   country=country.upper() if country else None,
                                   since=first, until=last, limit=limit)
        try:
            if output is not None:
                with output.open("w", encoding="utf-8", newline="") as out:
                    write_events(records, format, out)
            else:
                write_events(records, format, sys.stdout)
        except ValueError as error:
            raise fail(str(error)) from None

    guarded(run)


@app.command()
def articles(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
) -> None:
    """List the stored articles."""
    from .export import write_articles

    def run() -> None:
        with open_store(db) as store:
            try:
                write_articles(store.articles(), format, sys.stdout)
            except ValueError as error:
                raise fail(str(error)) from None

    guarded(run)


@app.command()
def show(
    id: Annotated[str, typer.Argument(
        help="An event id or an article id, or its first characters as tables print them.")],
    db: DbOption = None,
) -> None:
    """Show one event (with its evidence) or one article, as JSON."""

    from .export import all_evidence

    def run() -> None:
        with open_store(db) as store:
            full = _full_id(store, id)
            record = store.event(full)
            if record is not None:  # every sentence, where the record keeps the first ones
                record["evidence"] = all_evidence(store.mentions_for(full))
            else:
                article = store.article(full)
                if article is None:
                    raise fail(f"no event or article with id {id!r}")
                record = {"id": article.id, "url": article.url, "title": article.title,
                          "published": article.published.isoformat() if article.published
                          else None, "site": article.site, "text": article.text}
        typer.echo(json.dumps(record, indent=2, ensure_ascii=False))

    guarded(run)


def _full_id(store: Any, id: str) -> str:
    """The id itself, or the one stored id that starts with it."""
    if store.event(id) is not None or store.article(id) is not None:
        return id
    found = store.ids_starting(id)
    if len(found) > 1:
        raise fail(f"{id!r} starts more than one id; give more characters")
    return found[0] if found else id


def main() -> None:
    app()


if __name__ == "__main__":
    main()
