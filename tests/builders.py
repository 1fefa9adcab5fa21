"""Builders shared by the test modules: Articles made straight from clean text, no reading involved."""

from __future__ import annotations

from datetime import date

from newsweave.models import Article, content_id
from newsweave.segment import segment


def make_article(text: str, outlet: str, published: date | None = None, title: str | None = None, *,
                 source: str | None = None) -> Article:
    """An Article built straight from clean text (paragraphs and sentences segmented, language English)."""
    paragraphs, sentences = segment(text)
    return Article(id=content_id(text), source=source or f"{outlet}.txt", outlet=outlet, text=text, title=title,
                   published=published, paragraphs=paragraphs, sentences=sentences, language="en")
