"""Pairings of an agency with a target over a period: an agency with a village (kết nghĩa), a
locality with a commune (kết nghĩa địa phương). One service serves both, told by a small
description of each kind what its target is, which records are dated inside it and which
messages it speaks.

The rules: one agency and one target have one active pairing at a time (checked under the
pairings lock); the records dated inside a pairing keep its dates from leaving them outside,
keep it from moving to another agency or target, and keep it from being removed. A pairing is
named by its id, or by agency + target: the one active today, else the only one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlmodel import Session, col

from ketnghia import periods
from ketnghia.errors import InvalidValue, KetnghiaError, NotFound, Referenced, RuleViolation
from ketnghia.i18n import t
from ketnghia.kinds import Descriptor
from ketnghia.models import Agency, id_of, metadata
from ketnghia.schema import Kind
from ketnghia.services.fields import check_dates, parse_field, parse_values, require_changes
from ketnghia.services.lookups import lock_pairings, refs_text, resolve_agency
from ketnghia.text import sort_key
from ketnghia.values import record_id


@dataclass(frozen=True)
class PairedKind:
    """What tells one kind of pairing from another, beside its descriptor (its table, its
    schema kind, the link table of its other agencies). The agency is always `agency_id`,
    named by its code in messages as `agency`."""

    descriptor: Descriptor  # its table: agency_id, <target_column>, started_on, ended_on
    record: str  # rec_<record>: what a person calls one
    target_model: Any
    target_key: str  # the schema field that names the target (its code in rows)
    target_column: str
    target_param: str  # the target's name in messages
    target_text: str  # the target's attribute those messages show (its code, or its name)
    target_name_key: str  # the row key of the target's name
    # the target named by a person, as it was on a date (None: any date)
    resolve_target: Callable[[Session, Any, dt.date | None], Any]
    records: tuple[tuple[Any, str], ...]  # (model with pairing_id and date, rec_ label)
    hint: str  # how to name one by its key
    overlap_message: str
    pick_message: str
    no_active_message: str
    later_message: str  # an end that would leave records after it
    outside_message: str  # new dates that would leave records outside
    ended_message: str | None = None  # set: an ended pairing cannot be ended again
    partner_check: Callable[[Agency], None] = lambda agency: None

    @property
    def model(self) -> Any:
        return self.descriptor.model

    @property
    def kind(self) -> Kind:
        assert self.descriptor.kind is not None
        return self.descriptor.kind

    @property
    def table(self) -> str:
        return self.descriptor.table.name

    @property
    def others_key(self) -> str:
        """The field that lists the other agencies that signed (supporters, co-signers)."""
        assert self.descriptor.others is not None
        return self.descriptor.others.field

    @property
    def link(self) -> Table:
        """Their link table: (pairing_id, agency_id)."""
        assert self.descriptor.others is not None
        return metadata.tables[self.descriptor.others.table]


class PairedService:
    def __init__(self, described: PairedKind) -> None:
        self.d = described

    # -- naming ----------------------------------------------------------------------
    def _target_of(self, session: Session, pairing: Any) -> Any:
        return session.get_one(self.d.target_model, getattr(pairing, self.d.target_column))

    def _names(self, partner: Agency, target: Any) -> dict[str, str]:
        return {"agency": partner.code, self.d.target_param: getattr(target, self.d.target_text)}

    def _names_of(self, session: Session, pairing: Any) -> dict[str, str]:
        partner = session.get_one(Agency, pairing.agency_id)
        return self._names(partner, self._target_of(session, pairing))

    def _same_pair(self, partner: Agency, target: Any) -> list[Any]:
        m = self.d.model
        return [m.agency_id == partner.id, getattr(m, self.d.target_column) == target.id]

    def _partner(self, session: Session, ref: Any) -> Agency:
        agency = resolve_agency(session, ref)
        self.d.partner_check(agency)
        return agency

    # -- rules -----------------------------------------------------------------------
    def _check_overlap(
        self,
        session: Session,
        partner: Agency,
        target: Any,
        started: dt.date,
        ended: dt.date | None,
        exclude_id: int | None = None,
    ) -> None:
        """No other pairing of the same two whose dates meet [started, ended]; taken under the
        pairings lock, so the answer holds until commit."""
        m = self.d.model
        lock_pairings(session)
        query = select(m).where(
            *self._same_pair(partner, target),
            periods.overlaps(m.started_on, m.ended_on, started, ended),
        )
        if exclude_id is not None:
            query = query.where(m.id != exclude_id)
        other = session.scalars(query.limit(1)).first()
        if other is not None:
            until = t("until", date=other.ended_on) if other.ended_on else ""
            raise RuleViolation(
                self.d.overlap_message,
                **self._names(partner, target),
                started_on=other.started_on,
                until=until,
            )

    def _records_outside(
        self, session: Session, pairing: Any, started: dt.date, ended: dt.date | None
    ) -> None:
        """Refuse new dates that would leave records dated inside the pairing outside it."""
        for model, label in self.d.records:
            count, first = session.execute(
                select(func.count(), func.min(model.date)).where(
                    model.pairing_id == pairing.id, periods.outside(model.date, started, ended)
                )
            ).one()
            if count:
                raise RuleViolation(
                    self.d.later_message if ended else self.d.outside_message,
                    **self._names_of(session, pairing),
                    date=ended,
                    count=count,
                    what=t(label),
                    first=first,
                )

    def references(self, session: Session, pairing: Any) -> list[tuple[str, int]]:
        return [
            (
                label,
                session.scalar(
                    select(func.count()).select_from(model).where(model.pairing_id == pairing.id)
                )
                or 0,
            )
            for model, label in self.d.records
        ]

    def _refuse_referenced(self, session: Session, pairing: Any) -> None:
        refs = self.references(session, pairing)
        if any(n for _, n in refs):
            raise Referenced(
                "referenced",
                kind=t(f"rec_{self.d.record}"),
                key=str(pairing.id),
                refs=refs_text(refs),
            )

    def active(self, session: Session, partner: Agency, target: Any, on: dt.date) -> Any:
        """The pairing of the two that is active on a date, or a rule error."""
        m = self.d.model
        found = session.scalars(
            select(m).where(
                *self._same_pair(partner, target), periods.active_on(m.started_on, m.ended_on, on)
            )
        ).first()
        if found is None:
            raise RuleViolation(self.d.no_active_message, **self._names(partner, target), date=on)
        return found

    # -- the other agencies that signed ----------------------------------------------
    def other_ids(self, session: Session, partner: Agency, refs: list[str]) -> list[int]:
        """The other agencies in the order given, without repeats; never the partner itself."""
        ids: list[int] = []
        for ref in refs:
            other = resolve_agency(session, ref)
            if other.id == partner.id:
                raise InvalidValue(self.d.others_key, "supporter_is_agency", agency=partner.code)
            if other.id not in ids:
                ids.append(id_of(other))
        return ids

    def _other_codes(self, session: Session, pairing_id: int | None) -> list[str]:
        link = self.d.link.c
        query = select(col(Agency.code)).join(self.d.link, link.agency_id == col(Agency.id))
        return sorted(session.scalars(query.where(link.pairing_id == pairing_id)))

    def _write(self, session: Session, pairing: Any, ids: list[int] | None, new: bool) -> None:
        """Write a pairing with its other agencies and flush; `ids` None leaves them as they
        are. The codes before and after go into the pairing's audit entry, so that a change of
        the list alone is recorded too."""
        from ketnghia import audit

        link, key = self.d.link, self.d.others_key
        if ids is not None:
            with session.no_autoflush:  # the pairing's own changes go into the same entry
                before = [] if new else self._other_codes(session, pairing.id)
                after = sorted(
                    session.scalars(select(col(Agency.code)).where(col(Agency.id).in_(ids)))
                )
            if before != after:
                audit.note_values(session, pairing, None if new else {key: before}, {key: after})
        session.add(pairing)
        session.flush()
        if ids is not None:
            session.execute(delete(link).where(link.c.pairing_id == pairing.id))
            if ids:
                rows = [{"pairing_id": pairing.id, "agency_id": i} for i in ids]
                session.execute(insert(link), rows)

    def others_of(self, session: Session, pairing_ids: list[int]) -> dict[int, list[str]]:
        """Each pairing's other agencies (codes, sorted): one query for a listing."""
        if not pairing_ids:
            return {}
        link = self.d.link.c
        query = (
            select(link.pairing_id, col(Agency.code))
            .join(Agency, col(Agency.id) == link.agency_id)
            .order_by(link.pairing_id, col(Agency.code))
        )
        if len(pairing_ids) < 500:
            query = query.where(link.pairing_id.in_(pairing_ids))
        found: dict[int, list[str]] = {}
        for pairing_id, code in session.execute(query):
            found.setdefault(pairing_id, []).append(code)
        return found

    # -- commands --------------------------------------------------------------------
    def add(self, session: Session, values: Mapping[str, Any]) -> Any:
        d = self.d
        parsed = parse_values(d.kind, values, partial=False)
        partner = self._partner(session, parsed.pop("agency_code"))
        started = parsed["started_on"]
        target = d.resolve_target(session, parsed.pop(d.target_key), started)
        check_dates(started, parsed.get("ended_on"))
        others = self.other_ids(session, partner, parsed.pop(d.others_key, None) or [])
        self._check_overlap(session, partner, target, started, parsed.get("ended_on"))
        pairing = d.model(agency_id=partner.id, **{d.target_column: target.id}, **parsed)
        self._write(session, pairing, others, new=True)
        return pairing

    def get(
        self,
        session: Session,
        key: Any = None,
        agency: Any = None,
        started_on: Any = None,
        on: dt.date | None = None,
        **named: Any,
    ) -> Any:
        """By numeric id, or by agency + target (given by its name in messages: village=,
        commune=) (+ started_on): the one active on `on` (default today), else the only one."""
        d = self.d
        target = named.pop(d.target_param, None)
        if named:
            raise TypeError(f"unexpected arguments: {sorted(named)}")
        if key is not None and str(key).strip().isdigit():
            number = record_id(key)
            found = session.get(d.model, number) if number is not None else None
            if found is None:
                raise NotFound("not_found", kind=t(f"rec_{d.record}"), key=str(key))
            return found
        if agency is None or target is None:
            raise InvalidValue("pairing", "need_key", kind=t(f"rec_{d.record}"), hint=d.hint)
        day = on or dt.date.today()
        partner = resolve_agency(session, agency)
        unit = d.resolve_target(session, target, day)
        query = select(d.model).where(*self._same_pair(partner, unit))
        if started_on is not None:
            query = query.where(d.model.started_on == parse_field(d.kind, "started_on", started_on))
        candidates = list(session.scalars(query.order_by(d.model.started_on)))
        names = self._names(partner, unit)
        if not candidates:
            raise NotFound("not_found", kind=t(f"rec_{d.record}"), key="–".join(names.values()))
        active = [p for p in candidates if periods.is_active_on(p.started_on, p.ended_on, day)]
        if len(candidates) == 1 or len(active) == 1:
            return (active or candidates)[0]
        raise KetnghiaError(
            d.pick_message,
            **names,
            count=len(candidates),
            dates=", ".join(f"#{p.id} {p.started_on}" for p in candidates),
        )

    def end(self, session: Session, pairing: Any, on: Any) -> Any:
        ended = parse_field(self.d.kind, "ended_on", on)
        if ended is None:
            raise InvalidValue("on", "required")
        if pairing.ended_on is not None and self.d.ended_message:
            raise RuleViolation(
                self.d.ended_message,
                **self._names_of(session, pairing),
                date=pairing.ended_on,
            )
        check_dates(pairing.started_on, ended)
        partner = session.get_one(Agency, pairing.agency_id)
        target = self._target_of(session, pairing)
        self._check_overlap(session, partner, target, pairing.started_on, ended, pairing.id)
        self._records_outside(session, pairing, pairing.started_on, ended)
        pairing.ended_on = ended
        session.add(pairing)
        session.flush()
        return pairing

    def edit(self, session: Session, pairing: Any, values: Mapping[str, Any]) -> Any:
        """Change the given fields: the dates (with the records left inside), the agency or the
        target (when no record is dated inside), the other agencies, the rest."""
        d = self.d
        require_changes(values)
        parsed = parse_values(d.kind, values, partial=True)
        agency_ref, target_ref = parsed.pop("agency_code", None), parsed.pop(d.target_key, None)
        others = parsed.pop(d.others_key, None)
        started = parsed.get("started_on", pairing.started_on)
        ended = parsed.get("ended_on", pairing.ended_on)
        partner = (
            self._partner(session, agency_ref)
            if agency_ref
            else session.get_one(Agency, pairing.agency_id)
        )
        target = (
            d.resolve_target(session, target_ref, started)
            if target_ref
            else self._target_of(session, pairing)
        )
        check_dates(started, ended)
        if partner.id != pairing.agency_id or target.id != getattr(pairing, d.target_column):
            self._refuse_referenced(session, pairing)
        self._check_overlap(session, partner, target, started, ended, exclude_id=pairing.id)
        self._records_outside(session, pairing, started, ended)
        for key, value in parsed.items():
            setattr(pairing, key, value)
        pairing.agency_id = partner.id
        setattr(pairing, d.target_column, target.id)
        ids = None if others is None else self.other_ids(session, partner, others)
        self._write(session, pairing, ids, new=False)
        return pairing

    def remove(self, session: Session, pairing: Any) -> Any:
        """Remove a pairing no record is dated inside, with its other agencies (its audit entry
        keeps them)."""
        from ketnghia import audit

        self._refuse_referenced(session, pairing)
        link, key = self.d.link, self.d.others_key
        before = self._other_codes(session, pairing.id)
        if before:
            audit.note_values(session, pairing, {key: before}, None, mark_dirty=False)
        session.execute(delete(link).where(link.c.pairing_id == pairing.id))
        session.delete(pairing)
        session.flush()
        return pairing

    def list(
        self,
        session: Session,
        agency: Any = None,
        target: Any = None,
        year: int | None = None,
        active_on: dt.date | None = None,
        ids: list[int] | None = None,
        where: tuple[Any, ...] = (),
    ) -> list[dict[str, Any]]:
        """Rows with the schema's keys and the names of the agency and the target, by agency
        name, then target name, then start; `where`: more conditions (on Agency, the target)."""
        d = self.d
        m, unit = d.model, d.target_model
        query = (
            select(m, col(Agency.code), col(Agency.name), unit.code, unit.name)
            .join(Agency, col(Agency.id) == m.agency_id)
            .join(unit, unit.id == getattr(m, d.target_column))
            .where(*where)
        )
        if agency is not None:
            query = query.where(m.agency_id == resolve_agency(session, agency).id)
        if target is not None:
            target_id = d.resolve_target(session, target, None).id
            query = query.where(getattr(m, d.target_column) == target_id)
        if year is not None:
            query = query.where(periods.active_during_year(m.started_on, m.ended_on, year))
        if active_on is not None:
            query = query.where(periods.active_on(m.started_on, m.ended_on, active_on))
        if ids is not None:
            query = query.where(m.id.in_(ids))
        results = session.execute(query).all()
        others = self.others_of(session, [p.id for p, *_ in results])
        rows = []
        for p, a_code, a_name, x_code, x_name in results:
            row = {}
            for f in d.kind.fields:
                if f.key == "agency_code":
                    row[f.key] = a_code
                elif f.key == d.target_key:
                    row[f.key] = x_code
                elif f.key == d.others_key:
                    row[f.key] = ";".join(others.get(p.id, []))
                else:
                    row[f.key] = getattr(p, f.key)
            rows.append(row | {"agency": a_name, d.target_name_key: x_name})
        rows.sort(
            key=lambda r: (sort_key(r["agency"]), sort_key(r[d.target_name_key]), r["started_on"])
        )
        return rows

    def row(self, session: Session, pairing: Any) -> dict[str, Any]:
        return self.list(session, ids=[pairing.id])[0]
