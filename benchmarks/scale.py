"""Corpus ingest at scale: articles/s, peak memory and database size for 1k, 10k and 100k synthetic articles,
local vs Dask.

    python benchmarks/scale.py [--sizes 1000,10000,100000] [--engines local,dask] [--workdir DIR]

The corpora are GENERATED here from templates (seeded, deterministic): invented events (strikes, fires, elections,
trials, storms, mergers, matches, ...) in invented places with invented people, numbers and dates, each reported
by 1-40 articles from invented outlets with reworded sentences, plus syndicated copies (one article in ten is a
lightly edited copy of an earlier one) and a little junk. Nothing is copied from any real text.

Each size is first written to JSON Lines files (1,000 records a file) in a temp folder — timed apart, not part of
the ingest figures. Then each (size, engine) runs in its own process: `newsweave.ingest.ingest(folder, store)` into
a fresh SQLite file (WAL) in the same temp folder, as `newsweave ingest FOLDER --db FILE` does, minus the progress
bar — read, skip check, per-article work (local: this process; dask: a LocalCluster of 2 single-threaded worker
processes), copy index, story clustering, store writes. No briefs. Peak RSS and CPU are summed over the process
and all its children (the Dask scheduler and workers included); the 1-minute load average is sampled throughout.
The B-cubed F1 of the stored stories against the generated events is printed as a check.
Goals on 2 cores: ≥ 50 articles/s, memory growing linearly, 100k ≤ 4 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import console, table  # noqa: E402

SEED = 20250314
PROGRESS_EVERY = 1000  # a progress line (JSON, on stderr) every this many documents, for long runs
FILE_RECORDS = 1000  # generated records per JSON Lines file

_SYLLABLES = ["ka", "lo", "mer", "vin", "ta", "dor", "bel", "sa", "ri", "on", "hal", "wen", "gar", "mi", "ost",
              "lun", "ve", "ra", "tor", "fen", "bri", "cal", "den", "is", "mar", "nel", "pol", "quin", "ser", "tal"]
_FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Lars",
          "Mila", "Nils", "Olga", "Pavel", "Rosa", "Stefan", "Tamar", "Ugo", "Vera", "Walter", "Yara", "Zeno"]
_OUTLETS = ["Courier", "Herald", "Observer", "Gazette", "Tribune", "Wire", "Post", "Chronicle", "Ledger", "Star"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]

# Event types: (title templates, sentence templates). Slots: {place} {region} {person} {person2} {org} {n} {m}
# {day} {weekday}; every article draws a title and 4-8 sentences of its event's type.
_EVENTS = {
    "strike": (["Workers at {org} walk out in {place}", "{org} strike halts work in {place}",
                "Union calls strike at {org} plant in {place}"],
               ["Workers at the {org} plant in {place} walked out on {weekday} after talks on pay broke down.",
                "The union said {n} members had joined the strike and demanded a raise of {m} percent.",
                "{person}, who leads the union branch in {place}, said the workers would not return until the "
                "company made a fair offer.",
                "{org} said it regretted the walkout and that its offer of a {m} percent rise remained on the table.",
                "Production at the site, which employs about {n} people, came to a standstill by the afternoon.",
                "Talks are due to resume next week under a mediator appointed by the {region} labour office.",
                "\"We have waited long enough,\" said {person2}, a machine operator at the plant for {m} years."]),
    "fire": (["Fire destroys warehouse in {place}", "Blaze in {place} forces {n} from their homes",
              "Firefighters battle huge fire at {place} depot"],
             ["A fire broke out at a warehouse in {place} late on {weekday}, sending smoke across the {region} valley.",
              "About {n} firefighters fought the blaze for {m} hours before bringing it under control.",
              "Fire chief {person} said nobody had been hurt but that the building was a total loss.",
              "Residents of {n} nearby homes were told to keep their windows shut overnight.",
              "The warehouse belonged to {org}, which said it would cooperate with investigators.",
              "Police said the cause of the fire was not yet known and that an inquiry had been opened.",
              "\"The flames were higher than the church tower,\" said {person2}, who lives across the street."]),
    "election": (["{person} wins mayoral race in {place}", "{place} elects {person} as mayor",
                  "Voters in {place} choose {person}"],
                 ["{person} won the mayoral election in {place} on {weekday} with {m} percent of the vote.",
                  "Turnout was {n} voters, officials of the {region} election board said.",
                  "{person} defeated {person2}, who had held the office for two terms.",
                  "In a speech to supporters, {person} promised to repair roads and build {m} new schools.",
                  "{person2} conceded defeat late in the evening and congratulated the winner.",
                  "The new mayor will take office at the start of {month}.",
                  "{org} had backed {person2} with donations of more than {n} crowns."]),
    "trial": (["{person} goes on trial in {place}", "Court in {place} hears case against {person}",
               "Trial of {person} opens in {place}"],
              ["The trial of {person}, a former manager at {org}, opened in {place} on {weekday}.",
               "Prosecutors say {person} took {n} crowns from the company over {m} years.",
               "{person} denies all charges, the defence lawyer {person2} told the court.",
               "The judge said the trial was expected to last {m} weeks and that {n} witnesses would be heard.",
               "{org} said it had tightened its controls since the case came to light.",
               "If convicted, {person} faces up to {m} years in prison under {region} law.",
               "A small crowd gathered outside the court building in {place} before the hearing."]),
    "storm": (["Storm cuts power to {n} homes in {region}", "Storm batters {place}",
               "High winds hit {place} and {region}"],
              ["A storm swept across {region} on {weekday}, cutting power to about {n} homes around {place}.",
               "Winds reached {m} kilometres per hour on the coast, the weather service said.",
               "Trees fell on roads and rail lines, and trains between {place} and the capital were cancelled.",
               "{org} said crews were working to restore power and expected most homes to be connected by night.",
               "Regional governor {person} urged people to stay indoors until the wind dropped.",
               "\"The roof of the barn simply flew away,\" said {person2}, a farmer near {place}.",
               "Forecasters expect calmer weather from {weekday}."]),
    "merger": (["{org} agrees to buy rival in {n} crown deal", "{org} to merge with {org2}",
                "{org} and {org2} announce merger"],
               ["{org} agreed on {weekday} to buy {org2} for {n} million crowns, the two companies said.",
                "The deal would create the largest company of its kind in {region}, with {m} thousand staff.",
                "{person}, chief executive of {org}, said the merger would save costs and open new markets.",
                "Shares of {org2} rose {m} percent on the news.",
                "Regulators in {place} must approve the deal, which is expected to close next year.",
                "{person2}, who founded {org2}, will join the board of the new company.",
                "Unions asked for guarantees that no jobs would be lost in {place}."]),
    "match": (["{team} beat {team2} {score}", "{team} win derby against {team2}", "{team2} lose to {team} at home"],
              ["{team} beat {team2} {score} in {place} on {weekday} in front of {n} fans.",
               "{person} scored twice for {team}, the second goal coming in the {m}th minute.",
               "{team2} coach {person2} said his side had played well but lacked luck in front of goal.",
               "The win lifts {team} to second place in the {region} league.",
               "The match was briefly stopped when fans threw flares onto the pitch.",
               "\"We deserved it,\" said {person} after the game.",
               "{team2} play their next match away on {weekday}."]),
    "bridge": (["Bridge in {place} closed after cracks found", "{place} bridge shut for repairs",
                "Cracks close {place} bridge"],
               ["The main bridge in {place} was closed to traffic on {weekday} after engineers found cracks in two "
                "piers.",
                "About {n} vehicles cross the bridge every day, the {region} roads agency said.",
                "Engineer {person} said the repairs could take {m} months.",
                "Buses will be diverted over the old ford road, adding about {m} minutes to journeys.",
                "{org} built the bridge {m} years ago and said it would inspect its other crossings.",
                "Shopkeepers in {place} said the closure would cost them customers.",
                "\"We have been warning about this for years,\" said councillor {person2}."]),
}
_FILLER = ["The {outlet} will update this story as more information becomes available.",
           "Additional reporting by {reporter}.",
           "It was not immediately clear what would happen next.",
           "Officials did not respond to requests for comment on {weekday}."]
# Sentences any event can carry, filled with the event's own people, places and numbers.
_BACKGROUND = ["{place} has a population of about {pop} and lies {km} kilometres from the capital.",
               "{person3}, a spokesperson for {org}, declined to comment.",
               "Local radio station {radio} first reported the news.",
               "{person4}, who has lived in {place} for {m} years, said people were worried.",
               "The {region} assembly is expected to discuss the matter on {weekday}.",
               "{person3} said more details would be given at a news conference in {place}."]
# Wording that outlets vary: each article swaps each phrase for an alternative half of the time.
_SYNONYMS = {"said": ["told reporters", "stated", "announced", "added"], "about": ["around", "nearly", "some"],
             "workers": ["staff", "employees"], "officials": ["authorities"], "people": ["residents", "locals"],
             "expected": ["likely"], "next week": ["in the coming days"], "company": ["firm", "group"],
             "on the news": ["after the announcement"], "building": ["site", "premises"]}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_JUNK = ["Please enable JavaScript to view this page. Your browser is not supported.",
         "We use cookies to improve your experience. Accept all cookies or manage your cookie settings."]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {_word(rng, rng.randint(2, 3))}"


def _event(rng: random.Random, number: int, start: date, span_days: int) -> dict:
    kind = rng.choice(sorted(_EVENTS))
    place = _word(rng, rng.randint(2, 3)) + rng.choice(["", "", "burg", "ford", "vik", "stad"])
    slots = {"place": place, "region": _word(rng, 2) + rng.choice(["ia", "land", " Province"]),
             "person": _person(rng), "person2": _person(rng), "n": f"{rng.randint(12, 9000):,}",
             "m": str(rng.randint(2, 60)), "weekday": rng.choice(_WEEKDAYS), "month": rng.choice(_MONTHS),
             "org": _word(rng, 2) + rng.choice([" Steel", " Logistics", " Energy", " Foods", " Group", " Bank"]),
             "org2": _word(rng, 2) + rng.choice([" Holdings", " Systems", " Motors", " Media"]),
             "team": f"FC {_word(rng, 2)}", "team2": f"{_word(rng, 2)} United",
             "score": f"{rng.randint(1, 5)}-{rng.randint(0, 3)}", "person3": _person(rng), "person4": _person(rng),
             "pop": f"{rng.randint(2, 900) * 1000:,}", "km": str(rng.randint(5, 400)),
             "radio": f"Radio {_word(rng, 2)}"}
    size = min(40, int(rng.paretovariate(1.3)))  # most events have a few reports, some many
    return {"id": f"e{number}", "kind": kind, "slots": slots, "size": max(1, size), "details": _details(rng, slots),
            "day": start + timedelta(days=rng.randrange(span_days))}


def _article(rng: random.Random, event: dict, index: int) -> dict:
    titles, sentences = _EVENTS[event["kind"]]
    slots = dict(event["slots"], outlet=f"{_word(rng, 2)} {rng.choice(_OUTLETS)}", reporter=_person(rng))
    chosen = rng.sample(sentences, rng.randint(2, 4))
    if rng.random() < 0.5:
        chosen.sort(key=sentences.index)
    chosen += rng.sample(event["details"], rng.randint(2, 4)) + rng.sample(_BACKGROUND, 1)
    if rng.random() < 0.5:
        chosen.append(rng.choice(_FILLER))
    body = [_reword(rng, s.format(**slots)) for s in chosen]
    paragraphs = ["\n\n".join(body[i:i + 2]) for i in range(0, len(body), 2)]
    published = event["day"] + timedelta(days=min(int(rng.expovariate(0.7)), 20))
    return {"source": f"synthetic/{event['id']}/{index}.txt", "title": rng.choice(titles).format(**slots),
            "text": "\n\n".join(paragraphs), "outlet": slots["outlet"], "published": published.isoformat(),
            "event": event["id"]}


_NOUNS = ["harbour", "tunnel", "school", "hospital", "factory", "museum", "stadium", "market", "railway", "dam",
          "airport", "prison", "mine", "orchard", "vineyard", "power station", "canal", "library", "barracks", "quarry",
          "ferry", "bakery", "brewery", "sawmill", "lighthouse", "cathedral", "depot", "reservoir", "ski lift", "pier"]
_ADJECTIVES = ["northern", "old", "new", "flooded", "empty", "disputed", "historic", "private", "municipal", "damaged",
               "abandoned", "busy", "modern", "wooden", "temporary", "rebuilt"]
_VERBS = ["closed", "reopened", "expanded", "inspected", "sold", "evacuated", "renovated", "blocked", "guarded",
          "surveyed", "leased", "rebuilt", "audited", "fenced off"]
_OBJECTS = ["inspectors", "volunteers", "soldiers", "engineers", "auditors", "students", "farmers", "drivers",
            "nurses", "fishermen", "pensioners", "contractors", "divers", "miners"]


def _details(rng: random.Random, slots: dict) -> list[str]:
    """Facts only this event's reports carry: its own things, numbers and people."""
    facts = []
    for _ in range(6):
        noun, adjective, verb, who = (rng.choice(_NOUNS), rng.choice(_ADJECTIVES), rng.choice(_VERBS),
                                      rng.choice(_OBJECTS))
        facts.append(rng.choice([
            f"The {adjective} {noun} near {slots['place']} was {verb} in {rng.randint(1950, 2023)}.",
            f"{rng.randint(3, 400)} {who} from {_word(rng, 2)} were at the {noun} when it happened.",
            f"{_person(rng)}, the {noun} manager, said {who} had {verb} it twice before.",
            f"Last year the {adjective} {noun} of {slots['place']} was {verb} by {who}."]))
    return facts


