"""`newslint clean`: folders and JSONL dumps, the edit log, jobs, progress, interruption."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from helpers import CONTRACT_CHECKER

from newslint import batch
from newslint.batch import ChunkLimits, CleanSettings, choose_workers, replay_edits, revert_edits, run_clean, show_progress
from newslint.cli import main
from newslint.templates import template_key

DIRTY = "Share it:\nThe vote is on Friday.  \nThe vote is on Friday.  \n\nPhoto credit: AFP / Reuters\nThe count begins on Monday.\n"
CLEAN = "The vote is on Friday.\n\nThe count begins on Monday.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def jsonl(records: list[Any]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def records(n: int, domain: str = "example.com") -> list[dict[str, Any]]:
    return [
        {"id": i, "url": f"https://www.{domain}/story-{i}", "title": f"Story {i}",
         "text": (DIRTY if i % 3 == 0 else CLEAN).replace("Friday", f"Friday the {i % 28 + 1}th")}
        for i in range(n)
    ]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- JSONL dumps -----------------------------------------------------------------------------


def test_clean_jsonl_dump(tmp_path: Path) -> None:
    rows = records(6)
    lines = jsonl(rows[:2]) + "{not json\n" + jsonl(rows[2:]) + "\n"
    dump = write(tmp_path / "dump.jsonl", lines)
    out = tmp_path / "clean.jsonl"
    result = run("clean", str(dump), "--output", str(out))
    assert result.exit_code == 2, result.output  # the malformed line is an input error...
    written = out.read_bytes().splitlines(keepends=True)
    original = dump.read_bytes().splitlines(keepends=True)
    assert len(written) == len(original)
    assert written[2] == b"{not json\n" and written[-1] == b"\n"  # ...passed through untouched
    for before, after in zip(original, written, strict=True):
        if b"Share it" not in before:
            assert before == after  # untouched records byte for byte
    cleaned = [json.loads(line) for line in written if line.strip() and line != b"{not json\n"]
    assert [r["id"] for r in cleaned] == list(range(6))
    assert all("Share it" not in r["text"] and "  \n" not in r["text"] for r in cleaned)
    assert all("Photo credit" in r["text"] for r in cleaned if r["id"] % 3 == 0)  # UNSAFE: kept by default
    summary = result.stderr
    assert "7 articles in 1 file" in summary
    assert "NL201" in summary and "boilerplate.share" in summary and "example.com" in summary
    assert "line 3: malformed JSON" in summary


def test_clean_unsafe_fixes_and_exit_status(tmp_path: Path) -> None:
    dump = write(tmp_path / "in.ndjson", jsonl(records(3)))
    out = tmp_path / "out" / "clean.ndjson"
    result = run("clean", str(dump), "-o", str(out), "--unsafe-fixes", "-q")
    assert result.exit_code == 0 and result.stderr == ""
    assert all("Photo credit" not in r["text"] for r in read_jsonl(out))
    umask = os.umask(0o022)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # a new file's usual permissions
    assert run("clean", str(dump), "-o", str(dump)).exit_code == 2  # never over its input


def test_edit_log_is_auditable_and_reversible(tmp_path: Path) -> None:
    rows = records(6)
    rows[1]["text"] = "Ukraineâ€™s army said so.\n\n\n\nJust In\n"
    dump = write(tmp_path / "dump.jsonl", jsonl(rows))
    folder = write(tmp_path / "site" / "a.txt", DIRTY).parent
    out, edits = tmp_path / "clean.jsonl", tmp_path / "edits.jsonl"
    assert run("clean", str(dump), "-o", str(out), "--edits", str(edits), "--unsafe-fixes").exit_code == 0
    log = read_jsonl(edits)
    assert log and all(set(e) == {"path", "record", "field", "pass", "code", "start", "end", "original", "replacement"} for e in log)
    assert {e["code"] for e in log} >= {"NL101", "NL201", "NL301", "NL401"}
    cleaned = read_jsonl(out)
    for number, (before, after) in enumerate(zip(rows, cleaned, strict=True), start=1):
        mine = [e for e in log if e["record"] == number]
        assert all(e["path"] == str(dump) and e["field"] == "text" for e in mine)
        assert replay_edits(before["text"], mine) == after["text"]
        assert revert_edits(after["text"], mine) == before["text"]
    # Text files: record and field are null.
    out_dir, file_edits = tmp_path / "site-clean", tmp_path / "file-edits.jsonl"
    assert run("clean", str(folder), "-o", str(out_dir), "--edits", str(file_edits)).exit_code == 0
    log = read_jsonl(file_edits)
    assert log and all(e["record"] is None and e["field"] is None for e in log)
    assert replay_edits(DIRTY, log) == (out_dir / "a.txt").read_text(encoding="utf-8")
    assert revert_edits((out_dir / "a.txt").read_text(encoding="utf-8"), log) == DIRTY


def test_findings_file_follows_the_contract(tmp_path: Path) -> None:
    dump = write(tmp_path / "dump.jsonl", jsonl(records(4)))
    out, findings = tmp_path / "clean.jsonl", tmp_path / "findings.jsonl"
    assert run("clean", str(dump), "-o", str(out), "--findings", str(findings)).exit_code == 0
    found = read_jsonl(findings)
    assert [(f["record"], f["code"]) for f in found] == [(1, "NL209"), (4, "NL209")]  # what is left after SAFE fixes
    if CONTRACT_CHECKER.is_file():
        check = subprocess.run([sys.executable, str(CONTRACT_CHECKER)], input=findings.read_bytes(), capture_output=True)
        assert check.returncode == 0, check.stdout + check.stderr


# --- folders ---------------------------------------------------------------------------------


def test_clean_mirrors_a_folder_tree(tmp_path: Path) -> None:
    src = tmp_path / "articles"
    write(src / "a.txt", DIRTY)
    write(src / "news" / "b.md", "# Title\n\nLoading...\n\nBody text here.\n")
    write(src / "news" / "deep" / "c.txt", CLEAN)
    write(src / "dumps" / "d.jsonl", jsonl(records(2)))
    write(src / "image.png", b"\x89PNG\r\n")
    write(src / ".hidden" / "e.txt", DIRTY)
    out = tmp_path / "out"
    result = run("clean", str(src), "--output", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["a.txt", "dumps/d.jsonl", "news/b.md", "news/deep/c.txt"]
    assert (out / "a.txt").read_text(encoding="utf-8") == "The vote is on Friday.\n\nPhoto credit: AFP / Reuters\nThe count begins on Monday.\n"
    assert (out / "news" / "b.md").read_text(encoding="utf-8") == "# Title\n\nBody text here.\n"
    assert (out / "news" / "deep" / "c.txt").read_bytes() == (src / "news" / "deep" / "c.txt").read_bytes()
    assert (src / "a.txt").read_text(encoding="utf-8") == DIRTY  # inputs untouched
    # Several inputs: one sub-folder (or file) each.
    single = write(tmp_path / "single.txt", DIRTY)
    out2 = tmp_path / "out2"
    assert run("clean", str(src), str(single), "-o", str(out2), "-q").exit_code == 0
    assert (out2 / "articles" / "news" / "b.md").is_file() and (out2 / "single.txt").is_file()
    # An output inside the input folder is refused.
    refused = run("clean", str(src), "-o", str(src / "clean"))
    assert refused.exit_code == 2 and "inside the input folder" in refused.stderr


def test_configuration_is_used_and_checked(tmp_path: Path) -> None:
    src = tmp_path / "site"
    write(src / "a.txt", DIRTY)
    write(src / "newslint.toml", 'ignore = ["NL201"]\n')
    out = tmp_path / "out"
    assert run("clean", str(src), "-o", str(out), "-q").exit_code == 0
    assert (out / "a.txt").read_text(encoding="utf-8").startswith("Share it:\n")
    write(src / "newslint.toml", "[clean]\ntemplate-min-articles = 1\n")
    bad = run("clean", str(src), "-o", str(out))
    assert bad.exit_code == 2 and "template-min-articles" in bad.stderr


# --- jobs ------------------------------------------------------------------------------------


def test_jobs_give_byte_identical_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Small chunks, so that 2 processes really share the work of a small dump.
    monkeypatch.setattr(batch, "CHUNK_RECORDS", 7)
    monkeypatch.setattr(batch, "CHUNK_FILES", 3)
    monkeypatch.setattr(batch, "WORKER_BYTES", 1)
    rows = records(60, "one.example") + records(60, "two.example")
    for i, row in enumerate(rows):
        row["text"] += "Sign up for the One Brief.\n" if row["url"].startswith("https://www.one") else ""
        if i % 11 == 0:
            row["text"] = row["text"].replace("vote", "vöte")
    src = tmp_path / "in"
    write(src / "a.jsonl", jsonl(rows[:70]) + "[1, 2]\n")
    write(src / "b.jsonl", jsonl(rows[70:]))
    for n in range(8):
        write(src / "texts" / f"{n}.txt", DIRTY if n % 2 else CLEAN)
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = run("clean", str(src), "-o", str(out), "--jobs", jobs, "--edits", str(out / "edits.log"),
                     "--findings", str(out / "findings.log"), "--unsafe-fixes")
        assert result.exit_code == 2, result.output  # the JSON array line
        assert f"{jobs} job" in result.stderr
        outputs[jobs] = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        summary = result.stderr.split("\n", 1)[1]  # the first line has the timing
        outputs[jobs]["summary"] = summary.encode()
    assert outputs["1"] == outputs["2"]
    assert len(outputs["1"]) == 2 + 8 + 2 + 1
    assert b"NL220" in outputs["1"]["edits.log"]  # the footer, removed as site template


def test_chunks_spread_over_the_workers_and_stay_small() -> None:
    mb = 1 << 20
    small = ChunkLimits.for_input(2 * mb, 2)
    assert 2 * mb // small.size >= 2 * batch.CHUNKS_PER_WORKER  # every worker gets several chunks
    assert ChunkLimits.for_input(1 << 30, 2).size == batch.CHUNK_BYTES  # a huge dump: chunks stay small
    assert ChunkLimits.for_input(1000, 8).size == batch.MIN_CHUNK_BYTES
    assert choose_workers(0, 10_000) == 1  # too little to pay for starting a worker
    assert choose_workers(2, 64 * mb) == 2 and choose_workers(3, 2 * batch.WORKER_BYTES) == 2


def test_an_unreadable_dump_is_reported_in_its_place(tmp_path: Path) -> None:
    # The problem travels as a chunk, so it comes after the problems of the inputs before it
    # whichever process cleans those.
    missing = batch.Job(tmp_path / "gone.jsonl", tmp_path / "out.jsonl", True, 10)
    chunks = [chunk for _, chunk in batch._chunks([missing])]
    assert len(chunks) == 1
    result = batch.Cleaner(CleanSettings()).run(chunks[0])
    assert result.outputs == [None] and result.stats.errors == 1
    assert result.stats.problems[0].startswith(f"error: {tmp_path / 'gone.jsonl'}: cannot read:")


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="no forkserver on this platform")
def test_workers_start_from_a_warm_forkserver() -> None:
    # In a fresh interpreter (this one's forkserver may already run, started by another test):
    # the forkserver batch starts warms the data and freezes it out of the collector's sweeps
    # before it forks a worker, so the worker inherits it (shared pages).
    script = (
        "import gc, multiprocessing\n"
        "from newslint import batch, pool\n"
        "assert gc.get_freeze_count() == 0\n"
        "pool.start_forkserver()\n"
        "with multiprocessing.get_context('forkserver').Pool(1) as pool:\n"
        "    print(pool.apply(gc.get_freeze_count))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 10_000


# --- progress and interruption ---------------------------------------------------------------


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_for_a_person(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    terminal: Any = _Terminal()
    assert show_progress(terminal)
    monkeypatch.setenv("CI", "true")
    assert not show_progress(terminal)
    monkeypatch.delenv("CI")
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert not show_progress(terminal)


def test_progress_bar_shows_rate_and_eta(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = write(tmp_path / "dump.jsonl", jsonl(records(20)))
    run_clean([dump], tmp_path / "out.jsonl", CleanSettings(), progress=True)
    err = capsys.readouterr().err
    assert "cleaning" in err and "/s" in err and "<" in err  # tqdm: "[elapsed<remaining, rate]"


def test_interrupted_run_leaves_no_half_written_output(tmp_path: Path) -> None:
    rows = records(400) * 10
    dump = write(tmp_path / "dump.jsonl", jsonl(rows))
    out, edits = tmp_path / "out" / "clean.jsonl", tmp_path / "out" / "edits.jsonl"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "newslint", "clean", str(dump), "-o", str(out), "--edits", str(edits), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
    )
    # Wait until the output is being written (its temporary file exists), then press Ctrl-C:
    # SIGINT to the whole process group, as a terminal does.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.parent.glob(".clean.jsonl.*")) and process.poll() is None:
        time.sleep(0.05)
    time.sleep(0.3)
    assert process.poll() is None, "the run ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    assert sorted(p.name for p in out.parent.iterdir()) == []  # no output, no temporary file


def test_template_key_normalises_case_digits_and_whitespace() -> None:
    assert template_key("  © 2023   Example  MEDIA, page 12 ") == template_key("© 1999 example media, Page 7")
    assert template_key("--- 12 ---") is None and template_key("   ") is None
    assert template_key("x" * 2000) is None


def test_unusable_outputs_are_refused_before_any_work(tmp_path: Path) -> None:
    src = write(tmp_path / "in" / "a.txt", DIRTY).parent
    occupied = write(tmp_path / "occupied.txt", "x")
    result = run("clean", str(src), "-o", str(occupied))
    assert result.exit_code == 2 and "is a file" in result.stderr and occupied.read_text() == "x"
    blocked = write(tmp_path / "blocked", "a file where a folder should be")
    result = run("clean", str(src), "-o", str(blocked / "out"))
    assert result.exit_code == 2 and "cannot create the folder" in result.stderr
    # The same input twice is cleaned once.
    twice = run("clean", str(src / "a.txt"), str(src / "a.txt"), "-o", str(tmp_path / "out"))
    assert twice.exit_code == 0 and "1 article in 1 file" in twice.stderr
