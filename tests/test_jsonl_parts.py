"""``check`` reads a JSONL file in parts: reports come back part by part (constant memory, the
findings printed as they come), the parts of one large dump are spread over the workers, and
what is found is exactly what checking the file whole finds. A run that writes (``fix``) or
shows the whole file (``--diff``) still takes each file whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newslint import runner
from newslint.runner import JsonlPart, LinterCache, Options

ARTICLES = [
    "Share it:\nThe vote is on Friday.\nThe vote is on Friday.\n",
    "The administration is play hardball, officials said.\nAdvertisement\n",
    "She said she had been intelliegence officer for years, and the intelligence work was hard.\n",
    "A clean article about the weather, which was fine.\n",
]


def _dump(path: Path, records: int, tail: bytes = b"") -> Path:
    lines = []
    for number in range(records):
        if number % 7 == 5:
            lines.append(b'{"id": 5, "text": "cut off\n')  # a malformed record: reported, passed through
        elif number % 11 == 3:
            lines.append(b"\n")  # a blank line
        else:
            record = {"id": number, "url": f"https://example.com/{number}", "text": ARTICLES[number % len(ARTICLES)]}
            lines.append(json.dumps(record).encode() + b"\n")
    path.write_bytes(b"".join(lines) + tail)
    return path


def _flat(reports: list[runner.FileReport]) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    findings = [(i.path, i.record, i.field, i.finding, i.line, i.column) for r in reports for i in r.findings]
    problems = [(p.path, p.message, p.record, p.fatal) for r in reports for p in r.problems]
    return findings, problems


def test_parts_find_what_the_whole_file_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dump = _dump(tmp_path / "dump.jsonl", 40, tail=b'{"id": 99, "text": "Loading..."}')  # no final newline
    linters, options = LinterCache(None, True, {}), Options()
    whole = [runner.process_path(linters(dump), dump, options)]
    monkeypatch.setattr(runner, "PART_RECORDS", 3)
    parts = list(runner.process_paths(linters, [dump], options, jobs=1))
    assert len(parts) == 14  # 41 lines, 3 a part
    assert _flat(parts) == _flat(whole)
    assert _flat(whole)[0] and _flat(whole)[1]  # there are findings and malformed records to compare


def test_parts_are_read_as_they_are_needed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dump = _dump(tmp_path / "dump.jsonl", 30)
    monkeypatch.setattr(runner, "PART_RECORDS", 4)
    units = runner._units([dump], Options())
    first = next(units)
    assert isinstance(first, JsonlPart) and first.first == 1 and len(first.lines) == 4
    assert [u.first for u in units if isinstance(u, JsonlPart)] == [5, 9, 13, 17, 21, 25, 29]


def test_runs_that_write_or_show_diffs_take_the_file_whole(tmp_path: Path) -> None:
    dump = _dump(tmp_path / "dump.jsonl", 30)
    assert list(runner._units([dump], Options(fix=True))) == [dump]
    assert list(runner._units([dump], Options(keep_content=True))) == [dump]
    missing = tmp_path / "missing.jsonl"
    assert list(runner._units([missing], Options())) == [missing]  # processing it says why it cannot be read
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert list(runner._units([empty], Options())) == [JsonlPart(empty, 1, ())]


def test_one_dump_is_spread_over_workers_with_the_same_output(tmp_path: Path) -> None:
    dump = _dump(tmp_path / "dump.jsonl", 400)
    tasks = list(runner.file_tasks([dump], jobs=2))
    assert len(tasks) >= 2 * runner.TASKS_PER_WORKER  # one file, many tasks
    assert runner.choose_jobs(None, [dump]) == 1  # small: no workers without --jobs

    def check(jobs: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "newslint", "check", "--output-format", "jsonl", "-j", jobs, str(dump)]
        return subprocess.run(command, capture_output=True, text=True, timeout=180)

    serial, parallel = check("1"), check("2")
    assert serial.returncode == parallel.returncode == 2  # the malformed records are input errors
    assert serial.stdout == parallel.stdout and serial.stdout.count("\n") > 300
    assert serial.stderr == parallel.stderr and "malformed JSON" in serial.stderr


def test_one_large_dump_gets_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newslint import pool

    monkeypatch.setattr(pool, "cpu_count", lambda: 4)
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"{}\n" * (runner.AUTO_PARALLEL_BYTES // 3 + 1))
    assert runner.choose_jobs(None, [big]) == 4
    text = tmp_path / "big.txt"
    text.write_bytes(b"x" * runner.AUTO_PARALLEL_BYTES)
    assert runner.choose_jobs(None, [text]) == 1  # one text file is one unit of work
