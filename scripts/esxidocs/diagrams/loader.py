"""Read and check `docs/_data/diagrams.yml` into the dataclasses of `model.py`.

The file is composed (not loaded) with PyYAML's safe loader, so every node keeps its
position and every problem is reported as `path:line:col: message`. A label must have a
text for each of the site's languages (and no other); the caller passes those languages,
usually `load_site(...).locales` (see `site_languages`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from esxidocs.diagrams.model import (
    Bank,
    BankFile,
    BootBanks,
    Data,
    DiskLayout,
    Label,
    Partition,
    ScratchLocation,
    Size,
    State,
    Step,
    Transition,
)
from esxidocs.findings import Finding, FindingError
from esxidocs.validator import yamlsafe

ROOT = Path(__file__).resolve().parents[3]  # the project: scripts/esxidocs/diagrams/..
DATA_FILE = ROOT / "docs" / "_data" / "diagrams.yml"
CONFIG_FILE = ROOT / "mkdocs.yml"
SECTIONS = ("disk-layout", "boot-banks", "scratch-location")
PHYSICAL_ORDER = (1, 5, 6, 7, 8, 2, 3)
KINDS = ("loader", "bootbank", "coredump", "locker", "scratch", "datastore")

# Label keys each section must define (and no others, so a typo is caught).
LABEL_KEYS: dict[str, tuple[str, ...]] = {
    "disk-layout": (
        "local",
        "usb",
        "mount",
        "start",
        "end",
        "or",
        "unmounted",
        "rest",
        "usb-note",
        "legend-boot",
        "legend-scratch",
        "legend-first-boot",
        "not-to-scale",
    ),
    "boot-banks": (
        "contents",
        "choice-title",
        "choice",
        "booted",
        "next",
        "invalid",
        "legend-booted",
        "legend-next",
    ),
    "scratch-location": (
        "heading",
        "otherwise",
        "chosen",
        "holds",
        "current",
        "survives",
        "lost",
        "depends",
    ),
}
SIZE_RE = re.compile(r"^[1-9][0-9]* (MB|GB)$")
STR_TAG = "tag:yaml.org,2002:str"


class DiagramDataError(FindingError):
    """The data file is malformed: a `diagram-data-invalid` finding at its line."""


def site_languages(config_file: Path = CONFIG_FILE) -> tuple[str, ...]:
    """The site's languages, default first: the diagrams are drawn in each of them."""
    from esxidocs.site_model import load_site  # loads MkDocs' config: only when asked

    return load_site(config_file).locales


class _Reader:
    """Typed access to a composed YAML tree; every error names the file, line and column."""

    def __init__(self, path: Path, langs: Sequence[str]) -> None:
        self.path = path
        self.langs = tuple(langs)

    def fail(self, node: yaml.Node, message: str) -> DiagramDataError:
        mark = node.start_mark
        where = (self.path.as_posix(), mark.line + 1, mark.column + 1)
        return DiagramDataError(Finding(*where, "diagram-data-invalid", message))

    def mapping(
        self, node: yaml.Node, required: Iterable[str], optional: Iterable[str] = ()
    ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, "expected a mapping")
        required = tuple(required)
        allowed = set(required) | set(optional)
        items: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = str(key_node.value)
            if key in items:
                raise self.fail(key_node, f"duplicate key '{key}'")
            if key not in allowed:
                raise self.fail(key_node, f"unknown key '{key}'")
            items[key] = value
        missing = [key for key in required if key not in items]
        if missing:
            raise self.fail(node, f"missing key(s): {', '.join(missing)}")
        return items

    def sequence(self, node: yaml.Node) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, "expected a list")
        return list(node.value)

    def string(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR_TAG or not node.value.strip():
            raise self.fail(node, "expected a non-empty text")
        return " ".join(str(node.value).split())

    def optional_string(self, node: yaml.Node | None) -> str | None:
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            return None
        return self.string(node)

    def integer(self, node: yaml.Node) -> int:
        if not isinstance(node, yaml.ScalarNode) or not node.tag.endswith(":int"):
            raise self.fail(node, "expected a whole number")
        return int(node.value)

    def boolean(self, node: yaml.Node | None) -> bool:
        if node is None:
            return False
        if not isinstance(node, yaml.ScalarNode) or not node.tag.endswith(":bool"):
            raise self.fail(node, "expected true or false")
        return str(node.value).lower() == "true"

    def label(self, node: yaml.Node) -> Label:
        """A text per site language, in the site's order; other languages are an error."""
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"expected a label with texts for {', '.join(self.langs)}")
        texts: dict[str, str] = {}
        for key_node, value in node.value:
            lang = str(key_node.value)
            if lang in texts:
                raise self.fail(key_node, f"duplicate key '{lang}'")
            if lang not in self.langs:
                site = ", ".join(self.langs)
                raise self.fail(key_node, f"'{lang}' is not a language of the site ({site})")
            texts[lang] = self.string(value)
        for lang in self.langs:
            if lang not in texts:
                raise self.fail(node, f"label is missing its '{lang}' text")
        return {lang: texts[lang] for lang in self.langs}

    def labels(self, node: yaml.Node, section: str) -> dict[str, Label]:
        items = self.mapping(node, LABEL_KEYS[section])
        return {key: self.label(items[key]) for key in LABEL_KEYS[section]}


