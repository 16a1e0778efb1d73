"""esxidocs/site_model.py: languages, URLs, download paths and words from one place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from esxidocs.site_model import SiteModelError, load_site

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site():  # type: ignore[no-untyped-def]
    return load_site(ROOT / "mkdocs.yml")


def _copy(tmp_path: Path) -> Path:
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    return tmp_path


def test_languages_come_from_the_i18n_config_default_first(site) -> None:  # type: ignore[no-untyped-def]
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    listed = [lang["locale"] for lang in i18n["languages"]]
    assert sorted(site.locales) == sorted(listed)
    assert site.default.default and site.default.link == "/"
    assert all(lang.link == f"/{lang.locale}/" for lang in site.languages[1:])


@pytest.mark.parametrize(
    ("src", "url"),
    [
        ("es/index.md", ""),
        ("es/scratch.md", "scratch/"),
        ("en/index.md", "en/"),
        ("en/boot-banks.md", "en/boot-banks/"),
        ("en/assets/diagrams/a.svg", "en/assets/diagrams/a.svg"),
    ],
)
def test_a_page_url_is_what_i18n_publishes(site, src: str, url: str) -> None:  # type: ignore[no-untyped-def]
    assert site.url_of(src) == url


def test_download_paths_and_words_per_language(site) -> None:  # type: ignore[no-untyped-def]
    assert site.pdf_path("es") == "pdf/esx-vs-esxi5.es.pdf"
    assert site.pdf_path("en") == "en/pdf/esx-vs-esxi5.en.pdf"
    assert site.card_path("en/scratch/") == "assets/social/en/scratch.png"
    assert site.card_path("") == "assets/social/index.png"
    assert site.text("es", "linking.section") == "Sección"
    assert site.text("en", "ui.copy_link") == "Copy link to this section"


def test_a_language_missing_a_word_is_named_with_its_line(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    data = project / "docs" / "_data" / "site.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("      download_pdf: Download PDF\n", ""), encoding="utf-8")
    with pytest.raises(SiteModelError) as caught:
        load_site(project / "mkdocs.yml")
    line = next(
        n
        for n, row in enumerate(data.read_text(encoding="utf-8").splitlines(), 1)
        if row == "  en:"
    )
    finding = caught.value.finding
    assert (Path(finding.path), finding.line, finding.code) == (data, line, "site-data-invalid")
    assert finding.message.startswith("en lacks ui.download_pdf"), finding


def test_an_untrusted_python_name_is_refused_before_mkdocs_loads_it(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nextra_x: !!python/name:os.system\n",
        encoding="utf-8",
    )
    with pytest.raises(SiteModelError, match=r"python/name:os\.system is not allowed"):
        load_site(config)


def test_a_word_with_markup_is_refused_at_its_line(tmp_path: Path) -> None:
    """Words reach HTML text and attributes unescaped by the theme's templates: a word that
    could open a tag or leave an attribute stops everything that reads the model."""
    project = _copy(tmp_path)
    data = project / "docs" / "_data" / "site.yml"
    hostile = "      copy_link: 'Copy\" onmouseover=\"alert(1)'\n"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("      copy_link: Copy link to this section\n", hostile), "utf-8")
    with pytest.raises(SiteModelError) as caught:
        load_site(project / "mkdocs.yml")
    line = data.read_text(encoding="utf-8").splitlines().index(hostile.rstrip("\n")) + 1
    finding = caught.value.finding
    assert (finding.line, finding.code) == (line, "site-data-invalid"), finding
    assert finding.message.startswith("en.ui.copy_link: plain text only"), finding


@pytest.mark.parametrize("path", ["../../outside.zip", "/tmp/x.zip", "download/../../x.zip"])
def test_a_download_path_leaving_the_site_is_refused(tmp_path: Path, path: str) -> None:
    project = _copy(tmp_path)
    data = project / "docs" / "_data" / "site.yml"
    text = data.read_text(encoding="utf-8")
    old = "  offline: download/esx-vs-esxi5-offline.zip\n"
    data.write_text(text.replace(old, f"  offline: {path}\n"), encoding="utf-8")
    with pytest.raises(SiteModelError, match=r"artefacts\.offline: a path inside the site"):
        load_site(project / "mkdocs.yml")
