"""Hands-on sections: each topic page an admin can check on a host has a `check-it` section.

The section holds copyable commands, an example of their output and its source. Commands
are the same bytes in both languages (only the prose is translated), so a reader can copy
them from either page. The Markdown is rendered with the site's own extensions, without
the build's hooks, so a citation is still its `[@id]` marker here.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from conftest import CONFIG, LANGUAGES, read_page

HANDS_ON = (
    "scratch.md",
    "boot-banks.md",
    "disk-layout.md",
    "system-image.md",
    "vmkernel-extensions.md",
    "agents.md",
    "auto-deploy.md",
)
SECTION = "check-it"
# ESXi Shell commands; PowerCLI cmdlets (Auto Deploy) run in PowerShell, not on the host.
COMMAND_FENCES = {"sh", "powershell"}
CITATION = re.compile(r"\[@[a-z0-9][a-z0-9-]*(?:\s*;\s*@[a-z0-9][a-z0-9-]*)*\]")


def _extensions() -> tuple[list[str], dict[str, Any]]:
    return list(CONFIG.markdown_extensions), dict(CONFIG.mdx_configs)


@cache
def section(lang: str, name: str) -> tuple[Tag, ...] | None:
    """The elements of the page's `check-it` section (its h2 up to the next h2)."""
    names, configs = _extensions()
    html = markdown.markdown(
        read_page(lang, name).body, extensions=names, extension_configs=configs
    )
    heading = BeautifulSoup(html, "html.parser").find("h2", id=SECTION)
    if heading is None:
        return None
    found: list[Tag] = [heading]
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        found.append(sibling)
    return tuple(found)


def _need(lang: str, name: str) -> tuple[Tag, ...]:
    found = section(lang, name)
    assert found is not None, f"docs/{lang}/{name}: no '## … {{#{SECTION}}}' section"
    return found


def code_blocks(lang: str, name: str) -> list[str]:
    """The text of every fenced block in the section, in order, as the reader copies it."""
    return [
        code.get_text() for element in _need(lang, name) for code in element.select("pre > code")
    ]


def fence_languages(lang: str, name: str) -> list[str]:
    """The info string of each fence in the section's Markdown (the HTML drops it)."""
    body = read_page(lang, name).body
    start = re.search(rf"^## .*\{{#{SECTION}\}}\s*$", body, re.M)
    assert start, f"docs/{lang}/{name}: no '## … {{#{SECTION}}}' section"
    end = re.compile(r"^## ", re.M).search(body, start.end())
    text = body[start.end() : end.start() if end else len(body)]
    return re.findall(r"^[ \t]*```+[ \t]*([\w-]*)", text, re.M)[::2]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", HANDS_ON)
def test_page_has_a_check_it_section(lang: str, name: str) -> None:
    _need(lang, name)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", HANDS_ON)
def test_section_has_commands_an_example_and_a_source(lang: str, name: str) -> None:
    where = f"docs/{lang}/{name}#{SECTION}"
    assert COMMAND_FENCES & set(fence_languages(lang, name)), (
        f"{where}: no ```sh (or ```powershell) block with a command"
    )
    examples = [
        element
        for element in _need(lang, name)
        if element.name == "div" and "example" in element.get_attribute_list("class")
    ]
    assert any(a.select("pre > code") for a in examples), (
        f'{where}: no !!! example "…" block holding the example output'
    )
    text = "\n".join(element.get_text() for element in _need(lang, name))
    assert CITATION.search(text), f"{where}: no [@id] citation marker"


@pytest.mark.parametrize("name", HANDS_ON)
def test_code_is_byte_identical_in_every_language(name: str) -> None:
    reference = code_blocks(LANGUAGES[0], name)
    for lang in LANGUAGES[1:]:
        other = code_blocks(lang, name)
        assert len(other) == len(reference), (
            f"docs/{lang}/{name}#{SECTION}: {len(other)} code blocks, "
            f"docs/{LANGUAGES[0]}/{name} has {len(reference)}"
        )
        for number, (mine, theirs) in enumerate(zip(reference, other, strict=True), 1):
            assert mine == theirs, f"docs/{lang}/{name}#{SECTION}: code block {number} differs"


def test_code_blocks_get_a_copy_button() -> None:
    # Material adds the button at load time, only with this theme feature.
    assert "content.code.copy" in CONFIG.theme["features"], (
        "mkdocs.yml: theme.features lacks content.code.copy (the commands' copy button)"
    )
