"""Readers: text, HTML, JSON/JSONL, Multi-News, feeds, folders; bad input; stable ids and duplicates."""

from __future__ import annotations

import json
import os
import random
import threading
from datetime import date
from pathlib import Path

import pytest

from newsweave import Settings, read
from newsweave.models import InputProblem, RawDocument
from newsweave.read import decode, iter_documents, sniff

from conftest import (
    ARTICLE_HTML, ATOM_FEED, BODY, BODY_PARAGRAPHS, FRENCH_BODY, OTHER_BODY, OTHER_PARAGRAPHS, RSS_FEED, errors,
    problems_for)


def one_article(path, settings=None):
    result = read(str(path), settings)
    assert result.problems == [], result.problems
    [article] = result.articles
    return article


# ---------------------------------------------------------------- plain text


@pytest.mark.parametrize("suffix", [".txt", ".md", ".text"])
def test_scraped_text_file(tmp_path, suffix):
    path = tmp_path / f"story{suffix}"
    path.write_text("Bridge to be rebuilt\n\n" + BODY + "\n", encoding="utf-8")
    article = one_article(path)
    assert article.source == str(path)
    assert article.title == "Bridge to be rebuilt"
    assert [p.text for p in article.paragraphs] == BODY_PARAGRAPHS
    assert len(article.sentences) == 4
    assert article.language == "en"


def test_windows_line_endings_and_bom(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + BODY.replace("\n", "\r\n").encode("utf-8"))
    assert [p.text for p in one_article(path).paragraphs] == BODY_PARAGRAPHS


# ---------------------------------------------------------------- HTML


def test_html_page_body_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    article = one_article(path)
    assert article.title == "Library reopens after repairs"
    assert article.outlet == "Northfield Courier"
    assert article.byline == "Hannah Price"
    assert article.published == date(2023, 5, 17)
    assert article.text.startswith("The central library in Northfield reopened")
    assert "Home" not in article.text and "Copyright" not in article.text
    assert len(article.paragraphs) == 3


def test_html_sniffed_without_a_suffix(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    assert one_article(path).outlet == "Northfield Courier"


def test_html_with_no_article_is_one_problem(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text('<html><head><title>Menu</title></head><body><nav><a href="/">Home</a></nav></body></html>',
                    encoding="utf-8")
    result = read(str(path))
    assert result.articles == []
    [problem] = result.problems
    assert problem.source == str(path)
    assert "no article text" in problem.reason


# ---------------------------------------------------------------- JSON and JSON Lines


RECORD = {
    "text": BODY, "title": "Bridge to be rebuilt", "url": "https://www.tidewater.example/bridge",
    "source": "Tidewater Gazette", "published": "2021-02-12", "byline": "Maria Velasquez",
}


def test_json_object_with_every_field(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(json.dumps(RECORD), encoding="utf-8")
    article = one_article(path)
    assert (article.title, article.url, article.outlet, article.published, article.byline) == (
        "Bridge to be rebuilt", "https://www.tidewater.example/bridge", "Tidewater Gazette", date(2021, 2, 12),
        "Maria Velasquez")
    assert [p.text for p in article.paragraphs] == BODY_PARAGRAPHS
    assert article.warnings == []


def test_json_outlet_field_and_html_field(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(json.dumps({"html": ARTICLE_HTML, "outlet": "The Courier"}), encoding="utf-8")
    article = one_article(path)
    assert article.outlet == "The Courier"  # the record's field beats the page's og:site_name
    assert article.title == "Library reopens after repairs"


def test_json_text_field_holding_html_is_read_as_html(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(json.dumps({"text": ARTICLE_HTML}), encoding="utf-8")
    article = one_article(path)
    assert "<p>" not in article.text and article.text.startswith("The central library")


def test_json_list_and_articles_wrapper(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"text": BODY}, {"text": OTHER_BODY, "title": "Reservoirs low"}]),
                                        encoding="utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": [{"text": FRENCH_BODY, "outlet": "Le Pont"}]}),
                                           encoding="utf-8")
    result = read([str(tmp_path / "list.json"), str(tmp_path / "wrapped.json")])
    assert result.problems == []
    assert [a.source for a in result.articles] == [
        f"{tmp_path}/list.json#0", f"{tmp_path}/list.json#1", f"{tmp_path}/wrapped.json#0"]
    assert result.articles[1].title == "Reservoirs low"
    assert result.articles[2].outlet == "Le Pont"


