"""Each page's source facts: the last-updated date from git and the repository link.

The date is the author date of the last commit that changed the page's own file
(esxidocs/git_history.py reads them all from one `git log` per build), formatted in the
page's language with Babel, as Material's "last update" fact (`page.meta`'s
`git_revision_date_localized`, the key its `source-file.html` partial reads). Where no
commit is known (a page not committed yet, a copy of the project without `.git`, no `git`)
the page shows no date: the build's clock would change with every build and break
byte-reproducible builds. A shallow clone still gives commit dates (of the shallow boundary
for older files), the same on every build of that clone; `.ci/run` fetches the full history
when it can.

Material turns the header's repository link into a widget that asks GitHub's API for stars
and forks on every first visit: a request to a third party, which the site otherwise never
makes (no web fonts, no CDN). The link stays, without the widget's data attribute.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from markupsafe import Markup

from esxidocs.git_history import Commit, last_commits
from esxidocs.site_model import from_config

# The page.meta key Material's source-file partial shows as the last-updated date.
DATE_KEY = "git_revision_date_localized"
SOURCE_WIDGET = ' data-md-component="source"'

# The docs folder's last commits, read again at the start of every build (`mkdocs serve`
# sees new commits) and shared by its pages.
_last: dict[str, Commit] = {}


def on_pre_build(config: Any) -> None:
    _last.clear()
    _last.update(last_commits(Path(config["docs_dir"])))


def last_updated(commit: Commit, locale: str) -> Markup:
    """`<time datetime="YYYY-MM-DD">` with the day in the page's language (UTC, as git's)."""
    return _day(datetime.fromtimestamp(commit.timestamp, UTC).date(), locale)


@lru_cache(maxsize=1024)
def _day(day: date, locale: str) -> Markup:
    """Babel's long date, made once a day and language: many pages share a commit's day."""
    text = format_date(day, format="long", locale=locale.replace("-", "_"))
    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), text)


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> Any:
    # After esxidocs/stages/confine.py has made every string of page.meta inert text: this
    # element is the one piece of markup the page's facts may carry.
    page.meta.pop(DATE_KEY, None)
    if page.file.abs_src_path is None:  # a generated page: never committed
        return context
    source = Path(page.file.abs_src_path).resolve()
    try:
        name = source.relative_to(Path(config["docs_dir"]).resolve()).as_posix()
    except ValueError:  # outside the docs folder, which git was asked about
        return context
    commit = _last.get(name)
    if commit is not None:
        page.meta[DATE_KEY] = last_updated(commit, from_config(config).page_language(page))
    return context


def _static_source_link(output: str) -> str:
    return output.replace(SOURCE_WIDGET, "")


def on_post_page(output: str, page: Any, config: Any) -> str:
    return _static_source_link(output)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    return _static_source_link(output)
