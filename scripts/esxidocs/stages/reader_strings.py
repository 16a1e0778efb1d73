"""Reader-facing labels that Material's templates leave out or that the copy-link script needs.

* Heading permalinks copy the section's absolute URL (overrides/assets/javascripts/
  permalink-copy.js), so their tooltip says so, in the page's language. This replaces
  the toc extension's one global `permalink_title` (mkdocs.yml) on every page.
* Material's search overlay is a `role="dialog"` without a name, which axe and Lighthouse
  report; it gets the search field's own, already translated, label.
* Material's "Copied to clipboard" message (its code blocks' copy buttons) only appears on
  screen; its box, there from load, becomes a polite live region so screen readers say it.
"""

from __future__ import annotations

import re
from typing import Any

from esxidocs.site_model import from_config

HEADERLINK = re.compile(r'(<a class="headerlink" href="#[^"]*" title=")[^"]*(")')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
COPIED_DIALOG = '<div class="md-dialog" data-md-component="dialog">'
SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" [^>]*?aria-label="([^"]+)"')


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    site = from_config(config)
    title = site.text(site.page_language(page), "ui.copy_link")
    return HEADERLINK.sub(lambda m: f"{m.group(1)}{title}{m.group(2)}", html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    output = output.replace(COPIED_DIALOG, COPIED_DIALOG.replace(">", ' role="status">'), 1)
    label = SEARCH_LABEL.search(output)
    if label is None or SEARCH_DIALOG not in output:
        return output
    named = SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{label.group(1)}"')
    return output.replace(SEARCH_DIALOG, named, 1)
