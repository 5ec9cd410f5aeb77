"""The command line: ``newslint check``, ``fix``, ``clean``, ``rules``, ``explain``, ``add-words``.

Exit status: 0 clean (or everything fixed), 1 findings remain, 2 usage, configuration or
input error.
"""

from __future__ import annotations

import atexit
import functools
import gc
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from newslint.gcpause import Uncollected

with Uncollected():  # see newslint/__init__.py
    import click

    from newslint._version import __version__
    from newslint.config import ConfigError, config_for, load_config
    from newslint.engine import RuleSet
    from newslint.io import FieldMap
    from newslint.model import Applicability
    from newslint.packs import PackError
    from newslint.pool import WorkerError
    from newslint.report import (
        FORMATS,
        Tally,
        format_github,
        format_json,
        format_jsonl,
        format_sarif,
        format_statistics,
        format_summary,
        format_text,
    )
    from newslint.runner import FileReport, LinterCache, Located, Options, choose_jobs, expand_paths, process_paths, process_stdin

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@functools.cache
def _no_final_sweep() -> None:
    """At exit the interpreter runs one last full collection, which visits every object still
    alive: after a check, the word lists, tables and patterns the rules loaded (about 15 ms of
    a cold check of one file, a tenth of it). The process is ending and its memory goes back
    whole, so what is alive then is frozen out of that sweep. Registered once, when a command
    starts: exit hooks run last in, first out, so the hooks registered later (the regular
    expression cache's save) run before it."""
    atexit.register(gc.freeze)


