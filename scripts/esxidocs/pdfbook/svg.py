"""Diagrams as vectors: inline every SVG and give it the colours it has in light mode.

The site's diagrams colour themselves with `var(--md-..., fallback)` so they follow the
theme. WeasyPrint's SVG renderer knows no custom properties, so each `var()` is replaced by
its fallback (the light colours), which is also what a sheet of paper wants.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import tinycss2  # type: ignore[import-untyped]
from bs4 import BeautifulSoup, Tag
from tinycss2.ast import Node  # type: ignore[import-untyped]


def _fallback(arguments: list[Node]) -> list[Node]:
    """The tokens after the first top-level comma of `var(--name, fallback)`."""
    for index, token in enumerate(arguments):
        if token.type == "literal" and token.value == ",":
            rest = arguments[index + 1 :]
            while rest and rest[0].type == "whitespace":
                rest = rest[1:]
            return _resolve(rest)
    return []  # no fallback: the property falls back to its initial value


def _resolve(tokens: list[Node]) -> list[Node]:
    resolved: list[Node] = []
    for token in tokens:
        if token.type == "function" and token.lower_name == "var":
            resolved.extend(_fallback(token.arguments))
            continue
        if token.type == "function":
            token.arguments = _resolve(token.arguments)
        elif token.type in ("{} block", "[] block", "() block"):
            token.content = _resolve(token.content)
        resolved.append(token)
    return resolved


def resolve_css_vars(css: str) -> str:
    """Replace every `var(--x, fallback)` in a style sheet or declaration list by fallback."""
    if "var(" not in css:
        return css
    return tinycss2.serialize(_resolve(tinycss2.parse_component_value_list(css)))


def _resolve_svg(svg: Tag) -> None:
    for style in svg.find_all("style"):
        style.string = resolve_css_vars(style.get_text())
    for element in [svg, *svg.find_all(True)]:
        for name, value in element.attrs.items():
            if isinstance(value, str) and "var(" in value:
                element[name] = resolve_css_vars(value)


def _set_title(svg: Tag, text: str) -> None:
    """The tagged PDF's alternate text of an inline SVG is its <title>."""
    title = svg.find("title", recursive=False)
    if not isinstance(title, Tag):
        title = BeautifulSoup("", "html.parser").new_tag("title")
        svg.insert(0, title)
    title.string = text


def _inline_image(img: Tag, page_dir: Path) -> None:
    path = page_dir / unquote(urlsplit(str(img["src"])).path)
    svg = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("svg")
    if not isinstance(svg, Tag):
        raise ValueError(f"{path}: no <svg> element")
    svg["role"] = "img"
    if img.get("alt"):
        _set_title(svg, str(img["alt"]))  # the page's description, as the site reads it
    img.replace_with(svg)


def vector_diagrams(body: Tag, page_dir: Path, site: Path) -> None:
    """Inline `<img src="*.svg">` and resolve `var()` in every SVG of the chapter.

    Only SVGs inside the built site are read here; any other local image is left to the
    renderer's fetcher, which refuses what is outside the site (render.SiteFetcher).
    """
    root = site.resolve()
    for img in body.find_all("img", src=True):
        src = str(img["src"])
        if urlsplit(src).scheme:
            continue
        path = (page_dir / unquote(urlsplit(src).path)).resolve()
        if path.suffix == ".svg" and path.is_file() and path.is_relative_to(root):
            _inline_image(img, page_dir)
        else:
            img["src"] = path.as_uri()
    for svg in body.find_all("svg"):
        if svg.find_parent("svg") is None:
            _resolve_svg(svg)
            if svg.get("aria-label"):
                # The page's alt text names the diagram on the site; it does in the PDF too.
                _set_title(svg, str(svg["aria-label"]))
