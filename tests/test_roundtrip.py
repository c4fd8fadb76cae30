"""Export, correct in a spreadsheet, import back: the same records are updated, never doubled.

A file exported from this database names each record by its id (with the database's id beside
every row); an import matches those rows by id, whatever else was corrected, and checks every
rule as for any other row. Rows from another database, or without the database's id, are
matched by natural key."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import random
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketnghia.schema import ACTIVITY_KINDS, DEPENDENCY_ORDER, KINDS
from tests.conftest import ROOT, Cli, copy_template, dump, seed, seed_basic

SAMPLE = sorted((ROOT / "data" / "sample").glob("*.*"))
FORMATS = ["csv", "json", "xlsx"]


# -- reading and writing exported files, whatever their format ------------------------------


def export_all(cli: Cli, fmt: str, where: Path) -> list[Path]:
    if fmt == "xlsx":
        cli("export", "all", "--format", "xlsx", "--output", str(where / "all.xlsx"))
        return [where / "all.xlsx"]
    cli("export", "all", "--format", fmt, "--output", str(where / "out"))
    return sorted((where / "out").iterdir())


def read_tables(fmt: str, files: list[Path]) -> dict[str, tuple[list[str], list[dict]]]:
    """Each kind's header and rows, as the file holds them (text in CSV)."""
    tables: dict[str, tuple[list[str], list[dict]]] = {}
    if fmt == "xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(files[0])
        for sheet in workbook.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            header = [str(h) for h in rows[0]] if rows else []
            tables[sheet.title] = (header, [dict(zip(header, r, strict=True)) for r in rows[1:]])
        return tables
    for path in files:
        if fmt == "csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                rows = list(reader)
                tables[path.stem] = (list(reader.fieldnames or []), rows)
        else:
            rows = json.loads(path.read_text(encoding="utf-8"))
            tables[path.stem] = (list(rows[0]) if rows else [], rows)
    return tables


def write_tables(
    fmt: str, files: list[Path], tables: dict[str, tuple[list[str], list[dict]]]
) -> None:
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.remove(workbook.active)
        for kind, (header, rows) in tables.items():
            sheet = workbook.create_sheet(kind)
            sheet.append(header)
            for row in rows:
                sheet.append([row.get(h) for h in header])
        workbook.save(files[0])
        return
    for path in files:
        header, rows = tables[path.stem]
        if fmt == "csv":
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=header)
                writer.writeheader()
                writer.writerows(rows)
        else:
            path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def cell(fmt: str, value: Any) -> Any:
    """A canonical value (as export's JSON gives it) the way the format holds it."""
    if fmt != "csv":
        return value
    return "" if value is None else str(value)


def row_id(row: dict) -> int | None:
    value = row.get("id")
    return None if value in (None, "") else int(value)


def stored(cli: Cli) -> dict[str, dict[int, dict]]:
    """Every record of every kind, by id, with the fields an import reads (and the id)."""
    return {
        kind: {
            row["id"]: {k: row[k] for k in KINDS[kind].keys}
            for row in json.loads(cli("export", kind, "--format", "json").stdout)
        }
        for kind in DEPENDENCY_ORDER
    }


# -- the property ---------------------------------------------------------------------------


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


LAST_DAY = dt.date(2025, 12, 31)


