"""Fuzz newslint's whole pipeline for as long as asked (issue #8).

    python -m tests.fuzz --minutes 10                 # every target, in turns, for 10 minutes
    python -m tests.fuzz --minutes 60 --target jsonl  # one target: bytes, seeds or jsonl

Run from the repository root. The targets and invariants are those of tests/test_fuzz.py (which
CI runs with a few examples each); here they run in rounds of ``--examples`` examples, each round
with a new random seed, until the time is up. A failure is shrunk by Hypothesis and saved in
tests/regressions/ as ``crash-<hash>.<suffix>`` (test_fuzz.py replays every file there), then
the run goes on. Exit status: 0 nothing found, 1 something was saved.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import traceback
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))  # the test modules import each other as top-level modules

import test_fuzz  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402


def save(data: bytes, suffix: str) -> Path:
    test_fuzz.REGRESSIONS.mkdir(exist_ok=True)
    path = test_fuzz.REGRESSIONS / f"crash-{hashlib.sha1(data).hexdigest()[:12]}{suffix}"
    path.write_bytes(data)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to fuzz (default 10)")
    parser.add_argument("--target", choices=sorted(test_fuzz.TARGETS), action="append", help="only this target (repeatable)")
    parser.add_argument("--examples", type=int, default=200, help="examples per round (default 200)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the first round (default: random)")
    args = parser.parse_args(argv)
    targets = args.target or sorted(test_fuzz.TARGETS)
    deadline = time.monotonic() + args.minutes * 60
    rnd = random.Random(args.seed)
    config = settings(max_examples=args.examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    rounds = examples = 0
    saved: list[Path] = []
    while time.monotonic() < deadline:
        target = targets[rounds % len(targets)]
        round_seed = rnd.getrandbits(64)
        test = hypothesis_seed(round_seed)(test_fuzz.fuzz_test(target, config))
        started = time.monotonic()
        try:
            test()
        except Exception:
            failing = test_fuzz.LAST_INPUT
            traceback.print_exc()
            if failing is not None:
                data, suffix, fallback = failing
                path = save(data, suffix)
                saved.append(path)
                print(f"target {target}, seed {round_seed}: saved {path} (fallback {fallback})", file=sys.stderr)
        rounds += 1
        examples += args.examples
        print(f"round {rounds}: {target}, seed {round_seed}, {time.monotonic() - started:.0f} s", file=sys.stderr)
    print(f"{rounds} rounds, up to {examples} examples; {len(saved)} failure(s) saved", file=sys.stderr)
    return 1 if saved else 0


if __name__ == "__main__":
    sys.exit(main())
