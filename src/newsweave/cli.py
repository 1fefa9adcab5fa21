"""The `newsweave` command: arguments → Settings → API → renderer. No analysis happens here."""

from __future__ import annotations

import errno
import logging
import os
import re
import socket
import sys
from pathlib import Path
from typing import Sequence

import click

from .settings import Settings

FORMATS_READ = ("table", "json")
QUIET_LIBRARIES = ("trafilatura", "htmldate")  # heard with -v


def _settings(**options) -> Settings:
    return Settings(**{k: v for k, v in options.items() if v is not None})


def _report(problems, console) -> None:
    from rich.markup import escape

    for problem in problems:  # one unwrapped line each; names and reasons shown as typed, never read as markup
        style = "yellow" if problem.level == "warning" else "red"
        console.print(f"[{style}]{problem.level}[/]: {escape(_one_line(problem.source))}: "
                      f"{escape(_one_line(problem.reason))}", highlight=False, markup=True, soft_wrap=True)


def _one_line(text: str) -> str:
    """Control characters (a line break in a file name) written as escapes: one problem stays one line."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda match: repr(match[0])[1:-1], text)


input_options = [
    click.option("--max-bytes", type=click.IntRange(min=1), default=None,
                 help="Refuse inputs larger than this many bytes. [default: 20000000]"),
    click.option("--allow-private", is_flag=True, default=None,
                 help="Allow fetching URLs on private, loopback and link-local addresses."),
    click.option("--timeout", "fetch_timeout", type=click.FloatRange(min=0.1), default=None,
                 help="Seconds before a URL fetch gives up. [default: 15]"),
]


def with_input_options(function):
    for option in reversed(input_options):
        function = option(function)
    return function


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="Log progress (-v) or debug detail (-vv) to stderr.")
@click.version_option(package_name="newsweave")
def cli(verbose: int) -> None:
    """Weave many news reports of one event into one trustworthy, cited brief."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if verbose == 0:  # the model loaders' progress bars ("Loading weights …") are noise next to our own status line
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        for library in QUIET_LIBRARIES:  # their complaints about one page repeat the problem line we print for it
            logging.getLogger(library).setLevel(logging.CRITICAL)


@cli.command("read")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|-...")
@click.option("--format", "output_format", type=click.Choice(FORMATS_READ), default="table", show_default=True,
              help="Table for people, JSON (a list of articles) for programs.")
@with_input_options
def read_command(inputs: Sequence[str], output_format: str, **options) -> None:
    """Read articles (text, HTML, JSON/JSONL, feeds, folders, URLs, '-' for stdin) and show what was read."""
    from rich.console import Console

    from .articles import read
    from .render.articles import articles_json, articles_table

    result = read(inputs, _settings(**options))
    errors = Console(stderr=True)
    _report(result.problems, errors)
    if output_format == "json":
        click.echo(articles_json(result.articles))
    elif result.articles:
        Console().print(articles_table(result.articles))
    if not result.articles:
        errors.print("[red]error[/]: no article could be read")
    sys.exit(0 if result.articles else 1)


FORMATS_BRIEF = ("terminal", "md", "html", "json")


@cli.command("brief")
@click.argument("inputs", nargs=-1, required=False, metavar="PATH|URL|-...")
@click.option("--format", "output_format", type=click.Choice(FORMATS_BRIEF), default="terminal", show_default=True,
              help="Terminal view, Markdown, a self-contained HTML page, or JSON (the documented schema).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@click.option("--words", "summary_words", type=click.IntRange(min=10), default=None,
              help="Word budget of the summary. [default: 120]")
@click.option("--story", "story_id", default=None, metavar="ID",
              help="Brief a stored story of the corpus (--db) instead of inputs; ids from `newsweave stories`.")
@click.option("--db", default=None, metavar="FILE|URL",
              help="Corpus database for --story: a SQLite file or a postgresql:// URL. [default: newsweave.db]")
