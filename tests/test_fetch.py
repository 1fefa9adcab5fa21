"""URLs: a real HTTP server on 127.0.0.1, the private-address guard, redirects, size cap, errors, feeds."""

from __future__ import annotations

import json
import time
from datetime import date

import httpx
import pytest

from newsweave import Settings, read
from newsweave.errors import FetchError
from newsweave.fetch import fetch
from newsweave.read import decode

from conftest import ARTICLE_HTML, ATOM_FEED, BODY, BODY_PARAGRAPHS, RSS_FEED

HTML = {"Content-Type": "text/html; charset=utf-8"}
PRIVATE_OK = Settings(allow_private=True)


@pytest.fixture
def site(http_server):
    """A small local site: a page, a feed, redirect chains, errors and a large body."""
    return http_server({
        "/page": (200, HTML, ARTICLE_HTML),
        "/feed": (200, {"Content-Type": "application/rss+xml"}, RSS_FEED),
        "/atom": (200, {"Content-Type": "application/atom+xml; charset=utf-8"}, ATOM_FEED),
        "/xmlfeed": (200, {"Content-Type": "text/xml"}, RSS_FEED),
        "/record": (200, {"Content-Type": "application/json"}, json.dumps({"text": BODY, "title": "Bridge"})),
        "/plain": (200, {"Content-Type": "text/plain"}, BODY),
        "/hop1": (302, {"Location": "/hop2"}, ""),
        "/hop2": (301, {"Location": "/hop3"}, ""),
        "/hop3": (307, {"Location": "/page"}, ""),
        "/loop": (302, {"Location": "/loop"}, ""),
        "/missing": (404, {"Content-Type": "text/plain"}, "not here"),
        "/broken": (500, {"Content-Type": "text/plain"}, "oops"),
        "/big": (200, HTML, "<html><body><p>" + "word " * 2000 + "</p></body></html>"),
        "/big-unsized": (200, {**HTML, "Content-Length": None}, "<html><body><p>" + "word " * 2000 + "</p></body></html>"),
        "/slow": (200, HTML, ARTICLE_HTML, 2.0),
        "/empty": (200, HTML, ""),
    })


def only_problem(result):
    assert result.articles == []
    [problem] = result.problems
    return problem


# ---------------------------------------------------------------- reading pages


def test_fetch_returns_final_url_media_type_and_body(site):
    fetched = fetch(f"{site}/page", PRIVATE_OK)
    assert fetched.url == f"{site}/page"
    assert fetched.content_type == "text/html"
    assert fetched.body == ARTICLE_HTML.encode("utf-8")


def test_html_page_over_http(site):
    result = read(f"{site}/page", PRIVATE_OK)
    assert result.problems == []
    [article] = result.articles
    assert article.source == f"{site}/page"
    assert article.url == f"{site}/page"
    assert article.outlet == "Northfield Courier"
    assert article.title == "Library reopens after repairs"
    assert article.published == date(2023, 5, 17)


def test_plain_text_and_json_over_http(site):
    result = read([f"{site}/plain", f"{site}/record"], PRIVATE_OK)
    assert result.problems[0].reason.startswith("duplicate")  # the same body twice: counted once
    [article] = result.articles
    assert [p.text for p in article.paragraphs] == BODY_PARAGRAPHS
    assert article.outlet == "127.0.0.1"  # no other evidence: the URL's host


def test_json_record_over_http_keeps_its_fields(site):
    [article] = read(f"{site}/record", PRIVATE_OK).articles
    assert article.title == "Bridge"
    assert article.url == f"{site}/record"


@pytest.mark.parametrize("path", ["/feed", "/xmlfeed"])
def test_rss_feed_over_http(site, path):
    result = read(f"{site}{path}", PRIVATE_OK)
    assert result.problems == []
    assert [a.source for a in result.articles] == [f"{site}{path}#0", f"{site}{path}#1"]
    assert [a.url for a in result.articles] == ["https://fenwick.example/market", "https://fenwick.example/bus"]
    assert {a.outlet for a in result.articles} == {"Fenwick Daily"}


def test_atom_feed_over_http(site):
    result = read(f"{site}/atom", PRIVATE_OK)
    assert [a.title for a in result.articles] == ["Orchard festival returns", "Village hall gets new roof"]


# ---------------------------------------------------------------- charsets

