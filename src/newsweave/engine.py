"""Corpus mode's per-article work — clean, embed, entity keys, copy signature, junk — in this process or on Dask.

    raw documents ─ batches of BATCH_ARTICLES ─▶ process_batch (here, or one task per batch on a Dask worker)
                  ─▶ Processed, in input order ─▶ the caller's global steps (copy index, story clusterer, store)

The article vector is the MiniLM embedding of the lead (title and first sentences, cut at LEAD_WORDS words) next to
a signed hashed bag of the title and text's words (log count × rarity: RARE_ZIPF minus the word's Zipf frequency in
general English from wordfreq, so names and numbers weigh most; English stop words dropped), weighted so that the
cosine of two articles is SEMANTIC_WEIGHT × lead cosine + (1 − SEMANTIC_WEIGHT) × word cosine. Entity keys come
from capitalised phrases, not spaCy NER. Why, measured on ECB+ dev (413 articles, 16 sentences and 385 words each;
one core of the shared 2-core machine; single-pass clustering at each vector's best threshold, file order):

    vector                                  CPU per article    B-cubed F1
    MiniLM, mean of every sentence          ~160 ms            0.80
    MiniLM, lead passage (64 / 128 tokens)  18 / 38 ms         0.84 / 0.86
    hashed words (1,024 dims)               < 1 ms             0.87
    TF-IDF over the whole file (not streamable)                0.86
    + entity overlap in the clusterer: hashed 0.89; 0.3 lead + 0.7 hashed 0.88-0.89 (3 shuffled orders: 0.85 both)

    entity keys                             CPU per article    F1 with hashed words
    spaCy NER (tok2vec+ner), whole text     39 ms (6,300 words/s; full pipeline 50 ms)   0.887
    spaCy NER, first 5 sentences            18 ms              0.875
    capitalised phrases (here)              0.4-1.3 ms         0.888

Which words, and how weighed (same set; AUC: how well the cosine of two articles of one topic tells whether they
report the same one of its two events; F1: `stories.StoryClusterer` without entity term or retirement, file order /
mean of 10 shuffles, at the open threshold and cohesion share with the best shuffled mean):

    0.3 lead + 0.7 hashed words of                        AUC      F1
    the text, plain log counts (before)                   0.900    0.893 / 0.884
    title and text                                        0.909    0.895 / 0.891
    title and text, × rarity (here; 0.4 ms per article)   0.924    0.894 / 0.902 (0.912 / 0.898 at the defaults)
    the same in 2,048 dims                                         0.881 / 0.894
    the same, lead weight 0.2 / 0.4                                0.919 / 0.895, 0.924 / 0.894
    × rarity from wordfreq's small list (29k words)       0.916

The rarity weights also carry what separates two similar events better than any extra key did: names, numbers
(tolls, magnitudes, ages, years: none is in the list) and rare words. wordfreq's large English list costs 2 s and
~40 MB once per process.
Embedding every sentence is the slowest and the worst; the lead passage adds nothing measurable on ECB+ (whose two
events per topic share their topic's words, a lexical task) but is kept at 0.3 for reports of one event told in
different words. CPU per article of `process` (one thread, synthetic 90-word articles of benchmarks/scale.py):
to_article 3.0 ms, entity keys 1.3, MinHash signature 0.4, junk verdict 0.6, hashed words 0.1 (0.4 with the rarity
weights on ECB+'s 385-word articles), lead embedding 20 — ~25 ms in all, ~80 articles/s on 2 cores
(SEMANTIC_WEIGHT = 0 cuts it to ~5.5 ms). spaCy NER alone would spend the whole 40 ms-per-article budget of 50
articles/s on 2 cores.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any, Iterable, Iterator, Sequence

import numpy as np

from .errors import InputError, UsageError
from .models import Article, InputProblem, RawDocument
from .settings import Settings

LOGGER = logging.getLogger(__name__)

# Articles per batch: one encoder call, one Dask task.
BATCH_ARTICLES = 64
# The lead passage embedded for an article: its title and first sentences, cut at this many words.
LEAD_WORDS = 40
# Dimensions of the hashed bag of words.
LEXICAL_DIMS = 1024
# A word's weight in the hashed words: RARE_ZIPF minus its Zipf frequency (log10 per billion words: "the" 7.7,
# "police" 5.4, "rehab" 4.0), at least COMMON_WORD_WEIGHT.
RARE_ZIPF = 8.0
COMMON_WORD_WEIGHT = 0.5
# Share of the article cosine that comes from the lead embedding (the rest from the hashed words).
SEMANTIC_WEIGHT = 0.3
# Batches handed to Dask ahead of the one being read, per worker (bounds memory on long streams).
DASK_AHEAD_PER_WORKER = 2

_TOKEN = re.compile(r"[A-Za-z][\w'’.&-]*\w|[A-Za-z]")
_JOINERS = {"of", "de", "du", "da", "del", "della", "van", "von", "der", "den", "la", "le", "al", "bin", "el", "and",
            "&"}
_NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
              "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
              "mr", "mrs", "ms", "dr", "i", "am", "pm", "tv", "http", "https", "www", "com"}


@dataclass
class Processed:
    """One raw document after the per-article work: the clean article (or the problem) and what clustering needs."""

    raw_sha256: str
    """SHA-256 of the raw document (`newsweave.ingest.raw_sha256`): re-ingesting it is a no-op."""
    source: str
    """Where the raw document came from."""
    article: Article | None
    """The clean article; None when the document could not be read."""
    problem: InputProblem | None
    """Why there is no article (or a caveat)."""
    vector: np.ndarray | None
    """Unit article vector for story clustering (float32)."""
    entities: frozenset[str]
    """Entity name keys (`entities.name_key` of the names the article mentions)."""
    signature: Any | None
    """`dedupe.signature` of the clean text (a datasketch LeanMinHash)."""
    junk: str | None
    """`junk.reason` of the article: why it is not news, or None."""

    @property
    def published(self) -> date | None:
        """The article's publication date, when known."""
        return self.article.published if self.article else None


