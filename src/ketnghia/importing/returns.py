"""Returned forms of the collection round, imported with plain `ketnghia import`.

A workbook with the hidden identity sheet of `collect forms` (importing/forms.py) is a form:
its identity is checked before anything is read (made from this database, a form this
database made, of a version this ketnghia reads — else one line); its sheets of activities,
visits and household pairings import under the usual rules, but for this: a row whose values
are still those the form sent (its fingerprint, in the identity sheet since version 2) changes
nothing, whatever the database holds now — an old copy of a form returned again never undoes a
later correction. Every row must also stay within the form: the form's agency, its villages
paired in the form's year (checked as the row is read, before its pairing is looked for),
dated in that year, and an id only of a record the form sent — else a problem naming the row.
The return is recorded in the import's transaction, with the rows it added and changed (an
untouched form: a return of 0 and 0).
Asked for with `--errors DIR`, a refused form goes back to its sender as a copy of itself with
the bad cells filled and each problem as the cell's comment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, and_, select, update
from sqlmodel import Session, col

from ketnghia.errors import KetnghiaError
from ketnghia.i18n import t
from ketnghia.importing.forms import (
    FORM_KINDS,
    IDENTITY_FIELDS,
    IDENTITY_SHEET,
    PAIRINGS_SHEET,
    fingerprint,
)
from ketnghia.importing.readers import display_name, sha256_of
from ketnghia.models import CollectionForm, Pairing
from ketnghia.periods import active_during_year, in_years
from ketnghia.schema import Kind
from ketnghia.values import as_date

if TYPE_CHECKING:
    from ketnghia.importing.loader import Options, Source, _Job
    from ketnghia.importing.readers import Table as SourceTable

# The sheets of a form that are not imported (besides the guide and the lists).
PASSED_OVER = {IDENTITY_SHEET, *PAIRINGS_SHEET.values()}
FILL = "FFC7CE"  # the light red of a bad cell, as in the file of refused rows
OTHER_ROWS_FILE = "ketnghia-errors.xlsx"  # --errors DIR: refused rows of files not forms


def is_form(tables: Sequence[SourceTable]) -> bool:
    return any(table.stem == IDENTITY_SHEET for table in tables)


@dataclass
class ReturnedForm:
    """A returned form: its file, the form it is, and what its rows may touch."""

    path: Path
    name: str
    form: CollectionForm
    agency_code: str
    villages: set[int]
    sent: dict[str, set[int]]
    sha256: str
    # kind → record id → the fingerprint of its row as sent (none in a version 1 form)
    fingerprints: dict[str, dict[int, str]] = field(default_factory=dict)
    tables: list[int] = field(default_factory=list)  # its tables' places in the command

    @property
    def year(self) -> int:
        return self.form.year

    def outside(
        self, agency_id: int | None, agency_code: Any, village_id: int, village_code: Any
    ) -> tuple[str, str] | None:
        """The form's scope, for a row's agency (None: a household pairing, which has none)
        and village: (column key, reason) when the row leaves it. The agency first; then a
        village the agency is not paired with in the form's year."""
        if agency_id is not None and agency_id != self.form.agency_id:
            return "agency_code", t("form_other_agency", agency=agency_code, form=self.agency_code)
        if village_id not in self.villages:
            return "village_code", t("form_other_village", village=village_code, year=self.year)
        return None

    def as_sent(self, kind: Kind, record_id: int | None, values: dict[str, Any]) -> bool:
        """Whether a row (its values as read, by key) is the record `record_id` exactly as
        the form sent it."""
        sent = self.fingerprints.get(kind.name, {}).get(record_id) if record_id else None
        return sent is not None and sent == fingerprint(kind, values)


def _identity(
    path: Path, name: str
) -> tuple[dict[str, Any], dict[str, set[int]], dict[str, dict[int, str]]]:
    """The identity sheet's fields, the ids sent by kind, and their fingerprints."""
    from ketnghia.importing.workbook import workbook_tables

    fields: dict[str, Any] = {}
    sent: dict[str, set[int]] = defaultdict(set)
    fingerprints: dict[str, dict[int, str]] = defaultdict(dict)
    for table in workbook_tables(path, name, None):
        if table.stem != IDENTITY_SHEET:
            continue
        for _, cells in table.rows:
            key, value, print_ = [*cells, None, None, None][:3]
            if key in IDENTITY_FIELDS:
                fields[key] = value
            elif key in FORM_KINDS and isinstance(value, int):
                sent[key].add(value)
                if isinstance(print_, str):
                    fingerprints[key][value] = print_
    return fields, sent, fingerprints


