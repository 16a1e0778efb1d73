"""Offline copy support (`make offline`, OFFLINE=true): no CDN, search from file://.

Material's offline plugin makes pages work from the file system, but it loads the
iframe-worker shim (which runs the search worker from file://) from a CDN and inlines only
the root search index. This hook swaps the CDN address for the vendored copy in
`overrides/assets/javascripts/vendor/iframe-worker/` and inlines every language's index
(`search/search_index.js`, `en/search/search_index.js`), after search_i18n.py wrote them.
It does nothing in the normal build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"


def _offline(config: Any) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def on_config(config: Any) -> Any:
    if _offline(config):
        polyfills = config.extra.get("polyfills", [])
        config.extra["polyfills"] = [SHIM if "iframe-worker" in str(p) else p for p in polyfills]
    return config


def on_post_build(config: Any) -> None:
    if not _offline(config):
        return
    for index in sorted(Path(config.site_dir).rglob("search/search_index.json")):
        data = index.read_text(encoding="utf-8")
        index.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
