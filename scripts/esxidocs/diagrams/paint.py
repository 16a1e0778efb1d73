"""The diagrams' colours and the scoped stylesheet that applies them.

Colours are CSS classes (`f-<paint>` fill, `s-<paint>` stroke) scoped to the diagram's root
class. Inline in a page they follow Material's palette (its CSS variables, plus our own
`slate` values); standalone or in print they fall back to the light values, which the
canvas also writes as presentation attributes for renderers that ignore `<style>`.
"""

from __future__ import annotations

from dataclasses import dataclass

from esxidocs.diagrams.metrics import FONT_STACK, MONO_STACK


@dataclass(frozen=True)
class Paint:
    """A colour for Material's default scheme (also the standalone value) and `slate`.

    With `var`, inline SVGs take the colour from that Material variable (so it follows the
    palette toggle); `dark` is then what Material sets in slate, kept for the contrast test.
    """

    light: str
    dark: str
    var: str | None = None


PAINTS: dict[str, Paint] = {
    "bg": Paint("#ffffff", "#1e2129", "--md-default-bg-color"),
    "fg": Paint("#212121", "#e2e4e9d1", "--md-default-fg-color"),
    "muted": Paint("#4d5361", "#b4b9c6"),
    "surface": Paint("#f5f5f5", "#272a35", "--md-code-bg-color"),
    "edge": Paint("#6b7180", "#9aa1b2"),
    "boot": Paint("#e3e8fc", "#28335e"),
    "boot-edge": Paint("#3949ab", "#8c9eff"),
    "scratch": Paint("#fcefd4", "#46330f"),
    "scratch-edge": Paint("#a15c07", "#e8ac4c"),
    "ok": Paint("#e2f3e6", "#1c3a25"),
    "ok-edge": Paint("#2e7d32", "#76d38a"),
    "lost": Paint("#fce6e4", "#4a1f1f"),
    "lost-edge": Paint("#c62828", "#f28b82"),
    "arrow": Paint("#454b58", "#c4c9d6"),
}


def _declaration(prop: str, paint: Paint) -> str:
    if paint.var is None:
        return f"{prop}:{paint.light}"
    # The plain value first: a renderer without var() keeps it and drops the second.
    return f"{prop}:{paint.light};{prop}:var({paint.var},{paint.light})"


def stylesheet(name: str) -> str:
    """CSS scoped to one diagram: an inline <style> applies to the whole page."""
    root = f".dgm-{name}"
    rules = [f"{root}{{font-family:{FONT_STACK}}}", f"{root} .mono{{font-family:{MONO_STACK}}}"]
    dark = []
    for key, paint in PAINTS.items():
        for prefix, prop in (("f", "fill"), ("s", "stroke")):
            rules.append(f"{root} .{prefix}-{key}{{{_declaration(prop, paint)}}}")
            if paint.var is None:
                dark.append(
                    f'[data-md-color-scheme="slate"] {root} .{prefix}-{key}{{{prop}:{paint.dark}}}'
                )
    # Material defines slate only for screen; print keeps the light palette, so do we.
    return "\n".join(rules) + "\n@media screen{\n" + "\n".join(dark) + "\n}"


def paint_attrs(fill: str | None, stroke: str | None) -> str:
    """Class and presentation attributes of a shape painted `fill` and `stroke`."""
    classes = [f"f-{fill}" if fill else "", f"s-{stroke}" if stroke else ""]
    attrs = f' class="{" ".join(c for c in classes if c)}"'
    attrs += f' fill="{PAINTS[fill].light}"' if fill else ' fill="none"'
    if stroke:
        attrs += f' stroke="{PAINTS[stroke].light}"'
    return attrs
