"""Mentions: every comparable value of a candidate sentence, with the words that give it its role (the noun it
counts or dates, its verb and subject, the title a person holds, the places and times around it)."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Sequence

from ..align import SentenceRef
from ..models import Article
from ..nlp import lemma
from ..timeline import WEEKDAYS, story_dates
from .people import _HONORIFICS, _clean_name
from .scope import parts_of, rate_of, spans_of
from .values import Value, _CURRENCY_WORDS, _QUANTITY_UNITS, _SCALES, read_listed, read_value


LOGGER = logging.getLogger(__name__)
CONTEXT_WORDS = 2  # content words read on each side of a value
SURROUNDING_TOKENS = 4  # tokens as written (small words and punctuation too) kept on each side of a name
_VALUE_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME", "PERSON"}
_TITLE_WORDS = {
    "minister", "president", "prime", "premier", "secretary", "spokesman", "spokeswoman", "spokesperson", "leader",
    "chief", "director", "chairman", "chairwoman", "chair", "head", "governor", "mayor", "ambassador", "general",
    "commander", "judge", "senator", "representative", "officer", "executive", "ceo", "king", "queen", "prince",
    "pope", "envoy", "negotiator", "coach", "captain", "manager", "founder", "owner", "ombudsman", "commissioner",
    "attorney", "prosecutor", "lawyer", "sheriff", "chancellor", "deputy", "assistant", "vice", "co-chair",
    "cochairman", "co-chairman", "correspondent", "editor", "analyst", "professor", "adviser", "advisor",
}
# Title nouns that name one office: "the bank's chief" is "the head of the bank".
_SAME_TITLE = {"chief": "head"}
_OWNER_LABELS = ("NORP", "GPE", "ORG")  # whose a title is: "Egyptian", "Wyoming", "Intel"
_SPEECH_VERBS = {"say", "tell", "add", "state", "announce", "declare", "insist", "note", "explain", "warn",
                 "claim", "write", "argue", "report", "confirm", "deny", "acknowledge", "contend"}
_AMOUNTS = {"count", "quantity", "money", "percent", "duration"}  # amounts, counted over a scope (`scope`)
_GENERIC_NOUNS = {"one", "ones", "time", "times", "number", "total", "part", "share", "percent", "percentage",
                  "point", "points", "per", "cent"}


@dataclass
class Mention:
    """One value in one candidate sentence, with the words that give it its role."""

    ref: int
    article: int
    value: Value
    start: int
    end: int
    noun: str | None = None  # lemma of the noun the value counts, measures or modifies
    noun_text: str | None = None
    noun_names: frozenset[str] = field(default_factory=frozenset)  # proper-noun modifiers: "Central" Council
    subject_person: str | None = None  # the person the clause is about ("Xu Wenli was sentenced to ...")
    subject_body: str | None = None  # ... or the named body: "the Washington Nationals offered ..."
    relation: str = ""  # "mod" (1,200 workers), "part" (two of its berths), or the dependency label
    verb: str | None = None  # lemma of the governing verb
    verb_text: str | None = None
    subject: str | None = None
    subject_text: str | None = None
    participants: frozenset[str] = field(default_factory=frozenset)  # lemmas of subject, object and agent
    titles: frozenset[str] = field(default_factory=frozenset)
    title_head: str | None = None
    title_names: frozenset[str] = field(default_factory=frozenset)  # "Egyptian" President, "Wyoming" Gov.
    left: tuple = ()  # content words before the value
    preposition: str | None = None  # the one just before it, within three words ("fell from $70 billion")
    right: tuple = ()  # ... and after it
    places: frozenset[str] = field(default_factory=frozenset)  # places named around the value
    settings: frozenset[str] = field(default_factory=frozenset)  # unnamed ones: "on the island", "in the region"
    times: frozenset[str] = field(default_factory=frozenset)  # other dates in the value's clause
    verb_index: int = -1
    alone: bool = False  # the only value of its kind in its sentence
    title_text: str | None = None
    nouns_above: frozenset[str] = field(default_factory=frozenset)  # nouns between the value and its verb
    clause_role: str = ""  # a person's part in the clause, whatever the voice: "agent", "patient", ...
    title_words: frozenset[str] = field(default_factory=frozenset)  # every word of the title, as written
    title_nouns: frozenset[str] = field(default_factory=frozenset)  # its nouns: "veteran democracy campaigner"
    speaker: bool = False
    quote: str = ""  # what a speaker said, in quotation marks around the name
    noun_speaker: str | None = None  # whose statement a date belongs to: "Sunday's statement from X"
    verbs_also: frozenset[str] = field(default_factory=frozenset)  # verbs a date's verb leads to: "suggesting", "to visit"
    anchor: str | None = None  # the value a date is the time of: "2.8 percent in 2000"
    whole: frozenset[str] = field(default_factory=frozenset)  # places a share is of: "13 percent of the West Bank"
    light_object: str | None = None  # the event a light verb's date is of: "had surgery Oct. 9", "held talks Friday"
    partners: frozenset[str] = field(default_factory=frozenset)  # the names a name is coordinated with: "Xu and X"
    tokens_before: tuple = ()  # the tokens right before a name as written, nearest first
    tokens_after: tuple = ()  # ... and right after it
    age: str | None = None  # the age set off after a name: "X, 45," or "X, aged 45"
    property: str = ""  # a property of one thing the value states, whatever the sentence (`properties`)
    thing: str | None = None  # ... the thing's lemma: "group" of "one of 20 groups"
    thing_text: str | None = None
    founding: bool = False  # an age told by its start: "was set up four years ago"
    rate: str = ""  # the unit an amount is given per: "year" of "$22 million per season" (`scope`)
    spans: frozenset[str] = field(default_factory=frozenset)  # events it was counted over: "games" of "in 54 games"
    parts: frozenset[str] = field(default_factory=frozenset)  # words making it a part: "other", "last"




def _role(mention: Mention, span, doc, ents, sentence_start: int, sentence_end: int):
    """Fill the mention's noun, predicate, subject, context words and titles from the dependency parse (`ents`:
    the doc's entities, read once: `doc.ents` builds them anew on every call); returns the noun's token, if any."""
    root = span.root
    in_sentence = lambda t: sentence_start <= t.idx < sentence_end  # noqa: E731
    mention.left, mention.right = _context(doc, span, sentence_start, sentence_end)
    mention.preposition = next((doc[i].lower_ for i in range(span.start - 1, max(-1, span.start - 4), -1)
                                if doc[i].dep_ == "prep" or doc[i].tag_ == "IN"), None)
    mention.places, mention.settings = _places(doc, ents, span, sentence_start, sentence_end)
    noun = None
    if mention.value.kind == "person":
        _person_role(mention, span, doc, sentence_start, sentence_end)
        named = span.root.head if span.root.dep_ == "appos" else span.root  # "Xu and fellow leader X": the leader
        mention.partners = frozenset(t.text for t in named.conjuncts if t.pos_ == "PROPN" and in_sentence(t)
                                     and not span.start <= t.i < span.end)
        mention.tokens_before = tuple(doc[i].lower_ for i in range(span.start - 1, max(-1, span.start - 1 -
                                      SURROUNDING_TOKENS), -1) if doc[i].idx >= sentence_start)
        mention.tokens_after = tuple(doc[i].lower_ for i in range(span.end, min(len(doc), span.end +
                                     SURROUNDING_TOKENS)) if doc[i].idx < sentence_end)
        mention.age = _age_after(doc, span.end)
    else:
        noun, mention.relation = _counted_noun(span, doc, in_sentence)
        if noun is None and mention.value.kind in ("date", "weekday"):
            noun, mention.relation = _dated_noun(span, in_sentence)
        if mention.value.kind == "percent":
            mention.whole = _whole(span, ents, in_sentence)
        if mention.value.kind in ("date", "weekday"):
            mention.anchor = _anchor(span, doc, ents, in_sentence)
            if noun is not None and lemma(noun) in _STATEMENT_NOUNS:
                mention.noun_speaker = _statement_speaker(noun, ents, in_sentence)
    if noun is not None:
        mention.noun = lemma(noun)
        modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i
                     and not (span.start <= c.i < span.end) and c.pos_ != "NUM" and c.ent_type_ not in _VALUE_LABELS]
        mention.noun_text = written_phrase([*modifiers, noun])
        mention.noun_names = frozenset(m.lower_ for m in modifiers
                                       if m.pos_ == "PROPN" or m.ent_type_ in ("NORP", "GPE"))
    verb = next((t for t in [root, *root.ancestors] if t.pos_ in ("VERB", "AUX") and in_sentence(t)), None)
    above = []
    for token in root.ancestors:
        if token is verb or not in_sentence(token):
            break
        if token.pos_ == "NOUN":
            above.append(lemma(token))
    mention.nouns_above = frozenset(above)
    if verb is None:
        return noun
    mention.verb = lemma(verb)
    mention.verb_index = verb.i
    if mention.value.kind in ("date", "weekday") and mention.verb in _LIGHT_VERBS:
        mention.light_object = next((lemma(c) for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                                     and in_sentence(c)), None)
    if mention.value.kind in ("date", "weekday"):  # the day of "gave no hint Thursday, instead suggesting ..."
        mention.verbs_also = frozenset(lemma(c) for c in verb.children if c.dep_ in ("advcl", "xcomp")
                                       and c.i > verb.i and in_sentence(c) and (c.tag_ == "VBG" or c.tag_ == "VB"
                                       and any(x.lower_ == "to" for x in c.children)))  # "... on Sunday to visit"
    if mention.verb == "be":  # "16 percent of children are malnourished": the complement is the predicate
        complement = next((c for c in verb.children if c.dep_ in ("acomp", "attr") and not
                           (span.start <= c.i < span.end)), None)
        mention.verb = lemma(complement) if complement is not None else "be"
    auxiliaries = [c.text for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    particles = [c.text for c in verb.children if c.dep_ == "prt" and in_sentence(c)]  # "walked out", "set up"
    mention.verb_text = " ".join(auxiliaries + [verb.text] + particles)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (subject is None or subject.lower_ in ("that", "which", "who")) and verb.dep_ in ("relcl", "acl") \
            and verb.head.pos_ in ("NOUN", "PROPN"):
        subject = verb.head
    actors = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] + [
        p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if subject is not None:
        actors.append(subject)
    mention.participants = frozenset(lemma(t) for t in actors if t.pos_ in ("NOUN", "PROPN")
                                     and not span.start <= t.i < span.end)
    if subject is not None and not (span.start <= subject.i < span.end):
        person = next((e.text for e in ents if e.label_ == "PERSON" and (e.start <= subject.i < e.end or any(
            c.dep_ == "appos" and e.start <= c.i < e.end for c in subject.children))), None)
        mention.subject_person = (_clean_name(person) if person else "") or None
        body = next((e for e in ents if e.label_ == "ORG" and e.start <= subject.i < e.end), None)
        mention.subject_body = re.sub(r"^the\s+", "", body.text, flags=re.I) if body is not None else None
    if subject is not None and subject.pos_ in ("NOUN", "PROPN") and not (span.start <= subject.i < span.end):
        mention.subject = lemma(subject)
        modifiers = [c for c in subject.children if c.dep_ in ("compound", "amod") and c.i < subject.i
                     and c.ent_type_ not in _VALUE_LABELS - {"PERSON"}]  # "the 26-year-old actress": the actress
        mention.subject_text = written_phrase([*modifiers, subject])
    return noun


def written_phrase(tokens) -> str:
    """A noun phrase to show the reader: names as written ("HMS Larkhill", "Dana Orrick"), other words in lower case
    (a sentence's first word is capitalised only where it stands)."""
    return " ".join(t.text if t.pos_ == "PROPN" or t.ent_type_ in _NAME_LABELS or len(t.text) > 1 and t.text.isupper()
                    else t.lower_ for t in tokens)


_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


_LOCATIVE = {"in", "on", "at", "near", "throughout", "across", "inside", "outside", "around"}

# Place nouns that, against a named place, tell another place ("on that small island" / "in Mexico").
_SETTINGS = {"island", "region", "area", "country", "province", "state", "city", "town", "village", "capital",
             "coast", "north", "south", "east", "west", "district", "county", "valley", "border", "world"}


def _places(doc, ents, span, sentence_start: int, sentence_end: int) -> tuple[frozenset[str], frozenset[str]]:
    """Where a value holds: the places named in locative phrases on its noun or verb ("6,076 people in
    Honduras"), or as the subject of its verb ("Mexico reported one death"); and the unnamed settings of
    such phrases ("on that small island")."""
    found, settings = set(), set()
    root = span.root
    anchors = [root, root.head] + [t for t in root.ancestors if t.pos_ in ("VERB", "AUX")][:1]
    verb = anchors[-1] if anchors[-1].pos_ in ("VERB", "AUX") else None
    if verb is not None:  # "Mexico reported one death": the place is the subject
        for subject in verb.children:
            if subject.dep_ == "nsubj" and subject.ent_type_ in ("GPE", "LOC") and \
                    sentence_start <= subject.idx < sentence_end and not _also_a_person(subject, ents):
                found.add(next((e.text.lower().removeprefix("the ") for e in ents
                                if e.start <= subject.i < e.end), subject.lower_))
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ == "prep" and prep.lower_ in _LOCATIVE and sentence_start <= prep.idx < sentence_end:
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if pobj.ent_type_ in ("GPE", "LOC", "FAC") or (pobj.pos_ == "PROPN" and not pobj.ent_type_):
                        found.add(pobj.lower_ if not pobj.ent_type_ else
                                  next((e.text.lower().removeprefix("the ") for e in ents
                                        if e.start <= pobj.i < e.end), pobj.lower_))
                    elif pobj.pos_ == "NOUN" and not pobj.ent_type_ and pobj.lower_ in _SETTINGS:
                        named = [t for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                                 for t in c.children if t.dep_ == "pobj" and t.pos_ == "PROPN"]
                        if named:  # "in the village of Larkhill"
                            found.update(t.lower_ for t in named)
                        else:
                            settings.add(pobj.lower_)
    return frozenset(found), frozenset(settings)


def _also_a_person(token, ents) -> bool:
    """A word the recogniser also reads as part of a person's name somewhere in the text ("Starovoitova")."""
    return any(e.label_ == "PERSON" and token.lower_ in e.text.lower().split() for e in ents)


def _counted_noun(span, doc, in_sentence) -> tuple[object | None, str]:
    """The noun a value counts or modifies, and how: "mod" (1,200 workers), "part" (two of its berths),
    "of" (a strike of two weeks), "hyphen" (a two-party opposition: the noun is the outer one)."""
    root = span.root
    head = root.head
    of_child = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun, relation = None, root.dep_
    if root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "poss") and head is not root \
            and head.pos_ in ("NOUN", "PROPN") and in_sentence(head) and head.i > root.i:
        noun, relation = head, "mod"
        hyphenated = span.end < len(doc) and doc[span.end - 1].i + 1 < len(doc) and (
            "-" in span.text or doc[span.end].text == "-")
        if hyphenated and head.dep_ in ("compound", "amod", "nmod") and head.head.pos_ in ("NOUN", "PROPN") \
                and head.head.i > head.i:
            noun, relation = head.head, "hyphen"
    elif of_child is not None:
        pobj = next((c for c in of_child.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
            noun, relation = pobj, "part"
    elif root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and in_sentence(head.head):
        noun, relation = head.head, "of"  # "a strike of nearly two weeks"
    if noun is not None and (noun.lower_ in _GENERIC_NOUNS or noun.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY")):
        return None, root.dep_
    return noun, relation


def _counted_participle(mention: Mention, noun) -> None:
    """What a count's noun is said to have undergone is the count's predicate, whatever the clause's verb: in "X was
    one of 12 people hurt" the 12 are the hurt, and "30 people evacuated" counts others."""
    if noun is None or mention.value.kind not in ("count", "quantity", "money", "percent"):
        return
    participle = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")), None)
    if participle is not None:
        mention.verb, mention.verb_text = lemma(participle), participle.text


def _dated_noun(span, in_sentence) -> tuple[object | None, str]:
    """The event noun a date belongs to: "a bombing Friday", "Sunday's statement", "elections on Sunday"."""
    root = span.root
    head = root.head
    if root.dep_ in ("npadvmod", "compound", "nmod", "poss") and head is not root:
        noun = head
    elif root.dep_ == "pobj" and head.lower_ in ("on", "in", "at") and head.head.pos_ == "NOUN":
        noun = head.head
    else:
        return None, root.dep_
    if noun.pos_ != "NOUN" or not in_sentence(noun) or noun.ent_type_ in ("DATE", "TIME") or \
            noun.lower_ in _GENERIC_NOUNS:
        return None, root.dep_
    return noun, "dated"


# Verbs whose object names the event: "had surgery", "held talks", "made an appeal", "staged a protest".
_LIGHT_VERBS = {"have", "hold", "make", "take", "give", "undergo", "stage", "conduct"}

# Nouns for what someone said: a date of one is the day of their saying it ("Sunday's statement from X").
_STATEMENT_NOUNS = {"statement", "remark", "comment", "speech", "interview", "announcement", "address",
                    "testimony", "appeal", "warning"}


def _statement_speaker(noun, ents, in_sentence) -> str | None:
    """Who made a statement: its possessor ("X's remarks") or the person after "from" or "by"."""
    people = [c for c in noun.children if c.dep_ == "poss"] + [
        p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for p in c.children
        if p.dep_ == "pobj"]
    for token in people:
        person = next((e.text for e in ents if e.label_ == "PERSON" and e.start <= token.i < e.end
                       and in_sentence(token)), None)
        if person:
            return _clean_name(person)
    return None


def _whole(span, ents, in_sentence) -> frozenset[str]:
    """The places a share is of: "13 percent (more) of the West Bank", "13 percent of the territory in the West
    Bank"."""
    root = span.root
    found = set()
    for holder in [root] + [c for c in root.children if c.dep_ == "amod"]:  # "13 percent more of"
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for token in prep.subtree:
                if token.ent_type_ in ("GPE", "LOC", "FAC") and in_sentence(token):
                    found.add(next((e.text.lower().removeprefix("the ") for e in ents if e.start <= token.i < e.end),
                                   token.lower_))
    return frozenset(found)


def _anchor(span, doc, ents, in_sentence) -> str | None:
    """The amount a date is the time of, as written: "2.8 percent in 2000" (the date hangs on the amount through
    "in"), so that lists of figures by year line up ("2.6 percent in 1999, 2.8 percent in 2000")."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in ("in", "for", "by") or not in_sentence(root.head.head):
        return None
    owner = root.head.head
    amount = next((e for e in ents if e.start <= owner.i < e.end and e.label_ in ("PERCENT", "MONEY", "QUANTITY")),
                  None)
    if amount is None and any(c.dep_ == "nummod" for c in owner.children):
        amount = doc[min(c.i for c in owner.children if c.dep_ == "nummod"):owner.i + 1]
    return re.sub(r"\s+", " ", amount.text.lower()) if amount is not None else None


def _context(doc, span, sentence_start: int, sentence_end: int, size: int = CONTEXT_WORDS) -> tuple[tuple, tuple]:
    """Lemmas of the content words just before and just after a value, within its clause."""
    def words(indices) -> tuple:
        found = []
        for i in indices:
            token = doc[i]
            if not sentence_start <= token.idx < sentence_end or token.is_punct or token.text == "_" or \
                    token.lower_ in ("but", "while", "which", "who", "whom", "whose", "that", "when", "where"):
                break
            if token.is_alpha and not token.is_stop and not (token.ent_type_ and token.ent_iob_ != "O"
                                                             and token.ent_type_ in _VALUE_LABELS):
                found.append(lemma(token))
                if len(found) == size:
                    break
        return tuple(found)

    return words(range(span.start - 1, max(-1, span.start - 12), -1)), words(range(span.end, min(len(doc),
                                                                                              span.end + 12)))


def _person_role(mention: Mention, span, doc, sentence_start: int, sentence_end: int) -> None:
    """The role a name holds: a title before it ("Transport Minister X"), a noun in apposition ("X, a
    resident of ...", "Britain's home secretary, X"), the thing it owns ("X's party"), or what it said."""
    in_sentence = lambda t: sentence_start <= t.idx < sentence_end  # noqa: E731
    mention.relation = span.root.dep_
    mention.clause_role = _clause_role(span.root)
    before: list = []
    i = span.start - 1
    while i >= 0 and in_sentence(doc[i]) and (doc[i].pos_ in ("NOUN", "PROPN", "ADJ") or doc[i].lower_ in ("-",)) \
            and doc[i].ent_type_ in ("", "NORP", "ORG", "GPE", "ORDINAL"):  # "third baseman X", not "first ..."
        before.insert(0, doc[i])
        i -= 1
    root = span.root
    appositive = next((c for c in root.children if c.dep_ == "appos" and in_sentence(c) and c.pos_ == "NOUN"
                       and _next_to(span.end, c.left_edge.i, doc)), None)
    if appositive is None and root.dep_ == "appos" and root.head.pos_ == "NOUN" and in_sentence(root.head):
        # "Britain's home secretary, X": the noun's phrase ends just before the name's
        phrase = [t.i for t in root.head.subtree if t.i < root.left_edge.i]
        if phrase and _next_to(max(phrase) + 1, root.left_edge.i, doc):
            appositive = root.head
    title_words = [t for t in before if t.lower_ in _TITLE_WORDS or lemma(t) in _TITLE_WORDS or
                   (t.pos_ == "NOUN" and not t.ent_type_ and t.is_lower)]  # "former Chilean dictator X"
    words = {lemma(t) for t in before if (t.pos_ in ("NOUN", "ADJ") and t.ent_type_ in ("", "ORDINAL"))
             or t in title_words} \
        if title_words else set()  # "Defense Minister" is not "Foreign Minister"
    head = None
    nouns = [t for t in before if t.pos_ == "NOUN" and not t.ent_type_] if title_words else []
    if appositive is not None:
        head = lemma(appositive)
        modifiers = _modifiers(appositive)
        words |= {head} | {lemma(t) for t in modifiers if t.ent_type_ not in _OWNER_LABELS}  # owners apart
        nouns = [t for t in modifiers if t.pos_ == "NOUN" and not t.ent_type_] + [appositive]
        mention.title_text = " ".join([t.text for t in modifiers] + [appositive.text])
    elif title_words:
        head = lemma(title_words[-1])
        mention.title_text = " ".join(t.text for t in before if t.pos_ in ("NOUN", "PROPN", "ADJ"))[:60] or None
    title_nouns = {lemma(t) for t in nouns}
    if head in _SAME_TITLE:  # as the head noun only: a "chief economist" is no head
        words, title_nouns = (group - {head} | {_SAME_TITLE[head]} for group in (words, title_nouns))
        head = _SAME_TITLE[head]
    mention.titles = frozenset(words)
    mention.title_nouns = frozenset(title_nouns)
    mention.title_head = head
    # the apposition's words, but the name itself and its values ("The aide, 27-year-old X")
    described = [t for t in appositive.subtree if not t.is_stop and not span.start <= t.i < span.end
                 and t.ent_type_ not in _VALUE_LABELS] if appositive is not None else []
    mention.title_words = frozenset(t.lower_ for t in before + described if t.is_alpha)
    owners = [t for t in before if t.ent_type_ in _OWNER_LABELS and t.lower_ not in _TITLE_WORDS]  # not "King"
    if appositive is not None:  # "Bill Gates, Microsoft's chairman", "X, executive director of the Y Network"
        owners += [t for c in appositive.children if c.dep_ in ("poss", "compound", "amod")
                   or c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree if t.ent_type_ in _OWNER_LABELS]
    mention.title_names = frozenset(t.lower_ for t in owners if t.text.replace(".", "").isalpha()  # "U.S."
                                    and not t.is_stop)  # not "the"
    verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else None
    if verb is not None and lemma(verb) in _SPEECH_VERBS:
        mention.speaker = True
        quoted = re.findall(r'"([^"]{12,})"', doc.text[sentence_start:sentence_end])
        mention.quote = " ".join(quoted)[:400]
    if root.dep_ == "poss" and root.head.pos_ in ("NOUN", "PROPN") and in_sentence(root.head):
        owned = root.head
        # "X's Cambodian People's Party": what X owns is the party, not the people
        while owned.dep_ in ("poss", "compound") and owned.head.pos_ in ("NOUN", "PROPN") and in_sentence(owned.head):
            owned = owned.head
        mention.noun, mention.noun_text, mention.relation = lemma(owned), owned.text, "poss"


def people_everywhere(doc, ents: Sequence) -> tuple:
    """The doc's entities with every person's name found wherever the text writes it.

    The recogniser often tags an unfamiliar name in one sentence and not in the next, or only its last word
    ("Ines [Varro]"), or not at all. A name it tags once, or one that a noun for a person describes ("X, his
    former defense secretary", "a witness, Y, 27,"), is the same name elsewhere in the same text: each place the
    text writes such a full name (two words or more), or its last word alone, becomes a PERSON span, replacing
    any entity it overlaps but one that already covers it as a person."""
    from spacy.tokens import Span

    names = {tuple(t.text for t in _name_tokens(e)) for e in ents if e.label_ == "PERSON"}
    names |= _described_names(doc, ents)
    names = {name for name in names if name} | {(name[-1],) for name in names if name}
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for name in sorted(names, key=len, reverse=True):  # the longest name first
        by_first[name[0]].append(name)
    tagged = {i for e in ents for i in range(e.start, e.end)}
    found = []
    i = 0
    while i < len(doc):
        name = next((n for n in by_first.get(doc[i].text, ()) if tuple(t.text for t in doc[i:i + len(n)]) == n
                     and all(t.pos_ == "PROPN" for t in doc[i:i + len(n)])), None)
        if name is None:
            i += 1
            continue
        start = i
        while start > 0 and start - 1 not in tagged and _first_name(doc[start - 1]):  # "Ines" before a tagged "Varro"
            start -= 1
        found.append(Span(doc, start, i + len(name), label="PERSON"))
        i += len(name)
    kept = list(ents)
    for span in found:
        covering = [e for e in kept if e.start < span.end and span.start < e.end]
        if any(e.label_ == "PERSON" and e.start <= span.start and span.end <= e.end for e in covering):
            continue
        if any(e.label_ != "PERSON" and len(span) == 1 for e in covering):
            continue  # a surname inside a place or organisation's name ("the Varro Foundation")
        kept = [e for e in kept if e not in covering] + [span]
    return tuple(sorted(kept, key=lambda e: e.start))


# Nouns that, in apposition to a name, say it is a person's ("X, his former defense secretary").
_PERSON_NOUNS = _TITLE_WORDS | {
    "aide", "witness", "dissident", "student", "activist", "campaigner", "wife", "husband", "son", "daughter",
    "mother", "father", "brother", "sister", "colleague", "friend", "man", "woman", "victim", "suspect",
    "defendant", "member", "resident", "official", "spokesman", "spokeswoman", "candidate", "writer", "author"}


def _described_names(doc, ents: Sequence) -> set[tuple[str, ...]]:
    """Names the recogniser did not tag as people but a noun for a person stands in apposition to, an age follows
    or a title or honorific comes before ("King X Y", "Sen. X Y"), untagged as anything else."""
    people = {i for e in ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    found = set()
    run: list = []
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper() and \
                token.i not in people and token.lower_ not in _TITLE_WORDS:
            run.append(token)
            continue
        if 2 <= len(run) <= 3:
            root = run[-1]
            if any(c.dep_ == "appos" and lemma(c) in _PERSON_NOUNS for c in root.children) or (
                    root.dep_ == "appos" and lemma(root.head) in _PERSON_NOUNS) or _age_follows(doc, run) or \
                    _titled(doc, run) or _listed_with_people(run, people):
                found.add(tuple(t.text for t in run))
        run = []
    return found


# What the recogniser takes an unfamiliar person's name for, besides nothing (not an organisation: "Microsoft Corp.
# and X Y" lists a firm beside a person; nor a work's title).
_MISTAKEN_NAME_LABELS = {"", "PRODUCT"}


def _listed_with_people(run: list, people: set[int]) -> bool:
    """Whether a run of proper nouns is an item of a list whose other items include a person's name ("P.J. Reyes
    (Oakdale), X Y (Easton) and Sam Holt (Brill)", "hosts--X Y, Ellen Marsh, Chris Vale"): a list's names are one
    kind of thing. Not a run the recogniser read as a place or an organisation ("Ellen Marsh and Oakdale"), nor one
    in quotation marks: a list of titles ("the star of "Van Alder" and "The Big Night"") may hold one named after a
    person."""
    if any(t.ent_type_ not in _MISTAKEN_NAME_LABELS for t in run) or _quoted(run):
        return False
    head = run[-1]
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:
        head = head.head  # up to the list's first item
    items = [head, *(t for t in head.subtree if t.dep_ in ("conj", "appos") and _in_list(t, head))]
    return any(t.i in people for t in items if t not in run)


def _quoted(run: list) -> bool:
    """Whether a quotation mark stands right before a run of words (or before its "The") or right after it."""
    doc, first = run[0].doc, run[0].i
    if first > 0 and doc[first - 1].lower_ == "the":
        first -= 1
    return first > 0 and doc[first - 1].is_quote or run[-1].i + 1 < len(doc) and doc[run[-1].i + 1].is_quote


def _in_list(token, head) -> bool:
    """Whether a token hangs from `head` through list links only (conj, appos)."""
    while token.i != head.i:
        if token.dep_ not in ("conj", "appos"):
            return False
        token = token.head
    return True


def _titled(doc, run: list) -> bool:
    """Whether a capitalised title ("King", "President") or an honorific ("Sen.") stands just before a run of
    proper nouns the recogniser left untagged, or tagged, with the honorific or without it, as an organisation
    ("King X Y", "Capt. X Y")."""
    before = doc[run[0].i - 1] if run[0].i > 0 else None
    if before is not None and before.text == "." and before.i > 0 and _honorific(doc[before.i - 1]):
        before = doc[before.i - 1]  # "Capt" "." as two tokens
    if before is None or not (before.text[:1].isupper() and before.lower_ in _TITLE_WORDS or _honorific(before)):
        return False
    if not any(t.ent_type_ for t in run):
        return True
    # an organisation that is exactly the name, or an honorific and the name: a title only a person holds (not
    # "General Motors Corp.")
    entity = doc[(before if before.ent_type_ else run[0]).i:run[-1].i + 1]
    ends = entity.end == len(doc) or doc[entity.end].ent_iob_ != "I"
    return _honorific(before) and entity[0].ent_iob_ == "B" and all(t.ent_type_ == "ORG" for t in entity) and all(
        t.ent_iob_ == "I" for t in entity[1:]) and ends


def _age_follows(doc, run: list) -> bool:
    """Whether an age set off by commas follows a name ("X, 21, and Y, 22, were arraigned"), not in a place's name."""
    return _age_after(doc, run[-1].i + 1) is not None and not any(
        t.ent_type_ in ("GPE", "LOC", "NORP", "FAC") for t in run)


def _age_after(doc, start: int) -> str | None:
    """The age set off after a name that ends before token `start`: ", 21," or ", 21." or ", aged 21"."""
    words = [t.text for t in doc[start:start + 3]]
    if len(words) < 3 or words[0] != ",":
        return None
    age = words[2] if words[1] == "aged" else words[1] if words[2] in (",", ".") else ""
    return age if age.isdigit() and 1 <= int(age) < 120 else None


def _name_tokens(span) -> list:
    """A person span's name words: without a possessive ending or a title the recogniser took in."""
    tokens = [t for t in span if t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in ("'s", "’s")]
    while tokens and (_honorific(tokens[0]) or tokens[0].lower_ in _TITLE_WORDS):
        tokens.pop(0)
    return tokens


def _first_name(token) -> bool:
    """A capitalised proper noun that may begin the name after it (not a title)."""
    return (token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper()
            and token.lower_ not in _TITLE_WORDS
            and not _honorific(token))


def _honorific(token) -> bool:
    return _HONORIFICS.fullmatch(token.text + " ") is not None


def _modifiers(noun) -> list:
    """The words before a noun that describe it, and those describing them: "a third veteran democracy campaigner"
    (not a possessor's: "Deputy" of "Deputy X's brother-in-law")."""
    found = []
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and child.i < noun.i:
            found += [*_modifiers(child), child]
    return sorted(found, key=lambda t: t.i)


def _next_to(end: int, start: int, doc) -> bool:
    """Whether only commas, dashes and numbers (an age) come between token `end` and token `start`: an apposition
    stands next to its name ("X, 44, a campaigner"); one the parse hangs on a name from the end of the sentence
    ("X was taken from a camp ..., his first taste of freedom") describes something else."""
    return end <= start and all(t.is_punct or t.like_num for t in doc[end:start])


def _clause_role(token) -> str:
    """A name's part in its clause, the same in the active and the passive voice and through lists and
    appositions: "agent" ("X arrested ...", "... by X"), "patient" ("arrested X", "two men, Y and X, were
    arrested"), else the dependency label."""
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    if token.dep_ == "nsubj" or token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.dep_ == "agent":
        return "agent"
    if token.dep_ in ("nsubjpass", "dobj"):
        return "patient"
    return token.dep_


def extract_mentions(articles: Sequence[Article], refs: Sequence[SentenceRef], docs: Sequence,
                     bases: Sequence[date | None] | None = None, ents: Sequence[tuple] | None = None) -> list[Mention]:
    """Every comparable value in the candidate sentences, with its role.

    Args:
        articles: the story's articles.
        refs: candidate sentences, located in their articles.
        docs: the spaCy Doc of each article's text.
        bases: the date each article's dates are read against (`timeline.story_dates`).
        ents: each doc's entities, when the caller has read them (`doc.ents` builds them anew on every call).

    Returns:
        list[Mention]: the values, in sentence order.
    """
    if bases is None:
        bases = story_dates(articles)[0]
    inferred = [a.published is None for a in articles]
    mentions: list[Mention] = []
    by_article: dict[int, list] = defaultdict(list)
    ents = {i: ents[i] if ents is not None else tuple(docs[i].ents) for i in {r.article for r in refs}}
    # each date's clause, found once: every value of the clause is compared at that time
    clause_times = {i: [(_time_words(e.text), _governing_verb(e)) for e in ents[i] if e.label_ in ("DATE", "TIME")]
                    for i in ents}
    for article_index in ents:
        doc = docs[article_index]
        by_article[article_index] = _joined_ranges(sorted([e for e in ents[article_index] if e.label_ in _VALUE_LABELS]
                                                          + _untagged_numbers(doc), key=lambda e: e.start), doc)
    for n, ref in enumerate(refs):
        sentence = articles[ref.article].sentences[ref.index]
        doc = docs[ref.article]
        for span in by_article[ref.article]:
            if span.start_char < sentence.start or span.end_char > sentence.end:
                continue
            if _is_identifier(span, doc) or _is_conversion(span, doc) or _quoted_title(span, doc) or (
                    _spoken_date(span) and articles[ref.article].quoted_at(ref.index, span.start_char)):
                continue
            listed = _respective_values(span, ents[ref.article])
            for number, text, person in listed:  # "sentenced X and Y to 13 and 11 years": 13 for X, 11 for Y
                value = read_listed(text, bases[ref.article], base_inferred=inferred[ref.article])
                if value is not None:
                    mention = _mention(n, ref.article, value, doc[number.i:number.i + 1], ents[ref.article], sentence)
                    mention.subject_person = person
                    mentions.append(mention)
            if listed:
                continue
            try:
                value = read_value(span, doc, bases[ref.article], base_inferred=inferred[ref.article])
            except (ValueError, OverflowError, TypeError) as exc:  # an odd number or date: skip it
                LOGGER.debug("unreadable value %r: %s", span.text, exc)
                continue
            if value is not None:
                mentions.append(_mention(n, ref.article, value, span, ents[ref.article], sentence))
    by_ref: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_ref[mention.ref].append(mention)
    for members in by_ref.values():
        kinds = Counter((m.value.kind, m.value.unit if m.value.kind in ("money", "quantity") else "") for m in members)
        for mention in members:
            mention.alone = kinds[(mention.value.kind, mention.value.unit if mention.value.kind in ("money", "quantity")
                                   else "")] == 1
            mention.times = frozenset(m.value.display for m in members if m is not mention and m.value.kind in
                                      ("date", "weekday") and m.verb_index == mention.verb_index >= 0)
            if mention.value.kind not in ("date", "weekday") and mention.verb_index >= 0:
                mention.times |= frozenset(words for words, verb in clause_times[mention.article]
                                           if verb == mention.verb_index)
                mention.times -= {""}
    return mentions


_AMOUNT_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}


def _joined_ranges(spans: list, doc) -> list:
    """Spans with the two ends of a range the recogniser tagged apart ("a minimum 4.5 million to 5 million tons") made
    one: the low end alone has no noun, and would be read as a count of whatever its words are near."""
    from spacy.tokens import Span

    joined: list = []
    for span in spans:
        last = joined[-1] if joined else None
        if last is not None and last.label_ in _AMOUNT_LABELS and span.label_ in _AMOUNT_LABELS and \
                span.start == last.end + 1 and doc[last.end].lower_ in ("to", "-", "–") and not (
                    last.start and doc[last.start - 1].lower_ == "from"):  # "rose from 30 to 45": two values
            joined[-1] = Span(doc, last.start, span.end, label=span.label_)
        else:
            joined.append(span)
    return joined


def _mention(ref: int, article: int, value: Value, span, ents, sentence) -> Mention:
    """A value with its role in its sentence: noun, predicate, subject, context, and an amount's scope."""
    doc = span.doc
    mention = Mention(ref, article, value, span.start_char, span.end_char)
    noun = _role(mention, span, doc, ents, sentence.start, sentence.end)
    _counted_participle(mention, noun)
    if value.kind in _AMOUNTS:
        verb = doc[mention.verb_index] if mention.verb_index >= 0 else None
        mention.rate, mention.spans, mention.parts = (rate_of(span, doc, noun), spans_of(span, noun, verb),
                                                      parts_of(span, noun))
    return mention


_TIME_WORDS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "decade",
               "decades", "minute", "minutes"}


def _governing_verb(span) -> int:
    verb = next((t for t in [span.root, *span.root.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    return verb.i if verb is not None else -1


def _time_words(text: str) -> str:
    """A clause's point in time, as a word to compare: "by early Thursday" → "thursday"."""
    found = re.search("|".join(WEEKDAYS) + r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d+|"
                      r"(?:1[89]|20)\d\ds?", text.lower())
    return found.group(0) if found else ""


def _untagged_numbers(doc) -> list:
    """Numbers the entity recogniser missed ("from dlrs 176 billion", "eight times"), as entity-like spans."""
    from spacy.tokens import Span

    spans = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.ent_iob_ != "O" or not token.like_num or token.lower_ in ("one", "a", "an"):
            i += 1
            continue
        start, end = i, i + 1
        while end < len(doc) and doc[end].ent_iob_ == "O" and (doc[end].lower_ in _SCALES or doc[end].like_num) \
                and doc[end].lower_ not in ("and",):
            end += 1
        label = "CARDINAL"
        if start > 0 and doc[start - 1].lower_ in _CURRENCY_WORDS and doc[start - 1].ent_iob_ == "O":
            start, label = start - 1, "MONEY"
        elif end < len(doc) and doc[end].lower_ in ("%", "percent") and doc[end].ent_iob_ == "O":
            end, label = end + 1, "PERCENT"
        elif end < len(doc) and doc[end].lower_ in _TIME_WORDS and doc[end].ent_iob_ == "O":
            end, label = end + 1, "DATE"
        spans.append(Span(doc, start, end, label=label))
        i = end
    return spans


_LIST = re.compile(r"\d[\d,.]*(?:\s*,\s*\d[\d,.]*)*\s*,?\s+and\s+\d[\d.]*\s+(?:years?|months?|weeks?|days?)")


def _respective_values(span, ents) -> list[tuple]:
    """The values of a list the recogniser tagged as one entity ("13 and 11 years"), each with the person its clause
    gives it in the same order ("sentenced X and Y to ..."): (number token, the value written out, the person).
    Empty unless the clause names exactly as many people, one list in one part of the clause."""
    if span.label_ != "DATE" or not _LIST.fullmatch(span.text):
        return []
    numbers = [t for t in span if t.like_num]
    unit = span[-1].text
    verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return []
    people = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            listed = sorted([child, *child.conjuncts], key=lambda t: t.i)
            named = [next((e for e in ents if e.label_ == "PERSON" and e.start <= t.i < e.end), None) for t in listed]
            if len(listed) > 1 and all(named):
                people.append([_clean_name(e.text) or None for e in named])
    if len(people) != 1 or len(people[0]) != len(numbers):
        return []
    return [(number, f"{number.text} {unit}", person) for number, person in zip(numbers, people[0])]


def _is_conversion(span, doc) -> bool:
    """A value in brackets right after another one: "120 mph (193 kph)" states one thing twice."""
    if span.start < 2 or doc[span.start - 1].text != "(":
        return False
    before = doc[span.start - 2]
    return before.ent_type_ in _VALUE_LABELS or before.like_num or before.lower_ in _QUANTITY_UNITS


def _is_identifier(span, doc) -> bool:
    """Numbers that name rather than count: "Berth 3", "No. 5", "Flight 370", "the 400 block", a score "3-1"."""
    if span.label_ not in ("CARDINAL", "QUANTITY"):
        return False
    root = span.root
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in _CURRENCY_WORDS:
        return False  # "dlrs 70 billion"
    if before is not None and (before.text[:1].isupper() and before.pos_ in ("PROPN", "NOUN") and
                               root.head.i == before.i or before.lower_ in ("no.", "no", "number", "#", "route")):
        return True
    if root.dep_ == "appos" or (root.head.i < root.i and root.head.pos_ == "PROPN" and root.dep_ in ("nummod",
                                                                                                  "compound")):
        return True
    if root.head.lower_ == "block" and root.dep_ in ("nummod", "compound", "amod"):
        return True  # an address: "the 12200 block of 223rd Street"
    if re.fullmatch(r"\d+[-:]\d+", span.text):
        return True
    after = doc[span.end:span.end + 2]
    # a score or a record the tokenizer split: "a 9-14 start", "a 10-8 round", "1-of-16"
    return (len(after) == 2 and after[0].text in ("-", "–") and after[1].like_num or span.start >= 2
            and doc[span.start - 1].text in ("-", "–") and doc[span.start - 2].like_num)


def _quoted_title(span, doc) -> bool:
    """A name in quotation marks is a title: "Van Wilder", MTV's "Carson Daly" (cleaning straightens every mark)."""
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = [t.text for t in doc[span.end:span.end + 2]]
    return span.label_ == "PERSON" and before == '"' and (after[:1] == ['"'] or after[:1] in ([","], ["."])
                                                          and after[1:] == ['"'])


def _spoken_date(span) -> bool:
    """A date with no number in it ("today", "this year"): inside a quotation it is the day the speaker spoke,
    not a date the story states."""
    return span.label_ in ("DATE", "TIME") and not re.search(r"\d", span.text)
