"""Quotes: who said what, direct and reported, speakers resolved to the story's entities, renderings merged.

Two layers:

* `find_attributions(doc)` works on one parsed article. It finds direct quotes (quote-mark spans, quotes over
  several paragraphs, quotes split by a speech tag, colon-introduced quotes, untagged quotes continuing the
  previous speaker) and reported speech from the dependency parse (a speech verb with a subject and a content
  clause, "according to X", "..., X said"). Every `Attribution` keeps character offsets of its content and
  speaker, so it can be scored against span annotations (see benchmarks/quotes.py).
* `extract_quotes(articles, docs, entities, encoder)` maps each speaker to a canonical entity (names through
  `entities.name_key`/`bare_name`, pronouns through the nearest compatible person, descriptions such as
  "the spokesman" through apposition or the entity whose role holds that noun) and merges the renderings of one
  statement across outlets into one `Quote` (embedding similarity or containment, compatible speakers only).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

from .embed import Encoder
from .entities import bare_name, name_key
from .models import Article, Entity, Quote, Variant
from .segment import sentence_spans

__all__ = ["Attribution", "find_attributions", "extract_quotes", "SPEECH_VERBS", "MERGE_SIMILARITY"]

# ── Lexicon ─────────────────────────────────────────────────────────────────────────────────────

#: Reporting verbs (base forms): verbs of saying and writing. Belief and evidence are in STANCE_VERBS.
SPEECH_VERBS = frozenset("""
say tell add state announce warn insist argue claim note explain write report declare acknowledge admit assert
contend predict deny reply respond recall remark observe comment emphasize emphasise stress maintain allege vow
promise pledge threaten urge ask complain concede testify disclose mention quip joke boast charge recount
reiterate counter caution shout chant cry exclaim proclaim retort tweet post assure inform advise propose
recommend lament scoff grumble whisper yell plead brag muse concur affirm speculate hint signal pronounce
stipulate specify notify tout repeat underline underscore highlight answer rule demand swear""".split())
#: Verbs of belief and evidence: reported stances and findings, taken only with a clause of their own
#: ("Polls showed that …", "Okafor believes the deal will hold").
STANCE_VERBS = frozenset("""believe think feel fear hope worry doubt expect suspect assume understand realize realise
recognize recognise know find show indicate reveal suggest conclude estimate determine confirm document
demonstrate prove""".split())
#: Verbs that report speech only with a clause of their own; "continued" alone is no reporting verb.
_CLAUSE_ONLY = frozenset({"continue", "rule", "demand", "highlight", "signal", "post", "answer", "repeat"}) | STANCE_VERBS
#: Verbs whose to-infinitive is what was said ("vowed to fight", "urged the union to accept").
_XCOMP_VERBS = frozenset({"vow", "promise", "pledge", "threaten", "urge", "ask", "warn", "advise", "plead",
                          "call", "demand", "recommend", "tell"})
#: Labels before a colon that name no speaker.
_NOT_SPEAKERS = frozenset({"clarification", "correction", "update", "updated", "editor's note", "editors note", "note",
                           "watch", "read more", "related", "photo", "video", "abstract", "full text", "breaking",
                           "exclusive", "source", "sources", "analysis", "opinion", "q", "a", "question", "answer"})
#: Verbs whose object is the person spoken to, not what was said ("told Harbour Wire that …").
_ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "assure", "warn", "urge", "remind", "advise", "notify",
                              "promise", "brief", "address"})
#: Speech events without content ("X spoke to members", "X addressed reporters"): cues for a quote that follows.
_EVENT_VERBS = frozenset({"speak", "address", "talk", "interview", "testify", "write", "tweet", "post", "continue",
                          "conclude", "explain", "add", "respond", "reply", "answer", "put", "summarize", "sum", "read"})
_IRREGULAR = {
    "say": ["says", "said", "saying"], "tell": ["tells", "told", "telling"], "write": ["writes", "wrote", "written",
    "writing"], "speak": ["speaks", "spoke", "spoken", "speaking"], "put": ["puts", "putting"],
    "sum": ["sums", "summed", "summing"], "shout": [], "cry": ["cries", "cried", "crying"],
    "read": ["reads", "reading"], "find": ["finds", "found", "finding"], "think": ["thinks", "thought", "thinking"],
    "feel": ["feels", "felt", "feeling"], "know": ["knows", "knew", "known", "knowing"],
    "understand": ["understands", "understood", "understanding"], "show": ["shows", "showed", "shown", "showing"],
    "prove": ["proves", "proved", "proven", "proving"], "swear": ["swears", "swore", "sworn", "swearing"],
}


def _forms(base: str) -> set[str]:
    """Inflected forms of a regular or listed verb (a superset is harmless: the tag must also be a verb)."""
    if base in _IRREGULAR and _IRREGULAR[base]:
        return {base, *_IRREGULAR[base]}
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in set("aeiou"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing", base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


_FORM_TO_BASE: dict[str, str] = {}
for _base in sorted(SPEECH_VERBS | STANCE_VERBS | _EVENT_VERBS | _XCOMP_VERBS):
    for _form in _forms(_base):
        _FORM_TO_BASE.setdefault(_form, _base)

_QUOTE_CHARS = '"\u201c\u201d\u201e\u00ab\u00bb'
_OPENERS = "\u201c\u201e\u00ab"
_CLOSERS = "\u201d\u00bb"
_DASHES = {"\u2015", "\u2014", "\u2013", "-", "--"}
_PERSONAL = {"he": "m", "she": "f", "him": "m", "her": "f"}
_NO_ANTECEDENT = {"i", "we", "you", "they", "it", "who", "which", "that", "one", "someone", "everyone", "nobody"}
_FEMALE = {"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "woman", "mother", "wife", "daughter",
           "sister", "actress", "queen", "princess", "grandmother", "girl", "widow", "ms", "ms.", "mrs", "mrs.",
           "miss", "madam", "lady", "dame", "councilwoman", "stateswoman", "anchorwoman", "policewoman"}
_MALE = {"spokesman", "chairman", "congressman", "businessman", "man", "father", "husband", "son", "brother",
         "king", "prince", "grandfather", "boy", "widower", "mr", "mr.", "sir", "lord", "councilman", "statesman",
         "anchorman", "policeman"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_NP_SKIP = {"relcl", "acl", "advcl", "appos", "punct", "parataxis"}


# ── One article: attributions with offsets ──────────────────────────────────────────────────────


@dataclass
class Attribution:
    """One statement in one article: content and speaker with character offsets in the article text.

    `start`/`end` cover the whole content (quote marks included for direct quotes); `spans` lists its pieces
    (a quote split by a speech tag has two). `speaker` is the speaker as written ("he", "the spokesman",
    "Putin's spokesman"); `name` the person or organisation it names, by apposition or, for a pronoun, the
    nearest compatible person before it (None when there is none); `description` the speaker's common-noun
    phrase when the speaker is not a name ("union spokeswoman"). `nested` marks a statement reported inside
    another one's content ("X said he would recommend that …").
    """

    start: int
    end: int
    spans: list[tuple[int, int]]
    text: str
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    name: str | None = None
    description: str | None = None
    cue: str | None = None
    nested: bool = False
    cue_index: int | None = field(default=None, repr=False)
    fragments: list[str] = field(default_factory=list, repr=False)  # quoted pieces of a reported statement
    gender: str | None = field(default=None, repr=False)
    pronoun: bool = field(default=False, repr=False)
    label: str | None = field(default=None, repr=False)


@dataclass
class _QuoteSpan:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the paragraph end of an unclosed quote)
    pieces: list[tuple[int, int]]
    standalone: bool = True
    tokens: tuple[int, int] = (0, 0)  # token range [first, last + 1)


@dataclass
class _Speaker:
    token: int
    text: str
    start: int
    end: int
    name: str | None
    description: str | None
    gender: str | None = None
    pronoun: bool = False
    label: str | None = None  # NER label of the name ("PERSON", "ORG", …), "" for a name NER missed


def find_attributions(doc) -> list[Attribution]:
    """Direct and reported speech of one parsed article, in text order, with character offsets.

    Args:
        doc (spacy.tokens.Doc): the parsed article text (parser and NER; lemmas are not needed).

    Returns:
        list[Attribution]: one per statement; a quote split by a speech tag or continued over paragraphs is one.
    """
    return _Finder(doc).run()


class _Finder:
    def __init__(self, doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.paragraphs = _paragraph_spans(self.text)
        self.sentences = [span for start, end in self.paragraphs for span in sentence_spans(self.text[start:end], start)]
        self.token_paragraph = _index_tokens(doc, [a for a, _ in self.paragraphs])
        self.token_sentence = _index_tokens(doc, [a for a, _ in self.sentences])
        self.sent_starts = [int(np.searchsorted(self.token_sentence, k)) for k in range(len(self.sentences))]
        self.quotes = _quote_spans(self.text, self.paragraphs)
        self.in_quote = np.zeros(len(doc), dtype=bool)
        for quote in self.quotes:
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is None:
                continue
            quote.tokens = (span.start, span.end)
            self.in_quote[span.start:span.end] = True
        self.ent_at: dict[int, object] = {t: e for e in doc.ents for t in range(e.start, e.end)}
        self.dash_cues: set[int] = set()  # names after a '"…" ― Name' dash, standing in for a speech verb
        self.genders = self._genders()

    # ---------------------------------------------------------------- main
    def run(self) -> list[Attribution]:
        doc = self.doc
        reported: dict[int, Attribution] = {}
        events: list[tuple[int, _Speaker]] = []  # speech verbs with a speaker but no content of their own
        for token in doc:
            if self.in_quote[token.i] or not token.tag_.startswith("VB"):
                continue
            base = _FORM_TO_BASE.get(token.lower_)
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

    # ---------------------------------------------------------------- reported speech
    def _reported(self, verb, base: str) -> Attribution | None:
        speaker_token = self._subject(verb)
        content = [c for c in verb.children if c.dep_ == "ccomp"]
        if not content and base not in STANCE_VERBS:
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

    def _sentence_tokens(self, sentence: int) -> list[int]:
        out = []
        i = self.sent_starts[sentence]
        while i < len(self.doc) and self.token_sentence[i] == sentence:
            out.append(i)
            i += 1
        return out

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

    def _subject(self, verb):
        subject = self._find_subject(verb)
        if subject is not None and (self.token_sentence[subject.i] != self.token_sentence[verb.i]
                                    or self.token_paragraph[subject.i] != self.token_paragraph[verb.i]):
            return None  # a heading or dateline glued to the sentence by the parser
        return subject

    def _find_subject(self, verb):
        # the subject next to the verb first: 'These restrictions "called …," Melia said' has two
        for child in sorted(verb.children, key=lambda c: (c.i > verb.i, -c.i if c.i < verb.i else c.i)):
            if self.in_quote[child.i] and not self.in_quote[verb.i]:
                continue  # '"… Full panic mode," said Leslie Wimes': the quote's words are not the speaker
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and verb.lower_ == "quoted"):
                if child.lower_ in {"that", "which", "who"}:  # "…, who said …": the antecedent speaks
                    return child if verb.dep_ == "relcl" and verb.head.pos_ in {"PROPN", "NOUN"} else None
                return child
        node = verb
        # "X responded, saying …", "X said … and added …"
        while node.dep_ in {"advcl", "xcomp", "conj", "pcomp", "prep", "pobj"} and node.head.i != node.i:
            node = node.head
            for child in node.children:
                if child.dep_ in {"nsubj", "nsubjpass"}:
                    return child
        head = verb.head
        if verb.dep_ == "acl" and verb.lower_.endswith("ing") and (
                head.ent_type_ in {"PERSON", "ORG"} or head.lower_ in _PERSON_NOUNS):
            return head  # "Okafor, speaking to members, …" (not "a news conference announcing …")
        for child in verb.children:  # "said Gretchen Vell" parsed without an nsubj
            if child.dep_ in {"dobj", "attr", "npadvmod"} and child.i > verb.i and child.ent_type_ in _NAME_LABELS \
                    and verb.lower_ not in {"told", "tell", "tells", "telling", "asked", "urged", "warned"}:
                return child
        for child in verb.children:  # "Obama, dedicating the museum, said": the subject went to the participle
            if child.dep_ in {"advcl", "acl"} and child.i < verb.i:
                for grandchild in child.children:
                    if grandchild.dep_ == "nsubj" and grandchild.i < child.i:
                        return grandchild
        before = self.doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.pos_ == "PROPN" and before.ent_type_ in {"PERSON", "ORG", ""}:
            return before  # "… the Washington Post Trump said …": a name glued into the phrase before
        return None

    # ---------------------------------------------------------------- direct quotes
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

    def _token_at(self, offset: int) -> int:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is not None and len(span):
            return span.start
        for token in self.doc:
            if token.idx + len(token) > offset:
                return token.i
        return len(self.doc) - 1

    # ---------------------------------------------------------------- speakers
    def _make(self, tokens: set[int], kind: str, verb, speaker_token) -> Attribution | None:
        """A reported statement from its content tokens: one span per contiguous run (a tag inside splits it)."""
        doc = self.doc
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

    def _speaker(self, token) -> _Speaker:
        doc = self.doc
        if token.lower_ in {"who", "that", "which"} and token.head.dep_ == "relcl":
            antecedent = self._speaker(token.head.head)  # written "who", meant the noun the clause describes
            antecedent.text, antecedent.start, antecedent.end = token.text, token.idx, token.idx + len(token)
            antecedent.token = token.i
            return antecedent
        if token.pos_ == "PRON" or token.lower_ in _PERSONAL:
            return _Speaker(token.i, token.text, token.idx, token.idx + len(token), None, None,
                            _PERSONAL.get(token.lower_), pronoun=True)
        keep = self._np(token)
        first, last = keep[0], keep[-1]
        text = doc[first:last + 1].text.strip()
        name = description = label = None
        ent = self.ent_at.get(token.i)
        if ent is not None and ent.label_ in _NAME_LABELS:
            name, label = ent.text.strip(" \u2015\u2014\u2013-,"), ent.label_
        else:
            for child in token.children:
                if child.dep_ == "appos":
                    appos = self.ent_at.get(child.i) or next(
                        (self.ent_at[t.i] for t in child.subtree if t.i in self.ent_at
                         and self.ent_at[t.i].label_ == "PERSON" and t.dep_ != "poss"), None)
                    if appos is not None and appos.label_ in {"PERSON", "ORG"}:
                        name, label = appos.text, appos.label_
                        break
            if name is None and token.pos_ == "PROPN":
                name, label = _propn_chain(token), ""
            if name is None:
                words = [doc[i] for i in keep if doc[i].dep_ != "det" and not doc[i].is_punct]
                description = " ".join(t.text for t in words) or text
        gender = self.genders.get(_surname_key(name)) if name else None
        for i in keep:
            if doc[i].lower_ in _FEMALE:
                gender = "f"
            elif doc[i].lower_ in _MALE:
                gender = "m"
        return _Speaker(token.i, text, doc[first].idx, doc[last].idx + len(doc[last]), name, description, gender,
                        label=label)

    def _np(self, token) -> list[int]:
        """The speaker's noun phrase: its head with modifiers, without apposition and clauses, one contiguous run."""
        keep = set()
        stack = [token]
        while stack:
            node = stack.pop()
            keep.add(node.i)
            for child in node.children:
                if child.dep_ in _NP_SKIP:
                    continue
                stack.append(child)
        run = [token.i]
        paragraph = self.token_paragraph[token.i]
        i = token.i - 1
        while i >= 0 and i in keep and not self.doc[i].is_space and self.token_paragraph[i] == paragraph \
                and "\n" not in self.doc[i].whitespace_:
            run.insert(0, i)
            i -= 1
        i = token.i + 1
        while i < len(self.doc) and i in keep and not self.doc[i].is_space and self.token_paragraph[i] == paragraph \
                and "\n" not in self.doc[i - 1].whitespace_:
            run.append(i)
            i += 1
        while len(run) > 1 and (self.doc[run[-1]].is_punct or self.doc[run[-1]].dep_ == "cc"):
            run.pop()
        while len(run) > 1 and self.doc[run[0]].is_punct:
            run.pop(0)
        return run

    def _resolve_pronouns(self, attributions: list[Attribution]) -> None:
        """He/she speakers → the nearest person before, in the five sentences before the statement, gender permitting.

        Candidates are the people NER finds and the named or described speakers of earlier statements, never a
        name inside a quote, inside the statement itself, or the owner in "Putin's spokesman". A person who is a
        sentence subject or an earlier speaker goes before one only mentioned. A resolution teaches the person's
        gender to the next ones.
        """
        doc = self.doc
        candidates: list[tuple[int, str | None, str | None, bool]] = []  # (token, name, description, subject)
        person_keys = {_surname_key(e.text) for e in doc.ents if e.label_ == "PERSON"}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or self.in_quote[ent.start]:
                continue
            root = ent.root
            if root.dep_ == "poss" and root.head.pos_ == "NOUN":
                continue
            subject = root.dep_ in {"nsubj", "nsubjpass"} or (root.dep_ == "appos" and root.head.dep_ == "nsubj")
            candidates.append((ent.end - 1, ent.text, None, subject))
        for attribution in attributions:
            if attribution.speaker_start is not None and not attribution.pronoun:
                first = self._token_at(attribution.speaker_start)
                last = self._token_at(attribution.speaker_end - 1)
                candidates = [c for c in candidates if not first <= c[0] <= last]
                if attribution.name and (attribution.label in {"PERSON", ""} or _surname_key(attribution.name)
                                         in person_keys):  # people ("Varga" typed ORG once), not "Russia insists"
                    candidates.append((last, attribution.name, None, True))
                elif attribution.description and _person_description(attribution.description):
                    candidates.append((last, None, attribution.description, True))
        candidates.sort()
        genders = dict(self.genders)
        for attribution in sorted((a for a in attributions if a.pronoun and (a.speaker or "").lower() in _PERSONAL),
                                  key=lambda a: a.speaker_start):
            gender = attribution.gender
            token = self._token_at(attribution.speaker_start)
            floor = min(self.token_sentence[token], self.token_sentence[self._token_at(attribution.start)]) - 5
            own = [(self._token_at(a), self._token_at(max(a, b - 1))) for a, b in attribution.spans]
            chosen = fallback = None
            for candidate in reversed(candidates):
                position, name, description, subject = candidate
                if position >= token or any(a <= position <= b for a, b in own):
                    continue  # not after the pronoun, nor inside what it says ("Trump is wrong, she said")
                if self.token_sentence[position] < floor:
                    break
                known = genders.get(_surname_key(name)) if name else _description_gender(description)
                if gender is not None and known is not None and known != gender:
                    continue
                fallback = fallback or candidate
                if subject:
                    chosen = candidate
                    break
            chosen = chosen or fallback
            if chosen is not None:
                attribution.name, attribution.description = chosen[1], chosen[2]
                if chosen[1] and gender:
                    genders.setdefault(_surname_key(chosen[1]), gender)
                # '… he said. … he said.': the next pronoun may lean on this one
                bisect.insort(candidates, (token, chosen[1], chosen[2], True))

    def _genders(self) -> dict[str, str]:
        """Gender evidence per surname: honorifics and gendered role nouns (strong); the his/her or he/she of a
        sentence about one person (weak). The side with more evidence wins; a tie leaves the gender open."""
        doc = self.doc
        score: dict[str, dict[str, int]] = {}

        def add(key: str, gender: str, weight: int) -> None:
            score.setdefault(key, {"m": 0, "f": 0})[gender] += weight

        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        for ent in persons:
            key = _surname_key(ent.text)
            nearby = [doc[i] for i in range(max(0, ent.start - 3), ent.start)]
            nearby += [t for t in ent.root.children if t.dep_ in {"appos", "compound"}]
            if ent.root.dep_ == "appos":
                nearby.append(ent.root.head)
            for token in nearby:
                word = token.lower_.rstrip(".")
                if word in _FEMALE or word + "." in _FEMALE:
                    add(key, "f", 3)
                elif word in _MALE or word + "." in _MALE:
                    add(key, "m", 3)
        by_sentence: dict[int, list] = {}
        for ent in persons:
            if not self.in_quote[ent.start]:
                by_sentence.setdefault(self.token_sentence[ent.start], []).append(ent)
        for sentence, people in by_sentence.items():
            if len({_surname_key(p.text) for p in people}) != 1:
                continue
            person = people[0]
            mine = {t for p in people for t in range(p.start, p.end)}
            if any(doc[t].pos_ == "PROPN" and t not in mine and not self.in_quote[t] and doc[t].ent_type_ != "GPE"
                   for t in self._sentence_tokens(sentence)):
                continue  # "Warren grilled Stumpf about his pay": another name there may own the pronoun
            i = person.end
            while i < len(doc) and self.token_sentence[i] == sentence:
                word = doc[i].lower_
                if not self.in_quote[i] and word in {"his", "himself", "her", "herself", "he", "she"} \
                        and not (word == "her" and doc[i].dep_ != "poss"):
                    add(_surname_key(person.text), "m" if word in {"his", "himself", "he"} else "f", 1)
                i += 1
        return {key: ("m" if v["m"] > v["f"] else "f") for key, v in score.items() if v["m"] != v["f"]}

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


