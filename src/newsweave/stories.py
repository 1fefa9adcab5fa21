"""Incremental story clustering: each new article joins the story that accepts it best, or opens a new one.

An article's score with a story (all stories at once: one matrix-vector product over the active stories' vector
sums, plus a sparse sum over the posting lists of the article's names):

- meaning: the mean cosine of the article's unit vector to the story's articles (its dot product with the story's
  vector sum, over the count: "average" linkage);
- names: + ENTITY_WEIGHT × the idf-weighted share of the article's names (those seen in an earlier article) that
  the story's articles carry, each weighted by the share of the story's articles carrying it;
- missing names: − NAME_PENALTY × (NAME_FLOOR − that share) when the article names things but that share falls
  below NAME_FLOOR (an article whose names were all never seen before shares nothing): a report of the same kind of
  event told in the same words, somewhere else and about someone else, is another event;
- time: − TIME_WEIGHT × log2(1 + days beyond FREE_DAYS between the article and the story's span, in FREE_DAYS);
  the free days are LINKED_FREE_DAYS instead where the article shares at least LINK_SHARE of its names with the
  story.
  A story silent for RETIRE_DAYS before the newest date seen and for the last RETIRE_ARTICLES articles is retired:
  it keeps its articles, takes no new ones, and leaves the matrix (so the cost follows the active stories, not the
  corpus).

A story accepts the article when the score reaches COHESION_SHARE × the story's cohesion — the mean cosine between
its own articles, (|sum|² − n) / (n(n − 1)) for n unit vectors, so kept in O(1), steadied by PRIOR_PAIRS — and at
least MIN_LINK; a story of one article asks OPEN_THRESHOLD. The article joins the accepting story it scores best
with, else opens one. One threshold for every story cannot work: the two events of one topic (two rehab check-ins,
two earthquakes) are closer to each other than the reports of a loosely told event are among themselves. After
each join the story absorbs any story it now fits by the same rule (average link between the two stories, with the
same entity, missing-names and time terms between their names and spans, against the tighter one's need): the bridge
that joins two halves of one event, or a story opened by an article that came too early.

A merge or join is never final while the story is small: a story of at most SMALL_STORY articles keeps them, and
after each join or merge that leaves it with 2 × MIN_PART or more, its articles are parted into the two groups that
are each tightest (spherical 2-means, every parting tried: at most 127 of 8 articles). When the link between the
two groups (average link + the smaller group's names in the larger, weighed as an article's) falls more than
SPLIT_MARGIN short of what the merge rule needs (the tighter group's), the story splits: the larger group keeps the
story, the smaller opens one (`moved()` names its articles; `story_of()` tells where any article is now), and each
may absorb other stories. This undoes an early pairing of two events' first reports (cosine 0.47-0.56, over the
0.45 that pairs lone articles) once later reports show two groups. A story grown past SMALL_STORY keeps only its
sums, so the state stays bounded by the active stories.

A story of at most SHOWN_MAX articles is looked at again after SHOW_CHECKS arrivals since its last article (25,
50, ... 800): it is shown in the larger story with the best average link to it, within FREE_DAYS of its span, when
that story shares a name with it and the link (+ name terms) reaches SHOW_SHARE of the merge rule's need
(`moved()` names its articles, `story_of()` answers the larger story). For the clusterer it stays a story of its
own, untouched in the matrix: a later report of its own event still joins it and takes it back (`moved()` again).
A small story that the next looks find no home for is taken back too; one still shown in a story when it retires
stays there (a merge).

Measured on ECB+ dev topics 1-20 (`benchmarks/clustering.py`, 413 articles, 36 events; B-cubed F1 in file order /
mean of 10 shuffled orders; the constants below were chosen on this set, so these are tuning-set figures):

    clusterer (article vectors)                                                         file     shuffled
    earlier rule: one join threshold 0.35, entity weight 0.1, two-story bridges (old)   0.872    0.858
    the same on the new vectors, best of join 0.25-0.4 × entity weight 0.1-0.2          0.871    0.868
    cohesion rule + story merges, old vectors (no entity term, no retirement)           0.893    0.884
    cohesion rule + story merges, new vectors (no entity term, no retirement)           0.912    0.898
      + entity weight 0.05 (better in file order, the same shuffled)                    0.921    0.898
      + retirement (7 ECB+ articles carry dates, 2007-2013)                             0.921    0.886
      + one prior pair in the cohesion                                                  0.918    0.901
    the reader takes an opening date line as the publication date: 126 articles dated (2005-2013)
      (time free for 3 days, retirement by date alone)                                  0.880    0.809
      + retirement also waits for RETIRE_ARTICLES silent arrivals                       0.891    0.895
      + FREE_DAYS 7: the defaults                                                       0.892    0.893
      FREE_DAYS 14 instead (not kept; other shuffle seeds, where 7 gives 0.897)          0.892    0.898
      FREE_DAYS 30 instead (not kept)                                                   0.913    0.910
    FREE_DAYS 30 is best here (ECB+ labels as one event articles weeks apart) but merges distinct events of one
    kind within a month in the generated stream of benchmarks/scale.py (10k articles, 3,298 events, B-cubed on
    the stored vectors): FREE_DAYS 3 / 7 / 14 / 30 give 0.998 / 0.998 / 0.977 / 0.898 (precision 0.82 at 30). A
    dense feed looks like the latter, so a week it is.
    names (`benchmarks/scale.py`'s generated stream as the check; B-cubed 1k / 10k articles; 1k: 0.975 before):
      missing names, in joins only: NAME_PENALTY 0.2 below NAME_FLOOR 0.3      0.892    0.894    (0.997 / 0.998)
      + free time LINKED_FREE_DAYS 60 where LINK_SHARE 0.3 of the names agree   0.913    0.908    (0.993 / 0.983)
      + both terms in story merges too: the defaults                           0.909    0.904    (0.993 / 0.998)
      NAME_FLOOR 0.2 / 0.25 / 0.4 instead                       0.911 / 0.911 / 0.901    0.905 / 0.906 / 0.899
      NAME_PENALTY 0.1 / 0.3 instead                                    0.909 / 0.909    0.906 / 0.902
      LINK_SHARE 0.2 / 0.4; LINKED_FREE_DAYS 30 / 90    0.909 / 0.903; 0.901 / 0.909    0.904 / 0.900; 0.895 / 0.904
      ENTITY_WEIGHT 0 / 0.1 with them                                   0.903 / 0.920    0.899 / 0.895
    Without the missing-names term the generated stream's same-kind events (fires, elections a few days apart, in
    other towns) chain into one loose story through merges: LINKED_FREE_DAYS 60 alone gives 0.976 on the 10k
    stream; the term also lifts the 1k stream from 0.975 to 0.993-0.997.
    earlier figures, with 7 dated articles, the defaults then but:
                      no story retirement                                               0.918    0.912
                      entity weight 0                                                   0.905    0.894
                      entity weight 0.1                                                 0.922    0.892
                      prior pairs 0.5                                                   0.918    0.897
                      prior pairs 3                                                     0.896    0.884
                      without story merges (articles only join; before the prior)       0.862    0.845
                      "two thresholds": open a story when the best two are within 0.02
                      (before the prior)                                                0.923    0.887
    TF-IDF single pass, fitted on the whole file, best threshold (the baseline)         0.876    0.862

Grid: OPEN_THRESHOLD 0.4-0.5 × COHESION_SHARE 0.66-0.74 × PRIOR_PAIRS 1-2, shuffled means 0.849-0.904; the
constants kept (0.45 / 0.7 / 1) were the best before the prior was added, and the best of the grid (0.45 / 0.66 / 2:
0.921 / 0.904) is no further from them than one shuffled order is from another. Tried and not kept: the names and
numbers as a second, idf-weighted sparse part of the vector (0.89-0.90 shuffled, no gain: the rarity-weighted words
of `engine` already carry them); picking the story with the largest margin over its need instead of the largest
score (−0.003). Offline references on the same vectors: average-linkage agglomerative clustering at its best
threshold 0.894; the cohesion rule applied agglomeratively 0.917. The goal (0.92) is not met: 0.909 in file order,
0.904 over shuffled orders — a topic's two events still merge in some orders, most in topics whose events share
their main names (one boxer's two title defences, two offers to one baseball player, a rule and its reversal).
Tried for that and not kept: a penalty for lead names (title and first two sentences) missing from the story or
the story's lead names missing from the article (0.898-0.910 / 0.898-0.909 in joins; 0.85-0.89 in merges too, as
one event's reports lead with different names); years written in the text (the ECB halves of the topics carry no
dates and seldom their year, so there is nothing to contradict); decimal and one-digit numbers (magnitudes) as
extra hashed words (0.909 / 0.903-0.904: no change); the names' share counted both ways, the story's names found in
the article too (0.900-0.910 / 0.897-0.905); idf squared or cubed in the name share (0.895-0.899 / 0.896-0.900).
With the name terms, OPEN_THRESHOLD 0.425 / 0.475 / 0.5 give 0.919 / 0.909 / 0.923 in file order but 0.904 / 0.901 /
0.903 shuffled, COHESION_SHARE 0.66 / 0.74 0.923 / 0.893 and 0.906 / 0.891: no better default. On 30 other shuffle
seeds (11-40, not used for any choice) the name terms take the mean from 0.890 to 0.901 (sd 0.010-0.012).

Splits, and the entity term in merges (same set; file / mean of seeds 1-10, the tuning figures; in brackets the mean
of the held-out seeds 11-40, never used for a choice; P / R are the shuffled means):

    before (the name terms above)                                        0.909 / 0.904  [0.901]  P 0.895  R 0.913
    entity term in merges too (as in joins), no splits                   0.913 / 0.904  [0.907]  P 0.875  R 0.935
    + splits of small stories: the defaults                              0.912 / 0.912  [0.909]  P 0.904  R 0.920
      SPLIT_MARGIN 0 / 0.03 / 0.08               0.916 / 0.910 [0.908]; 0.916 / 0.911 [0.909]; 0.913 / 0.907 [0.910]
      MIN_PART 1 / 3                             0.912 / 0.912 [0.909]; 0.913 / 0.913 [0.909]
      SMALL_STORY 6 / 12                         0.912 / 0.911 [0.909]; 0.912 / 0.913 [0.912]
      the groups' names: the larger's in the smaller / the smaller of both ways / the larger of both ways
                                                 0.920 / 0.914 [0.912]; 0.920 / 0.912 [0.911]; 0.912 / 0.912 [0.911]
    splits without the entity term in merges (not kept; earlier code, same rule otherwise):
      the parting falling furthest short of the merge rule's need, groups of one allowed, no margin
                                                                         0.899 / 0.878  [0.878]  P 0.918  R 0.842
      2-means parting, groups of 2, margin 0 / 0.05                      0.910 / 0.901 [0.895]; 0.908 / 0.905 [0.901]
      the same with the name terms, margin 0 / without, groups of 3      0.910 / 0.899 [0.893]; 0.915 / 0.905 [0.901]
    entity term in merges taken both ways (the larger share) / the other story's names in this one
                                                                         0.915 / 0.900 [0.907]; 0.915 / 0.899 [0.906]
    the older constants again, with splits (not kept):
      OPEN_THRESHOLD 0.4 / 0.425 / 0.475 / 0.5         0.915 / 0.914 [0.915]; 0.914 / 0.917 [0.912];
                                                       0.918 / 0.906 [0.906]; 0.912 / 0.908 [0.900]
      COHESION_SHARE 0.66 / 0.74                       0.926 / 0.913 [0.911]; 0.911 / 0.896 [0.897]
      ENTITY_WEIGHT 0.1                                0.920 / 0.913 [0.913]
      OPEN_THRESHOLD 0.425 with SMALL_STORY 10 / 12; with SPLIT_MARGIN 0.03; with ENTITY_WEIGHT 0.1
                                                       0.914 / 0.917 [0.913]; 0.914 / 0.918 [0.916];
                                                       0.922 / 0.918 [0.913]; 0.926 / 0.911 [0.914]
      OPEN_THRESHOLD 0.425, SMALL_STORY 12, SPLIT_MARGIN 0.03 (the best tuning figures of all tried)
                                                                         0.922 / 0.921  [0.915]  P 0.914  R 0.928
      OPEN_THRESHOLD 0.4, SMALL_STORY 12; 0.45, 12, 0.03                 0.915 / 0.919 [0.919]; 0.916 / 0.911 [0.910]
    OPEN_THRESHOLD 0.425 pairs two same-kind events of the generated stream (1k articles, replayed through the
    clusterer alone: precision 0.9892 → 0.9874, F1 0.9927 → 0.9923, with or without the other two), and the best
    tuning figure, picked from some 30 settings on this set, gains 0.006 held out: the defaults stay. (SMALL_STORY 12
    with SPLIT_MARGIN 0.03 alone lifts that 1k stream to 0.9966 but not ECB+.)

The generated stream of `benchmarks/scale.py` keeps B-cubed 0.993 (1k) and 0.998 (10k) in the store; the clusterer's
own stories at the end of the 10k stream (2 articles moved by splits) score 0.9985, before 0.9980. Its cost there:
at most 771 member vectors held at once (4 MB), a state of 7-8 MB instead of 3 MB, clustering time the same within
the busy machine's noise.

Splits alone trade recall for precision (a loosely told event parts as readily as two events merged); the entity
term in merges alone trades precision for recall (lone articles a little short of their story on meaning join it);
together they gain 0.008 shuffled and held out. The choice of the parting matters most: the parting that falls
furthest short of the need, searched over every parting, splits one event's stories far more often than two
events' (in 10 orders without splits: 1,561 split tests of one-event stories, 240 of mixed ones; 244 vs 48 clean
splits at margin 0); the 2-means parting is chosen without looking at the test. The goal (0.92) is still not met:
0.912 / 0.912, 0.909 held out. What is left is mostly three topics whose two events merge in every order (a rule and
its reversal, two clubs' offers to one player, two earthquakes on one island): offline, spherical 2-means on all the
articles of a topic recovers its two events in 16 of the 18 two-event topics (agreement ≥ 0.96), but not the offers
(0.67) or the earthquakes (0.56); and in subsets of 4-8 articles, the 2-means parting of a mix of the rule and its
reversal or of the two offers has a link / cohesion ratio (median 0.66-0.69) like a parting of one event (0.72-0.75):
no split test on these vectors can tell them apart.

Small stories shown in a larger one (same set: file / mean of seeds 1-10, the tuning figures; in brackets seeds
11-40, held out; P / R the tuning means; last columns the B-cubed F1 of the generated 1k / 10k streams of
`benchmarks/scale.py` replayed through the clusterer alone):

    before (splits, the defaults above)                    0.912 / 0.912  [0.909]  P 0.904  R 0.920   0.9931  0.9984
    stories of 1 article, SHOW_SHARE 0.5                   0.920 / 0.920  [0.917]  P 0.899  R 0.943   0.9931  0.9974
      SHOW_SHARE 0.4 / 0.6 / 0.7     0.920 / 0.920 [0.917]; 0.918 / 0.919 [0.916]; 0.918 / 0.918 [0.915]
                                     (1k stream 0.9922 / 0.9931 / 0.9931; 10k stream 0.9979 at 0.6, 0.9983 at 0.7)
      looks at 50-800 / 25, 100, 400 arrivals  0.918 / 0.920 [0.916]; 0.920 / 0.919 [0.916]
    stories of up to 2 articles, SHOW_SHARE 0.5 / 0.7       0.921 / 0.923 [0.920]; 0.920 / 0.921 [0.919]
                                                                          (1k 0.9946 both; 10k 0.9970 / 0.9984)
    stories of up to 3 articles, SHOW_SHARE 0.5 / 0.6       0.924 / 0.925 [0.922]; 0.922 / 0.924 [0.921]
                                                                          (1k 0.9946 both; 10k 0.9957 / 0.9968)
    stories of up to 3 articles, SHOW_SHARE 0.7: the defaults
                                                           0.922 / 0.924  [0.921]  P 0.900  R 0.950   0.9946  0.9981
    not kept (stories of 1 article, SHOW_SHARE 0.5):
      no name or date condition                            0.924 / 0.924  [0.919]  P 0.897  R 0.952   0.9501
      a fifth of its seen names shared, no date condition  0.918 / 0.918  [0.914]                     0.9897
      merged into the story instead of shown (looks at 25-200, no name or date condition)
                                                           0.927 / 0.918  [0.911]  P 0.893  R 0.946
      taken back when its own story retires (instead of staying shown): the same here              0.9931  0.9982
      the best story ahead of the next by 0.03 / 0.06 / 0.1   0.919 / 0.920 [0.916]; 0.919 / 0.919 [0.916];
                                                          0.919 / 0.918 [0.915] (10k stream 0.9978 / 0.9979 / 0.9982)
    offline bounds: at the end of the stream, every story of 1 article to its best larger story (0.5 × need), before;
    the stories of 2-3 too, after the stories of 1 shown    0.925 / 0.925 [0.922]; 0.927 / 0.926 [0.924]

ECB+ events are reported 3-22 times, so its lone stories are nearly all reports of an event whose story formed
before or after them (in 10 orders, 90 of 129 lone stories scored best with their own event's story); in the
generated stream 187 of 329 events have one report, and the lone reports of a club's match scored best with another
match of that club 12-19 days away (shared club names): hence the name and date conditions. A merge instead of a
look takes away the seed of the lone article's own event when its story had yet to form (held-out precision 0.880).
The stories of 2-3 articles shown too bring back the pairs and threes some events' reports part into (a supermarket
fire, riots after a police shooting: their lost recall 0.007 → 0.004 and 0.005 → 0.000) and lift both generated
streams; the need of 0.7 × the merge rule's keeps the 10k stream from showing its one-report events in other events'
stories (at 0.5: 14 of the 16 lone articles still shown at the end of the replay of stories of 1 article were shown
in another event's). In the store (copies follow their originals) the 1k stream gives 0.9945 (0.9932 before) and the
10k stream 0.9977 (0.9986 before). The goal (0.92) is met on the tuning orders and held out (0.921; the held-out
orders were scored for each of these variants, but 60 fresh orders, seeds 41-100, scored only after the choice, give
0.921 too: 0.912 before, 0.918 with stories of 1 article at 0.5): what is left is precision, four topics whose two
events merge in (nearly) every order — the rule and its reversal, the two offers, the two earthquakes, and a coach's
firing and his hiring years before.
"""

