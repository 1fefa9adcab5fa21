"""Fetching URLs with httpx: timeouts, a size cap, bounded redirects, private addresses refused."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from .errors import FetchError
from .settings import Settings


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: final URL, media type, body bytes and the charset the server declared."""

    url: str
    content_type: str
    body: bytes
    charset: str | None = None


def _check_address(url: str, settings: Settings) -> None:
    """Refuse hosts that resolve to private, loopback, link-local or reserved addresses."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # "http://[::1", a port above 65535
        raise FetchError(url, f"malformed URL ({exc})") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "only http:// and https:// URLs can be fetched")
    if settings.allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise FetchError(url, f"cannot resolve host {parts.hostname!r} ({exc.strerror})") from exc
    except UnicodeError as exc:  # an empty or over-long label, bad punycode: the IDNA codec refuses the name
        raise FetchError(url, f"malformed host name {parts.hostname!r}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global:
            raise FetchError(
                url, f"refused: {parts.hostname} is a private/loopback/link-local address ({address}); "
                "pass --allow-private to fetch it")


def fetch(url: str, settings: Settings, client: httpx.Client | None = None) -> Fetched:
    """Fetch one URL, checking every redirect hop against the address guard. `settings.fetch_timeout` bounds the
    whole fetch (every hop, the whole body), not only each wait: a server trickling bytes cannot hold it.

    Raises:
        FetchError: refused address, unreachable host, bad status, too many redirects or too large a body.
    """
    own_client = client is None
    client = client or httpx.Client(
        timeout=settings.fetch_timeout, follow_redirects=False, headers={"User-Agent": settings.user_agent})
    deadline = time.monotonic() + settings.fetch_timeout
    timed_out = FetchError(url, f"timed out after {settings.fetch_timeout:g}s")
    try:
        current = url
        for _ in range(settings.max_redirects + 1):
            try:
                _check_address(current, settings)
            except FetchError as exc:
                if current == url:
                    raise
                raise FetchError(url, f"redirected to {current}: {exc.reason}") from exc  # name the input, not the hop
            try:
                with client.stream("GET", current, timeout=max(0.01, deadline - time.monotonic())) as response:
                    if 300 <= response.status_code < 400:
                        if not response.headers.get("location"):
                            raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}: "
                                             "redirect without Location (no page to read)")
                        current = urljoin(current, response.headers["location"])  # httpx has checked it
                        continue
                    if response.status_code >= 400:
                        raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
                    declared = response.headers.get("content-length", "").strip()
                    if declared.isdigit() and int(declared) > settings.max_bytes:  # a malformed length: count bytes
                        raise FetchError(url, f"response of {declared} bytes is above the {settings.max_bytes}-byte cap")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if time.monotonic() > deadline:
                            raise timed_out
                        if len(body) > settings.max_bytes:
                            raise FetchError(url, f"response is above the {settings.max_bytes}-byte cap")
                    media = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
                    return Fetched(url=str(response.url), content_type=media, body=bytes(body),
                                   charset=response.charset_encoding)
            except httpx.TimeoutException as exc:
                raise timed_out from exc
            except (httpx.InvalidURL, UnicodeError) as exc:  # what the address guard lets through with --allow-private
                raise FetchError(url, f"malformed URL ({exc})") from exc
            except httpx.RemoteProtocolError as exc:  # e.g. a malformed Location header
                raise FetchError(url, f"bad response from the server ({exc})") from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"unreachable ({type(exc).__name__}: {exc})") from exc
        raise FetchError(url, f"more than {settings.max_redirects} redirects")
    finally:
        if own_client:
            client.close()