def _parse_size(r: _Reader, node: yaml.Node) -> Size:
    text = r.string(node)
    if text == "rest":
        return Size(None)
    if not SIZE_RE.match(text):
        raise r.fail(node, f"size '{text}' must look like '250 MB', '4 GB' or 'rest'")
    return Size(text)


def _parse_partition(r: _Reader, node: yaml.Node) -> Partition:
    keys = ("number", "type", "size", "fs", "mount", "kind", "label")
    items = r.mapping(node, keys, ("first-boot",))
    kind = r.string(items["kind"])
    if kind not in KINDS:
        raise r.fail(items["kind"], f"kind '{kind}' must be one of {', '.join(KINDS)}")
    return Partition(
        number=r.integer(items["number"]),
        ptype=r.string(items["type"]),
        size=_parse_size(r, items["size"]),
        fs=r.optional_string(items["fs"]),
        mounts=tuple(r.string(m) for m in r.sequence(items["mount"])),
        kind=kind,
        label=r.label(items["label"]),
        first_boot=r.boolean(items.get("first-boot")),
    )


def _parse_disk(r: _Reader, node: yaml.Node) -> DiskLayout:
    keys = ("title", "intro", "labels", "partitions", "usb-partitions")
    items = r.mapping(node, keys)
    nodes = r.sequence(items["partitions"])
    parts = tuple(_parse_partition(r, p) for p in nodes)
    order = tuple(p.number for p in parts)
    if order != PHYSICAL_ORDER:
        wanted = ", ".join(map(str, PHYSICAL_ORDER))
        bad = next(
            (i for i, n in enumerate(order) if i >= len(wanted) or n != PHYSICAL_ORDER[i]),
            len(order) - 1,
        )
        raise r.fail(
            nodes[bad] if nodes else items["partitions"],
            f"partitions must be in physical order {wanted}",
        )
    usb = tuple(r.integer(n) for n in r.sequence(items["usb-partitions"]))
    if [n for n in order if n in usb] != list(usb) or len(set(usb)) != len(usb):
        message = "USB/SD partitions must be partitions listed above, in the same order"
        raise r.fail(items["usb-partitions"], message)
    return DiskLayout(
        langs=r.langs,
        title=r.label(items["title"]),
        intro=r.label(items["intro"]),
        labels=r.labels(items["labels"], "disk-layout"),
        partitions=parts,
        usb=usb,
    )


def _parse_bank(r: _Reader, node: yaml.Node, images: dict[str, Label]) -> Bank:
    items = r.mapping(node, ("partition", "image"), ("updated", "booted", "next", "invalid"))
    image = r.string(items["image"])
    if image not in images:
        raise r.fail(items["image"], f"image '{image}' is not one of {', '.join(images)}")
    updated = items.get("updated")
    return Bank(
        partition=r.integer(items["partition"]),
        image=image,
        updated=None if updated is None else r.integer(updated),
        booted=r.boolean(items.get("booted")),
        next=r.boolean(items.get("next")),
        invalid=r.boolean(items.get("invalid")),
    )


def _parse_state(r: _Reader, node: yaml.Node, images: dict[str, Label]) -> State:
    items = r.mapping(node, ("id", "heading", "note", "banks"))
    banks = tuple(_parse_bank(r, b, images) for b in r.sequence(items["banks"]))
    if len(banks) != 2 or sum(b.booted for b in banks) != 1:
        raise r.fail(items["banks"], "a state has two banks, exactly one of them booted")
    if any(b.booted and b.invalid for b in banks):
        raise r.fail(items["banks"], "the booted bank cannot be invalid")
    return State(
        id=r.string(items["id"]),
        heading=r.label(items["heading"]),
        note=r.label(items["note"]),
        banks=(banks[0], banks[1]),
    )