# ── Quote marks ─────────────────────────────────────────────────────────────────────────────────


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text) if m.group(0).strip()]
    return spans or [(0, len(text))]


_MARK = re.compile(r"``|''|[\"\u201c\u201d\u201e\u00ab\u00bb]")


def _quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[_QuoteSpan]:
    """Quote-mark spans, paired per paragraph; an unclosed quote continues into a next paragraph opening with one.

    Marks are straight or curly double quotes, guillemets and the two-character ``TeX'' marks; a straight mark
    opens before a word and closes after one.
    """
    found: list[_QuoteSpan] = []
    carry: _QuoteSpan | None = None
    for p_start, p_end in paragraphs:
        opened: int | None = None
        marks = [(m.start(), m.end()) for m in _MARK.finditer(text, p_start, p_end)]
        starts_with_quote = bool(marks) and not text[p_start:marks[0][0]].strip()
        if carry is not None and not starts_with_quote:
            found.append(carry)
            carry = None
        for i, j in marks:
            mark = text[i:j]
            before = text[i - 1] if i > p_start else " "
            after = text[j] if j < p_end else " "
            can_open = mark in _OPENERS or mark == "``" or (
                mark not in _CLOSERS and not after.isspace()
                and (before.isspace() or before in "([{\u2014\u2013-:/" or i == p_start))
            can_close = mark in _CLOSERS or (mark not in _OPENERS and mark != "``" and not before.isspace())
            if opened is None:
                if can_open:
                    opened = i
                continue
            if can_close:
                span = (opened, j)
                if carry is not None:
                    carry.pieces.append(span)
                    carry.end = j
                    found.append(carry)
                    carry = None
                else:
                    found.append(_QuoteSpan(opened, j, [span]))
                opened = None
            elif can_open:
                opened = i  # a stray opening mark before: restart here
        if opened is not None:
            end = len(text[:p_end].rstrip())
            piece = (opened, end)
            if carry is not None:
                carry.pieces.append(piece)
                carry.end = end
            else:
                carry = _QuoteSpan(opened, end, [piece])
        elif carry is not None:
            found.append(carry)
            carry = None
    if carry is not None:
        found.append(carry)
    for quote in found:
        quote.standalone = _standalone(text, quote)
    return found


