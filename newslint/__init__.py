"""newslint: find and safely fix the defects of scraped news articles.

    >>> import newslint
    >>> [f.code for f in newslint.lint_text("Share it:\\nThe minister resigned on Friday.\\n")]
    ['NL201']
    >>> newslint.fix_text("Share it:\\nThe minister resigned on Friday.\\n")
    'The minister resigned on Friday.\\n'
"""

import gc as _gc


class _Uncollected:
    """Pauses the cyclic garbage collector for a block of imports, and leaves it as it was.

    Importing makes thousands of objects that live as long as the process (modules, classes,
    functions) and no garbage, so the collector's passes meanwhile would only rescan them
    (about 3 ms of a cold check)."""

    def __enter__(self) -> None:
        self.collecting = _gc.isenabled()
        _gc.disable()

    def __exit__(self, *exc_info: object) -> None:
        if self.collecting:
            _gc.enable()


with _Uncollected():
    from newslint._version import __version__
    from newslint.api import Linter, fix_text, lint_text, process_record
    from newslint.model import Applicability, Edit, Finding, Fix, Severity, Span

__all__ = [
    "Applicability",
    "Edit",
    "Finding",
    "Fix",
    "Linter",
    "Severity",
    "Span",
    "__version__",
    "fix_text",
    "lint_text",
    "process_record",
]
