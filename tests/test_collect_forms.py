"""The collection round's forms: `collect forms` writes each agency's own records, a returned
form imports with plain `import` (and is recorded), a form that leaves its agency, year or
database is refused, and `--errors DIR` sends the refused form back marked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from tests.bad_input import Before, refused
from tests.conftest import Cli, audit_count, copy_template, demo_province, dump, seed

YEAR = 2025
ACTIVITIES = "Hoạt động"  # the sheets' names under --lang vi
LISTS_HEADERS = {
    "vi": ["Mã thôn", "Tên thôn", "Mã cơ quan", "Loại hoạt động", "Nguồn"],
    "en": ["Village", "Village name", "Agency", "Kind", "Source"],
}


def _session(url: str) -> Any:
    from ketnghia.db import Database

    return Database(url)


def _expected(url: str, year: int) -> dict[str, dict[str, set]]:
    """Straight from the tables: each agency with a pairing active in `year`, its villages,
    and the ids of its activities and visits dated in the year and of its villages' household
    pairings active in it."""
    from sqlmodel import col

    from ketnghia.models import Activity, Agency, HouseholdPairing, Pairing, Village, Visit
    from ketnghia.periods import active_during_year, in_years

    db = _session(url)
    found: dict[str, dict[str, set]] = {}
    try:
        with db.session() as s:
            active = active_during_year(col(Pairing.started_on), col(Pairing.ended_on), year)
            for code, village, village_id in s.execute(
                select(Agency.code, Village.code, Village.id)
                .join(Pairing, col(Pairing.agency_id) == col(Agency.id))
                .join(Village, col(Village.id) == col(Pairing.village_id))
                .where(active)
            ):
                entry = found.setdefault(
                    code,
                    {"villages": set(), "village_ids": set(), "activities": set(), "visits": set()},
                )
                entry["villages"].add(village)
                entry["village_ids"].add(village_id)
            for model, kind in ((Activity, "activities"), (Visit, "visits")):
                for code, record in s.execute(
                    select(Agency.code, model.id)
                    .join(Pairing, col(Pairing.id) == col(model.pairing_id))
                    .join(Agency, col(Agency.id) == col(Pairing.agency_id))
                    .where(in_years(col(model.date), year))
                ):
                    found[code][kind].add(record)
            households = s.execute(
                select(HouseholdPairing.id, HouseholdPairing.village_id).where(
                    active_during_year(
                        col(HouseholdPairing.started_on), col(HouseholdPairing.ended_on), year
                    )
                )
            ).all()
            for entry in found.values():
                entry["households"] = {h for h, v in households if v in entry["village_ids"]}
    finally:
        db.close()
    return found


def _scalar(url: str, sql: str) -> Any:
    from sqlalchemy import text

    db = _session(url)
    try:
        with db.session() as s:
            return s.execute(text(sql)).all()
    finally:
        db.close()


def _ids(sheet: Any) -> set[int]:
    return {row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] is not None}


def _forms(cli: Cli, folder: Path, *args: str) -> list[Path]:
    cli("collect", "forms", "--year", str(YEAR), "--output", str(folder), "--lang", "vi", *args)
    return sorted(folder.glob("*.xlsx"))


@pytest.fixture
def demo(cli: Cli) -> Cli:
    return seed(cli, demo_province)


def test_forms_hold_exactly_each_agencys_own_pairings_and_records(
    demo: Cli, tmp_path: Path
) -> None:
    expected = _expected(demo.url, YEAR)
    files = _forms(demo, tmp_path / "forms")
    assert len(files) == len(expected)
    database_id = demo.json("db", "info")["database_id"]
    for path in files:
        workbook = openpyxl.load_workbook(path)
        identity = dict(
            (r[0], r[1]) for r in workbook["_ketnghia"].iter_rows(min_row=2, values_only=True)
        )
        code = identity["agency_code"]
        assert path.name.startswith(f"{YEAR} - {code} - ")
        assert not set(path.name) & set('\\/:*?"<>|')
        assert workbook["_ketnghia"].sheet_state == "veryHidden"
        assert workbook["_ketnghia"].protection.sheet
        assert identity["year"] == YEAR and identity["database_id"] == database_id
        want = expected[code]
        pairings = workbook["Cặp kết nghĩa"]
        assert pairings.protection.sheet
        got = {r[0] for r in pairings.iter_rows(min_row=2, values_only=True) if r[0]}
        assert got == want["villages"], code
        assert _ids(workbook[ACTIVITIES]) == want["activities"], code
        assert _ids(workbook["Nắm tình hình"]) == want["visits"], code
        assert _ids(workbook["Kết nghĩa hộ"]) == want["households"], code
        # the village drop-down lists the agency's own villages, and nothing else
        lists = workbook["Danh mục"]
        listed = {r[0] for r in lists.iter_rows(min_row=2, values_only=True) if r[0]}
        assert listed == want["villages"]
        formulas = {v.formula1 for v in workbook[ACTIVITIES].data_validations.dataValidation}
        assert any("Danh mục" in f and "$A$2" in (f or "") for f in formulas)
        # headers in Vietnamese, as `export` writes them
        for sheet in (ACTIVITIES, "Nắm tình hình", "Kết nghĩa hộ"):
            headers = [c.value for c in workbook[sheet][1]]
            assert headers[0] == "Số" and headers[-1] == "Mã cơ sở dữ liệu", headers
        assert [c.value for c in lists[1]] == LISTS_HEADERS["vi"]
    made = _scalar(demo.url, "SELECT count(*) FROM collection_forms")[0][0]
    assert made == len(files)


def _first_empty_row(sheet: Any) -> int:
    row, agency = 2, _headers(sheet)["Mã cơ quan"]
    while sheet.cell(row=row, column=agency).value is not None:
        row += 1
    return row


def _headers(sheet: Any) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def _an_agency(url: str) -> tuple[str, dict[str, set]]:
    """An agency of the demo's year with activities, and another agency's village."""
    expected = _expected(url, YEAR)
    code = next(c for c, e in sorted(expected.items()) if len(e["activities"]) >= 2)
    return code, expected


def _add_activity(sheet: Any, agency: str, village: str, day: dt.date, title: str) -> int:
    column = _headers(sheet)
    row = _first_empty_row(sheet)
    for header, value in (
        ("Mã cơ quan", agency),
        ("Mã thôn", village),
        ("Ngày", day),
        ("Loại hoạt động", "Công trình"),
        ("Nội dung", title),
        ("Giá trị (đồng)", 12_000_000),
        ("Nguồn", "Xã hội hóa"),
    ):
        sheet.cell(row=row, column=column[header], value=value)
    return row


def test_a_filled_in_form_imports_and_its_returns_are_recorded(demo: Cli, tmp_path: Path) -> None:
    code, expected = _an_agency(demo.url)
    (path,) = _forms(demo, tmp_path / "forms", "--agency", code)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[ACTIVITIES]
    village = sorted(expected[code]["villages"])[0]
    _add_activity(sheet, code, village, dt.date(YEAR, 5, 4), "Tặng bò giống cho hộ nghèo")
    sheet.cell(row=2, column=_headers(sheet)["Nội dung"], value="Nội dung đã sửa")
    changed_id = sheet.cell(row=2, column=1).value
    returned = tmp_path / "returned" / path.name
    returned.parent.mkdir()
    workbook.save(returned)
    audit = audit_count(demo.url)
    result = demo("import", str(returned))
    assert "SO" in result.stderr or code in result.stderr
    rows = demo.json("activity", "list", "--agency", code, "--year", str(YEAR))
    assert any(r["title"] == "Tặng bò giống cho hộ nghèo" and r["village_code"] == village
               for r in rows)  # fmt: skip
    assert {r["id"]: r["title"] for r in rows}[changed_id] == "Nội dung đã sửa"
    returns = _scalar(demo.url, "SELECT rows_added, rows_changed, sha256 FROM collection_returns")
    assert [(a, c) for a, c, _ in returns] == [(1, 1)]
    assert len(returns[0][2]) == 64
    assert audit_count(demo.url) > audit + 2  # the rows and the return
    # the same file again: the rows are already stored; a second return, of nothing
    demo("import", str(returned))
    returns = _scalar(demo.url, "SELECT rows_added, rows_changed FROM collection_returns")
    assert sorted(returns) == [(0, 0), (1, 1)]


def test_untouched_forms_import_as_no_change_but_their_returns(demo: Cli, tmp_path: Path) -> None:
    """A folder of forms sent back as they were: every row is matched by its id and left as
    it is; each form is still a return (0 added, 0 changed)."""
    files = _forms(demo, tmp_path / "forms")
    before = dump(demo.url)
    result = demo("import", str(tmp_path / "forms"), "--format", "json")
    after = dump(demo.url)
    returns = after.pop("collection_returns")
    assert before.pop("collection_returns") == []
    assert after == before
    assert len(returns) == len(files)
    summary = __import__("json").loads(result.stdout)
    assert {(r["rows_added"], r["rows_changed"]) for r in summary["returns"]} == {(0, 0)}
    assert all(k["inserted"] == k["updated"] == 0 for k in summary["kinds"].values())


def test_a_record_removed_since_the_form_was_made_stays_removed(demo: Cli, tmp_path: Path) -> None:
    """The commission removed an activity after the form went out; the form comes back with
    that row as it was sent: the removal stands, the row is left out with a warning naming it,
    and the return is recorded."""
    code, expected = _an_agency(demo.url)
    (path,) = _forms(demo, tmp_path / "forms", "--agency", code)
    removed = min(expected[code]["activities"])
    demo("activity", "remove", str(removed))
    before = dump(demo.url)
    result = demo("import", str(path), "--format", "json", lang="vi")
    after = dump(demo.url)
    returns = after.pop("collection_returns")
    before.pop("collection_returns")
    assert after == before and len(returns) == 1  # nothing added back, the return recorded
    warnings = __import__("json").loads(result.stdout)["warnings"]
    assert any(f"bản ghi số {removed} đã bị xóa sau khi lập biểu mẫu" in w for w in warnings)
    # a row the agency changed for a removed record is still an error: it meant to change it
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Hoạt động"]
    row = next(r for r in range(2, sheet.max_row + 1) if _get(sheet, r, "Số") == removed)
    _set(sheet, row, "Nội dung", "Sửa sau khi bị xóa")
    workbook.save(path)
    refused = demo("import", str(path), code=1, lang="vi")
    assert f"bản ghi số {removed} không còn" in refused.stderr


def _other_village(expected: dict[str, dict[str, set]], code: str) -> tuple[str, str]:
    """Another agency and one of its villages that `code` is not paired with."""
    for other, entry in sorted(expected.items()):
        villages = entry["villages"] - expected[code]["villages"]
        if other != code and villages:
            return other, sorted(villages)[0]
    raise AssertionError("no other village")


def test_a_row_for_another_agencys_village_is_refused_naming_its_row(
    demo: Cli, tmp_path: Path
) -> None:
    code, expected = _an_agency(demo.url)
    (path,) = _forms(demo, tmp_path / "forms", "--agency", code)
    other, village = _other_village(expected, code)
    workbook = openpyxl.load_workbook(path)
    theirs = _add_activity(workbook[ACTIVITIES], other, village, dt.date(YEAR, 6, 1), "Khác")
    ours = _add_activity(workbook[ACTIVITIES], code, village, dt.date(YEAR, 6, 2), "Khác")
    returned = tmp_path / "returned.xlsx"
    workbook.save(returned)
    before = Before(demo.url)
    err = refused(
        demo("import", str(returned), code=None),
        before,
        [
            f"[{ACTIVITIES}]:{theirs}:Mã cơ quan:",
            # ours: told at the village, as the form's rule, not as a missing pairing
            f"[{ACTIVITIES}]:{ours}:Mã thôn: {village} is not a village this agency is "
            f"paired with in {YEAR}",
        ],
        lines=3,  # a line per row, and the count
    )
    assert other in err and code in err and "pair add" not in err
    refused(
        demo("import", str(returned), code=None, lang="vi"),
        before,
        [
            f"[{ACTIVITIES}]:{ours}:Mã thôn: {village} không phải thôn kết nghĩa của đơn vị "
            f"trong năm {YEAR}"
        ],
        lines=3,
    )


def test_a_household_pairing_of_a_village_not_the_agencys_is_refused_at_its_village(
    demo: Cli, tmp_path: Path
) -> None:
    code, expected = _an_agency(demo.url)
    (path,) = _forms(demo, tmp_path / "forms", "--agency", code)
    _, village = _other_village(expected, code)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Kết nghĩa hộ"]
    row = 2
    while _get(sheet, row, "Mã thôn") is not None:
        row += 1
    for header, value in (
        ("Mã thôn", village),
        ("Hộ giúp", "Nguyễn Văn A"),
        ("Hộ được giúp", "Rơ Châm B"),
        ("Ngày kết nghĩa", dt.date(YEAR, 4, 1)),
    ):
        _set(sheet, row, header, value)
    workbook.save(tmp_path / "returned.xlsx")
    before = Before(demo.url)
    refused(
        demo("import", str(tmp_path / "returned.xlsx"), code=None),
        before,
        [f"[Kết nghĩa hộ]:{row}:Mã thôn: {village} is not a village this agency is paired with"],
        lines=2,  # the row, and the count
    )


def test_an_id_the_form_did_not_send_is_refused(demo: Cli, tmp_path: Path) -> None:
    code, expected = _an_agency(demo.url)
    (path,) = _forms(demo, tmp_path / "forms", "--agency", code)
    other, _ = _other_village(expected, code)
    foreign = sorted(expected[other]["activities"] | expected[other]["visits"])
    foreign_activity = sorted(expected[other]["activities"])[0] if foreign else None
    assert foreign_activity is not None
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[ACTIVITIES]
    sheet.cell(row=2, column=1, value=foreign_activity)  # an id this form did not send
    workbook.save(tmp_path / "returned.xlsx")
    before = Before(demo.url)
    refused(
        demo("import", str(tmp_path / "returned.xlsx"), code=None),
        before,
        [f"[{ACTIVITIES}]:2:Số", f"#{foreign_activity}"],
        lines=2,  # the row, and the count
    )


def test_a_form_of_another_year_is_refused(demo: Cli, tmp_path: Path) -> None:
    code, expected = _an_agency(demo.url)
    folder = tmp_path / "forms"
    demo("collect", "forms", "--year", "2024", "--output", str(folder), "--agency", code,
         "--lang", "vi")  # fmt: skip
    (path,) = sorted(folder.glob("*.xlsx"))
    village = sorted(expected[code]["villages"])[0]
    workbook = openpyxl.load_workbook(path)
    row = _add_activity(workbook[ACTIVITIES], code, village, dt.date(2025, 3, 1), "Năm sau")
    workbook.save(tmp_path / "rows-of-2025.xlsx")
    before = Before(demo.url)
    refused(
        demo("import", str(tmp_path / "rows-of-2025.xlsx"), code=None),
        before,
        [f"[{ACTIVITIES}]:{row}:Ngày", "2024"],
        lines=2,
    )
    # a form whose hidden year was changed is not the form that was sent
    workbook = openpyxl.load_workbook(path)
    identity = workbook["_ketnghia"]
    for cells in identity.iter_rows(min_row=2):
        if cells[0].value == "year":
            cells[1].value = 2025
    workbook.save(tmp_path / "altered.xlsx")
    refused(demo("import", str(tmp_path / "altered.xlsx"), code=None), before, ["altered"])


def test_a_form_from_another_database_is_refused_with_one_line(
    demo: Cli, tmp_path: Path, sqlite_template: Path
) -> None:
    code, _ = _an_agency(demo.url)
    (path,) = _forms(demo, tmp_path / "forms", "--agency", code)
    other = Cli(str(copy_template(sqlite_template, tmp_path / "other.db")))
    before = Before(other.url)
    refused(other("import", str(path), code=None), before, [path.name, "another database"])
    refused(
        other("import", str(path), code=None, lang="vi"),
        before,
        ["biểu mẫu này được lập từ một cơ sở dữ liệu khác"],
    )


def test_errors_dir_sends_the_form_back_with_its_bad_cells_marked(
    demo: Cli, tmp_path: Path
) -> None:
    code, expected = _an_agency(demo.url)
    (path,) = _forms(demo, tmp_path / "forms", "--agency", code)
    other, village = _other_village(expected, code)
    own = sorted(expected[code]["villages"])[0]
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[ACTIVITIES]
    bad_agency = _add_activity(sheet, other, village, dt.date(YEAR, 6, 1), "Thôn khác")
    bad_date = _add_activity(sheet, code, own, dt.date(YEAR + 1, 1, 5), "Năm sau")
    bad_village = _add_activity(sheet, code, village, dt.date(YEAR, 6, 2), "Thôn khác")
    returned = tmp_path / "returned" / path.name
    returned.parent.mkdir()
    workbook.save(returned)
    back = tmp_path / "back"
    before = Before(demo.url)
    result = demo("import", str(returned), "--errors", str(back), code=None)
    refused(result, before, [str(back)], lines=None)
    marked = openpyxl.load_workbook(back / path.name)
    sheet = marked[ACTIVITIES]
    column = _headers(sheet)
    for row, header, said in (
        (bad_agency, "Mã cơ quan", other),
        (bad_date, "Ngày", str(YEAR)),
        (bad_village, "Mã thôn", f"{village} is not a village this agency is paired with"),
    ):
        cell = sheet.cell(row=row, column=column[header])
        assert cell.fill.fgColor.rgb.endswith("FFC7CE"), (row, header)
        assert cell.comment is not None and said in cell.comment.text
    # the village's row is marked at its village only: its date is not the problem
    unmarked = sheet.cell(row=bad_village, column=column["Ngày"])
    assert unmarked.comment is None and not unmarked.fill.fgColor.rgb.endswith("FFC7CE")
    good = sheet.cell(row=2, column=column["Mã thôn"])
    assert good.comment is None
    assert marked["_ketnghia"].sheet_state == "veryHidden"  # still the agency's form


def test_an_english_form_heads_its_columns_by_key_and_its_lists_by_label(
    demo: Cli, tmp_path: Path
) -> None:
    code, _ = _an_agency(demo.url)
    folder = tmp_path / "forms"
    demo("collect", "forms", "--year", str(YEAR), "--output", str(folder), "--agency", code)
    (path,) = sorted(folder.glob("*.xlsx"))
    workbook = openpyxl.load_workbook(path)
    headers = [c.value for c in workbook["activities"][1]]
    assert headers[0] == "id" and headers[-1] == "database_id"
    assert [c.value for c in workbook["Lists"][1]] == LISTS_HEADERS["en"]


def _set(sheet: Any, row: int, header: str, value: Any) -> None:
    sheet.cell(row=row, column=_headers(sheet)[header], value=value)


def _get(sheet: Any, row: int, header: str) -> Any:
    return sheet.cell(row=row, column=_headers(sheet)[header]).value


def _returns(url: str) -> list[tuple[int, int]]:
    rows = _scalar(url, "SELECT rows_added, rows_changed FROM collection_returns")
    return sorted((a, c) for a, c in rows)


def _without_returns(url: str) -> dict[str, Any]:
    found = dump(url)
    found.pop("collection_returns")
    return found


def test_an_old_copy_of_a_form_never_undoes_a_later_correction(demo: Cli, tmp_path: Path) -> None:
    """The agency corrects a value and returns the form; the original form comes in again
    later: its rows are as they were sent, so they change nothing. A second return that does
    change the row still updates it: the later correction wins."""
    code, _ = _an_agency(demo.url)
    (original,) = _forms(demo, tmp_path / "forms", "--agency", code)
    workbook = openpyxl.load_workbook(original)
    sheet = workbook[ACTIVITIES]
    record = _get(sheet, 2, "Số")
    sent = _get(sheet, 2, "Giá trị (đồng)")
    _set(sheet, 2, "Giá trị (đồng)", sent + 1_000_000)
    corrected = tmp_path / "corrected" / original.name
    corrected.parent.mkdir()
    workbook.save(corrected)
    demo("import", str(corrected))
    assert _returns(demo.url) == [(0, 1)]
    assert demo.json("activity", "show", str(record))["value_vnd"] == sent + 1_000_000

    before = _without_returns(demo.url)
    result = demo("import", str(original), "--format", "json")
    assert _without_returns(demo.url) == before  # the correction stays
    assert demo.json("activity", "show", str(record))["value_vnd"] == sent + 1_000_000
    assert _returns(demo.url) == [(0, 0), (0, 1)]  # still recorded as a return
    summary = __import__("json").loads(result.stdout)
    assert [(r["rows_added"], r["rows_changed"]) for r in summary["returns"]] == [(0, 0)]

    # a second return from the original form, with the row changed again: it updates
    workbook = openpyxl.load_workbook(original)
    _set(workbook[ACTIVITIES], 2, "Giá trị (đồng)", sent + 2_000_000)
    again = tmp_path / "again" / original.name
    again.parent.mkdir()
    workbook.save(again)
    demo("import", str(again))
    assert demo.json("activity", "show", str(record))["value_vnd"] == sent + 2_000_000
    assert _returns(demo.url) == [(0, 0), (0, 1), (0, 1)]


def test_every_row_of_every_form_is_known_as_sent(demo: Cli, tmp_path: Path) -> None:
    """Every record of every form changed after the forms were made: the forms returned
    untouched change none of them (each row's values read back give the fingerprint sent)."""
    from sqlalchemy import text

    from ketnghia.db import Database

    files = _forms(demo, tmp_path / "forms")
    db = Database(demo.url)
    try:
        with db.write() as s:
            s.execute(text("UPDATE activities SET value_vnd = value_vnd + 1"))
            s.execute(text("UPDATE visits SET people_met = coalesce(people_met, 0) + 1"))
            s.execute(text("UPDATE household_pairings SET note = 'sửa sau'"))
    finally:
        db.close()
    before = _without_returns(demo.url)
    result = demo("import", str(tmp_path / "forms"), "--format", "json")
    assert _without_returns(demo.url) == before
    summary = __import__("json").loads(result.stdout)
    assert all(k["inserted"] == k["updated"] == 0 for k in summary["kinds"].values())
    assert _returns(demo.url) == [(0, 0)] * len(files)


def test_a_version_1_form_is_read_as_before(demo: Cli, tmp_path: Path) -> None:
    """A form made before fingerprints: its rows are compared with what is stored, so a row
    that differs from the stored record updates it, as it did then."""
    code, _ = _an_agency(demo.url)
    (path,) = _forms(demo, tmp_path / "forms", "--agency", code)
    workbook = openpyxl.load_workbook(path)
    record = _get(workbook[ACTIVITIES], 2, "Số")
    sent = _get(workbook[ACTIVITIES], 2, "Giá trị (đồng)")
    for cells in workbook["_ketnghia"].iter_rows(min_row=2):
        if cells[0].value == "form_version":
            cells[1].value = 1
    old = tmp_path / "old" / path.name
    old.parent.mkdir()
    workbook.save(old)
    demo("activity", "edit", str(record), "--value", str(sent + 1_000_000))
    demo("import", str(old))
    assert demo.json("activity", "show", str(record))["value_vnd"] == sent
    assert _returns(demo.url) == [(0, 1)]
