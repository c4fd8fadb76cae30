"""The annual report as Markdown, HTML, xlsx and CSV: produced, readable, self-contained."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import Cli, seed
from tests.test_report_annual import build


@pytest.fixture
def province(cli: Cli) -> Cli:
    return seed(cli, build)


def test_markdown(province: Cli) -> None:
    md = province("report", "annual", "--year", "2024", "--format", "md", lang="vi").stdout
    assert md.startswith("# Báo cáo kết quả công tác kết nghĩa năm 2024\n")
    assert "Năm 2024, 3 cơ quan, đơn vị duy trì 5 cặp kết nghĩa với 3 thôn, làng" in md
    assert "140.000.000 đồng" in md
    assert "| Huyện | Số thôn | Số cặp | Hoạt động | Giá trị (đồng) |" in md
    assert "| Chư Păh | 1 | 2 | 3 | 35.000.000 |" in md
    assert "| **Cộng** |" in md
    en = province("report", "annual", "--year", "2024", "--format", "md", lang="en").stdout
    assert en.startswith("# Twinning results, 2024\n") and "140,000,000" in en


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def test_html_is_self_contained(province: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.html"
    province(
        "report", "annual", "--year", "2024", "--format", "html", "--output", str(path), lang="vi"
    )
    page = path.read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    tags = [tag for tag, _ in parser.tags]
    assert ("meta", {"charset": "utf-8"}) in parser.tags
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert tags.count("svg") == 4  # value by district, by kind, by source; the map
    text = "".join(parser.text)
    assert "BÁO CÁO" in text and "kết quả thực hiện công tác kết nghĩa năm 2024" in text
    assert "Chư Păh" in text and "140.000.000" in text and "Làng Ơp" in text
    assert '<section id="idle_pairings" class="warning keep">' in page


def test_html_renders_in_headless_chromium(province: Cli, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no chromium on this machine: the HTML was checked by parsing only")
    path = tmp_path / "r.html"
    province("report", "annual", "--year", "2024", "--format", "html", "--output", str(path))
    shot = tmp_path / "r.png"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1000,1400",
            path.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.exists() and shot.stat().st_size > 10_000


def test_xlsx_has_a_sheet_per_section_and_a_chart(province: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "bao-cao.xlsx"
    province("report", "annual", "--year", "2024", "--format", "xlsx", "--output", str(path))
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "Totals",
        "Map",
        "Collection round",
        "By district",
        "By commune",
        "By agency",
        "By kind",
        "By source",
        "Idle pairings",
        "Unpaired villages",
        "Outcomes",
        "Locality pairings",
        "Locality contributions",
    ]
    summary = workbook["Totals"]
    assert len(summary._charts) == 1
    values = {row[0]: row[1] for row in summary.iter_rows(min_row=4, values_only=True)}
    assert values["Value (VND)"] == 140_000_000  # a number, not text
    districts = list(workbook["By district"].iter_rows(values_only=True))
    assert districts[3] == ("District", "Villages", "Pairings", "Activities", "Value (VND)")
    assert districts[4] == ("Chư Păh", 1, 2, 3, 35_000_000)
    assert workbook["By district"]["E5"].number_format == "#,##0"


def test_csv_long_form(province: Cli) -> None:
    out = province("report", "annual", "--year", "2024", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {
        "section": "totals",
        "key": "",
        "name": "",
        "metric": "value_vnd",
        "value": "140000000",
    } in rows
    assert {
        "section": "by_agency",
        "key": "A1",
        "name": "Sở Xây dựng",
        "metric": "value_vnd",
        "value": "105000000",
    } in rows
    assert any(r["section"] == "idle_pairings" and r["key"] == "A3" for r in rows)


def test_csv_long_form_never_writes_a_formula(province: Cli) -> None:
    province("agency", "edit", "A1", "--name", '=HYPERLINK("http://x","Sở")')
    out = province("report", "annual", "--year", "2024", "--format", "csv").stdout
    names = {r["name"] for r in csv.DictReader(io.StringIO(out)) if r["key"] == "A1"}
    assert names == {'\'=HYPERLINK("http://x","Sở")'}
