"""The story brief on the bundled example, the seeds, and awkward inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsweave
from newsweave.errors import UsageError
from newsweave.models import Brief
from builders import make_article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "story"
SEEDS = ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside this checkout")

@pytest.fixture(scope="module")
def example_brief() -> Brief:
    return newsweave.brief(newsweave.read([str(EXAMPLE)]))


@pytest.fixture(scope="module")
def seed_brief() -> Brief:
    return newsweave.brief(newsweave.read([str(SEEDS)]))


def test_example_brief_covers_every_source(example_brief: Brief) -> None:
    ids = {a.id for a in example_brief.articles}
    assert len(ids) == 5
    assert example_brief.excluded == []
    for part in (example_brief.summary, example_brief.facts):
        for item in part:
            assert set(item.sources) <= ids and item.sources


def test_example_summary_opens_with_the_event_and_respects_budget(example_brief: Brief) -> None:
    first = example_brief.summary[0].text.lower()
    assert "strike" in first and ("end" in first or "deal" in first)
    words = sum(len(s.text.split()) for s in example_brief.summary)
    assert words <= 120
    assert len(example_brief.summary[0].sources) >= 3


def test_example_facts_are_corroborated_and_ordered(example_brief: Brief) -> None:
    facts = example_brief.facts
    assert facts and facts[0].corroboration >= 4
    assert [f.corroboration for f in facts] == sorted((f.corroboration for f in facts), reverse=True)
    for fact in facts:
        assert fact.corroboration >= 2
        assert {v.source for v in fact.variants} == set(fact.sources)


def test_example_unique_fact_of_one_outlet(example_brief: Brief) -> None:
    meridian = next(a for a in example_brief.articles if a.outlet == "The Daily Meridian")
    texts = [u.text for u in example_brief.unique if u.source == meridian.id]
    assert any("2016" in t for t in texts), "the 2016 strike is only in The Daily Meridian"


def test_example_entities_merge_name_variants(example_brief: Brief) -> None:
    people = {e.name: e for e in example_brief.entities if e.type == "PERSON"}
    okafor = next(e for e in people.values() if "Okafor" in e.name)
    assert any("Yousef" in alias or "Yusuf" in alias for alias in okafor.aliases + [okafor.name])
    assert len([n for n in people if "Okafor" in n]) == 1
    varga = next(e for e in people.values() if "Varga" in e.name)
    assert len(varga.sources) >= 3 and varga.role


def test_example_companies_and_agencies_are_not_people(example_brief: Brief) -> None:
    """The small model reads "Saltmere Terminals" (a terminal operator) and "Harbour Wire" (a news agency) as
    people; the last word of the name says otherwise."""
    types = {e.name: e.type for e in example_brief.entities}
    assert types.get("Saltmere Terminals") == "ORG" and types.get("Harbour Wire") == "ORG"
    assert {e.type for e in example_brief.entities if "Okafor" in e.name} == {"PERSON"}


def test_brief_json_follows_the_documented_schema(example_brief: Brief) -> None:
    data = json.loads(example_brief.model_dump_json())
    for key in ("schema_version", "title", "articles", "summary", "facts", "unique", "entities",
                "quotes", "disagreements", "timeline", "stats"):
        assert key in data
    assert set(data["articles"][0]) >= {"id", "source", "outlet", "title", "published"}
    assert set(data["facts"][0]) >= {"text", "sources", "variants"}
    assert set(data["entities"][0]) >= {"name", "type", "aliases", "role", "sources", "mentions"}
    assert data["stats"]["embed_s"] >= 0
    Brief.model_validate(data)


def test_single_article_is_briefed_plainly() -> None:
    article = make_article("The river burst its banks on Monday. Hundreds of homes were flooded in the valley. "
                           "Rescue teams worked through the night.", "Riverside Post")
    result = newsweave.brief([article])
    assert result.facts == []
    assert any("one source" in note.lower() for note in result.notes)
    assert result.summary and result.summary[0].sources == [article.id]


def test_duplicate_articles_count_once() -> None:
    article = make_article("The council approved the new bridge on Tuesday after a long debate.", "Town Crier")
    result = newsweave.brief([article, article])
    assert len(result.articles) == 1


def test_empty_input_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        newsweave.brief([])


def test_article_about_another_event_is_left_out(example_brief: Brief) -> None:
    stray = make_article(
        "The national football team beat its rivals 3-1 in a friendly match on Sunday evening. "
        "The striker scored twice in the second half before a crowd of forty thousand. "
        "The coach praised the young defenders and said the team was ready for the tournament.",
        "Sports Desk")
    story = newsweave.read([str(EXAMPLE)]).articles
    result = newsweave.brief(story + [stray])
    assert [e.id for e in result.excluded] == [stray.id]
    assert all(stray.id not in f.sources for f in result.facts)


@needs_seeds
def test_seed_brief_says_what_happened_first(seed_brief: Brief) -> None:
    first = seed_brief.summary[0].text.lower()
    assert ("withdraw" in first or "quit" in first) and "civil society" in first


@needs_seeds
def test_seed_core_fact_is_backed_by_all_four_reports(seed_brief: Brief) -> None:
    assert seed_brief.facts[0].corroboration == 4
    text = " ".join(v.text for v in seed_brief.facts[0].variants).lower()
    assert "quit" in text and "withdraw" in text


@needs_seeds
def test_seed_names_are_merged(seed_brief: Brief) -> None:
    people = {e.name: e for e in seed_brief.entities if e.type == "PERSON"}
    putin = [e for e in people.values() if "Putin" in e.name]
    assert len(putin) == 1 and len(putin[0].sources) >= 3
    peskov = [e for e in people.values() if "Peskov" in e.name]
    assert len(peskov) == 1 and any("Dmitr" in n for n in [peskov[0].name, *peskov[0].aliases])
    melia = next(e for e in people.values() if "Melia" in e.name)
    assert melia.role and "secretary" in melia.role.lower()
    assert not [e for e in seed_brief.entities if e.type != "PERSON" and e.name == "Melia"]


@needs_seeds
def test_seed_unique_facts_per_source(seed_brief: Brief) -> None:
    by_source = {a.id: [u.text for u in seed_brief.unique if u.source == a.id] for a in seed_brief.articles}
    assert all(by_source.values()), "each seed report adds something of its own"
    assert any("Rojansky" in t for texts in by_source.values() for t in texts)


def test_organisations_the_model_cuts_in_two_are_one() -> None:
    from newsweave.entities import extract_entities
    from newsweave.nlp import parse

    article = make_article("Millbrook ejected the Vestrian Agency for International Development last year. Ines Kolb, "
                           "of the Bureau of Ports, Harbours and Labor, signed it. The Deputy Secretary of State "
                           "for Ports, Tom Reyes, was there, as were the Port Authority and the Coast Guard.",
                           "Larkhill Courier")
    organisations = {e.name for e in extract_entities([article], parse([article.text])) if e.type == "ORG"}
    assert {"Vestrian Agency for International Development", "Bureau of Ports, Harbours and Labor"} <= organisations
    assert not {"International Development", "Labor", "State"} & organisations
    assert not any(" and the " in name for name in organisations), "two organisations stay two"
