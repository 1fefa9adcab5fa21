"""engine.process: the per-article work, locally and on a Dask LocalCluster, gives the same articles and stories.

Inputs: the bundled example story (five invented reports of one dock strike deal) plus invented articles here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsweave.engine import Processed, entity_keys, lexical_vectors, process
from newsweave.entities import name_key
from newsweave.errors import UsageError
from newsweave.models import RawDocument
from newsweave.read import iter_documents
from newsweave.settings import Settings
from newsweave.stories import StoryClusterer

from conftest import BODY, OTHER_BODY

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "story"

# Invented reports: a second account of the reservoir story, and an unrelated one about a ferry.
RESERVOIR_2 = (
    "Reservoir levels across the valley have dropped to a ten-year low after a dry summer, the regional water board "
    "said on Thursday.\n\nThe board asked households to use a fifth less water until the autumn rains, and said the "
    "hosepipe ban would stay in place until at least October.")
FERRY = (
    "The ferry between Kestrel Bay and the island of Orrin will run twice a day from next week after its engine was "
    "repaired, the operator Bluewake Lines said on Tuesday.\n\nIts skipper, Mira Olsen, said the crossing had been "
    "cancelled eleven times this month, leaving islanders to wait for a supply boat.\n\n"
    "\"We are sorry for the trouble,\" the "
    "company said in a statement, adding that a second vessel would be leased for the summer season.")


def raws() -> list[RawDocument]:
    documents = [item for item in iter_documents([str(EXAMPLE)], Settings()) if isinstance(item, RawDocument)]
    assert len(documents) == 5
    return documents + [
        RawDocument(source="invented/bridge.txt", text=BODY, title="Council votes to rebuild bridge"),
        RawDocument(source="invented/reservoir-1.txt", text=OTHER_BODY, published="2023-08-10"),
        RawDocument(source="invented/reservoir-2.txt", text=RESERVOIR_2, published="2023-08-10"),
        RawDocument(source="invented/ferry.txt", text=FERRY, outlet="Orrin Gazette"),
        RawDocument(source="invented/short.txt", text="Subscribe to read. Log in to continue."),
        RawDocument(source="invented/empty.txt", text="   \n  "),
    ]


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    local_cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
    yield local_cluster
    local_cluster.close()


@pytest.fixture(scope="module")
def local() -> list[Processed]:
    return list(process(raws(), Settings()))


@pytest.fixture(scope="module")
def on_dask(cluster) -> list[Processed]:
    return list(process(raws(), Settings(), engine="dask", scheduler=cluster.scheduler_address))


def stories(items: list[Processed]) -> list[str | None]:
    clusterer = StoryClusterer()
    placed = [clusterer.add(i.article.id, i.vector, i.entities, i.article.published)
              if i.article is not None and not i.junk else None for i in items]
    return [clusterer.resolve(s) if s else None for s in placed]


def test_every_document_comes_back_once_in_input_order(local):
    assert [item.source for item in local] == [raw.source for raw in raws()]


def test_processed_articles_carry_vector_entities_signature_and_junk_verdict(local):
    by_source = {item.source: item for item in local}
    ferry = by_source["invented/ferry.txt"]
    assert ferry.article is not None and ferry.problem is None and ferry.junk is None
    assert ferry.vector.dtype == np.float32 and abs(float(np.linalg.norm(ferry.vector)) - 1.0) < 1e-5
    assert {name_key("Mira Olsen"), name_key("Kestrel Bay"), name_key("Bluewake Lines")} <= ferry.entities
    assert ferry.signature is not None and ferry.signature.jaccard(ferry.signature) == 1.0
    assert by_source["invented/short.txt"].junk  # a paywall stub: read, but flagged
    empty = by_source["invented/empty.txt"]
    assert empty.article is None and empty.problem is not None and empty.vector is None


def test_raw_hash_is_the_ingest_hash(local):
    from newsweave.ingest import raw_sha256

    assert [item.raw_sha256 for item in local] == [raw_sha256(raw) for raw in raws()]


def test_the_example_story_is_one_story_and_other_events_are_not_in_it(local):
    placed = dict(zip([item.source for item in local], stories(local)))
    example = {placed[source] for source in placed if source.startswith(str(EXAMPLE))}
    assert len(example) == 1
    assert placed["invented/reservoir-1.txt"] == placed["invented/reservoir-2.txt"]
    others = {placed["invented/bridge.txt"], placed["invented/reservoir-1.txt"], placed["invented/ferry.txt"]}
    assert len(others) == 3 and not others & example


def test_dask_gives_what_local_gives(local, on_dask):
    assert [i.source for i in on_dask] == [i.source for i in local]
    assert [i.raw_sha256 for i in on_dask] == [i.raw_sha256 for i in local]
    for mine, theirs in zip(local, on_dask):
        assert (mine.article is None) == (theirs.article is None)
        assert (mine.problem and mine.problem.reason) == (theirs.problem and theirs.problem.reason)
        if mine.article is None:
            continue
        assert theirs.article == mine.article
        assert theirs.entities == mine.entities and theirs.junk == mine.junk
        assert np.array_equal(theirs.signature.hashvalues, mine.signature.hashvalues)
        np.testing.assert_allclose(theirs.vector, mine.vector, atol=1e-5)
    assert stories(on_dask) == stories(local)


def test_an_unknown_engine_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown engine"):
        process(raws()[:1], Settings(), engine="spark")


def test_entity_keys_are_capitalised_phrases_not_sentence_openers():
    from newsweave.articles import to_article

    article = to_article(RawDocument(
        source="invented/keys.txt",
        text="The talks ended on Friday. Transport Minister Ilse Varga met Yusuf Okafor of the Portvale "
             "Dockworkers' Union in Portvale. Both said the Bank of Vessland had not been asked."))
    keys = entity_keys(article)
    assert {name_key("Ilse Varga"), name_key("Yusuf Okafor"), name_key("Bank of Vessland")} <= keys
    assert not {"the", "both", "friday", "talks"} & keys


def test_a_shared_rare_word_or_number_counts_more_than_a_shared_common_word():
    """Pairs of invented reports alike but for the one word they share: a name no word list holds ("Varkonen") or
    a toll ("317") brings them closer than "police" does."""
    def cosine(shared: str) -> float:
        first, second = lexical_vectors([f"{shared} mayors praised volunteers", f"{shared} engineers repaired bridges"])
        return float(first @ second)

    assert cosine("Varkonen") > cosine("police") > 0
    assert cosine("317") > cosine("police")
