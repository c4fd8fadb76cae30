"""The collection round's status (`collect status`) and the annual report's line on it: the
agencies expected, their forms and returns, the reporting rate overall and by place, the agencies
still missing; before and after returns, on both backends; and filed reports not held to it."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from ketnghia.i18n import t
from ketnghia.reports.layout import REPORTS
from tests.bad_input import Before, refused
from tests.conftest import Cli, opened, seed

YEAR = "2024"
UTC = dt.timezone.utc


def _round(cli: Cli) -> None:
    """Four agencies: SO-NN paired in two districts and communes, TD and BQL in one, CU whose
    pairing ended before the year (not expected)."""
    for code, name, head, phone in (
        ("SO-NN", "Sở Nông nghiệp", "Nguyễn Văn An", "0269 3822 111"),
        ("TD", "Tỉnh đoàn", None, None),
        ("BQL", "Ban Quản lý", "Rơ Châm H'Lan", "0905 123 456"),
        ("CU", "Cơ quan cũ", None, None),
    ):
        more = [*("--head", head, "--phone", phone)] if head and phone else []
        cli("agency", "add", "--code", code, "--name", name, *more)
    for code, commune, district in (
        ("GL-0001", "Ia Me", "Chư Prông"),
        ("GL-0002", "Ia Phìn", "Chư Prông"),
        ("GL-0003", "Hà Tây", "Chư Păh"),
    ):
        cli("village", "add", "--code", code, "--name", f"Làng {code[-1]}", "--commune", commune,
            "--district", district)  # fmt: skip
    for agency, village in (
        ("SO-NN", "GL-0001"),
        ("SO-NN", "GL-0003"),
        ("TD", "GL-0002"),
        ("BQL", "GL-0001"),
    ):
        cli("pair", "add", "--agency", agency, "--village", village, "--since", "2024-03-01")
    cli("pair", "add", "--agency", "CU", "--village", "GL-0002", "--since", "2020-01-01")
    cli("pair", "end", "--agency", "CU", "--village", "GL-0002", "--on", "2023-06-30")


def _ids(url: str) -> dict[str, int]:
    from sqlalchemy import select

    from ketnghia.models import Agency

    with opened(url) as session:
        return dict(session.execute(select(Agency.code, Agency.id)).all())  # type: ignore[arg-type]


def _forms(url: str, codes: list[str]) -> dict[str, int]:
    """A form made for each agency of the year; their ids by code."""
    from ketnghia.services.collection import record_form

    ids = _ids(url)
    with opened(url, write=True) as session:
        made = {code: record_form(session, ids[code], int(YEAR), f"{code}.xlsx") for code in codes}
        return {code: form.id for code, form in made.items()}  # type: ignore[misc]


def _return(url: str, form_id: int, added: int, changed: int, day: dt.date) -> None:
    from ketnghia.models import CollectionForm
    from ketnghia.services.collection import record_return

    at = dt.datetime.combine(day, dt.time(12), tzinfo=UTC)  # the same day in any time zone
    with opened(url, write=True) as session:
        form = session.get_one(CollectionForm, form_id)
        record_return(session, form, "back.xlsx", "0" * 64, added, changed, at=at)


def _returns(url: str) -> None:
    """Forms for the three agencies expected; SO-NN returns twice (10 and 20 May), TD once
    (5 June), BQL not at all."""
    forms = _forms(url, ["SO-NN", "TD", "BQL"])
    _return(url, forms["SO-NN"], 2, 1, dt.date(2025, 5, 10))
    _return(url, forms["SO-NN"], 0, 3, dt.date(2025, 5, 20))
    _return(url, forms["TD"], 4, 0, dt.date(2025, 6, 5))


def _status(cli: Cli, *more: str) -> dict:
    return cli.json("collect", "status", "--year", YEAR, *more)


def _places(rows: list[dict], *names: str) -> dict[tuple, tuple]:
    return {
        tuple(r[n] for n in names): (r["expected"], r["forms_made"], r["returned"], r["rate"])
        for r in rows
    }


def test_status_before_and_after_returns(cli: Cli, tmp_path: Path) -> None:
    """Before any form: every expected agency missing and no rate (not 0 %); after the
    returns: the rate overall and by place, each agency's dates and rows, the missing list."""
    from openpyxl import load_workbook

    seed(cli, _round)
    before = _status(cli)
    assert before["round"] | {"due": None} == {
        "expected": 3,
        "forms_made": 0,
        "returned": 0,
        "missing": 3,
        "rate": None,
        "on_time": None,
        "on_time_rate": None,
        "due": None,
    }
    assert [a["agency_code"] for a in before["agencies"]] == ["BQL", "SO-NN", "TD"]  # not CU
    table = cli("collect", "status", "--year", YEAR, lang="vi").stdout
    assert t("no_collection_round", "vi") in table

    _returns(cli.url)
    after = _status(cli)
    assert after["round"] == before["round"] | {
        "forms_made": 3,
        "returned": 2,
        "missing": 1,
        "rate": 66.7,
    }
    rows = {a["agency_code"]: a for a in after["agencies"]}
    assert rows["SO-NN"] | {"form_made_on": None} == {
        "agency_code": "SO-NN",
        "agency": "Sở Nông nghiệp",
        "head": "Nguyễn Văn An",
        "phone": "0269 3822 111",
        "form_made_on": None,
        "returned_on": "2025-05-20",  # the latest return
        "returns": 2,
        "rows_added": 2,
        "rows_changed": 4,
        "late": None,  # no due date given
        "missing": False,
    }
    assert rows["SO-NN"]["form_made_on"] == dt.date.today().isoformat()
    assert (rows["BQL"]["returned_on"], rows["BQL"]["missing"], rows["BQL"]["returns"]) == (
        None,
        True,
        0,
    )
    # an agency counts in every district and commune where it has a paired village
    assert _places(after["by_district"], "district") == {
        ("Chư Păh",): (1, 1, 1, 100.0),  # SO-NN
        ("Chư Prông",): (3, 3, 2, 66.7),  # SO-NN, TD, BQL
    }
    assert _places(after["by_commune"], "commune", "district") == {
        ("Hà Tây", "Chư Păh"): (1, 1, 1, 100.0),
        ("Ia Me", "Chư Prông"): (2, 2, 1, 50.0),  # SO-NN and BQL
        ("Ia Phìn", "Chư Prông"): (1, 1, 1, 100.0),
    }

    missing = _status(cli, "--missing")
    assert [(m["agency_code"], m["head"], m["phone"]) for m in missing["missing"]] == [
        ("BQL", "Rơ Châm H'Lan", "0905 123 456")
    ]
    assert missing["round"] == after["round"]
    shown = cli("collect", "status", "--year", YEAR, "--missing", lang="vi").stdout
    assert "0905 123 456" in shown and "Rơ Châm H'Lan" in shown and "SO-NN" not in shown

    table = cli("collect", "status", "--year", YEAR, lang="vi").stdout
    assert "66,7%" in table and "20/05/2025" in table and "Chư Păh" in table
    assert t("no_collection_round", "vi") not in table

    path = tmp_path / "tinh-hinh.xlsx"
    cli("collect", "status", "--year", YEAR, "--output", str(path), lang="vi")
    book = load_workbook(path)
    assert book.sheetnames == [s.sheet_name("vi") for s in REPORTS["collection"]]
    figures = {r[0]: r[1] for r in book.worksheets[0].iter_rows(min_row=4, values_only=True)}
    assert figures[t("fig_collection_expected", "vi")] == 3
    assert figures[t("fig_collection_rate", "vi")] == 0.667
    sheet = book.worksheets[1]
    head = next(r for r in sheet.iter_rows() if r[0].value == t("col_agency_code", "vi"))
    assert [c.value for c in head][:4] == [
        t(f"col_{k}", "vi") for k in ("agency_code", "agency", "form_made_on", "returned_on")
    ]
    cells = {r[0].value: r for r in sheet.iter_rows(min_row=head[0].row + 1)}
    assert cells["SO-NN"][3].value.date() == dt.date(2025, 5, 20)
    assert cells["SO-NN"][3].number_format == "dd/mm/yyyy"
    assert cells["BQL"][3].value is None


