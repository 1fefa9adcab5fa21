"""ROUGE of newsweave's multi-document summariser against lead and sumy's classic extractive systems.

Usage: python benchmarks/summarization.py [--data ../shared/data] [--limit N] [--multinews-limit N]

Every system is cut to the same budget of whitespace words (100 for DUC 2004, 300 for Multi-News)
and scored with rouge-score (stemmed ROUGE-1/2/L F1 × 100, mean over the references of a cluster,
then over clusters). Primary: duc2004/dev, the set the summariser was tuned on; Multi-News is
reported as held-out data only (every source of a cluster is used; its noisy `kept` flags are not).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from rich.console import Console
from rich.table import Table
from rouge_score import rouge_scorer
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from newsweave.embed import default_encoder
from newsweave.segment import split_sentences
from newsweave.summarise import Candidate, summarise

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
DUC_WORDS = 100
MULTINEWS_WORDS = 300
METRICS = ("rouge1", "rouge2", "rougeL")
_WORD = re.compile(r"\w+(?:'\w+)?")

Cluster = list[list[str]]  # the sentences of each document of one cluster
System = Callable[[Cluster, int], str]


@dataclass
class Dataset:
    """One benchmark set: sentence-split clusters, their references and the word budget."""

    name: str
    words: int
    clusters: list[Cluster]
    references: list[list[str]]
    seconds: dict[str, float] = field(default_factory=dict)
    scores: dict[str, np.ndarray] = field(default_factory=dict)


class Tokenizer:
    """sumy's tokenizer interface on newsweave's sentence splitter (NLTK's punkt is not available)."""

    language = "english"

    def to_sentences(self, text: str) -> list[str]:
        return split_sentences(text)

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def load(path: Path, name: str, words: int, limit: int | None) -> Dataset:
    """Read a JSONL set of {documents, summaries} and split every document into sentences."""
    clusters: list[Cluster] = []
    references: list[list[str]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(clusters) >= limit:
                break
            row = json.loads(line)
            docs = [split_sentences(doc) for doc in row["documents"]]
            clusters.append([doc for doc in docs if doc])
            references.append(row["summaries"])
    return Dataset(name, words, clusters, references)


def truncate(text: str, words: int) -> str:
    """The first `words` whitespace words of a text."""
    return " ".join(text.split()[:words])


def newsweave_system(cluster: Cluster, words: int) -> str:
    """newsweave: every document is its own outlet (true of DUC and Multi-News)."""
    candidates = [
        Candidate(text=text, doc=d, position=p, outlet=str(d))
        for d, doc in enumerate(cluster)
        for p, text in enumerate(doc)
    ]
    embeddings = default_encoder().encode([c.text for c in candidates])
    return " ".join(candidates[i].text for i in summarise(candidates, embeddings, words=words))


def lead_system(cluster: Cluster, words: int) -> str:
    """First sentences of each document in turn, then the second ones, until the budget is met."""
    picked: list[str] = []
    total = 0
    for position in range(max(map(len, cluster), default=0)):
        for doc in cluster:
            if position < len(doc) and total < words:
                picked.append(doc[position])
                total += len(doc[position].split())
    return " ".join(picked)


class BudgetedKLSummarizer(KLSummarizer):
    """sumy's KL-Sum, its greedy ranking stopped once the picks fill the word budget.

    sumy ranks every sentence of the cluster, cubic in their number (minutes per DUC cluster);
    the picks that fill the budget, and so the summary, are the same.
    """

    words = 0  # set by the caller before each run

    def _compute_ratings(self, sentences: Sequence[Sentence]) -> dict[Sentence, int]:
        word_freq = self.compute_tf(sentences)
        remaining = list(sentences)
        remaining_words = [self._get_content_words_in_sentence(s) for s in sentences]
        summary: list[Sentence] = []
        ratings = {s: -len(sentences) for s in sentences}  # unpicked sentences rank last
        total = 0
        while remaining and total < self.words:
            summary_words = self._get_all_words_in_doc(summary)
            joint = [self._joint_freq(words, summary_words) for words in remaining_words]
            kls = [self._kl_divergence(freq, word_freq) for freq in joint]
            best = self._find_index_of_best_sentence(kls)
            sentence = remaining.pop(best)
            del remaining_words[best]
            ratings[sentence] = -len(summary)
            summary.append(sentence)
            total += len(str(sentence).split())
        return ratings


def sumy_system(summarizer_class: type) -> System:
    """A sumy summariser on the whole cluster, taking its best-rated sentences up to the budget."""
    summarizer = summarizer_class(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = Tokenizer()

    def run(cluster: Cluster, words: int) -> str:
        summarizer.words = words  # only BudgetedKLSummarizer reads it
        document = ObjectDocumentModel(
            [Paragraph([Sentence(text, tokenizer) for text in doc]) for doc in cluster]
        )

        def enough(ranked: Sequence) -> Sequence:
            # sumy hands the sentences best-rated first; keep as few as reach the budget
            total = 0
            for k, info in enumerate(ranked):
                total += len(str(info.sentence).split())
                if total >= words:
                    return ranked[: k + 1]
            return ranked

        return " ".join(str(s) for s in summarizer(document, enough))

    return run


SYSTEMS: dict[str, System] = {
    "newsweave": newsweave_system,
    "lead": lead_system,
    "LexRank": sumy_system(LexRankSummarizer),
    "TextRank": sumy_system(TextRankSummarizer),
    "LSA": sumy_system(LsaSummarizer),
    "Luhn": sumy_system(LuhnSummarizer),
    "KL": sumy_system(BudgetedKLSummarizer),
    "SumBasic": sumy_system(SumBasicSummarizer),
}


def rouge(scorer: rouge_scorer.RougeScorer, summary: str, references: list[str]) -> np.ndarray:
    """ROUGE-1/2/L F1 × 100 of one summary, averaged over its references."""
    per_reference = [scorer.score(reference, summary) for reference in references]
    return np.array([[s[m].fmeasure for m in METRICS] for s in per_reference]).mean(axis=0) * 100


def evaluate(dataset: Dataset, scorer: rouge_scorer.RougeScorer) -> None:
    """Run every system on every cluster of a dataset, recording mean scores and seconds."""
    for name, system in SYSTEMS.items():
        started = time.perf_counter()
        summaries = [truncate(system(cluster, dataset.words), dataset.words) for cluster in dataset.clusters]
        dataset.seconds[name] = time.perf_counter() - started
        dataset.scores[name] = np.mean(
            [rouge(scorer, s, refs) for s, refs in zip(summaries, dataset.references)], axis=0
        )


def table(datasets: list[Dataset]) -> Table:
    """One table: a row per system, ROUGE F1 and seconds per dataset."""
    budgets = ", ".join(f"{d.name} {len(d.clusters)} clusters at {d.words} words" for d in datasets)
    result = Table(title=f"Extractive multi-document summarisation, ROUGE F1 ×100 (stemmed); {budgets}")
    result.add_column("system")
    for dataset in datasets:
        for label in ("R-1", "R-2", "R-L", "s"):
            result.add_column(f"{dataset.name} {label}", justify="right")
    for name in SYSTEMS:
        cells = [name]
        for dataset in datasets:
            cells += [f"{v:.2f}" for v in dataset.scores[name]] + [f"{dataset.seconds[name]:.1f}"]
        result.add_row(*cells)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--limit", type=int, default=None, help="DUC clusters to use (default: all)")
    parser.add_argument("--multinews-limit", type=int, default=100, help="Multi-News clusters (0: skip)")
    args = parser.parse_args(argv)

    duc = args.data / "duc2004" / "dev.jsonl"
    multinews = args.data / "multinews" / "val.jsonl"
    if not duc.is_file():
        sys.exit(f"no DUC 2004 data at {duc.resolve()}: pass --data pointing at the shared data folder")

    console = Console(width=130)  # the table is wide; never squeeze it into a pipe's 80 columns
    datasets = [load(duc, "DUC04", DUC_WORDS, args.limit)]
    if args.multinews_limit > 0:
        if multinews.is_file():
            datasets.append(load(multinews, "MultiNews", MULTINEWS_WORDS, args.multinews_limit))
        else:
            console.print(f"[yellow]no Multi-News data at {multinews.resolve()}: skipped[/yellow]")

    started = time.perf_counter()
    default_encoder()  # load the model once, outside the timed runs
    load_seconds = time.perf_counter() - started

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    for dataset in datasets:
        evaluate(dataset, scorer)
    console.print(table(datasets))
    console.print(
        f"s = seconds per system; newsweave's include sentence encoding, "
        f"not the {load_seconds:.1f}s model load"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
