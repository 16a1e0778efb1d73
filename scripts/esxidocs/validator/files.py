"""Reading files defensively: the validator must survive anything a tree can contain.

Binary data, bad encodings, huge files and lines, symlink loops and links that point out
of the repository each become one relative Finding (path "": the caller anchors it);
nothing here raises for them.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from esxidocs.findings import Finding

from .limits import MAX_LINE_CHARS  # shared with the build hook; pages: MAX_PAGE_BYTES

MAX_TEXT_BYTES = 4 * 1024 * 1024  # no data file comes near; a larger one is a mistake


@dataclass(frozen=True)
class WalkEntry:
    rel: str  # posix path relative to the walked root
    path: Path  # the path inside the tree (not resolved), for display


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def resolve_inside(path: Path, root: Path) -> Path | Finding:
    """The real path of `path`, or why it must not be used."""
    try:
        real = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports symlink loops this way
        return Finding("", 1, 1, "file-symlink-loop", "symbolic link loop")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Finding("", 1, 1, "file-symlink-loop", "symbolic link loop")
        return Finding("", 1, 1, "file-unreadable", f"cannot read: {exc.strerror or exc}")
    if not real.is_relative_to(root):
        return Finding("", 1, 1, "file-outside-repo", f"resolves to {real}, outside the repository")
    return real


def read_bytes(
    path: Path, root: Path, limit: int = MAX_TEXT_BYTES, *, walked: bool = False
) -> bytes | Finding:
    """The file's bytes, or why not; never reads a file that resolves outside `root`.

    `walked`: the path came from `walk`, which already checked where it leads.
    """
    real = path if walked else resolve_inside(path, root)
    if isinstance(real, Finding):
        return real
    try:
        with open(real, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        return Finding("", 1, 1, "file-unreadable", f"cannot read: {exc.strerror or exc}")
    if len(data) > limit:
        return Finding("", 1, 1, "file-too-large", f"larger than {limit // 1024} KiB; not checked")
    return data


def decode_text(data: bytes) -> str | Finding:
    """UTF-8 text with newlines normalised as MkDocs reads it (BOM dropped)."""
    nul = data.find(b"\0")
    if nul != -1:
        line, col = _position(data, nul)
        return Finding("", line, col, "file-binary", "contains NUL bytes: binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        return Finding(
            "", line, col, "file-encoding", f"invalid UTF-8 (byte 0x{data[exc.start]:02x})"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(
    path: Path, root: Path, limit: int = MAX_TEXT_BYTES, *, walked: bool = False
) -> str | Finding:
    data = read_bytes(path, root, limit, walked=walked)
    return data if isinstance(data, Finding) else decode_text(data)


def long_line(text: str, limit: int = MAX_LINE_CHARS) -> Finding | None:
    """The first line longer than `limit`, as a problem."""
    if len(text) <= limit:
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > limit:
            return Finding(
                "",
                number,
                limit,
                "line-too-long",
                f"line is {len(line)} characters (limit {limit})",
            )
    return None


def walk(top: Path, root: Path) -> tuple[list[WalkEntry], list[tuple[Path, Finding]]]:
    """Every regular file under `top`, following symlinks that stay inside `root`."""
    entries: list[WalkEntry] = []
    issues: list[tuple[Path, Finding]] = []
    # Each folder carries the real paths of its ancestors: a link to one of them is a loop.
    stack: list[tuple[Path, str, frozenset[Path]]] = [(top, "", frozenset())]
    while stack:
        folder, prefix, ancestors = stack.pop()
        real = resolve_inside(folder, root)
        if isinstance(real, Finding):
            issues.append((folder, real))
            continue
        if real in ancestors:
            issues.append((folder, Finding("", 1, 1, "file-symlink-loop", "symbolic link loop")))
            continue
        try:
            children = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            issues.append(
                (folder, Finding("", 1, 1, "file-unreadable", f"cannot list: {exc.strerror}"))
            )
            continue
        inner = ancestors | {real}
        for child in children:
            rel = f"{prefix}{child.name}"
            path = Path(child.path)
            try:
                is_dir, is_file = child.is_dir(), child.is_file()
            except OSError:
                is_dir = is_file = False
            if is_dir:
                stack.append((path, f"{rel}/", inner))
            elif is_file and not child.is_symlink():
                entries.append(WalkEntry(rel, path))
            else:
                # A symlinked file must stay inside the repository; a dangling or looping
                # link is reported.
                issue = resolve_inside(path, root)
                if isinstance(issue, Finding):
                    issues.append((path, issue))
                elif is_file:
                    entries.append(WalkEntry(rel, path))
    entries.sort(key=lambda e: e.rel)
    return entries, issues