class Editor:
    """Random corrections a clerk might make to an export, on the records as stored (by id),
    keeping every rule: natural keys stay unique (never taking a key another record had),
    dates stay inside their pairing, figures stay consistent."""

    def __init__(self, records: dict[str, dict[int, dict]], rnd: random.Random) -> None:
        self.old = records
        self.new = copy.deepcopy(records)
        self.rnd = rnd
        self.changes: dict[str, dict[int, dict]] = {kind: {} for kind in records}
        self.renamed: dict[str, str] = {}  # village code → new code

    def pick(self, kind: str, share: float = 0.15) -> list[int]:
        ids = sorted(self.new[kind])
        return [i for i in ids if self.rnd.random() < share]

    def set(self, table: str, rid: int, **values: Any) -> None:
        self.change(table, rid, values)

    def change(self, table: str, rid: int, values: dict[str, Any]) -> None:
        self.new[table][rid].update(values)
        self.changes[table].setdefault(rid, {}).update(values)

    def keyed(self, kind: str, key: Any, edits: list[tuple[int, dict]]) -> None:
        """Apply edits whose natural key (key(row)) stays unique among every key old or new."""
        taken = {key(r) for r in self.old[kind].values()} | {
            key(r) for r in self.new[kind].values()
        }
        for rid, values in edits:
            after = key(self.new[kind][rid] | values)
            if after == key(self.new[kind][rid]) or after not in taken:
                taken.add(after)
                self.change(kind, rid, values)

    def shift(self, day: str, low: dt.date, high: dt.date) -> str:
        """A date near `day`, within [low, high]."""
        moved = _day(day) + dt.timedelta(days=self.rnd.randint(-40, 40))
        return min(max(moved, low), high).isoformat()

    def edit(self) -> None:
        rnd = self.rnd
        pairings: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = {}
        for p in self.old["pairings"].values():
            end = _day(p["ended_on"]) if p["ended_on"] else LAST_DAY
            pairings.setdefault((p["agency_code"], p["village_code"]), []).append(
                (_day(p["started_on"]), end)
            )

        def period(row: dict) -> tuple[dt.date, dt.date]:
            day = _day(row["date"])
            for start, end in pairings[row["agency_code"], row["village_code"]]:
                if start <= day <= end:
                    return start, end
            raise AssertionError(row)

        for rid in self.pick("agencies"):
            name = self.new["agencies"][rid]["name"]
            self.set("agencies", rid, name=name + " (sửa)", head=rnd.choice([None, "Rơ Châm"]))
            self.set("agencies", rid, phone=rnd.choice([None, "0269 3000 111"]), note="đã sửa")
        for rid in self.pick("villages"):
            village = self.new["villages"][rid]
            households = (village["households"] or 0) + rnd.randint(0, 30)
            poor = rnd.randint(0, households)
            self.set("villages", rid, households=households, poor_households=poor)
            self.set("villages", rid, name=village["name"] + " mới", note=rnd.choice([None, "x"]))
        # one village gets a new code, in every file that names it
        rid = rnd.choice(sorted(self.new["villages"]))
        old_code = self.new["villages"][rid]["code"]
        self.renamed[old_code] = old_code + "-M"
        self.set("villages", rid, code=old_code + "-M")
        self.keyed(
            "village_stats",
            lambda r: (r["village_code"], r["year"]),
            [
                (
                    rid,
                    {
                        "year": rnd.choice([r["year"], rnd.randint(2015, 2022)]),
                        "households": 300,
                        "poor_households": rnd.randint(0, 300),
                        "near_poor_households": rnd.randint(0, 50),
                        "income_per_head": rnd.randint(0, 40) * 1_000_000,
                    },
                )
                for rid in self.pick("village_stats")
                for r in [self.new["village_stats"][rid]]
            ],
        )
        for rid in self.pick("pairings", 0.3):
            p = self.new["pairings"][rid]
            periods = sorted(pairings[p["agency_code"], p["village_code"]])
            start = _day(p["started_on"])
            before = [end for _start, end in periods if end < start]
            low = max(before) + dt.timedelta(days=1) if before else start - dt.timedelta(days=60)
            earlier = start - dt.timedelta(days=rnd.randint(0, (start - low).days))
            self.set("pairings", rid, started_on=earlier.isoformat(), lead="Người mới")
            self.set("pairings", rid, decision_ref=rnd.choice([None, "9/QĐ"]), note="sửa")
        self.keyed(
            "households",
            lambda r: (r["village_code"], r["helper"], r["helped"]),
            [
                (
                    rid,
                    {
                        "helper": rnd.choice([r["helper"], r["helper"] + " Em"]),
                        "helped": rnd.choice([r["helped"], "Ksor " + r["helped"]]),
                        "started_on": self.shift(
                            r["started_on"],
                            dt.date(2024, 1, 1),
                            _day(r["ended_on"]) if r["ended_on"] else LAST_DAY,
                        ),
                        "note": rnd.choice([None, "sửa"]),
                    },
                )
                for rid in self.pick("households", 0.4)
                for r in [self.new["households"][rid]]
            ],
        )
        self.keyed(
            "activities",
            lambda r: (r["agency_code"], r["village_code"], r["date"], r["kind"], r["title"]),
            [
                (
                    rid,
                    {
                        "title": rnd.choice([r["title"], r["title"] + " (đợt 2)"]),
                        "date": self.shift(r["date"], *period(r)),
                        "kind": rnd.choice([r["kind"], *ACTIVITY_KINDS]),
                        "value_vnd": rnd.choice([r["value_vnd"], rnd.randint(0, 10**9)]),
                        "households_benefited": rnd.choice([None, rnd.randint(0, 99)]),
                        "note": rnd.choice([r["note"], "đã sửa"]),
                    },
                )
                for rid in self.pick("activities", 0.1)
                for r in [self.new["activities"][rid]]
            ],
        )
        visit_edits = []
        for rid in self.pick("visits", 0.2):
            r = self.new["visits"][rid]
            day = self.shift(r["date"], *period(r))
            values: dict[str, Any] = {"date": day, "people_met": rnd.randint(0, 80)}
            if r["resolved_on"] and r["resolved_on"] < day:
                values["resolved_on"] = day
            values["aspirations"] = rnd.choice([r["aspirations"], "Đề nghị làm đường"])
            visit_edits.append((rid, values))
        self.keyed(
            "visits", lambda r: (r["agency_code"], r["village_code"], r["date"]), visit_edits
        )
        self.keyed(
            "inspections",
            lambda r: (r["date"], r["agency_code"], r["village_code"]),
            [
                (
                    rid,
                    {
                        "date": self.shift(r["date"], dt.date(2024, 1, 1), LAST_DAY),
                        "rating": rnd.choice(["good", "fair", None]),  # stored keys
                        "findings": "Đã xem lại",
                    },
                )
                for rid in self.pick("inspections", 0.5)
                for r in [self.new["inspections"][rid]]
            ],
        )
        starts = {}
        for rid in self.pick("localities", 0.5):
            r = self.new["localities"][rid]
            # the commune is named by a code of the 2025 map: valid from 1-7-2025
            day = self.shift(r["started_on"], dt.date(2025, 7, 1), _day(r["started_on"]))
            self.set("localities", rid, started_on=day, decision_ref="KH mới")
        for r in self.old["localities"].values():
            starts[r["agency_code"], r["commune"]] = _day(r["started_on"])
        self.keyed(
            "contributions",
            lambda r: (
                r["agency_code"],
                r["commune"],
                r["contributor_code"],
                r["date"],
                r["title"],
            ),
            [
                (
                    rid,
                    {
                        "title": rnd.choice([r["title"], r["title"] + " bổ sung"]),
                        "date": self.shift(
                            r["date"], starts[r["agency_code"], r["commune"]], LAST_DAY
                        ),
                        "kind": rnd.choice(list(ACTIVITY_KINDS)),
                        "value_vnd": rnd.randint(0, 10**8),
                    },
                )
                for rid in self.pick("contributions", 0.5)
                for r in [self.new["contributions"][rid]]
            ],
        )
        # the renamed village, wherever a record names it
        for kind, records in self.new.items():
            if "village_code" in KINDS[kind].keys:
                for rid, r in records.items():
                    if r["village_code"] in self.renamed:
                        self.set(kind, rid, village_code=self.renamed[r["village_code"]])

    def apply(self, fmt: str, tables: dict[str, tuple[list[str], list[dict]]]) -> None:
        """Make the same corrections in the exported file's rows."""
        for kind, (_header, rows) in tables.items():
            for row in rows:
                for key, value in self.changes[kind].get(row_id(row), {}).items():
                    row[key] = cell(fmt, value)


