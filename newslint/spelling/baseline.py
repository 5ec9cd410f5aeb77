"""``newslint add-words``: append the words an archive's spelling check reports to a word list,
so that an existing archive can be baselined and only new typos are reported from then on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newslint.document import Document
from newslint.engine import Linter
from newslint.io import FieldMap, InputError, is_jsonl, iter_records, read_text
from newslint.runner import expand_paths

TYPO_CODE = "NL501"


@dataclass
class Baseline:
    words: Counter[str] = field(default_factory=Counter)  # word as written -> occurrences
    problems: list[str] = field(default_factory=list)  # inputs that could not be read
    documents: int = 0


def collect(paths: Iterable[Path], linter_for: Callable[[Path], Linter], encoding: str | None = None, fields: FieldMap | None = None) -> Baseline:
    """The words NL501 reports in ``paths`` (files and folders, .txt/.md/.jsonl)."""
    baseline = Baseline()
    for path, skipped in expand_paths(paths):
        if skipped:
            baseline.problems.append(skipped)
            continue
        linter = linter_for(path)
        for doc in _documents(path, encoding, fields or FieldMap(), baseline):
            baseline.documents += 1
            for finding in linter.lint(doc):
                if finding.code == TYPO_CODE:
                    baseline.words[doc.text[finding.span.start : finding.span.end]] += 1
    return baseline


def _documents(path: Path, encoding: str | None, fields: FieldMap, baseline: Baseline) -> Iterable[Document]:
    name = str(path)
    if is_jsonl(name):
        try:
            stream = path.open("rb")
        except OSError as exc:
            baseline.problems.append(f"{name}: cannot read: {exc.strerror or exc}")
            return
        with stream:
            for record in iter_records(stream, fields):
                if record.text is None:
                    baseline.problems.append(f"{name}: line {record.number}: {record.error}")
                    continue
                yield Document(record.text, name, record.metadata)
        return
    try:
        source = read_text(path, encoding)
    except (InputError, OSError) as exc:
        baseline.problems.append(str(exc))
        return
    yield Document(source.text, name, markdown=source.markdown)


def unique_words(words: Iterable[str]) -> list[str]:
    """One spelling per word (lists match without case): the lower-case one when there is one."""
    chosen: dict[str, str] = {}
    for word in sorted(words):
        folded = word.casefold()
        if folded not in chosen or word.islower():
            chosen[folded] = word
    return sorted(chosen.values(), key=lambda w: (w.casefold(), w))