from __future__ import annotations

import base64
import math
from collections import Counter
from datetime import date
from typing import Any, NamedTuple

import numpy as np

STATE_VERSION = 2

# Mean cosine an article needs with a story of one article to join it (and two one-article stories to merge).
OPEN_THRESHOLD = 0.45
# With a story of two or more articles, the mean cosine needed is this share of the story's cohesion (the mean
# cosine between its own articles), at least MIN_LINK: a tight story asks for more than a loose one.
COHESION_SHARE = 0.7
MIN_LINK = 0.2
# Pairs of articles at OPEN_THRESHOLD / COHESION_SHARE (what makes a story of one article ask OPEN_THRESHOLD) mixed
# into a story's cohesion: one pair of a story of two would otherwise set its need alone.
PRIOR_PAIRS = 1.0
# Weight of the entity overlap (0…1) added to the mean cosine.
ENTITY_WEIGHT = 0.05
# Articles published this many days from a story's span cost nothing; further away the score drops by
# TIME_WEIGHT per doubling of the gap (in FREE_DAYS).
FREE_DAYS = 7
TIME_WEIGHT = 0.1
# ... or this many days when the names agree: at least LINK_SHARE of the article's (idf-weighted) names are the
# story's (a follow-up: charges a month after a killing, a reversal weeks after an announcement).
LINKED_FREE_DAYS = 60
LINK_SHARE = 0.3
# An article (or story) that names things, but shares less than NAME_FLOOR of its idf-weighted names with a story,
# loses NAME_PENALTY × the shortfall: two fires, strikes or elections told in the same words happen somewhere else
# to someone else. Sharing more earns nothing here (the entity weight does that): the two events of one topic
# share their main names.
NAME_FLOOR = 0.3
NAME_PENALTY = 0.2
# A story with no article for this many days before the newest date seen, and none among the last RETIRE_ARTICLES
# articles added, takes no new articles. The second condition keeps streams that arrive out of date order (a
# backfill, a shuffled archive) from retiring a story its next article is about to join.
RETIRE_DAYS = 30
RETIRE_ARTICLES = 1000
# Retirement is checked when the newest date moves and every this many articles (undated streams age too).
RETIRE_CHECK_EVERY = 100
# A story of at most SMALL_STORY articles keeps them (vector, names, date) so that it can split again. After each
# join or merge that leaves it with at least 2 × MIN_PART, its articles are parted in the two groups of at least
# MIN_PART that are each tightest (the best split of spherical 2-means, all partings tried); when the link
# between the two (average link + the name terms of a merge) falls more than SPLIT_MARGIN short of what the merge
# rule needs, the story splits. An early, wrong pairing of two events' first reports is undone once later reports
# show two groups. A larger story keeps only its sums: the state stays bounded by the active stories.
SMALL_STORY = 8
MIN_PART = 2
SPLIT_MARGIN = 0.05
# A story of at most SHOWN_MAX articles is looked at again when SHOW_CHECKS articles have arrived since its last
# one: it is shown in (moved to) the larger story with the best average link to it (+ name terms), if that story
# shares a name with it, lies within FREE_DAYS of its span (the linked free days not granted) and the link reaches
# SHOW_SHARE of the merge rule's need. It stays a story of its own for the clusterer, so that a later report of its
# own event still finds it (and takes it back). Most small stories of a stream that reports each event many times
# are reports that came before or after their story's core. SHOWN_MAX stays under 2 × MIN_PART: a story that may
# split is never shown elsewhere.
SHOWN_MAX = 3
SHOW_CHECKS = (25, 50, 100, 200, 400, 800)
SHOW_SHARE = 0.7
# Entities in more than this share of the articles seen (after MIN_DF_ARTICLES) are too common to look up.
COMMON_ENTITY_SHARE = 0.05
MIN_DF_ARTICLES = 200
# A story naming more distinct entities than this forgets those only one of its articles named (they add noise
# to the overlap and bulk to the state).
MAX_STORY_ENTITIES = 400

