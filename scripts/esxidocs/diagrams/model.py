"""What the diagrams draw, as `loader.py` hands it over: plain frozen dataclasses.

Every text a reader sees is a `Label`, a mapping from each of the site's languages to its
text (default language first). The languages are the site's (`site_model.load_site`), so
adding a language is data: its texts in `docs/_data/diagrams.yml`, nothing here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

Label = Mapping[str, str]
"""One text in every language of the site: locale -> text."""


@dataclass(frozen=True)
class Size:
    """A partition size as written in the data ("4 MB", "4 GB") or None for "rest"."""

    text: str | None

    @property
    def mb(self) -> float:
        if self.text is None:
            return math.inf
        number, unit = self.text.split()
        return float(number) * (1024 if unit == "GB" else 1)


@dataclass(frozen=True)
class Partition:
    number: int
    ptype: str
    size: Size
    fs: str | None
    mounts: tuple[str, ...]
    kind: str
    label: Label
    first_boot: bool


@dataclass(frozen=True)
class DiskLayout:
    langs: tuple[str, ...]  # every Label below has exactly these, in this order
    title: Label
    intro: Label
    labels: Mapping[str, Label]
    partitions: tuple[Partition, ...]
    usb: tuple[int, ...]


@dataclass(frozen=True)
class BankFile:
    name: str
    text: Label


@dataclass(frozen=True)
class Bank:
    partition: int
    image: str
    updated: int | None
    booted: bool
    next: bool
    invalid: bool  # marked invalid (bootstate=3): the loader no longer boots it


@dataclass(frozen=True)
class State:
    id: str
    heading: Label
    note: Label
    banks: tuple[Bank, Bank]


@dataclass(frozen=True)
class Transition:
    src: str
    dst: str
    label: Label


@dataclass(frozen=True)
class BootBanks:
    langs: tuple[str, ...]
    title: Label
    intro: Label
    labels: Mapping[str, Label]
    files: tuple[BankFile, ...]
    images: Mapping[str, Label]
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]


@dataclass(frozen=True)
class Step:
    label: Label
    detail: Label
    persistent: bool | None  # None: depends on where it points

    @property
    def status(self) -> str:
        """Key of the label and colour that say whether it survives a reboot."""
        return {True: "survives", False: "lost", None: "depends"}[self.persistent]


@dataclass(frozen=True)
class ScratchLocation:
    langs: tuple[str, ...]
    title: Label
    intro: Label
    labels: Mapping[str, Label]
    steps: tuple[Step, ...]
    holds: tuple[Label, ...]


@dataclass(frozen=True)
class Data:
    langs: tuple[str, ...]  # the site's languages, default first
    disk: DiskLayout
    banks: BootBanks
    scratch: ScratchLocation