def process(raws: Iterable[RawDocument], settings: Settings, *, engine: str = "local",
            scheduler: str | None = None) -> Iterator[Processed]:
    """Per-article work over a stream of raw documents, results in input order.

    Args:
        raws (Iterable[RawDocument]): the documents, read lazily.
        settings (Settings): options (`batch_size`: sentences per encoder batch).
        engine (str, optional): "local" (this process) or "dask" (a Dask distributed cluster). Defaults to "local".
        scheduler (str, optional): address of a running Dask scheduler; None starts a LocalCluster for the call.

    Returns:
        Iterator[Processed]: one per raw document; a document that could not be read carries `problem`.

    Raises:
        UsageError: an unknown engine.
    """
    if engine == "local":
        return _locally(raws, settings)
    if engine == "dask":
        return _on_dask(raws, settings, scheduler)
    raise UsageError(f"unknown engine {engine!r}: use 'local' or 'dask'")


def process_batch(raws: Sequence[RawDocument], settings: Settings) -> list[Processed]:
    """The per-article work for one batch: clean each document, then embed all leads in one encoder call."""
    from .dedupe import signature
    from .junk import reason

    out: list[Processed] = []
    for raw in raws:
        sha = raw_sha256(raw)
        try:
            article = _to_article(raw)
            out.append(Processed(raw_sha256=sha, source=raw.source, article=article, problem=None, vector=None,
                                 entities=entity_keys(article), signature=signature(article.text),
                                 junk=reason(article)))
        except InputError as exc:
            out.append(_failed(sha, raw.source, InputProblem(source=exc.source, reason=exc.reason)))
        except Exception as exc:  # one bad document never stops a batch
            LOGGER.warning("discarding %s: %s", raw.source, exc, exc_info=True)
            out.append(_failed(sha, raw.source, InputProblem(source=raw.source, reason=f"could not process ({exc})")))
    done = [item for item in out if item.article is not None]
    if done:
        vectors = article_vectors([item.article for item in done], batch_size=settings.batch_size)
        for item, vector in zip(done, vectors):
            item.vector = vector
    return out


def article_vectors(articles: Sequence[Article], *, batch_size: int = 16, encoder=None) -> np.ndarray:
    """Unit article vectors (n × (384 + LEXICAL_DIMS), float32): weighted lead embedding next to hashed words.

    Args:
        articles (Sequence[Article]): clean articles.
        batch_size (int, optional): passages per encoder batch. Defaults to 16.
        encoder (Encoder, optional): sentence encoder; the packaged all-MiniLM-L6-v2 by default.

    Returns:
        np.ndarray: one unit row per article.
    """
    lexical = lexical_vectors([f"{a.title}\n{a.text}" if a.title else a.text for a in articles])
    if SEMANTIC_WEIGHT > 0:
        from .embed import default_encoder

        encoder = encoder or default_encoder()
        semantic = encoder.encode([lead(a) for a in articles], batch_size=batch_size)
        vectors = np.hstack([np.sqrt(SEMANTIC_WEIGHT) * semantic, np.sqrt(1 - SEMANTIC_WEIGHT) * lexical])
    else:
        vectors = lexical
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def lead(article: Article) -> str:
    """The passage embedded for an article: its title and first sentences, at most LEAD_WORDS words."""
    parts = [article.title] if article.title else []
    parts += [s.text for s in article.sentences] or [article.text]
    words = " ".join(parts).split()
    return " ".join(words[:LEAD_WORDS])


def lexical_vectors(texts: Sequence[str]) -> np.ndarray:
    """Signed hashed bags of words, unit rows (n × LEXICAL_DIMS): log count × rarity per word, stop words dropped.

    Rarity is RARE_ZIPF − the word's Zipf frequency in general English (wordfreq), at least COMMON_WORD_WEIGHT: a
    word no list holds — a name, a number, a date's digits — weighs most, so "Tara Reid" or a toll of 23 counts more
    than "rehab" or "police".
    """
    from collections import Counter

    from sklearn.feature_extraction import FeatureHasher

    words = _hasher().build_analyzer()
    rarity = _rarity()
    bags = [{word: np.log1p(count) * rarity(word) for word, count in Counter(words(text)).items()} for text in texts]
    # the buckets and signs of HashingVectorizer: vectors of earlier versions (plain counts) stay comparable
    matrix = FeatureHasher(n_features=LEXICAL_DIMS, alternate_sign=True, input_type="dict").transform(bags)
    dense = matrix.toarray().astype(np.float32)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return dense / np.where(norms == 0, 1.0, norms)


