#!/usr/bin/env python3
"""Speed of newslint beside the tools a user would otherwise run (issue #7).

    python benchmarks/speed.py               # everything: ~20 MB corpus, 3 interleaved rounds
    python benchmarks/speed.py --quick       # ~2 MB corpus, 1 round, small scaling inputs
    python benchmarks/speed.py --profile     # add a cProfile summary and CPU time per rule
    python benchmarks/speed.py --repeat 5    # more rounds (medians are printed)
    python benchmarks/speed.py --only cold,scaling

What it does, in one run:

1. builds (or reuses, from benchmarks/.cache/) a corpus of about 20 MB in ~5,000 .txt files,
   generated reproducibly (--seed) from seeds/ and ../shared/corpus/*/texts: paragraphs are
   mixed across articles of the same set, numbers and names are varied, lengths follow a
   log-normal spread; the same articles also go into one JSONL dump;
2. installs codespell, typos and proselint from the package registry into its own venv
   (benchmarks/.cache/peers-venv); a peer that cannot be installed is reported and skipped;
3. times, in interleaved rounds (so a burst of load on this shared machine hits every tool
   alike): `newslint check`, each rule family alone, `newslint fix` on a copy, `newslint
   clean --jobs 1` and `--jobs 0` on the dump, codespell, typos (one thread) and proselint;
   wall and CPU time, MB/s, articles/s, peak memory (RSS of the largest process; PSS of the
   whole process tree, the memory really used; and the tree's summed RSS, which counts pages
   shared copy-on-write by forked workers once per process); ratios of each peer to newslint;
4. cold latency on one seed file (newslint check against codespell, ~10 interleaved runs);
5. scaling: `newslint check` on a single-line file and a many-lines file at 1x, 4x and 16x,
   and `newslint clean --jobs 0` on growing JSONL dumps (time and peak memory; the < 300 MB
   target is judged on the peak PSS of the whole tree, summed RSS printed beside it);
6. with --profile: cProfile over the library (Linter().lint) on a sample of the corpus, and
   CPU time per rule.

The issue's targets are printed beside the figures (PASS / FAIL / SKIP). Nothing here decides
CI: the exit status is 0 unless the arguments are unusable (2).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from common import REPO, Stats, TreeMemory, heading, mb_of, median, newslint_command, profile_tables, rule_cpu, say, where

CACHE = REPO / "benchmarks" / ".cache"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
COLD_FILE = REPO / "seeds" / "000_eda8035695bfe255.txt"
CORPUS_VERSION = 1  # bump when the generator changes: the cached corpus is then rebuilt
CHECK_ARGS = ("check", "--exit-zero", "-q", "--output-format", "jsonl")
PEER_PACKAGES = ("codespell", "typos", "proselint")
# Exit codes that mean "ran and reported": codespell 65 and typos 2 when they find typos.
PEER_OK_CODES = {"codespell": frozenset({0, 65}), "typos": frozenset({0, 2}), "proselint": frozenset({0, 1})}

# Targets of issue #7.
MAX_CHECK_VS_CODESPELL = 2.0
MIN_PROSELINT_VS_CHECK = 10.0
MIN_JOBS_SPEEDUP = 1.7
MAX_COLD_VS_CODESPELL = 1.5
MAX_NONLINEAR = 1.2
MAX_CLEAN_PEAK_MB = 300.0


class Skip(Exception):
    """Something this section needs is missing or failed: reported, never a crash."""


# --------------------------------------------------------------------------- output


def note(text: str) -> None:
    """Progress, on stderr: the figures on stdout stay a clean report."""
    print(f"  .. {text}", file=sys.stderr, flush=True)


@dataclass
class Targets:
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # what, target, measured, verdict

    def add(self, what: str, target: str, measured: str, ok: bool | None) -> str:
        verdict = "SKIP" if ok is None else "PASS" if ok else "FAIL"
        self.rows.append((what, target, measured, verdict))
        return verdict


# --------------------------------------------------------------------------- running commands


@dataclass
class Run:
    """One finished process: wall and CPU seconds (its own and its reaped children's), peak
    RSS of its largest process (wait4's ru_maxrss) and, when sampled (every 0.1 s), the peaks
    of the whole process tree (the process, its forkserver and workers): its PSS, each shared
    page divided among the processes that share it (the memory really used), and its summed
    RSS, which counts a page shared copy-on-write by forked workers once in every one of them.
    None where /proc cannot tell."""

    wall: float
    cpu: float
    rss_mb: float
    tree_pss_mb: float | None
    tree_mb: float | None  # summed RSS
    returncode: int
    timed_out: bool
    stderr: str
    out_lines: int = 0


def run_cmd(cmd: Sequence[str], *, out: Path | None = None, timeout: float | None = None, sample: bool = True,
            env: dict[str, str] | None = None, cpu_limit: float | None = None) -> Run:
    """Run a command and measure it. `timeout`: wall seconds; `cpu_limit`: CPU seconds of the
    command's main process (RLIMIT_CPU: unlike wall time, not stretched by other users' load).
    Raises Skip if it cannot start."""
    can_sample = sample and Path("/proc/self/statm").exists()
    with contextlib.ExitStack() as stack:
        stdout: IO[bytes] | int = stack.enter_context(out.open("wb")) if out is not None else subprocess.DEVNULL
        err = stack.enter_context(tempfile.TemporaryFile())
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(list(cmd), stdout=stdout, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True, env=env)
        except OSError as exc:
            raise Skip(f"cannot run {cmd[0]}: {exc}") from exc
        if cpu_limit:
            with contextlib.suppress(OSError, ValueError):
                resource.prlimit(proc.pid, resource.RLIMIT_CPU, (int(cpu_limit) + 1, int(cpu_limit) + 10))
        sampler = TreeMemory(proc.pid) if can_sample else None
        if sampler:
            sampler.start()
        lock, state = threading.Lock(), {"reaped": False, "killed": False}

        def kill() -> None:
            with lock:
                if not state["reaped"]:
                    state["killed"] = True
                    with contextlib.suppress(OSError):
                        os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted (Ctrl-C, SIGTERM): leave nothing running
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
            raise
        wall = time.perf_counter() - start
        with lock:
            state["reaped"] = True
        if timer:
            timer.cancel()
        if state["killed"]:  # the workers of a killed run may still hold the group
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
        proc.returncode = os.waitstatus_to_exitcode(status)
        orphan_cpu, orphan_rss = reap_orphans(proc.pid)
        tree_pss, tree_rss = sampler.finish() if sampler else (None, None)
        err.seek(0)
        tail = err.read()[-3000:].decode("utf-8", "replace")
    lines = 0
    if out is not None and out.exists():
        with out.open("rb") as fh:
            lines = sum(buf.count(b"\n") for buf in iter(lambda: fh.read(1 << 20), b""))
    cpu = usage.ru_utime + usage.ru_stime + orphan_cpu
    over_cpu = cpu_limit is not None and proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL) and cpu >= 0.95 * cpu_limit
    return Run(wall, cpu, max(usage.ru_maxrss, orphan_rss) / 1024, tree_pss, tree_rss, proc.returncode, state["killed"] or over_cpu,
               tail, lines)


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux): a forkserver, and the pool workers it forked, outlive
    the command that started them; adopted, their CPU time and memory are counted (reap_orphans)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(36, 1, 0, 0, 0)) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def reap_orphans(group: int, wait: float = 20.0) -> tuple[float, int]:
    """Reap the descendants adopted after the command ended; their CPU seconds and largest
    ru_maxrss (KB). Waits up to `wait` seconds, then kills the command's process group."""
    cpu, rss, deadline, killed = 0.0, 0, time.monotonic() + wait, False
    while True:
        try:
            pid, _, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return cpu, rss
        if pid == 0:
            if time.monotonic() > deadline:
                if killed:
                    return cpu, rss
                killed, deadline = True, time.monotonic() + 2
                with contextlib.suppress(OSError):
                    os.killpg(group, signal.SIGKILL)
            time.sleep(0.005)
            continue
        cpu += usage.ru_utime + usage.ru_stime
        rss = max(rss, usage.ru_maxrss)


def stderr_tail(run: Run, n: int = 3) -> str:
    return " | ".join(run.stderr.strip().splitlines()[-n:])


# What the memory columns of the tables are, printed under them.
MEMORY_LEGEND = (
    "RSS: peak RSS of the largest single process (wait4's ru_maxrss);",
    "PSS: peak PSS of the whole process tree (the command, a forkserver and its workers), each shared page",
    "  divided among the processes that share it: the memory really used;",
    "sumRSS: peak of the RSS summed over that tree, which counts a page shared copy-on-write by forked workers",
    "  once in every one of them, so it overstates; both sampled every 0.1 s, - where /proc cannot tell.",
)


def memory_legend(indent: str) -> None:
    for line in MEMORY_LEGEND:
        say(indent + line)


def mb_cell(value: float | None, width: int) -> str:
    return f"{value:>{width}.0f}" if value is not None else f"{'-':>{width}}"


# --------------------------------------------------------------------------- corpus

_NUMBER = re.compile(r"(?<![\d.,:/])\d{2,}(?:,\d{3})*(?![\d:/])")
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b")
_NOT_NAMES = frozenset({  # capitalised words that are not names: days, months, page furniture
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Comment", "Comments",
    "Share", "Read", "More", "Related", "Loading", "Advertisement", "Photo", "Subscribe", "Sign", "Click", "Video",
    "Just", "News", "Twitter", "Facebook", "Instagram", "Email", "Print", "Copyright", "English"
})


@dataclass
class Article:
    paragraphs: list[str]
    separator: str
    final_newline: bool


@dataclass
class SourceSet:
    name: str
    articles: list[Article]
    names: list[str]


def split_article(text: str) -> Article | None:
    text = text.replace("\r\n", "\n")
    separator = "\n\n" if "\n\n" in text else "\n"
    parts = [p.strip("\n") for p in text.split(separator)]
    parts = [p for p in parts if p.strip()]
    if len(parts) < 2:
        return None
    return Article(parts, separator, text.endswith("\n"))


def source_files(corpus: Path) -> dict[str, list[Path]]:
    sets: dict[str, list[Path]] = {"seeds": sorted((REPO / "seeds").glob("*.txt"))}
    if corpus.is_dir():
        for texts in sorted(corpus.glob("*/texts")):
            files = sorted(texts.rglob("*.txt"))
            if files:
                sets[texts.parent.name] = files
    return {k: v for k, v in sets.items() if v}


def load_sources(files: dict[str, list[Path]]) -> list[SourceSet]:
    result = []
    for name, paths in files.items():
        articles = [a for a in (split_article(p.read_text(encoding="utf-8", errors="replace")) for p in paths) if a]
        counts: Counter[str] = Counter()
        for article in articles:
            for para in article.paragraphs:
                if len(para) > 80:
                    counts.update(m for m in _NAME.findall(para) if m not in _NOT_NAMES)
        names = sorted(n for n, c in counts.items() if c >= 2)
        if articles:
            result.append(SourceSet(name, articles, names))
    return result


def vary_numbers(text: str, rng: random.Random) -> str:
    """Change counts and amounts, keeping years, days, hours and the digit count."""

    def swap(m: re.Match[str]) -> str:
        raw = m.group()
        value = int(raw.replace(",", ""))
        if value <= 31 or 1900 <= value <= 2099:
            return raw
        digits = len(str(value))
        new = rng.randint(10 ** (digits - 1), 10**digits - 1)
        return f"{new:,}" if "," in raw else str(new)

    return _NUMBER.sub(swap, text)


def vary_names(paragraphs: list[str], pool: list[str], rng: random.Random, most: int = 3) -> list[str]:
    """Rename up to `most` capitalised words of the prose consistently through the article."""
    present = sorted({m for p in paragraphs if len(p) > 80 for m in _NAME.findall(p) if m not in _NOT_NAMES})
    if not present or len(pool) < 10:
        return paragraphs
    mapping: dict[str, str] = {}
    for old in rng.sample(present, min(most, len(present))):
        new = rng.choice(pool)
        if new not in present and new not in mapping.values():
            mapping[old] = new
    if not mapping:
        return paragraphs
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, mapping)) + r")\b")
    return [pattern.sub(lambda m: mapping[m.group()], p) if len(p) > 80 else p for p in paragraphs]


