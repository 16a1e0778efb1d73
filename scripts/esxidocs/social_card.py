"""Render a page's link-preview card (1200x630 PNG) locally, with no network.

Wikis and chat tools show `og:image` when a link is pasted. Material's social plugin
downloads fonts at build time, which fails offline, so cards are drawn here with Pillow
and the DejaVu fonts that Debian's `fonts-dejavu-core` installs.

Drawing and encoding a card costs about 4 ms, so `write_card` keeps each one in a cache
directory under a key that hashes everything that decides its bytes, as Material's social
plugin does: a rebuild with unchanged pages copies the PNG instead of drawing it. The card
is a 256-colour palette image (see RAMPS): encoded in 2 ms against 18 for the same card
in full colour, and 30 KB against 58. It is encoded where it is drawn, on the build's
thread: encoding on a second thread, while the build went on, cost a first build of 2x500
pages 13 % more CPU time on this two-core machine, for no shorter wall-clock time.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import sys
import tempfile
from dataclasses import astuple, dataclass
from functools import cache, lru_cache
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


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """One font object per face and size for the whole build (loading one costs as much as
    drawing a short text); only `draw` and the layouts use them, on the build's own thread."""
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: install fonts-dejavu-core (make system-deps)")
    return ImageFont.truetype(str(path), size)


# A card shows six lines at most, a little over a hundred characters each of the narrowest
# glyphs: text past this many characters is never drawn, so it is never measured either.
# Cutting a 4,000-word description to its last line, a word at a time, took 6 s a card.
MAX_TEXT = 1_000


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap by measured width; the last kept line ends in an ellipsis if cut.
    A word wider than a line (a long path or address) is cut where the line ends.

    A word is measured alone only where a line would end before it: one that fits on a
    line with others fits alone, and nearly every word is one of those."""
    lines: list[str] = []
    words = text[:MAX_TEXT].split()
    current = ""
    index = 0
    while index < len(words):
        word = words[index]
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            index += 1
            continue
        if font.getlength(word) > width:  # wider than a line: its pieces go on in its place
            pieces = _pieces(word, font, width)
            if len(pieces) > 1:
                words[index : index + 1] = pieces
                continue
            if not current:  # one character wider than a line: it stays whole
                current = word
                index += 1
                continue
        lines.append(current)
        current = ""
        if len(lines) == max_lines:
            rest = " ".join([lines[-1], *words[index:]])
            lines[-1] = _ellipsize(rest, font, width)
            return lines
    if current:
        lines.append(current)
    return lines


def _pieces(word: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """`word`, which is wider than `width`, in pieces that each fit it."""
    pieces = [""]
    for char in word:
        if pieces[-1] and font.getlength(pieces[-1] + char) > width:
            pieces.append("")
        pieces[-1] += char
    return pieces


def _ellipsize(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """`text` cut to end in an ellipsis within `width`: after its last word that fits, else
    inside its first word. The longest such cut is found by halving the candidates, not by
    measuring the text again for every word or character dropped."""
    text = text[:MAX_TEXT]
    spaces = [index for index, char in enumerate(text) if char == " " and index > 0]
    first = spaces[0] if spaces else len(text)
    cuts = [*range(1, first), *spaces, len(text)]  # ascending, so each is wider than the last
    best, low, high = 1, 0, len(cuts) - 1
    while low <= high:
        middle = (low + high) // 2
        if font.getlength(text[: cuts[middle]] + "…") <= width:
            best, low = cuts[middle], middle + 1
        else:
            high = middle - 1
    return text[:best].rstrip(",;:") + "…"


def fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """`text` as it is when it fits `width`, else cut with an ellipsis."""
    if len(text) <= MAX_TEXT and font.getlength(text) <= width:
        return text
    return _ellipsize(text, font, width)


Colour = tuple[int, int, int]
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Shape:
    box: Box
    fill: Colour
    radius: int = 0  # rounded corners (not antialiased, as Pillow draws them)


@dataclass(frozen=True)
class Text:
    xy: tuple[int, int]
    text: str
    font: ImageFont.FreeTypeFont
    ink: Colour
    ground: Colour  # the colour under the text: its antialiased edges blend the two


def _badge_left(language: str) -> int:
    """Left edge of the language badge, which is as wide as the language's name."""
    return WIDTH - MARGIN - int(_font(BOLD, 26).getlength(language)) - 32