@with_input_options
def brief_command(inputs: Sequence[str], output_format: str, output: str | None, story_id: str | None,
                  db: str | None, **options) -> None:
    """Brief one story: what happened (cited), corroborated facts, single-source facts, people and organisations.

    With --story ID, brief a story stored by `newsweave ingest` (cached until the story changes)."""
    from rich.console import Console

    from .articles import read
    from .brief import brief
    from .render.brief import TerminalBrief, to_html, to_json, to_markdown

    settings = _settings(**options)
    errors = Console(stderr=True)
    if output is not None:
        _check_writable(output)  # before the work, not after it
    if story_id is not None or db is not None:
        story = _stored_brief(inputs, db, story_id, settings, errors)
    else:
        if not inputs:
            raise click.UsageError("give articles to brief (PATH|URL|-...), or --story ID for a stored story")
        result = read(inputs, settings)
        _report(result.problems, errors)
        if not result.articles:
            errors.print("[red]error[/]: no article could be read, nothing to brief")
            sys.exit(1)
        with errors.status("weaving the brief…"):
            story = brief(result, settings)
    if output_format == "terminal" and output is None:
        Console().print(TerminalBrief(story))
        return
    rendered = {"terminal": lambda b: _plain(TerminalBrief(b)), "md": to_markdown, "html": to_html,
                "json": to_json}[output_format](story)
    if output is None:
        click.echo(rendered)
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(rendered)
    except OSError as exc:
        errors.print(f"[red]error[/]: cannot write {output}: {exc.strerror or exc}")
        sys.exit(1)
    errors.print(f"wrote {output}")


def _check_writable(output: str) -> None:
    """Refuse an output file that cannot be written (its folder missing or read-only, the file read-only).

    Raises:
        click.BadParameter: naming the file and the reason.
    """
    path = Path(output)
    folder = path.parent
    if not folder.is_dir():
        raise click.BadParameter(f"cannot write {output}: no such folder {folder}", param_hint="'-o' / '--output'")
    if not os.access(path if path.exists() else folder, os.W_OK):
        reason = "the file is read-only" if path.exists() else f"the folder {folder} is read-only"
        raise click.BadParameter(f"cannot write {output}: {reason}", param_hint="'-o' / '--output'")