def _fail(message: str) -> NoReturn:
    click.echo(f"newslint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that the atomic writer removes its temporary file on the
    way out: the file being written keeps its old content."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def _interrupted(exc: KeyboardInterrupt) -> NoReturn:
    click.echo("newslint: interrupted; every file holds its old or its new content, none is half-written", err=True)
    sys.exit(128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT))


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


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
        click.option("--jobs", "-j", type=click.IntRange(min=0), help="Worker processes: 0 for one per core, 1 for none. Default: one per core when the files hold 2 MB or more, else none."),
        click.option("--languagetool", metavar="URL", help="Also check with the LanguageTool server at URL (e.g. http://localhost:8081; needs the 'languagetool' extra)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """Find and safely fix the defects of scraped news articles."""
    _no_final_sweep()
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
        click.get_current_context().call_on_close(lambda: signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL))


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
        "sections": {"grammar": {"languagetool": kw["languagetool"]}} if kw["languagetool"] else None,
    }
    linters = LinterCache(kw["config_path"], kw["isolated"], overrides)
    fallback = None if kw["encoding_errors"] == "strict" else kw["encoding_errors"]
    if kw["published"]:
        from newslint.dates.published import parse_value  # only when asked: keeps start-up light

        if parse_value(kw["published"]) is None:
            _fail(f"--published {kw['published']!r} is not a date (write it as 2025-03-06)")
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
    fmt = kw["output_format"]
    to_stdout = not (fix and not diff and any(str(p) == "-" for p in paths))
    out = click.echo if to_stdout else (lambda s, **_: click.echo(s, err=True))
    # Formats of one line per finding are printed file by file, as reports come in (in input
    # order): nothing is held for the end, and the printing overlaps the workers' linting.
    # The others need every finding (json, sarif, --statistics) or print diffs first (--diff).
    stream = STREAM_FORMATS.get(fmt) if not kw["statistics"] and not diff else None
    kept: list[FileReport] = []  # reports held for the end (all of them unless streamed)
    tally = Tally(threshold)
    errors = 0

    def take(report: FileReport) -> None:
        nonlocal errors
        for problem in report.problems:
            prefix = "error" if problem.fatal else "warning"
            message = problem.message if problem.message.startswith(problem.path) else f"{problem.path}: {problem.message}"
            click.echo(f"newslint: {prefix}: {message}", err=True)
            errors += problem.fatal
        tally.add(report)
        if stream is None:
            kept.append(report)
        elif report.findings:
            out(stream(report.findings, threshold), nl=False)

    try:
        files: list[Path] = []
        for path in paths:
            if str(path) == "-":
                name = kw["stdin_filename"] or "-"
                linter = linters(Path(name) if kw["stdin_filename"] else Path.cwd())
                report = process_stdin(linter, sys.stdin.buffer.read(), options, name)
                if fix and not diff:
                    sys.stdout.buffer.write(report.new_content or b"")
                take(report)
                continue
            for file_path, skipped in expand_paths([path], kw["follow_symlinks"]):
                if skipped:
                    click.echo(f"newslint: error: {skipped}", err=True)
                    errors += 1
                else:
                    files.append(file_path)
        for report in process_paths(linters, files, options, choose_jobs(kw["jobs"], files)):
            take(report)
    except (ConfigError, PackError) as exc:
        _fail(str(exc))
    except WorkerError as exc:
        _fail(f"{exc}; files fixed before it stopped keep their fixes, the others are unchanged")
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    items: list[Located] = [item for report in kept for item in report.findings]
    if diff:
        for report in kept:
            if report.original_content is not None and report.new_content is not None and report.new_content != report.original_content:
                out(_unified_diff(report), nl=False)
    if kw["statistics"]:
        out(format_statistics(items), nl=False)
    elif stream is None and fmt in ("text", "jsonl", "github"):
        out(STREAM_FORMATS[fmt](items, threshold), nl=False)
    elif fmt == "json":
        out(format_json(items), nl=False)
    elif fmt == "sarif":
        rules = linters(Path.cwd()).ruleset.rules
        out(format_sarif(items, rules), nl=False)
    if fmt == "text" and not kw["quiet"]:
        click.echo(format_summary(tally, errors, would_fix=diff), err=True)
    if errors:
        sys.exit(EXIT_ERROR)
    if tally.count and not kw["exit_zero"]:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


# The formats printed a file at a time (see _run), each as a function of the findings and the
# fix threshold.
STREAM_FORMATS: dict[str, Callable[[Sequence[Located], Applicability], str]] = {
    "text": format_text,
    "jsonl": lambda items, _threshold: format_jsonl(items),
    "github": lambda items, _threshold: format_github(items),
}


def _unified_diff(report: FileReport) -> str:
    assert report.original_content is not None and report.new_content is not None
    before = report.original_content.decode("utf-8", errors="replace").splitlines(keepends=True)
    after = report.new_content.decode("utf-8", errors="replace").splitlines(keepends=True)
    import difflib  # only for --diff: a pre-commit run does without it

    lines = difflib.unified_diff(before, after, fromfile=f"a/{report.path}", tofile=f"b/{report.path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path), help="Where the cleaned copies go: a file (for one input file) or a folder (the input tree is mirrored in it).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply UNSAFE fixes (SAFE ones only by default).")
@click.option("--edits", "edits_path", type=click.Path(path_type=Path, dir_okay=False), help="Write every applied edit to this file, one JSON line each (path, record, field, pass, code, start, end, original, replacement).")
@click.option("--findings", "findings_path", type=click.Path(path_type=Path, dir_okay=False), help="Write the findings left after cleaning to this file, as JSON lines (the `--output-format jsonl` contract).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True, help="Worker processes (0: all cores). The output is the same for any number.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal and neither CI nor PRE_COMMIT is set).")
@click.option("--select", multiple=True, help="Rules to run: codes, code prefixes, categories or names (comma-separated; repeatable).")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selected ones.")
@click.option("--ignore", multiple=True, help="Rules not to run (same forms as --select).")
@click.option("--preview", is_flag=True, default=None, help="Also run rules that are off by default (preview).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Use this configuration file instead of searching for one.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--encoding", help="Encoding of the input text files (default: UTF-8, or as the BOM says).")
@click.option("--encoding-errors", type=click.Choice(["strict", "surrogateescape", "latin-1"]), default="strict", show_default=True, help="What to do with bytes that are not valid.")
@click.option("--text-field", help="JSONL: the field holding the article text (default: text, maintext, articleBody, ...).")
@click.option("--title-field", help="JSONL: the field holding the headline.")
@click.option("--date-field", help="JSONL: the field holding the publication date.")
@click.option("--published", help="Publication date (ISO 8601) for inputs that carry none.")
@click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links that point out of the given folders.")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def clean(inputs: tuple[Path, ...], output: Path, **kw: Any) -> None:
    """Write cleaned copies of INPUTS (folders, text files, JSONL dumps) to --output.

    JSONL is streamed record by record, in chunks spread over --jobs processes; records come
    out in input order, byte for byte the same whatever the number of jobs. Lines that recur
    across many articles of one site are reported as site template (NL220). Ends with a
    summary per rule and per source domain. Exit status: 0 done, 2 an input could not be
    cleaned (it is passed through unchanged) or the run could not start.
    """
    from newslint.batch import CleanError, CleanSettings, run_clean
    from newslint.batch import format_summary as format_clean_summary
    from newslint.io import OutputError

    settings = CleanSettings(
        config_path=kw["config_path"],
        isolated=kw["isolated"],
        select=tuple(_split(kw["select"])) if kw["select"] else None,
        ignore=tuple(_split(kw["ignore"])),
        extend_select=tuple(_split(kw["extend_select"])),
        preview=kw["preview"],
        unsafe=kw["unsafe_fixes"],
        fields=FieldMap(text=kw["text_field"], title=kw["title_field"], date=kw["date_field"]),
        encoding=kw["encoding"],
        fallback=None if kw["encoding_errors"] == "strict" else kw["encoding_errors"],
        published=kw["published"],
    )
    try:
        summary = run_clean(inputs, output, settings, jobs=kw["jobs"], edits_path=kw["edits_path"], findings_path=kw["findings_path"],
                            progress=kw["progress"], follow_symlinks=kw["follow_symlinks"])
    except (CleanError, ConfigError, PackError, OutputError) as exc:
        _fail(str(exc))
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (Terminated)
        click.echo("newslint: interrupted; no output file was left half-written", err=True)
        sys.exit(128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT))
    if not kw["quiet"]:
        click.echo(format_clean_summary(summary), err=True)
    sys.exit(EXIT_ERROR if summary.stats.errors else EXIT_CLEAN)


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


@main.command("add-words")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--words-file", type=click.Path(path_type=Path, dir_okay=False), help="The word list to append to (default: the nearest .newslint-words.txt above the first path, else one beside the configuration file, else in the current folder).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Use this configuration file instead of searching for one.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--encoding", help="Encoding of the input files (default: UTF-8, or as the BOM says).")
@click.option("--dry-run", is_flag=True, help="Print the words that would be added; change nothing.")
def add_words(paths: tuple[Path, ...], words_file: Path | None, config_path: Path | None, isolated: bool, encoding: str | None, dry_run: bool) -> None:
    """Append the words the spelling check reports in PATHS to a word list (baseline an archive)."""
    from newslint.spelling.baseline import collect, unique_words
    from newslint.spelling.vocabulary import VocabularyError, append_words, default_words_file

    linters = LinterCache(config_path, isolated, {"select": ["NL501"], "ignore": [], "extend_select": [], "preview": None})
    try:
        baseline = collect(paths, linters, encoding)
        target = words_file or default_words_file(paths)
        words = unique_words(baseline.words)
        added = words if dry_run else append_words(target, words)
    except (ConfigError, PackError, VocabularyError, OSError) as exc:
        _fail(str(exc))
    for problem in baseline.problems:
        click.echo(f"newslint: error: {problem}", err=True)
    if dry_run:
        click.echo("".join(f"{w}\n" for w in added), nl=False)
    verb = "Would add" if dry_run else "Added"
    click.echo(f"{verb} {len(added)} word{'s' if len(added) != 1 else ''} to {target} ({len(words)} unknown in {baseline.documents} document{'s' if baseline.documents != 1 else ''}).", err=True)
    sys.exit(EXIT_ERROR if baseline.problems else EXIT_CLEAN)
