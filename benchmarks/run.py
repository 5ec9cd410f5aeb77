#!/usr/bin/env python3
"""Benchmarks for newslint (issue #2): quality on the dev corpus, throughput, cold start.

    python benchmarks/run.py                  # everything, 3 timed runs each
    python benchmarks/run.py --quick          # one timed run, target sets only
    python benchmarks/run.py --profile        # add a cProfile summary of `newslint check`

Quality is measured on the real command, `newslint check --output-format jsonl --exit-zero -q`,
scored with the corpus's own `score.py` (through its `--json` output). The clean set's
false positives are counted here over all categories, because score.py only scores the
categories its labels mention. Nothing here decides CI: the exit status is 0 unless the
arguments are unusable, whatever the figures say.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import REPO, Stats, heading, median, newslint_command, profile_tables, rule_cpu, say

try:
    import resource
except ImportError:  # not on Windows: CPU times of child processes are then not shown
    resource = None  # type: ignore[assignment]

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
COLD_START_FILE = REPO / "seeds" / "000_eda8035695bfe255.txt"
# One process (--jobs 1): its CPU time is what the process figures and the profile read, and
# the library figures beside them are one core too.
CHECK_ARGS = ("check", "--output-format", "jsonl", "--exit-zero", "-q", "--jobs", "1")

# (set, tiers, targets): targets map a metric of the score.py result to its minimum.
TARGET_SETS: tuple[tuple[str, str, dict[str, float]], ...] = (
    ("boilerplate-trafilatura", "must", {"precision": 0.95, "recall": 0.85}),
    ("boilerplate-trafilatura", "must,block", {}),
    ("boilerplate-html2text", "must", {"precision": 0.95, "recall": 0.80}),
    ("boilerplate-html2text", "must,block", {}),
    ("duplicate-injected", "must", {"precision": 0.95, "recall": 0.90}),
)
# Reported for information (skipped by --quick).
EXTRA_SETS: tuple[tuple[str, str], ...] = (
    ("boilerplate-bs4", "must"),
    ("boilerplate-bs4", "must,block"),
    ("duplicate-real-trafilatura", "must"),
    ("spelling-injected-norvig", "must"),
    ("grammar-injected", "must"),
)
SET_CATEGORY = {"boilerplate": "boilerplate", "duplicate": "duplicate", "spelling": "spelling", "grammar": "grammar"}
CLEAN_SET = "clean"
CLEAN_MAX_FP_PER_1K = 0.5
# Peer tools timed on the same texts when they are installed (see ../shared/NOTES.md).
PEERS: dict[str, tuple[str, ...]] = {
    "typos": ("typos", "--format", "brief"),
    "codespell": ("codespell",),
}


# --------------------------------------------------------------------------- utilities


class Skip(Exception):
    """A section (or part of one) cannot run: a peer, the corpus or a tool is missing."""


@dataclass
class Report:
    """Everything measured, for --json, plus the target verdicts for the summary."""

    data: dict[str, Any] = field(default_factory=dict)
    verdicts: list[tuple[str, bool | None]] = field(default_factory=list)  # None: could not be measured

    def verdict(self, what: str, ok: bool) -> str:
        self.verdicts.append((what, ok))
        return "PASS" if ok else "FAIL"


def fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU (user + system) seconds. CPU time is what to compare between runs
    on a busy machine; wall time is what a user waits."""

    wall: float
    cpu: float


def children_cpu() -> float:
    if resource is None:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(cmd: Sequence[str], stdout: Path | None = None) -> tuple[Timing, subprocess.CompletedProcess[bytes]]:
    """Run a command, return its timing and result. Raises Skip if it cannot start."""
    try:
        with contextlib.ExitStack() as stack:
            out = stack.enter_context(stdout.open("wb")) if stdout is not None else subprocess.DEVNULL
            cpu, start = children_cpu(), time.perf_counter()
            proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, check=False)
            wall = time.perf_counter() - start
    except OSError as exc:
        raise Skip(f"cannot run {cmd[0]}: {exc}") from exc
    return Timing(wall, children_cpu() - cpu), proc


