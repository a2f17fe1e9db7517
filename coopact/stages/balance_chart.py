"""The chart of the balance report: each partner's shares of the valued contributions, the
risks and the committee votes, as grouped bars (PNG bytes).

Drawn with Pillow, which imports in a few hundredths of a second (matplotlib took most of a
second of a `coopact decide` that closes the vision approval). The text is set in DejaVu
Sans, shipped with coopact (coopact/fonts: Debian's fonts-dejavu-core, free licence beside
it), else the system's, else Pillow's own font. Names are drawn as they are written: no
markup, no math. Equal ledgers give byte-identical images (no timestamp, no software stamp).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

WIDTH, PLOT_HEIGHT, DPI = 960, 432, 120
# matplotlib's default colour cycle ("tab10"): the colours officers already know.
COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)  # fmt: skip
INK, GRID = (0, 0, 0), (221, 221, 221)
LABEL_PX, SMALL_PX = 17, 14
TICKS = (0, 20, 40, 60, 80, 100)


@dataclass(frozen=True)
class Series:
    """One partner: its name, its three shares (None: not known) and whether its
    contributions exist but none is valued (said in words on the chart, never a zero)."""

    name: str
    shares: tuple[Decimal | None, Decimal | None, Decimal | None]
    unvalued: bool = False


def png(series: Sequence[Series], axes: Sequence[str], y_label: str, not_valued: str) -> bytes:
    """The grouped bar chart of ``series`` over the three ``axes``, as PNG bytes."""
    from PIL import Image, ImageDraw

    label, small = _font(LABEL_PX), _font(SMALL_PX)
    legend = _legend_rows(series, small, WIDTH - 120)
    height = PLOT_HEIGHT + 8 + len(legend) * (SMALL_PX + 8)
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = 100, 20, WIDTH - 20, PLOT_HEIGHT - 60

    def y_of(percent: float) -> int:
        return round(bottom - (bottom - top) * percent / 100)

    for tick in TICKS:  # grid, ticks and their values
        y = y_of(tick)
        draw.line([(left, y), (right, y)], fill=GRID, width=1)
        draw.line([(left - 6, y), (left, y)], fill=INK, width=1)
        draw.text((left - 10, y), str(tick), font=label, fill=INK, anchor="rm")
    _vertical_text(image, y_label, label, (28, (top + bottom) // 2))
    slot = (right - left) / len(axes)
    count = max(len(series), 1)
    width = slot * 0.8 / count
    for index, one in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        for axis, share in enumerate(one.shares):
            x0 = left + slot * (axis + 0.1) + width * index
            if share is not None and share > 0:
                draw.rectangle(
                    [(round(x0), y_of(_points(share))), (round(x0 + width) - 1, bottom)],
                    fill=colour,
                )
            if axis == 0 and one.unvalued:
                _vertical_text(image, not_valued, small, (round(x0 + width / 2), y_of(2)), "bottom")
    draw.rectangle([(left, top), (right, bottom)], outline=INK, width=1)
    for axis, name in enumerate(axes):
        x = round(left + slot * (axis + 0.5))
        draw.line([(x, bottom), (x, bottom + 6)], fill=INK, width=1)
        draw.text((x, bottom + 12), name, font=label, fill=INK, anchor="ma")
    _draw_legend(draw, legend, small, PLOT_HEIGHT)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=False)
    return buffer.getvalue()


def _points(share: Decimal) -> float:
    return min(float(share * 100), 100.0)


def _legend_rows(
    series: Sequence[Series], font: ImageFont.FreeTypeFont | ImageFont.ImageFont, room: int
) -> list[list[tuple[int, str]]]:
    """The legend's rows: (colour index, text) entries laid left to right, a long name
    wrapped over several rows (never cut; its swatch on the first, colour index -1)."""
    rows: list[list[tuple[int, str]]] = [[]]
    used = 0
    for index, one in enumerate(series):
        for number, part in enumerate(_wrap(one.name, font, room)):
            if number:
                rows.append([(-1, part)])
                used = room  # the rest of the name keeps its row to itself
                continue
            need = SMALL_PX + 8 + _width(font, part) + 24
            if rows[-1] and used + need > room:
                rows.append([])
                used = 0
            rows[-1].append((index, part))
            used += need
    return [row for row in rows if row]


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, room: int) -> list[str]:
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and _width(font, candidate) > room:
            lines.append(line)
            candidate = word
        line = candidate
    return [*lines, line]


def _draw_legend(
    draw: ImageDraw.ImageDraw,
    rows: list[list[tuple[int, str]]],
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    top: int,
) -> None:
    for number, row in enumerate(rows):
        y = top + number * (SMALL_PX + 8)
        x = 100
        for index, text in row:
            if index >= 0:
                swatch = [(x, y + 2), (x + SMALL_PX, y + SMALL_PX + 1)]
                draw.rectangle(swatch, fill=COLOURS[index % len(COLOURS)])
            draw.text((x + SMALL_PX + 8, y), text, font=font, fill=INK)
            x += SMALL_PX + 8 + _width(font, text) + 24


def _vertical_text(
    image: object,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    at: tuple[int, int],
    align: str = "middle",
) -> None:
    """``text`` read from bottom to top, centred on ``at`` (or starting at it: "bottom")."""
    from PIL import Image, ImageDraw

    width = _width(font, text) + 4
    strip = Image.new("L", (width, LABEL_PX + 8), 0)
    ImageDraw.Draw(strip).text((2, (LABEL_PX + 8) // 2), text, font=font, fill=255, anchor="lm")
    turned = strip.rotate(90, expand=True)
    x = at[0] - turned.width // 2
    y = at[1] - turned.height if align == "bottom" else at[1] - turned.height // 2
    image.paste((0, 0, 0), (x, y, x + turned.width, y + turned.height), turned)  # type: ignore[attr-defined]


def _width(font: ImageFont.FreeTypeFont | ImageFont.ImageFont, text: str) -> int:
    return round(font.getlength(text))


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    path = _dejavu()
    if path is not None:
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _dejavu() -> Path | None:
    """DejaVu Sans: the copy shipped with coopact (coopact/fonts, from Debian's
    fonts-dejavu-core, its licence beside it), else the system's."""
    shipped = Path(__file__).resolve().parent.parent / "fonts" / "DejaVuSans.ttf"
    for path in (shipped, *SYSTEM_FONTS):
        if path.is_file():
            return path
    return None


SYSTEM_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
