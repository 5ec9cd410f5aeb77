"""The boilerplate rules keep what they learn of a line across documents (menu items, share
bars and footers recur across a site's articles): what they report must not depend on the
documents they read before."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks.boilerplate import menu_runs
from newslint.document import Document
from newslint.engine import RuleSet
from newslint.model import Hit
from newslint.packs import Context, Rule

# Menu items, section names, bars, run-together furniture, marks, headings, prose and blanks.
LINES = (
    "Home", "News", "* Politics", "- Business", "Health", "Sports", "Contact us", "1. Sign in", "## Opinion",
    "Privacy Policy | Terms of Use", "About • Contact • Careers", "Facebook Twitter LinkedIn", "Subscribe Sign In",
    "Back Home", "Latest Videos", "U.S.", "# A title", "Share", "☰", "* * *", "", "   ",
    "The main changes are listed here for readers:", "The vote is on Friday, election officials said.",
    "He said the plan - which passed - was a good one.", "Education", "World", "More", "2024 results",
    "A short line.", "Read the report...", "Weather / Traffic / Local",
)
texts = st.lists(st.sampled_from(LINES), max_size=40).map("\n".join)


def _fresh(rule: Rule) -> Rule:
    """The rule with options of its own: its memos start empty."""
    return dataclasses.replace(rule, options=MappingProxyType(dict(rule.options)))


def _menus(rule: Rule, text: str) -> list[Hit]:
    return list(menu_runs(Document(text), rule, Context()))


@settings(max_examples=200)
@given(st.lists(texts, max_size=4), texts)
def test_menu_runs_do_not_depend_on_what_was_read_before(before: list[str], text: str) -> None:
    rule = RuleSet.load().by_code["NL208"]
    warm = _fresh(rule)
    for other in before:
        _menus(warm, other)
    assert _menus(warm, text) == _menus(_fresh(rule), text)
