"""Link previews: Open Graph / Twitter values and a local PNG card for every page.

The values go into the template context as `social`; `overrides/main.html` writes the
`<meta>` tags. Cards are rendered by `esxidocs/social_card.py` into
`assets/social/<page path>.png` (`assets/social/en/scratch.png`), one per page and language.

Cards are cached by content in the build cache's `social/` folder (esxidocs/build_cache.py),
so a rebuild copies unchanged cards instead of encoding them again (`make serve` on every
save). A new card is drawn and encoded as its page is built (why not on a second thread:
esxidocs/social_card.py).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from esxidocs.build_cache import cache_dir
from esxidocs.site_model import from_config
from esxidocs.social_card import Card, write_card


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
    write_card(card, target, cache_dir(config, "social"))

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
