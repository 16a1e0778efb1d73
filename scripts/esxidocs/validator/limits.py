"""Bounds on a page's Markdown, shared by the validator and the build hook.

Whatever passes the validator must build in bounded time and memory. Python-Markdown
(the build's parser) has no limits of its own: it recurses once per nesting level and
rescans the rest of a paragraph for every `[` it cannot close. pulldown-cmark (the
validator's parser) has neither problem, so the validator passed pages the build could not
finish. Both sides import this module (the hook `esxidocs/stages/limits.py` by file path),
so the numbers live here only. Each limit exceeded is a relative `Finding` (path "": the
caller anchors it). Nothing else but the standard library: the hook runs inside MkDocs.

The numbers, measured on this machine with the site's Markdown extensions:

- `MAX_PAGE_BYTES`: Python-Markdown renders about 1 MiB of real page text a second and
  the whole build (hooks, search index) was about 11 s per MB (a 50 MB page ran past nine
  minutes at 3 GB). The largest real page is under 10 KiB; 256 KiB leaves 25 times that
  and keeps any one page to a few seconds.
- `MAX_LINE_CHARS`: the validator's long-standing limit; no real line comes near it.
- `MAX_QUOTE_DEPTH`, `MAX_LIST_DEPTH`: 1,000 nested list levels or 10,000 nested `>` end
  in a `RecursionError` (in Python-Markdown, or in the hooks' HTML parser), and 200
  levels already take a second (the cost grows with depth squared or faster). Real pages
  nest two or three levels; 16 leaves room for shell prompts (`>>>`) and indented code
  inside lists, and builds in milliseconds.
- `MAX_BRACKET_SCAN`: for every `[` Python-Markdown scans forward to its `]` (to the end
  of the paragraph if there is none), once per link pattern, and for every `](` to its
  `)`. 60 KiB of `[a` is about 1e9 characters of scanning: more than five minutes.
  Measured: 0.5 to 7 million estimated characters a second, the slowest when escapes or
  code spans sit between the brackets (each becomes a longer placeholder before links are
  matched). 500,000 bounds that work to about a second per page, worst case; real pages
  estimate under 1,000 (see `bracket_scan`).
- `MAX_HTML_DEPTH`, `MAX_EMPHASIS_DEPTH`: 300 nested `<div markdown>`, 400 nested `*a`
  emphases or 2,000 nested `<div>` end in a `RecursionError` (Python-Markdown's
  md_in_html, the hooks' HTML parser); real pages nest HTML one level (`<figure>`) and
  emphasis one. 32 of each, on top of 16 quotes and 16 lists, stays far from those.
- `MAX_TAG_SCAN`: the raw-HTML pass (Python's `html.parser`) scans from every `<` that may
  open a tag to the next `>`, with backtracking: 16 KiB of `<a ` took 5.6 s, 32 KiB 50 s.
  Counted like brackets (characters from each `<` to the next `>`), about 0.3 to 0.5 us a
  character in that range: 500,000 bounds it to a quarter of a second. Real pages: under
  100 (their `<host>` placeholders close at once).
- `MAX_ABBREVIATIONS`: `abbr` matches every abbreviation against all the text; 3,000 of
  them on a 200 KiB page took 50 s, 200 took 2 s. The glossary hook adds its own (about a
  hundred); a page may define 100 more. Real pages define none.
- `MAX_FOOTNOTE_REFS`: the footnotes extension numbers the references to one footnote
  one at a time from the start (quadratic): 2,000 references took 25 s, 200 took 0.2 s.
  Real pages have a handful.
- `MAX_BLOCK_STARTS`: a heading, rule, setext underline or definition (`:   d`) line
  splits the paragraph it sits in, and Python-Markdown tests the rest of the paragraph
  again from the start (quadratic: 8,192 `# a` lines with no blank line between took 9 s,
  16 KiB of `***` lines 2 s), and each definition line recurses once (900 of them end in a
  `RecursionError`). 32 such lines in one paragraph stay in milliseconds; real pages put a
  blank line around each (code blocks are not counted: `#` comments are common there).
- `MAX_FENCES`: each fenced code block costs SuperFences and the highlighter about half a
  millisecond (31,000 empty blocks, 250 KiB, took 16 s). 1,000 fence lines (500 blocks)
  stay under half a second; real pages have a dozen.
"""

