"""HTML that goes into a page after Material's search has indexed it.

Material's search plugin reads each page's content in `on_page_context`, before this
project's plugin (listed after it in `mkdocs.yml`). A stage whose HTML is on the page but
has no place in the index gives it to `defer`, which leaves an HTML comment in its place
(the search parser skips comments); the plugin's `insert`, in the same event, puts it back.
What waits this way:

- the sources table's links to the pages citing each source (esxidocs/stages/citations.py):
  the other pages' titles, which made the sources page a match for each of those pages;
- the inline SVG diagrams (esxidocs/stages/diagrams.py): their labels are not prose, and
  the search parser only skipped them after reading every tag.

The written page is the same either way; the search index lacks what waited, and the
search parser reads less (at 2x500 pages, half of what it read was citing links).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from markupsafe import Markup

# A placeholder names this process's token: a page that writes one of its own (raw HTML is
# the author's) gets nothing put in its place. Every placeholder is replaced before the page
# is written, so the token never reaches the site and builds stay byte-identical.
_TOKEN = secrets.token_hex(8)
_PLACE = re.compile(f"<!--after-search {_TOKEN} (\\d+)-->")
_WAITING: dict[str, list[str]] = {}  # page source path -> HTML waiting for the index


def defer(page: Any, html: str) -> str:
    """A placeholder for `html` in the page's content, until `insert`."""
    waiting = _WAITING.setdefault(page.file.src_uri, [])
    waiting.append(html)
    return f"<!--after-search {_TOKEN} {len(waiting) - 1}-->"


def insert(context: dict[str, Any], page: Any, config: Any, nav: Any) -> None:
    """The page's deferred HTML, each piece where its placeholder is."""
    waiting = _WAITING.pop(page.file.src_uri, None)
    if waiting:
        page.content = Markup(_PLACE.sub(lambda match: waiting[int(match.group(1))], page.content))


def forget() -> None:
    """Drop what a failed build left waiting (its pages never reached `insert`)."""
    _WAITING.clear()
