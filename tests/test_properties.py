"""Property-based tests: random bytes and text through every reader path never raise; segment offsets hold."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.articles import read
from newsweave.clean import clean_text
from newsweave.errors import InputError
from newsweave.models import InputProblem, RawDocument, ReadResult
from newsweave.read import decode, iter_documents
from newsweave.segment import normalise_quotes, segment, split_sentences, unglue
from newsweave.settings import Settings

from conftest import words

# Modest by default so the suite stays fast; NEWSWEAVE_PROPERTY_EXAMPLES=2000 for a deeper run.
FAST = settings(max_examples=int(os.environ.get("NEWSWEAVE_PROPERTY_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".rss", ".atom", ".xml", ".src"]

# Text that looks a little like scraped news: words, capitals, sentence marks, quotes, newlines, odd spaces.
_PIECES = list("abcdefghij ABCDEFG.,;:!?'\"-\u2014()[]{}<>/|0123456789\n\n\t\u00a0\u201c\u201d\u2019`$%&#\u200b") + [
    "U.S.", "Mr.", "Jan.", "|||||", "<p>", "</p>", "By ", "MOSCOW \u2014 ", " logo", "(Reuters) - ", "Read more",
    "0 : 0", "newline_char", "``", "''", "The ", "said. ", "groups.The "]
NEWSY = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("props")


def check_result(result: ReadResult, names: list[str]) -> None:
    assert isinstance(result, ReadResult)
    for article in result.articles:
        assert article.text.strip()
        for sentence in article.sentences:
            assert article.text[sentence.start:sentence.end] == sentence.text
    for problem in result.problems:
        assert isinstance(problem, InputProblem) and problem.reason
        assert any(problem.source.startswith(name) for name in names)


def read_as(folder, suffix: str, data: bytes) -> ReadResult:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    result = read(str(path))
    check_result(result, [str(path)])
    if not result.articles:
        assert result.problems, "an input that gives no article must say why"
    return result


@FAST
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_with_every_suffix(folder, data, suffix):
    read_as(folder, suffix, data)


@FAST
@given(text=ANY_TEXT, suffix=st.sampled_from(SUFFIXES))
def test_random_text_with_every_suffix(folder, text, suffix):
    read_as(folder, suffix, text.encode("utf-8", "surrogatepass"))


@FAST
@given(text=ANY_TEXT, kind=st.sampled_from(["json", "jsonl", "html", "rss", "atom", "multinews", "json-html"]))
def test_random_text_inside_each_container(folder, text, kind):
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    if kind == "json":
        suffix, data = ".json", json.dumps({"articles": [{"text": text, "title": text[:20], "published": text[:10]}]})
    elif kind == "jsonl":
        suffix, data = ".jsonl", json.dumps({"text": text}) + "\n" + text.replace("\n", " ") + "\n"
    elif kind == "json-html":
        suffix, data = ".json", json.dumps([{"html": f"<html><body><p>{escaped}</p></body></html>", "url": text[:30]}])
    elif kind == "html":
        suffix, data = ".html", f"<html><head><title>{escaped[:30]}</title></head><body><article><p>{text}</p></article></body></html>"
    elif kind == "rss":
        suffix, data = ".rss", (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escaped[:20]}</title>'
                                f"<item><title>t</title><pubDate>{escaped[:12]}</pubDate><author>{escaped[:15]}</author>"
                                f"<description>{escaped}</description></item></channel></rss>")
    elif kind == "atom":
        suffix, data = ".atom", ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
                                 f'<entry><title>x</title><content type="html">{escaped}</content></entry></feed>')
    else:
        suffix, data = ".txt", " ||||| ".join([text, text[::-1]]).replace("\n", " newline_char ") + "\n"
    read_as(folder, suffix, data.encode("utf-8", "surrogatepass"))


@FAST
@given(data=st.binary(max_size=400))
def test_decode_only_raises_input_error(data):
    try:
        text, warnings = decode(data, "x")
    except InputError as exc:
        assert exc.source == "x" and exc.reason
    else:
        assert isinstance(text, str) and text.strip()


@FAST
@given(text=ANY_TEXT, suffix=st.sampled_from(SUFFIXES))
def test_iter_documents_yields_only_documents_or_problems(folder, text, suffix):
    path = folder / f"docs{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    for item in iter_documents([str(path)], Settings()):
        assert isinstance(item, (RawDocument, InputProblem))
        assert item.source.startswith(str(path))


@FAST
@given(text=ANY_TEXT)
def test_clean_text_never_raises_and_loses_nothing(text):
    cleaned = clean_text(text)
    assert all(p and p == p.strip() and "\n" not in p for p in cleaned.paragraphs)
    kept = set(words(" ".join([cleaned.text, cleaned.title or "", cleaned.byline or "", cleaned.dateline or ""]
                              + [r.text for r in cleaned.removed])))
    for line in text.splitlines():
        assert set(words(line)) <= kept, line


def assert_segment_properties(text: str) -> None:
    paragraphs, sentences = segment(text)
    for paragraph in paragraphs:
        assert text[paragraph.start:paragraph.end] == paragraph.text
    end = 0
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text.strip()
        assert sentence.start >= end, "sentences overlap or are out of order"
        end = sentence.end
        holder = paragraphs[sentence.paragraph]
        assert holder.start <= sentence.start <= sentence.end <= holder.end


@FAST
@given(text=ANY_TEXT)
def test_segment_offsets_on_any_text(text):
    assert_segment_properties(text)


@FAST
@given(text=ANY_TEXT)
def test_segment_offsets_on_cleaned_text(text):
    assert_segment_properties(clean_text(text).text)
    assert_segment_properties(normalise_quotes(unglue(text)))


@FAST
@given(text=ANY_TEXT)
def test_split_sentences_keeps_every_word(text):
    sentences = split_sentences(text)
    assert words(" ".join(sentences)) == [w for w in words(text)]
