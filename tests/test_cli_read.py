"""`newsweave read`: exit codes, stdin, --format json, --max-bytes, --allow-private, no tracebacks."""

from __future__ import annotations

import io
import json
import os

import pytest

from newsweave.cli import cli

from conftest import ARTICLE_HTML, BODY, FRENCH_BODY, OTHER_BODY

DOCUMENTED_KEYS = {"id", "source", "outlet", "title", "byline", "dateline", "published", "language", "text",
                   "sentences", "removed", "warnings"}


def run(runner, *args, input=None, width=None):
    env = {"COLUMNS": str(width)} if width else None
    result = runner.invoke(cli, ["read", *map(str, args)], input=input, env=env)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def as_json(result):
    return json.loads(result.stdout)


def test_folder_table_exit_0(runner, tmp_path, write_files):
    write_files(tmp_path, {"a.txt": "Kessel Post logo\n" + BODY, "b.html": ARTICLE_HTML})
    result = run(runner, tmp_path, width=250)
    assert result.exit_code == 0
    assert "2 article(s) read" in result.stdout
    assert "Kessel Post" in result.stdout and "Northfield" in result.stdout
    assert result.stderr == ""


def test_json_output_has_the_documented_keys(runner, tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text("Bridge to be rebuilt\nBy Ada Blum\nBRIDGEFORD, March 3 (Reuters) - " + BODY
                    + " (Editing by Jo Pike)", encoding="utf-8")
    result = run(runner, "--format", "json", path)
    assert result.exit_code == 0
    [article] = as_json(result)
    assert DOCUMENTED_KEYS <= set(article)
    assert (article["outlet"], article["title"], article["byline"], article["dateline"], article["language"]) == (
        "Reuters", "Bridge to be rebuilt", "Ada Blum", "BRIDGEFORD", "en")
    assert article["published"] is None and "no publication date found" in article["warnings"]
    for sentence in article["sentences"]:
        assert {"text", "start", "end"} <= set(sentence)
        assert article["text"][sentence["start"]:sentence["end"]] == sentence["text"]
    assert {"headline", "byline", "dateline", "wire-credit"} == {r["reason"] for r in article["removed"]}
    assert all(set(r) == {"text", "reason"} for r in article["removed"])


def test_json_published_is_an_iso_date(runner, tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"text": BODY, "published": "2021-02-12T10:00:00Z"}), encoding="utf-8")
    assert as_json(run(runner, "--format", "json", path))[0]["published"] == "2021-02-12"


def test_stdin(runner):
    result = run(runner, "--format", "json", "-", input=("Bridge to be rebuilt\n\n" + BODY).encode("utf-8"))
    assert result.exit_code == 0
    [article] = as_json(result)
    assert article["source"] == "<stdin>"
    assert article["title"] == "Bridge to be rebuilt"


def test_stdin_json_and_html_are_sniffed(runner):
    record = json.dumps({"text": OTHER_BODY, "outlet": "Valley Herald"}).encode()
    assert as_json(run(runner, "--format", "json", "-", input=record))[0]["outlet"] == "Valley Herald"
    page = ARTICLE_HTML.encode()
    assert as_json(run(runner, "--format", "json", "-", input=page))[0]["outlet"] == "Northfield Courier"


def test_stdin_non_utf8_bytes(runner):
    text = "The caf\u00e9 in Kessel reopened on Saturday after a long closure, its owner Ren\u00e9e Dufour said."
    result = run(runner, "--format", "json", "-", input=text.encode("cp1252"))
    [article] = as_json(result)
    assert article["text"] == text
    assert any("not UTF-8" in w for w in article["warnings"])


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\xff\xfe" * 50], ids=["empty", "binary"])
def test_stdin_bad_input_exit_1(runner, data):
    result = run(runner, "-", input=data)
    assert result.exit_code == 1
    assert "<stdin>" in result.stderr and "error" in result.stderr


