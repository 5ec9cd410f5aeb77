"""`check` and `fix` spread over worker processes: the same output as one process, in the
same order, and the same clear errors."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newslint import pool, runner
from newslint.cli import main

ARTICLES = [
    "Share it:\nThe vote is on Friday.\nThe vote is on Friday.\n",
    "The minister resigned on Tuesday.  \nLoading...\nShe said she had been intelliegence officer.\n",
    "Caf\u00c3\u00a9 owners met on Monday.\n\nThe count begins on Monday.\n",
    "The administration is play hardball, officials said.\nAdvertisement\n",
    "A clean article about the weather, which was fine.\n",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    for number in range(24):
        path = root / f"part{number % 3}" / f"{number:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLES[number % len(ARTICLES)] * (1 + number % 4), encoding="utf-8")
    return root


def test_check_output_is_the_same_with_workers(folder: Path) -> None:
    serial = run("check", "--output-format", "jsonl", "-j", "1", str(folder))
    parallel = run("check", "--output-format", "jsonl", "-j", "2", str(folder))
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.stdout and parallel.stdout == serial.stdout
    texts = [run("check", f, str(folder)) for f in ("-j1", "-j2")]
    assert texts[0].stdout == texts[1].stdout and texts[0].stderr == texts[1].stderr


def test_fix_with_workers_writes_the_same_files(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    serial, parallel = run("fix", "-j", "1", str(folder)), run("fix", "-j", "2", str(copy))
    assert serial.exit_code == parallel.exit_code
    assert serial.stdout.replace(str(folder), "") == parallel.stdout.replace(str(copy), "")
    changed = 0
    for path in sorted(folder.rglob("*.txt")):
        twin = copy / path.relative_to(folder)
        assert twin.read_bytes() == path.read_bytes()
        changed += "Share it:" not in path.read_text(encoding="utf-8")
    assert changed and not list(copy.rglob("*.newslint-tmp"))


def test_broken_configuration_is_a_clear_error_with_workers(folder: Path) -> None:
    (folder / "part1" / "newslint.toml").write_text("selekt = ['NL2']\n", encoding="utf-8")
    result = run("check", "-j", "2", str(folder))
    assert result.exit_code == 2
    assert "newslint: error:" in result.stderr and "selekt" in result.stderr and "Traceback" not in result.output


def test_missing_paths_are_reported_beside_the_workers(folder: Path) -> None:
    result = run("check", "--exit-zero", "-j", "2", str(folder), str(folder / "nowhere.txt"))
    assert result.exit_code == 2 and "nowhere.txt: no such file or directory" in result.stderr
    assert "NL201" in result.stdout


def test_jobs_chosen_by_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "cpu_count", lambda: 4)
    small = [tmp_path / f"{n}.txt" for n in range(3)]
    for path in small:
        path.write_text("A short article.\n", encoding="utf-8")
    assert runner.choose_jobs(None, small) == 1  # a pre-commit run: no workers to start
    assert runner.choose_jobs(None, small[:1]) == 1
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * runner.AUTO_PARALLEL_BYTES)
    assert runner.choose_jobs(None, [*small, big]) == 4
    assert runner.choose_jobs(1, [*small, big]) == 1
    assert runner.choose_jobs(0, small) == 4
    assert runner.choose_jobs(3, small) == 3


def test_tasks_keep_order_and_balance(tmp_path: Path) -> None:
    paths = []
    for number in range(200):
        path = tmp_path / f"{number:03d}.txt"
        path.write_bytes(b"y" * (100 + number * 37))
        paths.append(path)
    tasks = list(runner.file_tasks(paths, jobs=2))
    assert [p for task in tasks for p in task] == paths
    assert len(tasks) >= 2 * runner.TASKS_PER_WORKER
    assert all(len(task) <= runner.TASK_FILES for task in tasks)
    assert list(runner.file_tasks([], jobs=2)) == []


def test_pool_returns_results_in_order_and_raises_task_errors() -> None:
    items = [str(n) for n in range(50)]
    assert [(item, result) for item, result in pool.ordered_map(int, items, 2)] == [(s, int(s)) for s in items]
    with pytest.raises(ValueError):
        list(pool.ordered_map(int, ["1", "not a number", "3"], 2))


def test_pool_reports_a_dead_worker() -> None:
    with pytest.raises(pool.WorkerError, match="stopped unexpectedly"):
        list(pool.ordered_map(os._exit, [3, 3], 2))


def test_resolve_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "cpu_count", lambda: 6)
    assert pool.resolve_jobs(0) == 6 and pool.resolve_jobs(None) == 1 and pool.resolve_jobs(2) == 2


def test_workers_finish_as_a_real_process(folder: Path) -> None:
    # A real command line, with a time limit: a worker that waits forever (a rule module that
    # builds a linter while the packs are being loaded once did) must fail this, not hang it.
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--exit-zero", "-q", "--output-format", "jsonl", "-j", "2", str(folder)],
        capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == run("check", "--exit-zero", "-q", "--output-format", "jsonl", "-j", "1", str(folder)).stdout
