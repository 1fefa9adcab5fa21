"""Article-body extraction on the ScrapingHub benchmark: plain trafilatura against newsweave's HTML path.

Usage: python benchmarks/extraction.py [DATA_DIR/extraction] [--n-bootstrap N] [--worst K] [--seed S]

Scoring is the benchmark's own (scrapinghub/article-extraction-benchmark, evaluate.py), re-implemented:
tokens are `\\w+` matches (case kept), a page's text becomes the multiset of its 4-token shingles
(a text of fewer than 4 tokens is one short shingle), TP/FP/FN are multiset overlaps and are divided
by TP+FP+FN so every page weighs the same. Precision is the mean over pages with TP+FP > 0, recall the
mean over pages with TP+FN > 0, and F1 the harmonic mean of those two means (not a mean of page F1s).
"±" is the benchmark's bootstrap half-width: 1.96 × stdev of the metric over N resamples of the pages
(N=1000, as in evaluate.py; the seed is fixed here so runs repeat).

Systems:
  trafilatura           trafilatura.extract(html, url=url), default settings
  newsweave             newsweave.articles.to_article(RawDocument(html=..., url=...)).text ('' on InputError)
  newsweave + title     the same, with the article title prepended
  newsweave, uncleaned  the text newsweave's own trafilatura call returned, before newsweave's cleaner
                        (captured inside the newsweave run; splits extraction settings from cleaning)

Diagnostics after the main table: paired bootstrap differences against trafilatura, page counts where
newsweave wins or loses (page F1 = harmonic mean of that page's precision and recall), every line the
cleaner removed by reason and whether the gold body holds it, and the pages where newsweave loses most,
with their removed lines. Page text goes to the terminal only; nothing from the data set is written.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_DATA, console, data_argument, load_extraction, table  # noqa: E402

TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
SHINGLE = 4
LISTED = 25  # removed lines listed a page
Counts = tuple[float, float, float]


# --- the benchmark's metric -------------------------------------------------------------------

def shingles(text: str, n: int = SHINGLE) -> Counter:
    """Multiset of n-token shingles of a text, as the benchmark builds them."""
    tokens = TOKEN.findall(text or "")
    grams = (tuple(tokens[i:i + n]) for i in range(0, max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def page_counts(true: str, pred: str) -> Counts:
    """Normalised (TP, FP, FN) of one page."""
    gold, guess = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in gold.keys() | guess.keys():
        g, p = gold.get(key, 0), guess.get(key, 0)
        tp += min(g, p)
        fp += max(0, p - g)
        fn += max(0, g - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(counts: list[Counts]) -> dict[str, float]:
    """Macro precision and recall over pages, and F1 of the two means."""
    precision = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0])
    recall = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0])
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


def bootstrap(counts: list[Counts], n_bootstrap: int, rng: random.Random) -> dict[str, float]:
    """1.96 × stdev of each metric over resamples of the pages (the benchmark's "±")."""
    values: dict[str, list[float]] = {}
    n = len(counts)
    for _ in range(n_bootstrap):
        sample = [counts[rng.randint(0, n - 1)] for _ in range(n)]
        for key, value in metrics(sample).items():
            values.setdefault(key, []).append(value)
    return {key: 1.96 * statistics.stdev(v) for key, v in values.items()}


def bootstrap_difference(counts: list[Counts], other: list[Counts], n_bootstrap: int,
                         rng: random.Random) -> dict[str, tuple[float, float]]:
    """Paired bootstrap of metric differences (evaluate.py --bootstrap-differences): mean and 1.96 × stdev."""
    diffs: dict[str, list[float]] = {}
    n = len(counts)
    for _ in range(n_bootstrap):
        indices = [rng.randint(0, n - 1) for _ in range(n)]
        ours, theirs = metrics([counts[i] for i in indices]), metrics([other[i] for i in indices])
        for key in ours:
            diffs.setdefault(key, []).append(ours[key] - theirs[key])
    return {key: (statistics.mean(v), 1.96 * statistics.stdev(v)) for key, v in diffs.items()}


def page_f1(c: Counts) -> float:
    p, r = _precision(*c), _recall(*c)
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


# --- the systems --------------------------------------------------------------------------------

@dataclass
class Run:
    """What one system predicted for every page, and how long it took."""

    name: str
    predictions: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    failures: int = 0


@dataclass
class NewsweaveDetail:
    """newsweave's article per page (for the error analysis) and its pre-cleaning text."""

    articles: dict = field(default_factory=dict)
    uncleaned: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def run_trafilatura(truth: dict, pages: dict[str, str]) -> Run:
    import trafilatura

    first = next(iter(pages))
    trafilatura.extract(pages[first], url=truth[first]["url"])  # warm-up: lazy imports, caches
    run = Run("trafilatura")
    start = time.perf_counter()
    for key, html in pages.items():
        text = trafilatura.extract(html, url=truth[key]["url"])
        if not text:
            run.failures += 1
        run.predictions[key] = text or ""
    run.seconds = time.perf_counter() - start
    return run


def run_newsweave(truth: dict, pages: dict[str, str]) -> tuple[Run, NewsweaveDetail]:
    import newsweave.html
    from newsweave.articles import to_article
    from newsweave.errors import InputError
    from newsweave.models import RawDocument

    detail = NewsweaveDetail()
    original = newsweave.html.extract_page
    current: list[str] = []

    def capturing(html: str, source: str, url: str | None = None):
        page = original(html, source, url)
        detail.uncleaned[current[0]] = page.text
        return page

    first = next(iter(pages))
    try:
        to_article(RawDocument(source=first, html=pages[first], url=truth[first]["url"]))  # warm-up
    except InputError:
        pass
    run = Run("newsweave")
    newsweave.html.extract_page = capturing
    try:
        start = time.perf_counter()
        for key, html in pages.items():
            current[:] = [key]
            try:
                article = to_article(RawDocument(source=key, html=html, url=truth[key]["url"]))
            except InputError as exc:
                detail.errors[key] = exc.reason
                run.failures += 1
                run.predictions[key] = ""
                continue
            detail.articles[key] = article
            run.predictions[key] = article.text
        run.seconds = time.perf_counter() - start
    finally:
        newsweave.html.extract_page = original
    return run, detail


# --- reports ----------------------------------------------------------------------------------

def gold_share(line: str, gold: str) -> float:
    """Share of a line's 4-token shingles found in the gold body (1.0: the line is article text).

    A line of fewer than 4 tokens scores 1.0 when it is, token for token, a whole line of the gold body
    (or, for a gold body without line breaks, when its tokens occur there in order and adjacent).
    """
    tokens = TOKEN.findall(line)
    if not tokens:
        return 0.0
    if len(tokens) < SHINGLE:
        if "\n" in gold.strip():
            return 1.0 if any(TOKEN.findall(g) == tokens for g in gold.splitlines()) else 0.0
        return 1.0 if f" {' '.join(tokens)} " in f" {' '.join(TOKEN.findall(gold))} " else 0.0
    own, reference = shingles(line), shingles(gold)
    return sum(min(c, reference.get(k, 0)) for k, c in own.items()) / sum(own.values())


def print_pages(out, title: str, keys: list[str], truth: dict, golds: dict[str, str], base: dict[str, float],
                raw: dict[str, float], ours: dict[str, float], detail: NewsweaveDetail) -> None:
    """A table of pages (F1 of trafilatura, of newsweave before and after cleaning), then each page's removed lines."""
    from newsweave.clean import clean_text

    rows = [[k[:16], truth[k]["url"][:60], f"{base[k]:.3f}", f"{raw[k]:.3f}", f"{ours[k]:.3f}",
             f"{raw[k] - base[k]:+.3f}", f"{ours[k] - raw[k]:+.3f}"] for k in keys]
    out.print(table(title, ["id", "url", "trafilatura", "nw uncleaned", "newsweave", "Δ extraction", "Δ cleaning"],
                    rows, right_from=2))
    for key in keys:
        gold = golds[key]
        if key in detail.articles:
            removed = detail.articles[key].removed
            note = ""
        else:  # InputError: show what the cleaner did to the extracted text
            removed = clean_text(detail.uncleaned.get(key, "")).removed
            note = f" [InputError: {detail.errors.get(key)}]"
        out.print(f"{key[:16]}{note} removed lines (GOLD = line is in the gold body; share of shingles, reason, line):",
                  highlight=False, markup=False)
        for line in removed[:LISTED]:
            share = gold_share(line.text, gold)
            mark = "GOLD" if share >= 0.5 else "    "
            out.print(f"  {mark} {share:4.2f} {line.reason:<18} {line.text[:90]!r}", highlight=False, markup=False)
        if len(removed) > LISTED:
            rest = removed[LISTED:]
            in_gold = sum(1 for line in rest if gold_share(line.text, gold) >= 0.5)
            out.print(f"  … and {len(rest)} more removed lines ({in_gold} GOLD)", highlight=False, markup=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    data_argument(parser, DEFAULT_DATA / "extraction", "folder with html/ and ground-truth.json")
    parser.add_argument("--n-bootstrap", type=int, default=1000, help="bootstrap resamples (evaluate.py: 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the bootstrap resampling")
    parser.add_argument("--worst", type=int, default=5, help="pages listed where newsweave loses most")
    args = parser.parse_args(argv)
    out = console()

    truth, pages = load_extraction(args.data)
    golds = {k: v.get("articleBody", "") for k, v in truth.items()}

    traf = run_trafilatura(truth, pages)
    news, detail = run_newsweave(truth, pages)
    titled = Run("newsweave + title", seconds=news.seconds, failures=news.failures)
    uncleaned = Run("newsweave, uncleaned", failures=sum(1 for k in pages if k not in detail.uncleaned))
    for key in pages:
        article = detail.articles.get(key)
        titled.predictions[key] = f"{article.title}\n\n{article.text}" if article and article.title else news.predictions[key]
        uncleaned.predictions[key] = detail.uncleaned.get(key, "")
    runs = [traf, news, titled, uncleaned]

    counts = {run.name: [page_counts(golds[k], run.predictions[k]) for k in pages] for run in runs}
    rows = []
    for run in runs:
        m = metrics(counts[run.name])
        ci = bootstrap(counts[run.name], args.n_bootstrap, random.Random(args.seed))
        timing = (f"{run.seconds:.1f}", f"{len(pages) / run.seconds:.1f}") if run.seconds else ("(in newsweave)", "")
        rows.append([run.name, f"{m['precision']:.3f} ± {ci['precision']:.3f}", f"{m['recall']:.3f} ± {ci['recall']:.3f}",
                     f"{m['f1']:.3f} ± {ci['f1']:.3f}", run.failures, *timing])
    out.print(table(f"ScrapingHub article-extraction benchmark: {len(pages)} pages, body P/R/F1 on 4-token shingles "
                    f"(± = 1.96 sd, {args.n_bootstrap} bootstraps)",
                    ["system", "precision", "recall", "F1", "empty", "seconds", "pages/s"], rows))

    rows = []
    for run in runs[1:]:
        diff = bootstrap_difference(counts[run.name], counts["trafilatura"], args.n_bootstrap, random.Random(args.seed))
        rows.append([f"{run.name} − trafilatura", *(f"{diff[k][0]:+.3f} ± {diff[k][1]:.3f}" for k in ("precision", "recall", "f1"))])
    out.print(table("Paired bootstrap differences against trafilatura (evaluate.py --bootstrap-differences)",
                    ["comparison", "precision", "recall", "F1"], rows))

    # Page by page: where newsweave differs from plain trafilatura, and whether extraction or cleaning is why.
    base = {k: page_f1(c) for k, c in zip(pages, counts["trafilatura"])}
    ours = {k: page_f1(c) for k, c in zip(pages, counts["newsweave"])}
    raw = {k: page_f1(c) for k, c in zip(pages, counts["newsweave, uncleaned"])}
    worse = sum(1 for k in pages if ours[k] < base[k] - 1e-9)
    better = sum(1 for k in pages if ours[k] > base[k] + 1e-9)
    cleaning_hurt = sum(1 for k in pages if ours[k] < raw[k] - 1e-9)
    cleaning_helped = sum(1 for k in pages if ours[k] > raw[k] + 1e-9)
    out.print(table("Page F1, newsweave vs trafilatura", ["comparison", "pages"], [
        ["newsweave better than trafilatura", better], ["newsweave worse than trafilatura", worse],
        ["cleaning raised page F1 (vs uncleaned)", cleaning_helped], ["cleaning lowered page F1 (vs uncleaned)", cleaning_hurt],
        ["newsweave raised InputError", len(detail.errors)]]))

    # Every whole line newsweave's cleaner removed, judged against the gold body.
    per_reason: dict[str, list[int]] = {}
    for key, article in detail.articles.items():
        gold = golds[key]
        for line in article.removed:
            stats = per_reason.setdefault(line.reason, [0, 0, 0])
            share = gold_share(line.text, gold)
            stats[0] += 1
            stats[1] += share >= 0.5
            stats[2] += len(TOKEN.findall(line.text)) if share >= 0.5 else 0
    rows = [[reason, n, gold, n - gold, words] for reason, (n, gold, words) in
            sorted(per_reason.items(), key=lambda item: -item[1][1])]
    out.print(table("Lines removed by newsweave's cleaner on the pages it read, by reason "
                    "(gold text = ≥50% of the line's 4-token shingles, or a shorter line's tokens, are in the gold body)",
                    ["reason", "removed", "gold text", "not in gold", "gold words lost"], rows))

    losses = sorted(pages, key=lambda k: ours[k] - base[k])[: args.worst]
    print_pages(out, f"The {args.worst} pages where newsweave loses most against trafilatura (page F1)",
                losses, truth, golds, base, raw, ours, detail)
    cleaning = sorted(pages, key=lambda k: ours[k] - raw[k])[: args.worst]
    print_pages(out, f"The {args.worst} pages where newsweave's cleaning loses most (page F1, cleaned vs uncleaned)",
                cleaning, truth, golds, base, raw, ours, detail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