def frame_layout(site_name: str, language: str) -> tuple[list[Shape], list[Text]]:
    """What every card of a site and language shares: the band, the site name, the badge."""
    left = _badge_left(language)
    shapes = [
        Shape((0, HEIGHT - 96, WIDTH, HEIGHT), BAND),
        Shape((left, HEIGHT - 72, WIDTH - MARGIN, HEIGHT - 24), TEXT, radius=12),
    ]
    texts = [
        Text((MARGIN, 64), site_name, _font(BOLD, 34), MUTED, BACKGROUND),
        Text((left + 16, HEIGHT - 65), language, _font(BOLD, 26), BACKGROUND, TEXT),
    ]
    return shapes, texts


def page_layout(card: Card) -> list[Text]:
    """What is the page's own: title, description and address."""
    inner = WIDTH - 2 * MARGIN
    texts = []
    title_size = 64
    title_font = _font(BOLD, title_size)
    title_lines = wrap(card.title, title_font, inner, 3)
    y = 150
    for line in title_lines:
        texts.append(Text((MARGIN, y), line, title_font, TEXT, BACKGROUND))
        y += int(title_size * 1.2)

    body_font = _font(REGULAR, 30)
    for line in wrap(card.description, body_font, inner, 6 - len(title_lines)):
        texts.append(Text((MARGIN, y + 24), line, body_font, MUTED, BACKGROUND))
        y += 42

    small = _font(REGULAR, 26)
    # A long address stops short of the language badge instead of running under it.
    url = fit(card.url, small, _badge_left(card.language) - 24 - MARGIN)
    texts.append(Text((MARGIN, HEIGHT - 64), url, small, TEXT, BAND))
    return texts


@dataclass(frozen=True)
class Ramp:
    """STEPS palette entries from a ground colour (at `ground`) to a text colour on it, in
    the direction `step` (+1 or -1)."""

    ink: Colour
    ground_colour: Colour
    ground: int
    step: int

    def index(self, shade: int) -> int:
        return self.ground + self.step * shade

    @property
    def ink_index(self) -> int:
        return self.index(STEPS - 1)


# The card is drawn as palette indices, one byte a pixel, and stored as a palette PNG:
# encoded in a third of the time of a full-colour one, a third of the size. Each text is
# drawn straight onto the card with its ramp's last index as ink: Pillow blends that with
# the ground's index under it by how much of the pixel the glyph covers, so an edge takes
# the index of the matching shade, as long as the ramp runs in a straight line of indices
# from the ground's. The title and the description share the background as ground, so
# their ramps run from one index in the two directions (the background at 127, not 0: 5 %
# bigger PNGs, as Pillow's per-row filter choice favours bytes near 0; 0.75 ms less a card
# than a layer for each text). 64 shades are finer than an eye tells apart on an edge.
STEPS = 64
RAMPS: tuple[Ramp, ...] = (
    Ramp(TEXT, BAND, 0, +1),  # the address on the band: 0-63
    Ramp(MUTED, BACKGROUND, 127, -1),  # the site name and description: 127 down to 64
    Ramp(TEXT, BACKGROUND, 127, +1),  # the title: 127 up to 190
    Ramp(BACKGROUND, TEXT, 191, +1),  # the language badge: 191-254
)


def _shade(ramp: Ramp, step: int) -> Colour:
    t = step / (STEPS - 1)
    pairs = zip(ramp.ink, ramp.ground_colour, strict=True)
    r, g, b = (round(low + (high - low) * t) for high, low in pairs)
    return (r, g, b)


