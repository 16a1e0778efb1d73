"""Bounded input: the validator reports, and the build refuses, pages the Markdown parser
could not render in bounded time or memory, and characters the PDF fonts cannot draw.

Each limit is tried just over (reported with path:line:col by both sides) and just under
(accepted); one real build of a page just under every limit shows it stays fast.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown
import pytest
from conftest import CONFIG, DOCS, ROOT, copy_project
from esxidocs.validator import limits
from mkdocs.exceptions import PluginError
from support import make_project, refresh_permalinks, validate, write

FRONT = (
    "---\ntitle: Caso\n"
    "description: Página de prueba con un solo tipo de problema y su gemelo.\n"
    "article: none\n---\n# T\n\n"
)
BODY_LINE = 8  # the first line after FRONT
MINE = {
    "fences-too-many",
    "paragraph-too-split",
    "tags-too-costly",
    "abbreviations-too-many",
    "footnotes-too-many",
    "html-too-deep",
    "emphasis-too-deep",
    "file-too-large",
    "line-too-long",
    "quote-too-deep",
    "list-too-deep",
    "brackets-too-costly",
    "glyph-missing",
}


def _bracket_bomb(cost: int) -> str:
    """The most `[a\\] ` (the slowest kind per estimated character: the escape hides the
    `]`) whose estimated scan stays within `cost`."""
    low, high = 1, 4000
    while low < high:
        mid = (low + high + 1) // 2
        if limits.bracket_scan("[a\\] " * mid)[0] <= cost:
            low = mid
        else:
            high = mid - 1
    return "[a\\] " * low


def _tag_bomb(cost: int) -> str:
    """The most `<a ` (each scanned by the HTML parser to the one `>` at the end) whose
    estimated scan stays within `cost`."""
    low, high = 1, 4000
    while low < high:
        mid = (low + high + 1) // 2
        if limits.tag_scan("<a " * mid + ">")[0] <= cost:
            low = mid
        else:
            high = mid - 1
    return "<a " * low + ">"


def _abbreviations(count: int) -> str:
    return "\n".join(f"*[w{i}]: x" for i in range(count))


def _footnotes(count: int) -> str:
    """`count` footnote references (and labels) in all: references, then the definition."""
    return "x[^1] " * (count - 1) + "\n\n[^1]: y"


def _quote(depth: int) -> str:
    return ">" * depth + " x"


def _list(depth: int) -> str:
    return "\n".join("    " * level + "- x" for level in range(depth))


def _html(depth: int) -> str:
    """Nested `<div markdown>` blocks: each level is a recursion in md_in_html."""
    return '<div markdown="1">\n' * depth + "x\n" + "</div>\n" * depth


def _emphasis(depth: int) -> str:
    return "*a " * depth + "x" + " a*" * depth


OVER = {
    "brackets-too-costly": "\n".join(["[a" * 40] * 768),  # 60 KiB of `[a`, the reported case
    "quote-too-deep": _quote(limits.MAX_QUOTE_DEPTH + 1),
    "list-too-deep": _list(limits.MAX_LIST_DEPTH + 1),
    "line-too-long": "a" * (limits.MAX_LINE_CHARS + 1),
    "html-too-deep": _html(limits.MAX_HTML_DEPTH + 1),
    "emphasis-too-deep": _emphasis(limits.MAX_EMPHASIS_DEPTH + 1),
    "tags-too-costly": "\n".join(["<a " * 40] * 25),  # unclosed `<`, like the `[a` case
    "abbreviations-too-many": _abbreviations(limits.MAX_ABBREVIATIONS + 1),
    "footnotes-too-many": _footnotes(limits.MAX_FOOTNOTE_REFS + 1),
    "paragraph-too-split": "\n".join(["# a"] * (limits.MAX_BLOCK_STARTS + 1)),
    "fences-too-many": "\n".join(["```"] * (limits.MAX_FENCES + 1)),
}
OVER_AT = {  # (line, col) in the page, counted from BODY_LINE
    "brackets-too-costly": (BODY_LINE, 1),
    "quote-too-deep": (BODY_LINE, 1),
    "list-too-deep": (BODY_LINE + limits.MAX_LIST_DEPTH, 1),
    "line-too-long": (BODY_LINE, limits.MAX_LINE_CHARS),
    "html-too-deep": (BODY_LINE + limits.MAX_HTML_DEPTH, 1),
    "emphasis-too-deep": (BODY_LINE, 3 * limits.MAX_EMPHASIS_DEPTH + 1),
    "tags-too-costly": (BODY_LINE, 1),
    "abbreviations-too-many": (BODY_LINE + limits.MAX_ABBREVIATIONS, 1),
    "footnotes-too-many": (BODY_LINE + 2, 1),  # the definition is the one past the limit
    "paragraph-too-split": (BODY_LINE + limits.MAX_BLOCK_STARTS, 1),
    "fences-too-many": (BODY_LINE + limits.MAX_FENCES, 1),
}


def _fence_lines(text: str) -> int:
    return sum(1 for line in text.split("\n") if line.lstrip(" >").startswith(("```", "~~~")))


def _under_every_limit(head: str = FRONT) -> str:
    """A body to append to `head` that puts the page at (not over) every limit at once,
    padded to just under the page size."""
    parts = [
        _quote(limits.MAX_QUOTE_DEPTH),
        _list(limits.MAX_LIST_DEPTH),
        "palabra " * (limits.MAX_LINE_CHARS // 8),
        "- " * limits.MAX_LIST_DEPTH + "x",
        _html(limits.MAX_HTML_DEPTH),
        _emphasis(limits.MAX_EMPHASIS_DEPTH),
        "`<host>` " * 100,  # placeholders that never close nest nothing
        _abbreviations(limits.MAX_ABBREVIATIONS),
        _footnotes(limits.MAX_FOOTNOTE_REFS),
        "\n".join(["# a"] * limits.MAX_BLOCK_STARTS),
        "t\n" + "\n".join([":   d"] * limits.MAX_BLOCK_STARTS),  # each one recurses
        "```sh\n" + "# a shell comment\n" * 100 + "```",  # code: not headings
        "\n".join(["```"] * (limits.MAX_FENCES - 2 - _fence_lines(head))),
    ]
    so_far = head + "\n\n".join(parts)
    parts.append(_bracket_bomb(limits.MAX_BRACKET_SCAN - limits.bracket_scan(so_far)[0]))
    parts.append(_tag_bomb(limits.MAX_TAG_SCAN - limits.tag_scan(so_far)[0]))
    body = "\n\n".join(parts) + "\n\n"
    paragraph = "Texto normal de una página, sin corchetes, repetido para llegar al límite.\n\n"
    room = limits.MAX_PAGE_BYTES - len((head + body).encode()) - 200
    return body + paragraph * (room // len(paragraph.encode()))


# --- the shared rules ------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(DOCS.glob("*/*.md")), ids=lambda p: p.name)
def test_real_pages_pass_comfortably(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert limits.check_markdown(text) == []
    assert limits.bracket_scan(text)[0] < limits.MAX_BRACKET_SCAN // 100
    assert len(text.encode()) < limits.MAX_PAGE_BYTES // 10


@pytest.mark.parametrize("code", sorted(OVER))
def test_just_over_each_limit_is_a_breach_at_its_position(code: str) -> None:
    found = limits.check_markdown(OVER[code], first_line=BODY_LINE)
    assert [(b.code, b.line, b.col) for b in found] == [(code, *OVER_AT[code])]


def test_just_under_every_limit_passes() -> None:
    assert limits.check_markdown(FRONT + _under_every_limit()) == []


def test_a_page_at_every_limit_renders_in_seconds() -> None:
    """Python-Markdown with the site's extensions, on the page the build test builds: the
    time the limits bound (the same page over them ran for minutes or crashed)."""
    md = markdown.Markdown(
        extensions=list(CONFIG.markdown_extensions), extension_configs=dict(CONFIG.mdx_configs)
    )
    start = time.process_time()  # CPU time: other work on the machine does not count
    md.convert(_under_every_limit())
    assert time.process_time() - start < 10


@pytest.mark.parametrize(
    "text",
    [
        "[a `]` " * 2000,  # a code span hides the `]` from Python-Markdown's link parser
        "[a\\] " * 2000,  # so does a backslash escape
        "[" * 1000 + "a" + "]" * 1000,  # all closed, but each scans to its partner
        "[a](b " * 1000,  # each `](` scans to the end for its `)`
        '[a](b "t ' * 1000,  # a title quote that never closes
        "[a\n" * 2000,  # one paragraph over many short lines
    ],
    ids=["code-span", "escaped", "nested", "open-paren", "open-title", "many-lines"],
)
def test_bracket_pathologies_that_hide_their_closers_are_caught(text: str) -> None:
    assert [b.code for b in limits.check_markdown(text)] == ["brackets-too-costly"]


def test_brackets_in_separate_paragraphs_and_escaped_brackets_are_cheap() -> None:
    assert limits.check_markdown("[a\n\n" * 5000) == []
    assert limits.check_markdown("\\[a" * 5000) == []


def test_estimate_is_fast_on_a_page_of_brackets() -> None:
    text = "\n".join(['[a](b "t `c` \\[' * 20] * 900)[: limits.MAX_PAGE_BYTES]
    start = time.process_time()
    limits.check_markdown(text)
    assert time.process_time() - start < 1


@pytest.mark.parametrize(
    "line",
    ["# a", "a\n===", "***", "- - -", "t\n:   d", "> # a"],
    ids=["heading", "setext", "rule", "spaced-rule", "definition", "quoted-heading"],
)
def test_lines_that_split_a_paragraph_are_counted(line: str) -> None:
    text = "\n".join([line] * (limits.MAX_BLOCK_STARTS + 1))
    assert [b.code for b in limits.check_markdown(text)] == ["paragraph-too-split"]
    spaced = "\n\n".join([line] * (limits.MAX_BLOCK_STARTS + 1))
    assert limits.check_markdown(spaced) == []


def test_nesting_on_one_line_counts_like_indentation() -> None:
    over = "> - " * 9 + "x"  # 9 quotes and 9 lists: neither over 16
    assert limits.check_markdown(over) == []
    assert [b.code for b in limits.check_markdown("- " * 17 + "x")] == ["list-too-deep"]
    assert [b.code for b in limits.check_markdown("> " * 17 + "x")] == ["quote-too-deep"]


# --- the validator ----------------------------------------------------------------------


def _mine(root: Path, rel: str) -> set[tuple[str, int, int]]:
    shown = f"docs/{rel}" if not rel.startswith("/") else rel[1:]
    return {(p.code, p.line, p.col) for p in validate(root) if p.path == shown and p.code in MINE}


def test_validator_reports_each_breach_with_position(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    for code, body in OVER.items():
        write(root, f"es/{code}.md", FRONT + body + "\n")
    write(root, "es/under.md", FRONT + _under_every_limit())
    write(root, "es/huge.md", FRONT + "x\n" * (limits.MAX_PAGE_BYTES // 2))
    refresh_permalinks(root)
    problems = {(p.path, p.code, p.line, p.col) for p in validate(root) if p.code in MINE}
    expected = {(f"docs/es/{code}.md", code, *OVER_AT[code]) for code in OVER}
    expected.add(("docs/es/huge.md", "file-too-large", 1, 1))
    assert problems == expected


def test_validator_reports_glyphs_the_pdf_fonts_lack(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    write(root, "es/cjk.md", FRONT + "ESXi «ñ» → 虚拟化 and 虚\n")
    glossary = root / "docs/_data/glossary.es.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("Núcleo", "Núcleo 核"), encoding="utf-8"
    )
    refresh_permalinks(root)
    found = {(p.path, p.line, p.col, p.message[:6]) for p in validate(root) if p.code in MINE}
    assert found == {
        ("docs/es/cjk.md", BODY_LINE, 12, "U+865A"),  # first 虚; its second one is counted
        ("docs/es/cjk.md", BODY_LINE, 13, "U+62DF"),
        ("docs/es/cjk.md", BODY_LINE, 14, "U+5316"),
        ("docs/_data/glossary.es.yml", 3, 22, "U+6838"),
    }


# --- the build hook ---------------------------------------------------------------------


def _page(source: str) -> tuple[str, Any, dict[str, Any]]:
    """What MkDocs hands the hook: the Markdown without front matter, and the page."""
    markdown = source.split("---\n", 2)[2]
    file = SimpleNamespace(abs_src_path=str(ROOT / "docs/es/x.md"), content_string=source)
    return markdown, SimpleNamespace(file=file), {"config_file_path": str(ROOT / "mkdocs.yml")}


@pytest.mark.parametrize("code", sorted(OVER))
def test_build_hook_refuses_each_breach_with_path_line_col(code: str) -> None:
    hook = importlib.import_module("esxidocs.stages.limits")
    markdown, page, config = _page(FRONT + OVER[code] + "\n")
    line, col = OVER_AT[code]
    with pytest.raises(PluginError, match=rf"docs/es/x\.md:{line}:{col}: error\[{code}\]"):
        hook.on_page_markdown(markdown, page, config, None)


def test_build_hook_accepts_a_page_under_every_limit() -> None:
    markdown, page, config = _page(FRONT + _under_every_limit())
    assert (
        importlib.import_module("esxidocs.stages.limits").on_page_markdown(
            markdown, page, config, None
        )
        == markdown
    )


def test_build_hook_refuses_an_oversized_page_before_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "docs/es/big.md"
    big.parent.mkdir(parents=True)
    with big.open("wb") as handle:
        handle.truncate(limits.MAX_PAGE_BYTES + 1)  # sparse: nothing written or read
    files = SimpleNamespace(documentation_pages=lambda: [SimpleNamespace(abs_src_path=str(big))])
    config = {"config_file_path": str(tmp_path / "mkdocs.yml")}
    with pytest.raises(PluginError, match=r"docs/es/big\.md:1:1: error\[file-too-large\]"):
        importlib.import_module("esxidocs.stages.limits").on_files(files, config)


def _build(root: Path, site: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=240,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    return result, time.perf_counter() - start


def test_build_of_a_page_under_every_limit_is_fast_and_one_over_is_refused(
    tmp_path: Path,
) -> None:
    root = copy_project(tmp_path / "project")
    page = root / "docs/es/footprint.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n\n" + _under_every_limit(original), encoding="utf-8")
    assert len(page.read_bytes()) <= limits.MAX_PAGE_BYTES
    result, elapsed = _build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    # Wall time on a shared machine: generous; the same page over the limits ran for more
    # than 5 minutes or crashed. The CPU time the limits bound is tested above.
    assert elapsed < 150

    bomb_line = (original + "\n\n").count("\n") + 1
    page.write_text(original + "\n\n" + OVER["brackets-too-costly"] + "\n", encoding="utf-8")
    result, elapsed = _build(root, tmp_path / "site2")
    assert result.returncode != 0
    assert f"docs/es/footprint.md:{bomb_line}:1: error[brackets-too-costly]" in result.stderr
    assert elapsed < 120
