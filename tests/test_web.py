"""The web app and HTTP API, in process (FastAPI TestClient): pages, JSON, errors, limits, escaping.

The corpus is the example story plus a hostile article (web_helpers.py), ingested with the fast fakes of
corpus_fakes.py; the stored briefs are written by hand from the stored sentences, so no model is loaded except by
the few tests that brief new articles (marked in their names: `*_makes_a_brief`).
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_helpers import EXAMPLE, XSS_IMG, XSS_SCRIPT, build_corpus, story_of

from newsweave.cli import cli
from newsweave.models import (Article, ArticleRef, Brief, Disagreement, DisagreementValue, Entity, Fact, Quote,
                              Sentence, Span, SummarySentence, TimelineEntry, UniqueFact, Variant)
from newsweave.settings import Settings
from newsweave.store import Store
from newsweave.web import WebSettings, create_app
from newsweave.web.evidence import best_match, similarity, source_matrix, supporting_sentences
from newsweave.web.inputs import split_pasted, upload_name
from newsweave.web.views import StoryFilter, reading_order, valid_id


def _brief_from(articles) -> Brief:
    """A full brief of the stored example story, built by hand from its stored sentences."""
    first = [a.article.sentences[0].text for a in articles]
    second = [a.article.sentences[1].text for a in articles]
    ids = [a.id for a in articles]
    return Brief(
        title=articles[0].article.title,
        articles=[ArticleRef(id=a.id, source=a.article.source, outlet=a.article.outlet, title=a.article.title,
                             published=a.article.published) for a in articles],
        summary=[SummarySentence(text=first[0], sources=ids),
                 SummarySentence(text="Work resumes at the port on Saturday.", sources=ids[:2])],
        facts=[Fact(text=first[0], sources=ids[:4], corroboration=4,
                    variants=[Variant(text=t, source=i) for t, i in zip(first[:4], ids[:4])]),
               Fact(text=second[0], sources=ids[:2], corroboration=2,
                    variants=[Variant(text=t, source=i) for t, i in zip(second[:2], ids[:2])])],
        unique=[UniqueFact(source=ids[1], text=second[1])],
        entities=[Entity(name="Yusuf Okafor", type="PERSON", aliases=["Yousef Okafor"], role="union leader",
                         sources=ids, mentions=6),
                  Entity(name="Saltmere Terminals", type="ORG", sources=ids[:3], mentions=4),
                  Entity(name="Portvale", type="GPE", sources=ids, mentions=9)],
        quotes=[Quote(text="We held the line, and the line held.", speaker="Dana Prell", role="union spokeswoman",
                      sources=[ids[0], ids[3]], variants=[Variant(text="We held the line, and the line held.", source=ids[0]),
                                                          Variant(text="We held the line and the line held", source=ids[3])])],
        disagreements=[Disagreement(about="workers on strike", values=[
            DisagreementValue(value="1,200", text="which represents 1,200 workers at the port", sources=[ids[0], ids[1]]),
            DisagreementValue(value="about 1,500", text="about 1,500 workers are due back", sources=[ids[2]])])],
        timeline=[TimelineEntry(date="2025-03-02", text="The strike begins.", sources=[ids[0], ids[3]]),
                  TimelineEntry(date="2025-03-20", text="Members vote on the deal.", sources=ids)])


def _hostile_brief(stored) -> Brief:
    article = stored.article
    return Brief(title=article.title, articles=[ArticleRef(id=article.id, source=article.source, outlet=article.outlet,
                                                           title=article.title)],
                 summary=[SummarySentence(text=s.text, sources=[article.id]) for s in article.sentences[:3]],
                 unique=[UniqueFact(source=article.id, text=XSS_SCRIPT + XSS_IMG)],
                 quotes=[Quote(text=XSS_IMG, speaker=XSS_SCRIPT, sources=[article.id],
                               variants=[Variant(text=XSS_SCRIPT, source=article.id)])],
                 disagreements=[Disagreement(about=XSS_IMG, values=[DisagreementValue(value=XSS_SCRIPT, text=XSS_IMG,
                                                                                      sources=[article.id])])],
                 entities=[Entity(name=XSS_IMG, type="PERSON", role=XSS_SCRIPT, sources=[article.id])],
                 notes=[XSS_SCRIPT])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    """The corpus database, with hand-made briefs cached for both stories."""
    folder = tmp_path_factory.mktemp("web")
    db, report = build_corpus(folder, fakes=True)
    assert report.new == 6, report.summary()
    with Store(db) as store:
        strike, festival = story_of(store, "Portvale"), story_of(store, "Lantern")
        strike_articles = store.articles(strike.id)
        festival_article = store.articles(festival.id)[0]
        with store.transaction() as tx:
            assert tx.save_brief(strike.id, strike.version, _brief_from(strike_articles))
            assert tx.save_brief(festival.id, festival.version, _hostile_brief(festival_article))
    return {"db": db, "strike": strike, "festival": festival, "articles": strike_articles,
            "hostile": festival_article}


@pytest.fixture(scope="module")
def client(corpus) -> TestClient:
    with TestClient(create_app(Settings(), corpus["db"], create=False)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def fast_brief():
    """Briefs of new articles with the bag-of-words test encoder instead of the MiniLM model."""
    from corpus_fakes import HashEncoder

    brief_module = importlib.import_module("newsweave.brief")  # `newsweave.brief` the attribute is the function

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(brief_module, "default_encoder", lambda: HashEncoder())
        yield


def _error(response, status: int) -> str:
    assert response.status_code == status, response.text[:500]
    data = response.json()
    assert set(data) >= {"error"} and isinstance(data["error"], str) and data["error"]
    assert "Traceback" not in response.text
    return data["error"]


# ── pure helpers ─────────────────────────────────────────────────────────────────────────────────────────────

def test_similarity_and_best_match() -> None:
    assert similarity("The port reopens on Saturday.", "On Saturday the port reopens") > 0.9
    assert similarity("The port reopens on Saturday.", "Lanterns drifted down the canal.") == 0
    assert best_match("a b c", ["x y", "a b c"]) == ("a b c", 1.0)
    assert best_match("anything", []) == (None, 0.0)


def _article(id_: str, sentences: list[str], outlet: str) -> Article:
    text = " ".join(sentences)
    spans, start = [], 0
    for s in sentences:
        spans.append(Sentence(text=s, start=start, end=start + len(s)))
        start += len(s) + 1
    return Article(id=id_, source=f"{id_}.txt", outlet=outlet, text=text, sentences=spans,
                   paragraphs=[Span(text=text, start=0, end=len(text))])


def test_supporting_sentences_prefer_the_fact_variant_then_the_closest_sentence() -> None:
    a = _article("a", ["The bridge will reopen in May after repairs.", "Traffic was diverted."], "A")
    b = _article("b", ["Officials said traffic had been diverted for weeks.", "Repairs end in May and the bridge reopens."], "B")
    c = _article("c", ["Something else entirely."], "C")
    brief = Brief(articles=[ArticleRef(id=x.id, source=x.source, outlet=x.outlet) for x in (a, b, c)],
                  summary=[SummarySentence(text=a.sentences[0].text, sources=["b", "a", "c", "zz"])],
                  facts=[Fact(text=a.sentences[0].text, sources=["a", "b"], corroboration=2,
                              variants=[Variant(text=a.sentences[0].text, source="a"),
                                        Variant(text=b.sentences[1].text, source="b")])])
    support = supporting_sentences(brief, {x.id: x for x in (a, b)})[0]
    assert [s.source.number for s in support] == [1, 2, 3], "citation order; unknown ids left out"
    assert support[0].sentence == a.sentences[0].text and support[0].exact
    assert support[1].sentence == b.sentences[1].text, "the fact's variant of that source"
    assert support[2].sentence is None, "no article and no variant: nothing to show"
    # without the fact, the closest sentence of the article wins
    brief.facts = []
    support = supporting_sentences(brief, {x.id: x for x in (a, b, c)})[0]
    assert support[1].sentence == b.sentences[1].text and support[2].sentence == c.sentences[0].text


def test_source_matrix_marks_silent_sources() -> None:
    brief = Brief(articles=[ArticleRef(id=i, source=f"{i}.txt", outlet=i.upper()) for i in "abc"],
                  facts=[Fact(text="x happened", sources=["a", "c"], corroboration=2,
                              variants=[Variant(text="x happened", source="a"), Variant(text="x did happen", source="c")])])
    matrix = source_matrix(brief)
    assert [s.label for s in matrix.sources] == ["A", "B", "C"]
    assert matrix.rows[0].cells == ["x happened", None, "x did happen"]
    assert [matrix.stated(i) for i in range(3)] == [1, 0, 1]


def test_reading_order_puts_removed_lines_back_where_they_were() -> None:
    from newsweave.models import RemovedLine

    article = Article(id="a", source="a.txt", text="First paragraph here.\n\nSecond paragraph there.",
                      paragraphs=[Span(text="First paragraph here.", start=0, end=21),
                                  Span(text="Second paragraph there.", start=23, end=46)],
                      removed=[RemovedLine(text="Share this", reason="share-counter"),
                               RemovedLine(text="Site logo", reason="logo"),
                               RemovedLine(text="never in the raw", reason="appeal")])
    raw = "Site logo\nFirst paragraph here.\nShare this\nSecond paragraph there.\n"
    blocks = reading_order(article, raw)
    assert [(b.text, b.reason) for b in blocks] == [
        ("never in the raw", "appeal"), ("Site logo", "logo"), ("First paragraph here.", None),
        ("Share this", "share-counter"), ("Second paragraph there.", None)]
    assert [b.removed for b in reading_order(article, None)] == [True, True, True, False, False]


def test_ids_names_and_pasted_texts() -> None:
    assert valid_id("s0001") and valid_id("9ee22f620e734c65") and valid_id("a-b_c")
    for bad in ("", "..", "../etc", "a/b", "a b", "x" * 65, "-x", "a%2fb", "a\x00"):
        assert not valid_id(bad), bad
    assert upload_name("../../etc/passwd", 1) == "passwd"
    assert upload_name("C:\\evil\\..\\a b.txt", 2) == "a b.txt"
    assert upload_name("Новости\t\x00дня.txt", 3) == "Новости дня.txt"
    assert upload_name("", 4) == upload_name("dir/", 4) == "file-4"
    assert split_pasted("one\n---\ntwo\n  -----  \nthree\n---\n") == ["one", "two", "three"]


def test_story_filter_matches_words_outlet_and_dates(corpus) -> None:
    strike = corpus["strike"]
    from datetime import date

    assert StoryFilter(q="portvale STRIKE").matches(strike)
    assert not StoryFilter(q="portvale lantern").matches(strike)
    assert StoryFilter(outlet="harbour wire").matches(strike)
    assert StoryFilter(date_from=date(2025, 3, 15), date_to=date(2025, 3, 15)).matches(strike)
    assert not StoryFilter(date_from=date(2025, 3, 16)).matches(strike)
    assert not StoryFilter(date_to=date(2025, 3, 13)).matches(strike)


# ── pages ────────────────────────────────────────────────────────────────────────────────────────────────────

def test_stories_page_lists_and_filters(client, corpus) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<html lang="en">' in html and 'class="skip" href="#main"' in html and 'id="main"' in html
    assert f'href="/stories/{corpus["strike"].id}"' in html and "5 articles" in html
    assert "Harbour Wire" in html and "2025-03-14 – 2025-03-15" in html
    assert '<label for="q">' in html and '<label for="outlet">' in html
    only = client.get("/", params={"q": "dockworkers"}).text
    assert corpus["strike"].id in only and corpus["festival"].id not in only and "1 of 2 stories match" in only
    assert corpus["festival"].id not in client.get("/", params={"outlet": "Coastline News"}).text
    dated = client.get("/", params={"from": "2025-04-01", "to": "2025-04-30"}).text
    assert corpus["festival"].id in dated and f'/stories/{corpus["strike"].id}"' not in dated
    assert "No story matches" in client.get("/", params={"q": "zebra"}).text
    bad = client.get("/", params={"from": "14/03/2025"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text


def test_story_page_shows_the_whole_brief(client, corpus) -> None:
    response = client.get(f"/stories/{corpus['strike'].id}")
    assert response.status_code == 200
    html = response.text
    for heading in ("What happened", "Who states what", "Where the sources disagree", "Who said what", "Timeline",
                    "People &amp; organisations", "Sources", "Only one source reports"):
        assert heading in html, heading
    articles = corpus["articles"]
    # each citation of the first summary sentence carries its source's own sentence
    tips = re.findall(r'id="sup-0-(\d)"><span class="tip-source">\[\d\] ([^<]+)</span><q>([^<]*)</q>', html)
    assert len(tips) == 5
    for number, label, sentence in tips:
        stored = articles[int(number) - 1].article
        assert label == stored.label.replace("'", "&#39;")
        assert sentence.replace("&#39;", "'").replace("&#34;", '"') in [s.text for s in stored.sentences]
    assert 'aria-describedby="sup-0-1"' in html
    # matrix: 2 facts × 5 sources, the second fact stated by two, the rest silent
    assert html.count('class="yes"') == 6 and html.count('class="no"') == 4 and "2 / 2" in html
    assert "about 1,500" in html and "1,200" in html
    assert "Dana Prell, union spokeswoman" in html and "2 renderings across sources" in html
    assert "2025-03-02" in html and "Members vote on the deal." in html
    assert "Yusuf Okafor" in html and "also written: Yousef Okafor" in html and "Places:" in html
    assert f'href="/articles/{articles[0].id}"' in html


def test_story_page_and_brief_are_cached_per_story_version(client, corpus) -> None:
    first = client.get(f"/api/stories/{corpus['strike'].id}/brief")
    assert first.status_code == 200 and first.headers["content-type"] == "application/json"
    brief = Brief.model_validate_json(first.content)
    assert brief.schema_version == "1.0" and len(brief.articles) == 5
    assert client.get(f"/api/stories/{corpus['strike'].id}/brief").content == first.content
    service = client.app.state.service
    assert service.pages.get(("brief", corpus["strike"].id, corpus["strike"].version, "")) == first.content


def test_article_page_shows_text_removed_lines_and_metadata(client, corpus) -> None:
    stored = corpus["articles"][0]
    html = client.get(f"/articles/{stored.id}").text
    assert "Harbour Wire" in html and "Lena Marrow" in html and "2025-03-14" in html
    assert 'id="show-removed"' in html and '<label for="show-removed">' in html
    removed = re.findall(r'<p class="removed"><span class="reason">([^<]+)</span>', html)
    assert len(removed) == len(stored.article.removed) and "logo" in removed and "css-breakpoint" in removed
    # the logo line came first in the scraped page, the CSS breakpoint names after the body
    body = html.index(stored.article.paragraphs[0].text[:40].replace("'", "&#39;"))
    assert html.index("Harbour Wire logo") < body < html.rindex('<span class="reason">css-breakpoint</span>')
    assert f'href="/stories/{corpus["strike"].id}"' in html


def test_api_stories_story_and_article(client, corpus) -> None:
    stories = client.get("/api/stories").json()
    assert [s["id"] for s in stories] == [corpus["strike"].id, corpus["festival"].id]
    assert set(stories[0]) == {"id", "title", "size", "outlets", "first_date", "last_date", "version"}
    assert [s["id"] for s in client.get("/api/stories", params={"q": "lantern"}).json()] == [corpus["festival"].id]
    assert "YYYY-MM-DD" in _error(client.get("/api/stories", params={"to": "soon"}), 422)
    story = client.get(f"/api/stories/{corpus['strike'].id}").json()
    assert story["size"] == 5 and len(story["articles"]) == 5 and story["articles"][0]["outlet"] == "Harbour Wire"
    article = client.get(f"/api/articles/{corpus['articles'][0].id}").json()
    assert article["id"] == corpus["articles"][0].id and article["story_id"] == corpus["strike"].id
    assert {"text", "sentences", "removed", "copy_of", "junk_reason"} <= set(article)


@pytest.mark.parametrize("path, status", [
    ("/api/stories/nope", 404), ("/api/stories/nope/brief", 404), ("/api/articles/0000000000000000", 404),
    ("/api/stories/a%20b/brief", 422), ("/api/articles/" + "x" * 65, 422), ("/api/stories/..%2F..%2Fetc", 404),
    ("/api/nothing-here", 404), ("/api/stories/..", 404), ("/api/articles/%2e%2e", 422),
])
def test_api_errors_are_json_with_the_right_status(client, path: str, status: int) -> None:
    message = _error(client.get(path), status)
    assert "/etc" not in message or status == 404


@pytest.mark.parametrize("path", ["/static/../pyproject.toml", "/static/..%2F..%2Fpyproject.toml",
                                  "/static/%2e%2e/%2e%2e/store.py", "/articles/..%2F..%2Fpyproject.toml",
                                  "/stories/%2e%2e%2fcli.py"])
def test_no_path_traversal(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (404, 422)
    assert "[build-system]" not in response.text and "import click" not in response.text and "Store" not in response.text


def test_html_errors_are_pages(client) -> None:
    response = client.get("/stories/nope")
    assert response.status_code == 404 and "<h1>Not found</h1>" in response.text and "no story" in response.text
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/articles/bad%20id").status_code == 422


def test_static_files_and_security_headers(client) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    assert client.get("/static/app.js").status_code == 200
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def test_openapi_describes_the_api(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/brief", "/api/articles/{article_id}",
                 "/api/brief", "/api/ingest"):
        assert path in spec["paths"], path
    assert "Brief" in spec["components"]["schemas"] and "SummarySentence" in spec["components"]["schemas"]
    assert "multipart/form-data" in spec["paths"]["/api/brief"]["post"]["requestBody"]["content"]
    assert "/" not in spec["paths"], "pages are not part of the API"


# ── escaping ─────────────────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("page", ["/", "story", "article", "/?q=lantern"])
def test_article_strings_are_escaped_everywhere(client, corpus, page: str) -> None:
    path = {"story": f"/stories/{corpus['festival'].id}", "article": f"/articles/{corpus['hostile'].id}"}.get(page, page)
    html = client.get(path).text
    assert "Lantern festival" in html
    for raw in ("<script>window", "<img src=x", "<svg onload", "<b onmouseover"):
        assert raw not in html, raw
    assert "&lt;img src=x onerror=" in html
    assert html.count("<script") == 1, "only the app's own script tag"


def test_article_page_never_links_a_javascript_url(client, corpus) -> None:
    html = client.get(f"/articles/{corpus['hostile'].id}").text
    assert 'href="javascript' not in html.lower() and "javascript:window.__xss=1" in html


# ── writes and new briefs ────────────────────────────────────────────────────────────────────────────────────

def test_api_brief_from_texts_makes_a_brief(client, fast_brief) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt"))]
    response = client.post("/api/brief", json={"texts": texts, "words": 60})
    assert response.status_code == 200, response.text[:500]
    brief = Brief.model_validate_json(response.content)
    assert len(brief.articles) == 3 and [a.source for a in brief.articles] == ["pasted-1.txt", "pasted-2.txt", "pasted-3.txt"]
    assert brief.summary and sum(len(s.text.split()) for s in brief.summary) <= 60
    assert client.get("/api/stories").json()[0]["size"] == 5, "nothing was stored"


def test_api_brief_from_files_makes_a_brief(client, fast_brief) -> None:
    files = [("files", (p.name, p.read_bytes())) for p in sorted(EXAMPLE.iterdir())]
    response = client.post("/api/brief", files=files)
    assert response.status_code == 200, response.text[:500]
    brief = Brief.model_validate_json(response.content)
    assert [a.source for a in brief.articles] == [p.name for p in sorted(EXAMPLE.iterdir())]
    assert {a.outlet for a in brief.articles} >= {"Harbour Wire", "Coastline News", "The Portvale Record"}


def test_new_story_form_makes_a_brief(client, fast_brief) -> None:
    text = (EXAMPLE / "01_harbourwire.txt").read_text(encoding="utf-8")
    other = (EXAMPLE / "02_the_daily_meridian.txt").read_text(encoding="utf-8")
    response = client.post("/new", data={"text": [text + "\n---\n" + other, ""], "urls": "", "words": ""},
                           files=[("files", ("", b""))])
    assert response.status_code == 200, response.text[:2000]
    assert "is not stored" in response.text and "What happened" in response.text
    assert 'class="cite"' in response.text and "Harbour Wire" in response.text


def test_new_story_form_makes_a_brief_that_says_which_dates_were_inferred(client, fast_brief) -> None:
    dated = ("Ferry cancelled after storm\n\nJan. 25, 2013\n\nThe ferry to Inchholm was cancelled on Friday after a "
             "storm damaged the pier, the operator said. Harbourmaster Oona Drummond said repairs would take a week.")
    undated = ("Islanders on Inchholm face a week without the ferry after a storm damaged the pier on Friday. "
               "Oona Drummond, the harbourmaster, said repairs would take a week.")
    response = client.post("/new", data={"text": [dated, undated]})
    assert response.status_code == 200, response.text[:2000]
    caveats = re.search(r'<ul class="warnings" aria-label="Caveats about the sources">(.*?)</ul>', response.text, re.S)
    assert caveats and "publication date unknown; inferred 2013-01-25 from the other articles" in caveats[1]
    assert "[2]" in caveats[1] and "[1]" not in caveats[1]


def test_new_story_form_errors_keep_the_form(client) -> None:
    response = client.post("/new", data={"text": ["  "], "urls": ""})
    assert response.status_code == 422 and "nothing to read" in response.text and 'id="new-story"' in response.text
    response = client.post("/new", data={"text": ["x"], "urls": "ftp://example.org/a"})
    assert response.status_code == 422 and "not an http(s) URL" in response.text and "ftp://example.org/a" in response.text


def test_new_story_page_is_accessible(client) -> None:
    html = client.get("/new").text
    for field in ("text-1", "text-2", "text-3", "files", "urls", "words"):
        assert f'<label for="{field}">' in html and f'id="{field}"' in html, field
    assert 'enctype="multipart/form-data"' in html and 'id="add-article" hidden' in html
    assert 'role="status"' in html and 'aria-current="page"' in html


@pytest.mark.parametrize("body, status, words", [
    ({}, 422, "nothing to read"), ({"texts": ["   "]}, 422, "nothing to read"),
    ({"texts": "one"}, 422, "texts"), ({"colour": "red", "texts": ["a"]}, 422, "colour"),
    ({"texts": ["a"], "words": 5}, 422, "words"), ({"urls": ["file:///etc/passwd"]}, 422, "not an http(s) URL"),
    ({"texts": ["x"] * 21}, 413, "at most 20"), ("[1, 2", 400, "malformed JSON"), (7, 422, "JSON body"),
])
def test_api_brief_bad_input(client, body, status: int, words: str) -> None:
    content = body if isinstance(body, str) else json.dumps(body)
    message = _error(client.post("/api/brief", content=content, headers={"content-type": "application/json"}), status)
    assert words in message


def test_api_brief_unreadable_input_names_the_reasons(client) -> None:
    response = client.post("/api/brief", files=[("files", ("blob.bin", bytes(range(256)) * 20))])
    assert "no article could be read" in _error(response, 422)
    assert response.json()["problems"][0]["source"] == "blob.bin"


def test_api_brief_unsupported_content_type(client) -> None:
    assert "multipart/form-data" in _error(client.post("/api/brief", content="hello",
                                                       headers={"content-type": "text/plain"}), 415)


def test_url_fetching_keeps_the_private_address_guard(client, http_server) -> None:
    base = http_server({"/a": (200, {"Content-Type": "text/html"}, "<html><body><p>secret intranet page</p></body></html>")})
    response = client.post("/api/brief", json={"urls": [f"{base}/a"]})
    message = _error(response, 422)
    assert "no article could be read" in message
    assert "private" in response.json()["problems"][0]["reason"]
    assert http_server.requests == [], "the private address was never fetched"


def test_upload_limits_give_413(corpus) -> None:
    web = WebSettings(max_items=3, max_item_bytes=2_000, max_request_bytes=50_000)
    with TestClient(create_app(Settings(), corpus["db"], web=web, create=False)) as small:
        too_many = [("files", (f"{n}.txt", b"word " * 10)) for n in range(4)]
        assert "too many files" in _error(small.post("/api/brief", files=too_many), 413)
        assert "above 2000 bytes" in _error(small.post("/api/brief", files=[("files", ("big.txt", b"w" * 2_001))]), 413)
        assert "at most 2000 bytes" in _error(small.post("/api/brief", json={"texts": ["w" * 2_001]}), 413)
        assert "limit" in _error(small.post("/api/ingest", json={"texts": ["w" * 60_000]}), 413)
        assert "4 articles" in _error(small.post("/api/brief", json={"texts": ["a", "b"], "urls": ["http://a.example/", "http://b.example/"]}), 413)
        form = small.post("/new", files=too_many)
        assert form.status_code == 413 and "too many files" in form.text and 'id="new-story"' in form.text

        def chunks():  # no Content-Length: the limit still holds while the body streams in
            for _ in range(30):
                yield b"x" * 2_000

        assert "limit" in _error(small.post("/api/brief", content=chunks(), headers={"content-type": "application/json"}), 413)


def test_cross_site_posts_are_refused(client) -> None:
    response = client.post("/api/ingest", json={"texts": ["x"]}, headers={"origin": "http://evil.example"})
    assert "cross-site" in _error(response, 403)
    response = client.post("/new", data={"text": ["x"]}, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


def test_allowed_hosts_guard_against_dns_rebinding(corpus) -> None:
    app = create_app(Settings(), corpus["db"], web=WebSettings(allowed_hosts=("127.0.0.1", "localhost")), create=False)
    with TestClient(app, base_url="http://localhost:8000") as local:
        assert local.get("/api/stories").status_code == 200
    with TestClient(app, base_url="http://attacker.example") as remote:
        assert "not served here" in _error(remote.get("/api/stories"), 400)


def test_busy_brief_slots_give_503(corpus) -> None:
    from newsweave.web.service import Busy

    app = create_app(Settings(), corpus["db"], web=WebSettings(max_concurrent_briefs=1, brief_wait=0.05), create=False)
    service = app.state.service
    with TestClient(app) as busy, service.slot():
        with pytest.raises(Busy):
            with service.slot():
                pass
        response = busy.post("/api/brief", json={"texts": ["A report of some length about a town council vote."]})
        assert "busy" in _error(response, 503) and response.headers["retry-after"] == "30"


def test_unexpected_errors_are_500_json_without_traceback(corpus, monkeypatch) -> None:
    app = create_app(Settings(), corpus["db"], create=False)
    monkeypatch.setattr(app.state.service.store, "stories", lambda: 1 / 0)
    with TestClient(app, raise_server_exceptions=False) as broken:
        message = _error(broken.get("/api/stories"), 500)
        assert "internal error" in message and "ZeroDivision" not in message
        page = broken.get("/")
        assert page.status_code == 500 and "Traceback" not in page.text and "Server error" in page.text


def test_api_ingest_stores_records_and_files(tmp_path, monkeypatch) -> None:
    from corpus_fakes import install

    install(monkeypatch)
    with TestClient(create_app(Settings(), tmp_path / "new.db")) as fresh:
        assert fresh.get("/api/stories").json() == []
        records = [{"title": "Bridge to reopen", "outlet": "Valley Post", "published": "2025-05-01",
                    "text": "The town council of Bridgeford voted on Monday to rebuild the old stone bridge over the "
                            "river Wend, which has been closed to traffic since floods damaged its piers last winter."}]
        report = fresh.post("/api/ingest", json=records)
        assert report.status_code == 200, report.text
        assert report.json()["new"] == 1 and len(report.json()["stories"]) == 1
        assert fresh.post("/api/ingest", json={"articles": records}).json()["duplicate"] == 1
        upload = fresh.post("/api/ingest", files=[("files", ("02.txt", (EXAMPLE / "02_the_daily_meridian.txt").read_bytes()))])
        assert upload.json()["new"] == 1
        stories = fresh.get("/api/stories").json()
        assert sum(s["size"] for s in stories) == 2 and "Valley Post" in {o for s in stories for o in s["outlets"]}
        failed = fresh.post("/api/ingest", files=[("files", ("empty.txt", b"   "))])
        assert "no article could be read" in _error(failed, 422) and failed.json()["report"]["failed"] == 1


def test_uploads_keep_their_own_names_and_no_server_path_leaks(tmp_path, monkeypatch) -> None:
    import tempfile

    from corpus_fakes import install

    install(monkeypatch)
    text = (EXAMPLE / "02_the_daily_meridian.txt").read_bytes()
    other = (EXAMPLE / "03_valley_observer.txt").read_bytes()
    with TestClient(create_app(Settings(), tmp_path / "up.db")) as fresh:
        report = fresh.post("/api/ingest", files=[("files", ("C:\\Users\\ann\\meridian.txt", text)),
                                                  ("files", ("meridian.txt", other)), ("files", ("bad.txt", b" "))])
        assert report.status_code == 200, report.text
        assert [(p["source"], p["reason"]) for p in report.json()["failures"]] == [("bad.txt", "empty input (no text)")]
        story = fresh.get("/api/stories").json()[0]["id"]
        sources = [a["source"] for a in fresh.get(f"/api/stories/{story}").json()["articles"]]
        assert sorted(sources) == ["meridian (2).txt", "meridian.txt"]
        article = fresh.get(f"/api/stories/{story}").json()["articles"][0]["id"]
        page = fresh.get(f"/articles/{article}").text
    with Store(tmp_path / "up.db") as store:
        stored = [a.article.source for a in store.articles()] + [
            json.loads(store.raw_content(a.raw_sha256))["source"] for a in store.articles()]
    assert sorted(set(stored)) == ["meridian (2).txt", "meridian.txt"]
    server_paths = (tempfile.gettempdir(), "newsweave-web", "upload/")
    for where, body in (("page", page), ("report", report.text), ("database", (tmp_path / "up.db").read_bytes().decode(
            "utf-8", "replace"))):
        assert not any(path in body for path in server_paths), where


# ── the serve command ────────────────────────────────────────────────────────────────────────────────────────

def test_serve_get_sends_one_request_through_the_app(corpus) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["serve", "--db", str(corpus["db"]), "--get", "/api/stories"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["id"] == corpus["strike"].id
    result = runner.invoke(cli, ["serve", "--db", str(corpus["db"]), "--get", "/api/stories/nope"])
    assert result.exit_code == 1 and "no story" in result.stdout


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1 and "no corpus database" in result.output and "--create" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "missing.db").exists()


def test_serve_refuses_a_corrupt_database_without_suggesting_create(tmp_path: Path) -> None:
    (tmp_path / "corrupt.db").write_bytes(b"not a database at all " * 100)
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "corrupt.db"), "--get", "/"])
    assert result.exit_code == 1 and "corrupt" in result.output and "--create" not in result.output


def test_serve_says_when_the_port_is_taken(tmp_path: Path, monkeypatch) -> None:
    import socket

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: pytest.fail("the server was started"))
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "new.db"), "--create", "--port", str(port)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.strip() == (f"error: cannot listen on 127.0.0.1 port {port}: Address already in use "
                                     "(choose another with --port)")


def test_serve_defaults_to_loopback() -> None:
    params = {p.name: p for p in cli.commands["serve"].params}
    assert params["host"].default == "127.0.0.1" and params["port"].default == 8000
