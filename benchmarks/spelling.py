#!/usr/bin/env python3
"""Spelling benchmark (issue #3): words per second on one core, and what the data costs at start-up.

    python benchmarks/spelling.py                    # the dev corpus's texts, 3 timed passes
    python benchmarks/spelling.py --repeat 5 PATH... # other .txt files or folders

Throughput is the library in-process on one core: ``Linter`` with only the spelling rules over
texts read beforehand, after a warm-up pass that loads the data; words are the spelling
tokeniser's words (hyphen-separated parts count apart). It is printed for all texts, and for
the texts with no finding at all (the cost a clean article pays).

Start-up is measured in fresh processes, median of ``--starts`` runs: the time each data tier
takes to load (the word lists, wordfreq's frequencies, the candidate index and rapidfuzz), read
from newslint's cache of derived tables and built without it (a first run), and
the whole extra cost of spelling on one clean article (`newslint check --select spelling`
against `--select NL401`, the same command with a rule that loads nothing). Start-up figures
are CPU time, which a busy machine disturbs less than wall time. Exit status is 0.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO))

from newslint.checks.spelling import analyse  # noqa: E402
from newslint.config import Config  # noqa: E402
from newslint.document import Document  # noqa: E402
from newslint.engine import Linter  # noqa: E402
from newslint.packs import Context  # noqa: E402

TIERS = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
clock = time.process_time
t0 = clock()
from newslint.spelling.lexicon import Lexicon
lex = Lexicon("en")
t1 = clock(); lex.is_word("the")
t2 = clock(); lex.zipf("the")
t3 = clock(); lex.candidates("intelliegence", 2)
t4 = clock()
print(json.dumps({"import": t1 - t0, "word lists": t2 - t1, "frequencies (wordfreq)": t3 - t2, "candidate search (first use)": t4 - t3}))
"""

CLEAN_ARTICLE = "The minister resigned on Friday after the vote.\n\nHer successor will be named next week, officials said.\n"


def texts_from(paths: list[Path]) -> list[tuple[str, str]]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.txt")) if path.is_dir() else [path])
    return [(str(f), f.read_text(encoding="utf-8", errors="replace")) for f in files]


def throughput(texts: list[tuple[str, str]], repeat: int) -> None:
    linter = Linter(Config(select=("spelling",)))
    context = Context()
    words = sum(analyse(Document(t, p), context).total for p, t in texts)
    started = time.perf_counter()
    clean = [(p, t) for p, t in texts if not linter.lint(Document(t, p))]
    warm = time.perf_counter() - started
    clean_words = sum(analyse(Document(t, p), context).total for p, t in clean)
    print(f"texts: {len(texts)} ({words:,} words); without any spelling finding: {len(clean)} ({clean_words:,} words)")
    print(f"warm-up pass (loads the data): {warm:.2f} s")
    for label, subset, count in (("all texts", texts, words), ("clean texts only", clean, clean_words)):
        wall, cpu = [], []
        for _ in range(repeat):
            docs = [Document(t, p) for p, t in subset]
            w0, c0 = time.perf_counter(), time.process_time()
            for doc in docs:
                linter.lint(doc)
            wall.append(time.perf_counter() - w0)
            cpu.append(time.process_time() - c0)
        best_wall, best_cpu = min(wall), min(cpu)
        print(f"  {label:<17} {count / best_wall:>10,.0f} words/s wall  {count / best_cpu:>10,.0f} words/s CPU  ({best_wall:.3f} s, best of {repeat})")


def startup(starts: int) -> None:
    # Warm: the derived tables are read from newslint's cache (the first run fills it). Cold:
    # no cache (NEWSLINT_CACHE_DIR=off), every tier built from the packages, as on a first run.
    for label, env in (("warm cache", os.environ), ("no cache", {**os.environ, "NEWSLINT_CACHE_DIR": "off"})):
        runs = []
        for _ in range(starts):
            out = subprocess.run([sys.executable, "-c", TIERS, str(REPO)], capture_output=True, text=True, check=True, env=env)
            runs.append(json.loads(out.stdout))
        print(f"data tiers, {label}, CPU time in a fresh process (median of {starts}):")
        for name in runs[0]:
            print(f"  {name:<30} {statistics.median(r[name] for r in runs) * 1000:>7.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "clean.txt"
        article.write_text(CLEAN_ARTICLE, encoding="utf-8")
        cost = {}
        for select in ("NL401", "spelling"):
            times = []
            for _ in range(starts):
                before = _children_cpu()
                subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--select", select, str(article)], capture_output=True, check=False, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
                times.append(_children_cpu() - before)
            cost[select] = statistics.median(times)
    print(f"`newslint check` on one clean article, CPU time (median of {starts}): --select NL401 {cost['NL401'] * 1000:.0f} ms, "
          f"--select spelling {cost['spelling'] * 1000:.0f} ms: spelling adds {(cost['spelling'] - cost['NL401']) * 1000:.0f} ms")


def _children_cpu() -> float:
    """CPU time (user + system) of the finished child processes: steadier than wall time on a
    busy machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders of .txt (default: every texts/ folder of the dev corpus)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (the best is shown)")
    parser.add_argument("--starts", type=int, default=5, help="fresh processes per start-up figure")
    args = parser.parse_args()
    paths = args.paths or sorted(DEFAULT_CORPUS.glob("*/texts")) or [REPO / "seeds"]
    texts = texts_from(paths)
    if not texts:
        print("no .txt files found", file=sys.stderr)
        return 0
    # One core: the library runs in this one thread; pin the process where the OS allows it.
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    throughput(texts, args.repeat)
    startup(args.starts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
