"""Site template (NL220): lines that recur across the articles of one source.

A first pass of ``newslint clean`` (or of the Dask integration) counts, per source (the URL's
domain, else the JSONL file, else the text file's folder), in how many different articles
each normalised line occurs (:class:`TemplateCounter`, bounded memory). Lines found in at
least ``[clean] template-min-articles`` articles form a :class:`TemplateIndex`, which the
rule function :func:`site_template` reads from ``ctx.options["batch"]["templates"]``: a
section only batch cleaning sets (configuration files cannot), so in ``check``, ``fix`` and
the library the rule finds nothing: one article alone cannot show that a line is template.

This module is apart from :mod:`newslint.batch` so that loading the rule costs a pre-commit
run nothing of the batch machinery.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import urlsplit

from newslint import rx
from newslint.checks.common import line_hit
from newslint.document import Document
from newslint.io import is_jsonl
from newslint.model import Hit
from newslint.packs import Context, Rule
from newslint.textutil import LINE_BREAK

DEFAULT_MIN_ARTICLES = 10
DEFAULT_MAX_LINES = 200_000  # distinct lines remembered per source
DEFAULT_MAX_TOTAL = 500_000  # and over all sources: about 60 MB (measured ~115 bytes a line), so clean stays well under 300 MB

# --- sources and normalised lines -----------------------------------------------------------

_DIGITS = rx.compile_std(r"\d+")
_LETTER = rx.compile_std(r"[^\W\d_]")
MAX_TEMPLATE_LINE = 1000  # characters; longer lines are prose, never counted as template


def template_key(line: str) -> str | None:
    """A line as template detection compares it: case-folded, every run of digits one ``0``,
    whitespace collapsed. None for lines without a letter (blank lines, separators) and for
    lines longer than ``MAX_TEMPLATE_LINE``."""
    if len(line) > MAX_TEMPLATE_LINE:
        return None
    folded = line.lower() if line.isascii() else line.casefold()
    key = " ".join(_DIGITS.sub("0", folded).split())
    return key if _LETTER.search(key) else None


def domain(url: str | None) -> str | None:
    """The host of ``url`` in lower case, without a leading ``www.``; None if there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def source_of(path: str, url: str | None) -> str:
    """Where an article comes from, for template detection: the URL's domain; else, for a
    JSONL record, its file; else the folder of the text file (shown with a trailing slash)."""
    host = domain(url)
    if host:
        return host
    if is_jsonl(path):
        return path
    parent = str(PurePath(path).parent)
    return parent.rstrip("/\\") + "/"


def _digest(text: str, size: int = 16) -> bytes:
    import hashlib  # here, not at the top: loading OpenSSL is a noticeable part of a cold check

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=size).digest()


def line_digest(key: str) -> int:
    """A normalised line's 64-bit digest: what the index keeps instead of the line. Stable
    across processes (unlike ``hash``), so the workers that read the index agree with the
    process that built it."""
    return int.from_bytes(_digest(key, 8), "little")


@dataclass(frozen=True)
class LineCounts:
    """One source's template lines: their digests (see :func:`line_digest`), sorted, and the
    number of articles of each. Twelve bytes a line, where a dict of the lines' texts took
    about 250: every worker of a batch holds the whole index, and a large dump of a site
    recurs in over 100,000 lines."""

    digests: array[int]  # sorted, typecode "Q"
    counts: array[int]  # typecode "I", counts[i] is the number of articles of digests[i]

    @classmethod
    def of(cls, counted: Mapping[int, int]) -> LineCounts:
        """From digest -> number of articles."""
        ordered = sorted(counted)
        return cls(array("Q", ordered), array("I", map(counted.__getitem__, ordered)))

    def get(self, digest: int) -> int:
        """The number of articles of the line with ``digest``; 0 if it is not a template line."""
        at = bisect_left(self.digests, digest)
        return self.counts[at] if at < len(self.digests) and self.digests[at] == digest else 0

    def __len__(self) -> int:
        return len(self.digests)


