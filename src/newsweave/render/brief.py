"""Rendering a brief: Rich for the terminal, Markdown, a self-contained HTML page, JSON."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..models import Brief

UNIQUE_PER_SOURCE = 3  # the terminal and Markdown show this many single-source facts per article
FACTS_SHOWN = 12


def citation_numbers(brief: Brief) -> dict[str, int]:
    """Article id → its citation number [n], in the order of `brief.articles`."""
    return {article.id: n for n, article in enumerate(brief.articles, 1)}


def cite(brief: Brief, sources: list[str]) -> str:
    """"[1, 3]" for a list of article ids."""
    numbers = citation_numbers(brief)
    return "[" + ", ".join(str(n) for n in sorted(numbers[s] for s in sources if s in numbers)) + "]"


def unique_by_source(brief: Brief, limit: int = UNIQUE_PER_SOURCE) -> Iterator[tuple[str, list[str]]]:
    """(article label, its most informative single-source facts), article by article."""
    for number, article in enumerate(brief.articles, 1):
        texts = [u.text for u in brief.unique if u.source == article.id][:limit]
        if texts:
            yield f"[{number}] {article.label}", texts


def to_json(brief: Brief) -> str:
    """The documented JSON form of a brief."""
    return brief.model_dump_json(indent=2)


class TerminalBrief:
    """A brief as Rich renderables: sources, summary with citations, facts, single-source facts, entities."""

    def __init__(self, brief: Brief) -> None:
        self.brief = brief

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        brief = self.brief
        yield Text(brief.title or "Brief", style="bold underline")
        for note in brief.notes:
            yield Text(f"note: {note}", style="yellow")
        sources = Table(title="Sources", title_justify="left", show_lines=False, expand=True)
        for column in ("#", "outlet", "title", "published"):
            sources.add_column(column, overflow="fold", ratio=4 if column == "title" else None)
        for number, article in enumerate(brief.articles, 1):
            sources.add_row(str(number), article.label, article.title or "—", str(article.published or "—"))
        yield sources
        summary = Text()
        for sentence in brief.summary:
            summary.append(sentence.text + " ")
            summary.append(cite(brief, sentence.sources), style="cyan")
            summary.append("\n")
        yield Panel(summary, title="What happened", title_align="left")
        facts = Table(title=f"Corroborated facts ({len(brief.facts)})", title_justify="left", expand=True)
        facts.add_column("outlets", justify="right", no_wrap=True)
        facts.add_column("fact", ratio=1)
        facts.add_column("sources", no_wrap=True, style="cyan")
        for fact in brief.facts[:FACTS_SHOWN]:
            facts.add_row(str(fact.corroboration), fact.text, cite(brief, fact.sources))
        yield facts if brief.facts else Text("No fact is stated by more than one outlet.", style="yellow")
        lines = [Text("Only one source reports", style="bold")]
        for label, texts in unique_by_source(brief):
            lines.append(Text(label, style="cyan"))
            lines += [Text(f"  • {t}") for t in texts]
        yield Group(*lines)
        people = Table(title="People & organisations", title_justify="left", expand=True)
        for column in ("name", "type", "role", "also written", "sources"):
            people.add_column(column, overflow="fold")
        for entity in [e for e in brief.entities if e.type in ("PERSON", "ORG")][:20]:
            people.add_row(escape(entity.name), entity.type, escape(entity.role or ""), escape(", ".join(entity.aliases)),
                           cite(brief, entity.sources))
        yield people


def to_markdown(brief: Brief) -> str:
    """The brief as Markdown."""
    out = [f"# {brief.title or 'Brief'}", ""]
    out += [f"> {note}" for note in brief.notes] + ([""] if brief.notes else [])
    out += ["## Sources", "", "| # | outlet | title | published |", "|---|---|---|---|"]
    for number, a in enumerate(brief.articles, 1):
        out.append(f"| {number} | {_md(a.label)} | {_md(a.title or '—')} | {a.published or '—'} |")
    out += ["", "## What happened", ""]
    out += [f"{s.text} {cite(brief, s.sources)}" for s in brief.summary]
    out += ["", "## Corroborated facts", ""]
    out += [f"- **{f.corroboration} outlets** {cite(brief, f.sources)}: {f.text}" for f in brief.facts] or ["_None._"]
    out += ["", "## Only one source reports", ""]
    for label, texts in unique_by_source(brief):
        out += [f"**{_md(label)}**", ""] + [f"- {t}" for t in texts] + [""]
    out += ["## People & organisations", ""]
    for e in brief.entities:
        if e.type in ("PERSON", "ORG"):
            role = f", {e.role}" if e.role else ""
            aliases = f" (also: {', '.join(e.aliases)})" if e.aliases else ""
            out.append(f"- **{_md(e.name)}**{_md(role)}{_md(aliases)} {cite(brief, e.sources)}")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("newsweave", "templates"),
                              autoescape=select_autoescape(["html"], default=True))
    environment.globals.update(cite=cite, unique_by_source=unique_by_source)
    return environment


def to_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page; every article string is escaped."""
    return _environment().get_template("brief.html").render(brief=brief)
