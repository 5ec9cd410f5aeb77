"""Rule packs: TOML files under ``rules/`` (and user folders) declaring every rule.

Declarative kinds follow Vale's set (existence, substitution, repetition, occurrence,
consistency); ``python`` rules name a function ``module:function``. Loading validates every
key and pattern and names the file and rule on any error. Loading never runs code from a
pack except by importing the module a ``python`` rule names.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import regex

from newslint import datacache, rx
from newslint.checks.common import line_hit
from newslint.document import Document
from newslint.memo import LINES_KEPT, remember
from newslint.model import CATEGORIES, EMPTY, Applicability, Fix, Hit, Severity, Span
from newslint.textutil import line_key, words


class PackError(Exception):
    """A rule pack or rule that cannot be used; the message names file and rule."""


class Context(NamedTuple):
    """Run-time settings a rule may need (from config and the command line)."""

    regex_timeout: float = 0.25
    options: Mapping[str, Any] = EMPTY


CheckFunction = Callable[[Document, "Rule", Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    kind: str
    message: str
    summary: str
    explanation: str
    fix_applicability: Applicability | None  # the best fix it can offer, None if it never fixes
    preview: bool
    source: str  # the pack file
    check: CheckFunction = field(compare=False, repr=False)
    options: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    example_bad: str = ""
    example_good: str = ""

    def format_message(self, args: Mapping[str, str]) -> str:
        try:
            return self.message.format_map(dict(args))
        except (KeyError, IndexError, ValueError):
            return self.message


_CODE = regex.compile(r"[A-Z]{1,6}[0-9]{2,4}")
_NAME = regex.compile(r"[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*")

_COMMON_KEYS = {
    "code", "name", "category", "severity", "kind", "message", "summary", "explanation",
    "fix", "applicability", "preview", "example", "options",
}
_KIND_KEYS: dict[str, set[str]] = {
    "existence": {"phrases", "patterns", "scope", "max_words", "ignore_case"},
    "substitution": {"swap", "ignore_case"},
    "repetition": {"pattern", "allow", "skip_quotes"},
    "occurrence": {"pattern", "max", "scope"},
    "consistency": {"either"},
    "python": {"function"},
}


def builtin_rules_dir() -> Path:
    """The packs that ship with newslint: inside the wheel, or the checkout's ``rules/``."""
    packaged = Path(__file__).resolve().parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def load_packs(folders: Iterable[Path], regex_timeout: float = 0.25) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in folders:
        if folder.is_file():
            files = [folder]
        elif folder.is_dir():
            files = sorted(folder.glob("*.toml"))
        else:
            raise PackError(f"{folder}: rule pack folder not found")
        # The shipped packs are tested pattern by pattern (tests/test_packs.py); a user's pack
        # is checked that way on every load, so that an error names the pattern at fault.
        strict = Path(folder).resolve() != builtin_rules_dir().resolve()
        for path in files:
            for rule in load_pack(path, strict):
                for key in (rule.code, rule.name):
                    if key in seen:
                        raise PackError(f"{path}: rule {key} is already defined in {seen[key]}")
                    seen[key] = str(path)
                rules.append(rule)
    return rules


def load_pack(path: Path, strict: bool = True) -> list[Rule]:
    try:
        data = datacache.parsed_toml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise PackError(f"{path}: invalid TOML: {exc}") from None
    unknown = set(data) - {"pack", "rules"}
    if unknown:
        raise PackError(f"{path}: unknown top-level key(s) {sorted(unknown)} (expected [pack] and [[rules]])")
    pack = data.get("pack", {})
    if not isinstance(pack, dict):
        raise PackError(f"{path}: [pack] must be a table")
    entries = data.get("rules", [])
    if not isinstance(entries, list):
        raise PackError(f"{path}: 'rules' must be an array of tables ([[rules]])")
    # The pack's line-scope existence rules share one pass over each document's lines.
    line_rules = _LineRules()
    return [_build_rule(path, index, entry, pack, strict, line_rules) for index, entry in enumerate(entries, start=1)]