def _standalone(text: str, quote: _QuoteSpan) -> bool:
    """A quote that is a statement of its own, not a phrase quoted inside a sentence ('called it "a disgrace"')."""
    inner = text[quote.pieces[0][0] + 1:quote.pieces[0][1] - 1]
    if len(re.findall(r"\w+", " ".join(text[a:b] for a, b in quote.pieces))) < 3:
        return False
    before = text[:quote.start].rstrip(" ")
    if not before or before.endswith(("\n", ":", ",", ".", "!", "?", ";", "(", "\u2014", "\u2013", "-", "\u2015")):
        return True
    word = re.search(r"(\w+)$", before)
    if word and word.group(1).lower() in _FORM_TO_BASE and _FORM_TO_BASE[word.group(1).lower()] in SPEECH_VERBS:
        return True  # 'said "we will …"'
    # a quoted whole sentence after a short lead-in is still a statement when it ends the sentence,
    # but a title ('on Fox News's "Fox and Friends."') is not
    words = re.findall(r"[A-Za-z]{3,}", inner)
    if len(words) < 4 or all(w[0].isupper() for w in words):
        return False
    return bool(re.match(r"[A-Z]", inner.lstrip())) and inner.rstrip().endswith((".", "!", "?", ","))


def _join_pieces(text: str, pieces: Iterable[tuple[int, int]]) -> str:
    """One display text of a quote's pieces: '"We held the line," … "and it held."' → 'We held the line, and it held.'"""
    out = ""
    for a, b in pieces:
        piece = _EDGE_MARKS.sub("", " ".join(text[a:b].split()))
        if out and piece[:1].isupper() and out.endswith(","):
            out = out[:-1] + "."
        out = f"{out} {piece}".strip()
    return _clean(out)


