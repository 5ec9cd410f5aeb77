"""LanguageTool as a second grammar backend, through ``language-tool-python``.

Optional and off unless configured: nothing here imports ``language_tool_python`` (GPL-3.0,
installed with the ``languagetool`` extra) or touches the network until a configuration names
a server::

    [tool.newslint.grammar]
    languagetool = "http://localhost:8081"      # a running LanguageTool HTTP server
    # languagetool = "local"                    # or start the user's own LanguageTool:
    # languagetool-path = "/opt/LanguageTool-6.6"   #   its folder (else $LTP_JAR_DIR_PATH)
    languagetool-language = "en-US"
    languagetool-max-chars = 10000              # longest text sent in one request
    languagetool-disabled-rules = ["EN_QUOTES"]

or ``newslint check --languagetool URL``. newslint never downloads LanguageTool.

Each match becomes a finding of one of four rules by LanguageTool's category and issue
type: NL691 grammar, NL692 spelling, NL693 style, NL694 typography (a style finding). A match
the built-in grammar rules already report is dropped, as are matches on whitespace (the
whitespace rules own it), in URLs, e-mail addresses or HTML comments, before "[sic]", and,
inside quotations, everything but spelling (a quote is what someone said). One replacement is
an UNSAFE fix; several are a DISPLAY fix of the first with the others in the message, because
choosing among them would be a guess; a capitalised or all-caps word is never rewritten.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from newslint.checks.grammar import builtin_spans
from newslint.document import Derived, Document
from newslint.model import Applicability, Fix, Hit, Span
from newslint.packs import Context, Rule

SECTION = "grammar"
DEFAULT_MAX_CHARS = 10_000
# LanguageTool's categories (rule.category.id) by newslint family; anything else is grammar.
_SPELLING_CATEGORIES = frozenset({"TYPOS"})
_TYPOGRAPHY_CATEGORIES = frozenset({"TYPOGRAPHY", "PUNCTUATION"})
_STYLE_CATEGORIES = frozenset({
    "STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "NONSTANDARD_PHRASES", "CREATIVE_WRITING",
    "REPETITIONS_STYLE", "GENDER_NEUTRALITY", "WIKIPEDIA", "TEXT_ANALYSIS", "AMERICAN_ENGLISH_STYLE",
    "BRITISH_ENGLISH", "MISUSED_TERMS_EU_PUBLICATIONS", "FALSE_FRIENDS",
})
_STYLE_ISSUES = frozenset({"style", "register", "locale-violation"})
_MAX_ALTERNATIVES = 5
# After a failure, a server is not asked again for this long: a batch run against a server
# that is down reports it at once for each document instead of waiting on each one.
RETRY_AFTER = 30.0


class LanguageToolError(Exception):
    """LanguageTool is configured but cannot be used (no server, bad settings)."""


@dataclass(frozen=True)
class Settings:
    url: str | None  # a running server; None with ``local``
    local: Path | None  # a LanguageTool folder to start a server from
    language: str = "en-US"
    max_chars: int = DEFAULT_MAX_CHARS
    disabled_rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class LTMatch:
    """One LanguageTool match, in newslint's terms."""

    family: str  # "grammar", "spelling", "style" or "typography"
    span: Span
    message: str
    replacements: tuple[str, ...]
    rule_id: str


def settings_from(options: Mapping[str, Any]) -> Settings | None:
    """The LanguageTool settings in a ``[grammar]`` table; ``None`` when it names no server."""
    target = options.get("languagetool")
    if target in (None, "", False):
        return None
    if not isinstance(target, str):
        raise LanguageToolError("'languagetool' must be a server URL or \"local\"")
    language = options.get("languagetool-language", "en-US")
    max_chars = options.get("languagetool-max-chars", DEFAULT_MAX_CHARS)
    disabled = options.get("languagetool-disabled-rules", [])
    if not isinstance(language, str) or not isinstance(max_chars, int) or max_chars < 200:
        raise LanguageToolError("'languagetool-language' must be a string and 'languagetool-max-chars' an integer of at least 200")
    if not isinstance(disabled, list) or not all(isinstance(r, str) for r in disabled):
        raise LanguageToolError("'languagetool-disabled-rules' must be a list of rule ids")
    if target == "local":
        folder = options.get("languagetool-path") or os.environ.get("LTP_JAR_DIR_PATH")
        if not folder or not Path(str(folder)).is_dir():
            raise LanguageToolError(
                "languagetool = \"local\" needs 'languagetool-path' (or $LTP_JAR_DIR_PATH) naming an unzipped "
                "LanguageTool folder; newslint never downloads LanguageTool"
            )
        return Settings(None, Path(str(folder)), language, max_chars, tuple(disabled))
    if not target.startswith(("http://", "https://")):
        raise LanguageToolError(f"'languagetool' must be an http(s) URL or \"local\", got {target!r}")
    return Settings(target.rstrip("/"), None, language, max_chars, tuple(disabled))


