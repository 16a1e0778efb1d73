"""Which absolute URLs point at this site, and where the site lives on its host."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class SiteOrigin:
    """How URLs of the built site map to files under the site folder."""

    prefixes: tuple[str, ...]  # lower-cased absolute URL prefixes of the site itself
    base_path: str  # the site's path on its host, "/" or "/docs/"

    @classmethod
    def from_site_url(cls, site_url: str | None) -> SiteOrigin:
        if not site_url:
            return cls((), "/")
        parts = urlsplit(site_url)
        path = parts.path if parts.path.endswith("/") else f"{parts.path}/"
        rest = f"{parts.netloc}{path}".lower()
        return cls((f"https://{rest}", f"http://{rest}", f"//{rest}"), path)

    def own(self, url: str) -> str | None:
        """Host-relative path of an absolute URL to this site, else None."""
        lowered = url.lower()
        for prefix in self.prefixes:
            if lowered.startswith(prefix):
                return self.base_path + url[len(prefix) :]
            if lowered == prefix.rstrip("/"):
                return self.base_path
        return None
