"""newslint past one machine, on Dask (``pip install 'newslint[dask]'``).

Every function here runs the same per-record function as ``newslint clean --jobs N``
(:meth:`newslint.batch.Cleaner.clean_line`), so a record comes out byte for byte as the CLI
writes it. A malformed line or a record without text is passed through untouched and counted
(``Stats.errors``); it never stops the job.

Files to files, one task per input file, outputs mirrored as ``newslint clean`` does::

    from distributed import Client
    from newslint.integrations.dask import clean_jsonl

    client = Client("tcp://scheduler:8786")          # any Dask cluster; the files on shared storage
    result = clean_jsonl("/data/dump/", "/data/clean/", unsafe=False)
    print(result.stats.records, result.stats.errors)

Bags, for pipelines of your own (records stay dicts; lines stay strings)::

    lines = dask.bag.read_text("s3://bucket/dump/*.jsonl", blocksize="64MiB")
    cleaned = clean_lines(lines)                      # .items: Bag[str], .stats: Delayed[Stats]
    dask.compute(cleaned.items.to_textfiles("s3://bucket/clean/*.jsonl", last_endline=True, compute=False),
                 cleaned.stats)

Site template (NL220) needs the counts of the whole collection: :func:`clean_jsonl` counts
them first where it is called (one streaming pass, bounded memory, as the CLI does; cheap next
to cleaning), then sends the index to the workers. The bag functions take a precomputed
``templates=`` index (:func:`newslint.batch.count_templates`) and otherwise skip NL220.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import dask.bag as db
from dask.delayed import Delayed

from newslint.batch import Cleaner, CleanSettings, Collected, Job, Stats, clean_job, count_templates, plan
from newslint.io import FieldMap
from newslint.runner import locate
from newslint.templates import TemplateIndex

__all__ = ["CleanResult", "Outcome", "clean_jsonl", "clean_lines", "clean_records", "lint_records", "settings"]


def settings(
    *,
    unsafe: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    config_path: str | Path | None = None,
    isolated: bool = False,
    text_field: str | None = None,
    templates: TemplateIndex | None = None,
) -> CleanSettings:
    """The settings of a run, as the CLI's options would give them."""
    return CleanSettings(
        config_path=Path(config_path) if config_path else None,
        isolated=isolated,
        select=tuple(select) if select is not None else None,
        ignore=tuple(ignore),
        unsafe=unsafe,
        fields=FieldMap(text=text_field),
        templates=templates,
    )


# One Cleaner per worker process and settings: its rules are loaded once, not once per task.
_cleaners: dict[bytes, Cleaner] = {}
_lock = threading.Lock()


def _cleaner(config: CleanSettings) -> Cleaner:
    key = hashlib.blake2b(pickle.dumps(config), digest_size=16).digest()
    with _lock:
        cleaner = _cleaners.get(key)
        if cleaner is None:
            if len(_cleaners) >= 4:
                _cleaners.clear()
            cleaner = _cleaners[key] = Cleaner(config)
        return cleaner


# --- files ----------------------------------------------------------------------------------


@dataclass
class CleanResult:
    stats: Stats
    templates: TemplateIndex | None
    outputs: list[Path]


def _clean_file(job: Job, config: CleanSettings) -> Stats:
    return clean_job(_cleaner(config), job).stats


def clean_jsonl(
    inputs: str | Path | Sequence[str | Path],
    output: str | Path,
    *,
    config: CleanSettings | None = None,
    templates: bool = True,
    scheduler: str | None = None,
    **options: Any,
) -> CleanResult:
    """Clean JSONL dumps (and text files) into ``output``, one Dask task per input file, the
    outputs laid out as ``newslint clean INPUTS --output OUTPUT`` lays them out and byte for
    byte the same. ``options`` are those of :func:`settings` (or pass ``config``);
    ``templates=False`` skips the site-template count (NL220 then reports nothing).
    ``scheduler`` is passed to ``compute`` (default: the active ``distributed`` client, if any).
    """
    paths = [Path(p) for p in ([inputs] if isinstance(inputs, (str, Path)) else inputs)]
    config = config or settings(**options)
    planned, skipped = plan(paths, Path(output))
    stats = Stats()
    for message in skipped:
        stats.problem(message)
    local = Cleaner(config)
    index = count_templates(planned, local) if templates and config.templates is None else config.templates
    config = replace(config, templates=index)
    if planned:
        bag = db.from_sequence(planned, npartitions=len(planned)).map(_clean_file, config=config)  # type: ignore[no-untyped-call]
        for part in bag.compute(scheduler=scheduler):
            stats.merge(part)
    return CleanResult(stats, index, [job.target for job in planned])


# --- bags -----------------------------------------------------------------------------------


