"""The reports as Word documents ready to sign (Hướng dẫn 36-HD/VPTW), and the province's own
Word template filled with the report: each document opened with python-docx and held to the
report's JSON."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ketnghia.reports.annual import TOTALS
from ketnghia.reports.layout import DOCUMENT_HEAD, document_sections, section_title
from ketnghia.values import document_date, format_money, format_number, format_percent
from tests.bad_input import Before, refused
from tests.conftest import Cli, demo_province, seed

MADE = "2026-11-26"
MEASURES = ["page_width", "page_height", "top_margin", "bottom_margin"]
MEASURES += ["left_margin", "right_margin"]


@pytest.fixture
def province(cli: Cli) -> Cli:
    return seed(cli, demo_province)


def _docx(cli: Cli, path: Path, *args: str, lang: str = "vi") -> Document:
    cli("report", *args, "--format", "docx", "--output", str(path), "--date", MADE, lang=lang)
    return docx.Document(str(path))


def _text(element: Any) -> str:
    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def _paragraphs(doc: Document) -> list[str]:
    """Every paragraph of the body, those in tables included, in order."""
    return [_text(p) for p in doc.element.body.iter(qn("w:p"))]


def _tables_after(doc: Document) -> dict[str, list[list[str]]]:
    """Each table of the body under the paragraph before it (a section's heading)."""
    found: dict[str, list[list[str]]] = {}
    last = ""
    for block in doc.element.body.iterchildren():
        if block.tag == qn("w:p") and _text(block).strip():
            last = _text(block)
        elif block.tag == qn("w:tbl"):
            rows = [[_text(c) for c in r.iter(qn("w:tc"))] for r in block.iter(qn("w:tr"))]
            found.setdefault(last, rows)
    return found


def _names(cli: Cli) -> tuple[dict[str, str], dict[str, str]]:
    agencies = {a["code"]: a["name"] for a in cli.json("agency", "list")}
    villages = {v["code"]: v["name"] for v in cli.json("village", "list")}
    return agencies, villages


def _sections(report: dict[str, Any], kind: str) -> list[str]:
    """The sections of a report's JSON: its keys but the title's (year, scope …), which must
    be the sections the documents show, no more, no fewer."""
    keys = [k for k in report if k not in DOCUMENT_HEAD[kind]]
    assert sorted(keys) == sorted(document_sections(kind)), "layout.DOCUMENT_PARTS is behind"
    return keys


def _bold(paragraph: Any) -> bool:
    return all(r.bold for r in paragraph.runs if r.text.strip())


def _italic(paragraph: Any) -> bool:
    return all(r.italic for r in paragraph.runs if r.text.strip())


def test_the_annual_report_as_a_document_to_sign(province: Cli, tmp_path: Path) -> None:
    report = province.json("report", "annual", "--year", "2024")
    doc = _docx(
        province,
        tmp_path / "bao-cao.docx",
        "annual",
        "--year",
        "2024",
        "--signer",
        "Nguyễn Văn An",
        "--recipient",
        "Thường trực Tỉnh ủy (b/c)",
        "--recipient",
        "Lưu VP",
    )
    # A4 portrait, the margins and the font of Hướng dẫn 36
    section = doc.sections[0]
    mm = {
        name: round(getattr(section, name).mm, 1) for name in MEASURES
    }  # Word keeps twentieths of a point: 15 mm is 14.99 mm
    assert (mm["page_width"], mm["page_height"]) == (210, 297)
    assert 20 <= mm["top_margin"] <= 25 and 20 <= mm["bottom_margin"] <= 25
    assert 30 <= mm["left_margin"] <= 35 and 15 <= mm["right_margin"] <= 20
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)

    # the letterhead: a table of two columns without borders
    head = doc.tables[0]
    assert head.style is None or "Grid" not in head.style.name
    left, right = head.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "TỈNH ỦY GIA LAI",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "*",
        "Số       -BC/BTGDVTU",
    ]
    assert _bold(left.paragraphs[1]) and not _bold(left.paragraphs[0])
    party, rule = right.paragraphs[0], right.paragraphs[1]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and _bold(party)
    assert party.paragraph_format.alignment is not None
    assert rule._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None
    date_line = next(p for p in right.paragraphs if p.text.startswith("Gia Lai"))
    assert date_line.text == "Gia Lai, ngày 26 tháng 11 năm 2026" and _italic(date_line)

    body = [p for p in doc.paragraphs if p.text.strip()]
    kind = next(i for i, p in enumerate(body) if p.text == "BÁO CÁO")
    assert _bold(body[kind])
    assert body[kind + 1].text == "kết quả thực hiện công tác kết nghĩa năm 2024"

    # every section of the JSON, under its title, in numbered parts
    text = "\n".join(_paragraphs(doc))
    for key in _sections(report, "annual"):
        assert section_title("annual", key, "vi") in text, key
    parts = [p.text for p in body if re.match(r"^[IVX]+\. ", p.text)]
    assert parts[0] == "I. KẾT QUẢ CHUNG" and len(parts) >= 5

    # sentences that carry the figures, and the tables hold the JSON's
    totals = report["totals"]
    assert f"tổng giá trị {format_money(totals['value_vnd'], 'vi')} đồng" in text
    assert "24.348.000.000" in text  # the sample province's value of 2024
    tables = _tables_after(doc)
    shown_totals = {row[1]: row[2] for row in tables["1. Tổng hợp"][1:]}
    assert shown_totals["Giá trị (đồng)"] == format_money(totals["value_vnd"], "vi")
    assert shown_totals["Hoạt động"] == format_number(totals["activities"], "vi")
    assert len(shown_totals) == len(TOTALS)
    districts = tables["1. Theo huyện"]
    assert districts[0][:2] == ["TT", "Huyện"]
    for row, figures in zip(districts[1:], report["by_district"], strict=False):
        assert row[1] == (figures["district"] or "(chưa rõ huyện)")
        assert row[-1] == format_money(figures["value_vnd"], "vi")
    assert districts[-1][1] == "Cộng" and districts[-1][-1] == "24.348.000.000"
    agencies = next(rows for title, rows in tables.items() if "Theo cơ quan" in title)
    assert [r[1] for r in agencies[1 : len(report["by_agency"]) + 1]] == [
        a["agency_code"] for a in report["by_agency"]
    ]

    # formalism: the idle pairings and the unpaired villages, by name
    agency_names, village_names = _names(province)
    assert report["idle_pairings"] and report["unpaired_villages"]
    idle = next(rows for title, rows in tables.items() if "biểu hiện hình thức" in title)
    for pairing, row in zip(report["idle_pairings"], idle[1:], strict=True):
        agency = agency_names[pairing["agency_code"]]
        village = village_names[pairing["village_code"]]
        assert f"{agency} với {village}" in text
        assert row[1:5] == [pairing["agency_code"], agency, pairing["village_code"], village]
    assert f"Có {len(report['idle_pairings'])} cặp kết nghĩa không có hoạt động" in text
    for village in report["unpaired_villages"]:
        assert village["village"] in text

    # the end: the recipients beside the signature block
    end = doc.tables[-1]
    recipients, signature = end.rows[0].cells
    heading = recipients.paragraphs[0]
    assert heading.text == "Nơi nhận:" and _bold(heading) and _italic(heading)
    assert heading.runs[0].font.size < Pt(13)
    assert [p.text for p in recipients.paragraphs[1:]] == [
        "- Thường trực Tỉnh ủy (b/c),",
        "- Lưu VP.",
    ]
    assert all(r.font.size < Pt(13) for p in recipients.paragraphs[1:] for r in p.runs)
    lines = [p.text for p in signature.paragraphs if p.text.strip()]
    assert lines == ["TRƯỞNG BAN", "Nguyễn Văn An"]
    assert all(_bold(p) for p in signature.paragraphs if p.text.strip())

    # tables: the heading row repeats on every page, numbers stand on the right
    for grid in doc.tables[1:-1]:
        first = grid.rows[0]._tr
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    money_cell = districts_table(doc).rows[1].cells[-1].paragraphs[0]
    assert money_cell.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT

    # a page number from page 2: the first page has a footer of its own, without one
    assert section.different_first_page_header_footer
    assert "PAGE" in _instructions(section.footer._element)
    assert "PAGE" not in _instructions(section.first_page_footer._element)