@contextlib.contextmanager
def timed(into: list[Timing]) -> Iterator[None]:
    """Time a block in this process; appends its Timing to `into`."""
    cpu, start = time.process_time(), time.perf_counter()
    yield
    into.append(Timing(time.perf_counter() - start, time.process_time() - cpu))


def check_ok(proc: subprocess.CompletedProcess[bytes], what: str) -> None:
    if proc.returncode not in (0, 1):
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise Skip(f"{what} exited {proc.returncode}: " + " | ".join(tail))


def texts_of(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.txt"))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.strip():
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict):
                rows.append(obj)
    return rows


# --------------------------------------------------------------------------- quality


@dataclass
class Quality:
    corpus: Path
    newslint: list[str]
    workdir: Path
    report: Report
    show: int = 2
    findings_cache: dict[str, Path] = field(default_factory=dict)

    def findings(self, name: str) -> Path:
        """Findings JSONL of `newslint check` on one set's texts (run once per set)."""
        if name not in self.findings_cache:
            texts = self.corpus / name / "texts"
            if not texts.is_dir():
                raise Skip(f"{texts} is missing")
            out = self.workdir / f"{name}.jsonl"
            _, proc = run_timed([*self.newslint, *CHECK_ARGS, str(texts)], out)
            check_ok(proc, f"newslint check on {name}")
            self.findings_cache[name] = out
        return self.findings_cache[name]

    def score(self, name: str, tiers: str, categories: str | None = None) -> dict[str, Any]:
        """score.py's JSON summary for one set."""
        scorer = self.corpus / "score.py"
        if not scorer.is_file():
            raise Skip(f"{scorer} is missing")
        labels = self.corpus / name / "labels.jsonl"
        out = self.workdir / f"{name}.{tiers}.{categories or 'labelled'}.score.json"
        cmd = [sys.executable, str(scorer), "--texts", str(self.corpus / name / "texts"), "--labels", str(labels),
               "--findings", str(self.findings(name)), "--tiers", tiers, "--json", str(out)]
        if categories:
            cmd += ["--categories", categories]
        _, proc = run_timed(cmd)
        if proc.returncode != 0 or not out.is_file():
            raise Skip(f"score.py failed on {name}: {proc.stderr.decode('utf-8', 'replace').strip()[-300:]}")
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return result


def run_quality(q: Quality, quick: bool) -> None:
    heading(f"1. Quality on the dev corpus ({q.corpus})")
    say(f"findings: {shlex.join([Path(q.newslint[0]).name, *q.newslint[1:], *CHECK_ARGS])} <set>/texts; scored by score.py")
    say()
    header = f"{'set':<28}{'tiers':<12}{'cat':<12}{'labels':>7}{'found':>6}{'finds':>6}{'TP':>5}{'FP':>5}{'dc':>5}{'prec':>7}{'recall':>7}{'charP':>7}  target"
    say(header)
    say("-" * len(header))
    rows: list[tuple[str, str, dict[str, float]]] = [(n, t, tg) for n, t, tg in TARGET_SETS]
    if not quick:
        rows += [(n, t, {}) for n, t in EXTRA_SETS]
    by_kind: dict[str, dict[str, Any]] = {}
    for name, tiers, targets in rows:
        category = SET_CATEGORY[name.split("-")[0]]
        try:
            summary = q.score(name, tiers)
        except Skip as exc:
            say(f"{name:<28}{tiers:<12}skipped: {exc}")
            for metric in targets:
                q.report.verdicts.append((f"{name} {category} {metric} ({tiers})", None))
            continue
        r = summary["results"].get(category)
        if r is None:
            say(f"{name:<28}{tiers:<12}no {category} labels in this set")
            continue
        q.report.data.setdefault("quality", {})[f"{name}:{tiers}"] = r
        verdicts = []
        for metric, minimum in targets.items():
            value = r[metric]
            ok = value is not None and value >= minimum
            verdicts.append(f"{metric[:4]}>={minimum:.2f} {q.report.verdict(f'{name} {category} {metric} ({tiers})', ok)}")
        say(f"{name:<28}{tiers:<12}{category:<12}{r['labels']:>7}{r['labels_found']:>6}{r['findings']:>6}{r['tp_findings']:>5}"
            f"{r['fp_findings']:>5}{r['dont_care_findings']:>5}{fmt(r['precision']):>7}{fmt(r['recall']):>7}"
            f"{fmt(r['char_precision']):>7}  {', '.join(verdicts)}")
        if name == "duplicate-injected" and tiers == "must":
            by_kind[name] = r["by_kind"]
    for name, kinds in by_kind.items():
        say()
        say(f"recall by kind ({name}, must):")
        for kind, v in sorted(kinds.items(), key=lambda kv: -kv[1]["labels"]):
            say(f"  {kind or '(none)':<28}{v['found']:>5}/{v['labels']:<5}{v['found'] / v['labels']:6.2f}")
    say()
    say("prec/recall: findings / labels (score.py); dc: findings on don't-care labels (tier maybe, or block")
    say("when only must counts); charP: share of flagged characters inside labels.")
    run_clean(q)


