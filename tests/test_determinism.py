"""Findings do not depend on string hashing: the same text gives the same findings in every
process, whatever its ``PYTHONHASHSEED``. Sets of strings iterate in a different order in each
process, so any choice a rule makes by iterating one would show here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import SEEDS

# "Jony" is one edit from two names the article uses, "Sony" (4 times) and "Jong" (3): which
# of the two it is read as a slip of used to follow the order of a set of strings.
TWO_NEAR_NAMES = """\
Reporters asked whether Jony had spoken to the board before the vote.
The chairman of Sony said the company would cut prices next year.
Shares of Sony rose after the announcement, and Sony said more cuts were possible.
A spokesman for Sony declined to comment on the talks.
The minister, Park Jong, said the government welcomed the decision.
Jong added that the cabinet would meet again soon, and Jong said he was hopeful.
Later, Jony said the plan had been agreed in principle.
"""

HASH_SEEDS = ("1", "2", "3", "4", "5", "6")


def _check(paths: list[Path], hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    command = [sys.executable, "-m", "newslint", "check", "--output-format", "jsonl", "--exit-zero", "--jobs", "1", *map(str, paths)]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True, timeout=120).stdout


def test_findings_are_the_same_under_every_hash_seed(tmp_path: Path) -> None:
    article = tmp_path / "two-near-names.txt"
    article.write_text(TWO_NEAR_NAMES, encoding="utf-8")
    paths = [article, *sorted(SEEDS.glob("*.txt"))]
    outputs = {seed: _check(paths, seed) for seed in HASH_SEEDS}
    first = outputs[HASH_SEEDS[0]]
    assert first.count("\n") >= 20  # the seeds' findings and the name slip
    assert all(output == first for output in outputs.values()), "findings differ between hash seeds"


def test_a_form_near_two_names_is_a_slip_of_the_more_used_one(tmp_path: Path) -> None:
    article = tmp_path / "two-near-names.txt"
    article.write_text(TWO_NEAR_NAMES, encoding="utf-8")
    for seed in HASH_SEEDS:
        output = _check([article], seed)
        assert "this article spells it 'Sony' 4 times" in output
        assert "'Jong'" not in output
