"""The web app in a real browser: Playwright for Python driving Debian's Chromium (/usr/bin/chromium).

The server is uvicorn in a thread on 127.0.0.1 (a free port) over a temp SQLite corpus ingested from
examples/story/ plus an invented hostile article; the briefs of its stories are made (real models) in the fixture.
Screenshots of each page, at a phone's width (390px) and a wide screen's, go to artifacts/screenshots/.
Skipped, with the reason, when Chromium or the Playwright package is missing. No browser is ever downloaded.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest
from web_helpers import EXAMPLE, REPO, XSS_IMG, XSS_SCRIPT, build_corpus, story_of

CHROMIUM = Path(os.environ.get("NEWSWEAVE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SHOTS = REPO / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1440, "height": 900}

if not CHROMIUM.is_file():
    pytest.skip(f"browser tests need Chromium at {CHROMIUM} (Debian: apt-get install -y chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright Python package")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    """The corpus (briefs made and cached) served by uvicorn on 127.0.0.1 in a thread; its base URL and ids."""
    import uvicorn

    from newsweave.settings import Settings
    from newsweave.store import Store
    from newsweave.web import WebSettings, create_app

    db, report = build_corpus(tmp_path_factory.mktemp("browser"))
    assert report.new == 6 and report.failed == 0, report.summary()
    store = Store(db, create=False)
    strike, festival = story_of(store, "Portvale"), story_of(store, "Lantern")
    for story in (strike, festival):
        store.brief_for(story.id, Settings())  # the slow part (model loading), done once here
    hostile = store.articles(festival.id)[0]
    port = _free_port()
    app = create_app(Settings(), store, web=WebSettings(allowed_hosts=("127.0.0.1",)))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="newsweave-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield {"base": f"http://127.0.0.1:{port}", "strike": strike.id, "festival": festival.id, "hostile": hostile.id,
           "first_article": store.articles(strike.id)[0].id}
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser, viewport: dict):
    """A fresh page at the viewport; records dialogs and page errors, which no test expects."""
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.viewport_name = "phone" if viewport is PHONE else "wide"
    yield tab
    assert tab.dialogs == [], f"a dialog fired: {tab.dialogs}"
    context.close()


@pytest.fixture(params=[WIDE, PHONE], ids=["wide", "phone"])
def page(request, browser):
    """A page at a wide screen's and a phone's width (each test runs on both)."""
    yield from _page(browser, request.param)


@pytest.fixture
def wide_page(browser):
    yield from _page(browser, WIDE)


def _shot(page, name: str, full_page: bool = True) -> None:
    page.screenshot(path=str(SHOTS / f"{name}-{page.viewport_name}.png"), full_page=full_page)


def _fits_the_width(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the {page.viewport_name} viewport"


def test_stories_list_and_open_a_story(page, site) -> None:
    page.goto(site["base"] + "/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == "Stories"
    story = page.locator(f'a[href="/stories/{site["strike"]}"]')
    assert "Portvale" in story.inner_text()
    assert "5 articles" in page.locator(".story").first.inner_text()
    _fits_the_width(page)
    _shot(page, "stories")
    page.fill("#q", "lantern")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/\?q=lantern$"))  # app.js leaves the empty fields out
    assert page.locator(".story").count() == 1 and "Brackwater" in page.locator(".story").inner_text()
    page.goto(site["base"] + "/")
    story.click()
    page.wait_for_url(f"**/stories/{site['strike']}")
    assert "Portvale" in page.locator("h1").inner_text()
    assert page.errors == []


def test_story_page_citation_shows_the_supporting_sentence(page, site) -> None:
    page.goto(f"{site['base']}/stories/{site['strike']}")
    first = page.locator(".summary button.cite").first
    tip = page.locator("#" + first.get_attribute("aria-controls"))
    assert not tip.is_visible()
    first.hover()
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert text.startswith("[1] Harbour Wire") and len(text) > 40
    _shot(page, "story-citation", full_page=False)
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")
    first.click()  # a tap pins it open
    tip.wait_for(state="visible")
    assert first.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert first.get_attribute("aria-expanded") == "false"
    for heading in ("What happened", "Who states what", "Where the sources disagree", "Who said what", "Timeline",
                    "People & organisations", "Sources"):
        assert page.get_by_role("heading", name=heading, exact=True).count() == 1, heading
    assert page.locator("table.matrix tbody tr").count() >= 1
    _fits_the_width(page)
    _shot(page, "story")
    for section in ("matrix", "disagreements", "people"):  # a screen's worth from each section, to look at
        page.locator(f"#{section}").scroll_into_view_if_needed()
        page.evaluate(f"document.getElementById('{section}').scrollIntoView()")
        _shot(page, f"story-{section}", full_page=False)
    assert page.errors == []


def test_keyboard_reaches_citations_and_skip_link(wide_page, site) -> None:
    page = wide_page
    page.goto(f"{site['base']}/stories/{site['strike']}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")
    cite = page.locator(".summary button.cite").first
    cite.focus()
    page.locator("#" + cite.get_attribute("aria-controls")).wait_for(state="visible")


def test_article_page_greys_out_removed_lines(page, site) -> None:
    page.goto(f"{site['base']}/articles/{site['first_article']}")
    removed = page.locator(".article-text .removed")
    assert removed.count() > 5 and "logo" in removed.first.inner_text().lower()
    color = removed.first.evaluate("e => getComputedStyle(e).color")
    assert color != page.locator(".article-text p:not(.removed)").first.evaluate("e => getComputedStyle(e).color")
    _fits_the_width(page)
    _shot(page, "article")
    page.uncheck("#show-removed")
    assert not removed.first.is_visible()
    page.check("#show-removed")
    assert removed.first.is_visible()


def test_new_story_form_with_the_example_texts(page, site) -> None:
    page.goto(site["base"] + "/new")
    texts = sorted(EXAMPLE.iterdir())
    pasted, uploaded = texts[:4], texts[4:]
    assert page.locator("textarea[name=text]").count() == 3
    page.click("#add-article")  # JavaScript adds a fourth box
    assert page.locator("textarea[name=text]").count() == 4
    assert page.locator("#text-4").evaluate("e => e === document.activeElement")
    assert page.locator('label[for="text-4"]').inner_text() == "Article 4"
    for n, path in enumerate(pasted, 1):
        page.fill(f"#text-{n}", path.read_text(encoding="utf-8"))
    page.set_input_files("#files", [str(p) for p in uploaded])
    _shot(page, "new-story-form")
    page.click("button[type=submit]")
    page.wait_for_selector("text=is not stored", timeout=180_000)
    assert page.locator(".sources tbody tr").count() == 5
    assert "Portvale" in page.locator("h1").inner_text()
    page.locator(".summary button.cite").first.hover()
    assert page.locator(".summary .tip").first.is_visible()
    _fits_the_width(page)
    _shot(page, "new-story-brief")
    assert page.errors == []


def test_hostile_article_never_runs(page, site) -> None:
    for path in ("/", "/?q=lantern", f"/stories/{site['festival']}", f"/articles/{site['hostile']}"):
        page.goto(site["base"] + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert page.evaluate("document.querySelectorAll('img[onerror], svg[onload], [onmouseover]').length") == 0, path
        for element in page.locator("a").all():
            assert not (element.get_attribute("href") or "").lower().startswith("javascript"), path
    # the article shows the hostile markup as text (escaped, not dropped)
    body = page.locator("body").inner_text()
    assert "Lantern festival lights up Brackwater " + XSS_IMG in body
    page.hover("text=Volunteers")
    assert page.evaluate("typeof window.__xss") == "undefined"
    _shot(page, "xss-article")
    page.goto(f"{site['base']}/stories/{site['festival']}")
    assert XSS_IMG in page.locator("h1").inner_text()
    _shot(page, "xss-story")
    # and pasted into the new-story form
    page.goto(site["base"] + "/new")
    page.fill("#text-1", XSS_SCRIPT + "\n\n" + XSS_IMG + "\n\nThe lantern festival returned to Brackwater on "
              "Tuesday evening, and thousands of paper lanterns drifted down the canal past the old grain mill.")
    page.click("button[type=submit]")
    page.wait_for_selector("text=is not stored", timeout=180_000)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.errors == []
