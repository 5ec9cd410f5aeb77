"""The tandem-repeat pre-checks (NL304) are sound: the lines they pass over hold no repeat that
the word-by-word scan of every line would report."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks.duplicates import _line_tandem_repeats, _tandem_repeats
from newslint.document import Document

SETTINGS = settings()

WORDS = [
    "the", "The", "office", "said", "said.", "attorney's", "attorney’s", "don't", "DON’T", "3pm", "3", "pm",
    "well-known", "Café", "café", "CAFÉ", "ﬁve", "five", "x\u0301y", "¼", "a㎏b", "2024", "U.S.", "“Yes,”", "—", "…",
]


@st.composite
def lines_with_repeats(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        words = draw(st.lists(st.sampled_from(WORDS), max_size=14))
        if words and draw(st.booleans()):
            start = draw(st.integers(0, len(words) - 1))
            end = draw(st.integers(start + 1, len(words)))
            separator = draw(st.sampled_from([" ", ". ", ", ", "  "]))
            words[end:end] = [separator.strip() or "", *words[start:end]] if separator.strip() else words[start:end]
        lines.append(" ".join(word for word in words if word))
    return draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(lines)


@SETTINGS
@given(lines_with_repeats(), st.integers(0, 4))
def test_pre_checks_pass_over_no_repeat(text: str, min_run: int) -> None:
    doc = Document(text)
    every_line = [
        repeat for line in doc.lines for repeat in _line_tandem_repeats(text, line.span.start, line.span.end, min_run)
    ]
    assert list(_tandem_repeats(doc, min_run)) == every_line
