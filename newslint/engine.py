"""The linter: run the selected rules on a document and return findings.

A rule that raises or times out becomes a finding (``NL001``/``NL002``), never a crash. Wording
fixes (spelling, grammar, style, dates) that touch a quotation or other protected span are
demoted to DISPLAY: quotes are verbatim. Suppression comments are applied last.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from newslint.config import Config, select_rules, selector_matches
from newslint.document import Document
from newslint.gcpause import Uncollected
from newslint.model import Applicability, Finding, Hit, Span
from newslint.packs import Context, Rule, builtin_rules_dir, load_packs
from newslint.suppress import Suppression, parse_suppressions

WORDING_CATEGORIES = frozenset({"spelling", "grammar", "style", "datetime"})

# Meta findings the engine itself reports; they are rules too, so they can be selected,
# ignored and explained like any other (see rules/meta.toml).
RULE_ERROR = "NL001"
RULE_TIMEOUT = "NL002"
UNKNOWN_SUPPRESSION = "NL003"
UNUSED_SUPPRESSION = "NL004"


class RuleSet:
    """All loaded rules (built-in packs plus user packs), loaded once and shared."""

    _cache: ClassVar[dict[tuple[tuple[str, ...], float], RuleSet]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, rules: Sequence[Rule]):
        self.rules = list(rules)
        self.by_code = {rule.code: rule for rule in self.rules}
        self.by_name = {rule.name: rule for rule in self.rules}
        self._selector_names: list[str] | None = None

    @classmethod
    def load(cls, extra_packs: Iterable[Path] = (), regex_timeout: float = 0.25) -> RuleSet:
        folders = (builtin_rules_dir(), *extra_packs)
        key = (tuple(str(Path(f).resolve()) for f in folders), regex_timeout)
        with cls._lock:
            if key not in cls._cache:
                # Loading imports the rules' modules: no garbage to collect (see newslint/__init__.py).
                with Uncollected():
                    cls._cache[key] = cls(load_packs(folders, regex_timeout))
            return cls._cache[key]

    def find(self, code_or_name: str) -> Rule | None:
        return self.by_code.get(code_or_name.upper()) or self.by_name.get(code_or_name)

    def selector_names(self) -> list[str]:
        """Every code, name and category a selector may name (worked out once: the engine
        asks for them for every document)."""
        if self._selector_names is None:
            names: set[str] = set()
            for rule in self.rules:
                names.update((rule.code, rule.name, rule.category))
            self._selector_names = sorted(names)
        return list(self._selector_names)


class Linter:
    """Lints documents with one configuration. Reusable and safe to share between threads:
    it keeps no per-document state."""

    def __init__(self, config: Config | None = None, ruleset: RuleSet | None = None):
        self.config = config or Config()
        self.ruleset = ruleset or RuleSet.load(self.config.packs, self.config.regex_timeout)
        self.context = Context(regex_timeout=self.config.regex_timeout, options=self.config.sections)
        self._selected = select_rules(self.ruleset.rules, self.config)
        self._per_path: dict[tuple[str, ...], list[Rule]] = {}
        builtin = str(builtin_rules_dir())
        self._sources = {r.code: "newslint" if r.source.startswith(builtin) else Path(r.source).stem for r in self.ruleset.rules}
        self._meta = {code: self.ruleset.by_code[code] for code in (RULE_ERROR, RULE_TIMEOUT, UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION)}
        self._active_codes = {r.code for r in self._selected}

    def __reduce__(self) -> tuple[type[Linter], tuple[Config]]:
        """Pickled as its configuration (rule functions are closures): a process pool's worker
        rebuilds the same linter, loading the packs once per process."""
        return (Linter, (self.config,))

    @property
    def rules(self) -> list[Rule]:
        return list(self._selected)

    def rules_for(self, path: str | None) -> list[Rule]:
        extra = self.config.ignores_for(path) if path else ()
        if not extra:
            return self._selected
        key = tuple(extra)
        if key not in self._per_path:
            self._per_path[key] = [r for r in self._selected if not any(selector_matches(s, r) for s in extra)]
        return self._per_path[key]

    def lint(self, doc: Document) -> list[Finding]:
        rules = self.rules_for(doc.path)
        findings: list[Finding] = []
        for rule in rules:
            if rule.code in self._meta:
                continue
            findings.extend(self._run(rule, doc))
        findings = self._suppress(doc, _one_per_defect(findings), rules)
        findings.sort(key=Finding.sort_key)
        return findings

    def _run(self, rule: Rule, doc: Document) -> list[Finding]:
        try:
            return [self._finding(rule, doc, hit) for hit in rule.check(doc, rule, self.context)]
        except TimeoutError:
            if RULE_TIMEOUT not in self._active_codes:
                return []
            meta = self._meta[RULE_TIMEOUT]
            message = f"rule {rule.code} ({rule.name}) from {rule.source} timed out after {self.context.regex_timeout}s and was skipped on this text"
            return [self._meta_finding(meta, Span(0, 0), message)]
        except Exception as exc:  # a broken rule must not stop the others
            if RULE_ERROR not in self._active_codes:
                return []
            meta = self._meta[RULE_ERROR]
            message = f"rule {rule.code} ({rule.name}) from {rule.source} failed: {type(exc).__name__}: {exc}"
            return [self._meta_finding(meta, Span(0, 0), message)]

    def _finding(self, rule: Rule, doc: Document, hit: Hit) -> Finding:
        if hit.span.end > len(doc.text):
            raise ValueError(f"span {hit.span} is outside the text")
        fix = hit.fix
        if (
            fix is not None
            and rule.category in WORDING_CATEGORIES
            and fix.applicability > Applicability.DISPLAY
            and any(doc.in_protected(edit.span) for edit in fix.edits)
        ):
            fix = fix.with_applicability(Applicability.DISPLAY)
        message = hit.message or rule.format_message(hit.args)
        return Finding(rule.code, rule.name, rule.category, rule.severity, hit.span, message, fix, source=self._sources[rule.code])

    def _meta_finding(self, rule: Rule, span: Span, message: str) -> Finding:
        return Finding(rule.code, rule.name, rule.category, rule.severity, span, message)

    def _suppress(self, doc: Document, findings: list[Finding], rules: list[Rule]) -> list[Finding]:
        known = self.ruleset.selector_names()
        suppressions, unknown = parse_suppressions(doc, known)
        if not suppressions and not unknown:
            return findings
        kept = [f for f in findings if not _silenced(f, suppressions, self.ruleset)]
        active = {r.code for r in rules}
        if UNKNOWN_SUPPRESSION in active:
            meta = self._meta[UNKNOWN_SUPPRESSION]
            kept.extend(
                self._meta_finding(meta, u.comment, f"unknown rule selector '{u.selector}' in suppression comment")
                for u in unknown
            )
        if UNUSED_SUPPRESSION in active:
            meta = self._meta[UNUSED_SUPPRESSION]
            kept.extend(
                self._meta_finding(meta, s.comment, f"suppression of '{s.selector}' silences nothing")
                for s in suppressions
                if not s.used
            )
        return kept


def _one_per_defect(findings: list[Finding]) -> list[Finding]:
    """One finding per span and category: when an exact-phrase rule and a shape rule both
    flag the same line as boilerplate, the user sees it once, from the rule with the safest
    fix (then the lowest code). Different categories on one span stay: a UI line that is
    also a repeat is two facts. Engine findings (meta) are all kept."""
    best: dict[tuple[Span, str], Finding] = {}
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: f.code):
        if finding.category == "meta":
            kept.append(finding)
            continue
        key = (finding.span, finding.category)
        current = best.get(key)
        if current is None or _applicability(finding) > _applicability(current):
            best[key] = finding
    return kept + list(best.values())


def _applicability(finding: Finding) -> int:
    return int(finding.fix.applicability) if finding.fix is not None else -1


def _silenced(finding: Finding, suppressions: list[Suppression], ruleset: RuleSet) -> bool:
    rule = ruleset.by_code.get(finding.code)
    silenced = False
    for s in suppressions:
        if not s.region.contains(Span(finding.span.start, finding.span.start)):
            continue
        if s.selector.lower() == "all" or (rule is not None and selector_matches(s.selector, rule)) or s.selector == finding.code:
            s.used = True
            silenced = True
    return silenced