def test_json_source_that_is_a_path_is_not_an_outlet(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(json.dumps({"text": BODY, "source": "data/raw/bridge.txt"}), encoding="utf-8")
    assert one_article(path).outlet is None


def test_jsonl_records_with_a_malformed_line(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join([json.dumps({"text": BODY}), '{"text": "broken', "",
                               json.dumps({"html": ARTICLE_HTML, "byline": "Desk"})]) + "\n", encoding="utf-8")
    result = read(str(path))
    assert [a.source for a in result.articles] == [f"{path}:1", f"{path}:4"]
    assert result.articles[1].byline == "Desk"
    [problem] = result.problems
    assert problem.source == f"{path}:2"
    assert problem.reason.startswith("malformed JSON line")


def test_json_lines_saved_as_json_are_read(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": OTHER_BODY}) + "\n", encoding="utf-8")
    assert len(read(str(path)).articles) == 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "unterminated', "malformed JSON"),
        ('{"title": "no body here", "lede": "x"}', "no 'text' or 'html' field (it has: 'title', 'lede')"),
        ("42", "JSON number is not an article record"),
        ('"a story"', "JSON string is not an article record (need an object with a 'text' or 'html' field)"),
        ("null", "JSON null is not an article record"),
        ('{"text": ""}', "JSON record field 'text' is empty"),
        ('{"title": "t", "body": "  "}', "JSON record field 'body' is empty"),
        ('{"text": 42}', "JSON record field 'text' must be text (a string, or an array of strings), not JSON number"),
        ('{"text": {"body": "Bridge to reopen"}}', "field 'text' must be text (a string, or an array of strings), "
                                                   "not JSON object"),
        ('{"html": true}', "field 'html' must be text (a string, or an array of strings), not JSON true/false"),
        ('{"text": [1, 2]}', "field 'text' must be text (a string, or an array of strings), not JSON array"),
    ],
)
def test_bad_json_is_one_problem(tmp_path, content, reason):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = read(str(path))
    assert result.articles == []
    [problem] = result.problems
    assert problem.source == str(path) and reason in problem.reason


# ---------------------------------------------------------------- Multi-News


