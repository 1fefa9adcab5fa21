"""Reported speech from the dependency parse: a speech verb with a subject and a content clause, a tag inside
or at the edge of its statement ("…, X said"), "according to X"."""

from __future__ import annotations

from typing import Sequence

from .article import Attribution
from .lexicon import _ADDRESSEE_VERBS, _FORM_TO_BASE, _XCOMP_VERBS, MAKE_CLEAR, SPEECH_VERBS, STANCE_VERBS
from .marks import _clean
from .speakers import _set_speaker, _Speakers


class _ReportedSpeech(_Speakers):
    """Statements read off the parse around speech verbs and "according to", outside quote marks."""

    def _reported(self, verb, base: str) -> Attribution | None:
        speaker_token = self._subject(verb)
        content = [c for c in verb.children if c.dep_ == "ccomp"]
        if base == MAKE_CLEAR:  # the clause after "clear", whether the parser hangs it on "made" or on "clear"
            clear = next(c for c in verb.children if c.lower_ == "clear")
            content = [c for c in [*verb.children, *clear.children] if c.dep_ in {"ccomp", "advcl"} and c.i > clear.i]
        elif not content and base not in STANCE_VERBS:
            # "told a meeting of leaders that few people …": the that-clause parsed as a relative clause
            content = [t for c in verb.children if c.dep_ in {"dobj", "prep"} for t in c.subtree
                       if t.dep_ in {"relcl", "acl"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children)][:1]
        if not content and base in _XCOMP_VERBS:
            if base == "call":
                # "called for talks" / "called on Trump to apologize" / 'called the deal "a disgrace"'
                content = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"for", "on"}]
                objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
                complements = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "attr", "ccomp", "acomp"}
                               and objects and c.i > objects[0].i]
                if not content and objects and complements:
                    content = objects[:1] + complements[:1]
            else:
                content = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
        sentence = self.token_sentence[verb.i]
        tokens: set[int] = set()
        for child in content:
            tokens |= {t.i for t in child.subtree}
        ancestors = {a.i for a in verb.ancestors}
        surface = self._surface_content(verb, base, speaker_token, content)
        tag_after = speaker_token is not None and speaker_token.i < verb.i and bool(content) \
            and all(c.i < speaker_token.i for c in content)
        if surface is not None:
            tokens = surface
        elif tag_after or (not tokens and verb.dep_ == "parataxis" and verb.head.i != verb.i):
            # "A, but B, another source said, …" / "The museum, Mr. Bush said, celebrated …": the tag inside its
            # statement; the statement is the rest of the clause around it, whatever the parser joined up
            tag = {verb.i} | {t.i for c in verb.children if c not in content for t in c.subtree}
            if speaker_token is not None and speaker_token.i not in ancestors:
                tag |= {t.i for t in speaker_token.subtree}
            scope = verb if verb.dep_ != "parataxis" else verb.head
            if scope.dep_ == "ROOT":
                tokens = set(self._sentence_tokens(sentence)) - tag
            else:  # "the stadium, which, Tompkins said, is usually full": only the clause around the tag
                tokens = {t.i for t in scope.subtree} - tag
        elif speaker_token is not None and speaker_token.i not in ancestors:
            tokens -= {t.i for t in speaker_token.subtree}
        tokens.discard(verb.i)
        tokens = {i for i in tokens if self.token_sentence[i] == sentence}
        if speaker_token is None and verb.dep_ not in {"ROOT", "ccomp", "conj", "parataxis"}:
            return None
        return self._make(tokens, "indirect", verb, speaker_token)

    def _tag_range(self, verb, speaker_token, content: Sequence = ()) -> tuple[int, int]:
        """First and last token of a speech tag: the speaker, the verb and the modifiers next to it
        ("Melia said in a statement Friday", "Okafor told Harbour Wire", "said Gretchen Vell, who runs …")."""
        doc = self.doc
        first = last = verb.i
        if speaker_token is not None and speaker_token.i not in {a.i for a in verb.ancestors}:
            first = min(first, speaker_token.left_edge.i)
            last = max(last, speaker_token.right_edge.i if speaker_token.i > verb.i else last)
        first = min([first] + [c.i for c in verb.children if c.dep_ in {"aux", "neg", "advmod"} and c.i < verb.i
                               and c.i >= first - 3])
        addressee = _FORM_TO_BASE.get(verb.lower_) in _ADDRESSEE_VERBS
        modifiers = {c.left_edge.i: c for c in verb.children if c.i > last and (
            c.dep_ in {"prep", "npadvmod", "advmod", "prt", "dative", "agent"} or (addressee and c.dep_ == "dobj"))}
        stop = min([t.left_edge.i for t in content if t.i > verb.i] + [len(doc)])
        i = last + 1
        while i < stop and i in modifiers and self.token_sentence[i] == self.token_sentence[verb.i]:
            last = min(modifiers[i].right_edge.i, stop - 1)  # "said in a statement that …": not into the clause
            i = last + 1
        return first, last

    def _surface_content(self, verb, base: str, speaker_token, content: list) -> set[int] | None:
        """The statement read off the sentence when the tag sits at one of its edges, where parses of quoted text
        go wrong most: 'These restrictions "called into …," Melia said.' → all before the tag;
        'He said Washington's "commitment … remains unwavering".' → all after it."""
        if speaker_token is None or verb.dep_ not in {"ROOT", "parataxis"} or base not in SPEECH_VERBS | STANCE_VERBS:
            return None
        doc = self.doc
        sentence = self.token_sentence[verb.i]
        words = [i for i in self._sentence_tokens(sentence) if not doc[i].is_punct and not doc[i].is_space]
        if not words:
            return None
        first, last = self._tag_range(verb, speaker_token, content)
        after = [i for i in words if i > last]
        before = [i for i in words if i < first]
        adverbial = {t.i for c in verb.children if c.i < first and c.dep_ in {"advmod", "prep", "npadvmod", "cc", "advcl"}
                     for t in c.subtree}
        if not after and len([i for i in before if i not in adverbial]) >= 2 and first > 0 \
                and (doc[first - 1].text == "," or doc[first - 1].is_quote):
            return set(before)  # "…, X said."
        lead = [i for i in before if i not in adverbial]  # "On Friday, X said …" has none
        if content and all(c.i > verb.i for c in content) and not lead and len(after) >= 2:
            tail = set()
            for child in verb.children:  # "…, adding that …" and "… and added …" are statements of their own
                if child.i <= last or child in content or child.dep_ not in {"advcl", "conj", "parataxis"}:
                    continue
                own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
                that_clause = any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
                if child.lower_ in _FORM_TO_BASE or (own_subject and not that_clause):
                    tail |= {t.i for t in child.subtree}  # "…, but he refuses to …": a clause of the writer's
                    tail |= {c.i for c in verb.children if c.dep_ in {"cc", "punct"} and c.i == child.left_edge.i - 1}
            return {i for i in range(last + 1, words[-1] + 1)} - tail  # "X said (in a statement) that …"
        return None

    def _according(self, according) -> Attribution | None:
        to = self.doc[according.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None) \
            or next((c for c in according.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        head = according.head
        while head.dep_ not in {"ROOT", "ccomp", "conj", "parataxis", "advcl", "relcl"} and head.head.i != head.i:
            head = head.head
        excluded = {t.i for t in according.subtree} | {according.i}
        sentence = self.token_sentence[according.i]
        tokens = {t.i for t in head.subtree if self.token_sentence[t.i] == sentence} - excluded
        attribution = self._make(tokens, "indirect", according, source)
        if attribution is not None:
            attribution.cue = "according to"
        return attribution

    def _make(self, tokens: set[int], kind: str, verb, speaker_token) -> Attribution | None:
        """A reported statement from its content tokens: one span per contiguous run (a tag inside splits it)."""
        doc = self.doc
        if tokens and doc[min(tokens)].dep_ == "cc" and kind == "indirect":
            tokens = tokens - {min(tokens)}  # "But the panel has done nothing, X said": the "But" is the writer's
        runs = self._runs(tokens)
        if not runs:
            return None
        spans = [(doc[a].idx, doc[b].idx + len(doc[b])) for a, b in runs]
        start, end = spans[0][0], spans[-1][1]
        fragments = [_clean(self.text[q.start:q.end]) for q in self.quotes if q.start >= start and q.end <= end + 1]
        text = _clean(" ".join(self.text[a:b].rstrip(" ,") for a, b in spans))
        attribution = Attribution(start=start, end=end, spans=spans, text=text, kind=kind, cue=verb.text,
                                  cue_index=verb.i, fragments=[f for f in fragments if len(f.split()) >= 4])
        if speaker_token is not None:
            _set_speaker(attribution, self._speaker(speaker_token))
        return attribution

    def _runs(self, tokens: set[int]) -> list[tuple[int, int]]:
        """Contiguous runs of tokens (gaps of punctuation only are bridged), trimmed of punctuation at the edges."""
        doc = self.doc
        runs: list[list[int]] = []
        for i in sorted(tokens):
            if runs and all(doc[j].is_punct or doc[j].is_space for j in range(runs[-1][1] + 1, i)):
                runs[-1][1] = i
            else:
                runs.append([i, i])
        out = []
        for first, last in runs:
            span = self._trim(set(range(first, last + 1)))
            if span is not None:
                out.append(span)
        return out

    def _trim(self, tokens: set[int]) -> tuple[int, int] | None:
        if not tokens:
            return None
        first, last = min(tokens), max(tokens)
        doc = self.doc
        while first <= last and (doc[first].is_punct and not doc[first].is_quote or doc[first].is_space):
            first += 1
        while last >= first and (doc[last].is_punct and not doc[last].is_quote or doc[last].is_space):
            last -= 1
        if first > last or all(doc[i].is_punct or doc[i].is_space for i in range(first, last + 1)):
            return None
        return first, last