def districts_table(doc: Document) -> Any:
    return next(t for t in doc.tables if t.rows[0].cells[1].text == "Huyện")


def _instructions(element: Any) -> str:
    fields = [n.text or "" for n in element.iter(qn("w:instrText"))]
    fields += [n.get(qn("w:instr")) or "" for n in element.iter(qn("w:fldSimple"))]
    return " ".join(fields)


def test_in_english_the_same_structure(province: Cli, tmp_path: Path) -> None:
    report = province.json("report", "annual", "--year", "2024")
    doc = _docx(province, tmp_path / "report.docx", "annual", "--year", "2024", lang="en")
    text = "\n".join(_paragraphs(doc))
    for words in (
        "COMMUNIST PARTY OF VIETNAM",
        "REPORT",
        "on the results of the twinning programme in 2024",
        "Gia Lai, 26 November 2026",
        "Recipients:",
        "I. OVERALL RESULTS",
        "24,348,000,000",
    ):
        assert words in text, words
    for key in _sections(report, "annual"):
        assert section_title("annual", key, "en") in text, key
    assert "No.       -BC/BTGDVTU" in text
    assert "Số       -BC" not in text and "BÁO CÁO" not in text


def test_review_and_agency_show_every_section(province: Cli, tmp_path: Path) -> None:
    for kind, args in (
        ("review", ("review", "--from", "2024", "--to", "2025")),
        ("agency", ("agency", "SO-NNMT", "--year", "2024")),
    ):
        report = province.json("report", *args)
        doc = _docx(province, tmp_path / f"{kind}.docx", *args)
        text = "\n".join(_paragraphs(doc))
        assert "BÁO CÁO" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
        for key in _sections(report, kind):
            assert section_title(kind, key, "vi") in text, (kind, key)
        assert doc.tables[-1].rows[0].cells[0].paragraphs[0].text == "Nơi nhận:"
    agency = province.json("report", "agency", "SO-NNMT", "--year", "2024")
    assert f"của {agency['agency']['name']}" in text
    started = agency["pairings"][0]["started_on"]  # dates as Vietnamese tables write them
    assert dt.date.fromisoformat(started).strftime("%d/%m/%Y") in text


