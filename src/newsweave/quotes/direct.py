"""Direct quotes: the speech tag of a quote-mark span, labelled transcript paragraphs ("NAME: …"), block quotes
after "X added:", and untagged quotes continuing the speaker before them."""

from __future__ import annotations

import re

from .article import Attribution
from .lexicon import _EVENT_VERBS, _FORM_TO_BASE, _NAME_LABELS, _NOT_SPEAKERS, _PERSONAL, SPEECH_VERBS, STANCE_VERBS
from .marks import _DASHES, _QUOTE_CHARS, _QuoteSpan, _clean, _join_pieces
from .speakers import _set_speaker, _Speaker, _Speakers


class _DirectQuotes(_Speakers):
    """Quote-mark spans and unmarked quoted paragraphs, each with its speech tag or the speaker it continues."""

    def __init__(self, doc) -> None:
        super().__init__(doc)
        self.dash_cues: set[int] = set()  # names after a '"…" ― Name' dash, standing in for a speech verb

    def _outside(self, quote: _QuoteSpan, labelled: list[Attribution]) -> _QuoteSpan | None:
        """The pieces of a quote outside labelled paragraphs, or None when nothing is left."""
        pieces = []
        for a, b in quote.pieces:
            for block in sorted(labelled, key=lambda x: x.start):
                if block.start < b and a < block.end:
                    paragraph_start = self.paragraphs[self.token_paragraph[self._token_at(block.start)]][0]
                    if paragraph_start > a:
                        pieces.append((a, paragraph_start))
                    a = max(a, block.end)
            if len(re.findall(r"\w+", self.text[a:b])) >= 3:
                pieces.append((a, b))
        pieces = [(a, len(self.text[:b].rstrip())) for a, b in pieces if self.text[a:b].strip()]
        if not pieces:
            return None
        span = self.doc.char_span(pieces[0][0], pieces[-1][1], alignment_mode="expand")
        if span is None:
            return None
        return _QuoteSpan(pieces[0][0], pieces[-1][1], pieces, standalone=True, tokens=(span.start, span.end))

    def _labelled_paragraphs(self) -> list[Attribution]:
        """'PENCE: Well, the question …', 'Sanders: Clinton needs to …': a name and a colon opening a paragraph."""
        doc = self.doc
        out = []
        for start, end in self.paragraphs:
            match = re.match(r"[\"]?([^\n:\"]{2,40}?):[ \t]+(?=\S)", self.text[start:end])
            if not match:
                continue
            label = doc.char_span(start + match.start(1), start + match.end(1), alignment_mode="expand")
            if label is None or not 1 <= len(label) <= 5:
                continue
            words = [t for t in label if not t.is_punct]
            shouting = all(t.text.isupper() for t in words if t.is_alpha) and any(t.is_alpha for t in words)
            if not words or " ".join(t.lower_ for t in words) in _NOT_SPEAKERS:
                continue
            if not (shouting and len(words) <= 3 or all(t.ent_type_ in {"PERSON", "ORG", "NORP"} for t in words)):
                continue  # "WALLACE:", "Sanders:"; not a headline "Veto Power Impedes Peace Efforts:"
            if any(t.ent_type_ in {"DATE", "TIME", "CARDINAL", "GPE"} for t in words):
                continue  # "Monday: …", "8:45 a.m.: …", datelines
            content_start = start + match.end()
            content = doc.char_span(content_start, end, alignment_mode="expand")
            if content is None or len([t for t in content if t.is_alpha]) < 3:
                continue
            attribution = Attribution(start=content_start, end=end, spans=[(content_start, end)],
                                      text=_clean(self.text[content_start:end]),
                                      kind="direct" if shouting else "indirect", cue=":", cue_index=label.end)
            name = " ".join(t.text for t in words)
            _set_speaker(attribution, _Speaker(label.root.i, label.text, label.start_char, label.end_char,
                                               name.title() if shouting else name, None))
            out.append(attribution)
        return out

    def _block_quotes(self, events: list[tuple[int, _Speaker]]) -> list[Attribution]:
        """'The governor added:' closing a paragraph, the statement in the next paragraph, without quote marks."""
        doc = self.doc
        out = []
        for index, speaker in events:
            paragraph = self.token_paragraph[index]
            if paragraph + 1 >= len(self.paragraphs):
                continue
            tail = self.text[doc[index].idx:self.paragraphs[paragraph][1]].rstrip()
            if not tail.endswith(":") or len(tail) > 80:
                continue
            start, end = self.paragraphs[paragraph + 1]
            if self.text[start] in _QUOTE_CHARS:
                continue  # a quoted paragraph: the quote finder takes it
            attribution = Attribution(start=start, end=end, spans=[(start, end)], text=_clean(self.text[start:end]),
                                      kind="direct", cue=doc[index].text, cue_index=index)
            _set_speaker(attribution, speaker)
            out.append(attribution)
        return out

    def _cue_for(self, quote: _QuoteSpan):
        """The speech verb of a standalone quote: in its tag after it, else in the text before it."""
        doc = self.doc
        first, end = quote.tokens
        right = self._right_window(quote)
        left = self._left_window(first)
        dash = re.match(r"[ \t\u00a0]*(?:[\u2015\u2014\u2013]|--?)[ \t\u00a0]*(?=\w)", self.text[quote.end:quote.end + 8])
        if dash:  # '"…" ― Name': an epigraph-style dash and a name
            index = self._token_at(quote.end + dash.end())
            token = doc[index]
            if token.ent_type_ in _NAME_LABELS or token.pos_ == "PROPN":
                self.dash_cues.add(index)
                return index, self._speaker(self._name_head(token))
        intro = bool(left) and doc[left[-1]].text in {":", ","}
        for window in ((left, right) if intro else (right, left)):
            candidates = [i for i in window if doc[i].tag_.startswith("VB") and doc[i].lower_ in _FORM_TO_BASE]
            candidates.sort(key=lambda i: min(abs(i - first), abs(i - end)))
            for i in candidates:
                verb = doc[i]
                base = _FORM_TO_BASE[verb.lower_]
                if base not in SPEECH_VERBS and base not in _EVENT_VERBS:
                    continue
                subject = self._subject(verb) or self._adjacent_name(verb, window) or self._tag_subject(verb, window)
                if subject is not None and not self.in_quote[subject.i]:
                    return i, self._speaker(subject)
        if left and doc[left[-1]].text == ":":
            # 'Sanders made the following comment: "…"': the named subject of the clause the colon ends
            root = doc[left[-1]].head
            while root.dep_ not in {"ROOT"} and root.head.i != root.i and root.head.i in left:
                root = root.head
            subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i in left), None)
            if subject is not None and (subject.ent_type_ in {"PERSON", "ORG", "NORP"} or subject.pos_ == "PROPN"
                                        or subject.lower_ in _PERSONAL):
                return root.i, self._speaker(subject)
        return None, None

    def _left_window(self, first: int) -> list[int]:
        """Tokens of the quote's sentence before it, back to the sentence start or another quote."""
        out = []
        i = first - 1
        while i >= 0 and not self.in_quote[i] and self.token_sentence[i] == self.token_sentence[first] \
                and self.token_paragraph[i] == self.token_paragraph[first]:
            out.append(i)
            i -= 1
        return out[::-1]

    def _right_window(self, quote: _QuoteSpan) -> list[int]:
        """The speech tag after a quote: the rest of its sentence; a short tag sentence after a quote ending in '.'."""
        doc = self.doc
        end = quote.tokens[1]
        if end >= len(doc) or self.token_paragraph[end] != self.token_paragraph[end - 1]:
            return []
        sentence = self.token_sentence[end]
        out = []
        i = end
        while i < len(doc) and not self.in_quote[i] and self.token_sentence[i] == sentence \
                and self.token_paragraph[i] == self.token_paragraph[end]:
            out.append(i)
            i += 1
        closing = self.text[max(quote.start, quote.end - 3):quote.end]
        if sentence != self.token_sentence[end - 1] or re.search(r"[.]\W*$", closing):
            # the quote closed its sentence: only a bare tag sentence ("Okafor said.") or a dash may follow
            if out and doc[out[0]].text in _DASHES:
                return out
            if not self._tag_sentence(out):
                return []
        return out

    def _tag_sentence(self, tokens: list[int]) -> bool:
        """A sentence that only says who spoke: '"…." Rep. Cummings (D-Md.) said in a phone interview.'"""
        doc = self.doc
        words = [i for i in tokens if not doc[i].is_punct]
        if not 1 < len(words) <= 20:
            return False
        for i in words:
            base = _FORM_TO_BASE.get(doc[i].lower_)
            if base is None or not doc[i].tag_.startswith("VB") or base in STANCE_VERBS:
                continue
            if any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in doc[i].children):
                return False
            subject = self._find_subject(doc[i])
            return subject is not None and (subject.i < i or i == words[0])
        return False

    def _tag_subject(self, verb, window: list[int]):
        """In a tag the parser got wrong ('"…," Flynn, a top surrogate, said'), the first name before the verb."""
        doc = self.doc
        for i in window:
            if i >= verb.i:
                break
            token = doc[i]
            if token.ent_type_ in {"PERSON", "ORG", "NORP"} or token.pos_ == "PROPN" or token.lower_ in _PERSONAL:
                return self._name_head(token) if token.ent_type_ or token.pos_ == "PROPN" else token
        return None

    def _adjacent_name(self, verb, window: list[int]):
        doc = self.doc
        after = verb.i + 1
        if after in window and (doc[after].ent_type_ in _NAME_LABELS
                                or doc[after].pos_ == "PROPN" and not doc[after].ent_type_):
            return self._name_head(doc[after])
        before = verb.i - 1
        if before in window and (doc[before].pos_ in {"PROPN", "NOUN"} or doc[before].lower_ in _PERSONAL):
            return doc[before]
        return None

    def _name_head(self, token):
        """The last token of the name a token belongs to ("Dana" → "Prell")."""
        doc = self.doc
        i = token.i
        if token.ent_type_:
            while i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I" and "\n" not in doc[i].whitespace_:
                i += 1
        else:
            while i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and "\n" not in doc[i].whitespace_:
                i += 1
        return doc[i]

    def _direct(self, quote: _QuoteSpan, cue: int | None, speaker: _Speaker | None) -> Attribution:
        attribution = Attribution(start=quote.start, end=quote.end, spans=list(quote.pieces),
                                  text=_join_pieces(self.text, quote.pieces), kind="direct", cue_index=cue,
                                  cue=None if cue is None else "\u2015" if cue in self.dash_cues else self.doc[cue].text)
        if speaker is not None:
            _set_speaker(attribution, speaker)
        return attribution

    def _mostly_inside(self, attribution: Attribution, quote: _QuoteSpan) -> bool:
        span = self.doc.char_span(attribution.start, attribution.end, alignment_mode="expand")
        words = [t for t in span or [] if not t.is_punct and not t.is_space]
        inside = [t for t in words if quote.start <= t.idx < quote.end]
        return not words or len(inside) >= 0.5 * len(words)

    def _continuation(self, quote: _QuoteSpan, direct: list[Attribution], reported: dict[int, Attribution],
                      events: list[tuple[int, _Speaker]]) -> Attribution | None:
        """An untagged quote continues the speaker of the sentence just before it (same or previous paragraph)."""
        first = quote.tokens[0]
        sentence = self.token_sentence[first]
        paragraph = self.token_paragraph[first]
        best: Attribution | None = None
        best_at = -1
        for attribution in [*direct, *reported.values()]:
            if attribution.speaker is None or attribution.end > quote.start or attribution.cue_index is None:
                continue
            last = self._token_at(attribution.end - 1)
            if self.token_paragraph[last] in {paragraph, paragraph - 1} and attribution.end > best_at:
                best, best_at = attribution, attribution.end
        for index, speaker in events:
            if self.doc[index].idx < quote.start and self.token_paragraph[index] in {paragraph, paragraph - 1} \
                    and self.doc[index].idx > best_at:
                best = Attribution(start=self.doc[index].idx, end=self.doc[index].idx + 1, spans=[], text="",
                                   kind="direct", cue_index=index)
                _set_speaker(best, speaker)
                best_at = self.doc[index].idx
        if best is not None:
            # nothing said in between: the statement ends in the sentence just before the quote (or in this one)
            last_sentence = self.token_sentence[self._token_at(max(best.end - 1, best.start))]
            if best.cue_index is not None:
                last_sentence = max(last_sentence, self.token_sentence[best.cue_index])
            if sentence - last_sentence <= 1:
                return best
        # 'Sanders singled out young voters. "The younger people are …"': the person the sentence before is about
        subject = self._introducer(sentence - 1, paragraph)
        if subject is not None:
            introduced = Attribution(start=subject.idx, end=subject.idx + 1, spans=[], text="", kind="direct")
            _set_speaker(introduced, self._speaker(subject))
            return introduced
        return None

    def _introducer(self, sentence: int, paragraph: int):
        """The named person a sentence is about (its main verb's subject), if it sits right before a quote."""
        if sentence < 0:
            return None
        doc = self.doc
        tokens = [t for t in doc[self.sent_starts[sentence]:] if self.token_sentence[t.i] == sentence]
        if not tokens or self.token_paragraph[tokens[0].i] not in {paragraph, paragraph - 1} \
                or any(self.in_quote[t.i] for t in tokens):
            return None
        for token in tokens:
            if token.dep_ == "ROOT":
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.ent_type_ == "PERSON":
                    return self._name_head(subject) if subject.ent_iob_ != "I" else subject
                return None
        return None
