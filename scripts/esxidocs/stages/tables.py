"""Tables stage: classless tables leave the build in Material's wrapper (esxidocs/tables.py)."""

from __future__ import annotations

from typing import Any

from esxidocs.page_html import Edit, Element, ElementStage
from esxidocs.tables import NEEDLE, table_edits, wrap_tables


def edits(elements: list[Element], html: str, page: Any, config: Any) -> list[Edit]:
    return table_edits(elements, len(html))


STAGE = ElementStage(NEEDLE, frozenset({"table"}), edits)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return wrap_tables(html)
