"""The project's one MkDocs plugin (esxidocs/plugin.py): how its stages' errors reach MkDocs."""

from __future__ import annotations

from typing import Any, cast

import pytest
from conftest import CONFIG, DOCS
from esxidocs import plugin
from esxidocs.findings import Finding
from esxidocs.glossary_data import GlossaryError
from mkdocs.exceptions import PluginError


@pytest.mark.parametrize("event", ["on_page_markdown", "on_config"])
def test_a_data_file_a_loader_refuses_stops_the_build_at_its_line(
    event: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A loader's refusal (here the glossary's, which names the file it was given) reaches
    MkDocs as a PluginError, which it prints as one line before stopping, with the path as
    the validator prints it; a broken glossary or site.yml in a plain `mkdocs build` printed
    a traceback after the line."""
    glossary = DOCS / "_data" / "glossary.es.yml"
    where = Finding(str(glossary), 218, 9, "glossary-invalid", "invalid YAML")
    assert glossary.is_absolute()

    def refuse(*args: Any) -> str:
        raise GlossaryError(where)

    none = cast(Any, None)
    with pytest.raises(PluginError) as stopped:
        if event == "on_config":  # the one event given the config positionally
            monkeypatch.setattr(plugin.confine, "on_config", refuse)
            plugin.EsxiDocsPlugin().on_config(CONFIG)
        else:
            monkeypatch.setattr(plugin, "PAGE_MARKDOWN", (refuse,))
            plugin.EsxiDocsPlugin().on_page_markdown("# T", page=none, config=CONFIG, files=none)
    assert str(stopped.value) == str(where.at("docs/_data/glossary.es.yml"))
