"""HTML pages: article body and metadata through trafilatura (dates by htmldate inside it)."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError


@dataclass(frozen=True)
class ExtractedPage:
    """The article trafilatura found in a page, with its metadata."""

    text: str
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None
    hostname: str | None
    url: str | None


def extract_page(html: str, source: str, url: str | None = None) -> ExtractedPage:
    """Main text and metadata of one HTML page.

    Raises:
        InputError: the page holds no article text.
    """
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    except (ValueError, TypeError) as exc:  # trafilatura's own rejections of unusable markup
        raise InputError(source, f"unusable HTML ({exc})") from exc
    if document is None or not (document.text or "").strip():
        raise InputError(source, "HTML page holds no article text")
    return ExtractedPage(
        text=document.text, title=document.title, author=document.author, date=document.date,
        sitename=document.sitename, hostname=document.hostname, url=document.url)
