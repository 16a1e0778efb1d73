"""Link previews: Open Graph / Twitter values and a local PNG card for every page.

The values go into the template context as `social`; `overrides/main.html` writes the
`<meta>` tags. Cards are rendered by `esxidocs/social_card.py` into
`assets/social/<page path>.png` (`assets/social/en/scratch.png`), one per page and language.

Cards are cached by content in the build cache's `social/` folder (esxidocs/build_cache.py),
so a rebuild copies unchanged cards instead of encoding them again (`make serve` on every
save). A new card's PNG is encoded on a thread pool while the pages go on;
`on_post_build` waits for every card, so no build ends with one missing or cut.
"""

from __future__ import annotations

import html
import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from esxidocs.build_cache import cache_dir
from esxidocs.site_model import from_config
from esxidocs.social_card import Card, write_card

# Cards drawn and not yet encoded hold 0.76 MB of pixels each: past this many, the build
# waits for the oldest, so memory stays flat and a stopped build has little left to finish.
MAX_IN_FLIGHT = 8

_pool: ThreadPoolExecutor | None = None
_pending: deque[Future[bool]] = deque()  # cards of the build under way, not yet waited for


def _encoder() -> ThreadPoolExecutor | None:
    """Threads for the cores the build's own thread leaves free; none on a single core,
    where they would only add switching. On two cores, with palette cards (2 ms to encode
    of 7), a first build of 2x500 pages took 57 s instead of 61 for the same CPU time."""
    global _pool
    cores = len(os.sched_getaffinity(0))
    if _pool is None and cores > 1:
        _pool = ThreadPoolExecutor(cores - 1, thread_name_prefix="esxidocs-card")
    return _pool


def _track(card: Future[bool]) -> None:
    """Keep `card` for `on_post_build`; past MAX_IN_FLIGHT, wait for the oldest (a card that
    failed then fails the build at the page that is being written)."""
    _pending.append(card)
    while len(_pending) > MAX_IN_FLIGHT:
        _pending.popleft().result()


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    site = from_config(config)
    lang = site.page_language(page)
    site_url = config["site_url"] or ""
    title = page.meta.get("title") or page.title
    description = page.meta.get("description") or config["site_description"] or ""
    image = site.card_path(page.url)

    url = page.canonical_url
    # The page's facts are inert HTML text by now (esxidocs/stages/confine.py: `<` is
    # `&lt;`); a card is a picture, so it shows them as a reader's browser does.
    card = Card(
        title=html.unescape(title),
        description=html.unescape(description),
        site_name=config["site_name"],
        language=site.language(lang).name,
        url=(urlsplit(url).netloc + urlsplit(url).path),
    )
    target = Path(config["site_dir"]) / image
    _track(write_card(card, target, cache_dir(config, "social"), _encoder()))

    context["social"] = {
        "type": "website"
        if page.is_homepage or page.url == site.language(lang).home
        else "article",
        "title": title,
        "description": description,
        "url": url,
        "site_name": config["site_name"],
        # Open Graph wants language_TERRITORY locales (docs/_data/site.yml, og_locale).
        "locale": site.text(lang, "og_locale"),
        "alternate_locales": [site.text(k, "og_locale") for k in sorted(site.locales) if k != lang],
        "image": site_url + image,
        "image_alt": f"{title} — {config['site_name']}",
    }
    return context


def on_post_build(config: Any) -> None:
    """Every card of the build is written; the first that failed fails the build."""
    finished = list(_pending)
    _pending.clear()
    for card in finished:
        card.result()


def on_build_error(error: Exception) -> None:
    """A failed build's cards are waited for and forgotten: none may fail the next one."""
    finished = list(_pending)
    _pending.clear()
    for card in finished:
        card.exception()