_EDGE_MARKS = re.compile(r"^(?:``|''|[\"\u201c\u201d\u201e\u00ab\u00bb\s])+|(?:``|''|[\"\u201c\u201d\u201e\u00ab\u00bb\s])+$")


def _clean(text: str) -> str:
    """Display text of a content span: one line, straight quote marks, no enclosing ones, no dangling comma or "that"."""
    text = re.sub(r"``|''|[\u201c\u201d\u201e\u00ab\u00bb]", '"', " ".join(text.split()))
    text = re.sub(r"^(?:that|whether)\s+", "", text).strip(" ;:")
    if text.count('"') == 1 or (text.startswith('"') and text.endswith('"') and text.count('"') == 2):
        text = text.replace('"', "").strip(" ;:")
    text = text.lstrip(",").strip()
    return re.sub(r"\s*,$", ".", text)  # '"We won," he said' → "We won."


def _extend(attribution: Attribution, quote: _QuoteSpan, text: str) -> None:
    attribution.spans.extend(quote.pieces)
    attribution.end = max(attribution.end, quote.end)
    attribution.text = _join_pieces(text, attribution.spans)


def _covers(direct: Attribution, other: Attribution) -> bool:
    """A reported statement that is one of the direct quotes already found (same content)."""
    inside = sum(max(0, min(b, other.end) - max(a, other.start)) for a, b in direct.spans)
    return inside >= 0.6 * (other.end - other.start)