def test_the_letterhead_from_options(province: Cli, tmp_path: Path) -> None:
    doc = _docx(
        province,
        tmp_path / "x.docx",
        "annual",
        "--year",
        "2024",
        "--issuer",
        "Ban Dân vận",
        "--superior",
        "Huyện ủy Chư Sê",
        "--place",
        "Chư Sê",
        "--signer-title",
        "K/T Trưởng ban",
        "--signer-title",
        "Phó Trưởng ban",
    )
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "HUYỆN ỦY CHƯ SÊ",
        "BAN DÂN VẬN",
        "*",
        "Số       -BC/",  # another issuer's letters are the office's to write
    ]
    assert right.paragraphs[-1].text == "Chư Sê, ngày 26 tháng 11 năm 2026"
    signature = doc.tables[-1].rows[0].cells[1]
    assert [p.text for p in signature.paragraphs if p.text] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]


def test_the_map_is_in_part_one(province: Cli, tmp_path: Path) -> None:
    """The annual report's map (reports/province_map.py) is a picture in part I, under its
    section's title, as wide as the text column."""
    doc = _docx(province, tmp_path / "map.docx", "annual", "--year", "2024")
    assert len(doc.inline_shapes) == 1
    assert abs(doc.inline_shapes[0].width - Mm(165)) < Mm(1)
    pictures = [rel.target_part for rel in doc.part.rels.values() if "image" in rel.reltype]
    assert [p.content_type for p in pictures] == ["image/png"]
    paragraphs = list(doc.element.body.iter(qn("w:p")))
    blocks = [_text(p) for p in paragraphs]
    picture = next(
        i for i, p in enumerate(paragraphs) if p.find(f".//{qn('w:drawing')}") is not None
    )
    assert (
        blocks.index("2. Bản đồ")
        < picture
        < blocks.index("II. KẾT QUẢ THEO ĐỊA BÀN VÀ CƠ QUAN, ĐƠN VỊ")
    )
    review = _docx(province, tmp_path / "review.docx", "review", "--from", "2024", "--to", "2025")
    assert not review.inline_shapes


# -- a province's own template ----------------------------------------------------------------


def _template(path: Path, *lines: str, footer: str | None = None) -> Path:
    doc = docx.Document()
    for line in lines:
        doc.add_paragraph(line)
    if footer is not None:
        doc.sections[0].footer.paragraphs[0].text = footer
    doc.save(str(path))
    return path


