"""Glossary hook: one YAML file per language feeds both the tooltips and the glossary page.

`docs/_data/glossary.<lang>.yml` is the single source of truth. Every page of a language
gets its terms as hover tooltips (the Markdown `abbr` extension's glossary), and the
glossary page's `<!-- glossary -->` marker is replaced by one entry per term, each with a
stable `{#id}` anchor shared by both languages.

Only the first occurrence of a definition on a page keeps its tooltip, and headings get
none: a page where every "ESXi" is underlined is harder to read, not easier. The `abbr`
extension's tree step is replaced to that end (esxidocs/glossary_tooltips.py), which
`on_config` adds after `abbr`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from esxidocs.glossary_data import GlossaryEntry, load_glossary
from esxidocs.glossary_tooltips import FirstTooltipsExtension
from esxidocs.site_model import from_config

MARKER = "<!-- glossary -->"


@lru_cache(maxsize=8)
def _abbreviations(entries: tuple[GlossaryEntry, ...]) -> dict[str, str]:
    """{text: tooltip} for the `abbr` extension's `glossary` option (later entries win)."""
    return {text: entry.tooltip.strip() for entry in entries for text in entry.matches}


def _glossary_section(entries: tuple[GlossaryEntry, ...]) -> str:
    blocks = []
    for entry in entries:  # file order: the same anchors in the same order in every language
        # Term and definition are text, escaped for Markdown (glossary_data.as_markdown_text).
        blocks.append(f"## {entry.term_markdown} {{#{entry.id}}}\n\n{entry.definition_markdown}\n")
    return "\n".join(blocks)


def on_config(config: Any) -> None:
    """First occurrences only: the extension goes after `abbr`, whose terms it takes over
    (once, whatever reloads the configuration)."""
    extensions = config["markdown_extensions"]
    if "abbr" in extensions and not any(
        isinstance(extension, FirstTooltipsExtension) for extension in extensions
    ):
        extensions.append(FirstTooltipsExtension())


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """The glossary page's entries, and the page language's terms for the `abbr` extension.

    The terms are given as the extension's `glossary` option, not as `*[term]: tooltip`
    definitions appended to the page: Python-Markdown would parse 140 definition blocks on
    every page (3 ms a page) to build the same table. MkDocs makes each page's Markdown
    instance from `config.mdx_configs` right after this event, so the option is set here,
    for the page's language, on every page (a language without a glossary gets none).
    """
    site = from_config(config)
    data = site.docs_dir / "_data" / f"glossary.{site.page_language(page)}.yml"
    entries = tuple(load_glossary(data)) if data.is_file() else ()  # cached by the loader
    config["mdx_configs"].setdefault("abbr", {})["glossary"] = _abbreviations(entries)
    if entries and MARKER in markdown:
        markdown = markdown.replace(MARKER, _glossary_section(entries))
    return markdown