def entity_keys(article: Article) -> frozenset[str]:
    """Name keys of the capitalised phrases of an article ("Palm Ridge Clinic", "Dana Orrick"), titles dropped.

    A run of capitalised words (with "of", "de", "van", … inside) is a name. A capitalised word opening a sentence
    starts a name only when the article also capitalises it mid-sentence, or when another capitalised word follows
    ("Production at the site" and "Shares of Polmar Media" give no "Production" or "Shares"). Cheaper than spaCy
    NER by two orders of magnitude and as useful for clustering (see the module docstring).
    """
    from .entities import bare_name, name_key

    stop, skip_first, trailing = _word_sets()
    texts = [s.text for s in article.sentences] or [article.text]
    if article.title:
        texts.append(article.title)
    sentences = [_TOKEN.findall(text) for text in texts]
    inner = {token for tokens in sentences for token in tokens[1:] if token[0].isupper()}
    keys: set[str] = set()
    for tokens in sentences:
        runs: list[list[str]] = []
        run: list[str] = []
        for index, token in enumerate(tokens):
            if token[0].isupper() and not (index == 0 and token.lower() in skip_first):
                run.append(token)
            elif run and token.lower() in _JOINERS:
                run.append(token)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        for number, run in enumerate(runs):
            opens = number == 0 and tokens and run[0] == tokens[0]
            if opens and run[0] not in inner and (len(run) == 1 or run[1].lower() in _JOINERS):
                run = run[1:]
                while run and run[0].lower() in _JOINERS:
                    run = run[1:]
            while run and run[-1].lower() in trailing:
                run = run[:-1]
            while run and run[0].lower() in skip_first:
                run = run[1:]
            if run:
                key = name_key(bare_name(" ".join(run)))
                if len(key) >= 3 and key not in skip_first:
                    keys.add(key)
    return frozenset(keys)


def raw_sha256(raw: RawDocument) -> str:
    """The ingest's SHA-256 of a raw document (content and given metadata, not where it was read from)."""
    from .ingest import raw_sha256 as sha

    return sha(raw)


# ── internals ────────────────────────────────────────────────────────────────────────────────────


_HASHER = None
_RARITY = None
_WORD_SETS: tuple[frozenset[str], frozenset[str], frozenset[str]] | None = None


def _word_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """spaCy's English stop words; words that never open a name; words that never end one."""
    global _WORD_SETS
    if _WORD_SETS is None:
        from spacy.lang.en.stop_words import STOP_WORDS

        stop = frozenset(STOP_WORDS)
        _WORD_SETS = (stop, stop | _NOT_NAMES, stop | _JOINERS)
    return _WORD_SETS


def _hasher():
    global _HASHER
    if _HASHER is None:
        from sklearn.feature_extraction.text import HashingVectorizer

        _HASHER = HashingVectorizer(n_features=LEXICAL_DIMS, alternate_sign=True, norm=None, stop_words="english")
    return _HASHER


def _rarity():
    """word → RARE_ZIPF − its Zipf frequency in English (at least COMMON_WORD_WEIGHT), memoised per word."""
    global _RARITY
    if _RARITY is None:
        from functools import lru_cache

        from wordfreq import get_frequency_dict

        frequencies = get_frequency_dict("en", "large")

        @lru_cache(maxsize=1 << 18)
        def rarity(word: str) -> float:
            frequency = frequencies.get(word, 0.0)
            zipf = np.log10(frequency * 1e9) if frequency > 0 else 0.0
            return float(max(COMMON_WORD_WEIGHT, RARE_ZIPF - zipf))

        _RARITY = rarity
    return _RARITY


def _to_article(raw: RawDocument) -> Article:
    from .articles import to_article

    return to_article(raw)


def _failed(sha: str, source: str, problem: InputProblem) -> Processed:
    return Processed(raw_sha256=sha, source=source, article=None, problem=problem, vector=None,
                     entities=frozenset(), signature=None, junk=None)


def _batches(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _locally(raws: Iterable[RawDocument], settings: Settings) -> Iterator[Processed]:
    for batch in _batches(raws, BATCH_ARTICLES):
        yield from process_batch(batch, settings)


def _on_dask(raws: Iterable[RawDocument], settings: Settings, scheduler: str | None) -> Iterator[Processed]:
    """Batches as tasks on a Dask cluster, a bounded number in flight; results yielded in input order."""
    from collections import deque

    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        ahead = DASK_AHEAD_PER_WORKER * workers + 1
        pending: deque = deque()
        for batch in _batches(raws, BATCH_ARTICLES):
            pending.append(client.submit(process_batch, batch, settings, pure=False))
            while len(pending) >= ahead:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["Processed", "process", "process_batch", "article_vectors", "entity_keys", "lexical_vectors", "lead"]