# --- the client ----------------------------------------------------------------------------------


class _Client:
    """One ``language_tool_python.LanguageTool`` per settings, created on first use. The
    library keeps per-class state while it builds matches, so calls are serialised."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._tool: Any = None
        self._failure: LanguageToolError | None = None
        self._failed_at = 0.0
        self._lock = threading.Lock()

    def check(self, text: str) -> list[Any]:
        with self._lock:
            if self._failure is not None and time.monotonic() - self._failed_at < RETRY_AFTER:
                raise self._failure
            try:
                result = list(self._connect().check(text))
            except LanguageToolError as exc:
                self._fail(exc)
                raise
            except Exception as exc:  # the library raises its own errors, requests' and KeyError on a malformed answer
                where = self.settings.url or str(self.settings.local)
                failure = LanguageToolError(f"LanguageTool at {where} failed: {type(exc).__name__}: {exc}")
                self._fail(failure)
                raise failure from exc
            self._failure = None
            return result

    def _fail(self, failure: LanguageToolError) -> None:
        self._failure = failure
        self._failed_at = time.monotonic()

    def _connect(self) -> Any:
        if self._tool is not None:
            return self._tool
        try:
            import language_tool_python
        except ImportError:
            raise LanguageToolError(
                "LanguageTool is configured but language-tool-python is not installed: pip install 'newslint[languagetool]'"
            ) from None
        if self.settings.local is not None:
            # The library starts LanguageTool from this folder and downloads nothing.
            os.environ["LTP_JAR_DIR_PATH"] = str(self.settings.local)
            tool = language_tool_python.LanguageTool(self.settings.language)
            atexit.register(tool.close)
        else:
            tool = language_tool_python.LanguageTool(self.settings.language, remote_server=self.settings.url)
        if self.settings.disabled_rules:
            tool.disabled_rules = set(self.settings.disabled_rules)
        self._tool = tool
        return tool


_clients: dict[Settings, _Client] = {}
_clients_lock = threading.Lock()


def _client(settings: Settings) -> _Client:
    with _clients_lock:
        if settings not in _clients:
            _clients[settings] = _Client(settings)
        return _clients[settings]


# --- chunking ---------------------------------------------------------------------------------


def chunks(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text`` with pieces of at most ``limit`` characters,
    cut after a paragraph break, else a line break, else a sentence end, else a space, so
    that LanguageTool sees whole sentences wherever the text allows."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = _cut(window)
        yield start, window[:cut]
        start += cut
    if start < len(text):
        yield start, text[start:]


def _cut(window: str) -> int:
    for separator in ("\n\n", "\n", ". ", "? ", "! ", " "):
        position = window.rfind(separator)
        if position > len(window) // 4:
            return position + len(separator)
    return len(window)


# --- mapping -------------------------------------------------------------------------------------


def family(category: str, issue_type: str) -> str:
    """newslint's family for a LanguageTool category id and issue type."""
    if category in _SPELLING_CATEGORIES or issue_type == "misspelling":
        return "spelling"
    if category in _TYPOGRAPHY_CATEGORIES or issue_type == "typographical":
        return "typography"
    if category in _STYLE_CATEGORIES or issue_type in _STYLE_ISSUES:
        return "style"
    return "grammar"


def to_matches(raw: list[Any], offset: int) -> Iterator[LTMatch]:
    """language-tool-python ``Match`` objects (offsets already in code points) as LTMatches."""
    for match in raw:
        start = offset + int(match.offset)
        span = Span(start, start + int(match.error_length))
        replacements = tuple(str(r) for r in (match.replacements or ()))
        issue = str(getattr(match, "rule_issue_type", "") or "")
        yield LTMatch(family(str(match.category), issue), span, str(match.message), replacements, str(match.rule_id))