def make_article(rng: random.Random, source: SourceSet, wanted: int) -> str:
    base = rng.choice(source.articles)
    headline, body = base.paragraphs[0], list(base.paragraphs[1:])
    others = source.articles

    def foreign() -> str:
        donor = rng.choice(others).paragraphs
        return donor[rng.randrange(1, len(donor))] if len(donor) > 1 else donor[0]

    body = [foreign() if rng.random() < 0.25 else p for p in body]  # mixed across articles of the set
    if len(body) > 3 and rng.random() < 0.3:
        i, j = rng.sample(range(len(body)), 2)
        body[i], body[j] = body[j], body[i]
    size = len(headline)
    kept: list[str] = []
    for para in body:
        if size > wanted and len(kept) >= 2:
            break
        kept.append(para)
        size += len(para) + len(base.separator)
    while size < wanted * 0.8:
        para = foreign()
        kept.append(para)
        size += len(para) + len(base.separator)
    paragraphs = vary_names([headline, *kept], source.names, rng)
    text = base.separator.join(paragraphs) + ("\n" if base.final_newline else "")
    return vary_numbers(text, rng)


@dataclass
class Corpus:
    root: Path
    files: list[Path]
    dump: Path
    bytes: int
    sets: dict[str, int]

    @property
    def texts(self) -> Path:
        return self.root / "texts"

    @property
    def mb(self) -> float:
        return mb_of(self.bytes)