def _set_speaker(attribution: Attribution, speaker: _Speaker) -> None:
    attribution.speaker = speaker.text
    attribution.speaker_start, attribution.speaker_end = speaker.start, speaker.end
    attribution.name, attribution.description = speaker.name, speaker.description
    attribution.gender, attribution.pronoun, attribution.label = speaker.gender, speaker.pronoun, speaker.label


def _copy_speaker(source: Attribution, target: Attribution) -> None:
    target.speaker, target.speaker_start, target.speaker_end = source.speaker, source.speaker_start, source.speaker_end
    target.name, target.description = source.name, source.description
    target.gender, target.pronoun, target.label = source.gender, source.pronoun, source.label


def _index_tokens(doc, starts: list[int]) -> np.ndarray:
    """For every token, the index of the block (paragraph, sentence) it falls in, given the blocks' start offsets."""
    offsets = np.fromiter((t.idx for t in doc), dtype=np.int64, count=len(doc))
    return np.maximum(np.searchsorted(np.asarray(starts, dtype=np.int64), offsets, side="right") - 1, 0)


def _propn_chain(token) -> str:
    doc = token.doc
    first = last = token.i
    while first > 0 and doc[first - 1].pos_ == "PROPN":
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN":
        last += 1
    return doc[first:last + 1].text