@dataclass
class _Outcome:
    """What the server said of one document: its usable matches, or why it could not say."""

    matches: list[LTMatch]
    failure: LanguageToolError | None = None
    reported: bool = False  # the failure has been raised once


_OUTCOME: Derived[_Outcome] = Derived("LanguageTool outcome")


def analyse(doc: Document, settings: Settings) -> list[LTMatch]:
    """Every usable LanguageTool match on ``doc``, computed once per document and shared by
    the four LanguageTool rules."""
    outcome = doc.derived(_OUTCOME, partial(_ask, settings=settings))
    if outcome.failure is not None and not outcome.reported:
        # Report the failure once per document (the first LanguageTool rule to run), not once
        # per rule: the engine turns it into an NL001 finding.
        outcome.reported = True
        raise outcome.failure
    return outcome.matches


def _ask(doc: Document, settings: Settings) -> _Outcome:
    try:
        client = _client(settings)
        found: list[LTMatch] = []
        for offset, piece in chunks(doc.text, settings.max_chars):
            if piece.strip():
                found.extend(to_matches(client.check(piece), offset))
        return _Outcome([m for m in found if _keep(doc, m)])
    except LanguageToolError as exc:
        return _Outcome([], exc)


def _keep(doc: Document, match: LTMatch) -> bool:
    span = match.span
    if span.end > len(doc.text) or (len(span) == 0 and not match.replacements):
        return False
    if match.rule_id in ("WHITESPACE_RULE", "CONSECUTIVE_SPACES"):
        return False  # the whitespace rules (NL401-NL404) own spacing
    if doc.text[span.end : span.end + 6].lstrip().startswith("[sic]"):
        return False
    inside_quote = doc.in_quote(span)
    if doc.in_protected(span) is not None and not inside_quote and not _touches_quote(doc, span):
        return False  # a URL, an e-mail address or an HTML comment
    if inside_quote and match.family != "spelling":
        return False  # what someone said: only a misspelt word is worth showing
    return not any(span.overlaps(builtin) for builtin in builtin_spans(doc))


def _touches_quote(doc: Document, span: Span) -> bool:
    return any(q.overlaps(span) for q in doc.quotes)


def _fix(doc: Document, match: LTMatch) -> Fix | None:
    if not match.replacements:
        return None
    original = doc.text[match.span.start : match.span.end]
    grade = Applicability.UNSAFE if len(match.replacements) == 1 else Applicability.DISPLAY
    if match.family == "spelling" and any(c.isupper() for c in original):
        grade = Applicability.DISPLAY  # names are not typos
    return Fix.replace(match.span, match.replacements[0], grade, f"Replace with '{match.replacements[0]}'")


def _message(match: LTMatch) -> str:
    message = f"{match.message} [LanguageTool {match.rule_id}]"
    if len(match.replacements) > 1:
        shown = ", ".join(f"'{r}'" for r in match.replacements[:_MAX_ALTERNATIVES])
        message += f"; one of: {shown}"
    return message


# --- the rules ----------------------------------------------------------------------------------


def _hits(doc: Document, ctx: Context, wanted: str) -> Iterator[Hit]:
    section: Mapping[str, Any] = ctx.options.get(SECTION, {})
    settings = settings_from(section)
    if settings is None:
        return  # not configured: no import, no network
    for match in analyse(doc, settings):
        if match.family == wanted:
            yield Hit(match.span, message=_message(match), fix=_fix(doc, match),
                      args={"match": doc.text[match.span.start : match.span.end], "rule": match.rule_id})


def grammar(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """LanguageTool's grammar matches (GRAMMAR, CONFUSED_WORDS, CASING, ...)."""
    return _hits(doc, ctx, "grammar")


def spelling(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """LanguageTool's spelling matches (TYPOS)."""
    return _hits(doc, ctx, "spelling")


def style(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """LanguageTool's style matches (STYLE, REDUNDANCY, PLAIN_ENGLISH, ...)."""
    return _hits(doc, ctx, "style")


def typography(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """LanguageTool's typography and punctuation matches."""
    return _hits(doc, ctx, "typography")
