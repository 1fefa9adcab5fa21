"""Reading speed: articles per second through `newsweave.articles.read`, on one CPU core.

Usage: python benchmarks/reading_speed.py [DATA_DIR] [--min-seconds S]

Text path: the 4 seed reports (.txt), inflation-2022/articles.jsonl (46 records, with their title, outlet
and URL fields) and every DUC 2004 dev document (one hard-wrapped .txt each), written to a temporary
folder and read with one `read()` call per pass. HTML path: the 181 ScrapingHub extraction pages as
.html files (trafilatura extraction included). Import time and first-use costs (language model,
dateparser) are paid in an untimed warm-up pass; timed passes repeat until at least --min-seconds.
The process is pinned to one core with OMP_NUM_THREADS=1; torch is never imported (checked). The\nmachine's load average is printed: other processes on the same core slow every figure down; the\nfastest pass is the least disturbed estimate.
"""

from __future__ import annotations

import os

os.environ["OMP_NUM_THREADS"] = "1"  # before numpy (py3langid) is imported
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_DATA, console, data_argument, require, seeds_folder, table  # noqa: E402


def pin_one_core() -> str:
    """Restrict the process to a single CPU; returns which one (or why not)."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"cpu {cpu}"


def write_text_inputs(data: Path, folder: Path) -> list[str]:
    """The text-path inputs as temporary files; returns the paths to pass to `read()`."""
    seeds = sorted(require(seeds_folder(data), "seed reports").glob("*.txt"))
    inflation = require(data / "inflation-2022" / "articles.jsonl", "inflation-2022 articles")
    duc = require(data / "duc2004" / "dev.jsonl", "DUC 2004 dev set")
    paths: list[str] = []
    for seed in seeds:
        target = folder / "seeds" / seed.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seed, target)
        paths.append(str(target))
    target = folder / "inflation.jsonl"
    shutil.copyfile(inflation, target)
    paths.append(str(target))
    (folder / "duc").mkdir()
    with duc.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for index, document in enumerate(record["documents"]):
                target = folder / "duc" / f"{record['id']}_{index:02d}.txt"
                target.write_text(document, encoding="utf-8")
                paths.append(str(target))
    return paths


def write_html_inputs(data: Path, folder: Path) -> list[str]:
    """The extraction pages as temporary .html files."""
    pages = sorted(require(data / "extraction" / "html", "extraction benchmark pages").glob("*.html.gz"))
    (folder / "html").mkdir()
    paths = []
    for page in pages:
        target = folder / "html" / page.name.removesuffix(".gz")
        target.write_bytes(gzip.decompress(page.read_bytes()))
        paths.append(str(target))
    return paths


def measure(paths: list[str], min_seconds: float, warm: list[str]) -> tuple[int, int, int, float, float]:
    """(passes, articles a pass, problems a pass, total seconds, fastest pass) of repeated `read(paths)` after a warm-up."""
    from newsweave.articles import read

    read(warm)
    times: list[float] = []
    articles = problems = 0
    while sum(times) < min_seconds:
        start = time.perf_counter()
        result = read(paths)
        times.append(time.perf_counter() - start)
        articles, problems = len(result.articles), sum(1 for p in result.problems if p.level == "error")
    return len(times), articles, problems, sum(times), min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    data_argument(parser, DEFAULT_DATA, "shared data folder (seeds are read from its sibling seeds/)")
    parser.add_argument("--min-seconds", type=float, default=3.0, help="time each path at least this long")
    args = parser.parse_args(argv)
    out = console()
    core = pin_one_core()

    with tempfile.TemporaryDirectory(prefix="newsweave-speed-") as tmp:
        folder = Path(tmp)
        text_paths = write_text_inputs(args.data, folder)
        html_paths = write_html_inputs(args.data, folder)
        rows = []
        for name, paths, warm in (("text (seeds + inflation-2022 + DUC 2004)", text_paths, text_paths[:5]),
                                  ("HTML (ScrapingHub pages, trafilatura)", html_paths, html_paths[:3])):
            passes, articles, problems, seconds, fastest = measure(paths, args.min_seconds, warm)
            total = passes * articles
            rows.append([name, f"{len(paths)} files", articles, problems, passes, total,
                         f"{seconds:.2f}", f"{total / seconds:.1f}", f"{articles / fastest:.1f}"])
    if "torch" in sys.modules:
        sys.exit("torch was imported during reading: the measurement is not of the reading path alone")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    out.print(table(f"newsweave reading speed, one core ({core}, OMP_NUM_THREADS=1, torch not imported; "
                    f"machine load average {load})",
                    ["path", "inputs", "articles/pass", "failed/pass", "passes", "articles", "seconds", "articles/s",
                     "best pass articles/s"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
