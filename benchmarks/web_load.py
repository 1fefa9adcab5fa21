"""Load on the web app: the story page and the brief API of a stored story whose brief is cached.

    python benchmarks/web_load.py [--seconds 60] [--clients 32] [--db FILE --story ID] [--url http://127.0.0.1:PORT]

Without --url it builds a corpus of examples/story/ in a temp folder (or uses --db), makes and caches the story's
brief, starts `newsweave serve` in a child process on a free loopback port, and stops it at the end. Clients are
httpx async connections in this process, each sending its next request as soon as the last one is answered, for
a bounded time; only loopback addresses are ever loaded. Prints requests/s, p50/p99 latency, errors and 5xx per
endpoint. Goal: zero 5xx, p99 ≤ 300 ms for the cached brief.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, table  # noqa: E402

P99_GOAL_MS = 300.0


def build_corpus(db: Path) -> str:
    """A corpus holding the example story as one stored story with its brief cached; returns the story id."""
    from newsweave import Settings, read
    from newsweave.ingest import raw_content
    from newsweave.models import RawDocument
    from newsweave.store import Store

    result = read([str(REPO / "examples" / "story")])
    with Store(db) as store:
        with store.transaction() as tx:
            for n, article in enumerate(result.articles):
                raw = RawDocument(source=article.source, text=article.text)
                sha = f"{n:064x}"
                tx.add_raw(sha, article.source, raw_content(raw))
                tx.add_article(article, raw_sha256=sha, story_id="example")
        started = time.perf_counter()
        store.brief_for("example", Settings())
        print(f"brief made and cached in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return "example"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    """`newsweave serve` in a child process (no access log); returns once it answers."""
    command = [sys.executable, "-c", "from newsweave.cli import main; main()", "serve", "--db", str(db),
               "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited: {server.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    stop_server(server)
    sys.exit("the server did not start within 120 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def require_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror:
        sys.exit(f"cannot resolve {host!r}")
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        sys.exit(f"refusing to load {url}: only loopback addresses (127.0.0.1, ::1, localhost) are loaded")


class RawConnection:
    """One keep-alive HTTP/1.1 connection over asyncio streams: GET, status, Content-Length body.

    The load's default client: httpx spends about 3 ms of CPU per request here, five times what the server spends,
    so on 2 shared cores it would measure itself; this spends a small fraction of that. `--client httpx` uses httpx.
    """

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length, close = 0, False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        await self.reader.readexactly(length)
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = self.reader = None


async def load(base: str, paths: dict[str, str], seconds: float, clients: int, kind: str = "raw") -> dict[str, dict]:
    """`clients` connections sending requests back to back for `seconds`, alternating the endpoints."""
    results = {name: {"latencies": [], "errors": 0, "5xx": 0} for name in paths}
    names = list(paths)
    parts = urlsplit(base)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10.0) as client:
        for path in paths.values():  # warm: the page and the brief JSON are rendered once, then served cached
            (await client.get(path)).raise_for_status()
        deadline = time.perf_counter() + seconds

        async def httpx_get(path: str) -> int:
            response = await client.get(path)
            await response.aread()
            return response.status_code

        async def worker(index: int) -> None:
            raw = RawConnection(parts.hostname or "127.0.0.1", parts.port or 80)
            get = raw.get if kind == "raw" else httpx_get
            turn = index
            try:
                while time.perf_counter() < deadline:
                    name = names[turn % len(names)]
                    turn += 1
                    started = time.perf_counter()
                    try:
                        status = await asyncio.wait_for(get(paths[name]), timeout=10.0)
                    except (httpx.HTTPError, OSError, ValueError, IndexError, asyncio.TimeoutError,
                            asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                        status = 0
                        await raw.close()
                    elapsed = time.perf_counter() - started
                    record = results[name]
                    if status >= 500:
                        record["5xx"] += 1
                    if status != 200:
                        record["errors"] += 1
                    else:
                        record["latencies"].append(elapsed)
            finally:
                await raw.close()

        started = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        wall = time.perf_counter() - started
    for record in results.values():
        record["wall"] = wall
    return results


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def report(results: dict[str, dict], seconds: float, clients: int, kind: str = "raw") -> bool:
    rows, ok = [], True
    for name, record in results.items():
        latencies, wall = record["latencies"], record["wall"]
        count = len(latencies) + record["errors"]
        p99 = percentile(latencies, 99) * 1000
        ok = ok and record["5xx"] == 0 and p99 <= P99_GOAL_MS
        rows.append([name, count, f"{count / wall:.1f}", f"{percentile(latencies, 50) * 1000:.1f}", f"{p99:.1f}",
                     f"{(max(latencies) if latencies else float('nan')) * 1000:.1f}", record["errors"], record["5xx"]])
    total_requests = sum(int(r[1]) for r in rows)
    all_latencies = [x for r in results.values() for x in r["latencies"]]
    wall = next(iter(results.values()))["wall"]
    rows.append(["all", total_requests, f"{total_requests / wall:.1f}", f"{percentile(all_latencies, 50) * 1000:.1f}",
                 f"{percentile(all_latencies, 99) * 1000:.1f}", f"{max(all_latencies, default=float('nan')) * 1000:.1f}",
                 sum(r["errors"] for r in results.values()), sum(r["5xx"] for r in results.values())])
    console = Console()
    console.print(table(f"web load: {clients} {kind} clients, {seconds:g} s, {os.cpu_count()} CPU(s)",
                        ["endpoint", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "5xx"], rows))
    console.print(f"goal: zero 5xx and p99 ≤ {P99_GOAL_MS:g} ms per endpoint — {'met' if ok else 'NOT met'}",
                  highlight=False)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the load lasts (default: 60)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent connections (default: 32)")
    parser.add_argument("--db", type=Path, help="an existing corpus to serve (default: a temp corpus of examples/story)")
    parser.add_argument("--story", help="story id to load (with --db or --url; default: the largest story)")
    parser.add_argument("--url", help="load a server already running on a loopback address instead")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw",
                        help="raw: a minimal keep-alive HTTP/1.1 client on asyncio (default; cheap on CPU); httpx: httpx.AsyncClient")
    args = parser.parse_args()
    if not 0 < args.seconds <= 3600 or not 0 < args.clients <= 1024:
        parser.error("--seconds must be in (0, 3600] and --clients in (0, 1024]")

    server, folder = None, None
    try:
        if args.url:
            require_loopback(args.url)
            base = args.url.rstrip("/")
        else:
            if args.db is None:
                folder = tempfile.TemporaryDirectory(prefix="newsweave-load-")
                args.db = Path(folder.name) / "corpus.db"
                args.story = build_corpus(args.db)
            port = free_port()
            server = start_server(args.db, port)
            base = f"http://127.0.0.1:{port}"
        story = args.story or httpx.get(f"{base}/api/stories", timeout=10).json()[0]["id"]
        paths = {"story page": f"/stories/{story}", "brief API": f"/api/stories/{story}/brief"}
        results = asyncio.run(load(base, paths, args.seconds, args.clients, args.client))
        return 0 if report(results, args.seconds, args.clients, args.client) else 1
    finally:
        if server is not None:
            stop_server(server)
        if folder is not None:
            folder.cleanup()


if __name__ == "__main__":
    sys.exit(main())
