"""Speed of the brief: wall time per stage, model-load time apart, peak memory.

    python benchmarks/speed.py [DATA_DIR] [--repeat N]

Briefs the 4 seed reports and the 46-article inflation-2022 story, with models loaded before timing starts, first run
and then warm N times (default 3): the warm row is the run of median read+brief time, and "spread" gives the fastest
and slowest warm runs (on a shared virtual machine the same run varies by ±10 %). Goals on 2 cores: seeds ≤ 1.5 s warm, 46 articles ≤ 15 s, peak RSS ≤ 1.5 GB. The spaCy parse runs
beside the encoder, the quotes beside disagreements, timeline and summary: their columns are the waits left for
them. "cpu" is the process's user+sys seconds for read+brief (both cores count), printed with the load average:
wall times mean little on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("embed_s", "align_s", "parse_s", "entities_s", "quotes_s", "disagreements_s", "timeline_s", "summarise_s")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(data: Path, repeat: int) -> int:
    seeds, inflation = data.parent / "seeds", data / "inflation-2022" / "articles.jsonl"
    if not seeds.exists() or not inflation.exists():
        print(f"speed.py: evaluation data not found under {data.parent} (needs seeds/ and data/inflation-2022/)")
        return 1
    started = time.perf_counter()
    import newsweave
    from newsweave.embed import default_encoder
    from newsweave.nlp import load_nlp

    import_s = time.perf_counter() - started
    started = time.perf_counter()
    default_encoder()
    load_nlp()
    load_s = time.perf_counter() - started

    table = Table(title="newsweave brief: seconds per stage (2 cores)")
    columns = ("story", "articles", "sentences", "read", *[s[:-2] for s in STAGES], "brief total", "read+brief",
               "spread", "cpu")
    for column in columns:
        table.add_column(column, justify="right")

    def run(inputs: list[str]) -> tuple[float, float, float, object, object]:
        t0, cpu0 = time.perf_counter(), time.process_time()
        result = newsweave.read(inputs)
        read_s = time.perf_counter() - t0
        brief = newsweave.brief(result)
        return time.perf_counter() - t0, time.process_time() - cpu0, read_s, result, brief

    for name, inputs in (("seeds", [str(seeds)]), ("inflation-2022", [str(inflation)])):
        runs = ([("first", [run(inputs)])] if name == "seeds" else []) + [("warm", [run(inputs) for _ in range(repeat)])]
        for label, done in runs:
            total, cpu, read_s, result, brief = sorted(done, key=lambda r: r[0])[len(done) // 2]
            times = [r[0] for r in done]
            stats = brief.stats
            table.add_row(f"{name} ({label})", str(len(result.articles)), str(int(stats.get("sentences", 0))),
                          f"{read_s:.2f}", *[f"{stats[s]:.2f}" if s in stats else "—" for s in STAGES],
                          f"{stats['total_s']:.2f}", f"{statistics.median(times):.2f}",
                          f"{min(times):.2f}–{max(times):.2f}" if len(times) > 1 else "—", f"{cpu:.2f}")
    console = Console(width=220)
    console.print(table)
    console.print(f"import newsweave: {import_s:.2f} s · model load (MiniLM + spaCy): {load_s:.2f} s · "
                  f"peak RSS: {peak_rss_mb():.0f} MB · load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per story (the median is shown)")
    arguments = parser.parse_args()
    sys.exit(main(arguments.data, max(1, arguments.repeat)))
