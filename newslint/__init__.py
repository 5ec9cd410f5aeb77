"""newslint: find and safely fix the defects of scraped news articles.

    >>> import newslint
    >>> [f.code for f in newslint.lint_text("Share it:\\nThe minister resigned on Friday.\\n")]
    ['NL201']
    >>> newslint.fix_text("Share it:\\nThe minister resigned on Friday.\\n")
    'The minister resigned on Friday.\\n'
"""

from newslint.gcpause import Uncollected as _Uncollected

# Importing makes thousands of objects that live as long as the process (modules, classes,
# functions) and no garbage: the collector's passes meanwhile would only rescan them.
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
