"""Bounded memos: what a rule worked out about a word or a line, kept for the next article.

A batch meets new words and lines all the time, so a memo holds at most ``limit`` entries and
starts afresh when full: cheaper than tracking which entry is oldest, and the common entries
(site furniture, frequent words) come straight back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

# How many entries a memo holds before it starts again. Memory, not hit rate, sets it: an
# entry takes 100-400 bytes (a token's shape, key included, ~420), every worker of a batch holds
# a dozen memos, and a long batch fills them all (a 1 GB dump meets well over 200,000 distinct
# tokens). The words and lines that recur most are met again soon after a memo starts afresh.
MEMO_KEPT = 30_000

# The same for memos keyed by a line (a site's menus, notices, footers): a line and its entry
# take about 380 bytes, and a batch meets new lines all the time, mostly prose that never
# recurs. The lines that do recur are met again soon after a memo starts afresh.
LINES_KEPT = 20_000


def remember(memo: dict[K, V], key: K, value: V, limit: int) -> V:
    """Keep ``value`` for ``key``, emptying ``memo`` first when it holds ``limit`` entries."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value


class Memo(dict[K, V]):
    """A dict that computes a missing value once (see :func:`remember`). Looked up through
    ``memo[key]``, or ``map(memo.__getitem__, keys)``, a key met before costs no Python step
    at all."""

    def __init__(self, compute: Callable[[K], V], limit: int = MEMO_KEPT):
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, key: K) -> V:
        return remember(self, key, self.compute(key), self.limit)
