"""Refuse output folders whose replacement would delete sources or someone else's files.

A build ends by deleting the previous output folder, so the folder it is given must be one
it may delete. Checked on real paths (symlinks resolved) before anything is created,
locked or moved:

- never the project, a source folder (docs_dir, theme.custom_dir, the hooks' folders,
  scripts/, tests/, .git) or any folder above one of them, and never a folder inside a
  source folder (the site would land among the sources and be built into the next site);
- an existing folder that holds anything must look like a previous MkDocs build: an
  `index.html`, and the `sitemap.xml` and `sitemap.xml.gz` that every MkDocs build writes
  (a hand-made site rarely has the gzipped copy), and nowhere in it a `.git`, a
  `mkdocs.yml` or a Markdown file (MkDocs never copies those into a site). The generator
  `<meta>` is no proof: this site turns it off. An empty or missing folder is fine.

`mkdocs.yml` is read with MkDocs' own YAML loading (`!ENV`, `INHERIT`) on top of PyYAML's
safe loader: Python tags are never run, they read as nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
SOURCE_NAMES = frozenset({".git", ".hg", ".svn", "mkdocs.yml", "mkdocs.yaml"})
BUILT = ("index.html", "sitemap.xml", "sitemap.xml.gz")


class Refused(Exception):
    """The output folder may not be used; the message names it and says why."""


@dataclass(frozen=True)
class Protected:
    path: Path  # real path
    why: str
    inside_ok: bool = False  # only the project itself may hold the output folder


def _opaque(loader: yaml.SafeLoader, suffix: Any, node: yaml.Node | None = None) -> None:
    """Python object tags and MkDocs' `!relative`: read as nothing, never constructed."""
    return None


def _loader() -> type[yaml.SafeLoader]:
    from mkdocs.utils.yaml import get_yaml_loader

    loader: type[yaml.SafeLoader] = get_yaml_loader(loader=yaml.SafeLoader)
    loader.add_multi_constructor("tag:yaml.org,2002:python/", _opaque)
    loader.add_constructor("!relative", lambda ld, node: None)
    return loader


def read_config(config: Path) -> dict[str, Any]:
    """The config as a mapping, without running anything it names; raises Refused."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with config.open("rb") as handle:
            raw = yaml_load(handle, loader=cast(Any, _loader()))
    except (OSError, ConfigurationError) as exc:
        raise Refused(f"cannot read {config}: {str(exc).splitlines()[0]}") from exc
    if not isinstance(raw, dict):
        raise Refused(f"{config} is not a YAML mapping")
    return raw


def protected_folders(config: Path) -> list[Protected]:
    """Every folder a build must neither replace nor write into, real paths."""
    raw = read_config(config)
    root = config.resolve().parent
    theme = raw.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    docs_dir = root / str(raw.get("docs_dir") or "docs")
    found = [
        Protected(root, "the project folder (it holds mkdocs.yml)", inside_ok=True),
        Protected(docs_dir, "the sources (docs_dir of mkdocs.yml)"),
        Protected(root / "scripts", "the build scripts folder"),
        Protected(root / "tests", "the tests folder"),
        Protected(root / ".git", "the git repository"),
    ]
    if isinstance(custom_dir, str):
        why = "the theme sources (theme.custom_dir of mkdocs.yml)"
        found.append(Protected(root / custom_dir, why))
    for hook in raw.get("hooks") or ():
        if isinstance(hook, str):
            found.append(Protected((root / hook).parent, f"the folder of the hook {hook}"))
    return [Protected(Path(os.path.realpath(p.path)), p.why, p.inside_ok) for p in found]


def _looks_built(folder: Path) -> str | None:
    """None when `folder` looks like a previous MkDocs build, else why not."""
    missing = [name for name in BUILT if not (folder / name).is_file()]
    if missing:
        return f"it has no {', '.join(missing)}"
    for current, dirs, files in os.walk(folder):
        for name in (*dirs, *files):
            if name in SOURCE_NAMES or name.lower().endswith(MARKDOWN):
                return f"it holds {Path(current, name)}, which a built site never contains"
    return None


def check_output(site_dir: Path, config: Path) -> Path:
    """The real path of `site_dir` when a build may replace it; raises Refused."""
    real = Path(os.path.realpath(site_dir))
    shown = f"--site-dir {site_dir}" + ("" if str(site_dir) == str(real) else f" ({real})")
    for folder in protected_folders(config):
        if real == folder.path:
            raise Refused(f"refusing {shown}: it is {folder.why}")
        if folder.path.is_relative_to(real):
            raise Refused(f"refusing {shown}: it holds {folder.path}, {folder.why}")
        if real.is_relative_to(folder.path) and not folder.inside_ok:
            raise Refused(f"refusing {shown}: it is inside {folder.path}, {folder.why}")
    if os.path.lexists(real) and not real.is_dir():
        raise Refused(f"refusing {shown}: it exists and is not a folder")
    if real.is_dir() and any(real.iterdir()):
        why = _looks_built(real)
        if why is not None:
            raise Refused(
                f"refusing {shown}: it is not empty and does not look like a previous "
                f"build ({why}); empty or remove it yourself"
            )
    return real
