"""From RawDocument to Article: HTML extraction, cleaning, metadata, language, segmentation."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Iterable
from urllib.parse import urlsplit

from .clean import CleanText, clean_text, parse_timestamp
from .errors import InputError
from .models import Article, InputProblem, RawDocument, ReadResult, RemovedLine, content_id
from .read import iter_documents
from .segment import segment
from .settings import Settings

LOGGER = logging.getLogger(__name__)
_WIRE_AGENCIES = {"reuters": "Reuters", "ap": "AP", "afp": "AFP", "upi": "UPI", "bloomberg": "Bloomberg",
                  "dpa": "dpa", "ansa": "ANSA", "efe": "EFE", "interfax": "Interfax", "tass": "TASS", "xinhua": "Xinhua"}


# Texts shorter than this are kept but flagged: a wire flash has ~30 words, a headline alone ~10.
SHORT_ARTICLE_WORDS = 20
# Under this many words the language is not guessed (py3langid calls "x" Afrikaans).
LANGUAGE_WORDS = 5


def read(inputs: str | Iterable[str], settings: Settings | None = None) -> ReadResult:
    """Read, clean and segment every article in the inputs (paths, folders, URLs, '-').

    Args:
        inputs (str | Iterable[str]): one input or several.
        settings (Settings, optional): options; defaults to `Settings()`.

    Returns:
        ReadResult: the articles, and a problem (input + reason) for each input that failed.
    """
    settings = settings or Settings()
    if isinstance(inputs, str):
        inputs = [inputs]
    result = ReadResult()
    seen_ids: set[str] = set()
    for item in iter_documents(inputs, settings):
        if isinstance(item, InputProblem):
            result.problems.append(item)
            continue
        try:
            article = to_article(item)
        except InputError as exc:
            result.problems.append(InputProblem(source=exc.source, reason=exc.reason))
            continue
        if article.id in seen_ids:
            result.problems.append(InputProblem(source=article.source, reason="duplicate of an article already read; counted once", level="warning"))
            continue
        seen_ids.add(article.id)
        result.articles.append(article)
    return result


def to_article(raw: RawDocument) -> Article:
    """Clean, describe and segment one raw document.

    Raises:
        InputError: nothing that reads as article text is left.
    """
    page = None
    if raw.html is not None:
        from .html import extract_page

        page = extract_page(raw.html, raw.source, raw.url)
        body = page.text
    else:
        body = raw.text or ""
    cleaned = clean_text(body, extracted=page is not None, title=raw.title or (page.title if page else None))
    if not cleaned.paragraphs:
        raise InputError(raw.source, f"no article text found ({len(cleaned.removed)} lines, all page furniture)")
    text = cleaned.text
    paragraphs, sentences = segment(text)
    url = raw.url or (page.url if page else None)
    warnings = list(raw.warnings)
    published = _published(raw, page, cleaned, warnings)
    words = len(text.split())
    language = detect_language(text) if words >= LANGUAGE_WORDS else None  # a few words say little of a language
    if language not in ("en", None):
        warnings.append(f"language looks like {language!r}, not English: analysis is tuned for English")
    if words < SHORT_ARTICLE_WORDS:
        warnings.append(f"only {words} word{'s' if words != 1 else ''}: too short for a news report")
    return Article(
        id=content_id(text), source=raw.source, url=url,
        outlet=_outlet(raw, page, cleaned, url),
        title=_tidy(raw.title or (page.title if page else None) or cleaned.title),
        byline=_tidy(raw.byline or (page.author if page else None) or cleaned.byline),
        dateline=cleaned.dateline, published=published, language=language, text=text,
        paragraphs=paragraphs, sentences=sentences, removed=cleaned.removed, warnings=warnings)


def _tidy(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None


def _outlet(raw: RawDocument, page, cleaned: CleanText, url: str | None) -> str | None:
    """Who published it, from the strongest evidence: explicit field, page, dateline, logo, byline, self-mention, host."""
    for candidate in (raw.outlet, page.sitename if page else None):
        if candidate and candidate.strip():
            return candidate.strip()
    for candidate in (cleaned.dateline_outlet, cleaned.logo_outlet, cleaned.masthead, cleaned.byline_outlet):
        if candidate:
            return _WIRE_AGENCIES.get(candidate.strip().lower(), candidate.strip())
    if cleaned.self_mention:
        return cleaned.self_mention
    if url and (host := urlsplit(url).hostname):
        return re.sub(r"^www\d?\.", "", host)
    return None


def _published(raw: RawDocument, page, cleaned: CleanText, warnings: list[str]) -> date | None:
    unreadable = False
    for candidate in (raw.published, page.date if page else None):
        if candidate:
            parsed = parse_date(candidate)
            if parsed:
                return parsed
            warnings.append(f"publication date {candidate!r} could not be read")
            unreadable = True
    # the first date/time line of the text that names a day ("Updated 5:40 PM" above "May 3, 2013" names none)
    found = next((day for line in cleaned.timestamps if (day := parse_timestamp(line))), None)
    if found is None and not unreadable:  # one note about the date, not two
        warnings.append("no publication date found")
    return found


def parse_date(value: str) -> date | None:
    """An ISO or free-form date string → date (None when it names no calendar day)."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value.strip())
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return parse_timestamp(value)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid)."""
    import py3langid

    language, _ = py3langid.classify(text[:5000])
    return language


__all__ = ["read", "to_article", "RemovedLine"]