def test_a_template_filled_with_tags_and_filters(province: Cli, tmp_path: Path) -> None:
    report = province.json("report", "annual", "--year", "2024")
    rate = report["outcomes"]["special_difficulty_by_figures"][0]
    template = _template(
        tmp_path / "mau.docx",
        "Tổng giá trị: {{ totals.value_vnd|money }} đồng",
        "Lượt hộ: {{ totals.households_benefited|number }}",
        "{{ place }}, {{ made_on|date_vi }} ({{ made_on|date }})",
        "Tỷ lệ nghèo {{ outcomes.special_difficulty_by_figures[0].village }}: "
        "{{ outcomes.special_difficulty_by_figures[0].poverty_rate|percent }}",
        "{%p for p in idle_pairings %}",
        "- {{ p.agency }} với {{ p.village }} từ {{ p.started_on|date }}",
        "{%p endfor %}",
        "Loại: {{ by_kind[0].kind|label }}",
        "Ký: {{ signer_title|join(' ') }} {{ signer }}",
        "{{ summary }}",
        footer="Báo cáo năm {{ year }}",
    )
    out = tmp_path / "filled.docx"
    province(
        "report", "annual", "--year", "2024", "--format", "docx", "--template", str(template),
        "--output", str(out), "--date", "2026-02-05", "--signer", "Rơ Châm H'Bia", lang="vi",
    )  # fmt: skip
    filled = docx.Document(str(out))
    lines = [p.text for p in filled.paragraphs]
    agencies, villages = _names(province)
    first_idle = report["idle_pairings"][0]
    since = dt.date.fromisoformat(first_idle["started_on"]).strftime("%d/%m/%Y")
    assert lines[:4] == [
        "Tổng giá trị: 24.348.000.000 đồng",
        f"Lượt hộ: {format_number(report['totals']['households_benefited'], 'vi')}",
        "Gia Lai, ngày 05 tháng 02 năm 2026 (05/02/2026)",
        f"Tỷ lệ nghèo {rate['village']}: {format_percent(rate['poverty_rate'], 'vi')}",
    ]
    assert "," in lines[3] or float(rate["poverty_rate"]).is_integer()
    idle = [line for line in lines if line.startswith("- ")]
    assert len(idle) == len(report["idle_pairings"])
    assert idle[0] == (
        f"- {agencies[first_idle['agency_code']]} với {villages[first_idle['village_code']]} "
        f"từ {since}"
    )
    assert "Loại: Công trình" in lines  # the first kind of 2024 by value: construction
    assert "Ký: TRƯỞNG BAN Rơ Châm H'Bia" in lines  # escaped in the XML, whole in the text
    assert any(line.startswith("Năm 2024, 33 cơ quan, đơn vị") for line in lines)
    assert filled.sections[0].footer.paragraphs[0].text == "Báo cáo năm 2024"


def test_the_default_template_is_shipped_and_fills(province: Cli, tmp_path: Path) -> None:
    mau = tmp_path / "mau.docx"
    province("report", "docx-template", "--output", str(mau))
    from ketnghia.resources import report_template

    assert mau.read_bytes() == report_template().read_bytes()
    out = tmp_path / "filled.docx"
    province(
        "report", "annual", "--year", "2024", "--format", "docx", "--template", str(mau),
        "--output", str(out), "--date", MADE, lang="vi",
    )  # fmt: skip
    filled = docx.Document(str(out))
    text = "\n".join(_paragraphs(filled))
    assert "{{" not in text and "{%" not in text
    for words in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "TỈNH ỦY GIA LAI",
        "Gia Lai, ngày 26 tháng 11 năm 2026",
        "kết quả thực hiện công tác kết nghĩa năm 2024",
        "24.348.000.000",
        "Nơi nhận:",
        "- Lưu Văn phòng Ban.",
        "TRƯỞNG BAN",
    ):
        assert words in text, words
    report = province.json("report", "annual", "--year", "2024")
    agencies, villages = _names(province)
    for pairing in report["idle_pairings"]:
        agency, village = agencies[pairing["agency_code"]], villages[pairing["village_code"]]
        assert f"- {agency} với {village}" in text
    districts = next(t for t in filled.tables if t.rows[0].cells[1].text == "Huyện")
    assert len(districts.rows) == len(report["by_district"]) + 2  # heading, rows, total
    assert len(filled.inline_shapes) == 1  # {{ map_picture }}: the map