def _build_rule(
    path: Path, index: int, entry: Any, pack: Mapping[str, Any], strict: bool = True, line_rules: _LineRules | None = None
) -> Rule:
    where = f"{path}: rule #{index}"
    if not isinstance(entry, dict):
        raise PackError(f"{where}: must be a table")
    code = entry.get("code")
    name = entry.get("name")
    if isinstance(code, str):
        where = f"{path}: rule {code}"
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise PackError(f"{where}: 'code' must look like NL201 (letters then 2-4 digits), got {code!r}")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise PackError(f"{where}: 'name' must be lower-case dotted words like 'boilerplate.share', got {name!r}")
    where = f"{path}: rule {code} ({name})"
    kind = entry.get("kind")
    if kind not in _KIND_KEYS:
        raise PackError(f"{where}: 'kind' must be one of {sorted(_KIND_KEYS)}, got {kind!r}")
    unknown = set(entry) - _COMMON_KEYS - _KIND_KEYS[kind]
    if unknown:
        raise PackError(f"{where}: unknown key(s) {sorted(unknown)} for kind '{kind}'")
    category = entry.get("category", pack.get("category"))
    if category not in CATEGORIES:
        raise PackError(f"{where}: 'category' must be one of {list(CATEGORIES)}, got {category!r}")
    message = _string(entry, "message", where, required=True)
    try:
        severity = Severity.parse(_string(entry, "severity", where) or "warning")
        fix_kind = entry.get("fix")
        applicability_text = _string(entry, "applicability", where)
        applicability = Applicability.parse(applicability_text) if applicability_text else None
    except ValueError as exc:
        raise PackError(f"{where}: {exc}") from None
    options = entry.get("options", {})
    if not isinstance(options, dict):
        raise PackError(f"{where}: 'options' must be a table")
    example = entry.get("example", {})
    if not isinstance(example, dict) or set(example) - {"bad", "good"}:
        raise PackError(f"{where}: 'example' must be a table with 'bad' and 'good'")

    builders: dict[str, Callable[[dict[str, Any], str, Applicability | None, Any], CheckFunction]] = {
        "existence": functools.partial(_existence, strict=strict, line_rules=line_rules or _LineRules()),
        "substitution": _substitution,
        "repetition": _repetition,
        "occurrence": _occurrence,
        "consistency": _consistency,
        "python": _python,
    }
    check = builders[kind](entry, where, applicability, fix_kind)
    return Rule(
        code=code,
        name=name,
        category=category,
        severity=severity,
        kind=kind,
        message=message,
        summary=_string(entry, "summary", where) or message,
        explanation=_string(entry, "explanation", where) or "",
        fix_applicability=applicability,
        preview=bool(entry.get("preview", False)),
        source=str(path),
        check=check,
        options=MappingProxyType(dict(options)),
        example_bad=str(example.get("bad", "")),
        example_good=str(example.get("good", "")),
    )


def _string(entry: Mapping[str, Any], key: str, where: str, required: bool = False) -> str:
    value = entry.get(key)
    if value is None:
        if required:
            raise PackError(f"{where}: '{key}' is required")
        return ""
    if not isinstance(value, str):
        raise PackError(f"{where}: '{key}' must be a string")
    return value


def _string_list(entry: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where}: '{key}' must be a list of strings")
    return value


def _compile(pattern: str, where: str, flags: int = 0) -> regex.Pattern[str]:
    try:
        return rx.compile(pattern, flags | regex.VERSION1)
    except regex.error as exc:
        raise PackError(f"{where}: bad regular expression {pattern!r}: {exc}") from None


def _compile_joined(patterns: list[str], where: str, flags: int) -> regex.Pattern[str]:
    """The alternation of ``patterns``; when it does not compile, the error names the
    pattern that does not compile alone."""
    try:
        return rx.compile("|".join(f"(?:{p})" for p in patterns), flags | regex.VERSION1)
    except regex.error:
        for pattern in patterns:
            _compile(pattern, where, flags)
        raise PackError(f"{where}: the patterns do not compile together (a pattern with an unbalanced group?)") from None


# --- declarative kinds -------------------------------------------------------------------