@dataclass
class Outcome:
    """A lazily cleaned bag: ``items`` (the cleaned elements, in order) and ``stats`` (their
    counts, merged), both from one graph: compute them together to clean once."""

    items: db.Bag
    stats: Delayed


def _partition(elements: Iterable[Any], config: CleanSettings, kind: str, path: str) -> list[tuple[list[Any], Stats]]:
    cleaner = _cleaner(config)
    into = Collected(Stats())
    linter = cleaner.linter(Path(path))
    out: list[Any] = []
    for number, element in enumerate(elements, start=1):
        if kind == "lines":
            out.append(_clean_line(cleaner, linter, path, number, element, into))
        elif kind == "records":
            out.append(_clean_record(cleaner, linter, path, number, element, into))
        else:
            out.append(_lint_record(cleaner, linter, path, number, element, into))
    return [(out, into.stats)]


def _clean_line(cleaner: Cleaner, linter: Any, path: str, number: int, line: Any, into: Collected) -> Any:
    if isinstance(line, bytes):
        return cleaner.clean_line(linter, path, number, line, into)
    if not isinstance(line, str):
        into.stats.problem(f"{path}: element {number} is a {type(line).__name__}, not a line of text; passed through")
        into.stats.records += 1
        return line
    return cleaner.clean_line(linter, path, number, line.encode("utf-8", "surrogatepass"), into).decode("utf-8", "surrogatepass")


def _clean_record(cleaner: Cleaner, linter: Any, path: str, number: int, record: Any, into: Collected) -> Any:
    if not isinstance(record, Mapping):
        into.stats.problem(f"{path}: element {number} is a {type(record).__name__}, not a record (dict); passed through")
        into.stats.records += 1
        return record
    try:
        raw = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"
    except (TypeError, ValueError) as exc:
        into.stats.problem(f"{path}: record {number} cannot be written as JSON ({exc}); passed through")
        into.stats.records += 1
        return record
    out = cleaner.clean_line(linter, path, number, raw, into)
    return record if out == raw else json.loads(out)


def _lint_record(cleaner: Cleaner, linter: Any, path: str, number: int, record: Any, into: Collected) -> Any:
    """The record's findings as contract dicts (``record`` is the element's number within its
    partition; ``path`` the record's URL when it has one)."""
    from newslint.document import Document
    from newslint.io import parse_record
    from newslint.report import finding_record

    if not isinstance(record, Mapping):
        into.stats.problem(f"{path}: element {number} is a {type(record).__name__}, not a record (dict)")
        into.stats.records += 1
        return []
    parsed = parse_record(number, json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass"), cleaner.options.fields)
    if parsed.text is None:
        into.stats.problem(f"{path}: record {number}: {parsed.error}")
        into.stats.records += 1
        return []
    doc = Document(parsed.text, path, parsed.metadata)
    findings = linter.lint(doc)
    into.stats.add(parsed.metadata.url, findings, (), False)
    return [finding_record(item) | {"path": parsed.metadata.url or path} for item in locate(doc, path, number, parsed.field, findings)]


def _merge(a: Stats, b: Stats) -> Stats:
    merged = Stats()
    merged.merge(a)
    merged.merge(b)
    return merged


def _outcome(bag: db.Bag, kind: str, config: CleanSettings, path: str) -> Outcome:
    parts = bag.map_partitions(_partition, config, kind, path)  # type: ignore[no-untyped-call]
    items = parts.map(_first).flatten()
    stats = parts.map(_second).fold(_merge, initial=Stats())
    return Outcome(items, stats)


def _first(pair: tuple[list[Any], Stats]) -> list[Any]:
    return pair[0]


def _second(pair: tuple[list[Any], Stats]) -> Stats:
    return pair[1]


def clean_lines(lines: db.Bag, *, config: CleanSettings | None = None, path: str = "records.jsonl", **options: Any) -> Outcome:
    """Clean a bag of JSONL lines (``str`` or ``bytes``, with or without their line ending,
    e.g. from ``dask.bag.read_text``): each comes out as the CLI would write it."""
    return _outcome(lines, "lines", config or settings(**options), path)


def clean_records(records: db.Bag, *, config: CleanSettings | None = None, path: str = "records.jsonl", **options: Any) -> Outcome:
    """Clean a bag of records (dicts): a record nothing changed is returned as it was, a
    cleaned one as the CLI's output line parsed back (same text, same keys in order)."""
    return _outcome(records, "records", config or settings(**options), path)


def lint_records(records: db.Bag, *, config: CleanSettings | None = None, path: str = "records.jsonl", **options: Any) -> Outcome:
    """Lint a bag of records (dicts): ``items`` is one list of finding dicts per record (the
    output contract's fields; ``path`` is the record's URL, ``record`` its number in its
    partition)."""
    return _outcome(records, "lint", replace(config or settings(**options), fix=False), path)

