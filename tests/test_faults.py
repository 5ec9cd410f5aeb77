"""Trust (issue #8), faults: `fix` and `clean` killed at random points, a disk that fills up, a
file edited while newslint works on it, symbolic links. Every file ends as its old content or
its new content, never partial, and no temporary file is left behind (except after SIGKILL,
which nothing can clean up after: see test_sigkill_leaves_at_most_a_hidden_temporary_file).

The kill loops run `python -m newslint` as a subprocess. CI runs a few trials of each;
``NEWSLINT_FAULT_TRIALS=200 python -m pytest tests/test_faults.py`` runs more.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newslint import io as nl_io
from newslint import runner as nl_runner
from newslint.cli import main

TRIALS = int(os.environ.get("NEWSLINT_FAULT_TRIALS", "3"))
STARTUP = 0.5  # seconds; measured by the corpus fixture
TEMP_SUFFIX = ".newslint-tmp"
ARTICLE = "Share it:\nThe vote is on Friday.  \n\n\n\nJust In\nThe count begins on Monday.\n"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals, permissions and symbolic links")


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f"*{TEMP_SUFFIX}"))


def make_corpus(folder: Path, files: int = 10, records: int = 500) -> Path:
    """Text files and one big JSONL dump, all with SAFE fixes to apply."""
    folder.mkdir(parents=True)
    for n in range(files):
        body = "".join(f"Paragraph {k} of story {n} is here.  \n\n" for k in range(20))
        (folder / f"story-{n:03}.txt").write_bytes(f"Share it:\n{body}Just In\n".encode())
    lines = [json.dumps({"id": n, "text": f"Share it:\nRecord {n} says the vote is on Friday.  \nLoading..."}) for n in range(records)]
    (folder / "dump.jsonl").write_bytes("\n".join(lines).encode() + b"\n")
    return folder


def spawn(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "newslint", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, bytes], dict[str, bytes]]]:
    """The corpus, its bytes, and the bytes an uninterrupted `fix` leaves."""
    root = tmp_path_factory.mktemp("corpus")
    original = make_corpus(root / "original")
    fixed = root / "fixed"
    shutil.copytree(original, fixed)
    assert run("fix", "--isolated", "--quiet", str(fixed)).exit_code in (0, 1)
    old, new = snapshot(original), snapshot(fixed)
    assert old.keys() == new.keys() and all(old[k] != new[k] for k in old)
    global STARTUP
    STARTUP = startup_time()
    yield original, old, new


def startup_time() -> float:
    """How long `python -m newslint` takes to import, before it can handle a signal."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "newslint", "--version"], capture_output=True, check=True, timeout=120)
    return time.monotonic() - started


def interrupt(args: list[str], rnd: random.Random, signals: tuple[signal.Signals, ...], window: float) -> tuple[int, str]:
    """Run newslint, send one of ``signals`` after a random delay within ``window`` seconds of the
    end of its start-up, and return its exit status and standard error."""
    process = spawn(*args)
    time.sleep(STARTUP + rnd.uniform(0, window))
    process.send_signal(rnd.choice(signals))
    _, err = process.communicate(timeout=120)
    return process.returncode, err.decode("utf-8", "replace")


def before_start(code: int, err: str) -> bool:
    """The signal came while Python was still importing newslint (a loaded machine starts slowly):
    Python's own handling applies then, and nothing has been written yet."""
    return code in (1, -signal.SIGINT) and err.rstrip().endswith("KeyboardInterrupt") and "newslint: interrupted" not in err


def traceback_in(err: str) -> bool:
    """A traceback newslint let out. Python's "Exception ignored in <__del__ ...>" report is not
    one: the signal landed in a finaliser (one of the regex module's), Python dropped the
    KeyboardInterrupt there and the run went on to its normal end."""
    blocks = err.split("Exception ignored in")
    return "Traceback" in blocks[0] or any("Traceback" in b and not b.rstrip().endswith("KeyboardInterrupt:") for b in blocks[1:])


# Exit statuses after a signal: done before it came (0, 1, 2), newslint's own "interrupted"
# (130 for SIGINT, 143 for SIGTERM), or killed by the signal itself, which Python does when the
# signal lands while the interpreter starts or shuts down (-2, -15).
SIGNALLED = (0, 1, 2, 130, 143, -signal.SIGINT, -signal.SIGTERM)


# --- interrupted `fix` ------------------------------------------------------------------------


def test_fix_interrupted_at_random_points_leaves_old_or_new_files(tmp_path: Path, corpus: tuple[Path, dict[str, bytes], dict[str, bytes]]) -> None:
    original, old, new = corpus
    rnd = random.Random(8)
    outcomes = {"old": 0, "new": 0}
    for trial in range(TRIALS):
        work = tmp_path / f"trial-{trial}"
        shutil.copytree(original, work)
        code, err = interrupt(["fix", "--isolated", "--quiet", str(work)], rnd, (signal.SIGINT, signal.SIGTERM), 2.0)
        for name, data in snapshot(work).items():
            assert data in (old[name], new[name]), f"trial {trial}: {name} is neither the old nor the new content"
            outcomes["old" if data == old[name] else "new"] += 1
        assert not temp_files(work), f"trial {trial}: temporary files left: {temp_files(work)}"
        if before_start(code, err):
            assert snapshot(work) == old
            continue
        assert code in SIGNALLED, (code, err)
        assert not traceback_in(err), err
        if code in (130, 143):
            assert "interrupted; every file holds its old or its new content" in err
        shutil.rmtree(work)
    assert sum(outcomes.values()) == TRIALS * len(old)


