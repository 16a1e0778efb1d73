"""Tables stage: classless tables leave the build in Material's wrapper (esxidocs/tables.py)."""

from __future__ import annotations

from typing import Any

from esxidocs.tables import wrap_tables


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return wrap_tables(html)
