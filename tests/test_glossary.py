"""esxidocs/glossary_data.py and esxidocs/stages/glossary.py: one source, tooltips and page."""

from __future__ import annotations

import importlib
import shutil
import unicodedata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import DOCS, LANGUAGES, mkdocs_config
from esxidocs.glossary_data import GlossaryError, load_glossary
from markdown import Markdown


def _config(docs_dir: Path) -> Any:
    """The site's config on a docs folder of the test's own (with the site data it needs)."""
    shutil.copy2(DOCS / "_data" / "site.yml", docs_dir / "_data" / "site.yml")
    return mkdocs_config(docs_dir)


def test_every_language_has_the_same_terms() -> None:
    # Each file is in its own language's alphabetical order, so compare the ids as sets.
    ids = {
        lang: {e.id for e in load_glossary(DOCS / "_data" / f"glossary.{lang}.yml")}
        for lang in LANGUAGES
    }
    reference = ids[LANGUAGES[0]]
    assert len(reference) >= 20
    for lang in LANGUAGES[1:]:
        assert ids[lang] == reference, (
            f"glossary.{lang}.yml differs from glossary.{LANGUAGES[0]}.yml: "
            f"{sorted(ids[lang] ^ reference)}"
        )


def collation_key(term: str, lang: str) -> str:
    """Dictionary order for a glossary term: case and accents ignored; in Spanish the
    «ñ» is a letter of its own, sorted after «n»."""
    out = []
    for char in term.casefold():
        if lang == "es" and char == "ñ":
            out.append("n\U0010ffff")
            continue
        decomposed = unicodedata.normalize("NFD", char)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


@pytest.mark.parametrize(
    ("lang", "terms"),
    [
        ("es", ["árbol", "Banco", "nube", "ñandú", "oso"]),
        ("en", ["apple", "Banana", "cherry", "éclair", "fig"]),
    ],
)
def test_collation_key_follows_the_dictionary(lang: str, terms: list[str]) -> None:
    assert sorted(reversed(terms), key=lambda t: collation_key(t, lang)) == terms


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_is_in_alphabetical_order_of_its_language(lang: str) -> None:
    terms = [e.term for e in load_glossary(DOCS / "_data" / f"glossary.{lang}.yml")]
    keys = [collation_key(t, lang) for t in terms]
    for before, after, key_b, key_a in zip(terms, terms[1:], keys, keys[1:], strict=False):
        assert key_b <= key_a, f"glossary.{lang}.yml: '{after}' must come before '{before}'"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_term_is_used_on_some_page(lang: str) -> None:
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in (DOCS / lang).glob("*.md") if p.name != "glossary.md"
    )
    unused = [
        e.term
        for e in load_glossary(DOCS / "_data" / f"glossary.{lang}.yml")
        if not any(spelling in text for spelling in e.matches)
    ]
    assert unused == [], f"glossary.{lang}.yml terms no page uses: {unused}"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (
            "- id: a\n  term: A\n  definition: ok\n- id: a\n  term: B\n  definition: ok\n",
            4,
            "duplicate id",
        ),
        ("- id: a\n  term: A\n", 1, "'definition' must be a non-empty string"),
        ("- id: a\n  term: A\n  definition: ok\n  titel: x\n", 1, "unknown key"),
        ("- id: Not_Kebab\n  term: A\n  definition: ok\n", 1, "kebab-case"),
        ("- id: a\n\tterm: A\n", 2, "invalid YAML"),
        ("id: a\n", 1, "expected a list"),
    ],
)
def test_bad_glossary_names_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = tmp_path / "glossary.es.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert str(info.value).startswith(f"{path}:{line}:"), info.value
    assert fragment in str(info.value)


def _render(markdown_text: str, config: Any) -> str:
    """The page's HTML as MkDocs makes it: a Markdown instance from config.mdx_configs."""
    extensions = ["abbr", "attr_list"]
    return Markdown(extensions=extensions, extension_configs=config["mdx_configs"]).convert(
        markdown_text
    )


def test_hook_gives_the_page_its_language_terms_and_fills_the_glossary_page(
    tmp_path: Path,
) -> None:
    data = tmp_path / "_data"
    data.mkdir()
    (data / "glossary.en.yml").write_text(
        "- id: vib\n  term: VIB\n  also: [VIBs]\n"
        "  definition: >-\n    vSphere Installation\n    Bundle.\n",
        encoding="utf-8",
    )
    hook = importlib.import_module("esxidocs.stages.glossary")
    config = _config(tmp_path)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="en/glossary.md"))
    out = hook.on_page_markdown("# Glossary\n\n<!-- glossary -->\n", page, config, None)
    assert "## VIB {#vib}\n\nvSphere Installation Bundle." in out
    assert "<!-- glossary -->" not in out
    html = _render("VIBs hold a VIB.", config)
    assert html == (
        '<p><abbr title="vSphere Installation Bundle.">VIBs</abbr> hold a '
        '<abbr title="vSphere Installation Bundle.">VIB</abbr>.</p>'
    )
    # A page of a language without a glossary gets no tooltips, not the last page's.
    other = SimpleNamespace(file=SimpleNamespace(src_uri="es/index.md"))
    assert hook.on_page_markdown("texto VIB", other, config, None) == "texto VIB"
    assert _render("texto VIB", config) == "<p>texto VIB</p>"


def test_code_in_a_definition_is_code_on_the_page_and_plain_in_the_tooltip(
    tmp_path: Path,
) -> None:
    data = tmp_path / "_data"
    data.mkdir()
    (data / "glossary.en.yml").write_text(
        "- id: scratch\n  term: scratch\n  definition: A ramdisk at `/tmp/scratch`.\n",
        encoding="utf-8",
    )
    hook = importlib.import_module("esxidocs.stages.glossary")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="en/glossary.md"))
    config = _config(tmp_path)
    out = hook.on_page_markdown("<!-- glossary -->", page, config, None)
    assert "## scratch {#scratch}\n\nA ramdisk at `/tmp/scratch`." in out
    assert _render("scratch", config) == (
        '<p><abbr title="A ramdisk at /tmp/scratch.">scratch</abbr></p>'
    )
