"""Whether two values play one role in sentences stating one fact: the same noun, verb, title or words around
them, and nothing that sets them apart (other places, other times, verbs of different outcomes)."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from .mentions import _AMOUNTS, _SPEECH_VERBS, Mention
from .people import names_match
from .scope import scopes_differ


# Sentences of different outlets this similar (all-MiniLM-L6-v2 cosine) state the same fact.
SAME_FACT_SIMILARITY = 0.7

# Outside sentences stating one fact, two dates of one event (same verb and subject) this close are compared.
NEAR_MISS_DAYS = 7

# Sentences this similar, each with a single value of one kind, state that value for one fact.
ALONE_SIMILARITY = 0.7

# Values with no noun of their own ("rose to 30") are compared only in sentences this similar.
BARE_VALUE_SIMILARITY = 0.8

# Two speakers are credited with one statement only in sentences this similar (or quoting the same words).
SPEAKER_SIMILARITY = 0.85

# Two sentences that each name one person, in the same part of their clauses, this similar once one name is put
# for the other: one person under two names, whatever the verbs ("X will travel to the region, visiting A and B on
# Nov. 16" / "First lady Y added A and B to a trip to the region beginning Nov. 16").
ONE_PERSON_SIMILARITY = 0.8

# Two names sit in one place of one wording when this many tokens around them match, in order, on both sides
# together (one at least on each): "the Communist speaker of the Duma, X, was involved" twice.
SAME_PLACE_TOKENS = 4

# Nouns news reports use for one thing (lemmas); nouns match when equal, one ends with the other
# ("dockworkers", "workers"), or they share a set here.
_SYNONYMS = [
    {"strike", "walkout", "stoppage"}, {"deal", "agreement", "accord", "pact", "settlement"},
    {"talk", "negotiation"}, {"worker", "employee", "staff", "staffer"}, {"people", "person"},
    {"death", "fatality"}, {"soldier", "troop"}, {"bombing", "blast", "explosion"},
    {"earthquake", "quake", "temblor"}, {"election", "vote", "poll", "ballot", "runoff"},
    {"plane", "aircraft", "jet", "airliner"}, {"ship", "vessel"}, {"company", "firm"}, {"home", "house"},
    {"protest", "demonstration", "rally"}, {"child", "kid"}, {"car", "vehicle"}, {"official", "officer"},
    {"passenger", "traveler", "traveller"}, {"inmate", "prisoner"}, {"ballot", "vote"},
    {"surgery", "operation"}, {"missile", "rocket"}, {"panel", "committee", "group"},
]
_SYNONYM_OF = {word: index for index, group in enumerate(_SYNONYMS) for word in group}


def _stem_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    if a == b or a + "s" == b or b + "s" == a:  # plurals the lemmatizer leaves on names: "Games", "Democrats"
        return True
    if a in _SYNONYM_OF and _SYNONYM_OF[a] == _SYNONYM_OF.get(b):
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 4 and longer.endswith(shorter)


_WEAK_VERBS = {"be", "have", "do", "make", "get", "give", "take", "include", "add", "come", "go", "put", "see",
               "place", "hold", "keep"}
_SAY = {"say", "tell", "announce", "report", "state", "add", "confirm"}
_OUTCOMES = [{"kill", "die", "dead", "death", "perish", "claim"}, {"injure", "wound", "hurt", "injured", "wounded"},
             {"arrest", "detain", "hold", "jail", "imprison"}, {"release", "free"}, {"miss", "missing"},
             {"evacuate", "flee", "displace", "homeless", "leave"}, {"rescue", "save"}, {"survive"},
             {"raise", "increase", "rise", "grow", "climb"}, {"cut", "reduce", "fall", "drop", "decline", "lose"},
             {"win", "gain"}, {"vote", "elect"}, {"sentence", "convict"}, {"charge", "indict"},
             {"begin", "start", "launch", "open"}, {"end", "finish", "stop", "quit", "close"}]
_OUTCOME_OF = {word: index for index, group in enumerate(_OUTCOMES) for word in group}


def _context_overlap(a: Mention, b: Mention) -> int:
    """Content words shared on the same side of two values, not counting the noun they count (which is
    compared on its own): "wounding 21" / "wounding 24 people" share one."""
    noun_words = {w for m in (a, b) for w in ([m.noun] + (m.noun_text or "").lower().split()) if w}
    return len((set(a.left) & set(b.left)) - noun_words) + len((set(a.right) & set(b.right)) - noun_words)


def _predicates(a: Mention, b: Mention) -> str:
    """"match", "differ" (both have a telling verb, and they differ), "contrast" (verbs of outcomes news
    reports count apart: killed / injured / arrested / missing ...) or "unknown"."""
    # what a date's verb goes on to: "gave no hint Thursday, instead suggesting" / "on Thursday suggested"; "was to
    # venture out on Sunday to visit troops" / "spent Sunday visiting troops"
    also = [(a.verb, v) for v in b.verbs_also] + [(v, b.verb) for v in a.verbs_also] + [
        (v, w) for v in a.verbs_also for w in b.verbs_also]
    if any(_stem_match(*pair) for pair in also):
        return "match"
    if not a.verb or not b.verb or a.verb in _WEAK_VERBS or b.verb in _WEAK_VERBS:
        return "unknown"
    if _stem_match(a.verb, b.verb) or (a.verb in _SAY and b.verb in _SAY):
        return "match"
    outcome_a, outcome_b = _OUTCOME_OF.get(a.verb), _OUTCOME_OF.get(b.verb)
    if outcome_a is not None and outcome_b is not None:
        return "match" if outcome_a == outcome_b else "contrast"
    return "differ"


# Endings that make an event noun of a verb: "payment" of "pay", "withdrawal" of "withdraw".
_EVENT_ENDINGS = ("ment", "al", "ion", "ation", "ition", "ure", "ance", "ence")


def _event_of(noun: str | None, verb: str | None) -> bool:
    """Whether a noun names the event a verb tells: the same word ("arrest"), or the verb with an event noun's
    ending ("payment", "withdrawal", "closure")."""
    if not noun or not verb or verb in _WEAK_VERBS:
        return False
    if _stem_match(noun, verb):
        return True
    stem = verb[:-1] if verb.endswith("e") else verb
    return len(stem) >= 3 and any(noun == stem + ending or noun == verb + ending for ending in _EVENT_ENDINGS)


_MEASURES = {"quantity", "money", "percent"}  # amounts that measure a thing rather than count it
_CLAUSE_ROLES = {"agent", "patient", "pobj", "dative"}  # a person's part in a clause (`Mention.clause_role`)
# Words that make a title another office: "Deputy Prime Minister" is not "Prime Minister", "third baseman" not
# "first baseman".
_RANK_WORDS = {"deputy", "vice", "assistant", "associate", "acting", "interim", "former", "ex", "junior", "senior",
               "chief", "first", "second", "third", "fourth", "fifth", "co"}
_HUMAN_NOUNS = {"people", "person", "man", "woman", "child", "resident", "civilian", "member", "citizen"}


def _same_role(a: Mention, b: Mention, sentence_similarity: float, same_fact: bool, *,
               exclusive: bool = False) -> float:
    """How surely two values play one role in their sentences (0 = they do not).

    Sentences must state the same fact (`same_fact`); then the value's own words must agree: the noun it
    counts, the verb it dates, the title a person holds, or the words right around it; and nothing may
    set the two apart (different places named next to them, other dates in their clauses, verbs of
    different outcomes such as killed and injured). Outside such sentences only a near miss on one
    event's date counts ("the walkout began on March 3" against "the strike began on March 2").
    `exclusive`: two people no article names together, so one may be the other's rival name.
    """
    kind = a.value.kind
    if kind != b.value.kind or a.value.unit != b.value.unit and kind in ("money", "quantity", "date"):
        return 0.0
    if not same_fact:
        return _near_miss_date(a, b)
    if kind == "duration" and a.value.age != b.value.age:
        return 0.0  # "the 37-year-old" is someone's age, "485 years" a length of time
    if a.places and b.places and not _overlapping_names(a.places, b.places):
        return 0.0  # "in Honduras" / "in Nicaragua": two facts
    if (a.places and b.settings and not b.places) or (b.places and a.settings and not a.places) or (
            a.settings and b.settings and not a.settings & b.settings and not (a.places or b.places)):
        return 0.0  # "in southern Mexico" / "on that small island" / "in the region"
    if a.times and b.times and not _times_overlap(a.times, b.times):
        return 0.0  # "by Thursday" / "by Monday": one figure at two moments
    if kind != "person" and a.subject_person and b.subject_person and not names_match(a.subject_person,
                                                                                        b.subject_person):
        return 0.0  # "Wang was sentenced to 11 years" / "Xu was sentenced to 13 years"
    if kind in _AMOUNTS and a.subject_body and b.subject_body and not _same_body(a.subject_body, b.subject_body):
        return 0.0  # "the Nationals made a $160 million offer" / "the Red Sox made a $200 million offer"
    if a.noun_names and b.noun_names and a.noun_names - b.noun_names and b.noun_names - a.noun_names:
        return 0.0  # "the 124-member Central Council" / "the 600-member National Council"
    if kind in _AMOUNTS and scopes_differ(a, b, _stem_match):
        return 0.0  # "43 RBIs in 54 games" / "121 RBI"; "$22 million per season" / "$200 million"
    context = _context_overlap(a, b)
    predicates = _predicates(a, b)
    both_alone = a.alone and b.alone and sentence_similarity >= ALONE_SIMILARITY
    bonus = (predicates == "match") + 0.1 * context
    if kind == "person":  # a person's role is the title or the clause, whatever the verbs
        return _same_person_role(a, b, sentence_similarity, predicates, bonus, exclusive)
    if _told_two_ways(a, b, predicates, sentence_similarity):
        return 2.0 + bonus
    one_date = kind in ("date", "weekday") and both_alone and sentence_similarity >= BARE_VALUE_SIMILARITY
    if predicates == "contrast" or (predicates == "differ" and context < 2 and not one_date and (
            not both_alone or kind in ("date", "weekday", "clock")) and not _counted_in_phrases(a, b)):
        return 0.0  # "died Monday" / "was mourned Friday": two events (unless the sentences are near paraphrases
        # with one date each: "visiting them on Nov. 16" / "a trip beginning Nov. 16")
    subjects_differ = _participants_differ(a, b)
    if kind in _AMOUNTS:
        if _part_of_one(a, b):
            return 0.0  # "one of the colleagues": a member named, not a count of them
        if a.noun and b.noun:
            if not _stem_match(a.noun, b.noun):
                return 0.0
            if a.relation != b.relation and {"part", "hyphen"} & {a.relation, b.relation}:
                return 0.0
            if a.noun in _HUMAN_NOUNS and predicates != "match" and context < 2 and not both_alone:
                return 0.0  # "people" alone says little: 14 people died there, 6 elsewhere
            return 2.0 + bonus
        if (a.noun and not b.noun and a.noun in b.right) or (b.noun and not a.noun and b.noun in a.right):
            return 2.0 + bonus  # "a dozen fishing boats": the noun the parse did not attach
        if context >= 2 or both_alone and not (a.noun or b.noun):
            return 1.0 + bonus
        if predicates == "match" and not (a.noun or b.noun) and a.subject_person and b.subject_person and \
                a.preposition and a.preposition == b.preposition:
            return 1.0 + bonus  # one person's: "X was sentenced to 11 years" / "sentenced Y and X to 13 and 11 years"
        if predicates == "match" and not (a.noun or b.noun) and sentence_similarity >= BARE_VALUE_SIMILARITY and (
                a.relation == b.relation or a.preposition and a.preposition == b.preposition):
            return 1.0 + bonus  # "fell ... from $70 billion" twice, whatever the parse made of each
        return 0.0
    if kind == "date":
        if (a.verb in _SAY) != (b.verb in _SAY):
            return 0.0  # "ITAR-TASS reported September 26" / "elections planned for December 15": two days
        if predicates == "match" and a.verb not in _SAY and (not subjects_differ or context >= 2):
            return 1.5 + bonus
        if (context >= 2 or both_alone) and (not subjects_differ or one_date):
            return 1.0 + bonus
        return 0.0
    if kind in ("weekday", "clock"):
        if subjects_differ and context < 2:
            return 0.0
        if a.verb in _SAY or b.verb in _SAY:  # "said on Friday": the same speaker making the same statement
            same_speaker = a.subject and b.subject and not subjects_differ
            return 1.0 + bonus if same_speaker and predicates == "match" and \
                sentence_similarity >= SAME_FACT_SIMILARITY else 0.0
        if predicates == "match" or context >= 2 or both_alone:
            return 1.0 + bonus
        return 0.0
    return 0.0


def _told_two_ways(a: Mention, b: Mention, predicates: str, sentence_similarity: float) -> bool:
    """Whether two dates or amounts surely play one role though their clauses tell it in different words (a noun
    against a verb, another verb, a statement against its saying ...)."""
    kind = a.value.kind

    def either(test) -> bool:
        return test(a, b) or test(b, a)

    if kind in ("date", "weekday"):
        if (kind == "date" and _opening_day(a, b)  # "the games open Dec. 6" / "will be held from Dec. 11-20"
                or a.anchor and a.anchor == b.anchor  # "2.8 percent in 2000" / "2.8 percent in 1996"
                or either(_dates_statement)):  # "Sunday's statement from X" / "X said Sunday"
            return True
        return predicates != "contrast" and bool(
            a.noun and b.noun and {a.relation, b.relation} <= {"mod", "dated"} and _stem_match(a.noun, b.noun)
            # "the March 2 strike", "a bombing on Friday"
            or a.light_object and _stem_match(a.light_object, b.light_object)  # "had surgery" / "have an operation"
            or either(_dates_event)  # "the arrests of Xu on Monday" / "Xu was arrested on Monday"
            or either(_dates_noun_before))  # "faces elections on Sunday" (the parse hangs the date on the verb)
    if kind not in _AMOUNTS:
        return False
    if predicates != "contrast" and (
            kind == "percent" and a.whole & b.whole and not (a.noun and b.noun and not _stem_match(a.noun, b.noun))
            # "13 percent of the territory in the West Bank" / "13 percent more of the West Bank"
            or either(_counts_event)  # "a $300 million payment" / "to pay $300 million"
            or kind in _MEASURES and either(_measures_noun_above)):  # "a $30 billion package" / "estimated at"
        return True
    # "won 64 of the 122 seats" / "collected 64 of the 122 seats": one fact, two verbs
    return bool(a.noun and b.noun and a.relation == b.relation and _stem_match(a.noun, b.noun) and predicates ==
                "differ" and sentence_similarity >= SAME_FACT_SIMILARITY and not _part_of_one(a, b)
                and a.noun_names == b.noun_names)


def _counted_in_phrases(a: Mention, b: Mention) -> bool:
    """Counts of one noun, each inside a prepositional phrase ("after two attempts on his life" / "following two
    attempts on his life"): the clause's verb is not what they count, so verbs that differ set nothing apart."""
    return a.value.kind in _AMOUNTS and a.relation == b.relation == "mod" and bool(a.preposition and b.preposition) \
        and _stem_match(a.noun, b.noun)


def _measures_noun_above(a: Mention, b: Mention) -> bool:
    """Whether `a` is the amount of a noun ("a $30 billion package") that `b`, an amount with no noun of its own,
    hangs below through a verb or preposition ("the package estimated at $30 billion")."""
    return bool(a.noun and a.relation == "mod" and not b.noun and a.noun in b.nouns_above)


def _part_of_one(a: Mention, b: Mention) -> bool:
    return any(m.relation == "part" and m.value.centre == 1 for m in (a, b))


def _same_person_role(a: Mention, b: Mention, sentence_similarity: float, predicates: str, bonus: float,
                      exclusive: bool) -> float:
    """How surely two names hold one role: the same title, owner of the same thing, speaker of the same
    words or, for people no article names together, the same place in the same clause."""
    if a.title_names and b.title_names and not same_owners(a, b):
        return 0.0  # "Egyptian President X" / "Syrian President Y"
    if not exclusive and not a.value.agrees(b.value) and not (a.speaker and b.speaker):
        return 0.0  # an outlet names both people: two people, unless each is said to have made one statement
    ranks_differ = bool(a.title_head and b.title_head and (a.titles ^ b.titles) & _RANK_WORDS)
    if a.title_head and a.title_head == b.title_head and (a.titles == b.titles or exclusive and not ranks_differ and (
            _title_extends(a.titles, b.titles) or _title_extends(b.titles, a.titles)
            or a.title_words <= b.title_words or b.title_words <= a.title_words  # "the aide" / "her press aide"
            # the nouns of one in the other's, whatever describes them: "veteran democracy campaigner" / "leading
            # democracy campaigner"
            or _title_extends(a.title_nouns, b.title_nouns) or _title_extends(b.title_nouns, a.title_nouns))):
        return 2.0 + bonus
    if a.noun and a.relation == b.relation == "poss" and _stem_match(a.noun, b.noun):
        return (2.0 if exclusive else 1.5) + bonus  # "Hun Sen's party won ..."
    if a.speaker and b.speaker and (sentence_similarity >= SPEAKER_SIMILARITY or _same_words(a.quote, b.quote)):
        return 1.5 + bonus  # one statement, two speakers
    if ranks_differ:
        return 0.0  # "first baseman X" / "third baseman Y": two people's titles
    if exclusive and same_age(a, b):
        return 2.0 + bonus  # "X, 24, is accused of ..." / "Y, aged 24, was charged with ...", whatever describes them
    # titles with different heads ("left-hander X" / "sportscaster Y") outweigh the words around the names, not a
    # place in one event's clause ("his Syrian counterpart X met ..." / "Syrian President Y met ...")
    other_titles = bool(a.title_head and b.title_head and a.title_head != b.title_head)
    if exclusive and a.partners & b.partners and not (a.title_head or b.title_head):
        # the same person's partner: "Ranariddh and X said" / "Ranariddh and Y have said" (with titles, the titles
        # tell: "Defense Minister Z, Finance Minister X" / "Primakov, Defense Minister Z" are two people)
        return 2.0 + bonus
    if exclusive and not other_titles and _same_place(a, b):
        return 2.0 + bonus  # the same words around both names, whatever the parse made of them
    if exclusive and predicates == "match" and a.verb not in _SAY and a.clause_role == b.clause_role and \
            a.clause_role in _CLAUSE_ROLES:
        return 2.0 + bonus  # the same place in the same clause: "X was arrested" / "police arrested Y"
    if exclusive and not other_titles and one_person_each(a, b) and sentence_similarity >= ONE_PERSON_SIMILARITY:
        return 2.0 + bonus
    return 0.0


def same_owners(a: Mention, b: Mention) -> bool:
    """Whether two titles name one owner, or none: "Egyptian President X" is not "President Y", and "the leader of
    the Republicans" is "leader of the center-left Republican party"."""
    return a.title_names == b.title_names or _owners_overlap(a.title_names, b.title_names)


# Words many bodies' names share: "the Republican Party" and "the Labour Party" have no owner in common.
_BODY_WORDS = {"party", "committee", "council", "union", "association", "group", "network", "campaign", "center",
               "centre", "institute", "foundation", "agency", "department", "ministry", "office", "bureau", "league",
               "federation", "organization", "organisation", "society", "board", "commission", "company",
               "corporation", "bank", "university", "college", "school", "club", "service", "front", "movement",
               "national", "international", "united", "state", "states", "people", "alliance", "coalition"}


def owners_allow_one(a: Mention, b: Mention) -> bool:
    """Whether two names' titles may be one office: the same owners, or, for names that are each their sentence's
    only person, an owner named on one side only ("Doctors ordered Russian President X home" / "President Y stayed
    home"). Beside another person, a bare title may be the other country's: "Egyptian President X met ..." /
    "President Y travelled to meet Z"."""
    return same_owners(a, b) or a.alone and b.alone and not (a.title_names and b.title_names)


def _owners_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(_stem_match(x, y) for x in a - _BODY_WORDS for y in b - _BODY_WORDS)


def _title_extends(short: frozenset[str], long: frozenset[str]) -> bool:
    """Whether one title only describes the other further ("college student" / "gay college student"): the
    shorter one has a word besides its head, and nothing added changes the office ("Minister" / "Prime Minister",
    "Prime Minister" / "Deputy Prime Minister")."""
    return len(short) >= 2 and short < long and not (long - short) & _RANK_WORDS


def one_person_each(a: Mention, b: Mention) -> bool:
    """Whether two names are each their sentence's only person, in the same part of their clauses, neither the
    source a report is credited to: two outlets' sources ("the $184 million reported by X" / "a report posted by Y")
    are two people however alike the sentences."""
    return a.alone and b.alone and a.clause_role == b.clause_role and a.clause_role in _CLAUSE_ROLES and not (
        _cited(a) or _cited(b))


def _cited(m: Mention) -> bool:
    """Whether a name is the source a report is credited to: "the $184 million reported by X"."""
    return m.clause_role == "agent" and m.relation == "pobj" and m.verb in _SPEECH_VERBS


def same_age(a: Mention, b: Mention) -> bool:
    """Whether two names are each their sentence's only person, with one age set off after both ("X, 45," / "Y, aged
    45,"): one person, however the sentences describe them."""
    return a.alone and b.alone and a.age is not None and a.age == b.age


def same_wording(a: Mention, b: Mention) -> bool:
    """Whether two names stand in one place of one wording ("Two men, X, 21, and Z, 22, were arraigned" / "Y, 21, and
    Z, 22, were arraigned"), neither as a speaker: '"...," X said' / '"...," Y said' share only the saying, and two
    speakers of one statement need near-identical sentences (`SPEAKER_SIMILARITY`)."""
    return not (a.speaker or b.speaker) and _same_place(a, b)


def _same_place(a: Mention, b: Mention) -> bool:
    """Whether two names have the same tokens right around them (`SAME_PLACE_TOKENS`, one at least on each side),
    a word or number that says something among them (", who was arrested" / ", who was released" share only small
    words)."""
    def matching(x: tuple, y: tuple) -> tuple:
        return x[:next((k for k, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))]
    before, after = matching(a.tokens_before, b.tokens_before), matching(a.tokens_after, b.tokens_after)
    telling = any(t.isdigit() or t.isalpha() and t not in STOP_WORDS for t in before + after)
    return telling and min(len(before), len(after)) >= 1 and len(before) + len(after) >= SAME_PLACE_TOKENS


def _dates_event(a: Mention, b: Mention) -> bool:
    """Whether `a` dates an event noun that is `b`'s verb: one event, told as a noun and as a verb ("the arrests
    of X at their homes Monday night" / "X was arrested Monday night")."""
    if b.noun:
        return False
    if a.noun and a.relation in ("mod", "dated"):
        return _event_of(a.noun, b.verb)
    return not a.noun and any(_event_of(noun, b.verb) for noun in a.nouns_above)


def _dates_statement(a: Mention, b: Mention) -> bool:
    """Whether `a` dates a person's statement (a noun) and `b` the same person's saying (a verb)."""
    return bool(a.noun_speaker and b.verb in _SAY and b.subject_person and names_match(a.noun_speaker,
                                                                                        b.subject_person))


def _dates_noun_before(a: Mention, b: Mention) -> bool:
    """Whether `a`, a date the parse gave no noun, comes right after "on" or "in" and the noun `b` dates:
    "faces elections on Sunday" against "the runoffs on Sunday"."""
    return bool(not a.noun and b.noun and b.relation in ("mod", "dated") and a.preposition in ("on", "in", "at")
                and a.left and _stem_match(a.left[0], b.noun))


def _counts_event(a: Mention, b: Mention) -> bool:
    """Whether `a` is the amount of an event noun that is `b`'s verb ("a $300 million payment" / "to pay $300
    million"), `b` the verb's object."""
    return bool(a.noun and a.relation == "mod" and not b.noun and b.relation == "dobj" and _event_of(a.noun, b.verb))


def _same_words(a: str, b: str, least: float = 0.8) -> bool:
    words_a, words_b = set(re.findall(r"[a-z']+", a.lower())), set(re.findall(r"[a-z']+", b.lower()))
    return len(words_a) >= 4 and len(words_b) >= 4 and len(words_a & words_b) / len(words_a | words_b) >= least


def _same_body(a: str, b: str) -> bool:
    """Whether two names of bodies may name one: a word in common ("Red Sox", "the Boston Red Sox") or one the
    other's initials ("CPP", "Cambodian People's Party")."""
    def words(name: str) -> list[str]:
        return [w for w in re.findall(r"[A-Za-z][\w.&-]*", name) if w[0].isupper() and w.lower() not in STOP_WORDS]

    def initials(name: str) -> str:
        return "".join(w[0] for w in words(name)).upper()
    if {w.lower() for w in words(a)} & {w.lower() for w in words(b)}:
        return True
    return a.replace(".", "").upper() == initials(b) or b.replace(".", "").upper() == initials(a)


def _participants_differ(a: Mention, b: Mention) -> bool:
    """Whether two clauses are about different actors or things. Passive and active voice, and a verb
    against its noun, are the same event: "Pinochet was placed under arrest by police" / "police arrested
    Pinochet"; "Xu was arrested Monday" / "the arrests of Xu ... Thursday"."""
    if not a.participants or not b.participants:
        return False
    if a.subject_person and b.subject_person and names_match(a.subject_person, b.subject_person):
        return False  # "the bank's chief, X, said" / "the head of the bank, X, said"
    if any(_stem_match(x, y) for x in a.participants for y in b.participants):
        return False
    return not (a.verb in b.participants or b.verb in a.participants)


def _times_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two clauses' points in time can be one ("since 1974" and "in the 1970s" can)."""
    def span(text: str) -> tuple[str, int, int]:
        decade = re.fullmatch(r"(1[89]\d|20\d)0s", text)
        if decade:
            return "year", int(decade.group(1)) * 10, int(decade.group(1)) * 10 + 9
        if re.fullmatch(r"(?:1[89]|20)\d\d", text):
            return "year", int(text), int(text)
        return text, 0, 0

    for x in a:
        for y in b:
            kx, lx, hx = span(x)
            ky, ly, hy = span(y)
            if kx == ky and lx <= hy and ly <= hx:
                return True
    return False


def _overlapping_names(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(x == y or x in y or y in x for x in a for y in b)


def _near_miss_date(a: Mention, b: Mention) -> float:
    """One event's day, told with different words: same verb, same (or synonymous) subject, days apart."""
    if a.value.kind != "date" or a.value.hedge != "exact" or b.value.hedge != "exact":
        return 0.0
    if a.value.low != a.value.high or b.value.low != b.value.high or abs(a.value.low - b.value.low) > NEAR_MISS_DAYS:
        return 0.0
    if _predicates(a, b) == "match" and a.verb not in _SAY and _stem_match(a.subject, b.subject):
        return 1.0
    return 1.0 if _opening_day(a, b) else 0.0


def _opening_day(a: Mention, b: Mention) -> bool:
    """Whether one date is the day something opens and the other the start of its period ("from Dec. 11-20")."""
    return (_opens(a) and b.preposition == "from" or _opens(b) and a.preposition == "from") and _same_thing(a, b)


_BEGIN_VERBS = {"open", "begin", "start", "commence", "launch"}


def _opens(m: Mention) -> bool:
    """A date something begins on (the parse may read "the games open Dec. 6" as an adjective's)."""
    return m.verb in _BEGIN_VERBS or bool(m.left) and m.left[0] in _BEGIN_VERBS and m.preposition != "from"


def _same_thing(a: Mention, b: Mention) -> bool:
    """Whether two clauses are about one thing: the subject or a noun above the date, singular or plural."""
    things_a = {a.subject, *a.nouns_above} - {None}
    things_b = {b.subject, *b.nouns_above} - {None}
    return any(_stem_match(x, y) for x in things_a for y in things_b)
