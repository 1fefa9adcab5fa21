"""The four real scraped seed reports in ../shared/seeds (read at test time; none of their text is kept here)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from newsweave import read
from newsweave.cli import cli

from conftest import SEEDS, assert_nothing_lost

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not available")

WIRE = "002_b0525658358cb83f.txt"        # wire report: logo, timestamp, bullets, byline, dateline, credit, breakpoints
APPEAL = "003_9c41b288bf155c01.txt"      # donation appeals that name the outlet
DATELINED = "001_3667138600f4d2e1.txt"   # one long line of glued sentences opening "PLACE —"
PLAIN = "000_5d1b880a39f6638e.txt"       # clean paragraphs with one embedded link to another story
GLUED = re.compile(r"[a-z]\.[A-Z][a-z]")
DOCUMENTED_KEYS = {"id", "source", "outlet", "title", "byline", "dateline", "published", "language", "text",
                   "sentences", "removed", "warnings"}


@pytest.fixture(scope="module")
def seeds():
    result = read(str(SEEDS))
    assert result.problems == []
    return {article.source.rsplit("/", 1)[-1]: article for article in result.articles}


def raw_lines(name: str) -> list[str]:
    return [line.strip() for line in (SEEDS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def removed(article, reason: str) -> list[str]:
    return [r.text for r in article.removed if r.reason == reason]


def test_all_four_seeds_read(seeds):
    assert sorted(seeds) == sorted([WIRE, APPEAL, DATELINED, PLAIN])
    assert len({a.id for a in seeds.values()}) == 4


@pytest.mark.parametrize("name", [WIRE, APPEAL, DATELINED, PLAIN])
def test_every_seed_is_clean_segmented_english_and_loses_nothing(seeds, name):
    article = seeds[name]
    assert article.language == "en"
    assert len(article.sentences) >= 10
    for sentence in article.sentences:
        assert article.text[sentence.start:sentence.end] == sentence.text
        assert not GLUED.search(sentence.text), sentence.text
        assert not re.search(r"\b(?:Mr|Mrs|Ms|Dr|Jan|[A-Z])\.$", sentence.text), sentence.text
    assert not re.search("[\u201c\u201d\u2018\u2019`]", article.text)
    assert_nothing_lost((SEEDS / name).read_text(encoding="utf-8"), article)


def test_wire_seed_furniture_removed_with_reasons(seeds):
    article = seeds[WIRE]
    lines = raw_lines(WIRE)
    assert removed(article, "logo") == [lines[0]]
    assert len(removed(article, "timestamp")) == 1
    assert len(removed(article, "byline")) == 1
    assert len(removed(article, "dateline")) == 1
    assert len(removed(article, "wire-credit")) == 1 and removed(article, "wire-credit")[0].startswith("(Writing by")
    assert removed(article, "share-counter") == ["0 : 0"]
    breakpoints = [line for line in lines if re.fullmatch(r"\u2022 [a-z-]+", line)]
    assert len(breakpoints) >= 10
    assert removed(article, "css-breakpoint") == breakpoints
    assert removed(article, "highlights") == [line for line in lines if line.startswith("* ")]
    for junk in article.removed:
        assert junk.text not in article.text


def test_wire_seed_metadata(seeds):
    article = seeds[WIRE]
    lines = raw_lines(WIRE)
    assert article.title == lines[1]  # the headline right under the logo
    assert removed(article, "duplicate-headline") == [lines[1]]
    assert f"By {article.byline}" in lines
    assert article.dateline == "MOSCOW"
    assert article.outlet == "Reuters"
    assert article.published == date(2013, 1, 25)
    assert article.warnings == []
    assert not article.text.startswith("MOSCOW")


def test_appeal_seed(seeds):
    article = seeds[APPEAL]
    lines = raw_lines(APPEAL)
    appeals = removed(article, "appeal")
    assert lines[:5] == appeals[:5]  # the appeal block above the headline
    assert len(appeals) >= 9
    assert removed(article, "related-links") == [line for line in lines if line.rstrip(":") in ("Related articles",
                                                                                                 "Read more")]
    assert "Moscow Times" in article.outlet
    assert article.title == removed(article, "headline")[0]
    assert not any(a in article.text for a in appeals)


def test_datelined_seed(seeds):
    article = seeds[DATELINED]
    assert article.dateline == "MOSCOW"
    assert removed(article, "dateline") == ["MOSCOW \u2014"]
    assert len(raw_lines(DATELINED)) == 1 and len(article.sentences) >= 20  # one glued line, many sentences
    assert article.text.startswith("The ")


def test_plain_seed_keeps_its_body_and_drops_the_embedded_link(seeds):
    article = seeds[PLAIN]
    assert [r.reason for r in article.removed] == ["teaser"]
    assert len(article.paragraphs) == len(raw_lines(PLAIN)) - 1


def test_seed_ids_are_stable():
    first = {a.source: a.id for a in read(str(SEEDS)).articles}
    second = {a.source: a.id for a in read(sorted(str(p) for p in SEEDS.iterdir())).articles}
    assert first == second


def test_read_format_json_on_the_seeds(runner):
    result = runner.invoke(cli, ["read", "--format", "json", str(SEEDS)])
    assert result.exit_code == 0
    assert "Traceback" not in result.stdout + result.stderr
    articles = json.loads(result.stdout)
    assert len(articles) == 4
    for article in articles:
        assert DOCUMENTED_KEYS <= set(article)
        assert all({"text", "start", "end"} <= set(s) for s in article["sentences"])
        assert all(set(r) == {"text", "reason"} for r in article["removed"])
        assert isinstance(article["warnings"], list)
    wire = next(a for a in articles if a["source"].endswith(WIRE))
    assert (wire["outlet"], wire["dateline"], wire["published"]) == ("Reuters", "MOSCOW", "2013-01-25")
