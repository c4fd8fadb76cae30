"""The annual report's map of the province (reports/province_map.py): one shape per commune of
the shipped boundaries, keyed by its code; colours that follow the values; the marks where the
report puts unpaired villages of special difficulty; a year before the 2025 reorganisation
drawn on today's communes through the old→new mapping, and saying so; the same map as a PNG;
the map inside the HTML report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketnghia import resources
from ketnghia.reports import province_map
from tests.conftest import Cli, demo_province, opened, seed

SVG = "{http://www.w3.org/2000/svg}"


def _geojson_codes() -> dict[str, str]:
    data = json.loads(resources.communes_geojson().read_text(encoding="utf-8"))
    return {f["properties"]["code"]: f["properties"]["name"] for f in data["features"]}


CODES = sorted(_geojson_codes())


def _report(rows: list[dict], year: int = 2025, **more: int) -> dict:
    """A report as the map reads it: its year and its `map` key."""
    return {
        "year": year,
        "map": {
            "on": f"{year}-12-31",
            "communes": rows,
            "mapped_villages": more.get("mapped", 0),
            "unplaced_villages": more.get("unplaced", 0),
        },
    }


def _row(code: str, value: int, villages: int = 1, unpaired: int = 0) -> dict:
    return {
        "commune_code": code,
        "commune": "x",
        "villages": villages,
        "activities": villages,
        "value_vnd": value,
        "unpaired_villages": unpaired,
    }


def _paths(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    found: dict[str, ET.Element] = {}
    for path in root.iter(f"{SVG}path"):
        code = path.get("data-code")
        assert code is not None and code not in found, code
        found[code] = path
    return found


def _text(svg: str) -> str:
    return " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_one_shape_per_commune_keyed_by_code() -> None:
    paths = _paths(province_map.svg(_report([]), "vi"))
    assert len(CODES) == 135
    assert sorted(paths) == CODES
    names = _geojson_codes()
    for code, path in paths.items():
        assert path.get("d", "").startswith("M")
        # the unit's name shows on hover
        assert path.findtext(f"{SVG}title", "").startswith(names[code] + ":")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(CODES),
        st.tuples(st.integers(0, 10**12), st.integers(0, 3)),
        max_size=60,
    )
)
def test_colours_follow_the_values(figures: dict[str, tuple[int, int]]) -> None:
    rows = [_row(code, value, villages) for code, (value, villages) in sorted(figures.items())]
    paths = _paths(province_map.svg(_report(rows), "en"))
    valued = {code: value for code, (value, villages) in figures.items() if villages}
    for code, path in paths.items():
        if code not in valued:  # no pairing in the report: the neutral fill
            assert path.get("data-step") == "none" and path.get("fill") == province_map.NEUTRAL
        else:
            assert path.get("data-step") != "none"
            assert path.get("fill") in province_map.PALETTE
    steps = {code: int(paths[code].get("data-step", "")) for code in valued}
    for a in valued:
        for b in valued:
            if valued[a] > valued[b]:
                # more money never gets a lighter step, nor a lighter colour
                assert steps[a] >= steps[b]
                assert _luminance(paths[a].get("fill", "")) <= _luminance(paths[b].get("fill", ""))
    assert len(set(steps.values())) <= len(province_map.PALETTE)


def test_the_legend_gives_each_step_its_range_in_money() -> None:
    values = {code: (i + 1) * 15_000_000 for i, code in enumerate(CODES[:40])}
    svg = province_map.svg(_report([_row(c, v) for c, v in values.items()]), "vi")
    bounds = province_map.breaks(list(values.values()))
    assert len(bounds) == len(province_map.PALETTE) - 1
    money = [f"{b:,}".replace(",", ".") for b in bounds]  # 15.000.000
    labels = [
        f"dưới {money[0]}",
        *(f"{low} – dưới {high}" for low, high in itertools.pairwise(money)),
        f"từ {money[-1]} trở lên",
    ]
    text = _text(svg)
    for label in [*labels, "Không có cặp kết nghĩa"]:
        assert label in text
    # each commune's value lies in the range its colour's label gives
    edges = [0, *bounds, 10**16]
    for code, path in _paths(svg).items():
        if code in values:
            step = int(path.get("data-step", ""))
            assert edges[step] <= values[code] < edges[step + 1]
    en = _text(province_map.svg(_report([_row(c, v) for c, v in values.items()]), "en"))
    assert f"{bounds[-1]:,} or more" in en


def test_marks_are_where_the_report_puts_unpaired_villages() -> None:
    rows = [
        _row(CODES[0], 5_000_000, unpaired=2),
        _row(CODES[1], 0, villages=0, unpaired=1),  # no pairing there, but a village waits
        _row(CODES[2], 9_000_000),
    ]
    svg = province_map.svg(_report(rows), "vi")
    root = ET.fromstring(svg)
    marked = {c.get("data-code") for c in root.iter(f"{SVG}circle") if c.get("data-code")}
    assert marked == {CODES[0], CODES[1]}
    paths = _paths(svg)
    assert paths[CODES[1]].get("data-step") == "none"
    assert "2 thôn, làng đặc biệt khó khăn" in paths[CODES[0]].findtext(f"{SVG}title", "")
    # each mark is drawn inside its commune's outline
    for circle in root.iter(f"{SVG}circle"):
        code = circle.get("data-code")
        if code:
            x, y = float(circle.get("cx", "")), float(circle.get("cy", ""))
            assert _inside(paths[code].get("d", ""), x, y), code


def _inside(d: str, x: float, y: float) -> bool:
    """Even-odd test of a point against path data of relative moves (as the map writes)."""
    rings = []
    for part in d.split("z"):
        if not part:
            continue
        head, _, tail = part[1:].partition("l")
        px, py = map(float, head.split())
        ring = [(px, py)]
        numbers = [float(n) for n in tail.replace("-", " -").split()]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            px, py = px + dx, py + dy
            ring.append((px, py))
        rings.append(ring)
    inside = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def test_villages_off_the_map_are_counted_under_it() -> None:
    """Villages the report could not place (a split commune), and those of a commune that is
    not on this map (another province's), are counted in a note, never drawn elsewhere."""
    rows = [_row(CODES[0], 5_000_000), _row("99999", 7_000_000, villages=2, unpaired=1)]
    svg = province_map.svg(_report(rows, unplaced=3), "vi")
    assert "99999" not in _paths(svg)
    assert "6 thôn, làng không vẽ được trên bản đồ" in _text(svg)
    assert "Villages not on the map: 6" in _text(province_map.svg(_report(rows, unplaced=3), "en"))
    assert "không vẽ được" not in _text(province_map.svg(_report(rows[:1]), "vi"))


def test_north_is_up_and_nothing_is_squashed() -> None:
    """Quy Nhơn (on the coast) is right of Pleiku, the north above the south, and the map's
    height over its width is the province's span of latitude over its span of longitude
    shortened by the cosine of the middle latitude."""
    height, projected = province_map._projected()
    where = {}
    for commune, polygons in projected:
        points = [p for poly in polygons for ring in poly for p in ring]
        lonlat = [p for poly in commune.polygons for ring in poly for p in ring]
        where[commune.name] = (
            sum(p[0] for p in points) / len(points),
            sum(p[1] for p in points) / len(points),
            sum(p[1] for p in lonlat) / len(lonlat),
        )
    assert where["Phường Quy Nhơn"][0] > where["Phường Pleiku"][0] + 200
    by_latitude = sorted(where.values(), key=lambda w: w[2])
    assert by_latitude[-1][1] < by_latitude[0][1]  # the northernmost is drawn highest
    lons = [p[0] for c in province_map.communes() for poly in c.polygons for r in poly for p in r]
    lats = [p[1] for c in province_map.communes() for poly in c.polygons for r in poly for p in r]
    middle = math.radians((max(lats) + min(lats)) / 2)
    expected = (max(lats) - min(lats)) / ((max(lons) - min(lons)) * math.cos(middle))
    assert height / province_map.MAP_WIDTH == pytest.approx(expected, rel=1e-3)


def test_png_opens_and_is_not_blank() -> None:
    from PIL import Image

    rows = [_row(code, (i + 1) * 10_000_000, unpaired=i % 7 == 0) for i, code in enumerate(CODES)]
    data = province_map.png(_report(rows), "vi")
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG"
    assert image.width == province_map.WIDTH * 2 and image.height > 1000
    rgb = image.convert("RGB")
    colours = {colour for _, colour in rgb.getcolors(maxcolors=1 << 16) or []}
    # the map's steps, the mark, and the ink are there, not only white
    for fill in (*province_map.PALETTE, province_map.MARK):
        wanted = tuple(int(fill[i : i + 2], 16) for i in (1, 3, 5))
        assert any(sum(abs(a - b) for a, b in zip(c, wanted, strict=True)) < 12 for c in colours)
    white = rgb.getcolors(maxcolors=1 << 16)
    assert white is not None
    assert max(count for count, _ in white) < image.width * image.height * 0.8


def test_png_writes_vietnamese_with_the_shipped_font() -> None:
    from PIL import ImageFont

    font = ImageFont.truetype(str(resources.font_file()), 20)
    missing = font.getmask("\ue000")
    for letter in "ơưạếỹđ₫":
        mask = font.getmask(letter)
        assert (mask.size, bytes(mask)) != (missing.size, bytes(missing)), letter


# ---- the sample province


@pytest.fixture
def sample(cli: Cli) -> Cli:
    return seed(cli, demo_province)


def _mapping() -> dict[str, list[str]]:
    """The shipped old→new mapping: old commune code → new commune codes."""
    with resources.admin_units_file().open(encoding="utf-8-sig", newline="") as f:
        return {r["old_commune_code"]: r["new_commune_codes"].split(";") for r in csv.DictReader(f)}


def _old_communes_2024(url: str) -> dict[str, str]:
    """Each village paired during 2024 → the code of its commune on 31-12-2024, read from the
    place rows (not through the report)."""
    from sqlmodel import select

    from ketnghia.models import AdminUnit, Pairing, Village, VillagePlace

    day = dt.date(2024, 12, 31)
    with opened(url) as session:
        paired = {
            v
            for v, start, end in session.exec(
                select(Pairing.village_id, Pairing.started_on, Pairing.ended_on)
            )
            if start <= day and (end is None or end >= dt.date(2024, 1, 1))
        }
        found = {}
        for village, place, unit in session.exec(
            select(Village, VillagePlace, AdminUnit)
            .join(VillagePlace, VillagePlace.village_id == Village.id)
            .join(AdminUnit, AdminUnit.id == VillagePlace.commune_id)
        ):
            covers = (place.valid_from is None or place.valid_from <= day) and (
                place.valid_to is None or place.valid_to >= day
            )
            if village.id in paired and covers:
                found[village.code] = unit.code
        return found


def test_a_2024_report_is_drawn_on_todays_communes(sample: Cli) -> None:
    report = sample.json("report", "annual", "--year", "2024")
    figures = report["map"]
    # the villages of 2024 sat in the old communes; each is drawn in the one it went into
    mapping = _mapping()
    old = _old_communes_2024(sample.url)
    assert len(old) == report["totals"]["villages"]
    expected = {mapping[code][0] for code in old.values() if len(mapping[code]) == 1}
    # (codes were reused: drawing the old codes as they are would colour other communes)
    assert expected != set(old.values()) & set(CODES)
    split = [v for v, code in old.items() if len(mapping[code]) > 1]
    paths = _paths(province_map.svg(report, "vi"))
    coloured = {code for code, path in paths.items() if path.get("data-step") != "none"}
    assert coloured == expected
    assert figures["unplaced_villages"] >= len(split)
    # the figures are the report's: nothing lost, nothing counted twice
    assert sum(r["value_vnd"] for r in figures["communes"]) == report["totals"]["value_vnd"]
    assert sum(r["activities"] for r in figures["communes"]) == report["totals"]["activities"]
    assert sum(r["unpaired_villages"] for r in figures["communes"]) == len(
        report["unpaired_villages"]
    )
    # and the map says so, under it
    vi = _text(province_map.svg(report, "vi"))
    assert "Số liệu năm 2024 được vẽ trên 135 xã, phường của tỉnh Gia Lai từ ngày 1-7-2025" in vi
    assert "31-12-2024" in vi
    en = _text(province_map.svg(report, "en"))
    assert "The figures of 2024 are drawn on the 135 communes and wards" in en
    # 2025's villages were moved to the new communes on 1-7-2025: nothing to say
    later = sample.json("report", "annual", "--year", "2025")
    assert later["map"]["mapped_villages"] == 0
    assert "được vẽ trên" not in _text(province_map.svg(later, "vi"))


def test_the_map_follows_the_scope(sample: Cli) -> None:
    whole = sample.json("report", "annual", "--year", "2024")
    district = whole["by_district"][0]["district"]
    scoped = sample.json("report", "annual", "--year", "2024", "--district", district)
    rows = scoped["map"]["communes"]
    assert sum(r["value_vnd"] for r in rows) == scoped["totals"]["value_vnd"]
    assert (
        sum(r["villages"] for r in rows) + scoped["map"]["unplaced_villages"]
        >= scoped["totals"]["villages"]
    )
    assert {r["commune_code"] for r in rows} < {r["commune_code"] for r in whole["map"]["communes"]}
    agency = whole["by_agency"][0]["agency_code"]
    one = sample.json("report", "annual", "--year", "2024", "--agency", agency)
    assert sum(r["value_vnd"] for r in one["map"]["communes"]) == one["totals"]["value_vnd"]
    assert all(r["unpaired_villages"] == 0 for r in one["map"]["communes"])


def test_a_corrected_mapping_is_not_refused_by_a_filed_year(sample: Cli, tmp_path: Path) -> None:
    """The map of a filed year follows a later correction of the old→new mapping: it is drawn
    on today's communes, not one of the year's filed figures."""
    sample("report", "annual", "--year", "2024", "--file")
    before = sample.json("report", "annual", "--year", "2024")
    old = _old_communes_2024(sample.url)["GL-0001"]
    with resources.admin_units_file().open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        columns = reader.fieldnames or []
        row = next(r for r in reader if r["old_commune_code"] == old)
    taken = {r["commune_code"] for r in before["map"]["communes"]}
    other = next(code for code in CODES if code not in taken)
    row |= {"new_commune_codes": other, "new_communes": _geojson_codes()[other]}
    fix = tmp_path / "sua-dong.csv"
    with fix.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerow(row)
    sample("admin", "import", str(fix), "--replace")
    after = sample.json("report", "annual", "--year", "2024")
    assert other in {r["commune_code"] for r in after["map"]["communes"]}
    # the year's own figures did not move, and db check finds no drift
    assert {k: v for k, v in after.items() if k != "map"} == {
        k: v for k, v in before.items() if k != "map"
    }
    assert "filed_report_drift" not in sample("db", "check", "--format", "json", code=None).stdout


def test_the_html_report_holds_the_map(sample: Cli, tmp_path: Path) -> None:
    for lang, heading, title in (
        ("vi", "<h2>2. Bản đồ</h2>", "Giá trị hỗ trợ năm 2024 theo xã, phường"),
        ("en", "<h2>2. Map</h2>", "Value of support in 2024 by commune"),
    ):
        path = tmp_path / f"bao-cao-{lang}.html"
        sample(
            "report", "annual", "--year", "2024", "--format", "html", "--output", str(path),
            lang=lang,
        )  # fmt: skip
        page = path.read_text(encoding="utf-8")
        start = page.index('<svg xmlns="http://www.w3.org/2000/svg" width="800"')
        svg = page[start : page.index("</svg>", start) + len("</svg>")]
        assert sorted(_paths(svg)) == CODES
        assert title in svg
        # after the summary and its totals, before the sections
        assert page.index("</table></section>") < page.index(heading) < start
