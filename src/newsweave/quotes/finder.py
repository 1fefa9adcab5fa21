"""Attributions of one article: direct quotes and reported speech combined, in text order."""

from __future__ import annotations

from .article import Attribution
from .direct import _DirectQuotes
from .lexicon import _CLAUSE_ONLY, _EVENT_VERBS, _FORM_TO_BASE, _PERSON_NOUNS, _PERSONAL, MAKE_CLEAR, SPEECH_VERBS
from .marks import _join_pieces, _QuoteSpan
from .reported import _ReportedSpeech
from .speakers import _copy_speaker, _Speaker


def find_attributions(doc) -> list[Attribution]:
    """Direct and reported speech of one parsed article, in text order, with character offsets.

    Args:
        doc (spacy.tokens.Doc): the parsed article text (parser and NER; lemmas are not needed).

    Returns:
        list[Attribution]: one per statement; a quote split by a speech tag or continued over paragraphs is one.
    """
    return _Finder(doc).run()


def _make_clear(verb) -> str | None:
    """ "make (it) clear that …" reports what someone said as much as "said that …" does; its subject must be
    someone ("the figures made it clear that …" is the writer's reading)."""
    if verb.lower_ not in {"make", "makes", "made", "making"} or not any(
            c.lower_ == "clear" and c.dep_ in {"ccomp", "oprd", "acomp", "xcomp"} for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.lower_ in _PERSONAL or subject.pos_ == "PROPN"
                               or subject.lower_ in _PERSON_NOUNS):
        return None
    return MAKE_CLEAR


class _Finder(_DirectQuotes, _ReportedSpeech):
    """Both finders over one article's shared indices; `run` reconciles what they find."""

    def run(self) -> list[Attribution]:
        doc = self.doc
        reported: dict[int, Attribution] = {}
        events: list[tuple[int, _Speaker]] = []  # speech verbs with a speaker but no content of their own
        for token in doc:
            if self.in_quote[token.i] or not token.tag_.startswith("VB"):
                continue
            base = _FORM_TO_BASE.get(token.lower_) or _make_clear(token)
            if base is None:
                continue
            attribution = self._reported(token, base)
            if attribution is not None:
                reported[token.i] = attribution
            elif (base in _EVENT_VERBS or base in SPEECH_VERBS - _CLAUSE_ONLY) and token.dep_ in {"ROOT", "conj"}:
                speaker_token = self._subject(token)  # a main-clause event, not "…, where Mrs. Clinton also spoke"
                if speaker_token is not None:
                    events.append((token.i, self._speaker(speaker_token)))
        for token in doc:
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to" \
                    and not self.in_quote[token.i]:
                attribution = self._according(token)
                if attribution is not None:
                    reported[token.i] = attribution

        labelled = self._labelled_paragraphs()
        blocks = labelled + self._block_quotes(events)
        direct: list[Attribution] = []
        for quote in self.quotes:
            if any(b.start < quote.end and quote.start < b.end for b in labelled):
                quote = self._outside(quote, labelled)  # a quoted transcript: each "NAME:" paragraph is its own
            if quote is None or not quote.standalone or quote.tokens[0] >= quote.tokens[1] \
                    or any(b.start <= quote.start and quote.end <= b.end + 1 for b in blocks):
                continue
            cue, speaker = self._cue_for(quote)
            if cue is not None and cue in reported and self._mostly_inside(reported[cue], quote):
                del reported[cue]  # '"We won," he said': the clause of "said" is the quote itself
            previous = direct[-1] if direct else None
            if cue is not None and previous is not None and previous.cue_index == cue:
                _extend(previous, quote, self.text)  # '"A," X said, "B."': one quote in two pieces
                continue
            if cue is None:
                inherited = self._continuation(quote, direct + blocks, reported, events)
                if inherited is not None and inherited in direct and inherited.kind == "direct" \
                        and self.token_paragraph[self._token_at(inherited.end - 1)] == \
                        self.token_paragraph[quote.tokens[0]]:
                    _extend(inherited, quote, self.text)  # '"A," X said on Friday. "B."'
                    continue
                attribution = self._direct(quote, None, None)
                if inherited is not None:
                    _copy_speaker(inherited, attribution)
                direct.append(attribution)
                continue
            direct.append(self._direct(quote, cue, speaker))
        direct += blocks
        result = direct + [a for a in reported.values() if not any(_covers(d, a) for d in direct)]
        result.sort(key=lambda a: (a.start, a.end))
        self._resolve_pronouns(result)
        for attribution in result:
            if attribution.cue_index is None:
                continue
            cue_at = doc[attribution.cue_index].idx
            attribution.nested = any(other is not attribution and any(a <= cue_at < b for a, b in other.spans)
                                     for other in result)
        return result


def _extend(attribution: Attribution, quote: _QuoteSpan, text: str) -> None:
    attribution.spans.extend(quote.pieces)
    attribution.end = max(attribution.end, quote.end)
    attribution.text = _join_pieces(text, attribution.spans)


def _covers(direct: Attribution, other: Attribution) -> bool:
    """A reported statement that is one of the direct quotes already found (same content)."""
    inside = sum(max(0, min(b, other.end) - max(a, other.start)) for a, b in direct.spans)
    return inside >= 0.6 * (other.end - other.start)
