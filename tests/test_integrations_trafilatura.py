"""The helper for trafilatura's extraction result, on a page extracted here (no network)."""

from __future__ import annotations

import pytest

trafilatura = pytest.importorskip("trafilatura", reason="trafilatura is not installed (pip install 'newslint[trafilatura]')")

from newslint.integrations.trafilatura import clean_extraction  # noqa: E402

PAGE = """<html><head><title>Council passes budget</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council passes budget</h1>
<p>Council passes budget</p>
<p>The council passed the budget after a long debate that lasted into the night, officials said.</p>
<p>Advertisement</p>
<p>Spending on roads rises by 3 percent, while the library budget stays flat for a second year.</p>
<p>Read more: Mayor calls for new elections</p>
<p>The mayor said the vote was a relief for the city and its residents, who had waited months.</p>
</article></body></html>"""
BODY = [
    "The council passed the budget after a long debate that lasted into the night, officials said.",
    "Spending on roads rises by 3 percent, while the library budget stays flat for a second year.",
    "The mayor said the vote was a relief for the city and its residents, who had waited months.",
]
RULES = ["boilerplate", "duplicate"]


@pytest.fixture(scope="module")
def extracted() -> object:
    result = trafilatura.bare_extraction(PAGE, url="https://example.com/council", with_metadata=True)
    assert result is not None
    return result


def test_cleans_the_document_object_and_its_dict_alike(extracted: object) -> None:
    original = extracted.as_dict()  # type: ignore[attr-defined]
    assert original["text"].startswith("Council passes budget\nCouncil passes budget\n")  # trafilatura's residue
    cleaned = clean_extraction(extracted, select=RULES)
    assert cleaned == clean_extraction(original, select=RULES)
    # SAFE: the repeated line and the advertising label go; the headline line and the teaser
    # are reported (their removal is UNSAFE).
    assert cleaned["text"] == "\n".join(["Council passes budget", BODY[0], BODY[1], "Read more: Mayor calls for new elections", BODY[2]])
    assert cleaned["raw_text"] == cleaned["text"]
    assert [(f["code"], f["line"]) for f in cleaned["newslint_findings"]] == [("NL303", 1), ("NL210", 4)]
    assert cleaned["title"] == original["title"] and cleaned["url"] == "https://example.com/council"
    assert extracted.as_dict()["text"] == original["text"]  # type: ignore[attr-defined]  # the input is not changed


def test_unsafe_fixes_and_lint_only(extracted: object) -> None:
    assert clean_extraction(extracted, select=RULES, unsafe=True)["text"] == "\n".join(BODY)
    linted = clean_extraction(extracted, select=RULES, fix=False)
    assert linted["text"] == extracted.as_dict()["text"]  # type: ignore[attr-defined]
    assert {f["code"] for f in linted["newslint_findings"]} == {"NL301", "NL303", "NL207", "NL210"}


def test_result_without_text() -> None:
    assert clean_extraction({"title": "x", "text": None}) == {"title": "x", "text": None, "newslint_findings": []}
