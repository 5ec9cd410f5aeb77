"""What the benchmark scripts share: printing, medians, how to start newslint, profile tables
and CPU time per rule. Imported by the scripts in this folder (run as `python benchmarks/X.py`,
which puts this folder on the import path)."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

# pstats' table: (file, line, function) -> (primitive calls, calls, own time, cumulative time, callers)
Stats = dict[tuple[str, int, str], tuple[int, int, float, float, Any]]


def say(text: str = "") -> None:
    print(text, flush=True)


def heading(text: str) -> None:
    say()
    say(text)
    say("=" * len(text))


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def mb_of(n_bytes: int) -> float:
    return n_bytes / 1e6


def newslint_command(override: str | None) -> list[str]:
    """How to start newslint: --newslint, else the console script of this interpreter's
    environment, else one on PATH, else `python -m newslint`."""
    if override:
        return shlex.split(override)
    beside = Path(sys.executable).with_name("newslint")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("newslint")
    return [found] if found else [sys.executable, "-m", "newslint"]


def where(key: tuple[str, int, str]) -> str:
    """A profiled function as `path:line(name)`, paths relative to the repository or the
    interpreter's library."""
    path, line, func = key
    for prefix in (str(REPO) + os.sep, sys.prefix + os.sep, sys.base_prefix + os.sep):
        path = path.removeprefix(prefix)
    path = re.sub(r"^lib/python3\.\d+/(site-packages/)?", "", path)
    return f"{path}:{line}({func})" if line else func


def profile_tables(stats: Stats, top: int) -> None:
    """The functions with the most own time, then newslint's with the most cumulative time."""
    total = sum(own for _, _, own, _, _ in stats.values()) or 1e-9

    def table(title: str, keys: Iterable[tuple[str, int, str]]) -> None:
        say()
        say(f"{title}:")
        say(f"  {'own s':>7}{'own %':>7}{'cum s':>8}{'calls':>10}  function")
        for key in keys:
            _, calls, own, cum, _ = stats[key]
            say(f"  {own:>7.2f}{100 * own / total:>6.1f}%{cum:>8.2f}{calls:>10}  {where(key)[:100]}")

    table(f"top {top} functions by own time", sorted(stats, key=lambda k: -stats[k][2])[:top])
    ours = [k for k in stats if "newslint" in k[0] and not k[2].startswith("<")]
    table(f"top {top} newslint functions by cumulative time", sorted(ours, key=lambda k: -stats[k][3])[:top])


def rule_cpu(linter: Any, docs: Sequence[tuple[str, str]], document: Callable[..., Any], top: int) -> None:
    """CPU seconds per rule, one pass without the profiler: the document's shared structure
    first (counted apart), then each rule's check alone, then the whole lint (the rest is the
    engine: findings, quote protection, suppression, sorting)."""
    shared = ("lines", "line_keys", "blocks", "paragraphs", "sentences", "quotes", "protected")
    per_rule: dict[str, float] = defaultdict(float)
    worst: dict[str, tuple[float, str]] = {}
    errors: Counter[str] = Counter()
    prep = whole = 0.0
    clock = time.process_time
    for path, text in docs:
        doc = document(text, path)
        t0 = clock()
        for attr in shared:
            with contextlib.suppress(Exception):  # an attribute this version lacks
                getattr(doc, attr)
        prep += clock() - t0
        for rule in linter.rules:
            t0 = clock()
            try:
                list(rule.check(doc, rule, linter.context))
            except Exception:
                errors[rule.code] += 1
            spent = clock() - t0
            name = f"{rule.code} {rule.name}"
            per_rule[name] += spent
            if spent > worst.get(name, (0.0, ""))[0]:
                worst[name] = (spent, path)
        t0 = clock()
        linter.lint(doc)
        whole += clock() - t0
    checks = sum(per_rule.values())
    engine = max(0.0, whole - checks)
    total = prep + checks + engine
    size = mb_of(sum(len(t.encode("utf-8")) for _, t in docs))
    say()
    say(f"cpu per rule, one pass over the sample ({size:.2f} MB): {total:.2f} s = document structure {prep:.2f} s + rule checks "
        f"{checks:.2f} s + engine {engine:.2f} s")
    say(f"  {'rule':<44}{'cpu s':>8}{'share':>7}{'MB/s':>8}  slowest file")
    for name, seconds in sorted(per_rule.items(), key=lambda kv: -kv[1])[:top]:
        flag = f"  ({errors[name.split()[0]]} errors)" if errors[name.split()[0]] else ""
        spent, path = worst.get(name, (0.0, ""))
        say(f"  {name[:43]:<44}{seconds:>8.3f}{100 * seconds / total:>6.1f}%{size / max(seconds, 1e-9):>8.1f}  "
            f"{1000 * spent:.0f} ms {Path(path).name}{flag}")
    per_family: dict[str, float] = defaultdict(float)
    for rule in linter.rules:
        per_family[rule.category] += per_rule[f"{rule.code} {rule.name}"]
    say("  per family: " + ", ".join(f"{cat} {s:.2f} s" for cat, s in sorted(per_family.items(), key=lambda kv: -kv[1])))
