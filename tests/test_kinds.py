"""One descriptor per kind of record (ketnghia.kinds): every kind has a complete one, and a
record has one key in the history whatever wrote it — a command or an import."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from ketnghia import kinds
from ketnghia.models import metadata
from ketnghia.schema import DEPENDENCY_ORDER, KINDS
from tests.conftest import Cli, seed_basic

PAIR = "--agency SO-NN --village GL-0001"
LOCALITY = "--agency P-HNTAY --commune 'Kông Bơ La'"


def test_every_kind_has_a_complete_descriptor() -> None:
    assert set(KINDS) == {name for name, d in kinds.DESCRIPTORS.items() if d.kind is not None}
    assert set(DEPENDENCY_ORDER) == set(KINDS)
    for name, kind in KINDS.items():
        d = kinds.of(name)
        assert d.kind is kind and d.name == name
        table = d.table
        assert metadata.tables[table.name] is table
        assert d.natural_key and set(d.natural_key) <= set(table.c.keys()), name
        assert d.report_column in kind.keys, name
        assert d.ref is None or d.ref in table.c
        assert d.always <= set(table.c.keys())
        defaults = d.insert_defaults  # the model's defaults, written by the importer's SQL
        assert set(defaults) <= set(table.c.keys()) and not any(map(callable, defaults.values()))
        assert callable(kinds.lister(d.lister)), name  # type: ignore[arg-type]
        if d.others is not None:
            assert kind.field(d.others.field).type == "agencies"
            assert d.others.key in metadata.tables[d.others.table].c
    for d in kinds.DESCRIPTORS.values():
        assert kinds.BY_MODEL[d.model] is d
        columns = set(d.table.c.keys())
        assert set(d.lock_dates) <= columns, d.name
        key = d.audit_key
        assert {p.column for p in key.parts} <= columns, d.name
        assert key.preferred is None or key.preferred in columns
        for part in key.parts:
            assert part.code_of is None or "code" in metadata.tables[part.code_of].c


def _csv(folder: Path, name: str, text: str) -> str:
    path = folder / f"{name}.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


# kind: (commands that write a record, the file that changes it, the record's key)
CHANGED_BOTH_WAYS: dict[str, tuple[list[str], str, str]] = {
    "agencies": ([], "code,name\nTD,Tỉnh đoàn (mới)\n", "TD"),
    "villages": ([], "code,name\nGL-0002,Làng Díp mới\n", "GL-0002"),
    "village_stats": (
        ["village stats --village GL-0001 --year 2024 --households 100"],
        "village_code,year,households\nGL-0001,2024,110\n",
        "#1",
    ),
    "pairings": (
        [],
        "agency_code,village_code,started_on,lead\nSO-NN,GL-0001,2024-03-01,Ông A\n",
        "SO-NN GL-0001 2024-03-01",
    ),
    "households": (
        ["household add --village GL-0001 --helper A --helped B --since 2024-03-05"],
        "village_code,helper,helped,started_on,note\nGL-0001,A,B,2024-03-05,mới\n",
        "#1",
    ),
    "activities": (
        [f"activity add {PAIR} --date 2024-05-01 --kind gifts --title Quà"],
        "agency_code,village_code,date,kind,title,value_vnd\n"
        "SO-NN,GL-0001,2024-05-01,gifts,Quà,5000\n",
        "#1",
    ),
    "activities with a ref": (
        [f"activity add --ref HD-1 {PAIR} --date 2024-05-01 --kind gifts --title Quà"],
        "ref,agency_code,village_code,date,kind,title\nHD-1,SO-NN,GL-0001,2024-05-02,gifts,Quà\n",
        "HD-1",
    ),
    "visits": (
        [f"visit add {PAIR} --date 2024-06-01"],
        "agency_code,village_code,date,people_met\nSO-NN,GL-0001,2024-06-01,40\n",
        "#1",
    ),
    "inspections": (
        ["inspection add --date 2024-10-01 --agency SO-NN"],
        "date,agency_code,village_code,rating\n2024-10-01,SO-NN,,Tốt\n",
        "#1",
    ),
    "localities": (
        [f"locality add {LOCALITY} --since 2025-08-22"],
        "agency_code,commune,started_on,decision_ref\nP-HNTAY,Kông Bơ La,2025-08-22,KH 1\n",
        "P-HNTAY 23674 2025-08-22",
    ),
    "contributions": (
        [
            f"locality add {LOCALITY} --since 2025-08-22",
            f"locality contribute {LOCALITY} --contributor P-HNTAY --date 2025-09-01"
            " --kind gifts --title Quà --value-vnd 1000",
        ],
        "agency_code,commune,contributor_code,date,kind,title,value_vnd\n"
        "P-HNTAY,Kông Bơ La,P-HNTAY,2025-09-01,gifts,Quà,2000\n",
        "#1",
    ),
}


def seed_every_kind(cli: Cli, commands: list[str]) -> None:
    seed_basic(cli)
    cli(*shlex.split("agency add --code P-HNTAY --name 'Phường Hoài Nhơn Tây' --kind locality"))
    for command in commands:
        cli(*shlex.split(command))


@pytest.mark.parametrize("case", list(CHANGED_BOTH_WAYS))
def test_a_record_has_one_key_whether_a_command_or_an_import_wrote_it(
    cli: Cli, tmp_path: Path, case: str
) -> None:
    commands, text, key = CHANGED_BOTH_WAYS[case]
    kind = case.split()[0]
    seed_every_kind(cli, commands)
    cli("import", _csv(tmp_path, kind, text))
    entries = [e for e in cli.json("history", "--key", key) if e["kind"] == kind]
    assert [e["action"] for e in entries] == ["insert", "update"], entries
    assert entries[0]["command"] != "ketnghia import"
    assert entries[1]["command"] == "ketnghia import"


def test_the_key_in_python_and_in_sql_agree_for_every_stored_record(cli: Cli) -> None:
    """The flush hook's key (Python) and the importer's (SQL) come from one description:
    over stored records of every kind, both give the same text."""
    from sqlalchemy import select

    from ketnghia.db import Database

    every = [command for commands, _, _ in CHANGED_BOTH_WAYS.values() for command in commands]
    seed_every_kind(cli, list(dict.fromkeys(every)))
    cli("village", "move", "GL-0001", "--to", "Kông Bơ La", "--on", "2025-07-01")
    db = Database(cli.url)
    try:
        with db.write() as session:  # the collection round's records, as its commands write them
            from ketnghia.models import Agency
            from ketnghia.services.collection import record_form, record_return

            agency = session.scalars(select(Agency)).first()
            assert agency is not None and agency.id is not None
            form = record_form(session, agency.id, 2024, "form.xlsx")
            record_return(session, form, "form.xlsx", "0" * 64, rows_added=1, rows_changed=0)
        with db.session() as session:
            conn = session.connection()
            for d in kinds.DESCRIPTORS.values():
                columns = d.table.c
                in_python = {
                    obj.id: d.key_of(conn, obj) for obj in session.scalars(select(d.model))
                }
                key = d.audit_key.sql(lambda name, columns=columns: columns[name])
                in_sql = dict(conn.execute(select(columns.id, key)).all())
                assert in_python, d.name  # a record of every kind to compare
                assert in_python == in_sql, d.name
            places = kinds.of("village_places")
            keys = {places.key_of(conn, p) for p in session.scalars(select(places.model))}
            assert {"GL-0001 -", "GL-0001 2025-07-01"} <= keys  # an open start shows "-"
    finally:
        db.close()