def test_multi_news_lines(tmp_path):
    path = tmp_path / "cluster.src"
    lines = [
        f"{BODY_PARAGRAPHS[0]} newline_char newline_char {BODY_PARAGRAPHS[1]} ||||| {OTHER_BODY.replace(chr(10), ' ')}",
        f"{FRENCH_BODY} story_separator_special_tag {BODY_PARAGRAPHS[2]}",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read(str(path))
    assert result.problems == []
    assert [a.source for a in result.articles] == [f"{path}:1#0", f"{path}:1#1", f"{path}:2#0", f"{path}:2#1"]
    first = result.articles[0]
    assert [p.text for p in first.paragraphs] == BODY_PARAGRAPHS[:2]  # newline_char marks paragraph breaks
    assert result.articles[2].language == "fr"


def test_multi_news_sniffed_in_a_txt_file(tmp_path):
    path = tmp_path / "pair.txt"
    path.write_text(f"{BODY_PARAGRAPHS[0]} ||||| {OTHER_PARAGRAPHS[0]}", encoding="utf-8")
    assert len(read(str(path)).articles) == 2


# ---------------------------------------------------------------- feeds


@pytest.mark.parametrize("suffix", [".rss", ".xml"])
def test_rss_feed_items(tmp_path, suffix):
    path = tmp_path / f"fenwick{suffix}"
    path.write_text(RSS_FEED, encoding="utf-8")
    result = read(str(path))
    assert result.problems == []
    first, second = result.articles
    assert first.source == f"{path}#0"
    assert (first.title, first.url, first.outlet, first.published) == (
        "Market hall to stay open late", "https://fenwick.example/market", "Fenwick Daily", date(2023, 6, 6))
    assert first.byline == "Lucy Marr"
    assert first.text.startswith("The market hall in Fenwick")
    assert [p.text for p in second.paragraphs] == [
        "A new bus route linking the north estate with the railway station will start running in September, "
        "the transport company announced on Tuesday.",
        "Buses will run every twenty minutes during the day and every hour in the evening."]


def test_atom_feed_entries(tmp_path):
    path = tmp_path / "lowmoor.atom"
    path.write_text(ATOM_FEED, encoding="utf-8")
    result = read(str(path))
    assert result.problems == []
    first, second = result.articles
    assert (first.title, first.url, first.outlet, first.byline, first.published) == (
        "Orchard festival returns", "https://lowmoor.example/orchard", "Lowmoor Observer", "Ben Shaw",
        date(2023, 6, 5))
    assert second.text.startswith("Volunteers in Lowmoor finished")


def test_feed_with_no_items_is_one_problem(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
                    encoding="utf-8")
    [problem] = read(str(path)).problems
    assert problem.source == str(path) and "feed has no items" in problem.reason


# ---------------------------------------------------------------- folders


def test_folder_recursive_sorted_hidden_skipped_unsupported_warned(tmp_path, write_files):
    write_files(tmp_path, {
        "b.txt": BODY,
        "a.json": json.dumps({"text": OTHER_BODY}),
        "sub/c.md": FRENCH_BODY,
        "sub/deeper/d.html": ARTICLE_HTML,
        ".hidden/e.txt": "Hidden folder text that must not be read at all by the folder reader.",
        ".f.txt": "Hidden file text that must not be read at all by the folder reader, ever.",
        "notes.pdf": b"%PDF-1.4 not really",
    })
    result = read(str(tmp_path))
    assert [a.source for a in result.articles] == [
        str(tmp_path / "a.json"), str(tmp_path / "b.txt"), str(tmp_path / "sub/c.md"),
        str(tmp_path / "sub/deeper/d.html")]
    [warning] = result.problems
    assert (warning.source, warning.level) == (str(tmp_path / "notes.pdf"), "warning")
    assert "not a supported file type" in warning.reason


def test_a_folder_with_nothing_to_read_says_so(tmp_path, write_files):
    write_files(tmp_path, {"empty/.hidden.txt": BODY, "pdfs/a.pdf": b"%PDF-1.4"})
    for folder, warnings in (("empty", []), ("pdfs", [str(tmp_path / "pdfs" / "a.pdf")])):
        result = read(str(tmp_path / folder))
        assert result.articles == [] and [p.source for p in result.problems if p.level == "warning"] == warnings
        [problem] = errors(result)
        assert problem.source == str(tmp_path / folder)
        assert problem.reason.startswith("no files to read in this folder (it reads .atom, .htm, .html, .json")


# ---------------------------------------------------------------- bad input: one clear problem each


def test_missing_path(tmp_path):
    [problem] = read(str(tmp_path / "gone.txt")).problems
    assert problem.source == str(tmp_path / "gone.txt") and problem.reason == "no such file or folder"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"], ids=["empty", "blank"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    [problem] = read(str(path)).problems
    assert problem.source == str(path) and "empty" in problem.reason


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(random.Random(7).randbytes(4000) + b"\x00\x00\x00\x00")
    result = read(str(path))
    [problem] = result.problems
    assert result.articles == []
    assert problem.source == str(path) and "binary" in problem.reason


def test_utf16_text_with_nuls_decodes_or_fails_cleanly(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(BODY.encode("utf-16"))
    result = read(str(path))
    assert len(result.articles) + len(result.problems) == 1


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encoding_is_decoded_with_a_warning(tmp_path, encoding):
    text = ("The caf\u00e9 on the harbour front reopened on Saturday, and its owner, Jos\u00e9 Pe\u00f1a, said the "
            "r\u00e9novation had cost more than he expected. Customers queued outside before the doors opened at "
            "seven, and the na\u00efve optimism of the spring had given way to relief.")
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    article = one_article(path)
    assert article.text == text
    [warning] = [w for w in article.warnings if "not UTF-8" in w]
    assert "cp1252" in warning or "latin" in warning or "iso8859" in warning


def test_non_english_text_is_read_with_language_and_a_warning(tmp_path):
    path = tmp_path / "pont.txt"
    path.write_text(FRENCH_BODY, encoding="utf-8")
    article = one_article(path)
    assert article.language == "fr"
    assert any("'fr'" in w and "English" in w for w in article.warnings)
    assert len(article.sentences) == 2


def test_file_above_the_cap(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(BODY * 3, encoding="utf-8")
    result = read(str(path), Settings(max_bytes=200))
    [problem] = result.problems
    assert problem.source == str(path)
    assert "200-byte cap" in problem.reason and str(path.stat().st_size) in problem.reason
    assert "--max-bytes" in problem.reason


def test_decode_rejects_empty_and_binary():
    from newsweave.errors import InputError

    for data in (b"", b"\n \n", bytes(range(256)) * 4):
        with pytest.raises(InputError) as caught:
            decode(data, "x.bin")
        assert caught.value.source == "x.bin"


def test_every_bad_input_gives_one_problem_and_the_good_ones_are_read(tmp_path, write_files):
    write_files(tmp_path, {
        "good.txt": BODY,
        "empty.txt": "",
        "binary.txt": bytes(range(256)) * 2,
        "menu.html": "<html><body><nav>Home</nav></body></html>",
        "broken.json": "{",
        "good.json": json.dumps({"text": OTHER_BODY}),
        "big.md": "word " * 200,
    })
    names = ["good.txt", "empty.txt", "binary.txt", "menu.html", "broken.json", "missing.txt", "big.md", "good.json"]
    result = read([str(tmp_path / n) for n in names], Settings(max_bytes=800))
    assert [a.source for a in result.articles] == [str(tmp_path / "good.txt"), str(tmp_path / "good.json")]
    for bad, reason in [("empty.txt", "empty"), ("binary.txt", "binary"), ("menu.html", "no article text"),
                        ("broken.json", "malformed JSON"), ("missing.txt", "no such file"), ("big.md", "cap")]:
        [problem] = problems_for(result, bad)
        assert problem.source == str(tmp_path / bad) and reason in problem.reason and problem.level == "error"
    assert len(result.problems) == 6


# ---------------------------------------------------------------- stable ids and duplicates


def test_same_content_gives_the_same_id(tmp_path, write_files):
    write_files(tmp_path, {"a.txt": BODY, "b.json": json.dumps({"text": BODY, "title": "x"})})
    first = one_article(tmp_path / "a.txt")
    assert one_article(tmp_path / "a.txt").id == first.id
    assert one_article(tmp_path / "b.json").id == first.id
    assert one_article(tmp_path / "a.txt").id != read_text_id(tmp_path, OTHER_BODY)
    assert len(first.id) == 16 and int(first.id, 16) >= 0


def read_text_id(tmp_path, text):
    path = tmp_path / "other.txt"
    path.write_text(text, encoding="utf-8")
    return one_article(path).id


def test_id_ignores_whitespace_and_furniture(tmp_path, write_files):
    write_files(tmp_path, {"plain.txt": BODY, "scraped.txt": "Kessel Post logo\n0 : 0\n" + BODY.replace(" ", "  ")})
    assert one_article(tmp_path / "plain.txt").id == one_article(tmp_path / "scraped.txt").id


def test_same_file_twice_is_read_once(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    result = read([str(path), str(tmp_path), str(tmp_path / "." / "a.txt")])
    assert len(result.articles) == 1 and result.problems == []


def test_duplicate_content_counted_once_with_a_warning(tmp_path, write_files):
    write_files(tmp_path, {"a.txt": BODY, "copy.txt": BODY + "\n\n", "other.txt": OTHER_BODY})
    result = read(str(tmp_path))
    assert [a.source for a in result.articles] == [str(tmp_path / "a.txt"), str(tmp_path / "other.txt")]
    [warning] = result.problems
    assert warning.source == str(tmp_path / "copy.txt") and warning.level == "warning"
    assert "duplicate" in warning.reason
    assert errors(result) == []


# ---------------------------------------------------------------- the raw reader layer


@pytest.mark.parametrize(
    ("text", "suffix", "kind"),
    [
        ("<!DOCTYPE html><html></html>", "", "html"),
        ("<article>x</article>", ".txt", "html"),
        ("plain words", ".html", "html"),
        ('{"text": "x"}', ".txt", "json"),
        ('[{"text": "x"}]', "", "json"),
        ('{"text": "x"}', ".jsonl", "jsonl"),
        ('<?xml version="1.0"?><rss version="2.0"></rss>', "", "feed"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "", "feed"),
        ("a ||||| b", ".txt", "multinews"),
        ("just words", ".txt", "text"),
        ("", "", "text"),
    ],
)
def test_sniff(text, suffix, kind):
    assert sniff(text, suffix) == kind


def test_iter_documents_yields_raw_documents_and_problems(tmp_path, write_files):
    write_files(tmp_path, {"a.txt": BODY, "b.json": json.dumps([{"text": OTHER_BODY, "author": ["A. One", "B. Two"]}])})
    items = list(iter_documents([str(tmp_path / "a.txt"), str(tmp_path / "b.json"), str(tmp_path / "nope")],
                                Settings()))
    assert [type(i) for i in items] == [RawDocument, RawDocument, InputProblem]
    assert items[0].text == BODY
    assert items[1].byline == "A. One, B. Two"


def test_unsupported_url_scheme_is_refused_by_name():
    result = read("ftp://files.example/story.txt")
    [problem] = result.problems
    assert problem.source == "ftp://files.example/story.txt"
    assert "http" in problem.reason


def test_unreadable_file_is_a_problem(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(BODY, encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(path), "read_bytes", refuse)
    [problem] = read(str(path)).problems
    assert problem.source == str(path) and problem.reason == "cannot read (Permission denied)"


@pytest.mark.parametrize(
    ("author", "byline"),
    [("desk@fenwick.example (Lucy Marr)", "Lucy Marr"), ("Lucy Marr", "Lucy Marr"), ("desk@fenwick.example", None)],
)
def test_rss_author_forms(tmp_path, author, byline):
    path = tmp_path / "feed.rss"
    path.write_text(RSS_FEED.replace("desk@fenwick.example (Lucy Marr)", author), encoding="utf-8")
    assert read(str(path)).articles[0].byline == byline


@pytest.mark.parametrize(
    ("name", "content"),
    [("list.json", "[]"), ("wrapped.json", '{"articles": []}'), ("seps.txt", " ||||| \n|||||"),
     ("records.jsonl", "\n[]\n")],
)
def test_input_with_no_documents_says_so(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [problem] = read(str(path)).problems
    assert problem.source == str(path) and problem.reason.startswith("no articles found")


def test_bom_only_file_is_empty(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf \n")
    [problem] = read(str(path)).problems
    assert problem.reason == "empty input (no text)"


def test_encoding_warning_reaches_records_of_a_json_file(tmp_path):
    text = "The caf\u00e9 reopened on Saturday after a long closure, its owner Ren\u00e9e Dufour told reporters in Kessel."
    path = tmp_path / "legacy.json"
    path.write_bytes(json.dumps({"text": text}, ensure_ascii=False).encode("cp1252"))
    article = one_article(path)
    assert article.text == text
    assert any("not UTF-8" in w for w in article.warnings)


def test_a_feed_file_naming_another_file_does_not_open_it(tmp_path):
    # feedparser treats a string that looks like a path or URL as something to open; the reader must not.
    secret = tmp_path / "private.rss"
    secret.write_text(RSS_FEED, encoding="utf-8")
    path = tmp_path / "pointer.xml"
    path.write_text(str(secret), encoding="utf-8")
    result = read(str(path))
    assert result.articles == []
    [problem] = result.problems
    assert problem.source == str(path) and "feed has no items" in problem.reason


def test_feed_declaring_another_encoding_keeps_its_accents(tmp_path):
    path = tmp_path / "latin.rss"
    feed = RSS_FEED.replace('encoding="UTF-8"', 'encoding="iso-8859-1"').replace("Lucy Marr", "Lucía Márquez")
    path.write_bytes(feed.encode("iso-8859-1"))
    assert read(str(path)).articles[0].byline == "Lucía Márquez"


@pytest.mark.parametrize(
    ("name", "content"),
    [("deep.json", "[" * 50_000 + "]" * 50_000), ("wide.json", "[" * 300 + json.dumps({"text": BODY}) + "]" * 300)],
)
def test_deeply_nested_json_is_one_problem(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = read(str(path))
    assert result.articles == []
    [problem] = result.problems
    assert problem.source.startswith(str(path)) and "nested too deeply" in problem.reason


def test_deeply_nested_jsonl_line_does_not_stop_the_others(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("[" * 50_000 + "]" * 50_000 + "\n" + json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    result = read(str(path))
    assert [a.source for a in result.articles] == [f"{path}:2"]
    [problem] = result.problems
    assert problem.source == f"{path}:1" and "nested too deeply" in problem.reason


def test_record_title_repeated_in_the_text_is_not_body(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(json.dumps({"title": "Bridge \u201cto be\u201d rebuilt", "text": 'Bridge "to be" rebuilt\n' + BODY}),
                    encoding="utf-8")
    article = one_article(path)
    assert article.title == "Bridge \u201cto be\u201d rebuilt"
    assert [p.text for p in article.paragraphs] == BODY_PARAGRAPHS
    assert [(r.text, r.reason) for r in article.removed] == [('Bridge "to be" rebuilt', "duplicate-headline")]


def test_bad_file_inside_a_folder_does_not_stop_the_folder(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a_empty.txt").write_text("")
    (folder / "b_story.txt").write_text(
        "The harbour reopened on Tuesday after a week of repairs to the main pier and the crane rails.\n")
    from newsweave.articles import read

    result = read([str(folder)])
    assert len(result.articles) == 1
    assert [p.source for p in result.problems if p.level == "error"] == [str(folder / "a_empty.txt")]


# ---------------------------------------------------------------- folders: what cannot be read is said, by name


def test_broken_links_in_a_folder_are_named_with_the_reason(tmp_path, write_files):
    write_files(tmp_path, {"a.txt": BODY})
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    result = read(str(tmp_path))
    assert [a.source for a in result.articles] == [str(tmp_path / "a.txt")]
    gone, loop = result.problems
    assert (gone.source, gone.level) == (str(tmp_path / "gone.txt"), "error")
    assert gone.reason == f"broken symbolic link to {tmp_path / 'nowhere.txt'} (No such file or directory)"
    assert loop.source == str(tmp_path / "loop.txt") and loop.reason.startswith("broken symbolic link to loop.txt (")


def test_a_broken_link_named_directly_says_so(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    [problem] = read(str(tmp_path / "gone.txt")).problems
    assert problem.reason.startswith("broken symbolic link to ")


def test_links_to_folders_and_special_files_are_skipped_with_a_warning(tmp_path, write_files):
    write_files(tmp_path, {"in/a.txt": BODY, "elsewhere/b.txt": OTHER_BODY})
    (tmp_path / "in" / "more").symlink_to(tmp_path / "elsewhere")
    os.mkfifo(tmp_path / "in" / "pipe.txt")  # reading a FIFO would wait forever
    result = read(str(tmp_path / "in"))
    assert [a.source for a in result.articles] == [str(tmp_path / "in" / "a.txt")]
    link, pipe = result.problems
    assert (link.source, link.level) == (str(tmp_path / "in" / "more"), "warning")
    assert "link to a folder" in link.reason
    assert (pipe.source, pipe.level, pipe.reason) == (str(tmp_path / "in" / "pipe.txt"), "warning",
                                                      "skipped: not a regular file")


def test_unreadable_files_and_subfolders_in_a_folder_are_named(tmp_path, write_files, monkeypatch):
    write_files(tmp_path, {"a.txt": BODY, "locked.txt": OTHER_BODY, "closed/c.txt": FRENCH_BODY})
    real_read_bytes, real_scandir = Path.read_bytes, os.scandir

    def read_bytes(self):  # what the OS says to a user without read permission (root reads anything)
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    def scandir(path="."):
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)
    result = read(str(tmp_path))
    assert [a.source for a in result.articles] == [str(tmp_path / "a.txt")]
    assert [(p.source, p.reason, p.level) for p in result.problems] == [
        (str(tmp_path / "closed"), "cannot read folder (Permission denied)", "error"),
        (str(tmp_path / "locked.txt"), "cannot read (Permission denied)", "error")]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files without read permission")
def test_files_without_read_permission_are_named(tmp_path, write_files):
    write_files(tmp_path, {"a.txt": BODY, "locked.txt": OTHER_BODY, "closed/c.txt": FRENCH_BODY})
    (tmp_path / "locked.txt").chmod(0)
    (tmp_path / "closed").chmod(0)
    try:
        result = read(str(tmp_path))
    finally:
        (tmp_path / "closed").chmod(0o755)
    assert [a.source for a in result.articles] == [str(tmp_path / "a.txt")]
    assert [(p.source, p.reason) for p in result.problems] == [
        (str(tmp_path / "closed"), "cannot read folder (Permission denied)"),
        (str(tmp_path / "locked.txt"), "cannot read (Permission denied)")]


def test_html_file_declaring_its_charset_in_meta(tmp_path):
    text = "Мост через Вязь откроют в мае."  # too short for detection to find koi8-r on its own
    path = tmp_path / "page.html"
    path.write_bytes(f'<html><head><meta charset="koi8-r"><title>Мост</title></head><body><article><p>{text}</p>'
                     "</article></body></html>".encode("koi8-r"))
    article = one_article(path)
    assert article.text == text and article.title == "Мост"
    assert not any("charset" in w or "not UTF-8" in w for w in article.warnings)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_without_end_is_read_no_further_than_the_cap():
    [problem] = read("/dev/zero", Settings(max_bytes=1000)).problems
    assert (problem.source, problem.reason) == ("/dev/zero", "input is above the 1000-byte cap (raise it with --max-bytes)")


def test_a_pipe_named_directly_is_read(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_text, args=(BODY,), kwargs={"encoding": "utf-8"})
    writer.start()
    try:
        article = one_article(pipe)
    finally:
        writer.join(timeout=10)
    assert [p.text for p in article.paragraphs] == BODY_PARAGRAPHS


def test_json_text_given_as_a_list_of_paragraphs(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(json.dumps({"text": BODY_PARAGRAPHS, "title": "Bridge"}), encoding="utf-8")
    assert [p.text for p in one_article(path).paragraphs] == BODY_PARAGRAPHS


def test_a_text_too_short_for_a_report_is_kept_and_flagged(tmp_path):
    (tmp_path / "stub.json").write_text(json.dumps({"text": "Breaking"}), encoding="utf-8")
    article = read([str(tmp_path / "stub.json")]).articles[0]
    assert "only 1 word: too short for a news report" in article.warnings
    assert article.language is None  # one word says nothing of its language
    assert not any("language" in w for w in article.warnings)
