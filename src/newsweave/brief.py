"""The story brief: embed → align → analyse → summarise, over the articles of one story."""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence, TypeVar

import numpy as np

from .align import SentenceRef, align, off_topic, outlet_keys
from .embed import Encoder, KnownVectors, default_encoder
from .errors import UsageError
from .models import Article, ArticleRef, Brief, ExcludedArticle, ReadResult, SummarySentence
from .settings import Settings

LOGGER = logging.getLogger(__name__)
MIN_SENTENCE_WORDS = 4  # shorter sentences ("He left.") state no fact of their own
SUPPORT_SIMILARITY = 0.65  # a summary sentence cites every other source with a sentence this close
T = TypeVar("T")


class _Timer:
    def __init__(self) -> None:
        self.stats: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.stats[f"{name}_s"] = round(time.perf_counter() - started, 4)


def brief(articles: Sequence[Article] | ReadResult, settings: Settings | None = None, *,
          encoder: Encoder | None = None) -> Brief:
    """The brief of one story: summary with citations, corroborated and unique facts, entities.

    Args:
        articles (Sequence[Article] | ReadResult): the story's articles, as `newsweave.read` gives them.
        settings (Settings, optional): options (summary word budget, batch size).
        encoder (Encoder, optional): sentence encoder; the packaged all-MiniLM-L6-v2 by default.

    Returns:
        Brief: the documented brief; `stats` holds stage timings in seconds.

    Raises:
        UsageError: no article to brief.
    """
    settings = settings or Settings()
    if isinstance(articles, ReadResult):
        articles = articles.articles
    articles = list({a.id: a for a in articles}.values())  # the same article given twice counts once
    if not articles:
        raise UsageError("no articles to brief")
    timer = _Timer()
    started = time.perf_counter()

    with timer.stage("model_load"):
        encoder = encoder or default_encoder()
        from .nlp import load_nlp, parse

        load_nlp()
    refs = [SentenceRef(i, j, s.text) for i, a in enumerate(articles) for j, s in enumerate(a.sentences)
            if len(s.text.split()) >= MIN_SENTENCE_WORDS]
    # spaCy parses on the other core while the encoder works (torch releases the GIL inside its operations)
    parsing = _in_background(parse, [a.text for a in articles])
    with timer.stage("embed"):
        embeddings = encoder.encode([r.text for r in refs], batch_size=settings.batch_size)
    encoder = KnownVectors(encoder, [r.text for r in refs], embeddings)  # later stages reuse these vectors

    excluded_idx = off_topic(_article_vectors(len(articles), refs, embeddings)) if len(articles) > 1 else []
    excluded = [ExcludedArticle(id=articles[i].id, source=articles[i].source,
                                reason="about a different event than the other articles") for i in excluded_idx]
    kept = [i for i in range(len(articles)) if i not in set(excluded_idx)]
    renumber = {old: new for new, old in enumerate(kept)}
    story = [articles[i] for i in kept]
    rows = [n for n, r in enumerate(refs) if r.article in renumber]
    refs = [SentenceRef(renumber[refs[n].article], refs[n].index, refs[n].text) for n in rows]
    embeddings = embeddings[rows]
    keys = outlet_keys(story)

    with timer.stage("align"):
        facts, unique, groups = align(story, refs, embeddings, keys)
    with timer.stage("parse"):  # what is left of the parse once the encoder is done
        docs = [doc for i, doc in enumerate(parsing.result()) if i in renumber]
    with timer.stage("entities"):
        from .entities import extract_entities

        entities = extract_entities(story, docs)
    from .quotes import extract_quotes

    # mostly encoder time (quote renderings), so it overlaps the Python work of the next stages
    quoting = _in_background(extract_quotes, story, docs, entities, encoder)
    with timer.stage("disagreements"):
        from .disagreements import find_disagreements

        disagreements = find_disagreements(story, refs, embeddings, keys, docs, groups=groups,
                                           encoder=encoder)
    with timer.stage("timeline"):
        from .timeline import build_timeline

        timeline, date_notes = build_timeline(story, docs, refs, embeddings)
    with timer.stage("summarise"):
        summary = _summary(story, refs, embeddings, keys, groups, settings.summary_words)
    with timer.stage("quotes"):  # what is left of it once the other stages are done
        quotes = quoting.result()

    notes = []
    if len({*keys}) == 1:
        notes.append("Only one source: nothing in this brief is corroborated by another outlet.")
    if excluded:
        notes.append(f"{len(excluded)} article(s) left out as being about a different event: "
                     + ", ".join(e.source for e in excluded))
    timer.stats["total_s"] = round(time.perf_counter() - started, 4)
    timer.stats.update(articles=len(story), sentences=len(refs))
    return Brief(
        title=next((a.title for a in story if a.title), None) or (summary[0].text if summary else None),
        articles=[_reference(a, date_notes.get(a.id)) for a in story],
        excluded=excluded, summary=summary, facts=facts, unique=unique, entities=entities,
        quotes=quotes, disagreements=disagreements, timeline=timeline,
        notes=notes, stats=timer.stats)


def _in_background(function: Callable[..., T], *args) -> Future[T]:
    """`function(*args)` on a worker thread of its own, which ends with it."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-brief")
    future = pool.submit(function, *args)
    pool.shutdown(wait=False)
    return future


def _reference(article: Article, date_note: str | None) -> ArticleRef:
    """The brief's entry for an article, with its caveats (an inferred publication date among them)."""
    warnings = [w for w in article.warnings if not (date_note and w == "no publication date found")]
    return ArticleRef(id=article.id, source=article.source, outlet=article.outlet, title=article.title,
                      published=article.published, warnings=warnings + ([date_note] if date_note else []))


def _article_vectors(count: int, refs: Sequence[SentenceRef], embeddings: np.ndarray) -> np.ndarray:
    vectors = np.zeros((count, embeddings.shape[1] if len(embeddings) else 384), dtype=np.float32)
    for ref, vector in zip(refs, embeddings):
        vectors[ref.article] += vector
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _inside_quotation(article: Article, index: int) -> bool:
    """True for a sentence in the middle of someone's multi-sentence quotation: out of context it misleads."""
    return article.quoted_at(index, article.sentences[index].start)


def _summary(story: Sequence[Article], refs: Sequence[SentenceRef], embeddings: np.ndarray, keys: Sequence[str],
             groups: Sequence[Sequence[int]], words: int) -> list[SummarySentence]:
    from .summarise import Candidate, summarise

    usable = [n for n, r in enumerate(refs) if not _inside_quotation(story[r.article], r.index)]
    candidates = [Candidate(text=refs[n].text, doc=refs[n].article, position=refs[n].index, outlet=keys[refs[n].article])
                  for n in usable]
    chosen = [usable[k] for k in summarise(candidates, embeddings[usable], words=words)]
    group_of = {i: g for g in groups for i in g}
    similarity = embeddings @ embeddings.T if len(embeddings) else np.zeros((0, 0))
    summary = []
    for i in chosen:
        supporters = set(group_of.get(i, [i])) | {j for j in np.flatnonzero(similarity[i] >= SUPPORT_SIMILARITY)}
        articles = sorted({refs[j].article for j in supporters} | {refs[i].article})
        summary.append(SummarySentence(text=refs[i].text, sources=[story[a].id for a in articles]))
    return summary
