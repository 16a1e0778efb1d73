"""The raw-HTML policy (esxidocs/validator/raw_html.py) and the safe mkdocs.yml loader.

What each rule flags, at which line and column, in Markdown and in built pages; that the
theme's own scripts and forms pass while the same tags from page text do not; that
glossary and diagram text holding markup is reported; and that a hostile YAML tag in
mkdocs.yml is an error at its line, never run. The real pages stay clean.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from esxidocs.validator.project import ConfigError, load_project
from esxidocs.validator.raw_html import (
    check_built_page,
    check_fragment,
    extra_scripts,
    scan_markdown_html,
)
from support import REPO, cli, make_project, validate

POLICY_CODES = {
    "html-active",
    "html-form",
    "html-style",
    "html-attachment",
    "html-not-allowed",
    "link-file-url",
    "link-third-party",
    "text-markup",
}


def codes(text: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.col, f.code) for f in scan_markdown_html(text, 1)]


@pytest.mark.parametrize(
    ("fragment", "code"),
    [
        ("<script>alert(1)</script>", "html-active"),
        ('<img src="x.png" alt="" onerror="alert(1)">', "html-active"),
        ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "html-active"),
        ('<object data="x"></object>', "html-active"),
        ('<embed src="x">', "html-active"),
        ('<base href="https://evil.example/">', "html-active"),
        ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "html-active"),
        ('<span title="x" data-href="javascript:alert(1)">x</span>', "html-not-allowed"),
        ('<form action="https://evil.example/"></form>', "html-form"),
        ('<button formaction="https://evil.example/">x</button>', "html-form"),
        ("<style>@import 'https://evil.example/x.css';</style>", "html-style"),
        ('<span style="background:url(https://evil.example/)">x</span>', "html-style"),
        ('<span style="width: expression(alert(1))">x</span>', "html-style"),
        ('<span style="background: \\75 rl(x)">x</span>', "html-style"),
        ('<a rel="nofollow attachment" href="x">x</a>', "html-attachment"),
        ('<link rel="attachment" href="../../secret">', "html-attachment"),
        ('<a href=" FILE:///etc/passwd">x</a>', "link-file-url"),
        ('<img srcset="a.png 1x, file:///etc/passwd 2x" alt="">', "link-file-url"),
        ("<marquee>x</marquee>", "html-not-allowed"),
        ('<img src="https://tracker.example/p.gif" alt="">', "link-third-party"),
        ('<img src=" \\\\tracker.example\\p.gif" alt="">', "link-third-party"),
        ('<img srcset="a.png 1x, //tracker.example/b.png 2x" alt="">', "link-third-party"),
    ],
)
def test_each_rule(fragment: str, code: str) -> None:
    assert code in {f.code for f in check_fragment(fragment)}


def test_what_the_pages_use_is_allowed() -> None:
    text = (
        '<figure class="diagram" markdown="span">\n'
        "  ![Diagram](assets/diagrams/x.svg)\n"
        "  <figcaption>Caption with <abbr title='Term'>T</abbr>, <kbd>Shift</kbd>.</figcaption>\n"
        "</figure>\n\nText<br>more <sup>1</sup> <span class='x'>y</span>.\n"
    )
    assert codes(text) == []


def test_positions_in_markdown() -> None:
    text = (
        "Intro line\n"
        'Text <img src="x" alt="" onerror="alert(1)"> end\n'
        "\n"
        '<div class="x"\n'
        '     onclick="alert(1)">\n'
        "</div>\n"
        "\n"
        '!!! note "Note"\n'
        "\n"
        '    Inside <a href="file:///etc/passwd">x</a>\n'
        "\n"
        "[local](file:///etc/passwd)\n"
    )
    assert codes(text) == [
        (2, 26, "html-active"),  # the onerror attribute itself
        (5, 6, "html-active"),  # an attribute on the tag's second line
        (10, 15, "link-file-url"),  # columns count the admonition's indent
        (12, 1, "link-file-url"),  # a Markdown link
    ]


def test_images_from_other_hosts_are_refused_where_they_are_written() -> None:
    """An image, Markdown or HTML, that the browser would fetch from another host: the
    reader's visit is told to that host, and the PDF and the offline copy go without it.
    A link the reader may follow is not fetched, so it is fine."""
    text = (
        "See [the KB](https://kb.vmware.com/s/article/1033696) and <https://example.org/>.\n"
        "\n"
        "![Logo](https://cdn.example/logo.png)\n"
        "\n"
        'Inline <img alt="x" src="//cdn.example/x.png"> here.\n'
        "\n"
        "![Ref][logo] and ![local](assets/diagrams/x.svg)\n"
        "\n"
        "[logo]: https://cdn.example/ref.png\n"
    )
    assert codes(text) == [
        (3, 1, "link-third-party"),
        (5, 21, "link-third-party"),  # the src attribute itself
        (7, 1, "link-third-party"),  # the image, whose address is defined below
    ]


def test_attributes_that_attr_list_writes_follow_the_policy() -> None:
    """`{ key=value }` after an image or link, at the end of a heading or under a
    paragraph becomes an HTML attribute: what is refused everywhere is refused there too,
    where it is written. attr_list's documented uses (align, target) stay allowed."""
    text = (
        '![Foto](foto.png){ srcset="https://cdn.example/x.png 2x" }\n'
        "\n"
        '# Título { #titulo onclick="alert(1)" }\n'
        "\n"
        "Párrafo\n"
        '{: style="background: url(https://x.example/)" }\n'
        "\n"
        '![Ancho](foto.png){ width="300" loading=lazy align=left } y [](){#ancla}\n'
        "\n"
        "[Fuera](https://kb.example/){ target=_blank }\n"
        "\n"
        "`texto{ onclick=1 }` es código, y {esto} es texto.\n"
    )
    assert codes(text) == [
        (1, 18, "link-third-party"),
        (3, 12, "html-active"),
        (6, 4, "html-style"),
    ]


