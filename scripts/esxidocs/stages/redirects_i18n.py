"""Make mkdocs-redirects work with mkdocs-static-i18n's language folders.

mkdocs-redirects records the documentation files before the i18n plugin (priority -100)
has moved `es/x.md` to `/x/` and `en/x.md` to `/en/x/`, so its redirects would point at
`/es/x/`, which does not exist; and each language's build would warn about the other
language's targets. After the i18n plugin, this hook hands the redirects plugin the files
as they are published and keeps only the redirects whose target is in the language being
built. A redirect map then reads, in mkdocs.yml:

    redirect_maps:
      old-name.md: es/new-name.md        # /old-name/    -> /new-name/
      en/old-name.md: en/new-name.md     # /en/old-name/ -> /en/new-name/
"""

from __future__ import annotations

from typing import Any


def on_files(files: Any, config: Any) -> Any:
    plugin = config.plugins.get("redirects")
    if plugin is None or not getattr(plugin, "redirects", None):
        return files
    pages = {f.src_uri: f for f in files.documentation_pages()}
    plugin.doc_pages = pages
    plugin.redirects = {
        old: new for old, new in plugin.redirects.items() if new.partition("#")[0] in pages
    }
    return files