def _palette() -> list[int]:
    colours: dict[int, Colour] = {}
    for ramp in RAMPS:
        for step in range(STEPS):
            index, colour = ramp.index(step), _shade(ramp, step)
            if colours.setdefault(index, colour) != colour:  # two ramps on one entry
                raise ValueError(f"palette entry {index} is two colours")
    return [value for index in range(256) for value in colours.get(index, (0, 0, 0))]


PALETTE = _palette()


def _ramp(ink: Colour, ground: Colour) -> Ramp:
    for ramp in RAMPS:
        if (ramp.ink, ramp.ground_colour) == (ink, ground):
            return ramp
    raise ValueError(f"text colours {(ink, ground)} are not in the card's palette")


def _ground(colour: Colour) -> int:
    """The palette entry of a solid area: the ground of the ramps drawn on it."""
    for ramp in RAMPS:
        if ramp.ground_colour == colour:
            return ramp.ground
    raise ValueError(f"{colour}: not a colour of the card's palette")


def _paint(card_image: Image.Image, shapes: list[Shape], texts: list[Text]) -> None:
    """Shapes as their ground entries, then each text straight onto them (see RAMPS): no
    layer, mask or lookup table of its own, which cost more than drawing the glyphs."""
    inks = [_ramp(text.ink, text.ground).ink_index for text in texts]  # refuse before drawing
    pen = ImageDraw.Draw(card_image)
    for shape in shapes:
        if shape.radius:
            pen.rounded_rectangle(shape.box, shape.radius, fill=_ground(shape.fill))
        else:
            pen.rectangle(shape.box, fill=_ground(shape.fill))
    for text, ink in zip(texts, inks, strict=True):
        pen.text(text.xy, text.text, font=text.font, fill=ink)


@lru_cache(maxsize=16)
def _frame(site_name: str, language: str) -> Image.Image:
    """The shared part of the cards of a site and language, painted once a build."""
    frame = Image.new("L", (WIDTH, HEIGHT), _ground(BACKGROUND))
    _paint(frame, *frame_layout(site_name, language))
    return frame


def draw(card: Card) -> Image.Image:
    """The card as a palette image. One thread at a time: Pillow's fonts share one FreeType
    library, which is not meant for two threads at once.

    The page's texts are painted on a copy of the site's and language's frame; none of
    them reaches into the frame's shapes or texts (title and description stay above the
    band, the address left of the badge), so the order changes no pixel."""
    card_image = _frame(card.site_name, card.language).copy()
    _paint(card_image, [], page_layout(card))
    card_image.putpalette(PALETTE)  # "L" indices become a "P" image
    return card_image


def encode(image: Image.Image) -> bytes:
    """The image as PNG bytes; the same pixels give the same bytes."""
    out = io.BytesIO()
    # Named, not told format="PNG": Pillow then imports its PNG plugin alone, not the BMP,
    # GIF, JPEG and PPM ones too (12 ms of every build's first card).
    out.name = "card.png"
    # zlib level 3, measured on a real card: 2.1 ms and 30 KB, against 4.7 ms and 25 KB at
    # the default level 6 and 43 ms and 23 KB at level 9, on every card of a first build.
    image.save(out, compress_level=3)
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


def write_card(card: Card, target: Path, cache_dir: Path | None) -> bool:
    """Write the card's PNG to `target`, from `cache_dir` when it holds it; True on a hit.

    A missed card is drawn, encoded and stored atomically (temporary file, then rename), so
    an interrupted or concurrent build never leaves a truncated PNG to be copied later.
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
            return True
    data = render(card)
    target.write_bytes(data)
    if cached is not None:
        _store(data, cached)
    return False


def _store(data: bytes, cached: Path) -> None:
    try:  # a cache that cannot be written costs speed, never the build
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, cached)
    except OSError:
        pass


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
