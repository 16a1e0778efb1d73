"""A third language is data, not code (issue 15).

In a copy of the project, French is added the way an author would add it: an entry in
mkdocs.yml's i18n languages, its words in docs/_data/site.yml, a glossary file, a text for
each source and diagram label, and pages under docs/fr/. Nothing under scripts/ changes:
the installed package builds it. `esxidocs build` then has to validate the sources, build
the site, the three PDFs and the offline copy, and validate the built site; the checks
below read what a French reader gets. The pages are three per language (home, scratch,
glossary), written here, so the build stays small.
"""

from __future__ import annotations

import copy
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from conftest import ROOT, built_html
from esxidocs.site_model import load_site
from pypdf import PdfReader

pytestmark = pytest.mark.slow

FIGURE = """<figure class="diagram" markdown="span">
  ![{alt}](assets/diagrams/scratch-location.svg)
</figure>
"""
PAGES: dict[str, dict[str, str]] = {
    "es": {
        "index.md": "---\ntitle: ESX frente a ESXi 5\ndescription: Una guía breve de las "
        "diferencias entre ESX y ESXi 5, para quien administra servidores VMware.\n"
        "article: intro\n---\n\n# ESX frente a ESXi 5\n\nESXi 5 guarda su [scratch]"
        "(scratch.md#what-it-is) en una partición; el [glosario](glossary.md) define "
        "los términos.\n",
        "scratch.md": "---\ntitle: La partición scratch\ndescription: Qué es la partición "
        "scratch de ESXi 5, dónde se crea y qué se pierde en cada reinicio.\n"
        'article: "4"\n---\n\n# La partición scratch\n\n## Qué es {#what-it-is}\n\n'
        "Mide 4 GB y usa VFAT [@kb-1033696].\n\n"
        + FIGURE.format(alt="Dónde pone ESXi 5 el scratch")
        + "\nVuelva a la [portada](index.md).\n",
        "glossary.md": "---\ntitle: Glosario\ndescription: Definiciones breves de los "
        "términos de VMware ESX y ESXi 5 que usa esta guía, del VMkernel a Auto Deploy.\n"
        "article: none\n---\n\n# Glosario\n\n<!-- glossary -->\n",
    },
    "en": {
        "index.md": "---\ntitle: ESX versus ESXi 5\ndescription: A short guide to the "
        "differences between ESX and ESXi 5, for people who run VMware servers.\n"
        "article: intro\n---\n\n# ESX versus ESXi 5\n\nESXi 5 keeps its [scratch]"
        "(scratch.md#what-it-is) on a partition; the [glossary](glossary.md) defines "
        "the terms.\n",
        "scratch.md": "---\ntitle: The scratch partition\ndescription: What the ESXi 5 "
        "scratch partition is, where it is created and what is lost at every reboot.\n"
        'article: "4"\n---\n\n# The scratch partition\n\n## What it is {#what-it-is}\n\n'
        "It is 4 GB and uses VFAT [@kb-1033696].\n\n"
        + FIGURE.format(alt="Where ESXi 5 puts scratch")
        + "\nBack to the [home page](index.md).\n",
        "glossary.md": "---\ntitle: Glossary\ndescription: Short definitions of the VMware "
        "ESX and ESXi 5 terms used throughout this guide, from the VMkernel to Auto Deploy.\n"
        "article: none\n---\n\n# Glossary\n\n<!-- glossary -->\n",
    },
    "fr": {
        "index.md": "---\ntitle: ESX ou ESXi 5\ndescription: Un guide bref des différences "
        "entre ESX et ESXi 5, pour les personnes qui administrent des serveurs VMware.\n"
        "article: intro\n---\n\n# ESX ou ESXi 5\n\nESXi 5 garde son [scratch]"
        "(scratch.md#what-it-is) sur une partition ; le [glossaire](glossary.md) définit "
        "les termes.\n",
        "scratch.md": "---\ntitle: La partition scratch\ndescription: Ce qu'est la "
        "partition scratch d'ESXi 5, où elle est créée et ce qui est perdu à chaque "
        'redémarrage.\narticle: "4"\n---\n\n# La partition scratch\n\n'
        "## Ce qu'elle est {#what-it-is}\n\nElle mesure 4 Go et utilise VFAT "
        "[@kb-1033696].\n\n"
        + FIGURE.format(alt="Où ESXi 5 place le scratch")
        + "\nRetour à l'[accueil](index.md).\n",
        "glossary.md": "---\ntitle: Glossaire\ndescription: Définitions brèves des termes de "
        "VMware ESX et ESXi 5 employés dans ce guide, du VMkernel à Auto Deploy.\n"
        "article: none\n---\n\n# Glossaire\n\n<!-- glossary -->\n",
    },
}
FRENCH_LANGUAGE = """\
        - locale: fr
          name: Français
          build: true
          site_name: "ESX et ESXi 5 : les différences"
          site_description: Guide des différences entre VMware vSphere ESX et ESXi 5.
"""
FRENCH_TITLE = "Où ESXi 5 place le scratch au démarrage"
FRENCH_CONTENTS = "Sommaire"


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _with_french(node: Any) -> Any:
    """Every {es, en} text mapping of the data gets a French entry (the English text)."""
    if isinstance(node, dict):
        if set(node) == {"es", "en"}:
            return {**node, "fr": node["en"]}
        return {key: _with_french(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_with_french(item) for item in node]
    return node


def _add_french(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    marker = "  # Last: this project's build stages"
    assert marker in text, "mkdocs.yml changed: update where the test adds the language"
    text = text.replace(marker, FRENCH_LANGUAGE + marker, 1)
    nav_start, nav_end = text.index("\nnav:\n"), text.index("\ntheme:\n")
    nav = "\nnav:\n  - index.md\n  - scratch.md\n  - glossary.md\n"
    config.write_text(text[:nav_start] + nav + text[nav_end:], encoding="utf-8")

    data = project / "docs" / "_data"
    site = _yaml(data / "site.yml")
    french = copy.deepcopy(site["languages"]["en"])
    french["og_locale"] = "fr_FR"
    french["quotes"] = ["« ", " »"]
    french["pdf"]["contents"] = FRENCH_CONTENTS
    french["ui"]["copy_link"] = "Copier le lien vers cette section"
    site["languages"]["fr"] = french
    _write_yaml(data / "site.yml", site)

    shutil.copy2(data / "glossary.en.yml", data / "glossary.fr.yml")
    sources = _yaml(data / "sources.yml")
    for record in sources:
        record["supports"]["fr"] = record["supports"]["en"]
    _write_yaml(data / "sources.yml", sources)
    diagrams = _with_french(_yaml(data / "diagrams.yml"))
    diagrams["scratch-location"]["title"]["fr"] = FRENCH_TITLE
    _write_yaml(data / "diagrams.yml", diagrams)

    for lang, pages in PAGES.items():
        folder = project / "docs" / lang
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for name, page in pages.items():
            (folder / name).write_text(page, encoding="utf-8")


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run(
        [sys.executable, "-m", "esxidocs", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, f"esxidocs {args[0]}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy with French added, built by `esxidocs build`; returns the project."""
    project = tmp_path_factory.mktemp("third-language")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    _add_french(project)
    _run(project, "diagrams")  # the figures, drawn from the data in every language
    _run(project, "permalinks")  # the new pages' stable URLs
    _run(project, "build", "--site-dir", "site")  # validates the sources and the built site
    return project


def test_no_code_was_needed(french: Path) -> None:
    assert not (french / "scripts").exists()
    assert load_site(french / "mkdocs.yml").locales == ("es", "en", "fr")


def test_french_pages_are_french_with_their_own_words(french: Path) -> None:
    page = built_html(french / "site", "fr/scratch")
    assert page.html is not None and page.html["lang"] == "fr"
    headerlink = page.select_one("h2#what-it-is a.headerlink")
    assert headerlink is not None and headerlink["title"] == "Copier le lien vers cette section"
    svg = page.select_one("figure.diagram svg")
    assert svg is not None and svg["lang"] == "fr"
    assert FRENCH_TITLE in svg.get_text()
    citation = page.select_one("a.citation")
    assert citation is not None and citation.get_text().startswith("VMware KB 1033696, « ")


def test_every_page_names_the_french_one_in_hreflang_and_the_language_switch(
    french: Path,
) -> None:
    site_url = load_site(french / "mkdocs.yml").site_url
    for url in ("scratch", "en/scratch", "fr/scratch"):
        page = built_html(french / "site", url)
        hreflang = {
            link["hreflang"]: link["href"]
            for link in page.select('link[rel="alternate"][hreflang]')
        }
        assert hreflang["fr"] == f"{site_url}fr/scratch/", url
        assert hreflang["x-default"] == f"{site_url}scratch/", url
        here = f"{site_url}{url}/"
        switch = {
            a.get("hreflang"): urljoin(here, str(a["href"]))
            for a in page.select("a.md-select__link")
        }
        assert switch == {
            "es": f"{site_url}scratch/",
            "en": f"{site_url}en/scratch/",
            "fr": f"{site_url}fr/scratch/",
        }, url


def test_french_has_its_own_search_index(french: Path) -> None:
    index = json.loads((french / "site/fr/search/search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert locations and all(not loc.startswith(("en/", "fr/")) for loc in locations)
    assert any("partition scratch" in doc["title"].lower() for doc in index["docs"])
    assert index["config"]["lang"] == ["fr"]


def test_french_pdf_and_the_offline_copy(french: Path) -> None:
    site = load_site(french / "mkdocs.yml")
    pdf = french / "site" / site.pdf_path("fr")
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert FRENCH_CONTENTS in text and "La partition scratch" in text
    archive = zipfile.ZipFile(io.BytesIO((french / "site" / site.offline_path).read_bytes()))
    names = set(archive.namelist())
    top = site.artefacts["name"]
    assert f"{top}/fr/scratch.html" in names or f"{top}/fr/scratch/index.html" in names
