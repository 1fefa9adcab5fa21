"""Speakers in one article: the subject of a speech verb, its noun phrase and name, pronouns resolved to the
nearest compatible person, gender evidence per surname."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..entities import bare_name, name_key
from .article import Attribution, _ParsedArticle
from .lexicon import _FEMALE, _MALE, _NAME_LABELS, _NP_SKIP, _PERSON_NOUNS, _PERSONAL


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


class _Speakers(_ParsedArticle):
    """Finding and naming speakers; the direct and reported finders build on it."""

    def __init__(self, doc) -> None:
        super().__init__(doc)
        self.genders = self._genders()

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

    def _speaker(self, token) -> _Speaker:
        doc = self.doc
        referent = token.head.head if token.lower_ in {"who", "that", "which"} and token.head.dep_ == "relcl" else None
        if any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in {"whom", "which"} for g in c.children)
               for c in token.children) and token.i >= 2 and doc[token.i - 1].text == ",":
            referent = doc[token.i - 2]  # "activists, many of whom complained …": the activists, however parsed
        if referent is not None and referent.pos_ in {"NOUN", "PROPN"}:
            antecedent = self._speaker(referent)  # written "who", meant the noun the clause describes
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
                description = "".join(t.text_with_ws for t in words).strip() or text  # "Kremlin's", not "Kremlin 's"
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


def _set_speaker(attribution: Attribution, speaker: _Speaker) -> None:
    attribution.speaker = speaker.text
    attribution.speaker_start, attribution.speaker_end = speaker.start, speaker.end
    attribution.name, attribution.description = speaker.name, speaker.description
    attribution.gender, attribution.pronoun, attribution.label = speaker.gender, speaker.pronoun, speaker.label


def _copy_speaker(source: Attribution, target: Attribution) -> None:
    target.speaker, target.speaker_start, target.speaker_end = source.speaker, source.speaker_start, source.speaker_end
    target.name, target.description = source.name, source.description
    target.gender, target.pronoun, target.label = source.gender, source.pronoun, source.label


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
