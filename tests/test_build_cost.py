"""Build cost (issue 15, item 7): cached link-preview cards, glossary terms given to the
`abbr` extension instead of parsed from every page."""

from __future__ import annotations

import dataclasses
import importlib
import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown
import pytest
from conftest import DOCS, mkdocs_config
from esxidocs import build_cache, social_card
from esxidocs.social_card import Card, cache_key, render, write_card
from PIL import Image

CARD = Card("La partición scratch", "Qué guarda la partición.", "Sitio", "Español", "x.org/s/")


def test_cached_card_is_copied_with_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    assert write_card(CARD, tmp_path / "one.png", cache) is False
    assert list(cache.rglob("*.png")), "a miss stores the card"

    def no_draw(card: Card) -> Image.Image:
        raise AssertionError("a cached card was drawn again")

    monkeypatch.setattr(social_card, "draw", no_draw)
    assert write_card(CARD, tmp_path / "two.png", cache) is True
    assert (tmp_path / "two.png").read_bytes() == (tmp_path / "one.png").read_bytes()
    monkeypatch.undo()
    assert (tmp_path / "two.png").read_bytes() == render(CARD)


def test_a_cache_folder_that_cannot_be_used_costs_speed_not_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv(build_cache.ENV, str(blocked))
    assert write_card(CARD, tmp_path / "card.png", blocked / "social") is False
    assert (tmp_path / "card.png").read_bytes() == render(CARD)
    marks = build_cache.Marks(build_cache.cache_dir({}, "confine"))
    marks.add("aa01")
    assert not marks.has("aa01")
    assert build_cache.compiled_templates({}) is None
    build_cache.prune_once({})


MONTH_AND_MORE = (build_cache.MAX_AGE_DAYS + 10) * 86400


def _age(folder: Path) -> None:
    """Make every entry under `folder` look unused for longer than the cache keeps it."""
    then = time.time() - MONTH_AND_MORE
    for entry in folder.glob("*/*"):
        os.utime(entry, (then, then))


def test_pruning_keeps_the_cards_a_build_used_and_deletes_the_others(tmp_path: Path) -> None:
    cache, other = tmp_path / "social", dataclasses.replace(CARD, title="Otra página")
    write_card(CARD, tmp_path / "a.png", cache)
    write_card(other, tmp_path / "b.png", cache)
    _age(cache)
    assert write_card(CARD, tmp_path / "c.png", cache) is True  # used again
    assert build_cache.prune(cache, build_cache.MAX_AGE_DAYS * 86400) == 1
    assert write_card(CARD, tmp_path / "d.png", cache) is True
    assert write_card(other, tmp_path / "e.png", cache) is False  # drawn again


def test_pruning_keeps_the_marks_a_build_used_and_deletes_the_others(tmp_path: Path) -> None:
    marks = build_cache.Marks(tmp_path)
    marks.add("aa01")
    marks.add("bb02")
    _age(tmp_path)
    assert marks.has("aa01")
    assert build_cache.prune(tmp_path, build_cache.MAX_AGE_DAYS * 86400) == 1
    assert marks.has("aa01") and not marks.has("bb02")


