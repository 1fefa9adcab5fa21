"""Rendering corpus mode: ingest progress and counts, the list of stored stories (Rich for people, JSON for programs)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Sequence

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from ..ingest import IngestReport
    from ..store import StoryInfo


class IngestProgress:
    """A live progress line on stderr while an ingest runs (nothing when stderr is not a terminal)."""

    def __init__(self, console: Console):
        self._progress = Progress(SpinnerColumn(), TextColumn("ingesting"), BarColumn(), TextColumn("{task.description}"),
                                  TimeElapsedColumn(), console=console, transient=True,
                                  disable=not console.is_terminal)
        self._task = self._progress.add_task("", total=None)

    def __enter__(self) -> "IngestProgress":
        self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._progress.stop()

    def update(self, report: "IngestReport") -> None:
        """Show the counts so far."""
        self._progress.update(self._task, description=Text(
            f"{report.read} read · {report.new} new · {report.duplicate} dup · {report.copies} copies · "
            f"{report.junk} junk · {report.failed} failed").plain)


def report_table(report: "IngestReport") -> Table:
    """The ingest's counts, one row each, and junk reasons."""
    table = Table(title=f"ingest: {report.read} document(s) read in {report.elapsed_s:.1f} s", title_justify="left")
    table.add_column("outcome")
    table.add_column("documents", justify="right")
    for name, value in (("new", report.new), ("duplicate", report.duplicate), ("copies", report.copies),
                        ("junk", report.junk), ("failed", report.failed)):
        table.add_row(name, str(value))
    for reason, count in sorted(report.junk_reasons.items(), key=lambda item: -item[1]):
        table.add_row(Text(f"  junk: {reason}", style="dim"), Text(str(count), style="dim"))
    table.add_row(Text("stories updated", style="bold"), str(len(report.stories)))
    return table


def stories_json(stories: Sequence["StoryInfo"]) -> str:
    """`stories --format json`: a list of {id, title, size, outlets, first_date, last_date, version}."""
    return json.dumps([story.as_dict() for story in stories], ensure_ascii=False, indent=2)


def stories_table(stories: Sequence["StoryInfo"]) -> Table:
    """One row per story: id, title, size, outlets, first and last date."""
    table = Table(title=f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}", title_justify="left")
    for column, justify in (("id", "left"), ("title", "left"), ("size", "right"), ("outlets", "left"),
                            ("first", "left"), ("last", "left")):
        table.add_column(column, justify=justify, overflow="fold", no_wrap=column in ("id", "first", "last"))
    for story in stories:  # Text cells: titles and outlet names are shown as written, never parsed as markup
        table.add_row(*(Text(value) for value in (
            story.id, story.title or "—", str(story.size), _outlets(story.outlets),
            str(story.first_date or "—"), str(story.last_date or "—"))))
    return table


def _outlets(outlets: Sequence[str], shown: int = 4) -> str:
    if not outlets:
        return "—"
    more = len(outlets) - shown
    return ", ".join(outlets[:shown]) + (f" +{more} more" if more > 0 else "")
