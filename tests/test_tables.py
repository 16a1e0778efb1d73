"""esxidocs/stages/tables.py: tables leave the build in Material's wrapper, classed."""

from __future__ import annotations

from bs4 import BeautifulSoup
from esxidocs.tables import wrap_tables


def test_a_classless_table_is_wrapped_and_classed() -> None:
    html = "<p>a</p><table><tr><td>1</td></tr></table><p>b</p>"
    soup = BeautifulSoup(wrap_tables(html), "html.parser")
    table = soup.select_one("div.md-typeset__scrollwrap > div.md-typeset__table > table")
    assert table is not None and table["class"] == ["data-table"]
    assert table.get_text() == "1"
    assert [p.get_text() for p in soup.find_all("p")] == ["a", "b"]


def test_a_table_with_a_class_is_left_alone() -> None:
    html = '<table class="highlighttable"><tr><td>1</td></tr></table>'
    assert wrap_tables(html) == html


def test_a_page_without_tables_is_unchanged_byte_for_byte() -> None:
    html = '<svg viewBox="0 0 1 1"></svg><p>tab&eacute;</p>'
    assert wrap_tables(html) == html