@dataclass(frozen=True)
class TemplateIndex:
    """Per source, the normalised lines (see :func:`template_key`) that occur in at least
    ``min_articles`` different articles, with the number of articles, kept as digests
    (:class:`LineCounts`): the index says how often a line recurs, not which lines do (the
    NL220 findings show them)."""

    lines: Mapping[str, LineCounts]
    min_articles: int = DEFAULT_MIN_ARTICLES
    articles: Mapping[str, int] = field(default_factory=dict)  # distinct articles counted per source
    pruned: bool = False  # True if a source outgrew the cap and rare lines were forgotten

    def count(self, source: str, key: str) -> int:
        """In how many articles of ``source`` the normalised line ``key`` occurs (0: fewer
        than ``min_articles``)."""
        counts = self.lines.get(source)
        return counts.get(line_digest(key)) if counts is not None else 0

    def __len__(self) -> int:
        return sum(len(v) for v in self.lines.values())


class TemplateCounter:
    """Pass 1: in how many different articles of each source each normalised line occurs.

    Memory is bounded: per source at most ``max_lines`` line hashes with their counts, and at
    most ``max_total`` over all sources; as many article digests (identical copies of an
    article count once; past the cap, later copies may count again). When a source (or the
    whole table) outgrows its cap, the lines seen in the fewest articles are forgotten: they
    cannot be template yet, while lines that recur are counted up quickly and stay. Lines are
    counted by their digests (:func:`line_digest`), never kept as text.
    """

    def __init__(self, min_articles: int = DEFAULT_MIN_ARTICLES, max_lines: int = DEFAULT_MAX_LINES, max_total: int = DEFAULT_MAX_TOTAL):
        self.min_articles = min_articles
        self.max_lines = max_lines
        self.max_total = max_total
        self._counts: dict[str, dict[int, int]] = {}
        self._seen: dict[str, set[bytes]] = {}
        self._articles: Counter[str] = Counter()
        self._total = 0  # line hashes held, all sources
        self._digests = 0  # article digests held, all sources
        self.pruned = False

    @property
    def size(self) -> int:
        """Line hashes held over all sources (never more than ``max_total``)."""
        return self._total

    def add(self, source: str, text: str) -> None:
        seen = self._seen.setdefault(source, set())
        digest = _digest(text)
        if digest in seen:
            return
        if len(seen) < self.max_lines and self._digests < self.max_total:
            seen.add(digest)
            self._digests += 1
        self._articles[source] += 1
        keys = {key for key in map(template_key, LINE_BREAK.split(text)) if key is not None}
        counts = self._counts.setdefault(source, {})
        before = len(counts)
        for h in map(line_digest, keys):
            counts[h] = counts.get(h, 0) + 1
        self._total += len(counts) - before
        if len(counts) > self.max_lines:
            self._prune([source], self.max_lines // 2)
        if self._total > self.max_total:
            self._prune(list(self._counts), self.max_total // 2)

    def _prune(self, sources: list[str], target: int) -> None:
        """Forget the least-seen lines of ``sources`` until they hold at most ``target``."""
        self.pruned = True
        floor = 1
        while sum(len(self._counts[s]) for s in sources) > target:
            for source in sources:
                counts = self._counts[source]
                for h in [h for h, n in counts.items() if n <= floor]:
                    del counts[h]
                    self._total -= 1
            floor += 1

    def index(self) -> TemplateIndex:
        lines: dict[str, LineCounts] = {}
        for source, counts in self._counts.items():
            found = {h: n for h, n in counts.items() if n >= self.min_articles}
            if found:
                lines[source] = LineCounts.of(found)
        return TemplateIndex(lines, self.min_articles, dict(self._articles), self.pruned)


def site_template(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """NL220: lines that recur across many articles of the document's source. Reports only in
    batch mode, where :func:`run_clean` (or the Dask integration) has counted the lines."""
    batch = ctx.options.get("batch")
    index = batch.get("templates") if isinstance(batch, Mapping) else None
    if not isinstance(index, TemplateIndex):
        return
    source = source_of(doc.path, doc.metadata.url)
    known = index.lines.get(source)
    if not known:
        return
    threshold = max(2, int(ctx.options.get("clean", {}).get("template-min-articles", index.min_articles)))
    fix = rule.fix_applicability
    for number, line in enumerate(doc.lines):
        if line.is_blank:
            continue
        key = template_key(line.text)
        count = known.get(line_digest(key)) if key is not None else 0
        if count >= threshold:
            hit = line_hit(doc, number, fix, "Remove the site-template line")
            yield Hit(hit.span, fix=hit.fix, args={**hit.args, "count": str(count), "source": source})
