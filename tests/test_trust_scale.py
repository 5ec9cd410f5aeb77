"""Trust (issue #8), size: a 50 MB line or a million short lines must cost 50 MB's worth of
time, not its square. CI cannot afford those sizes (test_trust_input.py runs a 40 KB line and
5,000 lines through the CLI), so here every rule, the document model and the whole fix loop are
timed on two sizes of two shapes of text and must grow linearly: four times the text may take
at most ``LIMIT`` times as long (quadratic work takes sixteen times).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from newslint.config import Config
from newslint.document import Document
from newslint.engine import Linter
from newslint.fix import fix_document
from newslint.model import Applicability

SMALL, LARGE = 6_000, 24_000  # characters; LARGE = 4 * SMALL
LIMIT = 9.0  # linear: 4; allows for noise on a busy machine. Quadratic: 16.
FLOOR = 0.05  # seconds: below this at the large size a rule is too quick to judge

SHAPES = {
    "one long line": "The vote is on Friday  and “the count” begins on Monday, officials said. He said \"no\" (sic) to Mr. Smith's "
    "café at https://example.com/a?b=1 — the the council’s goverment said. ",
    "many short lines": "Share it:\nThe vote is on Friday.  \nThe vote is on Friday.\n\n\n\n“We will win,” he said.\nHome\nNews\n"
    "Photo credit: AFP\nWeâ€™ll see.\n",
}


def text_of(shape: str, size: int) -> str:
    unit = SHAPES[shape]
    return unit * (size // len(unit))


def best_time(work: Callable[[], object], repeats: int = 2) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def growth(make: Callable[[str], Callable[[], object]], shape: str, repeats: int = 2) -> tuple[float, float]:
    small, large = (make(text_of(shape, size)) for size in (SMALL, LARGE))
    return best_time(small, repeats), best_time(large, repeats)


def too_slow(small: float, large: float) -> bool:
    return large > FLOOR and large > LIMIT * max(small, FLOOR / LIMIT)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(preview=True))


def _document(text: str) -> Callable[[], object]:
    def build() -> object:
        doc = Document(text)
        return doc.lines, doc.line_keys, doc.sentences, doc.paragraphs, doc.quotes, doc.protected

    return build


MODEL = ("lines", "line_keys", "sentences", "sentence_starts", "paragraphs", "quotes", "protected", "_quote_starts", "_quote_reach")


@pytest.mark.parametrize("shape", SHAPES)
def test_every_rule_takes_linear_time(linter: Linter, shape: str) -> None:
    # The document model (timed on its own below) is built once per size and handed to a fresh
    # Document for every run, so that each rule is timed alone and nothing it caches is reused.
    models = {}
    for size in (SMALL, LARGE):
        base = Document(text_of(shape, size))
        models[base.text] = {name: getattr(base, name) for name in MODEL}
    slow = {}
    for rule in linter.rules:
        if rule.category == "meta":
            continue

        def make(text: str, rule: object = rule) -> Callable[[], object]:
            def run() -> object:
                doc = Document(text)
                doc.__dict__.update(models[text])
                return linter._run(rule, doc)  # type: ignore[arg-type]

            return run

        small, large = growth(make, shape)
        if too_slow(small, large):
            small, large = growth(make, shape, repeats=4)  # a busy machine: measure again
            if too_slow(small, large):
                slow[rule.code] = f"{small:.3f} s -> {large:.3f} s"
    assert not slow, f"rules whose time grows faster than the text ({shape}, {SMALL} -> {LARGE} characters): {slow}"


@pytest.mark.parametrize("shape", SHAPES)
def test_document_model_and_fix_loop_take_linear_time(linter: Linter, shape: str) -> None:
    small, large = growth(_document, shape, repeats=3)
    assert not too_slow(small, large), f"document model: {small:.3f} s -> {large:.3f} s"

    def fixing(text: str) -> Callable[[], object]:
        return lambda: fix_document(Document(text), linter.lint, Applicability.UNSAFE)

    small, large = growth(fixing, shape, repeats=1)
    if too_slow(small, large):
        small, large = growth(fixing, shape, repeats=2)
    assert not too_slow(small, large), f"lint and fix: {small:.3f} s -> {large:.3f} s"
