"""The project's one MkDocs plugin (`plugins: [..., esxidocs]`, last): it runs the build
stages of `esxidocs/stages/`, in the order written here, at each MkDocs event.

Why one plugin instead of a list of hook files: the order is code, not a YAML comment
and magic priorities; each stage is an ordinary module of an installed package (no
`sys.path` edits, no stage importing another); handlers are typed with MkDocs' own types.

Order within an event is the order of the tuples below. Two events need a place relative
to the other plugins, set with MkDocs' priorities (higher runs first, default 0):

- `on_files`: the size limits run first (priority 0, before mkdocs-static-i18n's -100);
  the redirect pages for each language after i18n has made its file list (-200).
- `on_post_build`: after Material's search (0) and i18n's merge of the index (-100), the
  per-language search indexes, then the offline copy's rewrite of them (-200).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from esxidocs import after_search
from esxidocs.build_cache import compiled_templates, prune_once
from esxidocs.findings import Finding, FindingError
from esxidocs.page_html import ElementStage, run_element_stages
from esxidocs.site_model import from_config
from esxidocs.stages import (
    citations,
    confine,
    diagrams,
    glossary,
    hreflang,
    limits,
    linking,
    not_found,
    offline,
    page_source,
    reader_strings,
    redirects_i18n,
    search_i18n,
    social,
    tables,
)

PageText = Callable[[str, Page, MkDocsConfig, Files], str]
PostPage = Callable[[str, Page, MkDocsConfig], str]
PageContext = Callable[[dict[str, Any], Page, MkDocsConfig, Navigation], Any]

# Limits first: a page the parser could not render in bounded time never reaches the
# others. Then confinement (titles become text), the glossary (the page language's terms
# for `abbr`), then citations (placeholders, so no tooltip lands inside a cited title).
PAGE_MARKDOWN: tuple[PageText, ...] = (
    limits.on_page_markdown,
    confine.on_page_markdown,
    glossary.on_page_markdown,
    citations.on_page_markdown,
)
# The stages that change elements (tables get Material's wrapper, diagram images become
# inline SVG) share one scan of the page's tags and splice their edits into its text
# together (esxidocs/page_html.py): the page is tokenized once and never re-serialised.
PAGE_ELEMENTS: tuple[ElementStage, ...] = (tables.STAGE, diagrams.STAGE)


def _page_elements(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return run_element_stages(html, PAGE_ELEMENTS, page, config)


PAGE_CONTENT: tuple[PageText, ...] = (
    confine.on_page_content,
    citations.on_page_content,
    _page_elements,
    reader_strings.on_page_content,
)
# After Material's search (listed before this plugin) has indexed the page: what goes in
# here is on the page but not in the search index (esxidocs/after_search.py).
PAGE_CONTEXT: tuple[PageContext, ...] = (
    after_search.insert,
    social.on_page_context,
    linking.on_page_context,
    page_source.on_page_context,
)
# Confinement checks the written page first, as the theme and the stages made it.
POST_PAGE: tuple[PostPage, ...] = (
    confine.on_post_page,
    search_i18n.on_post_page,
    hreflang.on_post_page,
    reader_strings.on_post_page,
    page_source.on_post_page,
)


P = ParamSpec("P")
R = TypeVar("R")


def _refusal_stops_the_build(handler: Callable[P, R]) -> Callable[P, R]:
    """A loader's refusal of a data file (a FindingError: path:line:col, code, why) ends the
    build as MkDocs' own errors do, printed once and without a traceback."""

    @functools.wraps(handler)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return handler(*args, **kwargs)
        except FindingError as exc:
            # `config` is a keyword of every event but on_config, where it is positional.
            config = kwargs.get("config") or next(
                (arg for arg in args if isinstance(arg, MkDocsConfig)), None
            )
            raise PluginError(str(_from_project(exc.finding, config))) from exc

    return run


def _from_project(finding: Finding, config: object) -> Finding:
    """`finding` with its path relative to the project, as the validator prints it (the
    loaders name the file they were given, an absolute path)."""
    config_file = getattr(config, "config_file_path", None)
    path = Path(finding.path)
    if not config_file or not path.is_absolute():
        return finding
    root = Path(config_file).resolve().parent
    path = path.resolve()
    return finding.at(path.relative_to(root).as_posix()) if path.is_relative_to(root) else finding


class EsxiDocsPlugin(BasePlugin):
    """Runs the stages; holds no state of its own (each stage keeps its caches)."""

    @_refusal_stops_the_build
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        confine.on_config(config)
        glossary.on_config(config)
        offline.on_config(config)
        return config

    @_refusal_stops_the_build
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        after_search.forget()
        prune_once(config)
        page_source.on_pre_build(config)

    @event_priority(0)
    @_refusal_stops_the_build
    def _files_limits(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        return limits.on_files(files, config)

    @event_priority(-200)
    @_refusal_stops_the_build
    def _files_redirects(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        return redirects_i18n.on_files(files, config)

    on_files = CombinedEvent(_files_limits, _files_redirects)

    @_refusal_stops_the_build
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        for stage in PAGE_MARKDOWN:
            markdown = stage(markdown, page, config, files)
        return markdown

    @_refusal_stops_the_build
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        for stage in PAGE_CONTENT:
            html = stage(html, page, config, files)
        return html

    @_refusal_stops_the_build
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        for stage in PAGE_CONTEXT:
            result = stage(context, page, config, nav)  # type: ignore[arg-type]
            if result is not None:
                context = result
        return context

    @_refusal_stops_the_build
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        for stage in POST_PAGE:
            output = stage(output, page, config)
        return output

    @_refusal_stops_the_build
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # The templates (overrides/) take their words and download paths from the model.
        env.globals["site_model"] = from_config(config)
        env.bytecode_cache = compiled_templates(config)
        return env

    @_refusal_stops_the_build
    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        result = not_found.on_template_context(context, template_name, config)  # type: ignore[arg-type]
        return context if result is None else result

    @_refusal_stops_the_build
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        output = not_found.on_post_template(output_content, template_name, config)
        return page_source.on_post_template(output, template_name, config)

    @event_priority(-200)
    @_refusal_stops_the_build
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        search_i18n.on_post_build(config)
        offline.on_post_build(config)

    def on_build_error(self, *, error: Exception) -> None:
        after_search.forget()