def corpus_key(files: dict[str, list[Path]], seed: int, size: int, count: int) -> str:
    digest = hashlib.sha256(f"{CORPUS_VERSION}:{seed}:{size}:{count}".encode())
    for name, paths in files.items():
        for p in paths:
            st = p.stat()
            digest.update(f"{name}/{p.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


def build_corpus(corpus: Path, size_mb: float, count: int, seed: int) -> Corpus:
    files = source_files(corpus)
    if not files:
        raise Skip(f"no source texts: neither {REPO / 'seeds'} nor {corpus}/*/texts has .txt files")
    size = int(size_mb * 1e6)
    key = corpus_key(files, seed, size, count)
    root = CACHE / f"corpus-{size_mb:g}MB-{count}-{key}"
    manifest = root / "manifest.json"
    if manifest.is_file():
        info = json.loads(manifest.read_text(encoding="utf-8"))
        paths = [root / rel for rel in info["files"]]
        if all(p.is_file() for p in paths) and (root / "dump.jsonl").is_file():
            say(f"corpus: reusing {root.relative_to(REPO)}")
            return Corpus(root, paths, root / "dump.jsonl", info["bytes"], info["sets"])
    started = time.perf_counter()
    note(f"building the corpus in {root.relative_to(REPO)} ...")
    sources = load_sources(files)
    weights = [len(s.articles) for s in sources]
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=CACHE))
    written, rels, per_set = 0, list[str](), Counter[str]()
    sigma = 0.6
    try:
        with (tmp / "dump.jsonl").open("w", encoding="utf-8", newline="\n") as dump:
            for i in range(count):
                rng = random.Random(f"{seed}:{i}")
                source = rng.choices(sources, weights)[0]
                mean = max(400.0, (size - written) / (count - i))
                wanted = int(min(8 * mean, max(300.0, mean * rng.lognormvariate(0, sigma) / (2.718281828 ** (sigma * sigma / 2)))))
                text = make_article(rng, source, wanted)
                data = text.encode("utf-8", "replace")
                rel = f"texts/{source.name}/{i:05d}.txt"
                (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                (tmp / rel).write_bytes(data)
                written += len(data)
                rels.append(rel)
                per_set[source.name] += 1
                site = f"news{rng.randrange(40):02d}.example"
                slug = "-".join(re.findall(r"[a-z0-9]+", text.split("\n", 1)[0].lower())[:6]) or "story"
                record = {"id": f"{source.name}/{i:05d}", "url": f"https://www.{site}/{2018 + i % 7}/{slug}-{i}", "text": text}
                dump.write(json.dumps(record, ensure_ascii=False) + "\n")
        info = {"version": CORPUS_VERSION, "seed": seed, "bytes": written, "files": rels, "sets": dict(per_set),
                "sources": {k: len(v) for k, v in files.items()}}
        (tmp / "manifest.json").write_text(json.dumps(info) + "\n", encoding="utf-8")
        for stale in CACHE.glob(f"corpus-{size_mb:g}MB-{count}-*"):
            shutil.rmtree(stale, ignore_errors=True)
        tmp.rename(root)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    say(f"corpus: built {root.relative_to(REPO)} in {time.perf_counter() - started:.1f} s")
    return Corpus(root, [root / r for r in rels], root / "dump.jsonl", written, dict(per_set))


def corpus_texts(corpus: Corpus) -> Iterator[str]:
    for path in corpus.files:
        yield path.read_text(encoding="utf-8", errors="replace")


# --------------------------------------------------------------------------- peers


@dataclass
class Peers:
    exe: dict[str, Path] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


def install_peers(venv: Path, install: bool) -> Peers:
    """Create the benchmark-only venv and pip install each peer into it (each on its own, so
    one failure does not stop the others). Reuses what is already there."""
    peers = Peers()
    python = venv / "bin" / "python"
    if not python.exists() and install:
        note(f"creating {venv} ...")
        try:
            proc = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, timeout=300)
            if proc.returncode != 0:
                raise Skip(proc.stderr.strip()[-300:])
        except (OSError, subprocess.SubprocessError, Skip) as exc:
            for name in PEER_PACKAGES:
                peers.problems[name] = f"cannot create the venv {venv}: {exc}"
            return peers
    for name in PEER_PACKAGES:
        exe = venv / "bin" / name
        if not exe.exists() and install and python.exists():
            note(f"pip install {name} into {venv.name} ...")
            try:
                proc = subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", name],
                                      capture_output=True, text=True, timeout=900)
                if proc.returncode != 0:
                    lines = [ln for ln in proc.stderr.strip().splitlines() if "WARNING" not in ln]
                    peers.problems[name] = f"pip install {name} failed: " + " | ".join(lines[-3:])
                    continue
            except (OSError, subprocess.SubprocessError) as exc:
                peers.problems[name] = f"pip install {name} failed: {exc}"
                continue
        if not exe.exists():
            peers.problems.setdefault(name, f"not installed in {venv} (run without --no-install)")
            continue
        try:
            version_cmd = [str(exe), "version"] if name == "proselint" else [str(exe), "--version"]
            proc = subprocess.run(version_cmd, capture_output=True, text=True, timeout=60)
            peers.versions[name] = (proc.stdout + proc.stderr).strip().splitlines()[-1] if proc.returncode == 0 else "?"
        except (OSError, subprocess.SubprocessError, IndexError) as exc:
            peers.problems[name] = f"{exe} does not start: {exc}"
            continue
        peers.exe[name] = exe
    return peers


def own_venv_newslint(venv: Path) -> list[str]:
    """newslint installed from this checkout into a venv of its own, as `pip install .` gives
    a user: its dependencies only, its modules compiled by pip. The peers are timed from a venv
    too, and a development environment can be slower to start (its test tools' .pth files run
    at every start). The first run installs the dependencies; later runs reinstall newslint only."""
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    try:
        if not python.exists():
            note(f"creating {venv} and installing newslint with its dependencies ...")
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
            subprocess.run([*pip, str(REPO)], check=True, capture_output=True, timeout=1800)
        else:
            note(f"reinstalling newslint from {REPO} into {venv.name} ...")
            subprocess.run([*pip, "--no-deps", "--force-reinstall", str(REPO)], check=True, capture_output=True, timeout=900)
    except (OSError, subprocess.SubprocessError) as exc:
        stderr = getattr(exc, "stderr", None) or b""
        raise SystemExit(f"speed.py: cannot install newslint into {venv}: {exc} {stderr.decode(errors='replace')[-300:]}") from None
    return [str(venv / "bin" / "newslint")]


def peer_command(name: str, exe: Path, target: Path) -> list[str]:
    if name == "typos":  # one thread, like the others; the corpus sits in a git-ignored folder
        return [str(exe), "--threads", "1", "--no-ignore", "--hidden", "--format", "brief", str(target)]
    if name == "proselint":
        return [str(exe), "check", "--output-format", "compact", str(target)]
    return [str(exe), "--check-hidden", str(target)]


# --------------------------------------------------------------------------- throughput


@dataclass
class Task:
    label: str
    cmd: list[str]
    mb: float
    articles: int
    ok_codes: frozenset[int] = frozenset({0, 1})
    kind: str = "newslint"
    prepare: Callable[[], None] | None = None
    runs: list[Run] = field(default_factory=list)  # the timed runs (memory not sampled)
    memory: Run | None = None  # the untimed run whose process tree was sampled
    error: str | None = None

    def wall(self) -> float:
        return median([r.wall for r in self.runs])

    def cpu(self) -> float:
        return median([r.cpu for r in self.runs])


def run_rounds(tasks: Sequence[Task], repeat: int, workdir: Path, timeout: float | None) -> None:
    """A first round, untimed, measures memory: the process tree of each task is sampled (see
    TreeMemory). Then the timed rounds, with no sampling: reading /proc/PID/smaps_rollup walks
    the page tables of every process of the tree every 0.1 s, which slowed a 2-worker
    `newslint check` of the corpus by ~14% (12.4 s wall against 10.9) and codespell by ~7%. Every
    task runs once per round, rounds one after the other: load that comes and goes hits every
    task alike, and the medians are comparable."""
    for round_no in range(0, repeat + 1):
        began = time.perf_counter()
        name = "memory round (sampled, untimed)" if round_no == 0 else f"round {round_no}/{repeat}"
        for task in tasks:
            if task.error:
                continue
            if task.prepare:
                task.prepare()
            try:
                run = run_cmd(task.cmd, out=workdir / "out.txt", timeout=timeout, sample=round_no == 0)
            except Skip as exc:
                task.error = str(exc)
                continue
            note(f"{name}: {task.label:<36} {run.wall:7.2f} s wall {run.cpu:7.2f} s cpu")
            if run.timed_out:
                task.error = f"stopped after {timeout:.0f} s"
            elif run.returncode not in task.ok_codes:
                task.error = f"exit {run.returncode}: {stderr_tail(run)}"
            elif round_no == 0:
                task.memory = run
            else:
                task.runs.append(run)
        note(f"{name} took {time.perf_counter() - began:.0f} s")


def peak_rss_mb(task: Task) -> float:
    """The largest single process's peak RSS over all the task's runs (wait4: no sampling)."""
    return max(r.rss_mb for r in [*task.runs, *([task.memory] if task.memory else [])])


