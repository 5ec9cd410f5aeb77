#!/usr/bin/env python3
"""Benchmark of `newslint clean` on a generated JSONL dump (issue #6).

    python benchmarks/clean.py                    # 20,000 records, --jobs 1 and --jobs 2
    python benchmarks/clean.py --records 2000     # a quick run
    python benchmarks/clean.py --jobs 1 2 4 --keep /tmp/bench

The dump is generated, reproducibly (--seed), from the articles in seeds/ and the texts of
the dev corpus (../shared/corpus/*/texts, read here, never copied into the project): each
record is a window of one article's paragraphs, with scraper residue, repeats, whitespace
slips and mojibake injected at random, a URL on one of 40 domains (half of them add a
recurring footer line: site template), a headline, a date, and a few malformed lines. Then the
real command `python -m newslint clean DUMP --output OUT --jobs N --edits EDITS` is run for
each N; the outputs and edit logs must be byte-identical, and records/s and the speed-up over
the first N are printed. Exit status 1 if the outputs differ, else 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parent.parent
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


def _cpu() -> float:
    """CPU seconds (user + system) of finished child processes (a process pool's workers are
    not always counted: the summary's own "CPU ... s cleaning" figure is)."""
    if resource is None:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


def run_clean(dump: Path, out: Path, edits: Path, jobs: int, extra: list[str]) -> tuple[float, float, str]:
    command = [sys.executable, "-m", "newslint", "clean", str(dump), "--output", str(out), "--edits", str(edits),
               "--jobs", str(jobs), "--no-progress", *extra]
    cpu = _cpu()
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu
    if result.returncode not in (0, 2):  # 2: the malformed lines, passed through and reported
        sys.exit(f"newslint clean --jobs {jobs} failed ({result.returncode}):\n{result.stderr}")
    return seconds, cpu, result.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="keep the dump and outputs in this folder")
    parser.add_argument("--select", help="passed to `newslint clean --select` (default: every default rule)")
    args = parser.parse_args()
    if args.records < 1 or not args.jobs:
        parser.error("--records and --jobs must be positive")

    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        dump = folder / "dump.jsonl"
        started = time.perf_counter()
        sources = generate(dump, args.records, args.seed, args.corpus)
        size = dump.stat().st_size
        if args.select:
            print(f"rules: --select {args.select}")
        print(f"dump: {args.records:,} records, {size / 1e6:.1f} MB, from {sources} source articles "
              f"({time.perf_counter() - started:.1f} s to generate) -> {dump}")
        results = []
        for jobs in args.jobs:
            out, edits = folder / f"clean-j{jobs}.jsonl", folder / f"edits-j{jobs}.jsonl"
            load = _load()
            seconds, cpu, log = run_clean(dump, out, edits, jobs, ["--select", args.select] if args.select else [])
            found = re.search(r"CPU ([0-9.]+) s cleaning", log)
            cleaning = float(found.group(1)) if found else float("nan")
            results.append((jobs, seconds, cpu, f"{load} -> {_load()}", out.read_bytes(), edits.read_bytes(), cleaning))
            if jobs == args.jobs[0]:
                print("summary of the first run:\n  " + "\n  ".join(log.strip().splitlines()[:14]))
        base_jobs, base_seconds, _, _, base_out, base_edits, _ = results[0]
        same = True
        for jobs, seconds, cpu, load, out_bytes, edit_bytes, cleaning in results:
            identical = out_bytes == base_out and edit_bytes == base_edits
            edit_count = edit_bytes.count(b"\n")
            same &= identical
            print(f"--jobs {jobs}: {seconds:6.2f} s  {args.records / seconds:8,.0f} records/s  {size / 1e6 / seconds:5.2f} MB/s  "
                  f"speed-up x{base_seconds / seconds:.2f} over --jobs {base_jobs}  "
                  f"output {'identical' if identical else 'DIFFERENT'} ({len(out_bytes):,} bytes, {edit_count:,} edits)\n"
                  f"           CPU spent cleaning {cleaning:.1f} s (all worker processes), whole process {cpu:.1f} s; "
                  f"load average {load} (on a busy machine compare CPU: wall-clock speed-up needs free cores)")
        print("outputs byte-identical: " + ("yes" if same else "NO"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
