"""The command line: ``newslint check``, ``fix``, ``rules``, ``explain``.

Exit status: 0 clean (or everything fixed), 1 findings remain, 2 usage, configuration or
input error.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from newslint._version import __version__
from newslint.config import Config, ConfigError, config_for, load_config
from newslint.engine import Linter, RuleSet
from newslint.io import FieldMap
from newslint.model import Applicability
from newslint.packs import PackError
from newslint.report import FORMATS, format_github, format_json, format_jsonl, format_sarif, format_statistics, format_summary, format_text
from newslint.runner import FileReport, Located, Options, expand_paths, process_path, process_stdin

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> NoReturn:
    click.echo(f"newslint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


class LinterCache:
    """One linter per configuration file: config is searched upward from each file."""

    def __init__(self, explicit: Path | None, isolated: bool, overrides: dict[str, Any]):
        self.explicit = explicit
        self.isolated = isolated
        self.overrides = overrides
        self._by_config: dict[Path | None, Linter] = {}
        self._explicit_config: Config | None = None
        # One run looks for configuration once per folder, however many files it holds.
        self._by_folder: dict[Path, Config] = {}

    def config_for(self, path: Path) -> Config:
        if self.isolated:
            return Config()
        if self.explicit is not None:
            if self._explicit_config is None:
                self._explicit_config = load_config(self.explicit)
            return self._explicit_config
        folder = path if path.is_dir() else path.parent
        if folder not in self._by_folder:
            self._by_folder[folder] = config_for(path)
        return self._by_folder[folder]

    def __call__(self, path: Path) -> Linter:
        config = self.config_for(path)
        key = config.path
        if key not in self._by_config:
            self._by_config[key] = Linter(config.with_overrides(**self.overrides))
        return self._by_config[key]


def _common(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True)),
        click.option("--select", multiple=True, help="Rules to run: codes, code prefixes, categories or names (comma-separated; repeatable)."),
        click.option("--extend-select", multiple=True, help="Rules to run in addition to the selected ones."),
        click.option("--ignore", multiple=True, help="Rules not to run (same forms as --select)."),
        click.option("--preview", is_flag=True, default=None, help="Also run rules that are off by default (preview)."),
        click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Use this configuration file instead of searching for one."),
        click.option("--isolated", is_flag=True, help="Ignore all configuration files."),
        click.option("--output-format", type=click.Choice(FORMATS), default="text", show_default=True),
        click.option("--statistics", is_flag=True, help="Print a count of findings per rule instead of each finding."),
        click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain (errors still exit 2)."),
        click.option("--encoding", help="Encoding of the input files (default: UTF-8, or as the BOM says)."),
        click.option("--encoding-errors", type=click.Choice(["strict", "surrogateescape", "latin-1"]), default="strict", show_default=True, help="What to do with bytes that are not valid: stop on the file, keep them as they are, or read the file as Latin-1."),
        click.option("--text-field", help="JSONL: the field holding the article text (default: text, maintext, articleBody, ...)."),
        click.option("--title-field", help="JSONL: the field holding the headline."),
        click.option("--date-field", help="JSONL: the field holding the publication date."),
        click.option("--published", help="Publication date (ISO 8601) for inputs that carry none."),
        click.option("--stdin-filename", help="The name to report (and to find configuration by) for text read from '-'."),
        click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links that point out of the given folders."),
        click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """Find and safely fix the defects of scraped news articles."""


@main.command()
@_common
@click.option("--unsafe-fixes", is_flag=True, help="Mark UNSAFE fixes as fixable in the output.")
def check(**kwargs: Any) -> None:
    """Report findings in PATHS (files, folders, or - for standard input)."""
    _run(fix=False, diff=False, **kwargs)


@main.command()
@_common
@click.option("--unsafe-fixes", is_flag=True, help="Also apply UNSAFE fixes.")
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing.")
def fix(**kwargs: Any) -> None:
    """Apply SAFE fixes to PATHS in place (atomically), and report what remains."""
    _run(fix=True, **kwargs)


def _run(fix: bool, diff: bool, paths: tuple[Path, ...], **kw: Any) -> None:
    if not paths:
        _fail("no paths given (use - to read standard input)")
    threshold = Applicability.UNSAFE if kw["unsafe_fixes"] else Applicability.SAFE
    overrides: dict[str, Any] = {
        "select": _split(kw["select"]) if kw["select"] else None,
        "ignore": _split(kw["ignore"]),
        "extend_select": _split(kw["extend_select"]),
        "preview": kw["preview"],
    }
    linters = LinterCache(kw["config_path"], kw["isolated"], overrides)
    fallback = None if kw["encoding_errors"] == "strict" else kw["encoding_errors"]
    options = Options(
        fix=fix,
        threshold=threshold,
        write=not diff,
        encoding=kw["encoding"],
        fallback=fallback,
        fields=FieldMap(text=kw["text_field"], title=kw["title_field"], date=kw["date_field"]),
        published=kw["published"],
        keep_content=diff,
    )
    reports: list[FileReport] = []
    errors = 0
    try:
        for path in paths:
            if str(path) == "-":
                name = kw["stdin_filename"] or "-"
                linter = linters(Path(name) if kw["stdin_filename"] else Path.cwd())
                report = process_stdin(linter, sys.stdin.buffer.read(), options, name)
                if fix and not diff:
                    sys.stdout.buffer.write(report.new_content or b"")
                reports.append(report)
                continue
            for file_path, skipped in expand_paths([path], kw["follow_symlinks"]):
                if skipped:
                    click.echo(f"newslint: error: {skipped}", err=True)
                    errors += 1
                    continue
                reports.append(process_path(linters(file_path), file_path, options))
    except (ConfigError, PackError) as exc:
        _fail(str(exc))
    items: list[Located] = []
    fixed = 0
    for report in reports:
        items.extend(report.findings)
        fixed += report.fixed
        for problem in report.problems:
            prefix = "error" if problem.fatal else "warning"
            message = problem.message if problem.message.startswith(problem.path) else f"{problem.path}: {problem.message}"
            click.echo(f"newslint: {prefix}: {message}", err=True)
            errors += problem.fatal
    to_stdout = not (fix and not diff and any(str(p) == "-" for p in paths))
    out = click.echo if to_stdout else (lambda s, **_: click.echo(s, err=True))
    if diff:
        for report in reports:
            if report.original_content is not None and report.new_content is not None and report.new_content != report.original_content:
                out(_unified_diff(report), nl=False)
    fmt = kw["output_format"]
    if kw["statistics"]:
        out(format_statistics(items), nl=False)
    elif fmt == "text":
        out(format_text(items, threshold), nl=False)
    elif fmt == "json":
        out(format_json(items), nl=False)
    elif fmt == "jsonl":
        out(format_jsonl(items), nl=False)
    elif fmt == "github":
        out(format_github(items), nl=False)
    elif fmt == "sarif":
        rules = linters(Path.cwd()).ruleset.rules
        out(format_sarif(items, rules), nl=False)
    if fmt == "text" and not kw["quiet"]:
        click.echo(format_summary(items, threshold, fixed, errors, would_fix=diff), err=True)
    if errors:
        sys.exit(EXIT_ERROR)
    if items and not kw["exit_zero"]:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _unified_diff(report: FileReport) -> str:
    assert report.original_content is not None and report.new_content is not None
    before = report.original_content.decode("utf-8", errors="replace").splitlines(keepends=True)
    after = report.new_content.decode("utf-8", errors="replace").splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, fromfile=f"a/{report.path}", tofile=f"b/{report.path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _ruleset(config_path: Path | None) -> RuleSet:
    try:
        config = load_config(config_path) if config_path else config_for(Path.cwd())
        return RuleSet.load(config.packs, config.regex_timeout)
    except (ConfigError, PackError) as exc:
        _fail(str(exc))


@main.command()
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(config_path: Path | None, output_format: str) -> None:
    """List every rule: code, name, category, fix applicability."""
    ruleset = _ruleset(config_path)
    if output_format == "json":
        import json

        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "category": r.category, "severity": r.severity.value,
             "fix": r.fix_applicability.label if r.fix_applicability else None, "preview": r.preview,
             "summary": r.summary, "source": r.source}
            for r in ruleset.rules
        ], indent=2))
        return
    click.echo(f"{'code':<7} {'name':<34} {'category':<12} {'fix':<8} summary")
    for r in sorted(ruleset.rules, key=lambda r: r.code):
        fix = r.fix_applicability.label if r.fix_applicability else "-"
        preview = " (preview)" if r.preview else ""
        click.echo(f"{r.code:<7} {r.name:<34} {r.category:<12} {fix:<8} {r.summary}{preview}")


@main.command()
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False))
def explain(code: str, config_path: Path | None) -> None:
    """Explain a rule: what it finds, why, an example, and how safe its fix is."""
    ruleset = _ruleset(config_path)
    rule = ruleset.find(code)
    if rule is None:
        _fail(f"unknown rule {code!r}; `newslint rules` lists them")
    fix = {
        None: "This rule reports only; it offers no fix.",
        Applicability.SAFE: "Fix: SAFE. `newslint fix` applies it: it cannot change what the article says.",
        Applicability.UNSAFE: "Fix: UNSAFE. Applied only with `newslint fix --unsafe-fixes`: review the result.",
        Applicability.DISPLAY: "Fix: shown as a suggestion only, never applied.",
    }[rule.fix_applicability]
    lines = [f"{rule.code} ({rule.name})", "", f"Category: {rule.category}. Severity: {rule.severity.value}." + (" Preview: off by default." if rule.preview else ""), "", rule.summary]
    if rule.explanation:
        lines += ["", rule.explanation]
    if rule.example_bad:
        lines += ["", "Example:", "", *("    " + line for line in rule.example_bad.splitlines())]
        lines += ["", "Becomes:" if rule.example_good else "Becomes: (removed)"]
        if rule.example_good:
            lines += ["", *("    " + line for line in rule.example_good.splitlines())]
    lines += ["", fix, "", f"Defined in {rule.source}."]
    click.echo("\n".join(lines))
