"""Where a line may break on paper, so that justified lines keep even word spacing.

Justified text stretches its spaces to fill the line. When the next word cannot break and
does not fit, the whole gap it leaves is shared by the spaces of the line before: a long
URL or command then leaves gaps of several spaces. So, in the book:

- an address shown after an external link may break where the Chicago Manual of Style
  breaks URLs (after `//`; before `/ . , - _ ~ ? # %`; before or after `= &`), and inside
  a long run of letters and digits (a commit hash, a GUID);
- inline code may break between its words (`esxcli system syslog reload`), never inside
  one, and no text breaks after a slash: a path broken there reads as two words;
- a paragraph or list item that still holds an unbreakable run of code longer than
  `LONG_RUN` characters, or a printed address (a citation, whose lines are mostly URL
  with few spaces to stretch), is set ragged-right instead of justified, as
  bibliographies are.
"""

from __future__ import annotations

import itertools
import math
import re

from bs4 import NavigableString, Tag

from esxidocs.pdfbook.chapters import add_class

# Longest run of code characters a justified line may have to push to the next line. In
# the body (9.5 pt serif, a space is 3 pt; code at 0.86 em monospace, about 4.9 pt a
# character) 16 characters are about 80 pt; a line's dozen or more spaces share that, about
# two spaces more each: the three in all that tests/test_pdf.py allows.
LONG_RUN = 16
# A run of letters and digits in a URL longer than LONG_RUN is cut in equal pieces of at
# most CHUNK characters (a commit hash, a GUID); shorter runs stay whole.
CHUNK = 12
ZERO_WIDTH_SPACE = "\u200b"
WORD_JOINER = "\u2060"
_BEFORE = "/.,-_~?#%=&"
_AFTER = "=&"
_SLASH_WORD = re.compile(r"/(?=\w)")
_URL_PARTS = re.compile(r"(://|[/.,\-_~?#%=&]|[^/.,\-_~?#%=&:]+|:)")


def url_pieces(url: str) -> list[str]:
    """`url` cut where a line may break; joined, the pieces give `url` back."""
    pieces: list[str] = []
    current = ""
    for part in _URL_PARTS.findall(url):
        if part in _BEFORE and current:
            pieces.append(current)
            current = ""
        if len(part) > LONG_RUN:
            size = math.ceil(len(part) / math.ceil(len(part) / CHUNK))  # equal pieces
            chunks = [part[i : i + size] for i in range(0, len(part), size)]
            pieces.append(current + chunks[0])
            pieces.extend(chunks[1:-1])
            current = chunks[-1] if len(chunks) > 1 else ""
            continue
        current += part
        if part == "://" or part in _AFTER:
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return [piece for piece in pieces if piece]


def breakable_url(url: str) -> str:
    """The URL with a zero-width space at each place a line may break.

    A character, not a `<wbr>` element: each `<wbr>` became a text box and a tagged span of
    its own, half again the PDF's size. Pango breaks at it and draws nothing, so the PDF's
    text (what a reader copies) has no trace of it; the glyph check skips format characters.
    """
    return ZERO_WIDTH_SPACE.join(url_pieces(url))


def _unbreakable(word: str) -> str:
    """`word` with a word joiner wherever a line could break inside it (after / or -)."""
    joined = word[:1]
    for before, char in itertools.pairwise(word):
        if not (before.isalnum() and char.isalnum()):
            joined += WORD_JOINER
        joined += char
    return joined


def _keep_paths_whole(body: Tag) -> None:
    """No break after a slash in running text either (a table's "/bootbank")."""
    for text in body.find_all(string=_SLASH_WORD):
        if type(text) is not NavigableString or text.find_parent(["code", "pre", "svg"]):
            continue
        text.replace_with(_SLASH_WORD.sub("/" + WORD_JOINER, str(text)))


def set_breaks(body: Tag) -> None:
    """Apply the module's rules to one chapter's inline code, links and paragraphs."""
    _keep_paths_whole(body)
    ragged: list[Tag] = []
    for code in body.find_all("code"):
        if code.find_parent("pre") is not None or code.find(True) is not None:
            continue
        words = code.get_text().split(" ")
        if len(words) > 1:
            # A command: an inline box that breaks at its spaces and nowhere else.
            add_class(code, "words")
            code.string = " ".join(_unbreakable(word) for word in words)
        if max(len(word) for word in words) > LONG_RUN:
            ragged.append(code)
    # A line that is mostly an address has few spaces to share what its last piece left.
    ragged.extend(link for link in body.find_all("a", href=True) if link["href"][:1] != "#")
    for element in ragged:
        block = element.find_parent(["p", "li", "dd"])
        if block is not None:
            add_class(block, "ragged")