def _reword(rng: random.Random, sentence: str) -> str:
    for phrase, alternatives in _SYNONYMS.items():
        if phrase in sentence and rng.random() < 0.5:
            sentence = sentence.replace(phrase, rng.choice(alternatives), 1)
    return sentence


def corpus(size: int, seed: int = SEED) -> Iterator[dict]:
    """`size` generated article records {source, title, text, outlet, published, event}, in publication order
    within a sliding window (as a crawler would deliver them), deterministic for a seed."""
    rng = random.Random(f"{seed}-{size}")
    start = date(2024, 1, 1)
    span_days = max(30, size // 40)  # about 40 articles a day
    produced = 0
    number = 0
    pending: list[dict] = []
    recent: list[dict] = []
    while produced < size:
        event = _event(rng, number, start + timedelta(days=number * span_days // max(1, size // 5)), 3)
        number += 1
        for index in range(event["size"]):
            if produced >= size:
                break
            roll = rng.random()
            if roll < 0.1 and recent:  # a syndicated copy: an earlier article with its last sentence edited
                original = rng.choice(recent)
                record = dict(original, source=original["source"].replace(".txt", f"-copy{produced}.txt"),
                              outlet=f"{_word(rng, 2)} {rng.choice(_OUTLETS)}",
                              text=original["text"].rsplit(" ", 3)[0] + " officials said.")
            elif roll < 0.12:
                record = {"source": f"synthetic/junk/{produced}.html", "title": None, "outlet": None,
                          "published": event["day"].isoformat(), "text": rng.choice(_JUNK), "event": f"junk{produced}"}
            else:
                record = _article(rng, event, index)
                recent = (recent + [record])[-200:]
            pending.append(record)
            produced += 1
        if len(pending) >= 64:
            rng.shuffle(pending)  # reports of nearby events interleave
            yield from pending
            pending = []
    rng.shuffle(pending)
    yield from pending


def write_corpus(size: int, folder: Path) -> float:
    """The generated corpus of `size` records as JSON Lines files in `folder` (the event of each record in an
    "event" field, which the reader ignores); returns the seconds it took."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    out = None
    for number, record in enumerate(corpus(size)):
        if number % FILE_RECORDS == 0:
            if out is not None:
                out.close()
            out = open(folder / f"part-{number // FILE_RECORDS:05d}.jsonl", "w", encoding="utf-8")
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if out is not None:
        out.close()
    return time.perf_counter() - started


def events_of(folder: Path) -> dict[str, str]:
    """Source (as the reader names a JSON line: "FILE:LINE") → generated event."""
    events = {}
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                events[f"{path}:{number}"] = json.loads(line)["event"]
    return events


class Sampler:
    """Peak resident memory and CPU seconds of this process and all its children, and the mean 1-minute load
    average, sampled in a thread."""

    def __init__(self, every: float = 1.0) -> None:  # each sample scans /proc: ~13% of the main process at 0.25 s
        import psutil

        self._root = psutil.Process()
        self.peak = 0
        self._cpu: dict[int, float] = {}  # pid → user+sys seconds at its last sample (ended children stay counted)
        self._loads: list[float] = []
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        total = 0
        for proc in [self._root, *self._root.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
                times = proc.cpu_times()
                self._cpu[proc.pid] = times.user + times.system
            except Exception:  # a child that just ended
                pass
        self.peak = max(self.peak, total)
        self._loads.append(os.getloadavg()[0])

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self._every)

    @property
    def children_cpu(self) -> float:
        """CPU seconds of the children (Dask scheduler and workers)."""
        return sum(cpu for pid, cpu in self._cpu.items() if pid != self._root.pid)

    @property
    def load(self) -> float:
        """Mean 1-minute load average over the samples."""
        return sum(self._loads) / max(1, len(self._loads))

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def run_one(size: int, engine: str, folder: Path, db: Path) -> dict:
    """One ingest of the generated corpus in `folder` into a fresh SQLite file `db`: timings, counts, memory, F1."""
    import resource

    from newsweave.embed import default_encoder
    from newsweave.ingest import ingest
    from newsweave.settings import Settings
    from newsweave.store import Store

    from clustering import bcubed

    for path in db.parent.glob(db.name + "*"):
        path.unlink()
    cluster = None
    scheduler = None
    last = {"done": 0}

    def progress(report) -> None:  # noqa: ANN001
        if report.done - last["done"] >= PROGRESS_EVERY:
            last["done"] = report.done
            db_mb = sum(path.stat().st_size for path in db.parent.glob(db.name + "*")) / 2**20
            print(json.dumps({"progress": report.done, "size": size, "engine": engine, "seconds": report.elapsed_s,
                              "per_s": round(report.done / max(report.elapsed_s, 1e-9), 1),
                              "peak_rss_mb": round(memory.peak / 2**20), "db_mb": round(db_mb),
                              "main_cpu_s": round(time.process_time()), "workers_cpu_s": round(memory.children_cpu),
                              "timings": {k: round(v) for k, v in report.timings.items()},
                              "load": round(os.getloadavg()[0], 1)}), file=sys.stderr, flush=True)

    with Sampler() as memory:
        if engine == "dask":
            from distributed import LocalCluster

            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
            scheduler = cluster.scheduler_address
        else:
            default_encoder()  # model load is not ingest time (each Dask worker loads its own, inside the timing)
        load_before = os.getloadavg()[0]
        with Store(db) as store:
            children_before = memory.children_cpu
            cpu = resource.getrusage(resource.RUSAGE_SELF)
            started = time.perf_counter()
            report = ingest([str(folder)], store, Settings(), engine=engine, scheduler=scheduler, progress=progress)
            elapsed = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_SELF)
            memory._sample()
            children_cpu = memory.children_cpu - children_before
        if cluster is not None:
            cluster.close()
    main_cpu = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
    db_bytes = sum(path.stat().st_size for path in db.parent.glob(db.name + "*"))
    events = events_of(folder)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source, story_id FROM articles WHERE junk_reason IS NULL").fetchall()
    gold = [events[source] for source, _ in rows]
    predicted = [story for _, story in rows]
    precision, recall, f1 = bcubed(predicted, gold) if gold else (0.0, 0.0, 0.0)
    return {"size": size, "engine": engine, "seconds": elapsed, "per_s": report.read / elapsed,
            "main_cpu_s": main_cpu, "workers_cpu_s": children_cpu,
            "timings": report.timings, "peak_mb": memory.peak / 2**20, "db_mb": db_bytes / 2**20,
            "read": report.read, "new": report.new, "copies": report.copies, "junk": report.junk,
            "failed": report.failed, "stories": len(set(predicted)), "events": len(set(gold)), "f1": f1,
            "precision": precision, "recall": recall, "load_mean": memory.load, "load_start": load_before,
            "load_end": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--engines", default="local,dask", help="comma-separated engines: local, dask")
    parser.add_argument("--workdir", type=Path, help="folder for the generated inputs and the databases "
                        "(default: a temp folder, deleted at the end)")
    parser.add_argument("--one", nargs=4, metavar=("SIZE", "ENGINE", "FOLDER", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        size, engine, folder, db = args.one
        print(json.dumps(run_one(int(size), engine, Path(folder), Path(db))))
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newsweave-scale-"))
    rows = []
    out = console()
    try:
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            folder = workdir / f"corpus-{size}"
            if not folder.is_dir():
                seconds = write_corpus(size, folder)
                out.print(f"generated {size:,} articles in {seconds:.1f} s ({folder}; not part of the timings)")
            for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
                db = workdir / f"{size}-{engine}.db"
                done = subprocess.run([sys.executable, __file__, "--one", str(size), engine, str(folder), str(db)],
                                      stdout=subprocess.PIPE, text=True)
                if done.returncode != 0:
                    out.print(f"{size} {engine}: failed (exit {done.returncode})")
                    continue
                result = json.loads(done.stdout.strip().splitlines()[-1])
                rows.append(result)
                out.print(f"done: {json.dumps(result)}")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows)
    return 0


def print_table(results: list[dict]) -> None:
    """The results of `run_one`, one row each."""
    rows = []
    for r in results:
        spent = r["timings"]
        shares = "/".join(f"{100 * spent.get(step, 0.0) / r['seconds']:.0f}"
                          for step in ("engine", "global", "store", "checkpoint"))
        rows.append([f"{r['size']:,}", r["engine"], f"{r['new']:,}", f"{r['copies']:,}", f"{r['junk']:,}",
                     f"{r['stories']:,} / {r['events']:,}", f"{r['f1']:.3f}", f"{r['seconds']:.1f}",
                     f"{r['main_cpu_s']:.0f} + {r['workers_cpu_s']:.0f}", f"{r['per_s']:.1f}", shares,
                     f"{r['peak_mb']:,.0f}", f"{r['peak_mb'] / r['size'] * 1000:,.0f}", f"{r['db_mb']:,.0f}",
                     f"{r['load_mean']:.1f}"])
    out = console()
    out.print(table("Corpus ingest at scale: newsweave.ingest into SQLite (no briefs)",
                    ["size", "engine", "new", "copies", "junk", "stories / events", "B³ F1", "wall s",
                     "CPU s main + workers", "articles/s", "% engine/global/store/ckpt", "peak RSS MB", "MB per 1k",
                     "DB MB", "load avg"], rows, right_from=2))
    out.print("wall s: ingest() call (model load excluded locally, included on Dask workers; input generation "
              "excluded); CPU s: user+sys of the ingesting process + of its children (Dask scheduler and workers); "
              "%: share of wall time waiting for the engine (reading + per-article work), in copy lookup + clustering, "
              "in store reads/writes, in clusterer checkpoints; peak RSS: process tree; DB MB: SQLite file + WAL; "
              "load avg: mean 1-minute load of the 2-core machine during the run (other users' jobs included).")


if __name__ == "__main__":
    sys.exit(main())