def test_the_shipped_template_is_what_the_tool_builds(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    try:
        import make_docx_template
    finally:
        sys.path.pop(0)
    from ketnghia.resources import report_template

    built = make_docx_template.build(tmp_path / "built.docx")
    assert _all_text(built) == _all_text(report_template())


def _all_text(path: Path) -> list[str]:
    return _paragraphs(docx.Document(str(path)))


def _bad_templates(folder: Path) -> Iterator[tuple[str, Path, list[str]]]:
    yield "unknown tag", _template(folder / "a.docx", "{% frobnicate %}"), ["frobnicate"]
    yield "syntax", _template(folder / "b.docx", "{{ totals.value_vnd|money "), ["b.docx"]
    yield "unknown name", _template(folder / "c.docx", "{{ totalz.value_vnd }}"), ["totalz"]
    yield "unknown key", _template(folder / "d.docx", "{{ totals.nope|money }}"), ["nope"]
    yield "unknown filter", _template(folder / "e.docx", "{{ year|moneyy }}"), ["moneyy"]
    yield "filter on text", _template(folder / "f.docx", "{{ scope|money }}"), ["money"]
    yield "unclosed loop", _template(folder / "g.docx", "{%p for r in by_kind %}"), ["g.docx"]
    text = folder / "h.docx"
    text.write_text("not a Word file", encoding="utf-8")
    yield "not a docx", text, ["h.docx"]
    yield "missing", folder / "nowhere.docx", ["nowhere.docx"]


def test_bad_templates_are_refused_in_one_line(province: Cli, tmp_path: Path) -> None:
    before = Before(province.url)
    out = tmp_path / "out.docx"
    for case, template, names in _bad_templates(tmp_path):
        result = province(
            "report", "annual", "--year", "2024", "--format", "docx", "--template",
            str(template), "--output", str(out), code=None, lang="vi",
        )  # fmt: skip
        err = refused(result, before, [template.name, *names])
        assert not out.exists(), case
        assert err.strip(), case


def test_a_bad_template_files_nothing(province: Cli, tmp_path: Path) -> None:
    """--file with a template that fails: the year is not filed, nothing is written."""
    before = Before(province.url)
    bad = _template(tmp_path / "bad.docx", "{{ nosuch }}")
    out = tmp_path / "out.docx"
    result = province(
        "report", "annual", "--year", "2024", "--file", "--format", "docx", "--template",
        str(bad), "--output", str(out), code=None,
    )  # fmt: skip
    refused(result, before, ["nosuch"])
    assert not out.exists()


def test_a_word_report_needs_a_file(province: Cli, tmp_path: Path) -> None:
    before = Before(province.url)
    for args in (
        ("annual", "--year", "2024"),
        ("review", "--from", "2024", "--to", "2025"),
        ("agency", "SO-NNMT", "--year", "2024"),
    ):
        result = province("report", *args, "--format", "docx", code=None)
        refused(result, before, ["--output"])
        assert not result.stdout
    result = province(
        "report", "annual", "--year", "2024", "--format", "md", "--template", "x.docx", code=None
    )
    refused(result, before, ["--template", "docx"])
    out = tmp_path / "x.docx"
    result = province(
        "report", "annual", "--year", "2024", "--format", "docx", "--output", str(out),
        "--signer", "Nguyễn\x07An", code=None,
    )  # fmt: skip
    refused(result, before, ["--signer"])
    assert not out.exists()


def test_document_dates_and_percentages() -> None:
    assert document_date(dt.date(2026, 11, 26), "vi") == "ngày 26 tháng 11 năm 2026"
    assert document_date(dt.date(2026, 2, 5), "vi") == "ngày 05 tháng 02 năm 2026"
    assert document_date(dt.date(2026, 3, 9), "vi") == "ngày 09 tháng 3 năm 2026"
    assert document_date(dt.date(2026, 2, 5), "en") == "5 February 2026"
    assert format_percent(23.9, "vi") == "23,9%" and format_percent(23.9, "en") == "23.9%"
    assert format_percent(24, "vi") == "24%" and format_percent(33.333, "vi") == "33,3%"
    assert format_percent(None, "vi") == ""


def test_no_docx_library_is_imported_by_help() -> None:
    """python-docx and docxtpl load only inside the command that writes a Word file."""
    import subprocess

    code = (
        "import sys; from ketnghia.cli.app import app; "
        "print(any(m.split('.')[0] in ('docx', 'docxtpl', 'jinja2') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