def _existence(
    entry: dict[str, Any], where: str, applicability: Applicability | None, fix_kind: Any, strict: bool = True,
    line_rules: _LineRules | None = None,
) -> CheckFunction:
    """Phrases or patterns that should not be there.

    ``scope = "line"`` (default): a line whose key (see :func:`line_key`) is one of the
    phrases, or fully matches one of the patterns, is reported whole; with
    ``fix = "remove-line"`` the fix deletes it. ``scope = "text"``: patterns searched in the
    raw text, each match reported.
    """
    scope = entry.get("scope", "line")
    if scope not in ("line", "text"):
        raise PackError(f"{where}: 'scope' must be 'line' or 'text'")
    if fix_kind not in (None, "remove-line", "delete"):
        raise PackError(f"{where}: 'fix' for existence must be 'remove-line' or 'delete'")
    if fix_kind and applicability is None:
        raise PackError(f"{where}: a rule with a fix needs 'applicability'")
    phrases = frozenset(line_key(p) for p in _string_list(entry, "phrases", where))
    flags = regex.IGNORECASE if entry.get("ignore_case", True) else 0
    sources = _string_list(entry, "patterns", where)
    max_words = int(entry.get("max_words", 12))
    if not phrases and not sources:
        raise PackError(f"{where}: existence rule needs 'phrases' or 'patterns'")

    if scope == "text":
        if phrases:
            raise PackError(f"{where}: 'phrases' are matched per line; use 'patterns' with scope = 'text'")
        patterns = [_compile(p, where, flags) for p in sources]

        def check_text(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
            for pattern in patterns:
                for m in pattern.finditer(doc.text, timeout=ctx.regex_timeout):
                    if m.end() == m.start():
                        continue
                    span = Span(m.start(), m.end())
                    fix = Fix.delete([span], applicability, rule.name) if fix_kind and applicability is not None else None
                    yield Hit(span, fix=fix, args={"match": m.group()})

        return check_text

    # Joined into one expression: one call per line instead of one per pattern. Compiling is
    # the slowest part of loading the packs, paid by every cold start, so a trusted pack's
    # patterns are compiled only joined.
    if strict:
        for source in sources:
            _compile(source, where, flags)
    combined = _compile_joined(sources, where, flags) if sources else None

    rules = line_rules or _LineRules()
    bit = rules.add(_LineMatcher(phrases, combined, max_words, tuple(sources), bool(flags & regex.IGNORECASE)))

    def check_lines(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
        lines = doc.lines
        for index in rules.matching(doc, bit, ctx.regex_timeout):
            yield line_hit(doc, index, applicability if fix_kind else None, f"Remove the line '{lines[index].text.strip()}'")

    return check_lines


class _LineMatcher(NamedTuple):
    """What one line-scope existence rule looks for in a line key."""

    phrases: frozenset[str]
    combined: regex.Pattern[str] | None
    max_words: int
    sources: tuple[str, ...]  # the patterns joined in ``combined``
    ignore_case: bool

    def matches(self, key: str, spaces: int, timeout: float, required: tuple[str, ...] | None = None) -> bool:
        """Whether the rule reports a line with this key (holding ``spaces`` spaces). A key
        that holds none of ``required`` (the patterns' required strings: the caller passes them
        only for a key in ASCII and lower case, on which their test is exact) matches no pattern.
        """
        if spaces >= self.max_words:
            return False
        if key in self.phrases:
            return True
        if self.combined is None:
            return False
        # Most keys hold none of the words the patterns need (prose, mostly): a few substring
        # tests answer them instead of a full match, which for a pattern opening with
        # ".{0,160}" tries every start.
        if required is not None and not _holds_any(key, required):
            return False
        return self.combined.fullmatch(key, timeout=timeout) is not None


def _holds_any(key: str, strings: tuple[str, ...]) -> bool:
    return any(map(key.__contains__, strings))


# Pattern text that the standard library's parser reads otherwise than the regex module (set
# operations, nested sets): such a pattern gets no required strings.
_V1_SET_SYNTAX = ("[[", "--", "&&", "||", "~~")


class _NoStrings(Exception):
    """A pattern whose required strings cannot be told."""


@functools.lru_cache(maxsize=256)
def _required_strings(sources: tuple[str, ...], ignore_case: bool) -> tuple[str, ...] | None:
    """Strings of which every match of one of ``sources`` holds at least one, lower-cased: a
    line key that is ASCII and in lower case and holds none of them cannot match. None when
    some pattern promises none (or cannot be read: it then always runs).

    Found in the standard library's parse of each pattern (the regex module's own syntax
    beyond it, such as fuzzy "{e<=1}" or set operations, gives up): a run of ASCII literal
    characters is required where it stands; a sequence requires what its most telling part
    requires, an alternation what each branch does, a group or a repeat of at least once what
    its content does. Literals are lower-cased, which keeps the test a necessary one on keys
    in lower case whether or not the pattern ignores case; a literal beyond ASCII ends a run
    (ignoring case it may match an ASCII letter: the Kelvin sign, "ſ")."""
    found: set[str] = set()
    for source in sources:
        if any(mark in source for mark in _V1_SET_SYNTAX):
            return None
        try:
            tree = _re_parser.parse(source, re.IGNORECASE if ignore_case else 0)
            strings = _sequence_strings(list(tree))
        except (re.error, _NoStrings, RecursionError, OverflowError):
            return None
        if strings is None:
            return None
        found |= strings
    # A string holding another one adds nothing to the test.
    return tuple(sorted(s for s in found if not any(other != s and other in s for other in found)))


def _sequence_strings(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, value in [*items, (None, None)]:
        if op is _LITERAL and value < 128:
            if value == ord("{"):
                raise _NoStrings  # a brace the parser took as a literal: the regex module may not
            run.append(chr(value).lower())
            continue
        candidates = [frozenset(["".join(run)])] if run else []
        run = []
        if op is not None:
            item = _item_strings(op, value)
            if item is not None:
                candidates.append(item)
        for candidate in candidates:
            if best is None or _telling(candidate) > _telling(best):
                best = candidate
    return best


def _telling(strings: frozenset[str]) -> tuple[int, int]:
    """How much a set of required strings tells: its shortest string, then fewer strings."""
    return min(map(len, strings)), -len(strings)


def _item_strings(op: Any, value: Any) -> frozenset[str] | None:
    if op is _SUBPATTERN:
        return _sequence_strings(list(value[-1]))
    if op is _ATOMIC_GROUP:
        return _sequence_strings(list(value))
    if op in _REPEATS:
        low, _, body = value
        return _sequence_strings(list(body)) if low >= 1 else None
    if op is _ASSERT:
        return _sequence_strings(list(value[1]))  # a look-ahead or -behind reads the key too
    if op is _BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            strings = _sequence_strings(list(branch))
            if strings is None:
                return None
            union |= strings
        return frozenset(union)
    return None


# The standard library's pattern parser and its node names (private modules, untyped: see rx).
_re_parser: Any = importlib.import_module("re._parser")
_re_constants: Any = importlib.import_module("re._constants")
_LITERAL = _re_constants.LITERAL
_SUBPATTERN = _re_constants.SUBPATTERN
_ATOMIC_GROUP = _re_constants.ATOMIC_GROUP
_BRANCH = _re_constants.BRANCH
_ASSERT = _re_constants.ASSERT
_REPEATS = (_re_constants.MAX_REPEAT, _re_constants.MIN_REPEAT, _re_constants.POSSESSIVE_REPEAT)


class _LineRules:
    """The line-scope existence rules of a pack, judged in one pass over a document's lines.

    Each rule used to read every line and look its key up on its own; a pack has several
    (share, subscribe, ads, ...), and a page is mostly short lines, so that was one lookup per
    rule per line. Now the first rule to run on a document reads the lines once, for every rule
    that has run before, and the others take their lines from that pass.

    UI lines repeat across articles ("Home", "Share", "Advertisement"), so each distinct key is
    judged once per rule, and kept as two bit sets: the rules that judged it and the rules it
    matches. Bounded: cleared when full, so a long batch run cannot grow it without limit. A
    rule whose pattern fails on a key (a timeout) leaves it unjudged there, so that the failure
    is raised in that rule's own check, as the engine reports it. Threads sharing a linter at
    worst do a pass twice: every shared value is replaced whole, never changed in place.
    """

    def __init__(self) -> None:
        self._matchers: list[tuple[int, _LineMatcher]] = []
        self._max_words = 0
        # The rules that have run (a pass judges only them: a selection may leave some out), and
        # what each key matches among them. Replaced whole when another rule runs.
        self._verdicts: tuple[int, dict[str, int]] = (0, {})
        self._judged = 0  # keys judged so far (not exact under threads: it only decides when to prefilter)
        # The last document read: it, the rules judged on all its lines, and each rule's lines.
        self._last: tuple[Document, int, dict[int, list[int]]] | None = None

    def add(self, matcher: _LineMatcher) -> int:
        """Adds a rule; returns its bit."""
        bit = 1 << len(self._matchers)
        self._matchers.append((bit, matcher))
        self._max_words = max(self._max_words, matcher.max_words)
        return bit

    @functools.cached_property
    def _required(self) -> list[tuple[str, ...] | None]:
        """Each rule's required strings (see _required_strings), read once all are added."""
        return [_required_strings(m.sources, m.ignore_case) if m.combined is not None else None for _, m in self._matchers]

    def matching(self, doc: Document, bit: int, timeout: float) -> list[int]:
        """The indices of the lines of ``doc`` that the rule ``bit`` matches."""
        last = self._last
        if last is None or last[0] is not doc or not last[1] & bit:
            last = self._last = self._pass(doc, bit, timeout)
        return last[2].get(bit, [])

    def _pass(self, doc: Document, bit: int, timeout: float) -> tuple[Document, int, dict[int, list[int]]]:
        asked, verdicts = self._verdicts
        if not asked & bit:
            asked, verdicts = self._verdicts = (asked | bit, {})
        judged_everywhere = asked
        found: dict[int, list[int]] = {}
        limit = self._max_words
        for index, key in enumerate(doc.line_keys):
            if not key:
                continue
            matched = verdicts.get(key)
            if matched is None:
                if key.count(" ") >= limit:
                    continue
                judged, matched = self._judge(key, verdicts, asked, bit, timeout)
                judged_everywhere &= judged
            while matched:
                lowest = matched & -matched
                found.setdefault(lowest, []).append(index)
                matched ^= lowest
        return doc, judged_everywhere, found

    def _judge(self, key: str, verdicts: dict[str, int], asked: int, asker: int, timeout: float) -> tuple[int, int]:
        """The rules that judged ``key`` and those it matches; kept when all judged it."""
        judged = matched = 0
        spaces = key.count(" ")
        # Reading the patterns for their required strings takes ~10 ms: a short run (one file)
        # does without.
        self._judged += 1
        tests = self._required if self._judged > _PREFILTER_AFTER and key.isascii() and key.islower() else None
        for index, (bit, matcher) in enumerate(self._matchers):
            if not asked & bit:
                continue
            try:
                if matcher.matches(key, spaces, timeout, tests[index] if tests is not None else None):
                    matched |= bit
            except Exception:
                if bit == asker:
                    raise
                continue  # left unjudged: the rule's own check raises it
            judged |= bit
        if judged == asked:
            remember(verdicts, key, matched, _VERDICT_CACHE_SIZE)
        return judged, matched


_VERDICT_CACHE_SIZE = LINES_KEPT
_PREFILTER_AFTER = 1_000


def _substitution(entry: dict[str, Any], where: str, applicability: Applicability | None, fix_kind: Any) -> CheckFunction:
    """Whole words to replace: ``swap = { wrong = "right" }``, matched by hashing each word."""
    swap = entry.get("swap")
    if not isinstance(swap, dict) or not swap or not all(isinstance(v, str) for v in swap.values()):
        raise PackError(f"{where}: 'swap' must be a table of wrong = \"right\" strings")
    ignore_case = bool(entry.get("ignore_case", True))
    table = {(k.casefold() if ignore_case else k): v for k, v in swap.items()}
    grade = applicability or Applicability.UNSAFE

    def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
        for span, word in words(doc.text):
            right = table.get(word.casefold() if ignore_case else word)
            if right is None or right == word:
                continue
            if ignore_case and word[:1].isupper():
                right = right[:1].upper() + right[1:]
            yield Hit(span, fix=Fix.replace(span, right, grade, f"Replace with '{right}'"), args={"match": word, "replacement": right})

    return check


def _repetition(entry: dict[str, Any], where: str, applicability: Applicability | None, fix_kind: Any) -> CheckFunction:
    """The same token twice in a row ("the the"), except words in ``allow``."""
    pattern = _compile(entry.get("pattern", r"\b\p{L}+\b"), where)
    allow = frozenset(a.casefold() for a in _string_list(entry, "allow", where))
    skip_quotes = bool(entry.get("skip_quotes", True))
    grade = applicability or Applicability.UNSAFE

    def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
        previous: regex.Match[str] | None = None
        for m in pattern.finditer(doc.text, timeout=ctx.regex_timeout):
            if (
                previous is not None
                and m.group().casefold() == previous.group().casefold()
                and m.group().casefold() not in allow
                and doc.text[previous.end() : m.start()].strip(" \t") == ""
            ):
                span = Span(previous.start(), m.end())
                if not (skip_quotes and doc.in_quote(span)):
                    fix = Fix.delete([Span(previous.end(), m.end())], grade, f"Remove the second '{m.group()}'")
                    yield Hit(span, fix=fix, args={"match": m.group()})
            previous = m

    return check


def _occurrence(entry: dict[str, Any], where: str, applicability: Applicability | None, fix_kind: Any) -> CheckFunction:
    """More than ``max`` matches of ``pattern`` in a sentence, paragraph or the document."""
    pattern = _compile(_string(entry, "pattern", where, required=True), where)
    limit = entry.get("max")
    if not isinstance(limit, int) or limit < 0:
        raise PackError(f"{where}: 'max' must be a non-negative integer")
    scope = entry.get("scope", "sentence")
    if scope not in ("sentence", "paragraph", "document"):
        raise PackError(f"{where}: 'scope' must be sentence, paragraph or document")

    def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
        units = {"sentence": doc.sentences, "paragraph": doc.paragraphs, "document": [Span(0, len(doc.text))]}[scope]
        for unit in units:
            found = list(pattern.finditer(doc.text, unit.start, unit.end, timeout=ctx.regex_timeout))
            if len(found) > limit:
                extra = found[limit]
                yield Hit(Span(extra.start(), extra.end()), args={"match": extra.group(), "count": str(len(found))})

    return check


def _consistency(entry: dict[str, Any], where: str, applicability: Applicability | None, fix_kind: Any) -> CheckFunction:
    """Two spellings of one thing in a document: the minority spelling is reported."""
    pairs = entry.get("either")
    if not isinstance(pairs, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(s, str) for s in p) for p in pairs
    ):
        raise PackError(f"{where}: 'either' must be a list of [\"one\", \"other\"] pairs")
    compiled = [tuple(_compile(rf"\b{regex.escape(s)}\b", where) for s in pair) for pair in pairs]
    grade = applicability or Applicability.UNSAFE

    def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
        for (first, second), pair in zip(compiled, pairs, strict=True):
            a = list(first.finditer(doc.text, timeout=ctx.regex_timeout))
            b = list(second.finditer(doc.text, timeout=ctx.regex_timeout))
            if not a or not b:
                continue
            minority, majority_word = (b, pair[0]) if len(a) >= len(b) else (a, pair[1])
            for m in minority:
                span = Span(m.start(), m.end())
                yield Hit(span, fix=Fix.replace(span, majority_word, grade, f"Use '{majority_word}'"),
                          args={"match": m.group(), "replacement": majority_word})

    return check


def _python(entry: dict[str, Any], where: str, applicability: Applicability | None, fix_kind: Any) -> CheckFunction:
    reference = _string(entry, "function", where, required=True)
    module_name, _, function_name = reference.partition(":")
    if not module_name or not function_name:
        raise PackError(f"{where}: 'function' must be 'package.module:function', got {reference!r}")
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:
        raise PackError(f"{where}: cannot import module {module_name!r}: {exc}") from None
    function = getattr(module, function_name, None)
    if not callable(function):
        raise PackError(f"{where}: module {module_name!r} has no function {function_name!r}")
    return function  # type: ignore[no-any-return]