def line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def label_span(obj: dict[str, Any], text: str, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    if isinstance(obj.get("start"), int):
        start = obj["start"]
        end = obj["end"] if isinstance(obj.get("end"), int) else start + 1
        return (start, max(end, start + 1))
    if isinstance(obj.get("line"), int) and 1 <= obj["line"] <= len(lines):
        last = obj["end_line"] if isinstance(obj.get("end_line"), int) else obj["line"]
        first_span, last_span = lines[obj["line"] - 1], lines[min(max(last, obj["line"]), len(lines)) - 1]
        return (first_span[0], max(last_span[1], first_span[0] + 1))
    return None


def run_clean(q: Quality) -> None:
    """False positives on the clean set over ALL categories (score.py drops categories its
    labels do not mention): every finding that does not overlap a label of its own category."""
    say()
    say(f"clean set: false positives per 1,000 words, all categories (target <= {CLEAN_MAX_FP_PER_1K})")
    texts_dir = q.corpus / CLEAN_SET / "texts"
    try:
        findings_path = q.findings(CLEAN_SET)
    except Skip as exc:
        say(f"  skipped: {exc}")
        q.report.verdicts.append(("clean FP/1k words, all categories", None))
        return
    root = texts_dir.resolve()
    texts = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8", errors="replace") for p in texts_of(root)}
    by_name = {Path(rel).name: rel for rel in texts}
    words = sum(len(t.split()) for t in texts.values())
    labels: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    labels_file = q.corpus / CLEAN_SET / "labels.jsonl"
    if labels_file.is_file():
        for obj in read_jsonl(labels_file):
            rel = by_name.get(Path(str(obj.get("file", ""))).name)
            span = label_span(obj, texts[rel], line_spans(texts[rel])) if rel else None
            if rel and span:
                labels[(rel, str(obj.get("category")))].append(span)

    def resolve(path: str) -> str | None:
        try:
            return Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            return by_name.get(Path(path).name)

    fp_spans: set[tuple[str, str, int, int]] = set()  # as score.py counts: file, category, span
    per_code: dict[tuple[str, str, str], set[tuple[str, int, int]]] = defaultdict(set)
    true_hits = 0
    for f in read_jsonl(findings_path):
        rel = resolve(str(f.get("path", "")))
        if rel is None or not isinstance(f.get("start"), int):
            continue
        start, end = f["start"], max(f.get("end") or f["start"], f["start"] + 1)
        category = str(f.get("category"))
        if any(max(start, a) < min(end, b) for a, b in labels.get((rel, category), ())):
            true_hits += 1
            continue
        fp_spans.add((rel, category, start, end))
        per_code[(str(f.get("code")), str(f.get("name")), category)].add((rel, start, end))
    rate = 1000.0 * len(fp_spans) / words if words else 0.0
    verdict = q.report.verdict("clean FP/1k words, all categories", rate <= CLEAN_MAX_FP_PER_1K)
    say(f"  files {len(texts)}, words {words}, findings on labelled real errors {true_hits}, false positives {len(fp_spans)}")
    say(f"  ALL categories: {rate:.3f} FP/1k words   target <= {CLEAN_MAX_FP_PER_1K}  {verdict}")
    per_cat = Counter(c for _, c, _, _ in fp_spans)
    for category, n in per_cat.most_common():
        say(f"    {category:<14}{n:>5}  {1000.0 * n / words:.3f} FP/1k words")
    say("  per rule code (distinct spans):")
    for (code, name, category), spans in sorted(per_code.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        say(f"    {code:<7}{name:<36}{category:<12}{len(spans):>5}")
        for rel, start, end in sorted(spans)[: q.show]:
            text = texts[rel]
            snippet = text[start:end] if end - start > 1 else text[max(0, start - 30) : start + 30]
            say(f"           {rel[:12]}…:{text.count(chr(10), 0, start) + 1}  {snippet[:90]!r}")
    q.report.data["clean"] = {"words": words, "false_positives": len(fp_spans), "fp_per_1k_words": rate,
                              "by_category": dict(per_cat), "by_code": {c: len(s) for (c, _, _), s in per_code.items()}}
    # Cross-check against score.py, asked to score every category seen.
    if per_cat:
        try:
            summary = q.score(CLEAN_SET, "must", ",".join(sorted(per_cat)))
            theirs = sum(r["fp_findings"] for r in summary["results"].values())
            note = "agrees" if theirs == len(fp_spans) else f"DISAGREES: {theirs} false positives"
            say(f"  score.py --categories {','.join(sorted(per_cat))}: {note}")
        except Skip as exc:
            say(f"  (score.py cross-check skipped: {exc})")


# --------------------------------------------------------------------------- speed


@dataclass
class Corpus:
    files: list[Path]
    dirs: list[Path]

    @property
    def megabytes(self) -> float:
        return sum(p.stat().st_size for p in self.files) / 1e6


def corpus_texts(corpus: Path) -> Corpus:
    dirs = sorted(d for d in corpus.glob("*/texts") if d.is_dir())
    files = [p for d in dirs for p in texts_of(d)]
    if not files:
        raise Skip(f"no texts under {corpus}/*/texts")
    return Corpus(files, dirs)


def throughput_line(label: str, timings: Sequence[Timing], mb: float, files: int) -> str:
    wall, cpu = median([t.wall for t in timings]), median([t.cpu for t in timings])
    runs = ", ".join(f"{t.wall:.2f}" for t in timings)
    return f"  {label:<32}{wall:>7.2f} s{mb / wall:>7.2f} MB/s{files / wall:>7.1f} art/s  |  cpu {cpu:>6.2f} s{mb / cpu:>6.2f} MB/s  |  wall runs: {runs}"


def run_throughput(newslint: list[str], corpus: Path, repeat: int, per_rule: bool, report: Report) -> None:
    heading("2. Throughput and start-up")
    try:
        texts = corpus_texts(corpus)
    except Skip as exc:
        say(f"corpus throughput skipped: {exc}")
    else:
        mb = texts.megabytes
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
        say(f"texts: {len(texts.files)} files, {mb:.2f} MB (10^6 bytes) from {len(texts.dirs)} sets; median of {repeat} run(s); "
            f"{os.cpu_count()} CPUs, load average {load} (other work on the machine inflates wall time, not cpu time)")
        speed: dict[str, Any] = {"files": len(texts.files), "mb": mb}
        report.data["throughput"] = speed
        try:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "findings.jsonl"
                cmd = [*newslint, *CHECK_ARGS, *map(str, texts.dirs)]
                times = []
                for _ in range(repeat):
                    timing, proc = run_timed(cmd, out)
                    check_ok(proc, "newslint check")
                    times.append(timing)
                n_findings = sum(1 for line in out.open("rb") if line.strip())
            say(throughput_line("newslint check (process)", times, mb, len(texts.files)))
            say(f"  {'':<32}{n_findings} findings")
            speed["process"] = {"wall": median([t.wall for t in times]), "cpu": median([t.cpu for t in times])}
        except Skip as exc:
            say(f"  newslint check skipped: {exc}")
        in_process(texts, repeat, per_rule, speed)
        peers(texts, repeat, speed)
    cold_start(newslint, max(5, repeat * 2), report)


def in_process(texts: Corpus, repeat: int, per_rule: bool, speed: dict[str, Any]) -> None:
    try:
        start = time.perf_counter()
        from newslint.document import Document
        from newslint.engine import Linter
        imported = time.perf_counter()
        linter = Linter()
        built = time.perf_counter()
    except Exception as exc:  # the library is a peer here: report it, do not crash
        say(f"  in-process: newslint cannot be imported or built: {type(exc).__name__}: {exc}")
        return
    docs = [(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in texts.files]
    mb, n = texts.megabytes, len(docs)
    times: list[Timing] = []
    found = 0
    for _ in range(repeat + 1):  # the first pass warms lazy data; it is reported apart
        with timed(times):
            found = sum(len(linter.lint(Document(text))) for _, text in docs)
    say(throughput_line("Linter().lint(Document(text))", times[1:], mb, n))
    say(f"  {'':<32}{found} findings; first (warm-up) pass {times[0].wall:.2f} s; import {1000 * (imported - start):.0f} ms, "
        f"Linter() {1000 * (built - imported):.0f} ms ({len(linter.rules)} rules)")
    library = {"wall": median([t.wall for t in times[1:]]), "cpu": median([t.cpu for t in times[1:]])}
    speed["library"] = library
    if "process" in speed:
        process = speed["process"]
        say(f"  {'':<32}process minus library: wall {process['wall'] - library['wall']:+.2f} s, cpu {process['cpu'] - library['cpu']:+.2f} s "
            "(start-up, reading, config look-up, output)")
    if per_rule:
        rule_cpu(linter, docs, lambda text, _path: Document(text), top=10)


def peers(texts: Corpus, repeat: int, speed: dict[str, Any]) -> None:
    for name, cmd in PEERS.items():
        exe = shutil.which(cmd[0])
        if exe is None:
            say(f"  {'peer ' + name:<34}not installed, skipped")
            continue
        try:
            timings = [run_timed([exe, *cmd[1:], *map(str, texts.dirs)])[0] for _ in range(repeat)]
        except Skip as exc:
            say(f"  {'peer ' + name:<34}skipped: {exc}")
            continue
        say(throughput_line(f"peer {name}", timings, texts.megabytes, len(texts.files)))
        speed[f"peer_{name}"] = {"wall": median([t.wall for t in timings]), "cpu": median([t.cpu for t in timings])}


def cold_start(newslint: list[str], runs: int, report: Report) -> None:
    say()
    if not COLD_START_FILE.is_file():
        say(f"cold start skipped: {COLD_START_FILE} is missing")
        return
    rel = COLD_START_FILE.relative_to(REPO)
    steps: list[tuple[str, list[str]]] = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("python -c 'import newslint.cli'", [sys.executable, "-c", "import newslint.cli"]),
        (f"newslint check {rel}", [*newslint, "check", str(COLD_START_FILE)]),
    ]
    say(f"cold start (median of {runs} runs; the lines above the last show where the time goes):")
    results = {}
    for label, cmd in steps:
        try:
            times = []
            for _ in range(runs):
                timing, proc = run_timed(cmd)
                check_ok(proc, label)
                times.append(timing.wall)
        except Skip as exc:
            say(f"  {label:<58}skipped: {exc}")
            continue
        results[label] = median(times)
        say(f"  {label:<58}{1000 * median(times):>7.0f} ms   (min {1000 * min(times):.0f}, max {1000 * max(times):.0f})")
    report.data["cold_start_ms"] = {k: 1000 * v for k, v in results.items()}


# --------------------------------------------------------------------------- profile


def run_profile(newslint: list[str], corpus: Path, top: int) -> None:
    heading("3. Profile of `newslint check` over the corpus (cProfile, one run)")
    import pstats

    try:
        texts = corpus_texts(corpus)
    except Skip as exc:
        say(f"skipped: {exc}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        prof = Path(tmp) / "check.prof"
        cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "newslint", *CHECK_ARGS, *map(str, texts.dirs)]
        try:
            timing, proc = run_timed(cmd)
            check_ok(proc, "profiled newslint check")
        except Skip as exc:
            say(f"skipped: {exc}")
            return
        stats: Stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in stats.values())
    say(f"{timing.wall:.2f} s under the profiler ({total:.2f} s of profiled time)")
    profile_tables(stats, top)


# --------------------------------------------------------------------------- main


def guarded(report: Report, debug: bool, section: str, fn: Callable[[], None]) -> None:
    """Run a section; an unexpected error becomes one line (or a traceback with --debug)."""
    try:
        fn()
    except Exception as exc:
        if debug:
            traceback.print_exc()
        say(f"!! {section} stopped: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)")
        report.data.setdefault("errors", {})[section] = f"{type(exc).__name__}: {exc}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the labelled dev corpus (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per throughput figure; the median is shown (default: 3)")
    parser.add_argument("--quick", action="store_true", help="one timed run, target sets only, no per-rule timing")
    parser.add_argument("--only", choices=["quality", "speed"], help="run one section only")
    parser.add_argument("--profile", action="store_true", help="also profile `newslint check` over the corpus with cProfile")
    parser.add_argument("--top", type=int, default=15, help="rows per profile table (default: 15)")
    parser.add_argument("--show", type=int, default=2, help="example texts per rule code for the clean-set false positives (default: 2)")
    parser.add_argument("--newslint", metavar="CMD", help="command that starts newslint (default: the console script of this Python)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    repeat = 1 if args.quick else args.repeat
    newslint = newslint_command(args.newslint)
    corpus: Path = args.corpus.resolve()
    report = Report()
    say(f"newslint benchmarks: {shlex.join(newslint)}, Python {sys.version.split()[0]}, repo {REPO}")
    corpus_ok = corpus.is_dir()
    if not corpus_ok:
        say(f"corpus {corpus} not found: quality and corpus throughput are skipped (use --corpus PATH)")

    if args.only in (None, "quality"):
        if corpus_ok:
            with tempfile.TemporaryDirectory() as tmp:
                quality = Quality(corpus, newslint, Path(tmp), report, args.show)
                guarded(report, args.debug, "quality", lambda: run_quality(quality, args.quick))
        else:
            heading("1. Quality on the dev corpus")
            say("skipped: no corpus")
    if args.only in (None, "speed"):
        guarded(report, args.debug, "throughput", lambda: run_throughput(newslint, corpus, repeat, not args.quick, report))
    if args.profile:
        guarded(report, args.debug, "profile", lambda: run_profile(newslint, corpus, args.top))

    if report.verdicts:
        heading("Targets (issue #2)")
        for what, ok in report.verdicts:
            say(f"  {'SKIP' if ok is None else 'PASS' if ok else 'FAIL'}  {what}")
        say(f"  {sum(ok is True for _, ok in report.verdicts)}/{len(report.verdicts)} met")
    if args.json:
        report.data["targets"] = {what: ok for what, ok in report.verdicts}
        args.json.write_text(json.dumps(report.data, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
