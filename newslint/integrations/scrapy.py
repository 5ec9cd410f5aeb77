"""newslint as a Scrapy item pipeline: lint or clean each item's article text as it is scraped.

In the project's ``settings.py``::

    ITEM_PIPELINES = {"newslint.integrations.scrapy.NewslintPipeline": 800}
    NEWSLINT_FIELD = "text"                 # the item field holding the article text
    NEWSLINT_MODE = "fix"                   # "fix": clean the text (SAFE fixes); "lint": only report
    NEWSLINT_UNSAFE_FIXES = False           # also apply UNSAFE fixes
    NEWSLINT_SELECT = ["boilerplate", "duplicate"]   # rules (list or comma-separated); default: all
    NEWSLINT_IGNORE = []
    NEWSLINT_CONFIG = None                  # a newslint.toml; default: searched from the working folder
    NEWSLINT_FINDINGS_FIELD = "newslint_findings"    # where the findings go; None: not on the item
    NEWSLINT_TITLE_FIELD = "title"          # metadata the rules use (headline repeats, dates)
    NEWSLINT_URL_FIELD = "url"
    NEWSLINT_DATE_FIELD = "date"

Findings are recorded on the item as a list of dicts (the output contract's fields, offsets
into the text as the item holds it after the pipeline) and counted in the crawl stats
(``newslint/findings/<code>``, ``newslint/fixed/<code>``). An item class with declared fields
needs the findings field declared (``newslint_findings = scrapy.Field()``); if it is not, the
findings are only counted, and a warning says so once. Items without a string text field pass
through untouched (counted as ``newslint/items_without_text``).
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter

from newslint.document import Metadata
from newslint.integrations._common import ArticleCleaner, finding_dicts

logger = logging.getLogger(__name__)

MODES = ("lint", "fix")


class NewslintPipeline:
    """A Scrapy item pipeline; configure it through ``NEWSLINT_*`` settings (see the module)."""

    def __init__(
        self,
        *,
        field: str = "text",
        mode: str = "fix",
        unsafe: bool = False,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        config_path: str | None = None,
        findings_field: str | None = "newslint_findings",
        title_field: str | None = "title",
        url_field: str | None = "url",
        date_field: str | None = "date",
        stats: Any = None,
    ):
        if mode not in MODES:
            raise ValueError(f"NEWSLINT_MODE must be one of {MODES}, got {mode!r}")
        self.field = field
        self.mode = mode
        self.findings_field = findings_field or None
        self.title_field, self.url_field, self.date_field = title_field, url_field, date_field
        self.cleaner = ArticleCleaner(fix=mode == "fix", unsafe=unsafe, select=select, ignore=ignore or (), config_path=config_path)
        self.stats = stats
        self._warned = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> NewslintPipeline:
        s = crawler.settings
        return cls(
            field=s.get("NEWSLINT_FIELD", "text"),
            mode=s.get("NEWSLINT_MODE", "fix"),
            unsafe=s.getbool("NEWSLINT_UNSAFE_FIXES", False),
            select=s.getlist("NEWSLINT_SELECT") or None,
            ignore=s.getlist("NEWSLINT_IGNORE"),
            config_path=s.get("NEWSLINT_CONFIG"),
            findings_field=s.get("NEWSLINT_FINDINGS_FIELD", "newslint_findings"),
            title_field=s.get("NEWSLINT_TITLE_FIELD", "title"),
            url_field=s.get("NEWSLINT_URL_FIELD", "url"),
            date_field=s.get("NEWSLINT_DATE_FIELD", "date"),
            stats=crawler.stats,
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        adapter = ItemAdapter(item)
        text = adapter.get(self.field)
        if not isinstance(text, str):
            self._count("newslint/items_without_text")
            return item
        metadata = Metadata(title=self._string(adapter, self.title_field), url=self._string(adapter, self.url_field),
                            published=self._string(adapter, self.date_field))
        cleaned, remaining, applied, doc = self.cleaner.process(text, metadata)
        self._count("newslint/items")
        for finding in remaining:
            self._count(f"newslint/findings/{finding.code}")
        for finding in applied:
            self._count(f"newslint/fixed/{finding.code}")
        if cleaned != text:
            adapter[self.field] = cleaned
            self._count("newslint/items_changed")
        if self.findings_field is not None:
            try:
                adapter[self.findings_field] = finding_dicts(doc, remaining)
            except KeyError:
                if not self._warned:
                    self._warned = True
                    logger.warning("newslint: %s has no field %r to hold the findings; declare it (scrapy.Field()) "
                                   "or set NEWSLINT_FINDINGS_FIELD = None", type(item).__name__, self.findings_field)
        return item

    @staticmethod
    def _string(adapter: ItemAdapter, name: str | None) -> str | None:
        value = adapter.get(name) if name else None
        return value if isinstance(value, str) else None

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)
