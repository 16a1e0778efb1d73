"""Tables: every Markdown table comes out of the build already in Material's scrolling
wrapper, with the class `data-table`.

Material wraps each `table:not([class])` in `div.md-typeset__scrollwrap >
div.md-typeset__table` when its bundle starts. Moving a table makes the browser style and
lay it out again, which was most of the start-up work on pages with long tables (Lighthouse,
mobile: 69-130 ms of Total Blocking Time on /en/sources/, 28-36 ms without it). The class
keeps Material's script away from the table; `extra.css` gives `table.data-table` the look
Material gives a classless table. Tables that already have a class are left alone.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

CLASS = "data-table"
WRAPPERS = ("md-typeset__scrollwrap", "md-typeset__table")


def wrap_tables(html: str) -> str:
    """`html` with every classless `<table>` wrapped and classed as Material would show it."""
    if "<table" not in html:
        return html  # leave pages without tables byte for byte as they were
    soup = BeautifulSoup(html, "html.parser")
    tables = [t for t in soup.find_all("table") if isinstance(t, Tag) and not t.has_attr("class")]
    for table in tables:
        outer = soup.new_tag("div", attrs={"class": WRAPPERS[0]})
        inner = soup.new_tag("div", attrs={"class": WRAPPERS[1]})
        table.wrap(inner)
        inner.wrap(outer)
        table["class"] = CLASS
    return str(soup) if tables else html
