"""Words the quote finder reads: reporting verbs and their forms, pronouns, gendered and person nouns."""

from __future__ import annotations


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
#: "make (it) clear that …": a speech cue of two words, read off the parse (`finder._make_clear`).
MAKE_CLEAR = "make clear"
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

#: Head nouns of descriptions that name a person ("the spokesman", "a senior official").
_PERSON_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "lawyer", "attorney",
                 "official", "source", "minister", "secretary", "director", "chief", "leader", "president",
                 "chairman", "chairwoman", "executive", "representative", "envoy", "ambassador", "diplomat",
                 "deputy", "officer", "analyst", "expert", "professor", "candidate", "nominee", "senator",
                 "governor", "mayor", "manager", "head", "woman", "man", "mother", "father", "wife", "husband"}