def recognise(session: Session, path: Path) -> ReturnedForm:
    """The form a returned workbook is, checked; one line when it cannot be taken."""
    from ketnghia.services.collection import FORM_VERSION, form_by_key
    from ketnghia.services.exports import database_id

    name = display_name(path)
    fields, sent, fingerprints = _identity(path, name)
    key, version = fields.get("form_key"), fields.get("form_version")
    if not isinstance(key, str) or not isinstance(version, int):
        raise KetnghiaError("form_damaged", file=name)
    if str(fields.get("database_id") or "").lower() != (database_id(session) or "").lower():
        raise KetnghiaError("form_other_database", file=name)
    if version > FORM_VERSION:
        raise KetnghiaError("form_version_unknown", file=name, version=version)
    form = form_by_key(session, key)
    if form is None:
        raise KetnghiaError("form_unknown", file=name)
    from ketnghia.models import Agency

    agency = session.get(Agency, form.agency_id)
    code = agency.code if agency is not None else "?"
    if fields.get("year") != form.year or fields.get("agency_code") != code:
        raise KetnghiaError(
            "form_altered",
            file=name,
            agency=code,
            year=form.year,
        )
    villages = set(
        session.scalars(
            select(col(Pairing.village_id)).where(
                col(Pairing.agency_id) == form.agency_id,
                active_during_year(col(Pairing.started_on), col(Pairing.ended_on), form.year),
            )
        )
    )
    if version < 2:  # before fingerprints: every row is compared with what is stored
        fingerprints = defaultdict(dict)
    return ReturnedForm(
        path, name, form, code, villages, dict(sent), sha256_of(path), dict(fingerprints)
    )


def sheet_allowed(returned_name: str, kind_name: str) -> None:
    """A form's sheets hold the kinds it asks for; any other is refused (one line)."""
    if kind_name not in FORM_KINDS:
        raise KetnghiaError("form_other_sheet", file=returned_name, kind=kind_name)


# -- the rows: within the form -------------------------------------------------------------


def scope_checks(returned: ReturnedForm, job: _Job) -> Iterable[tuple[Any, Any]]:
    """Queries over a staged table of a form picking the rows that leave the form's year or
    name a record it did not send (row number first), each with how to tell the problem:
    (column, reason). (Its agency and villages are checked as rows are read: `outside`.)"""
    stage: Table = job.stage
    s = stage.c
    kind = job.kind.name
    column_of = job.column_of
    year = returned.year
    if "date" in s:
        at = column_of.get("date", "date")
        yield (
            select(s._row, s.date).where(~in_years(s.date, year)).order_by(s._row),
            lambda row, day, at=at: (
                at,
                t("form_outside_year", date=as_date(day) or day, year=year),
            ),
        )
    elif "started_on" in s:
        at = column_of.get("started_on", "started_on")
        yield (
            select(s._row, s.started_on)
            .where(~active_during_year(s.started_on, s.ended_on, year))
            .order_by(s._row),
            lambda row, day, at=at: (at, t("form_not_active", year=year)),
        )
    sent = sorted(returned.sent.get(kind, ()))
    at = column_of.get("id", "id")
    yield (
        select(s._row, s._id)
        .where(s._id.is_not(None), s._id.not_in(sent) if sent else s._id.is_not(None))
        .order_by(s._row),
        lambda row, record, at=at: (at, t("form_id_not_sent", id=record)),
    )


def untouched_rows(job: _Job) -> Any:
    """The statement that makes the staged rows of a form left as they were sent (matched
    by their id) change nothing: whatever is stored now stays."""
    s = job.stage.c
    return (
        update(job.stage)
        .where(s._action == "insert", s._target == s._id, s._untouched.is_(True))
        .values(_action="same")
    )


