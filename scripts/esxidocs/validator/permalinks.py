"""Link stability: the committed list of public URLs and anchors, and the check against it.

`docs/_data/permalinks.yml` maps every published page URL (site-root relative, as the
i18n plugin publishes it) to the anchors other sites may link to: heading ids from h2
down and ids written explicitly (`{#id}`, raw HTML). A URL or anchor that leaves the site
must either keep working through a `redirects` entry or be removed from the list on
purpose by `make permalinks`, which prints what it drops.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from esxidocs.findings import Finding

from . import files, yamlsafe
from .suggest import closest

if TYPE_CHECKING:  # the build's linking stage reads the list only: not the page scanner
    from .pages import PageScan
    from .sources import SourceIndex

HEADER = """\
# Every public page URL of the site and the anchors other sites may link to.
# Checked by esxidocs validate: removing a URL needs a redirect (mkdocs.yml,
# plugins.redirects.redirect_maps); removing an anchor breaks links to it.
# Regenerate with `make permalinks`; do not edit by hand.
"""

# The list grows with the site (a URL and ~5 anchors per page), unlike front matter.
LIST_MAX_NODES = 2_000_000


@dataclass
class Published:
    line: int
    anchors: dict[str, int] = field(default_factory=dict)  # anchor -> line in the list


def page_anchors(page: PageScan) -> list[str]:
    """Public anchors of a page, in page order, without duplicates."""
    items = [(h.line, h.anchor) for h in page.headings if h.level >= 2 or h.explicit]
    items += [(line, anchor) for anchor, line in page.explicit]
    seen: dict[str, None] = {}
    for _, anchor in sorted(items, key=lambda item: item[0]):
        seen.setdefault(anchor, None)
    return list(seen)


def current(index: SourceIndex) -> dict[str, tuple[PageScan, list[str]]]:
    """URL -> (page, anchors) for every page of a built language."""
    found = {}
    for rel, page in index.pages.items():
        if index.project.language_of(rel) is not None:
            found[index.project.url_of(rel)] = (page, page_anchors(page))
    return dict(sorted(found.items()))


def render(mapping: dict[str, list[str]]) -> str:
    body = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=True, default_flow_style=False)
    return HEADER + body


def load(path: Path, root: Path, display: str) -> tuple[dict[str, Published] | None, list[Finding]]:
    """The published list, or None when it does not exist yet."""
    if not path.exists():
        return None, []
    text = files.read_text(path, root)

    def fail(message: str, line: int = 1, col: int = 1) -> tuple[None, list[Finding]]:
        return None, [Finding.of(display, line, col, "permalink-list", message)]

    if isinstance(text, Finding):
        return None, [text.at(display)]
    try:
        node = yamlsafe.compose(text, max_nodes=LIST_MAX_NODES)
    except yamlsafe.YamlError as issue:
        return fail(issue.finding.message, issue.finding.line, issue.finding.col)
    if node is None:
        return {}, []
    if not isinstance(node, yaml.MappingNode):
        return fail("expected a mapping of URL to a list of anchors")
    published: dict[str, Published] = {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode) or not key.value.startswith("/"):
            return fail("every key must be a URL path starting with '/'", line)
        entry = Published(line)
        if isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if not isinstance(item, yaml.ScalarNode):
                    return fail("anchors must be plain strings", item.start_mark.line + 1)
                entry.anchors[item.value] = item.start_mark.line + 1
        elif not (isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null")):
            return fail(f"the anchors of {key.value} must be a list", line)
        published[key.value] = entry
    return published, []


def _redirect_target(index: SourceIndex, target: str) -> PageScan | None:
    rel = target.partition("#")[0]
    return index.pages.get(rel)


def compare(index: SourceIndex) -> list[Finding]:
    project = index.project
    display = project.display(project.permalinks_path)
    published, problems = load(project.permalinks_path, project.root, display)
    now = current(index)
    redirects = project.redirect_urls()
    if published is None:
        if not problems:
            problems.append(
                Finding.of(
                    display,
                    1,
                    1,
                    "permalink-new",
                    "the permalink list does not exist yet; run `make permalinks`",
                )
            )
        return problems
    for url, entry in published.items():
        if url in now:
            page, _ = now[url]
            lost = [a for a in entry.anchors if page.anchors_known and a not in page.ids]
            where = page.display
        elif url in redirects:
            target = redirects[url]
            page_or_none = _redirect_target(index, target)
            if page_or_none is None:
                continue  # external target or a broken redirect (reported by check_redirects)
            page = page_or_none
            lost = [a for a in entry.anchors if page.anchors_known and a not in page.ids]
            where = f"{page.display}, the redirect target of {url}"
        else:
            problems.append(
                Finding.of(
                    display,
                    entry.line,
                    1,
                    "permalink-removed",
                    f"published page {url} no longer exists; add a redirect for it in "
                    "mkdocs.yml (plugins.redirects.redirect_maps) or restore the page",
                    closest(url, now),
                )
            )
            continue
        for anchor in lost:
            problems.append(
                Finding.of(
                    display,
                    entry.anchors[anchor],
                    1,
                    "permalink-anchor-removed",
                    f"published anchor {url}#{anchor} no longer exists in {where}; restore it "
                    f"or keep the old id next to the new one with `[](){{#{anchor}}}`",
                    closest(anchor, page.ids),
                )
            )
    for url, (page, anchors) in now.items():
        entry_or_none = published.get(url)
        if entry_or_none is None:
            problems.append(
                Finding.of(
                    page.display,
                    1,
                    1,
                    "permalink-new",
                    f"page {url} is not in {display}; run `make permalinks`",
                )
            )
            continue
        lines = {h.anchor: h.line for h in page.headings}
        lines.update({a: line for a, line in page.explicit})
        for anchor in anchors:
            if anchor not in entry_or_none.anchors:
                problems.append(
                    Finding.of(
                        page.display,
                        lines.get(anchor, 1),
                        1,
                        "permalink-new",
                        f"anchor {url}#{anchor} is not in {display}; run `make permalinks`",
                    )
                )
    return problems


def check_redirects(index: SourceIndex) -> list[Finding]:
    """Every redirect_maps target must be a page of the site or an absolute URL."""
    project = index.project
    display = project.display(project.config_path)
    try:
        config_lines = project.config_path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        config_lines = []
    problems = []
    for old, new in project.redirects.items():
        if new.lower().startswith(("http://", "https://")):
            continue
        if _redirect_target(index, new) is None:
            line = next((n for n, text in enumerate(config_lines, 1) if old in text), 1)
            problems.append(
                Finding.of(
                    display,
                    line,
                    1,
                    "redirect-target",
                    f"redirect {old} -> {new}: no such page in the docs directory",
                    closest(new.partition("#")[0], index.pages),
                )
            )
    return problems


def merged(
    index: SourceIndex, published: dict[str, Published] | None
) -> tuple[dict[str, list[str]], list[str]]:
    """The list to write, and the published entries it drops (for `make permalinks`).

    Redirected URLs stay in the list, so removing the redirect later is caught.
    """
    now = {url: anchors for url, (_, anchors) in current(index).items()}
    dropped: list[str] = []
    redirects = index.project.redirect_urls()
    for url, entry in (published or {}).items():
        if url in now:
            dropped += [f"{url}#{a}" for a in entry.anchors if a not in now[url]]
        elif url in redirects:
            now[url] = list(entry.anchors)
        else:
            dropped.append(url)
    return dict(sorted(now.items())), dropped
