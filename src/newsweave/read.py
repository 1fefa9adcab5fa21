"""Readers: files, folders, stdin, JSON/JSONL records, Multi-News lines, RSS/Atom feeds and URLs → RawDocuments."""

from __future__ import annotations

import codecs
import io
import json
import logging
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from .errors import InputError
from .models import InputProblem, RawDocument
from .settings import Settings

LOGGER = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".text", ".src"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
MULTI_NEWS_SEPARATOR = "|||||"

_TEXT_FIELDS = ("text", "body", "content", "article", "maintext", "story")
_HTML_FIELDS = ("html", "raw_html", "page")
_OUTLET_FIELDS = ("outlet", "source", "site", "site_name", "publisher", "source_domain", "domain")
_DATE_FIELDS = ("published", "date", "date_publish", "published_at", "publish_date", "pubdate", "datetime")
_BYLINE_FIELDS = ("byline", "author", "authors")
_LIST_FIELDS = ("articles", "items", "documents", "records", "data")

Item = RawDocument | InputProblem
_JSON_KINDS = {int: "number", float: "number", str: "string", bool: "true/false", type(None): "null"}
_MAX_JSON_DEPTH = 20  # lists and {"articles": [...]} wrappers; article records sit far shallower


# WHATWG labels browsers read as windows-1252: pages declaring them use its quotes and dashes in 0x80-0x9F
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "iso_8859-1"}
_DECLARED_IN_MARKUP = re.compile(  # <meta charset=...>, <meta http-equiv content="...; charset=...">, <?xml encoding=?>
    rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page or feed declares in its own markup (<meta charset>, the XML declaration), if any."""
    match = _DECLARED_IN_MARKUP.search(data[:4096])
    return (match[1] or match[2]).decode("ascii").lower() if match else None


def _decode_as(data: bytes, charset: str) -> str | None:
    """The bytes decoded with a declared charset; None when Python does not know it or the bytes do not fit."""
    for name in (["cp1252"] if charset.lower() in _AS_WINDOWS_1252 else []) + [charset]:
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return None


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def decode(data: bytes, source: str, charset: str | None = None) -> tuple[str, list[str]]:
    """Bytes → text. Valid UTF-8 is read as UTF-8 (servers often declare a default charset for UTF-8 pages);
    otherwise the charset the server declared (`charset`, from Content-Type), else the one the markup declares,
    else a detected one (with a warning: it is a guess).

    Raises:
        InputError: empty, binary or undecodable input.
    """
    if not data.strip():
        raise InputError(source, "empty input (no text)")
    warnings: list[str] = []
    try:
        text: str | None = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    declared = [c for c in (charset, declared_charset(data)) if c] if text is None else []
    for name in declared:
        text = _decode_as(data, name)
        if text is not None:
            break
        warnings.append(f"declared charset {name!r} " + ("does not fit the content" if _known(name) else "is unknown"))
    if text is None:
        text, encoding = _detect(data, source)
        warnings.append(f"not UTF-8: decoded as {encoding}")
    if not text.strip():  # a BOM or Unicode-only blanks
        raise InputError(source, "empty input (no text)")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(2, 0.01 * min(len(text), 20000)):
        raise InputError(source, "binary content, not text")
    return text, warnings


def _detect(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding) for bytes that declare no charset that fits: charset_normalizer's best guess."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(source, "binary or undecodable content (no text encoding fits)")
    for match in matches:  # on short texts cp1250/cp1252/... tie: prefer windows-1252, the web's legacy default
        if (match.chaos, match.coherence) == (best.chaos, best.coherence) and "cp1252" in match.could_be_from_charset:
            best = match
            break
    return str(best), best.encoding


def sniff(text: str, suffix: str) -> str:
    """Which reader a text needs: 'html', 'feed', 'json', 'jsonl', 'multinews' or 'text'."""
    head = text[:2000].lstrip().lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES or (head[:1] in "{[" and head[:1]):
        return "json"
    if suffix in FEED_SUFFIXES or re.match(r"(?:<\?xml[^>]*>\s*)?<(?:rss|feed|rdf:rdf)\b", head):
        return "feed"
    if suffix in HTML_SUFFIXES or re.match(r"(?:<!doctype html|<html|<head|<body|<article)", head):
        return "html"
    if MULTI_NEWS_SEPARATOR in text:
        return "multinews"
    return "text"


@dataclass(frozen=True)
class BytesInput:
    """Bytes read as if from a file of this name (an upload, a pasted text): the name is their source."""

    name: str
    data: bytes


def iter_documents(inputs: Iterable[str | BytesInput], settings: Settings) -> Iterator[Item]:
    """Every document in the inputs, or a problem naming the input and the reason. Never raises for bad input."""
    seen_paths: set[Path] = set()
    for name in inputs:
        try:
            if isinstance(name, BytesInput):
                yield from _from_bytes(name.data, name.name, Path(name.name).suffix.lower(), settings)
            elif name == "-":
                yield from _from_bytes(_read_capped(sys.stdin.buffer, settings.max_bytes), "<stdin>", "", settings)
            elif re.match(r"^https?://", name, re.I):
                yield from _from_url(name, settings)
            elif re.match(r"^[a-z][a-z0-9+.-]*://", name, re.I):
                raise InputError(name, "unsupported URL scheme: only http:// and https:// URLs can be read")
            else:
                yield from _from_path(Path(name), settings, seen_paths)
        except InputError as exc:
            yield InputProblem(source=exc.source, reason=exc.reason)


def _from_path(path: Path, settings: Settings, seen: set[Path]) -> Iterator[Item]:
    if not path.exists():
        if path.is_symlink():
            raise InputError(str(path), _broken_link(path))
        raise InputError(str(path), "no such file or folder")
    if not path.is_dir():
        yield from _from_file(path, settings, seen)
        return
    files = 0
    for entry in _folder(path):
        if isinstance(entry, InputProblem):
            yield entry
        elif entry.suffix.lower() in SUPPORTED_SUFFIXES:
            files += 1
            try:
                yield from _from_file(entry, settings, seen)
            except InputError as exc:  # one bad file must not end the folder
                yield InputProblem(source=exc.source, reason=exc.reason)
        else:
            yield InputProblem(source=str(entry), reason="skipped: not a supported file type", level="warning")
    if not files:
        yield InputProblem(source=str(path), reason="no files to read in this folder (it reads "
                           + ", ".join(sorted(SUPPORTED_SUFFIXES)) + " files; hidden ones are skipped)")


def _folder(folder: Path) -> Iterator[Path | InputProblem]:
    """The regular files under a folder (hidden ones left out), sorted, and a problem for each entry that cannot
    be read: a broken link, a subfolder without permission, a link to a folder (not followed: no loops)."""
    entries: list[tuple[Path, Path | InputProblem]] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename or folder)
        entries.append((where, InputProblem(source=str(where), reason=f"cannot read folder ({exc.strerror or exc})")))

    for root, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for link in (Path(root) / name for name in folders if (Path(root) / name).is_symlink()):
            entries.append((link, InputProblem(
                source=str(link), reason="skipped: a link to a folder (give that folder as an input to read it)",
                level="warning")))
        for child in (Path(root) / name for name in files if not name.startswith(".")):
            if not child.exists():
                entries.append((child, InputProblem(source=str(child), reason=_broken_link(child))))
            elif not child.is_file():  # a FIFO, socket or device: reading it could block forever
                entries.append((child, InputProblem(source=str(child), reason="skipped: not a regular file",
                                                    level="warning")))
            else:
                entries.append((child, child))
    for _, entry in sorted(entries, key=lambda item: item[0]):
        yield entry


def _broken_link(path: Path) -> str:
    try:
        path.stat()
    except OSError as exc:
        return f"broken symbolic link to {os.readlink(path)} ({exc.strerror})"
    return "no such file or folder"


def _read_capped(stream: BinaryIO, cap: int) -> bytes:
    """A stream's bytes up to one past the cap (an endless pipe must not fill the memory), read in chunks (one
    read of cap + 1 bytes would allocate it all up front)."""
    data = bytearray()
    while len(data) <= cap:
        chunk = stream.read(min(1 << 20, cap + 1 - len(data)))
        if not chunk:
            break
        data += chunk
    return bytes(data)


def _from_file(path: Path, settings: Settings, seen: set[Path]) -> Iterator[Item]:
    resolved = path.resolve()
    if resolved in seen:
        return  # the same file named twice (or reached through two folders) is read once
    seen.add(resolved)
    try:
        status = path.stat()
        if status.st_size > settings.max_bytes:
            raise InputError(str(path), f"file is {status.st_size} bytes, above the {settings.max_bytes}-byte cap "
                             "(raise it with --max-bytes)")
        if stat.S_ISREG(status.st_mode):
            data = path.read_bytes()
        else:  # a pipe or device (`<(cmd)`, /dev/zero) has no size up front: read no further than the cap
            with path.open("rb") as handle:
                data = _read_capped(handle, settings.max_bytes)
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from exc
    yield from _from_bytes(data, str(path), path.suffix.lower(), settings)


def _from_url(url: str, settings: Settings) -> Iterator[Item]:
    from .fetch import fetch

    fetched = fetch(url, settings)
    if not _is_textual(fetched.content_type):
        raise InputError(url, f"not an article: the server sent {fetched.content_type} "
                         "(newsweave reads HTML, plain text, JSON and RSS/Atom feeds)")
    suffix = ""
    if "html" in fetched.content_type:
        suffix = ".html"
    elif "rss" in fetched.content_type or "atom" in fetched.content_type:
        suffix = ".xml"
    elif fetched.content_type == "application/json":
        suffix = ".json"
    for item in _from_bytes(fetched.body, url, suffix, settings, fetched.charset):
        if isinstance(item, RawDocument) and item.url is None and item.source == url:
            item.url = fetched.url
        yield item


def _is_textual(media: str) -> bool:
    """Whether a media type can hold an article: text, HTML, XML, JSON; none or octet-stream are sniffed."""
    kind, _, subtype = media.partition("/")
    return (not media or media == "application/octet-stream" or kind == "text"
            or subtype in ("json", "xml", "x-ndjson", "ndjson") or subtype.endswith(("+xml", "+json")))


def _from_bytes(data: bytes, source: str, suffix: str, settings: Settings, charset: str | None = None) -> Iterator[Item]:
    if len(data) > settings.max_bytes:
        raise InputError(source, f"input is above the {settings.max_bytes}-byte cap "
                         "(raise it with --max-bytes)")
    text, warnings = decode(data, source, charset)
    kind = sniff(text, suffix)
    found = False
    for item in _parse(text, source, kind):
        found = True
        if isinstance(item, RawDocument):
            item.warnings = warnings + item.warnings  # "not UTF-8" holds for every record of the input
        yield item
    if not found:  # e.g. "[]", {"articles": []}, separators with nothing between them
        yield InputProblem(source=source, reason=f"no articles found in this {kind} input")


def _parse(text: str, source: str, kind: str) -> Iterator[Item]:
    if kind == "html":
        yield RawDocument(source=source, html=text)
    elif kind == "text":
        yield RawDocument(source=source, text=text)
    elif kind == "multinews":
        yield from _multinews_lines(text, source)
    elif kind == "feed":
        yield from _feed_items(text, source)
    elif kind == "jsonl":
        yield from _jsonl_records(text, source)
    else:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            if "\n{" in text.strip():  # JSON Lines saved as .json
                yield from _jsonl_records(text, source)
                return
            raise InputError(source, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
        except RecursionError as exc:
            raise InputError(source, "JSON nested too deeply to hold article records") from exc
        yield from _json_value(value, source)


def _jsonl_records(text: str, source: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(source=where, reason=f"malformed JSON line ({exc.msg}, column {exc.colno})")
            continue
        except RecursionError:
            yield InputProblem(source=where, reason="JSON line nested too deeply to hold article records")
            continue
        yield from _json_value(value, where)


def _json_value(value: Any, source: str, depth: int = 0) -> Iterator[Item]:
    if depth > _MAX_JSON_DEPTH:
        yield InputProblem(source=source, reason="JSON nested too deeply to hold article records")
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_value(item, f"{source}#{index}", depth + 1)
        return
    if not isinstance(value, dict):
        kind = _JSON_KINDS.get(type(value), type(value).__name__)
        yield InputProblem(source=source, reason=f"JSON {kind} is not an article record (need an object with a "
                           "'text' or 'html' field)")
        return
    if isinstance(value.get("documents"), list) and not any(value.get(k) for k in _TEXT_FIELDS + _HTML_FIELDS):
        for index, document in enumerate(value["documents"]):  # a Multi-News style cluster record
            if isinstance(document, str) and document.strip():
                yield RawDocument(source=f"{source}#{index}", text=document)
        return
    for key in _LIST_FIELDS:
        if isinstance(value.get(key), list) and not any(value.get(k) for k in _TEXT_FIELDS + _HTML_FIELDS):
            yield from _json_value(value[key], source, depth + 1)
            return
    yield _record(value, source)


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if value not in (None, ""):
            return str(value)
    return None


def _first_text(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first of the fields holding text: a string, or a list of strings (paragraphs)."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = "\n\n".join(v for v in value if v.strip())
        if isinstance(value, str) and value.strip():
            return value
    return None


def _record(record: dict[str, Any], source: str) -> Item:
    text, html = _first_text(record, _TEXT_FIELDS), _first_text(record, _HTML_FIELDS)
    if not text and not html:
        for key in _TEXT_FIELDS + _HTML_FIELDS:
            if record.get(key) not in (None, "", []) and not isinstance(record[key], str):
                kind = "array" if isinstance(record[key], list) else _JSON_KINDS.get(type(record[key]), "object")
                return InputProblem(source=source, reason=f"JSON record field {key!r} must be text (a string, or an "
                                    f"array of strings), not JSON {kind}")
        empty = [key for key in _TEXT_FIELDS + _HTML_FIELDS if key in record]
        if empty:  # the field is there, with nothing in it (a page the scraper could not read)
            return InputProblem(source=source, reason=f"JSON record field {empty[0]!r} is empty")
        fields = ", ".join(repr(key) for key in list(record)[:10]) or "none"
        return InputProblem(source=source, reason=f"JSON record has no 'text' or 'html' field (it has: {fields})")
    if html is None and text is not None and sniff(text, "") == "html":
        text, html = None, text
    outlet = _first(record, _OUTLET_FIELDS)
    if outlet and ("/" in outlet and not re.match(r"^https?://", outlet)):
        outlet = None  # a 'source' that is a file path names where it came from, not who published it
    return RawDocument(
        source=source, text=text, html=html, title=_first(record, ("title", "headline")),
        url=_first(record, ("url", "link", "canonical_url")), outlet=outlet,
        published=_first(record, _DATE_FIELDS), byline=_first(record, _BYLINE_FIELDS))


def _multinews_lines(text: str, source: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), 1):
        documents = [d.strip() for d in line.replace("story_separator_special_tag", MULTI_NEWS_SEPARATOR).split(MULTI_NEWS_SEPARATOR)]
        for index, document in enumerate(d for d in documents if d):
            body = re.sub(r"[ \t]*\bnewline_char\b[ \t]*", "\n", document, flags=re.I)  # NEWLINE_CHAR: a line break
            yield RawDocument(source=f"{source}:{number}#{index}", text=body)


def _feed_items(text: str, source: str) -> Iterator[Item]:
    import feedparser

    # A stream, never a string: feedparser opens a string that looks like a URL or a file name (fetching it, past
    # the private-address guard); the text is already decoded, so its bytes are UTF-8 whatever the XML declares.
    feed = feedparser.parse(io.BytesIO(text.encode("utf-8", "surrogatepass")),
                            response_headers={"content-type": "application/xml; charset=utf-8"})
    if not feed.entries:
        reason = f"feed has no items ({feed.bozo_exception})" if feed.bozo else "feed has no items"
        yield InputProblem(source=source, reason=reason)
        return
    outlet = feed.feed.get("title")
    for index, entry in enumerate(feed.entries):
        body = entry.content[0].value if entry.get("content") else entry.get("summary", "")
        where = f"{source}#{index}"
        if not body.strip():
            yield InputProblem(source=where, reason="feed item has no text")
            continue
        published = None
        stamp = entry.get("published_parsed") or dict.get(entry, "updated_parsed")  # dict.get: no fallback warning
        if stamp:
            published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
        is_html = bool(re.search(r"<(?:p|div|br|a|span|em|strong)\b", body, re.I))
        if not is_html:  # line breaks inside feed XML are layout, not paragraph ends
            body = "\n\n".join(" ".join(block.split()) for block in re.split(r"\n\s*\n", body) if block.strip())
        author = _feed_author(entry.get("author"))
        yield RawDocument(
            source=where, text=None if is_html else body, html=f"<html><body><article>{body}</article></body></html>"
            if is_html else None, title=entry.get("title"), url=entry.get("link"), outlet=outlet,
            published=published, byline=author)


def _feed_author(author: str | None) -> str | None:
    """The person in an RSS author field: "desk@paper.example (Ann Lee)" → "Ann Lee"; a bare e-mail names no one."""
    if not author or not author.strip():
        return None
    if match := re.fullmatch(r"\s*\S+@\S+\s*\((.+)\)\s*", author):
        return match.group(1).strip()
    return None if re.fullmatch(r"\s*\S+@\S+\s*", author) else author.strip()
