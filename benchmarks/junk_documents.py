"""Whole-document junk flag (newsweave.junk.reason) against Multi-News "irrelevant source" labels.

Usage: python benchmarks/junk_documents.py [DATA_DIR] [--limit N]

Data: <DATA_DIR>/multinews/val.jsonl, records `{id, documents, kept, summaries}`; `kept[i]` is false where a
majority of 5 LLM votes judged source i irrelevant to the cluster's summary. Those labels are noisy both ways:
they mark real news about a side topic as irrelevant, and keep many pure boilerplate documents (tweet-embed
notices, web-archive descriptions). So the table also shows, per reason, how many flagged documents the labels
call kept — read them as "labels disagree", not automatically as false positives.

Each document goes through the reader's cleaning (`articles.to_article`) like an ingested one. A document the
reader rejects (nothing but page furniture) is counted apart: the ingest reports it as failed, which also keeps it
out of stories. Documents are lowercased and tokenised, so capitalisation-based cleaning does less than on real
pages; only counts and rule names are printed, never document text.

Hand check of the flags (all distinct flagged texts read, 2025-11): every one is a page that is not news — tweet
location notices, web-archive crawl descriptions, comment/sign-up forms, video-player and error pages, a
"legacy Twitter" JavaScript wall, a one-line charity blurb. The labels call most of them "kept", so precision
against the labels is low while precision by reading is 1.0 on this set; recall against the labels is low because
most "not kept" documents are real news judged off-topic, which a whole-document junk flag must not catch (the
brief's own off-topic check handles those).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_DATA, console, data_argument, require, table  # noqa: E402

from newsweave.articles import to_article  # noqa: E402
from newsweave.errors import InputError  # noqa: E402
from newsweave.junk import reason  # noqa: E402
from newsweave.models import RawDocument  # noqa: E402


def _kind(text: str | None) -> str:
    if text is None:
        return "-"
    return text.split(" (", 1)[0]


def evaluate(path: Path, limit: int | None) -> tuple[list[tuple[bool, str | None, str | None, str]], float]:
    """(kept label, junk reason, reader rejection, text key) for every document, and seconds spent."""
    rows = []
    started = time.perf_counter()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                break
            record = json.loads(line)
            for index, (document, kept) in enumerate(zip(record["documents"], record["kept"])):
                try:
                    article = to_article(RawDocument(source=f"{record['id']}#{index}", text=document or " "))
                except InputError as exc:
                    rows.append((bool(kept), None, exc.reason, " ".join(document.split()[:30])))
                    continue
                rows.append((bool(kept), reason(article), None, " ".join(document.split()[:30])))
    return rows, time.perf_counter() - started


def _prf(flags: list[bool], gold: list[bool]) -> tuple[int, int, float, float, float]:
    tp = sum(f and g for f, g in zip(flags, gold))
    flagged, positives = sum(flags), sum(gold)
    p = tp / flagged if flagged else 0.0
    r = tp / positives if positives else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return flagged, tp, p, r, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    data_argument(parser, DEFAULT_DATA, "evaluation data folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    args = parser.parse_args()
    path = require(args.data / "multinews" / "val.jsonl", "Multi-News validation file")
    rows, seconds = evaluate(path, args.limit)
    gold = [not kept for kept, *_ in rows]  # positive = judged irrelevant
    junk = [r is not None for _, r, _, _ in rows]
    rejected = [e is not None for _, _, e, _ in rows]
    either = [j or e for j, e in zip(junk, rejected)]
    short = [r is not None and r.startswith("too short") for _, r, _, _ in rows]

    out = console()
    overview = []
    for name, flags in (("junk.reason", junk), ("  of which 'too short' only", short),
                        ("reader rejects (all furniture)", rejected), ("junk or rejected", either)):
        flagged, tp, p, r, f1 = _prf(flags, gold)
        overview.append([name, flagged, tp, f"{p:.2f}", f"{r:.2f}", f"{f1:.2f}"])
    out.print(table(f"Junk documents vs Multi-News 'not kept' ({len(rows)} documents, {sum(gold)} not kept, "
                    f"{seconds:.0f} s)", ["flag", "flagged", "of them not kept", "precision", "recall", "F1"], overview))
    counts: Counter[str] = Counter()
    not_kept: Counter[str] = Counter()
    texts: dict[str, set[str]] = {}
    for kept, why, rejection, key in rows:
        kind = _kind(why) if why else ("reader: " + _kind(rejection) if rejection else None)
        if kind:
            counts[kind] += 1
            not_kept[kind] += not kept
            texts.setdefault(kind, set()).add(key)
    out.print(table("Flagged documents by reason (distinct texts: the same boilerplate recurs across clusters)",
                    ["reason", "flagged", "distinct texts", "labelled not kept", "labelled kept"],
                    [[kind, count, len(texts[kind]), not_kept[kind], count - not_kept[kind]]
                     for kind, count in counts.most_common()]))


if __name__ == "__main__":
    main()
