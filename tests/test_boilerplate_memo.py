"""The boilerplate rules keep what they learn of a line across documents (menu items, share
bars and footers recur across a site's articles): what they report must not depend on the
documents they read before."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks.boilerplate import menu_runs, site_notice
from newslint.document import Document
from newslint.engine import RuleSet
from newslint.model import Hit
from newslint.packs import CheckFunction, Context, Rule

# Menu items, section names, bars, run-together furniture, marks, headings, prose and blanks.
LINES = (
    "Home", "News", "* Politics", "- Business", "Health", "Sports", "Contact us", "1. Sign in", "## Opinion",
    "Privacy Policy | Terms of Use", "About • Contact • Careers", "Facebook Twitter LinkedIn", "Subscribe Sign In",
    "Back Home", "Latest Videos", "U.S.", "# A title", "Share", "☰", "* * *", "", "   ",
    "The main changes are listed here for readers:", "The vote is on Friday, election officials said.",
    "He said the plan - which passed - was a good one.", "Education", "World", "More", "2024 results",
    "A short line.", "Read the report...", "Weather / Traffic / Local",
    # Site notices, one of them quoted.
    "Sign up for our daily newsletter.", "Please review our Privacy Policy.", "Thanks for signing up!",
    "We use cookies. By continuing to use this site you agree to our use of cookies.",
    "“Sign up for our newsletter today and tell your friends,” she said.", "Our team will join you shortly.",
)
texts = st.lists(st.sampled_from(LINES), max_size=40).map("\n".join)


def _fresh(rule: Rule) -> Rule:
    """The rule with options of its own: its memos start empty."""
    return dataclasses.replace(rule, options=MappingProxyType(dict(rule.options)))


def _found(check: CheckFunction, rule: Rule, text: str) -> list[Hit]:
    return list(check(Document(text), rule, Context()))


@settings(max_examples=200)
@given(st.sampled_from([("NL208", menu_runs), ("NL212", site_notice)]), st.lists(texts, max_size=4), texts)
def test_findings_do_not_depend_on_what_was_read_before(rule_check: tuple[str, CheckFunction], before: list[str], text: str) -> None:
    code, check = rule_check
    rule = RuleSet.load().by_code[code]
    warm = _fresh(rule)
    for other in before:
        _found(check, warm, other)
    assert _found(check, warm, text) == _found(check, _fresh(rule), text)
