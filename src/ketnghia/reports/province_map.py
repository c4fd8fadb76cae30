"""The annual report's map of the province: today's communes and wards of Gia Lai, each filled
by the value of the year's support in it, the communes with a village of special difficulty and
no pairing marked with a dot, a legend, and notes. Pure drawing, no database: it reads the
report's `map` key (reports/annual.py: the figures by today's commune code) and the shipped
boundaries (resources.communes_geojson).

`svg(report, lang)` is the map as inline SVG (no script, no network; each commune a path keyed
by its code, whose `<title>` shows its name and figures when the pointer rests on it);
`png(report, lang)` is the same map as a PNG for Word, drawn with Pillow's ImageDraw at twice
the size and scaled down (Pillow installs from wheels on Linux, Windows and macOS, with no
system library; the text uses the DejaVu Sans shipped in ketnghia/fonts, so Vietnamese reads
the same everywhere). Both paint one scene, so they show the same map.

Projection: equirectangular, longitudes shortened by the cosine of the middle latitude, north
up. Colours: five steps of ColorBrewer's YlGnBu, darker for more money and readable in grey
print; a commune with no pairing in the report stays white.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import itertools
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ketnghia import resources
from ketnghia.i18n import t
from ketnghia.values import format_money, format_number

# lighter → darker (CIE L* 89, 77, 56, 40, 13): the steps stay apart in grey print
PALETTE = ("#c7e9b4", "#7fcdbb", "#1d91c0", "#225ea8", "#081d58")
NEUTRAL = "#ffffff"
BORDER = "#7a7a7a"
MARK = "#e31a1c"
INK = "#111111"
MUTED = "#555555"
STEPS = len(PALETTE)

WIDTH = 800
MAP_LEFT, MAP_TOP, MAP_WIDTH = 10, 48, 520
LEGEND_LEFT, LEGEND_WIDTH = 548, 246
FONT = 12  # px; text is wrapped by an estimate of DejaVu Sans' widths (the wider of the two)
CHAR_WIDTH = 0.6
PNG_DPI = 240  # 1,600 px wide: about 17 cm, the text width of an A4 page


Point = tuple[float, float]
Ring = list[Point]


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    polygons: list[list[Ring]]  # each polygon: its outer ring, then its holes


@dataclass
class Shape:
    code: str
    rings: list[Ring]
    fill: str
    step: int | None  # the colour step, None for no value
    title: str


@dataclass
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = FONT
    bold: bool = False
    anchor: str = "start"  # start, middle, end (as SVG's text-anchor)
    colour: str = INK


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass
class Dot:
    x: float
    y: float
    r: float = 4.0
    code: str = ""


@dataclass
class Scene:
    width: float
    height: float
    title: str
    shapes: list[Shape] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)


@lru_cache(maxsize=1)
def communes() -> tuple[Commune, ...]:
    """Today's communes and wards, from the shipped GeoJSON, in its order."""
    data = json.loads(resources.communes_geojson().read_text(encoding="utf-8"))
    found = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        found.append(
            Commune(
                code=str(feature["properties"]["code"]),
                name=feature["properties"]["name"],
                polygons=[[[(x, y) for x, y in ring] for ring in poly] for poly in polygons],
            )
        )
    return tuple(found)


