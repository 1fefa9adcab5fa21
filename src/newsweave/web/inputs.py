"""What a user sends to brief or ingest (pasted texts, uploaded files, JSON records, URLs), checked against the
limits and handed to `newsweave.read` / `newsweave.ingest` in memory, each named as the user knows it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Sequence

from pydantic import BaseModel, ConfigDict, Field

from ..errors import NewsweaveError
from ..models import ReadResult
from ..read import BytesInput
from ..settings import Settings
from .config import WebSettings

SEPARATOR = re.compile(r"^[ \t]*-{3,}[ \t]*$", re.M)  # a line of three or more dashes between pasted articles


class TooLarge(NewsweaveError):
    """Too many articles, or one too big, for the web app's limits (HTTP 413)."""


class BadSubmission(NewsweaveError):
    """A request that gives nothing to read or something of the wrong shape (HTTP 422)."""


class Submission(BaseModel):
    """The JSON body of `POST /api/brief` and `POST /api/ingest` (multipart forms carry the same fields)."""

    model_config = ConfigDict(extra="forbid")

    texts: list[str] = Field(default_factory=list, description="Article texts (scraped text, HTML or JSON), one each.")
    articles: list[dict[str, Any]] = Field(
        default_factory=list, description="Article records: `text` or `html`, optional `title`, `url`, `outlet`, "
        "`published`, `byline` (as `newsweave read` takes in JSON files).")
    urls: list[str] = Field(default_factory=list, description="http(s) URLs to fetch (private addresses refused).")
    words: int | None = Field(None, ge=10, le=2000, description="Word budget of the summary (briefs only).")


@dataclass(frozen=True)
class Upload:
    """An uploaded file: the name the client gave and its bytes."""

    name: str
    data: bytes


def split_pasted(text: str) -> list[str]:
    """A pasted box → its articles: split at lines of `---`; blank pieces dropped."""
    return [piece.strip() for piece in SEPARATOR.split(text) if piece.strip()]


def upload_name(name: str, index: int) -> str:
    """The name an uploaded file is known by: the last part of the client's name (no folders of the client's
    machine), without control characters; `file-<index>` when there is none."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", base).split())[:120]
    return base or f"file-{index}"


def _unique(names: list[str]) -> list[str]:
    """The names, a repeated one numbered like a browser's downloads: "a.txt", "a (2).txt"."""
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            path = PurePosixPath(name)
            name = f"{path.stem} ({seen[name]}){path.suffix}"
        unique.append(name)
    return unique


def check(submission: Submission, uploads: Sequence[Upload], web: WebSettings) -> list[str]:
    """The submission's texts (pasted boxes split at `---`), after checking it against the limits.

    Raises:
        TooLarge: more than `web.max_items` articles, or one above `web.max_item_bytes`.
        BadSubmission: nothing to read, or a URL that is not http(s).
    """
    texts = [piece for text in submission.texts for piece in split_pasted(text)]
    count = len(texts) + len(uploads) + len(submission.articles) + len(submission.urls)
    if count == 0:
        raise BadSubmission("nothing to read: give article texts, files, records or URLs")
    if count > web.max_items:
        raise TooLarge(f"{count} articles in one request; at most {web.max_items} are accepted")
    sizes = [(f"text {n}", len(t.encode("utf-8"))) for n, t in enumerate(texts, 1)]
    sizes += [(upload_name(u.name, n), len(u.data)) for n, u in enumerate(uploads, 1)]
    sizes += [(f"record {n}", len(json.dumps(r, ensure_ascii=False).encode("utf-8")))
              for n, r in enumerate(submission.articles, 1)]
    for name, size in sizes:
        if size > web.max_item_bytes:
            raise TooLarge(f"{name} is {size} bytes; at most {web.max_item_bytes} bytes per article are accepted")
    for url in submission.urls:
        if not re.match(r"^https?://[^\s/]+", url.strip(), re.I):
            raise BadSubmission(f"not an http(s) URL: {url.strip()[:100]!r}")
    return texts


def as_inputs(submission: Submission, uploads: Sequence[Upload], web: WebSettings) -> list[str | BytesInput]:
    """The submission as inputs for `read`/`ingest`: pasted texts, uploaded files and records in memory (named
    `pasted-<n>.txt`, the file's own name, `records.json`), then the URLs.

    Raises:
        TooLarge, BadSubmission: see `check`.
    """
    texts = check(submission, uploads, web)
    inputs: list[str | BytesInput] = [BytesInput(f"pasted-{n}.txt", text.encode("utf-8"))
                                      for n, text in enumerate(texts, 1)]
    names = _unique([upload_name(upload.name, n) for n, upload in enumerate(uploads, 1)])
    inputs += [BytesInput(name, upload.data) for name, upload in zip(names, uploads)]
    if submission.articles:
        inputs.append(BytesInput("records.json", json.dumps(submission.articles, ensure_ascii=False).encode("utf-8")))
    return inputs + [url.strip() for url in submission.urls]


def read_submission(submission: Submission, uploads: Sequence[Upload], settings: Settings,
                    web: WebSettings) -> ReadResult:
    """Read a submission's articles (nothing stored).

    Raises:
        TooLarge, BadSubmission: see `check`.
    """
    from ..articles import read

    return read(as_inputs(submission, uploads, web), settings)


def ingest_submission(submission: Submission, uploads: Sequence[Upload], store, settings: Settings,
                      web: WebSettings):
    """Ingest a submission's articles into the store; returns the `IngestReport`.

    Raises:
        TooLarge, BadSubmission: see `check`.
        StoreError: the database cannot be written.
    """
    from ..ingest import ingest

    return ingest(as_inputs(submission, uploads, web), store, settings)
