"""Find, parse and check a page's front matter block, with positions in the file.

The block is recognised exactly as MkDocs does (`mkdocs.utils.meta.YAML_RE`): an opening
`---` on the first line and a closing `---` or `...` line that ends with a newline.
Otherwise MkDocs silently renders the YAML as page text, so both cases are errors here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from esxidocs import frontmatter
from esxidocs.findings import Finding

from . import yamlsafe

_OPEN = re.compile(r"-{3}[ \t]*")
_CLOSE = re.compile(r"(?:-{3}|\.{3})[ \t]*")
MAX_BLOCK_CHARS = 64 * 1024
# YAML forbids C0 controls except tab/newline; we also refuse C1 controls and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class FrontMatter:
    meta: dict[str, Any] | None = None
    body_start: int = 0  # 0-based index of the first line after the block
    findings: list[Finding] = field(default_factory=list)  # relative: positions in the file


def _key_positions(node: yaml.Node | None) -> dict[str, tuple[int, int]]:
    """Top-level key -> 0-based (line, col) of its value, for pointing at problems."""
    positions: dict[str, tuple[int, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                positions.setdefault(key.value, (key.start_mark.line, key.start_mark.column))
                if key.value in ("title", "description", "article"):
                    positions[key.value] = (value.start_mark.line, value.start_mark.column)
    return positions


def _parse_block(block: str, first: int, result: FrontMatter) -> None:
    """Parse the YAML between the fences; `first` is the block's first file line (1-based)."""
    control = _CONTROL.search(block)
    if control:
        line = block.count("\n", 0, control.start())
        col = control.start() - (block.rfind("\n", 0, control.start()) + 1)
        result.findings.append(
            Finding(
                "",
                first + line,
                col + 1,
                "fm-control-char",
                f"control character U+{ord(control.group()):04X} in front matter",
            )
        )
        return
    try:
        node = yamlsafe.compose(block)
        meta = yamlsafe.construct(node) if node is not None else None
    except yamlsafe.YamlError as issue:
        result.findings.append(issue.finding.shifted(first - 1))
        return
    if node is not None:
        for key, line, col, first_line in yamlsafe.duplicate_keys(node):
            result.findings.append(
                Finding(
                    "",
                    first + line,
                    col + 1,
                    "fm-duplicate-key",
                    f"duplicate key '{key}' (first at line {first + first_line})",
                )
            )
    positions = _key_positions(node)
    if meta is None:
        result.findings.append(
            Finding("", first - 1, 1, "fm-not-mapping", "front matter block is empty")
        )
        return

    def where(key: str | None) -> tuple[int, int]:
        """The key's value (its name for other keys); a block that is not a mapping at its
        start; a missing key at the opening '---'."""
        if key is None and not isinstance(meta, dict) and node is not None:
            return first + node.start_mark.line, node.start_mark.column + 1
        line, col = positions.get(key or "", (-1, 0))
        return (first + line, col + 1) if line >= 0 else (first - 1, 1)

    result.findings.extend(frontmatter.check(meta, where))
    if isinstance(meta, dict):
        result.meta = {str(k): v for k, v in meta.items()}


def check_front_matter(text: str) -> FrontMatter:
    """Locate and check the block at the top of `text` (newlines already normalised)."""
    result = FrontMatter()
    lines = text.split("\n")
    if not _OPEN.fullmatch(lines[0]):
        result.findings.append(
            Finding("", 1, 1, "fm-missing", "page must start with a '---' front matter block")
        )
        return result
    # The last element of split() is what follows the final newline: never a valid fence.
    close = next((i for i in range(1, len(lines) - 1) if _CLOSE.fullmatch(lines[i])), None)
    if close is None:
        if len(lines) > 1 and _CLOSE.fullmatch(lines[-1]):
            message = "closing '---' must end with a newline, or MkDocs ignores the block"
            result.findings.append(Finding("", len(lines), 1, "fm-unterminated", message))
        else:
            result.findings.append(
                Finding("", 1, 1, "fm-unterminated", "front matter block has no closing '---' line")
            )
        result.body_start = 1
        return result
    result.body_start = close + 1
    block = "\n".join(lines[1:close])
    if len(block) > MAX_BLOCK_CHARS:
        result.findings.append(
            Finding(
                "", 2, 1, "fm-too-complex", f"front matter is over {MAX_BLOCK_CHARS // 1024} KiB"
            )
        )
        return result
    _parse_block(block, 2, result)
    return result
