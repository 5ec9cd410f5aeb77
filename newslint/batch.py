"""Batch cleaning: ``newslint clean`` over folders and JSONL dumps, on one core or many.

The work is cut into chunks (many JSONL records, or many text files, per task) and every
chunk goes through one function, :meth:`Cleaner.run`, either in this process (``jobs=1``)
or in a process pool. Results are written in input order, so the output is byte-identical
whatever the number of jobs. Every output file is written to a temporary file beside it and
renamed at the end: an interrupted run leaves complete files or none, never half of one.

Site template (NL220): before cleaning, a first pass counts the normalised lines of each
source (:func:`count_templates`, with :mod:`newslint.templates`), and the index it builds is
handed to the rule through ``ctx.options["batch"]["templates"]``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from newslint.config import Config, ConfigError
from newslint.document import Document, Metadata
from newslint.engine import Linter
from newslint.fix import AppliedEdit, fix_document
from newslint.io import FieldMap, InputError, OutputError, atomic_writer, decode_text, is_jsonl, line_chunks, parse_record, write_atomic
from newslint.model import Applicability, Finding
from newslint.pool import WorkerError, ordered_map, resolve_jobs, start_forkserver
from newslint.runner import LinterCache, Located, Options, expand_paths, locate, process_record
from newslint.templates import DEFAULT_MAX_LINES, DEFAULT_MIN_ARTICLES, TemplateCounter, TemplateIndex, domain, source_of

TEMPLATE_CODE = "NL220"
# A chunk (one task of a worker) holds at most this many JSONL records or text files, and about
# this many bytes of input: the bytes bound the memory of the chunks in flight (their input and
# output) whatever the size of the dump; the records bound a chunk's time on tiny records.
CHUNK_RECORDS = 500
CHUNK_FILES = 64
CHUNK_BYTES = 512 << 10
# Smaller inputs get smaller chunks, at least this many per worker, so that the workers finish
# within a small chunk of one another instead of one working on while the others are idle...
CHUNKS_PER_WORKER = 8
MIN_CHUNK_BYTES = 16 << 10  # ...but not so small that a chunk's messages cost more than its work
# A worker is started for at least this much input: its start-up (loading the word data) costs
# about as much as cleaning 50 KB, so a small input is cleaned faster by one process.
WORKER_BYTES = 128 << 10
MAX_PROBLEMS_SHOWN = 20


# --- settings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanSettings:
    """Everything a worker needs to clean a chunk; sent once to each worker process."""

    config_path: Path | None = None  # --config: one file for all inputs
    isolated: bool = False  # --isolated: no configuration files
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    preview: bool | None = None
    unsafe: bool = False
    fix: bool = True
    fields: FieldMap = field(default_factory=FieldMap)
    encoding: str | None = None
    fallback: str | None = None
    published: str | None = None
    edits: bool = False  # collect the edit log
    findings: bool = False  # collect the findings left, as contract JSON lines
    templates: TemplateIndex | None = None

    @property
    def threshold(self) -> Applicability:
        return Applicability.UNSAFE if self.unsafe else Applicability.SAFE

    def options(self) -> Options:
        return Options(fix=self.fix, threshold=self.threshold, write=False, encoding=self.encoding,
                       fallback=self.fallback, fields=self.fields, published=self.published)


def clean_section(config: Config) -> tuple[int, int]:
    """``[clean]`` settings: (template-min-articles, template-max-lines), validated."""
    section = config.sections.get("clean", {})
    where = str(config.path) if config.path else "configuration"
    known = {"template-min-articles", "template-max-lines"}
    unknown = set(section) - known
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)} in [clean]; known: {sorted(known)}")
    values = []
    for key, default, low in (("template-min-articles", DEFAULT_MIN_ARTICLES, 2), ("template-max-lines", DEFAULT_MAX_LINES, 100)):
        value = section.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            raise ConfigError(f"{where}: [clean] '{key}' must be an integer >= {low}, got {value!r}")
        values.append(value)
    return values[0], values[1]


# --- statistics -----------------------------------------------------------------------------


@dataclass
class Stats:
    """What a run did; chunks' stats are merged in the main process (order does not matter)."""

    files: int = 0  # input files
    records: int = 0  # articles: JSONL records (malformed ones included) and text files
    changed: int = 0
    errors: int = 0  # inputs that could not be cleaned (passed through untouched)
    warnings: int = 0
    remaining: Counter[str] = field(default_factory=Counter)  # findings left, per rule code
    fixed: Counter[str] = field(default_factory=Counter)  # fixes applied, per rule code
    names: dict[str, str] = field(default_factory=dict)
    domains: dict[str, Counter[str]] = field(default_factory=dict)  # domain -> records, findings, fixed
    problems: list[str] = field(default_factory=list)  # the first messages
    cpu: float = 0.0  # CPU seconds spent cleaning, in whichever processes did it

    def merge(self, other: Stats) -> None:
        self.cpu += other.cpu
        self.files += other.files
        self.records += other.records
        self.changed += other.changed
        self.errors += other.errors
        self.warnings += other.warnings
        self.remaining.update(other.remaining)
        self.fixed.update(other.fixed)
        self.names.update(other.names)
        for name, counts in other.domains.items():
            self.domains.setdefault(name, Counter()).update(counts)
        room = MAX_PROBLEMS_SHOWN - len(self.problems)
        if room > 0:
            self.problems.extend(other.problems[:room])

    def add(self, url: str | None, remaining: Iterable[Finding], applied: Iterable[Finding], changed: bool) -> None:
        self.records += 1
        self.changed += changed
        found = fixed = 0
        for f in remaining:
            self.remaining[f.code] += 1
            self.names[f.code] = f.name
            found += 1
        for f in applied:
            self.fixed[f.code] += 1
            self.names[f.code] = f.name
            fixed += 1
        host = domain(url)
        if host:
            counts = self.domains.setdefault(host, Counter())
            counts["records"] += 1
            counts["findings"] += found + fixed
            counts["fixed"] += fixed

    def problem(self, message: str, fatal: bool = True) -> None:
        if fatal:
            self.errors += 1
        else:
            self.warnings += 1
        if len(self.problems) < MAX_PROBLEMS_SHOWN:
            self.problems.append(("error: " if fatal else "warning: ") + message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files, "records": self.records, "changed": self.changed, "errors": self.errors,
            "warnings": self.warnings,
            "rules": {code: {"name": self.names.get(code, ""), "fixed": self.fixed[code], "remaining": self.remaining[code]}
                      for code in sorted(set(self.fixed) | set(self.remaining))},
            "domains": {name: dict(counts) for name, counts in sorted(self.domains.items())},
        }


