"""Diagram hook: inline the generated SVG diagrams into the built pages.

Pages embed a diagram as an image (`![alt](assets/diagrams/NAME.svg)` inside a
`<figure class="diagram">`), so link checkers see the file. At build time each such `<img>`
is replaced by the SVG of the page's language (`docs/<lang>/assets/diagrams/NAME.svg`):
inline, the diagram follows the page's colour scheme and its text is selectable.

Each diagram has two drawings from the same data (esxidocs/diagrams/): `NAME.svg` for wide
screens, print and the PDF, and `NAME.narrow.svg`, its parts stacked in one column for phones.
Both are inlined, the wide one classed `dgm-wide`, the narrow one `dgm-narrow`; extra.css
shows one of them by screen width and `display: none` takes the other out of the layout and
the accessibility tree; print.css keeps the narrow one out of the PDF. Both have ids of
their own (`NAME-...`, `NAME-narrow-...`). In the build they go in after Material's search
has indexed the page (esxidocs/after_search.py): their labels are not prose (indexed, they
filled search results with "1, Cargador de arranque, 4 MB, ..."), and the figure's caption
stays searchable.

Accessible name: the page's alt text, when there is one, becomes the SVG's `aria-label`
(and `aria-labelledby` is dropped, since it would win over it). The alt is what the page's
author wrote for that page; the SVG's own `<title>` stays as fallback and `<desc>` keeps
describing the figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from mkdocs.exceptions import PluginError

from esxidocs import after_search
from esxidocs.page_html import Edit, Element, ElementStage, apply_edits, find_elements

NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DIAGRAM_DIR = ("assets", "diagrams")
NARROW = "narrow"


def diagram_name(src: str) -> str | None:
    """NAME when `src` points at `.../assets/diagrams/NAME.svg`, else None."""
    try:
        path = urlsplit(src).path
    except ValueError:  # `http://[::1/`: not a diagram; the validator reports the URL
        return None
    parts = PurePosixPath(path).parts
    if len(parts) < 3 or parts[-3:-1] != DIAGRAM_DIR or not parts[-1].endswith(".svg"):
        return None
    name = parts[-1][: -len(".svg")]
    return name if NAME_RE.match(name) else None


def inline_svg(path: Path, alt: str, extra_class: str = "") -> str:
    """The SVG file as markup for an HTML page, named by `alt` if it is not empty."""
    stat = path.stat()
    return _inline_svg(str(path), stat.st_mtime_ns, stat.st_size, alt, extra_class)


# An XML parser that fetches nothing and expands no entity: the file is data, not a program.
_XML = etree.XMLParser(resolve_entities=False, no_network=True)


@lru_cache(maxsize=256)
def _inline_svg(path: str, mtime_ns: int, size: int, alt: str, extra_class: str) -> str:
    # Each diagram is on a page in every build of `mkdocs serve`, and on every copy of the
    # page: parse it once per version of the file (mtime and size in the key).
    # The XML parser keeps attribute case (viewBox) and the SVG's own namespace declaration.
    svg = etree.fromstring(Path(path).read_bytes(), _XML)
    if etree.QName(svg).localname != "svg":
        raise PluginError(f"diagrams: {path} has no <svg> root element")
    if extra_class:
        svg.set("class", f"{svg.get('class', '')} {extra_class}".strip())
    if alt.strip():
        svg.attrib.pop("aria-labelledby", "")
        svg.set("aria-label", " ".join(alt.split()))
    return etree.tostring(svg, encoding="unicode")


def _diagram_files(docs_dir: str, src_uri: str, name: str) -> tuple[Path, Path]:
    """The wide and the narrow drawing of diagram `name` beside the page (`assets/diagrams/`
    of its folder, as its Markdown links them: the language's own drawings)."""
    folder = Path(docs_dir, PurePosixPath(src_uri).parent, *DIAGRAM_DIR)
    paths = (folder / f"{name}.svg", folder / f"{name}.{NARROW}.svg")
    for path in paths:
        if not path.is_file():
            raise PluginError(
                f"diagrams: page '{src_uri}' embeds diagram '{name}', "
                f"but {path} does not exist (run esxidocs diagrams)"
            )
    return paths


def inline_pair(wide: Path, narrow: Path, alt: str) -> str:
    """Both drawings, wide first (the one print and the PDF keep), for extra.css to choose."""
    return inline_svg(wide, alt, "dgm-wide") + "\n" + inline_svg(narrow, alt)


NEEDLE = "assets/diagrams/"  # pages without it embed no diagram


def diagram_edits(
    elements: list[Element], src_uri: str, docs_dir: str, later: Callable[[str], str] = str
) -> list[Edit]:
    """The edits that replace each diagram `<img>` among `elements` by its inline SVGs
    (given to `later` first: the build's placeholder until search has indexed the page)."""
    edits = []
    for img in elements:
        name = diagram_name(img.attrs.get("src") or "") if img.name == "img" else None
        if name is None:
            continue
        wide, narrow = _diagram_files(docs_dir, src_uri, name)
        pair = inline_pair(wide, narrow, img.attrs.get("alt") or "")
        edits.append(Edit(img.start, img.start_end, later(pair)))
    return edits


def inline_diagrams(html: str, src_uri: str, docs_dir: str) -> str:
    """Replace every diagram `<img>` in `html` by the inline SVG of the page's language."""
    if NEEDLE not in html:
        return html  # leave pages without diagrams byte for byte as they were
    return apply_edits(html, diagram_edits(find_elements(html, {"img"}), src_uri, docs_dir))


def edits(elements: list[Element], html: str, page: Any, config: Any) -> list[Edit]:
    later = partial(after_search.defer, page)
    return diagram_edits(elements, page.file.src_uri, config["docs_dir"], later)


STAGE = ElementStage(NEEDLE, frozenset({"img"}), edits)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return inline_diagrams(html, page.file.src_uri, config["docs_dir"])
