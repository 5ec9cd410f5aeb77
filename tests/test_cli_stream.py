"""``check`` prints the one-line-per-finding formats file by file, as reports come in, and
holds for the end only what a format needs whole (json, sarif, --statistics, --diff)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newslint import cli
from newslint.pool import WorkerError
from newslint.runner import FileReport

ARTICLE = "Share it:\nThe vote is on Friday.\n"


def _first_then_stop(real: Any) -> Any:
    """process_paths that yields the first file's report, then fails as a dead worker does."""

    def process_paths(*args: Any, **kwargs: Any) -> Iterator[FileReport]:
        reports = real(*args, **kwargs)
        yield next(iter(reports))
        raise WorkerError("a worker process stopped unexpectedly")

    return process_paths


def _two_files(tmp_path: Path) -> list[str]:
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in paths:
        path.write_text(ARTICLE, encoding="utf-8")
    return [str(p) for p in paths]


@pytest.mark.parametrize("fmt", ["jsonl", "text", "github"])
def test_line_formats_print_each_file_as_it_comes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    files = _two_files(tmp_path)
    monkeypatch.setattr(cli, "process_paths", _first_then_stop(cli.process_paths))
    result = CliRunner().invoke(cli.main, ["check", "--jobs", "1", "--output-format", fmt, *files])
    assert result.exit_code == 2
    assert "a.txt" in result.stdout  # printed before the run stopped
    assert "b.txt" not in result.stdout
    assert "worker process stopped" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_whole_formats_print_nothing_of_a_run_that_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    files = _two_files(tmp_path)
    monkeypatch.setattr(cli, "process_paths", _first_then_stop(cli.process_paths))
    result = CliRunner().invoke(cli.main, ["check", "--jobs", "1", "--output-format", fmt, *files])
    assert result.exit_code == 2
    assert result.stdout == ""


def test_streamed_output_and_summary_match_a_whole_run(tmp_path: Path) -> None:
    files = _two_files(tmp_path)
    runner = CliRunner()
    streamed = runner.invoke(cli.main, ["check", "--jobs", "1", "--output-format", "jsonl", *files])
    whole = runner.invoke(cli.main, ["check", "--jobs", "1", "--output-format", "json", *files])
    assert streamed.exit_code == whole.exit_code == 1
    assert [json.loads(line) for line in streamed.stdout.splitlines()] == json.loads(whole.stdout)
    text = runner.invoke(cli.main, ["check", "--jobs", "1", *files])
    count = len(streamed.stdout.splitlines())
    assert f"Found {count} findings." in text.stderr
    assert "fixable with `newslint fix`" in text.stderr