def _parse_transition(r: _Reader, node: yaml.Node, ids: Sequence[str]) -> Transition:
    items = r.mapping(node, ("from", "to", "label"))
    ends = (r.string(items["from"]), r.string(items["to"]))
    for key, value in zip(("from", "to"), ends, strict=True):
        if value not in ids:
            raise r.fail(items[key], f"unknown state '{value}'")
    return Transition(src=ends[0], dst=ends[1], label=r.label(items["label"]))


def _parse_banks(r: _Reader, node: yaml.Node) -> BootBanks:
    keys = ("title", "intro", "labels", "files", "images", "states", "transitions")
    items = r.mapping(node, keys)
    image_nodes = r.mapping(items["images"], ("old", "new", "empty"))
    images = {key: r.label(value) for key, value in image_nodes.items()}
    files = tuple(
        BankFile(name=r.string(f["name"]), text=r.label(f["text"]))
        for f in (r.mapping(n, ("name", "text")) for n in r.sequence(items["files"]))
    )
    states = tuple(_parse_state(r, s, images) for s in r.sequence(items["states"]))
    if len(states) != 4:
        raise r.fail(items["states"], "the drawing has room for exactly four states")
    ids = [s.id for s in states]
    transitions = tuple(_parse_transition(r, t, ids) for t in r.sequence(items["transitions"]))
    return BootBanks(
        langs=r.langs,
        title=r.label(items["title"]),
        intro=r.label(items["intro"]),
        labels=r.labels(items["labels"], "boot-banks"),
        files=files,
        images=images,
        states=states,
        transitions=transitions,
    )


def _parse_persistence(r: _Reader, node: yaml.Node) -> bool | None:
    if isinstance(node, yaml.ScalarNode) and node.value == "depends":
        return None
    return r.boolean(node)


def _parse_step(r: _Reader, node: yaml.Node) -> Step:
    items = r.mapping(node, ("label", "detail", "persistent"))
    return Step(
        label=r.label(items["label"]),
        detail=r.label(items["detail"]),
        persistent=_parse_persistence(r, items["persistent"]),
    )


def _parse_scratch(r: _Reader, node: yaml.Node) -> ScratchLocation:
    items = r.mapping(node, ("title", "intro", "labels", "steps", "holds"))
    return ScratchLocation(
        langs=r.langs,
        title=r.label(items["title"]),
        intro=r.label(items["intro"]),
        labels=r.labels(items["labels"], "scratch-location"),
        steps=tuple(_parse_step(r, s) for s in r.sequence(items["steps"])),
        holds=tuple(r.label(h) for h in r.sequence(items["holds"])),
    )


def _check_bank_partitions(r: _Reader, root: yaml.Node, data: Data) -> None:
    # Bank states must talk about the partitions the disk layout calls boot banks.
    banks = tuple(p.number for p in data.disk.partitions if p.kind == "bootbank")
    for state in data.banks.states:
        if tuple(b.partition for b in state.banks) != banks:
            raise r.fail(root, f"state '{state.id}' must list boot-bank partitions {banks}")


def load_data(path: Path, langs: Sequence[str]) -> Data:
    """Parse and check the data file for the site's languages `langs` (default first);
    raise DiagramDataError naming file, line and column."""
    if not langs:
        raise ValueError("load_data needs the site's languages")
    r = _Reader(path, langs)
    try:
        root = yamlsafe.compose(path.read_text(encoding="utf-8"))  # no anchors, no aliases
    except yamlsafe.YamlError as exc:
        line, col, message = exc.finding.line, exc.finding.col, exc.finding.message
        problem = Finding(
            path.as_posix(), line, col, "diagram-data-invalid", f"invalid YAML: {message}"
        )
        raise DiagramDataError(problem) from exc
    if root is None:
        empty = Finding(path.as_posix(), 1, 1, "diagram-data-invalid", "the file is empty")
        raise DiagramDataError(empty)
    items = r.mapping(root, SECTIONS)
    data = Data(
        langs=r.langs,
        disk=_parse_disk(r, items["disk-layout"]),
        banks=_parse_banks(r, items["boot-banks"]),
        scratch=_parse_scratch(r, items["scratch-location"]),
    )
    _check_bank_partitions(r, items["boot-banks"], data)
    return data