def test_attr_list_in_list_items_table_cells_and_terms_is_read_where_written() -> None:
    """attr_list gives a `{ … }` line of a tight list item to the `<li>`, and one ending a
    table cell or a definition term to the `<td>`/`<th>`/`<dt>`: Python-Markdown writes
    the onclick, so the source says where. A `{ … }` on the item's first line, or in the
    item's code block, stays text (as attr_list leaves it)."""
    text = (
        "- uno\n"
        '  { onclick="alert(1)" }\n'
        "- dos { onclick=alert(2) }\n"
        "\n"
        "| Columna | Otra { onclick=alert(3) } |\n"
        "|---|---|\n"
        '| celda { style="background: url(https://x.example/)" } | y |\n'
        "\n"
        "Término { onclick=alert(4) }\n"
        ":   definición\n"
        "\n"
        "- código:\n"
        "\n"
        "  ```\n"
        "  { onclick=alert(5) }\n"
        "  ```\n"
    )
    assert codes(text) == [
        (2, 5, "html-active"),
        (5, 20, "html-active"),
        (7, 11, "html-style"),
        (9, 11, "html-active"),
    ]


def test_a_built_page_article_may_not_load_from_another_host() -> None:
    """The written page's check (the build's second line, after a hook): an image from
    another host in the article is refused; the theme's loads are site-third-party's."""
    article = '<p><img alt="x" src="../x.png" srcset="https://cdn.example/x.png 2x"></p>'
    found = check_built_page("x/index.html", page("x/index.html", article=article)).findings
    assert [(f.line, f.code) for f in found] == [(7, "link-third-party")]
    head = page("x/index.html").replace(
        "<title>", '<link rel="preconnect" href="//cdn.example/"><title>'
    )
    assert check_built_page("x/index.html", head).findings == []


def test_code_is_not_html() -> None:
    text = "`<script>x</script>`\n\n```html\n<script>x</script>\n```\n\n    <iframe></iframe>\n"
    assert codes(text) == []


THEME_PAGE = """<!doctype html>
<html><head><script>__md_scope=1</script><title>{title}</title></head>
<body><header><nav class="md-header__inner md-grid"><script>palette()</script>
<div class="md-header__topic"><span class="md-ellipsis">{title}</span></div>
<form class="md-search__form" name="search"><input name="query"></form></nav></header>
<div class="md-main__inner md-grid"><script>tabs()</script>
<article class="md-content__inner md-typeset">{article}</article></div>
<script src="{up}assets/javascripts/bundle.js" defer></script></body></html>
"""


