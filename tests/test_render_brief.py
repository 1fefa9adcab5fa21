"""Brief renderers and the `brief` command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.models import ArticleRef, Brief, Fact, Quote, SummarySentence, Variant
from newsweave.render.brief import TerminalBrief, quotes_by_speaker, to_html, to_markdown

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "story"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture()
def hostile_brief() -> Brief:
    return Brief(
        title=HOSTILE, articles=[ArticleRef(id="a1", source="a.txt", outlet=HOSTILE, title=HOSTILE)],
        summary=[SummarySentence(text=HOSTILE, sources=["a1"])],
        facts=[Fact(text=HOSTILE, sources=["a1"], corroboration=1, variants=[Variant(text=HOSTILE, source="a1")])])


def test_html_escapes_every_article_string(hostile_brief: Brief) -> None:
    page = to_html(hostile_brief)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "<link" not in page and "src=\"http" not in page, "the page is self-contained"


def test_markdown_and_terminal_cite_sources(hostile_brief: Brief) -> None:
    assert "[1]" in to_markdown(hostile_brief)
    from rich.console import Console

    console = Console(record=True, width=100)
    console.print(TerminalBrief(hostile_brief))
    assert "[1]" in console.export_text()


def test_brief_command_json_and_html(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["brief", str(EXAMPLE), "--format", "json", "--words", "60"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] and len(data["articles"]) == 5
    assert sum(len(s["text"].split()) for s in data["summary"]) <= 60
    out = tmp_path / "brief.html"
    result = runner.invoke(cli, ["brief", str(EXAMPLE), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0 and "Corroborated facts" in out.read_text()


def test_brief_command_with_nothing_readable(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(cli, ["brief", str(empty)])
    assert result.exit_code == 1
    assert "empty" in result.output and "Traceback" not in result.output


def test_caveats_about_the_sources_are_shown_once_each_with_citations() -> None:
    inferred = "publication date unknown; inferred 2013-01-25 from the other articles"
    brief = Brief(articles=[ArticleRef(id="a", source="a.txt", outlet="Isle Post", published="2013-01-25"),
                            ArticleRef(id="b", source="b.txt", warnings=[inferred]),
                            ArticleRef(id="c", source="c.txt", warnings=[inferred, "not UTF-8: decoded as cp1252"])],
                  summary=[SummarySentence(text="The ferry was cancelled.", sources=["a", "b"])])
    from rich.console import Console

    console = Console(record=True, width=120)
    console.print(TerminalBrief(brief))
    for text in (console.export_text(), to_markdown(brief), to_html(brief)):
        assert text.count(inferred) == 1
        assert "[2, 3]" in text and "not UTF-8: decoded as cp1252" in text
    assert f"- _{inferred}_ [2, 3]" in to_markdown(brief)
    assert f'<li>{inferred} <span class="cite">[2, 3]</span></li>' in to_html(brief)


@pytest.mark.parametrize("output", ["no-such-folder/brief.md", "read-only/brief.md"])
def test_brief_output_that_cannot_be_written_is_refused_before_any_work(tmp_path: Path, output: str) -> None:
    (tmp_path / "read-only").mkdir(mode=0o555)
    if output.startswith("read-only") and os.access(tmp_path / "read-only", os.W_OK):
        pytest.skip("root writes into read-only folders")
    result = CliRunner().invoke(cli, ["brief", str(tmp_path / "gone.txt"), "-o", str(tmp_path / output)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    reason = "no such folder" if output.startswith("no-such") else "is read-only"
    assert f"cannot write {tmp_path / output}: " in result.stderr and reason in result.stderr
    assert "gone.txt" not in result.stderr, "refused before reading the inputs"


def test_quotes_grouped_by_named_then_described_then_unknown_speakers() -> None:
    quote = lambda text, speaker=None, role=None: Quote(text=text, speaker=speaker, role=role, sources=["a1"])  # noqa: E731
    brief = Brief(articles=[ArticleRef(id="a1", source="a.txt")], quotes=[
        quote("The gates stay shut.", role="port official"), quote("Nobody warned us."),
        quote("We will reopen on Monday.", "Ines Kolb", "harbour master"), quote("Fees will rise.", "Ines Kolb")])
    assert [(label, [q.text for q in quotes]) for label, quotes in quotes_by_speaker(brief)] == [
        ("Ines Kolb, harbour master", ["We will reopen on Monday."]), ("Ines Kolb", ["Fees will rise."]),
        ("port official (not named)", ["The gates stay shut."]), ("Speaker not stated", ["Nobody warned us."])]
    assert "port official (not named)" in to_markdown(brief)
