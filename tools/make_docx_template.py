"""Build the default Word template of the annual report, shipped with ketnghia as
src/ketnghia/word_templates/bao-cao-nam.docx (`ketnghia report docx-template` writes a copy):

    uv run python tools/make_docx_template.py

It is laid out by the code of the built-in document (reports/render_docx.py: the page, the
letterhead, the tables, the signature block), with Jinja tags where the built-in document has
figures, so a province that edits it in Word starts from the same layout. Its words are
Vietnamese. Every tag and filter it uses is listed in README ("Your own Word template");
tests/test_report_docx.py fills it with the sample province and checks that the shipped file
is what this script builds.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from ketnghia.i18n import t
from ketnghia.reports.annual import TOTALS
from ketnghia.reports.document import Frame
from ketnghia.reports.layout import heading
from ketnghia.reports.render_docx import (
    blank,
    letterhead,
    para,
    part_heading,
    section_heading,
    sentence,
    signature,
    table,
)

TARGET = Path(__file__).resolve().parents[1] / "src/ketnghia/word_templates/bao-cao-nam.docx"
VI = "vi"


# the letterhead and the signature block, their words as tags
FRAME = Frame(
    party=t("doc_party", VI),
    issuer_parent="{{ issuer_parent|upper }}",
    issuer="{{ issuer|upper }}",
    number="Số       -BC/{{ issuer_short }}",
    place_date="{{ place }}, {{ made_on|date_vi }}",
    kind=t("doc_kind", VI),
    subject="{{ subject }}",
    recipients_heading=t("doc_recipients_heading", VI),
    recipients=[
        "{%p for r in recipients %}",
        "- {{ r }}{% if loop.last %}.{% else %},{% endif %}",
        "{%p endfor %}",
    ],
    signer_title=["{%p for line in signer_title %}", "{{ line|upper }}", "{%p endfor %}"],
    signer="{{ signer }}",
)


def _loop(
    doc: Any,
    items: str,
    columns: list[tuple[str, str, str]],
    total: list[str] | None = None,
) -> None:
    """A table with a row per item: (heading key, how, the cell's tag)."""
    table(
        doc,
        [heading(k, VI) for k, _, _ in columns],
        [how for _, how, _ in columns],
        [
            [f"{{%tr for r in {items} %}}"] + [""] * (len(columns) - 1),
            [tag for _, _, tag in columns],
            ["{%tr endfor %}"] + [""] * (len(columns) - 1),
        ],
        total,
        VI,
        keys=[k for k, _, _ in columns],
        ordinal=lambda i: "{{ loop.index }}" if i == 2 else "",
    )


def _total(items: str, columns: list[tuple[str, str, str]]) -> list[str]:
    cells = [t("total_row", VI)]
    for key, how, _ in columns[1:]:
        cells.append(
            f"{{{{ {items}|sum(attribute='{key}')|{'money' if how == 'money' else 'number'} }}}}"
            if how in ("money", "int") and key != "villages"
            else ""
        )
    return cells


def build(target: Path = TARGET) -> Path:
    doc = blank()
    doc.core_properties.title = "BÁO CÁO {{ subject }}"
    doc.core_properties.author = "{{ issuer }}"
    doc.core_properties.language = "vi-VN"
    letterhead(doc, FRAME)
    sentence(doc, "Trên cơ sở số liệu theo dõi công tác kết nghĩa, kết quả thực hiện như sau:")

    part_heading(doc, 1, t("part_summary", VI))
    sentence(doc, "{{ summary }}")
    section_heading(doc, 1, t("sec_totals", VI))
    table(
        doc,
        [t("col_metric", VI), t("col_value", VI)],
        ["text", "money"],
        [
            [t(f"tot_{k}", VI), f"{{{{ totals.{k}|{'money' if k == 'value_vnd' else 'number'} }}}}"]
            for k in TOTALS
        ],
        lang=VI,
    )
    section_heading(doc, 2, t("sec_map", VI))
    para(doc, "{{ map_picture }}", align=WD_ALIGN_PARAGRAPH.CENTER)

    part_heading(doc, 2, t("part_places", VI))
    section_heading(doc, 1, t("sec_by_district", VI))
    districts = [
        ("district", "text", "{{ r.district or '(chưa rõ huyện)' }}"),
        ("villages", "int", "{{ r.villages|number }}"),
        ("pairings", "int", "{{ r.pairings|number }}"),
        ("activities", "int", "{{ r.activities|number }}"),
        ("value_vnd", "money", "{{ r.value_vnd|money }}"),
    ]
    _loop(doc, "by_district", districts, _total("by_district", districts))
    section_heading(doc, 2, t("sec_by_agency", VI))
    agencies = [
        ("agency", "text", "{{ r.agency }}"),
        ("villages", "int", "{{ r.villages|number }}"),
        ("activities", "int", "{{ r.activities|number }}"),
        ("value_vnd", "money", "{{ r.value_vnd|money }}"),
    ]
    _loop(doc, "by_agency", agencies, _total("by_agency", agencies))

    part_heading(doc, 3, t("part_activities", VI))
    section_heading(doc, 1, t("sec_by_kind", VI))
    kinds = [
        ("kind", "text", "{{ r.kind|label('activity_kind') }}"),
        ("activities", "int", "{{ r.activities|number }}"),
        ("value_vnd", "money", "{{ r.value_vnd|money }}"),
    ]
    _loop(doc, "by_kind", kinds, _total("by_kind", kinds))
    section_heading(doc, 2, t("sec_by_source", VI))
    sources = [
        ("source", "text", "{{ r.source|label('source') if r.source else '(chưa rõ)' }}"),
        ("value_vnd", "money", "{{ r.value_vnd|money }}"),
    ]
    _loop(doc, "by_source", sources, _total("by_source", sources))

    part_heading(doc, 4, t("part_formalism", VI))
    for text in (
        "{%p if idle_pairings %}",
        "Có {{ idle_pairings|length }} cặp kết nghĩa không có hoạt động, không có lượt nắm tình "
        "hình nào trong năm {{ year }}:",
        "{%p for p in idle_pairings %}",
        "- {{ p.agency }} với {{ p.village }} (từ {{ p.started_on|date }});",
        "{%p endfor %}",
        "{%p else %}",
        "Trong năm {{ year }}, không có cặp kết nghĩa nào thiếu hoạt động.",
        "{%p endif %}",
        "{%p if unpaired_villages %}",
        "Còn {{ unpaired_villages|length }} thôn, làng đặc biệt khó khăn chưa được kết nghĩa:",
        "{%p for v in unpaired_villages %}",
        "- {{ v.village }}{% if v.district %} ({{ v.district }}){% endif %};",
        "{%p endfor %}",
        "{%p else %}",
        "Tất cả thôn, làng đặc biệt khó khăn đều đã được kết nghĩa.",
        "{%p endif %}",
    ):
        sentence(doc, text)

    part_heading(doc, 5, t("part_outcomes", VI))
    sentence(doc, "{%p if outcomes.by_village %}")
    sentence(
        doc,
        "Năm {{ year }}, ở {{ outcomes.villages_with_figures|number }} thôn, làng được kết nghĩa "
        "có số liệu, số hộ nghèo giảm từ {{ outcomes.poor_start|number }} xuống "
        "{{ outcomes.poor_end|number }} hộ ({{ outcomes.out_of_poverty|number }} hộ thoát "
        "nghèo); {{ outcomes.villages_meeting_aim|number }} thôn, làng đạt chỉ tiêu từ 2 hộ "
        "thoát nghèo trở lên. Các thôn, làng còn tỷ lệ hộ nghèo từ 20% trở lên:",
    )
    _loop(
        doc,
        "outcomes.special_difficulty_by_figures",
        [
            ("village_code", "text", "{{ r.village_code }}"),
            ("village", "text", "{{ r.village }}"),
            ("poverty_rate", "rate", "{{ r.poverty_rate|percent }}"),
        ],
    )
    sentence(doc, "{%p else %}")
    sentence(doc, "Chưa có chỉ số thôn của năm {{ year }}.")
    sentence(doc, "{%p endif %}")

    signature(doc, FRAME)
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(target))
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET))