@lru_cache(maxsize=1)
def _projected() -> tuple[float, tuple[tuple[Commune, list[list[Ring]]], ...]]:
    """Each commune's polygons in the map's units (x right, y down), and the map's height."""
    shapes = communes()
    points = [p for c in shapes for poly in c.polygons for ring in poly for p in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    shrink = math.cos(math.radians((north + south) / 2))
    scale = MAP_WIDTH / ((east - west) * shrink)

    def project(p: Point) -> Point:
        return (
            round(MAP_LEFT + (p[0] - west) * shrink * scale, 1),
            round(MAP_TOP + (north - p[1]) * scale, 1),
        )

    projected = tuple(
        (c, [[[project(p) for p in ring] for ring in poly] for poly in c.polygons]) for c in shapes
    )
    return (north - south) * scale, projected


def breaks(values: list[int]) -> list[int]:
    """The lower bounds of the colour steps after the first: the quantiles of the values,
    rounded to two significant digits, each above the smallest value and below the largest."""
    ordered = sorted(set(values))
    if len(ordered) < 2:
        return []
    steps = min(STEPS, len(ordered))
    found: list[int] = []
    for i in range(1, steps):
        bound = _round(ordered[len(ordered) * i // steps])
        if ordered[0] < bound <= ordered[-1] and (not found or bound > found[-1]):
            found.append(bound)
    return found


def _round(value: int) -> int:
    if value < 100:
        return value
    unit = 10 ** (len(str(value)) - 2)
    return round(value / unit) * unit


def step_of(value: int, bounds: list[int]) -> int:
    """The colour step of a value: how many lower bounds it reaches."""
    return sum(1 for b in bounds if value >= b)


def colours(count: int) -> list[str]:
    """`count` steps of the palette, spread from its lightest to its darkest."""
    if count <= 1:
        return [PALETTE[STEPS // 2]][:count]
    return [PALETTE[round(i * (STEPS - 1) / (count - 1))] for i in range(count)]


def scene(report: dict[str, Any], lang: str) -> Scene:
    """What the map shows, in its own units (SVG pixels); svg() and png() paint it."""
    figures = report.get("map") or {}
    rows = {r["commune_code"]: r for r in figures.get("communes", [])}
    map_height, projected = _projected()
    drawn = {c.code for c, _ in projected}
    valued = [r["value_vnd"] for code, r in rows.items() if code in drawn and r["villages"]]
    bounds = breaks(valued)
    palette = colours(len(bounds) + 1) if valued else []
    year = report["year"]
    out = Scene(width=WIDTH, height=0, title=t("map_title", lang, year=year))
    out.texts.append(Text(WIDTH / 2, 26, out.title, size=17, bold=True, anchor="middle"))
    for commune, polygons in projected:
        row = rows.get(commune.code)
        if row is not None and row["villages"]:
            step = step_of(row["value_vnd"], bounds)
            fill = palette[step]
            title = t(
                "map_hover",
                lang,
                name=commune.name,
                value=format_money(row["value_vnd"], lang),
                villages=format_number(row["villages"], lang),
                activities=format_number(row["activities"], lang),
            )
        else:
            step, fill = None, NEUTRAL
            title = t("map_hover_none", lang, name=commune.name)
        unpaired = row["unpaired_villages"] if row is not None else 0
        if unpaired:
            title += "; " + t("map_hover_unpaired", lang, count=format_number(unpaired, lang))
            x, y = inside(max(polygons, key=lambda poly: abs(_area(poly[0]))))
            out.dots.append(Dot(x, y, code=commune.code))
        rings = [ring for poly in polygons for ring in poly]
        out.shapes.append(Shape(commune.code, rings, fill, step, title))
    bottom = MAP_TOP + map_height
    legend_bottom = _legend(out, bounds, palette, year, lang)
    notes = []
    if figures.get("mapped_villages"):
        day = dt.date.fromisoformat(figures["on"])
        on = f"{day.day}-{day.month}-{day.year}"  # as the note writes 1-7-2025
        notes.append(t("map_mapped", lang, year=year, communes=len(projected), on=on))
    missing = figures.get("unplaced_villages", 0) + sum(
        r["villages"] + r["unpaired_villages"] for code, r in rows.items() if code not in drawn
    )
    if missing:
        notes.append(t("map_unplaced", lang, count=format_number(missing, lang)))
    y = max(bottom, legend_bottom) + 22
    for note in notes:
        for line in wrap(note, WIDTH - 2 * MAP_LEFT, FONT):
            out.texts.append(Text(MAP_LEFT, y, line))
            y += FONT * 1.4
        y += 4
    for line in wrap(t("map_source", lang), WIDTH - 2 * MAP_LEFT, 10):
        out.texts.append(Text(MAP_LEFT, y, line, size=10, colour=MUTED))
        y += 14
    out.height = math.ceil(y)
    return out


def _legend(out: Scene, bounds: list[int], palette: list[str], year: int, lang: str) -> float:
    """The legend, right of the map: the money steps, no pairing, the mark. Its bottom."""
    x, y = float(LEGEND_LEFT), float(MAP_TOP + 16)
    for line in wrap(t("map_legend", lang, year=year), LEGEND_WIDTH, FONT):
        out.texts.append(Text(x, y, line, bold=True))
        y += FONT * 1.4
    y += 4
    entries: list[tuple[str | None, str]] = []
    edges: list[int | None] = [None, *bounds, None]
    for i, colour in enumerate(palette):
        low, high = edges[i], edges[i + 1]
        if low is None and high is None:
            label = t("map_any", lang)
        elif low is None:
            label = t("map_under", lang, high=format_money(high, lang))
        elif high is None:
            label = t("map_from", lang, low=format_money(low, lang))
        else:
            label = t(
                "map_between", lang, low=format_money(low, lang), high=format_money(high, lang)
            )
        entries.append((colour, label))
    entries.append((NEUTRAL, t("map_none", lang)))
    entries.append((None, t("map_unpaired", lang)))
    for swatch, text in entries:
        if swatch is None:
            out.dots.append(Dot(x + 11, y - 4))
        else:
            out.boxes.append(Box(x, y - 11, 22, 14, swatch))
        for line in wrap(text, LEGEND_WIDTH - 30, FONT):
            out.texts.append(Text(x + 30, y, line))
            y += FONT * 1.35
        y += 8
    return y


def wrap(text: str, width: float, size: float) -> list[str]:
    """Words to lines no wider than `width` (by an estimate of the font's widths)."""
    most = max(int(width / (size * CHAR_WIDTH)), 10)
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > most:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def _area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in _edges(ring)) / 2


def _edges(ring: Ring) -> list[tuple[Point, Point]]:
    return list(zip(ring, [*ring[1:], ring[0]], strict=True))


def inside(polygon: list[Ring]) -> Point:
    """A point well inside a polygon (for the dot): the middle of the longest horizontal
    stretch inside it, over a few heights around its middle."""
    outer = polygon[0]
    top, bottom = min(p[1] for p in outer), max(p[1] for p in outer)
    best: tuple[float, Point] | None = None
    for k in range(1, 10):
        y = top + (bottom - top) * k / 10
        crossings = sorted(
            x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            for ring in polygon
            for (x0, y0), (x1, y1) in _edges(ring)
            if (y0 <= y < y1) or (y1 <= y < y0)
        )
        for left, right in zip(crossings[::2], crossings[1::2], strict=False):
            # prefer the middle heights: a stretch near the top or bottom edge is a sliver
            score = (right - left) * (1 - abs(k - 5) / 10)
            if best is None or score > best[0]:
                best = (score, ((left + right) / 2, y))
    if best is None:
        return outer[0]
    return best[1]


# ---- SVG


def svg(report: dict[str, Any], lang: str) -> str:
    """The map as one inline SVG element (no script, no external file)."""
    drawn = scene(report, lang)
    esc = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{drawn.width}" '
        f'height="{drawn.height}" viewBox="0 0 {drawn.width} {drawn.height}" role="img" '
        f'class="province-map" aria-label="{esc(drawn.title)}" '
        f'font-family="DejaVu Sans, Arial, Helvetica, sans-serif">',
        f"<title>{esc(drawn.title)}</title>",
        f'<g stroke="{BORDER}" stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd">',
    ]
    for shape in drawn.shapes:
        step = "none" if shape.step is None else str(shape.step)
        parts.append(
            f'<path data-code="{esc(shape.code)}" data-step="{step}" '
            f'class="commune step-{step}" fill="{shape.fill}" d="{_path(shape.rings)}">'
            f"<title>{esc(shape.title)}</title></path>"
        )
    parts.append("</g>")
    for box in drawn.boxes:
        parts.append(
            f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" '
            f'fill="{box.fill}" stroke="{BORDER}" stroke-width="0.8"/>'
        )
    for dot in drawn.dots:
        code = f' data-code="{esc(dot.code)}"' if dot.code else ""
        parts.append(
            f'<circle class="mark"{code} cx="{dot.x:.1f}" cy="{dot.y:.1f}" r="{dot.r}" '
            f'fill="{MARK}" stroke="#ffffff" stroke-width="1.5"/>'
        )
    for text in drawn.texts:
        weight = ' font-weight="bold"' if text.bold else ""
        parts.append(
            f'<text x="{text.x}" y="{text.y:.1f}" font-size="{text.size}"{weight} '
            f'text-anchor="{text.anchor}" fill="{text.colour}">{esc(text.text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _path(rings: list[Ring]) -> str:
    """Rings as path data, relative moves in tenths (exact: the points are rounded first)."""
    out = []
    for ring in rings:
        tenths = [(round(x * 10), round(y * 10)) for x, y in ring]
        if len(tenths) > 1 and tenths[0] == tenths[-1]:
            tenths.pop()
        x0, y0 = tenths[0]
        steps = [f"M{_num(x0)} {_num(y0)}l"]
        for (xa, ya), (xb, yb) in itertools.pairwise(tenths):
            steps.append(f"{_num(xb - xa)} {_num(yb - ya)}".replace(" -", "-"))
        out.append(" ".join(steps).replace("l ", "l") + "z")
    return "".join(out)


def _num(tenths: int) -> str:
    whole, part = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    return f"{sign}{whole}.{part}" if part else f"{sign}{whole}"


# ---- PNG


def png(report: dict[str, Any], lang: str, scale: int = 2) -> bytes:
    """The map as a PNG, `scale` pixels per SVG unit (1,600 px wide by default): drawn with
    Pillow's ImageDraw at twice that and scaled down with Lanczos, which smooths the edges."""
    from PIL import Image, ImageDraw, ImageFont

    drawn = scene(report, lang)
    k = scale * 2
    size = (math.ceil(drawn.width * k), math.ceil(drawn.height * k))
    image = Image.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(image)

    def at(p: Point) -> Point:
        return (p[0] * k, p[1] * k)

    for shape in drawn.shapes:
        _fill(image, [[at(p) for p in ring] for ring in shape.rings], shape.fill)
    line = max(1, round(0.6 * k))
    for shape in drawn.shapes:
        for ring in shape.rings:
            points = [at(p) for p in ring]
            draw.line([*points, points[0]], fill=BORDER, width=line, joint="curve")
    for box in drawn.boxes:
        draw.rectangle(
            [box.x * k, box.y * k, (box.x + box.w) * k, (box.y + box.h) * k],
            fill=box.fill,
            outline=BORDER,
            width=max(1, round(0.8 * k)),
        )
    for dot in drawn.dots:
        r = (dot.r + 0.75) * k
        draw.ellipse([dot.x * k - r, dot.y * k - r, dot.x * k + r, dot.y * k + r], fill="#ffffff")
        r = (dot.r - 0.75) * k
        draw.ellipse([dot.x * k - r, dot.y * k - r, dot.x * k + r, dot.y * k + r], fill=MARK)
    fonts: dict[tuple[bool, int], Any] = {}
    for text in drawn.texts:
        key = (text.bold, round(text.size * k))
        if key not in fonts:
            fonts[key] = ImageFont.truetype(
                str(resources.font_file(bold=text.bold)),
                size=key[1],
                layout_engine=ImageFont.Layout.BASIC,
            )
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[text.anchor]
        draw.text(at((text.x, text.y)), text.text, font=fonts[key], fill=text.colour, anchor=anchor)
    final = image.resize((size[0] // 2, size[1] // 2), Image.Resampling.LANCZOS)
    # a few flat colours and their smoothed edges: 256 colours keep it, at a third of the size
    final = final.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    final.save(out, format="PNG", optimize=True, dpi=(PNG_DPI, PNG_DPI))
    return out.getvalue()


def _fill(image: Any, rings: list[list[Point]], colour: str) -> None:
    """Fill rings by the even-odd rule, as the SVG does (a hole stays open), through a mask
    the size of the shape."""
    from PIL import Image, ImageChops, ImageDraw

    if len(rings) == 1:
        ImageDraw.Draw(image).polygon(rings[0], fill=colour)
        return
    left = math.floor(min(x for ring in rings for x, _ in ring))
    top = math.floor(min(y for ring in rings for _, y in ring))
    right = math.ceil(max(x for ring in rings for x, _ in ring)) + 1
    bottom = math.ceil(max(y for ring in rings for _, y in ring)) + 1
    mask = Image.new("1", (right - left, bottom - top), 0)
    for ring in rings:  # each ring flips what it covers
        one = Image.new("1", mask.size, 0)
        ImageDraw.Draw(one).polygon([(x - left, y - top) for x, y in ring], fill=1)
        mask = ImageChops.logical_xor(mask, one)
    image.paste(colour, (left, top, right, bottom), mask)
