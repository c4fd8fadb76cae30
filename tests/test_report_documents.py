"""The reports as documents an officer signs and hands over: every section of the report's JSON
in every format (one list, reports/layout.REPORTS, drives them all), HTML that prints on A4 as a
Party document (heading, number, place and date, signature; no page left nearly empty), and
workbooks with Vietnamese sheets, totals rows, date cells and a print setup."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from ketnghia.i18n import t
from ketnghia.reports.layout import NUMERIC, REPORTS, cell, heading
from ketnghia.reports.render_xlsx import SHEET_NAME_MAX, sheet_title
from ketnghia.values import document_date
from tests.conftest import Cli, demo_province, seed
from tests.test_report_annual import build

# (report kind, its arguments) in the sample province with a merger: between them, every
# section has rows
SAMPLE_REPORTS = [
    ("annual", ["annual", "--year", "2024"]),
    ("annual", ["annual", "--year", "2025"]),
    ("review", ["review", "--from", "2024", "--to", "2025"]),
    ("review", ["review", "--from", "2023", "--to", "2024"]),
    ("agency", ["agency", "LN-HATHANH", "--year", "2024"]),
    ("agency", ["agency", "SO-KHCN", "--year", "2025"]),
]
FORMATS = ("json", "table", "md", "html", "csv", "xlsx", "docx")


def json_sections(data: dict[str, Any]) -> set[str]:
    """The sections of a report, read off its JSON: every key that holds a list of rows or a
    block of figures (a dict with a number in it)."""
    return {
        key
        for key, value in data.items()
        if isinstance(value, list)
        or (
            isinstance(value, dict)
            and any(isinstance(v, int) and not isinstance(v, bool) for v in value.values())
        )
    }


def _has_rows(data: dict[str, Any], key: str) -> bool:
    section = next(s for s in REPORTS_BY_KIND_ANY if s.key == key)
    return bool(section.figures) or bool(data[key])


REPORTS_BY_KIND_ANY = [s for sections in REPORTS.values() for s in sections]


class _Text(HTMLParser):
    """The text a reader sees (no style, no script), and each section's heading."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.headings: dict[str, str] = {}
        self._skip = False
        self._section: str | None = None
        self._in_h2 = False

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self._skip = tag in ("style", "title")
        if tag == "section":
            self._section = dict(attrs).get("id")
        self._in_h2 = tag == "h2"

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        self._skip = False
        self._in_h2 = False

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._skip:
            return
        self.parts.append(data)
        if self._in_h2 and self._section:
            self.headings[self._section] = self.headings.get(self._section, "") + data


