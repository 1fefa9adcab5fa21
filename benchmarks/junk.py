"""Junk-line precision/recall of newsweave's cleaner on hand-labelled scraped text.

Usage: python benchmarks/junk.py [DATA_DIR] [--seeds FOLDER]

Sets (each `{file: [{"line": N, "label": L, "credit": true?}]}`, N 1-based over `text.splitlines()`):
  seeds     <DATA_DIR>/../seeds/*.txt, labels in benchmarks/labels/seeds.json (real scrapes; only line
            numbers are ever printed for them, never their text)
  fixtures  tests/fixtures/scraped/*.txt, labels in tests/fixtures/scraped/labels.json
  examples  examples/story/*.txt, labels in tests/fixtures/scraped/labels_examples.json

Gold junk: every label except body (junk, title, byline, timestamp, dateline_only: nothing that may
stand in the article body). Predicted junk: newsweave.articles.read() keeps no part of the line in the
clean body. A body line that only lost its dateline prefix or its wire credit ("(Reporting by …)")
is kept. Lines are matched to the clean body on `\\w+` tokens after the cleaner's own normalisation
(`unglue`, `normalise_quotes`, whitespace collapse), in order; hard-wrapped files (the cleaner's
`is_hard_wrapped`) match line pieces inside re-flowed paragraphs. The reason shown for a removed line
is the `article.removed` entry that holds it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_DATA, REPO, console, data_argument, seeds_folder, table  # noqa: E402

GOLD_JUNK = {"junk", "title", "byline", "timestamp", "dateline_only"}
PARTIAL = {"dateline", "wire-credit"}
TOKEN = re.compile(r"\w+")
SEEDS_LABELS = Path(__file__).resolve().parent / "labels" / "seeds.json"
FIXTURES = REPO / "tests" / "fixtures" / "scraped"


@dataclass
class LineResult:
    """One labelled line: gold label, whether newsweave kept it, the removal reason, credit outcome."""

    file: str
    line: int
    gold: str
    kept: bool
    reason: str | None
    credit_gold: bool = False
    credit_removed: bool = False
    text: str = ""

    @property
    def gold_junk(self) -> bool:
        return self.gold in GOLD_JUNK


@dataclass
class LabelledSet:
    """A named set of labelled files; `private` sets never print line text."""

    name: str
    files: dict[str, tuple[Path, list[dict]]] = field(default_factory=dict)
    private: bool = False
    missing: str | None = None


def normalise(line: str) -> str:
    """A raw line as the cleaner sees it: glued sentences repaired, quotes straightened, spaces collapsed."""
    from newsweave.segment import normalise_quotes, unglue

    return re.sub(r"\s+", " ", normalise_quotes(unglue(line))).strip()


def _find(tokens: list[str], stream: list[str], start: int, starts: set[int] | None, ends: set[int] | None) -> int:
    """First index ≥ start where `tokens` occur in `stream` (aligned to paragraph starts/ends if given), or -1."""
    n = len(tokens)
    for i in range(start, len(stream) - n + 1):
        if stream[i:i + n] == tokens and (starts is None or i in starts) and (ends is None or i + n in ends):
            return i
    return -1


def evaluate_file(name: str, path: Path, entries: list[dict]) -> list[LineResult]:
    """Run newsweave on one file and decide, for every labelled line, kept or removed (and why)."""
    from newsweave.articles import read
    from newsweave.clean import is_hard_wrapped

    raw = path.read_text(encoding="utf-8")
    lines = raw.splitlines()
    result = read(str(path))
    article = result.articles[0] if result.articles else None
    removed = article.removed if article else []
    paragraphs = [p.text for p in article.paragraphs] if article else []
    wrapped = is_hard_wrapped(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))

    stream: list[str] = []
    starts: set[int] = set()
    ends: set[int] = set()
    for paragraph in paragraphs:
        starts.add(len(stream))
        stream += TOKEN.findall(paragraph)
        ends.add(len(stream))
    datelines = [r.text for r in removed if r.reason == "dateline"]
    credits = [r.text for r in removed if r.reason == "wire-credit"]
    whole = [r for r in removed if r.reason not in PARTIAL]

    cursor = 0  # position in the body token stream
    removed_cursor = 0  # position in the list of whole-line removals
    out: list[LineResult] = []
    for entry in sorted(entries, key=lambda e: e["line"]):
        number, gold = entry["line"], entry["label"]
        text = normalise(lines[number - 1])
        rest, stripped_credit, partial_reason = text, False, None
        for dateline in datelines:
            if rest.startswith(dateline):
                rest, partial_reason = rest[len(dateline):].strip(), "dateline"
                break
        for credit in credits:
            if rest.endswith(credit):
                rest, stripped_credit, partial_reason = rest[: -len(credit)].rstrip(), True, "wire-credit"
                break
        tokens = TOKEN.findall(rest)
        kept, reason = False, None
        if article is None:
            reason = "no article (InputError)"
        elif not rest or (partial_reason and not tokens):
            reason = partial_reason  # the whole line was a dateline or a wire credit
        elif tokens:
            if wrapped:  # a piece of a re-flowed paragraph: next in order, anywhere in a paragraph
                at = cursor if stream[cursor:cursor + len(tokens)] == tokens else (
                    _find(tokens, stream, cursor, None, None) if len(tokens) >= 4 else -1)
            else:  # one line, one paragraph
                at = _find(tokens, stream, cursor, starts, ends)
            if at >= 0:
                kept, cursor = True, at + len(tokens)
        else:  # no word characters at all ("•", "|"): kept only if it is a paragraph of its own
            kept = rest in paragraphs
        if not kept and reason is None:
            reason, removed_cursor = _reason(rest, whole, removed_cursor)
        out.append(LineResult(
            file=name, line=number, gold=gold, kept=kept, reason=reason, credit_gold=bool(entry.get("credit")),
            credit_removed=stripped_credit and kept, text=text))
    return out


def _reason(text: str, whole: list, start: int) -> tuple[str, int]:
    """The removal entry holding a line (searched in order from `start`), and where to search next."""
    for exact in (True, False):
        for index in list(range(start, len(whole))) + list(range(0, start)):
            candidate = whole[index].text
            if exact and candidate == text:
                return whole[index].reason, index + 1
            if not exact and text and (text in candidate or candidate in text):
                return whole[index].reason, index  # a re-flowed paragraph holds several lines
    return "? (not in body, not in removed)", start


def load_sets(data: Path, seeds: Path | None) -> list[LabelledSet]:
    """The three labelled sets; a set whose files or labels are absent is reported, not fatal."""
    sets: list[LabelledSet] = []
    seed_dir = seeds or seeds_folder(data)
    seed_set = LabelledSet("seeds", private=True)
    if not seed_dir.is_dir():
        seed_set.missing = f"no seed reports at {seed_dir}"
    else:
        labels = json.loads(SEEDS_LABELS.read_text(encoding="utf-8"))
        for name, entries in labels.items():
            seed_set.files[name] = (seed_dir / name, entries)
    sets.append(seed_set)
    for set_name, label_file, base in (("fixtures", FIXTURES / "labels.json", FIXTURES),
                                       ("examples", FIXTURES / "labels_examples.json", REPO)):
        labelled = LabelledSet(set_name)
        if not label_file.is_file():
            labelled.missing = f"no labels at {label_file}"
        else:
            for name, entries in json.loads(label_file.read_text(encoding="utf-8")).items():
                labelled.files[name] = (base / name, entries)
        sets.append(labelled)
    return sets


def prf(results: list[LineResult]) -> tuple[int, int, int, int, str, str, str]:
    tp = sum(1 for r in results if r.gold_junk and not r.kept)
    fp = sum(1 for r in results if not r.gold_junk and not r.kept)
    fn = sum(1 for r in results if r.gold_junk and r.kept)
    p = tp / (tp + fp) if tp + fp else float("nan")
    rec = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * p * rec / (p + rec) if tp else 0.0
    return len(results), tp, fp, fn, f"{p:.3f}", f"{rec:.3f}", f"{f1:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    data_argument(parser, DEFAULT_DATA, "shared data folder; the seeds are read from its sibling seeds/")
    parser.add_argument("--seeds", type=Path, default=None, help="folder of the seed reports (default: DATA_DIR/../seeds)")
    args = parser.parse_args(argv)
    out = console()

    sets = load_sets(args.data, args.seeds)
    if all(s.missing or not s.files for s in sets):
        sys.exit("no labelled data found: " + "; ".join(s.missing or f"{s.name}: empty" for s in sets))
    results: dict[str, list[LineResult]] = {}
    for labelled in sets:
        if labelled.missing:
            out.print(f"[yellow]{labelled.name}: skipped ({labelled.missing})[/yellow]")
            continue
        results[labelled.name] = []
        for name, (path, entries) in labelled.files.items():
            if not path.is_file():
                out.print(f"[yellow]{labelled.name}: {name} missing at {path}, skipped[/yellow]")
                continue
            results[labelled.name] += evaluate_file(name, path, entries)
    private = {s.name for s in sets if s.private}
    everything = [r for rs in results.values() for r in rs]

    columns = ["set", "files", "lines", "TP", "FP", "FN", "precision", "recall", "F1"]
    rows = [[name, len({r.file for r in rs}), *prf(rs)] for name, rs in results.items()]
    rows.append(["overall", len({(n, r.file) for n, rs in results.items() for r in rs}), *prf(everything)])
    out.print(table("Junk-line detection by newsweave's cleaner (positive = line kept out of the body)", columns, rows))

    by_gold = Counter((r.gold, r.kept) for r in everything)
    rows = [[label, by_gold[(label, False)] + by_gold[(label, True)], by_gold[(label, False)], by_gold[(label, True)]]
            for label in ("title", "byline", "timestamp", "dateline_only", "junk", "body")]
    out.print(table("Gold label → outcome (all sets)", ["gold label", "lines", "removed", "kept in body"], rows))

    reasons = Counter((r.reason, r.gold_junk) for r in everything if not r.kept)
    gold_by_reason: dict[str, Counter] = {}
    for r in everything:
        if not r.kept:
            gold_by_reason.setdefault(r.reason, Counter())[r.gold] += 1
    rows = [[reason, reasons[(reason, True)] + reasons[(reason, False)], reasons[(reason, True)], reasons[(reason, False)],
             ", ".join(f"{g} {n}" for g, n in gold_by_reason[reason].most_common())]
            for reason in sorted(gold_by_reason, key=lambda x: -(reasons[(x, True)] + reasons[(x, False)]))]
    out.print(table("Removed lines by newsweave reason (all sets)", ["reason", "removed", "gold junk", "gold body", "gold labels"], rows))

    credit_rows = []
    for name, rs in results.items():
        gold_credit = [r for r in rs if r.credit_gold]
        found = sum(1 for r in gold_credit if r.credit_removed)
        spurious = sum(1 for r in rs if r.credit_removed and not r.credit_gold)
        credit_rows.append([name, len(gold_credit), found, len(gold_credit) - found, spurious])
    out.print(table("Wire credits at the end of body lines ('credit': true)",
                    ["set", "credit lines", "credit removed", "credit left in body", "credit removed, not labelled"],
                    credit_rows))

    errors = [(name, r) for name, rs in results.items() for r in rs
              if r.gold_junk == r.kept or (r.credit_gold and not r.credit_removed) or (r.credit_removed and not r.credit_gold)]
    rows = []
    for name, r in errors:
        if r.gold_junk == r.kept:
            kind = "missed junk" if r.gold_junk else "body removed"
        else:
            kind = "credit missed" if r.credit_gold else "credit spurious"
        rows.append([name, f"{r.file}:{r.line}", r.gold, r.reason or "kept", kind,
                     "" if name in private else r.text[:70]])
    out.print(table(f"Errors ({len(rows)}); seed lines are shown by number only",
                    ["set", "file:line", "gold", "newsweave", "error", "line (not for seeds)"], rows, right_from=6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