def _sample(cli: Cli) -> None:
    cli("import", *map(str, SAMPLE))


def _sample_province(backend: str, request: pytest.FixtureRequest, folder: Path) -> Cli:
    """The sample province, imported once per backend and copied into a new database."""
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        return seed(Cli(str(copy_template(template, folder / "k.db"))), _sample)
    from tests.conftest import _truncate

    url = request.getfixturevalue("pg_migrated")
    _truncate(url)
    return seed(Cli(url), _sample)


@pytest.mark.slow  # every record of the sample province exported, corrected and imported back
@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# the corrections are drawn from a seed: a clerk's edits touch thousands of rows, more choices
# than Hypothesis draws well one by one
@given(fmt=st.sampled_from(FORMATS), seed=st.integers(0, 2**32 - 1))
def test_corrected_export_imports_back_onto_the_same_records(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    backend: str,
    fmt: str,
    seed: int,
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    round_trip(_sample_province(backend, request, folder), folder, fmt, seed)


def round_trip(cli: Cli, folder: Path, fmt: str, seed: int) -> None:
    """Export every kind, correct it, import it back: every record is the corrected one."""
    before = stored(cli)
    files = export_all(cli, fmt, folder)
    tables = read_tables(fmt, files)
    editor = Editor(before, random.Random(seed))
    editor.edit()
    editor.apply(fmt, tables)
    write_tables(fmt, files, tables)

    result = cli("import", *map(str, files), "--format", "json")
    summary = json.loads(result.stdout)
    assert summary["warnings"] == []  # the id and database_id columns are read quietly
    after = stored(cli)
    for kind in DEPENDENCY_ORDER:
        assert summary["kinds"][kind]["inserted"] == 0, kind
        assert len(after[kind]) == len(before[kind]), kind
        assert after[kind] == editor.new[kind], kind
    assert sum(1 for kind in editor.changes.values() for _ in kind) > 0
    cli("db", "check")


# -- examples ---------------------------------------------------------------------------------


@pytest.fixture
def province(cli: Cli) -> Cli:
    """Two agencies, three villages, a pairing from 2024-03-01, two activities without a ref
    on one day, a visit and a household pairing."""
    return seed(cli, _province)


def _province(cli: Cli) -> None:
    seed_basic(cli)
    for title, value in (("Khoan giếng nước sạch", "45.000.000"), ("Tặng quà", "5.000.000")):
        cli(
            "activity",
            "add",
            "--agency",
            "SO-NN",
            "--village",
            "GL-0001",
            "--date",
            "2024-05-02",
            "--kind",
            "construction",
            "--title",
            title,
            "--value",
            value,
        )
    cli("visit", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-06-01")
    cli(
        "household",
        "add",
        "--village",
        "GL-0001",
        "--helper",
        "An",
        "--helped",
        "Rơ Châm",
        "--since",
        "2024-03-08",
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    header = header or list(rows[0])
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def export_csv(cli: Cli, kind: str, path: Path) -> list[dict[str, str]]:
    cli("export", kind, "--output", str(path))
    return read_csv(path)


def counts(result: Any) -> dict[str, dict[str, int]]:
    return json.loads(result.stdout)["kinds"]


def test_export_writes_the_database_id_beside_every_row(province: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ours = province.json("db", "info")["database_id"]
    assert uuid.UUID(ours).version == 4
    rows = export_csv(province, "activities", tmp_path / "activities.csv")
    assert list(rows[0])[-1] == "database_id"  # added last: no column moved
    assert list(rows[0])[:2] == ["id", "ref"]
    assert {r["database_id"] for r in rows} == {ours}
    as_json = province.json("export", "visits")
    assert [list(r)[-1] for r in as_json] == ["database_id"]
    assert as_json[0]["database_id"] == ours
    province("export", "all", "--format", "xlsx", "--output", str(tmp_path / "all.xlsx"))
    sheet = list(load_workbook(tmp_path / "all.xlsx")["households"].iter_rows(values_only=True))
    assert sheet[0][-1] == "database_id" and sheet[1][-1] == ours


def test_a_corrected_title_and_date_update_the_activity_instead_of_adding_one(
    province: Cli, tmp_path: Path
) -> None:
    """The report's money is the same after the correction: no second activity."""
    value = province.json("report", "annual", "--year", "2024")["totals"]["value_vnd"]
    history = len(province.json("history"))
    path = tmp_path / "activities.csv"
    rows = export_csv(province, "activities", path)
    well = next(r for r in rows if r["title"] == "Khoan giếng nước sạch")
    well["title"] = "Khoan giếng nước sạch cho 24 hộ"
    well["date"] = "03/05/2024"
    write_csv(path, rows)
    assert counts(province("import", str(path), "--format", "json"))["activities"] == {
        "inserted": 0,
        "updated": 1,
        "unchanged": 1,
        "skipped": 0,
    }
    activities = province.json("activity", "list")
    assert len(activities) == 2
    assert {(a["id"], a["title"], a["date"]) for a in activities} == {
        (int(well["id"]), "Khoan giếng nước sạch cho 24 hộ", "2024-05-03"),
        (2, "Tặng quà", "2024-05-02"),
    }
    assert province.json("report", "annual", "--year", "2024")["totals"]["value_vnd"] == value
    assert len(province.json("history")) == history + 2  # the import and the update
    result = province("import", str(path))  # and again: nothing to do
    assert "nothing changed" in result.stderr


def test_corrected_natural_keys_of_every_dated_kind_are_updates(
    province: Cli, tmp_path: Path
) -> None:
    province(
        "inspection", "add", "--date", "2024-10-15", "--agency", "SO-NN", "--village", "GL-0001"
    )
    files = export_all(province, "json", tmp_path)
    tables = read_tables("json", files)
    tables["visits"][1][0]["date"] = "2024-06-03"
    tables["households"][1][0]["helped"] = "Rơ Châm Em"
    tables["inspections"][1][0]["date"] = "2024-10-16"
    tables["pairings"][1][0]["started_on"] = "2024-02-20"
    write_tables("json", files, tables)
    before = {k: len(v) for k, v in stored(province).items()}
    kinds = counts(province("import", *map(str, files), "--format", "json"))
    for kind in ("visits", "households", "inspections", "pairings"):
        assert kinds[kind]["updated"] == 1 and kinds[kind]["inserted"] == 0, kind
    assert {k: len(v) for k, v in stored(province).items()} == before
    assert province.json("visit", "list")[0]["date"] == "2024-06-03"
    assert province.json("household", "list")[0]["helped"] == "Rơ Châm Em"


def test_a_file_from_another_database_is_matched_by_natural_key(
    province: Cli, tmp_path: Path, sqlite_template: Path
) -> None:
    """Its ids mean nothing here: the other database's activity #1 is not this one's #1."""
    other = Cli(str(copy_template(sqlite_template, tmp_path / "other.db")))
    seed_basic(other)
    other(
        "activity",
        "add",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--date",
        "2024-07-07",
        "--kind",
        "gifts",
        "--title",
        "Tặng sách vở",
    )
    assert other.json("db", "info")["database_id"] != province.json("db", "info")["database_id"]
    path = tmp_path / "activities.csv"
    rows = export_csv(other, "activities", path)
    assert rows[0]["id"] == "1"
    mine = province.json("activity", "show", "1")
    assert counts(province("import", str(path), "--format", "json"))["activities"]["inserted"] == 1
    assert province.json("activity", "show", "1") == mine
    rows[0]["title"] = "Tặng sách vở, bút"  # corrected there: a new record by natural key here
    write_csv(path, rows)
    assert counts(province("import", str(path), "--format", "json"))["activities"]["inserted"] == 1
    assert len(province.json("activity", "list")) == 4


def test_an_older_export_without_the_database_id_is_matched_by_natural_key(
    province: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "activities.csv"
    rows = export_csv(province, "activities", path)
    header = [h for h in rows[0] if h != "database_id"]
    write_csv(path, rows, header)
    before = dump(province.url)
    result = province("import", str(path), "--format", "json")
    assert json.loads(result.stdout)["warnings"] == []
    assert counts(result)["activities"]["unchanged"] == 2
    assert dump(province.url) == before
    rows[0]["title"] = "Khoan giếng"  # as before ids were honoured: another activity
    write_csv(path, rows, header)
    assert counts(province("import", str(path), "--format", "json"))["activities"]["inserted"] == 1


def test_a_record_removed_after_the_export_is_a_problem_not_a_new_record(
    province: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "activities.csv"
    rows = export_csv(province, "activities", path)
    province("activity", "remove", rows[1]["id"])
    before = dump(province.url)
    result = province("import", str(path), code=1)
    assert result.stderr.splitlines()[0] == (
        f"activities.csv:3:id: record #{rows[1]['id']} is no longer stored (removed after the "
        "export?); clear its id to add the row as a new record"
    )
    assert dump(province.url) == before
    rows[1]["id"] = ""
    write_csv(path, rows)
    assert counts(province("import", str(path), "--format", "json"))["activities"]["inserted"] == 1


def test_two_rows_for_one_record_or_a_key_another_record_has_are_problems(
    province: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "activities.csv"
    rows = export_csv(province, "activities", path)
    before = dump(province.url)
    # a row copied to make a new one, still with the id of the one it was copied from
    copied = dict(rows[0], title="Sửa nhà văn hóa", value_vnd="7000000")
    write_csv(path, [*rows, copied])
    result = province("import", str(path), code=1)
    assert result.stderr.splitlines()[0] == (
        f"activities.csv:4:id: is the same record (#{rows[0]['id']}) as row 2; a new row "
        "copied from another needs its id cleared"
    )
    # a correction that gives one activity the natural key of the other
    write_csv(path, [dict(rows[0], title=rows[1]["title"]), rows[1]])
    result = province("import", str(path), code=1)
    assert f"activities.csv:2:title: stored record #{rows[1]['id']} already has the same " in (
        result.stderr
    )
    assert dump(province.url) == before
    # a row by id and a new row with the key the record has now (before the correction)
    write_csv(path, [dict(rows[0], title="Giếng mới"), dict(rows[0], id="")])
    result = province("import", str(path), code=1)
    assert f"activities.csv:3:title: is the same record (#{rows[0]['id']}) as row 2" in (
        result.stderr
    )
    assert dump(province.url) == before


def test_rows_matched_by_id_still_follow_every_rule(province: Cli, tmp_path: Path) -> None:
    province("pair", "add", "--agency", "TD", "--village", "GL-0001", "--since", "2024-01-01")
    province("pair", "end", "--agency", "TD", "--village", "GL-0001", "--on", "2024-02-01")
    province("pair", "add", "--agency", "TD", "--village", "GL-0001", "--since", "2024-04-01")
    folder = tmp_path / "f"
    files = {p.stem: p for p in export_all(province, "csv", folder)}
    before = dump(province.url)

    def refused(kind: str, change: dict[str, str], where: str, reason: str) -> None:
        rows = read_csv(files[kind])
        write_csv(files[kind], [dict(rows[0], **change), *rows[1:]])
        result = province("import", str(files[kind]), code=1)
        assert where in result.stderr and reason in result.stderr, result.stderr
        assert dump(province.url) == before
        write_csv(files[kind], rows)

    # outside its pairing (which started on 2024-03-01)
    refused("activities", {"date": "2024-02-15"}, "activities.csv:2:date:", "no pairing")
    refused("visits", {"date": "2023-12-31"}, "visits.csv:2:date:", "no pairing")
    # a pairing moved onto the other one of the same agency and village
    rows = read_csv(files["pairings"])
    first = next(i for i, r in enumerate(rows) if r["started_on"] == "2024-01-01")
    rows.insert(0, rows.pop(first))
    write_csv(files["pairings"], rows)
    refused(
        "pairings",
        {"ended_on": "2024-05-01"},
        "pairings.csv:",
        "are already paired from 2024-01-01",
    )
    # a pairing shortened so that its activities fall outside it
    rows = read_csv(files["pairings"])
    so_nn = next(i for i, r in enumerate(rows) if r["agency_code"] == "SO-NN")
    rows.insert(0, rows.pop(so_nn))
    write_csv(files["pairings"], rows)
    refused("pairings", {"started_on": "2024-06-01"}, "pairings.csv:2:", "outside the pairing")
    # a locked year, for the date stored and the date in the file alike
    province("lock", "2024")
    before = dump(province.url)
    refused("visits", {"date": "2025-01-05"}, "visits.csv:2:", "year 2024 is locked")
    # a household pairing of 2024 may not end in it; its helper's name, which no figure
    # holds, may still be corrected
    refused("households", {"ended_on": "2024-12-30"}, "households.csv:2:", "year 2024 is locked")


def test_the_database_id_is_made_once_and_kept_by_copies(
    tmp_path: Path, province: Cli, request: pytest.FixtureRequest
) -> None:
    """Every database gets one, old ones on upgrade; db copy keeps it, so a file exported
    before the copy is matched by id in the copy."""
    old = tmp_path / "old.db"
    shutil.copyfile(ROOT / "tests" / "data" / "schema-0001.db", old)
    upgraded = Cli(str(old)).json("db", "info")["database_id"]
    fresh = Cli(str(tmp_path / "new.db")).json("db", "info")["database_id"]
    ours = province.json("db", "info")["database_id"]
    assert len({uuid.UUID(upgraded), uuid.UUID(fresh), uuid.UUID(ours)}) == 3
    assert Cli(str(old)).json("db", "info")["database_id"] == upgraded  # made once
    path = tmp_path / "activities.csv"
    rows = export_csv(province, "activities", path)
    if province.url.startswith("postgresql"):
        target = str(tmp_path / "copy.db")
    else:
        target = request.getfixturevalue("pg_server").create()
    province("db", "copy", target)
    copy_cli = Cli(target)
    assert copy_cli.json("db", "info")["database_id"] == ours
    rows[0]["title"] = "Giếng khoan"
    write_csv(path, rows)
    assert counts(copy_cli("import", str(path), "--format", "json"))["activities"]["updated"] == 1
    assert len(copy_cli.json("activity", "list")) == 2
