"""What a user sends to brief or ingest (pasted texts, uploaded files, JSON records, URLs), checked against the
limits and handed to `newsweave.read` / `newsweave.ingest` as files in a private temporary folder."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from pydantic import BaseModel, ConfigDict, Field

from ..errors import NewsweaveError
from ..models import ReadResult
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


def safe_name(name: str, index: int) -> str:
    """A harmless file name from a client's: its last path part, only letters, digits, '.', '-', '_'."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip("._")[:80]
    return base or f"file-{index}"


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
    sizes += [(safe_name(u.name, n), len(u.data)) for n, u in enumerate(uploads, 1)]
    sizes += [(f"record {n}", len(json.dumps(r, ensure_ascii=False).encode("utf-8")))
              for n, r in enumerate(submission.articles, 1)]
    for name, size in sizes:
        if size > web.max_item_bytes:
            raise TooLarge(f"{name} is {size} bytes; at most {web.max_item_bytes} bytes per article are accepted")
    for url in submission.urls:
        if not re.match(r"^https?://[^\s/]+", url.strip(), re.I):
            raise BadSubmission(f"not an http(s) URL: {url.strip()[:100]!r}")
    return texts


@contextmanager
def staged(submission: Submission, uploads: Sequence[Upload], web: WebSettings) -> Iterator[tuple[list[str], str]]:
    """The submission as inputs for `read`/`ingest`: files in a fresh private folder, plus the URLs.

    Yields:
        tuple[list[str], str]: the inputs, and the folder prefix to strip from their sources when shown.
    """
    texts = check(submission, uploads, web)
    folder = Path(tempfile.mkdtemp(prefix="newsweave-web-"))
    try:
        inputs: list[str] = []
        for n, text in enumerate(texts, 1):
            path = folder / f"pasted-{n}.txt"
            path.write_text(text, encoding="utf-8")
            inputs.append(str(path))
        for n, upload in enumerate(uploads, 1):
            path = folder / "upload" / f"{n:02d}-{safe_name(upload.name, n)}"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(upload.data)
            inputs.append(str(path))
        if submission.articles:
            path = folder / "records.json"
            path.write_text(json.dumps(submission.articles, ensure_ascii=False), encoding="utf-8")
            inputs.append(str(path))
        inputs += [url.strip() for url in submission.urls]
        yield inputs, str(folder) + "/"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _shown(source: str, prefix: str) -> str:
    return source[len(prefix):] if source.startswith(prefix) else source


def read_submission(submission: Submission, uploads: Sequence[Upload], settings: Settings,
                    web: WebSettings) -> ReadResult:
    """Read a submission's articles (nothing stored); sources named as the user gave them.

    Raises:
        TooLarge, BadSubmission: see `check`.
    """
    from ..articles import read

    with staged(submission, uploads, web) as (inputs, prefix):
        result = read(inputs, settings)
    return ReadResult(
        articles=[a.model_copy(update={"source": _shown(a.source, prefix)}) for a in result.articles],
        problems=[p.model_copy(update={"source": _shown(p.source, prefix)}) for p in result.problems])


def ingest_submission(submission: Submission, uploads: Sequence[Upload], store, settings: Settings,
                      web: WebSettings):
    """Ingest a submission's articles into the store; returns the `IngestReport` (sources as given).

    Raises:
        TooLarge, BadSubmission: see `check`.
        StoreError: the database cannot be written.
    """
    from ..ingest import ingest

    with staged(submission, uploads, web) as (inputs, prefix):
        report = ingest(inputs, store, settings)
    for problem in [*report.failures, *report.warnings]:
        problem.source = _shown(problem.source, prefix)
    return report