def page(rel: str, title: str = "Title", article: str = "<p>Text</p>") -> str:
    up = "../" * rel.count("/")
    return THEME_PAGE.format(title=title, article=article, up=up)


def test_theme_chrome_passes_and_page_text_does_not() -> None:
    assert check_built_page("x/index.html", page("x/index.html")).findings == []
    injected = check_built_page(
        "x/index.html",
        page("x/index.html", title="<script>alert(1)</script>", article="<form></form>"),
    )
    found = [(f.line, f.code) for f in injected.findings]
    # Unescaped title text in <title>, in the header's span; the form in the article.
    assert found == [(2, "html-active"), (4, "html-active"), (7, "html-form")]
    scripted = check_built_page("x/index.html", page("x/index.html", article="<script>x</script>"))
    assert [f.code for f in scripted.findings] == ["html-active"]


def test_a_script_only_one_page_has_is_not_the_themes() -> None:
    escaped = "</title><script>alert(1)</script><title>"  # a title that left <title>
    pages = [check_built_page(f"p{n}/index.html", page(f"p{n}/index.html")) for n in range(3)]
    pages.append(check_built_page("index.html", page("index.html", title=escaped)))
    flagged = [(p.rel, f.line) for p, f in extra_scripts(pages)]
    assert flagged == [("index.html", 2)]


def test_glossary_and_diagram_text_with_markup(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    glossary = root / "docs" / "_data" / "glossary.es.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(
        text + "- id: zz\n  term: Zeta\n  definition: Texto <b>negrita</b> aquí.\n", "utf-8"
    )
    line = text.count("\n") + 3
    diagrams = root / "docs" / "_data" / "diagrams.yml"
    diagrams.write_text("x:\n  label: {es: 'A &lt; B', en: fine}\n", encoding="utf-8")
    found = {(p.path, p.line, p.col, p.code) for p in validate(root) if p.code == "text-markup"}
    assert found == {
        ("docs/_data/glossary.es.yml", line, 15, "text-markup"),
        ("docs/_data/diagrams.yml", 2, 15, "text-markup"),
    }


def test_hostile_yaml_tag_in_mkdocs_yml_is_an_error_and_never_runs(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    marker = tmp_path / "MARKER"
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = text.count("\n") + 2
    config.write_text(
        text + f'extra:\n  boom: !!python/object/apply:os.system ["touch {marker}"]\n', "utf-8"
    )
    with pytest.raises(ConfigError, match=rf"mkdocs\.yml:{line}:\d+: .*python/object/apply"):
        load_project(config)
    done = cli("--config", str(config), cwd=root)
    assert done.returncode == 2
    assert f"mkdocs.yml:{line}:" in done.stderr
    assert not marker.exists()


def test_mkdocs_tags_still_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "site_url: https://docs.example.org/", "site_url: !ENV [FIXTURE_URL, 'https://x.org/']"
    )
    extra = (
        "\nextra:\n  path: !relative $config_dir/docs\n"
        "  emoji: !!python/name:material.extensions.emoji.twemoji\n"
    )
    config.write_text(text + extra, encoding="utf-8")
    monkeypatch.setenv("FIXTURE_URL", "https://env.example.org/")
    assert load_project(config).site_url == "https://env.example.org/"
    monkeypatch.delenv("FIXTURE_URL")
    assert load_project(config).site_url == "https://x.org/"


def test_real_pages_follow_the_policy() -> None:
    problems = validate(REPO, jobs=os.cpu_count() or 1)
    assert [p for p in problems if p.code in POLICY_CODES] == []


def test_every_front_matter_string_follows_the_title_rules() -> None:
    from esxidocs import frontmatter

    meta = {"title": "T", "description": "D", "article": "none", "status": 'new" onclick="x'}
    lines = {"status": 5}
    found = frontmatter.check(meta, lambda key: (lines.get(key or "", 1), 9))
    assert ("fm-unsafe-char", 5, 9) in {(f.code, f.line, f.col) for f in found}
