"""Absolute URLs in the `<link rel="alternate" hreflang>` tags of every page.

Material writes these tags from `extra.alternate`, which mkdocs-static-i18n points at the
page's own translations, but through the `url` filter, i.e. relative to the page
("../en/scratch/"). Search engines ignore relative hreflang targets (Lighthouse's SEO audit
fails them), so they are resolved against the page's canonical URL here, after rendering,
without copying Material's template. The language selector's links stay relative, so the
site still works wherever it is served. An `x-default` alternate, pointing at the default
language's version, follows them: the page for readers whose language is neither.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from esxidocs.site_model import from_config

ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="([^"]+)">)')


def on_post_page(output: str, page: Any, config: Any) -> str:
    canonical = page.canonical_url
    if not canonical:  # no site_url: nothing to make them absolute with
        return output

    default = from_config(config).default.locale
    found: dict[str, str] = {}

    def absolute(match: re.Match[str]) -> str:
        href = urljoin(canonical, match.group(2))
        found[match.group(4)] = href
        return f"{match.group(1)}{href}{match.group(3)}"

    # Material writes them in the <head>: the page's body (most of it) is not searched.
    end = output.find("</head>")
    head, body = (output, "") if end < 0 else (output[:end], output[end:])
    head = ALTERNATE.sub(absolute, head)
    if default not in found:
        return head + body
    tag = f'<link rel="alternate" href="{found[default]}" hreflang="x-default">'
    last = list(ALTERNATE.finditer(head))[-1]
    return head[: last.end()] + "\n    " + tag + head[last.end() :] + body
