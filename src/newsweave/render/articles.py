"""Rendering read articles: a Rich table for people, JSON for programs."""

from __future__ import annotations

import json
from typing import Sequence

from rich.table import Table
from rich.text import Text

from ..models import Article


def articles_json(articles: Sequence[Article]) -> str:
    """The documented `read --format json` output: a list of article objects."""
    return json.dumps([a.model_dump(mode="json") for a in articles], ensure_ascii=False, indent=2)


def articles_table(articles: Sequence[Article]) -> Table:
    """One row per article: outlet, title, date, dateline, language, sentence and removed-line counts."""
    table = Table(title=f"{len(articles)} article(s) read", title_justify="left")
    for column, style in (("outlet", "bold"), ("title", ""), ("published", ""), ("dateline", ""), ("lang", ""),
                          ("sentences", "right"), ("removed", "right"), ("source", "dim")):
        table.add_column(column, justify="right" if style == "right" else "left",
                         style=style if style not in ("right",) else None, overflow="fold")
    for article in articles:  # Text cells: titles and names are shown as written, never parsed as Rich markup
        table.add_row(*(Text(value) for value in (
            article.label, article.title or "—", str(article.published or "—"), article.dateline or "—",
            article.language or "—", str(len(article.sentences)), str(len(article.removed)), article.source)))
    return table