def task_row(task: Task) -> str:
    if not task.runs:
        return f"  {task.label:<34}{'skipped: ' + (task.error or 'no run')}"
    wall, cpu = task.wall(), task.cpu()
    rss = peak_rss_mb(task)
    pss = mb_cell(task.memory.tree_pss_mb if task.memory else None, 6)
    summed = mb_cell(task.memory.tree_mb if task.memory else None, 7)
    runs = " ".join(f"{r.wall:.1f}" for r in task.runs)
    return (f"  {task.label:<34}{wall:>7.2f}{task.mb / wall:>7.2f}{task.articles / wall:>8.0f}{cpu:>8.2f}{task.mb / cpu:>7.2f}"
            f"{rss:>6.0f}{pss}{summed}{task.runs[-1].out_lines:>8}  {runs}")


def rule_categories(newslint: list[str]) -> list[str]:
    proc = subprocess.run([*newslint, "rules", "--output-format", "json"], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise Skip(f"newslint rules failed: {proc.stderr.strip()[-200:]}")
    rules = json.loads(proc.stdout)
    return sorted({str(r["category"]) for r in rules if not r.get("preview")})


def clean_available(newslint: list[str]) -> tuple[bool, str]:
    try:
        proc = subprocess.run([*newslint, "clean", "--help"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        return False, str(exc)
    if proc.returncode != 0:
        return False, (proc.stderr.strip().splitlines() or ["no such command"])[-1]
    return True, proc.stdout


def clean_command(newslint: list[str], help_text: str, source: Path, out: Path, jobs: int) -> list[str]:
    cmd = [*newslint, "clean", str(source), "--output", str(out), "--jobs", str(jobs)]
    if "--no-progress" in help_text:
        cmd.append("--no-progress")
    if "--quiet" in help_text:
        cmd.append("-q")
    return cmd


def throughput(newslint: list[str], corpus: Corpus, peers: Peers, repeat: int, families: bool, timeout: float | None,
               targets: Targets, data: dict[str, Any]) -> None:
    heading("Throughput on the corpus")
    n = len(corpus.files)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    say(f"{n} files, {corpus.mb:.2f} MB (10^6 bytes); JSONL dump {mb_of(corpus.dump.stat().st_size):.2f} MB; "
        f"{repeat} interleaved round(s), medians; {os.cpu_count()} CPUs, load average {load}")
    with tempfile.TemporaryDirectory(prefix="newslint-speed-") as tmp_name:
        tmp = Path(tmp_name)
        texts = str(corpus.texts)
        tasks = [Task("newslint check (default rules)", [*newslint, *CHECK_ARGS, texts], corpus.mb, n),
                 Task("newslint check --jobs 1", [*newslint, *CHECK_ARGS, "--jobs", "1", texts], corpus.mb, n)]
        if families:
            try:
                for category in rule_categories(newslint):
                    tasks.append(Task(f"  --select {category}", [*newslint, *CHECK_ARGS, "--select", category, texts], corpus.mb, n))
            except (Skip, OSError, subprocess.SubprocessError, ValueError) as exc:
                say(f"rule families skipped: {exc}")
        copy = tmp / "fix-copy"

        def fresh_copy() -> None:
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(corpus.texts, copy)

        tasks.append(Task("newslint fix (on a copy)", [*newslint, "fix", "-q", str(copy)], corpus.mb, n, prepare=fresh_copy))
        has_clean, help_text = clean_available(newslint)
        dump_mb = mb_of(corpus.dump.stat().st_size)
        if has_clean:
            for jobs in (1, 0):
                out = tmp / f"clean-j{jobs}.jsonl"
                tasks.append(Task(f"newslint clean --jobs {jobs} (JSONL)", clean_command(newslint, help_text, corpus.dump, out, jobs),
                                  dump_mb, n, ok_codes=frozenset({0})))
        for name in PEER_PACKAGES:
            if name in peers.exe:
                tasks.append(Task(f"{name} ({peers.versions.get(name, '?')})"[:34], peer_command(name, peers.exe[name], corpus.texts),
                                  corpus.mb, n, ok_codes=PEER_OK_CODES[name], kind=name))
        if "typos" in peers.exe:
            listed = subprocess.run([str(peers.exe["typos"]), "--no-ignore", "--hidden", "--files", texts],
                                    capture_output=True, text=True, timeout=300).stdout.count("\n")
            if listed != n:
                say(f"warning: typos would read {listed} files of {n}")
        run_rounds(tasks, repeat, tmp, timeout)
        shutil.rmtree(copy, ignore_errors=True)
    say()
    say(f"  {'command':<34}{'wall s':>7}{'MB/s':>7}{'art/s':>8}{'cpu s':>8}{'MB/s':>7}{'RSS':>6}{'PSS':>6}{'sumRSS':>7}{'out':>8}"
        "  wall of each run (s)")
    say(f"  {'':<34}{'(median)':>7}{'wall':>7}{'wall':>8}{'':>8}{'cpu':>7}{'MB':>6}{'MB':>6}{'MB':>7}{'lines':>8}")
    for task in tasks:
        say(task_row(task))
    memory_legend("  ")
    say("  out lines: findings (newslint) or reported lines (peers), last run; PSS and sumRSS: the untimed memory round's")
    say("  peaks (sampling slows the command); RSS: the peak over every run.")
    if not has_clean:
        say(f"  newslint clean: not available in this build ({help_text.strip()[:120]}): skipped")
    for name, problem in peers.problems.items():
        say(f"  {name}: skipped: {problem}")
    data["throughput"] = {t.label.strip(): {"wall": t.wall() if t.runs else None, "cpu": t.cpu() if t.runs else None,
                                            "rss_mb": peak_rss_mb(t) if t.runs else None,
                                            "tree_pss_mb": t.memory.tree_pss_mb if t.memory else None,
                                            "tree_mb": t.memory.tree_mb if t.memory else None,
                                            "runs": [r.wall for r in t.runs], "error": t.error} for t in tasks}
    ratios(tasks, has_clean, peers, targets)


def ratios(tasks: Sequence[Task], has_clean: bool, peers: Peers, targets: Targets) -> None:
    by_label = {t.label: t for t in tasks if t.runs}
    check = by_label.get("newslint check (default rules)")
    by_kind = {t.kind: t for t in tasks if t.runs and t.kind != "newslint"}
    say()
    say("Ratios (peer time / newslint check time; below 1: the peer is faster):")
    if check:
        for name in PEER_PACKAGES:
            peer = by_kind.get(name)
            if peer is None:
                say(f"  {name:<10} not measured")
                continue
            w, c = peer.wall() / check.wall(), peer.cpu() / check.cpu()
            words = f"newslint takes {1 / w:.1f}x {name}'s time" if w < 1 else f"newslint is {w:.1f}x faster than {name}"
            say(f"  {name:<10} wall {w:6.2f}   cpu {c:6.2f}   ({words})")
    else:
        say("  newslint check not measured")
    codespell, proselint = by_kind.get("codespell"), by_kind.get("proselint")
    one_core = by_label.get("newslint check --jobs 1")
    if one_core and codespell:
        say(f"  check --jobs 1 (one core) takes {one_core.wall() / codespell.wall():.2f}x codespell's wall time "
            f"({one_core.cpu() / codespell.cpu():.2f}x its CPU); proselint takes "
            + (f"{proselint.wall() / one_core.wall():.2f}x check --jobs 1's" if proselint else "(not measured)"))
    if check and codespell:
        w, c = check.wall() / codespell.wall(), check.cpu() / codespell.cpu()
        targets.add("check <= 2x codespell (wall)", f"<= {MAX_CHECK_VS_CODESPELL:g}x", f"{w:.2f}x (cpu {c:.2f}x)", w <= MAX_CHECK_VS_CODESPELL)
    else:
        targets.add("check <= 2x codespell (wall)", f"<= {MAX_CHECK_VS_CODESPELL:g}x", "not measured", None)
    if check and proselint:
        w, c = proselint.wall() / check.wall(), proselint.cpu() / check.cpu()
        targets.add("check >= 10x faster than proselint", f">= {MIN_PROSELINT_VS_CHECK:g}x", f"{w:.2f}x (cpu {c:.2f}x)", w >= MIN_PROSELINT_VS_CHECK)
    else:
        targets.add("check >= 10x faster than proselint", f">= {MIN_PROSELINT_VS_CHECK:g}x", "not measured", None)
    j1, j0 = by_label.get("newslint clean --jobs 1 (JSONL)"), by_label.get("newslint clean --jobs 0 (JSONL)")
    if j1 and j0:
        speedup = j1.wall() / j0.wall()
        cores = os.cpu_count() or 1
        say(f"  clean --jobs 0 vs --jobs 1: x{speedup:.2f} wall; --jobs 0 spends {j0.cpu() / j1.cpu():.2f}x --jobs 1's CPU (all processes), "
            f"so on {cores} idle cores it could reach at most x{cores * j1.cpu() / j0.cpu():.2f}")
        targets.add("clean --jobs 0 >= 1.7x faster than --jobs 1", f">= {MIN_JOBS_SPEEDUP:g}x", f"{speedup:.2f}x", speedup >= MIN_JOBS_SPEEDUP)
    else:
        why = "clean not available" if not has_clean else "clean failed"
        targets.add("clean --jobs 0 >= 1.7x faster than --jobs 1", f">= {MIN_JOBS_SPEEDUP:g}x", why, None)


# --------------------------------------------------------------------------- cold start


def cold(newslint: list[str], peers: Peers, runs: int, targets: Targets, data: dict[str, Any]) -> float | None:
    """Median cold wall time of newslint check and the peers on one seed file, interleaved.
    Returns newslint's median CPU time (its start-up cost, used by the scaling section)."""
    heading(f"Cold start on one file ({COLD_FILE.relative_to(REPO)}, {COLD_FILE.stat().st_size:,} bytes), median of {runs} runs")
    steps: list[tuple[str, list[str], frozenset[int]]] = [
        ("python -c pass", [sys.executable, "-c", "pass"], frozenset({0})),
        ("python -c 'import newslint'", [sys.executable, "-c", "import newslint"], frozenset({0})),
        ("newslint --help", [*newslint, "--help"], frozenset({0})),
        ("newslint check FILE", [*newslint, "check", str(COLD_FILE)], frozenset({0, 1})),
    ]
    for name in PEER_PACKAGES:
        if name in peers.exe:
            steps.append((f"{name} FILE", peer_command(name, peers.exe[name], COLD_FILE), PEER_OK_CODES[name]))
    results: dict[str, list[Run]] = defaultdict(list)
    failed: dict[str, str] = {}
    for _ in range(runs):
        for label, cmd, ok in steps:
            if label in failed:
                continue
            try:
                run = run_cmd(cmd, sample=False, timeout=120)
            except Skip as exc:
                failed[label] = str(exc)
                continue
            if run.returncode not in ok:
                failed[label] = f"exit {run.returncode}: {stderr_tail(run)}"
            else:
                results[label].append(run)
    say(f"  {'command':<30}{'wall ms':>9}{'min':>7}{'max':>7}{'cpu ms':>8}{'RSS MB':>8}")
    for label, _, _ in steps:
        if label in failed:
            say(f"  {label:<30}skipped: {failed[label]}")
            continue
        walls = [r.wall * 1000 for r in results[label]]
        say(f"  {label:<30}{median(walls):>9.0f}{min(walls):>7.0f}{max(walls):>7.0f}{median([r.cpu * 1000 for r in results[label]]):>8.0f}"
            f"{max(r.rss_mb for r in results[label]):>8.0f}")
    data["cold_ms"] = {k: median([r.wall * 1000 for r in v]) for k, v in results.items()}
    ours, theirs = results.get("newslint check FILE"), results.get("codespell FILE")
    if ours and theirs:
        w = median([r.wall for r in ours]) / median([r.wall for r in theirs])
        c = median([r.cpu for r in ours]) / median([r.cpu for r in theirs])
        targets.add("cold check <= 1.5x codespell's cold", f"<= {MAX_COLD_VS_CODESPELL:g}x", f"{w:.2f}x (cpu {c:.2f}x)", w <= MAX_COLD_VS_CODESPELL)
    else:
        targets.add("cold check <= 1.5x codespell's cold", f"<= {MAX_COLD_VS_CODESPELL:g}x", "not measured", None)
    return median([r.cpu for r in ours]) if ours else None


# --------------------------------------------------------------------------- scaling


def _wrap(paragraph: str, width: int = 72) -> list[str]:
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def corpus_cycles(corpus: Corpus, seed: int) -> Iterator[str]:
    """The corpus's articles, then again with other numbers, and so on without end."""
    cycle = 0
    while True:
        rng = random.Random(f"{seed}:cycle:{cycle}")
        for text in corpus_texts(corpus):
            yield text if cycle == 0 else vary_numbers(text, rng)
        cycle += 1


def single_line_file(corpus: Corpus, size: int, seed: int, folder: Path) -> Path:
    """Articles joined into one line of `size` bytes (plus a final newline)."""
    path = folder / f"single-line-{size}.txt"
    if path.is_file():
        return path
    parts, total = [], 0
    for text in corpus_cycles(corpus, seed):
        piece = " ".join(text.split("\n")).strip() + " "
        parts.append(piece)
        total += len(piece.encode("utf-8"))
        if total >= size:
            break
    data = "".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore").rstrip() + "\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(data, encoding="utf-8", newline="\n")
    tmp.rename(path)
    return path


def many_lines_file(corpus: Corpus, lines: int, seed: int, folder: Path) -> Path:
    """Articles hard-wrapped at 72 columns, paragraphs apart by a blank line, `lines` lines."""
    path = folder / f"many-lines-{lines}.txt"
    if path.is_file():
        return path
    tmp = path.with_suffix(".tmp")
    written = 0
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        for text in corpus_cycles(corpus, seed):
            article = split_article(text)
            if article is None:
                continue
            for para in article.paragraphs:
                chunk = [*_wrap(para), ""]
                chunk = chunk[: lines - written]
                out.write("\n".join(chunk) + "\n")
                written += len(chunk)
                if written >= lines:
                    break
            if written >= lines:
                break
    tmp.rename(path)
    return path


def big_jsonl(corpus: Corpus, size: int, seed: int, folder: Path) -> Path:
    """The dump's records, cycled with other numbers and ids, to `size` bytes."""
    path = folder / f"dump-{size}.jsonl"
    if path.is_file():
        return path
    tmp = path.with_suffix(".tmp")
    total, number = 0, 0
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        cycle = 0
        while total < size:
            rng = random.Random(f"{seed}:jsonl:{cycle}")
            with corpus.dump.open(encoding="utf-8") as src:
                for line in src:
                    record = json.loads(line)
                    if cycle:
                        record["text"] = vary_numbers(record["text"], rng)
                        record["id"] = f"{record['id']}-c{cycle}"
                        record["url"] = f"{record['url']}-c{cycle}"
                    text = json.dumps(record, ensure_ascii=False) + "\n"
                    out.write(text)
                    total += len(text.encode("utf-8"))
                    number += 1
                    if total >= size:
                        break
            cycle += 1
    tmp.rename(path)
    return path


@dataclass
class Step:
    label: str
    size_mb: float
    run: Run | None
    note: str = ""


def series(label: str, steps: Sequence[tuple[str, Callable[[], Path]]], command: Callable[[Path], list[str]], timeout: float,
           ok: frozenset[int], cpu_limited: bool) -> list[Step]:
    """Run the command on each input in turn; stop at the first that does not finish in time:
    `timeout` CPU seconds (and 4x that in wall seconds) when `cpu_limited`, else wall seconds."""
    done: list[Step] = []
    for step_label, make in steps:
        if done and (done[-1].run is None or done[-1].run.timed_out):
            done.append(Step(step_label, float("nan"), None, "not run (the smaller input did not finish)"))
            continue
        note(f"{label}: preparing {step_label} ...")
        path = make()
        size = mb_of(path.stat().st_size)
        note(f"{label}: {step_label}, {size:.1f} MB (limit {timeout:.0f} s {'cpu' if cpu_limited else 'wall'}) ...")
        with tempfile.TemporaryDirectory(prefix="newslint-scale-") as tmp:
            try:
                if cpu_limited:
                    run = run_cmd(command(path), out=Path(tmp) / "out.txt", timeout=4 * timeout, cpu_limit=timeout)
                else:
                    run = run_cmd(command(path), out=Path(tmp) / "out.txt", timeout=timeout)
            except Skip as exc:
                done.append(Step(step_label, size, None, str(exc)))
                continue
        extra = ""
        if not run.timed_out and run.returncode not in ok:
            extra = f"exit {run.returncode}: {stderr_tail(run, 2)}"
        done.append(Step(step_label, size, run, extra))
    return done


def net_cpu_per_mb(step: Step, startup_cpu: float) -> float | None:
    """None for a run that is no measurement: never made, stopped at the limit, or failed (a
    note says how; a failed run's time says nothing of the input's size)."""
    if step.run is None or step.run.timed_out or step.note:
        return None
    return max(step.run.cpu - startup_cpu, 1e-6) / step.size_mb


def show_series(title: str, steps: Sequence[Step], startup_cpu: float, limit: str) -> tuple[bool | None, str]:
    """Print a series; the verdict compares net CPU per MB of the largest input with the
    smallest's. A run stopped at the limit gives a lower bound: FAIL if even that is over 20%,
    else no verdict (SKIP)."""
    say()
    say(title)
    say(f"    {'input':<22}{'MB':>7}{'wall s':>9}{'cpu s':>9}{'cpu s/MB':>10}{'net s/MB':>10}{'RSS MB':>8}{'PSS MB':>8}{'sumRSS MB':>10}"
        f"{'out':>9}")
    for step in steps:
        run = step.run
        if run is None:
            size = "-" if step.size_mb != step.size_mb else f"{step.size_mb:.2f}"  # NaN: never made
            say(f"    {step.label:<22}{size:>7}  {step.note}")
            continue
        if run.timed_out:
            say(f"    {step.label:<22}{step.size_mb:>7.2f}  stopped at the limit ({limit}): wall {run.wall:.0f} s, cpu {run.cpu:.0f} s, "
                f"so at least {max(run.cpu - startup_cpu, 0) / step.size_mb:.2f} net cpu s/MB; peak RSS {run.rss_mb:.0f} MB, "
                f"PSS {mb_cell(run.tree_pss_mb, 0)} MB, sumRSS {mb_cell(run.tree_mb, 0)} MB")
            continue
        per = net_cpu_per_mb(step, startup_cpu)
        say(f"    {step.label:<22}{step.size_mb:>7.2f}{run.wall:>9.2f}{run.cpu:>9.2f}{run.cpu / step.size_mb:>10.3f}"
            f"{per or 0:>10.3f}{run.rss_mb:>8.0f}{mb_cell(run.tree_pss_mb, 8)}{mb_cell(run.tree_mb, 10)}{run.out_lines:>9}  {step.note}")
    first = steps[0]
    base = net_cpu_per_mb(first, startup_cpu)
    if base is None:
        why = f"did not finish within {limit}" if first.run is not None and first.run.timed_out else (first.note or "failed")
        return None, f"{first.label} {why}"
    finished = [s for s in steps if net_cpu_per_mb(s, startup_cpu) is not None]
    top = finished[-1]
    growth = (net_cpu_per_mb(top, startup_cpu) or 0.0) / base
    rest = steps[steps.index(top) + 1 :]
    if not rest:
        verdict = "linear within 20%" if growth <= MAX_NONLINEAR else "NOT linear"
        raw = (top.run.cpu / top.size_mb) / (first.run.cpu / first.size_mb) if top.run and first.run else float("nan")
        say(f"    cpu per MB (net of {startup_cpu:.2f} s start-up), {top.label} vs {first.label}: x{growth:.2f}: {verdict} "
            f"(gross cpu per MB: x{raw:.2f})")
        return growth <= MAX_NONLINEAR, f"x{growth:.2f} cpu/MB {top.label} vs {first.label}"
    nxt = rest[0]
    if nxt.run is not None and nxt.run.timed_out:
        lower = max(nxt.run.cpu - startup_cpu, 0.0) / nxt.size_mb / base
        if max(lower, growth) > MAX_NONLINEAR:
            why = f">= x{lower:.2f} cpu/MB at {nxt.label} (stopped at {limit})" if lower >= growth else f"x{growth:.2f} cpu/MB at {top.label}"
            say(f"    cpu per MB vs {first.label}: {why}: NOT linear")
            return False, f"{why} vs {first.label}"
        return None, f"x{growth:.2f} cpu/MB up to {top.label}; {nxt.label} stopped at {limit} before it could tell"
    return None, f"x{growth:.2f} cpu/MB up to {top.label}; {nxt.label}: {nxt.note or 'failed'}"


def scaling(newslint: list[str], corpus: Corpus, seed: int, base_mb: float, base_lines: int, timeout: float, startup_cpu: float,
            targets: Targets, data: dict[str, Any]) -> None:
    heading("Scaling of `newslint check` (1x, 4x, 16x)")
    folder = CACHE / f"scale-{corpus.root.name}"
    folder.mkdir(parents=True, exist_ok=True)
    say(f"inputs in {folder.relative_to(REPO)}; one run each, stopped after {timeout:.0f} cpu s (or {4 * timeout:.0f} wall s); "
        f"start-up cpu {startup_cpu:.2f} s (cold check of one seed) is taken off before dividing by size")

    def check(path: Path) -> list[str]:
        return [*newslint, *CHECK_ARGS, str(path)]

    ok = frozenset({0, 1})
    results: dict[str, Any] = {}
    for kind, base in (("single line", base_mb), ("many lines", float(base_lines))):
        for attempt in range(2):
            factor = 1.0 if attempt == 0 else 1 / 16
            unit = base * factor
            if kind == "single line":
                steps = [(f"1 line x {unit * k:g} MB", (lambda k=k, u=unit: single_line_file(corpus, int(u * k * 1e6), seed, folder)))
                         for k in (1, 4, 16)]
            else:
                steps = [(f"{int(unit * k):,} lines", (lambda k=k, u=unit: many_lines_file(corpus, int(u * k), seed, folder)))
                         for k in (1, 4, 16)]
            done = series(kind, steps, check, timeout, ok, cpu_limited=True)
            title = f"  {kind}: " + ", ".join(s.label for s in done) + ("" if attempt == 0 else "  (retried at 1/16 of the size)")
            linear, why = show_series(title, done, startup_cpu, f"{timeout:.0f} cpu s")
            results[f"{kind} {attempt}"] = [{"input": s.label, "mb": s.size_mb, "wall": s.run.wall if s.run else None,
                                            "cpu": s.run.cpu if s.run else None, "timed_out": s.run.timed_out if s.run else None}
                                           for s in done]
            targets.add(f"check time linear, {kind}{'' if attempt == 0 else ' (1/16 size)'}", "within 20%", why, linear)
            if done[0].run is not None and not done[0].run.timed_out:
                break
            say(f"    the 1x input did not finish in {timeout:.0f} cpu s: trying again at 1/16 of the size to show the growth")
    say()
    memory_legend("  ")
    data["scaling"] = results


def clean_memory(newslint: list[str], corpus: Corpus, seed: int, largest_mb: float, timeout: float, startup_cpu: float,
                 targets: Targets, data: dict[str, Any]) -> None:
    heading("`newslint clean --jobs 0` on growing JSONL dumps: time and peak memory")
    has_clean, help_text = clean_available(newslint)
    if not has_clean:
        say(f"skipped: `newslint clean` is not available in this build ({help_text.strip()[:120]})")
        targets.add("clean peak memory < 300 MB (large JSONL)", f"< {MAX_CLEAN_PEAK_MB:g} MB", "clean not available", None)
        return
    folder = CACHE / f"scale-{corpus.root.name}"
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [largest_mb / 16, largest_mb / 4, largest_mb]
    say(f"the issue asks for 1 GB; this run uses {', '.join(f'{s:g}' for s in sizes)} MB (--clean-mb sets the largest): "
        "memory must stay flat as the dump grows, time must grow linearly")
    with tempfile.TemporaryDirectory(prefix="newslint-clean-") as tmp:
        out = Path(tmp) / "out.jsonl"

        def command(path: Path) -> list[str]:
            out.unlink(missing_ok=True)
            return clean_command(newslint, help_text, path, out, 0)

        steps = [(f"{s:g} MB dump", (lambda s=s: big_jsonl(corpus, int(s * 1e6), seed, folder))) for s in sizes]
        done = series("clean", steps, command, timeout * 4, frozenset({0}), cpu_limited=False)
    linear, why = show_series("  " + ", ".join(s.label for s in done), done, startup_cpu, f"{timeout * 4:.0f} wall s")
    targets.add(f"clean time linear, {sizes[0]:g} to {sizes[-1]:g} MB", "within 20%", why, linear)
    memory_legend("    ")
    last = done[-1].run
    if last is not None and not last.timed_out and not done[-1].note:
        # Judged on the memory really used: the tree's PSS. Summed RSS (which counts the pages the
        # workers share with the forkserver once in each) only where /proc gives no PSS, the
        # largest process only where it gives nothing.
        if last.tree_pss_mb is not None:
            peak, measured = last.tree_pss_mb, f"{last.tree_pss_mb:.0f} MB PSS of the tree (summed RSS {mb_cell(last.tree_mb, 0)} MB)"
        elif last.tree_mb is not None:
            peak, measured = last.tree_mb, f"{last.tree_mb:.0f} MB summed RSS of the tree (no PSS from /proc)"
        else:
            peak, measured = last.rss_mb, f"{last.rss_mb:.0f} MB largest process (no tree figures from /proc)"
        say(f"    peak memory at {sizes[-1]:g} MB: PSS {mb_cell(last.tree_pss_mb, 0)} MB over the parent, its forkserver and workers "
            f"(the memory really used; judged against {MAX_CLEAN_PEAK_MB:g} MB); summed RSS {mb_cell(last.tree_mb, 0)} MB "
            f"(counts shared pages once per process); largest single process {last.rss_mb:.0f} MB")
        short_of = "" if sizes[-1] >= 1000 else ", not 1 GB"
        targets.add(f"clean peak memory < 300 MB ({sizes[-1]:g} MB JSONL{short_of})", f"< {MAX_CLEAN_PEAK_MB:g} MB",
                    measured, peak < MAX_CLEAN_PEAK_MB)
    else:
        targets.add("clean peak memory < 300 MB (large JSONL)", f"< {MAX_CLEAN_PEAK_MB:g} MB", "did not finish", None)
    data["clean_scaling"] = [{"input": s.label, "mb": s.size_mb, "wall": s.run.wall if s.run else None,
                              "cpu": s.run.cpu if s.run else None, "tree_pss_mb": s.run.tree_pss_mb if s.run else None,
                              "tree_mb": s.run.tree_mb if s.run else None,
                              "rss_mb": s.run.rss_mb if s.run else None} for s in done]


# --------------------------------------------------------------------------- profile


def profile(corpus: Corpus, sample_mb: float, top: int) -> None:
    heading("Profile of the library on the corpus (in this process)")
    import cProfile
    import pstats

    try:
        start = time.perf_counter()
        from newslint.document import Document
        from newslint.engine import Linter

        imported = time.perf_counter()
        linter = Linter()
        built = time.perf_counter()
    except Exception as exc:
        say(f"skipped: newslint cannot be imported or built: {type(exc).__name__}: {exc}")
        return
    step = max(1, round(corpus.mb / sample_mb)) if sample_mb > 0 else 1
    paths = corpus.files[::step]
    docs = [(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in paths]
    size = mb_of(sum(len(t.encode("utf-8")) for _, t in docs))
    which = "every file" if step == 1 else f"one file in {step}"
    say(f"sample: {which}, {len(docs)} files, {size:.2f} MB; import {1000 * (imported - start):.0f} ms, "
        f"Linter() {1000 * (built - imported):.0f} ms, {len(linter.rules)} rules")
    cpu0 = time.process_time()
    for path, text in docs[:20]:  # lazy data (dictionaries, tables) loads here, not in the figures below
        linter.lint(Document(text, path))
    say(f"warm-up on the first 20 files: {time.process_time() - cpu0:.2f} s cpu (lazy data loads)")

    profiler = cProfile.Profile()  # its default clock (a process_time clock costs ~5x overhead): read the shares
    cpu0 = time.process_time()
    profiler.enable()
    for path, text in docs:
        linter.lint(Document(text, path))
    profiler.disable()
    profiled = time.process_time() - cpu0
    stats: Stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in stats.values())
    say(f"lint under cProfile: {profiled:.2f} s cpu, {total:.2f} s attributed by the profiler's wall clock (read the shares)")

    profile_tables(stats, top)
    rule_cpu(linter, docs, Document, top)


COLD_PROFILE = """
import cProfile, sys
profiler = cProfile.Profile()
profiler.enable()
try:
    from newslint.cli import main
    main(["check", sys.argv[2]])
except SystemExit:
    pass
finally:
    profiler.disable()
    profiler.dump_stats(sys.argv[1])
"""


def cold_profile(top: int) -> None:
    """Where the CPU time of a cold `newslint check FILE` goes: imports (module-level code) and
    data loaded on first use, by cumulative time."""
    import pstats

    say()
    say(f"cold `newslint check {COLD_FILE.relative_to(REPO)}` under cProfile, in a fresh process:")
    with tempfile.TemporaryDirectory(prefix="newslint-cold-") as tmp:
        out = Path(tmp) / "cold.prof"
        try:
            run = run_cmd([sys.executable, "-c", COLD_PROFILE, str(out), str(COLD_FILE)], sample=False, timeout=300)
        except Skip as exc:
            say(f"  skipped: {exc}")
            return
        if not out.is_file():
            say(f"  skipped: the profiled run left no profile ({stderr_tail(run)})")
            return
        stats: Stats = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in stats.values())
    say(f"  {run.cpu:.2f} s cpu, {total:.2f} s wall attributed by the profiler; by cumulative time (imports show as <module>):")
    say(f"  {'cum s':>7}{'own s':>7}{'calls':>8}  function")

    def keep(key: tuple[str, int, str]) -> bool:
        path, _, func = key
        return not (path.startswith("<frozen") or path in ("~", "<string>") or "click" + os.sep in path
                    or func in ("<listcomp>", "<genexpr>"))

    for key in sorted((k for k in stats if keep(k)), key=lambda k: -stats[k][3])[:top]:
        _, calls, own, cum, _ = stats[key]
        if cum < 0.02:
            break
        say(f"  {cum:>7.2f}{own:>7.2f}{calls:>8}  {where(key)[:110]}")


# --------------------------------------------------------------------------- main


def guarded(debug: bool, section: str, fn: Callable[[], None]) -> None:
    try:
        fn()
    except Exception as exc:
        if debug:
            traceback.print_exc()
        say(f"!! {section} stopped: {type(exc).__name__}: {exc} (--debug shows the traceback)")


SECTIONS = ("throughput", "cold", "scaling", "memory", "profile")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the dev corpus whose */texts feed the generator (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds over the corpus; medians are shown (default: 3)")
    parser.add_argument("--quick", action="store_true", help="a small run: ~2 MB corpus, 1 round, 5 cold runs, inputs 1/16 the size")
    parser.add_argument("--profile", action="store_true", help="add a cProfile summary and CPU time per rule")
    parser.add_argument("--only", metavar="LIST", help=f"comma-separated sections to run, of: {', '.join(SECTIONS)}")
    parser.add_argument("--size-mb", type=float, help="corpus size in MB (default: 20; 2 with --quick)")
    parser.add_argument("--files", type=int, help="number of corpus files (default: 5000; 500 with --quick)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the corpus generator (default: %(default)s)")
    parser.add_argument("--no-families", action="store_true", help="do not time each rule family alone")
    parser.add_argument("--cold-runs", type=int, help="runs per cold-start figure (default: 10; 5 with --quick)")
    parser.add_argument("--scale-mb", type=float, help="1x size of the single-line input (default: 1 MB; 1/16 with --quick)")
    parser.add_argument("--scale-lines", type=int, help="1x line count of the many-lines input (default: 60,000; 1/16 with --quick)")
    parser.add_argument("--clean-mb", type=float, help="largest JSONL dump for clean's time and memory (peak PSS of the process tree) (default: 64; 4 with --quick)")
    parser.add_argument("--timeout", type=float, default=240.0,
                        help="CPU seconds before a scaling run of check is stopped (and 4x that in wall seconds, clean's limit) (default: %(default)s)")
    parser.add_argument("--profile-mb", type=float, default=5.0, help="size of the corpus sample --profile lints (default: %(default)s)")
    parser.add_argument("--top", type=int, default=15, help="rows per profile table (default: %(default)s)")
    parser.add_argument("--peers-venv", type=Path, default=CACHE / "peers-venv", help="venv for the peer tools (default: %(default)s)")
    parser.add_argument("--own-venv", action="store_true",
                        help="time newslint installed from this checkout into benchmarks/.cache/newslint-venv (as a user has it)")
    parser.add_argument("--no-install", action="store_true", help="use the peers already in --peers-venv; install nothing")
    parser.add_argument("--newslint", metavar="CMD", help="command that starts newslint (default: the console script of this Python)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    args = parser.parse_args(argv)
    sections = set(SECTIONS) - {"profile"}
    if args.only:
        sections = {s.strip() for s in args.only.split(",") if s.strip()}
        unknown = sections - set(SECTIONS)
        if unknown:
            parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    if args.profile:
        sections.add("profile")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    quick = args.quick
    shrink = 1 / 16 if quick else 1.0
    repeat = 1 if quick else args.repeat
    size_mb = args.size_mb or (2.0 if quick else 20.0)
    count = args.files or (500 if quick else 5000)
    cold_runs = args.cold_runs or (5 if quick else 10)
    scale_mb = args.scale_mb or 1.0 * shrink
    scale_lines = args.scale_lines or int(60_000 * shrink)
    clean_mb = args.clean_mb or (4.0 if quick else 64.0)
    if min(size_mb, scale_mb, clean_mb) <= 0 or min(count, scale_lines, cold_runs) < 1:
        parser.error("sizes and counts must be positive")

    if args.own_venv and args.newslint:
        parser.error("--own-venv and --newslint both say which newslint to time: give one")
    newslint = own_venv_newslint(CACHE / "newslint-venv") if args.own_venv else newslint_command(args.newslint)
    adopted = become_subreaper()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))  # so temporary folders are removed
    targets = Targets()
    data: dict[str, Any] = {}
    started = time.perf_counter()
    say(f"newslint speed benchmark (issue #7): {shlex.join(newslint)}; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs; "
        f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not adopted:
        say("note: not a subreaper here: CPU time of pool workers started through a forkserver may be missed")
    try:
        version = subprocess.run([*newslint, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=60).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True,
                               timeout=60).stdout.strip()
        say(f"version: {version or '?'}; repo {REPO} at {head or '?'}{' with uncommitted changes' if dirty else ''}")
    except (OSError, subprocess.SubprocessError) as exc:
        say(f"newslint does not start ({exc}): nothing to measure")
        return 0
    try:
        corpus = build_corpus(args.corpus.resolve(), size_mb, count, args.seed)
    except Skip as exc:
        say(f"corpus: {exc}")
        return 0
    say(f"corpus: {len(corpus.files)} files, {corpus.mb:.2f} MB, from sets " + ", ".join(f"{k} {v}" for k, v in sorted(corpus.sets.items())))
    peers = Peers()
    if sections & {"throughput", "cold"}:
        peers = install_peers(args.peers_venv, not args.no_install)
        say("peers: " + (", ".join(f"{k} {peers.versions.get(k, '?')}" for k in peers.exe) or "none")
            + "".join(f"; {k} SKIPPED ({v})" for k, v in peers.problems.items()))

    startup_cpu: list[float] = []
    if "throughput" in sections:
        guarded(args.debug, "throughput", lambda: throughput(newslint, corpus, peers, repeat, not args.no_families, None, targets, data))
    if "cold" in sections or "scaling" in sections or "memory" in sections:
        if "cold" in sections:
            guarded(args.debug, "cold start", lambda: startup_cpu.append(cold(newslint, peers, cold_runs, targets, data) or 0.0))
        else:
            run = run_cmd([*newslint, "check", str(COLD_FILE)], sample=False)
            startup_cpu.append(run.cpu)
    base_cpu = startup_cpu[0] if startup_cpu else 0.0
    if "scaling" in sections:
        guarded(args.debug, "scaling", lambda: scaling(newslint, corpus, args.seed, scale_mb, scale_lines, args.timeout, base_cpu, targets, data))
    if "memory" in sections:
        guarded(args.debug, "clean memory", lambda: clean_memory(newslint, corpus, args.seed, clean_mb, args.timeout, base_cpu, targets, data))
    if "profile" in sections:
        guarded(args.debug, "profile", lambda: profile(corpus, args.profile_mb / (16 if quick else 1), args.top))
        guarded(args.debug, "cold profile", lambda: cold_profile(args.top + 10))

    heading("Targets (issue #7)")
    width = max((len(r[0]) for r in targets.rows), default=10) + 2
    for what, target, measured, verdict in targets.rows:
        say(f"  {verdict:<5} {what:<{width}}{target:<12}{measured}")
    say(f"  {sum(r[3] == 'PASS' for r in targets.rows)}/{len(targets.rows)} met; "
        f"{time.perf_counter() - started:.0f} s in all; load average now {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        data["targets"] = [dict(zip(("what", "target", "measured", "verdict"), r, strict=True)) for r in targets.rows]
        args.json.write_text(json.dumps(data, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
