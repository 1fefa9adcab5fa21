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


def source_caveats(brief: Brief) -> list[tuple[str, list[str]]]:
    """(caveat, ids of the articles it holds for): each distinct warning on the sources once, in order (an
    inferred publication date, a guessed charset, a language other than English)."""
    caveats: dict[str, list[str]] = {}
    for article in brief.articles:
        for warning in article.warnings:
            caveats.setdefault(warning, []).append(article.id)
    return list(caveats.items())


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
        for caveat, ids in source_caveats(brief):
            line = Text(f"  {caveat} ", style="yellow")
            line.append(cite(brief, ids), style="cyan")
            yield line
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
        yield from _terminal_quotes(brief)
        yield from _terminal_disagreements(brief)
        yield from _terminal_timeline(brief)
        people = Table(title="People & organisations", title_justify="left", expand=True)
        for column in ("name", "type", "role", "also written", "sources"):
            people.add_column(column, overflow="fold")
        for entity in [e for e in brief.entities if e.type in ("PERSON", "ORG")][:20]:
            people.add_row(escape(entity.name), entity.type, escape(entity.role or ""), escape(", ".join(entity.aliases)),
                           cite(brief, entity.sources))
        yield people


def quotes_by_speaker(brief: Brief) -> Iterator[tuple[str, list]]:
    """(speaker label, their quotes), named speakers in order of first appearance, then speakers described but not
    named ("a U.S. official"), then quotes with no speaker."""
    named: dict[str, list] = {}
    described: dict[str, list] = {}
    unattributed = []
    for quote in brief.quotes:
        if quote.speaker:
            named.setdefault(f"{quote.speaker}, {quote.role}" if quote.role else quote.speaker, []).append(quote)
        elif quote.role:
            described.setdefault(f"{quote.role} (not named)", []).append(quote)
        else:
            unattributed.append(quote)
    yield from named.items()
    yield from described.items()
    if unattributed:
        yield "Speaker not stated", unattributed


def _terminal_quotes(brief: Brief) -> Iterator:
    if not brief.quotes:
        return
    lines = [Text(f"Who said what ({len(brief.quotes)})", style="bold")]
    for speaker, quotes in quotes_by_speaker(brief):
        lines.append(Text(speaker, style="magenta"))
        for quote in quotes:
            line = Text(f"  • {quote.text} ")
            line.append(cite(brief, quote.sources), style="cyan")
            lines.append(line)
            for variant in quote.variants:
                if variant.text != quote.text:
                    other = Text(f"      also: {variant.text} ", style="dim")
                    other.append(cite(brief, [variant.source]), style="cyan")
                    lines.append(other)
    yield Group(*lines)


def _terminal_disagreements(brief: Brief) -> Iterator:
    if not brief.disagreements:
        yield Text("Sources disagree: no conflicting values found.", style="dim")
        return
    table = Table(title=f"Where the sources disagree ({len(brief.disagreements)})", title_justify="left", expand=True)
    for column in ("about", "value", "as written", "sources"):
        table.add_column(column, overflow="fold", ratio=3 if column == "as written" else None)
    for item in brief.disagreements:
        for n, value in enumerate(item.values):
            table.add_row(item.about if n == 0 else "", value.value, value.text, cite(brief, value.sources),
                          end_section=n == len(item.values) - 1)
    yield table


def _terminal_timeline(brief: Brief) -> Iterator:
    if not brief.timeline:
        return
    table = Table(title="Timeline", title_justify="left", expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("event", ratio=1)
    table.add_column("sources", no_wrap=True, style="cyan")
    for entry in brief.timeline:
        table.add_row(entry.date, entry.text, cite(brief, entry.sources))
    yield table


def to_markdown(brief: Brief) -> str:
    """The brief as Markdown."""
    out = [f"# {brief.title or 'Brief'}", ""]
    out += [f"> {note}" for note in brief.notes] + ([""] if brief.notes else [])
    out += ["## Sources", "", "| # | outlet | title | published |", "|---|---|---|---|"]
    for number, a in enumerate(brief.articles, 1):
        out.append(f"| {number} | {_md(a.label)} | {_md(a.title or '—')} | {a.published or '—'} |")
    caveats = source_caveats(brief)
    out += [""] + [f"- _{_md(caveat)}_ {cite(brief, ids)}" for caveat, ids in caveats] + ([""] if caveats else [])
    out += ["## What happened", ""]
    out += [f"{s.text} {cite(brief, s.sources)}" for s in brief.summary]
    out += ["", "## Corroborated facts", ""]
    out += [f"- **{f.corroboration} outlets** {cite(brief, f.sources)}: {f.text}" for f in brief.facts] or ["_None._"]
    out += ["", "## Only one source reports", ""]
    for label, texts in unique_by_source(brief):
        out += [f"**{_md(label)}**", ""] + [f"- {t}" for t in texts] + [""]
    if brief.quotes:
        out += ["## Who said what", ""]
        for speaker, quotes in quotes_by_speaker(brief):
            out += [f"**{_md(speaker)}**", ""]
            for quote in quotes:
                out.append(f"- {quote.text} {cite(brief, quote.sources)}")
                out += [f"  - also: {v.text} {cite(brief, [v.source])}" for v in quote.variants if v.text != quote.text]
            out.append("")
    out += ["## Where the sources disagree", ""]
    for item in brief.disagreements:
        out.append(f"- **{_md(item.about)}**")
        out += [f"  - {_md(v.value)} {cite(brief, v.sources)}: {v.text}" for v in item.values]
    if not brief.disagreements:
        out.append("_No conflicting values found._")
    out.append("")
    if brief.timeline:
        out += ["## Timeline", "", "| date | event | sources |", "|---|---|---|"]
        out += [f"| {t.date} | {_md(t.text)} | {cite(brief, t.sources)} |" for t in brief.timeline]
        out.append("")
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
    environment.globals.update(cite=cite, unique_by_source=unique_by_source, quotes_by_speaker=quotes_by_speaker,
                               source_caveats=source_caveats)
    return environment


def to_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page; every article string is escaped."""
    return _environment().get_template("brief.html").render(brief=brief)