def _surname_key(name: str | None) -> str:
    key = name_key(bare_name(name or ""))
    return key.split()[-1] if key else ""


#: Head nouns of descriptions that name a person ("the spokesman", "a senior official").
_PERSON_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "lawyer", "attorney",
                 "official", "source", "minister", "secretary", "director", "chief", "leader", "president",
                 "chairman", "chairwoman", "executive", "representative", "envoy", "ambassador", "diplomat",
                 "deputy", "officer", "analyst", "expert", "professor", "candidate", "nominee", "senator",
                 "governor", "mayor", "manager", "head", "woman", "man", "mother", "father", "wife", "husband"}


def _person_description(description: str | None) -> bool:
    words = re.findall(r"[a-z]+", (description or "").lower())
    return bool(words) and words[-1] in _PERSON_NOUNS


def _description_gender(description: str | None) -> str | None:
    words = set(re.findall(r"[a-z]+", (description or "").lower()))
    if words & _FEMALE:
        return "f"
    if words & _MALE:
        return "m"
    return None


# ── The story: speakers resolved, renderings merged ─────────────────────────────────────────────

#: Cosine similarity of two renderings' embeddings from which they are taken as one statement.
MERGE_SIMILARITY = 0.7
_EMBED_WORDS = 60  # renderings are cut to this many words for the encoder: the opening says what it is
_STOP = frozenset("""a an the and or but of to in on at for with by from as is are was were be been being it its this
that these those he she they we you i his her their our your my not no will would could should can may might has have
had do does did so than then there here who whom which what when where while said says about into over after
before also just very more most some any all one""".split())


@dataclass
class _Item:
    article: int
    order: int
    attribution: Attribution
    speaker: str | None
    role: str | None
    described: str | None  # head noun of an unresolved description ("agents" of "shipping agents")
    parts: list[str]
    stems: set[str]


