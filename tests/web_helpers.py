"""Builders for the web tests (test_web.py, test_browser.py): a temp corpus of the example story plus a hostile
article, with briefs cached in the store. The hostile article's text is invented for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.ingest import IngestReport, ingest
from newsweave.store import Store

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "story"
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_RECORD = {
    "title": f"Lantern festival lights up Brackwater {XSS_IMG}",
    "outlet": "Brackwater Echo <svg onload=window.__xss=1>",  # no "/": a slash makes it a path
    "published": "2025-04-02",
    "url": "javascript:window.__xss=1",
    "text": (
        f"{XSS_SCRIPT}\n\n"
        "The lantern festival returned to the invented town of Brackwater on Tuesday evening, and thousands of "
        "paper lanterns drifted down the canal past the old grain mill while a brass band played on the quay.\n\n"
        f"Organisers said the parade {XSS_IMG} was the largest in the festival's twenty-year history, with more "
        "than forty community groups carrying lanterns shaped like boats, owls and lighthouses.\n\n"
        "\"We wanted every street to feel part of it,\" said festival director Imogen Tarrow, who first "
        f"organised the event with six friends. <b onmouseover=\"window.__xss=1\">Volunteers</b> cleared the canal "
        "banks before dawn on Wednesday."),
}


def real_engine() -> bool:
    """Whether the per-article engine (`newsweave.engine`) is installed; else ingests use the test fakes."""
    try:
        import newsweave.engine  # noqa: F401
    except ImportError:
        return False
    return True


def write_xss(folder: Path) -> Path:
    """The hostile article as a JSON record file in `folder`."""
    path = folder / "brackwater_xss.json"
    path.write_text(json.dumps(XSS_RECORD), encoding="utf-8")
    return path


def build_corpus(folder: Path, *, fakes: bool | None = None) -> tuple[Path, IngestReport]:
    """A SQLite corpus in `folder` ingested from examples/story/ and the hostile article.

    Args:
        folder (Path): where the database and the hostile input go.
        fakes (bool, optional): use the fast fake engine and clusterer of corpus_fakes.py; by default only when
            the real engine is not installed.
    """
    db = folder / "corpus.db"
    inputs = [str(EXAMPLE), str(write_xss(folder))]
    use_fakes = (not real_engine()) if fakes is None else fakes
    with Store(db) as store:
        if use_fakes:
            from corpus_fakes import install

            with pytest.MonkeyPatch.context() as patch:
                install(patch)
                report = ingest(inputs, store)
        else:
            report = ingest(inputs, store)
    return db, report


def story_of(store: Store, title_part: str):
    """The stored story whose title contains `title_part`."""
    return next(s for s in store.stories() if s.title and title_part in s.title)
