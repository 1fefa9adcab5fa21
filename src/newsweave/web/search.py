"""Story search beyond the story rows: the titles of a story's articles and the names they mention.

`Store` offers no such query, so it is built here from the store's tables and engine, in portable SQLAlchemy
(LIKE, lower(), CAST to text: the same SQL on SQLite and PostgreSQL).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from ..entities import name_key
from ..store import ARTICLES, Store, StoreError

def stories_by_word(store: Store, words: list[str]) -> dict[str, set[str]]:
    """Word → ids of the stories with an article whose title contains the word, or which names someone or
    something with a name starting with it (entity name keys: "peskov" finds "Dmitry Peskov", "Peskow").

    Raises:
        StoreError: the database cannot be read.
    """
    found: dict[str, set[str]] = {}
    try:
        with store.engine.connect() as conn:
            for word in dict.fromkeys(words):
                found[word] = set(conn.execute(_story_ids(word)).scalars())
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot search {store.name} ({type(exc).__name__})") from exc
    return found


def _story_ids(word: str) -> sa.Select:
    conditions = [ARTICLES.c.title.icontains(word, autoescape=True)]
    key = name_key(word)
    if key:  # keys are lower-case ASCII words in a JSON list: a name's word starts after '"' or ' '
        names = sa.cast(ARTICLES.c.entities, sa.Text)
        conditions += [names.like(f'%"{key}%'), names.like(f"% {key}%")]
    return (sa.select(ARTICLES.c.story_id).distinct()
            .where(ARTICLES.c.story_id.is_not(None), ARTICLES.c.junk_reason.is_(None), sa.or_(*conditions)))
