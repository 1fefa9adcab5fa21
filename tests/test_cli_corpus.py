"""`newsweave ingest` and `stories` on odd calls: one clear line and an exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli

from conftest import BODY


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def test_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path: Path) -> None:
    code, errors = run("ingest", "--db", str(tmp_path / "c.db"), "--scheduler", "tcp://127.0.0.1:1", str(tmp_path))
    assert code == 2 and "--engine dask" in errors and not (tmp_path / "c.db").exists()


def test_unreachable_dask_scheduler_is_one_line(tmp_path: Path, closed_port: int, monkeypatch) -> None:
    pytest.importorskip("distributed")
    import dask

    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, errors = run("ingest", "--db", str(tmp_path / "c.db"), "--engine", "dask", "--scheduler",
                           f"tcp://127.0.0.1:{closed_port}", str(tmp_path / "a.txt"))
    assert code == 1
    [line] = errors.strip().splitlines()
    assert line.startswith("error: ") and f"127.0.0.1:{closed_port}" in line


@pytest.mark.parametrize("content", [b"SQLite format 3\x00" + b"\xff" * 4000, b"plain words, not a database"])
def test_stories_on_a_corrupt_or_foreign_file(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "c.db").write_bytes(content)
    code, errors = run("stories", "--db", str(tmp_path / "c.db"))
    assert code == 1 and errors.startswith("error: ") and len(errors.strip().splitlines()) == 1


def test_brief_of_a_story_in_a_missing_database(tmp_path: Path) -> None:
    code, errors = run("brief", "--db", str(tmp_path / "missing.db"), "--story", "X")
    assert code == 1 and f"no corpus database at {tmp_path / 'missing.db'}" in errors
    assert not (tmp_path / "missing.db").exists()
