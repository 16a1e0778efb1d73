"""Every problem code the validator reports, with its severity and meaning.

The table is the single source for `--help` and the README; a code never changes
meaning once published, because CI annotations and reviewers refer to it.
"""

from __future__ import annotations

from typing import Final, Literal

Severity = Literal["error", "warning"]

# code: (severity, one-line description)
CODES: Final[dict[str, tuple[Severity, str]]] = {
    # Files
    "file-unreadable": ("error", "file cannot be read (permissions, I/O error, unparsable HTML)"),
    "file-binary": ("error", "file contains NUL bytes: binary data where text is expected"),
    "file-encoding": ("error", "file is not valid UTF-8"),
    "file-too-large": ("error", "file exceeds the size limit and was not checked"),
    "line-too-long": (
        "error",
        "a line exceeds the length limit; the file's Markdown is not parsed",
    ),
    "file-symlink-loop": ("error", "symbolic link loop"),
    "file-outside-repo": ("error", "symbolic link points outside the repository; not followed"),
    # Bounded input (esxidocs/validator/limits.py, shared with the build hook)
    "quote-too-deep": ("error", "block quotes nested deeper than the limit; the build refuses it"),
    "list-too-deep": ("error", "lists or indented blocks nested deeper than the limit"),
    "brackets-too-costly": (
        "error",
        "unclosed or nested [ ] / ]( ) would make the build's Markdown parser rescan too much",
    ),
    "html-too-deep": ("error", "HTML elements nested deeper than the limit"),
    "emphasis-too-deep": ("error", "emphasis (* or _) nested deeper than the limit"),
    "tags-too-costly": (
        "error",
        "unclosed < would make the build's HTML parser rescan too much",
    ),
    "abbreviations-too-many": ("error", "more abbreviation definitions (*[X]: ...) than the limit"),
    "footnotes-too-many": ("error", "more footnote references than the limit"),
    "paragraph-too-split": (
        "error",
        "too many headings, rules or definitions with no blank line between them",
    ),
    "fences-too-many": ("error", "more fenced code blocks than the limit"),
    "glyph-missing": ("error", "character the PDF fonts cannot draw (prints as an empty box)"),
    # Front matter
    "fm-missing": ("error", "page has no front matter block"),
    "fm-unterminated": ("error", "front matter block has no closing '---' line"),
    "fm-yaml": ("error", "front matter is not valid YAML"),
    "fm-too-complex": ("error", "front matter uses aliases, deep nesting or is too large"),
    "fm-not-mapping": ("error", "front matter is not a mapping of keys to values"),
    "fm-duplicate-key": ("error", "a key appears twice (YAML keeps only the last)"),
    "fm-required": ("error", "a required key (title, description, article) is missing"),
    "fm-unknown-key": ("error", "key not in the schema (often a typo such as 'titel')"),
    "fm-type": ("error", "value has the wrong type or is empty"),
    "fm-length": ("error", "value is too long or too short"),
    "fm-value": ("error", "value is not one of the allowed values"),
    "fm-unsafe-char": ("error", 'value contains ", < or >, written unescaped into HTML'),
    "fm-control-char": ("error", "control character in the front matter"),
    # Links in Markdown
    "link-empty": ("error", "link or image with an empty target"),
    "link-unsafe-scheme": ("error", "javascript:, vbscript: or data: URL"),
    "link-file-url": ("error", "file: URL: a file of the build machine or the reader's disk"),
    "link-third-party": (
        "error",
        "image or other resource the page would load from another host; save it under docs/",
    ),
    "html-active": (
        "error",
        "raw HTML runs script or embeds a document (<script>, on*=, <iframe>, <object>, "
        "<embed>, srcdoc, <base>, <meta http-equiv>)",
    ),
    "html-form": ("error", "raw HTML submits data (<form>, action=, formaction=)"),
    "html-style": ("error", "<style> in a page, or CSS with url(), @import or expression()"),
    "html-attachment": ("error", 'rel="attachment": the PDF would embed the linked file'),
    "html-not-allowed": ("error", "raw HTML tag or attribute outside the allow list (README)"),
    "text-markup": (
        "error",
        "glossary or diagram text holds HTML, a character reference or a Markdown link",
    ),
    "link-insecure": ("warning", "plain http:// link; prefer https://"),
    "link-absolute-path": (
        "error",
        "absolute path (/...): breaks under another site_url or locally",
    ),
    "link-self-url": ("error", "absolute link to this site's own URL; link the .md file instead"),
    "link-outside-docs": ("error", "relative link leaves the docs directory"),
    "link-other-language": ("error", "link into another language's tree"),
    "link-missing": ("error", "target page, image or file does not exist or is not built"),
    "link-directory": ("error", "link to a directory; link its index.md instead"),
    "link-anchor": ("error", "anchor does not exist in the target page"),
    "link-undefined-ref": ("error", "reference link to an undefined label (renders as text)"),
    "anchor-duplicate": ("error", "the same id is defined twice on one page"),
    # Translation parity
    "parity-missing": ("error", "page has no translation in another language"),
    "parity-headings": ("error", "heading ids differ from the default language's page"),
    "parity-images": ("error", "images or diagrams differ from the default language's page"),
    "parity-asset": ("error", "asset file exists in one language only"),
    # Link stability
    "permalink-list": ("error", "permalink list is missing or malformed"),
    "permalink-removed": ("error", "published page URL disappeared without a redirect"),
    "permalink-anchor-removed": ("error", "published anchor disappeared"),
    "permalink-new": (
        "warning",
        "page or anchor not yet in the permalink list: run make permalinks",
    ),
    "redirect-target": ("error", "redirect_maps entry points to a page that does not exist"),
    "glossary-invalid": ("error", "glossary data file is malformed"),
    "config-invalid": (
        "error",
        "mkdocs.yml cannot be loaded, or describes no site the tools build",
    ),
    "site-data-invalid": (
        "error",
        "docs/_data/site.yml is malformed, or a language lacks a word the default one has",
    ),
    "diagram-data-invalid": ("error", "docs/_data/diagrams.yml is malformed or lacks a label"),
    "sources-invalid": (
        "error",
        "sources data record is malformed (missing field, duplicate id, bad URL)",
    ),
    "citation-unknown": ("error", "citation marker [@id] names no record in the sources data"),
    "citation-unused": ("warning", "source record that no page cites"),
    "fact-check-uncited": ("error", "fact-check note cites no source with a [@id] marker"),
    # Built site
    "site-link": ("error", "href, src or srcset in the built site does not resolve"),
    "site-anchor": ("error", "fragment does not exist in the target HTML page"),
    "site-hreflang": ("error", "hreflang alternate does not resolve"),
    "site-canonical": ("error", "canonical URL is not this page's own URL on site_url"),
    "site-sitemap": ("error", "sitemap entry does not resolve to a built page"),
    "site-third-party": ("error", "page loads a resource from another origin"),
    # External links
    "external-status": ("error", "external URL answered with an HTTP 4xx error"),
    "external-unreachable": ("warning", "external URL timed out, refused or answered 5xx/429"),
    "external-redirect-loop": ("error", "external URL redirects in a loop"),
    "external-redirect-limit": ("error", "external URL redirects more than 10 times"),
    "external-redirect-scheme": (
        "error",
        "external URL redirects to a non-http(s) URL (file:, ftp:, javascript: ...)",
    ),
    "external-redirect-insecure": (
        "warning",
        "external https:// URL redirects to plain http://; not followed",
    ),
    "external-malformed": (
        "error",
        "external URL cannot be parsed (brackets, port, empty or non-IDNA host); not fetched",
    ),
    "external-credentials": (
        "error",
        "external URL contains a user name or password; not fetched, password never printed",
    ),
}


def severity(code: str) -> Severity:
    return CODES[code][0]


def help_table() -> str:
    """The code list for `--help`, one per line."""
    width = max(map(len, CODES))
    return "\n".join(f"  {code:<{width}}  {sev:<7}  {text}" for code, (sev, text) in CODES.items())
