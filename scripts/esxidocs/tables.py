"""Tables: every Markdown table comes out of the build already in Material's scrolling
wrapper, with the class `data-table`.

Material wraps each `table:not([class])` in `div.md-typeset__scrollwrap >
div.md-typeset__table` when its bundle starts. Moving a table makes the browser style and
lay it out again, which was most of the start-up work on pages with long tables (Lighthouse,
mobile: 69-130 ms of Total Blocking Time on /en/sources/, 28-36 ms without it). The class
keeps Material's script away from the table; `extra.css` gives `table.data-table` the look
Material gives a classless table. Tables that already have a class are left alone.

The wrapper and the class are spliced into the page's text at the table's tags
(esxidocs/page_html.py): the page is not re-serialised, so every other byte stays.
"""

from __future__ import annotations

from esxidocs.page_html import Edit, Element, apply_edits, find_elements

CLASS = "data-table"
WRAPPERS = ("md-typeset__scrollwrap", "md-typeset__table")
OPEN = "".join(f'<div class="{name}">' for name in WRAPPERS)
CLOSE = "</div>" * len(WRAPPERS)
NEEDLE = "<table"  # pages without it have no table to wrap


def table_edits(elements: list[Element], length: int) -> list[Edit]:
    """The edits that wrap and class each classless table among `elements`.

    `length`: the page's length, where a table never closed is closed (as a browser does).
    """
    edits = []
    for table in elements:
        if table.name != "table" or "class" in table.attrs:
            continue
        name_end = table.start + len("<table")
        edits.append(Edit(table.start, table.start, OPEN))
        edits.append(Edit(name_end, name_end, f' class="{CLASS}"'))
        close = length if table.end_end is None else table.end_end
        edits.append(Edit(close, close, CLOSE))
    return edits


def wrap_tables(html: str) -> str:
    """`html` with every classless `<table>` wrapped and classed as Material would show it."""
    if NEEDLE not in html:
        return html  # leave pages without tables byte for byte as they were
    return apply_edits(html, table_edits(find_elements(html, {"table"}), len(html)))
