"""esxidocs/glossary_tooltips.py: a definition's tooltip on its first occurrence only."""

from __future__ import annotations

import random
import re
from typing import Any

import markdown
from conftest import DOCS
from esxidocs.glossary_data import load_glossary
from esxidocs.glossary_tooltips import FirstTooltipsExtension, trie_pattern
from esxidocs.stages import glossary

GLOSSARY = {
    "VIB": "Bundle & more",
    "VIBs": "Bundle & more",  # another term, the same definition
    "ESXi": "Hypervisor",
    "VMware ESXi": "The product",  # a term that extends another
}


def _convert(text: str, extensions: list[Any]) -> str:
    md = markdown.Markdown(
        extensions=extensions, extension_configs={"abbr": {"glossary": GLOSSARY}}
    )
    return md.convert(text)


def test_a_definition_keeps_its_tooltip_on_its_first_occurrence_outside_headings() -> None:
    text = (
        "## VIB files\n\n"
        "A *VIB* and ESXi, again VIBs and `ESXi`.\n\n"
        "> VMware ESXi, then ESXi and a VIB.\n"
    )
    vib, esxi = '<abbr title="Bundle &amp; more">', '<abbr title="Hypervisor">'
    product = '<abbr title="The product">'
    assert _convert(text, ["abbr", FirstTooltipsExtension()]) == (
        "<h2>VIB files</h2>\n"
        f"<p>A <em>{vib}VIB</abbr></em> and {esxi}ESXi</abbr>, again VIBs and <code>ESXi</code>."
        "</p>\n"
        f"<blockquote>\n<p>{product}VMware ESXi</abbr>, then ESXi and a VIB.</p>\n</blockquote>"
    )
    # Without it, `abbr` wraps every occurrence, headings included.
    assert _convert(text, ["abbr"]).count("<abbr") == 7


def test_it_matches_what_abbr_matches() -> None:
    """The trie finds, at each place, the term `abbr`'s own pattern (every term, longest
    first) finds: checked on text made of the real glossaries' terms and their pieces."""
    rng = random.Random(15)
    for lang in ("es", "en"):
        terms = sorted(
            {t for e in load_glossary(DOCS / "_data" / f"glossary.{lang}.yml") for t in e.matches},
            key=len,
            reverse=True,
        )
        listed = re.compile(rf"\b(?:{'|'.join(re.escape(t) for t in terms)})\b")
        trie = re.compile(rf"\b{trie_pattern(tuple(sorted(terms)))}\b")
        pieces = [*terms, *(t[: len(t) // 2] for t in terms), " ", "-", "s", ". ", "x"]
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
            spans = [m.span() for m in trie.finditer(text)]
            assert spans == [m.span() for m in listed.finditer(text)], text


def test_the_build_adds_it_once_after_abbr() -> None:
    config: dict[str, Any] = {"markdown_extensions": ["toc", "abbr", "tables"]}
    glossary.on_config(config)
    glossary.on_config(config)  # a configuration seen twice (mkdocs serve)
    added = [e for e in config["markdown_extensions"] if isinstance(e, FirstTooltipsExtension)]
    assert len(added) == 1 and config["markdown_extensions"][-1] is added[0]
    without: dict[str, Any] = {"markdown_extensions": ["toc"]}
    glossary.on_config(without)
    assert without["markdown_extensions"] == ["toc"]
