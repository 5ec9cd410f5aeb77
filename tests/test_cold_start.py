"""What the cold start of the command line does to the process beyond linting: the garbage
collector is paused while newslint is imported and left as it was, and only a command that
runs freezes what is alive out of the collector's last sweep at exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("enabled", [True, False])
def test_importing_leaves_the_collector_as_it_was(enabled: bool) -> None:
    setup = "" if enabled else "gc.disable(); "
    code = f"import gc; {setup}import newslint, newslint.cli; print(gc.isenabled(), gc.get_freeze_count())"
    assert _python(code) == f"{enabled} 0"


def test_the_collector_runs_during_a_command() -> None:
    code = (
        "import gc, sys\n"
        "from click.testing import CliRunner\n"
        "from newslint.cli import main\n"
        "seen = []\n"
        "gc.callbacks.append(lambda phase, info: seen.append(phase))\n"
        "result = CliRunner().invoke(main, ['check', '--isolated', 'seeds/000_eda8035695bfe255.txt'])\n"
        "print(result.exit_code in (0, 1), gc.isenabled(), bool(seen), gc.get_freeze_count() == 0)\n"
    )
    assert _python(code) == "True True True True"


def test_records_that_are_not_dataclasses_pickle_and_compare_as_before() -> None:
    import pickle

    from newslint.model import Hit, Span
    from newslint.packs import Context
    from newslint.runner import FileReport, Options, Problem
    from newslint.suppress import Suppression

    report = FileReport("a.txt", problems=[Problem("a.txt", "unreadable")])
    report.fixed = 2
    suppression = Suppression(Span(0, 4), "NL201", Span(0, 9))
    for value in (Context(), Hit(Span(0, 1)), Hit(Span(0, 1), args={"match": "x"}), Options(fix=True), report, suppression):
        assert pickle.loads(pickle.dumps(value)) == value
    assert Hit(Span(0, 1)) == Hit(Span(0, 1), args={}) and not Hit(Span(0, 1)).args
    assert report != FileReport("a.txt") and "fixed=2" in repr(report)
    with pytest.raises(TypeError):
        Context().options["x"] = 1  # type: ignore[index]
