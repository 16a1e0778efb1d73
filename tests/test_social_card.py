"""Link-preview cards (esxidocs/social_card.py, esxidocs/stages/social.py) with text an
author could write: nothing runs off the card, and the card shows what a reader reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest
from conftest import DOCS, mkdocs_config
from esxidocs import social_card
from esxidocs.social_card import BOLD, REGULAR, Card, Text, _font, fit, wrap
from esxidocs.stages import confine, social
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from PIL import Image, ImageChops, ImageDraw, ImageFont

WIDTH = 1056  # the card's text column: 1200 less two 72 px margins


def test_a_word_wider_than_the_card_is_cut_where_the_line_ends() -> None:
    font = _font(BOLD, 64)
    path = "/vmfs/volumes/datastore1/.locker-esxi-host-number-one/var/core/dumps"
    lines = wrap(f"Scratch in {path}", font, WIDTH, 5)
    assert all(font.getlength(line) <= WIDTH for line in lines), lines
    assert "".join(lines).replace(" ", "") == f"Scratchin{path}"  # nothing lost or added


class _Measured:
    """A font that counts the characters it is asked to measure."""

    def __init__(self, font: ImageFont.FreeTypeFont) -> None:
        self.font, self.characters = font, 0

    def getlength(self, text: str) -> float:
        self.characters += len(text)
        return self.font.getlength(text)


def test_a_huge_text_is_measured_only_as_far_as_a_card_shows_it() -> None:
    """A 100,000-word description (a plain `mkdocs build` has no length limit): cut to its
    last line, one word at a time, it was measured whole each time (6 s a card at 4,000
    words). Now what no line can hold is never measured."""
    for text in ("palabra " * 100_000, "a" * 800_000):
        font = _Measured(_font(REGULAR, 30))
        lines = wrap(text, cast(ImageFont.FreeTypeFont, font), WIDTH, 4)
        assert len(lines) == 4 and lines[-1].endswith("…")
        assert font.characters < 200_000, font.characters
    font = _Measured(_font(REGULAR, 26))
    assert fit("x.org/" + "p" * 800_000, cast(ImageFont.FreeTypeFont, font), 900).endswith("…")
    assert font.characters < 200_000, font.characters


def test_an_address_too_long_for_its_room_ends_in_an_ellipsis() -> None:
    font = _font(REGULAR, 26)
    short = "esxi5.example.org/en/scratch/"
    assert fit(short, font, 900) == short
    long = "esxi5.example.org/en/" + "a-very-long-page-name-" * 6
    cut = fit(long, font, 900)
    assert cut.endswith("…") and long.startswith(cut[:-1])
    assert font.getlength(cut) <= 900


def test_the_card_shows_the_title_a_reader_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's facts reach the stage as inert HTML text (`&lt;`): the card decodes it."""
    config = mkdocs_config()
    config["site_dir"] = str(tmp_path)
    file = File("en/scratch.md", str(DOCS), str(tmp_path), use_directory_urls=True)
    page = Page(None, file, config)
    page.meta = {"title": confine.as_text('<R&D> "notes"'), "description": "What it holds."}
    drawn: list[Card] = []

    def capture(card: Card, *args: Any) -> bool:
        drawn.append(card)
        return True

    monkeypatch.setattr(social, "write_card", capture)
    context = social.on_page_context({}, page, config, None)
    assert [card.title for card in drawn] == ['<R&D> "notes"']
    assert context["social"]["title"] == "&lt;R&D&gt; &quot;notes&quot;"  # still inert in HTML


def test_a_drawn_card_keeps_every_line_inside_its_margin() -> None:
    """A hostile title and address: the right margin above the band stays empty."""
    title = "&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;" * 2
    card = Card(title, "x " * 300, "Site", "English", "x.org/" + "p" * 200)
    image = social_card.draw(card).convert("RGB")
    margin = image.crop((social_card.WIDTH - social_card.MARGIN, 0, social_card.WIDTH, 534))
    assert margin.getcolors() == [(margin.width * margin.height, social_card.BACKGROUND)]


def test_the_palette_card_is_the_picture_a_full_colour_drawing_gives() -> None:
    """The card is stored with 256 colours: each text's antialiased edges take the shades
    between its colour and the one under it. Painted in full colour from the same layout,
    no pixel differs by more than 2 of 255 (a text said to lie on the wrong ground would)."""
    card = Card(
        "La partición scratch: dónde y por qué",
        "Registros, volcados. " * 4,
        "ESX vs ESXi 5",
        "Español",
        "esxi5.example.org/scratch/",
    )
    shapes, texts = social_card.frame_layout(card.site_name, card.language)
    texts += social_card.page_layout(card)
    full = Image.new("RGB", (social_card.WIDTH, social_card.HEIGHT), social_card.BACKGROUND)
    pen = ImageDraw.Draw(full)
    for shape in shapes:
        pen.rounded_rectangle(shape.box, shape.radius, fill=shape.fill)
    for text in texts:
        pen.text(text.xy, text.text, font=text.font, fill=text.ink)
    drawn = social_card.draw(card)
    assert drawn.mode == "P"
    difference = ImageChops.difference(drawn.convert("RGB"), full)
    extrema = cast(tuple[tuple[int, int], ...], difference.getextrema())  # one per band
    assert max(high for _, high in extrema) <= 2


def test_a_text_colour_outside_the_palette_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = social_card.page_layout(Card("Title", "", "", "English", ""))
    red = Text((0, 0), "red", texts[0].font, (255, 0, 0), social_card.BACKGROUND)
    monkeypatch.setattr(social_card, "page_layout", lambda card: [*texts, red])
    with pytest.raises(ValueError, match="not in the card's palette"):
        social_card.draw(Card("Title", "", "", "English", ""))
