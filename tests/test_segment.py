"""Segmentation: quote normalisation, glued sentences, abbreviations, re-flowing wrapped text, offsets."""

from __future__ import annotations

import textwrap

import pytest

from newsweave.clean import clean_text, is_hard_wrapped, reflow
from newsweave.segment import normalise_quotes, segment, split_sentences, unglue

from conftest import BODY_PARAGRAPHS, OTHER_PARAGRAPHS


def assert_offsets(text, paragraphs, sentences):
    """Every span points at its own text; sentences ordered, non-overlapping and inside their paragraph."""
    for span in paragraphs:
        assert text[span.start:span.end] == span.text
    previous_end = 0
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text and sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end
        holder = paragraphs[sentence.paragraph]
        assert holder.start <= sentence.start and sentence.end <= holder.end


# ---------------------------------------------------------------- quotes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("He called it ``a fair deal'' on Monday.", 'He called it "a fair deal" on Monday.'),
        ("\u201cWe are ready,\u201d she said.", '"We are ready," she said.'),
        ("the mayor\u2019s \u2018plan\u2019", "the mayor's 'plan'"),
        ("\u201eGuten Tag\u201c and \u00abbonjour\u00bb", '"Guten Tag" and "bonjour"'),
        ("`single' TeX quotes", "'single' TeX quotes"),
        ("no\u00a0break and\u200b zero\u00adwidth", "no break and zerowidth"),
    ],
)
def test_normalise_quotes_straightens_every_kind(raw, expected):
    assert normalise_quotes(raw) == expected


def test_split_sentences_gives_straight_quotes_only():
    sentences = split_sentences("``It will open in May,'' the mayor said. \u201cWe are sure.\u201d")
    assert sentences == ['"It will open in May," the mayor said.', '"We are sure."']
    assert not any(mark in "".join(sentences) for mark in "\u201c\u201d\u2018\u2019`")


# ---------------------------------------------------------------- glued sentences


@pytest.mark.parametrize(
    ("glued", "expected"),
    [
        ("It met the civic groups.The working group was formed later.",
         ["It met the civic groups.", "The working group was formed later."]),
        ("Prices rose by 5%.Analysts had expected less.", ["Prices rose by 5%.", "Analysts had expected less."]),
        ("It was over.\u201cWe are glad,\u201d he said.", ["It was over.", '"We are glad," he said.']),
        ("\u201cIt is finished for good.\u201dBut the talks went on.",
         ['"It is finished for good."', "But the talks went on."]),
        ("Was it worth it?Nobody could say.", ["Was it worth it?", "Nobody could say."]),
    ],
)
def test_glued_sentences_are_split(glued, expected):
    assert split_sentences(glued) == expected


def test_unglue_keeps_closing_quote_with_its_sentence():
    assert unglue("he said, \u201cit is done.\u201dThe rest") == "he said, \u201cit is done.\u201d The rest"
    assert unglue("the end.\u201cA new start") == "the end. \u201cA new start"


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. government said on Friday it would leave the group.",
        "The talks ended on Jan. 25 after a long night.",
        "Mr. Melia said the decision was final.",
        "Presidents Barack Obama and Dmitri A. Medvedev set up the commission.",
        "Rep. Alvarez and Gov. Tran met at 10 a.m. in the capital.",
        "The plan, approved by the U.N. Security Council, takes effect in Sept. next year.",
        "The ship was moored at No. 5 berth.",
        "The U.S.-Russia commission met once.",
        "He cited www.example.org as the source.",
    ],
)
def test_abbreviations_and_initials_do_not_split(text):
    assert split_sentences(text) == [text]


def test_unglue_leaves_abbreviations_alone():
    for text in ("the U.S.The", "in Jan.The", "Mr.Smith"):
        assert unglue(text) == text


def test_abbreviation_at_the_end_of_a_sentence_splits_before_an_opener():
    assert split_sentences("The firm moved to the U.S. The board agreed.") == [
        "The firm moved to the U.S.", "The board agreed."]
    assert split_sentences("He joined Acme Inc. The firm grew fast.") == ["He joined Acme Inc.", "The firm grew fast."]
    assert split_sentences("It opened in the U.S. and Canada.") == ["It opened in the U.S. and Canada."]


def test_common_word_no_ends_a_sentence():
    # "No." is an abbreviation only before a number ("No. 5"); the word "no" can end a sentence.
    assert split_sentences("The minister said no. The talks ended.") == ["The minister said no.", "The talks ended."]
    assert split_sentences("He said \u201cno.\u201d But he came back.") == ['He said "no."', "But he came back."]


def test_sentence_ending_inside_closing_quote():
    text = '"We take these things seriously," the envoy said. "And you have not."'
    assert split_sentences(text) == ['"We take these things seriously," the envoy said.', '"And you have not."']


def test_ellipsis_exclamation_and_question_marks():
    assert split_sentences("Wait... What happened next? Nobody knew! It was late.") == [
        "Wait...", "What happened next?", "Nobody knew!", "It was late."]


# ---------------------------------------------------------------- segment(): paragraphs, offsets