def extract_quotes(articles: Sequence[Article], docs: Sequence, entities: Sequence[Entity],
                   encoder: Encoder) -> list[Quote]:
    """Who said what: direct and indirect quotes of the story's articles, speakers resolved to canonical entities,
    the same statement across outlets merged into one Quote with every rendering in `variants`.

    Args:
        articles (Sequence[Article]): the story's articles.
        docs (Sequence[spacy.tokens.Doc]): `docs[i]` is the parsed `articles[i].text`.
        entities (Sequence[Entity]): the story's canonical entities (`newsweave.entities.extract_entities`).
        encoder (Encoder): sentence encoder giving unit vectors.

    Returns:
        list[Quote]: by number of sources (most first), then first appearance. A statement reported inside
        another one ("X said he would recommend that …") is part of that one, not a quote of its own.
    """
    items: list[_Item] = []
    for index, (article, doc) in enumerate(zip(articles, docs)):
        for order, attribution in enumerate(find_attributions(doc)):
            if attribution.nested or not re.search(r"\w", attribution.text):
                continue
            speaker, role = _resolve(attribution, entities, article.id)
            described = None
            if speaker is None and attribution.description:
                words = [w for w in re.findall(r"[a-z]+", attribution.description.lower()) if w not in _ROLE_STOP]
                described = words[-1] if words else None
            parts = _parts(attribution)
            items.append(_Item(index, order, attribution, speaker, role, described, parts, _stems(" ".join(parts))))
    if not items:
        return []
    quotes = []
    for members in _merge(items, encoder):
        members.sort(key=lambda k: (items[k].article, items[k].order))
        group = [items[k] for k in members]
        speaker = next((g.speaker for g in group if g.speaker), None)
        role = next((g.role for g in group if g.speaker == speaker and g.role), None) \
            or next((g.role for g in group if g.role), None)
        representative = _representative(group)
        sources = list(dict.fromkeys(articles[g.article].id for g in group))
        variants, seen = [], set()
        for g in group:
            key = (g.attribution.text, articles[g.article].id)
            if key not in seen:
                seen.add(key)
                variants.append(Variant(text=g.attribution.text, source=articles[g.article].id))
        quotes.append((len(sources), (group[0].article, group[0].order), Quote(
            text=representative.attribution.text, speaker=speaker, role=role,
            kind="direct" if representative.attribution.kind == "direct" else "indirect",
            sources=sources, variants=variants)))
    quotes.sort(key=lambda q: (-q[0], q[1]))
    return [q[2] for q in quotes]


def _representative(group: list[_Item]) -> _Item:
    """The rendering most sources share (after normalising), direct before reported, then the earliest."""
    counts: dict[str, set[int]] = {}
    for g in group:
        counts.setdefault(_norm(g.attribution.text), set()).add(g.article)
    return min(group, key=lambda g: (-len(counts[_norm(g.attribution.text)]), g.attribution.kind != "direct",
                                     g.article, g.order))


def _parts(attribution: Attribution) -> list[str]:
    """Texts to compare for matching: the whole statement, its sentences and the quoted pieces of a reported one."""
    parts = [attribution.text]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", attribution.text) if len(s.split()) >= 4]
    if len(sentences) > 1:
        parts += sentences
    clauses = [c for c in re.split(r",?\s+(?:and|but)\s+that\s+|;\s+", attribution.text) if len(c.split()) >= 4]
    if len(clauses) > 1:  # "X said A, and that B": A and B each may be what another outlet quotes
        parts += clauses
    parts += [f for f in attribution.fragments if f != attribution.text]
    return list(dict.fromkeys(parts))


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in _STOP}


def _contains(a: str, b: str) -> bool:
    """One rendering holds the other (at least five words) after normalising."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small.split()) >= 5 and f" {small} " in f" {large} "


def _compatible(a: _Item, b: _Item) -> bool:
    """Could the two be one speaker? Same entity; or a description that fits the entity's role; or no speaker."""
    if a.speaker and b.speaker:
        return a.speaker == b.speaker
    if a.speaker or b.speaker:
        named, other = (a, b) if a.speaker else (b, a)
        if other.described is None:
            return True
        return bool(named.role) and other.described in re.findall(r"[a-z]+", named.role.lower())
    if a.described and b.described:
        return a.described == b.described
    return True


