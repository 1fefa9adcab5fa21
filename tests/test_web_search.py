"""Story search in the web app: words found in the story row, its articles' titles, or the names they mention,
on SQLite and (when NEWSWEAVE_TEST_POSTGRES_URL is set) PostgreSQL. Every text here is invented."""

from __future__ import annotations

from datetime import date
from typing import Iterator

import pytest
from builders import make_article
from fastapi.testclient import TestClient
from test_store import db_url, postgres_admin  # noqa: F401 (fixtures: a fresh database of each backend)

from newsweave.entities import name_key
from newsweave.settings import Settings
from newsweave.store import Store
from newsweave.web import create_app
from newsweave.web.search import stories_by_word
from newsweave.web.views import MAX_SEARCH_WORDS, StoryFilter, filter_stories

FERRY = make_article("The ferry to Inchholm was cancelled on Monday after a storm damaged the pier, the operator said. "
                     "Harbourmaster Oona Drummond said repairs would take a week.", "Island Times",
                     date(2025, 6, 2), "Storm shuts island ferry")
FERRY_2 = make_article("Islanders on Inchholm face a week without the ferry. Oona Drummond, the harbourmaster, "
                       "said divers were inspecting the piles 100% of the day.", "Coast Daily",
                       date(2025, 6, 3), "Divers inspect damaged pier")
BAKERY = make_article("A bakery in Millbrae won the regional bread prize on Saturday, beating forty rivals, its "
                      "owner Tomasz Wiśniewski said.", "Millbrae Post", date(2025, 6, 1), "Sourdough wins prize")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """Two stories: the ferry (two articles, story title from the first) and the bakery."""
    with Store(db_url) as opened:
        names = {FERRY.id: ["Inchholm", "Oona Drummond", "Island Times"], FERRY_2.id: ["Inchholm", "Oona Drummond"],
                 BAKERY.id: ["Millbrae", "Tomasz Wiśniewski"]}
        with opened.transaction() as tx:
            for article, story in ((FERRY, "ferry"), (FERRY_2, "ferry"), (BAKERY, "bakery")):
                tx.add_raw(f"raw-{article.id}", article.source, article.text.encode())
                tx.add_article(article, raw_sha256=f"raw-{article.id}", story_id=story, entities=[name_key(n) for n in names[article.id]])
        yield opened


def found(store: Store, q: str) -> list[str]:
    return [s.id for s in filter_stories(store, StoryFilter(q=q))[1]]


@pytest.mark.parametrize(("q", "stories"), [
    ("storm", ["ferry"]),                # the story's own title
    ("divers", ["ferry"]),               # only the second article's title
    ("DIVERS pier", ["ferry"]),          # every word, each found anywhere, any case
    ("drummond", ["ferry"]),             # a name mentioned: matched on its spelling-tolerant key
    ("Drumm", ["ferry"]),                # the start of a name
    ("wisniewski", ["bakery"]), ("Wiśniewski", ["bakery"]),
    ("rummond", []),                     # inside a name is not a name
    ("sourdough storm", []),             # words of two different stories
    ("100%", []), ("_", []),             # LIKE wildcards are searched for, not obeyed
    ("prize", ["bakery"]),
])
def test_search_finds_stories_by_article_titles_and_names(store, q, stories):
    assert sorted(found(store, q)) == stories


def test_search_words_are_bounded(store):
    words = StoryFilter(q=" ".join(["Inchholm"] * 3 + [f"w{n}" for n in range(40)])).words
    assert words == ["inchholm", *(f"w{n}" for n in range(MAX_SEARCH_WORDS - 1))]
    assert stories_by_word(store, words)["inchholm"] == {"ferry"}


def test_web_search_page_and_api_use_the_article_search(db_url, store):
    with TestClient(create_app(Settings(), db_url, create=False)) as client:
        assert [s["id"] for s in client.get("/api/stories", params={"q": "drummond divers"}).json()] == ["ferry"]
        page = client.get("/", params={"q": "tomasz"}).text
        assert 'href="/stories/bakery"' in page and 'href="/stories/ferry"' not in page
