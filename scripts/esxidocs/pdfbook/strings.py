"""The few words the book itself writes (cover, contents, footer, linking appendix)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Appendix:
    """The linking appendix (appendix.py); `{title}`, `{section}`, `{page}` are filled in."""

    intro: str
    online: str
    pdf: str
    every_address: str
    sections: str


@dataclass(frozen=True)
class Strings:
    contents: str
    page_of: tuple[str, str]  # footer "Página N de M": the words around the two numbers
    language: str
    version: str
    date: str
    online: str
    edition: str
    keywords: tuple[str, ...]
    months: tuple[str, ...]
    date_format: str  # str.format with day, month, year
    appendix: Appendix

    def format_date(self, date: datetime) -> str:
        return self.date_format.format(
            day=date.day, month=self.months[date.month - 1], year=date.year
        )


STRINGS = {
    "es": Strings(
        contents="Índice",
        page_of=("Página", "de"),
        language="Idioma",
        version="Versión",
        date="Fecha",
        online="En línea",
        edition="Edición para leer sin conexión e imprimir",
        keywords=(
            "VMware",
            "vSphere",
            "ESX",
            "ESXi 5",
            "hipervisor",
            "Service Console",
            "scratch",
            "bootbank",
            "Auto Deploy",
        ),
        months=(
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ),
        date_format="{day} de {month} de {year}",
        appendix=Appendix(
            intro="Este libro es la edición impresa de una guía en línea. En el sitio, la "
            "página «{title}» reúne la dirección estable de cada página y de cada sección, "
            "con los enlaces ya escritos para MediaWiki, Confluence y Markdown.",
            online="La guía en línea",
            pdf="Este PDF",
            every_address="Todas las direcciones",
            sections="Para enlazar a una sección, añade a la dirección de su página el "
            "identificador de la sección, que es el mismo en español y en inglés. Por "
            "ejemplo, la sección «{section}» de «{page}»:",
        ),
    ),
    "en": Strings(
        contents="Contents",
        page_of=("Page", "of"),
        language="Language",
        version="Version",
        date="Date",
        online="Online",
        edition="Edition for offline reading and printing",
        keywords=(
            "VMware",
            "vSphere",
            "ESX",
            "ESXi 5",
            "hypervisor",
            "Service Console",
            "scratch",
            "boot bank",
            "Auto Deploy",
        ),
        months=(
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        date_format="{day} {month} {year}",
        appendix=Appendix(
            intro="This book is the printed edition of an online guide. On the site, the "
            "page “{title}” gathers the stable address of every page and every section, "
            "with the links already written for MediaWiki, Confluence and Markdown.",
            online="The online guide",
            pdf="This PDF",
            every_address="Every address",
            sections="To link to a section, add the section's identifier to the address of "
            "its page; it is the same in Spanish and in English. For example, the section "
            "“{section}” of “{page}”:",
        ),
    ),
}


def strings_for(lang: str) -> Strings:
    """The language's strings; a language added to mkdocs.yml must be added here too."""
    if lang not in STRINGS:
        raise KeyError(f"esxidocs/pdfbook/strings.py has no strings for language {lang!r}")
    return STRINGS[lang]
