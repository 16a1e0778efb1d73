"""Translate the few UI strings that Markdown extensions write, per page language.

Material translates its own interface through `theme.language` (set per language by
mkdocs-static-i18n), but extension options such as the toc permalink title are global.
mkdocs.yml sets that title to the English text below; Spanish pages get theirs here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PERMALINK_TITLES = {
    "en": "Permanent link to this section",
    "es": "Enlace permanente a esta sección",
}


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    lang = Path(page.file.src_uri).parts[0]
    title = PERMALINK_TITLES.get(lang)
    if title is None or lang == "en":
        return html
    return html.replace(f'title="{PERMALINK_TITLES["en"]}"', f'title="{title}"')
