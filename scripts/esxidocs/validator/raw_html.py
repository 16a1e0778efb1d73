"""The raw-HTML policy: what a page may write as HTML, and what no page may publish.

Pages are contributed content, and whatever HTML they hold reaches the site, the PDFs and
the offline ZIP. Two layers (README, "Raw HTML policy"):

- **Refused everywhere** (Markdown sources and the built site): anything that runs
  script or loads another document (`<script>`, `on*` handlers, `<iframe>`, `srcdoc`,
  `<object>`, `<embed>`, `<base>`, `<meta http-equiv>`, `javascript:` values), anything
  that submits data (`<form>`, `action`, `formaction`), styles that fetch or run
  (`url(`, `expression(`, `@import`), `file:` URLs and `rel="attachment"` (which makes
  the PDF renderer embed the file).
- **Allowed in Markdown**: a short list of presentational tags and attributes
  (`ALLOWED_TAGS`, `ALLOWED_ATTRS`); anything else is `html-not-allowed`.

In the built site the theme's own scripts and forms are not a page author's: there,
scripts are allowed only where Material's `base.html` and `overrides/main.html` put them
(`THEME_SCRIPT_PARENTS`), never inside `<article>`, and each page must have the same
theme scripts as the others (`extra_scripts`): a title or description that escaped into
the `<head>` shows up as one more script on that page only.

A real HTML parser (`html.parser`) reads the markup, never a regular expression on tags.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyromark
import yaml
from markdown.extensions.attr_list import get_attrs_and_remainder

from esxidocs.findings import Finding

from . import files, yamlsafe
from .containers import unwrap
from .html_fragments import URL_ATTRS, is_remote, loads, srcset_urls
from .markdown_scan import _BLOCK_RE, _HEADER_RE, _INLINE_RE, _LINE_RE, _OPTIONS, _Positions
from .project import Project

# What authors may write (README, "Raw HTML policy"): what the pages use (<figure
# markdown>, <figcaption>) and a few presentational tags, nothing that loads or runs.
ALLOWED_TAGS = frozenset(
    {
        *("figure", "figcaption", "abbr", "kbd", "br", "wbr", "span", "div", "p", "hr"),
        *("sub", "sup", "small", "mark", "del", "ins", "em", "strong", "b", "i", "u", "s"),
        *("code", "pre", "samp", "var", "q", "cite", "blockquote", "time"),
        *("a", "img", "details", "summary", "dl", "dt", "dd", "ul", "ol", "li"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col"),
    }
)
_GLOBAL_ATTRS = frozenset({"class", "id", "title", "lang", "dir", "markdown", "role"})
ALLOWED_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "name", "rel"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}

# Refused everywhere.
_EMBEDDING = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "portal"})
_ACTIVE_SCHEMES = ("javascript:", "vbscript:")
# Attributes whose value the browser (or WeasyPrint) follows or loads as a URL.
_URL_ATTRS = frozenset(
    {"href", "src", "srcset", "imagesrcset", "data", "action", "formaction", "poster"}
    | {"cite", "background", "xlink:href", "longdesc", "manifest", "ping", "codebase"}
)
# CSS that fetches a resource or runs code (old IE), after comments and escapes are undone.
_CSS_ACTIVE = re.compile(r"url\(|image-set\(|expression\(|@import|behavior:|-moz-binding")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")

# Where Material 9's base.html and overrides/main.html put scripts: "tag" or "tag.class".
THEME_SCRIPT_PARENTS = frozenset({"head", "body", "nav.md-header__inner", "div.md-main__inner"})
_ARTICLE_CLASS = "md-content__inner"
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr", "param", "keygen"}
)


def _css_text(value: str) -> str:
    """CSS as the browser reads it: comments gone, escapes decoded, no spaces, lower case."""

    def decode(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code < 0x110000 else ""
        return match.group(2)

    text = _CSS_ESCAPE.sub(decode, _CSS_COMMENT.sub("", value))
    return re.sub(r"\s+", "", text).lower()


def _is_file_url(value: str) -> bool:
    # Browsers ignore leading/trailing spaces and tabs or newlines inside the scheme.
    return re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("file:")


def _urls(name: str, value: str) -> list[str]:
    return srcset_urls(value) if name in ("srcset", "imagesrcset") else [value]


class HtmlPolicy(HTMLParser):
    """Streams one HTML text and records what the policy refuses, with positions.

    `markdown`: the text is raw HTML from a Markdown page (the allow list applies, and
    every tag is the author's). Otherwise it is a built page: the theme's chrome
    (outside `<article class="md-content__inner">`) may hold its own forms and scripts.
    """

    def __init__(self, markdown: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.findings: list[Finding] = []
        self.stack: list[tuple[str, str]] = []  # (tag, "tag.class" of it)
        self.article_depth: int | None = None  # stack depth of the open <article>
        self.theme_scripts: list[tuple[str, int, int]] = []  # (signature, line, col)
        self._style_start: tuple[int, int] | None = None
        self._style_text: list[str] = []

    # Positions -------------------------------------------------------------------------

    def _where(self, needle: str | None = None) -> tuple[int, int]:
        line, offset = self.getpos()
        text = self.get_starttag_text() or ""
        index = max(text.find(needle), 0) if needle else 0
        before = text[:index]
        newlines = before.count("\n")
        if newlines:
            return line + newlines, index - before.rfind("\n")
        return line, offset + index + 1

    def _add(self, code: str, message: str, needle: str | None = None) -> None:
        line, col = self._where(needle)
        self.findings.append(Finding("", line, col, code, message))

    @property
    def in_article(self) -> bool:
        return self.markdown or self.article_depth is not None

    # Tags ------------------------------------------------------------------------------

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)
        if tag in _VOID:
            return
        classes = ""
        for name, value in attrs:  # the last class= wins, as in dict(attrs)
            if name == "class":
                classes = value or ""
        names = classes.split()
        self.stack.append((tag, f"{tag}.{names[0]}" if names else tag))
        if tag == "article" and _ARTICLE_CLASS in names and self.article_depth is None:
            self.article_depth = len(self.stack)
        if tag == "style":
            self._style_start = self.getpos()
            self._style_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._style_start is not None:
            self._style_done()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if self.article_depth is not None and len(self.stack) < self.article_depth:
            self.article_depth = None

    def handle_data(self, data: str) -> None:
        if self._style_start is not None:
            self._style_text.append(data)

    def close(self) -> None:
        super().close()
        if self._style_start is not None:
            self._style_done()

    def _style_done(self) -> None:
        assert self._style_start is not None
        if not self.markdown and _CSS_ACTIVE.search(_css_text("".join(self._style_text))):
            line, offset = self._style_start
            self.findings.append(
                Finding(
                    "",
                    line,
                    offset + 1,
                    "html-style",
                    "<style> with url(), @import or expression()",
                )
            )
        self._style_start = None

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        before = len(self.findings)
        self._check_tag(tag, attrs)
        # A refused tag is one finding; its attributes are checked only for what is
        # refused everywhere, not against the allow list.
        listed = len(self.findings) == before
        rel: str | None = None  # the first rel=, read only where it matters
        for name, value in attrs:
            self._check_attr(tag, name, value or "", listed)
            # Page text only: in a Markdown page, or in a built page's article, where an
            # attr_list `{ srcset=... }` lands. The theme's loads are site_html's.
            if not (self.in_article and listed and value):
                continue
            if rel is None:
                rel = next((text or "" for key, text in attrs if key == "rel"), "")
            if loads(tag, name, rel):
                remote = [url for url in _urls(name, value) if is_remote(url)]
                if remote:
                    self._add("link-third-party", _third_party(f"<{tag} {name}>", remote[0]), name)

    def _check_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._script(attrs)
        elif tag in _EMBEDDING:
            self._add("html-active", f"<{tag}> embeds another document")
        elif tag == "base":
            self._add("html-active", "<base> changes where every relative URL points")
        elif tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self._add("html-active", "<meta http-equiv> (refresh, cookies, policies)")
        elif tag == "form" and self.in_article:
            self._add("html-form", "<form> submits data from the page")
        elif tag == "style" and self.markdown:
            self._add("html-style", "<style> is not allowed in pages; use extra.css")
        elif self.markdown and tag not in ALLOWED_TAGS:
            self._add("html-not-allowed", f"<{tag}> is not in the raw HTML allow list")

    def _script(self, attrs: list[tuple[str, str | None]]) -> None:
        if self.in_article:
            self._add("html-active", "<script> in page content")
            return
        parent = self.stack[-1][1] if self.stack else ""
        if parent not in THEME_SCRIPT_PARENTS and parent.split(".")[0] not in THEME_SCRIPT_PARENTS:
            self._add("html-active", f"<script> inside <{parent or 'document'}>, not the theme's")
            return
        values = dict(attrs)
        kind = f"src={values['src']}" if values.get("src") else f"type={values.get('type') or 'js'}"
        self.theme_scripts.append((f"{parent} {kind}", *self._where()))

    def _check_attr(self, tag: str, name: str, value: str, listed: bool) -> None:
        # A file: or script URL has a colon (values come entity-decoded): the rest, nearly
        # every URL of a page, skips those two tests.
        url = name in _URL_ATTRS and ":" in value
        if name.startswith("on"):
            self._add("html-active", f"event handler {name}= runs script", name)
        elif name == "srcdoc":
            self._add("html-active", "srcdoc embeds another document", name)
        elif name in ("action", "formaction"):
            self._add("html-form", f"{name}= submits data from the page", name)
        elif name == "style" and _CSS_ACTIVE.search(_css_text(value)):
            self._add("html-style", "style= with url(), @import or expression()", name)
        elif name == "rel" and "attachment" in value.lower().split():
            self._add("html-attachment", 'rel="attachment" would embed the file in the PDF', name)
        elif url and any(_is_file_url(one) for one in _urls(name, value)):
            self._add("link-file-url", "file: URL points into a local disk", name)
        elif (
            url
            and not (self.markdown and (tag, name) in URL_ATTRS)  # link-unsafe-scheme's
            and re.sub(r"[\s\x00-\x1f]", "", value.lower()).startswith(_ACTIVE_SCHEMES)
        ):
            self._add("html-active", f"{name}= holds a script URL", name)
        elif self.markdown and listed and not _attr_allowed(tag, name):
            self._add("html-not-allowed", f"{name}= on <{tag}> is not in the allow list", name)


def _third_party(what: str, url: str) -> str:
    return (
        f"{what} from another host, {url}: each reader's browser would ask that host for it"
        " as the page opens, and the offline copy and the PDF would lack it; save the file"
        " under docs/ and link it relatively"
    )


def _attr_allowed(tag: str, name: str) -> bool:
    return name in _GLOBAL_ATTRS or name.startswith("aria-") or name in ALLOWED_ATTRS.get(tag, ())


def _parse(text: str, markdown: bool) -> HtmlPolicy:
    policy = HtmlPolicy(markdown)
    try:
        policy.feed(text)
        policy.close()
    except (AssertionError, ValueError):  # html.parser gives up on some malformed markup
        policy.findings.append(Finding("", 1, 1, "html-not-allowed", "malformed HTML"))
    return policy


def check_fragment(fragment: str) -> list[Finding]:
    """The policy on raw HTML written in a Markdown page (positions within the fragment)."""
    return _parse(fragment, markdown=True).findings


# Markdown pages ---------------------------------------------------------------------------


# Inline elements whose tail may carry attr_list's `{ key=value }`, as the tag it lands on.
_ATTR_TAGS = {"Image": "img", "Link": "a", "Emphasis": "em", "Strong": "strong"}
# Blocks whose text ends with attr_list's `{ … }` after a space (HEADER_RE), as their tag.
_HEADER_TAGS = {"TableCell": "td", "DefinitionListTitle": "dt"}
# Blocks inside a list item that hold their own text: the item's own lines are the others.
_ITEM_CHILDREN = {"Paragraph", "List", "CodeBlock", "BlockQuote", "Heading", "Table"}
_ITEM_CHILDREN |= {"HtmlBlock", "DefinitionList", "FootnoteDefinition"}


def _markdown_events(text: str) -> Iterator[tuple[str, str, int]]:
    """("html", fragment, offset) for raw HTML, ("url" or "image", destination, offset)
    for links and images, ("attrs", "tag attr-list", offset) for attr_list's `{ … }` after
    an inline element, at the end of a heading, a table cell or a term, on a paragraph's
    last line, or on a line of a tight list item's text."""
    data = text.encode("utf-8")
    items: list[tuple[int, list[tuple[int, int]]]] = []  # open items: start, child blocks
    events: Iterator[tuple[Any, Any]] = pyromark.events_with_range(text, options=_OPTIONS)
    for event, span in events:
        if type(event) is not dict:
            continue
        start = event.get("Start")
        end = event.get("End")
        if start == "Item":
            items.append((span["start"], []))
            continue
        if end is not None and items:
            name = end if type(end) is str else next(iter(end))
            if name == "Item":
                item_start, children = items.pop()
                yield from _item_attr_lines(data, item_start, span["end"], children)
                continue
            if name in _ITEM_CHILDREN:
                items[-1][1].append((span["start"], span["end"]))
        if start == "HtmlBlock":
            fragment = data[span["start"] : span["end"]].decode("utf-8", "replace")
            yield "html", fragment, span["start"]
        elif isinstance(start, dict) and "Link" in start:
            yield "url", start["Link"]["dest_url"], span["start"]
        elif isinstance(start, dict) and "Image" in start:
            yield "image", start["Image"]["dest_url"], span["start"]
        elif "InlineHtml" in event:
            yield "html", event["InlineHtml"], span["start"]
        elif end is not None and data.find(b"{", span["start"], span["end"] + 1) >= 0:
            yield from _attr_lists(data, end, span)


def _attr_lists(data: bytes, end: Any, span: dict[str, int]) -> Iterator[tuple[str, str, int]]:
    """attr_list's blocks at the end of one element (see `_markdown_events`)."""
    name = end if type(end) is str else next(iter(end))
    if name in _ATTR_TAGS:
        inline = _INLINE_RE.match(data, span["end"])
        if inline:
            yield "attrs", f"{_ATTR_TAGS[name]} {inline.group(1).decode()}", span["end"]
        return
    source = data[span["start"] : span["end"]].decode("utf-8", "replace")
    if name == "Heading":
        line = source.split("\n")[0].rstrip().rstrip("#")
        found = _HEADER_RE.search(line)
        tag = "p"  # a heading takes what a paragraph may (raw <h2> is not on the allow list)
    elif name in _HEADER_TAGS:
        found = _HEADER_RE.search(source.rstrip())
        tag = _HEADER_TAGS[name]
    elif name == "Paragraph":
        found = _BLOCK_RE.search(source)
        tag = "p"
    else:
        return
    if found:
        offset = span["start"] + len(source[: found.start(1)].encode())
        yield "attrs", f"{tag} {found.group(1)}", offset


def _item_attr_lines(
    data: bytes, start: int, end: int, children: list[tuple[int, int]]
) -> Iterator[tuple[str, str, int]]:
    """attr_list's `{ … }` on a line of its own in a list item's text (not its first line,
    not in a paragraph, nested list or code block of the item): attr_list gives it to the
    `<li>`. CommonMark and Python-Markdown nest lists differently, so every such line of
    the item counts, not only the last one attr_list reads."""
    offset = start
    for number, line in enumerate(data[start:end].split(b"\n")):
        inside = any(low <= offset < high for low, high in children)
        found = None if number == 0 or inside else _LINE_RE.match(line.decode("utf-8", "replace"))
        if found:
            at = offset + len(found.string[: found.start(1)].encode())
            yield "attrs", f"li {found.group(1)}", at
        offset += len(line) + 1


def _attr_findings(value: str, line: int, col: int) -> list[Finding]:
    """What is refused everywhere, in attributes attr_list writes: each is checked as if
    written in raw HTML on its tag (an `onclick`, a `srcset` from another host). The allow
    list is left out: `{ align=left }` and `{ target=_blank }` are attr_list's documented
    uses, and harmless."""
    tag, _, attr_list = value.partition(" ")
    attrs, remainder = get_attrs_and_remainder(attr_list)
    if remainder.strip():
        return []  # attr_list leaves such text alone: it is text
    found = []
    for key, item in attrs:
        if key in ("#", ".", "id", "class"):
            continue
        for finding in check_fragment(f'<{tag} {key}="{html.escape(item)}">'):
            if finding.code != "html-not-allowed":
                found.append(Finding("", line, col, finding.code, finding.message))
    return found


def scan_markdown_html(body: str, first_line: int) -> list[Finding]:
    """Raw HTML, `file:` links and images from other hosts of a page body whose first line
    is `first_line` of the file.

    Code spans and code blocks are Markdown, not HTML: a CommonMark parser tells them apart.
    """
    if not any(mark in body for mark in ("<", "//", "\\", "{")) and "file:" not in body.lower():
        return []  # pages with nothing to find: one scan instead of a parse
    lines, shifts = unwrap(body.split("\n"))
    text = "\n".join(lines)
    positions = _Positions(text.encode("utf-8"), first_line, shifts)
    found: list[Finding] = []
    for kind, value, offset in _markdown_events(text):
        line, col = positions.at(offset)
        if kind in ("url", "image"):
            if _is_file_url(value):
                found.append(
                    Finding("", line, col, "link-file-url", "file: URL points into a local disk")
                )
            elif kind == "image" and is_remote(value):
                message = _third_party("image", value)
                found.append(Finding("", line, col, "link-third-party", message))
            continue
        if kind == "attrs":
            found += _attr_findings(value, line, col)
            continue
        base_index = positions.line_index(offset)
        for item in check_fragment(value):
            if item.line == 1:
                found.append(item.shifted(line - 1, col - 1))
            else:
                index = base_index + item.line - 1
                shift = shifts[index] if index < len(shifts) else 0
                found.append(item.shifted(line - 1, shift))
    return found


# Built pages ------------------------------------------------------------------------------


@dataclass
class SitePage:
    rel: str
    findings: list[Finding] = field(default_factory=list)
    theme_scripts: list[tuple[str, int, int]] = field(default_factory=list)


def check_built_page(rel: str, text: str) -> SitePage:
    policy = _parse(text, markdown=False)
    folder = posixpath.dirname(rel)

    def site_path(match: re.Match[str]) -> str:
        # `../assets/x.js` on one page is `/assets/x.js` on 404.html: compare site paths.
        url = urlsplit(match.group(1))
        if url.scheme or url.netloc:
            return f"src={match.group(1)}"
        path = url.path if url.path.startswith("/") else posixpath.join("/", folder, url.path)
        return f"src={posixpath.normpath(path)}"

    scripts = [(_SRC.sub(site_path, sig), line, col) for sig, line, col in policy.theme_scripts]
    return SitePage(rel, policy.findings, scripts)


_SRC = re.compile(r"src=(\S+)")


def extra_scripts(pages: Iterable[SitePage]) -> Iterator[tuple[SitePage, Finding]]:
    """Scripts a page has beyond the theme's: the set most pages share is the theme's."""
    pages = list(pages)
    counts = [Counter(sig for sig, _, _ in page.theme_scripts) for page in pages]
    if not counts:
        return
    shapes = Counter(frozenset(count.items()) for count in counts)
    theme = Counter(dict(shapes.most_common(1)[0][0]))
    for page, count in zip(pages, counts, strict=True):
        extra = count - theme
        for signature, line, col in page.theme_scripts:
            if extra[signature] > 0:
                extra[signature] -= 1
                message = "<script> the other pages do not have: an unescaped title or description?"
                yield page, Finding("", line, col, "html-active", message)


def _read_and_check(item: tuple[Path, str]) -> SitePage | None:
    site_dir, rel = item
    try:
        text = (site_dir / rel).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None  # reported by the site check as file-unreadable
    return check_built_page(rel, text)


_PARALLEL_FROM = 64  # pages; below this, starting worker processes costs more than it saves


def check_site_html(
    site_dir: Path,
    rels: Iterable[str],
    display: Any,
    skip: frozenset[str] = frozenset(),
    jobs: int = 1,
) -> list[Finding]:
    """The policy on every built page (`display` turns a path into the printed one)."""
    items = [(site_dir, rel) for rel in sorted(rels) if rel not in skip]
    if jobs > 1 and len(items) >= _PARALLEL_FROM:
        # Imported here: every build imports this module for its policy, never this pool.
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        with ProcessPoolExecutor(jobs, get_context("fork")) as pool:
            chunk = max(1, len(items) // (jobs * 8))
            results = list(pool.map(_read_and_check, items, chunksize=chunk))
    else:
        results = [_read_and_check(item) for item in items]
    pages = [page for page in results if page is not None]
    # site-third-party (validator/site_html.py) reports every load from another origin in
    # the built site, the article's too: one finding each, not two.
    problems = [
        item.at(display(site_dir / page.rel))
        for page in pages
        for item in page.findings
        if item.code != "link-third-party"
    ]
    for page, item in extra_scripts(pages):
        problems.append(item.at(display(site_dir / page.rel)))
    return problems


# Text that the build inserts as plain text ------------------------------------------------

_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|\]\(")


def text_markup(value: str) -> int | None:
    """Index of the first HTML tag, character reference or Markdown link in `value`."""
    match = _MARKUP.search(value)
    return match.start() if match else None


def _scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Every value scalar of a YAML tree (mapping keys are names, not text)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            yield current
        elif isinstance(current, yaml.MappingNode):
            stack.extend(value for _, value in current.value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def check_data_text(project: Project) -> list[Finding]:
    """Glossary terms and definitions, diagram labels: plain text, so no markup."""
    paths = [project.data_dir / f"glossary.{lang}.yml" for lang in project.languages]
    problems = []
    for path in [*paths, project.data_dir / "diagrams.yml"]:
        if path.is_file():
            problems += _data_file(path, project)
    return problems


def _data_file(path: Path, project: Project) -> list[Finding]:
    text = files.read_text(path, project.root)
    if isinstance(text, Finding):
        return []  # reported by the glossary check, or by the diagram tests
    try:
        node = yamlsafe.compose(text)  # no aliases: walking an alias bomb would never end
    except yamlsafe.YamlError:  # compose wraps every YAML error
        return []  # reported by the glossary check, or by the diagram tests
    display = project.display(path)
    problems = []
    for scalar in _scalars(node) if node is not None else ():
        if not isinstance(scalar.value, str) or text_markup(scalar.value) is None:
            continue
        mark = scalar.start_mark
        problems.append(
            Finding.of(
                display,
                mark.line + 1,
                mark.column + 1,
                "text-markup",
                f"{scalar.value[:40]!r}: HTML, an entity or a link in text the build inserts",
            )
        )
    return problems
