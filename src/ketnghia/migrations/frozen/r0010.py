"""Migration 0010's data step, frozen: inspections' free-text ratings to the keys of the rating
choice (good, fair, average, weak) where the text is one of them or its Vietnamese or English
label, folded (case, diacritics, spaces: "tot", "Tốt", "TỐT", "good" → good). Any other text is
kept as it was, for `db check` to list. The folding and the labels are copied here as they were
at 0010, so that later changes to ketnghia's own cannot change what this step did."""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from sqlalchemy.engine import Connection

inspections = sa.table(
    "inspections",
    sa.column("id", sa.Integer),
    sa.column("rating", sa.String),
)

RATINGS = {
    "good": ("Tốt", "Good"),
    "fair": ("Khá", "Fair"),
    "average": ("Trung bình", "Average"),
    "weak": ("Yếu", "Weak"),
}


def fold(text: str) -> str:
    """Lower case, no diacritics (đ as d), letters and digits only."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in bare.lower() if c.isalnum())


def _index() -> dict[str, str]:
    return {fold(name): key for key, labels in RATINGS.items() for name in (key, *labels)}


def convert(conn: Connection) -> None:
    index = _index()
    rows = conn.execute(
        sa.select(inspections.c.id, inspections.c.rating).where(inspections.c.rating.is_not(None))
    ).all()
    for rid, rating in rows:
        key = index.get(fold(rating))
        if key is not None and key != rating:
            conn.execute(inspections.update().where(inspections.c.id == rid).values(rating=key))
