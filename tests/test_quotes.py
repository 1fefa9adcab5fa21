"""Quotes: direct and reported speech, speakers, renderings merged across outlets.

Every sentence here is invented for these tests (fictional towns, people and outlets), except that two tests read
the bundled example story and, when present, the shared seed reports.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

import newsweave
from newsweave.embed import default_encoder
from newsweave.entities import extract_entities
from newsweave.models import Article, Quote
from newsweave.nlp import parse
from newsweave.quotes import Attribution, extract_quotes, find_attributions
from builders import make_article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "story"
SEEDS = ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside this checkout")

def attributions(text: str) -> list[Attribution]:
    return find_attributions(parse([text])[0])


def only(found: list[Attribution]) -> Attribution:
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def encoder():
    return default_encoder()


def quotes_of(encoder, *texts: str) -> tuple[list[Article], list[Quote]]:
    articles = [make_article(text, f"Outlet {i}") for i, text in enumerate(texts)]
    docs = parse([a.text for a in articles])
    return articles, extract_quotes(articles, docs, extract_entities(articles, docs), encoder)


def quote_with(quotes: list[Quote], words: str) -> Quote:
    matches = [q for q in quotes if any(words in v.text for v in q.variants)]
    assert len(matches) == 1, (words, quotes)
    return matches[0]


# ── Direct quotes ────────────────────────────────────────────────────────────────────────────────


def test_direct_quote_with_tag_after_it() -> None:
    found = attributions('The mill will close in June.\n\n"We have no buyers left," said Arlo Penn, the mill\'s manager.')
    quote = next(a for a in found if a.kind == "direct")
    assert quote.text == "We have no buyers left."
    assert quote.name == "Arlo Penn"


def test_quote_split_by_its_speech_tag_is_one_quote() -> None:
    quote = only(attributions('"We kept the lights on," council leader Mara Quist said, "and we kept the buses running."'))
    assert quote.kind == "direct" and len(quote.spans) == 2
    assert quote.text == "We kept the lights on, and we kept the buses running."
    assert quote.name == "Mara Quist"


def test_quote_over_two_paragraphs_is_one_quote() -> None:
    text = ("Ferry captain Olen Stray spoke to passengers waiting on the quay.\n\n"
            '"The crossing is closed for the winter. Nobody sails until the ice breaks.\n\n'
            '"We will open the route again in April, and not a day before."')
    quote = only([a for a in attributions(text) if a.kind == "direct"])
    assert "Nobody sails" in quote.text and "April" in quote.text
    assert quote.name == "Olen Stray"


def test_colon_introduced_quote() -> None:
    quote = only(attributions('The harbour master, Ruth Calloway, said: "No ship leaves the port tonight."'))
    assert quote.kind == "direct" and quote.text == "No ship leaves the port tonight."
    assert quote.name == "Ruth Calloway"


def test_quote_continuing_in_the_next_sentence_keeps_its_speaker() -> None:
    text = '"The river is rising," said Ines Varro, the lock keeper. "It will reach the road by morning."'
    quote = only(attributions(text))
    assert quote.name == "Ines Varro" and "reach the road" in quote.text


def test_tex_quote_marks_and_an_epigraph_dash() -> None:
    quote = only(attributions("``We will stay until the last boat leaves,'' said Noor Adel."))
    assert quote.text == "We will stay until the last boat leaves." and quote.name == "Noor Adel"
    quote = only(attributions('"Keep the old library open for the children of this town." \u2015 Wim Osk'))
    assert quote.name == "Wim Osk" and quote.cue == "\u2015"


def test_transcript_paragraphs_name_their_speakers() -> None:
    found = attributions("HOST: Will you stand for mayor again next spring?\n\n"
                         "KESSLER: Not this time, I want to spend more time with my family.")
    assert [(a.name, a.kind) for a in found] == [("Host", "direct"), ("Kessler", "direct")]
    assert found[1].text.startswith("Not this time")


def test_phrase_in_quote_marks_is_not_a_quote_of_its_own() -> None:
    found = attributions('The show "Morning Tide" returns on Friday with a new host.')
    assert found == []


# ── Reported speech ──────────────────────────────────────────────────────────────────────────────


def test_said_that() -> None:
    quote = only(attributions("Mayor Tobias Wren said that the bridge would reopen in May."))
    assert quote.kind == "indirect" and quote.text == "the bridge would reopen in May"
    assert quote.name == "Tobias Wren"


def test_according_to() -> None:
    quote = only(attributions("Three hundred homes lost power overnight, according to the Lowfield Electric Company."))
    assert quote.text == "Three hundred homes lost power overnight"
    assert "Lowfield Electric Company" in quote.name


def test_told_an_agency_that() -> None:
    quote = only(attributions("Fisheries minister Hanne Lodt told Interfax that the quotas would be cut by a tenth."))
    assert quote.text == "the quotas would be cut by a tenth"
    assert quote.name == "Hanne Lodt"


def test_statement_before_its_tag() -> None:
    quote = only(attributions("The vote on the new contract will be held in March, union chief Pavel Orm said."))
    assert quote.text == "The vote on the new contract will be held in March"
    assert quote.name == "Pavel Orm"


def test_the_writers_but_is_not_part_of_the_statement() -> None:
    quote = only(attributions("But the vote on the new contract has settled nothing, union chief Pavel Orm said."))
    assert quote.text == "the vote on the new contract has settled nothing"


@pytest.mark.parametrize("verb", ["added", "warned", "insisted", "announced", "claimed", "noted"])
def test_other_reporting_verbs(verb: str) -> None:
    quote = only(attributions(f"Councillor Ada Brin {verb} that the depot would stay open."))
    assert quote.text == "the depot would stay open" and quote.name == "Ada Brin"


# ── Speakers ─────────────────────────────────────────────────────────────────────────────────────


def test_pronoun_speaker_is_the_nearest_person_of_its_gender() -> None:
    text = ("Greta Holm, the town's librarian, opened the new reading room on Tuesday alongside Mr. Bram Kessel. "
            '"Every child here deserves a quiet place to read," she said.')
    quote = only([a for a in attributions(text) if a.kind == "direct"])
    assert quote.speaker == "she" and quote.name == "Greta Holm"


def test_description_speaker_named_by_apposition() -> None:
    quote = only(attributions("The governor's spokesman, Elias Varn, said the budget was balanced."))
    assert quote.name == "Elias Varn"
    assert quote.text == "the budget was balanced"


def test_description_speaker_resolved_through_a_role(encoder) -> None:
    _, quotes = quotes_of(encoder, "Elias Varn, the governor's spokesman, handed out the figures on Monday. "
                                   "The spokesman said the budget had been balanced for the first time in a decade.")
    quote = quote_with(quotes, "balanced")
    assert quote.speaker == "Elias Varn"


def test_no_speaker_is_none_not_a_guess(encoder) -> None:
    found = attributions("The storm passed before dawn.\n\n"
                         '"It was the coldest night anyone here can remember, and the longest."')
    assert only(found).speaker is None
    _, quotes = quotes_of(encoder, "Officials said the road would stay closed until the snow was cleared.")
    quote = quote_with(quotes, "road would stay closed")
    assert quote.speaker is None and quote.role == "Officials"


def test_organisation_as_speaker(encoder) -> None:
    _, quotes = quotes_of(encoder, "The Vessland Rail Authority said the night trains would resume on Sunday.")
    assert quote_with(quotes, "night trains").speaker == "Vessland Rail Authority"


# ── Across outlets ───────────────────────────────────────────────────────────────────────────────

FIRST = ('The Alder dam held through the night.\n\n'
         '"The dam will hold through the spring floods," chief engineer Lena Moor said on Thursday. '
         '\n\nMoor also said the valley road would reopen in July, once the bridge piers had been checked.')
SECOND = ("Engineers worked through the night at the Alder dam.\n\n"
          "Lena Moor, the chief engineer, said the dam would hold through the spring floods.")


def test_two_renderings_of_one_statement_merge(encoder) -> None:
    articles, quotes = quotes_of(encoder, FIRST, SECOND)
    dam = quote_with(quotes, "spring floods")
    assert dam.speaker == "Lena Moor"
    assert set(dam.sources) == {a.id for a in articles}
    assert len(dam.variants) == 2 and {v.source for v in dam.variants} == set(dam.sources)
    assert dam.kind == "direct" and dam.text == "The dam will hold through the spring floods."
    assert quotes[0] is dam, "most sources first"


def test_two_statements_of_one_speaker_stay_apart(encoder) -> None:
    _, quotes = quotes_of(encoder, FIRST, SECOND)
    road = quote_with(quotes, "valley road")
    dam = quote_with(quotes, "spring floods")
    assert road is not dam and road.speaker == dam.speaker == "Lena Moor"
    assert len(road.sources) == 1


def test_same_words_from_different_speakers_do_not_merge(encoder) -> None:
    _, quotes = quotes_of(encoder, 'Mayor Tobias Wren said the new school would open in September.',
                          'Councillor Ada Brin said the new school would open in September.')
    assert len([q for q in quotes if "school" in q.text]) == 2


DROV_FIRST = ("Harbour minister Aleksei Drov spoke on Tuesday after the ferry talks collapsed.\n\n"
              '"We deeply regret that we have been deprived of one of the channels of dialogue, with nothing new to '
              'replace it," Drov said.\n\n'
              "Some of the questions handled by the ferry committee, such as fishing quotas and matters related to "
              "pensions, can be taken up in other forums, Drov said.\n\n"
              "The ferry committee had become useless for the island, Drov said.")
DROV_SECOND = ("The island ferry talks collapsed on Tuesday.\n\n"
               'Drov responded calmly, saying: "Our country sincerely wants good ties with its neighbours, and it '
               'causes regret when we lose any channel for dialogue without replacing it with another."\n\n'
               "Drov said pensions and fishing quotas, once on the committee agenda, might now be raised through "
               "other channels.\n\n"
               "Drov said the ferry committee would not meet again this year.")


def test_a_translation_with_a_clause_more_is_one_statement(encoder) -> None:
    # the second outlet's rendering opens with a clause the first left out: its clause alone is the match
    _, quotes = quotes_of(encoder, DROV_FIRST, DROV_SECOND)
    regret = quote_with(quotes, "channels of dialogue")
    assert any("causes regret" in v.text for v in regret.variants) and len(regret.sources) == 2


def test_a_paraphrase_by_one_speaker_merges_on_the_words_that_tell_it_apart(encoder) -> None:
    # cosine 0.69, under the 0.7 of any two renderings; pensions and quotas are in no other Drov statement
    _, quotes = quotes_of(encoder, DROV_FIRST, DROV_SECOND)
    forums = quote_with(quotes, "fishing quotas")
    assert forums.speaker == "Aleksei Drov" and len(forums.sources) == 2


def test_two_statements_of_one_speaker_on_one_topic_stay_apart(encoder) -> None:
    # cosine 0.69 too, but they share only the topic's words ("ferry committee"), which his other statements use
    _, quotes = quotes_of(encoder, DROV_FIRST, DROV_SECOND)
    useless = quote_with(quotes, "had become useless")
    assert len(useless.sources) == 1 and all("meet again" not in v.text for v in useless.variants)


def test_made_it_clear_that_reports_its_subject(encoder) -> None:
    _, quotes = quotes_of(encoder, "Ines Kolb spoke after the vote. She made it clear that the port would stay closed.")
    assert [(q.text, q.speaker) for q in quotes] == [("the port would stay closed", "Ines Kolb")]
    assert attributions("The storm made it clear that the old sea wall was too weak.") == []


def test_speakers_described_not_named(encoder) -> None:
    _, quotes = quotes_of(encoder, "The closure drew criticism from harbour pilots, many of whom complained that "
                                   "the town had ignored their warnings. The port's own safety board said the pier "
                                   "was unsafe.")
    assert {(q.speaker, q.role) for q in quotes} == {(None, "harbour pilots"), (None, "port's own safety board")}


def test_statement_reported_inside_another_is_not_a_quote_of_its_own(encoder) -> None:
    _, quotes = quotes_of(encoder, "Okan Relt said he would recommend that members accept the offer.")
    assert len(quotes) == 1 and quotes[0].speaker == "Okan Relt"


def test_no_articles_no_quotes(encoder) -> None:
    assert extract_quotes([], [], [], encoder) == []
    assert attributions("The river froze early this year.") == []


def test_extraction_overhead_is_small() -> None:
    """Everything but the sentence encoder, on the bundled 4-article story (the parse is done beforehand)."""

    class Hashing:
        def encode(self, texts, *, batch_size: int = 64) -> np.ndarray:
            out = np.zeros((len(texts), 64), dtype=np.float32)
            for row, text in enumerate(texts):
                for word in text.lower().split():
                    out[row, hash(word) % 64] += 1
            return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    articles = newsweave.read([str(EXAMPLE)]).articles[:4]
    docs = parse([a.text for a in articles])
    entities = extract_entities(articles, docs)
    extract_quotes(articles, docs, entities, Hashing())
    started = time.perf_counter()
    extract_quotes(articles, docs, entities, Hashing())
    assert time.perf_counter() - started < 0.3


# ── The bundled example and the seeds ───────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def example_quotes(encoder) -> tuple[list[Article], list[Quote]]:
    articles = newsweave.read([str(EXAMPLE)]).articles
    docs = parse([a.text for a in articles])
    return articles, extract_quotes(articles, docs, extract_entities(articles, docs), encoder)


def test_example_kellen_statement_is_one_quote_over_its_translations(example_quotes) -> None:
    articles, quotes = example_quotes
    kellen = quote_with(quotes, "victory for the harbour")
    assert kellen.speaker == "Marta Kellen" and len(kellen.sources) >= 2
    assert kellen.kind == "direct"
    assert kellen.text == "This agreement is not a victory for one side. It is a victory for the harbour."
    assert any("no one side's win" in v.text for v in kellen.variants), "the second translation belongs here"
    assert all(q is kellen or "victory for the harbour" not in q.text for q in quotes)


def test_example_quote_forms_and_speakers(example_quotes) -> None:
    articles, quotes = example_quotes
    prell = quote_with(quotes, "the line held")
    assert prell.speaker == "Dana Prell" and len(prell.sources) == 2
    okafor = quote_with(quotes, "Nobody on these docks")
    assert "Okafor" in okafor.speaker and "in writing" in okafor.text
    varga = quote_with(quotes, "Both sides came to the table")
    assert "Varga" in varga.speaker and len(varga.sources) == 2
    ids = {a.id for a in articles}
    for quote in quotes:
        assert quote.kind in {"direct", "indirect"} and set(quote.sources) <= ids
        assert {v.source for v in quote.variants} == set(quote.sources)
    assert [len(q.sources) for q in quotes] == sorted((len(q.sources) for q in quotes), reverse=True)


@needs_seeds
def test_seed_quotes_of_peskov_and_melia(encoder) -> None:
    articles = newsweave.read([str(SEEDS)]).articles
    docs = parse([a.text for a in articles])
    quotes = extract_quotes(articles, docs, extract_entities(articles, docs), encoder)
    peskov = [q for q in quotes if any(w in v.text for v in q.variants
                                       for w in ("It means nothing", "phantom pains", "sincerely wants good relations"))]
    assert len(peskov) == 2 and all(q.speaker and "Peskov" in q.speaker for q in peskov)
    regret = quote_with(quotes, "formats of dialogue")  # two outlets' translations of one statement
    assert any("sincerely wants good relations" in v.text for v in regret.variants) and len(regret.sources) == 2
    forums = [q for q in quotes if any("human trafficking" in v.text for v in q.variants)]
    assert len(forums) == 1 and "Melia" in forums[0].speaker and len(forums[0].sources) == 2, "paraphrases merge"
    pointless = quote_with(quotes, "had become pointless")  # "he made it clear that Washington believed …"
    assert pointless.speaker and "Melia" in pointless.speaker
    melia = [q for q in quotes if any("called into serious question" in v.text for v in q.variants)]
    assert len(melia) == 1, [q.text for q in melia]
    assert "Melia" in melia[0].speaker and len(melia[0].sources) >= 3