def test_a_due_date_judges_the_first_return(cli: Cli) -> None:
    """With --due, an agency is on time when its first return came by that day: SO-NN (first
    on 10 May, again on 20 May) is on time for a due date of 15 May, TD (5 June) is late."""
    seed(cli, _round)
    _returns(cli.url)
    found = _status(cli, "--due", "15/05/2025")
    assert found["round"]["due"] == "2025-05-15"
    assert (found["round"]["on_time"], found["round"]["on_time_rate"]) == (1, 33.3)
    late = {a["agency_code"]: a["late"] for a in found["agencies"]}
    assert late == {"SO-NN": False, "TD": True, "BQL": None}
    districts = {r["district"]: r["on_time"] for r in found["by_district"]}
    assert districts == {"Chư Păh": 1, "Chư Prông": 1}


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the process's time zone is set by TZ")
def test_the_due_day_ends_at_midnight_where_ketnghia_runs(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In Gia Lai (UTC+7) a form returned at 01:00 on the day after the due day is late, one
    returned at 23:00 on the due day is on time, whatever the backend stores (UTC)."""
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        seed(cli, _round)
        forms = _forms(cli.url, ["SO-NN", "TD"])
        for code, hour in (("SO-NN", 16), ("TD", 18)):  # 23:00 on 31/03, 01:00 on 01/04 local
            from ketnghia.models import CollectionForm
            from ketnghia.services.collection import record_return

            at = dt.datetime(2025, 3, 31, hour, tzinfo=UTC)
            with opened(cli.url, write=True) as session:
                form = session.get_one(CollectionForm, forms[code])
                record_return(session, form, "back.xlsx", "0" * 64, 0, 0, at=at)
        found = _status(cli, "--due", "31/03/2025")
        late = {a["agency_code"]: a["late"] for a in found["agencies"] if a["returns"]}
        assert late == {"SO-NN": False, "TD": True}
    finally:
        monkeypatch.undo()
        time.tzset()


def test_bad_options_are_refused(cli: Cli) -> None:
    seed(cli, _round)
    before = Before(cli.url)
    result = cli("collect", "status", "--year", YEAR, "--due", "31/02/2025", code=None)
    refused(result, before, ["--due"])
    result = cli("collect", "status", "--year", YEAR, "--format", "xlsx", code=None)
    refused(result, before)


def test_the_annual_report_shows_the_round(cli: Cli, tmp_path: Path) -> None:
    """The annual report's `collection`: no round yet said as such (not 0 %), then the rate,
    in the JSON and in the Markdown's summary and table; an agency scope counts that agency."""
    seed(cli, _round)
    report = cli.json("report", "annual", "--year", YEAR)
    assert report["collection"] == {
        "expected": 3,
        "returned": 0,
        "rate": None,
        "organised": False,
    }
    md = cli("report", "annual", "--year", YEAR, "--format", "md", lang="vi").stdout
    assert t("collection_none", "vi", year=YEAR) in md
    assert t("no_collection_round", "vi") in md and "0%" not in md

    _returns(cli.url)
    report = cli.json("report", "annual", "--year", YEAR)
    assert report["collection"] == {"expected": 3, "returned": 2, "rate": 66.7, "organised": True}
    md = cli("report", "annual", "--year", YEAR, "--format", "md", lang="vi").stdout
    assert "Tỷ lệ cơ quan nộp biểu mẫu năm 2024: 2/3 (66,7%)." in md
    assert f"| {t('fig_collection_rate', 'vi')} | 66,7% |" in md
    # the Word document to sign says the same in its section of the round, not "none"
    import docx

    path = tmp_path / "bao-cao.docx"
    cli("report", "annual", "--year", YEAR, "--format", "docx", "--output", str(path), lang="vi")
    rows = [
        [c.text for c in r.cells][1:]
        for table in docx.Document(str(path)).tables
        for r in table.rows
    ]
    assert [t("fig_collection_expected", "vi"), "3"] in rows
    assert [t("fig_collection_rate", "vi"), "66,7%"] in rows
    scoped = cli.json("report", "annual", "--year", YEAR, "--agency", "BQL")
    assert scoped["collection"] == {"expected": 1, "returned": 0, "rate": 0.0, "organised": True}


def test_returns_after_filing_are_no_drift(cli: Cli) -> None:
    """A year filed (and locked) before its round still takes the returns, and its filed
    report shows no drift; neither does one filed before the report had the round's line."""
    from sqlalchemy import select

    from ketnghia.models import AnnualReport
    from ketnghia.reports.filing import drift

    seed(cli, _round)
    cli("report", "annual", "--year", YEAR, "--file")
    _returns(cli.url)  # a locked year: the returns are recorded all the same
    with opened(cli.url) as session:
        found = drift(session, int(YEAR))
        assert found is not None and found[1] == []
    with opened(cli.url, write=True) as session:  # as an older ketnghia filed it
        filed = session.scalars(select(AnnualReport)).one()
        content = json.loads(filed.content)
        del content["collection"]
        filed.content = json.dumps(content, ensure_ascii=False)
    with opened(cli.url) as session:
        found = drift(session, int(YEAR))
        assert found is not None and found[1] == []
    err = cli("report", "annual", "--year", YEAR, "--format", "json").stderr
    assert "the figures are unchanged" in err and "differ" not in err


def test_every_section_of_the_status_in_every_format(cli: Cli, tmp_path: Path) -> None:
    """The status's sections (and those of --missing), derived from its JSON, are those of
    layout.REPORTS and each is shown by the table, the long CSV and the workbook."""
    import csv
    import io

    from openpyxl import load_workbook

    from ketnghia.reports.render_xlsx import sheet_title

    seed(cli, _round)
    _returns(cli.url)
    for kind, more in (("collection", ()), ("collection_missing", ("--missing",))):
        data = _status(cli, *more)
        layout = REPORTS[kind]
        assert {k for k, v in data.items() if isinstance(v, (list, dict))} == {
            s.key for s in layout
        }
        table = cli("collect", "status", "--year", YEAR, *more, lang="vi").stdout
        long_csv = list(
            csv.DictReader(
                io.StringIO(cli("collect", "status", "--year", YEAR, *more, "-f", "csv").stdout)
            )
        )
        path = tmp_path / f"{kind}.xlsx"
        cli("collect", "status", "--year", YEAR, *more, "-o", str(path), lang="vi")
        book = load_workbook(path)
        taken: set[str] = set()
        for section in layout:
            assert section.title_text("vi") in table, (kind, section.key)
            assert any(r["section"] == section.key for r in long_csv), (kind, section.key)
            sheet = book[sheet_title(section.sheet_name("vi"), taken)]
            assert sheet["A2"].value == section.title_text("vi")