def test_some_read_some_bad_exit_0_with_one_line_per_problem(runner, tmp_path, write_files):
    write_files(tmp_path, {"good.txt": BODY, "empty.txt": "", "broken.json": "{", "fr.txt": FRENCH_BODY})
    result = run(runner, tmp_path / "good.txt", tmp_path / "empty.txt", tmp_path / "broken.json",
                 tmp_path / "gone.txt", tmp_path / "fr.txt")
    assert result.exit_code == 0
    assert "2 article(s) read" in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 3
    assert any(f"{tmp_path / 'empty.txt'}: empty input" in line for line in lines)
    assert any(f"{tmp_path / 'broken.json'}: malformed JSON" in line for line in lines)
    assert any(f"{tmp_path / 'gone.txt'}: no such file or folder" in line for line in lines)


def test_nothing_read_exit_1(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run(runner, "--format", "json", tmp_path / "empty.txt", tmp_path / "gone.md")
    assert result.exit_code == 1
    assert as_json(result) == []
    assert result.stderr.strip().splitlines()[2:] == ["error: no article could be read"]


def test_nothing_read_shows_no_empty_table(runner, tmp_path):
    (tmp_path / "nothing").mkdir()
    result = run(runner, tmp_path / "nothing")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'nothing'}: no files to read in this folder (it reads .atom, .htm, .html, .json, .jsonl, "
        ".md, .ndjson, .rss, .src, .text, .txt, .xhtml, .xml files; hidden ones are skipped)",
        "error: no article could be read"]


def test_unsupported_file_in_a_folder_is_a_warning(runner, tmp_path, write_files):
    write_files(tmp_path, {"a.txt": BODY, "b.docx": b"PK\x03\x04"})
    result = run(runner, tmp_path)
    assert result.exit_code == 0
    assert f"warning: {tmp_path / 'b.docx'}: skipped: not a supported file type" in result.stderr


@pytest.mark.parametrize(
    "args",
    [[], ["--format", "yaml", "x.txt"], ["--max-bytes", "0", "x.txt"], ["--max-bytes", "lots", "x.txt"],
     ["--timeout", "0", "x.txt"], ["--no-such-option", "x.txt"]],
    ids=["no-input", "bad-format", "zero-cap", "non-number-cap", "zero-timeout", "unknown-option"],
)
def test_usage_errors_exit_2(runner, args):
    result = run(runner, *args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_max_bytes_option(runner, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    size = path.stat().st_size
    refused = run(runner, "--max-bytes", size - 1, path)
    assert refused.exit_code == 1
    assert f"{path}: file is {size} bytes, above the {size - 1}-byte cap" in refused.stderr
    assert run(runner, "--max-bytes", size, path).exit_code == 0


def test_max_bytes_applies_to_stdin(runner):
    result = run(runner, "--max-bytes", 100, "-", input=BODY.encode())
    assert result.exit_code == 1
    assert "<stdin>: input is" in result.stderr and "100-byte cap" in result.stderr


def test_allow_private_flag(runner, http_server):
    base = http_server({"/page": (200, {"Content-Type": "text/html"}, ARTICLE_HTML)})
    refused = run(runner, f"{base}/page")
    assert refused.exit_code == 1
    assert f"{base}/page: refused: 127.0.0.1" in refused.stderr and "--allow-private" in refused.stderr
    assert http_server.requests == []
    allowed = run(runner, "--allow-private", "--format", "json", f"{base}/page")
    assert allowed.exit_code == 0
    assert as_json(allowed)[0]["outlet"] == "Northfield Courier"


def test_unreachable_url_exit_1(runner, closed_port):
    result = run(runner, "--allow-private", "--timeout", "2", f"http://127.0.0.1:{closed_port}/x")
    assert result.exit_code == 1
    assert f"http://127.0.0.1:{closed_port}/x: unreachable" in result.stderr


def test_problem_lines_are_not_wrapped(runner, tmp_path):
    deep = tmp_path / ("a-rather-long-folder-name-" * 4) / "and-an-equally-long-file-name-for-the-test.txt"
    result = run(runner, deep)
    assert f"error: {deep}: no such file or folder" in result.stderr


@pytest.mark.parametrize("name", ["notes[/b].txt", "[bold]red[/bold].txt", "[link=x]y.txt"])
def test_input_names_that_look_like_markup(runner, tmp_path, name):
    # Rich markup in a file name must be shown as typed, never interpreted (or crash the command).
    result = run(runner, tmp_path / name)
    assert result.exit_code == 1
    assert f"{tmp_path / name}: no such file or folder" in result.stderr


def test_titles_that_look_like_markup_are_shown_as_typed(runner, tmp_path):
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"text": BODY, "title": "Budget [/b] row [bold]x", "outlet": "[red]Post"}),
                    encoding="utf-8")
    result = run(runner, path, width=250)
    assert result.exit_code == 0
    assert "[red]Post" in result.stdout and "[/b]" in result.stdout


