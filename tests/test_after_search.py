"""esxidocs/after_search.py: HTML that goes into a page after Material's search indexed it.

What the stages defer (diagrams, the sources table's citing links) is tested with them; here,
that only the build's own placeholders are filled, each once, and that a failed build's
waiting HTML does not reach the next build.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from esxidocs import after_search


def _page(src_uri: str = "es/scratch.md") -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), content="")


def test_deferred_html_goes_where_its_placeholder_is() -> None:
    page = _page()
    first, second = after_search.defer(page, "<b>one</b>"), after_search.defer(page, "<i>2</i>")
    page.content = f"<p>{second}</p><p>{first}</p>"
    after_search.insert({}, page, {}, None)
    assert page.content == "<p><i>2</i></p><p><b>one</b></p>"


def test_a_placeholder_the_page_wrote_itself_is_left_alone() -> None:
    """Raw HTML is the author's: a comment shaped like a placeholder, even with the right
    number, must not receive the build's HTML (it would copy a diagram or a link list)."""
    page = _page()
    real = after_search.defer(page, "<svg></svg>")
    forged = re.sub(r"[0-9a-f]{16}", "0" * 16, real)
    assert forged != real
    page.content = f"{forged}<figure>{real}</figure>"
    after_search.insert({}, page, {}, None)
    assert page.content == f"{forged}<figure><svg></svg></figure>"


def test_what_a_failed_build_left_waiting_is_forgotten() -> None:
    page = _page("en/boot-banks.md")
    stale = after_search.defer(page, "<svg>old</svg>")
    after_search.forget()  # the plugin's on_pre_build and on_build_error
    page.content = stale
    after_search.insert({}, page, {}, None)
    assert page.content == stale