# --- the per-chunk function -----------------------------------------------------------------


@dataclass(frozen=True)
class JsonlChunk:
    path: str
    first: int  # line number of lines[0]
    lines: tuple[bytes, ...]
    target: str = ""  # the output file: findings left after cleaning are located there
    # Why the file cannot be read (then there are no lines): reported as the chunk's result, so
    # that the problems come out in input order whichever worker cleans the chunks before it.
    error: str | None = None

    @property
    def size(self) -> int:
        return sum(len(line) for line in self.lines)


@dataclass(frozen=True)
class FileChunk:
    paths: tuple[str, ...]
    size: int
    targets: tuple[str, ...] = ()


@dataclass
class Collected:
    """What cleaning some records or files produced besides their output: counts, and the
    edit log and findings lines when asked for."""

    stats: Stats = field(default_factory=Stats)
    edits: list[bytes] | None = None
    findings: list[bytes] | None = None


@dataclass
class ChunkResult:
    outputs: list[bytes | None]  # JSONL: one item (the chunk's lines); files: one per file (None: unreadable)
    edits: bytes
    findings: bytes
    stats: Stats


class Cleaner:
    """Cleans records and files with the configuration that applies to each: the function
    every worker (and ``jobs=1``, and the Dask integration) runs."""

    def __init__(self, settings: CleanSettings):
        self.settings = settings
        self.options = settings.options()
        s = settings
        self._linters = LinterCache(
            s.config_path,
            s.isolated,
            {"select": s.select, "ignore": s.ignore, "extend_select": s.extend_select, "preview": s.preview},
            {"batch": {"templates": s.templates}} if s.templates is not None else None,
        )

    def linter(self, path: Path) -> Linter:
        return self._linters(path)

    def collector(self) -> Collected:
        return Collected(Stats(), [] if self.settings.edits else None, [] if self.settings.findings else None)

    def run(self, chunk: JsonlChunk | FileChunk) -> ChunkResult:
        started = time.process_time()
        into = self.collector()
        if isinstance(chunk, JsonlChunk) and chunk.error is not None:
            into.stats.problem(chunk.error)
            outputs: list[bytes | None] = [None]
        elif isinstance(chunk, JsonlChunk):
            linter = self.linter(Path(chunk.path))
            lines = [self.clean_line(linter, chunk.path, chunk.first + i, raw, into, chunk.target) for i, raw in enumerate(chunk.lines)]
            outputs = [b"".join(lines)]
        else:
            outputs = [self.clean_file(path, into, target) for path, target in zip(chunk.paths, chunk.targets or chunk.paths, strict=True)]
        into.stats.cpu += time.process_time() - started
        return ChunkResult(outputs, b"".join(into.edits or ()), b"".join(into.findings or ()), into.stats)

    def clean_line(self, linter: Linter, path: str, number: int, raw: bytes, into: Collected, target: str = "") -> bytes:
        """One JSONL line: its output bytes (the input bytes when nothing changed or the line
        cannot be read). Counts, edits and findings (located in ``target``, the output file,
        same line number) go ``into`` the collector."""
        stats = into.stats
        record = parse_record(number, raw, self.options.fields)
        out, located, result, problems = process_record(linter, record, self.options, path)
        for problem in problems:
            stats.problem(problem.message if problem.message.startswith(path) else f"{path}: {problem.message}", problem.fatal)
        if record.text is None:
            if record.error is not None:
                stats.records += 1  # not a blank line: a record that could not be cleaned
            return out
        changed = out != record.raw
        applied = result.applied if (result is not None and changed) else ()
        stats.add(record.metadata.url, (item.finding for item in located), applied, changed)
        if into.edits is not None and changed and result is not None:
            into.edits.extend(edit_line(path, record.number, record.field, e) for e in result.edits)
        if into.findings is not None:
            into.findings.extend(_finding_line(item, target) for item in located)
        return out

    def clean_file(self, path: str, into: Collected, target: str = "") -> bytes | None:
        """One text file: its output bytes (the input bytes when nothing changed or it cannot
        be decoded); None when it cannot be read at all."""
        stats = into.stats
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            stats.problem(f"{path}: cannot read: {exc.strerror or exc}")
            return None
        stats.files += 1
        try:
            source = decode_text(data, path, self.options.encoding, self.options.fallback)
        except InputError as exc:
            stats.problem(f"{exc}; copied unchanged")
            return data
        doc = Document(source.text, path, Metadata(published=self.options.published), markdown=source.markdown)
        linter = self.linter(Path(path))
        output = data
        if not self.settings.fix:
            remaining: Sequence[Finding] = linter.lint(doc)
            stats.add(None, remaining, (), False)
        else:
            result = fix_document(doc, linter.lint, self.options.threshold)
            if result.changed:
                try:
                    output = source.encode(result.text)
                except OutputError as exc:  # the file's encoding cannot hold a fixed character
                    stats.problem(f"{exc}; copied unchanged")
                    result = replace(result, text=source.text, applied=(), edits=(), remaining=tuple(linter.lint(doc)))
            remaining = result.remaining
            if result.error:
                stats.problem(f"{path}: internal error: {result.error}")
            stats.add(None, remaining, result.applied if result.changed else (), result.changed)
            if result.changed:
                doc = Document(result.text, path, doc.metadata, doc.markdown)
                if into.edits is not None:
                    into.edits.extend(edit_line(path, None, None, e) for e in result.edits)
        if into.findings is not None:
            into.findings.extend(_finding_line(item, target) for item in locate(doc, path, None, None, remaining))
        return output


