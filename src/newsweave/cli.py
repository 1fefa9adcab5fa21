"""The `newsweave` command: arguments → Settings → API → renderer. No analysis happens here."""

from __future__ import annotations

import logging
import sys
from typing import Sequence

import click

from .settings import Settings

FORMATS_READ = ("table", "json")


def _settings(**options) -> Settings:
    return Settings(**{k: v for k, v in options.items() if v is not None})


def _report(problems, console) -> None:
    for problem in problems:
        style = "yellow" if problem.level == "warning" else "red"
        console.print(f"[{style}]{problem.level}[/]: {problem.source}: {problem.reason}", highlight=False, markup=True)


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
    _report(result.problems, Console(stderr=True))
    if output_format == "json":
        click.echo(articles_json(result.articles))
    else:
        Console().print(articles_table(result.articles))
    sys.exit(0 if result.articles else 1)


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="newsweave")