def test_segment_paragraphs_and_sentence_offsets():
    text = "\n\n".join(BODY_PARAGRAPHS + OTHER_PARAGRAPHS)
    paragraphs, sentences = segment(text)
    assert [p.text for p in paragraphs] == BODY_PARAGRAPHS + OTHER_PARAGRAPHS
    assert len(sentences) == 6  # the third body paragraph has two sentences
    assert [s.paragraph for s in sentences] == [0, 1, 2, 2, 3, 4]
    assert sentences[3].text == "The work is expected to take about eighteen months."
    assert_offsets(text, paragraphs, sentences)


def test_segment_offsets_survive_odd_whitespace():
    text = "  First one here.   Second one here.\n\n\n\n   Third paragraph starts.  \n\n"
    paragraphs, sentences = segment(text)
    assert [s.text for s in sentences] == ["First one here.", "Second one here.", "Third paragraph starts."]
    assert len(paragraphs) == 2
    assert_offsets(text, paragraphs, sentences)


def test_segment_empty_and_blank_text():
    assert segment("") == ([], [])
    assert segment("\n\n   \n") == ([], [])


# ---------------------------------------------------------------- hard-wrapped wire text


def wrapped(paragraphs: list[str], width: int = 70, blank_lines: bool = True, indent: bool = False) -> str:
    blocks = [textwrap.fill(p, width=width, initial_indent="    " if indent else "") for p in paragraphs]
    return ("\n\n" if blank_lines else "\n").join(blocks) + "\n"


LONG_PARAGRAPHS = [
    "The harbour authority on Tuesday approved plans for a new ferry terminal on the eastern quay, ending a "
    "dispute with residents that had dragged on for more than two years and delayed the project by at least "
    "eighteen months.",
    "The decision came after a four-hour meeting in which board members heard from fishermen, shop owners and "
    "environmental groups, most of whom said they could accept the revised design put to them in the spring.",
    '"We listened and we changed the plans," said chairwoman Jane Orrin. "The terminal will be smaller and '
    'quieter than the first version, and it will close at night."',
    "Construction is expected to begin in the autumn and to take about three years, the authority said in a "
    "statement issued after the vote, adding that the old terminal would stay open until then.",
]


def test_hard_wrapped_text_is_detected():
    assert is_hard_wrapped(wrapped(LONG_PARAGRAPHS).split("\n"))
    assert not is_hard_wrapped("\n\n".join(LONG_PARAGRAPHS).split("\n"))  # one paragraph a line


@pytest.mark.parametrize("layout", ["blank-lines", "indented"])
def test_hard_wrapped_text_is_reflowed_into_paragraphs(layout):
    raw = wrapped(LONG_PARAGRAPHS, blank_lines=layout == "blank-lines", indent=layout == "indented")
    assert max(len(line) for line in raw.split("\n")) <= 70
    cleaned = clean_text(raw)
    assert cleaned.paragraphs == [normalise_quotes(p) for p in LONG_PARAGRAPHS]
    assert cleaned.removed == []


def test_reflow_keeps_unwrapped_lines_as_they_are():
    lines = ["Short headline", "", "A body line that is complete.", "Another complete line."]
    assert reflow("\n".join(lines)) == lines


def test_reflowed_wire_text_segments_into_whole_sentences():
    cleaned = clean_text(wrapped(LONG_PARAGRAPHS))
    paragraphs, sentences = segment(cleaned.text)
    assert len(paragraphs) == 4
    assert not any("\n" in s.text for s in sentences)
    assert sentences[0].text.startswith("The harbour authority") and sentences[0].text.endswith("eighteen months.")
    assert_offsets(cleaned.text, paragraphs, sentences)


WRAPPED_WIRE = """\
Harbour authority approves new ferry terminal after long dispute

By Alice Northcote, Coastline Wire

PORTHAVEN, March 3 (Coastline Wire) - The harbour authority on Tuesday
approved plans for a new ferry terminal on the eastern quay, ending a
dispute with residents that had dragged on for more than two years and
delayed the project by at least eighteen months.
    The decision came after a four-hour meeting in which board members
heard from fishermen, shop owners and environmental groups, most of
whom said they could accept the revised design.
    ``We listened and we changed the plans,'' said chairwoman Jane Orrin.
``The terminal will be smaller and quieter than the first version.''
    Construction is expected to begin in the autumn and to take about
three years, the authority said in a statement issued after the vote.
(Reporting by Alice Northcote; Editing by Tom Brill)
"""


def test_wrapped_wire_copy_with_header_and_credit():
    cleaned = clean_text(WRAPPED_WIRE)
    assert [p.split()[:3] for p in cleaned.paragraphs] == [
        ["The", "harbour", "authority"], ["The", "decision", "came"], ['"We', "listened", "and"],
        ["Construction", "is", "expected"]]
    assert cleaned.paragraphs[2] == ('"We listened and we changed the plans," said chairwoman Jane Orrin. '
                                     '"The terminal will be smaller and quieter than the first version."')
    assert cleaned.paragraphs[3].endswith("issued after the vote.")
    assert (cleaned.title, cleaned.byline, cleaned.byline_outlet, cleaned.dateline, cleaned.dateline_outlet) == (
        "Harbour authority approves new ferry terminal after long dispute", "Alice Northcote", "Coastline Wire",
        "PORTHAVEN", "Coastline Wire")
    assert [r.reason for r in cleaned.removed] == ["headline", "byline", "dateline", "wire-credit"]
    paragraphs, sentences = segment(cleaned.text)
    assert len(sentences) == 5
    assert_offsets(cleaned.text, paragraphs, sentences)
