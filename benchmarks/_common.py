"""Shared helpers of the benchmarks: where the data lives, a clear exit when it is absent, tables."""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = (REPO / ".." / "shared" / "data").resolve()


def data_argument(parser: argparse.ArgumentParser, default: Path, what: str) -> None:
    """Add the optional positional data folder argument."""
    parser.add_argument("data", nargs="?", type=Path, default=default,
                        help=f"{what} (default: {default})")


def require(path: Path, what: str) -> Path:
    """The path if it exists; otherwise exit with a one-line message naming what is missing."""
    if not path.exists():
        sys.exit(f"no {what} at {path}: pass the data folder as the first argument")
    return path


def seeds_folder(data: Path) -> Path:
    """The seed reports sit next to the data folder (`<shared>/seeds`), or inside it."""
    for candidate in (data / "seeds", data.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    return data.parent / "seeds"


def load_extraction(folder: Path) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Ground truth `{id: {articleBody, url}}` and the decoded HTML of every page, by id."""
    require(folder / "ground-truth.json", "ScrapingHub extraction benchmark (ground-truth.json)")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    for key in sorted(truth):
        path = folder / "html" / f"{key}.html.gz"
        require(path, f"page {key} of the extraction benchmark")
        data = gzip.decompress(path.read_bytes())
        pages[key] = data.decode("utf-8", errors="replace")
    return truth, pages


def table(title: str, columns: list[str], rows: list[list[Any]], *, right_from: int = 1) -> Table:
    """A Rich table: first `right_from` columns left-aligned, the rest right-aligned (numbers)."""
    result = Table(title=title)
    for index, name in enumerate(columns):
        result.add_column(name, justify="left" if index < right_from else "right")
    for row in rows:
        result.add_row(*[str(cell) for cell in row])
    return result


def console() -> Console:
    """A console wide enough that tables are never folded when output goes to a file."""
    return Console(width=160) if not sys.stdout.isatty() else Console()