# Invented text in a script a legacy charset holds, so a wrong guess shows.
RUSSIAN = ("Городской совет Заречья в понедельник проголосовал за ремонт старого каменного моста через реку Вязь, "
           "закрытого для движения после весеннего паводка.")
SHORT_RUSSIAN = "Мост через Вязь откроют в мае."  # too short for detection to find koi8-r
LATIN1_DASHES = "The Pont Neuf in Ancy \u2014 closed since the floods \u2014 reopens on Saturday, the mayor said."
LATIN = ("The caf\u00e9 on the quay in Port Ellery reopened on Saturday, and its owner, Ren\u00e9e Corbi\u00e8re, "
         "said the r\u00e9novation had taken longer than the builders promised.")


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Bridge</title></head><body><article><p>{body}</p></article></body></html>"


@pytest.fixture
def legacy_site(http_server):
    """Pages in legacy charsets: declared by the header, by <meta> only, or by both (disagreeing)."""
    wrong_meta = '<meta charset="koi8-r">'
    return http_server({
        "/header-1251": (200, {"Content-Type": "text/html; charset=windows-1251"}, _page(RUSSIAN).encode("cp1251")),
        "/plain-latin1": (200, {"Content-Type": "text/plain; charset=iso-8859-1"}, LATIN.encode("latin-1")),
        "/meta-1251": (200, {"Content-Type": "text/html"},
                       _page(RUSSIAN, '<meta charset="windows-1251">').encode("cp1251")),
        "/header-over-meta": (200, {"Content-Type": "text/html; charset=windows-1251"},
                              _page(RUSSIAN, wrong_meta).encode("cp1251")),
        "/koi8r-short": (200, {"Content-Type": "text/plain; charset=KOI8-R"}, SHORT_RUSSIAN.encode("koi8-r")),
        # declared latin-1, as often, with windows-1252 dashes (browsers read the label as windows-1252)
        "/latin1-dashes": (200, {"Content-Type": "text/plain;charset=ISO-8859-1"}, LATIN1_DASHES.encode("cp1252")),
        "/utf8-declared-latin1": (200, {"Content-Type": "text/plain; charset=iso-8859-1"}, LATIN.encode("utf-8")),
    })


@pytest.mark.parametrize(("path", "text"), [("/header-1251", RUSSIAN), ("/plain-latin1", LATIN),
                                            ("/meta-1251", RUSSIAN), ("/header-over-meta", RUSSIAN),
                                            ("/koi8r-short", SHORT_RUSSIAN), ("/latin1-dashes", LATIN1_DASHES),
                                            ("/utf8-declared-latin1", LATIN)])
def test_declared_charsets_decode_pages(legacy_site, path, text):
    result = read(f"{legacy_site}{path}", PRIVATE_OK)
    assert result.problems == []
    [article] = result.articles
    assert article.text == text
    assert not any("charset" in w or "not UTF-8" in w for w in article.warnings), "a declared charset is no guess"


