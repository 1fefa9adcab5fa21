"""Disagreements: the same fact stated by sources of different outlets with values that cannot all be true.

Values (counts, amounts, percentages, quantities, dates, weekdays, lengths of time and ages, people) are read
from the spaCy entities of each candidate sentence (plus numbers the recogniser missed) and normalised to
intervals: "more than 300" is [300, ∞), "about 20" is [18, 22], "nearly two weeks" is [11.9, 14] days,
"three years" is 2.5-3.5 years, "in 2009" is the whole year, "9%" and "9 percent" are one value. A list tagged as
one entity ("sentenced X and Y to 13 and 11 years") is read value by value, each its person's, when the clause names
as many people in the same order.

Two values are compared only when

* their sentences state the same fact: cosine >= 0.7, or >= 0.55 inside one alignment group, or half their
  content words shared (names and values left out, since they are what differs);
* they play the same role there: the noun they count ("workers", "dockworkers"), the verb or event noun
  they date ("a bombing on Friday"), the title a person holds, the words right around them; and nothing
  sets them apart: other places named next to them ("in Honduras" / "in Nicaragua"), other dates in their
  clause ("by Thursday" / "by Monday"), verbs of different outcomes (killed / injured), different people
  the clause is about, or the other sentence also stating the value ("13-, 12- and 11-year terms").

Counterpart sentences (each the other's closest in the other article, cosine >= 0.55, >= 0.6 for names) that
are not that similar are compared only where the role is sure: the same noun counted or dated, the same title.
So are, for amounts, any two sentences from cosine 0.6 (a rival number can move a sentence off its counterpart).
Two names are rivals only when no article names both people (a source naming both is speaking of two people); such
names are compared by title, by what they own ("X's party") or by their place in the same clause, and their
sentences also with one name put for the other (an unfamiliar name pulls a sentence's vector far away); two
holders of one office ("Prime Minister X"), and two names in one place of one wording ("Two men, X, 21, and Z,
22, were arraigned"), are then one fact from the alignment's cosine 0.6. The only comparison across otherwise
different sentences is a near miss on one event's day ("the walkout began on March 3" / "the strike began on
March 2"). Values whose intervals overlap agree; an article that itself states both values is no rival of either.
Precision comes first: when the role is unclear, nothing is reported.

Modules: `values` (reading and normalising values), `people` (names), `mentions` (values with their roles),
`roles` (whether two values play one role), `report` (building the entries).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Sequence

import numpy as np

from ..align import FACT_SIMILARITY, SentenceRef
from ..embed import Encoder
from ..models import Article, Disagreement
from ..timeline import WEEKDAYS
from ..nlp import lemma
from .mentions import Mention, _VALUE_LABELS, extract_mentions, people_everywhere
from .people import _clean_name, names_match
from .properties import same_property, thing_properties
from .report import _report
from .roles import (_AMOUNTS, ONE_PERSON_SIMILARITY, SAME_FACT_SIMILARITY, _same_role, one_person_each,
                    owners_allow_one, same_age, same_wording)
from .values import _SCALES, _format_number, parse_number


# ... or this similar when alignment already put them in one group of sentences stating one fact.
GROUPED_SIMILARITY = 0.55

# ... or sentences sharing this share of their content words (Dice), names and values left out.
SAME_WORDS = 0.5
SAME_WORDS_SIMILARITY = 0.5

# Counterpart sentences (each the other's closest in the other article) are taken from this cosine, under the
# alignment's FACT_SIMILARITY: a rival number or date itself pulls two wordings of one fact apart (injected
# changes on DUC 2004 cost their sentences ~0.05). Names have their own renamed comparison, and keep the alignment's.
COUNTERPART_SIMILARITY = 0.55

# Sentences naming two rival people are compared again, one name put for the other, from this cosine up: an
# unknown name costs a sentence up to ~0.35 of its similarity to the other outlet's wording of the same fact.
# (From 0.3 instead: no hit more on DUC 2004, the detector 60 % slower.)
RENAMED_FLOOR = 0.4

# ... and from this cosine for two holders of one office (`_one_office`): "Prime Minister X" / "Prime Minister Y"
# (an unknown name cost one DUC 2004 pair 0.63 → 0.28), two lone holders of one title (`_lone_title_holders`) or
# two lone names of one age (`roles.same_age`). From this floor for every pair: detector 27 % slower.
OFFICE_FLOOR = 0.25

# Sentences with one person each (`roles.one_person_each`) are compared again, one name put for the other, from this
# cosine up (from RENAMED_FLOOR: the detector twice as slow on DUC 2004, for no hit more).
ONE_PERSON_FLOOR = 0.55

# Sentences with rival dates that would surely play one role are compared again, one date written as the other, from
# this cosine up: a changed date costs a sentence ~0.05 of its similarity.
REDATED_FLOOR = 0.5

# Counterpart sentences below SAME_FACT_SIMILARITY are compared only where a value's role is this sure
# (the noun it counts or dates, the title a person holds).
STRONG_ROLE = 2.0


def find_disagreements(articles: Sequence[Article], refs: Sequence[SentenceRef], embeddings: np.ndarray,
                       keys: Sequence[str], docs: Sequence, *, groups: Sequence[Sequence[int]] | None = None,
                       encoder: Encoder | None = None) -> list[Disagreement]:
    """Facts that sources of different outlets state with different values.

    Args:
        articles: the story's articles.
        refs: candidate sentences, located in their articles.
        embeddings: unit vectors of `refs`, one row each.
        keys: outlet key per article (`align.outlet_keys`): copies of one text never disagree.
        docs: the spaCy Doc of each article's text (`newsweave.nlp.parse`).
        groups (optional): sentence groups from `align.cluster_sentences`; computed when not given.
        encoder (optional): when given, two sentences naming two people no article names together are also
            compared with one name put for the other (a name the model does not know pulls a sentence's vector
            away).

    Returns:
        list[Disagreement]: each fact with its values, the wording and the sources of each; the facts most
        sources speak of first.
    """
    if len(refs) == 0 or len({*keys}) < 2:
        return []
    if groups is None:
        from ..align import cluster_sentences

        groups = cluster_sentences(embeddings, [r.article for r in refs])
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    ents = [people_everywhere(doc, doc.ents) for doc in docs]
    mentions = extract_mentions(articles, refs, docs, ents=ents)
    if not mentions:
        return []
    similarity = embeddings @ embeddings.T
    counterparts = _counterparts(refs, similarity, keys)
    named = _people_named(ents)
    words = {m.ref: _content_words(articles, refs[m.ref], docs) for m in mentions}
    written = {m.ref: _written_values(articles, refs[m.ref], docs) for m in mentions}
    by_ref: dict[int, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        by_ref[mention.ref].append(index)
    edges: list[tuple[int, int, bool]] = []
    strengths: dict[tuple[int, int], float] = {}  # how surely each compared pair plays one role
    ref_ids = sorted(by_ref)
    pairs = [(ref_a, ref_b) for x, ref_a in enumerate(ref_ids) for ref_b in ref_ids[x + 1:]
             if keys[refs[ref_a].article] != keys[refs[ref_b].article]]

    def same_fact(ref_a: int, ref_b: int, sentence_sim: float) -> bool:
        return sentence_sim >= SAME_FACT_SIMILARITY or (
            group_of.get(ref_a) == group_of.get(ref_b) and sentence_sim >= GROUPED_SIMILARITY) or (
            _dice(words[ref_a], words[ref_b]) >= SAME_WORDS and sentence_sim >= SAME_WORDS_SIMILARITY)

    people = {ref: [k for k in by_ref[ref] if mentions[k].value.kind == "person"] for ref in ref_ids}
    dated = {ref: [k for k in by_ref[ref] if mentions[k].value.kind == "date"] for ref in ref_ids}
    rival_names = _RivalNames(named)
    exclusive = {(i, j) for ref_a, ref_b in pairs for i in people[ref_a] for j in people[ref_b]
                 if rival_names(mentions[i], mentions[j])}

    def rivals_in(ref_a: int, ref_b: int, *, one_person: bool = False) -> tuple[int, int] | None:
        # the role as these sentences give it: a title, an owner, a place in the clause hold whatever the cosine;
        # two speakers of one statement need near-identical sentences, which renaming one of two seldom makes.
        # `one_person`: instead, each sentence's only person, in one part of its clause (`roles.one_person_each`)
        sentence_sim = float(similarity[ref_a, ref_b])
        return next(((i, j) for i in people[ref_a] for j in people[ref_b] if (i, j) in exclusive and (
            one_person_each(mentions[i], mentions[j]) if one_person else
            _same_role(mentions[i], mentions[j], sentence_sim, True, exclusive=True) > 0)), None)

    def worth_renaming(ref_a: int, ref_b: int) -> tuple[int, int] | None:
        """Rival names whose roles would match in one fact, or one person each (`roles.ONE_PERSON_SIMILARITY`)."""
        sentence_sim = float(similarity[ref_a, ref_b])
        if sentence_sim < OFFICE_FLOOR:
            return None
        if not same_fact(ref_a, ref_b, sentence_sim) and (rivals := rivals_in(ref_a, ref_b)) is not None and (
                sentence_sim >= RENAMED_FLOOR or _one_office(*(mentions[k] for k in rivals))
                or _lone_title_holders(*(mentions[k] for k in rivals)) or same_age(*(mentions[k] for k in rivals))):
            return rivals
        if ONE_PERSON_FLOOR <= sentence_sim < ONE_PERSON_SIMILARITY:
            return rivals_in(ref_a, ref_b, one_person=True)
        return None

    def worth_redating(ref_a: int, ref_b: int) -> tuple[int, int] | None:
        """Rival dates that would surely play one role, each naming its noun, in sentences a little under the
        alignment's test: "under the 1994 agreement" / "the 1990 agreement had worked" (not "a recession in late
        2022" / "the 2008-2009 recession"; nor counts: "190 dissidents" and "two dissidents" are two sets, and one
        written as the other brings their sentences together)."""
        sentence_sim = float(similarity[ref_a, ref_b])
        if not REDATED_FLOOR <= sentence_sim < FACT_SIMILARITY or (ref_a, ref_b) in counterparts or \
                same_fact(ref_a, ref_b, sentence_sim):
            return None
        return next(((i, j) for i in dated[ref_a] for j in dated[ref_b]
                     if mentions[i].value.kind == mentions[j].value.kind
                     and mentions[i].relation == mentions[j].relation == "mod"
                     and not mentions[i].value.agrees(mentions[j].value)
                     and _same_role(mentions[i], mentions[j], sentence_sim, True) >= STRONG_ROLE), None)

    # pairs worth a second look with one name put for the other, or one date
    renamed = {(ref_a, ref_b): rivals for ref_a, ref_b in pairs if (rivals := worth_renaming(ref_a, ref_b))}
    retold = _renamed_similarity(renamed, articles, refs, mentions, by_ref, embeddings, encoder) if encoder else {}
    redate = {(ref_a, ref_b): rivals for ref_a, ref_b in pairs if (rivals := worth_redating(ref_a, ref_b))}
    redated = _redated_similarity(redate, articles, refs, mentions, embeddings, encoder) if encoder else {}
    for ref_a, ref_b in pairs:
        sentence_sim = float(similarity[ref_a, ref_b])
        fact = same_fact(ref_a, ref_b, sentence_sim)
        # counterparts; or sentences at the alignment's test once one date is written as the other
        loose = not fact and ((ref_a, ref_b) in counterparts or redated.get((ref_a, ref_b), -1.0) >= FACT_SIMILARITY)
        # for amounts also any pair at the alignment's test: a rival number can move a sentence off its counterpart
        # ("for eight elections in a row"), and the noun it counts is role enough
        loose_amounts = not fact and not loose and sentence_sim >= FACT_SIMILARITY
        without_names = max(sentence_sim, retold.get((ref_a, ref_b), -1.0))  # the fact, whoever it is about
        renamed_loose = not fact and retold.get((ref_a, ref_b), -1.0) >= FACT_SIMILARITY
        # sentences that cannot state one fact compare only dates of one event (`_near_miss_date`)
        maybe_same = fact or loose or loose_amounts or renamed_loose or without_names >= SAME_FACT_SIMILARITY
        candidates = []
        for i in by_ref[ref_a] if maybe_same else dated[ref_a]:
            for j in by_ref[ref_b] if maybe_same else dated[ref_b]:
                a, b = mentions[i], mentions[j]
                rivals = (i, j) in exclusive
                # one fact with one name put for the other; a title's country must then be the same too, or named
                # on one side only for two lone names (`roles.owners_allow_one`)
                same = fact or rivals and without_names >= SAME_FACT_SIMILARITY and owners_allow_one(a, b)
                # rival holders of one office (or lone names of one age), in sentences that are one fact at the
                # alignment's test once renamed
                office = rivals and renamed_loose and (_one_office(a, b) or same_age(a, b))
                # ... or rival names in one place of one wording, in sentences at the alignment's test once renamed
                renamed_near = rivals and renamed_loose and same_wording(a, b)
                near = loose or loose_amounts and a.value.kind in _AMOUNTS or renamed_near
                sure = same or office or near and (a.value.kind != "person" or sentence_sim >= FACT_SIMILARITY
                                                   or renamed_near)
                score = _same_role(a, b, without_names if rivals else sentence_sim, sure, exclusive=rivals)
                if score <= 0 or not same and (near or office) and score < STRONG_ROLE:
                    continue
                agrees = mentions[i].value.agrees(mentions[j].value)
                if not agrees and (mentions[i].value.written in written[ref_b] or
                                   mentions[j].value.written in written[ref_a]):
                    continue  # the other sentence states this value too ("13-, 12- and 11-year terms")
                if not agrees and mentions[i].value.kind == "person" and (
                        _named_in(mentions[i], mentions, by_ref[ref_b]) or _named_in(mentions[j], mentions,
                                                                                     by_ref[ref_a])):
                    continue  # both people are in both sentences: two people, not two names for one
                candidates.append((agrees, score + sentence_sim, i, j))
        used: set[int] = set()
        # agreeing pairs first: a value that matches its counterpart is explained, not a rival
        for agrees, strength, i, j in sorted(candidates, key=lambda c: (not c[0], -c[1])):
            if i in used or j in used:
                continue
            used.update((i, j))
            edges.append((i, j, agrees))
            strengths[(i, j)] = strength
    edges = _one_rival_person(edges, strengths, mentions, rival_names)
    # a thing's age or the size of a set it is one of: the thing gives the role, whatever the sentences
    properties = thing_properties(mentions, docs)
    first = len(mentions)
    mentions = [*mentions, *properties]
    edges += [(first + x, first + y, a.value.agrees(b.value)) for x, a in enumerate(properties)
              for y, b in enumerate(properties[x + 1:], x + 1)
              if keys[a.article] != keys[b.article] and same_property(a, b)]
    return _report(articles, refs, mentions, edges)


def _one_rival_person(edges: list[tuple[int, int, bool]], strengths: dict[tuple[int, int], float],
                      mentions: Sequence[Mention], rival_names: _RivalNames) -> list[tuple[int, int, bool]]:
    """A name set against two people whom one source names side by side (so two people, not two names for one)
    is the rival name of one of them at most: the one it is set against most surely. ("quoted Syrian Foreign
    Minister X" against another outlet's "quoted Syrian Foreign Minister Z" and its "quoted Y", Egypt's minister.)"""
    against: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, j, agrees in edges:
        if not agrees and mentions[i].value.kind == "person":
            against[i].append((strengths[(i, j)], j))
            against[j].append((strengths[(i, j)], i))
    dropped: set[tuple[int, int]] = set()
    for name, rivals in against.items():
        rivals.sort(reverse=True)
        for n, (_, j) in enumerate(rivals):
            # weaker than a rival who is someone else (an article names both)
            if any(not mentions[k].value.agrees(mentions[j].value) and not rival_names(mentions[k], mentions[j])
                   for _, k in rivals[:n]):
                dropped.update({(name, j), (j, name)})
    return [(i, j, agrees) for i, j, agrees in edges if (i, j) not in dropped]


def _redated_similarity(redate: dict[tuple[int, int], tuple[int, int]], articles: Sequence[Article],
                        refs: Sequence[SentenceRef], mentions: Sequence[Mention], embeddings: np.ndarray,
                        encoder: Encoder) -> dict[tuple[int, int], float]:
    """Cosine of sentence pairs with one rival date written as the other's, whichever way round comes closer: the
    sentences as they would read if the sources agreed on the date."""
    def retold(mention: Mention, other: Mention) -> str:
        article = articles[mention.article]
        sentence = article.sentences[refs[mention.ref].index]
        written = articles[other.article].text[other.start:other.end]
        return article.text[sentence.start:mention.start] + written + article.text[mention.end:sentence.end]

    texts = [text for i, j in redate.values() for text in (retold(mentions[i], mentions[j]),
                                                            retold(mentions[j], mentions[i]))]
    return _closer_way_round(list(redate), texts, embeddings, encoder)


def _renamed_similarity(renamed: dict[tuple[int, int], tuple[int, int]], articles: Sequence[Article],
                        refs: Sequence[SentenceRef], mentions: Sequence[Mention], by_ref: dict[int, list[int]],
                        embeddings: np.ndarray, encoder: Encoder) -> dict[tuple[int, int], float]:
    """Cosine of sentence pairs with one sentence's rival name replaced by the other's, whichever way round comes
    closer: the two sentences as they would read if the sources agreed on who it was. (A neutral word in both
    places keeps less of the fact: "someone's ruling party" is further from "someone's People's Party" than the
    sentences are with one name in both. The way round matters: the name the model knows keeps the sentence
    near the other wording, the unfamiliar one pulls it away.)"""
    def retold(ref: int, rival: Mention, name: str) -> str:
        article = articles[refs[ref].article]
        sentence = article.sentences[refs[ref].index]
        text, end = [], sentence.start
        for mention in sorted((m for m in (mentions[k] for k in by_ref[ref]) if m.value.kind == "person"
                               and names_match(m.value.display, rival.value.display)), key=lambda m: m.start):
            if mention.start >= end:
                text += [article.text[end:mention.start], name]
                end = mention.end
        return "".join(text + [article.text[end:sentence.end]])

    texts = [text for (a, b), (i, j) in renamed.items() for text in (
        retold(a, mentions[i], mentions[j].value.display), retold(b, mentions[j], mentions[i].value.display))]
    return _closer_way_round(list(renamed), texts, embeddings, encoder)


def _closer_way_round(pairs: list[tuple[int, int]], texts: list[str], embeddings: np.ndarray,
                      encoder: Encoder) -> dict[tuple[int, int], float]:
    """Cosine of each sentence pair (a, b) retold, whichever way round comes closer: `texts` holds, per pair, `a`
    retold (against `b` as written) and `b` retold (against `a`)."""
    if not pairs:
        return {}
    vectors = encoder.encode(texts)
    return {(a, b): max(float(vectors[2 * n] @ embeddings[b]), float(vectors[2 * n + 1] @ embeddings[a]))
            for n, (a, b) in enumerate(pairs)}


# Titles one person holds at a time in a country, written capitalised before the name: "Prime Minister X",
# "Home Secretary X" (not "President": a story often has two countries' presidents; nor "Sen.", "Gen.").
_OFFICES = {"minister", "secretary", "chancellor", "premier"}

# ... and the heads one named country or body has at a time, named on both sides: "Intel chairman X" / "X, the
# Intel chairman", "Russian President X", "the bank's chief" / "the head of the bank" (but not "President X": whose
# president?).
_HEADS = {"president", "chairman", "chairwoman", "governor", "mayor", "premier", "chancellor", "speaker", "head"}


def _one_office(a: Mention, b: Mention) -> bool:
    """Whether two names hold one office: the same capitalised title ("Prime Minister"), a country named in one
    of them at most ("British Home Secretary" / "Home Secretary"); or the head of one named country or body."""
    def office(m: Mention) -> frozenset[str] | None:
        words = (m.title_text or "").split()
        if m.title_head not in _OFFICES or len(words) < 2 or not all(w[:1].isupper() for w in words):
            return None
        return m.title_words - m.title_names
    held = office(a)
    if held is not None and held == office(b) and (a.title_names <= b.title_names or b.title_names <= a.title_names):
        return True
    return a.title_head in _HEADS and a.title_head == b.title_head and bool(a.title_names) and \
        a.title_names == b.title_names


def _lone_title_holders(a: Mention, b: Mention) -> bool:
    """Whether two names are each their sentence's only person and hold titles of one head, an owner named on one
    side at most: "Doctors ordered Russian President X home" / "President Y stayed home"."""
    return bool(a.alone and b.alone and a.title_head and a.title_head == b.title_head) and owners_allow_one(a, b)


def _counterparts(refs: Sequence[SentenceRef], similarity: np.ndarray, keys: Sequence[str]) -> set[tuple[int, int]]:
    """Sentence pairs of two outlets that are each other's closest sentence in the other article, cosine >=
    COUNTERPART_SIMILARITY (the alignment's test for one fact, a little looser), both ways round."""
    owner = np.array([r.article for r in refs])
    rows = {a: np.flatnonzero(owner == a) for a in set(owner.tolist())}
    found: set[tuple[int, int]] = set()
    for a in rows:
        for b in rows:
            if b <= a or keys[a] == keys[b]:
                continue
            block = similarity[np.ix_(rows[a], rows[b])]
            best_in_b, best_in_a = block.argmax(axis=1), block.argmax(axis=0)
            for r, c in enumerate(best_in_b):
                if best_in_a[c] == r and block[r, c] >= COUNTERPART_SIMILARITY:
                    found.update({(int(rows[a][r]), int(rows[b][c])), (int(rows[b][c]), int(rows[a][r]))})
    return found


def _people_named(ents: Sequence[tuple]) -> list[list[str]]:
    """Every person each article names, anywhere in its text (`ents`: each article's entities)."""
    return [sorted({_clean_name(e.text) for e in article_ents if e.label_ == "PERSON"} - {""}) for article_ents in ents]


class _RivalNames:
    """Whether two people's names may be rival names for one person: they differ and no article names both
    (a source that also names the other person elsewhere is speaking of two people). Answers are kept per
    pair of names, since the same names meet in many sentence pairs."""

    def __init__(self, named: Sequence[Sequence[str]]) -> None:
        self.named = named
        self.articles_naming: dict[str, frozenset[int]] = {}
        self.answers: dict[tuple[str, str], bool] = {}

    def __call__(self, a: Mention, b: Mention) -> bool:
        key = (a.value.display, b.value.display)
        if key not in self.answers:
            self.answers[key] = not a.value.agrees(b.value) and not self._naming(key[0]) & self._naming(key[1])
        return self.answers[key]

    def _naming(self, name: str) -> frozenset[int]:
        if name not in self.articles_naming:
            # a given name or a nickname alone ("Tony", "Matt") may be another's: only a surname or a full name
            # names this person
            self.articles_naming[name] = frozenset(k for k, names in enumerate(self.named) if any(
                names_match(name, n) and (n == name or " " in n or n == name.split()[-1]) for n in names))
        return self.articles_naming[name]


def _content_words(articles: Sequence[Article], ref: SentenceRef, docs: Sequence) -> frozenset[str]:
    """Lemmas of a sentence's nouns, verbs and adjectives, leaving out names and values (which differ
    exactly where sources disagree, and pull the sentence vectors apart)."""
    sentence = articles[ref.article].sentences[ref.index]
    doc = docs[ref.article]
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return frozenset()
    return frozenset(lemma(t) for t in span if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and t.is_alpha
                     and not t.is_stop and t.ent_type_ not in _VALUE_LABELS)


def _written_values(articles: Sequence[Article], ref: SentenceRef, docs: Sequence) -> frozenset[str]:
    """Every number, year and weekday a sentence writes, whether or not it was read as a value."""
    sentence = articles[ref.article].sentences[ref.index]
    found = set()
    tokens = list(docs[ref.article].char_span(sentence.start, sentence.end, alignment_mode="expand") or [])
    for k, token in enumerate(tokens):
        text = token.lower_.rstrip("-")
        if token.like_num or text.replace(",", "").replace(".", "").isdigit():
            scale = tokens[k + 1].lower_ if k + 1 < len(tokens) and tokens[k + 1].lower_ in _SCALES else ""
            for written in {text, f"{text} {scale}".strip()}:
                parsed = parse_number(written)
                if parsed is not None:
                    found.add(_format_number(parsed[0]))
        elif text in WEEKDAYS:
            found.add(text)
        year = re.fullmatch(r"(1[89]\d\d|20\d\d)s?", text)
        if year:
            found.add(year.group(1))
    found.discard("")
    return frozenset(found)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if len(a) >= 4 and len(b) >= 4 else 0.0


def _named_in(person: Mention, mentions: Sequence[Mention], others: Sequence[int]) -> bool:
    return any(mentions[k].value.kind == "person" and person.value.agrees(mentions[k].value) for k in others)
