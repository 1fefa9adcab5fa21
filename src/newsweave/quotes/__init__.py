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

Modules: `lexicon` (reporting verbs and other word lists), `marks` (quote-mark spans, display text), `article`
(`Attribution`, token indices of one article), `speakers` (speakers and pronouns in one article), `direct`
(direct quotes and their tags), `reported` (reported speech), `finder` (one article's attributions), `resolve`
(speakers to entities), `merge` (renderings merged into quotes).
"""

from .article import Attribution
from .finder import find_attributions
from .lexicon import SPEECH_VERBS
from .merge import MERGE_SIMILARITY, extract_quotes

__all__ = ["Attribution", "find_attributions", "extract_quotes", "SPEECH_VERBS", "MERGE_SIMILARITY"]
