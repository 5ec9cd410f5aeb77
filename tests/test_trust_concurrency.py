"""Trust (issue #8), concurrency: one Linter shared by 8 threads, and one Linter handed to a
process pool, give exactly the results of serial use.

test_api.py shares a library Linter between threads for `fix` on one kind of text; here both
linters (engine and library), `lint` and `fix`, on the seeds and on varied generated articles,
with the threads released together so that they really overlap.
"""

from __future__ import annotations

import multiprocessing
import pickle
import random
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from helpers import SEEDS, TESTS

from newslint.api import Linter as LibraryLinter
from newslint.config import Config
from newslint.document import Document
from newslint.engine import Linter
from newslint.fix import fix_document
from newslint.model import Applicability, Finding

# A generous regex timeout: these tests compare results across threads and processes on a
# shared, loaded machine; a pack regex stopped by the 0.25 s default under contention would be
# a timing difference (NL002), not a concurrency bug.
CONFIG = Config(packs=(TESTS / "packs" / "house",), preview=True, regex_timeout=30.0)
THREADS = 8

PIECES = [
    "Share it:", "The vote is on Friday.", "The vote is on Friday.", "“We will win,” the minister said.", "Loading...",
    "Weâ€™ll see about the goverment.", "Just In", "The  count\u00a0\u00a0begins on Monday.  ", "Photo credit: AFP / Reuters",
    "Home", "News", "Sport", "READ MORE: Polls close early", "The council said the the budget was approved.",
    "intelli\u200bgence sharing was paused", "<!-- newslint: disable=NL201 -->", "Elyse\u0301e", "", "",
]


def articles(count: int = 10) -> list[str]:
    """One seed article and ``count`` short generated ones."""
    rnd = random.Random(8)
    texts = [sorted(SEEDS.glob("*.txt"))[-1].read_text(encoding="utf-8")]
    for _ in range(count):
        newline = rnd.choice(["\n", "\r\n"])
        texts.append(newline.join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 14))) + newline)
    return texts


def key(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.code, f.span, f.message, f.fix) for f in findings]


def serial(linter: Linter, texts: list[str]) -> list[tuple[object, ...]]:
    out = []
    for text in texts:
        result = fix_document(Document(text), linter.lint, Applicability.UNSAFE)
        out.append((key(linter.lint(Document(text))), result.text, result.error))
    return out


def test_one_engine_linter_from_8_threads_matches_serial_use() -> None:
    texts = articles()
    linter = Linter(CONFIG)
    expected = serial(Linter(CONFIG), texts)
    start = threading.Barrier(THREADS)

    def work(seed: int) -> dict[int, tuple[object, ...]]:
        order = list(range(len(texts)))
        random.Random(seed).shuffle(order)  # each thread in its own order: different rules overlap
        start.wait()
        return {i: serial(linter, [texts[i]])[0] for i in order}

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))
    for result in results:
        assert [result[i] for i in range(len(texts))] == expected


def test_one_library_linter_from_8_threads_matches_serial_use() -> None:
    texts = articles(8)
    linter = LibraryLinter(config=CONFIG)
    expected = [(key(linter.lint(t)), linter.fix(t), linter.fix(t, unsafe=True)) for t in texts]
    start = threading.Barrier(THREADS)

    def work(seed: int) -> list[tuple[object, ...]]:
        start.wait()
        return [(key(linter.lint(t)), linter.fix(t), linter.fix(t, unsafe=True)) for t in texts]

    with ThreadPoolExecutor(THREADS) as pool:
        assert list(pool.map(work, range(THREADS))) == [expected] * THREADS


def test_a_linter_pickles_as_its_configuration() -> None:
    for linter in (Linter(CONFIG), LibraryLinter(select=["boilerplate", "duplicate"], config=CONFIG)):
        copy = pickle.loads(pickle.dumps(linter))
        assert type(copy) is type(linter) and copy.config == linter.config and copy.rules == linter.rules


def test_one_linter_in_a_process_pool_matches_serial_use() -> None:
    """The linter itself is handed to the workers: pickled as its configuration, rebuilt in each
    worker (with fork, from the packs already loaded; with spawn, loading them)."""
    texts = articles(8)
    linter = LibraryLinter(config=CONFIG)
    expected_lint = [linter.lint(t) for t in texts]
    expected_fix = [linter.fix(t, unsafe=True) for t in texts]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        linted = list(pool.map(linter.lint, texts, chunksize=4))
        fixed = list(pool.map(_fix_unsafe, [linter] * len(texts), texts, chunksize=4))
    assert [key(f) for f in linted] == [key(f) for f in expected_lint]
    assert fixed == expected_fix


def _fix_unsafe(linter: LibraryLinter, text: str) -> str:
    return linter.fix(text, unsafe=True)