def _finding_line(item: Located, path: str = "") -> bytes:
    from newslint.report import finding_record

    return _json_line(finding_record(replace(item, path=path) if path else item))


def _json_line(entry: Mapping[str, Any]) -> bytes:
    try:
        return (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (bytes kept with --encoding-errors surrogateescape)
        return (json.dumps(entry) + "\n").encode("ascii")


def edit_line(path: str, record: int | None, fieldname: str | None, edit: AppliedEdit) -> bytes:
    """One entry of the edit log (``--edits``): enough to audit the change and to undo it."""
    return _json_line({"path": path, "record": record, "field": fieldname, "pass": edit.pass_number, "code": edit.code,
                       "start": edit.start, "end": edit.end, "original": edit.original, "replacement": edit.replacement})


def replay_edits(text: str, edits: Sequence[Mapping[str, Any]]) -> str:
    """Apply logged edits (one document's entries, in log order) to its original text."""
    for group in _passes(edits):
        for e in sorted(group, key=lambda e: int(e["start"]), reverse=True):
            text = text[: int(e["start"])] + str(e["replacement"]) + text[int(e["end"]) :]
    return text


def revert_edits(text: str, edits: Sequence[Mapping[str, Any]]) -> str:
    """Undo logged edits (one document's entries, in log order) on the cleaned text."""
    for group in reversed(_passes(edits)):
        ordered = sorted(group, key=lambda e: int(e["start"]))
        shift = 0
        placed = []
        for e in ordered:
            start = int(e["start"]) + shift
            placed.append((start, start + len(str(e["replacement"])), str(e["original"])))
            shift += len(str(e["replacement"])) - (int(e["end"]) - int(e["start"]))
        for start, end, original in reversed(placed):
            text = text[:start] + original + text[end:]
    return text


def _passes(edits: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    groups: list[list[Mapping[str, Any]]] = []
    current: int | None = None
    for e in edits:
        if e["pass"] != current:
            groups.append([])
            current = int(e["pass"])
        groups[-1].append(e)
    return groups


# --- worker processes -----------------------------------------------------------------------

_WORKER: Cleaner | None = None


def _init_worker(settings: CleanSettings) -> None:
    global _WORKER
    _WORKER = Cleaner(settings)


def _work(chunk: JsonlChunk | FileChunk) -> ChunkResult:
    assert _WORKER is not None, "worker used before its initializer ran"
    return _WORKER.run(chunk)


def _ordered_results(
    chunks: Iterable[JsonlChunk | FileChunk], settings: CleanSettings, jobs: int, serial: Cleaner
) -> Generator[tuple[JsonlChunk | FileChunk, ChunkResult], None, None]:
    """Each chunk with its result, in input order; at most a few chunks in flight per worker
    (see :func:`newslint.pool.ordered_map`). Closing this generator stops the workers at once:
    they write nothing (results come back here), so stopping them loses nothing."""
    if jobs <= 1:
        for chunk in chunks:
            yield chunk, serial.run(chunk)
        return
    try:
        yield from ordered_map(_work, chunks, jobs, _init_worker, (settings,))
    except WorkerError:
        raise CleanError("a worker process stopped unexpectedly (out of memory? killed?); the output being written was removed") from None


# --- planning -------------------------------------------------------------------------------


class CleanError(Exception):
    """A run that cannot start (bad inputs or output); the message says why."""


@dataclass(frozen=True)
class Job:
    source: Path
    target: Path
    jsonl: bool
    size: int


def plan(inputs: Sequence[Path], output: Path, follow_symlinks: bool = False) -> tuple[list[Job], list[str]]:
    """Input files and where their cleaned copies go. One input file and an output that is
    not a folder: the output is that file. Otherwise the output is a folder: one input
    folder's tree is mirrored in it; several inputs each get a sub-folder (or file) named
    after them."""
    if not inputs:
        raise CleanError("no inputs given")
    problems: list[str] = []
    single_file = len(inputs) == 1 and inputs[0].is_file()
    to_folder = not single_file or output.is_dir() or str(output).endswith(("/", os.sep))
    if to_folder and output.exists() and not output.is_dir():
        raise CleanError(f"the output {output} is a file; several inputs or a folder need an output folder")
    resolved_out = output.resolve()
    jobs: list[Job] = []
    for given in inputs:
        if given.is_dir() and (resolved_out == given.resolve() or given.resolve() in resolved_out.parents):
            raise CleanError(f"the output {output} is inside the input folder {given}; choose a folder outside it")
        for path, skipped in expand_paths([given], follow_symlinks):
            if skipped:
                problems.append(skipped)
                continue
            if not to_folder:
                target = output
            elif given.is_dir():
                relative = path.relative_to(given)
                target = output / relative if len(inputs) == 1 else output / given.resolve().name / relative
            else:
                target = output / path.name
            if target.resolve() == path.resolve():
                raise CleanError(f"{path}: the output would overwrite the input; use `newslint fix` to clean files in place")
            try:
                size = path.stat().st_size
            except OSError:
                size = 0
            jobs.append(Job(path, target, is_jsonl(str(path)), size))
    targets: dict[Path, Path] = {}
    unique: list[Job] = []
    for job in jobs:
        other = targets.setdefault(job.target.resolve(), job.source)
        if other.resolve() != job.source.resolve():
            raise CleanError(f"{job.source} and {other} would both be written to {job.target}")
        if other is job.source:
            unique.append(job)  # an input given twice is cleaned once
    return unique, problems


@dataclass(frozen=True, slots=True)
class ChunkLimits:
    """The most one chunk holds. How the work is cut never changes the output, only how
    evenly it spreads over the workers and how much of it is in memory at once."""

    records: int
    files: int
    size: int  # bytes of input

    @classmethod
    def for_input(cls, total: int, workers: int) -> ChunkLimits:
        """Limits for ``total`` bytes of input over ``workers`` processes: at least
        ``CHUNKS_PER_WORKER`` chunks each when the input allows, never more than
        ``CHUNK_BYTES`` a chunk (memory stays flat however large the dump)."""
        share = total // (max(1, workers) * CHUNKS_PER_WORKER)
        return cls(CHUNK_RECORDS, CHUNK_FILES, max(MIN_CHUNK_BYTES, min(CHUNK_BYTES, share)))


def choose_workers(jobs: int, total: int) -> int:
    """Worker processes for ``total`` bytes of input: ``jobs`` (0: one per core), but no more
    than the input keeps busy (``WORKER_BYTES`` each), and none (1) for a small input."""
    return max(1, min(resolve_jobs(jobs), total // WORKER_BYTES))


def _chunks(jobs: Sequence[Job], limits: ChunkLimits | None = None) -> Iterator[tuple[int, JsonlChunk | FileChunk]]:
    """(job index, chunk) pairs in input order; consecutive text files share chunks."""
    limits = limits or ChunkLimits.for_input(sum(job.size for job in jobs), 1)
    batch: list[int] = []
    held = 0  # bytes of the text files in batch

    def flush() -> Iterator[tuple[int, JsonlChunk | FileChunk]]:
        if batch:
            yield batch[0], FileChunk(tuple(str(jobs[i].source) for i in batch), held, tuple(str(jobs[i].target) for i in batch))
            batch.clear()

    for index, job in enumerate(jobs):
        if not job.jsonl:
            batch.append(index)
            held += job.size
            if len(batch) >= limits.files or held >= limits.size:
                yield from flush()
                held = 0
            continue
        yield from flush()
        held = 0
        yield from _jsonl_chunks(index, job, limits)
    yield from flush()


def _jsonl_chunks(index: int, job: Job, limits: ChunkLimits) -> Iterator[tuple[int, JsonlChunk]]:
    """One JSONL input's chunks: consecutive lines, read as they are needed."""
    name, target = str(job.source), str(job.target)
    try:
        stream = job.source.open("rb")
    except OSError as exc:
        yield index, JsonlChunk(name, 1, (), target, error=f"{name}: cannot read: {exc.strerror or exc}")
        return
    with stream:
        for first, lines in line_chunks(stream, limits.records, limits.size):
            yield index, JsonlChunk(name, first, lines, target)


# --- pass 1: counting template lines --------------------------------------------------------


def count_templates(
    jobs: Sequence[Job], cleaner: Cleaner, progress: Callable[[int], None] | None = None
) -> TemplateIndex | None:
    """Pass 1 over the inputs whose configuration selects NL220; None if none does."""
    counter: TemplateCounter | None = None
    fields = cleaner.options.fields
    for job in jobs:
        linter = cleaner.linter(job.source)
        if not any(r.code == TEMPLATE_CODE for r in linter.rules_for(str(job.source))):
            if progress:
                progress(job.size)
            continue
        min_articles, max_lines = clean_section(linter.config)
        if counter is None:
            counter = TemplateCounter(min_articles, max_lines)
        else:
            counter.min_articles = min(counter.min_articles, min_articles)
        name = str(job.source)
        try:
            if job.jsonl:
                with job.source.open("rb") as stream:
                    done = 0
                    for number, raw in enumerate(stream, start=1):
                        done += len(raw)
                        record = parse_record(number, raw, fields)
                        if record.text is not None:
                            counter.add(source_of(name, record.metadata.url), record.text)
                        if progress and done >= CHUNK_BYTES:
                            progress(done)
                            done = 0
                    if progress:
                        progress(done)
            else:
                text = decode_text(job.source.read_bytes(), name, cleaner.options.encoding, cleaner.options.fallback).text
                counter.add(source_of(name, None), text)
                if progress:
                    progress(job.size)
        except (OSError, InputError):
            continue  # reported by pass 2
    return counter.index() if counter is not None else None


# --- the run --------------------------------------------------------------------------------


@dataclass
class Summary:
    stats: Stats
    seconds: float
    jobs: int
    templates: TemplateIndex | None
    outputs: int

    @property
    def rate(self) -> float:
        return self.stats.records / self.seconds if self.seconds > 0 else 0.0


def show_progress(stream: IO[str] | None = None) -> bool:
    """A progress bar only for a person watching: stderr is a terminal, not CI, not pre-commit."""
    stream = stream or sys.stderr
    return stream.isatty() and not os.environ.get("CI") and not os.environ.get("PRE_COMMIT")


class _Progress:
    def __init__(self, enabled: bool, total: int, description: str):
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=description, unit="B", unit_scale=True, unit_divisor=1024,
                            dynamic_ncols=True, file=sys.stderr, leave=False)

    def update(self, size: int, records: int | None = None) -> None:
        if self.bar is not None:
            self.bar.update(size)
            if records is not None:
                elapsed = self.bar.format_dict.get("elapsed") or 0
                rate = f" ({records / elapsed:,.0f}/s)" if elapsed > 0 else ""
                self.bar.set_postfix_str(f"{records:,} articles{rate}", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_clean(
    inputs: Sequence[Path],
    output: Path,
    settings: CleanSettings,
    *,
    jobs: int = 1,
    edits_path: Path | None = None,
    findings_path: Path | None = None,
    progress: bool | None = None,
    follow_symlinks: bool = False,
) -> Summary:
    """Clean ``inputs`` into ``output`` (see :func:`plan`); the edit log goes to ``edits_path``,
    the findings left (the output contract's JSON lines) to ``findings_path``.

    Raises :class:`CleanError` (bad inputs or output), :class:`ConfigError` or ``PackError``
    (configuration), ``OutputError`` (an output that cannot be written) and
    ``KeyboardInterrupt``; in every case no output file is left half-written.
    """
    started = time.perf_counter()
    planned, skipped = plan(inputs, output, follow_symlinks)
    stats = Stats()
    for message in skipped:
        stats.problem(message)
    settings = replace(settings, edits=edits_path is not None, findings=findings_path is not None)
    main = Cleaner(settings)
    for job in planned:
        main.linter(job.source)  # configuration errors surface here, before any work
    total = sum(job.size for job in planned)
    workers = choose_workers(jobs, total)  # the output is the same for any number
    if workers > 1:
        start_forkserver()  # it loads the word data while this process counts template lines
    show = show_progress() if progress is None else progress
    bar = _Progress(show, total, "counting lines")
    try:
        templates = count_templates(planned, main, bar.update)
    finally:
        bar.close()
    if templates is not None:
        settings = replace(settings, templates=templates)
        main = Cleaner(settings)
    bar = _Progress(show, total, "cleaning")
    outputs = 0
    with ExitStack() as files:
        edit_log, finding_log = (_open_log(files, p) for p in (edits_path, findings_path))
        current: int | None = None  # the JSONL job being written
        sink = ExitStack()  # holds its output file open until its last chunk
        files.callback(bar.close)
        try:
            for index, chunk, result in _indexed(planned, settings, workers, main):
                job = planned[index]
                if index != current:
                    sink.close()  # the previous JSONL output is complete: rename it into place
                    current = None
                if isinstance(chunk, JsonlChunk):
                    data = result.outputs[0]
                    if data is not None:  # None: the file cannot be read (reported)
                        if current is None:
                            current = index
                            stats.files += 1
                            outputs += 1
                            _make_folder(job.target.parent)
                            writer = sink.enter_context(atomic_writer(job.target))
                        writer.write(data)
                else:
                    for offset, data in enumerate(result.outputs):
                        if data is None:
                            continue
                        target = planned[index + offset].target
                        _make_folder(target.parent)
                        write_atomic(target, data)
                        outputs += 1
                if edit_log is not None:
                    edit_log.write(result.edits)
                if finding_log is not None:
                    finding_log.write(result.findings)
                stats.merge(result.stats)
                bar.update(chunk.size, stats.records)
            sink.close()
        except BaseException:
            # The output being written is removed (its temporary file), never left half-written.
            if not sink.__exit__(*sys.exc_info()):
                raise
    return Summary(stats, time.perf_counter() - started, workers, templates, outputs)


def clean_job(cleaner: Cleaner, job: Job) -> ChunkResult:
    """Clean one planned input into its target, in this process (what the Dask integration
    runs per file): the same chunks and per-record function as :func:`run_clean`, so the
    output is the same bytes. Returns the edits, findings and counts (``outputs`` empty)."""
    stats = Stats()
    edits: list[bytes] = []
    findings: list[bytes] = []
    _make_folder(job.target.parent)
    with ExitStack() as stack:
        writer: IO[bytes] | None = None
        for _, chunk in _chunks([job]):
            result = cleaner.run(chunk)
            for data in result.outputs:
                if data is None:
                    continue
                if not isinstance(chunk, JsonlChunk):
                    write_atomic(job.target, data)
                    continue
                if writer is None:
                    writer = stack.enter_context(atomic_writer(job.target))
                    stats.files += 1
                writer.write(data)
            edits.append(result.edits)
            findings.append(result.findings)
            stats.merge(result.stats)
    return ChunkResult([], b"".join(edits), b"".join(findings), stats)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None


def _open_log(stack: ExitStack, path: Path | None) -> IO[bytes] | None:
    if path is None:
        return None
    _make_folder(path.parent)
    return stack.enter_context(atomic_writer(path))


def _indexed(
    planned: Sequence[Job], settings: CleanSettings, workers: int, main: Cleaner
) -> Iterator[tuple[int, JsonlChunk | FileChunk, ChunkResult]]:
    """(job index, chunk, result) in input order."""
    order: deque[int] = deque()
    limits = ChunkLimits.for_input(sum(job.size for job in planned), workers)

    def feed() -> Iterator[JsonlChunk | FileChunk]:
        for index, chunk in _chunks(planned, limits):
            order.append(index)
            yield chunk

    results = _ordered_results(feed(), settings, workers, main)
    try:
        for chunk, result in results:
            yield order.popleft(), chunk, result
    finally:
        results.close()  # stops the pool at once when the consumer fails or is interrupted


# --- the summary ----------------------------------------------------------------------------


def format_summary(summary: Summary, show_domains: int = 15) -> str:
    s = summary.stats
    lines = [
        f"newslint clean: {s.records} article{'s' if s.records != 1 else ''} in {s.files} file{'s' if s.files != 1 else ''}, "
        f"{summary.seconds:.1f} s ({summary.rate:,.0f} articles/s, {summary.jobs} job{'s' if summary.jobs != 1 else ''}, "
        f"CPU {s.cpu:.1f} s cleaning); "
        f"{s.changed} changed, {sum(s.fixed.values())} fixes applied, {sum(s.remaining.values())} findings left"
    ]
    t = summary.templates
    if t is not None:
        lines.append(f"site template (NL220): {len(t)} line{'s' if len(t) != 1 else ''} recur in >= {t.min_articles} articles of "
                     f"{len(t.lines)} of {len(t.articles)} source{'s' if len(t.articles) != 1 else ''}"
                     + ("; rare lines were forgotten to stay in memory" if t.pruned else ""))
    codes = sorted(set(s.fixed) | set(s.remaining), key=lambda c: (-(s.fixed[c] + s.remaining[c]), c))
    if codes:
        lines.append(f"  {'rule':<7} {'name':<34} {'fixed':>8} {'left':>8}")
        lines += [f"  {c:<7} {s.names.get(c, ''):<34} {s.fixed[c]:>8} {s.remaining[c]:>8}" for c in codes]
    if s.domains:
        ranked = sorted(s.domains.items(), key=lambda kv: (-kv[1]["findings"], kv[0]))
        lines.append(f"  {'source domain':<34} {'records':>8} {'findings':>8} {'fixed':>8}")
        lines += [f"  {name[:34]:<34} {c['records']:>8} {c['findings']:>8} {c['fixed']:>8}" for name, c in ranked[:show_domains]]
        if len(ranked) > show_domains:
            lines.append(f"  ... and {len(ranked) - show_domains} more domains")
    if s.errors or s.warnings:
        lines.append(f"{s.errors} input error{'s' if s.errors != 1 else ''}, {s.warnings} warning{'s' if s.warnings != 1 else ''}"
                     " (those inputs were passed through unchanged):")
        lines += [f"  {p}" for p in s.problems]
        shown = len(s.problems)
        if s.errors + s.warnings > shown:
            lines.append(f"  ... and {s.errors + s.warnings - shown} more")
    return "\n".join(lines)

