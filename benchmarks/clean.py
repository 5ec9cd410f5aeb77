#!/usr/bin/env python3
"""Benchmark of `newslint clean` on a JSONL dump (issues #6 and #7): time, memory, identical output.

    python benchmarks/clean.py                          # 20,000 generated records, --jobs 1 and --jobs 0
    python benchmarks/clean.py --records 2000           # a quick run
    python benchmarks/clean.py --jobs 1 2 4 --keep /tmp/bench
    python benchmarks/clean.py --dump big.jsonl --repeat 3   # an existing dump, 3 interleaved rounds

The dump is generated, reproducibly (--seed), from the articles in seeds/ and the texts of
the dev corpus (../shared/corpus/*/texts, read here, never copied into the project): each
record is a window of one article's paragraphs, with scraper residue, repeats, whitespace
slips and mojibake injected at random, a URL on one of 40 domains (half of them add a
recurring footer line: site template), a headline, a date, and a few malformed lines. Then the
real command `python -m newslint clean DUMP --output OUT --jobs N --edits EDITS` is run for
each N, in interleaved rounds (a burst of load on a shared machine then hits every N alike);
the outputs and edit logs must be byte-identical. Printed per N (medians over the rounds):
wall time, records/s, the speed-up over the first N, CPU spent cleaning, and the peak memory
of the whole process tree (the command, its forkserver and workers), sampled every 0.1 s, as
PSS (each shared page divided among the processes that share it: the memory really used) and
as summed RSS (which counts a page shared by forked workers once in every one of them).
Exit status 1 if the outputs differ, else 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import REPO, TreeMemory

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"

RESIDUE = [
    "Share it:", "Loading...", "Advertisement", "Leave a Comment", "Just In", "Stay informed, daily",
    "Read more: Markets slide as oil jumps", "Photo credit: AFP / Getty Images", "Sign in to comment",
    "Click here to subscribe", "Related", "Share this article", "Play Video",
]
FOOTERS = [
    "Sign up for the Morning Brief, delivered to your inbox every weekday.",
    "Copyright {year} {site} Media Group. All rights reserved.",
    "Follow {site} on Twitter and Facebook for the latest updates.",
    "Have a news tip? Email the {site} newsroom.",
]
MOJIBAKE = {"’": "â€™", "“": "â€œ", "é": "Ã©", "—": "â€”"}


def load_paragraphs(corpus: Path) -> list[list[str]]:
    """Articles as lists of paragraphs (blank-line separated, else one per line)."""
    files = sorted((REPO / "seeds").glob("*.txt"))
    if corpus.is_dir():
        files += sorted(corpus.glob("*/texts/*.txt"))
    articles = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        parts = [p.strip() for p in text.split("\n\n")] if "\n\n" in text else [line.strip() for line in text.splitlines()]
        parts = [p for p in parts if p]
        if len(parts) >= 2:
            articles.append(parts)
    return articles


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def _shuffled(rng: random.Random, paragraph: str) -> str:
    sentences = _SENTENCE_END.split(paragraph)
    if len(sentences) > 1:
        rng.shuffle(sentences)
    return " ".join(sentences)


def make_record(rng: random.Random, number: int, articles: list[list[str]], domains: list[tuple[str, str | None]]) -> str:
    article = rng.choice(articles)
    size = rng.randint(3, 12)
    start = rng.randrange(max(1, len(article) - size + 1))
    # Sentences shuffled inside each paragraph: records drawn from one article share few lines
    # (as different articles of a site do), so that site-template counting sees real template.
    paragraphs = [_shuffled(rng, p) for p in article[start : start + size]]
    site, footer = rng.choice(domains)
    if rng.random() < 0.35:
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(RESIDUE))
    if rng.random() < 0.15:
        i = rng.randrange(len(paragraphs))
        paragraphs.insert(i + 1, paragraphs[i])  # a paragraph printed twice
    if rng.random() < 0.15:
        i = rng.randrange(len(paragraphs))
        paragraphs[i] = paragraphs[i] + "  "  # trailing spaces
    if rng.random() < 0.1:
        i = rng.randrange(len(paragraphs))
        paragraphs[i] = paragraphs[i].replace(" ", "  ", 1)
    if rng.random() < 0.05:
        i = rng.randrange(len(paragraphs))
        for right, wrong in MOJIBAKE.items():
            paragraphs[i] = paragraphs[i].replace(right, wrong)
    if footer and rng.random() < 0.9:
        paragraphs.append(footer)
    separator = "\n\n" if rng.random() < 0.7 else "\n"
    text = separator.join(paragraphs) + ("\n" if rng.random() < 0.5 else "")
    year = rng.choice([2019, 2020, 2021])
    slug = "-".join(paragraphs[0].lower().split()[:5]).strip(".,:;!?\"'")[:60] or "story"
    record: dict[str, object] = {
        "id": f"r{number:06d}",
        "url": f"https://www.{site}/{year}/{slug}-{number}",
        "title": paragraphs[0][:120],
        "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z",
        "text": text,
    }
    if rng.random() < 0.1:
        record["maintext"] = record.pop("text")
    line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.001:
        line = line[: len(line) // 2]  # a truncated, malformed line
    return line + "\n"


def generate(path: Path, records: int, seed: int, corpus: Path) -> int:
    rng = random.Random(seed)
    articles = load_paragraphs(corpus)
    domains: list[tuple[str, str | None]] = []
    for n in range(40):
        site = f"news{n:02d}.example"
        footer = rng.choice(FOOTERS).format(year=2020, site=site.split(".")[0].title()) if n % 2 == 0 else None
        domains.append((site, footer))
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for number in range(1, records + 1):
            out.write(make_record(rng, number, articles, domains))
    return len(articles)


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


# --- runs -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    cleaning_cpu: float  # the summary's "CPU ... s cleaning": every process that cleaned
    pss_mb: float | None
    rss_mb: float | None
    load: str
    digest: str  # of the output and the edit log
    edits: int
    summary: str


def _digest(*paths: Path) -> str:
    hashed = hashlib.sha256()
    for path in paths:
        hashed.update(path.read_bytes())
    return hashed.hexdigest()


def run_clean(dump: Path, out: Path, edits: Path, jobs: int, extra: list[str]) -> Run:
    command = [sys.executable, "-m", "newslint", "clean", str(dump), "--output", str(out), "--edits", str(edits),
               "--jobs", str(jobs), "--no-progress", *extra]
    load = _load()
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        memory = TreeMemory(process.pid)
        memory.start()
        returncode = process.wait()
        seconds = time.perf_counter() - started
        pss, rss = memory.finish()
        err.seek(0)
        log = err.read().decode("utf-8", "replace")
    if returncode not in (0, 2):  # 2: the malformed lines, passed through and reported
        sys.exit(f"newslint clean --jobs {jobs} failed ({returncode}):\n{log}")
    found = re.search(r"CPU ([0-9.]+) s cleaning", log)
    return Run(seconds, float(found.group(1)) if found else float("nan"), pss, rss, f"{load} -> {_load()}",
               _digest(out, edits), edits.read_bytes().count(b"\n"), log)


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def _mb(value: float | None) -> str:
    return f"{value:5.0f} MB" if value is not None else "    ? MB"


def report(runs: dict[int, list[Run]], records: int, size: int) -> bool:
    """Print the medians per --jobs; True if every output was identical."""
    first = next(iter(runs))
    base = _median([r.seconds for r in runs[first]]) or float("nan")
    reference = runs[first][0].digest
    same = True
    for jobs, done in runs.items():
        identical = all(r.digest == reference for r in done)
        same &= identical
        seconds = _median([r.seconds for r in done]) or float("nan")
        print(f"--jobs {jobs}: {seconds:6.2f} s  {records / seconds:8,.0f} records/s  {size / 1e6 / seconds:5.2f} MB/s  "
              f"speed-up x{base / seconds:.2f} over --jobs {first}  output {'identical' if identical else 'DIFFERENT'} "
              f"({done[0].edits:,} edits)\n"
              f"           peak memory {_mb(_median([r.pss_mb for r in done]))} PSS, {_mb(_median([r.rss_mb for r in done]))} summed RSS; "
              f"CPU spent cleaning {_median([r.cleaning_cpu for r in done]) or float('nan'):.1f} s (all processes)\n"
              f"           wall of each round: {', '.join(f'{r.seconds:.1f}' for r in done)} s; "
              f"load average {', '.join(r.load for r in done)} (a busy machine stretches the wall time, not the CPU)")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 0], help="0: one worker per core (default: 1 0)")
    parser.add_argument("--repeat", type=int, default=1, help="interleaved rounds; medians are printed (default: 1)")
    parser.add_argument("--dump", type=Path, help="clean this JSONL dump instead of generating one")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="keep the dump and outputs in this folder")
    parser.add_argument("--select", help="passed to `newslint clean --select` (default: every default rule)")
    args = parser.parse_args()
    if args.records < 1 or args.repeat < 1 or not args.jobs or min(args.jobs) < 0:
        parser.error("--records and --repeat must be positive, --jobs at least 0")

    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if args.dump:
            dump = args.dump
            with dump.open("rb") as handle:
                records = sum(1 for _ in handle)
            print(f"dump: {dump}, {records:,} lines, {dump.stat().st_size / 1e6:.1f} MB")
        else:
            dump = folder / "dump.jsonl"
            started = time.perf_counter()
            sources = generate(dump, args.records, args.seed, args.corpus)
            records = args.records
            print(f"dump: {records:,} records, {dump.stat().st_size / 1e6:.1f} MB, from {sources} source articles "
                  f"({time.perf_counter() - started:.1f} s to generate) -> {dump}")
        if args.select:
            print(f"rules: --select {args.select}")
        extra = ["--select", args.select] if args.select else []
        runs: dict[int, list[Run]] = {jobs: [] for jobs in args.jobs}
        for _ in range(args.repeat):
            for jobs in runs:
                runs[jobs].append(run_clean(dump, folder / f"clean-j{jobs}.jsonl", folder / f"edits-j{jobs}.jsonl", jobs, extra))
        first = runs[args.jobs[0]][0].summary
        print("summary of the first run:\n  " + "\n  ".join(first.strip().splitlines()[:14]))
        same = report(runs, records, dump.stat().st_size)
        print("outputs byte-identical: " + ("yes" if same else "NO"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