@pytest.mark.parametrize("media", ["application/pdf", "image/png", "application/zip", "video/mp4"])
def test_media_that_cannot_hold_an_article_is_named(http_server, media):
    # a PDF can look like text: refused by what the server says it is, not by a guess at its bytes
    base = http_server({"/file": (200, {"Content-Type": media}, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" * 40)})
    problem = only_problem(read(f"{base}/file", PRIVATE_OK))
    assert problem.reason == (f"not an article: the server sent {media} (newsweave reads HTML, plain text, JSON and "
                              "RSS/Atom feeds)")


@pytest.mark.parametrize("media", ["", "application/octet-stream", "text/markdown", "application/xhtml+xml",
                                   "application/ld+json", "application/x-ndjson"])
def test_textual_or_unlabelled_media_is_read(http_server, media):
    body = json.dumps({"text": BODY}) if "json" in media else ARTICLE_HTML if "html" in media else BODY
    base = http_server({"/file": (200, {"Content-Type": media or None}, body)})
    assert len(read(f"{base}/file", PRIVATE_OK).articles) == 1


def test_fetch_keeps_the_declared_charset(legacy_site):
    assert fetch(f"{legacy_site}/header-1251", PRIVATE_OK).charset == "windows-1251"
    assert fetch(f"{legacy_site}/meta-1251", PRIVATE_OK).charset is None


def test_a_charset_that_does_not_fit_is_said_and_the_text_still_read():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/plain; charset=x-no-such-charset"},
                              content=LATIN.encode("latin-1"))

    client = httpx.Client(transport=httpx.MockTransport(handler))
    fetched = fetch("http://8.8.8.8/story", Settings(), client=client)
    text, warnings = decode(fetched.body, "http://8.8.8.8/story", fetched.charset)
    assert text == LATIN
    assert warnings[0] == "declared charset 'x-no-such-charset' is unknown" and "not UTF-8" in warnings[1]


# ---------------------------------------------------------------- the private-address guard


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_refused_without_allow_private(site, http_server, host):
    url = site.replace("127.0.0.1", host) + "/page"
    problem = only_problem(read(url))
    assert problem.source == url
    assert problem.reason.startswith(f"refused: {host} is a private/loopback/link-local address")
    assert "127.0.0.1" in problem.reason and "--allow-private" in problem.reason
    assert http_server.requests == []  # refused before any request was sent


@pytest.mark.parametrize(
    "url",
    ["http://10.1.2.3/", "http://192.168.0.10/news", "http://169.254.169.254/latest/meta-data", "http://[::1]:8/",
     "http://0.0.0.0/"],
)
def test_private_and_link_local_addresses_refused(url):
    with pytest.raises(FetchError) as caught:
        fetch(url, Settings())
    assert caught.value.source == url
    assert caught.value.reason.startswith("refused:")


def test_redirect_to_a_private_address_is_refused_at_that_hop():
    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:9/admin"})

    client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=False)
    with pytest.raises(FetchError) as caught:
        fetch("http://8.8.8.8/story", Settings(), client=client)
    assert caught.value.source == "http://8.8.8.8/story"
    assert caught.value.reason.startswith("redirected to http://127.0.0.1:9/admin: refused: 127.0.0.1")
    assert asked == ["http://8.8.8.8/story"]  # the private hop was never requested


def test_public_address_is_fetched_through_the_client():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, content=BODY.encode())

    client = httpx.Client(transport=httpx.MockTransport(handler))
    fetched = fetch("http://8.8.8.8/story", Settings(), client=client)
    assert fetched.body == BODY.encode() and fetched.content_type == "text/plain"


@pytest.mark.parametrize("url", ["ftp://8.8.8.8/file.txt", "file:///etc/passwd", "http:///nohost"])
def test_fetch_refuses_other_schemes_and_hostless_urls(url):
    with pytest.raises(FetchError) as caught:
        fetch(url, PRIVATE_OK)
    assert "http://" in caught.value.reason


@pytest.mark.parametrize("settings", [Settings(), PRIVATE_OK], ids=["guarded", "allow-private"])
@pytest.mark.parametrize(("url", "reason"), [
    ("http://[::1", "malformed URL (Invalid IPv6 URL)"), ("http://host:99999/", "malformed URL (Port out of range"),
    ("http://a..b/", "malformed "), ("http://xn--/", "")])
def test_malformed_urls_are_one_problem(settings, url, reason):
    problem = only_problem(read(url, settings))
    assert problem.source == url and problem.reason.startswith(reason)


def test_redirect_to_a_malformed_url_is_one_problem():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://[::1/admin"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(FetchError) as caught:
        fetch("http://8.8.8.8/story", Settings(), client=client)
    assert caught.value.reason.startswith("bad response from the server (Invalid URL in location header")


def test_unresolvable_host_is_one_problem():
    problem = only_problem(read("http://no-such-host.invalid/story"))
    assert problem.source == "http://no-such-host.invalid/story"
    assert "no-such-host.invalid" in problem.reason


# ---------------------------------------------------------------- redirects


def test_redirect_chain_is_followed_and_the_final_url_kept(site, http_server):
    result = read(f"{site}/hop1", PRIVATE_OK)
    [article] = result.articles
    assert article.source == f"{site}/hop1"
    assert article.url == f"{site}/page"
    assert http_server.requests == ["/hop1", "/hop2", "/hop3", "/page"]


def test_redirects_beyond_max_redirects_are_refused(site):
    problem = only_problem(read(f"{site}/hop1", Settings(allow_private=True, max_redirects=2)))
    assert problem.source == f"{site}/hop1"
    assert problem.reason == "more than 2 redirects"
    assert read(f"{site}/hop1", Settings(allow_private=True, max_redirects=3)).articles


