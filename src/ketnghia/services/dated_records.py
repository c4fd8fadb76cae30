"""Activities and visits: records dated inside the pairing of their agency and village.

Both name their pairing by agency code + village code and belong to the pairing of that agency
and village that is active on their date; the shared logic lives here once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import and_, or_, select
from sqlmodel import Session, col

from ketnghia import periods
from ketnghia.errors import InvalidValue, KetnghiaError, NotFound
from ketnghia.i18n import t
from ketnghia.models import Activity, Agency, Pairing, Village, Visit, id_of
from ketnghia.schema import ACTIVITIES, VISITS, Kind
from ketnghia.services.admin_units.places import recorded_in
from ketnghia.services.fields import parse_values, require_changes
from ketnghia.services.lookups import name_contains, resolve_agency, resolve_village
from ketnghia.services.pairings import active_pairing
from ketnghia.values import record_id

D = TypeVar("D", Activity, Visit)


class DatedRecordService(Generic[D]):
    def __init__(self, kind: Kind, model: type[D], record: str) -> None:
        self.kind, self.record = kind, record
        self.model: type[D] = model

    # -- rules -------------------------------------------------------------------------
    def _natural_clash(self, session: Session, obj: D) -> D | None:
        m = self.model
        query = select(m).where(col(m.pairing_id) == obj.pairing_id, col(m.date) == obj.date)
        if isinstance(obj, Activity):
            if obj.ref:
                query = select(m).where(col(Activity.ref) == obj.ref)
            else:
                query = query.where(
                    col(Activity.ref).is_(None),
                    col(Activity.kind) == obj.kind,
                    col(Activity.title) == obj.title,
                )
        if obj.id is not None:
            query = query.where(col(m.id) != obj.id)
        return session.scalars(query.limit(1)).first()

    def _natural_key_text(self, session: Session, obj: D) -> str:
        if isinstance(obj, Activity) and obj.ref:
            return obj.ref
        pairing = session.get_one(Pairing, obj.pairing_id)
        agency = session.get_one(Agency, pairing.agency_id)
        village = session.get_one(Village, pairing.village_id)
        parts = [agency.code, village.code, obj.date.isoformat()]
        if isinstance(obj, Activity):
            parts += [obj.kind, obj.title]
        return " ".join(parts)

    def _validate(self, session: Session, obj: D, agency: Agency, village: Village) -> None:
        if isinstance(obj, Visit) and obj.resolved_on and obj.resolved_on < obj.date:
            raise InvalidValue(
                "resolved_on",
                "resolved_before_visit",
                resolved_on=obj.resolved_on,
                date=obj.date,
            )
        obj.pairing_id = id_of(active_pairing(session, agency, village, obj.date))
        if self._natural_clash(session, obj) is not None:
            raise KetnghiaError(
                "exists", kind=t(f"rec_{self.record}"), key=self._natural_key_text(session, obj)
            )

    # -- commands ----------------------------------------------------------------------
    def add(self, session: Session, values: Mapping[str, Any]) -> D:
        parsed = parse_values(self.kind, values, partial=False)
        agency = resolve_agency(session, parsed.pop("agency_code"))
        village = resolve_village(session, parsed.pop("village_code"))
        obj = self.model(**{k: v for k, v in parsed.items() if v is not None})
        self._validate(session, obj, agency, village)
        session.add(obj)
        session.flush()
        return obj

    def get(self, session: Session, key: Any = None, **natural: Any) -> D:
        """By id (or ref for activities), or by agency + village + date (+ kind/title)."""
        m = self.model
        text_key = str(key).strip() if key is not None else None
        if text_key:
            if self.model is Activity:
                found = session.scalars(select(m).where(col(Activity.ref) == text_key)).first()
                if found is not None:
                    return found
            number = record_id(text_key)
            if number is not None:
                found = session.get(m, number)
                if found is not None:
                    return found
            raise NotFound("not_found", kind=t(f"rec_{self.record}"), key=text_key)
        given = {k: v for k, v in natural.items() if v is not None}
        if not {"agency_code", "village_code", "date"} <= given.keys():
            hint = "--agency A --village V --date D"
            raise InvalidValue(self.record, "need_key", kind=t(f"rec_{self.record}"), hint=hint)
        parsed = parse_values(self.kind, given, partial=True)
        agency = resolve_agency(session, parsed.pop("agency_code"))
        village = resolve_village(session, parsed.pop("village_code"))
        pairing = active_pairing(session, agency, village, parsed["date"])
        query = select(m).where(col(m.pairing_id) == pairing.id)
        for k, v in parsed.items():
            query = query.where(getattr(m, k) == v)
        found_all = list(session.scalars(query.limit(2)))
        if len(found_all) == 1:
            return found_all[0]
        key_text = " ".join(str(v) for v in given.values())
        if not found_all:
            raise NotFound("not_found", kind=t(f"rec_{self.record}"), key=key_text)
        raise InvalidValue(self.record, "need_key", kind=t(f"rec_{self.record}"), hint="id")

    def edit(self, session: Session, obj: D, values: Mapping[str, Any]) -> D:
        require_changes(values)
        parsed = parse_values(self.kind, values, partial=True)
        pairing = session.get_one(Pairing, obj.pairing_id)
        agency_ref, village_ref = parsed.pop("agency_code", None), parsed.pop("village_code", None)
        agency = (
            resolve_agency(session, agency_ref)
            if agency_ref
            else session.get_one(Agency, pairing.agency_id)
        )
        village = (
            resolve_village(session, village_ref)
            if village_ref
            else session.get_one(Village, pairing.village_id)
        )
        for k, v in parsed.items():
            setattr(obj, k, v)
        if isinstance(obj, Activity) and obj.value_vnd is None:
            obj.value_vnd = 0
        with session.no_autoflush:
            self._validate(session, obj, agency, village)
        session.add(obj)
        session.flush()
        return obj

    def resolve(
        self, session: Session, obj: D, on: dt.date | None = None, note: str | None = None
    ) -> D:
        """A visit's aspirations resolved on `on` (today by default), the note added after the
        visit's own: an edit of those two fields, so every rule of an edit holds (not before
        the visit, not in a locked year) and the audit trail has it."""
        assert isinstance(obj, Visit), "only visits have aspirations"
        if not obj.aspirations:
            raise InvalidValue("aspirations", "no_aspirations", key=f"#{obj.id}")
        values: dict[str, Any] = {"resolved_on": (on or dt.date.today()).isoformat()}
        if note:
            values["note"] = f"{obj.note}\n{note}" if obj.note else note
        return self.edit(session, obj, values)

    def remove(self, session: Session, obj: D) -> D:
        session.delete(obj)
        session.flush()
        return obj

    def list(self, session: Session, **filters: Any) -> list[dict[str, Any]]:
        return list(self.iter_rows(session, **filters))

    def iter_rows(
        self,
        session: Session,
        agency: Any = None,
        village: Any = None,
        district: str | None = None,
        year: int | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        search: str | None = None,
        ids: Sequence[int] | None = None,
        condition: Any = None,
        **filters: Any,
    ) -> Iterator[dict[str, Any]]:
        m = self.model
        query = (
            select(m, col(Agency.code), col(Agency.name), col(Village.code), col(Village.name))
            .join(Pairing, col(Pairing.id) == m.pairing_id)
            .join(Agency, col(Agency.id) == Pairing.agency_id)
            .join(Village, col(Village.id) == Pairing.village_id)
        )
        if agency is not None:
            query = query.where(col(Pairing.agency_id) == resolve_agency(session, agency).id)
        if village is not None:
            query = query.where(col(Pairing.village_id) == resolve_village(session, village).id)
        if district is not None:
            query = query.where(*recorded_in(session, district=district))
        if year is not None:
            query = query.where(periods.in_years(m.date, year))
        if date_from is not None:
            query = query.where(col(m.date) >= date_from)
        if date_to is not None:
            query = query.where(col(m.date) <= date_to)
        if search:
            query = query.where(
                or_(name_contains(Agency.name_key, search), name_contains(Village.name_key, search))
            )
        if ids is not None:
            query = query.where(col(m.id).in_(ids))
        if condition is not None:
            query = query.where(condition)
        for column, value in filters.items():
            if value is not None:
                query = query.where(getattr(m, column) == value)
        query = query.order_by(col(m.date), col(m.id)).execution_options(yield_per=2000)
        for obj, a_code, a_name, v_code, v_name in session.execute(query):
            yield self._row(obj, a_code, a_name, v_code, v_name)
            session.expunge(obj)  # keep memory flat on a long export

    def _row(self, obj: D, a_code: str, a_name: str, v_code: str, v_name: str) -> dict:
        row: dict[str, Any] = {}
        for f in self.kind.fields:
            if f.key == "agency_code":
                row[f.key] = a_code
            elif f.key == "village_code":
                row[f.key] = v_code
            else:
                row[f.key] = getattr(obj, f.key)
        row["agency"], row["village"] = a_name, v_name
        return row

    def row(self, session: Session, obj: D) -> dict[str, Any]:
        return self.list(session, ids=[obj.id])[0]


def open_aspirations(as_of: dt.date) -> Any:
    """SQL: visits up to `as_of` with aspirations not resolved by then."""
    return and_(
        col(Visit.date) <= as_of,
        col(Visit.aspirations).is_not(None),
        or_(col(Visit.resolved_on).is_(None), col(Visit.resolved_on) > as_of),
    )


activities = DatedRecordService(ACTIVITIES, Activity, "activity")
visits = DatedRecordService(VISITS, Visit, "visit")