def test_sigkill_leaves_at_most_a_hidden_temporary_file(tmp_path: Path, corpus: tuple[Path, dict[str, bytes], dict[str, bytes]]) -> None:
    """SIGKILL cannot be caught: a `.NAME.XXXX.newslint-tmp` file may stay beside the file being
    written. The file itself is old or new. A later run ignores the stale temporary file (hidden,
    not an article suffix): it is never read, never written, and never deleted, since newslint
    cannot tell it from the temporary file of another run working in the same folder right now."""
    original, old, new = corpus
    rnd = random.Random(9)
    for trial in range(max(1, TRIALS // 2)):
        work = tmp_path / f"kill-{trial}"
        shutil.copytree(original, work)
        interrupt(["fix", "--isolated", "--quiet", str(work)], rnd, (signal.SIGKILL,), 2.0)
        for name, data in snapshot(work).items():
            if not name.endswith(TEMP_SUFFIX):
                assert data in (old[name], new[name]), name
        stale = {p: p.read_bytes() for p in temp_files(work)}
        rerun = run("fix", "--isolated", "--quiet", str(work))
        assert rerun.exit_code in (0, 1)
        assert {k: v for k, v in snapshot(work).items() if not k.endswith(TEMP_SUFFIX)} == new
        assert {p: p.read_bytes() for p in temp_files(work)} == stale
        shutil.rmtree(work)


def test_a_stale_temporary_file_is_ignored(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    stale = tmp_path / f".a.txt.x1y2z3{TEMP_SUFFIX}"
    stale.write_bytes(b"Share it:\nhalf a fi")
    assert run("check", str(tmp_path)).stdout.count("a.txt") == run("check", str(article)).stdout.count("a.txt")
    assert run("fix", str(tmp_path)).exit_code == 0
    assert stale.read_bytes() == b"Share it:\nhalf a fi"
    assert "Share it" not in article.read_text(encoding="utf-8")


# --- interrupted `clean` ----------------------------------------------------------------------


def _has_clean() -> bool:
    return "clean" in getattr(main, "commands", {})


@pytest.mark.skipif(not _has_clean(), reason="no `newslint clean` command")
def test_clean_interrupted_at_random_points_leaves_complete_outputs_or_none(tmp_path: Path, corpus: tuple[Path, dict[str, bytes], dict[str, bytes]]) -> None:
    original, old, _ = corpus
    reference = tmp_path / "reference"
    assert run("clean", "--isolated", "--quiet", "--jobs", "1", str(original), "-o", str(reference)).exit_code == 0
    expected = snapshot(reference)
    rnd = random.Random(10)
    for trial in range(max(2, TRIALS - 1)):
        out = tmp_path / f"out-{trial}"
        jobs = "2" if trial == 0 else "1"  # worker processes once: each costs a start-up
        code, err = interrupt(["clean", "--isolated", "--quiet", "--jobs", jobs, str(original), "-o", str(out)], rnd, (signal.SIGINT, signal.SIGTERM), 2.5)
        assert before_start(code, err) or code in SIGNALLED, (code, err)
        assert before_start(code, err) or not traceback_in(err), err
        if out.exists():
            for name, data in snapshot(out).items():
                assert data == expected[name], f"trial {trial} (jobs {jobs}): {name} is incomplete"
            assert not temp_files(out), temp_files(out)
        assert snapshot(original) == old  # the inputs are never touched


# --- write errors -----------------------------------------------------------------------------


def _disk_full(*_: object, **__: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FillingFile:
    """A temporary file on a disk that is full after ``room`` bytes."""

    def __init__(self, handle: object, room: int):
        self._handle = handle
        self._room = room

    def write(self, data: bytes) -> int:
        if len(data) > self._room:
            self._handle.write(data[: self._room])  # type: ignore[attr-defined]
            self._room = 0
            _disk_full()
        self._room -= len(data)
        return self._handle.write(data)  # type: ignore[attr-defined,no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self._handle, name)

    def __enter__(self) -> _FillingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_a_full_disk_leaves_the_original_intact_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    dump = tmp_path / "b.jsonl"
    dump.write_bytes(b"".join(json.dumps({"id": n, "text": ARTICLE}).encode() + b"\n" for n in range(50)))
    before = snapshot(tmp_path)
    if where == "write":
        real = tempfile.NamedTemporaryFile

        def filling(*args: object, **kwargs: object) -> _FillingFile:
            return _FillingFile(real(*args, **kwargs), room=10)  # type: ignore[call-overload]

        monkeypatch.setattr(tempfile, "NamedTemporaryFile", filling)
    else:
        monkeypatch.setattr(nl_io.os, where, _disk_full)
    result = run("fix", str(tmp_path))
    assert result.exit_code == 2
    assert f"{text}: cannot write: No space left on device" in result.stderr
    assert f"{dump}: cannot write: No space left on device" in result.stderr
    assert snapshot(tmp_path) == before
    assert not temp_files(tmp_path)
    # What is reported is what the files still hold, and nothing is claimed as fixed.
    assert f"{text}:1:1: NL201" in result.stdout and f"{dump}:1:text:1:1: NL201" in result.stdout
    assert "Fixed" not in result.stderr


def test_a_folder_where_no_temporary_file_can_be_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    result = run("fix", str(path))
    assert result.exit_code == 2 and f"{path}: cannot write: Permission denied" in result.stderr
    assert path.read_text(encoding="utf-8") == ARTICLE


# --- a file changed on disk while newslint works ----------------------------------------------


@pytest.mark.parametrize("same_size", [False, True])
def test_a_text_file_changed_between_read_and_write_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, same_size: bool) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    edited = ARTICLE.replace("Friday", "Monday") if same_size else ARTICLE + "An editor's new line.\n"
    real = nl_runner.fix_document

    def edit_meanwhile(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        time.sleep(0.01)  # a new mtime even on coarse clocks
        path.write_text(edited, encoding="utf-8")
        return result

    monkeypatch.setattr(nl_runner, "fix_document", edit_meanwhile)
    result = run("fix", str(path))
    assert result.exit_code == 2
    assert f"{path}: changed on disk while newslint was working; not overwritten" in result.stderr
    assert path.read_text(encoding="utf-8") == edited
    assert not temp_files(tmp_path)


def test_a_jsonl_file_changed_while_it_streams_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b"".join(json.dumps({"id": n, "text": ARTICLE}).encode() + b"\n" for n in range(20)))
    appended = json.dumps({"id": 99, "text": "Appended by the scraper."}).encode() + b"\n"
    real = nl_runner.process_record

    def append_at_record_10(linter: object, record: nl_io.Record, *args: object) -> object:
        if record.number == 10:
            with path.open("ab") as handle:
                handle.write(appended)
        return real(linter, record, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(nl_runner, "process_record", append_at_record_10)
    before = path.read_bytes()
    result = run("fix", str(path))
    assert result.exit_code == 2 and "changed on disk while newslint was working; not overwritten" in result.stderr
    assert path.read_bytes().startswith(before) and path.read_bytes().endswith(appended)
    assert not temp_files(tmp_path)


# --- symbolic links ---------------------------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path, Path]:
    """tree/ with a real file, a link to it, a link out of the tree and a folder link out of it."""
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    tree.mkdir()
    for path in (tree / "real.txt", outside / "o.txt", outside / "sub" / "deep.txt"):
        path.write_text(ARTICLE, encoding="utf-8")
    (tree / "in-link.txt").symlink_to("real.txt")
    (tree / "out-link.txt").symlink_to(outside / "o.txt")
    (tree / "out-dir").symlink_to(outside / "sub", target_is_directory=True)
    (tree / "loop.txt").symlink_to("loop.txt")  # a link to itself
    return tree, outside, tmp_path


def test_symlinks_out_of_the_tree_are_not_followed(linked: tuple[Path, Path, Path]) -> None:
    tree, outside, _ = linked
    before = snapshot(outside)
    result = run("fix", str(tree))
    assert result.exit_code == 2
    assert f"{tree / 'out-link.txt'}: symbolic link out of {tree}; skipped (use --follow-symlinks)" in result.stderr
    assert snapshot(outside) == before  # nothing outside the tree is read or written
    assert "deep.txt" not in result.output
    # The links are still links; the in-tree link was fixed through (or as its target).
    assert (tree / "in-link.txt").is_symlink() and (tree / "out-link.txt").is_symlink()
    assert "Share it" not in (tree / "real.txt").read_text(encoding="utf-8")


def test_follow_symlinks_writes_through_the_link(linked: tuple[Path, Path, Path]) -> None:
    tree, outside, _ = linked
    result = run("fix", "--follow-symlinks", str(tree))
    assert "Traceback" not in result.output
    assert (tree / "out-link.txt").is_symlink() and (tree / "in-link.txt").is_symlink() and (tree / "out-dir").is_symlink()
    assert "Share it" not in (outside / "o.txt").read_text(encoding="utf-8")
    assert "Share it" not in (outside / "sub" / "deep.txt").read_text(encoding="utf-8")
    assert not temp_files(tree) and not temp_files(outside)


def test_a_link_named_on_the_command_line_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "data" / "article.txt"
    target.parent.mkdir()
    target.write_text(ARTICLE, encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert run("fix", str(link)).exit_code == 0
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert "Share it" not in target.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o640