def test_redirect_loop_ends(site, http_server):
    problem = only_problem(read(f"{site}/loop", PRIVATE_OK))
    assert problem.reason == "more than 5 redirects"
    assert len(http_server.requests) == 6


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_without_location_is_one_problem(http_server, status):
    base = http_server({"/moved": (status, {"Content-Type": "text/html"}, _page(LATIN))})
    problem = only_problem(read(f"{base}/moved", PRIVATE_OK))
    assert problem.source == f"{base}/moved"
    assert problem.reason.startswith(f"HTTP {status} ") and problem.reason.endswith("redirect without Location "
                                                                                   "(no page to read)")


def test_no_redirects_allowed(site):
    assert only_problem(read(f"{site}/hop3", Settings(allow_private=True, max_redirects=0))).reason == (
        "more than 0 redirects")


# ---------------------------------------------------------------- errors, size cap, timeouts


@pytest.mark.parametrize(("path", "reason"), [("/missing", "HTTP 404 Not Found"),
                                              ("/broken", "HTTP 500 Internal Server Error"),
                                              ("/nowhere", "HTTP 404 Not Found")])
def test_http_error_status_is_one_problem(site, path, reason):
    problem = only_problem(read(f"{site}{path}", PRIVATE_OK))
    assert (problem.source, problem.reason) == (f"{site}{path}", reason)


@pytest.mark.parametrize("path", ["/big", "/big-unsized"])
def test_size_cap_enforced(site, path):
    problem = only_problem(read(f"{site}{path}", Settings(allow_private=True, max_bytes=1000)))
    assert problem.source == f"{site}{path}"
    assert "above the 1000-byte cap" in problem.reason


def test_size_cap_large_enough_reads(site):
    assert read(f"{site}/big", Settings(allow_private=True, max_bytes=20_000)).problems == []


def test_empty_body_is_one_problem(site):
    problem = only_problem(read(f"{site}/empty", PRIVATE_OK))
    assert "empty" in problem.reason


def test_unreachable_url(closed_port):
    url = f"http://127.0.0.1:{closed_port}/story"
    problem = only_problem(read(url, PRIVATE_OK))
    assert problem.source == url
    assert problem.reason.startswith("unreachable")


def test_timeout(site):
    problem = only_problem(read(f"{site}/slow", Settings(allow_private=True, fetch_timeout=0.3)))
    assert problem.reason == "timed out after 0.3s"


def test_timeout_bounds_the_whole_fetch_not_each_wait():
    def trickle():  # a byte now and then: each wait is short, the whole never ends in time
        for _ in range(50):
            time.sleep(0.05)
            yield b"word "

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, content=trickle())

    client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(FetchError) as caught:
        fetch("http://8.8.8.8/story", Settings(fetch_timeout=0.3), client=client)
    assert caught.value.reason == "timed out after 0.3s"


def test_malformed_content_length_is_not_a_crash():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/plain", "Content-Length": "many"}, content=b"x" * 50)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    assert fetch("http://8.8.8.8/story", Settings(), client=client).body == b"x" * 50
    with pytest.raises(FetchError) as caught:
        fetch("http://8.8.8.8/story", Settings(max_bytes=10), client=client)
    assert caught.value.reason == "response is above the 10-byte cap"


def test_a_bad_url_does_not_stop_the_others(site, closed_port, tmp_path):
    path = tmp_path / "local.txt"
    path.write_text(BODY, encoding="utf-8")
    inputs = [f"http://127.0.0.1:{closed_port}/", f"{site}/missing", f"{site}/page", str(path), f"{site}/feed"]
    result = read(inputs, PRIVATE_OK)
    assert [a.source for a in result.articles] == [f"{site}/page", str(path), f"{site}/feed#0", f"{site}/feed#1"]
    assert [p.source for p in result.problems] == inputs[:2]


def test_a_feed_body_that_is_a_url_is_not_fetched(http_server):
    # A feed whose whole body is a URL must not make feedparser fetch it (that would pass the address guard).
    base = http_server({"/feed": (200, {"Content-Type": "application/rss+xml"}, RSS_FEED)})
    requests = http_server.requests
    pointer = http_server({"/pointer": (200, {"Content-Type": "application/rss+xml"}, f"{base}/feed")})
    problem = only_problem(read(f"{pointer}/pointer", PRIVATE_OK))
    assert "feed has no items" in problem.reason
    assert requests == []
