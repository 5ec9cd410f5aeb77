"""Word tables that are ready as soon as their bytes are read.

A word list of 160,000 words (or 320,000 word frequencies) costs 50-100 ms to turn into a
Python set or dict, far more than one article needs: an article looks up a few hundred words.
A :class:`WordTable` keeps the words sorted in one UTF-8 blob, stored as plain bytes (see
:mod:`newslint.datacache`), with the first word of every block of :data:`BLOCK` words as a
short list. A look-up is three calls in C: a bisection among the blocks' first words, a
substring search inside one block, and a count of the words before it there (~1 us).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from itertools import islice

# Words per block: a block is searched as bytes (a few hundred), the blocks by bisection.
BLOCK = 64

# The stored layout. A cache entry holding a table should carry it in its name (see
# :func:`newslint.datacache.cached`): the cache key knows package versions, not layouts.
FORMAT = 3

# The stored form of a table: the blob ("\n" before and after every word), where each block
# starts in it (array "I" as bytes, one more at the end), one code per word (array "H" as
# bytes; empty when the table only answers "is it there?"), and the first word of every
# block joined by newlines (format 3; cutting them out of the blob took ~3 ms a table).
Stored = tuple[bytes, ...]

ABSENT = -1

_BLOCKS = re.compile(b"(?:[^\n]*\n){%d}" % BLOCK)


def pack(words: list[str], codes: Iterable[int] | None = None) -> Stored:
    """The stored form of ``words``, which must be sorted and distinct and hold no newline,
    with one code (0..65535) per word, or none for a plain word list. Strings sort by code
    point, which is also the order of their UTF-8 bytes: the order the bisection compares in."""
    blob = b"\n" + "\n".join(words).encode("utf-8") + b"\n" if words else b"\n"
    # Each block starts at the newline before its first word: the end of the block before.
    blocks = -(-len(words) // BLOCK)
    starts = array("I", [0] if words else [])
    starts.extend(islice((block.end() - 1 for block in _BLOCKS.finditer(blob, 1)), max(blocks - 1, 0)))
    starts.append(len(blob) - 1)
    return blob, starts.tobytes(), array("H", codes if codes is not None else ()).tobytes(), b"\n".join(_firsts(blob, starts))


def _firsts(blob: bytes, starts: array[int]) -> list[bytes]:
    """The first word of each block."""
    return [blob[start + 1 : blob.index(b"\n", start + 1)] for start in starts[:-1]]


class WordTable:
    """Word -> code look-ups over a stored table (see :func:`pack`). Thread-safe: look-ups
    only read."""

    __slots__ = ("_blob", "_codes", "_firsts", "_starts")

    def __init__(self, stored: Stored):
        blob, starts, codes = stored[:3]
        self._starts = array("I")
        self._starts.frombytes(starts)
        if blob[:1] != b"\n":
            blob = self._from_word_starts(blob)
        self._blob = blob
        self._codes = array("H")
        self._codes.frombytes(codes)
        # The first word of each block (a few thousand short bytes objects), stored since format 3.
        self._firsts = stored[3].split(b"\n") if len(stored) > 3 and self._starts[:-1] else _firsts(blob, self._starts)

    def _from_word_starts(self, blob: bytes) -> bytes:
        """A table in the layout of the first version of this module (no newline before the
        first word, the start of every word): a cache entry written by it is read, not
        misread, since the cache key does not tell layouts apart."""
        starts = self._starts[:-1][::BLOCK]  # the old start of a block's first word is the new place of the newline before it
        starts.append(len(blob))
        self._starts = starts
        return b"\n" + blob

    def __len__(self) -> int:
        return self._blob.count(b"\n") - 1 if self._blob else 0

    def get(self, word: str) -> int:
        """The word's code (0 for every word of a plain list), or :data:`ABSENT`."""
        key = word.encode("utf-8", "surrogatepass")
        block = bisect_right(self._firsts, key) - 1
        if block < 0 or b"\n" in key:
            return ABSENT
        start, end = self._starts[block], self._starts[block + 1] + 1
        found = self._blob.find(b"\n" + key + b"\n", start, end)
        if found < 0:
            return ABSENT
        return self._codes[block * BLOCK + self._blob.count(b"\n", start, found)] if self._codes else 0

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) != ABSENT

    def words(self) -> list[str]:
        """Every word, in the table's (sorted) order."""
        return self._blob.decode("utf-8").split("\n")[1:-1]

    def codes(self) -> array[int]:
        """Every word's code, in the table's order (empty for a plain word list)."""
        return self._codes