from __future__ import annotations

import bisect
import re

from esxidocs.findings import Finding

MAX_PAGE_BYTES = 256 * 1024
MAX_LINE_CHARS = 20_000
MAX_QUOTE_DEPTH = 16
MAX_LIST_DEPTH = 16
MAX_BRACKET_SCAN = 500_000
MAX_HTML_DEPTH = 32
MAX_EMPHASIS_DEPTH = 32
MAX_TAG_SCAN = 500_000
MAX_ABBREVIATIONS = 100
MAX_FOOTNOTE_REFS = 200
MAX_BLOCK_STARTS = 32
MAX_FENCES = 1_000

TAB_WIDTH = 4  # Python-Markdown's tab_length: one nesting level per 4 columns of indent

# The container markers that may open a line: `>` (quote) or a list marker followed by a
# space. `- - - x` nests three lists on one line, as `> > x` nests two quotes.
_MARKER = re.compile(r"[ \t]*(?:(>)|([*+-]|\d+[.)])(?=[ \t]|$))")
_BLANK = re.compile(r"\n[ \t]*(?=\n)")
# A backslash escape (Python-Markdown stashes it before links are parsed), a bracket, a
# parenthesis, a backtick or a quote: everything the bracket estimate looks at.
_TOKENS = re.compile(r"\\.|[\[\]()`\"']", re.S)


def page_too_large(size: int) -> Finding | None:
    """The page size limit, on the file's size in bytes (the validator reports the same
    code from `files.read_bytes`)."""
    if size <= MAX_PAGE_BYTES:
        return None
    return Finding(
        "",
        1,
        1,
        "file-too-large",
        f"page is {size // 1024} KiB, larger than {MAX_PAGE_BYTES // 1024} KiB; split it",
    )


def _indent(text: str) -> int:
    """Columns of leading whitespace, tabs expanded."""
    return len(text[: len(text) - len(text.lstrip(" \t"))].expandtabs(TAB_WIDTH))


def _depths(line: str) -> tuple[int, int]:
    """Quote depth and list depth (list markers plus indentation levels) of a line."""
    quotes = lists = columns = pos = 0
    while (match := _MARKER.match(line, pos)) is not None:
        columns += max(0, _indent(match.group(0)) - (pos > 0))  # not a marker's own space
        if match.group(1):
            quotes += 1
        else:
            lists += 1
        pos = match.end()
    columns += max(0, _indent(line[pos:]) - (pos > 0))
    return quotes, lists + columns // TAB_WIDTH


def _nesting(lines: list[str], first_line: int) -> list[Finding]:
    """The first line nested deeper than the limits, per kind.

    Measured on the source lines, code included: a code fence Python-Markdown did not
    recognise would otherwise hide a deep quote. `>>>` prompts stay far below the limit.
    """
    found: list[Finding] = []
    quote_done = list_done = False
    for number, line in enumerate(lines, start=first_line):
        if len(line) - len(line.lstrip(" \t>*+-.)0123456789")) <= TAB_WIDTH:
            continue  # a short prefix cannot be deep: skip the common case fast
        quotes, lists = _depths(line)
        if quotes > MAX_QUOTE_DEPTH and not quote_done:
            quote_done = True
            found.append(
                Finding(
                    "",
                    number,
                    1,
                    "quote-too-deep",
                    f"block quote nested {quotes} levels deep (limit {MAX_QUOTE_DEPTH})",
                )
            )
        if lists > MAX_LIST_DEPTH and not list_done:
            list_done = True
            found.append(
                Finding(
                    "",
                    number,
                    1,
                    "list-too-deep",
                    f"list or indented block nested {lists} levels deep (limit "
                    f"{MAX_LIST_DEPTH}; each list marker or {TAB_WIDTH} columns of "
                    "indentation is a level)",
                )
            )
        if quote_done and list_done:
            break
    return found