def test_help(runner):
    result = run(runner, "--help")
    assert result.exit_code == 0
    for option in ("--format", "--max-bytes", "--allow-private", "--timeout"):
        assert option in result.stdout


def test_timeout_option(runner, http_server, tmp_path):
    base = http_server({"/slow": (200, {"Content-Type": "text/html"}, ARTICLE_HTML, 2.0)})
    path = tmp_path / "local.txt"
    path.write_text(BODY, encoding="utf-8")
    result = run(runner, "--allow-private", "--timeout", "0.3", f"{base}/slow", path)
    assert result.exit_code == 0  # the local file is still read
    assert f"error: {base}/slow: timed out after 0.3s" in result.stderr
    assert "1 article(s) read" in result.stdout


@pytest.mark.parametrize(("verbose", "disabled"), [([], "1"), (["-v"], None)])
def test_model_loading_progress_bars_only_with_verbose(runner, tmp_path, monkeypatch, verbose, disabled):
    monkeypatch.setenv("HF_HUB_DISABLE_PROGRESS_BARS", "")  # so that teardown restores what was there
    monkeypatch.delenv("HF_HUB_DISABLE_PROGRESS_BARS")
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    assert runner.invoke(cli, [*verbose, "read", str(tmp_path / "a.txt")]).exit_code == 0
    assert os.environ.get("HF_HUB_DISABLE_PROGRESS_BARS") == disabled


def test_control_characters_in_names_keep_one_problem_on_one_line(runner, tmp_path):
    result = run(runner, tmp_path / "gone\nline.txt", tmp_path / "x\x1b[31mred.txt")
    assert result.stderr.splitlines() == [f"error: {tmp_path}/gone\\nline.txt: no such file or folder",
                                          f"error: {tmp_path}/x\\x1b[31mred.txt: no such file or folder",
                                          "error: no article could be read"]


def test_a_huge_cap_is_not_allocated_up_front(runner):
    result = run(runner, "--max-bytes", 10**14, "--format", "json", "-", input=BODY.encode())
    assert result.exit_code == 0 and len(as_json(result)) == 1


def test_endless_stdin_stops_at_the_cap(runner):
    class Endless(io.RawIOBase):  # like `yes word | newsweave read -`: it never ends
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            buffer[:] = b"w" * len(buffer)
            return len(buffer)

    result = run(runner, "--max-bytes", 5000, "-", input=io.BufferedReader(Endless()))
    assert result.exit_code == 1
    assert "error: <stdin>: input is above the 5000-byte cap (raise it with --max-bytes)" in result.stderr


def test_a_page_without_an_article_gives_our_line_only(runner, tmp_path):
    (tmp_path / "page.html").write_text("True", encoding="utf-8")
    result = run(runner, tmp_path / "page.html")
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'page.html'}: HTML page holds no article text",
                                          "error: no article could be read"]
