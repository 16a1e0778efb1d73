"""The few words the book itself writes (cover, contents, footer, linking appendix).

The words live in docs/_data/site.yml, under each language's `pdf:` (the same names as the
fields below); the site model checks that every language has all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from esxidocs.site_model import SiteModel


@dataclass(frozen=True)
class Appendix:
    """The linking appendix (appendix.py); `{title}`, `{section}`, `{page}` are filled in."""

    intro: str
    online: str
    pdf: str
    every_address: str
    sections: str


@dataclass(frozen=True)
class Strings:
    contents: str
    page_of: tuple[str, str]  # footer "Página N de M": the words around the two numbers
    language: str
    version: str
    date: str
    online: str
    edition: str
    keywords: tuple[str, ...]
    months: tuple[str, ...]
    date_format: str  # str.format with day, month, year
    appendix: Appendix

    def format_date(self, date: datetime) -> str:
        return self.date_format.format(
            day=date.day, month=self.months[date.month - 1], year=date.year
        )


def _words(words: Mapping[str, Any]) -> Strings:
    before, after = words["page_of"]
    return Strings(
        contents=words["contents"],
        page_of=(before, after),
        language=words["language"],
        version=words["version"],
        date=words["date"],
        online=words["online"],
        edition=words["edition"],
        keywords=tuple(words["keywords"]),
        months=tuple(words["months"]),
        date_format=words["date_format"],
        appendix=Appendix(**words["appendix"]),
    )


def strings_for(site: SiteModel, lang: str) -> Strings:
    """The book's words in `lang`, from the `pdf:` entry of its language in site.yml."""
    return _words(site.text(lang, "pdf"))
