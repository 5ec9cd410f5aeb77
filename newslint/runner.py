"""Processing one input (a text file, a JSONL file or stdin) in check or fix mode.

This is the per-file function the CLI, the batch cleaner and the integrations share; it
returns findings with their locations and never raises for a problem in the input.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from newslint.config import Config, config_for, load_config
from newslint.document import Document, Metadata
from newslint.engine import Linter
from newslint.fix import AppliedEdit, FixResult, fix_document
from newslint.io import (
    SUPPORTED_SUFFIXES,
    FieldMap,
    InputError,
    OutputError,
    Record,
    TextSource,
    atomic_writer,
    decode_text,
    is_jsonl,
    iter_records,
    line_chunks,
    parse_record,
    read_text,
    write_atomic,
)
from newslint.model import Applicability, Finding, SlotRecord


@dataclass(frozen=True)
class Located:
    """A finding with the place it was found."""

    path: str
    record: int | None
    field: str | None
    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int


class Problem(NamedTuple):
    """Something about an input newslint could not do (unreadable file, malformed record)."""

    path: str
    message: str
    record: int | None = None
    fatal: bool = True  # False for a record passed through: the run goes on, exit code unaffected


class FileReport(SlotRecord):
    """What came of one input: findings, problems, and the fixes applied."""

    __slots__ = ("changed", "edits", "findings", "fixed", "new_content", "original_content", "path", "problems")

    def __init__(self, path: str, findings: list[Located] | None = None, problems: list[Problem] | None = None) -> None:
        self.path = path
        self.findings = [] if findings is None else findings
        self.problems = [] if problems is None else problems
        self.fixed = 0  # number of fixes applied
        self.changed = False
        self.edits: list[tuple[int | None, AppliedEdit]] = []
        self.new_content: bytes | None = None  # for stdin and --diff: the fixed bytes
        self.original_content: bytes | None = None


class Options(NamedTuple):
    """How a run treats each input (the same for every file of the run)."""

    fix: bool = False
    threshold: Applicability = Applicability.SAFE
    write: bool = True  # False with --diff: compute, do not write
    encoding: str | None = None
    fallback: str | None = None
    fields: FieldMap = FieldMap()
    published: str | None = None
    keep_content: bool = False  # keep original and fixed bytes (for --diff)


def locate(doc: Document, path: str, record: int | None, fieldname: str | None, findings: Iterable[Finding]) -> list[Located]:
    result = []
    for f in findings:
        line, column = doc.position(f.span.start)
        end_line, end_column = doc.position(f.span.end)
        result.append(Located(path, record, fieldname, f, line, column, end_line, end_column))
    return result


def _lint_or_fix(linter: Linter, doc: Document, options: Options) -> tuple[list[Finding], FixResult | None]:
    if not options.fix:
        return linter.lint(doc), None
    result = fix_document(doc, linter.lint, options.threshold)
    return list(result.remaining), result


def process_text_source(linter: Linter, source: TextSource, options: Options, metadata: Metadata | None = None) -> tuple[FileReport, str]:
    doc = Document(source.text, source.path, _with_published(metadata or Metadata(), options), markdown=source.markdown)
    report = FileReport(source.path)
    findings, result = _lint_or_fix(linter, doc, options)
    final_text = source.text
    if result is not None:
        if result.error:
            report.problems.append(Problem(source.path, f"internal error: {result.error}"))
        elif result.changed:
            final_text = result.text
            report.changed = True
            report.fixed = len(result.applied)
            report.edits.extend((None, e) for e in result.edits)
        doc = Document(final_text, source.path, doc.metadata, doc.markdown)
    report.findings = locate(doc, source.path, None, None, findings)
    return report, final_text


def _with_published(metadata: Metadata, options: Options) -> Metadata:
    if options.published and not metadata.published:
        return Metadata(metadata.title, metadata.url, options.published, metadata.language, metadata.id, published_from="--published")
    return metadata


def process_path(linter: Linter, path: Path, options: Options) -> FileReport:
    name = str(path)
    if is_jsonl(name):
        return _process_jsonl(linter, path, options)
    try:
        before = os.stat(path)
        source = read_text(path, options.encoding, options.fallback)
    except (InputError, OSError) as exc:
        return FileReport(name, problems=[Problem(name, str(exc))])
    report, final_text = process_text_source(linter, source, options)
    if report.changed:
        try:
            new_bytes = source.encode(final_text)  # OutputError: the encoding cannot hold a fixed character
            if options.keep_content:
                report.original_content = source.encode(source.text)
                report.new_content = new_bytes
            if options.write:
                write_atomic(path, new_bytes, expected_stat=before)
        except OutputError as exc:
            # Nothing was written: report what the file still holds, not what the fix would leave.
            report = process_text_source(linter, source, options._replace(fix=False))[0]
            report.problems.append(Problem(name, str(exc)))
    return report


def process_stdin(linter: Linter, data: bytes, options: Options, name: str = "-") -> FileReport:
    try:
        source = decode_text(data, name, options.encoding, options.fallback)
    except InputError as exc:
        return FileReport(name, problems=[Problem(name, str(exc))])
    report, final_text = process_text_source(linter, source, options)
    report.original_content = data
    try:
        report.new_content = source.encode(final_text) if report.changed else data
    except OutputError as exc:  # the encoding cannot hold a fixed character: the input goes out as it came
        report = process_text_source(linter, source, options._replace(fix=False))[0]
        report.original_content = report.new_content = data
        report.problems.append(Problem(name, str(exc)))
    return report


def process_record(linter: Linter, record: Record, options: Options, path: str) -> tuple[bytes, list[Located], FixResult | None, list[Problem]]:
    """One JSONL record: its output bytes, findings, fix result and problems."""
    problems: list[Problem] = []
    if record.error:
        # A record that could not be read is an input error; one that was read but will not
        # be rewritten (duplicate keys) is a warning.
        problems.append(Problem(path, f"line {record.number}: {record.error}", record.number, fatal=record.text is None))
    if record.text is None:
        return record.raw, [], None, problems
    doc = Document(record.text, path, _with_published(record.metadata, options))
    findings, result = _lint_or_fix(linter, doc, options)
    out = record.raw
    if result is not None and result.error:
        problems.append(Problem(path, f"line {record.number}: internal error: {result.error}", record.number))
    elif result is not None and result.changed and record.rewritable:
        out = record.render(result.text)
        doc = Document(result.text, path, doc.metadata)
    elif result is not None and result.changed:
        findings = linter.lint(doc)  # never rewritten (duplicate keys): report what the record holds
    return out, locate(doc, path, record.number, record.field, findings), result, problems


def _process_jsonl(linter: Linter, path: Path, options: Options) -> FileReport:
    name = str(path)
    report = FileReport(name)
    try:
        before = os.stat(path)
        stream = path.open("rb")
    except OSError as exc:
        report.problems.append(Problem(name, f"{name}: cannot read: {exc.strerror or exc}"))
        return report
    with stream:
        if not (options.fix and options.write):
            original = bytearray() if options.keep_content else None
            fixed = bytearray() if options.keep_content else None
            for record in iter_records(stream, options.fields):
                out = _consume(linter, record, options, name, report)
                if original is not None and fixed is not None:
                    original += record.raw
                    fixed += out
            if original is not None and fixed is not None and report.changed:
                report.original_content, report.new_content = bytes(original), bytes(fixed)
            return report
        try:
            with atomic_writer(path, expected_stat=before) as out_stream:
                for record in iter_records(stream, options.fields):
                    out_stream.write(_consume(linter, record, options, name, report))
                if not report.changed:
                    raise _Unchanged
        except _Unchanged:
            pass
        except OutputError as exc:
            # Nothing was written: report what the file holds, not what the fixes would have left.
            report = _process_jsonl(linter, path, options._replace(fix=False))
            report.problems.append(Problem(name, str(exc)))
    return report


class _Unchanged(Exception):
    """Raised inside the atomic writer to discard the temporary file when nothing changed."""


def _consume(linter: Linter, record: Record, options: Options, name: str, report: FileReport) -> bytes:
    out, located, result, problems = process_record(linter, record, options, name)
    report.findings.extend(located)
    report.problems.extend(problems)
    if out != record.raw:
        report.changed = True
        if result is not None:
            report.fixed += len(result.applied)
            report.edits.extend((record.number, e) for e in result.edits)
    return out


class LinterCache:
    """One linter per configuration file, configuration looked up once per folder (upward
    from each file), command-line ``overrides`` and extra config ``sections`` on top.

    Shared by ``check``/``fix`` and the batch cleaner; it holds plain data only, so it can be
    pickled to worker processes.
    """

    def __init__(
        self,
        explicit: Path | None,
        isolated: bool,
        overrides: dict[str, Any],
        sections: Mapping[str, Mapping[str, Any]] | None = None,
    ):
        self.explicit = explicit
        self.isolated = isolated
        self.overrides = overrides
        self.sections = dict(sections or {})
        self._by_config: dict[Path | None, Linter] = {}
        self._explicit_config: Config | None = None
        self._by_folder: dict[Path, Config] = {}

    def fresh(self) -> LinterCache:
        """The same settings with nothing loaded yet: what to send to a worker process."""
        return LinterCache(self.explicit, self.isolated, self.overrides, self.sections)

    def config_for(self, path: Path) -> Config:
        if self.isolated:
            return Config()
        if self.explicit is not None:
            if self._explicit_config is None:
                self._explicit_config = load_config(self.explicit)
            return self._explicit_config
        folder = path if path.is_dir() else path.parent
        if folder not in self._by_folder:
            self._by_folder[folder] = config_for(path)
        return self._by_folder[folder]

    def __call__(self, path: Path) -> Linter:
        config = self.config_for(path)
        key = config.path
        if key not in self._by_config:
            merged = config.with_overrides(**self.overrides)
            if self.sections:
                merged = replace(merged, sections={**merged.sections, **self.sections})
            self._by_config[key] = Linter(merged)
        return self._by_config[key]


# --- many files over worker processes -----------------------------------------------------

# A task holds at most this many files and bytes: small tasks balance the workers, and large
# ones keep the cost of sending each task small.
TASK_FILES = 64
TASK_BYTES = 1 << 20
# Each worker gets at least this many tasks, so the last ones do not leave a core idle long.
TASKS_PER_WORKER = 4
# Without --jobs, files are spread over the cores only when there is this much to read: a
# worker's start-up costs as much as linting a few hundred kilobytes, and a pre-commit run of
# a few files must not pay it.
AUTO_PARALLEL_BYTES = 2 << 20


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # reported when it is read


def choose_jobs(requested: int | None, paths: list[Path]) -> int:
    """Worker processes for ``check``/``fix`` over ``paths``: as requested (0: one per core),
    or without a request, one per core when there is enough to read and 1 otherwise."""
    from newslint.pool import cpu_count, resolve_jobs

    if requested is not None:
        return resolve_jobs(requested)
    if cpu_count() < 2 or not paths or (len(paths) < 2 and not is_jsonl(str(paths[0]))):
        return 1
    total = 0
    for path in paths:
        total += _size(path)
        if total >= AUTO_PARALLEL_BYTES:
            return cpu_count()
    return 1


class JsonlPart(NamedTuple):
    """Consecutive lines of a JSONL file, checked apart from the rest of it.

    A run that writes nothing (``check``) reads a JSONL file in such parts: each one's report
    comes back (and is printed) as soon as it is done, so a dump of any size is checked in
    constant memory, and the parts of one large dump are spread over the workers."""

    path: Path
    first: int  # the line number of lines[0]
    lines: tuple[bytes, ...]

    @property
    def size(self) -> int:
        return sum(map(len, self.lines))


# A part of a JSONL file holds at most this many records, and about this many bytes.
PART_RECORDS = 512
PART_BYTES = 1 << 20

Unit = Path | JsonlPart


def _units(paths: Iterable[Path], options: Options, part_bytes: int = PART_BYTES) -> Iterator[Unit]:
    """The paths, with each JSONL file of a run that writes nothing cut into parts, read as
    they are needed. A file that cannot be opened stays a path: processing it reports why."""
    for path in paths:
        if not _in_parts(path, options):
            yield path
            continue
        try:
            stream = path.open("rb")
        except OSError:
            yield path
            continue
        with stream:
            for first, lines in line_chunks(stream, PART_RECORDS, part_bytes):
                yield JsonlPart(path, first, lines)


def _in_parts(path: Path, options: Options) -> bool:
    """A JSONL file that this run only reads (a fix rewrites a file whole, and --diff shows it whole)."""
    return not options.fix and not options.keep_content and is_jsonl(str(path))


def process_unit(linters: LinterCache, unit: Unit, options: Options) -> FileReport:
    """:func:`process_path` of a path; the records of a part of a JSONL file."""
    if isinstance(unit, Path):
        return process_path(linters(unit), unit, options)
    linter, name = linters(unit.path), str(unit.path)
    report = FileReport(name)
    for number, raw in enumerate(unit.lines, start=unit.first):
        _consume(linter, parse_record(number, raw, options.fields), options, name, report)
    return report


def file_tasks(paths: list[Path], jobs: int, options: Options | None = None) -> Iterator[list[Unit]]:
    """The units of ``paths`` (see :func:`_units`) cut into consecutive tasks of similar size."""
    sizes = {path: _size(path) for path in paths}
    budget = max(1, min(TASK_BYTES, sum(map(sizes.__getitem__, paths)) // (jobs * TASKS_PER_WORKER)))
    task: list[Unit] = []
    held = 0
    for unit in _units(paths, options or Options(), part_bytes=min(budget, PART_BYTES)):
        task.append(unit)
        held += unit.size if isinstance(unit, JsonlPart) else sizes[unit]
        if held >= budget or len(task) >= TASK_FILES:
            yield task
            task, held = [], 0
    if task:
        yield task


def process_paths(linters: LinterCache, paths: list[Path], options: Options, jobs: int) -> Iterator[FileReport]:
    """:func:`process_path` of each path, in order, by ``jobs`` worker processes (none for 1).
    A JSONL file of a run that writes nothing comes back as several reports, one per part."""
    if jobs <= 1 or (len(paths) < 2 and not any(_in_parts(path, options) for path in paths)):
        for unit in _units(paths, options):
            yield process_unit(linters, unit, options)
        return
    from newslint.pool import ordered_map

    for _, reports in ordered_map(_process_task, file_tasks(paths, jobs, options), jobs, _init_task_worker, (linters.fresh(), options)):
        yield from reports


_TASK_STATE: tuple[LinterCache, Options] | None = None


def _init_task_worker(linters: LinterCache, options: Options) -> None:
    global _TASK_STATE
    _TASK_STATE = (linters, options)


def _process_task(units: list[Unit]) -> list[FileReport]:
    assert _TASK_STATE is not None, "worker used before its initializer ran"
    linters, options = _TASK_STATE
    return [process_unit(linters, unit, options) for unit in units]


def expand_paths(paths: Iterable[Path], follow_symlinks: bool = False) -> Iterator[tuple[Path, str | None]]:
    """Files to process: given files as they are; directories searched for supported files,
    in sorted order, skipping hidden folders. Yields (path, problem) pairs."""
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            visited: set[str] = set()  # real folders walked: a link loop is walked once
            for folder, dirnames, filenames in os.walk(path, followlinks=follow_symlinks):
                if follow_symlinks:
                    real = os.path.realpath(folder)
                    if real in visited:
                        dirnames[:] = []
                        continue
                    visited.add(real)
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for filename in sorted(filenames):
                    if filename.lower().endswith(SUPPORTED_SUFFIXES) and not filename.startswith("."):
                        candidate = Path(folder) / filename
                        if candidate.is_symlink() and not follow_symlinks:
                            try:
                                target = candidate.resolve()
                            except (OSError, RuntimeError):  # a link loop
                                yield candidate, f"{candidate}: symbolic link loop; skipped"
                                continue
                            if root not in target.parents:
                                yield candidate, f"{candidate}: symbolic link out of {path}; skipped (use --follow-symlinks)"
                                continue
                        yield candidate, None
        elif path.exists():
            yield path, None
        else:
            yield path, f"{path}: no such file or directory"
