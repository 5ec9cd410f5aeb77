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
