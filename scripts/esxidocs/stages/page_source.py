"""Each page's source facts: the last-updated date from git and the repository link.

The date comes from mkdocs-git-revision-date-localized-plugin (mkdocs.yml): the author date
of the last commit that changed the page's own file, formatted in the page's language.
Where no commit is known (a page not committed yet, a copy of the project without `.git`,
no `git`), the plugin falls back to the build's clock; such a date would change with every
build and break byte-reproducible builds, so it is dropped here and the page shows none. A
shallow clone still gives commit dates (of the shallow boundary for older files), the same
on every build of that clone; `.ci/run` fetches the full history when it can. The plugin
warns about shallow clones on CI services, which would fail `--strict` builds; that
warning is logged as INFO instead.

Material turns the header's repository link into a widget that asks GitHub's API for stars
and forks on every first visit: a request to a third party, which the site otherwise never
makes (no web fonts, no CDN). The link stays, without the widget's data attribute.
"""

from __future__ import annotations

import logging
from typing import Any

from markupsafe import Markup

# page.meta keys the plugin sets (date, hash, tag and raw variants of each).
DATE_KEYS = ("git_revision_date_localized", "git_site_revision_date_localized")
SOURCE_WIDGET = ' data-md-component="source"'
# Where the plugin logs its "shallow git fetch depth" warnings (mkdocs.plugins.<module>).
SHALLOW_CLONE_LOGGER = "mkdocs.plugins.mkdocs_git_revision_date_localized_plugin.ci"


class _AsInfo(logging.Filter):
    """A shallow clone's dates are coarse but reproducible: not a reason to fail --strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING:
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def on_startup(command: str, dirty: bool) -> None:
    logger = logging.getLogger(SHALLOW_CLONE_LOGGER)
    if not any(isinstance(f, _AsInfo) for f in logger.filters):
        logger.addFilter(_AsInfo())


def dates_from_commits(meta: dict[str, Any]) -> None:
    """Keep a date only where a commit gave it, as `<time datetime="YYYY-MM-DD">`.

    The plugin's own value is a `<span>` that esxidocs/stages/confine.py, which makes every
    string of page.meta inert text, turns into visible markup; its raw variants are plain
    text, so the element is written again here, after confine.py has run."""
    for key in DATE_KEYS:
        if not meta.get(f"{key}_hash"):  # no commit: the build's clock, or nothing
            for name in [name for name in meta if name.startswith(key)]:
                del meta[name]
            continue
        day, text = meta[f"{key}_raw_iso_date"], meta[f"{key}_raw_date"]
        meta[key] = Markup('<time datetime="{}">{}</time>').format(day, text)


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> Any:
    # After every on_page_markdown (where the plugin sets the dates), before the template.
    dates_from_commits(page.meta)
    return context


def _static_source_link(output: str) -> str:
    return output.replace(SOURCE_WIDGET, "")


def on_post_page(output: str, page: Any, config: Any) -> str:
    return _static_source_link(output)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    return _static_source_link(output)
