"""Render a page's link-preview card (1200x630 PNG) locally, with no network.

Wikis and chat tools show `og:image` when a link is pasted. Material's social plugin
downloads fonts at build time, which fails offline, so cards are drawn here with Pillow
and the DejaVu fonts that Debian's `fonts-dejavu-core` installs.

Drawing and encoding a card costs about 20 ms, so `write_card` keeps each one in a cache
directory under a key that hashes everything that decides its bytes, as Material's social
plugin does: a rebuild with unchanged pages copies the PNG instead of drawing it. Of those
20 ms, 16 are the PNG encoder, which lets go of Python's lock: `write_card` can hand it to a
thread pool, so a first build on several cores does not wait for every card in turn.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import sys
import tempfile
from concurrent.futures import Executor, Future
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from esxidocs import build_cache

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BACKGROUND = (40, 53, 147)  # Material indigo 800: the site's primary colour, darker
BAND = (57, 73, 171)  # indigo 600
TEXT = (255, 255, 255)
MUTED = (197, 202, 233)  # indigo 100: 7.9:1 on the background


@dataclass(frozen=True)
class Card:
    title: str
    description: str
    site_name: str
    language: str  # shown in the badge, e.g. "Español"
    url: str  # shown at the bottom, scheme stripped


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: install fonts-dejavu-core (make system-deps)")
    return ImageFont.truetype(str(path), size)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap by measured width; the last kept line ends in an ellipsis if cut.
    A word wider than a line (a long path or address) is cut where the line ends."""
    lines: list[str] = []
    words = [piece for word in text.split() for piece in _pieces(word, font, width)]
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            rest = " ".join([lines[-1], *words[index:]])
            lines[-1] = _ellipsize(rest, font, width)
            return lines
    lines.append(current)
    return [line for line in lines if line]


def _pieces(word: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """`word` in pieces that each fit `width` (one piece when it fits already)."""
    pieces = [""]
    for char in word:
        if pieces[-1] and font.getlength(pieces[-1] + char) > width:
            pieces.append("")
        pieces[-1] += char
    return pieces


def _ellipsize(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """`text` cut to end in an ellipsis within `width`: at a space, else at a character."""
    while font.getlength(text + "…") > width and len(text) > 1:
        text = text.rsplit(" ", 1)[0] if " " in text else text[:-1]
    return text.rstrip(",;:") + "…"


def fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """`text` as it is when it fits `width`, else cut with an ellipsis."""
    return text if font.getlength(text) <= width else _ellipsize(text, font, width)


def draw(card: Card) -> Image.Image:
    """The card as an image, drawn on the calling thread: drawing holds Python's lock (two
    threads only took turns, and more slowly), and Pillow's fonts share one FreeType
    library, which is not meant for two threads at once."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, HEIGHT - 96, WIDTH, HEIGHT), fill=BAND)
    inner = WIDTH - 2 * MARGIN

    pen.text((MARGIN, 64), card.site_name, font=_font(BOLD, 34), fill=MUTED)

    title_size = 64
    title_font = _font(BOLD, title_size)
    title_lines = wrap(card.title, title_font, inner, 3)
    y = 150
    for line in title_lines:
        pen.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += int(title_size * 1.2)

    body_font = _font(REGULAR, 30)
    for line in wrap(card.description, body_font, inner, 6 - len(title_lines)):
        pen.text((MARGIN, y + 24), line, font=body_font, fill=MUTED)
        y += 42

    badge = _font(BOLD, 26)
    label_width = int(badge.getlength(card.language))
    left = WIDTH - MARGIN - label_width - 32
    pen.rounded_rectangle((left, HEIGHT - 72, WIDTH - MARGIN, HEIGHT - 24), 12, fill=TEXT)
    pen.text((left + 16, HEIGHT - 65), card.language, font=badge, fill=BACKGROUND)
    small = _font(REGULAR, 26)
    # A long address stops short of the language badge instead of running under it.
    pen.text((MARGIN, HEIGHT - 64), fit(card.url, small, left - 24 - MARGIN), font=small, fill=TEXT)
    return image


def encode(image: Image.Image) -> bytes:
    """The image as PNG bytes; the same pixels give the same bytes."""
    out = io.BytesIO()
    # zlib's default level: `optimize` (level 9) made the PNG 5 % smaller for three times
    # the time (50 ms against 15), on every card of a first build.
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()


def render(card: Card) -> bytes:
    """The card as PNG bytes; identical input gives identical bytes."""
    return encode(draw(card))


@cache
def _renderer_digest() -> str:
    """What decides a card's bytes besides its text: this drawing code, Pillow, the fonts."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(PIL.__version__.encode())
    for font in (BOLD, REGULAR):
        digest.update(font.read_bytes() if font.is_file() else b"missing")
    return digest.hexdigest()


def cache_key(card: Card) -> str:
    """Content hash of a card: equal keys render to equal bytes."""
    digest = hashlib.sha256(_renderer_digest().encode())
    for field in astuple(card):
        digest.update(b"\0" + str(field or "").encode())
    return digest.hexdigest()


def write_card(
    card: Card, target: Path, cache_dir: Path | None, pool: Executor | None = None
) -> Future[bool]:
    """Write the card's PNG to `target`, from `cache_dir` when it holds it; the result is
    True on a hit. A missed card is drawn here, then encoded and written on `pool` (at once
    without one): the caller waits for the result before it uses the file.

    A missed card is stored atomically (temporary file, then rename), so an interrupted or
    concurrent build never leaves a truncated PNG to be copied later.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    cached = None
    if cache_dir is not None:
        key = cache_key(card)
        cached = cache_dir / key[:2] / f"{key}.png"
        try:
            shutil.copyfile(cached, target)
        except OSError:  # not cached, pruned by another build meanwhile, or no cache folder
            pass
        else:
            build_cache.used(cached)
            return _done(True)
    image = draw(card)
    if pool is None:
        return _done(_write(image, target, cached))
    return pool.submit(_write, image, target, cached)


def _done(result: bool) -> Future[bool]:
    future: Future[bool] = Future()
    future.set_result(result)
    return future


def _write(image: Image.Image, target: Path, cached: Path | None) -> bool:
    data = encode(image)
    target.write_bytes(data)
    if cached is None:
        return False
    try:  # a cache that cannot be written costs speed, never the build
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, cached)
    except OSError:
        pass
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render one link-preview card to a PNG file.")
    parser.add_argument("output", type=Path, help="PNG file to write")
    parser.add_argument("--title", required=True)
    parser.add_argument("--description", default="")
    parser.add_argument("--site-name", default="")
    parser.add_argument("--language", default="")
    parser.add_argument("--url", default="")
    args = parser.parse_args(argv)
    card = Card(args.title, args.description, args.site_name, args.language, args.url)
    args.output.write_bytes(render(card))
    return 0


if __name__ == "__main__":
    sys.exit(main())