_PARAMS = ("open_threshold", "cohesion_share", "min_link", "entity_weight", "free_days", "time_weight",
           "retire_days", "retire_articles", "linked_free_days", "link_share", "name_floor", "name_penalty")


def _encode(vector: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(vector, dtype=np.float32).tobytes()).decode("ascii")


def _decode(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=np.float32).copy()


class _Member(NamedTuple):
    """An article of a small story, kept so that the story can split."""
    article: str
    vector: np.ndarray
    entities: frozenset[str]
    day: int


def _cohesion(squares: np.ndarray, n: np.ndarray, prior: float) -> np.ndarray:
    """Mean cosine between the articles of groups of `n` unit vectors whose sum has squared norm `squares`
    ((|sum|² − n) / 2 over n(n − 1) / 2 pairs), PRIOR_PAIRS pairs at `prior` mixed in; NaN for a group of one."""
    pairs = n * (n - 1) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = ((squares - n) / 2 + PRIOR_PAIRS * prior) / (pairs + PRIOR_PAIRS)
    return np.where(pairs > 0, mean, np.nan)


class StoryClusterer:
    """Stories of a stream of articles, built one article at a time, resumable from `state()`.

    Args:
        state (dict, optional): what `state()` returned earlier (this version's, or version 1's: its stories are
            kept, its parameters, which meant other rules, are not); None starts empty.
        open_threshold, cohesion_share, min_link, entity_weight, free_days, time_weight, retire_days,
            retire_articles, linked_free_days, link_share, name_floor, name_penalty: override the module defaults
            (and the values a state was saved with; a state saved before a parameter existed takes its default).
    """

    def __init__(self, state: dict | None = None, *, open_threshold: float | None = None,
                 cohesion_share: float | None = None, min_link: float | None = None,
                 entity_weight: float | None = None, free_days: float | None = None,
                 time_weight: float | None = None, retire_days: float | None = None,
                 retire_articles: int | None = None, linked_free_days: float | None = None,
                 link_share: float | None = None, name_floor: float | None = None,
                 name_penalty: float | None = None) -> None:
        self.open_threshold = OPEN_THRESHOLD
        self.cohesion_share = COHESION_SHARE
        self.min_link = MIN_LINK
        self.entity_weight = ENTITY_WEIGHT
        self.free_days = FREE_DAYS
        self.time_weight = TIME_WEIGHT
        self.retire_days = RETIRE_DAYS
        self.retire_articles = RETIRE_ARTICLES
        self.linked_free_days = LINKED_FREE_DAYS
        self.link_share = LINK_SHARE
        self.name_floor = NAME_FLOOR
        self.name_penalty = NAME_PENALTY
        self._dim = 0
        self._rows = 0                                   # rows in use (live or dead) of the arrays below
        self._sums = np.zeros((0, 0), dtype=np.float32)  # vector sum per story
        self._squares = np.zeros(0, dtype=np.float64)    # squared norm of each sum: gives the story's cohesion
        self._count = np.zeros(0, dtype=np.int64)
        self._first = np.zeros(0, dtype=np.int64)        # date ordinals; 0: no dated article yet
        self._last = np.zeros(0, dtype=np.int64)
        self._touched = np.zeros(0, dtype=np.int64)      # articles added when the story last took one
        self._ids: list[str | None] = []                 # story id per row; None once merged away or retired
        self._row: dict[str, int] = {}                   # active story id → row
        self._entities: list[Counter] = []               # entity key → articles of the story naming it, per row
        self._members: list[list[_Member] | None] = []   # a small story's articles, per row; None: too large
        self._postings: dict[str, dict[int, int]] = {}   # entity key → {row: count}
        self._df: Counter = Counter()                    # entity key → articles naming it
        self._articles = 0
        self._newest = 0                                  # newest publication date seen (ordinal)
        self._retired: set[str] = set()
        self._all_merged: dict[str, str] = {}
        self._merged: dict[str, str] = {}                # since construction
        self._article_story: dict[str, str] = {}          # this session's articles → story they joined
        self._moved: dict[str, str] = {}                  # articles moved by splits since construction → story
        self._attached: dict[str, str] = {}               # small story → the story it is shown in
        if state:
            self._load(state)
        overrides = dict(open_threshold=open_threshold, cohesion_share=cohesion_share, min_link=min_link,
                         entity_weight=entity_weight, free_days=free_days, time_weight=time_weight,
                         retire_days=retire_days, retire_articles=retire_articles,
                         linked_free_days=linked_free_days, link_share=link_share, name_floor=name_floor,
                         name_penalty=name_penalty)
        for name, value in overrides.items():
            if value is not None:
                setattr(self, name, value)

    # ── public ───────────────────────────────────────────────────────────────────────────────────

    def __len__(self) -> int:
        """Active stories (not merged away, not retired)."""
        return len(self._row)

    def add(self, article_id: str, vector: Any, entities: frozenset[str], published: date | None) -> str:
        """Place one article: join the best-fitting story that accepts it or open a new one; then merge the story
        with any story it now fits (a bridge), and look again at the small stories that have waited.

        Args:
            article_id (str): the article's id; the id of a story it opens.
            vector (array-like): its unit article vector (all articles of one clusterer share the dimension).
            entities (frozenset[str]): entity name keys of the article.
            published (date | None): publication date, when known.

        Returns:
            str: the id of the story the article is in now.
        """
        if article_id in self._article_story:
            return self.story_of(article_id)
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(vector))
        if norm > 0:
            vector = vector / norm
        if self._dim == 0:
            self._dim = vector.shape[0]
            self._grow(16)
        elif vector.shape[0] != self._dim:
            raise ValueError(f"article vector has {vector.shape[0]} dimensions, the stories {self._dim}")
        day = published.toordinal() if published else 0
        self._articles += 1
        if day > self._newest or self._articles % RETIRE_CHECK_EVERY == 0:
            self._newest = max(self._newest, day)
            self._retire()
        entities = frozenset(entities)
        for key in entities:
            self._df[key] += 1

        scores = self._scores(vector, entities, day)
        accepted = np.flatnonzero(scores >= self._needs(self._cohesions()))
        member = _Member(article_id, vector, entities, day)
        if len(accepted):
            row = int(accepted[np.argmax(scores[accepted])])
            self._join(row, member)
            self._article_story[article_id] = self._story(row)
            self._split(self._absorb(row))
        else:  # no story accepted the article: none accepts the story of it alone either
            row = self._open(article_id)
            self._join(row, member)
            self._article_story[article_id] = self._story(row)
        self._show_small()
        return self.story_of(article_id)

    def story_of(self, article_id: str) -> str | None:
        """The story an article added in this session is in now (after merges and splits; a small story shown in a
        larger story answers that one); None for others."""
        story = self._article_story.get(article_id)
        if story is None:
            return None
        story = self.resolve(story)
        return self.resolve(self._attached[story]) if story in self._attached else story

    def moved(self) -> dict[str, str]:
        """Articles a split moved to another story, or whose small story was shown in (or taken back from) a larger
        story, since construction → the story that holds them now (a caller that recorded their story when they were
        added re-labels them)."""
        return {article: self.resolve(story) for article, story in self._moved.items()}

    def merged(self) -> dict[str, str]:
        """Story ids merged away since construction → the id of the story that holds their articles now."""
        return {old: self.resolve(new) for old, new in self._merged.items()}

    def resolve(self, story_id: str) -> str:
        """The surviving id of a story (itself unless it was merged away)."""
        seen = set()
        while story_id in self._all_merged and story_id not in seen:
            seen.add(story_id)
            story_id = self._all_merged[story_id]
        return story_id

    def state(self) -> dict:
        """Everything needed to resume: parameters, active stories, entity statistics (JSON-serialisable)."""
        stories = []
        for story, row in self._row.items():
            stories.append({"id": story, "sum": _encode(self._sums[row]), "count": int(self._count[row]),
                            "first": int(self._first[row]), "last": int(self._last[row]),
                            "touched": int(self._touched[row]),
                            "entities": dict(self._entities[row])})
            members = self._members[row]
            if members is not None:
                stories[-1]["members"] = [[m.article, _encode(m.vector), sorted(m.entities), m.day] for m in members]
        return {
            "version": STATE_VERSION,
            "params": {name: getattr(self, name) for name in _PARAMS},
            "dim": self._dim, "articles": self._articles, "newest": self._newest,
            "df": dict(self._df), "stories": stories, "retired": sorted(self._retired),
            "merged": dict(self._all_merged), "attached": dict(self._attached),
        }

    # ── scoring ──────────────────────────────────────────────────────────────────────────────────

    def _scores(self, vector: np.ndarray, entities: frozenset[str], day: int) -> np.ndarray:
        """Score of the article with every row: mean cosine to the story's articles (+ entity overlap − missing
        names − time penalty); −inf for dead rows."""
        n = self._rows
        if n == 0:
            return np.zeros(0, dtype=np.float32)
        scores = (self._sums[:n] @ vector) / np.maximum(self._count[:n], 1)
        overlap = self._entity_overlap(entities, n) if entities else None
        if overlap is not None and self.entity_weight:
            scores += self.entity_weight * overlap
        if entities and self.name_penalty:
            # names, none of them seen before: nothing shared with any story (a new event's first report)
            shared = overlap if overlap is not None else np.zeros(n, dtype=np.float32)
            scores -= self._name_shortfall(shared)
        if day:
            scores -= self._time_penalty(day, day, self._free_days(overlap))
        scores[self._count[:n] == 0] = -np.inf
        return scores

    def _name_shortfall(self, shared: np.ndarray | float) -> np.ndarray:
        """The penalty for sharing only `shared` (0…1) of one's idf-weighted names."""
        return self.name_penalty * np.maximum(self.name_floor - np.asarray(shared, dtype=np.float32), 0.0)

    def _free_days(self, shared: np.ndarray | None) -> np.ndarray | float:
        """Days without time penalty, per row: `linked_free_days` where the names agree (`shared` ≥ link share)."""
        if shared is None or self.linked_free_days <= self.free_days:
            return self.free_days
        return np.where(shared >= self.link_share, self.linked_free_days, self.free_days)

    def _cohesions(self) -> np.ndarray:
        """Per row: the story's cohesion, the mean cosine between its own articles ((|sum|² − n) / 2 over n(n − 1) / 2
        pairs of unit vectors) with PRIOR_PAIRS pairs at OPEN_THRESHOLD / COHESION_SHARE mixed in, as the mean of
        two or three articles is noisy; NaN for a story of one article."""
        return _cohesion(self._squares[:self._rows], self._count[:self._rows].astype(np.float64), self._prior())

    def _prior(self) -> float:
        """The cohesion that makes a story ask OPEN_THRESHOLD: the prior pairs' cosine."""
        return self.open_threshold / self.cohesion_share

    def _needs(self, cohesion: np.ndarray | float) -> np.ndarray:
        """Mean cosine needed to join (or merge with) a story of this cohesion; OPEN_THRESHOLD where it has none."""
        cohesion = np.asarray(cohesion, dtype=np.float64)
        return np.where(np.isnan(cohesion), self.open_threshold,
                        np.maximum(self.min_link, self.cohesion_share * np.nan_to_num(cohesion)))

    def _time_penalty(self, first: int, last: int, free: np.ndarray | float | None = None,
                      rows: np.ndarray | None = None) -> np.ndarray:
        """Per row (every row, or those of `rows`): the penalty for the days between the span [first, last] and the
        story's span (0: undated), beyond `free` days (per row or for all; default `free_days`)."""
        chosen = slice(0, self._rows) if rows is None else rows
        starts, ends = self._first[chosen], self._last[chosen]
        gap = np.maximum(np.maximum(starts - last, first - ends), 0).astype(np.float32)
        gap[starts == 0] = 0.0
        free = self.free_days if free is None else free
        excess = np.maximum(gap - free, 0.0) / max(self.free_days, 1e-9)
        return self.time_weight * np.log2(1.0 + excess)

    def _absorb(self, row: int) -> int:
        """Merge into the story at `row` every story it now fits, best first (average link between the two stories,
        with the same entity, name and time terms as an article's score, against the need of the tighter one);
        returns the surviving row."""
        linking = self.linked_free_days > self.free_days
        while True:
            n = self._rows
            links = (self._sums[:n] @ self._sums[row]) / (np.maximum(self._count[:n], 1) * self._count[row])
            links[self._count[:n] == 0] = -np.inf
            links[row] = -np.inf
            cohesion = self._cohesions()
            needs = self._needs(np.fmax(cohesion, cohesion[row]))  # NaN only where both stories hold one article
            first, last = int(self._first[row]), int(self._last[row])
            # the lenient terms first (all names shared: the full entity term, the longer free time, no name
            # penalty), then the true ones for the few stories that pass: the shared names cost a walk over the
            # story's names per candidate
            lenient = links + self.entity_weight
            if first:
                lenient -= self._time_penalty(first, last, max(self.free_days, self.linked_free_days))
            accepted = np.flatnonzero(lenient >= needs)
            if len(accepted):
                mine = self._entities[row]
                shared = np.full(len(accepted), np.nan, dtype=np.float32)
                if self.entity_weight or self.name_penalty or (first and linking):
                    shared[:] = [self._name_share(mine, self._entities[other], int(self._count[other]))
                                 for other in accepted]
                known = ~np.isnan(shared)  # NaN: the story names nothing seen twice
                if mine:
                    links[accepted] += self._name_terms(np.where(known, shared, 0.0))
                if first:
                    free = np.where(known & (shared >= self.link_share), max(self.free_days, self.linked_free_days),
                                    self.free_days)
                    links[accepted] -= self._time_penalty(first, last, free, rows=accepted)
                accepted = accepted[links[accepted] >= needs[accepted]]
            if not len(accepted):
                return row
            row = self._merge(row, int(accepted[np.argmax(links[accepted])]))

    def _split(self, row: int) -> None:
        """Split the small story at `row` in two when its articles form two groups the merge rule would keep apart
        (the larger group keeps the story; the other opens one, and each may then absorb other stories)."""
        members = self._members[row]
        if members is None or len(members) < 2 * MIN_PART:
            return
        leaving = self._parting(members)
        if leaving is None:
            return
        stay = [m for m, out in zip(members, leaving) if not out]
        gone = [m for m, out in zip(members, leaving) if out]
        self._clear(row)
        for member in stay:
            self._join(row, member)
        other = self._open(gone[0].article)
        story = self._story(other)
        for member in gone:
            self._join(other, member)
            self._moved[member.article] = story
            if member.article in self._article_story:
                self._article_story[member.article] = story
        self._absorb(other)
        if self._count[row]:  # not absorbed by then
            self._absorb(row)

    def _parting(self, members: list[_Member]) -> np.ndarray | None:
        """The smaller of the two tightest groups these articles part into (a mask; spherical 2-means, every
        parting with at least MIN_PART a side tried), if the merge rule would keep the two apart by more than
        SPLIT_MARGIN; else None."""
        k = len(members)
        vectors = np.stack([m.vector for m in members]).astype(np.float64)
        gram = vectors @ vectors.T
        codes = np.arange(1, 2 ** (k - 1))
        leaving = np.zeros((len(codes), k))  # the first article stays: each parting once
        leaving[:, 1:] = (codes[:, None] >> np.arange(k - 1)) & 1
        staying = 1.0 - leaving
        squares = np.stack([np.einsum("pi,ij,pj->p", side, gram, side) for side in (staying, leaving)])
        sizes = np.stack([staying.sum(axis=1), leaving.sum(axis=1)])
        objective = np.sqrt(squares).sum(axis=0)  # Σ over the sides of |vector sum|: Σ cosines to own centroid
        objective[(sizes < MIN_PART).any(axis=0)] = -np.inf
        best = int(np.argmax(objective))
        out = leaving[best].astype(bool)
        if 2 * out.sum() > k:
            out = ~out
        small, large = [m for m, o in zip(members, out) if o], [m for m, o in zip(members, out) if not o]
        link = float(staying[best] @ gram @ leaving[best]) / (sizes[0, best] * sizes[1, best])
        names = Counter(key for m in small for key in m.entities)
        if names:  # the smaller group's names in the larger's, as an article's in a story
            shared = self._name_share(names, Counter(key for m in large for key in m.entities), len(large))
            link += float(self._name_terms(np.nan_to_num(shared)))
        cohesion = np.fmax(*_cohesion(squares[:, best], sizes[:, best], self._prior()))
        return out if link < float(self._needs(cohesion)) - SPLIT_MARGIN else None

    def _show_small(self) -> None:
        """Look again at the stories of at most SHOWN_MAX articles that have waited one of SHOW_CHECKS arrivals
        since their last article: show each in the story `_host` finds for it, or in none."""
        small = np.flatnonzero((self._count[:self._rows] >= 1) & (self._count[:self._rows] <= SHOWN_MAX))
        waited = self._articles - self._touched[small]
        for row in small[(waited[:, None] == np.asarray(SHOW_CHECKS)).any(axis=1)]:
            row = int(row)
            if self._members[row]:  # else a state saved before stories kept their articles: its articles unknown
                story, host = self._story(row), self._host(row)
                if host != self._attached.get(story):
                    self._detach(row)
                    if host is not None:
                        self._attached[story] = host
                        for member in self._members[row]:
                            self._moved[member.article] = host

    def _host(self, row: int) -> str | None:
        """The larger story the small story at `row` is shown in: of those within `free_days` of its span, the one
        with the best average link (+ the name terms of its names, as an article's), if it shares a name with it and
        the link reaches SHOW_SHARE of the merge rule's need; else None."""
        n, size = self._rows, int(self._count[row])
        overlap = self._entity_overlap(frozenset(self._entities[row]), n) if self._entities[row] else None
        if overlap is None:
            return None
        first, last = int(self._first[row]), int(self._last[row])
        candidates = self._count[:n] > size
        if first:
            candidates &= self._time_penalty(first, last) == 0
        if not candidates.any():
            return None
        links = (self._sums[:n] @ self._sums[row]) / (np.maximum(self._count[:n], 1) * size)
        scores = np.where(candidates, links + self._name_terms(overlap), -np.inf)
        best = int(np.argmax(scores))
        if overlap[best] <= 0:
            return None
        pair = [best, row]
        cohesion = np.fmax(*_cohesion(self._squares[pair], self._count[pair].astype(np.float64), self._prior()))
        return self._story(best) if scores[best] >= SHOW_SHARE * float(self._needs(cohesion)) else None

    def _detach(self, row: int) -> None:
        """Take the articles of the small story at `row` back from the story they are shown in, if they are."""
        story = self._ids[row]
        if story is not None and self._attached.pop(story, None) is not None:
            for member in self._members[row]:
                self._moved[member.article] = story

    def _name_terms(self, shared: np.ndarray | float) -> np.ndarray:
        """What sharing `shared` (0…1) of one's idf-weighted names adds to a score: the entity term, less the
        missing-names penalty."""
        return self.entity_weight * np.asarray(shared, dtype=np.float32) - self._name_shortfall(shared)

    def _name_share(self, mine: Counter, theirs: Counter, count: int) -> float:
        """The idf-weighted share of the names `mine` counts (each weighted by the share of its articles naming
        it) that a story or group of `count` articles whose names `theirs` counts carries likewise (0…1), as
        `_entity_overlap` scores an article's names; NaN when `mine` names nothing seen twice."""
        common = max(MIN_DF_ARTICLES, COMMON_ENTITY_SHARE * self._articles)
        total = shared = 0.0
        for key, times in mine.items():
            df = self._df.get(key, 0)
            if df <= 1:
                continue
            weight = self._idf(key) * times
            total += weight
            if df <= common and key in theirs:
                shared += weight * theirs[key]
        if total <= 0:
            return float("nan")
        return shared / (total * float(count))

    def _idf(self, key: str) -> float:
        return math.log((1 + self._articles) / self._df.get(key, 1))

    def _entity_overlap(self, entities: frozenset[str], n: int) -> np.ndarray | None:
        """Per row: the idf-weighted share of the article's names that are typical of the story (0…1); None when
        no name of the article was seen before (nothing to share, nothing to tell)."""
        overlap = np.zeros(n, dtype=np.float32)
        # Names no earlier article carried cannot be shared with any story: they do not dilute the overlap.
        weights = {key: self._idf(key) for key in entities if self._df.get(key, 0) > 1}
        total = sum(weights.values())
        if total <= 0:
            return None
        common = max(MIN_DF_ARTICLES, COMMON_ENTITY_SHARE * self._articles)
        for key, weight in weights.items():
            postings = self._postings.get(key)
            if not postings or weight <= 0 or self._df[key] > common:
                continue
            rows = np.fromiter(postings.keys(), dtype=np.int64, count=len(postings))
            counts = np.fromiter(postings.values(), dtype=np.float32, count=len(postings))
            overlap[rows] += weight * counts / self._count[rows]
        return overlap / total

    # ── bookkeeping ──────────────────────────────────────────────────────────────────────────────

    def _grow(self, need: int) -> None:
        capacity = self._sums.shape[0]
        if need <= capacity and self._sums.shape[1] == self._dim:
            return
        size = max(need, 2 * capacity, 16)
        old = self._sums
        self._sums = np.zeros((size, self._dim), dtype=np.float32)
        self._sums[:old.shape[0]] = old[:, :self._dim] if old.size else 0
        for name, dtype in (("_squares", np.float64), ("_count", np.int64), ("_first", np.int64),
                            ("_last", np.int64), ("_touched", np.int64)):
            old = getattr(self, name)
            new = np.zeros(size, dtype=dtype)
            new[:old.shape[0]] = old
            setattr(self, name, new)

    def _open(self, story: str) -> int:
        """A new, empty story named `story` (made unique); its row."""
        if story in self._row or story in self._all_merged or story in self._retired:
            story = f"{story}-{self._articles}"  # an id reused (the same article added in another session, a split)
        self._grow(self._rows + 1)
        row = self._rows
        self._rows += 1
        self._ids.append(story)
        self._entities.append(Counter())
        self._members.append([])
        self._row[story] = row
        return row

    def _story(self, row: int) -> str:
        story = self._ids[row]
        assert story is not None
        return story

    def _join(self, row: int, member: _Member) -> None:
        vector, entities, day = member.vector, member.entities, member.day
        self._detach(row)
        self._sums[row] += vector
        self._count[row] += 1
        members = self._members[row]
        if members is not None:
            self._members[row] = members + [member] if self._count[row] <= SMALL_STORY else None
        self._touched[row] = self._articles
        self._refresh(row)
        if day:
            self._first[row] = day if self._first[row] == 0 else min(self._first[row], day)
            self._last[row] = max(self._last[row], day)
        counter = self._entities[row]
        for key in entities:
            counter[key] += 1
            self._postings.setdefault(key, {})[row] = counter[key]
        if len(counter) > MAX_STORY_ENTITIES:
            for key in [k for k, count in counter.items() if count == 1]:
                del counter[key]
                self._unpost(key, row)

    def _unpost(self, key: str, row: int) -> None:
        postings = self._postings.get(key)
        if postings is not None:
            postings.pop(row, None)
            if not postings:
                del self._postings[key]

    def _refresh(self, row: int) -> None:
        self._squares[row] = float(self._sums[row].astype(np.float64) @ self._sums[row])

    def _merge(self, keep: int, gone: int) -> int:
        """Merge row `gone` into row `keep` (the larger story survives); returns the surviving row."""
        if self._count[gone] > self._count[keep]:
            keep, gone = gone, keep
        self._detach(keep)
        self._detach(gone)
        self._sums[keep] += self._sums[gone]
        self._count[keep] += self._count[gone]
        mine, theirs = self._members[keep], self._members[gone]
        self._members[keep] = mine + theirs if mine is not None and theirs is not None \
            and self._count[keep] <= SMALL_STORY else None
        self._refresh(keep)
        firsts = [d for d in (self._first[keep], self._first[gone]) if d]
        self._first[keep] = min(firsts) if firsts else 0
        self._last[keep] = max(self._last[keep], self._last[gone])
        self._touched[keep] = max(self._touched[keep], self._touched[gone])
        for key, count in self._entities[gone].items():
            self._entities[keep][key] += count
            postings = self._postings[key]
            postings.pop(gone, None)
            postings[keep] = self._entities[keep][key]
        old, new = self._story(gone), self._story(keep)
        self._all_merged[old] = new
        self._merged[old] = new
        self._kill(gone)
        return keep

    def _kill(self, row: int) -> None:
        story = self._ids[row]
        if story is not None:
            self._row.pop(story, None)
        self._ids[row] = None
        self._clear(row)
        self._members[row] = None

    def _clear(self, row: int) -> None:
        """Empty the story at `row` (its id and row stay)."""
        for key in self._entities[row]:
            self._unpost(key, row)
        self._entities[row] = Counter()
        self._members[row] = []
        self._sums[row] = 0.0
        self._squares[row] = 0.0
        self._count[row] = 0
        self._first[row] = self._last[row] = 0

    def _retire(self) -> None:
        """Retire stories silent for `retire_days` before the newest date and for the last `retire_articles`
        articles; compact the arrays when many are dead."""
        if not self._rows or not self.retire_days:
            return
        n = self._rows
        last = self._last[:n]
        stale = np.flatnonzero((last > 0) & (last < self._newest - self.retire_days) & (self._count[:n] > 0)
                               & (self._touched[:n] <= self._articles - self.retire_articles))
        for row in stale:
            story = self._ids[int(row)]
            if story is not None:
                self._retired.add(story)
                host = self._attached.pop(story, None)
                if host is not None:  # its articles stay where they are shown, for good
                    self._all_merged[story] = self._merged[story] = host
            self._kill(int(row))
        dead = int((self._count[:n] == 0).sum())
        if dead > 1024 and dead > n // 2:
            self._compact()

    def _compact(self) -> None:
        """Drop dead rows, renumbering the live ones."""
        n = self._rows
        live = np.flatnonzero(self._count[:n] > 0)
        self._sums = np.ascontiguousarray(self._sums[live])
        self._squares = self._squares[live]
        self._count, self._first, self._last = self._count[live], self._first[live], self._last[live]
        self._touched = self._touched[live]
        self._ids = [self._ids[int(r)] for r in live]
        self._entities = [self._entities[int(r)] for r in live]
        self._members = [self._members[int(r)] for r in live]
        self._rows = len(live)
        self._row = {story: row for row, story in enumerate(self._ids) if story is not None}
        self._postings = {}
        for row, counter in enumerate(self._entities):
            for key, count in counter.items():
                self._postings.setdefault(key, {})[row] = count

    def _load(self, state: dict) -> None:
        version = state.get("version")
        if version not in (1, STATE_VERSION):
            raise ValueError(f"story clusterer state version {version!r}, expected {STATE_VERSION} (or 1)")
        if version == STATE_VERSION:  # version 1's thresholds belong to its rules: its stories resume under these
            for name, value in state.get("params", {}).items():
                if name in _PARAMS:
                    setattr(self, name, value)
        self._dim = int(state.get("dim", 0))
        self._articles = int(state.get("articles", 0))
        self._newest = int(state.get("newest", 0))
        self._df = Counter(state.get("df", {}))
        self._retired = set(state.get("retired", []))
        self._all_merged = dict(state.get("merged", {}))
        self._attached = dict(state.get("attached", {}))
        stories = state.get("stories", [])
        if self._dim:
            self._grow(max(16, len(stories)))
        for row, story in enumerate(stories):
            self._ids.append(story["id"])
            self._row[story["id"]] = row
            self._sums[row] = _decode(story["sum"])
            self._count[row] = story["count"]
            self._first[row], self._last[row] = story["first"], story["last"]
            self._touched[row] = story.get("touched", self._articles)  # older states: count from the resume
            self._entities.append(Counter(story["entities"]))
            members = story.get("members")  # none: a large story, or a state saved before stories could split
            self._members.append(None if members is None else
                                 [_Member(article, _decode(vector), frozenset(entities), day)
                                  for article, vector, entities, day in members])
            for key, count in story["entities"].items():
                self._postings.setdefault(key, {})[row] = count
            self._refresh(row)
        self._rows = len(stories)


__all__ = ["StoryClusterer"]
