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


def test_only_the_tables_change_and_every_other_byte_stays() -> None:
    # The page is not re-serialised: `<br />`, entities and quotes stay as Markdown wrote them.
    html = (
        "<p>a<br />b &para; &amp; <a href='x'>x</a></p>\n<table>\n<tr><td>1</td></tr>\n</table>\n"
    )
    assert wrap_tables(html) == (
        "<p>a<br />b &para; &amp; <a href='x'>x</a></p>\n"
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        '<table class="data-table">\n<tr><td>1</td></tr>\n</table></div></div>\n'
    )


def test_table_markup_in_a_comment_or_an_attribute_is_not_a_table() -> None:
    html = '<!-- <table> --><p title="<table>">x</p><code>&lt;table&gt;</code>'
    assert wrap_tables(html) == html


def test_nested_and_unclosed_tables_each_get_a_wrapper() -> None:
    html = "<table><tr><td><table><tr><td>in</td></tr></table></td></tr></table><table><tr>"
    soup = BeautifulSoup(wrap_tables(html), "html.parser")
    tables = soup.find_all("table")
    assert len(tables) == 3
    for table in tables:
        inner = table.parent
        assert inner is not None and inner.get("class") == ["md-typeset__table"]
        assert inner.parent is not None and inner.parent.get("class") == ["md-typeset__scrollwrap"]
    assert tables[1].get_text() == "in"