def html_text(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    return parser


def sample_with_a_merger(cli: Cli) -> None:
    """The sample province, and one agency merged into a new one on 1-4-2025."""
    demo_province(cli)
    cli("agency", "add", "--code", "SO-NVTP", "--name", "Sở Nội vụ và Tư pháp")
    cli("agency", "merge", "SO-NV", "--into", "SO-NVTP", "--on", "2025-04-01")


@pytest.fixture
def sample(cli: Cli) -> Cli:
    return seed(cli, sample_with_a_merger)


# ---- every section, every format ----------------------------------------------------------


def render_all(kind: str, data: dict[str, Any], folder: Path, lang: str = "vi") -> dict[str, Path]:
    """A report in every format, through the command's own rendering (cli.report.render)."""
    from ketnghia.cli.report import ReportFormat, render
    from ketnghia.i18n import get_lang, set_lang
    from ketnghia.reports import render_docx
    from ketnghia.reports.document import letterhead

    before = get_lang()
    set_lang(lang)
    try:
        head = letterhead(lang)
        files = {}
        for fmt in FORMATS:
            files[fmt] = folder / f"report.{fmt}"
            document = render_docx.document(kind, data, lang, head) if fmt == "docx" else None
            render(kind, data, ReportFormat(fmt), files[fmt], head, document)
        return files
    finally:
        set_lang(before)


def test_every_section_of_the_json_is_in_every_format(sample: Cli, tmp_path: Path) -> None:
    """The sections are derived from each report's JSON (annual, review, agency); each must be
    in REPORTS and shown by every format: a section added to the JSON and not to the layout,
    or left out by one renderer, fails here."""
    from docx import Document
    from openpyxl import load_workbook

    seen_with_rows: set[tuple[str, str]] = set()
    for n, (kind, args) in enumerate(SAMPLE_REPORTS):
        data = sample.json("report", *args)
        layout = REPORTS[kind]
        assert json_sections(data) == {s.key for s in layout}, f"{kind}: layout.REPORTS is behind"
        titles = [s.title_text("vi") for s in layout]
        assert len(set(titles)) == len(titles), "two sections with one title"
        (tmp_path / str(n)).mkdir()
        files = render_all(kind, data, tmp_path / str(n))
        table = files["table"].read_text(encoding="utf-8")
        md = files["md"].read_text(encoding="utf-8").splitlines()
        page = html_text(files["html"].read_text(encoding="utf-8"))
        long_csv = list(csv.DictReader(io.StringIO(files["csv"].read_text(encoding="utf-8-sig"))))
        book = load_workbook(files["xlsx"])
        word = Document(str(files["docx"]))
        word_text = "\n".join(p.text for p in word.paragraphs)
        word_cells = {c.text for t in word.tables for r in t.rows for c in r.cells}
        html_flat = " ".join(files["html"].read_text(encoding="utf-8").split())
        taken: set[str] = set()
        for section in layout:
            title = section.title_text("vi")
            assert section.key in json.loads(files["json"].read_text(encoding="utf-8"))
            assert title in table, (kind, section.key, "table")
            assert f"## {title}" in md, (kind, section.key, "md")
            assert page.headings.get(section.key, "").endswith(title), (kind, section.key)
            sheet = book[sheet_title(section.sheet_name("vi"), taken)]
            assert sheet["A2"].value == title, (kind, section.key, "xlsx")
            assert title in word_text, (kind, section.key, "docx")
            if _has_rows(data, section.key):
                seen_with_rows.add((kind, section.key))
                # the rows themselves, not only the title: the first row's first value
                rows, columns = section.rows(data), section.columns_for(data)
                if rows and columns and columns[0][1] not in NUMERIC and rows[0].get(columns[0][0]):
                    shown = str(cell(rows[0][columns[0][0]], columns[0][1], "vi"))
                    # (a table too narrow for the code shows the name beside it alone)
                    name = str(rows[0].get(section.names[1], "")) if section.names[1:] else ""
                    assert shown in word_cells or (name and name in word_cells), (kind, section.key)
                    assert shown in html_flat, (kind, section.key, "html", shown)
                assert any(r["section"] == section.key for r in long_csv), (kind, section.key)
    # the sample's reports give every section rows, so that the CSV's check means something
    # (the collection round's status: tests/test_collect_status.py, in the formats it offers)
    sampled = {kind for kind, _ in SAMPLE_REPORTS}
    assert seen_with_rows == {(k, s.key) for k in sampled for s in REPORTS[k]}


@pytest.mark.parametrize("kind, args", [SAMPLE_REPORTS[2], SAMPLE_REPORTS[5]])
def test_review_and_agency_reports_in_every_format(
    sample: Cli, tmp_path: Path, kind: str, args: list[str]
) -> None:
    """`report review` and `report agency` take every format the annual report takes, and
    write what the rendering of their JSON gives."""
    data = sample.json("report", *args)
    expected = render_all(kind, data, tmp_path)
    for fmt in FORMATS:
        out = tmp_path / f"from-the-command.{fmt}"
        sample("report", *args, "--format", fmt, "--output", str(out), lang="vi")
        if fmt in ("xlsx", "docx"):
            assert out.stat().st_size > 5_000
        else:
            assert out.read_text(encoding="utf-8") == expected[fmt].read_text(encoding="utf-8")


def test_names_beside_codes_in_the_json_and_the_documents(sample: Cli) -> None:
    """Idle pairings name their agency and village; contributors their locality; co-signers
    their names (keys added, none renamed)."""
    data = sample.json("report", "annual", "--year", "2024")
    idle = data["idle_pairings"][0]
    assert set(idle) >= {"agency_code", "village_code", "started_on", "agency", "village"}
    assert (idle["agency_code"], idle["agency"]) == (
        "LN-HATHANH",
        "Công ty TNHH Lâm nghiệp Hà Thanh",
    )
    page = html_text(
        sample("report", "annual", "--year", "2024", "--format", "html", lang="vi").stdout
    )
    text = "".join(page.parts)
    assert idle["agency"] in text and idle["village"] in text
    later = sample.json("report", "annual", "--year", "2025")
    contributor = later["locality_contributors"][0]
    assert contributor["agency"] == "UBND phường An Nhơn"
    locality = later["localities"][0]
    assert locality["cosigners"] == ["BIDV-GL"]
    assert locality["cosigner_names"] == ["BIDV Chi nhánh Gia Lai"]
    md = sample("report", "annual", "--year", "2025", "--format", "md", lang="vi").stdout
    assert "BIDV-GL BIDV Chi nhánh Gia Lai" in md


def test_a_report_filed_before_names_were_added_has_not_drifted(cli: Cli) -> None:
    """A year filed by an earlier ketnghia, whose idle pairings had no names, still matches its
    records: a key added to the report's rows is not a changed figure."""
    from sqlalchemy import select

    from ketnghia.db import Database
    from ketnghia.models import AnnualReport

    seed(cli, build)
    cli("report", "annual", "--year", "2024", "--file")
    db = Database(cli.url)
    try:
        with db.write() as session:
            filed = session.scalars(select(AnnualReport).where(AnnualReport.year == 2024)).one()
            content = json.loads(filed.content)
            assert content["idle_pairings"], "the year needs an idle pairing"
            for row in content["idle_pairings"]:
                del row["agency"], row["village"]
            filed.content = json.dumps(content, ensure_ascii=False, sort_keys=True)
    finally:
        db.close()
    said = cli("report", "annual", "--year", "2024").stderr
    assert "the figures are unchanged" in said, said
    said = cli("report", "annual", "--year", "2024", lang="vi").stderr
    assert re.search(r"đã nộp ngày \d\d/\d\d/\d{4} .*không thay đổi", said), said
    assert "filed_report_drift" not in cli("db", "check", "--format", "json").stdout
    # and a write that leaves 2024 alone goes through
    cli("agency", "add", "--code", "A9", "--name", "Sở Y tế", "--kind", "department")


# ---- HTML that prints ---------------------------------------------------------------------


def _page_rules(css: str) -> dict[str, str]:
    rule = re.search(r"@page\s*\{([^{}]*)", css)
    assert rule, "no @page rule"
    return dict(
        (k.strip(), v.strip()) for k, v in (p.split(":", 1) for p in rule[1].split(";") if ":" in p)
    )


def _mm(value: str) -> float:
    assert value.endswith("mm"), value
    return float(value[:-2])


def test_html_is_a_party_document_on_a4(sample: Cli, tmp_path: Path) -> None:
    from ketnghia.reports import render_html
    from ketnghia.reports.document import letterhead

    data = sample.json("report", "annual", "--year", "2024")
    head = letterhead("vi", made_on=dt.date(2026, 11, 26))
    page = render_html.document("annual", data, "vi", head)
    css = page[page.index("<style>") : page.index("</style>")]
    rules = _page_rules(css)
    assert rules["size"] == "A4 portrait"
    top, right, bottom, left = map(_mm, rules["margin"].split())
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20
    # tables repeat their heading row, rows never split, nothing forces a page break
    assert "thead{display:table-header-group}" in css
    assert "tr{break-inside:avoid" in css
    assert not re.search(r"break-before:\s*(page|always)|page-break-before:\s*always", page)
    text = html_text(page)
    seen = "\n".join(text.parts)
    lines = [line.strip() for line in seen.splitlines() if line.strip()]
    joined = "".join(text.parts)
    for expected in (
        "TỈNH ỦY GIA LAI",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "*",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Gia Lai, ngày 26 tháng 11 năm 2026",
        "BÁO CÁO",
        "kết quả thực hiện công tác kết nghĩa năm 2024",
        "Nơi nhận:",
        "TRƯỞNG BAN",
        "- Lưu Văn phòng Ban.",
    ):
        assert expected in joined, expected
    assert re.search(r"Số\s{3,}-BC/BTGDVTU", joined), "the number is left blank for the office"
    assert '<div class="b u">ĐẢNG CỘNG SẢN VIỆT NAM</div>' in page
    assert ".b{font-weight:bold}" in css and ".u{text-decoration:underline}" in css
    assert '<div class="date">Gia Lai, ngày 26 tháng 11 năm 2026</div>' in page
    assert ".date{margin-top:3mm;font-style:italic}" in css
    # Vietnamese dates and numbers; no ISO date a reader would see
    assert "10/05/2024" in joined and "24.348.000.000" in joined and "23,9%" in joined
    assert not any(re.search(r"\b\d{4}-\d{2}-\d{2}\b", line) for line in lines), [
        line for line in lines if re.search(r"\b\d{4}-\d{2}-\d{2}\b", line)
    ][:3]
    # every section, the outcomes among them
    assert set(text.headings) == {s.key for s in REPORTS["annual"]}


@pytest.mark.parametrize("kind, args", SAMPLE_REPORTS[2:])
def test_review_and_agency_are_documents_too(sample: Cli, kind: str, args: list[str]) -> None:
    page = sample("report", *args, "--format", "html", lang="vi").stdout
    joined = "".join(html_text(page).parts)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in joined and "Nơi nhận:" in joined
    assert f"Gia Lai, {document_date(dt.date.today(), 'vi')}" in joined
    assert "@page{size:A4 portrait" in page


def _chromium() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no chromium on this machine")
    return browser


def page_fill(pdf: Path) -> list[float]:
    """How far down each page's text reaches, as a share of the page's text area (20 mm
    margins top and bottom; the page number above the text area is left out)."""
    from pypdf import PdfReader

    margin = 20 / 25.4 * 72
    fills = []
    for page in PdfReader(pdf).pages:
        height = float(page.mediabox.height)
        found: list[tuple[str, float]] = []
        page.extract_text(
            visitor_text=lambda text, cm, tm, font, size, found=found: found.append(
                (text, tm[5] * cm[3] + cm[5])
            )
        )
        lowest = [y for text, y in found if text.strip() and margin <= y <= height - margin]
        fills.append((height - margin - min(lowest)) / (height - 2 * margin) if lowest else 0.0)
    return fills


@pytest.mark.slow
@pytest.mark.parametrize("kind, args", [SAMPLE_REPORTS[0], SAMPLE_REPORTS[2], SAMPLE_REPORTS[5]])
def test_the_reports_print_on_a4_with_no_page_nearly_empty(
    sqlite_path: Path, tmp_path: Path, kind: str, args: list[str]
) -> None:
    """Printed by headless Chromium, the sample's 2024 report (and a review, and an agency's
    page) is A4 and every page is at least a quarter full (the text's reach down the page):
    the signature is never left alone on the last page."""
    browser = _chromium()
    sample = seed(Cli(str(sqlite_path)), sample_with_a_merger)
    html = tmp_path / "bao-cao.html"
    sample("report", *args, "--format", "html", "--output", str(html), lang="vi")
    pdf = tmp_path / "bao-cao.pdf"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {
        (595, 842)
    }  # A4 in points
    fills = page_fill(pdf)
    assert len(fills) > 1 and min(fills) >= 0.25, fills


# ---- the workbook as a document -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sheet_names_excel_accepts(lang: str) -> None:
    for kind, sections in REPORTS.items():
        taken: set[str] = set()
        names = [sheet_title(s.sheet_name(lang), taken) for s in sections]
        assert names == [s.sheet_name(lang) for s in sections], kind  # nothing cut or changed
        for name in names:
            assert len(name) <= SHEET_NAME_MAX and not set(name) & set("\\/?*[]:"), name
    taken = set()
    assert sheet_title("Theo huyện", taken) == "Theo huyện"
    assert sheet_title("theo huyện", taken) == "theo huyện (2)"
    assert len(sheet_title("a/b" * 20, taken)) == SHEET_NAME_MAX


def _tables(sheet: Any) -> tuple[int, list[tuple[Any, ...]]] | None:
    """The heading row of a sheet's table and its rows below (None: a sheet of figures)."""
    if not sheet.print_title_rows:
        return None
    head = int(sheet.print_title_rows.split(":")[0].lstrip("$"))
    rows = list(sheet.iter_rows(min_row=head + 1, values_only=True))
    return head, rows


@pytest.mark.parametrize("kind, args", SAMPLE_REPORTS)
def test_the_workbook_prints_and_adds_up(
    sample: Cli, tmp_path: Path, kind: str, args: list[str]
) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "bao-cao.xlsx"
    sample("report", *args, "--format", "xlsx", "--output", str(path), lang="vi")
    book = load_workbook(path)
    assert book.sheetnames == [s.sheet_name("vi") for s in REPORTS[kind]]
    data = sample.json("report", *args)
    dates = totals = 0
    for section, sheet in zip(REPORTS[kind], book.worksheets, strict=True):
        setup = sheet.page_setup
        assert (int(setup.paperSize), setup.orientation) == (9, "portrait")  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddHeader.center.text and sheet.oddFooter.center.text == "Trang &P / &N"
        found = _tables(sheet)
        if found is None:
            continue
        head, rows = found
        columns = section.columns_for(data)
        assert [c.value for c in sheet[head]] == [heading(k, "vi") for k, _ in columns]
        total = section.totals(data)
        body = rows[:-1] if total else rows
        assert len(body) == len(section.rows(data))
        if total:
            totals += 1
            assert rows[-1][0] == "Cộng"
            for i, (key, _) in enumerate(columns):
                if key in total:
                    assert rows[-1][i] == sum(r[i] or 0 for r in body) == total[key], key
        for i, (key, how) in enumerate(columns, start=1):
            cells = [sheet.cell(row=head + 1 + n, column=i) for n in range(len(body))]
            if how in ("int", "money"):
                assert all(c.number_format == "#,##0" for c in cells), key
                assert all(c.value is None or isinstance(c.value, int) for c in cells), key
            if how == "date":
                filled = [c for c in cells if c.value is not None]
                assert all(isinstance(c.value, dt.datetime) for c in filled), key
                assert all(c.number_format == "dd/mm/yyyy" for c in filled), key
                dates += len(filled)
    if kind == "annual":
        assert totals >= 7 and dates  # every table of counts or money, and its dates


def test_the_workbook_chart_names_every_district_in_order(sample: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "bao-cao.xlsx"
    sample("report", "annual", "--year", "2024", "--format", "xlsx", "--output", str(path))
    book = load_workbook(path)
    chart = book["Totals"]._charts[0]
    assert chart.legend is None
    assert chart.x_axis.scaling.orientation == "maxMin"  # the first district at the top
    assert chart.x_axis.tickLblSkip == 1
    categories = chart.series[0].cat.numRef or chart.series[0].cat.strRef
    districts = book["By district"]
    first, last = re.findall(r"\$A\$(\d+)", categories.f)
    names = [districts.cell(row=r, column=1).value for r in range(int(first), int(last) + 1)]
    data = sample.json("report", "annual", "--year", "2024")
    assert names == [r["district"] for r in data["by_district"]]


def test_english_keeps_its_conventions(sample: Cli) -> None:
    md = sample("report", "annual", "--year", "2024", "--format", "md", lang="en").stdout
    assert "2024-05-10" in md and "24,348,000,000" in md and "23.9%" in md
    vi = sample("report", "annual", "--year", "2024", "--format", "md", lang="vi").stdout
    assert "10/05/2024" in vi and "24.348.000.000" in vi and "23,9%" in vi
    assert "2024-05-10" not in vi
    assert t("sheet_page", "en") == "Page &P of &N"


def test_the_html_document_takes_the_settings_of_the_word_one(cli: Cli) -> None:
    """--issuer, --superior, --place, --date, --signer, --signer-title, --recipient: one set
    of settings (reports/document.py) for the HTML and the Word document."""
    seed(cli, build)
    page = cli(
        "report", "annual", "--year", "2024", "--format", "html",
        "--issuer", "Ban Dân vận", "--superior", "Huyện ủy Chư Sê", "--place", "Chư Sê",
        "--date", "05/02/2026", "--signer", "Nguyễn Văn An",
        "--signer-title", "K/T TRƯỞNG BAN", "--signer-title", "PHÓ TRƯỞNG BAN",
        "--recipient", "Thường trực Huyện ủy", "--recipient", "Lưu",
        lang="vi",
    ).stdout  # fmt: skip
    text = "".join(html_text(page).parts)
    for expected in (
        "HUYỆN ỦY CHƯ SÊ",
        "BAN DÂN VẬN",
        "Chư Sê, ngày 05 tháng 02 năm 2026",
        "K/T TRƯỞNG BANPHÓ TRƯỞNG BAN",
        "Nguyễn Văn An",
        "- Thường trực Huyện ủy,- Lưu.",
    ):
        assert expected in text, expected
    assert "TỈNH ỦY GIA LAI" not in text and "BTGDVTU" not in text