def _stored_brief(inputs: Sequence[str], db: str | None, story_id: str | None, settings: Settings, errors):
    """The (cached) brief of a stored story; exits with one line on any error."""
    from rich.markup import escape

    from .errors import NewsweaveError
    from .store import Store

    if inputs:
        raise click.UsageError("give either articles to brief or --story ID, not both")
    if story_id is None:
        raise click.UsageError("--db needs --story ID (list the stories with `newsweave stories --db ...`)")
    try:
        with Store(db or DEFAULT_DB, create=False) as store, errors.status("weaving the brief…"):
            return store.brief_for(story_id, settings)
    except NewsweaveError as exc:
        errors.print(f"[red]error[/]: {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(1)


# ── Corpus mode: ingest into a database, list its stories ─────────────────────────────────────────────────────

DEFAULT_DB = "newsweave.db"
db_option = click.option("--db", default=DEFAULT_DB, show_default=True, metavar="FILE|URL",
                         help="Corpus database: a SQLite file (created if missing) or a postgresql:// URL.")


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|FEED...")
@db_option
@click.option("--engine", type=click.Choice(("local", "dask")), default="local", show_default=True,
              help="Process articles in this process, or on Dask workers.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address (with --engine dask); a local Dask cluster when omitted.")
@click.option("--format", "output_format", type=click.Choice(FORMATS_READ), default="table", show_default=True,
              help="Counts as a table, or the report as JSON.")
@with_input_options
def ingest_command(inputs: Sequence[str], db: str, engine: str, scheduler: str | None, output_format: str,
                   **options) -> None:
    """Add articles to a corpus: new ones placed in stories, copies linked, junk flagged, repeats skipped."""
    from rich.console import Console
    from rich.markup import escape

    from .errors import NewsweaveError
    from .ingest import ingest
    from .render.corpus import IngestProgress, report_table

    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler is the address of a Dask scheduler: give it with --engine dask")
    settings = _settings(**options)
    errors = Console(stderr=True)
    try:
        from .store import Store

        with Store(db) as store, IngestProgress(errors) as progress:
            report = ingest(inputs, store, settings, engine=engine, scheduler=scheduler, progress=progress.update)
    except OSError as exc:  # the environment, not an input: e.g. a Dask scheduler that cannot be reached
        errors.print(f"[red]error[/]: {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except NewsweaveError as exc:
        partial = getattr(exc, "report", None)
        if partial is not None:
            _report(partial.failures, errors)
            errors.print(partial.summary(), highlight=False)
        errors.print(f"[red]error[/]: {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    _report(report.warnings + report.failures, errors)
    if output_format == "json":
        click.echo(report.model_dump_json(indent=2))
    else:
        Console().print(report_table(report))
    sys.exit(0 if report.read > report.failed else 1)


@cli.command("stories")
@db_option
@click.option("--format", "output_format", type=click.Choice(FORMATS_READ), default="table", show_default=True,
              help="Table for people, JSON (a list of stories) for programs.")
def stories_command(db: str, output_format: str) -> None:
    """List the stories of a corpus: id, title, size, outlets, first and last date."""
    from rich.console import Console
    from rich.markup import escape

    from .errors import NewsweaveError
    from .render.corpus import stories_json, stories_table
    from .store import Store

    try:
        with Store(db, create=False) as store:
            stories = store.stories()
    except NewsweaveError as exc:
        Console(stderr=True).print(f"[red]error[/]: {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    if output_format == "json":
        click.echo(stories_json(stories))
    else:
        Console().print(stories_table(stories))


# ── The web app and HTTP API ──────────────────────────────────────────────────────────────────────────────────

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@cli.command("serve")
@click.option("--db", default=DEFAULT_DB, show_default=True, metavar="FILE|URL",
              help="Corpus database: a SQLite file or a postgresql:// URL (must exist unless --create).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The app has no login: keep 127.0.0.1 unless others should reach it.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--create", is_flag=True, default=False, help="Create the database when it is missing (an empty corpus).")
@click.option("--get", "get_path", default=None, metavar="PATH",
              help="Send one GET request for PATH through the app, print the response body and exit "
                   "(0 when it succeeded, 1 otherwise), without starting a server.")
@with_input_options
def serve_command(db: str, host: str, port: int, create: bool, get_path: str | None, **options) -> None:
    """Serve the web app and HTTP API over a corpus: stories, briefs, articles, and briefs of new articles."""
    from rich.console import Console
    from rich.markup import escape

    from .errors import NewsweaveError

    errors = Console(stderr=True)
    try:
        import uvicorn

        from .web import WebSettings, create_app
    except ImportError as exc:
        errors.print(f"[red]error[/]: the web app needs {exc.name}, which is not installed "
                     "(pip install fastapi uvicorn python-multipart)")
        sys.exit(1)
    loopback = host in LOOPBACK_HOSTS
    web = WebSettings(allowed_hosts=LOOPBACK_HOSTS if loopback else None)  # no DNS rebinding onto a local server
    try:
        app = create_app(_settings(**options), db, web=web, create=create)
    except NewsweaveError as exc:
        missing = "://" not in db and not Path(db).exists()
        hint = " (or pass --create to serve an empty corpus)" if missing and not create else ""
        errors.print(f"[red]error[/]: {escape(str(exc))}{hint}", highlight=False, soft_wrap=True)
        sys.exit(1)
    if get_path is not None:
        from fastapi.testclient import TestClient

        with TestClient(app, base_url="http://localhost") as client:
            response = client.get(get_path)
        click.echo(response.text)
        sys.exit(0 if response.status_code < 400 else 1)
    refused = _cannot_listen(host, port)
    if refused is not None:  # a port taken, an address not ours: said in one line before uvicorn starts
        errors.print(f"[red]error[/]: cannot listen on {escape(host)} port {port}: {escape(refused.strerror or str(refused))}"
                     + (" (choose another with --port)" if refused.errno == errno.EADDRINUSE else ""),
                     highlight=False, soft_wrap=True)
        sys.exit(1)
    if not loopback:
        errors.print(f"[yellow]warning[/]: listening on {escape(host)}: anyone who reaches it can read this corpus "
                     "and add to it (there is no login)")
    errors.print(f"serving {escape(db)} at http://{escape(host) if ':' not in host else f'[{host}]'}:{port}/ "
                 "(Ctrl+C to stop)", highlight=False)
    verbose = click.get_current_context().find_root().params.get("verbose") or 0
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=verbose > 0)  # -v: one line per request


def _cannot_listen(host: str, port: int) -> OSError | None:
    """Why a server could not listen on host:port (as uvicorn binds: SO_REUSEADDR), or None when it can."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        return exc
    return None


def _plain(renderable) -> str:
    from rich.console import Console

    console = Console(record=True, width=100, file=open("/dev/null", "w"))
    console.print(renderable)
    return console.export_text()


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="newsweave")