def test_a_process_prunes_each_cache_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` rebuilds on every save: the folder is walked at its first build only."""
    monkeypatch.setenv(build_cache.ENV, str(tmp_path))
    monkeypatch.setattr(build_cache, "_pruned", set())
    marks = build_cache.Marks(tmp_path / "confine")
    marks.add("aa01")
    _age(tmp_path / "confine")
    build_cache.prune_once({})
    assert not (tmp_path / "confine" / "aa" / "aa01").exists()
    marks.add("bb02")
    _age(tmp_path / "confine")
    build_cache.prune_once({})
    assert (tmp_path / "confine" / "bb" / "bb02").exists()


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(Card)])
def test_every_card_field_changes_the_cache_key(field: str) -> None:
    changed = dataclasses.replace(CARD, **{field: getattr(CARD, field) + "x"})
    assert cache_key(changed) != cache_key(CARD)


def test_drawing_code_is_part_of_the_cache_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_key(CARD)
    social_card._renderer_digest.cache_clear()
    monkeypatch.setattr(social_card, "__file__", __file__)  # "another version of the code"
    try:
        assert cache_key(CARD) != before
    finally:
        monkeypatch.undo()
        social_card._renderer_digest.cache_clear()


@pytest.mark.parametrize(
    ("env", "expected"),
    [(None, "proj/.cache/social"), ("", None), ("elsewhere", "elsewhere/social")],
)
def test_cache_dir_is_configurable_and_can_be_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: str | None, expected: str | None
) -> None:
    monkeypatch.chdir(tmp_path)
    if env is None:
        monkeypatch.delenv(build_cache.ENV, raising=False)
    else:
        monkeypatch.setenv(build_cache.ENV, env)
    config = {"config_file_path": str(tmp_path / "proj" / "mkdocs.yml")}
    got = build_cache.cache_dir(config, "social")
    assert got == (None if expected is None else tmp_path / expected)


def test_a_relative_cache_setting_follows_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is remembered per setting, but a relative one is the working folder's."""
    monkeypatch.setenv(build_cache.ENV, "rel")
    for folder in (tmp_path / "a", tmp_path / "b"):
        folder.mkdir()
        monkeypatch.chdir(folder)
        assert build_cache.cache_dir({}, "social") == folder / "rel" / "social"


def _scanned_characters(md: markdown.Markdown, text: str) -> int:
    """Characters of the blocks handed to the block processors' tests while rendering."""
    total = 0
    for processor in md.parser.blockprocessors:

        def counting(parent: Any, block: str, _test: Any = processor.test) -> bool:
            nonlocal total
            total += len(block)
            return bool(_test(parent, block))

        processor.test = counting  # type: ignore[method-assign]
    md.convert(text)
    return total


def test_glossary_terms_cost_a_page_nothing_to_parse(tmp_path: Path) -> None:
    # 200 terms: given as the abbr extension's glossary, they add no text for the block
    # processors to scan (200 definition blocks on every page did), yet every term is found.
    data = tmp_path / "_data"
    data.mkdir()
    (data / "glossary.en.yml").write_text(
        "".join(
            f"- id: term-{i}\n  term: Term{i}\n  definition: Definition number {i} of a term.\n"
            for i in range(200)
        ),
        encoding="utf-8",
    )
    shutil.copy2(DOCS / "_data" / "site.yml", data / "site.yml")
    config = mkdocs_config(tmp_path)
    hook = importlib.import_module("esxidocs.stages.glossary")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="en/page.md"))
    text = "Uses Term7 and Term150.\n"
    assert hook.on_page_markdown(text, page, config, None) == text
    md = markdown.Markdown(
        extensions=["abbr", "admonition", "def_list", "footnotes", "tables"],
        extension_configs=config["mdx_configs"],
    )
    assert _scanned_characters(md, text) < 30 * len(text)
    html = md.convert(text)
    assert '<abbr title="Definition number 7 of a term.">Term7</abbr>' in html
    assert '<abbr title="Definition number 150 of a term.">Term150</abbr>' in html


def _nav_page(entries: int, article: str) -> str:
    items = "".join(
        f'<li class="md-nav__item"><a href="../p{n}/" class="md-nav__link">Page {n}</a></li>\n'
        for n in range(entries)
    )
    return (
        '<html><body><div class="md-main__inner"><nav class="md-nav"><ul>'
        f'{items}</ul></nav><article class="md-content__inner">{article}</article>'
        "</div></body></html>"
    )


def _tags_parsed(monkeypatch: pytest.MonkeyPatch, page: str) -> int:
    from esxidocs import page_check

    count = 0
    original = page_check._Segments.parse_starttag

    def counting(self: Any, i: int) -> int:
        nonlocal count
        count += 1
        return original(self, i)

    monkeypatch.setattr(page_check._Segments, "parse_starttag", counting)
    assert page_check.clean(page)
    monkeypatch.undo()
    return count


def test_the_confinement_check_of_a_page_does_not_grow_with_the_navigation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every page lists every page: parsed on each page, the navigation made the check grow
    # with the square of the site. Entries already checked are skipped on the next page.
    from esxidocs import page_check

    parsed = {}
    for entries in (50, 500):
        page_check._known.clear()
        assert page_check.clean(_nav_page(entries, "<p>first page</p>"))
        parsed[entries] = _tags_parsed(monkeypatch, _nav_page(entries, "<p>second page</p>"))
    assert parsed[500] < parsed[50] + 10, parsed


def test_tables_and_diagrams_share_one_scan_of_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from esxidocs import page_html
    from esxidocs.page_html import Edit, ElementStage, run_element_stages

    scans = 0
    original = page_html.find_elements

    def counting(html: str, names: Any) -> Any:
        nonlocal scans
        scans += 1
        return original(html, names)

    monkeypatch.setattr(page_html, "find_elements", counting)

    def mark(name: str) -> ElementStage:
        def edits(elements: Any, html: str, page: Any, config: Any) -> list[Edit]:
            return [Edit(e.start, e.start, f"[{name}]") for e in elements if e.name == name]

        return ElementStage(f"<{name}", frozenset({name}), edits)

    html = "<p><img src=a.svg></p><table><tr><td>1</td></tr></table>"
    out = run_element_stages(html, (mark("table"), mark("img")), None, None)
    assert out == "<p>[img]<img src=a.svg></p>[table]<table><tr><td>1</td></tr></table>"
    assert scans == 1
    assert run_element_stages("<p>no tags to change</p>", (mark("table"),), None, None) == (
        "<p>no tags to change</p>"
    )
    assert scans == 1, "a page without a table or a diagram is not scanned"
