"""What the benchmark scripts share: printing, medians, how to start newslint, the peak memory
of a process tree (PSS and summed RSS), profile tables and CPU time per rule. Imported by the scripts in this folder (run as `python benchmarks/X.py`,
which puts this folder on the import path)."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import statistics
import sys
import threading
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


# --- memory of a process tree ----------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (a forkserver's workers included), on Linux."""
    found, todo, seen = [], [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    todo.extend(int(child) for child in handle.read().split())
        except OSError:
            continue  # ended meanwhile
    return found


def rss_pss_kb(pid: int) -> tuple[int, int | None]:
    """(RSS, PSS) of one process in KB, from /proc/PID/smaps_rollup (Linux 4.14+). Where that
    cannot be read, RSS from /proc/PID/statm and PSS None; (0, 0) once the process has ended
    (a zombie's statm says 0)."""
    values = {"Rss:": 0, "Pss:": 0}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                name, _, rest = line.partition(" ")
                if name in values:
                    values[name] = int(rest.split()[0])
        return values["Rss:"], values["Pss:"]
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            rss = int(handle.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        return 0, 0  # ended meanwhile
    return rss, (None if rss else 0)


class TreeMemory(threading.Thread):
    """Samples a process tree every ``interval`` seconds: the peaks of its PSS (each page divided
    among the processes that share it: the memory really used) and of its summed RSS (which
    counts a page shared copy-on-write by forked workers once in every one of them)."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.rss_kb = self.pss_kb = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            sizes = [rss_pss_kb(pid) for pid in descendants(self.pid)]
            self.rss_kb = max(self.rss_kb, sum(rss for rss, _ in sizes))
            known = [pss for _, pss in sizes if pss is not None]
            if len(known) == len(sizes):  # a sample lacking some process's PSS would understate it
                self.pss_kb = max(self.pss_kb, sum(known))
            self._halt.wait(self.interval)

    def finish(self) -> tuple[float | None, float | None]:
        """(peak PSS, peak summed RSS) in MB (2^20 bytes, like ru_maxrss / 1024); None where
        /proc cannot tell."""
        self._halt.set()
        self.join()
        return (self.pss_kb / 1024 or None), (self.rss_kb / 1024 or None)


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