def leave_out_removed(conn: Any, job: _Job) -> list[str]:
    """The staged rows of a form left as they were sent whose record was removed since the
    form was made: the removal stands, each row is left out (counted unchanged), and said."""
    s = job.stage.c
    left = and_(
        s._id.is_not(None),
        s._action == "insert",
        s._target.is_(None),
        s._untouched.is_(True),
    )
    told = [
        t("form_record_removed", file=job.source.name, row=row, id=record)
        for row, record in conn.execute(select(s._row, s._id).where(left).order_by(s._row))
    ]
    conn.execute(update(job.stage).where(left).values(_action="same"))
    return told


def record_returns(
    session: Session, returned: Iterable[ReturnedForm], counts: dict[int, dict[str, int]]
) -> list[dict[str, Any]]:
    """Record each returned form with the rows its tables added and changed."""
    from ketnghia.services.collection import record_return

    told = []
    for form in returned:
        added = sum(counts.get(n, {}).get("insert", 0) for n in form.tables)
        changed = sum(counts.get(n, {}).get("update", 0) for n in form.tables)
        record_return(session, form.form, form.name, form.sha256, added, changed)
        told.append(
            {
                "file": form.name,
                "agency_code": form.agency_code,
                "year": form.year,
                "rows_added": added,
                "rows_changed": changed,
            }
        )
    return told


# -- errors back to the sender -------------------------------------------------------------


def is_folder(path: Path) -> bool:
    """`--errors` names a folder: one that exists, or a name without a suffix."""
    return path.is_dir() or not path.suffix


def check_folder(folder: Path, inputs: Sequence[Path | str]) -> None:
    """The copies of forms are written under their own names: never in a folder they are
    read from (they would replace the returned files), never from stdin."""
    from ketnghia.outputs import real_path

    if any(str(p) == "-" for p in inputs):
        raise KetnghiaError("errors_from_stdin")
    target = real_path(folder)
    for given in inputs:
        given_path = Path(given)
        place = given_path if given_path.is_dir() else given_path.parent
        if real_path(place) == target:
            raise KetnghiaError("errors_folder_is_input", path=str(folder))


def write_marked(
    folder: Path, sources: list[Source], problems: Iterable[Any], options: Options
) -> int:
    """Each refused form's copy in `folder` (its own name) with its bad cells filled and
    commented; the refused rows of other files in one workbook beside them, as `--errors
    FILE.xlsx` writes them. The number of rows refused."""
    from ketnghia.importing.refused import write_refused

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KetnghiaError("forms_folder", path=str(folder), reason=exc.strerror or exc) from None
    by_form: dict[int, list[tuple[str, int, int | None, str]]] = defaultdict(list)
    forms: dict[int, ReturnedForm] = {}
    others: list[Any] = []
    for problem in problems:
        number, row, position, _column, reason = problem
        source = sources[number]
        if source.form is None:
            others.append(tuple(problem))
            continue
        forms[id(source.form)] = source.form
        table = source.table
        by_form[id(source.form)].append((table.stem, row or table.header_row, position, reason))
    count = 0
    for key, marks in by_form.items():
        count += _mark_copy(forms[key], folder, marks)
    if others:
        count += write_refused(folder / OTHER_ROWS_FILE, sources, others, options)
    return count


def _mark_copy(
    returned: ReturnedForm, folder: Path, marks: list[tuple[str, int, int | None, str]]
) -> int:
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    from ketnghia.outputs import write_with

    workbook = load_workbook(returned.path)
    fill = PatternFill("solid", fgColor=FILL)
    reasons: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    rows: set[tuple[str, int]] = set()
    for sheet, row, position, reason in marks:
        reasons[(sheet, row, (position or 0) + 1)].append(reason)
        rows.add((sheet, row))
    for (sheet, row, column), said in reasons.items():
        cell = workbook[sheet].cell(row=row, column=column)
        cell.fill = fill
        comment = Comment("\n".join(said), "ketnghia")
        comment.width, comment.height = 320, 40 + 30 * len(said)
        cell.comment = comment
    write_with(folder / returned.name, workbook.save)
    return len(rows)