def _merge(items: list[_Item], encoder: Encoder) -> list[list[int]]:
    """Clusters of renderings of one statement: containment or embedding similarity, compatible speakers only.

    Pairs are cheap-filtered first (compatible speakers, different articles, two shared content words) so only
    renderings that could match are embedded. Clusters grow best pair first and never join two statements of one
    article, so two different statements of one speaker stay apart even when a third rendering resembles both.
    """
    norms = [[_norm(p) for p in item.parts] for item in items]
    decided: list[tuple[float, int, int]] = []
    open_pairs: list[tuple[int, int]] = []
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            first, second = items[a], items[b]
            if not _compatible(first, second):
                continue
            contained = any(_contains(x, y) for x in norms[a] for y in norms[b])
            if contained:
                decided.append((1.0, a, b))
            elif first.article != second.article:
                shared = len(first.stems & second.stems)
                if shared >= min(3, max(1, min(len(first.stems), len(second.stems)) // 2)):
                    open_pairs.append((a, b))  # renderings of one statement share some words, even translated
    if open_pairs:
        needed = sorted({k for pair in open_pairs for k in pair})
        texts = list(dict.fromkeys(p for k in needed for p in items[k].parts))
        row = {t: r for r, t in enumerate(texts)}
        vectors = encoder.encode([" ".join(t.split()[:_EMBED_WORDS]) for t in texts])
        similarity = vectors @ vectors.T
        for a, b in open_pairs:
            score = max(float(similarity[row[x], row[y]]) for x in items[a].parts for y in items[b].parts)
            if score >= MERGE_SIMILARITY:
                decided.append((score, a, b))
    parent = list(range(len(items)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    members: dict[int, list[int]] = {k: [k] for k in range(len(items))}
    for _, a, b in sorted(decided, key=lambda p: (-p[0], p[1], p[2])):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        left, right = members[ra], members[rb]
        if not all(_compatible(items[x], items[y]) for x in left for y in right):
            continue
        if any(items[x].article == items[y].article and not any(_contains(p, q) for p in norms[x] for q in norms[y])
               for x in left for y in right):
            continue  # two statements of one article never merge through a third rendering
        parent[rb] = ra
        members[ra] = left + right
        del members[rb]
    return [m for k, m in members.items() if find(k) == k]


# ── Speakers → canonical entities ───────────────────────────────────────────────────────────────


def _resolve(attribution: Attribution, entities: Sequence[Entity], article_id: str) -> tuple[str | None, str | None]:
    """The canonical speaker name and role of an attribution (None when no speaker is found)."""
    if attribution.name:
        entity = _entity_by_name(attribution.name, entities)
        if entity is not None:
            return entity.name, entity.role or _role_from_text(attribution)
        bare = bare_name(attribution.name)
        if bare and bare[0].isupper():
            return bare, _role_from_text(attribution)
        return None, _role_from_text(attribution)
    if attribution.description:
        entity = _entity_by_description(attribution.description, entities, article_id, attribution.gender)
        if entity is not None:
            return entity.name, entity.role or (_clean_role(attribution.description) if entity.type == "PERSON" else None)
        return None, _clean_role(attribution.description)
    return None, None


def _role_from_text(attribution: Attribution) -> str | None:
    if attribution.speaker and attribution.name and attribution.speaker != attribution.name:
        role = attribution.speaker.replace(attribution.name, "").strip(" ,")
        role = _clean_role(role)
        if role and len(role.split()) <= 12 and role.lower() not in _PERSONAL and role.lower() not in _NO_ANTECEDENT:
            return role
    return None


def _clean_role(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,"), flags=re.I)
    return text or None


def _entity_by_name(name: str, entities: Sequence[Entity]) -> Entity | None:
    key = name_key(bare_name(re.sub(r"^the\s+", "", name, flags=re.I)))
    if not key:
        return None
    for entity in entities:
        if any(name_key(bare_name(n)) == key for n in [entity.name, *entity.aliases]):
            return entity
    tokens = key.split()
    people = [e for e in entities if e.type == "PERSON"]
    by_surname = [e for e in people if name_key(bare_name(e.name)).split()[-1:] == tokens[-1:]]
    if len(tokens) >= 2:
        by_surname = [e for e in by_surname if name_key(bare_name(e.name)).split()[0][:1] == tokens[0][:1]]
    if len(by_surname) == 1:
        return by_surname[0]
    others = [e for e in entities if e.type != "PERSON"
              and (f" {key} " in f" {name_key(e.name)} " or f" {name_key(e.name)} " in f" {key} ")]
    if len(others) == 1:
        return others[0]
    return None


_ROLE_STOP = {"the", "a", "an", "of", "for", "and", "to", "in", "its", "his", "her", "their", "'s", "s"}


def _words(text: str) -> list[str]:
    """Lower-cased content words, "U.S." as "us", possessives and function words dropped."""
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.)|(?<=\b[a-z]\.[a-z])\.", "", text.lower())
    return [w for w in re.findall(r"[a-z]+", text.replace("'s", "")) if w not in _ROLE_STOP and len(w) > 1]


def _entity_by_description(description: str, entities: Sequence[Entity], article_id: str,
                           gender: str | None) -> Entity | None:
    """The one entity a description fits: a person whose role (with name) holds every word of it ("the
    spokesman", "Putin's spokesman", "union spokeswoman"), or an organisation whose name does ("the ministry")."""
    words = _words(description)
    if not words:
        return None
    head = words[-1]
    if head in _PERSON_NOUNS or head in _FEMALE or head in _MALE:
        people = []
        for entity in entities:
            if entity.type != "PERSON" or not entity.role:
                continue
            known = set(_words(" ".join([entity.role, entity.name, *entity.aliases])))
            if all(w in known for w in words):
                people.append((article_id in entity.sources, entity))
        here = [p for p in people if p[0]] or people
        return here[0][1] if len(here) == 1 else None
    orgs = [e for e in entities if e.type in {"ORG", "GPE"} and all(w in set(_words(e.name)) for w in words)]
    return orgs[0] if len(orgs) == 1 else None
