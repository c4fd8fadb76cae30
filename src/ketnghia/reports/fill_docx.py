"""A province's own Word template, filled with the report (docxtpl: Jinja tags in a .docx).

The context is the report's JSON (the keys of `--format json`, with the names that
document.with_names adds to rows given by code), the document's settings (document.Letterhead:
`issuer`, `issuer_parent`, `issuer_short`, `place`, `made_on`, `signer`, `signer_title`,
`recipients`), `subject` and `summary`, the sentences of the built-in layout, and
`map_picture`, the annual report's map. The filters write numbers, money, percentages and dates
the Vietnamese way whatever the language (a template is a document in its own language):
`money`, `number`, `percent`, `date`, `date_vi`, `label`. Names are strict: a tag the report
does not have is an error, never a blank left in a signed document. Every failure of a template
is one line naming the file.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from ketnghia.errors import KetnghiaError
from ketnghia.reports.document import Letterhead, subject
from ketnghia.reports.render_docx import summary
from ketnghia.schema import CHOICES
from ketnghia.values import document_date, format_money, format_number, format_percent, short_date


def _day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"not a date: {value!r}") from None


def _whole(value: Any, name: str) -> int | float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name}: not a number: {value!r}")
    return value


def money(value: Any) -> str:
    """24348000000 → 24.348.000.000"""
    number = _whole(value, "money")
    return "" if number is None else format_money(round(number), "vi")


def number(value: Any) -> str:
    """5757 → 5.757; 1.5 → 1,5"""
    return format_number(_whole(value, "number"), "vi")


def percent(value: Any) -> str:
    """23.9 → 23,9% (a figure already in percent)"""
    return format_percent(_whole(value, "percent"), "vi")


def date(value: Any) -> str:
    """2026-11-26 → 26/11/2026"""
    day = _day(value)
    return "" if day is None else short_date(day)


def date_vi(value: Any) -> str:
    """2026-11-26 → ngày 26 tháng 11 năm 2026"""
    day = _day(value)
    return "" if day is None else document_date(day, "vi")


def label(value: Any, choices: str | None = None) -> str:
    """A code as its Vietnamese label: construction → Công trình (`label('source')` to say
    which list, else the first list that has the code)."""
    if value is None:
        return ""
    lists = [CHOICES[choices]] if choices else list(CHOICES.values())
    for options in lists:
        if value in options:
            return options[value][0]
    return str(value)


FILTERS = {
    "money": money,
    "number": number,
    "percent": percent,
    "date": date,
    "date_vi": date_vi,
    "label": label,
}


def context(report_kind: str, data: dict[str, Any], lang: str, head: Letterhead) -> dict[str, Any]:
    """What a template's tags may name."""
    return {
        **data,
        **head.context(),
        "subject": subject(report_kind, data, lang),
        "summary": summary(report_kind, data, lang),
    }


def pictures(report_kind: str, data: dict[str, Any], lang: str) -> dict[str, bytes]:
    """The pictures a template may show, as PNG: `map_picture`, the annual report's map."""
    if report_kind != "annual":
        return {}
    from ketnghia.reports import province_map

    return {"map_picture": province_map.png(data, lang)}


def check(path: Path) -> None:
    """A template that is not there or not a Word file, said before any work."""
    try:
        with zipfile.ZipFile(path) as archive:
            archive.getinfo("word/document.xml")
    except OSError as exc:
        raise KetnghiaError("file_error", path=str(path), detail=exc.strerror or str(exc)) from None
    except (zipfile.BadZipFile, KeyError) as exc:
        detail = "word/document.xml" if isinstance(exc, KeyError) else str(exc)
        raise KetnghiaError("docx_template_not_word", path=str(path), detail=detail) from None


def _one_line(text: str) -> str:
    """Jinja's message on one line, in words a user reads without alarm."""
    text = str(text).replace("Unexpected end of template", "The template ends too soon")
    text = re.sub(r"(?i)\bunexpected (.+?)(\.|$)", r"\1 out of place\2", text)
    return " ".join(text.split())


def _where(exc: Exception) -> str:
    """The text of the paragraph where Jinja stopped, when docxtpl says it."""
    lines = [_one_line(line) for line in getattr(exc, "docx_context", None) or ()]
    lineno = getattr(exc, "lineno", None)
    if not lines or lineno is None:
        return ""
    middle = lines[min(len(lines) - 1, lineno - max(lineno - 4, 0) - 1)]
    return f" («{middle[:80]}»)" if middle else ""


def fill(path: Path, values: dict[str, Any], images: dict[str, bytes] | None = None) -> Any:
    """The template at `path` filled with `values` and `images` (PNG, as wide as the text
    column): a docxtpl document (it has .save)."""
    import io

    import jinja2
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage  # type: ignore[import-untyped]

    check(path)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters.update(FILTERS)
    template = DocxTemplate(str(path))
    shown = str(path)
    values = values | {
        name: InlineImage(template, io.BytesIO(png), width=Mm(165))
        for name, png in (images or {}).items()
    }
    try:
        template.render(values, env, autoescape=True)
    except jinja2.TemplateAssertionError as exc:
        unknown = re.search(r"No filter named '([^']+)'", str(exc.message))
        if unknown:
            raise KetnghiaError(
                "docx_template_filter", path=shown, name=unknown.group(1), known=", ".join(FILTERS)
            ) from None
        raise KetnghiaError(
            "docx_template_syntax", path=shown, detail=_one_line(exc.message or "") + _where(exc)
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise KetnghiaError(
            "docx_template_syntax", path=shown, detail=_one_line(exc.message or "") + _where(exc)
        ) from None
    except jinja2.UndefinedError as exc:
        raise KetnghiaError(
            "docx_template_unknown", path=shown, detail=_one_line(exc.message or "") + _where(exc)
        ) from None
    except SyntaxError as exc:  # lxml's XMLSyntaxError: tags that cut a paragraph or a row
        raise KetnghiaError(
            "docx_template_failed",
            path=shown,
            detail=_one_line(f"{exc} ({{%p %}} or {{%tr %}} for tags around paragraphs and rows)"),
        ) from None
    except (jinja2.TemplateError, ValueError, TypeError, ArithmeticError, LookupError) as exc:
        # the template's own expressions ({{ totals + 1 }}, a filter given text …)
        raise KetnghiaError(
            "docx_template_failed",
            path=shown,
            detail=_one_line(
                str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
            )
            + _where(exc),
        ) from None
    return template