def _units(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of text between blank lines: no paragraph, list item or
    table cell Python-Markdown parses inline spans a blank line, so each is inside one."""
    units = []
    start = 0
    for match in _BLANK.finditer(text):
        units.append((start, match.start()))
        start = match.end()
    units.append((start, len(text)))
    return units


def _unit_scan(text: str, start: int, end: int) -> tuple[int, int, int]:
    """Estimated characters Python-Markdown scans for the brackets of one unit, and the
    offset of the costliest opening bracket with its own cost.

    An upper bound: a `[` costs the distance to its `]`, or to the unit's end when there is
    none, when the `]` is escaped or when a backtick lies between (a code span hides a
    `]` from the link parser). A `(` right after `]` costs the distance to its `)`, or to
    the end when a quote or backtick lies between (a link title changes the matching).
    """
    brackets: list[int] = []
    parens: list[tuple[int, bool]] = []  # (offset, right after `]`)
    ticks: list[int] = []
    quotes: list[int] = []
    total = 0
    worst = (start, 0)

    def between(marks: list[int], a: int, b: int) -> bool:
        return bisect.bisect_right(marks, a) < bisect.bisect_left(marks, b)

    def charge(opening: int, closing: int) -> None:
        nonlocal total, worst
        cost = closing - opening
        total += cost
        if cost > worst[1]:
            worst = (opening, cost)

    pending: list[tuple[int, int]] = []  # matched pairs to check for ticks/quotes at the end
    pending_links: list[tuple[int, int]] = []
    for match in _TOKENS.finditer(text, start, end):
        char = match.group(0)
        pos = match.start()
        if len(char) == 2:  # an escape: never opens or closes anything
            continue
        if char == "[":
            brackets.append(pos)
        elif char == "]":
            if brackets:
                pending.append((brackets.pop(), pos))
        elif char == "(":
            parens.append((pos, pos > start and text[pos - 1] == "]"))
        elif char == ")":
            if parens:
                opening, after_bracket = parens.pop()
                if after_bracket:
                    pending_links.append((opening, pos))
        elif char == "`":
            ticks.append(pos)
        else:
            quotes.append(pos)
    for opening in brackets:
        charge(opening, end)
    for opening, after_bracket in parens:
        if after_bracket:
            charge(opening, end)
    for opening, closing in pending:
        charge(opening, end if between(ticks, opening, closing) else closing)
    for opening, closing in pending_links:
        hidden = between(ticks, opening, closing) or between(quotes, opening, closing)
        charge(opening, end if hidden else closing)
    return total, *worst


def bracket_scan(text: str) -> tuple[int, int, int]:
    """Estimated characters Python-Markdown scans for brackets in `text`, and the offset
    and cost of the costliest single bracket (the one to point the author at)."""
    total = 0
    worst = (0, 0)
    for start, end in _units(text):
        if text.find("[", start, end) < 0:
            continue
        cost, offset, single = _unit_scan(text, start, end)
        total += cost
        if single > worst[1]:
            worst = (offset, single)
    return total, *worst


# A tag: `<name ...>` or `</name>` (not `<https://...>`, which is an autolink).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_EMPHASIS = re.compile(r"\\.|\*+|_+", re.S)


def html_depth(text: str) -> tuple[int, int]:
    """Deepest nesting of HTML elements that are closed, and the offset of the first tag
    past `MAX_HTML_DEPTH` (or -1). Unclosed tags are left out: `<host>` placeholders in
    commands never close, and an unclosed tag nests nothing in Python-Markdown."""
    tags = [
        (m.start(), m.group(1) == "/", m.group(2).lower())
        for m in _TAG.finditer(text)
        if not m.group(3) and m.group(2).lower() not in _VOID
    ]
    stack: list[tuple[int, str]] = []  # (index in tags, name)
    closed: set[int] = set()
    for index, (_, closing, name) in enumerate(tags):
        if not closing:
            stack.append((index, name))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][1] == name:
                closed.add(stack[depth][0])
                del stack[depth:]
                break
    deepest, past, depth = 0, -1, 0
    opened: list[int] = []
    for index, (offset, closing, _) in enumerate(tags):
        if not closing and index in closed:
            depth += 1
            opened.append(index)
            if depth > deepest:
                deepest = depth
                if depth > MAX_HTML_DEPTH and past < 0:
                    past = offset
        elif closing and opened and depth:
            depth -= 1
            opened.pop()
    return deepest, past


def emphasis_depth(text: str) -> tuple[int, int]:
    """Deepest nesting of `*` / `_` emphasis within one paragraph, and the offset of the
    first delimiter past `MAX_EMPHASIS_DEPTH` (or -1). A run followed by a non-space opens,
    one preceded by a non-space closes (both: closes if anything is open); only pairs that
    close count, as for HTML (`*[abbr]:` lines open nothing). Paragraphs with too few
    delimiters to pass the limit are skipped, so `deepest` is exact only past it."""
    deepest, past = 0, -1
    for start, end in _units(text):
        if text.count("*", start, end) + text.count("_", start, end) <= MAX_EMPHASIS_DEPTH:
            continue  # too few delimiters to go past the limit: the common case, fast
        runs: list[tuple[int, bool]] = []  # (offset, opens)
        for match in _EMPHASIS.finditer(text, start, end):
            if match.group(0)[0] == "\\":
                continue
            before = text[match.start() - 1] if match.start() > start else " "
            after = text[match.end()] if match.end() < end else " "
            if not before.isspace():
                runs.append((match.start(), False))
            elif not after.isspace():
                runs.append((match.start(), True))
        stack: list[int] = []
        paired: set[int] = set()  # indices in `runs` of openers and closers that pair up
        for index, (_, opens) in enumerate(runs):
            if opens:
                stack.append(index)
            elif stack:
                paired.update((stack.pop(), index))
        depth = 0
        for index, (offset, opens) in enumerate(runs):
            if index not in paired:
                continue
            depth += 1 if opens else -1
            if depth > deepest:
                deepest = depth
                if depth > MAX_EMPHASIS_DEPTH and past < 0:
                    past = offset
    return deepest, past


# A `<` the raw-HTML parser treats as the start of markup.
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")
_ABBREVIATION = re.compile(r"^[ \t]*\*\[[^\]\n]*\][ \t]*:", re.M)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\n]+\]")


def tag_scan(text: str) -> tuple[int, int, int]:
    """Characters the raw-HTML parser scans from each `<` to the next `>` (to the end if
    none), and the offset and cost of the costliest `<`."""
    closes = [m.start() for m in re.finditer(">", text)]
    total, worst = 0, (0, 0)
    for match in _MARKUP_START.finditer(text):
        index = bisect.bisect_left(closes, match.start())
        cost = (closes[index] if index < len(closes) else len(text)) - match.start()
        total += cost
        if cost > worst[1]:
            worst = (match.start(), cost)
    return total, *worst


def _too_many(text: str, pattern: re.Pattern[str], limit: int) -> tuple[int, int]:
    """How many matches, and the offset of the first one past `limit` (or -1)."""
    count, past = 0, -1
    for match in pattern.finditer(text):
        count += 1
        if count == limit + 1:
            past = match.start()
    return count, past


# A line Python-Markdown splits a paragraph at (inside quotes too): ATX heading,
# definition, setext underline or rule.
_BLOCK_START = re.compile(r"(?:[ \t]*>)*[ \t]*(?:#|:[ \t]|(?:=+|-+)[ \t]*$|(?:[*_-][ \t]*){3,}$)")
_FENCE = re.compile(r"(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})")


def _code_lines(lines: list[str]) -> set[int]:
    """Indices of lines inside fenced code blocks that close (an unclosed fence is not
    code to SuperFences, so its lines are not skipped)."""
    inside: set[int] = set()
    opened: tuple[int, str] | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if match is None:
            continue
        fence = match.group(1)
        if opened is None:
            opened = (index, fence)
        elif (
            fence[0] == opened[1][0]
            and len(fence) >= len(opened[1])
            and not line[match.end() :].strip()
        ):
            inside.update(range(opened[0] + 1, index))
            opened = None
    return inside


def block_starts(lines: list[str]) -> tuple[int, int]:
    """Most paragraph-splitting lines in one run of lines without a blank line, and the
    index of the first line past `MAX_BLOCK_STARTS` (or -1)."""
    code = _code_lines(lines) if "`" in "".join(lines) or "~" in "".join(lines) else set()
    most, past, count = 0, -1, 0
    for index, line in enumerate(lines):
        if not line.strip():
            count = 0
        elif index not in code and _BLOCK_START.match(line):
            count += 1
            most = max(most, count)
            if count > MAX_BLOCK_STARTS and past < 0:
                past = index
    return most, past


def _position(text: str, offset: int, first_line: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return first_line + text.count("\n", 0, offset), offset - line_start + 1


def check_markdown(text: str, first_line: int = 1) -> list[Finding]:
    """Every limit `text` exceeds; `first_line` is the file line where `text` starts.

    Line length is checked first: the other checks are only meaningful (and only cheap)
    on text whose lines are bounded.
    """
    lines = text.split("\n")
    for number, line in enumerate(lines, start=first_line):
        if len(line) > MAX_LINE_CHARS:
            return [
                Finding(
                    "",
                    number,
                    MAX_LINE_CHARS,
                    "line-too-long",
                    f"line is {len(line)} characters (limit {MAX_LINE_CHARS})",
                )
            ]
    found = _nesting(lines, first_line)
    # Each `[` or `(` costs at most the page's length: most pages need no closer look.
    crude = (text.count("[") + text.count("(")) * len(text)
    total, offset, single = bracket_scan(text) if crude > MAX_BRACKET_SCAN else (0, 0, 0)
    if total > MAX_BRACKET_SCAN:
        row, col = _position(text, offset, first_line)
        found.append(
            Finding(
                "",
                row,
                col,
                "brackets-too-costly",
                f"brackets would make the Markdown parser rescan about {total:,} characters "
                f"(limit {MAX_BRACKET_SCAN:,}); this '{text[offset]}' alone costs {single:,}: "
                "close it, or escape it as \\[",
            )
        )
    total, offset, single = tag_scan(text) if "<" in text else (0, 0, 0)
    if total > MAX_TAG_SCAN:
        row, col = _position(text, offset, first_line)
        found.append(
            Finding(
                "",
                row,
                col,
                "tags-too-costly",
                f"'<' would make the HTML parser rescan about {total:,} characters (limit "
                f"{MAX_TAG_SCAN:,}); this '<' alone costs {single:,}: close the tag with '>', "
                "or write &lt;",
            )
        )
    for code, what, pattern, limit in (
        ("abbreviations-too-many", "abbreviation definitions", _ABBREVIATION, MAX_ABBREVIATIONS),
        ("footnotes-too-many", "footnote references", _FOOTNOTE_REF, MAX_FOOTNOTE_REFS),
    ):
        count, offset = _too_many(text, pattern, limit)
        if offset >= 0:
            row, col = _position(text, offset, first_line)
            found.append(
                Finding("", row, col, code, f"{count} {what} (limit {limit}); this is one too many")
            )
    fences = [index for index, line in enumerate(lines) if _FENCE.match(line)]
    if len(fences) > MAX_FENCES:
        found.append(
            Finding(
                "",
                first_line + fences[MAX_FENCES],
                1,
                "fences-too-many",
                f"{len(fences)} code fence lines (limit {MAX_FENCES}, about "
                f"{MAX_FENCES // 2} code blocks); split the page",
            )
        )
    most, index = block_starts(lines)
    if index >= 0:
        found.append(
            Finding(
                "",
                first_line + index,
                1,
                "paragraph-too-split",
                f"{most} headings, rules or definitions with no blank line between them "
                f"(limit {MAX_BLOCK_STARTS}); put a blank line before each",
            )
        )
    for code, kind, limit, (depth, offset) in (
        ("html-too-deep", "HTML elements", MAX_HTML_DEPTH, html_depth(text)),
        ("emphasis-too-deep", "emphasis (* or _)", MAX_EMPHASIS_DEPTH, emphasis_depth(text)),
    ):
        if offset >= 0:
            row, col = _position(text, offset, first_line)
            found.append(Finding("", row, col, code, f"{kind} nested {depth} deep (limit {limit})"))
    return sorted(found, key=lambda f: (f.line, f.col))
