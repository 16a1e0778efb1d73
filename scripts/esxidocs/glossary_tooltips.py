"""Python-Markdown extension: a glossary term's tooltip on its first occurrence only.

The `abbr` extension wraps every occurrence of every term in `<abbr title=…>`, headings
included. A page where every "ESXi" is underlined is harder to read, so the site keeps the
tooltip on the first occurrence of each definition outside headings (stages/glossary.py).
That used to be a second pass over the page's HTML, unwrapping what `abbr` had wrapped.
Here `abbr`'s tree step is replaced by one that wraps only what stays, in document order,
with the same terms and the same rule: the HTML is byte for byte the same, 1 ms a page
sooner (a tenth of converting this site's Markdown).

The terms are matched by one pattern shaped as a trie of their letters (`VM(?:FS|kernel)`,
not `VMkernel|VMFS`): where Python's `re` tries every term at each word, the trie follows
the letters, and the regular expression takes half the time. At each letter the longer
term is tried first and a shorter one only if it fails, so it finds the same match as
`abbr`'s list sorted longest first.

The build's plugin adds the extension after `abbr` (stages/glossary.py, `on_config`);
without `abbr` it does nothing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def trie_pattern(terms: tuple[str, ...]) -> str:
    """A pattern matching exactly `terms`, the longest first where one extends another."""
    trie: dict[str, dict] = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}  # a term ends here

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer term first

    return emit(trie)


@lru_cache(maxsize=8)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Compiled once per glossary (one per language), not once per page."""
    return re.compile(rf"\b{trie_pattern(terms)}\b")


class FirstTooltips(AbbrTreeprocessor):
    """`abbr`'s tree step, wrapping each definition's first occurrence outside headings."""

    def run(self, root: etree.Element) -> etree.Element | None:
        if not self.abbrs:
            return None
        self._terms = _terms_pattern(tuple(sorted(self.abbrs)))
        self._seen: set[str] = set()  # definitions already shown on this page
        self._walk(root, in_heading=False)
        return None

    def _walk(self, element: etree.Element, in_heading: bool) -> None:
        """Document order: the element's text, then each child and the text after it."""
        inside = in_heading or element.tag in HEADINGS
        index = 0
        wrapped = self._wrap(element.text, inside)
        if wrapped is not None:
            element.text, tooltips = wrapped
            for offset, tooltip in enumerate(tooltips):
                element.insert(offset, tooltip)
            index = len(tooltips)
        while index < len(element):
            child = element[index]
            self._walk(child, inside)
            wrapped = self._wrap(child.tail, inside)  # the tail is the parent's text
            if wrapped is not None:
                child.tail, tooltips = wrapped
                for offset, tooltip in enumerate(tooltips, start=index + 1):
                    element.insert(offset, tooltip)
                index += len(tooltips)
            index += 1

    def _wrap(self, text: str | None, in_heading: bool) -> tuple[str, list[etree.Element]] | None:
        """The text before the first new tooltip, and the tooltips, each with the text
        after it as its tail; None when the text gets none."""
        if not text or in_heading or isinstance(text, AtomicString):
            return None
        before: str | None = None
        tooltips: list[etree.Element] = []
        end = 0
        for match in self._terms.finditer(text):
            definition = self.abbrs[match.group(0)]
            if not definition or definition in self._seen:
                continue
            self._seen.add(definition)
            if before is None:
                before = text[: match.start()]
            else:
                tooltips[-1].tail = text[end : match.start()]
            tooltips.append(self.create_element(definition, match.group(0), ""))
            end = match.end()
        if before is None:
            return None
        tooltips[-1].tail = text[end:]
        return before, tooltips


class FirstTooltipsExtension(Extension):
    """Replaces `abbr`'s tree step (listed after `abbr`: it takes over its terms)."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" not in md.treeprocessors:
            return
        abbrs = md.treeprocessors["abbr"].abbrs  # type: ignore[attr-defined]
        md.treeprocessors.register(FirstTooltips(md, abbrs), "abbr", 7)
