"""Shared builders for the reading-layer tests: temp files, a local HTTP server, invented article text.

Every article text here is invented for these tests (fictional towns, people and outlets).
"""

from __future__ import annotations

import http.server
import re
import socket
import threading
import time
from pathlib import Path
from typing import Callable, Mapping

import pytest
from click.testing import CliRunner

from newsweave.segment import normalise_quotes, unglue

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

# Three invented paragraphs of plain news prose, one a line, ending in a full stop.
BODY_PARAGRAPHS = [
    "The town council of Bridgeford voted on Monday to rebuild the old stone bridge over the river Wend, "
    "which has been closed to traffic since floods damaged its piers last winter.",
    "Engineers told the council the new span would keep the original arches and would be wide enough "
    "for two lanes of traffic and a footpath on each side.",
    '"We owe it to the people who cross it every day," said councillor Peter Hale, who proposed the motion. '
    "The work is expected to take about eighteen months.",
]
BODY = "\n\n".join(BODY_PARAGRAPHS)

# A second, unrelated invented story, so tests can hold two different articles.
OTHER_PARAGRAPHS = [
    "The regional water board said on Thursday that reservoir levels had fallen to their lowest point "
    "in a decade after an unusually dry summer across the valley.",
    "Officials urged households to cut their use of water by a fifth until the autumn rains arrive, "
    "and said hosepipe bans would stay in place until at least October.",
]
OTHER_BODY = "\n\n".join(OTHER_PARAGRAPHS)

FRENCH_BODY = (
    "Le conseil municipal de Pontvieux a voté lundi la reconstruction du vieux pont de pierre, fermé à la "
    "circulation depuis les inondations de l'hiver dernier. Les travaux devraient durer environ dix-huit mois "
    "selon les ingénieurs de la région, qui ont présenté leurs plans aux habitants mardi soir."
)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><title>Library reopens after repairs | Northfield Courier</title>
<meta property="og:title" content="Library reopens after repairs">
<meta property="og:site_name" content="Northfield Courier">
<meta name="author" content="Hannah Price">
<meta property="article:published_time" content="2023-05-17T08:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Library reopens after repairs</h1>
<p>The central library in Northfield reopened to the public on Wednesday after eight months of repairs to its
leaking roof and damaged reading rooms.</p>
<p>Staff said more than four hundred people came through the doors in the first hour, many of them children
returning books borrowed before the closure.</p>
<p>"It feels like getting an old friend back," said retired teacher Walter Binns, who has visited the library
every week for forty years.</p>
</article>
<footer>Copyright 2023 Northfield Courier</footer>
</body></html>
"""

RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Fenwick Daily</title><link>https://fenwick.example/</link>
<description>Local news</description>
<item><title>Market hall to stay open late</title><link>https://fenwick.example/market</link>
<pubDate>Tue, 06 Jun 2023 10:00:00 GMT</pubDate><author>desk@fenwick.example (Lucy Marr)</author>
<description>The market hall in Fenwick will stay open until ten in the evening on Fridays from next month, the town
council said on Monday after traders asked for longer hours.</description></item>
<item><title>New bus route for the north estate</title><link>https://fenwick.example/bus</link>
<pubDate>Wed, 07 Jun 2023 09:00:00 GMT</pubDate>
<description>&lt;p&gt;A new bus route linking the north estate with the railway station will start running in
September, the transport company announced on Tuesday.&lt;/p&gt;&lt;p&gt;Buses will run every twenty minutes during
the day and every hour in the evening.&lt;/p&gt;</description></item>
</channel></rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lowmoor Observer</title><id>urn:lowmoor</id>
<updated>2023-06-06T10:00:00Z</updated>
<entry><title>Orchard festival returns</title><link href="https://lowmoor.example/orchard"/><id>urn:lowmoor:1</id>
<updated>2023-06-05T10:00:00Z</updated><author><name>Ben Shaw</name></author>
<content type="html">&lt;p&gt;The orchard festival will return to Lowmoor this autumn after a three-year break,
organisers said on Sunday, with cider tasting and a parade through the village.&lt;/p&gt;</content></entry>
<entry><title>Village hall gets new roof</title><link href="https://lowmoor.example/hall"/><id>urn:lowmoor:2</id>
<updated>2023-06-04T10:00:00Z</updated>
<summary>Volunteers in Lowmoor finished putting a new slate roof on the village hall on Saturday, two weeks ahead of
the date the parish council had set for the work.</summary></entry>
</feed>
"""


# ---------------------------------------------------------------- helpers (plain functions)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of a text, after the same quote/glue normalisation cleaning applies."""
    return re.findall(r"\w+", normalise_quotes(unglue(text)).lower())


def assert_nothing_lost(raw: str, article_or_clean) -> None:
    """Every word of every non-blank input line is in the body, in a removed line or in a metadata field."""
    kept = [article_or_clean.text, article_or_clean.title or "", article_or_clean.byline or "",
            article_or_clean.dateline or ""] + [line.text for line in article_or_clean.removed]
    have = set(words(" ".join(kept)))
    for line in raw.splitlines():
        missing = [w for w in words(line) if w not in have]
        assert not missing, f"lost {missing} from line {line!r}"


def problems_for(result, source_part: str) -> list:
    """The problems of a ReadResult whose source contains `source_part`."""
    return [p for p in result.problems if source_part in p.source]


def errors(result) -> list:
    return [p for p in result.problems if p.level == "error"]


# ---------------------------------------------------------------- fixtures


@pytest.fixture
def write_files() -> Callable[[Path, Mapping[str, str | bytes]], Path]:
    """Builder: `write_files(root, {"a.txt": "text", "sub/b.json": b"..."})` writes them and returns `root`."""

    def build(root: Path, files: Mapping[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return build


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves `server.routes`: path → (status, headers, body) or (status, headers, body, delay_seconds).

    A Content-Length header is added unless the route sets it to None, in which case it is left out
    and the body ends when the connection closes (HTTP/1.0), so a reader cannot know the size up front.
    """

    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self.server.requests.append(self.path)
        route = self.server.routes.get(self.path)
        if route is None:
            route = (404, {"Content-Type": "text/plain"}, b"not found")
        status, headers, body, *rest = route
        body = body.encode("utf-8") if isinstance(body, str) else body
        if rest and rest[0]:
            time.sleep(rest[0])
        self.send_response(status)
        headers = dict(headers)
        headers.setdefault("Content-Length", str(len(body)))
        for key, value in headers.items():
            if value is not None:
                self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up early (size cap, timeout): that is what some tests want

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@pytest.fixture
def http_server():
    """Builder: `http_server({"/page": (200, {"Content-Type": "text/html"}, "<html>...")})` → base URL.

    The server runs on 127.0.0.1 in a thread and is shut down after the test. `.requests` on the
    returned URL's server lists the paths asked for (see `http_server.requests`).
    """
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(routes: Mapping[str, tuple]) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.routes = dict(routes)
        server.requests = []
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        servers.append(server)
        start.requests = server.requests
        return f"http://127.0.0.1:{server.server_address[1]}"

    start.requests = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A local TCP port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
