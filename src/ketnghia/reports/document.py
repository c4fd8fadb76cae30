"""What a signed document adds to a report's figures: who issues it and under which body, where
and when it is made, who signs it and to whom it goes (Hướng dẫn 36-HD/VPTW), and the names of
the agencies and villages that the report's lists give by code only. The words of the heading
and the signature block (`frame`) are made here once, for the HTML and the Word documents.

The defaults are messages of i18n (they read in the document's language); a setting given
(an option, later the config file) replaces its default. The report's JSON is never changed:
names are added to a copy.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ketnghia.i18n import t
from ketnghia.reports.layout import scope_text
from ketnghia.values import document_date


@dataclass(frozen=True)
class Letterhead:
    issuer_parent: str  # the superior body: "TỈNH ỦY GIA LAI"
    issuer: str  # the issuing body: "BAN TUYÊN GIÁO VÀ DÂN VẬN"
    issuer_short: str  # its letters after the number: "Số   -BC/BTGDVTU"
    place: str
    made_on: dt.date
    signer: str  # empty: the name is written by hand
    signer_title: tuple[str, ...]  # one line each: ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")
    recipients: tuple[str, ...]

    def context(self) -> dict[str, Any]:
        """The settings as a template sees them."""
        return {
            "issuer_parent": self.issuer_parent,
            "issuer": self.issuer,
            "issuer_short": self.issuer_short,
            "place": self.place,
            "made_on": self.made_on,
            "signer": self.signer,
            "signer_title": list(self.signer_title),
            "recipients": list(self.recipients),
        }


def _lines(values: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(line.strip() for value in values or () for line in value.splitlines() if line)


def letterhead(
    lang: str,
    *,
    issuer: str | None = None,
    issuer_parent: str | None = None,
    issuer_short: str | None = None,
    place: str | None = None,
    made_on: dt.date | None = None,
    signer: str | None = None,
    signer_title: Iterable[str] | None = None,
    recipients: Iterable[str] | None = None,
) -> Letterhead:
    """The document's settings: each one given, else its default in `lang`. Another issuer
    has other letters after its number: they are left blank unless given."""
    if issuer_short is None:
        issuer_short = t("doc_issuer_short", lang) if issuer is None else ""
    return Letterhead(
        issuer_parent=issuer_parent if issuer_parent is not None else t("doc_issuer_parent", lang),
        issuer=issuer if issuer is not None else t("doc_issuer", lang),
        issuer_short=issuer_short,
        place=place if place is not None else t("doc_place", lang),
        made_on=made_on or dt.date.today(),
        signer=signer or "",
        signer_title=_lines(signer_title) or _lines([t("doc_signer_title", lang)]),
        recipients=_lines(recipients) or _lines([t("doc_recipients", lang)]),
    )


def recipient_lines(recipients: Iterable[str]) -> list[str]:
    """ "- name," each, the last one closed by a full stop (as the office writes them)."""
    names = [r.rstrip(" ,.;") for r in recipients]
    return [f"- {name}{'.' if i == len(names) - 1 else ','}" for i, name in enumerate(names)]


@dataclass(frozen=True)
class Frame:
    """The strings of the letterhead, the title and the signature block, as laid out."""

    party: str
    issuer_parent: str
    issuer: str
    number: str
    place_date: str
    kind: str
    subject: str
    recipients_heading: str
    recipients: Sequence[str]
    signer_title: Sequence[str]
    signer: str


def frame(report_kind: str, data: dict[str, Any], lang: str, head: Letterhead) -> Frame:
    return Frame(
        party=t("doc_party", lang),
        issuer_parent=head.issuer_parent.upper(),
        issuer=head.issuer.upper(),
        number=t("doc_number", lang, short=head.issuer_short),
        place_date=f"{head.place}, {document_date(head.made_on, lang)}",
        kind=t("doc_kind", lang),
        subject=subject(report_kind, data, lang),
        recipients_heading=t("doc_recipients_heading", lang),
        recipients=recipient_lines(head.recipients),
        signer_title=[line.upper() for line in head.signer_title],
        signer=head.signer,
    )


def subject(report_kind: str, data: dict[str, Any], lang: str) -> str:
    """What the report is about, under "BÁO CÁO"."""
    if report_kind == "review":
        return t("doc_subject_review", lang, first=data["from"], last=data["to"])
    if report_kind == "agency":
        return t("doc_subject_agency", lang, year=data["year"], name=data["agency"]["name"])
    text = t("doc_subject_annual", lang, year=data["year"])
    if any(data["scope"].get(k) for k in ("district", "commune", "agency")):
        text += f" ({scope_text(data, lang)})"
    return text


def with_names(session: Any, report: dict[str, Any]) -> dict[str, Any]:
    """A copy of the report whose rows that give an agency or a village by code only (the
    idle pairings, …) carry its name too, as `agency` and `village`."""
    from sqlmodel import col, select

    from ketnghia.models import Agency, Village

    named = copy.deepcopy(report)
    rows = [
        row
        for value in named.values()
        if isinstance(value, list)
        for row in value
        if isinstance(row, dict)
    ]
    for name in ("agency", "village"):
        key = f"{name}_code"
        codes = {r[key] for r in rows if r.get(key) is not None and name not in r}
        if not codes:
            continue
        model: Any = Agency if name == "agency" else Village
        found = dict(
            session.execute(
                select(model.code, model.name).where(col(model.code).in_(sorted(codes)))
            ).all()
        )
        for row in rows:
            if row.get(key) is not None and name not in row:
                row[name] = found.get(row[key], row[key])
    return named
